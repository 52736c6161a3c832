//! From text to the generic syntax tree.
//!
//! Parsing never fails: it returns a tree (possibly missing the items that did
//! not parse) and the diagnostics. pest's types stay inside this module.

pub mod ast;
mod errors;
pub(crate) use errors::malformed_interpolation;
pub mod interp;
pub(crate) mod lower;
pub use lower::quote;
mod parser;
pub mod print;
pub mod reuse;
pub mod scan;
pub mod trivia;

use crate::diagnostic::Diagnostic;
use crate::schema::Kind;
use crate::source::{SourceFile, Span};
use ast::{File, Item};
use lower::Lowerer;
use parser::{MwParser, Rule};
use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

/// Files smaller than this are parsed on the calling thread: spawning costs
/// more than it saves, and editors check small files on every keystroke.
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// Splits `items` (chunks of a file, or the chunks a cache has not seen)
/// into contiguous groups of about equal size, one per thread; `len` is
/// their total size and `size` gives each one's.
pub(crate) fn split_for_threads<T>(
    items: &[T],
    len: usize,
    size: impl Fn(&T) -> usize,
) -> Vec<&[T]> {
    if len < PARALLEL_MIN_BYTES || items.len() < 2 {
        return vec![items];
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 {
        return vec![items];
    }
    let target = len / threads + 1;
    let mut groups = Vec::with_capacity(threads);
    let mut start = 0;
    let mut sum = 0;
    for (i, item) in items.iter().enumerate() {
        sum += size(item);
        if sum >= target && groups.len() + 1 < threads {
            groups.push(&items[start..=i]);
            start = i + 1;
            sum = 0;
        }
    }
    if start < items.len() {
        groups.push(&items[start..]);
    }
    groups
}

/// Diagnostics are capped ([`crate::diagnostic::cap_floods`]) whenever
/// their number has doubled since the last time, and at least this many have
/// gathered: a file of ten million `{}` is ten million syntax errors.
const CAP_AT_LEAST: usize = 1024;

/// Caps a parse's diagnostics ([`crate::diagnostic::cap_floods`]) before a
/// chunk whenever their number has doubled since the last time.
pub(crate) struct FloodGate {
    cap_at: usize,
}

impl FloodGate {
    /// A gate for a parse that has reported nothing yet.
    pub(crate) fn new() -> FloodGate {
        FloodGate {
            cap_at: CAP_AT_LEAST,
        }
    }

    /// Called before each chunk.
    pub(crate) fn check(&mut self, diags: &mut Vec<Diagnostic>) {
        if diags.len() >= self.cap_at {
            crate::diagnostic::cap_floods(diags);
            self.cap_at = (2 * diags.len()).max(CAP_AT_LEAST);
        }
    }
}

/// Parses chunks in order, appending their items and diagnostics.
fn parse_chunks<'s>(
    file: crate::source::FileId,
    text: &'s str,
    chunks: &[scan::Chunk],
    items: &mut Vec<Item<'s>>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut gate = FloodGate::new();
    for chunk in chunks {
        gate.check(diags);
        parse_chunk(file, text, chunk, items, diags);
    }
}

/// Parses a chunk that is one clean parse of the `chunk` rule: its items
/// and the diagnostics of lowering them (spans from `base`). This is a
/// function of the chunk's text alone (and `base`), which
/// [`reuse::ParseCache`] relies on; None when pest fails.
pub(crate) fn parse_clean_chunk<'s>(
    file: crate::source::FileId,
    chunk_text: &'s str,
    base: usize,
    items: &mut Vec<Item<'s>>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), pest::error::Error<Rule>> {
    let mut pairs = MwParser::parse(Rule::chunk, chunk_text)?;
    let mut lowerer = Lowerer { file, base, diags };
    if let Some(top) = pairs.next() {
        lowerer.items(top.into_inner(), items);
    }
    Ok(())
}

/// Parses one chunk of `text`, appending its items and diagnostics: a
/// clean parse, else the recovery of a broken block (which may read the
/// text around the chunk), else the header of a block that did not parse.
pub(crate) fn parse_chunk<'s>(
    file: crate::source::FileId,
    text: &'s str,
    chunk: &scan::Chunk,
    items: &mut Vec<Item<'s>>,
    diags: &mut Vec<Diagnostic>,
) {
    let chunk_text = &text[chunk.range.clone()];
    let base = chunk.range.start;
    if !chunk.broken {
        match parse_clean_chunk(file, chunk_text, base, items, diags) {
            Ok(()) => return,
            Err(err) => {
                // A block that fails as a whole is parsed again item by
                // item, so that each broken item is reported and the
                // others still count.
                let mut recovered = Vec::new();
                if let Some(block) =
                    recover_block(file, text, chunk.range.clone(), &mut recovered, 0)
                {
                    diags.extend(recovered);
                    items.push(Item::Block(Box::new(block)));
                    return;
                }
                diags.push(pest_error(file, text, chunk.range.clone(), &err, false));
            }
        }
    }
    // The chunk did not parse: keep the header of a block, if it has one,
    // so that references to it do not cascade into more errors.
    if let Ok(mut pairs) = MwParser::parse(Rule::block_head, head_text(chunk_text))
        && let Some(head) = pairs.next()
    {
        let whole = Span::new(file, base, chunk.range.end);
        let mut lowerer = Lowerer {
            file,
            base,
            diags: &mut Vec::new(),
        };
        items.push(Item::Block(Box::new(lowerer.broken_block(head, whole))));
    }
}

/// Parses `text`, found at `offset` in `file`, as one value (a `--set`
/// argument's). None when it is not one value or is nested deeper than
/// files may be; escapes and numbers are checked as in a file.
pub fn parse_value(
    file: crate::source::FileId,
    text: &str,
    offset: usize,
) -> Option<(ast::Value<'_>, Vec<Diagnostic>)> {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > scan::MAX_DEPTH {
            return None;
        }
    }
    let mut pairs = MwParser::parse(Rule::setting_value, text).ok()?;
    let value = pairs
        .next()?
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)?;
    let mut diags = Vec::new();
    let mut lowerer = Lowerer {
        file,
        base: offset,
        diags: &mut diags,
    };
    let value = lowerer.value(value);
    Some((value, diags))
}

/// A file a program names: an `import "path"`, or the `from` of a
/// `document "NAME" { from = "path" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRef {
    /// `import "path"`: the literal's span and the path.
    Import(Span, String),
    /// A document's content: the document's name, the `from` literal's span
    /// and the path.
    Document(String, Span, String),
}

/// The files a file names at its top level: its imports and the contents of
/// its documents, in order. Only the chunks that mention `import` or
/// `document` are parsed.
pub fn references(source: &SourceFile) -> Vec<FileRef> {
    let text = source.text();
    if !(text.contains("import") || text.contains("document")) || source.invalid_utf8_at().is_some()
    {
        return Vec::new();
    }
    let file = source.id();
    let (chunks, _) = scan::scan(file, text, source.content_start());
    let mut out = Vec::new();
    for chunk in &chunks {
        let chunk_text = &text[chunk.range.clone()];
        if chunk.broken || !(chunk_text.contains("import") || chunk_text.contains("document")) {
            continue;
        }
        let Ok(mut pairs) = MwParser::parse(Rule::chunk, chunk_text) else {
            continue;
        };
        let mut items = Vec::new();
        let mut lowerer = Lowerer {
            file,
            base: chunk.range.start,
            diags: &mut Vec::new(),
        };
        if let Some(top) = pairs.next() {
            lowerer.items(top.into_inner(), &mut items);
        }
        for item in items {
            match item {
                ast::Item::Import(path) => {
                    out.push(FileRef::Import(path.span, path.value.into_owned()))
                }
                ast::Item::Block(block) if Kind::parse(block.kind.text) == Some(Kind::Document) => {
                    let Some(name) = &block.label else { continue };
                    let from = block.items.iter().find_map(|i| match i {
                        ast::Item::Assignment(a) if a.key.text == "from" => match &a.value.kind {
                            ast::ValueKind::Str(s) => Some(s),
                            _ => None,
                        },
                        _ => None,
                    });
                    if let Some(from) = from {
                        out.push(FileRef::Document(
                            name.value.to_string(),
                            from.span,
                            from.value.to_string(),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// A block header is looked for in the first this many bytes of a chunk.
const MAX_HEAD: usize = 64 * 1024;

/// The start of a chunk, where its block header would be. pest copies the
/// line of a failure into its error, so a header is never looked for in
/// megabytes of text on one line.
fn head_text(chunk_text: &str) -> &str {
    let mut end = chunk_text.len().min(MAX_HEAD);
    while !chunk_text.is_char_boundary(end) {
        end -= 1;
    }
    &chunk_text[..end]
}

/// The diagnostic for a pest failure in the chunk `range` (`inner` when the
/// chunk is one item of a block body).
fn pest_error(
    file: crate::source::FileId,
    text: &str,
    range: std::ops::Range<usize>,
    err: &pest::error::Error<Rule>,
    inner: bool,
) -> Diagnostic {
    let offset = range.start
        + match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let positives = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let cx = errors::Context {
        text,
        chunk: range,
        offset,
        inner,
    };
    errors::unexpected(|s, e| Span::new(file, s, e), &cx, &positives)
}

/// How deeply blocks are re-parsed item by item.
const MAX_RECOVERY_DEPTH: usize = 8;

/// Re-parses a block that failed as a whole: its header, then each item of
/// its body on its own. Returns the block with the items that parsed (marked
/// `partial`), reporting the others; None when the text is not one block or
/// nothing could be reported item by item.
fn recover_block<'s>(
    file: crate::source::FileId,
    text: &'s str,
    range: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
) -> Option<ast::Block<'s>> {
    if depth > MAX_RECOVERY_DEPTH {
        return None;
    }
    let chunk_text = text.get(range.clone())?;
    let trimmed = chunk_text.trim_end();
    if !trimmed.ends_with('}') {
        return None;
    }
    // `}` is one byte, so this is a character boundary.
    let close = trimmed.len() - 1;
    let mut pairs = MwParser::parse(Rule::block_head, head_text(chunk_text)).ok()?;
    let head = pairs.next()?;
    let body_start = range.start + head.as_span().end();
    let body_end = range.start + close;
    let whole = Span::new(file, range.start, range.start + close + 1);
    let mut lowerer = Lowerer {
        file,
        base: range.start,
        diags: &mut Vec::new(),
    };
    let mut block = lowerer.broken_block(head, whole);
    block.broken = false;
    block.partial = true;
    block.close = Span::new(file, body_end, body_end + 1);
    let before = diags.len();
    for segment in scan::items(text, body_start..body_end) {
        let segment_text = &text[segment.clone()];
        match MwParser::parse(Rule::chunk, segment_text) {
            Ok(mut pairs) => {
                let mut lowerer = Lowerer {
                    file,
                    base: segment.start,
                    diags,
                };
                if let Some(top) = pairs.next() {
                    lowerer.items(top.into_inner(), &mut block.items);
                }
            }
            Err(err) => match recover_block(file, text, segment.clone(), diags, depth + 1) {
                Some(inner) => block.items.push(Item::Block(Box::new(inner))),
                None => diags.push(pest_error(file, text, segment, &err, true)),
            },
        }
    }
    (diags.len() > before).then_some(block)
}

/// Parses one file into its syntax tree and the diagnostics found on the way.
pub fn parse(source: &SourceFile) -> (File<'_>, Vec<Diagnostic>) {
    let scanned = scan::scan(source.id(), source.text(), source.content_start());
    parse_scanned(source, scanned, |file, text, chunks, items, diags| {
        // Top-level chunks are independent: a large file is parsed on
        // several threads, each taking a contiguous run of chunks; results
        // are joined in order, so the tree and the diagnostics do not
        // depend on the split.
        let groups = split_for_threads(chunks, text.len(), |c| c.range.len());
        if groups.len() <= 1 {
            parse_chunks(file, text, chunks, items, diags);
            return;
        }
        // The calling thread parses the first group itself: its tree is
        // then in the calling thread's heap, where the checker reuses it for
        // the model as it frees the tree.
        let (first, rest) = groups.split_at(1);
        let results: Vec<(Vec<Item<'_>>, Vec<Diagnostic>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = rest
                .iter()
                .map(|group| {
                    scope.spawn(move || {
                        let mut items = Vec::with_capacity(group.len());
                        let mut diags = Vec::new();
                        parse_chunks(file, text, group, &mut items, &mut diags);
                        (items, diags)
                    })
                })
                .collect();
            let mut results = Vec::with_capacity(groups.len());
            for group in first {
                let mut items = Vec::with_capacity(group.len());
                let mut diags = Vec::new();
                parse_chunks(file, text, group, &mut items, &mut diags);
                results.push((items, diags));
            }
            results.extend(handles.into_iter().map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }));
            results
        });
        for (group_items, group_diags) in results {
            items.extend(group_items);
            diags.extend(group_diags);
        }
    })
}

/// What [`parse`] does around the chunks, given the scanner's result for
/// `source`: `chunks` parses the chunks in order, appending their items
/// and diagnostics (to those of the scanner).
pub(crate) fn parse_scanned<'s>(
    source: &'s SourceFile,
    (chunks, scan_diags): (Vec<scan::Chunk>, Vec<Diagnostic>),
    parse_chunks: impl FnOnce(
        crate::source::FileId,
        &'s str,
        &[scan::Chunk],
        &mut Vec<Item<'s>>,
        &mut Vec<Diagnostic>,
    ),
) -> (File<'s>, Vec<Diagnostic>) {
    let file = source.id();
    let mut diags = Vec::new();
    // A file that is not UTF-8 is reported, then parsed from its lossy copy so
    // that its declarations still count (the bad bytes are usually in a string).
    if let Some(at) = source.invalid_utf8_at() {
        diags.push(errors::invalid_utf8(Span::new(file, at, at + 3)));
    }
    let text = source.text();
    diags.extend(scan_diags);
    // Most chunks are one top-level item.
    let mut items = Vec::with_capacity(chunks.len());
    parse_chunks(file, text, &chunks, &mut items, &mut diags);
    if source.invalid_utf8_at().is_some() {
        // A bad byte outside a string is already reported as not UTF-8.
        diags.retain(|d| {
            d.code != crate::diagnostic::Code::UnexpectedToken
                || !text[d.span().start as usize..].starts_with('\u{fffd}')
        });
    }
    crate::diagnostic::cap_floods(&mut diags);
    let partial = diags.iter().any(Diagnostic::is_error);
    (
        File {
            file,
            items,
            partial,
        },
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn parse_str(text: &str) -> (usize, Vec<String>) {
        let source = SourceFile::new(FileId(0), "t.mw", text);
        let (file, diags) = parse(&source);
        (
            file.items.len(),
            diags
                .into_iter()
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect(),
        )
    }

    #[test]
    fn parses_blocks_assignments_and_values() {
        let (n, diags) = parse_str(
            "account = \"1\"\nwindow W {\n  d = 3h\n  t = { \"Patch Group\" = \"App\", K = [1, 10%, true,] }\n  r = [A, W.T]\n  run_command \"Doc\" { }\n}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(n, 2);
    }

    #[test]
    fn map_entries_keep_their_keys_and_values() {
        let source = SourceFile::new(
            FileId(0),
            "t.mw",
            "t = { \"Patch Group\" = \"App\", B = [\"x\"] }\n",
        );
        let (file, diags) = parse(&source);
        assert!(diags.is_empty(), "{diags:?}");
        let Some(Item::Assignment(a)) = file.items.first() else {
            panic!("expected an assignment");
        };
        let ast::ValueKind::Map(entries) = &a.value.kind else {
            panic!("expected a map");
        };
        assert_eq!(entries[0].key.text, "Patch Group");
        assert!(matches!(&entries[0].value.kind, ast::ValueKind::Str(s) if s.value == "App"));
        assert_eq!(entries[1].key.text, "B");
        assert!(matches!(&entries[1].value.kind, ast::ValueKind::List(l) if l.len() == 1));
    }

    #[test]
    fn missing_equals_names_the_key() {
        let (_, diags) = parse_str("window W {\n  duration 3h\n}\n");
        assert_eq!(
            diags,
            vec!["MW0002: missing `=` between `duration` and `3h`"]
        );
    }

    #[test]
    fn map_keys_that_are_not_names_are_quoted_in_the_help() {
        let source = SourceFile::new(
            FileId(0),
            "t.mw",
            "w {\n  t = { Patch Group = \"App\" }\n  u = { a:b = [\"x\"] }\n}\n",
        );
        let (file, diags) = parse(&source);
        let helps: Vec<String> = diags
            .iter()
            .map(|d| format!("{} / {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            helps,
            [
                "map key `Patch Group` needs double quotes / write `\"Patch Group\" = \"App\"`",
                "map key `a:b` needs double quotes / write `\"a:b\" = [\"x\"]`",
            ]
        );
        assert!(file.partial);
    }

    #[test]
    fn unquoted_expressions_are_quoted_in_the_help() {
        let source = SourceFile::new(
            FileId(0),
            "t.mw",
            "w {\n  schedule = cron(0 3 ? * * *) // nightly\n}\n",
        );
        let (_, diags) = parse(&source);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message,
            "text after `schedule =` needs double quotes"
        );
        assert_eq!(
            diags[0].help.as_deref(),
            Some("write `schedule = \"cron(0 3 ? * * *)\"`")
        );
    }

    #[test]
    fn one_error_per_broken_top_level_item() {
        let (n, diags) = parse_str("a { x = }\nb { y = 1 }\nc { z = = }\n");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(n, 3, "broken blocks keep their header");
    }

    #[test]
    fn escapes_and_units_are_checked() {
        let (_, diags) =
            parse_str("a = \"\\q\\u{110000}\"\nb = 3w\nc = 99999999999999999999\nd = 1.5\n");
        assert_eq!(
            diags,
            vec![
                "MW0004: unknown escape `\\q` in a string",
                "MW0004: invalid unicode escape in a string",
                "MW0008: unknown unit `w` after a number",
                "MW0008: number out of range",
                "MW0008: numbers must be whole",
            ]
        );
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let (n, diags) = parse_str("\u{feff}window W {\r\n  a = 1\r\n}\r\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(n, 1);
    }
}
