//! File-driven tests: every `.mw` file under `tests/fixtures/ok/` and
//! `examples/` must check clean; every file under `tests/fixtures/err/` is
//! snapshotted (source, human diagnostics, JSON lines) and must produce
//! exactly the diagnostics its `//~ CODE` annotations name, on those lines.
//!
//! Annotations: `//~ MW0102` expects a diagnostic with that primary line;
//! `//~^ MW0102` expects it one line up (`//~^^` two lines up, and so on).
//! The file name starts with the code it is about (`MW0102_unknown_field.mw`).

use mwc::render::{human, json};
use mwc::{Diagnostic, Sources};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

mod common;

fn check_file(path: &Path) -> (Sources, Vec<Diagnostic>) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let mut sources = Sources::new();
    sources.add_bytes(name, bytes);
    let text = sources.get(mwc::FileId(0)).text().to_string();
    let directed = common::directive_emit(&text) != mwc::build::Emit::ALL;
    let diagnostics = if directed {
        // A valid program built with other outputs than the default (its
        // `// mwc-build:` line) is clean when that build reports nothing.
        let options = mwc::BuildOptions {
            emit: common::directive_emit(&text),
            ..mwc::BuildOptions::default()
        };
        mwc::build(&sources, common::testing_now(), &options).diagnostics
    } else if needs_build_context(path) {
        mwc::build(
            &sources,
            common::testing_now(),
            &mwc::BuildOptions::default(),
        )
        .diagnostics
    } else {
        mwc::check_sources(&sources, common::testing_now())
    };
    (sources, diagnostics)
}

/// `(line, code)` pairs the annotations expect.
fn expectations(text: &str) -> BTreeSet<(usize, String)> {
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find("//~") else {
            continue;
        };
        let rest = &line[pos + 3..];
        let up = rest.chars().take_while(|&c| c == '^').count();
        for code in rest[up..].split_whitespace() {
            out.insert((i + 1 - up, code.trim_end_matches(',').to_string()));
        }
    }
    out
}

fn actual(sources: &Sources, diagnostics: &[Diagnostic]) -> BTreeSet<(usize, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let span = d.span();
            let (line, _) = sources.get(span.file).line_col(span.start);
            (line, d.code.as_str().to_string())
        })
        .collect()
}

fn run_all(files: Vec<PathBuf>, each: impl Fn(&Path) -> Result<(), String>) {
    assert!(!files.is_empty(), "no fixtures found");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| each(f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn valid_fixtures_and_examples_check_clean() {
    let mut files = common::mw_files("tests/fixtures/ok");
    files.extend(common::mw_files("examples"));
    run_all(files, |path| {
        let (sources, diagnostics) = check_file(path);
        if diagnostics.is_empty() {
            Ok(())
        } else {
            Err(human::render_all(
                &diagnostics,
                &sources,
                human::Style::Plain,
                100,
            ))
        }
    });
}

#[test]
fn invalid_fixtures_report_their_codes_on_their_lines() {
    run_all(common::mw_files("tests/fixtures/err"), |path| {
        let (sources, diagnostics) = check_file(path);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let code = stem.split('_').next().unwrap_or("");
        if !diagnostics.iter().any(|d| d.code.as_str() == code) {
            return Err(format!("no {code} among the diagnostics"));
        }
        let text =
            String::from_utf8_lossy(&fs::read(path).map_err(|e| e.to_string())?).into_owned();
        let expected = expectations(&text);
        let got = actual(&sources, &diagnostics);
        if expected != got {
            return Err(format!(
                "annotations do not match\n  expected: {expected:?}\n  got:      {got:?}\n{}",
                human::render_all(&diagnostics, &sources, human::Style::Plain, 100)
            ));
        }
        Ok(())
    });
}

#[test]
fn invalid_fixture_snapshots() {
    let files = common::mw_files("tests/fixtures/err");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let (sources, diagnostics) = check_file(path);
            let source = sources.iter().next().map_or("", |s| s.text());
            let content = format!(
                "----- SOURCE\n{source}\n----- DIAGNOSTICS\n{}\n----- JSON\n{}",
                human::render_all(&diagnostics, &sources, human::Style::Plain, 100),
                json::render_all(&diagnostics, &sources)
            );
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("fixture")
                .to_string();
            (!common::snapshot("err", &name, &content)).then_some(name)
        })
        .collect();
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

/// Fixtures of build-context codes (MW05xx, and MW0208 for logical ids) are
/// checked as `mwc build` checks them: every output, no `--set`.
fn needs_build_context(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("MW05") || name.starts_with("MW0208")
}
