//! The recovering scanner: one linear pass over a file that knows strings,
//! comments and brackets, and nothing else.
//!
//! It finds what pest reports badly or cannot survive (unterminated strings
//! and comments, unbalanced or mismatched brackets, control characters, nesting
//! deep enough to overflow a recursive parser) and splits the file into
//! top-level chunks, each ending where the bracket depth returns to zero. Each
//! chunk is then parsed on its own, so one broken window does not hide the
//! errors in the others.

use super::errors;
use crate::diagnostic::{Code, Diagnostic, Tally};
use crate::source::{FileId, Span};
use std::ops::Range;

/// How deeply blocks, lists and maps may nest. Far beyond any real program,
/// far below what overflows the parser's stack.
pub const MAX_DEPTH: usize = 64;

/// A top-level stretch of the file.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// Whether the scanner already reported an error that makes parsing this
    /// chunk pointless (pest would only repeat it, less clearly).
    pub broken: bool,
}

/// The scanner's diagnostics: those of each code past
/// [`crate::diagnostic::MAX_PER_CODE`] are counted, not built (a file of
/// NUL bytes has one invalid character per byte).
#[derive(Default)]
struct Found {
    diags: Vec<Diagnostic>,
    tally: Tally,
}

impl Found {
    /// Reports a diagnostic of `code` at `span`, built by `make` only when
    /// it is to be reported one by one.
    fn push(&mut self, code: Code, span: Span, make: impl FnOnce(Span) -> Diagnostic) {
        if self.tally.report(code, span) {
            self.diags.push(make(span));
        }
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.diags.extend(self.tally.summaries());
        self.diags
    }
}

struct Open {
    byte: u8,
    offset: usize,
    indent: usize,
}

/// Scans `text` from `start`, returning the chunks and the diagnostics found.
pub fn scan(file: FileId, text: &str, start: usize) -> (Vec<Chunk>, Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    let mut found = Found::default();
    let mut chunks = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut chunk_start = start;
    let mut broken = false;
    let mut depth_reported = false;
    // The first `{` whose `}` sits at a different indentation: the likeliest
    // place for a forgotten `}` when the file ends with blocks still open.
    let mut suspect: Option<(usize, usize)> = None;
    let mut i = start;
    // Start of the current line, and whether a token has been seen on it yet.
    let mut line_begin = line_start(bytes, start);
    let mut line_blank = true;

    while i < bytes.len() {
        let b = bytes[i];
        let first_on_line = line_blank;
        if !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            line_blank = false;
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_newline(bytes, i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match find(bytes, i + 2, b"*/") {
                Some(end) => {
                    if let Some(nl) = bytes[i..end].iter().rposition(|&c| is_line_end(c)) {
                        line_begin = i + nl + 1;
                    }
                    i = end + 2;
                    continue;
                }
                None => {
                    found.push(
                        Code::UnclosedDelimiter,
                        Span::new(file, i, i + 2),
                        errors::unclosed_comment,
                    );
                    broken = true;
                    // The comment swallowed the rest, closing brackets included:
                    // they are not reported again as unclosed.
                    stack.clear();
                    i = bytes.len();
                    continue;
                }
            },
            b'"' => {
                let (end, closed) = string_end(bytes, i + 1, file, &mut found);
                if !closed {
                    found.push(
                        Code::UnterminatedString,
                        Span::new(file, i, i + 1),
                        errors::unterminated_string,
                    );
                    broken = true;
                }
                i = end;
                continue;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                // `${...}` in a name is one token: its braces are not brackets.
                if let Some(close) = interp_end(bytes, i + 2) {
                    i = close + 1;
                    continue;
                }
            }
            b'{' | b'[' => {
                stack.push(Open {
                    byte: b,
                    offset: i,
                    indent: indent_of(bytes, line_begin),
                });
                if stack.len() > MAX_DEPTH && !depth_reported {
                    found.push(Code::NestingTooDeep, Span::new(file, i, i + 1), |span| {
                        errors::nesting_too_deep(span, MAX_DEPTH)
                    });
                    depth_reported = true;
                    broken = true;
                }
            }
            b'}' | b']' => match stack.pop() {
                None => {
                    found.push(
                        Code::UnmatchedDelimiter,
                        Span::new(file, i, i + 1),
                        |span| errors::unmatched_closer(span, b),
                    );
                    // The stray closer is its own chunk boundary and belongs to neither side.
                    push_chunk(&mut chunks, bytes, chunk_start..i, broken);
                    chunk_start = i + 1;
                    broken = false;
                    depth_reported = false;
                }
                Some(open) => {
                    let expected = closer(open.byte);
                    if b != expected {
                        found.push(
                            Code::UnmatchedDelimiter,
                            Span::new(file, i, i + 1),
                            |span| {
                                errors::mismatched_closer(
                                    span,
                                    b,
                                    Span::new(file, open.offset, open.offset + 1),
                                    open.byte,
                                )
                            },
                        );
                        broken = true;
                        // `[ ...` then `}` alone on a later line: the `]` was
                        // forgotten, and the `}` closes the block the list is
                        // in. On the same line it is more likely a typo for `]`.
                        if first_on_line && stack.last().is_some_and(|o| closer(o.byte) == b) {
                            stack.pop();
                        }
                    } else if open.byte == b'{'
                        && suspect.is_none()
                        && first_on_line
                        && indent_of(bytes, line_begin) != open.indent
                    {
                        suspect = Some((open.offset, i));
                    }
                    if stack.is_empty() && !body_follows(bytes, i + 1) {
                        push_chunk(&mut chunks, bytes, chunk_start..i + 1, broken);
                        chunk_start = i + 1;
                        broken = false;
                        depth_reported = false;
                        suspect = None;
                    }
                }
            },
            b'\n' | b'\r' => {
                line_begin = i + 1;
                line_blank = true;
            }
            b'\t' => {}
            0..=0x1f | 0x7f => {
                found.push(Code::InvalidCharacter, Span::new(file, i, i + 1), |span| {
                    errors::invalid_character(span, b)
                });
                broken = true;
            }
            _ => {}
        }
        i += 1;
    }

    if let Some(outer) = stack.first() {
        let kind = block_kind_before(text, outer.offset);
        found.diags.push(errors::unclosed_brace(
            Span::new(file, outer.offset, outer.offset + 1),
            outer.byte,
            kind,
            last_char(file, text),
            suspect.map(|(open, close)| {
                (
                    Span::new(file, open, open + 1),
                    Span::new(file, close, close + 1),
                )
            }),
        ));
        broken = true;
    }
    push_chunk(&mut chunks, bytes, chunk_start..bytes.len(), broken);
    (chunks, found.finish())
}

/// Splits a block body (`range`, between its braces) into the stretches of
/// its items, for parsing them one by one after the body failed as a whole.
/// An item ends at a line end outside brackets unless the line ends with `=`
/// or `,` (the value goes on), and after a `}` or `]` that closes its last
/// bracket. Strings and comments are skipped; the body has been scanned, so
/// its brackets balance.
pub fn items(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = range.start;
    let mut depth = 0usize;
    let mut last = b'\n';
    let mut i = range.start;
    let end = range.end.min(bytes.len());
    let cut = |from: &mut usize, to: usize, out: &mut Vec<Range<usize>>| {
        if *from < to && !is_trivia(&bytes[*from..to]) {
            out.push(*from..to);
        }
        *from = to;
    };
    while i < end {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_newline(bytes, i).min(end);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(end, |e| (e + 2).min(end));
                continue;
            }
            b'"' => {
                let mut j = i + 1;
                while j < end && bytes[j] != b'"' && !is_line_end(bytes[j]) {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(end);
                last = b'"';
                continue;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                if let Some(close) = interp_end(bytes, i + 2) {
                    i = close + 1;
                    last = b'}';
                    continue;
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !body_follows(bytes, i + 1) {
                    cut(&mut start, i + 1, &mut out);
                    last = b'\n';
                    i += 1;
                    continue;
                }
            }
            b'\n' | b'\r' if depth == 0 && !matches!(last, b'=' | b',') => {
                cut(&mut start, i, &mut out);
            }
            _ => {}
        }
        if !bytes[i].is_ascii_whitespace() {
            last = bytes[i];
        }
        i += 1;
    }
    cut(&mut start, end, &mut out);
    out
}

/// Whether a `{` follows `from` after white space and comments: the list
/// or map just closed is the list of a `for NAME in LIST {` header, not the
/// end of an item.
fn body_follows(bytes: &[u8], from: usize) -> bool {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = memchr_newline(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => match find(bytes, i + 2, b"*/") {
                Some(end) => i = end + 2,
                None => return false,
            },
            b => return b == b'{',
        }
    }
    false
}

/// The `}` closing a `${` whose inside starts at `from`, when it closes on
/// the same line before any quote or brace.
pub(crate) fn interp_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let at = rest
        .iter()
        .position(|&c| matches!(c, b'}' | b'{' | b'"' | b'\n' | b'\r'))?;
    (rest[at] == b'}').then_some(from + at)
}

fn closer(open: u8) -> u8 {
    if open == b'[' { b']' } else { b'}' }
}

/// The last character of the file that is not white space (where "the file
/// ends here" is drawn; an empty span at the very end would not show).
fn last_char(file: FileId, text: &str) -> Span {
    let trimmed = text.trim_end();
    match trimmed.char_indices().last() {
        Some((i, c)) => Span::new(file, i, i + c.len_utf8()),
        None => Span::point(file, 0),
    }
}

fn push_chunk(chunks: &mut Vec<Chunk>, bytes: &[u8], range: Range<usize>, broken: bool) {
    if range.start < range.end && !is_trivia(&bytes[range.clone()]) {
        chunks.push(Chunk { range, broken });
    }
}

/// Whether a stretch holds only white space and comments.
fn is_trivia(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = memchr_newline(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => match find(bytes, i + 2, b"*/") {
                Some(end) => i = end + 2,
                None => return false,
            },
            _ => return false,
        }
    }
    true
}

/// Scans a string body from just after the opening quote. Returns the offset
/// after the closing quote (or of the line end) and whether it was closed.
fn string_end(bytes: &[u8], mut i: usize, file: FileId, found: &mut Found) -> (usize, bool) {
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (i + 1, true),
            b'\\' => {
                if matches!(bytes.get(i + 1), Some(b'\n' | b'\r') | None) {
                    return (i + 1, false);
                }
                i += 2;
            }
            b'\n' | b'\r' => return (i, false),
            b'\t' => i += 1,
            c @ (0..=0x1f | 0x7f) => {
                found.push(Code::InvalidCharacter, Span::new(file, i, i + 1), |span| {
                    errors::invalid_character(span, c)
                });
                i += 1;
            }
            _ => i += 1,
        }
    }
    (i, false)
}

/// Whether a byte ends a line: `\n`, or `\r` (alone, or before the `\n` of
/// `\r\n`). An editor counts lines the same way.
fn is_line_end(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// The offset of the next line end at or after `from` (or the end).
pub(crate) fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| is_line_end(b))
        .map_or(bytes.len(), |p| from + p)
}

pub(crate) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn line_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&b| is_line_end(b))
        .map_or(0, |p| p + 1)
}

/// The indentation of the line starting at `line_begin`.
fn indent_of(bytes: &[u8], line_begin: usize) -> usize {
    bytes[line_begin..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// The first word on the line of an opening brace (`window`, `task`, ...), for
/// messages such as "expected `}` to close the `window` opened here".
fn block_kind_before(text: &str, offset: usize) -> Option<&str> {
    let start = line_start(text.as_bytes(), offset);
    let line = text.get(start..offset)?.trim_start();
    let word: &str = line
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .next()?;
    let first = word.chars().next()?;
    (first.is_ascii_alphabetic() || first == '_').then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &str) -> Vec<(String, bool)> {
        let (chunks, _) = scan(FileId(0), text, 0);
        chunks
            .into_iter()
            .map(|c| (text[c.range].trim().to_string(), c.broken))
            .collect()
    }

    #[test]
    fn splits_after_each_top_level_block() {
        let got = chunks("a = 1\nwindow W { x = \"}\" }\nrole R { }\n// end\n");
        assert_eq!(
            got,
            vec![
                ("a = 1\nwindow W { x = \"}\" }".to_string(), false),
                ("role R { }".to_string(), false)
            ]
        );
    }

    #[test]
    fn unterminated_string_breaks_only_its_chunk() {
        let (chunks, diags) = scan(FileId(0), "a { x = \"oops\n}\nb { }\n", 0);
        assert_eq!(diags.len(), 1);
        assert_eq!(chunks.len(), 2);
        assert!(chunks[0].broken);
        assert!(!chunks[1].broken);
    }

    #[test]
    fn a_comment_between_a_comprehension_list_and_its_body_is_one_chunk() {
        let got = chunks("for z in [1] /* c */ // d\n { }\nx = 1\n");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn deep_nesting_is_reported_once() {
        let text = format!("x = {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (_, diags) = scan(FileId(0), &text, 0);
        assert_eq!(diags.len(), 1);
    }
}
