//! Our [`Diagnostic`] seen through miette's `Diagnostic` trait, with its
//! source. Labels in another file than the primary label become a related
//! report with that file as its source (one miette report shows one source).

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources};
use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::borrow::Cow;
use std::fmt;

/// A source file as miette reads it: named, with control characters hidden.
struct Src<'a> {
    file: &'a SourceFile,
    text: Cow<'a, str>,
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

/// Whether the line around `offset` is short enough to show.
fn showable(text: &str, offset: usize) -> bool {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    let start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| offset + p);
    end - start <= MAX_SHOWN_LINE
}

/// Text from the input, with control characters hidden.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '?'
            } else {
                c
            }
        })
        .collect()
}

impl SourceCode for Src<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name().to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
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

fn labeled(label: &crate::diagnostic::Label) -> LabeledSpan {
    let text = (!label.message.is_empty()).then(|| clean(&label.message));
    let span = SourceSpan::new(
        (label.span.start as usize).into(),
        label.span.len() as usize,
    );
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
            if label.span.file == file {
                labels.push(labeled(label));
            } else if let Some(r) = related
                .iter_mut()
                .find(|r| r.source.file.id() == label.span.file)
            {
                r.labels.push(labeled(label));
            } else {
                related.push(Related {
                    source: Src::new(sources.get(label.span.file)),
                    labels: vec![labeled(label)],
                });
            }
        }
        let source_file = sources.get(file);
        let span = diagnostic.span();
        let mut message = clean(&diagnostic.message);
        let source = if showable(source_file.text(), span.start as usize) {
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
            help: diagnostic.help.as_deref().map(clean),
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
