//! Diagnostics as GitHub Actions workflow commands: printed by a step, each
//! becomes an annotation on the file and line in the run's summary and in a
//! pull request's diff.
//!
//! ```text
//! ::error file=nightly.mw,line=4,col=14,endLine=4,endColumn=16,title=MW0405%3A cutoff not below duration::the cutoff ...%0Ahelp: ...
//! ```
//!
//! - The command is the severity: `::error`, `::warning`, or `::notice` for
//!   mwc's advice.
//! - `file` is the file's name as given (run mwc from the repository's root
//!   with relative paths, so that GitHub finds the file); `line` and `col`
//!   are the primary label's start, `endLine` and `endColumn` its end (the
//!   column after its last character), 1-based, columns in characters.
//!   GitHub takes columns only within one line, so a span over several
//!   lines gives `line` and `endLine` alone.
//! - For a source that is not a file (`<stdin>`, the `--set` arguments) no
//!   position is given, and the message starts with `NAME:LINE:COLUMN: `.
//! - `title` is the code and its title (`MW0405: cutoff not below duration`).
//! - The message is the diagnostic's message, then each label that has text
//!   as `FILE:LINE:COLUMN: text`, then `help: ...`, one per line.
//!
//! Escaping follows the Actions toolkit's `escapeData` and `escapeProperty`
//! (`@actions/core`, `command.ts`): in the message `%`, `\r` and `\n` become
//! `%25`, `%0D` and `%0A`; property values also have `:` and `,` as `%3A`
//! and `%2C`.

use super::{Place, is_path, label_lines};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Sources, is_hidden};
use std::fmt::Write;

/// The workflow command of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    }
}

/// Escapes a command's message (`escapeData`): `%`, `\r`, `\n`.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`escapeProperty`): as [`escape_data`], and
/// `:` and `,`.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// Text with the characters a log must not show ([`is_hidden`]) as `?`, one
/// per byte; line ends are kept, for [`escape_data`].
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// One diagnostic as one workflow command, without its `\n`.
pub fn render(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let span = diagnostic.span();
    let file = sources.get(span.file);
    let place = Place::of(file, span);
    let mut properties = String::new();
    let mut message = String::new();
    if is_path(file) {
        let _ = write!(
            properties,
            "file={},line={},",
            escape_property(file.name()),
            place.line
        );
        if place.end_line == place.line {
            let _ = write!(
                properties,
                "col={},endLine={},endColumn={},",
                place.column, place.end_line, place.end_column
            );
        } else {
            let _ = write!(properties, "endLine={},", place.end_line);
        }
    } else {
        let _ = write!(message, "{}:{}:{}: ", file.name(), place.line, place.column);
    }
    let title = format!("{}: {}", diagnostic.code, diagnostic.code.title());
    let _ = write!(properties, "title={}", escape_property(&title));
    message.push_str(&diagnostic.message);
    for line in label_lines(diagnostic, sources).lines() {
        message.push('\n');
        message.push_str(line);
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    if let Some(note) = &diagnostic.note {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    format!(
        "::{} {properties}::{}",
        command(diagnostic.severity),
        escape_data(&visible(&message))
    )
}

/// One workflow command per diagnostic, each ending in `\n`.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render(d, sources));
        out.push('\n');
    }
    out
}

/// A problem outside the input (an I/O error) as an `::error` command
/// without a file, titled `mwc`, ending in `\n`.
pub fn render_error(message: &str) -> String {
    format!("::error title=mwc::{}\n", escape_data(&visible(message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
        // `%` first: an escape already in the text is not undone.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
