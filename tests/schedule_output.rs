//! `mwc schedule` for every example and valid fixture: the text report and
//! the JSON document, counted from a fixed time, as snapshots.

use mwc::render::schedule::{json, text};
use mwc::{Sources, Timestamp};
mod common;

const FROM: &str = "2026-11-23T00:00:00Z";

#[test]
fn schedule_reports_of_every_program() {
    let from: Timestamp = FROM.parse().expect("timestamp");
    let mut failures = Vec::new();
    for path in common::programs() {
        let mut sources = Sources::new();
        sources.add_bytes("program.mw", std::fs::read(&path).expect("readable"));
        let (errors, windows) = mwc::with_program(&sources, from, |checked| {
            let windows: Vec<_> = checked
                .program()
                .windows
                .iter()
                .filter_map(|w| w.openings(from, 5))
                .collect();
            (
                checked
                    .diagnostics()
                    .iter()
                    .filter(|d| d.is_error())
                    .count(),
                windows,
            )
        });
        assert_eq!(errors, 0, "{} has errors", path.display());
        assert!(!windows.is_empty(), "{} has no window", path.display());
        let name = common::snapshot_name(&path);
        let content = format!(
            "----- mwc schedule --from {FROM}\n{}\n----- --format json\n{}",
            text(&windows),
            json(&windows)
        );
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
    let from: Timestamp = FROM.parse().expect("timestamp");
    for path in common::programs() {
        let mut sources = Sources::new();
        sources.add_bytes("program.mw", std::fs::read(&path).expect("readable"));
        let (text, json) = mwc::with_program(&sources, from, |checked| {
            let windows: Vec<_> = checked
                .program()
                .windows
                .iter()
                .filter_map(|w| w.openings(from, 5))
                .collect();
            (text(&windows), json(&windows))
        });
        for (format, expected) in [("text", text), ("json", json)] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_mwc"))
                .args(["schedule", "--from", FROM, "--format", format])
                .arg(&path)
                .output()
                .expect("mwc runs");
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
