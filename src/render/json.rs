//! Diagnostics as JSON lines: miette's JSON report shape plus 1-based `line`
//! and `column` on each label, for editors and CI.

use crate::diagnostic::Diagnostic;
use crate::source::Sources;
use serde::Serialize;

/// One diagnostic as JSON.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// What is wrong.
    pub message: &'a str,
    /// The stable code, e.g. `MW0102`.
    pub code: &'static str,
    /// `error`, `warning` or `advice`.
    pub severity: &'static str,
    /// Always empty: mwc's diagnostics have no cause chain.
    pub causes: [&'a str; 0],
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    /// The file of the primary label.
    pub filename: &'a str,
    /// The labels, primary first.
    pub labels: Vec<JsonLabel<'a>>,
    /// Always empty: labels in other files carry their own `filename`.
    pub related: [&'a str; 0],
    /// For the summary of a flood: how many more problems of this code in
    /// this file it stands for, beyond itself (omitted otherwise).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One label.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    /// What the span is (omitted when the label has no text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    /// Byte offset and length.
    pub span: JsonSpan,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Whether this is the primary label.
    pub primary: bool,
    /// The file, when it differs from the diagnostic's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<&'a str>,
}

/// A byte range.
#[derive(Debug, Serialize)]
pub struct JsonSpan {
    /// UTF-8 byte offset.
    pub offset: u32,
    /// Length in bytes.
    pub length: u32,
}

/// The JSON form of one diagnostic.
pub fn to_json<'a>(diagnostic: &'a Diagnostic, sources: &'a Sources) -> JsonDiagnostic<'a> {
    let file = sources.get(diagnostic.span().file);
    let labels = diagnostic
        .labels
        .iter()
        .map(|l| {
            let source = sources.get(l.span.file);
            let (line, column) = source.line_col(l.span.start);
            JsonLabel {
                label: (!l.message.is_empty()).then_some(l.message.as_str()),
                span: JsonSpan {
                    offset: l.span.start,
                    length: l.span.len(),
                },
                line,
                column,
                primary: l.primary,
                filename: (l.span.file != file.id()).then_some(source.name()),
            }
        })
        .collect();
    JsonDiagnostic {
        message: &diagnostic.message,
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity.as_str(),
        causes: [],
        help: diagnostic.help.as_deref(),
        filename: file.name(),
        labels,
        related: [],
        omitted: diagnostic.omitted,
    }
}

/// One line of JSON per diagnostic, each ending in `\n`.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        if let Ok(line) = serde_json::to_string(&to_json(d, sources)) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
