//! The printer: a parsed file written back in the one canonical layout,
//! its comments and blank lines kept (`mwc fmt`).
//!
//! Two passes, each linear in the input. The first walks the tree and the
//! comments ([`super::trivia`]) together, in source order, and builds a
//! layout tree (`Node`): each item, list element and map entry with the
//! comments that stand before it, at the end of its first line and at the
//! end of its last line, and each block, list and map with the comments on
//! the line of its opening bracket and those left before its closing one.
//! The second writes the layout tree out.
//!
//! # Layout
//!
//! - Two spaces per level of nesting, one item per line, `\n` line ends,
//!   no blank line at the start or end of a block, and exactly one `\n` at
//!   the end of the file.
//! - At the top level, one blank line between two items when either is a
//!   block or a `for`. Elsewhere a blank line the user left between two
//!   items (or comments) is kept, and a run of blank lines is one.
//! - The `=` of a run of assignments in a block (or of entries in a map
//!   written one per line) are aligned: a run is broken by a blank line or
//!   by an item that is not an assignment (comments do not break it, nor
//!   values over several lines). In a run of three or more, a key at least
//!   [`OUTLIER`] characters longer than every other key keeps a single
//!   space and does not push the others (`allow_unregistered_targets =
//!   true` among `schedule`, `duration` and `cutoff`).
//! - A list or map is written on one line (`[a, b]`, `{ k = v, l = w }`,
//!   `[]`, `{}`) when it was written with its first element on the line of
//!   its opening bracket, holds no comment and fits in [`WIDTH`] columns;
//!   otherwise one element per line: a list's elements each end with `,`,
//!   a map's entries need none.
//! - A block with one assignment, written on one line, stays on one line
//!   when it has no comment inside and fits: `run_command { timeout = 1h }`.
//!   An empty block without comments is `kind name {}`.
//! - Every string, number, duration, percentage, name and reference is
//!   written exactly as in the source.
//!
//! # Comments
//!
//! - A comment on a line of its own (blanks and other comments before it)
//!   is printed on a line of its own before the item, list element or map
//!   entry that follows it in its block, list or map, at its indentation;
//!   with none following, before the closing bracket (or at the end of the
//!   file).
//! - A trailing comment (code before it on its line) stays at the end of a
//!   line: in a block, of the first line of the item that begins on its
//!   line (the item a `// mwc: allow` there applies to: the block whose `{`
//!   is on that line, else the first item beginning on it), or, when no
//!   item begins on its line, of the last line of the item it follows (a
//!   block's `}`, a list's `]`); in a list or map, of the line of the
//!   element it follows, or of the opening bracket. It keeps the column it
//!   was written at when the code still ends before it (hand-aligned
//!   comments stay aligned), else it stands one space after the code.
//! - A comment inside a block's header, or between a key and its value,
//!   is moved before the item, on a line of its own; one between a `for`'s
//!   list and its `{`, after the `{`.
//! - Line ends inside a block comment become `\n` and blanks at the ends
//!   of a comment's lines are dropped; nothing else in a comment changes.

use super::ast::{Block, Entry, File, For, Item, Str, Value, ValueKind};
use super::trivia::{Comment, Trivia, blank_line_between, line_ends};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// The width a line may take: a list, map or one-line block that would end
/// past it is written over several lines.
pub const WIDTH: usize = 100;

/// The indentation of one level of nesting.
const INDENT: &str = "  ";

/// In a run of at least [`OUTLIER_RUN`] assignments, a key this many
/// characters longer than every other key is not aligned with them.
pub const OUTLIER: usize = 8;

/// The shortest run of assignments in which a key may be an outlier: two
/// keys are always aligned.
pub const OUTLIER_RUN: usize = 3;

/// Formats a file: its text in the canonical layout, or, when it does not
/// parse (any syntax error, MW00xx, a file that is not UTF-8 included),
/// the diagnostics of its parse.
pub fn format(source: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    let (file, diagnostics) = super::parse(source);
    if diagnostics.iter().any(Diagnostic::is_error) || source.invalid_utf8_at().is_some() {
        return Err(diagnostics);
    }
    let trivia = Trivia::of(source.id(), source.text(), source.content_start());
    Ok(print(&file, source.text(), source.content_start(), &trivia))
}

/// Prints `file`, parsed from `text` (whose content starts at `start`,
/// past a byte-order mark, which is kept), with the comments of `trivia`.
/// The file must have parsed without errors: items that did not parse are
/// not in the tree, and would be lost.
pub fn print(file: &File<'_>, text: &str, start: usize, trivia: &Trivia) -> String {
    let mut builder = Builder {
        text,
        comments: &trivia.comments,
        next: 0,
    };
    let body = builder.body(&file.items, start, None, text.len(), Container::Top);
    let mut printer = Printer {
        text,
        comments: &trivia.comments,
        out: String::with_capacity(text.len() + text.len() / 8),
        col: 0,
        fresh: true,
    };
    printer.body(&body, 0, true);
    if printer.out.is_empty() {
        return String::new();
    }
    if start > 0 {
        printer.out.insert(0, '\u{feff}');
    }
    printer.out
}

// ───────────────────────────── The layout tree ─────────────────────────────

/// An item, list element or map entry, with its comments.
#[derive(Debug)]
struct Node<'a> {
    shape: Shape<'a>,
    /// Its first and last byte in the source.
    start: usize,
    end: usize,
    /// A blank line before it (before its first comment, if any).
    blank: bool,
    /// Comments on lines of their own before it, each with whether a blank
    /// line precedes it.
    leading: Vec<(usize, bool)>,
    /// Comments at the end of its first line (after the opening bracket of
    /// a block or of a value written over several lines).
    first_line: Vec<usize>,
    /// Comments at the end of its last line.
    last_line: Vec<usize>,
}

#[derive(Debug)]
enum Shape<'a> {
    /// `key = value`: an assignment or a map entry.
    Assign { key: &'a str, value: Val<'a> },
    /// `kind name "label" { ... }`.
    Block {
        head: String,
        body: Body<'a>,
        /// Its `{` and `}` are on one line in the source.
        one_line: bool,
    },
    /// `for var in list { ... }`.
    For {
        var: &'a str,
        list: Val<'a>,
        body: Body<'a>,
    },
    /// `import "path"`.
    Import(&'a str),
    /// A list element.
    Element(Val<'a>),
}

/// The items of a block, the elements of a list or the entries of a map,
/// with the comments that belong to none of them.
#[derive(Debug, Default)]
struct Body<'a> {
    nodes: Vec<Node<'a>>,
    /// Comments at the end of the opening bracket's line.
    opener: Vec<usize>,
    /// Comments on lines of their own after the last node.
    end: Vec<(usize, bool)>,
}

impl Body<'_> {
    fn has_comments(&self) -> bool {
        !self.opener.is_empty()
            || !self.end.is_empty()
            || self.nodes.iter().any(|n| {
                !n.leading.is_empty() || !n.first_line.is_empty() || !n.last_line.is_empty()
            })
    }
}

#[derive(Debug)]
enum Val<'a> {
    /// A value written as it is: its text and its width in characters.
    Leaf(&'a str, usize),
    /// A list or a map.
    Seq {
        list: bool,
        body: Body<'a>,
        /// Its width on one line, when it may be written on one line (its
        /// first element on the line of its bracket, no comment inside, and
        /// every element on one line too).
        flat: Option<usize>,
    },
}

/// What kind of body the builder walks: trailing comments attach
/// differently in blocks (as `// mwc: allow` reads them) and in values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Top,
    Block,
    Seq,
}

// ───────────────────────────── Building ─────────────────────────────

struct Builder<'a> {
    text: &'a str,
    comments: &'a [Comment],
    /// The first comment not yet placed.
    next: usize,
}

impl<'a> Builder<'a> {
    fn raw(&self, span: Span) -> &'a str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The next comment if it starts before `until`.
    fn comment_before(&self, until: usize) -> Option<(usize, Comment)> {
        self.comments
            .get(self.next)
            .filter(|c| (c.span.start as usize) < until)
            .map(|c| (self.next, *c))
    }

    /// Every comment before `until`, in order, for a place that is not
    /// between elements (a header): moved before the node.
    fn take_until(&mut self, until: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while let Some((i, _)) = self.comment_before(until) {
            out.push(i);
            self.next += 1;
        }
        out
    }

    /// The nodes of `items`, `values` or `entries` between an opening
    /// bracket ending at `open` (the content start for the top level) and
    /// `close`.
    fn body(
        &mut self,
        items: &[Item<'a>],
        open: usize,
        opener: Option<usize>,
        close: usize,
        container: Container,
    ) -> Body<'a> {
        let mut gap = Gap::new(open, opener, container);
        for item in items {
            let start = self.item_start(item);
            self.gap(&mut gap, start);
            let node = self.item(item, start);
            gap.push(self.text, node);
        }
        self.gap(&mut gap, close);
        gap.finish()
    }

    fn seq_body(&mut self, value: &Value<'a>, list: bool) -> Body<'a> {
        let open = value.span.start as usize;
        let close = (value.span.end as usize).saturating_sub(1);
        let mut gap = Gap::new(open + 1, Some(open), Container::Seq);
        match &value.kind {
            ValueKind::List(values) if list => {
                for v in values {
                    let start = v.span.start as usize;
                    self.gap(&mut gap, start);
                    let val = self.value(v);
                    let node = Node::new(Shape::Element(val), start, v.span.end as usize);
                    gap.push(self.text, node);
                }
            }
            ValueKind::Map(entries) => {
                for e in entries {
                    let start = e.key.span.start as usize;
                    self.gap(&mut gap, start);
                    let node = self.entry(e);
                    gap.push(self.text, node);
                }
            }
            _ => {}
        }
        self.gap(&mut gap, close);
        gap.finish()
    }

    /// Places the comments before `until` that lie between nodes.
    fn gap(&mut self, gap: &mut Gap<'a>, until: usize) {
        while let Some((i, c)) = self.comment_before(until) {
            self.next += 1;
            let start = c.span.start as usize;
            if c.own_line || !gap.trailing(i, &c, self.comments) {
                let blank = blank_line_between(self.text, gap.prev_end, start);
                gap.pending.push((i, blank));
            }
            gap.prev_end = c.span.end as usize;
        }
    }

    fn item_start(&self, item: &Item<'a>) -> usize {
        match item {
            Item::Import(path) => self.import_start(path),
            other => other.span().start as usize,
        }
    }

    /// Where the `import` keyword before a path starts (the tree keeps the
    /// path's span only): back over blanks and comments.
    fn import_start(&self, path: &Str<'a>) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = path.span.start as usize;
        loop {
            while at > 0 && bytes[at - 1].is_ascii_whitespace() {
                at -= 1;
            }
            let k = self
                .comments
                .partition_point(|c| (c.span.end as usize) < at);
            match self.comments.get(k) {
                Some(c) if c.span.end as usize == at && at > 0 => at = c.span.start as usize,
                _ => break,
            }
        }
        if self.text[..at].ends_with("import") {
            at - "import".len()
        } else {
            path.span.start as usize
        }
    }

    fn item(&mut self, item: &Item<'a>, start: usize) -> Node<'a> {
        match item {
            Item::Assignment(a) => {
                let hoisted = self.take_until(a.value.span.start as usize);
                let value = self.value(&a.value);
                let mut node = Node::new(
                    Shape::Assign {
                        key: a.key.text,
                        value,
                    },
                    start,
                    a.value.span.end as usize,
                );
                node.hoist(hoisted);
                node
            }
            Item::Block(b) => self.block(b),
            Item::For(f) => self.comprehension(f),
            Item::Import(path) => {
                let hoisted = self.take_until(path.span.start as usize);
                let mut node = Node::new(
                    Shape::Import(self.raw(path.span)),
                    start,
                    path.span.end as usize,
                );
                node.hoist(hoisted);
                node
            }
        }
    }

    fn block(&mut self, b: &Block<'a>) -> Node<'a> {
        let hoisted = self.take_until(b.open.start as usize);
        let mut head = b.kind.text.to_string();
        if let Some(name) = &b.name {
            head.push(' ');
            head.push_str(name.text);
        }
        if let Some(label) = &b.label {
            head.push(' ');
            head.push_str(self.raw(label.span));
        }
        let open = b.open.start as usize;
        let close = b.close.start as usize;
        let body = self.body(&b.items, open + 1, Some(open), close, Container::Block);
        let one_line = !self.text[open..close].contains(['\n', '\r']);
        let mut node = Node::new(
            Shape::Block {
                head,
                body,
                one_line,
            },
            b.span.start as usize,
            b.span.end as usize,
        );
        node.hoist(hoisted);
        node
    }

    fn comprehension(&mut self, f: &For<'a>) -> Node<'a> {
        let hoisted = self.take_until(f.list.span.start as usize);
        let list = self.value(&f.list);
        // The `{` is where the header ends.
        let open = f.header.end as usize;
        let after_list = self.take_until(open);
        let close = (f.span.end as usize).saturating_sub(1);
        let body = self.body(&f.items, open + 1, Some(open), close, Container::Block);
        let mut node = Node::new(
            Shape::For {
                var: f.var.text,
                list,
                body,
            },
            f.span.start as usize,
            f.span.end as usize,
        );
        node.hoist(hoisted);
        node.first_line = after_list;
        node
    }

    fn entry(&mut self, e: &Entry<'a>) -> Node<'a> {
        let hoisted = self.take_until(e.value.span.start as usize);
        let value = self.value(&e.value);
        let mut node = Node::new(
            Shape::Assign {
                key: self.raw(e.key.span),
                value,
            },
            e.key.span.start as usize,
            e.value.span.end as usize,
        );
        node.hoist(hoisted);
        node
    }

    fn value(&mut self, v: &Value<'a>) -> Val<'a> {
        let list = match &v.kind {
            ValueKind::List(_) => true,
            ValueKind::Map(_) => false,
            _ => {
                let raw = self.raw(v.span);
                return Val::Leaf(raw, raw.chars().count());
            }
        };
        let body = self.seq_body(v, list);
        let open = v.span.start as usize;
        let written_flat = body
            .nodes
            .first()
            .is_none_or(|n| line_ends(self.text, open, n.start) == 0);
        let flat = if written_flat && !body.has_comments() {
            flat_width(&body, list)
        } else {
            None
        };
        Val::Seq { list, body, flat }
    }
}

/// The width of a list's or map's body on one line, brackets included, when
/// every element may be written on one line.
fn flat_width(body: &Body<'_>, list: bool) -> Option<usize> {
    if body.nodes.is_empty() {
        return Some(2);
    }
    let mut width = if list { 2 } else { 4 };
    for (k, node) in body.nodes.iter().enumerate() {
        if k > 0 {
            width += 2;
        }
        width += match &node.shape {
            Shape::Element(v) => v.flat()?,
            Shape::Assign { key, value } => key.chars().count() + 3 + value.flat()?,
            _ => return None,
        };
    }
    Some(width)
}

impl<'a> Val<'a> {
    fn flat(&self) -> Option<usize> {
        match self {
            Val::Leaf(_, width) => Some(*width),
            Val::Seq { flat, .. } => *flat,
        }
    }
}

impl<'a> Node<'a> {
    fn new(shape: Shape<'a>, start: usize, end: usize) -> Node<'a> {
        Node {
            shape,
            start,
            end,
            blank: false,
            leading: Vec::new(),
            first_line: Vec::new(),
            last_line: Vec::new(),
        }
    }

    /// Comments from inside the node's header, printed before it.
    fn hoist(&mut self, comments: Vec<usize>) {
        self.leading
            .extend(comments.into_iter().map(|i| (i, false)));
    }

    fn body_mut(&mut self) -> Option<&mut Body<'a>> {
        match &mut self.shape {
            Shape::Block { body, .. } | Shape::For { body, .. } => Some(body),
            _ => None,
        }
    }

    fn is_block(&self) -> bool {
        matches!(self.shape, Shape::Block { .. } | Shape::For { .. })
    }
}

/// The state of a walk along one body: the nodes so far, and the comments
/// waiting for the next node.
struct Gap<'a> {
    body: Body<'a>,
    /// Where the last thing seen (node, comment, bracket) ends.
    prev_end: usize,
    /// Where the opening bracket is.
    opener: Option<usize>,
    container: Container,
    /// Comments on lines of their own, for the next node.
    pending: Vec<(usize, bool)>,
}

impl<'a> Gap<'a> {
    fn new(open: usize, opener: Option<usize>, container: Container) -> Gap<'a> {
        Gap {
            body: Body::default(),
            prev_end: open,
            opener,
            container,
            pending: Vec::new(),
        }
    }

    /// Attaches a trailing comment; false when it has nowhere to go (it is
    /// then treated as one on a line of its own).
    fn trailing(&mut self, i: usize, c: &Comment, comments: &[Comment]) -> bool {
        let line_start = c.line_start as usize;
        let start = c.span.start as usize;
        // After comments waiting for the next node, only as one of them
        // does it keep its place among them.
        if !self.pending.is_empty() {
            return false;
        }
        if self.container == Container::Seq {
            match self.body.nodes.last_mut() {
                Some(node) => node.last_line.push(i),
                None => self.body.opener.push(i),
            }
            return true;
        }
        if let Some(opener) = self.opener.filter(|&o| o >= line_start) {
            // On the line of the `{`, unless a comment after the `{` went
            // elsewhere (into an item on that line).
            let from = comments.partition_point(|c| (c.span.start as usize) < opener);
            if self.body.opener.len() == i.saturating_sub(from) {
                self.body.opener.push(i);
                return true;
            }
        }
        let nodes = &mut self.body.nodes;
        let Some(last) = nodes.len().checked_sub(1) else {
            return false;
        };
        let k = nodes.partition_point(|n| n.end <= line_start);
        if k < nodes.len() {
            if nodes[k].start >= line_start {
                // The first item that begins on the comment's line.
                if keeps_order(&nodes[k], i, comments) {
                    nodes[k].first_line.push(i);
                    return true;
                }
            } else if let Some(x) = tie(&mut nodes[k], line_start, start) {
                // An item of the body of the item the line starts in.
                if keeps_order(x, i, comments) {
                    x.first_line.push(i);
                    return true;
                }
            } else if k == last {
                // No item begins on the line: the end of the one it ends.
                nodes[k].last_line.push(i);
                return true;
            }
        }
        // Else after the item it follows, which keeps the comments' order.
        nodes[last].last_line.push(i);
        true
    }

    /// Adds a node, with the comments waiting for it.
    fn push(&mut self, text: &str, mut node: Node<'a>) {
        let mut leading = std::mem::take(&mut self.pending);
        let blank = blank_line_between(text, self.prev_end, node.start);
        // The blank line before the node goes before its own moved comments.
        match node.leading.first_mut() {
            Some(first) => first.1 = blank,
            None => node.blank = blank,
        }
        leading.append(&mut node.leading);
        node.leading = leading;
        self.prev_end = node.end;
        self.body.nodes.push(node);
    }

    fn finish(mut self) -> Body<'a> {
        self.body.end = self.pending;
        self.body
    }
}

/// The item of `node`'s body (or deeper) that begins first on the line
/// starting at `line_start`, before `start`, when the line starts inside
/// `node`: what a `// mwc: allow` at `start` applies to.
fn tie<'n, 'a>(
    node: &'n mut Node<'a>,
    line_start: usize,
    start: usize,
) -> Option<&'n mut Node<'a>> {
    let body = node.body_mut()?;
    let k = body.nodes.partition_point(|n| n.end <= line_start);
    let child = body.nodes.get_mut(k)?;
    if child.start >= line_start {
        return (child.start < start).then_some(child);
    }
    tie(child, line_start, start)
}

/// Whether comment `i`, at the end of `node`'s first line, would still come
/// after every comment before it: those between the node's start and it
/// are all printed before the node or on that line too.
fn keeps_order(node: &Node<'_>, i: usize, comments: &[Comment]) -> bool {
    let from = comments.partition_point(|c| (c.span.start as usize) < node.start);
    let before = node.leading.iter().filter(|&&(j, _)| j >= from).count()
        + node.first_line.iter().filter(|&&j| j >= from).count();
    before == i.saturating_sub(from)
}

// ───────────────────────────── Writing ─────────────────────────────

struct Printer<'a> {
    text: &'a str,
    comments: &'a [Comment],
    out: String,
    /// The column the current line has reached, in characters.
    col: usize,
    /// Nothing written since an opening bracket (or the file's start): no
    /// blank line here.
    fresh: bool,
}

impl Printer<'_> {
    /// Starts a line at `depth`, after a blank line when asked.
    fn begin_line(&mut self, depth: usize, blank: bool) {
        if blank && !self.fresh {
            self.out.push('\n');
        }
        self.fresh = false;
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
        self.col = depth * INDENT.len();
    }

    fn end_line(&mut self) {
        self.out.push('\n');
        self.col = 0;
    }

    fn write(&mut self, s: &str, width: usize) {
        self.out.push_str(s);
        self.col += width;
    }

    fn write_str(&mut self, s: &str) {
        let width = s.chars().count();
        self.write(s, width);
    }

    /// Writes a comment where the line is, and moves the column past it.
    fn comment(&mut self, i: usize) {
        let text = self.comments[i].text(self.text);
        self.out.push_str(&text);
        match text.rfind('\n') {
            Some(nl) => self.col = text[nl + 1..].chars().count(),
            None => self.col += text.chars().count(),
        }
    }

    /// Whether comment `i` holds a line end.
    fn comment_spans_lines(&self, i: usize) -> bool {
        let span = self.comments[i].span;
        line_ends(self.text, span.start as usize, span.end as usize) > 0
    }

    /// A comment on a line of its own.
    fn own_line(&mut self, i: usize, depth: usize, blank: bool) {
        self.begin_line(depth, blank);
        self.comment(i);
        self.end_line();
    }

    /// Trailing comments (two sorted lists, merged) at the end of the
    /// current line; after a line comment (or a block comment over several
    /// lines), the rest go on lines of their own at `depth`, one per line.
    fn trailing(&mut self, a: &[usize], b: &[usize], depth: usize) {
        let (mut x, mut y) = (0, 0);
        let mut after_line_comment = false;
        while x < a.len() || y < b.len() {
            let i = if y >= b.len() || (x < a.len() && a[x] < b[y]) {
                x += 1;
                a[x - 1]
            } else {
                y += 1;
                b[y - 1]
            };
            if after_line_comment {
                self.end_line();
                self.begin_line(depth, false);
            } else {
                let column = (self.comments[i].column as usize).max(self.col + 1);
                let pad = column - self.col;
                for _ in 0..pad {
                    self.out.push(' ');
                }
                self.col = column;
            }
            self.comment(i);
            // After a line comment nothing more fits on the line; after a
            // block comment over several lines, a comment would stand on a
            // line of its own (the line starts inside the block comment).
            after_line_comment |= !self.comments[i].block || self.comment_spans_lines(i);
        }
    }

    /// Writes the nodes of a body at `depth`.
    fn body(&mut self, body: &Body<'_>, depth: usize, top: bool) {
        let pads = alignment(&body.nodes);
        for (k, node) in body.nodes.iter().enumerate() {
            let forced = top && k > 0 && (node.is_block() || body.nodes[k - 1].is_block());
            for (n, &(i, blank)) in node.leading.iter().enumerate() {
                self.own_line(i, depth, blank || (forced && n == 0));
            }
            let blank = node.blank || (forced && node.leading.is_empty());
            self.node(node, depth, blank, pads[k]);
        }
        for &(i, blank) in &body.end {
            self.own_line(i, depth, blank);
        }
    }

    fn node(&mut self, node: &Node<'_>, depth: usize, blank: bool, pad: usize) {
        self.begin_line(depth, blank);
        match &node.shape {
            Shape::Assign { key, value } => {
                self.write_str(key);
                let key_width = key.chars().count();
                for _ in key_width..pad {
                    self.out.push(' ');
                }
                self.col += pad.saturating_sub(key_width);
                self.write(" = ", 3);
                self.value_then(value, depth, "", &node.first_line, &node.last_line);
            }
            Shape::Element(value) => {
                self.value_then(value, depth, ",", &node.first_line, &node.last_line);
            }
            Shape::Import(path) => {
                self.write("import ", 7);
                self.write_str(path);
                self.trailing(&node.first_line, &node.last_line, depth);
                self.end_line();
            }
            Shape::Block {
                head,
                body,
                one_line,
            } => {
                self.write_str(head);
                if body.nodes.is_empty() && !body.has_comments() {
                    self.write(" {}", 3);
                    self.trailing(&node.first_line, &node.last_line, depth);
                    self.end_line();
                    return;
                }
                if *one_line && let Some(line) = self.one_line(body) {
                    self.write_str(&line);
                    self.trailing(&node.first_line, &node.last_line, depth);
                    self.end_line();
                    return;
                }
                self.write(" {", 2);
                self.trailing(&node.first_line, &body.opener, depth + 1);
                self.end_line();
                self.fresh = true;
                self.body(body, depth + 1, false);
                self.close("}", depth, &node.last_line);
            }
            Shape::For { var, list, body } => {
                self.write("for ", 4);
                self.write_str(var);
                self.write(" in ", 4);
                self.value(list, depth, 2, &[]);
                self.write(" {", 2);
                self.trailing(&node.first_line, &body.opener, depth + 1);
                self.end_line();
                self.fresh = true;
                self.body(body, depth + 1, false);
                self.close("}", depth, &node.last_line);
            }
        }
    }

    /// The rest of a block's line, ` { key = value }`, when its one
    /// assignment fits on it without comments.
    fn one_line(&self, body: &Body<'_>) -> Option<String> {
        let [node] = body.nodes.as_slice() else {
            return None;
        };
        let Shape::Assign { key, value } = &node.shape else {
            return None;
        };
        if body.has_comments() {
            return None;
        }
        let width = value.flat()?;
        let total = self.col + 3 + key.chars().count() + 3 + width + 2;
        if total > WIDTH {
            return None;
        }
        let mut line = String::with_capacity(total);
        line.push_str(" { ");
        line.push_str(key);
        line.push_str(" = ");
        flat(value, &mut line);
        line.push_str(" }");
        Some(line)
    }

    /// Writes a value, then `suffix`, then the node's trailing comments, and
    /// ends the line.
    fn value_then(
        &mut self,
        value: &Val<'_>,
        depth: usize,
        suffix: &str,
        first_line: &[usize],
        last_line: &[usize],
    ) {
        if self.value(value, depth, suffix.len(), first_line) {
            self.write_str(suffix);
            self.trailing(first_line, last_line, depth);
        } else {
            self.write_str(suffix);
            self.trailing(&[], last_line, depth);
        }
        self.end_line();
    }

    /// Writes a value from the current column; `suffix` characters follow
    /// it on its last line. Returns whether it went on one line; else the
    /// comments `first_line` went after its opening bracket.
    fn value(
        &mut self,
        value: &Val<'_>,
        depth: usize,
        suffix: usize,
        first_line: &[usize],
    ) -> bool {
        match value {
            Val::Leaf(text, width) => {
                self.write(text, *width);
                true
            }
            Val::Seq {
                flat: Some(width),
                body,
                ..
            } if self.col + width + suffix <= WIDTH || body.nodes.is_empty() => {
                let mut line = String::with_capacity(*width);
                flat(value, &mut line);
                self.write(&line, *width);
                true
            }
            Val::Seq { list, body, .. } => {
                self.write(if *list { "[" } else { "{" }, 1);
                self.trailing(first_line, &body.opener, depth + 1);
                self.end_line();
                self.fresh = true;
                self.body(body, depth + 1, false);
                self.begin_line(depth, false);
                self.write(if *list { "]" } else { "}" }, 1);
                false
            }
        }
    }

    /// A closing `}` on a line of its own, with its trailing comments.
    fn close(&mut self, closer: &str, depth: usize, trailing: &[usize]) {
        self.begin_line(depth, false);
        self.write(closer, 1);
        self.trailing(&[], trailing, depth);
        self.end_line();
    }
}

/// A value on one line (its width was checked: every part may be flat).
fn flat(value: &Val<'_>, out: &mut String) {
    match value {
        Val::Leaf(text, _) => out.push_str(text),
        Val::Seq { list, body, .. } => {
            if body.nodes.is_empty() {
                out.push_str(if *list { "[]" } else { "{}" });
                return;
            }
            out.push_str(if *list { "[" } else { "{ " });
            for (k, node) in body.nodes.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                match &node.shape {
                    Shape::Element(v) => flat(v, out),
                    Shape::Assign { key, value } => {
                        out.push_str(key);
                        out.push_str(" = ");
                        flat(value, out);
                    }
                    _ => {}
                }
            }
            out.push_str(if *list { "]" } else { " }" });
        }
    }
}

/// The width each node's key is padded to: runs of assignments share the
/// width of their longest key, but an outlier's.
fn alignment(nodes: &[Node<'_>]) -> Vec<usize> {
    let assign = |k: usize| matches!(nodes[k].shape, Shape::Assign { .. });
    let blank = |k: usize| nodes[k].blank || nodes[k].leading.iter().any(|&(_, b)| b);
    let mut pads = vec![0; nodes.len()];
    let mut k = 0;
    while k < nodes.len() {
        if !assign(k) {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while k < nodes.len() && assign(k) && !blank(k) {
            k += 1;
        }
        pad_run(&nodes[start..k], &mut pads[start..k]);
    }
    pads
}

/// Pads one run of assignments.
fn pad_run(nodes: &[Node<'_>], pads: &mut [usize]) {
    let widths: Vec<usize> = nodes
        .iter()
        .map(|n| match &n.shape {
            Shape::Assign { key, .. } => key.chars().count(),
            _ => 0,
        })
        .collect();
    let (mut first, mut second, mut at) = (0, 0, None);
    for (k, &w) in widths.iter().enumerate() {
        if w > first {
            second = first;
            first = w;
            at = Some(k);
        } else if w > second {
            second = w;
        }
    }
    let outlier = at.filter(|_| widths.len() >= OUTLIER_RUN && first >= second + OUTLIER);
    let column = if outlier.is_some() { second } else { first };
    for (k, pad) in pads.iter_mut().enumerate() {
        *pad = if Some(k) == outlier { 0 } else { column };
    }
}

// ───────────────────────────── Comparing trees ─────────────────────────────

/// Whether `printed`, the print of `file` (parsed from `text`, with the
/// comments of `trivia`), is the same program: it parses without errors to
/// the same tree ([`same_tree`]) with the same comments in the same order
/// (their canonical text). `mwc fmt` writes nothing it has not checked so.
pub fn reprints(file: &File<'_>, text: &str, trivia: &Trivia, printed: &str) -> bool {
    let again = SourceFile::new(file.file, "", printed);
    let (tree, diagnostics) = super::parse(&again);
    if diagnostics.iter().any(Diagnostic::is_error) || !same_tree(file, &tree) {
        return false;
    }
    let comments = Trivia::of(file.file, printed, again.content_start());
    comments.comments.len() == trivia.comments.len()
        && comments
            .comments
            .iter()
            .zip(&trivia.comments)
            .all(|(a, b)| a.text(printed) == b.text(text))
}

/// Whether two trees are the same program, spans aside: what printing
/// must keep.
pub fn same_tree(a: &File<'_>, b: &File<'_>) -> bool {
    a.partial == b.partial && same_items(&a.items, &b.items)
}

fn same_items(a: &[Item<'_>], b: &[Item<'_>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_item(x, y))
}

fn same_item(a: &Item<'_>, b: &Item<'_>) -> bool {
    match (a, b) {
        (Item::Block(x), Item::Block(y)) => {
            x.kind.text == y.kind.text
                && x.name.map(|n| n.text) == y.name.map(|n| n.text)
                && match (&x.label, &y.label) {
                    (Some(l), Some(m)) => same_str(l, m),
                    (None, None) => true,
                    _ => false,
                }
                && x.broken == y.broken
                && x.partial == y.partial
                && same_items(&x.items, &y.items)
        }
        (Item::Assignment(x), Item::Assignment(y)) => {
            x.key.text == y.key.text && same_value(&x.value, &y.value)
        }
        (Item::For(x), Item::For(y)) => {
            x.var.text == y.var.text
                && same_value(&x.list, &y.list)
                && same_items(&x.items, &y.items)
        }
        (Item::Import(x), Item::Import(y)) => same_str(x, y),
        _ => false,
    }
}

fn same_str(a: &Str<'_>, b: &Str<'_>) -> bool {
    a.value == b.value && a.interpolated == b.interpolated
}

/// Whether two values are the same, spans aside.
pub fn same_value(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Str(x), ValueKind::Str(y)) => same_str(x, y),
        (ValueKind::List(x), ValueKind::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_value(v, w))
        }
        (ValueKind::Map(x), ValueKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(e, f)| e.key.text == f.key.text && same_value(&e.value, &f.value))
        }
        (ValueKind::Ref(x), ValueKind::Ref(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(m, n)| m.text == n.text)
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn fmt(text: &str) -> String {
        let source = SourceFile::new(FileId(0), "t.mw", text);
        match format(&source) {
            Ok(out) => out,
            Err(diags) => panic!("{diags:?}"),
        }
    }

    #[test]
    fn lays_out_blocks_and_aligns_runs() {
        assert_eq!(
            fmt("account=\"1\"\n\n\n  region = \"r\" role R{name=\"n\"\npolicies=[\"p\"]}"),
            "account = \"1\"\n\nregion = \"r\"\n\nrole R {\n  name     = \"n\"\n  policies = [\"p\"]\n}\n"
        );
    }

    #[test]
    fn an_outlier_key_is_not_aligned() {
        assert_eq!(
            fmt(
                "w {\n  schedule = 1\n  duration = 2\n  allow_unregistered_targets = true\n  description = 3\n}\n"
            ),
            "w {\n  schedule    = 1\n  duration    = 2\n  allow_unregistered_targets = true\n  description = 3\n}\n"
        );
    }

    #[test]
    fn comments_keep_their_places() {
        let text = "// head\n\n// about w\nw { // w's line\n  // lead\n  a = 1 // trail\n  /* end */\n} // after\n// last\n";
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn lists_written_over_lines_stay_over_lines() {
        assert_eq!(
            fmt("x = [\n1, 2]\ny = [1,\n 2]\nz = { a = 1 b = 2 }\n"),
            "x = [\n  1,\n  2,\n]\ny = [1, 2]\nz = { a = 1, b = 2 }\n"
        );
    }

    #[test]
    fn long_lists_wrap() {
        let long = format!("x = [\"{}\", \"{}\"]\n", "a".repeat(50), "b".repeat(50));
        assert_eq!(
            fmt(&long),
            format!(
                "x = [\n  \"{}\",\n  \"{}\",\n]\n",
                "a".repeat(50),
                "b".repeat(50)
            )
        );
    }

    #[test]
    fn one_line_blocks_and_empty_blocks() {
        assert_eq!(
            fmt("t { run_command { timeout = 1h } }\ne {\n}\n"),
            "t {\n  run_command { timeout = 1h }\n}\n\ne {}\n"
        );
    }

    #[test]
    fn for_import_and_several_items_on_a_line() {
        assert_eq!(
            fmt("import \"a.mw\" for z in [1, 2] { w w-${z} { a = z b = 2 } }"),
            "import \"a.mw\"\n\nfor z in [1, 2] {\n  w w-${z} {\n    a = z\n    b = 2\n  }\n}\n"
        );
    }

    #[test]
    fn header_comments_move_before_the_item() {
        assert_eq!(
            fmt("w /* a */ W // b\n{\n  k /* c */ = 1\n}\n"),
            "/* a */\n// b\nw W {\n  /* c */\n  k = 1\n}\n"
        );
    }

    #[test]
    fn a_trailing_comment_goes_with_the_first_item_on_its_line() {
        assert_eq!(fmt("a = 1 b = 2 // c\n"), "a = 1       // c\nb = 2\n");
        assert_eq!(fmt("w {\n  a = 1 } // c\n"), "w {\n  a = 1   // c\n}\n");
    }

    #[test]
    fn strings_and_numbers_stay_as_written() {
        let text = "x = [\"a\\u{e9}\\\"\", 03, 600s, 10%, -1, \"$${x}\", A.b]\n";
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n\n"), "");
        assert_eq!(fmt("// a\n\n\n// b"), "// a\n\n// b\n");
    }
}
