//! Rendering diagnostics for people (miette's graphical report) and for
//! tools: JSON lines, one line per diagnostic (`short`), GitHub Actions
//! workflow commands, a SARIF 2.1.0 log and a JUnit XML report. Every
//! renderer is a pure function of the diagnostics and their sources, and
//! costs time linear in the number of diagnostics (plus, for positions, the
//! text between them: see [`crate::SourceFile::line_col`]).

pub mod github;
pub mod html;
#[cfg(feature = "cli")]
pub mod human;
pub mod ics;
pub mod json;
pub mod junit;
mod report;
pub mod sarif;
pub mod schedule;
pub mod short;
pub mod tasks;

pub use report::Report;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, SourceKind, Sources, Span};
use std::fmt::Write;

/// Where a span is, as the tools' formats give it. Lines and columns are
/// 1-based; the end is exclusive, the position just after the span's last
/// character (the start itself for an empty span), as an editor's selection
/// ends; columns count characters, and the `_utf16` ones UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Line of the first character.
    pub line: usize,
    /// Column of the first character, in characters.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column of the end, in characters.
    pub end_column: usize,
    /// Column of the first character, in UTF-16 code units.
    pub column_utf16: usize,
    /// Column of the end, in UTF-16 code units.
    pub end_column_utf16: usize,
}

impl Place {
    /// The place of `span` in `file`.
    pub(crate) fn of(file: &SourceFile, span: Span) -> Place {
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end);
        let (_, column_utf16) = file.line_col_utf16(span.start);
        let (_, end_column_utf16) = file.line_col_utf16(span.end);
        Place {
            line,
            column,
            end_line,
            end_column,
            column_utf16,
            end_column_utf16,
        }
    }
}

/// Whether a source's name is a path a CI tool can match against the
/// repository's files: not the `--set` arguments (`<command line>`) nor a
/// name in angle brackets such as `<stdin>`.
/// A count with thousands separated by commas: `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn is_path(file: &SourceFile) -> bool {
    let name = file.name();
    file.kind() != SourceKind::CommandLine
        && !name.is_empty()
        && !(name.starts_with('<') && name.ends_with('>'))
}

/// The labels of a diagnostic that have text, one line each: `FILE:LINE:COL:
/// text` (primary first, as the diagnostic holds them), for formats that
/// carry only one position and a text.
pub(crate) fn label_lines(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let mut out = String::new();
    for label in diagnostic.labels.iter().filter(|l| !l.message.is_empty()) {
        let file = sources.get(label.span.file);
        let (line, column) = file.line_col(label.span.start);
        let _ = writeln!(out, "{}:{line}:{column}: {}", file.name(), label.message);
    }
    out
}
