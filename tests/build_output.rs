//! `mwc build` of every example and valid fixture: every output file as a
//! snapshot, and the same bytes on every build.

use mwc::emit::{BuildOptions, Emit};
use mwc::{Sources, Timestamp};
use std::path::{Path, PathBuf};

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures/ok"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("readable folder");
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "mw")),
        );
    }
    files.sort();
    files
}

/// Builds like `mwc build --set account=123456789012 --set region=us-east-1`.
fn build(path: &Path) -> (usize, Vec<mwc::emit::File>) {
    let now: Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let options = BuildOptions {
        emit: Emit::ALL,
        account: Some("123456789012".to_string()),
        region: Some("us-east-1".to_string()),
        partition: None,
    };
    let mut sources = Sources::new();
    sources.add_bytes("program.mw", std::fs::read(path).expect("readable"));
    mwc::with_program(&sources, now, |program, mut diagnostics| {
        diagnostics.extend(mwc::check::build_context(program, &options));
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, mwc::emit::build(program, &options))
    })
}

#[test]
fn every_output_of_every_program() {
    let mut failures = Vec::new();
    for path in programs() {
        let (errors, files) = build(&path);
        assert_eq!(errors, 0, "{} has errors", path.display());
        for file in &files {
            assert!(file.text.ends_with("}\n"), "{}: {} must end in a newline", path.display(), file.path);
            serde_json::from_str::<serde_json::Value>(&file.text)
                .unwrap_or_else(|e| panic!("{}: {} is not JSON: {e}", path.display(), file.path));
        }
        let name = format!(
            "{}__{}",
            path.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .unwrap_or(""),
            path.file_stem().and_then(|s| s.to_str()).unwrap_or("program")
        );
        let content: String = files
            .iter()
            .map(|f| format!("----- {}\n{}", f.path, f.text))
            .collect();
        let result = std::panic::catch_unwind(|| {
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/build"),
            );
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.bind(|| insta::assert_snapshot!(name.clone(), content));
        });
        if result.is_err() {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

#[test]
fn builds_are_byte_identical() {
    for path in programs() {
        assert_eq!(build(&path).1, build(&path).1, "{}", path.display());
    }
}

#[test]
fn a_large_program_is_split_into_templates_within_quotas() {
    // 200 windows of 3 resources each: more than 500 resources.
    let mut text = String::from(
        "account = \"123456789012\"\nrole PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n",
    );
    for i in 0..200 {
        text.push_str(&format!(
            "window Fleet{i:03} {{\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web {{ tags = {{ Fleet = \"f{i}\" }} }}\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    role = PatchRole\n    run_command \"AWS-RunPatchBaseline\" {{ }}\n  }}\n}}\n"
        ));
    }
    let dir = std::env::temp_dir().join(format!("mwc-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.mw");
    std::fs::write(&path, text).expect("write");
    let (errors, files) = build(&path);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors, 0);
    let templates: Vec<_> = files.iter().filter(|f| f.path.starts_with("cloudformation")).collect();
    assert_eq!(templates.len(), 201, "a roles template and one per window");
    let roles: serde_json::Value = serde_json::from_str(&templates[0].text).expect("JSON");
    assert_eq!(roles["Outputs"]["PatchRoleArn"]["Export"]["Name"], "mwc-role-PatchRole-arn");
    let window: serde_json::Value = serde_json::from_str(&templates[1].text).expect("JSON");
    assert_eq!(
        window["Resources"]["Fleet000PatchTask"]["Properties"]["ServiceRoleArn"]["Fn::ImportValue"],
        "mwc-role-PatchRole-arn"
    );
    for t in &templates {
        let doc: serde_json::Value = serde_json::from_str(&t.text).expect("JSON");
        let resources = doc["Resources"].as_object().map_or(0, |r| r.len());
        assert!(resources <= 500 && t.text.len() <= 1_000_000, "{} is over quota", t.path);
    }
}
