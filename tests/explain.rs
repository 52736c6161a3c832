//! Every diagnostic code has a long explanation (`docs/codes/MWxxxx.md`,
//! shown by `mwc explain`) whose first `mw` example produces that code and
//! whose last `mw` example (the fix) checks without a single diagnostic.
//!
//! An example may carry what a program is checked with besides its text:
//! `// mwc-set: NAME=VALUE` lines among the comments that start the block
//! are `--set NAME=VALUE` arguments (as in the fixtures), and an `mwvalues`
//! block before it is a values file (`--values FILE`). Codes such as MW0602 (a setting for no
//! parameter) and MW0606 (a setting that is not one) come only from there.
//!
//! An example is checked as `mwc check example.mw` checks a file in a
//! folder of its own: its imports are read (`Sources::load_imports`) from
//! that folder, which holds the ```` ```mw file=NAME ```` blocks before the
//! example (since the previous one), each a file of that name, and nothing
//! else. Import codes (MW0615, MW0616) come from there.

mod common;

use mwc::{Code, Sources};
use std::path::{Component, Path, PathBuf};

/// One example of a page: a program, with the settings it is checked with
/// and the files beside it.
struct Example {
    /// The ```` ```mw ```` block.
    program: String,
    /// Its `// mwc-set: NAME=VALUE` lines, as `--set` arguments.
    settings: Vec<String>,
    /// The ```` ```mwvalues ```` block before it, as a values file.
    values: Option<String>,
    /// The ```` ```mw file=NAME ```` blocks before it: the files of its
    /// folder, by their names relative to it (`/` between folders).
    files: Vec<(String, String)>,
}

/// The example's own file name, in its folder.
const EXAMPLE: &str = "example.mw";

/// What opens a block that is a file beside the next example.
const FILE_FENCE: &str = "```mw file=";

/// What starts a line of an example that sets a value from the command line
/// (read by [`common::directives`]).
const SET_DIRECTIVE: &str = "// mwc-set:";

/// The examples of a page, in order: every ```` ```mw ```` block, with the
/// `// mwc-set: NAME=VALUE` lines of its first comments passed as `--set`,
/// the ```` ```mwvalues ```` block before it (since the previous example)
/// passed as a values file, and the ```` ```mw file=NAME ```` blocks before
/// it as the files of its folder. A values or file block with no example
/// after it, two values blocks or two files of one name for one example, a
/// file named like the example or outside its folder, and a
/// `// mwc-set:` line in a file (settings belong to the example) are
/// errors.
fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    enum Open {
        Program(String),
        Values(String),
        File(String, String),
    }
    let mut examples = Vec::new();
    let mut values: Option<String> = None;
    let mut files: Vec<(String, String)> = Vec::new();
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
            None if trimmed.starts_with(FILE_FENCE) => {
                let name = trimmed[FILE_FENCE.len()..].trim();
                let Some(name) = in_folder(Path::new(name)) else {
                    return Err(format!(
                        "`{trimmed}`: a file is named by a path inside the example's folder"
                    ));
                };
                if name == EXAMPLE {
                    return Err(format!("`{trimmed}`: `{EXAMPLE}` is the example itself"));
                }
                if files.iter().any(|(n, _)| *n == name) {
                    return Err(format!("two files `{name}` for one example"));
                }
                open = Some(Open::File(name, String::new()));
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
                        files: std::mem::take(&mut files),
                    });
                }
                Some(Open::Values(text)) => values = Some(text),
                Some(Open::File(name, text)) => {
                    if text.contains(SET_DIRECTIVE) {
                        return Err(format!(
                            "file `{name}`: `{SET_DIRECTIVE}` lines go in the example, not in a file it imports"
                        ));
                    }
                    files.push((name, text));
                }
                None => {}
            },
            Some(Open::Program(text) | Open::Values(text) | Open::File(_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    if values.is_some() {
        return Err("a ```mwvalues block with no ```mw example after it".to_string());
    }
    if let Some((name, _)) = files.first() {
        return Err(format!(
            "a file block (`{name}`) with no ```mw example after it"
        ));
    }
    Ok(examples)
}

/// A path as a name inside the example's folder (`shared/roles.mw`), with
/// `.` and `..` resolved; None when it is empty, absolute or leaves the
/// folder.
fn in_folder(path: &Path) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

impl Example {
    /// The sources `mwc check` reads for it: the program, then the values
    /// file, then the files it imports (from its folder), then the command
    /// line, as the command line adds them.
    fn sources(&self) -> Sources {
        let mut sources = Sources::new();
        // Known by its path in the folder, so that a file importing it
        // back imports this one.
        sources.add_file(
            EXAMPLE,
            PathBuf::from(EXAMPLE),
            self.program.clone().into_bytes(),
        );
        if let Some(values) = &self.values {
            sources.add_values("example.mwvalues", values.clone().into_bytes());
        }
        sources.load_imports(|path| self.read(path));
        if !self.settings.is_empty() {
            sources.add_settings(&self.settings);
        }
        sources
    }

    /// Reads a file of the example's folder, as `mwc` reads an import:
    /// its canonical path (its name in the folder) and its bytes, or why not.
    fn read(&self, path: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        let Some(name) = in_folder(path) else {
            return Err(format!(
                "cannot read `{}`: it is outside the example's folder",
                path.display()
            ));
        };
        let text = if name == EXAMPLE {
            Some(&self.program)
        } else {
            self.files.iter().find(|(n, _)| *n == name).map(|(_, t)| t)
        };
        match text {
            Some(text) => Ok((PathBuf::from(name), text.clone().into_bytes())),
            None => Err(format!("cannot read `{name}`: no such file")),
        }
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

#[test]
fn file_blocks_are_files_in_the_folder_of_the_next_example() {
    let fence = "```";
    let page = format!(
        "{fence}mw file=shared/roles.mw\nrole R {{}}\n{fence}\n\n{fence}mw\nimport \"shared/roles.mw\"\n{fence}\n\n{fence}mw\nwindow W {{}}\n{fence}\n"
    );
    let found = examples(&page).expect("a valid page");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].files.len(), 1);
    assert!(found[1].files.is_empty());
    // Read relative to the importing file, `..` resolved; nothing outside
    // the folder.
    let read = |path: &str| found[0].read(Path::new(path)).map(|(p, _)| p);
    assert_eq!(
        read("shared/../shared/roles.mw"),
        Ok(PathBuf::from("shared/roles.mw"))
    );
    assert_eq!(read("./example.mw"), Ok(PathBuf::from(EXAMPLE)));
    assert!(read("roles.mw").is_err());
    assert!(read("../roles.mw").is_err());

    for wrong in [
        format!("{fence}mw file=roles.mw\n{fence}\n"),
        format!("{fence}mw file=../roles.mw\n{fence}\n{fence}mw\n{fence}\n"),
        format!("{fence}mw file=example.mw\n{fence}\n{fence}mw\n{fence}\n"),
        format!(
            "{fence}mw file=a.mw\n{fence}\n{fence}mw file=./a.mw\n{fence}\n{fence}mw\n{fence}\n"
        ),
        format!("{fence}mw file=a.mw\n// mwc-set: x=1\n{fence}\n{fence}mw\n{fence}\n"),
    ] {
        assert!(examples(&wrong).is_err(), "accepted:\n{wrong}");
    }
}
