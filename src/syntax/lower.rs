//! Lowering pest's pairs into the typed syntax tree, with absolute spans.
//! Escapes, numbers and units are checked here.

use super::ast::*;
use super::errors;
use super::parser::Rule;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};
use std::borrow::Cow;

/// Lowers pairs of one chunk. `base` is the chunk's offset in the file.
pub struct Lowerer<'d> {
    /// The file being lowered.
    pub file: FileId,
    /// Offset of the chunk in the file.
    pub base: usize,
    /// Where diagnostics go.
    pub diags: &'d mut Vec<Diagnostic>,
}

/// The pairs lowered by `lower`, in a vector of exactly their number: the
/// tree of a large program stays alive until its model is built, and a
/// vector grown by doubling leaves a quarter of its room empty on average
/// (and the smaller buffers it outgrew as holes in the heap).
fn exact<'s, T>(
    pairs: impl Iterator<Item = Pair<'s, Rule>> + Clone,
    lower: impl FnMut(Pair<'s, Rule>) -> T,
) -> Vec<T> {
    let mut out = Vec::with_capacity(pairs.clone().count());
    out.extend(pairs.map(lower));
    out
}

impl<'d> Lowerer<'d> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    /// Lowers the items of a parsed `chunk`.
    pub fn items<'s>(&mut self, pairs: Pairs<'s, Rule>, out: &mut Vec<Item<'s>>) {
        for pair in pairs {
            match pair.as_rule() {
                Rule::block => out.push(Item::Block(Box::new(self.block(pair)))),
                Rule::assignment => out.push(Item::Assignment(self.assignment(pair))),
                Rule::for_item => out.push(Item::For(Box::new(self.comprehension(pair)))),
                Rule::import_item => out.push(self.import(pair)),
                _ => {}
            }
        }
    }

    /// Lowers an `import_item` pair.
    fn import<'s>(&mut self, pair: Pair<'s, Rule>) -> Item<'s> {
        let span = self.span(&pair);
        let path = match pair.into_inner().find(|p| p.as_rule() == Rule::string) {
            Some(p) => self.string(p),
            None => Str::plain(Cow::Borrowed(""), span),
        };
        Item::Import(Box::new(path))
    }

    /// Lowers a `for_item` pair.
    fn comprehension<'s>(&mut self, pair: Pair<'s, Rule>) -> For<'s> {
        let span = self.span(&pair);
        let mut var = None;
        let mut list = None;
        let mut header = span;
        let mut items = Vec::new();
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::ident => var = Some(self.ident(inner)),
                Rule::kw_for | Rule::kw_in | Rule::rbrace => {}
                Rule::lbrace => {
                    header = Span::new(
                        self.file,
                        span.start as usize,
                        self.span(&inner).start as usize,
                    )
                }
                Rule::block => items.push(Item::Block(Box::new(self.block(inner)))),
                Rule::assignment => items.push(Item::Assignment(self.assignment(inner))),
                Rule::for_item => items.push(Item::For(Box::new(self.comprehension(inner)))),
                Rule::import_item => items.push(self.import(inner)),
                _ => list = Some(self.value(inner)),
            }
        }
        For {
            var: var.unwrap_or(Ident { text: "", span }),
            list: list.unwrap_or(Value {
                kind: ValueKind::Invalid,
                span,
            }),
            items,
            header: header.to(header),
            span,
        }
    }

    fn ident<'s>(&self, pair: Pair<'s, Rule>) -> Ident<'s> {
        Ident {
            text: pair.as_str(),
            span: self.span(&pair),
        }
    }

    /// Lowers a `block` pair.
    pub fn block<'s>(&mut self, pair: Pair<'s, Rule>) -> Block<'s> {
        let span = self.span(&pair);
        let mut kind = None;
        let mut name = None;
        let mut label = None;
        let mut open = span;
        let mut close = span;
        let inner_pairs = pair.into_inner();
        let mut items = Vec::with_capacity(
            inner_pairs
                .clone()
                .filter(|p| {
                    matches!(
                        p.as_rule(),
                        Rule::block | Rule::assignment | Rule::for_item | Rule::import_item
                    )
                })
                .count(),
        );
        for inner in inner_pairs {
            match inner.as_rule() {
                Rule::ident if kind.is_none() => kind = Some(self.ident(inner)),
                Rule::ident | Rule::name => name = Some(self.ident(inner)),
                Rule::string => label = Some(Box::new(self.string(inner))),
                Rule::lbrace => open = self.span(&inner),
                Rule::rbrace => close = self.span(&inner),
                Rule::block => items.push(Item::Block(Box::new(self.block(inner)))),
                Rule::assignment => items.push(Item::Assignment(self.assignment(inner))),
                Rule::for_item => items.push(Item::For(Box::new(self.comprehension(inner)))),
                Rule::import_item => items.push(self.import(inner)),
                _ => {}
            }
        }
        Block {
            kind: kind.unwrap_or(Ident { text: "", span }),
            name,
            label,
            items,
            open,
            close,
            span,
            broken: false,
            partial: false,
        }
    }

    /// Lowers a `block_head` pair into a block whose body is unknown.
    pub fn broken_block<'s>(&mut self, pair: Pair<'s, Rule>, whole: Span) -> Block<'s> {
        let mut block = self.block(pair);
        block.span = whole;
        block.close = Span::point(whole.file, whole.end as usize);
        block.broken = true;
        block
    }

    fn assignment<'s>(&mut self, pair: Pair<'s, Rule>) -> Assignment<'s> {
        let span = self.span(&pair);
        let mut key = None;
        let mut value = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::ident => key = Some(self.ident(inner)),
                Rule::eq => {}
                _ => value = Some(self.value(inner)),
            }
        }
        Assignment {
            key: key.unwrap_or(Ident { text: "", span }),
            value: value.unwrap_or(Value {
                kind: ValueKind::Invalid,
                span,
            }),
        }
    }

    /// Lowers a value pair.
    pub fn value<'s>(&mut self, pair: Pair<'s, Rule>) -> Value<'s> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::string => {
                // A string with a bad escape (reported) is not checked further.
                let before = self.diags.len();
                let s = self.string(pair);
                if self.diags.len() > before {
                    ValueKind::Invalid
                } else {
                    ValueKind::Str(s)
                }
            }
            Rule::number => self.number(pair, span),
            Rule::boolean => ValueKind::Bool(pair.as_str() == "true"),
            Rule::list => ValueKind::List(exact(
                pair.into_inner().filter(|p| {
                    !matches!(p.as_rule(), Rule::lbracket | Rule::rbracket | Rule::comma)
                }),
                |p| self.value(p),
            )),
            Rule::map => {
                // A key with `${...}` (reported) makes the map unknown.
                let mut bad_key = false;
                let entries = exact(
                    pair.into_inner().filter(|p| p.as_rule() == Rule::map_entry),
                    |p| {
                        let (entry, bad) = self.entry(p);
                        bad_key |= bad;
                        entry
                    },
                );
                if bad_key {
                    ValueKind::Invalid
                } else {
                    ValueKind::Map(entries)
                }
            }
            Rule::reference => ValueKind::Ref(exact(
                pair.into_inner()
                    .filter(|p| matches!(p.as_rule(), Rule::ident | Rule::name)),
                |p| self.ident(p),
            )),
            _ => ValueKind::Invalid,
        };
        Value { kind, span }
    }

    /// A map entry, and whether its key holds `${...}` (reported).
    fn entry<'s>(&mut self, pair: Pair<'s, Rule>) -> (Entry<'s>, bool) {
        let mut bad_key = false;
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let key = match inner.next() {
            Some(k) if k.as_rule() == Rule::string => {
                let s = self.string(k);
                if s.interpolated {
                    self.diags.push(errors::interpolated_key(s.span));
                    bad_key = true;
                }
                Key {
                    text: s.value,
                    span: s.span,
                }
            }
            Some(k) => Key {
                text: Cow::Borrowed(k.as_str()),
                span: self.span(&k),
            },
            None => Key {
                text: Cow::Borrowed(""),
                span,
            },
        };
        let value = inner
            .find(|p| p.as_rule() != Rule::eq)
            .map(|p| self.value(p))
            .unwrap_or(Value {
                kind: ValueKind::Invalid,
                span,
            });
        (Entry { key, value }, bad_key)
    }

    fn string<'s>(&mut self, pair: Pair<'s, Rule>) -> Str<'s> {
        let span = self.span(&pair);
        let body = pair.into_inner().next();
        let raw = body.as_ref().map_or("", |b| b.as_str());
        let body_start = span.start as usize + 1;
        let file = self.file;
        let at = |range: std::ops::Range<usize>| {
            Span::new(file, body_start + range.start, body_start + range.end)
        };
        let diags = &mut *self.diags;
        let value = unescape(raw, |bad| diags.push(bad.diagnostic(at(bad.range.clone()))));
        if !raw.contains('$') {
            return Str::plain(value, span);
        }
        // `${...}` is read here only to report what is malformed; the
        // pieces are made when the names are known.
        let mut substitutions = false;
        for piece in super::interp::pieces(raw) {
            match piece {
                super::interp::Piece::Subst { .. } => substitutions = true,
                super::interp::Piece::Malformed { range, why } => {
                    self.diags
                        .push(errors::malformed_interpolation(at(range), why));
                }
                super::interp::Piece::Text(..) => {}
            }
        }
        if substitutions {
            Str {
                value: Cow::Borrowed(raw),
                span,
                interpolated: true,
            }
        } else {
            // Only `$${` escapes: the value is the text they write.
            Str::plain(Cow::Owned(super::interp::text_of(raw)), span)
        }
    }

    fn number<'s>(&mut self, pair: Pair<'s, Rule>, span: Span) -> ValueKind<'s> {
        let mut digits = "";
        let mut suffix = None;
        let mut suffix_span = span;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::number_digits => digits = inner.as_str(),
                Rule::number_suffix => {
                    suffix_span = self.span(&inner);
                    suffix = Some(inner.as_str());
                }
                _ => {}
            }
        }
        if digits.contains('.') {
            self.diags.push(errors::fractional_number(span));
            return ValueKind::Invalid;
        }
        let Ok(n) = digits.parse::<i64>() else {
            self.diags.push(errors::number_too_large(span));
            return ValueKind::Invalid;
        };
        match suffix {
            None => ValueKind::Int(n),
            Some("%") => ValueKind::Percent(n),
            Some("s") => ValueKind::Duration(n, TimeUnit::Seconds),
            Some("m") => ValueKind::Duration(n, TimeUnit::Minutes),
            Some("h") => ValueKind::Duration(n, TimeUnit::Hours),
            Some("d") => ValueKind::Duration(n, TimeUnit::Days),
            Some(other) => {
                self.diags.push(errors::unknown_unit(suffix_span, other));
                ValueKind::Invalid
            }
        }
    }
}

/// A malformed escape: where in the raw text, and what is wrong.
pub(crate) struct BadEscape {
    /// The bytes of the escape in the raw text.
    pub range: std::ops::Range<usize>,
    /// A malformed `\u{...}` (else an unknown escape).
    unicode: bool,
    /// The escape as written, for the message.
    text: String,
}

impl BadEscape {
    fn diagnostic(&self, span: Span) -> Diagnostic {
        if self.unicode {
            errors::invalid_unicode_escape(span)
        } else {
            errors::invalid_escape(span, &self.text)
        }
    }
}

/// A string literal whose value is `text`: the inverse of [`unescape`],
/// with `${` written `$${` so that nothing is interpolated.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '$' if chars.peek() == Some(&'{') => out.push_str("$$"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text between a string's quotes with its escapes applied; each
/// malformed escape is handed to `bad` (and left out).
pub(crate) fn unescape<'s>(raw: &'s str, mut bad: impl FnMut(BadEscape)) -> Cow<'s, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((j, e)) = chars.next() else { break };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'u' => {
                let after = j + 1;
                let used = match unicode_escape(&raw[after..]) {
                    Ok((ch, used)) => {
                        out.push(ch);
                        used
                    }
                    Err(used) => {
                        bad(BadEscape {
                            range: i..after + used,
                            unicode: true,
                            text: String::new(),
                        });
                        used
                    }
                };
                while chars.offset() < after + used {
                    chars.next();
                }
            }
            other => bad(BadEscape {
                range: i..j + other.len_utf8(),
                unicode: false,
                text: format!("\\{other}"),
            }),
        }
    }
    Cow::Owned(out)
}

/// Parses the part of a `\u{XXXX}` escape after the `u`. Returns the character
/// and the bytes used, or the bytes to underline when it is malformed.
fn unicode_escape(rest: &str) -> Result<(char, usize), usize> {
    let Some(body) = rest.strip_prefix('{') else {
        return Err(0);
    };
    let Some(close) = body.find('}').filter(|&c| c <= 8) else {
        return Err(body
            .find(|c: char| !c.is_ascii_hexdigit())
            .map_or(rest.len(), |p| p + 1));
    };
    let digits = &body[..close];
    let used = close + 2;
    if digits.is_empty() || digits.len() > 6 {
        return Err(used);
    }
    u32::from_str_radix(digits, 16)
        .ok()
        .and_then(char::from_u32)
        .map(|ch| (ch, used))
        .ok_or(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_is_the_inverse_of_unescape() {
        for text in [
            "plain",
            "a \"b\" \\ c",
            "tab\tnl\ncr\r",
            "${x} $y",
            "\u{1}é😀",
        ] {
            let quoted = quote(text);
            let inner = &quoted[1..quoted.len() - 1];
            // `$${` writes `${`, as lowering reads a string without `${...}`.
            let value = unescape(inner, |_| panic!("bad escape in {quoted}")).replace("$${", "${");
            assert_eq!(value, text);
            assert!(!inner.replace("$${", "").contains("${"), "{quoted}");
        }
    }
}
