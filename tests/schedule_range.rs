//! `mwc schedule --until`: every opening of a range across windows in time
//! order (text and JSON), the iCalendar file, and the messages for bad
//! times and for ranges past the limits, as snapshots.

mod common;

use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// `mwc schedule ARGS... examples/NAME` in the example's first
/// environment, from the project's folder (so file names are relative):
/// its exit status, standard output and standard error.
fn schedule(name: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let path = example(name);
    let mut all = vec!["schedule"];
    all.extend_from_slice(args);
    let relative = format!("examples/{name}");
    all.push(&relative);
    let values: Vec<String> = common::first_environment(&path)
        .iter()
        .map(|v| {
            v.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(v)
                .to_string_lossy()
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    for v in &values {
        all.extend(["--values", v]);
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(&all)
        .args(["--now", "2026-11-23T00:00:00Z", "-q", "--color", "never"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("mwc runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn snapshot(name: &str, content: &str) {
    assert!(
        common::snapshot("schedule_range", name, content),
        "snapshot {name} differs"
    );
}

/// New York leaves daylight saving time on 2026-11-01: the openings at
/// 03:00 local move from 07:00 to 08:00 UTC.
#[test]
fn a_range_over_a_daylight_saving_change() {
    let args = ["--from", "2026-10-30", "--until", "2026-11-02"];
    let (status, text, stderr) = schedule("nightly-web-patching.mw", &args);
    assert_eq!(status, Some(0), "{stderr}");
    let (_, json, _) = schedule(
        "nightly-web-patching.mw",
        &[&args[..], &["--format", "json"]].concat(),
    );
    snapshot(
        "nightly-web-patching",
        &format!(
            "----- mwc schedule {}\n{text}----- --format json\n{json}",
            args.join(" ")
        ),
    );
}

/// Several windows, one list in time order.
#[test]
fn the_windows_of_a_program_in_one_time_order() {
    let args = ["--from", "2026-11-23", "--until", "2026-11-26T12:00:00Z"];
    let (status, text, stderr) = schedule("multi-az-patching.mw", &args);
    assert_eq!(status, Some(0), "{stderr}");
    let (_, json, _) = schedule(
        "multi-az-patching.mw",
        &[&args[..], &["--format", "json"]].concat(),
    );
    let (_, one, _) = schedule(
        "multi-az-patching.mw",
        &[&args[..], &["--window", "PatchScan", "--next", "2"]].concat(),
    );
    snapshot(
        "multi-az-patching",
        &format!(
            "----- mwc schedule {}\n{text}----- --format json\n{json}----- --window PatchScan --next 2\n{one}",
            args.join(" ")
        ),
    );
}

/// The calendar of Patch Tuesday over New York's change to daylight
/// saving time on 2027-03-14 (shown with LF line ends: the file has CRLF).
#[test]
fn an_icalendar_file() {
    let args = [
        "--from",
        "2027-02-01",
        "--until",
        "2027-04-30",
        "--format",
        "ics",
    ];
    let (status, ics, stderr) = schedule("patch-tuesday.mw", &args);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(ics.ends_with("\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    snapshot(
        "patch-tuesday-ics",
        &format!(
            "----- mwc schedule {}\n{}",
            args.join(" "),
            ics.replace("\r\n", "\n")
        ),
    );
    // Without --until: the next N openings of each window.
    let (status, next, _) = schedule("patch-tuesday.mw", &["--format", "ics", "--next", "1"]);
    assert_eq!(status, Some(0));
    assert_eq!(next.matches("BEGIN:VEVENT").count(), 1);
}

#[test]
fn bad_times_and_ranges_are_refused() {
    let mut content = String::new();
    for args in [
        &["--until", "next week"][..],
        &["--from", "2026-02-30"],
        &["--until", "2026-11-23T25:00:00Z"],
        &["--from", "2026-11-23", "--until", "2026-11-22"],
        &[
            "--from",
            "2026-11-23T00:00:00Z",
            "--until",
            "2026-11-23T00:00:00Z",
        ],
        &["--until", "9999-12-31"],
        &["--until", "2026-12-01", "--format", "ics", "--each"],
    ] {
        let (status, stdout, stderr) = schedule("patch-tuesday.mw", args);
        assert_eq!(status, Some(2), "{args:?}");
        assert!(stdout.is_empty(), "{args:?}");
        content.push_str(&format!("----- {}\n{stderr}", args.join(" ")));
    }
    snapshot("bad-times", &content);
}

/// Past 10,000 openings of one window, nothing is listed: exit 2 and a
/// message saying how to narrow the range.
#[test]
fn a_range_past_the_limit_lists_nothing() {
    let args = ["--from", "2026-11-23", "--until", "2055-01-01"];
    let (status, stdout, stderr) = schedule("nightly-web-patching.mw", &args);
    assert_eq!(status, Some(2));
    assert!(stdout.is_empty());
    snapshot(
        "capped",
        &format!("----- mwc schedule {}\n{stderr}", args.join(" ")),
    );
    // The instant the message proposes keeps exactly the limit.
    let (status, stdout, _) = schedule(
        "nightly-web-patching.mw",
        &[
            "--from",
            "2026-11-23",
            "--until",
            "2054-04-10T07:00:00Z",
            "--format",
            "json",
        ],
    );
    assert_eq!(status, Some(0));
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(list.len(), 10_000);
}

/// `--each --until`: independent programs' openings in one time order,
/// the same list as the programs' own listings merged.
#[test]
fn each_program_in_one_time_order() {
    let run = |args: &[&str]| {
        let out = common::mwc_command(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("mwc runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let range = ["--now", "2026-11-27", "--until", "2026-12-02"];
    let files = [
        "examples/nightly-web-patching.mw",
        "examples/app-server-patching.mw",
        "examples/mixed-task-types.mw",
    ];
    let mut args = vec!["schedule", "--each", "--format", "json"];
    args.extend(range);
    args.extend(files);
    let (status, merged) = run(&args);
    assert_eq!(status, Some(0));
    let merged: serde_json::Value = serde_json::from_str(&merged).expect("one JSON list");
    let starts = |list: &serde_json::Value| -> Vec<(String, String)> {
        list.as_array()
            .into_iter()
            .flatten()
            .map(|o| {
                (
                    o["start_utc"].as_str().unwrap_or("").to_string(),
                    o["window"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let mut expected = Vec::new();
    for file in files {
        let mut args = vec!["schedule", "--format", "json"];
        args.extend(range);
        args.push(file);
        let (status, own) = run(&args);
        assert_eq!(status, Some(0));
        expected.extend(starts(&serde_json::from_str(&own).expect("JSON")));
    }
    expected.sort();
    let got = starts(&merged);
    assert!(got.windows(2).all(|w| w[0].0 <= w[1].0), "{got:?}");
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    assert!(got.len() > 6, "{got:?}");
}
