//! `mwc schedule` for every example and valid fixture: the text report and
//! the JSON document, counted from a fixed time, as snapshots.

use mwc::Timestamp;
use mwc::render::schedule::{json, text};
use std::path::Path;
mod common;

const FROM: &str = "2026-11-23T00:00:00Z";

/// A program's schedule report counted from [`FROM`], five openings of each
/// window: the text and the JSON document. The program must check without
/// errors and have a window.
fn reports(path: &Path) -> (String, String) {
    let from: Timestamp = FROM.parse().expect("timestamp");
    let sources = common::sources(path, &common::first_environment(path), &[]);
    let (errors, reports) = mwc::with_program(&sources, from, |checked| {
        let windows: Vec<_> = checked
            .program()
            .windows
            .iter()
            .filter_map(|w| w.openings(from, 5))
            .collect();
        let errors = checked
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .count();
        let reports = (!windows.is_empty()).then(|| (text(&windows), json(&windows)));
        (errors, reports)
    });
    assert_eq!(errors, 0, "{} has errors", path.display());
    reports.unwrap_or_else(|| panic!("{} has no window", path.display()))
}

#[test]
fn schedule_reports_of_every_program() {
    let mut failures = Vec::new();
    for path in common::programs() {
        let (text, json) = reports(&path);
        let name = common::snapshot_name(&path);
        let content =
            format!("----- mwc schedule --from {FROM}\n{text}\n----- --format json\n{json}");
        if !common::snapshot("schedule", &name, &content) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

/// The binary streams its report window by window; what it writes is the
/// snapshotted report, byte for byte.
#[test]
fn the_command_writes_the_same_reports() {
    for path in common::programs() {
        let (text, json) = reports(&path);
        for (format, expected) in [("text", text), ("json", json)] {
            let out = common::mwc_in_first_environment(
                "schedule",
                &["--from", FROM, "--format", format],
                &path,
            );
            assert_eq!(out.status.code(), Some(0), "{}", path.display());
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                expected,
                "{} --format {format}",
                path.display()
            );
        }
    }
}
