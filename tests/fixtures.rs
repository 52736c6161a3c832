//! File-driven tests: every `.mw` file under `tests/fixtures/ok/` and
//! `examples/` must check clean; every file under `tests/fixtures/err/` is
//! snapshotted (source, human diagnostics, JSON lines) and must produce
//! exactly the diagnostics its `//~ CODE` annotations name, on those lines.
//!
//! Annotations: `//~ MW0102` expects a diagnostic with that primary line;
//! `//~^ MW0102` expects it one line up (`//~^^` two lines up, and so on).
//! The file name starts with the code it is about (`MW0102_unknown_field.mw`).
//! A `// mwc-now: TIMESTAMP` first comment line checks an invalid fixture at
//! that time instead of the tests' fixed "now".

use mwc::render::{human, json};
use mwc::{Diagnostic, SourceKind, Sources};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

/// Checks a fixture (as its directives ask: the values files `values` and
/// its `--set` lines).
fn check_file(path: &Path, values: &[PathBuf]) -> (Sources, Vec<Diagnostic>) {
    let sources = common::sources(path, values, &[]);
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
        let now = common::directives(path, &text).now;
        mwc::check_sources(&sources, now.unwrap_or_else(common::testing_now))
    };
    (sources, diagnostics)
}

/// `(file, line, code)` triples the annotations of every program and
/// values file expect.
fn expectations(sources: &Sources) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for source in sources.iter() {
        if source.kind() == SourceKind::CommandLine {
            continue;
        }
        for (i, line) in source.text().lines().enumerate() {
            let Some(pos) = line.find("//~") else {
                continue;
            };
            let rest = &line[pos + 3..];
            let up = rest.chars().take_while(|&c| c == '^').count();
            for code in rest[up..].split_whitespace() {
                out.insert((
                    source.name().to_string(),
                    i + 1 - up,
                    code.trim_end_matches(',').to_string(),
                ));
            }
        }
    }
    out
}

/// Where each diagnostic is, as `(file, line, code)`; one in the
/// `<command line>` counts on the `// mwc-set:` line of its setting.
fn actual(
    path: &Path,
    sources: &Sources,
    diagnostics: &[Diagnostic],
) -> BTreeSet<(String, usize, String)> {
    let program = sources.get(mwc::FileId(0));
    let set_lines = common::directives(path, program.text()).set_lines;
    diagnostics
        .iter()
        .map(|d| {
            let span = d.span();
            let source = sources.get(span.file);
            let (line, _) = source.line_col(span.start);
            let (name, line) = if source.kind() == SourceKind::CommandLine {
                let at = set_lines.get(line - 1).copied().unwrap_or(0);
                (program.name().to_string(), at)
            } else if source.kind() == SourceKind::Document {
                // A document's content holds no comments: its problems count
                // on the line of the `from` that names it.
                let from = sources
                    .documents()
                    .iter()
                    .find(|d| d.to == Ok(span.file))
                    .map(|d| d.span);
                match from {
                    Some(from) => {
                        let named = sources.get(from.file);
                        (named.name().to_string(), named.line_col(from.start).0)
                    }
                    None => (source.name().to_string(), line),
                }
            } else {
                (source.name().to_string(), line)
            };
            (name, line, d.code.as_str().to_string())
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
        // A program with environments must be clean in each of them.
        for env in common::environments(path) {
            let values: Vec<PathBuf> = env.into_iter().collect();
            let (sources, diagnostics) = check_file(path, &values);
            if !diagnostics.is_empty() {
                return Err(human::render_all(
                    &diagnostics,
                    &sources,
                    human::Style::Plain,
                    100,
                ));
            }
        }
        Ok(())
    });
}

#[test]
fn invalid_fixtures_report_their_codes_on_their_lines() {
    run_all(common::mw_files("tests/fixtures/err"), |path| {
        let (sources, diagnostics) = check_file(path, &all_values(path));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let code = stem.split('_').next().unwrap_or("");
        if !diagnostics.iter().any(|d| d.code.as_str() == code) {
            return Err(format!("no {code} among the diagnostics"));
        }
        let expected = expectations(&sources);
        let got = actual(path, &sources, &diagnostics);
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
            let (sources, diagnostics) = check_file(path, &all_values(path));
            let source = sources.iter().next().map_or("", |s| s.text());
            // Values files and the command line, when the fixture has them.
            let others: String = sources
                .iter()
                .skip(1)
                .map(|s| format!("----- {}\n{}\n", s.name(), s.text()))
                .collect();
            let content = format!(
                "----- SOURCE\n{source}\n{others}----- DIAGNOSTICS\n{}\n----- JSON\n{}",
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

/// Every values file of an invalid fixture, together (in order).
fn all_values(path: &Path) -> Vec<PathBuf> {
    common::environments(path).into_iter().flatten().collect()
}

/// Fixtures of build-context codes (MW05xx, and MW0208 for logical ids) are
/// checked as `mwc build` checks them: every output, no `--set`.
fn needs_build_context(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("MW05") || name.starts_with("MW0208")
}
