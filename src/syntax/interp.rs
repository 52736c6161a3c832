//! `${...}` in string literals: the pieces of a literal's raw text.
//!
//! `${NAME}` and `${NAME.key}` substitute a value known at compile time (a
//! parameter, or a built-in setting such as `account`); `$${` writes a
//! literal `${`; a `$` anywhere else is itself. Backslash escapes apply to
//! the text between substitutions as everywhere, and never start one.

use std::borrow::Cow;
use std::ops::Range;

/// One piece of a string literal's raw text (offsets are in the raw text,
/// the bytes between the quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'s> {
    /// Text, with its escapes (and `$${`) applied.
    Text(Cow<'s, str>, Range<usize>),
    /// `${a.b}`: the path's names with their ranges, and the range of the
    /// whole `${...}`.
    Subst {
        /// The names, in order.
        path: Vec<(&'s str, Range<usize>)>,
        /// The `${...}`.
        range: Range<usize>,
    },
    /// A `${` that does not hold a name, or is not closed.
    Malformed {
        /// What to underline.
        range: Range<usize>,
        /// What is wrong, for the message.
        why: &'static str,
    },
}

/// Whether `name` is a name as the language writes it.
pub fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Splits a literal's raw text into pieces, in order.
pub fn pieces(raw: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    // Text accumulates from `text_start`; `$${` interrupts it with an owned
    // copy so that the escape can be applied.
    let mut text = String::new();
    let mut text_start = 0;
    let mut plain_from = 0;
    let bytes = raw.as_bytes();
    let mut i = 0;
    let flush = |out: &mut Vec<Piece<'_>>, text: &mut String, from: usize, to: usize| {
        if from < to || !text.is_empty() {
            let value = std::mem::take(text);
            out.push(Piece::Text(Cow::Owned(value), from..to));
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        if raw[i..].starts_with("$${") {
            text.push_str(&crate::syntax::lower::unescape(&raw[plain_from..i], |_| {}));
            text.push_str("${");
            i += 3;
            plain_from = i;
            continue;
        }
        if !raw[i..].starts_with("${") {
            i += 1;
            continue;
        }
        text.push_str(&crate::syntax::lower::unescape(&raw[plain_from..i], |_| {}));
        flush(&mut out, &mut text, text_start, i);
        let open = i;
        let Some(close) = raw[open..].find('}').map(|c| open + c) else {
            out.push(Piece::Malformed {
                range: open..raw.len(),
                why: "`${` has no closing `}`",
            });
            return out;
        };
        let inner = &raw[open + 2..close];
        let mut path = Vec::new();
        let mut offset = open + 2;
        let mut ok = !inner.is_empty();
        for name in inner.split('.') {
            ok &= is_name(name);
            path.push((name, offset..offset + name.len()));
            offset += name.len() + 1;
        }
        if ok {
            out.push(Piece::Subst {
                path,
                range: open..close + 1,
            });
        } else {
            out.push(Piece::Malformed {
                range: open..close + 1,
                why: if inner.is_empty() {
                    "nothing between `${` and `}`"
                } else {
                    "`${...}` holds a name, such as `${env}` or `${zone.az}`"
                },
            });
        }
        i = close + 1;
        plain_from = i;
        text_start = i;
    }
    text.push_str(&crate::syntax::lower::unescape(&raw[plain_from..], |_| {}));
    flush(&mut out, &mut text, text_start, raw.len());
    out
}

/// The text of a literal without substitutions (only `$${` escapes), with
/// its escapes applied.
pub fn text_of(raw: &str) -> String {
    pieces(raw)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t, _) => t.into_owned(),
            _ => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &Piece<'_>) -> Vec<String> {
        match p {
            Piece::Subst { path, .. } => path.iter().map(|(n, _)| n.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn text_and_substitutions_alternate() {
        let p = pieces("patch-logs-${account}-${zone.az}");
        assert_eq!(p.len(), 4);
        assert_eq!(p[0], Piece::Text(Cow::Owned("patch-logs-".into()), 0..11));
        assert_eq!(names(&p[1]), ["account"]);
        assert_eq!(names(&p[3]), ["zone", "az"]);
        if let Piece::Subst { range, path } = &p[3] {
            assert_eq!(*range, 22..32);
            assert_eq!(path[1].1, 29..31);
        }
    }

    #[test]
    fn dollar_dollar_brace_is_a_literal() {
        assert_eq!(text_of("echo $${HOME} costs $5"), "echo ${HOME} costs $5");
        let p = pieces("$${x}-${y}");
        assert_eq!(p[0], Piece::Text(Cow::Owned("${x}-".into()), 0..6));
        assert_eq!(names(&p[1]), ["y"]);
    }

    #[test]
    fn escapes_apply_between_substitutions() {
        let p = pieces(r"a\tb${x}\u{e9}");
        assert_eq!(p[0], Piece::Text(Cow::Owned("a\tb".into()), 0..4));
        assert_eq!(p[2], Piece::Text(Cow::Owned("é".into()), 8..14));
    }

    #[test]
    fn malformed_substitutions_are_pieces() {
        assert!(matches!(pieces("${")[0], Piece::Malformed { .. }));
        assert!(matches!(pieces("a${}")[1], Piece::Malformed { .. }));
        assert!(matches!(pieces("${a b}")[0], Piece::Malformed { .. }));
        assert!(matches!(pieces("${a.}")[0], Piece::Malformed { .. }));
    }
}
