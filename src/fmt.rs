//! `mwc fmt`: formats files in place, checks or shows what formatting would
//! change, or formats standard input to standard output.
//!
//! Each file is read on its own (its imports are not), parsed and printed
//! by [`mwc::syntax::print`]; a file with a syntax error (a file that is
//! not UTF-8 included) is reported and left alone, and the others are still
//! formatted. The print is parsed again and must give the same tree and
//! comments, or nothing is written (a bug in mwc, exit status 2). A file is
//! written only when its formatting changes, through a temporary file
//! beside it that is renamed over it, with the file's permissions: an
//! interrupted run leaves every file whole.

use crate::cli::FmtArgs;
use crate::input;
use crate::parallel;
use crate::report::{self, Counts, Part, Reporter};
use mwc::syntax::print;
use mwc::syntax::trivia::Trivia;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What formatting one file gave.
#[derive(Default)]
struct Outcome {
    /// The file as messages name it.
    name: String,
    /// Its path.
    path: PathBuf,
    /// Its diagnostics (it did not parse), as the format shows them.
    stderr: String,
    part: Option<Part>,
    counts: Counts,
    /// Trouble that is not the input's fault (exit status 2).
    trouble: Option<String>,
    /// The file's text, and its formatted text, when it parsed.
    texts: Option<(String, String)>,
}

impl Outcome {
    fn changed(&self) -> bool {
        self.texts
            .as_ref()
            .is_some_and(|(before, after)| before != after)
    }
}

/// Runs `mwc fmt`. Exit status: 0 when every file is formatted (and, with
/// `--check` or `--diff`, none would change); 1 when a file has syntax
/// errors or would change; 2 for I/O trouble.
pub fn run(reporter: &Reporter, args: &FmtArgs) -> ExitCode {
    let found = match input::expand(&args.files) {
        Ok(found) => found,
        Err(message) => return reporter.fail(&message),
    };
    let write = !args.check && !args.diff;
    let mut counts = Counts::default();
    let mut parts = Vec::new();
    let (mut trouble, mut lost, mut differ) = (false, false, false);
    let (mut files, mut changed) = (0usize, 0usize);
    parallel::ordered(
        found.len(),
        |i| format_one(reporter, &found[i].path),
        |outcome| {
            let is_changed = outcome.changed();
            let Outcome {
                name,
                path,
                mut stderr,
                part,
                counts: own,
                trouble: mut problem,
                texts,
            } = outcome;
            let is_stdin = name == "<stdin>";
            parts.extend(part);
            counts.add(own);
            if let Some((before, after)) = &texts {
                files += usize::from(!is_stdin);
                differ |= is_changed;
                let stdout = if args.diff {
                    is_changed.then(|| diff(&name, before, after))
                } else if args.check {
                    is_changed.then(|| format!("{name}\n"))
                } else if is_stdin {
                    Some(after.clone())
                } else {
                    None
                };
                if let Some(text) = stdout
                    && write_stdout(&text).is_err()
                {
                    lost = true;
                }
                if write && is_changed && !is_stdin {
                    match write_in_place(&path, after) {
                        Ok(()) => changed += 1,
                        Err(message) => problem = Some(message),
                    }
                }
            }
            if let Some(message) = problem {
                trouble = true;
                if reporter.is_document() {
                    parts.push(Part::Trouble { name, message });
                } else {
                    stderr.push_str(&reporter.trouble(&message));
                }
            }
            if report::write_stderr(&stderr).is_err() {
                lost = true;
            }
        },
    );
    let end = reporter.finish(parts) + &reporter.summary(counts);
    if report::write_stderr(&end).is_err() {
        lost = true;
    }
    if write && files > 0 && reporter.said(&said(changed, files)).is_err() {
        lost = true;
    }
    if lost || trouble {
        ExitCode::from(2)
    } else if counts.errors > 0 || (!write && differ) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads, parses and prints one file.
fn format_one(reporter: &Reporter, path: &Path) -> Outcome {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let outcome = Outcome {
        name,
        path: path.to_path_buf(),
        ..Outcome::default()
    };
    let sources = match input::read_alone(path) {
        Ok(sources) => sources,
        Err(message) => {
            return Outcome {
                trouble: Some(message),
                ..outcome
            };
        }
    };
    let Some(source) = sources.iter().next() else {
        return outcome;
    };
    let (file, diagnostics) = mwc::syntax::parse(source);
    if diagnostics.iter().any(mwc::Diagnostic::is_error) || source.invalid_utf8_at().is_some() {
        let (stderr, part) = reporter.diagnostics(&diagnostics, &sources);
        return Outcome {
            stderr,
            part,
            counts: Counts::of(&diagnostics),
            ..outcome
        };
    }
    let text = source.text();
    let trivia = Trivia::of(source.id(), text, source.content_start());
    let printed = print::print(&file, text, source.content_start(), &trivia);
    if !print::reprints(&file, text, &trivia, &printed) {
        return Outcome {
            trouble: Some(format!(
                "internal error: the formatted `{}` would not be the same program, so it is left as it is. This is a bug in mwc, not in your input. Please report it with the file.",
                outcome.name
            )),
            ..outcome
        };
    }
    Outcome {
        texts: Some((text.to_string(), printed)),
        ..outcome
    }
}

/// What a formatting run did, for people.
fn said(changed: usize, files: usize) -> String {
    let word = |n: usize| if n == 1 { "file" } else { "files" };
    match changed {
        0 if files == 1 => "mwc: the file was already formatted".to_string(),
        0 => format!("mwc: all {files} files were already formatted"),
        n => format!(
            "mwc: formatted {n} {}, {} already formatted",
            word(n),
            files - n
        ),
    }
}

/// A unified diff from `before` to `after`, both named `name`.
fn diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

/// Writes to standard output and flushes it.
fn write_stdout(text: &str) -> Result<(), ()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|_| ())
}

/// Replaces the file at `path` (through symbolic links) with `text`: a
/// temporary file beside it, with its permissions, renamed over it.
pub(crate) fn write_in_place(path: &Path, text: &str) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot write `{}`: {e}", path.display());
    let target = std::fs::canonicalize(path).map_err(cannot)?;
    let metadata = std::fs::metadata(&target).map_err(cannot)?;
    if !metadata.is_file() {
        return Err(format!(
            "cannot format `{}` in place: it is not a regular file (format it as `mwc fmt - < FILE`)",
            path.display()
        ));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp: PathBuf = target.with_file_name(format!(".{name}.mwc-fmt-{}", std::process::id()));
    let written = (|| {
        let _ = std::fs::remove_file(&temp);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(metadata.permissions())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(cannot(e));
    }
    Ok(())
}
