//! `mwc tasks` for every example and valid fixture: each window's tasks
//! with their effective parameters (the known documents' defaults
//! included), as text and JSON, as snapshots; and the binary writes the
//! same.

use mwc::render::tasks::{json, text, windows};
use std::path::Path;
mod common;

fn reports(path: &Path) -> (String, String) {
    let sources = common::sources(path, &common::first_environment(path), &[]);
    mwc::with_program(&sources, common::testing_now(), |checked| {
        let errors = checked
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .count();
        assert_eq!(errors, 0, "{} has errors", path.display());
        let shown = windows(checked.program(), None);
        (text(&shown), json(&shown))
    })
}

#[test]
fn tasks_of_every_program() {
    let mut failures = Vec::new();
    for path in common::programs() {
        let (text, json) = reports(&path);
        let name = common::snapshot_name(&path);
        let content = format!("----- mwc tasks\n{text}\n----- --format json\n{json}");
        if !common::snapshot("tasks", &name, &content) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

#[test]
fn the_command_writes_the_same_reports() {
    for path in common::programs() {
        let (text, json) = reports(&path);
        for (format, expected) in [("text", text), ("json", json)] {
            let out = common::mwc_in_first_environment("tasks", &["--format", format], &path);
            assert_eq!(out.status.code(), Some(0), "{}", path.display());
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                expected,
                "{}",
                path.display()
            );
        }
    }
}
