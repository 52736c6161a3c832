//! Diagnostics as JSON lines, one object per line: miette's JSON report
//! shape plus positions on each label, the code's documentation page and
//! the version of this format, for editors and CI.
//!
//! Every object carries `"format": 1` ([`FORMAT`]): a stream of lines has
//! no header to say it once. Fields are only ever added within a format
//! version; a change that removes or redefines a field raises it.
//!
//! Positions on a label: `line` and `column` are 1-based, the column
//! counted in characters (Unicode scalar values); `end_line` and
//! `end_column` are the position just after the span's last character
//! (exclusive, like the end of an LSP range, but 1-based; equal to the start
//! for an empty span). `column_utf16` and `end_column_utf16` are the same
//! columns counted in UTF-16 code units, as LSP and most editors count them
//! (a character outside the Basic Multilingual Plane counts two). `span`
//! gives the UTF-8 byte offset and length. Lines end after `\n`, `\r\n` or a
//! lone `\r`, and a byte-order mark is no column.

use super::Place;
use crate::diagnostic::Diagnostic;
use crate::source::Sources;
use serde::Serialize;

/// The version of this JSON format, on every object as `"format"`.
pub const FORMAT: u32 = 1;

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
    /// Why the severity is not the code's own (a warning made an error by
    /// `-D CODE` or `--deny-warnings`); omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// The file of the primary label.
    pub filename: &'a str,
    /// The labels, primary first.
    pub labels: Vec<JsonLabel<'a>>,
    /// Always empty: labels in other files carry their own `filename`.
    pub related: [&'a str; 0],
    /// Edits that would resolve it (omitted when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<JsonFix<'a>>,
    /// For the summary of a flood: how many more problems of this code in
    /// this file it stands for, beyond itself (omitted otherwise).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
    /// The code's documentation page ([`crate::Code::url`]).
    pub url: String,
    /// The version of this format: [`FORMAT`].
    pub format: u32,
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
    /// Where it is.
    #[serde(flatten)]
    pub place: JsonPlace,
    /// Whether this is the primary label.
    pub primary: bool,
    /// The file, when it differs from the diagnostic's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<&'a str>,
}

/// A fix: edits that would resolve the diagnostic.
#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    /// What it does (`replace with \`schedule\``).
    pub message: &'a str,
    /// `safe` (`mwc check --fix` applies it) or `maybe` (a person should
    /// look first).
    pub applicability: &'static str,
    /// The edits, in order, not overlapping.
    pub edits: Vec<JsonEdit<'a>>,
}

/// One edit of a fix: the text of a span replaced.
#[derive(Debug, Serialize)]
pub struct JsonEdit<'a> {
    /// The file.
    pub filename: &'a str,
    /// The bytes replaced, and where they are.
    #[serde(flatten)]
    pub place: JsonPlace,
    /// The new text.
    pub replacement: &'a str,
}

/// Where a span is: its bytes, and its lines and columns (see the module
/// documentation), as labels and edits carry it.
#[derive(Debug, Serialize)]
pub struct JsonPlace {
    /// Byte offset and length.
    pub span: JsonSpan,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, in characters.
    pub column: usize,
    /// 1-based line of the end (the position after the last character).
    pub end_line: usize,
    /// 1-based column of the end (exclusive), in characters.
    pub end_column: usize,
    /// 1-based column of the first character, in UTF-16 code units.
    pub column_utf16: usize,
    /// 1-based column of the end (exclusive), in UTF-16 code units.
    pub end_column_utf16: usize,
}

impl JsonPlace {
    /// The place of `span` in `source`.
    pub fn of(source: &crate::source::SourceFile, span: crate::source::Span) -> JsonPlace {
        let place = Place::of(source, span);
        JsonPlace {
            span: JsonSpan {
                offset: span.start,
                length: span.len(),
            },
            line: place.line,
            column: place.column,
            end_line: place.end_line,
            end_column: place.end_column,
            column_utf16: place.column_utf16,
            end_column_utf16: place.end_column_utf16,
        }
    }
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
            JsonLabel {
                label: (!l.message.is_empty()).then_some(l.message.as_str()),
                place: JsonPlace::of(source, l.span),
                primary: l.primary,
                filename: (l.span.file != file.id()).then_some(source.name()),
            }
        })
        .collect();
    let fixes = diagnostic
        .fixes
        .iter()
        .map(|f| JsonFix {
            message: &f.message,
            applicability: match f.applicability {
                crate::diagnostic::Applicability::Safe => "safe",
                crate::diagnostic::Applicability::Maybe => "maybe",
            },
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let source = sources.get(e.span.file);
                    JsonEdit {
                        filename: source.name(),
                        place: JsonPlace::of(source, e.span),
                        replacement: &e.replacement,
                    }
                })
                .collect(),
        })
        .collect();
    JsonDiagnostic {
        message: &diagnostic.message,
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity.as_str(),
        causes: [],
        help: diagnostic.help.as_deref(),
        note: diagnostic.note.as_deref(),
        filename: file.name(),
        labels,
        related: [],
        fixes,
        omitted: diagnostic.omitted,
        url: diagnostic.code.url(),
        format: FORMAT,
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

/// A problem that is not in the input (a file that cannot be read, standard
/// output that cannot be written), as one JSON object of the same family.
///
/// It has the same fields as a diagnostic with no position: `message`,
/// `severity` (always `error`), `causes`, `labels` and `related` (empty),
/// `format`, and `code`, `filename` and `url` all `null`; a reader tells it
/// from a diagnostic by its `null` code.
#[derive(Debug, Serialize)]
pub struct JsonError<'a> {
    /// What went wrong, a sentence (`cannot read x.mw: No such file or directory`).
    pub message: &'a str,
    /// Always `null`: such a problem has no code.
    pub code: Option<&'static str>,
    /// Always `error`.
    pub severity: &'static str,
    /// Always empty.
    pub causes: [&'a str; 0],
    /// Always `null`: the problem is in no input file.
    pub filename: Option<&'a str>,
    /// Always empty.
    pub labels: [JsonLabel<'a>; 0],
    /// Always empty.
    pub related: [&'a str; 0],
    /// Always `null`: no page documents it.
    pub url: Option<String>,
    /// The version of this format: [`FORMAT`].
    pub format: u32,
}

/// One line of JSON (ending in `\n`) for a problem outside the input, such
/// as an I/O error: see [`JsonError`].
pub fn render_error(message: &str) -> String {
    let error = JsonError {
        message,
        code: None,
        severity: "error",
        causes: [],
        filename: None,
        labels: [],
        related: [],
        url: None,
        format: FORMAT,
    };
    let mut line = serde_json::to_string(&error).unwrap_or_default();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::Span;

    #[test]
    fn an_io_error_is_one_object_of_the_family() {
        let line = render_error("cannot read \"x.mw\": No such file or directory");
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["code"], serde_json::Value::Null);
        assert_eq!(value["severity"], "error");
        assert_eq!(value["format"], FORMAT);
        assert_eq!(value["labels"], serde_json::json!([]));
        assert_eq!(
            value["message"],
            "cannot read \"x.mw\": No such file or directory"
        );
    }

    #[test]
    fn labels_give_their_end_and_utf16_columns() {
        let mut sources = Sources::new();
        let text = "// 😀 é\nx = \"😀\"\n";
        let file = sources.add("t.mw", text);
        let start = text.find('"').unwrap_or(0);
        let d = Diagnostic::new(Code::UnknownField, Span::new(file, start, start + 6), "odd");
        let value: serde_json::Value =
            serde_json::from_str(render_all(&[d], &sources).trim_end()).unwrap();
        let label = &value["labels"][0];
        assert_eq!(
            (
                &label["line"],
                &label["column"],
                &label["end_line"],
                &label["end_column"]
            ),
            (&2.into(), &5.into(), &2.into(), &8.into())
        );
        assert_eq!(
            (&label["column_utf16"], &label["end_column_utf16"]),
            (&5.into(), &9.into())
        );
        assert_eq!(
            value["url"],
            "https://github.com/mwc-lang/mwc/blob/main/docs/codes/MW0102.md"
        );
    }
}
