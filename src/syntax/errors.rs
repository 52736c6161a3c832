//! All wording of syntax diagnostics, and the translation of pest's errors
//! into plain words.

use super::parser::Rule;
use crate::diagnostic::{Code, Diagnostic, shorten};
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

/// A `{` or `[` still open at the end of the file. `eof` is the last
/// character of the file.
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
        .with_label(eof, "the file ends here, with it still open");
    if let Some((inner_open, inner_close)) = suspect {
        d = d
            .with_label(inner_open, "perhaps this `{` is the one missing its `}`")
            .with_label(inner_close, "…as this `}` is indented differently from it");
    }
    let what = if open_byte == b'[' {
        "list"
    } else if kind.is_some() {
        "block"
    } else {
        "map"
    };
    d.help(format!("add {} where the {what} ends", delim(close)))
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
    .help(format!(
        "close the {} with {} before this {}",
        delim(open_byte),
        delim(expected),
        delim(byte)
    ))
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
    .label("not a valid `\\u{...}` escape")
    .help("write `\\u{` then 1 to 6 hexadecimal digits of a code point (not a surrogate) and `}`, e.g. `\\u{00e9}` for é")
}

/// An integer that does not fit in 64 bits.
pub fn number_too_large(span: Span) -> Diagnostic {
    Diagnostic::new(Code::InvalidNumber, span, "number out of range")
        .label("does not fit in a 64-bit integer")
        .help("no field of a maintenance window takes a number this large")
}

/// `1.5`.
pub fn fractional_number(span: Span) -> Diagnostic {
    Diagnostic::new(Code::InvalidNumber, span, "numbers must be whole")
        .label("has a fraction")
        .help("AWS takes whole numbers only; write the nearest whole number")
}

/// `3w`, `5mins`.
pub fn unknown_unit(span: Span, unit: &str) -> Diagnostic {
    let hint = match unit.to_ascii_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => Some("s"),
        "m" | "min" | "mins" | "minute" | "minutes" => Some("m"),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some("h"),
        "d" | "day" | "days" => Some("d"),
        _ => None,
    };
    let help = match hint {
        Some(u) if unit.len() == 1 => format!("units are lower case: write `{u}`"),
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
        Rule::setting_value => "a value",
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
        Rule::ident | Rule::name => "a name",
        Rule::interp => "`${...}`",
        Rule::for_item => "`for NAME in LIST { ... }`",
        Rule::kw_for => "`for`",
        Rule::kw_in => "`in`",
        Rule::import_item => "`import \"FILE\"`",
        Rule::kw_import => "`import`",
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

/// What stands at `offset`, described for "found ...", and its length.
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
        .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '%' | '.')))
        .unwrap_or(rest.len());
    if c == '"' {
        let len = rest[1..].find(['"', '\n', '\r']).map_or(1, |p| p + 2);
        ("a string".to_string(), len)
    } else if (c.is_ascii_alphanumeric() || c == '_' || c == '-') && word_len > 0 {
        let shown: String = rest[..word_len].chars().take(40).collect();
        (format!("`{shown}`"), word_len)
    } else if c.is_control() || c.is_whitespace() || !c.is_ascii() && is_invisible(c) {
        (
            format!("the invisible character U+{:04X}", u32::from(c)),
            c.len_utf8(),
        )
    } else {
        (format!("`{c}`"), c.len_utf8())
    }
}

/// Characters that render as nothing (byte-order marks, zero-width spaces).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A line without its trailing `//` comment (a `//` inside a string stays).
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '/' if !in_string && line[i + 1..].starts_with('/') => return line[..i].trim_end(),
            _ => {}
        }
    }
    line
}

/// The tokens of the line before the error, split on white space (strings
/// kept whole), for the context hints.
fn line_tokens(line: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let end = if let Some(body) = rest.strip_prefix('"') {
            body.find('"').map_or(rest.len(), |p| p + 2)
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        tokens.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    tokens
}

/// What surrounds a parse error.
pub struct Context<'t> {
    /// The whole file.
    pub text: &'t str,
    /// Where the chunk being parsed starts and ends.
    pub chunk: std::ops::Range<usize>,
    /// Where pest stopped.
    pub offset: usize,
    /// Whether the chunk is one item of a block body (parsed on its own
    /// after the block failed as a whole): its end is the line's end.
    pub inner: bool,
}

impl<'t> Context<'t> {
    /// The code before the error on its line (comments removed), and whether
    /// the error is on a later line than that code.
    fn previous_line(&self) -> (&'t str, usize, bool) {
        let before = self.text.get(self.chunk.start..self.offset).unwrap_or("");
        let trimmed = before.trim_end();
        let on_later_line = before[trimmed.len()..].contains(['\n', '\r']);
        let start = trimmed.rfind(['\n', '\r']).map_or(0, |p| p + 1);
        let line = &trimmed[start..];
        (strip_comment(line), self.chunk.start + start, on_later_line)
    }
}

/// Translates a pest failure into a diagnostic, with context hints for the
/// usual slips: a missing `=`, a space before a unit, text without quotes.
pub fn unexpected(
    span_at: impl Fn(usize, usize) -> Span,
    cx: &Context<'_>,
    positives: &[Rule],
) -> Diagnostic {
    let (text, offset) = (cx.text, cx.offset);
    let (mut found, len) = describe_found(text, offset, cx.chunk.end);
    if cx.inner && len == 0 {
        found = "the end of the line".to_string();
    }
    let span = span_at(offset, offset + len);
    let value_rules = positives.iter().filter(|r| is_value_rule(**r)).count();
    // A lone `string` among the value rules is a block label, not a value.
    let wants_value = value_rules > 1;
    let wants_eq = positives.contains(&Rule::eq);
    let next = text.get(offset..).and_then(|r| r.chars().next());
    let found_value_start =
        next.is_some_and(|c| c == '"' || c == '[' || c == '-' || c.is_ascii_alphanumeric());
    let found_text = text.get(offset..offset + len).unwrap_or("");
    let (line, line_start, later_line) = cx.previous_line();
    let tokens = line_tokens(line);
    let at = |token: &str| {
        let p = line.find(token).map_or(line_start, |p| line_start + p);
        span_at(p, p + token.len())
    };

    // `{ Patch Group = "App" }`: a map key that is not a name.
    if wants_eq
        && !positives.contains(&Rule::lbrace)
        && let Some(key) = bare_map_key(cx)
    {
        let shown = &text[key.clone()];
        let value = value_after_eq(text, key.end);
        let why = if shown.contains(char::is_whitespace) {
            "a key with a space"
        } else {
            "a key with characters a name cannot have"
        };
        return Diagnostic::new(
            Code::UnexpectedToken,
            span_at(key.start, key.end),
            format!("map key `{shown}` needs double quotes"),
        )
        .label(why)
        .help(format!("write `{} = {value}`", quoted(shown)));
    }
    // `schedule = cron(0 3 ? * * *)`: an expression without its quotes.
    if next == Some('(')
        && let [.., key, "=", word] = tokens.as_slice()
        && word.starts_with(is_ident_start)
        && word.chars().all(is_ident_char)
        && text.get(..offset).is_some_and(|b| b.ends_with(word))
    {
        let start = offset - word.len();
        let end = call_end(text, offset);
        let call = &text[start..end];
        return Diagnostic::new(
            Code::UnexpectedToken,
            span_at(start, end),
            format!("text after `{key} =` needs double quotes"),
        )
        .label("an expression without quotes")
        .help(format!("write `{key} = {}`", quoted(call)));
    }
    // `duration 3h`: a field name alone, then a value on the same line.
    if wants_eq
        && found_value_start
        && !later_line
        && let [key] = tokens.as_slice()
        && key.starts_with(is_ident_start)
        && key.chars().all(is_ident_char)
    {
        let value = strip_comment(
            text[offset..]
                .split(['\n', '\r'])
                .next()
                .unwrap_or("")
                .trim_end(),
        );
        return Diagnostic::new(
            Code::UnexpectedToken,
            span,
            format!("missing `=` between `{key}` and {found}"),
        )
        .label("expected `=` before this")
        .with_label(at(key), "this field")
        .help(format!("write `{key} = {}`", shorten(value)));
    }
    // `cutoff = 3 h`: a space between a number and its unit.
    if let [.., number, unit] = tokens.as_slice()
        && number.chars().all(|c| c.is_ascii_digit())
        && matches!(*unit, "s" | "m" | "h" | "d")
        && tokens.len() >= 2
    {
        return Diagnostic::new(
            Code::UnexpectedToken,
            at(unit),
            format!("a space between `{number}` and its unit `{unit}`"),
        )
        .label("the unit must follow the number directly")
        .help(format!("write `{number}{unit}`"));
    }
    // `description = nightly patching`: words that needed quotes.
    if let [key, "=", words @ ..] = tokens.as_slice()
        && words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| is_ident_char(c) || c == '.'))
    {
        let phrase = words.join(" ");
        return Diagnostic::new(
            Code::UnexpectedToken,
            at(words[1]),
            format!("text after `{key} =` needs double quotes"),
        )
        .label("a second word where a value ended")
        .help(format!("write `{key} = \"{phrase}\"`"));
    }
    // `schedule "cron(...)"` then a new line: read as a block header.
    let at_end = text
        .get(offset..cx.chunk.end)
        .is_some_and(|r| r.trim().is_empty());
    if positives.contains(&Rule::lbrace)
        && !wants_value
        && (later_line || at_end)
        && let [key, value] = tokens.as_slice()
        && key.chars().all(is_ident_char)
    {
        let d = Diagnostic::new(
            Code::UnexpectedToken,
            at(value),
            if at_end {
                format!("expected `=` or `{{` after `{key}`")
            } else {
                format!("expected `=` or `{{` after `{key}`, found {found} on the next line")
            },
        );
        let d = if at_end {
            d
        } else {
            d.with_label(span, "here")
        };
        return if value.starts_with('"') {
            d.label("missing `=` before this value?")
                .help(format!("write `{key} = {}`", shorten(value)))
        } else {
            d.label("a field missing its `=`, or a block missing its `{`?")
                .help(format!(
                    "if `{key}` is a field, write `{key} = {value}`; if it starts a block, add `{{` after `{value}`"
                ))
        };
    }
    // `schedule: "..."`.
    if wants_eq && matches!(next, Some(':')) {
        return Diagnostic::new(Code::UnexpectedToken, span, "expected `=`, found `:`")
            .label("fields are set with `=`")
            .help("replace `:` with `=`");
    }

    let mut expected: Vec<&'static str> = Vec::new();
    let item_position = positives.contains(&Rule::ident) && !wants_value && !wants_eq;
    if wants_value {
        expected.push("a value");
    } else if item_position {
        expected.push("a field");
        expected.push("a block");
    }
    for rule in positives {
        let skip = match rule {
            Rule::ident | Rule::name => wants_value || item_position,
            // A comprehension is an item like a field or a block.
            Rule::kw_for | Rule::for_item | Rule::kw_import | Rule::import_item => {
                item_position || wants_value
            }
            Rule::lbrace | Rule::lbracket | Rule::number_digits => wants_value,
            r => wants_value && is_value_rule(*r),
        };
        if skip {
            continue;
        }
        let name = match rule {
            Rule::string if !wants_value => "a string label",
            Rule::EOI if cx.inner => "`}`",
            other => rule_name(*other),
        };
        if !expected.contains(&name) {
            expected.push(name);
        }
    }
    let list = join_or(&expected);
    let d = Diagnostic::new(
        Code::UnexpectedToken,
        span,
        format!("expected {list}, found {found}"),
    )
    .label(format!("expected {list}"));
    if positives.contains(&Rule::comma) && positives.contains(&Rule::rbracket) && found_value_start
    {
        d.help("separate list items with `,`")
    } else if wants_value && (found_text == "}" || found.starts_with("the end")) {
        d.help("every `key =` needs a value after the `=`")
    } else if wants_eq && found_text == "=" && tokens.is_empty() {
        d.help("a field starts with its name: `name = value`")
    } else {
        d
    }
}

/// The key of a map entry that pest stopped in because it is not a name
/// (`Patch Group`, `aws:cloudformation:stack-name`, `kubernetes.io/name`):
/// from after the `{` or `,` before it, on the error's line, to the `=`
/// after it. None when the text is not such a key.
fn bare_map_key(cx: &Context<'_>) -> Option<std::ops::Range<usize>> {
    let text = cx.text;
    let line_start = text
        .get(..cx.offset)?
        .rfind(['\n', '\r'])
        .map_or(0, |p| p + 1)
        .max(cx.chunk.start);
    let before = text.get(line_start..cx.offset)?;
    let start = line_start + before.rfind(['{', ',']).map_or(0, |p| p + 1);
    let rest = text.get(cx.offset..)?;
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let end = cx.offset + line.find('=')?;
    let raw = text.get(start..end)?;
    let key = raw.trim();
    let lead = raw.len() - raw.trim_start().len();
    let name = key.starts_with(is_ident_start) && key.chars().all(is_ident_char);
    let other_syntax =
        key.contains(['"', '{', '}', '[', ']', ',']) || key.contains("//") || key.contains("/*");
    (!key.is_empty() && !other_syntax && !name).then(|| start + lead..start + lead + key.len())
}

/// The value after the `=` that follows byte `from`, as written on its line
/// (a string, a list up to its `]`, or a word), or `...`.
fn value_after_eq(text: &str, from: usize) -> String {
    let rest = text.get(from..).unwrap_or("").trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let end = if let Some(body) = line.strip_prefix('"') {
        let mut escaped = false;
        body.char_indices()
            .find(|&(_, c)| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
            .map(|(i, _)| i + 2)
    } else if line.starts_with('[') {
        line.find(']').map(|i| i + 1)
    } else {
        Some(line.find([',', '}', ' ', '\t']).unwrap_or(line.len()))
    };
    match end.map(|e| line[..e].trim_end()) {
        Some(value) if !value.is_empty() => shorten(value),
        _ => "...".to_string(),
    }
}

/// The end of `word(...)` whose `(` is at `open`: after its matching `)` on
/// the same line, or the end of the line (trailing space and comment
/// removed).
fn call_end(text: &str, open: usize) -> usize {
    let rest = text.get(open..).unwrap_or("");
    let line = strip_comment(&rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())]).trim_end();
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    open + line.len()
}

/// Text in double quotes, with `\` and `"` escaped.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// `${` without a name or a closing `}` in a string.
pub fn malformed_interpolation(span: Span, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedInterpolation,
        span,
        format!("malformed interpolation: {why}"),
    )
    .label("here")
    .help("`${NAME}` puts a parameter's value into the string (`${NAME.key}` a key of a map); write `$${` for a literal `${`")
}

/// `${...}` in a map key, which is taken as written.
pub fn interpolated_key(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::MalformedInterpolation,
        span,
        "interpolation in a map key",
    )
    .label("keys are written as they are")
    .help("map keys cannot hold `${...}`; write the key itself, or `$${` for a literal `${`")
}
