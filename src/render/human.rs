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
    /// ASCII drawing without colour, for terminals that draw nothing else
    /// (`TERM=dumb`).
    Ascii,
}

/// Renders one diagnostic as miette's graphical report.
pub fn render(diagnostic: &Diagnostic, sources: &Sources, style: Style, width: usize) -> String {
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
        Style::Ascii => GraphicalTheme::none(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::{FileId, Span};

    fn rendered(text: &str, diagnostic: Diagnostic) -> String {
        let mut sources = Sources::new();
        sources.add("t.mw", text);
        render(&diagnostic, &sources, Style::Plain, 100)
    }

    #[test]
    fn labels_far_apart_get_a_snippet_each() {
        let text = format!("a\n{}b\n", "//\n".repeat(5_000));
        let b = text.len() - 2;
        let d = Diagnostic::new(Code::DuplicateName, Span::new(FileId(0), b, b + 1), "twice")
            .with_label(Span::new(FileId(0), 0, 1), "first");
        let out = rendered(&text, d);
        assert!(out.lines().count() < 20, "{out}");
        assert!(out.contains("[t.mw:5002:1]"), "{out}");
    }

    #[test]
    fn a_label_over_thousands_of_lines_is_drawn_on_its_first() {
        let text = format!(
            "x = [\n{}]\n",
            "  \"i-0123456789abcdef0\",\n".repeat(10_000)
        );
        let at = text.find('[').unwrap_or(0);
        let d = Diagnostic::new(
            Code::ItemCount,
            Span::new(FileId(0), at, text.len() - 1),
            "too many",
        )
        .label("10,000 items");
        let out = rendered(&text, d);
        assert!(out.lines().count() < 20, "{out}");
        assert!(out.contains("10,000 items"), "{out}");
    }

    #[test]
    fn context_lines_too_long_to_show_are_left_out() {
        let text = format!("{}\nx = 1\n{}\n", "a".repeat(10_000), "b".repeat(10_000));
        let at = text.find('x').unwrap_or(0);
        let d = Diagnostic::new(Code::UnknownField, Span::new(FileId(0), at, at + 1), "odd");
        let out = rendered(&text, d);
        assert!(out.contains("2 │ x = 1"), "{out}");
        assert!(out.len() < 1_000, "{out}");
    }

    #[test]
    fn positions_and_snippets_follow_lone_carriage_returns() {
        let text = "a = 1\rb = 2\r\nc = 3\r";
        let at = text.find('c').unwrap_or(0);
        let d = Diagnostic::new(Code::UnknownField, Span::new(FileId(0), at, at + 1), "odd");
        let out = rendered(text, d);
        assert!(out.contains("[t.mw:3:1]"), "{out}");
        assert!(out.contains("2 │ b = 2\n"), "{out}");
        assert!(out.contains("3 │ c = 3\n"), "{out}");
        assert!(!out.contains('\r'), "{out:?}");
    }
}
