//! The `mwc` binary end to end: exit statuses, standard input, output formats.

mod common;

use common::{mwc, stderr};
use std::process::{Command, Stdio};

#[test]
fn a_valid_example_checks_clean_and_silently() {
    let o = mwc(&["check", "examples/nightly-web-patching.mw"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty() && o.stdout.is_empty());
}

#[test]
fn errors_in_the_input_exit_1_with_every_diagnostic() {
    let src = b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 5h\n  priorty = 1\n}\n";
    let o = mwc(&["check", "-"], Some(src));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("MW0405") && err.contains("MW0102"), "{err}");
    assert!(err.contains("<stdin>:4:"), "{err}");
    assert!(err.ends_with("mwc: 2 errors\n"), "{err}");
}

#[test]
fn json_diagnostics_are_one_object_per_line_with_line_and_column() {
    let src = b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 90m\n  cutoff = 1h\n}\n";
    let o = mwc(&["check", "--message-format", "json", "-"], Some(src));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).expect("valid JSON");
    assert_eq!(v["code"], "MW0404");
    assert_eq!(v["severity"], "error");
    assert_eq!(v["filename"], "<stdin>");
    assert!(v["help"].as_str().is_some_and(|h| h.contains("2h")), "{v}");
    let label = &v["labels"][0];
    assert_eq!(label["line"], 3);
    assert_eq!(label["column"], 14);
    assert_eq!(label["span"]["offset"], 63);
    assert_eq!(label["span"]["length"], 3);
}

#[test]
fn warnings_pass_unless_denied() {
    let src = b"role PatchRole {\n  trust = [\"ssm.amazonaws.com\", \"ec2.amazonaws.com\"]\n}\n";
    let o = mwc(&["check", "-"], Some(src));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("MW0901"));
    let o = mwc(&["check", "--deny-warnings", "-"], Some(src));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn files_are_one_program_and_labels_cross_files() {
    let dir = std::env::temp_dir().join(format!("mwc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let a = dir.join("a.mw");
    let b = dir.join("b.mw");
    let window =
        "window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    std::fs::write(&a, window).expect("write");
    std::fs::write(&b, window).expect("write");
    let o = mwc(
        &["check", a.to_str().unwrap_or(""), b.to_str().unwrap_or("")],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("MW0201"), "{err}");
    assert!(err.contains("a.mw") && err.contains("b.mw"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_files_and_bad_usage_exit_2() {
    let o = mwc(&["check", "no/such/file.mw"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `no/such/file.mw`: no such file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(mwc(&["check"], None).status.code(), Some(2));
    assert_eq!(mwc(&["frobnicate"], None).status.code(), Some(2));
    // A directory without .mw files is not what the user meant.
    let empty = common::temp_dir("empty-dir");
    let o = mwc(&["check", "--each", empty.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a directory without .mw files"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn explain_prints_the_long_explanation() {
    let o = mwc(&["explain", "MW0405"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("# MW0405"));
    let o = mwc(&["explain", "mw405"], None);
    assert_eq!(o.status.code(), Some(0));
    let o = mwc(&["explain"], None);
    assert!(String::from_utf8_lossy(&o.stdout).contains("MW0102  unknown field"));
    let o = mwc(&["explain", "MW9999"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let o = mwc(&["--version"], None);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("mwc "));
    let o = mwc(&["check", "--help"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("--message-format"));
}

#[test]
fn hostile_input_gets_diagnostics_not_a_crash() {
    let mut deep = b"x = ".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 200_000));
    let long_line = format!("window W {{ description = \"{}\" }}", "a".repeat(1_000_000));
    for input in [
        b"\xff\xfe garbage".to_vec(),
        b"window W {\0}".to_vec(),
        deep,
        b"x = 99999999999999999999999999999".to_vec(),
        long_line.into_bytes(),
        b"\xef\xbb\xbfwindow Nightly {\r\n}\r\n".to_vec(),
    ] {
        let o = mwc(&["check", "-"], Some(&input));
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("MW0"), "{}", stderr(&o));
    }
}

#[test]
fn schedule_lists_the_next_openings_as_text_and_json() {
    let src = b"window Nightly {\n  schedule = \"second Tuesday of every month at 03:00\"\n  timezone = \"Europe/Berlin\"\n  offset = 2d\n  duration = 3h\n  cutoff = 1h\n}\n";
    let o = mwc(
        &[
            "schedule",
            "-",
            "--from",
            "2026-11-23T00:00:00Z",
            "--next",
            "2",
        ],
        Some(src),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("cron(0 3 ? * TUE#2 *)"), "{out}");
    assert!(
        out.contains("at 03:00 on the second Tuesday of every month, plus 2 days, Europe/Berlin"),
        "{out}"
    );
    // The second Tuesday of December 2026 is the 8th; plus two days.
    assert!(out.contains("2026-12-10T03:00:00+01:00"), "{out}");
    let o = mwc(
        &[
            "schedule",
            "-",
            "--from",
            "2026-11-23T00:00:00Z",
            "--next",
            "1",
            "--format",
            "json",
        ],
        Some(src),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v[0]["window"], "Nightly");
    assert_eq!(v[0]["next"][0]["start"], "2026-12-10T03:00:00+01:00");
    assert_eq!(v[0]["next"][0]["end"], "2026-12-10T06:00:00+01:00");
    assert_eq!(v[0]["next"][0]["cutoff"], "2026-12-10T05:00:00+01:00");
}

#[test]
fn schedule_refuses_bad_input_and_bad_usage() {
    let bad = b"window Nightly {\n  schedule = \"cron(0 2 ? * 8 *)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    let o = mwc(&["schedule", "-"], Some(bad));
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("MW0307"), "{}", stderr(&o));
    let good =
        b"window Nightly {\n  schedule = \"rate(1 day)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    assert_eq!(
        mwc(&["schedule", "-", "--from", "yesterday"], Some(good))
            .status
            .code(),
        Some(2)
    );
    let o = mwc(&["schedule", "-", "--window", "Weekly"], Some(good));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Nightly"), "{}", stderr(&o));
}

#[test]
fn build_writes_the_layout_and_nothing_on_failure() {
    let dir = std::env::temp_dir().join(format!("mwc-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("out");
    let out_arg = out.to_str().unwrap_or("");
    let o = mwc(
        &["build", "examples/nightly-web-patching.mw", "-o", out_arg],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in [
        "cloudformation.json",
        "ssm/plan.json",
        "ssm/001-CreateRole-MaintenanceWindowRole.json",
        "iam/MaintenanceWindowRole.trust-policy.json",
        "iam/MaintenanceWindowRole.pass-role-policy.json",
    ] {
        assert!(out.join(file).is_file(), "missing {file}");
    }
    // A failing build leaves the previous output as it was, and no temporary directory.
    let before = std::fs::read_to_string(out.join("cloudformation.json")).expect("read");
    let bad = b"window Nightly {\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 5h\n}\n";
    let o = mwc(&["build", "-", "-o", out_arg], Some(bad));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(out.join("cloudformation.json")).expect("read"),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "out")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_to_standard_output_and_settings() {
    let o = mwc(
        &[
            "build",
            "examples/nightly-web-patching.mw",
            "--emit",
            "cfn",
            "-o",
            "-",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a template");
    assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
    let o = mwc(
        &[
            "build",
            "examples/nightly-web-patching.mw",
            "--emit",
            "iam",
            "-o",
            "-",
            "--set",
            "account=210987654321",
        ],
        None,
    );
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a bundle");
    assert_eq!(
        docs["iam/MaintenanceWindowRole.pass-role-policy.json"]["Statement"][0]["Resource"],
        "arn:aws:iam::210987654321:role/SSMMaintenanceWindowRole"
    );
    assert_eq!(
        mwc(
            &["build", "examples/nightly-web-patching.mw", "-o", "-"],
            None
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        mwc(
            &[
                "build",
                "examples/nightly-web-patching.mw",
                "-o",
                "-",
                "--emit",
                "cfn",
                "--set",
                "account=12"
            ],
            None
        )
        .status
        .code(),
        Some(1),
        "an invalid setting is a diagnostic at the command line"
    );
}

#[test]
fn build_refuses_to_replace_a_file_and_schedule_caps_next() {
    let dir = std::env::temp_dir().join(format!("mwc-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("f1");
    std::fs::write(&file, "keep me").expect("write");
    let o = mwc(
        &[
            "build",
            "examples/nightly-web-patching.mw",
            "-o",
            file.to_str().unwrap_or(""),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me");
    let _ = std::fs::remove_dir_all(&dir);
    let o = mwc(
        &[
            "schedule",
            "examples/nightly-web-patching.mw",
            "--next",
            "100000000",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn write_errors_are_exit_2_with_a_plain_message() {
    // /dev/full accepts opening and fails every write (Linux).
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .ok()
    };
    if full().is_none() {
        return;
    }
    let run = |args: &[&str], stdout_full: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mwc"));
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        if stdout_full {
            command
                .stdout(full().expect("/dev/full"))
                .stderr(Stdio::piped());
        } else {
            command
                .stdout(Stdio::piped())
                .stderr(full().expect("/dev/full"));
        }
        command.output().expect("mwc runs")
    };
    for args in [
        &["explain"][..],
        &["explain", "MW0102"],
        &[
            "build",
            "examples/nightly-web-patching.mw",
            "--emit",
            "cfn",
            "-o",
            "-",
        ],
        &[
            "build",
            "examples/nightly-web-patching.mw",
            "--emit",
            "ssm",
            "-o",
            "-",
        ],
    ] {
        let o = run(args, true);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with("mwc: cannot write to standard output"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // Diagnostics that cannot be written are never a success.
    let warned = b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  timezone = \"America/New_York\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    let dir = std::env::temp_dir().join(format!("mwc-full-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("warned.mw");
    std::fs::write(&file, warned).expect("write");
    let o = run(&["check", file.to_str().expect("UTF-8")], false);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn schedule_bounds_windows_times_next_before_computing() {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!(
            "window Fleet{i:03} {{\n  schedule = \"rate(1 day)\"\n  duration = 3h\n  cutoff = 1h\n}}\n"
        ));
    }
    let o = mwc(&["schedule", "-", "--next", "10000"], Some(src.as_bytes()));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "mwc: `--next 10000` for 200 windows asks for 2,000,000 openings, more than the 1,000,000 `mwc schedule` lists at once; choose one window with `--window W`, or ask for at most `--next 5000`\n"
    );
    // One window, or a smaller `--next`, fits.
    let o = mwc(
        &["schedule", "-", "--next", "10000", "--window", "Fleet007"],
        Some(src.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = String::from_utf8_lossy(&o.stdout).lines().count();
    assert_eq!(lines, 5 + 10_000);
    let o = mwc(
        &[
            "schedule",
            "-",
            "--next",
            "5000",
            "--format",
            "json",
            "--from",
            "2026-11-23T00:00:00Z",
        ],
        Some(src.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Streamed window by window, still one JSON document.
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let windows = v.as_array().expect("a list");
    assert_eq!(windows.len(), 200);
    assert_eq!(windows[199]["window"], "Fleet199");
    assert_eq!(windows[199]["next"].as_array().map(Vec::len), Some(5000));
    assert_eq!(windows[0]["next"][0]["start"], "2026-11-24T00:00:00+00:00");
}

#[test]
fn schedule_says_when_from_is_past_the_supported_range() {
    let good =
        b"window Nightly {\n  schedule = \"rate(1 day)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    let o = mwc(
        &["schedule", "-", "--from", "9999-12-31T00:00:00Z"],
        Some(good),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "mwc: `--from 9999-12-31T00:00:00Z` is past the supported range (the last instant is 9999-12-30T22:00:00Z)\n"
    );
    let o = mwc(
        &["schedule", "-", "--from", "2026-13-01T00:00:00Z"],
        Some(good),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a time: give an RFC 3339 instant"),
        "{}",
        stderr(&o)
    );
    // The last instant itself is a time to count from; the next opening
    // would come after it.
    let o = mwc(
        &["schedule", "-", "--from", "9999-12-30T22:00:00Z"],
        Some(good),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = mwc(
        &[
            "schedule",
            "-",
            "--from",
            "9999-12-30T22:00:00Z",
            "--message-format",
            "json",
        ],
        Some(good),
    );
    assert!(
        stderr(&o).contains(
            "its next opening comes after the last supported instant, 9999-12-30T22:00:00Z"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_and_schedule_agree_at_the_end_of_the_range() {
    let last = b"window LastMoment {\n  schedule = \"at(9999-12-31T23:59:59)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    let o = mwc(&["check", "-"], Some(last));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("MW0312"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("window `LastMoment` never opens in the supported range"),
        "{}",
        stderr(&o)
    );
    let o = mwc(&["schedule", "-"], Some(last));
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    // An opening that closes by the last instant is listed.
    let fits = b"window LastMoment {\n  schedule = \"at(9999-12-30T19:00:00)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    assert_eq!(mwc(&["check", "-"], Some(fits)).status.code(), Some(0));
    let o = mwc(&["schedule", "-"], Some(fits));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(
            "9999-12-30T19:00:00+00:00  9999-12-30T22:00:00+00:00  9999-12-30T21:00:00+00:00"
        ),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Later openings that do not fit end the list with a note.
    let hourly =
        b"window Hourly {\n  schedule = \"rate(1 hour)\"\n  duration = 3h\n  cutoff = 1h\n}\n";
    let o = mwc(
        &[
            "schedule",
            "-",
            "--from",
            "9999-12-30T17:30:00Z",
            "--next",
            "5",
        ],
        Some(hourly),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("9999-12-30T18:30:00+00:00"), "{out}");
    assert!(!out.contains("9999-12-30T19:30:00+00:00  "), "{out}");
    assert!(
        out.contains("no later opening: the next would close after 9999-12-30T22:00:00Z, the last supported instant"),
        "{out}"
    );
}

#[test]
fn lone_carriage_returns_end_lines_in_the_header_the_snippet_and_json() {
    let src = b"window Nightly {\r  schedule = \"cron(0 2 ? * * *)\"\r  duration = 3h\r  cutoff = 5h\r}\r";
    let o = mwc(&["check", "-"], Some(src));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("[<stdin>:4:12]"), "{err}");
    assert!(err.contains(" 4 │   cutoff = 5h\n"), "{err}");
    assert!(!err.contains('\r'), "{err:?}");
    let o = mwc(&["check", "--message-format", "json", "-"], Some(src));
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).expect("JSON");
    assert_eq!(v["labels"][0]["line"], 4);
    assert_eq!(v["labels"][0]["column"], 12);
}

#[test]
fn a_line_comment_ends_at_a_lone_carriage_return() {
    let src = b"// nightly\rwindow Nightly {\r  schedule = \"cron(0 2 ? * * *)\"\r  duration = 3h\r  cutoff = 1h\r}\r";
    let o = mwc(
        &["schedule", "-", "--from", "2026-11-23T00:00:00Z"],
        Some(src),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("window Nightly"));
}

#[test]
fn bidirectional_and_zero_width_characters_are_shown_escaped() {
    let src = "role R {\n  // \u{2066}admin\u{2069}\n  trust = [\"ssm.amazonaws.com\u{202e}\"]\n}\nwindow W\u{200b} {\n}\n";
    let o = mwc(&["check", "-"], Some(src.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for c in ['\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}'] {
        assert!(!err.contains(c), "{c:?} reached the terminal: {err}");
    }
    // In a message, a label's snippet and a context line.
    assert!(err.contains("`ssm.amazonaws.com???` is not"), "{err}");
    assert!(err.contains("trust = [\"ssm.amazonaws.com???\"]"), "{err}");
    assert!(err.contains("// ???admin???"), "{err}");
    assert!(err.contains("window W??? {"), "{err}");
    // JSON keeps the exact text.
    let o = mwc(
        &["check", "--message-format", "json", "-"],
        Some(src.as_bytes()),
    );
    let json = String::from_utf8_lossy(&o.stderr);
    assert!(json.contains('\u{202e}'), "{json}");
}

#[test]
fn the_clock_is_pinned_by_now_or_source_date_epoch() {
    let dir = std::env::temp_dir().join(format!("mwc-clock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("ended.mw");
    std::fs::write(
        &file,
        "window Ending {\n  schedule = \"cron(0 2 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  end_date = \"2027-06-01T00:00:00Z\"\n}\n",
    )
    .expect("write");
    let path = file.to_str().expect("UTF-8 path");
    // Before the end date: clean; after it: MW0313, whatever today is.
    let before = mwc(&["check", path, "--now", "2026-11-23T00:00:00Z"], None);
    assert_eq!(before.status.code(), Some(0));
    assert!(stderr(&before).is_empty(), "{}", stderr(&before));
    let after = mwc(&["check", path, "--now", "2027-07-01T00:00:00Z"], None);
    assert_eq!(after.status.code(), Some(0), "a warning");
    assert!(stderr(&after).contains("MW0313"), "{}", stderr(&after));
    // SOURCE_DATE_EPOCH (2027-07-01) when --now is not given; --now wins.
    let epoch = std::process::Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(["check", path])
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1814400000")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&epoch.stderr).contains("MW0313"));
    let both = std::process::Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(["check", path, "--now", "2026-11-23T00:00:00Z"])
        .env("SOURCE_DATE_EPOCH", "1814400000")
        .output()
        .expect("run");
    assert!(
        both.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
    // Not a time: exit 2 with a plain message.
    let bad = mwc(&["check", path, "--now", "yesterday"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`--now yesterday` is not a time: give an RFC 3339 instant"));
    let bad_epoch = std::process::Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(["check", path])
        .env("SOURCE_DATE_EPOCH", "soon")
        .output()
        .expect("run");
    assert_eq!(bad_epoch.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn terminal_manners() {
    let program =
        "window Nightly {\n  schedule = \"cron(0 3 ? * * *)\"\n  duration = 3h\n  cutoff = 4h\n}\n";
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = common::mwc_command(args);
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("mwc runs");
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(program.as_bytes());
        }
        child.wait_with_output().expect("mwc finishes")
    };
    // TERM=dumb: no box drawing, no colour.
    let o = run(&["check", "-"], &[("TERM", "dumb")]);
    let err = stderr(&o);
    assert!(err.contains("MW0405") && err.is_ascii(), "{err}");
    // --color always colours, whatever NO_COLOR says; an empty NO_COLOR
    // does not turn colour off (`auto` on a pipe has none anyway).
    let o = run(&["--color", "always", "check", "-"], &[("NO_COLOR", "1")]);
    assert!(stderr(&o).contains('\u{1b}'), "{}", stderr(&o));
    let o = run(&["check", "-", "--color", "never"], &[("NO_COLOR", "")]);
    assert!(!stderr(&o).contains('\u{1b}'));
    // -q: the diagnostics, without the summary.
    let o = run(&["-q", "check", "-"], &[]);
    let err = stderr(&o);
    assert!(
        err.contains("MW0405") && !err.contains("mwc: 1 error"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn build_says_what_it_wrote() {
    let dir = common::temp_dir("says");
    let out = dir.join("out");
    let example = "examples/nightly-web-patching.mw";
    let o = mwc(&["build", example, "-o", out.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files = walk_count(&out);
    assert_eq!(
        stderr(&o),
        format!("mwc: wrote {files} files to {}\n", out.display())
    );
    let o = mwc(
        &["build", "-q", example, "-o", out.to_str().unwrap_or("")],
        None,
    );
    assert_eq!(stderr(&o), "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The files under `dir`, but mwc's manifest.
fn walk_count(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            n += walk_count(&path);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            n += 1;
        }
    }
    n
}
