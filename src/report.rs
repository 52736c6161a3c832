//! How the command prints diagnostics, its summary and its I/O trouble, in
//! the format and colour the user chose.

use crate::cli::{Color, MessageFormat, OutputArgs};
use mwc::render::{github, human, json, junit, sarif, short};
use mwc::{Diagnostic, Severity, Sources};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How many diagnostics of one program the human format shows before
/// "and N more".
const HUMAN_LIMIT: usize = 100;

/// What the diagnostics of a run add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors, the warnings made errors by the lint levels included.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Of the errors, how many are warnings made errors (`-D`, `--deny-warnings`).
    pub denied: usize,
}

impl Counts {
    /// The counts of `diagnostics` (a flood's summary counts every problem
    /// it stands for).
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => {
                    counts.errors += d.count();
                    if d.note.is_some() {
                        counts.denied += d.count();
                    }
                }
                Severity::Warning => counts.warnings += d.count(),
                Severity::Advice => {}
            }
        }
        counts
    }

    /// Adds another program's counts.
    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.denied += other.denied;
    }
}

/// The user's choice of format, colour and verbosity, and what the
/// terminal can show.
#[derive(Debug, Clone)]
pub struct Reporter {
    format: MessageFormat,
    style: human::Style,
    width: usize,
    quiet: bool,
}

impl Reporter {
    /// From the command line and the environment: colour when asked, or
    /// when standard error is a terminal, `NO_COLOR` is unset or empty and
    /// `TERM` is not `dumb`; `TERM=dumb` also means ASCII drawing.
    pub fn new(args: &OutputArgs) -> Reporter {
        let terminal = std::io::stderr().is_terminal();
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && !no_color && !dumb,
        };
        let style = match (color, dumb) {
            (true, _) => human::Style::Color,
            (false, true) => human::Style::Ascii,
            (false, false) => human::Style::Plain,
        };
        let width = if terminal {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100)
        } else {
            100
        };
        Reporter {
            format: args.message_format,
            style,
            width,
            quiet: args.quiet,
        }
    }

    /// One program's diagnostics, as the format shows them: the text to
    /// print now, and for the formats that are one document for the whole
    /// run (SARIF, JUnit) the program's part of it.
    pub fn diagnostics(
        &self,
        diagnostics: &[Diagnostic],
        sources: &Sources,
    ) -> (String, Option<Part>) {
        let text = match self.format {
            MessageFormat::Json => json::render_all(diagnostics, sources),
            MessageFormat::Short => short::render_all(diagnostics, sources),
            MessageFormat::Github => github::render_all(diagnostics, sources),
            MessageFormat::Sarif => {
                return (
                    String::new(),
                    Some(Part::Sarif(sarif::results(diagnostics, sources))),
                );
            }
            MessageFormat::Junit => {
                return (
                    String::new(),
                    Some(Part::Junit(junit::cases(diagnostics, sources))),
                );
            }
            MessageFormat::Human => {
                let shown = diagnostics.len().min(HUMAN_LIMIT);
                let mut text =
                    human::render_all(&diagnostics[..shown], sources, self.style, self.width);
                if diagnostics.len() > shown {
                    let more: usize = diagnostics[shown..].iter().map(Diagnostic::count).sum();
                    text.push_str(&format!(
                        "… and {more} more (use --message-format json to see all)\n"
                    ));
                }
                text
            }
        };
        (text, None)
    }

    /// Whether the format is one document for the whole run (SARIF, JUnit):
    /// its parts are gathered and written by [`Reporter::finish`].
    pub fn is_document(&self) -> bool {
        matches!(self.format, MessageFormat::Sarif | MessageFormat::Junit)
    }

    /// The run's document, from its parts in order (nothing in the other
    /// formats).
    pub fn finish(&self, parts: Vec<Part>) -> String {
        match self.format {
            MessageFormat::Sarif => {
                let mut results = Vec::new();
                let mut trouble = Vec::new();
                for part in parts {
                    match part {
                        Part::Sarif(r) => results.extend(r),
                        Part::Trouble { message, .. } => trouble.push(message),
                        Part::Junit(_) => {}
                    }
                }
                sarif::render(&sarif::log_of(results, &trouble))
            }
            MessageFormat::Junit => {
                let cases: Vec<junit::Cases> = parts
                    .into_iter()
                    .filter_map(|part| match part {
                        Part::Junit(cases) => Some(cases),
                        Part::Trouble { name, message } => Some(junit::trouble(&name, &message)),
                        Part::Sarif(_) => None,
                    })
                    .collect();
                junit::report(&cases)
            }
            _ => String::new(),
        }
    }

    /// The line that ends a run's diagnostics in the formats for people
    /// (nothing when there is nothing to count, or with `-q`).
    pub fn summary(&self, counts: Counts) -> String {
        if self.quiet || !matches!(self.format, MessageFormat::Human | MessageFormat::Short) {
            return String::new();
        }
        let Counts {
            errors,
            warnings,
            denied,
        } = counts;
        let denied_words = match denied {
            0 => String::new(),
            n if n == errors => " (warnings made errors by the lint levels)".to_string(),
            n => format!(" ({n} of them warnings made errors by the lint levels)"),
        };
        match (errors, warnings) {
            (0, 0) => String::new(),
            (0, w) => format!("mwc: {}\n", plural(w, "warning")),
            (e, 0) => format!("mwc: {}{denied_words}\n", plural(e, "error")),
            (e, w) => format!(
                "mwc: {}{denied_words}, {}\n",
                plural(e, "error"),
                plural(w, "warning")
            ),
        }
    }

    /// Trouble that is not the input's fault (exit status 2), in the
    /// format: a plain `mwc: message` line for people, a JSON object, a
    /// GitHub `::error`, or a whole SARIF log or JUnit report that holds it.
    pub fn fail(&self, message: &str) -> ExitCode {
        // Nothing more can be done when standard error cannot be written.
        let text = if self.is_document() {
            self.finish(vec![Part::Trouble {
                name: "mwc".into(),
                message: message.into(),
            }])
        } else {
            self.trouble(message)
        };
        let _ = write_stderr(&text);
        ExitCode::from(2)
    }

    /// One trouble as the streaming formats print it (the document formats
    /// gather it as a [`Part::Trouble`]).
    pub fn trouble(&self, message: &str) -> String {
        match self.format {
            MessageFormat::Json => json::render_error(message),
            MessageFormat::Github => github::render_error(message),
            _ => format!("mwc: {message}\n"),
        }
    }

    /// A line saying what a run did (such as what `build` wrote), unless `-q`
    /// or a format for programs.
    pub fn said(&self, text: &str) -> Result<(), ExitCode> {
        if self.quiet || self.format != MessageFormat::Human {
            return Ok(());
        }
        write_stderr(&format!("{text}\n")).map_err(|()| ExitCode::from(2))
    }
}

/// A program's part of a document format, in the run's order.
#[derive(Debug)]
pub enum Part {
    /// Its SARIF results.
    Sarif(Vec<mwc::render::sarif::SarifResult>),
    /// Its JUnit test cases.
    Junit(junit::Cases),
    /// Trouble outside the input (a file that could not be read), named by
    /// the program.
    Trouble {
        /// The program (its first file), or `mwc` for the whole run.
        name: String,
        /// What went wrong.
        message: String,
    },
}

/// Writes to standard error; Err when it cannot be written.
pub fn write_stderr(text: &str) -> Result<(), ()> {
    let mut stderr = std::io::stderr().lock();
    stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush())
        .map_err(|_| ())
}

/// The exit status diagnostics call for.
pub fn status(counts: Counts) -> ExitCode {
    if counts.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
