//! The table of AWS-owned documents (`data/documents/`): every file is in
//! it and parses, its patterns compile, each default obeys its own
//! parameter's rules, and every document has a valid program and a program
//! with the typical mistakes among the fixtures.

mod common;

use mwc::documents::{self, Document};
use std::collections::BTreeSet;
use std::path::Path;

fn table() -> Vec<&'static Document> {
    documents::all_owned().collect()
}

#[test]
fn every_file_of_the_table_is_read_and_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/documents");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("data/documents")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert_eq!(
        documents::owned_files().len(),
        files.len(),
        "src/documents.rs lists every file of data/documents/"
    );
    for text in documents::owned_files() {
        if let Err(e) = serde_json::from_str::<Document>(text) {
            panic!("a document file does not parse: {e}");
        }
    }
    let names: BTreeSet<String> = table().iter().map(|d| format!("{}.json", d.name)).collect();
    assert_eq!(names, files, "each file is named after its document");
}

#[test]
fn every_document_says_where_it_was_read_and_when() {
    for doc in table() {
        assert!(doc.source.starts_with("https://"), "{}: source", doc.name);
        assert!(
            doc.read.parse::<jiff::civil::Date>().is_ok(),
            "{}: read is a date",
            doc.name
        );
        assert!(!doc.platforms.is_empty(), "{}: platforms", doc.name);
    }
}

#[test]
fn every_pattern_compiles_and_every_default_obeys_its_parameter() {
    for doc in table() {
        for (name, param) in &doc.parameters {
            if let Some(pattern) = &param.allowed_pattern {
                let java = pattern
                    .replace(r"\w", "[A-Za-z0-9_]")
                    .replace(r"\d", "[0-9]");
                assert!(
                    regex::Regex::new(&java).is_ok(),
                    "{} {name}: pattern {pattern} does not compile",
                    doc.name
                );
            }
            let Some(default) = param.default_text() else {
                continue;
            };
            // Defaults AWS fills in itself ({{SourceAmiId}}) are not values.
            if default.contains("{{") || !param.ty.single() {
                continue;
            }
            if let Some(allowed) = &param.allowed_values {
                assert!(
                    allowed.contains(&default),
                    "{} {name}: default {default}",
                    doc.name
                );
            }
            if let Some(pattern) = &param.allowed_pattern {
                assert!(
                    mwc::patterns::finds(pattern, &default),
                    "{} {name}: default {default:?} does not match {pattern}",
                    doc.name
                );
            }
        }
    }
}

#[test]
fn every_document_has_a_valid_program_and_one_with_mistakes() {
    let read = |dir: &str| -> String {
        common::mw_files(dir)
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    };
    let ok = read("tests/fixtures/ok");
    let err = read("tests/fixtures/err");
    for doc in table() {
        let quoted = format!("\"{}\"", doc.name);
        assert!(ok.contains(&quoted), "no ok fixture runs {}", doc.name);
        assert!(err.contains(&quoted), "no err fixture runs {}", doc.name);
    }
}

#[test]
fn a_document_mwc_does_not_know_is_never_checked() {
    let mut sources = mwc::Sources::new();
    sources.add(
        "custom.mw",
        "window Nightly {\n  schedule = \"cron(0 2 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web { tags = { Tier = \"web\" } }\n  task Patch {\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"Company-Patch\" { parameters = { anything = \"goes\" } }\n  }\n}\n",
    );
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn values_aws_fills_in_are_not_checked() {
    let mut sources = mwc::Sources::new();
    sources.add(
        "pseudo.mw",
        "window Nightly {\n  schedule = \"cron(0 2 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web { tags = { Tier = \"web\" } }\n  task Patch {\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"AWS-RunPatchBaseline\" { parameters = { Operation = \"{{ssm:/patching/operation}}\", SnapshotId = \"{{WINDOW_EXECUTION_ID}}\" } }\n  }\n}\n",
    );
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}
