//! `mwc schedule` for every example and valid fixture: the text report and
//! the JSON document, counted from a fixed time, as snapshots.

use mwc::render::schedule::{json, text};
use mwc::{Sources, Timestamp};
use std::path::{Path, PathBuf};

const FROM: &str = "2026-11-23T00:00:00Z";

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

#[test]
fn schedule_reports_of_every_program() {
    let from: Timestamp = FROM.parse().expect("timestamp");
    let mut failures = Vec::new();
    for path in programs() {
        let mut sources = Sources::new();
        sources.add_bytes("program.mw", std::fs::read(&path).expect("readable"));
        let (errors, windows) = mwc::with_program(&sources, from, |program, diagnostics| {
            let windows: Vec<_> = program
                .windows
                .iter()
                .filter_map(|w| mwc::schedule::window_openings(w, from, 5))
                .collect();
            (diagnostics.iter().filter(|d| d.is_error()).count(), windows)
        });
        assert_eq!(errors, 0, "{} has errors", path.display());
        assert!(!windows.is_empty(), "{} has no window", path.display());
        let name = format!(
            "{}__{}",
            path.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .unwrap_or(""),
            path.file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("program")
        );
        let content = format!(
            "----- mwc schedule --from {FROM}\n{}\n----- --format json\n{}",
            text(&windows),
            json(&windows)
        );
        let result = std::panic::catch_unwind(|| {
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/schedule"),
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
