//! Lint levels on the command line (`-A`, `-W`, `-D`, `--deny-warnings`)
//! and in files (`// mwc: allow(CODE) reason`), through the real binary.

mod common;

use common::{mwc, stderr};

/// A program with two warnings: an unused role (MW0903) and overlapping
/// runs (MW0314), the latter allowed in the file.
const PROGRAM: &str = r#"role PatchRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}

role SpareRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}

window HourlyScan {
  // mwc: allow(MW0314) a scan changes nothing, so runs may overlap
  schedule = "rate(1 hour)"
  duration = 2h
  cutoff   = 1h

  target ScanFleet {
    tags = { Scan = "Hourly" }
  }

  task Scan {
    targets         = [ScanFleet]
    max_concurrency = 1
    max_errors      = 1
    role            = PatchRole

    run_command "AWS-RunPatchBaseline" { parameters = { Operation = "Scan" } }
  }
}
"#;

fn check(args: &[&str]) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.push("-");
    mwc(&all, Some(PROGRAM.as_bytes()))
}

fn codes(output: &std::process::Output) -> Vec<(String, String)> {
    stderr(output)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["code"].as_str().unwrap_or("").to_string(),
                v["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn an_allow_in_the_file_keeps_deny_warnings_usable() {
    // Only the unused role is left: the overlap is allowed where intended.
    let o = check(&["--message-format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(codes(&o), [("MW0903".into(), "warning".into())]);
    // Under --deny-warnings it fails, and says why.
    let o = check(&["--deny-warnings", "--message-format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(codes(&o), [("MW0903".into(), "error".into())]);
    let o = check(&["--deny-warnings"]);
    let err = stderr(&o);
    assert!(
        err.contains("note: a warning, made an error by `--deny-warnings`"),
        "{err}"
    );
    assert!(
        err.contains("mwc: 1 error (warnings made errors by the lint levels)"),
        "{err}"
    );
}

#[test]
fn allow_warn_and_deny_per_code() {
    let o = check(&[
        "-A",
        "MW0903",
        "--deny-warnings",
        "--message-format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(codes(&o).is_empty());
    // -W keeps a warning a warning under --deny-warnings.
    let o = check(&[
        "--warn",
        "MW0903",
        "--deny-warnings",
        "--message-format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(codes(&o), [("MW0903".into(), "warning".into())]);
    // -D makes one code an error, with the flag named.
    let o = check(&["-D", "mw0903"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("an error because of `-D MW0903` on the command line"),
        "{}",
        stderr(&o)
    );
    // Global: before the subcommand as well.
    let o = mwc(
        &["-D", "MW0903", "--message-format", "json", "check", "-"],
        Some(PROGRAM.as_bytes()),
    );
    assert_eq!(codes(&o), [("MW0903".into(), "error".into())]);
}

#[test]
fn errors_cannot_be_allowed_and_levels_must_agree() {
    for (args, says) in [
        (
            &["-A", "MW0405"][..],
            "MW0405 (cutoff not below duration) is an error, and errors cannot be allowed",
        ),
        (&["-W", "MW0102"][..], "errors cannot be made warnings"),
        (&["-A", "MW9999"][..], "no diagnostic code `MW9999`"),
        (
            &["-A", "MW0903", "-D", "MW0903"][..],
            "`-A MW0903` and `-D MW0903` contradict each other",
        ),
    ] {
        let o = check(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    // In JSON mode, usage trouble is a JSON object too.
    let o = check(&["-A", "MW0405", "--message-format", "json"]);
    let line: serde_json::Value = serde_json::from_str(stderr(&o).trim()).expect("one JSON object");
    assert_eq!(line["severity"], "error");
}

#[test]
fn an_allow_for_an_error_is_an_error_and_allows_nothing() {
    let program = PROGRAM.replace(
        "  cutoff   = 1h",
        "  // mwc: allow(MW0405) meant\n  cutoff   = 2h",
    );
    let o = mwc(
        &["check", "--message-format", "json", "-"],
        Some(program.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    let found: Vec<String> = codes(&o).into_iter().map(|(c, _)| c).collect();
    assert!(found.contains(&"MW0802".to_string()), "{found:?}");
    assert!(found.contains(&"MW0405".to_string()), "{found:?}");
}
