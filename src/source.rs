//! Source files, byte spans and the line index used to turn offsets into
//! line/column pairs when rendering.

use std::fmt;
use std::sync::OnceLock;

/// Identifies one file in a [`Sources`] set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` in one file.
///
/// Spans are small and `Copy`; every syntax node and every diagnostic label
/// carries one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets. Offsets beyond `u32::MAX` are clamped; files
    /// that large are rejected before parsing.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The empty span at `offset`.
    pub fn point(file: FileId, offset: usize) -> Span {
        Span::new(file, offset, offset)
    }

    /// Length in bytes.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both (which must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// A sub-span given by byte offsets relative to this span's start.
    pub fn sub(self, start: usize, end: usize) -> Span {
        let base = self.start as usize;
        Span::new(self.file, base + start, base + end)
    }

    /// The byte range, for slicing the file's text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value together with the span it was written at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written (or, for a derived value, what it came from).
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// The largest file mwc accepts: spans are `u32` byte offsets.
pub const MAX_FILE_SIZE: usize = u32::MAX as usize - 1;

/// One input file: its display name, its text and its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    id: FileId,
    name: String,
    text: String,
    /// Offsets of line starts, computed on first use (only rendering needs them).
    line_starts: OnceLock<Vec<u32>>,
    /// Byte offset where the content starts (3 after a UTF-8 byte-order mark).
    content_start: usize,
    /// The first invalid byte, when the file was not UTF-8 (the text is then a
    /// lossy copy for display).
    invalid_utf8_at: Option<usize>,
}

impl SourceFile {
    /// A file from text.
    pub fn new(id: FileId, name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let content_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        SourceFile {
            id,
            name: name.into(),
            text,
            line_starts: OnceLock::new(),
            content_start,
            invalid_utf8_at: None,
        }
    }

    /// A file from raw bytes. Bytes that are not UTF-8 are kept as a lossy copy
    /// for display, and [`SourceFile::invalid_utf8_at`] tells where the first
    /// bad byte is; such a file is reported, not parsed.
    pub fn from_bytes(id: FileId, name: impl Into<String>, bytes: Vec<u8>) -> SourceFile {
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new(id, name, text),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let mut file = SourceFile::new(id, name, text);
                file.invalid_utf8_at = Some(at);
                file
            }
        }
    }

    /// This file's id.
    pub fn id(&self) -> FileId {
        self.id
    }

    /// The name shown in diagnostics (the path as given, or `<stdin>`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text (including a byte-order mark, if any).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the content starts: after a byte-order mark, if there is one.
    pub fn content_start(&self) -> usize {
        self.content_start
    }

    /// The offset of the first byte that is not UTF-8, if any.
    pub fn invalid_utf8_at(&self) -> Option<usize> {
        self.invalid_utf8_at
    }

    /// The text for display: control characters other than tab and line ends
    /// become `?` (same length, so spans still fit), so that a report never
    /// sends a terminal escape sequence from the input.
    pub fn display_text(&self) -> std::borrow::Cow<'_, str> {
        if self.text.bytes().any(is_hidden_control) {
            std::borrow::Cow::Owned(
                self.text
                    .chars()
                    .map(|c| {
                        if c.is_ascii() && is_hidden_control(c as u8) {
                            '?'
                        } else {
                            c
                        }
                    })
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(&self.text)
        }
    }

    /// The text a span covers (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// 1-based line and column of a byte offset. Columns count characters.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| line_starts(&self.text));
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let mut start = starts.get(line).copied().unwrap_or(0) as usize;
        if line == 0 {
            // A byte-order mark is not a column.
            start = start.max(self.content_start.min(offset as usize));
        }
        let end = (offset as usize).min(self.text.len());
        let col = self
            .text
            .get(start..end)
            .map_or(end.saturating_sub(start), |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// Control characters that must not reach a terminal.
fn is_hidden_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}

fn line_starts(text: &str) -> Vec<u32> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    starts
}

/// The set of files compiled together as one program.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file from text and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let id = self.next_id();
        self.files.push(SourceFile::new(id, name, text));
        id
    }

    /// Adds a file from bytes (see [`SourceFile::from_bytes`]) and returns its id.
    pub fn add_bytes(&mut self, name: impl Into<String>, bytes: Vec<u8>) -> FileId {
        let id = self.next_id();
        self.files.push(SourceFile::from_bytes(id, name, bytes));
        id
    }

    fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX))
    }

    /// The file with this id.
    ///
    /// # Panics
    /// If the id does not come from this set.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl fmt::Display for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new(FileId(0), "t", "ab\né x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'x' is after a two-byte character and a space.
        assert_eq!(f.line_col(6), (2, 3));
    }

    #[test]
    fn invalid_utf8_is_kept_lossily() {
        let f = SourceFile::from_bytes(FileId(0), "t", b"ab\xffcd".to_vec());
        assert_eq!(f.invalid_utf8_at(), Some(2));
        assert!(f.text().contains('\u{fffd}'));
    }
}
