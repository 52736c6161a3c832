//! One line per diagnostic, as compilers print them for editors and for
//! `grep` (rustc's `--error-format=short`, gcc):
//!
//! ```text
//! nightly.mw:4:14: error[MW0405]: the cutoff (2h) is not shorter than the duration (2h)
//! ```
//!
//! `FILE:LINE:COLUMN: SEVERITY[CODE]: MESSAGE`, where `FILE` is the file's
//! name as given (`<stdin>` for standard input, `<command line>` for the
//! `--set` arguments), the position is the primary label's start (1-based,
//! the column in characters, as the JSON `line` and `column`), and the
//! severity is `error`, `warning` or `note` (mwc's advice, under the word
//! gcc and rustc use). Labels and help are left out, as rustc's short format
//! leaves them out: one diagnostic is one line, whatever its text (a line
//! break in it becomes a space, and characters a terminal must not see
//! become `?`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Sources, shown};
use std::fmt::Write;

/// The word for a severity in this format.
pub(crate) fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// One diagnostic as one line, without its `\n`.
pub fn render(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let span = diagnostic.span();
    let file = sources.get(span.file);
    let (line, column) = file.line_col(span.start);
    format!(
        "{}:{line}:{column}: {}[{}]: {}",
        one_line(file.name()),
        severity_word(diagnostic.severity),
        diagnostic.code,
        one_line(&diagnostic.message)
    )
}

/// Text on one line: each line end (`\r\n`, `\n` or `\r`) a space, and
/// made safe for a terminal ([`shown`]).
pub(crate) fn one_line(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    shown(&text).into_owned()
}

/// One line per diagnostic, each ending in `\n`.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}", render(d, sources));
    }
    out
}
