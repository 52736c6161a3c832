//! Every program in the README and the reference (`docs/*.md`, code blocks
//! marked `mw`) does what the text around it says: it checks without a
//! single diagnostic, and the default `mwc build` (every output, nothing
//! set on the command line but what the page says) writes its files. (The
//! pages of `docs/codes/` are tested by `explain.rs`.)
//!
//! A program is checked and built with what the text gives it, as the
//! pages of `docs/codes/` are: the `// mwc-set: NAME=VALUE` lines among
//! its first comments as `--set NAME=VALUE`, and an `mwvalues` block before
//! it (since the previous program) as a values file.

use mwc::{BuildOptions, Sources};
use std::path::Path;

mod common;

/// A program of a page, with the settings it is checked with.
struct Program {
    /// The line its text starts on.
    line: usize,
    /// The text of the ```` ```mw ```` block.
    text: String,
    /// Its `// mwc-set: NAME=VALUE` lines, as `--set` arguments.
    settings: Vec<String>,
    /// The ```` ```mwvalues ```` block before it, as a values file, with the
    /// line its text starts on.
    values: Option<(usize, String)>,
}

/// What starts a line of a program that sets a value from the command line
/// (read by [`common::directives`]).
const SET_DIRECTIVE: &str = "// mwc-set:";

/// The `mw` code blocks of a Markdown file, with the line each starts on and
/// what it is checked with; or what is wrong with the page's blocks (a
/// values block no program follows, two values blocks for one program, a
/// `// mwc-set:` line below a program's first lines).
fn programs(text: &str) -> Result<Vec<Program>, String> {
    enum Open {
        Program(usize, String),
        Values(usize, String),
    }
    let mut programs = Vec::new();
    let mut values: Option<(usize, String)> = None;
    let mut open: Option<Open> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut open {
            Some(_) if line.trim_start().starts_with("```") => match open.take() {
                Some(Open::Program(line, text)) => {
                    // The leading comment lines, as in the fixtures.
                    let settings = common::directives(Path::new("example.mw"), &text).sets;
                    if text.matches(SET_DIRECTIVE).count() != settings.len() {
                        return Err(format!(
                            "line {line}: `{SET_DIRECTIVE}` lines go among the comments that start a program"
                        ));
                    }
                    programs.push(Program {
                        line,
                        text,
                        settings,
                        values: values.take(),
                    });
                }
                Some(Open::Values(line, text)) => {
                    if values.is_some() {
                        return Err(format!(
                            "line {line}: a second values block for one program"
                        ));
                    }
                    values = Some((line, text));
                }
                None => {}
            },
            Some(Open::Program(_, body) | Open::Values(_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None if line.trim() == "```mw" => open = Some(Open::Program(i + 2, String::new())),
            None if line.trim() == "```mwvalues" => {
                open = Some(Open::Values(i + 2, String::new()));
            }
            None => {}
        }
    }
    match values {
        Some((line, _)) => Err(format!("line {line}: a values block no program follows")),
        None => Ok(programs),
    }
}

#[test]
fn every_program_in_the_docs_checks_clean_and_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);

    let mut problems = Vec::new();
    let mut count = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("readable");
        let name = page
            .strip_prefix(root)
            .unwrap_or(page)
            .display()
            .to_string();
        let blocks = match programs(&text) {
            Ok(blocks) => blocks,
            Err(problem) => {
                problems.push(format!("{name}: {problem}"));
                continue;
            }
        };
        for program in blocks {
            let line = program.line;
            count += 1;
            let mut sources = Sources::new();
            sources.add(format!("{name}:{line}"), program.text.as_str());
            if let Some((at, values)) = program.values {
                sources.add_values(format!("{name}:{at}"), values.into_bytes());
            }
            if !program.settings.is_empty() {
                sources.add_settings(&program.settings);
            }
            let now = common::testing_now();
            let checked = mwc::check_sources(&sources, now);
            if !checked.is_empty() {
                let codes: Vec<&str> = checked.iter().map(|d| d.code.as_str()).collect();
                problems.push(format!("{name}:{line}: `mwc check` reports {codes:?}"));
            }
            let built = mwc::build(&sources, now, &BuildOptions::default());
            if built.files.is_none() || !built.diagnostics.is_empty() {
                let codes: Vec<&str> = built.diagnostics.iter().map(|d| d.code.as_str()).collect();
                problems.push(format!("{name}:{line}: `mwc build` reports {codes:?}"));
            }
        }
    }
    assert!(
        count >= 2,
        "the README and the reference each show a program"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
