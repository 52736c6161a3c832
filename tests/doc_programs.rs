//! Every program in the README and the reference (`docs/*.md`, code blocks
//! marked `mw`) does what the text around it says: it checks without a
//! single diagnostic, and the default `mwc build` (every output, nothing
//! set on the command line) writes its files. (The pages of
//! `docs/codes/` are tested by `explain.rs`.)

use mwc::{BuildOptions, Sources};
use std::path::Path;

mod common;

/// The `mw` code blocks of a Markdown file, with the line each starts on.
fn mw_blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            Some(_) if line.trim_start().starts_with("```") => {
                blocks.extend(current.take());
            }
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None if line.trim() == "```mw" => current = Some((i + 2, String::new())),
            None => {}
        }
    }
    blocks
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
    let mut programs = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("readable");
        let name = page
            .strip_prefix(root)
            .unwrap_or(page)
            .display()
            .to_string();
        for (line, program) in mw_blocks(&text) {
            programs += 1;
            let mut sources = Sources::new();
            sources.add(format!("{name}:{line}"), program.as_str());
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
        programs >= 2,
        "the README and the reference each show a program"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
