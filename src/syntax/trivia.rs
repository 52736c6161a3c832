//! What the syntax tree leaves out: comments and blank lines.
//!
//! The tree ([`super::ast`]) keeps what a program means; a printer that
//! writes the program back (see [`super::print`]) also needs its comments
//! and where they stand. [`Trivia::of`] finds every comment in one linear
//! pass that knows strings and `${...}` in names as the scanner does, and
//! [`blank_line_between`] tells from the text between two positions whether
//! the user left a blank line there.

use crate::source::{FileId, Span};

/// A `//` or `/* */` comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    /// The comment, from its `//` or `/*` to the end of its line (line end
    /// excluded) or its `*/`.
    pub span: Span,
    /// A `/* */` comment (else `//`).
    pub block: bool,
    /// Nothing but blanks and other comments precede it on its line: it
    /// stands alone (a comment after code is a trailing comment). Decided
    /// as `// mwc: allow` directives decide it.
    pub own_line: bool,
    /// Its column: the characters before it on its line.
    pub column: u32,
    /// The offset where its line starts (after the last line end before
    /// it, which may be inside an earlier block comment).
    pub line_start: u32,
}

impl Comment {
    /// The comment's text in canonical form: line ends inside a block
    /// comment become `\n`, and blanks at the end of each of its lines are
    /// dropped. This is the text a printer writes, and the text two
    /// versions of a file are compared by.
    pub fn text<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let raw = &text[self.span.start as usize..self.span.end as usize];
        if !raw.contains(['\r', '\n']) && !raw.ends_with([' ', '\t']) {
            return std::borrow::Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' || c == '\n' {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.truncate(out.trim_end_matches([' ', '\t']).len());
                out.push('\n');
            } else {
                out.push(c);
            }
        }
        out.truncate(out.trim_end_matches([' ', '\t']).len());
        std::borrow::Cow::Owned(out)
    }
}

/// The comments of a file, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trivia {
    /// Every comment, sorted by position (comments never overlap).
    pub comments: Vec<Comment>,
}

impl Trivia {
    /// Finds the comments of `text` (of `file`), from `start` (past a
    /// byte-order mark). Strings, and `${...}` in names, hide comment
    /// markers as the scanner says; an unterminated block comment runs to
    /// the end of the text.
    pub fn of(file: FileId, text: &str, start: usize) -> Trivia {
        let bytes = text.as_bytes();
        let mut comments = Vec::new();
        let mut i = start;
        let mut line_start = start;
        // Whether code precedes `i` on its line.
        let mut code_on_line = false;
        // The last position whose column is known, to count columns on.
        let mut counted = (start, 0u32);
        let mut column = |at: usize, line_start: usize| -> u32 {
            let (from, base) = if counted.0 >= line_start {
                counted
            } else {
                (line_start, 0)
            };
            let col = base + chars(&bytes[from..at]);
            counted = (at, col);
            col
        };
        while i < bytes.len() {
            match bytes[i] {
                b'\n' | b'\r' => {
                    code_on_line = false;
                    i += 1;
                    line_start = i;
                }
                b' ' | b'\t' => i += 1,
                b'"' => {
                    i = string_end(bytes, i + 1);
                    code_on_line = true;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    let end = super::scan::memchr_newline(bytes, i);
                    comments.push(Comment {
                        span: Span::new(file, i, end),
                        block: false,
                        own_line: !code_on_line,
                        column: column(i, line_start),
                        line_start: line_start as u32,
                    });
                    i = end;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    let end = super::scan::find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
                    comments.push(Comment {
                        span: Span::new(file, i, end),
                        block: true,
                        own_line: !code_on_line,
                        column: column(i, line_start),
                        line_start: line_start as u32,
                    });
                    if let Some(nl) = bytes[i..end]
                        .iter()
                        .rposition(|&c| c == b'\n' || c == b'\r')
                    {
                        line_start = i + nl + 1;
                        code_on_line = false;
                    }
                    i = end;
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    code_on_line = true;
                    i = super::scan::interp_end(bytes, i + 2).map_or(i + 1, |close| close + 1);
                }
                _ => {
                    code_on_line = true;
                    i += 1;
                }
            }
        }
        Trivia { comments }
    }
}

/// The characters in `bytes` (UTF-8): the bytes that do not continue one.
fn chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count() as u32
}

/// The offset after a string whose body starts at `i`: after its closing
/// quote, or at the end of its line when it has none (as the scanner ends
/// it).
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return i + 1,
            b'\\' if !matches!(bytes.get(i + 1), Some(b'\n' | b'\r') | None) => i += 2,
            b'\\' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    i
}

/// The number of line ends in `text[from..to]` (`\r\n` counts once).
pub fn line_ends(text: &str, from: usize, to: usize) -> usize {
    let bytes = &text.as_bytes()[from..to];
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    // A `\r` at `to - 1` whose `\n` is at `to` was counted once, as `\r`:
    // the `\n` is outside the range.
    n
}

/// Whether the text between `from` and `to` (blanks only) holds a blank
/// line: two line ends or more.
pub fn blank_line_between(text: &str, from: usize, to: usize) -> bool {
    from < to && line_ends(text, from, to) >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(text: &str) -> Vec<(String, bool, u32)> {
        let trivia = Trivia::of(FileId(0), text, 0);
        trivia
            .comments
            .iter()
            .map(|c| (c.text(text).into_owned(), c.own_line, c.column))
            .collect()
    }

    #[test]
    fn finds_comments_outside_strings_and_names() {
        let text = "// top\nx = \"// not\" // after\n/* a */ /* b */ y = 1 /* c\n  d */ // e\nwindow a${//} { }\n";
        assert_eq!(
            comments(text),
            vec![
                ("// top".to_string(), true, 0),
                ("// after".to_string(), false, 13),
                ("/* a */".to_string(), true, 0),
                ("/* b */".to_string(), true, 8),
                ("/* c\n  d */".to_string(), false, 22),
                ("// e".to_string(), true, 7),
            ]
        );
    }

    #[test]
    fn canonical_text_ends_lines_with_newlines_and_drops_trailing_blanks() {
        let text = "/* a  \r\n b\r c */ // d \t\n";
        assert_eq!(
            comments(text),
            vec![
                ("/* a\n b\n c */".to_string(), true, 0),
                ("// d".to_string(), true, 6),
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(comments("é = \"€\" // x")[0].2, 8);
    }

    #[test]
    fn blank_lines_are_two_line_ends() {
        assert!(!blank_line_between("a\nb", 1, 2));
        assert!(blank_line_between("a\n\nb", 1, 3));
        assert!(blank_line_between("a\r\n\r\nb", 1, 5));
        assert!(!blank_line_between("a\r\nb", 1, 3));
        assert!(blank_line_between("a\r\rb", 1, 3));
    }
}
