//! What an editor shows when the pointer rests on a place of a program:
//! a field's documentation with its AWS counterpart and limits, a block
//! kind's, and for a window's `schedule`, the schedule in plain words with
//! its next openings in the window's time zone.
//!
//! Pure: the program's sources and a byte offset in, Markdown out. Where a
//! name is declared and used is the analysis's business
//! ([`crate::analysis::Symbols`]).

use crate::analysis::{SymbolId, Symbols};
use crate::schema::{self, BlockSchema, Field, Kind, Limits};
use crate::source::{FileId, Sources};
use crate::syntax::ast::{Item, ValueKind};

/// How many openings a schedule's hover lists.
pub const OPENINGS: usize = 5;

/// The hover text at byte `offset` of file `file` of `sources`, checked as
/// `options` say (for the schedule's openings, counted from
/// `options.now`); None where there is nothing to say.
pub fn hover(
    sources: &Sources,
    file: FileId,
    offset: u32,
    options: &crate::Options,
) -> Option<String> {
    let source = sources.get(file);
    let (tree, _) = crate::syntax::parse(source);
    let mut schema: &BlockSchema = &schema::TOP;
    let mut items: &[Item<'_>] = &tree.items;
    loop {
        let item = items.iter().find(|i| {
            let s = i.span();
            s.start <= offset && offset < s.end.max(s.start + 1)
        })?;
        match item {
            Item::Block(block) => {
                let kind = schema.block(block.kind.text)?;
                if block.kind.span.start <= offset && offset < block.kind.span.end {
                    return Some(block_text(kind));
                }
                schema = kind;
                items = &block.items;
            }
            Item::For(f) => items = &f.items,
            Item::Assignment(a) => {
                let field = schema.field(a.key.text)?;
                if a.key.span.start <= offset && offset < a.key.span.end {
                    return Some(field_text(schema, field));
                }
                // On a value: a schedule's openings.
                if schema.kind == Kind::Window
                    && field.name == "schedule"
                    && let ValueKind::Str(_) = &a.value.kind
                {
                    return schedule_text(sources, a.value.span, options);
                }
                return None;
            }
            Item::Import(_) => return None,
        }
    }
}

/// A block kind: its documentation and what it declares in AWS.
fn block_text(kind: &BlockSchema) -> String {
    let mut text = format!("**`{}`** block\n\n{}", kind.kind, kind.doc);
    if !kind.aws.is_empty() {
        text.push_str(&format!("\n\nAWS: `{}`", kind.aws));
    }
    text
}

/// A field: its documentation, type, default, AWS member and limits.
fn field_text(owner: &BlockSchema, field: &Field) -> String {
    let mut text = format!(
        "**`{}`** in `{}`\n\n{}\n\n- takes {}",
        field.name,
        owner.kind,
        field.doc,
        field.ty.describe()
    );
    if field.required {
        text.push_str("\n- required");
    }
    if let Some(default) = field.default {
        text.push_str(&format!("\n- default: `{default}`"));
    }
    if !field.aws.is_empty() {
        text.push_str(&format!("\n- AWS: `{}`", field.aws));
    }
    for limit in limits(&field.limits) {
        text.push_str(&format!("\n- {limit}"));
    }
    if let Some(instead) = field.deprecated {
        text.push_str(&format!("\n- deprecated by AWS: {instead}"));
    }
    text
}

/// How many lines of a declaration a name's hover shows.
pub const DECLARATION_LINES: usize = 12;

/// The hover text of a declared name, on its declaration or a reference:
/// what it declares, where, how often it is used, and the declaration's
/// first lines.
pub fn symbol(sources: &Sources, symbols: &Symbols, id: SymbolId) -> String {
    let symbol = symbols.get(id);
    let file = sources.get(symbol.span.file);
    let (line, _) = file.line_col(symbol.span.start);
    let mut text = format!("**{}** `{}`", symbol.kind, symbol.name);
    if let Some(window) = symbol.window {
        text.push_str(&format!(" of window `{}`", symbols.get(window).name));
    }
    let uses = symbols.uses(id).count();
    text.push_str(&format!(
        "\n\ndeclared at {}:{line}; {}",
        file.name(),
        match uses {
            0 => "not referred to".to_string(),
            1 => "referred to once".to_string(),
            n => format!("referred to {n} times"),
        }
    ));
    let declaration = file.slice(symbol.whole);
    let mut lines = declaration.lines();
    let shown: Vec<&str> = lines.by_ref().take(DECLARATION_LINES).collect();
    text.push_str("\n\n```mw\n");
    text.push_str(&shown.join("\n"));
    if lines.next().is_some() {
        text.push_str("\n  ...");
    }
    text.push_str("\n```");
    text
}

/// AWS's limits in words.
fn limits(limits: &Limits) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((min, max)) = limits.len {
        let unit = if limits.bytes { "bytes" } else { "characters" };
        out.push(format!("{min} to {max} {unit}"));
    }
    if let Some((min, max)) = limits.range {
        out.push(format!("from {min} to {max}"));
    }
    if let Some(pattern) = limits.pattern {
        out.push(format!("matches `{pattern}`"));
    }
    if let Some((min, max)) = limits.items {
        out.push(format!("{min} to {max} items"));
    }
    out
}

/// The schedule of the window whose `schedule` value is at `span`: in
/// plain words, with its next openings in its own time zone.
fn schedule_text(
    sources: &Sources,
    span: crate::source::Span,
    options: &crate::Options,
) -> Option<String> {
    crate::with_options(sources, options, |checked| {
        let window = checked
            .program()
            .windows
            .iter()
            .find(|w| w.schedule.span == span)?;
        let openings = window.openings(options.now, OPENINGS)?;
        let mut text = format!(
            "`{}`: {}\n\nNext openings ({}):",
            openings.expression, openings.description, openings.timezone
        );
        for o in &openings.next {
            text.push_str(&format!(
                "\n- {} to {} (tasks start until {})",
                o.start.strftime("%a %Y-%m-%d %H:%M %Z"),
                o.end.strftime("%H:%M"),
                o.cutoff.strftime("%H:%M")
            ));
        }
        if openings.next.is_empty() {
            text.push_str(" none");
        }
        Some(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Option<String> {
        let mut sources = Sources::new();
        let id = sources.add("t.mw", text);
        let offset = text.find(needle).map_or(0, |p| p + 1) as u32;
        let now = "2026-11-23T00:00:00Z".parse().ok()?;
        hover(&sources, id, offset, &crate::Options::new(now))
    }

    const PROGRAM: &str = "window Nightly {\n  schedule = \"cron(0 3 ? * MON *)\"\n  timezone = \"America/New_York\"\n  duration = 3h\n  cutoff   = 1h\n}\n";

    #[test]
    fn fields_blocks_and_schedules() {
        let duration = at(PROGRAM, "duration").unwrap_or_default();
        assert!(
            duration.starts_with("**`duration`** in `window`"),
            "{duration}"
        );
        assert!(duration.contains("AWS: `"), "{duration}");
        assert!(duration.contains("from 1 to 24"), "{duration}");
        let window = at(PROGRAM, "window").unwrap_or_default();
        assert!(window.starts_with("**`window`** block"), "{window}");
        let schedule = at(PROGRAM, "cron(").unwrap_or_default();
        assert!(
            schedule.contains("Next openings (America/New_York):"),
            "{schedule}"
        );
        assert!(
            schedule.contains("Mon 2026-11-23 03:00 EST to 06:00"),
            "{schedule}"
        );
        assert_eq!(schedule.matches("\n- ").count(), OPENINGS, "{schedule}");
        assert_eq!(at(PROGRAM, "Nightly"), None);
    }
}
