//! Our [`Diagnostic`] seen through miette's `Diagnostic` trait, with its
//! source. Labels in another file than the primary label become a related
//! report with that file as its source (one miette report shows one source).

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources, Span};
use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::fmt;

/// A source file as miette reads it: named, with hidden characters shown as
/// `?` and lone carriage returns as line feeds ([`SourceFile::display_text`]),
/// read through the file's line index.
struct Src<'a> {
    file: &'a SourceFile,
    text: &'a str,
}

impl<'a> Src<'a> {
    fn new(file: &'a SourceFile) -> Src<'a> {
        Src {
            file,
            text: file.display_text(),
        }
    }
}

/// Lines longer than this are not shown in a report (the message and the
/// position still are): a snippet of megabytes helps nobody.
const MAX_SHOWN_LINE: usize = 2_000;

/// How many lines between two labels a snippet shows rather than splitting.
const MAX_GAP: usize = 10;

/// Whether the 0-based `line` of `file` is short enough to show.
fn short_line(file: &SourceFile, line: usize) -> bool {
    file.line_range(line).len() <= MAX_SHOWN_LINE
}

/// Whether the lines a span starts and ends on are short enough to show.
fn showable(file: &SourceFile, span: Span) -> bool {
    short_line(file, file.line_of(span.start as usize))
        && short_line(file, file.line_of(span.end as usize))
}

/// Text from the input, with hidden characters shown as `?`.
fn clean(text: &str) -> String {
    crate::source::shown(text).into_owned()
}

impl SourceCode for Src<'_> {
    /// miette's own reading of a `str` scans the text from its start for
    /// every span; this one reads only the lines around the span, found in
    /// the file's line index, and hands them to miette's reader, so rendering
    /// costs the same at the end of a large file as at its start. Context
    /// lines too long to show are left out. The line and column miette prints
    /// are the line index's, counted as the JSON output counts them.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let file = self.file;
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = file.line_of(start);
        let last = file.line_of(end.saturating_sub(1).max(start));
        // The context lines, stopping at the first one too long to show.
        let mut lo = first;
        while lo > 0 && first - lo < context_lines_before && short_line(file, lo - 1) {
            lo -= 1;
        }
        // miette's reader may take one line more than asked when the span
        // ends with a line end.
        let mut hi = last;
        let lines = file.line_count();
        while hi + 1 < lines && hi - last <= context_lines_after && short_line(file, hi + 1) {
            hi += 1;
        }
        let base = file.line_range(lo).start;
        let window_end = file.line_range(hi).end;
        let window = self
            .text
            .get(base..window_end)
            .ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(
            &SourceSpan::new((start - base).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        let column = if context_lines_before == 0 {
            // The header's column: characters, as in the JSON output.
            file.line_col(u32::try_from(start).unwrap_or(u32::MAX)).1 - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            file.name().to_string(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + lo,
            column,
            // miette shows two labels in one snippet when the first one's
            // line count reaches the second one's first line. Its own reader
            // counts lines from the start of the file, which joins labels
            // thousands of lines apart and prints every line between; here
            // labels up to `MAX_GAP` lines apart share a snippet, and farther
            // ones get their own.
            (inner.line_count() + lo).min(inner.line_count() - inner.line() + MAX_GAP),
        )))
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Advice => miette::Severity::Advice,
    }
}

/// A diagnostic ready for a miette handler.
pub struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: Option<String>,
    /// None when the primary line is too long to show.
    source: Option<Src<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Related<'a>>,
}

/// Labels of a diagnostic that point into another file.
struct Related<'a> {
    source: Src<'a>,
    labels: Vec<LabeledSpan>,
}

/// A label spanning more lines than this (a list of thousands of items) is
/// drawn on its first line only: miette would print every line it covers.
const MAX_LABEL_LINES: usize = 24;

/// The part of a label's span that is drawn.
fn drawn(file: &SourceFile, span: Span) -> Span {
    let first = file.line_of(span.start as usize);
    let last = file.line_of(
        (span.end as usize)
            .saturating_sub(1)
            .max(span.start as usize),
    );
    if last - first < MAX_LABEL_LINES {
        return span;
    }
    let line = &file.text().as_bytes()[file.line_range(first)];
    let content = line
        .iter()
        .rposition(|&b| b != b'\n' && b != b'\r')
        .map_or(0, |p| p + 1);
    let end = file.line_range(first).start + content;
    Span::new(span.file, span.start as usize, end.max(span.start as usize))
}

fn labeled(label: &crate::diagnostic::Label, file: &SourceFile) -> LabeledSpan {
    let text = (!label.message.is_empty()).then(|| clean(&label.message));
    let shown = drawn(file, label.span);
    let span = SourceSpan::new((shown.start as usize).into(), shown.len() as usize);
    if label.primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

impl<'a> Report<'a> {
    /// Pairs a diagnostic with the files its labels point into.
    pub fn new(diagnostic: &'a Diagnostic, sources: &'a Sources) -> Report<'a> {
        let file = diagnostic.span().file;
        let mut labels = Vec::new();
        let mut related: Vec<Related<'a>> = Vec::new();
        for label in &diagnostic.labels {
            let label_file = sources.get(label.span.file);
            if !label.primary && !showable(label_file, drawn(label_file, label.span)) {
                // A secondary label on a line too long to show is left out.
                continue;
            }
            if label.span.file == file {
                labels.push(labeled(label, label_file));
            } else if let Some(r) = related
                .iter_mut()
                .find(|r| r.source.file.id() == label.span.file)
            {
                r.labels.push(labeled(label, label_file));
            } else {
                related.push(Related {
                    source: Src::new(sources.get(label.span.file)),
                    labels: vec![labeled(label, label_file)],
                });
            }
        }
        let source_file = sources.get(file);
        let span = diagnostic.span();
        let mut message = clean(&diagnostic.message);
        let source = if showable(source_file, drawn(source_file, span)) {
            Some(Src::new(source_file))
        } else {
            let (line, column) = source_file.line_col(span.start);
            message.push_str(&format!(" (at {}:{line}:{column})", source_file.name()));
            labels.clear();
            None
        };
        Report {
            diagnostic,
            message,
            // Why a warning is an error here comes after what to do.
            help: match (&diagnostic.help, &diagnostic.note) {
                (Some(help), Some(note)) => Some(format!("{}\nnote: {}", clean(help), clean(note))),
                (None, Some(note)) => Some(format!("note: {}", clean(note))),
                (help, None) => help.as_deref().map(clean),
            },
            source,
            labels,
            related,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.diagnostic.severity))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

impl fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "related labels in {}", self.source.file.name())
    }
}

impl fmt::Display for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "see also {}", self.source.file.name())
    }
}

impl std::error::Error for Related<'_> {}

impl miette::Diagnostic for Related<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
