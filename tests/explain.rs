//! Every diagnostic code has a long explanation (`docs/codes/MWxxxx.md`,
//! shown by `mwc explain`) whose first `mw` example produces that code and
//! whose last `mw` example (the fix) checks without a single diagnostic.
//!
//! An example may carry what a program is checked with besides its text:
//! `// mwc-set: NAME=VALUE` lines among the comments that start the block
//! are `--set NAME=VALUE` arguments (as in the fixtures), and an `mwvalues`
//! block before it is a values file (`--values FILE`). Codes such as MW0602 (a setting for no
//! parameter) and MW0606 (a setting that is not one) come only from there.

mod common;

use mwc::{Code, Sources};

/// One example of a page: a program, with the settings it is checked with.
struct Example {
    /// The ```` ```mw ```` block.
    program: String,
    /// Its `// mwc-set: NAME=VALUE` lines, as `--set` arguments.
    settings: Vec<String>,
    /// The ```` ```mwvalues ```` block before it, as a values file.
    values: Option<String>,
}

/// What starts a line of an example that sets a value from the command line
/// (read by [`common::directives`]).
const SET_DIRECTIVE: &str = "// mwc-set:";

/// The examples of a page, in order: every ```` ```mw ```` block, with the
/// `// mwc-set: NAME=VALUE` lines of its first comments passed as `--set`
/// and the ```` ```mwvalues ```` block before it (since the previous
/// example) passed as a values file. A values block with no example after
/// it is an error.
fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    enum Open {
        Program(String),
        Values(String),
    }
    let mut examples = Vec::new();
    let mut values: Option<String> = None;
    let mut open: Option<Open> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed == "```mw" => open = Some(Open::Program(String::new())),
            None if trimmed == "```mwvalues" => {
                if values.is_some() {
                    return Err("two ```mwvalues blocks for one example".to_string());
                }
                open = Some(Open::Values(String::new()));
            }
            None => {}
            Some(_) if trimmed == "```" => match open.take() {
                Some(Open::Program(program)) => {
                    // The leading comment lines, as in the fixtures.
                    let settings =
                        common::directives(std::path::Path::new("example.mw"), &program).sets;
                    if program.matches(SET_DIRECTIVE).count() != settings.len() {
                        return Err(format!(
                            "`{SET_DIRECTIVE}` lines go among the comments that start an example"
                        ));
                    }
                    examples.push(Example {
                        program,
                        settings,
                        values: values.take(),
                    });
                }
                Some(Open::Values(text)) => values = Some(text),
                None => {}
            },
            Some(Open::Program(text) | Open::Values(text)) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    if values.is_some() {
        return Err("a ```mwvalues block with no ```mw example after it".to_string());
    }
    Ok(examples)
}

impl Example {
    /// The sources `mwc check` reads for it: the program, then the values
    /// file, then the command line, as the command line adds them.
    fn sources(&self) -> Sources {
        let mut sources = Sources::new();
        sources.add("example.mw", self.program.as_str());
        if let Some(values) = &self.values {
            sources.add_values("example.mwvalues", values.clone().into_bytes());
        }
        if !self.settings.is_empty() {
            sources.add_settings(&self.settings);
        }
        sources
    }
}

/// The codes of an example. Examples of build-context codes (MW05xx, and
/// MW0208 for logical ids) are checked as `mwc build` checks them: every
/// output, with the example's own settings only.
fn codes_of(code: Code, example: &Example) -> Vec<Code> {
    let sources = example.sources();
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
        let blocks = match examples(doc) {
            Ok(blocks) => blocks,
            Err(problem) => {
                problems.push(format!("{code}: {problem}"));
                continue;
            }
        };
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
