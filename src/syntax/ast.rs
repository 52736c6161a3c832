//! The generic syntax tree: blocks, assignments and values, each with its span.
//!
//! It knows nothing about maintenance windows. Strings borrow from the source
//! text unless they contain escapes.

use crate::source::{FileId, Span};
use std::borrow::Cow;

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct File<'s> {
    /// Which file this is.
    pub file: FileId,
    /// The top-level items, in order.
    pub items: Vec<Item<'s>>,
    /// Some of the file did not parse (reported): items may be missing from
    /// the tree, or blocks `broken` or `partial`. Checks that need the whole
    /// program, such as "nothing uses this role", stay quiet.
    pub partial: bool,
}

/// A block or an assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'s> {
    /// `kind name "label" { ... }` (boxed: blocks are rarer and larger than
    /// assignments, which then take less room in every item list).
    Block(Box<Block<'s>>),
    /// `key = value`
    Assignment(Assignment<'s>),
    /// `for NAME in LIST { items }` (boxed, and rare): elaboration replaces
    /// it with its items, once per element; the checker never sees one.
    For(Box<For<'s>>),
    /// `import "path"`: the path as written (elaboration takes it out; the
    /// file is one of the program's sources).
    Import(Box<Str<'s>>),
}

impl Item<'_> {
    /// The span of the whole item.
    pub fn span(&self) -> Span {
        match self {
            Item::Block(b) => b.span,
            Item::Assignment(a) => a.span(),
            Item::For(f) => f.span,
            Item::Import(s) => s.span,
        }
    }
}

/// `for NAME in LIST { items }`.
#[derive(Debug, Clone, PartialEq)]
pub struct For<'s> {
    /// The name each element takes in the items.
    pub var: Ident<'s>,
    /// The list (a literal or a parameter).
    pub list: Value<'s>,
    /// The items, as written.
    pub items: Vec<Item<'s>>,
    /// `for NAME in LIST`.
    pub header: Span,
    /// The whole comprehension.
    pub span: Span,
}

/// A name as written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident<'s> {
    /// The text of the name.
    pub text: &'s str,
    /// Where it is.
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str<'s> {
    /// The value after escapes are applied; for an interpolated string, the
    /// text between the quotes as written (see [`super::interp`]).
    pub value: Cow<'s, str>,
    /// The span of the literal, quotes included.
    pub span: Span,
    /// The literal holds `${...}`: its value is known only once the names
    /// in it are (elaboration replaces it with the string it produces).
    pub interpolated: bool,
}

impl<'s> Str<'s> {
    /// A plain (not interpolated) string.
    pub fn plain(value: Cow<'s, str>, span: Span) -> Str<'s> {
        Str {
            value,
            span,
            interpolated: false,
        }
    }

    /// Whether the value is the literal text between the quotes (no escapes),
    /// so that offsets in the value map one-to-one onto the source.
    pub fn is_verbatim(&self) -> bool {
        matches!(self.value, Cow::Borrowed(_)) && !self.interpolated
    }

    /// The span of bytes `start..end` of the value, when the value is verbatim;
    /// otherwise the whole literal.
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        if self.is_verbatim() {
            self.span.sub(1 + start, 1 + end)
        } else {
            self.span
        }
    }
}

/// `kind name "label" { items }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'s> {
    /// The block's kind (`window`, `task`, ...).
    pub kind: Ident<'s>,
    /// The declared name, if written.
    pub name: Option<Ident<'s>>,
    /// The string label (a document name or ARN), if written (boxed: few
    /// blocks have one, and a large program has a hundred thousand blocks).
    pub label: Option<Box<Str<'s>>>,
    /// The body.
    pub items: Vec<Item<'s>>,
    /// The `{`.
    pub open: Span,
    /// The `}` (empty at the end of the body when the body did not parse).
    pub close: Span,
    /// The whole block.
    pub span: Span,
    /// The body did not parse: its header is known, its body is not. Checks
    /// that need the body skip such a block rather than report cascades.
    pub broken: bool,
    /// Some items of the body did not parse (reported); the others are here.
    /// Checks that need every item (required fields, exactly-one rules) skip
    /// such a block rather than report what may only be missing because of
    /// the syntax error.
    pub partial: bool,
}

/// `key = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment<'s> {
    /// The field name.
    pub key: Ident<'s>,
    /// The value.
    pub value: Value<'s>,
}

impl Assignment<'_> {
    /// The whole assignment, from its key to the end of its value (kept
    /// as the two spans rather than a third: a large program has hundreds
    /// of thousands of assignments, alive until its model is built).
    pub fn span(&self) -> Span {
        self.key.span.to(self.value.span)
    }
}

/// A value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<'s> {
    /// What was written.
    pub kind: ValueKind<'s>,
    /// Where.
    pub span: Span,
}

/// The unit written after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// `s`
    Seconds,
    /// `m`
    Minutes,
    /// `h`
    Hours,
    /// `d`
    Days,
}

impl TimeUnit {
    /// Seconds in one of this unit.
    pub fn seconds(self) -> i64 {
        match self {
            TimeUnit::Seconds => 1,
            TimeUnit::Minutes => 60,
            TimeUnit::Hours => 3_600,
            TimeUnit::Days => 86_400,
        }
    }

    /// The suffix as written.
    pub fn suffix(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "s",
            TimeUnit::Minutes => "m",
            TimeUnit::Hours => "h",
            TimeUnit::Days => "d",
        }
    }
}

/// The kinds of value.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind<'s> {
    /// `"text"`
    Str(Str<'s>),
    /// `30`
    Int(i64),
    /// `3h`, `600s`
    Duration(i64, TimeUnit),
    /// `10%`
    Percent(i64),
    /// `true` / `false`
    Bool(bool),
    /// `[a, b]`
    List(Vec<Value<'s>>),
    /// `{ key = value }`
    Map(Vec<Entry<'s>>),
    /// `Name` or `Window.Target`
    Ref(Vec<Ident<'s>>),
    /// A value that did not lower (already reported); checks skip it.
    Invalid,
}

impl ValueKind<'_> {
    /// What kind of value this is, for "expected a string, found a list".
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::Str(_) => "a string",
            ValueKind::Int(_) => "a number",
            ValueKind::Duration(..) => "a duration",
            ValueKind::Percent(_) => "a percentage",
            ValueKind::Bool(_) => "a boolean",
            ValueKind::List(_) => "a list",
            ValueKind::Map(_) => "a map",
            ValueKind::Ref(_) => "a reference",
            ValueKind::Invalid => "an invalid value",
        }
    }
}

/// A map key: a name or a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'s> {
    /// The key's text.
    pub text: Cow<'s, str>,
    /// Where it is (quotes included for a string key).
    pub span: Span,
}

/// `key = value` inside a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'s> {
    /// The key.
    pub key: Key<'s>,
    /// The value.
    pub value: Value<'s>,
}
