//! miette's graphical report, with or without colour.

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::source::Sources;
use miette::{GraphicalReportHandler, GraphicalTheme};

/// How reports look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unicode drawing and ANSI colours, for a terminal.
    Color,
    /// Unicode drawing without colour, for files, pipes and tests.
    Plain,
}

/// Renders one diagnostic as miette's graphical report.
pub fn render(diagnostic: &Diagnostic, sources: &Sources, style: Style, width: usize) -> String {
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    let report = Report::new(diagnostic, sources);
    if handler.render_report(&mut out, &report).is_err() {
        // A span outside its file is a bug; still show the message.
        out = format!("{}: {}\n", diagnostic.code, diagnostic.message);
    }
    out
}

/// Renders diagnostics one after the other, as the CLI prints them.
pub fn render_all(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    style: Style,
    width: usize,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render(d, sources, style, width));
        out.push('\n');
    }
    out
}
