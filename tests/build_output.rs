//! `mwc build` of every example and valid fixture: every output file as a
//! snapshot, and the same bytes on every build.
//!
//! A program is built like `.ci/conformance.py` builds it: with every output,
//! unless its first line is a build directive such as
//! `// mwc-build: --emit ssm,iam` (for a program that CloudFormation cannot
//! express, such as a task `alarm`).

use mwc::Sources;
use mwc::emit::{BuildOptions, Emit};
use std::path::Path;

mod common;

/// The outputs chosen by a program's `// mwc-build:` first line; every output
/// without one. The directive takes `--emit LIST` (or `--emit=LIST`) only,
/// as `mwc build` spells it.
fn directive_emit(text: &str) -> Emit {
    let first = text.lines().next().unwrap_or("").trim();
    let Some(args) = first.strip_prefix("// mwc-build:") else {
        return Emit::ALL;
    };
    let mut args = args.split_whitespace();
    let mut emit = Emit::ALL;
    while let Some(arg) = args.next() {
        let list = match arg.strip_prefix("--emit=") {
            Some(list) => list,
            None if arg == "--emit" => args.next().expect("`--emit` needs a list"),
            None => panic!("unknown argument `{arg}` in the `// mwc-build:` directive"),
        };
        emit = Emit {
            cfn: false,
            ssm: false,
            iam: false,
        };
        for output in list.split(',') {
            match output {
                "cfn" => emit.cfn = true,
                "ssm" => emit.ssm = true,
                "iam" => emit.iam = true,
                other => panic!("unknown output `{other}` in the `// mwc-build:` directive"),
            }
        }
    }
    emit
}

/// Builds like `mwc build --set account=123456789012 --set region=us-east-1`,
/// plus the program's build directive.
fn build(path: &Path) -> (usize, Vec<mwc::emit::File>) {
    let now = common::testing_now();
    let bytes = std::fs::read(path).expect("readable");
    let options = BuildOptions {
        emit: directive_emit(&String::from_utf8_lossy(&bytes)),
        account: Some("123456789012".to_string()),
        region: Some("us-east-1".to_string()),
        partition: None,
    };
    let mut sources = Sources::new();
    sources.add_bytes("program.mw", bytes);
    mwc::with_program(&sources, now, |program, mut diagnostics| {
        diagnostics.extend(mwc::check::build_context(program, &options));
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, mwc::emit::build(program, &options))
    })
}

#[test]
fn every_output_of_every_program() {
    let mut failures = Vec::new();
    for path in common::programs() {
        let (errors, files) = build(&path);
        assert_eq!(errors, 0, "{} has errors", path.display());
        for file in &files {
            assert!(
                file.text.ends_with("}\n"),
                "{}: {} must end in a newline",
                path.display(),
                file.path
            );
            serde_json::from_str::<serde_json::Value>(&file.text)
                .unwrap_or_else(|e| panic!("{}: {} is not JSON: {e}", path.display(), file.path));
        }
        let name = common::snapshot_name(&path);
        let content: String = files
            .iter()
            .map(|f| format!("----- {}\n{}", f.path, f.text))
            .collect();
        if !common::snapshot("build", &name, &content) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

#[test]
fn build_directives_choose_the_outputs() {
    assert_eq!(directive_emit("role R {}\n"), Emit::ALL);
    let api_only = Emit {
        cfn: false,
        ssm: true,
        iam: true,
    };
    assert_eq!(directive_emit("// mwc-build: --emit ssm,iam\n"), api_only);
    assert_eq!(directive_emit("// mwc-build: --emit=ssm,iam\r\n"), api_only);
    // Only the first line counts.
    assert_eq!(directive_emit("\n// mwc-build: --emit ssm\n"), Emit::ALL);
    let alarm = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/task-alarm.mw");
    let (errors, files) = build(&alarm);
    assert_eq!(errors, 0, "an alarm builds without CloudFormation");
    assert!(files.iter().all(|f| !f.path.starts_with("cloudformation")));
}

#[test]
fn builds_are_byte_identical() {
    for path in common::programs() {
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
    let templates: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("cloudformation"))
        .collect();
    assert_eq!(templates.len(), 201, "a roles template and one per window");
    let roles: serde_json::Value = serde_json::from_str(&templates[0].text).expect("JSON");
    assert_eq!(
        roles["Outputs"]["PatchRoleArn"]["Export"]["Name"],
        "mwc-role-PatchRole-arn"
    );
    let window: serde_json::Value = serde_json::from_str(&templates[1].text).expect("JSON");
    assert_eq!(
        window["Resources"]["Fleet000PatchTask"]["Properties"]["ServiceRoleArn"]["Fn::ImportValue"],
        "mwc-role-PatchRole-arn"
    );
    for t in &templates {
        let doc: serde_json::Value = serde_json::from_str(&t.text).expect("JSON");
        let resources = doc["Resources"].as_object().map_or(0, |r| r.len());
        assert!(
            resources <= 500 && t.text.len() <= 1_000_000,
            "{} is over quota",
            t.path
        );
    }
}
