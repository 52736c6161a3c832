//! Every diagnostic code has a long explanation (`docs/codes/MWxxxx.md`,
//! shown by `mwc explain`) whose first `mw` example produces that code and
//! whose last `mw` example (the fix) checks without it.

mod common;

use mwc::{Code, Sources};

fn mw_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```mw") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// The codes of an example. Examples of build-context codes (MW05xx, and
/// MW0208 for logical ids) are checked as `mwc build` checks them: every
/// output, no `--set`.
fn codes_of(code: Code, text: &str) -> Vec<Code> {
    let mut sources = Sources::new();
    sources.add("example.mw", text);
    let name = code.as_str();
    let diagnostics = if name.starts_with("MW05") || name == "MW0208" {
        mwc::build(
            &sources,
            common::testing_now(),
            &mwc::BuildOptions::default(),
        )
        .diagnostics
    } else {
        mwc::check_sources(&sources, common::testing_now())
    };
    diagnostics.into_iter().map(|d| d.code).collect()
}

#[test]
fn every_code_has_a_failing_and_a_fixed_example() {
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let doc = code.explanation();
        let heading = format!("# {code}: {}", code.title());
        if doc.lines().next() != Some(heading.as_str()) {
            problems.push(format!("{code}: first line must be `{heading}`"));
        }
        let blocks = mw_blocks(doc);
        if blocks.len() < 2 {
            problems.push(format!("{code}: needs a failing and a fixed ```mw example"));
            continue;
        }
        let failing = codes_of(code, &blocks[0]);
        // Bytes that are not UTF-8, or control characters, cannot stand in a
        // Markdown example; those pages describe the input in words.
        let describable = !matches!(code, Code::InvalidUtf8 | Code::InvalidCharacter);
        if describable && !failing.contains(&code) {
            problems.push(format!("{code}: the first example gives {failing:?}"));
        }
        let fixed = codes_of(code, &blocks[blocks.len() - 1]);
        if !fixed.is_empty() {
            problems.push(format!("{code}: the fixed example still gives {fixed:?}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_language_reference_lists_every_code() {
    let reference = include_str!("../docs/language.md");
    for &code in Code::ALL {
        let severity = code.severity().as_str();
        let row = format!(
            "| [{code}](codes/{code}.md) | {severity} | {} |",
            code.title()
        );
        assert!(
            reference.contains(&row),
            "docs/language.md lacks the row `{row}`"
        );
    }
}
