//! All wording of syntax diagnostics, and the translation of pest's errors
//! into plain words.

use super::parser::Rule;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

fn delim(b: u8) -> &'static str {
    match b {
        b'{' => "`{`",
        b'}' => "`}`",
        b'[' => "`[`",
        b']' => "`]`",
        _ => "delimiter",
    }
}

fn closer_for(open: u8) -> u8 {
    if open == b'[' { b']' } else { b'}' }
}

/// The file is not UTF-8.
pub fn invalid_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(Code::InvalidUtf8, span, "file is not valid UTF-8")
        .label("this byte is not UTF-8")
        .help("save the file as UTF-8; mwc reads nothing else")
}

/// `"...` without a closing quote before the end of the line.
pub fn unterminated_string(open_quote: Span) -> Diagnostic {
    Diagnostic::new(Code::UnterminatedString, open_quote, "unterminated string")
        .label("this string is never closed")
        .help("add a closing `\"`; a string ends on the line it starts on (write `\\n` for a line break)")
}

/// `/*` without `*/`.
pub fn unclosed_comment(open: Span) -> Diagnostic {
    Diagnostic::new(Code::UnclosedDelimiter, open, "unclosed block comment")
        .label("this comment is never closed")
        .help("add `*/` where the comment ends")
}

/// A `{` or `[` still open at the end of the file.
pub fn unclosed_brace(
    open: Span,
    open_byte: u8,
    kind: Option<&str>,
    eof: Span,
    suspect: Option<(Span, Span)>,
) -> Diagnostic {
    let close = closer_for(open_byte);
    let message = match kind {
        Some(kind) if open_byte == b'{' => {
            format!("expected `}}` to close the `{kind}` opened here")
        }
        _ => format!(
            "expected {} to close the {} opened here",
            delim(close),
            delim(open_byte)
        ),
    };
    let mut d = Diagnostic::new(Code::UnclosedDelimiter, open, message)
        .label(format!("this {} is never closed", delim(open_byte)))
        .with_label(eof, "the file ends here");
    if let Some((inner_open, inner_close)) = suspect {
        d = d
            .with_label(inner_open, "perhaps this `{` is the one missing its `}`")
            .with_label(inner_close, "…as this `}` is indented differently from it");
    }
    d.help(format!("add {} where the block ends", delim(close)))
}

/// A `}` or `]` with nothing open.
pub fn unmatched_closer(span: Span, byte: u8) -> Diagnostic {
    Diagnostic::new(
        Code::UnmatchedDelimiter,
        span,
        format!("unexpected {}: nothing is open here", delim(byte)),
    )
    .label("nothing to close")
    .help("remove it, or add the opening delimiter it was meant to close")
}

/// A `}` closing a `[` or the reverse.
pub fn mismatched_closer(span: Span, byte: u8, open: Span, open_byte: u8) -> Diagnostic {
    let expected = closer_for(open_byte);
    Diagnostic::new(
        Code::UnmatchedDelimiter,
        span,
        format!(
            "mismatched {}: expected {} to close the {}",
            delim(byte),
            delim(expected),
            delim(open_byte)
        ),
    )
    .label(format!("expected {}", delim(expected)))
    .with_label(open, "opened here")
}

/// More nesting than [`super::scan::MAX_DEPTH`].
pub fn nesting_too_deep(span: Span, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::NestingTooDeep,
        span,
        format!("blocks, lists and maps nest deeper than {max} levels"),
    )
    .label(format!("level {} starts here", max + 1))
    .help("no maintenance window needs this depth; flatten the value")
}

/// NUL and other control characters.
pub fn invalid_character(span: Span, byte: u8) -> Diagnostic {
    let name = match byte {
        0 => "NUL".to_string(),
        0x7f => "DEL".to_string(),
        b => format!("U+{b:04X}"),
    };
    Diagnostic::new(
        Code::InvalidCharacter,
        span,
        format!("invalid character {name} in the text"),
    )
    .label("control character")
    .help("remove it; in a string, write an escape such as `\\t` or `\\u{...}` instead")
}

/// An escape such as `\q`.
pub fn invalid_escape(span: Span, escape: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidEscape,
        span,
        format!("unknown escape `{escape}` in a string"),
    )
    .label("not an escape")
    .help("the escapes are `\\\"`, `\\\\`, `\\n`, `\\r`, `\\t` and `\\u{XXXX}`; write `\\\\` for a backslash")
}

/// `\u{...}` that is not a Unicode scalar value.
pub fn invalid_unicode_escape(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidEscape,
        span,
        "invalid unicode escape in a string",
    )
    .label("not a Unicode scalar value")
    .help("write `\\u{` then 1 to 6 hexadecimal digits of a code point (not a surrogate), then `}`")
}

/// An integer that does not fit in 64 bits.
pub fn number_too_large(span: Span) -> Diagnostic {
    Diagnostic::new(Code::InvalidNumber, span, "number too large")
        .label("does not fit in a 64-bit integer")
        .help("no field of a maintenance window takes a number this large")
}

/// `1.5`.
pub fn fractional_number(span: Span) -> Diagnostic {
    Diagnostic::new(Code::InvalidNumber, span, "numbers must be whole")
        .label("has a fraction")
        .help("AWS takes whole numbers here; for a shorter duration use a smaller unit, such as `90m`")
}

/// `3w`, `5mins`.
pub fn unknown_unit(span: Span, unit: &str) -> Diagnostic {
    let hint = match unit.to_ascii_lowercase().as_str() {
        "sec" | "secs" | "second" | "seconds" => Some("s"),
        "min" | "mins" | "minute" | "minutes" => Some("m"),
        "hr" | "hrs" | "hour" | "hours" => Some("h"),
        "day" | "days" => Some("d"),
        _ => None,
    };
    let help = match hint {
        Some(u) => format!("write the unit as `{u}`"),
        None if matches!(unit, "w" | "week" | "weeks") => {
            "there is no week unit; write days, such as `7d`".to_string()
        }
        None => "units are `s` (seconds), `m` (minutes), `h` (hours) and `d` (days); `%` makes a percentage".to_string(),
    };
    Diagnostic::new(
        Code::InvalidNumber,
        span,
        format!("unknown unit `{unit}` after a number"),
    )
    .label("not a unit")
    .help(help)
}

/// A human name for a grammar rule, as used in "expected ...".
///
/// Exhaustive on purpose: a new rule cannot be added without a name.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::eq => "`=`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lbracket => "`[`",
        Rule::rbracket => "`]`",
        Rule::comma => "`,`",
        Rule::dot => "`.`",
        Rule::chunk => "a block or a field",
        Rule::block | Rule::block_head => "a block",
        Rule::assignment => "a field",
        Rule::string | Rule::string_body => "a string",
        Rule::number | Rule::number_digits => "a number",
        Rule::number_suffix => "a unit",
        Rule::boolean => "`true` or `false`",
        Rule::list => "a list",
        Rule::map => "a map",
        Rule::map_entry => "a map entry",
        Rule::reference => "a name",
        Rule::ident => "a name",
        Rule::item => "a block or a field",
        Rule::value => "a value",
        Rule::ident_char => "a letter, digit, `_` or `-`",
        Rule::WHITESPACE | Rule::COMMENT => "white space",
    }
}

fn is_value_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::string | Rule::number | Rule::boolean | Rule::list | Rule::map | Rule::reference
    )
}

/// What stands at `offset`, described for "found ...".
fn describe_found(text: &str, offset: usize, chunk_end: usize) -> (String, usize) {
    let rest = text.get(offset..chunk_end).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return if chunk_end >= text.len() {
            ("the end of the file".to_string(), 0)
        } else {
            ("the end of this item".to_string(), 0)
        };
    };
    let word_len = rest
        .find(|ch: char| {
            !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || ch == '%' || ch == '.')
        })
        .unwrap_or(rest.len());
    if c == '"' {
        let len = rest[1..].find('"').map_or(1, |p| p + 2);
        ("a string".to_string(), len)
    } else if (c.is_ascii_alphanumeric() || c == '_' || c == '-') && word_len > 0 {
        let word = &rest[..word_len.min(40)];
        (format!("`{word}`"), word_len)
    } else {
        (format!("`{c}`"), c.len_utf8())
    }
}

/// Translates a pest failure at `offset` (absolute) into a diagnostic.
///
/// `prev_word` is the word just before the error on the same line, if the
/// error follows a lone name (for the "missing `=`" hint).
pub fn unexpected(
    span_at: impl Fn(usize, usize) -> Span,
    text: &str,
    offset: usize,
    chunk_end: usize,
    positives: &[Rule],
    prev_word: Option<(&str, Span)>,
) -> Diagnostic {
    let (found, len) = describe_found(text, offset, chunk_end);
    let span = span_at(offset, offset + len);
    let wants_value = positives.iter().any(|r| is_value_rule(*r));
    let wants_eq = positives.contains(&Rule::eq);
    let found_value_start = text
        .get(offset..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c == '"' || c == '[' || c == '-' || c.is_ascii_alphanumeric());

    if wants_eq && found_value_start {
        if let Some((key, key_span)) = prev_word {
            let value = text.get(offset..offset + len).unwrap_or("");
            return Diagnostic::new(
                Code::UnexpectedToken,
                span,
                format!("missing `=` between `{key}` and {found}"),
            )
            .label("expected `=` before this")
            .with_label(key_span, "this field")
            .help(format!("write `{key} = {value}`"));
        }
    }

    let mut expected: Vec<&'static str> = Vec::new();
    if wants_value {
        expected.push("a value");
    }
    for rule in positives {
        if wants_value && (is_value_rule(*rule) || *rule == Rule::ident) {
            continue;
        }
        let name = match rule {
            Rule::ident if !wants_value => "a field or a block",
            other => rule_name(*other),
        };
        if !expected.contains(&name) {
            expected.push(name);
        }
    }
    let list = join_or(&expected);
    let mut d = Diagnostic::new(
        Code::UnexpectedToken,
        span,
        format!("expected {list}, found {found}"),
    )
    .label(format!("expected {list}"));
    if positives.contains(&Rule::comma) && positives.contains(&Rule::rbracket) && found_value_start
    {
        d = d.help("separate list items with `,`");
    } else if wants_value && found.starts_with("`}`") {
        d = d.help("every `key =` needs a value after the `=`");
    }
    d
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
