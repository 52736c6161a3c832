//! Source files, byte spans and the line index used to turn offsets into
//! line/column pairs when rendering.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The largest file mwc accepts, and the most all files of one program may
/// hold together: 256 MiB. Real programs are a few megabytes at most (a
/// thousand windows take about 1.2 MB); the limit keeps a hostile input from
/// exhausting memory, and keeps every offset well inside a span's `u32`.
pub const MAX_FILE_SIZE: usize = 256 * 1024 * 1024;

/// What an input file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SourceKind {
    /// A `.mw` program.
    #[default]
    Program,
    /// A values file (`--values`): parameter settings, `NAME = value`.
    Values,
    /// The `--set NAME=VALUE` arguments, one per line `--set NAME=VALUE`,
    /// so that a setting's problems have a span like any other.
    CommandLine,
    /// The content of an SSM document a program describes
    /// (`document "NAME" { from = "file.json" }`), as JSON.
    Document,
}

/// One input file: its display name, its text and its line index.
#[derive(Debug)]
pub struct SourceFile {
    id: FileId,
    kind: SourceKind,
    name: String,
    /// The file's path, canonical, when it was read from one (imports are
    /// resolved against it, and a file is read once however it is named).
    path: Option<PathBuf>,
    text: String,
    /// Offsets of line starts, computed on first use (only rendering needs them).
    line_starts: OnceLock<Vec<u32>>,
    /// The text for a terminal, computed on first use (None when it is the
    /// text itself): see [`SourceFile::display_text`].
    display: OnceLock<Option<String>>,
    /// The last position [`SourceFile::line_col`] counted, as
    /// `offset << 32 | characters from its line's start`. Diagnostics are
    /// rendered in order, so the next column is usually counted on from
    /// there rather than from the start of its line: on a file of one long
    /// line, each would otherwise cost the whole line.
    last_column: AtomicU64,
    /// The same for [`SourceFile::line_col_utf16`]: the last position it
    /// counted, as `offset << 32 | UTF-16 code units from its line's start`.
    last_column_utf16: AtomicU64,
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
            kind: SourceKind::Program,
            path: None,
            name: name.into(),
            text,
            line_starts: OnceLock::new(),
            display: OnceLock::new(),
            last_column: AtomicU64::new(0),
            last_column_utf16: AtomicU64::new(0),
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

    /// What the file holds.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The canonical path the file was read from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
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

    /// The text as a terminal may show it, with the same length in bytes so
    /// that every span still fits: each [hidden](is_hidden) character becomes
    /// one `?` per byte, and a lone carriage return becomes a line feed (so
    /// that a snippet splits lines where the line index does). A byte-order
    /// mark at the very start stays. Computed once per file.
    pub fn display_text(&self) -> &str {
        self.display
            .get_or_init(|| {
                let body = &self.text[self.content_start..];
                let needed = body.char_indices().any(|(i, c)| {
                    is_hidden(c) || (c == '\r' && body.as_bytes().get(i + 1) != Some(&b'\n'))
                });
                needed.then(|| {
                    let mut out = String::with_capacity(self.text.len());
                    out.push_str(&self.text[..self.content_start]);
                    let mut chars = body.chars().peekable();
                    while let Some(c) = chars.next() {
                        if c == '\r' && chars.peek() != Some(&'\n') {
                            out.push('\n');
                        } else {
                            push_shown(&mut out, c);
                        }
                    }
                    out
                })
            })
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// The text a span covers (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    fn starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// The 0-based line an offset is on. A line ends after `\n`, `\r\n` or a
    /// lone `\r`; the line end belongs to the line it ends.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// How many lines the file has (an empty file has one, empty line; so
    /// does the end of a file whose last line is ended).
    pub fn line_count(&self) -> usize {
        self.starts().len()
    }

    /// The byte range of a 0-based line, with its line end (`\n`, `\r\n` or
    /// `\r`) if it has one; empty past the last line.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.starts();
        let start = starts.get(line).map_or(self.text.len(), |&s| s as usize);
        let end = starts
            .get(line + 1)
            .map_or(self.text.len(), |&s| s as usize);
        start..end
    }

    /// 1-based line and column of a byte offset. Columns count characters
    /// (a byte-order mark is not one); lines end as [`SourceFile::line_of`]
    /// says, as an editor counts them.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.count_column(offset, &self.last_column, |s| s.chars().count())
    }

    /// 1-based line and column of a byte offset, the column counted in
    /// UTF-16 code units as editors and the Language Server Protocol count
    /// them: a character outside the Basic Multilingual Plane (an emoji)
    /// counts two, every other character one. Lines and the byte-order mark
    /// are as in [`SourceFile::line_col`].
    pub fn line_col_utf16(&self, offset: u32) -> (usize, usize) {
        self.count_column(offset, &self.last_column_utf16, |s| {
            s.chars().map(char::len_utf16).sum()
        })
    }

    /// The line of `offset` and `count` of the text from its line's start to
    /// it, both 1-based. `cache` holds the last position counted (see
    /// [`SourceFile::last_column`]): when it is on the same line, before
    /// `offset`, counting goes on from there, so that positions asked for in
    /// order cost the text between them, not the whole line each time.
    fn count_column(
        &self,
        offset: u32,
        cache: &AtomicU64,
        count: impl Fn(&str) -> usize,
    ) -> (usize, usize) {
        let line = self.line_of(offset as usize);
        let mut start = self.line_range(line).start;
        if line == 0 {
            // A byte-order mark is not a column.
            start = start.max(self.content_start.min(offset as usize));
        }
        let end = (offset as usize).min(self.text.len());
        // Count on from the last position when it is on this line, before
        // this one.
        let last = cache.load(Ordering::Relaxed);
        let (last_offset, last_col) = ((last >> 32) as usize, (last & 0xffff_ffff) as usize);
        let (from, base) = if (start..=end).contains(&last_offset) {
            (last_offset, last_col)
        } else {
            (start, 0)
        };
        let col = base
            + self
                .text
                .get(from..end)
                .map_or(end.saturating_sub(from), &count);
        if let (Ok(o), Ok(c)) = (u32::try_from(end), u32::try_from(col)) {
            cache.store(u64::from(o) << 32 | u64::from(c), Ordering::Relaxed);
        }
        (line + 1, col + 1)
    }
}

impl Clone for SourceFile {
    fn clone(&self) -> SourceFile {
        SourceFile {
            id: self.id,
            kind: self.kind,
            path: self.path.clone(),
            name: self.name.clone(),
            text: self.text.clone(),
            line_starts: self.line_starts.clone(),
            display: self.display.clone(),
            last_column: AtomicU64::new(0),
            last_column_utf16: AtomicU64::new(0),
            content_start: self.content_start,
            invalid_utf8_at: self.invalid_utf8_at,
        }
    }
}

/// Whether a character must not reach a terminal as it is: control
/// characters other than tab and the line ends (C0, DEL and C1, which can start
/// escape sequences), and the invisible format characters that reorder or hide
/// text: the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), the zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
/// and the line and paragraph separators (U+2028, U+2029).
///
/// Human output shows each as `?` (one per UTF-8 byte, so that offsets into a
/// display copy stay valid); JSON output keeps the exact text.
pub fn is_hidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' => true,
        '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => true,
        _ => false,
    }
}

/// Appends `c`, or one `?` per byte of it when it is [hidden](is_hidden).
fn push_shown(out: &mut String, c: char) {
    if is_hidden(c) {
        out.extend(std::iter::repeat_n('?', c.len_utf8()));
    } else {
        out.push(c);
    }
}

/// Text from the input made safe for a terminal, for messages, labels and
/// help: [hidden](is_hidden) characters and carriage returns become `?` (one
/// per byte, as in [`SourceFile::display_text`]).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) || c == '\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\r' {
            out.push('?');
        } else {
            push_shown(&mut out, c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Offsets where lines start: 0, and after every `\n`, `\r\n` and lone `\r`.
fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    for (i, &b) in bytes.iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends {
            starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    starts
}

/// The set of files compiled together as one program.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// Every `import` of a program file, once [`Sources::load_imports`]
    /// has run.
    imports: Vec<Import>,
    /// Every document content a program file names, once
    /// [`Sources::load_imports`] has run.
    documents: Vec<DocumentContent>,
    /// Files by canonical path.
    by_path: HashMap<PathBuf, FileId>,
}

/// The content of a document a program describes
/// (`document "NAME" { from = "path" }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentContent {
    /// The document's name.
    pub name: String,
    /// The `from` literal.
    pub span: Span,
    /// The file read, or why it was not (a sentence).
    pub to: Result<FileId, String>,
}

/// One `import "path"` of a program file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The file that imports.
    pub from: FileId,
    /// The path's string literal.
    pub span: Span,
    /// The imported file, or why it was not read (a sentence).
    pub to: Result<FileId, String>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// A copy with `edits` made (each a span of one of the files and its
    /// replacement; edits of one file must not overlap). Ids, names, paths
    /// and the recorded imports stay; a file's text is all that changes.
    pub fn edited(&self, edits: &[crate::diagnostic::Edit]) -> Sources {
        let files = self
            .files
            .iter()
            .map(|file| {
                let mut mine: Vec<&crate::diagnostic::Edit> =
                    edits.iter().filter(|e| e.span.file == file.id).collect();
                mine.sort_by_key(|e| e.span.start);
                let mut text = String::with_capacity(file.text.len());
                let mut at = 0usize;
                for edit in mine {
                    let range = edit.span.range();
                    if range.start < at || range.end > file.text.len() {
                        continue;
                    }
                    text.push_str(file.text.get(at..range.start).unwrap_or_default());
                    text.push_str(&edit.replacement);
                    at = range.end;
                }
                text.push_str(file.text.get(at..).unwrap_or_default());
                let mut copy = SourceFile::new(file.id, file.name.clone(), text);
                copy.kind = file.kind;
                copy.path.clone_from(&file.path);
                copy.invalid_utf8_at = file.invalid_utf8_at;
                copy
            })
            .collect();
        Sources {
            files,
            imports: self.imports.clone(),
            documents: self.documents.clone(),
            by_path: self.by_path.clone(),
        }
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

    /// Adds a program file read from `path` (canonical: a file is one
    /// source however it is named) and returns its id; the id of the file
    /// already there when it was added before.
    pub fn add_file(&mut self, name: impl Into<String>, path: PathBuf, bytes: Vec<u8>) -> FileId {
        if let Some(id) = self.by_path.get(&path) {
            return *id;
        }
        let id = self.add_bytes(name, bytes);
        self.files[id.0 as usize].path = Some(path.clone());
        self.by_path.insert(path, id);
        id
    }

    /// The file read from `path` (canonical), if there is one.
    pub fn by_path(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// Every `import` of the program files, once [`Sources::load_imports`]
    /// has run.
    pub fn imports(&self) -> &[Import] {
        &self.imports
    }

    /// Every document content the program files name, once
    /// [`Sources::load_imports`] has run.
    pub fn documents(&self) -> &[DocumentContent] {
        &self.documents
    }

    /// Reads the files the program files import, and the files those
    /// import, each once, and the contents of the documents they describe. `read` reads a path (relative ones are resolved
    /// against the importing file's folder, or the current folder for a
    /// file without a path) and returns the file's canonical path and
    /// bytes, or why it cannot (a sentence). The library reads nothing
    /// itself.
    pub fn load_imports(
        &mut self,
        mut read: impl FnMut(&Path) -> Result<(PathBuf, Vec<u8>), String>,
    ) {
        let mut next = 0;
        while next < self.files.len() {
            let file = &self.files[next];
            next += 1;
            if file.kind != SourceKind::Program {
                continue;
            }
            let from = file.id;
            // Shown as the importing file's name shows its folder.
            let shown_base = Path::new(&file.name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let base = file
                .path
                .as_deref()
                .and_then(Path::parent)
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            for reference in crate::syntax::references(file) {
                let (span, written, document) = match reference {
                    crate::syntax::FileRef::Import(span, written) => (span, written, None),
                    crate::syntax::FileRef::Document(name, span, written) => {
                        (span, written, Some(name))
                    }
                };
                let to = match refuse_import(&written) {
                    Some(why) => Err(why),
                    None => {
                        let target = base.join(&written);
                        match read(&target) {
                            Ok((path, bytes)) => {
                                let name = shown_base.join(&written).display().to_string();
                                let id = self.add_file(name, path, bytes);
                                if document.is_some() {
                                    self.files[id.0 as usize].kind = SourceKind::Document;
                                }
                                Ok(id)
                            }
                            Err(why) => Err(why),
                        }
                    }
                };
                match document {
                    Some(name) => self.documents.push(DocumentContent { name, span, to }),
                    None => self.imports.push(Import { from, span, to }),
                }
            }
        }
    }
    /// Adds a values file (`--values FILE`) from bytes and returns its id.
    pub fn add_values(&mut self, name: impl Into<String>, bytes: Vec<u8>) -> FileId {
        let id = self.add_bytes(name, bytes);
        self.files[id.0 as usize].kind = SourceKind::Values;
        id
    }

    /// Adds the `--set NAME=VALUE` arguments as one source named
    /// `<command line>`, a line `--set ARGUMENT` each, and returns its id.
    /// Arguments are kept on one line each: a line break in one is shown
    /// escaped.
    pub fn add_settings<S: AsRef<str>>(&mut self, settings: &[S]) -> FileId {
        let mut text = String::new();
        for setting in settings {
            text.push_str(SETTING_PREFIX);
            for c in setting.as_ref().chars() {
                match c {
                    '\n' => text.push_str("\\n"),
                    '\r' => text.push_str("\\r"),
                    c => text.push(c),
                }
            }
            text.push('\n');
        }
        let id = self.add("<command line>", text);
        self.files[id.0 as usize].kind = SourceKind::CommandLine;
        id
    }

    /// The program files (not values files or the command line), in order.
    pub fn programs(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| f.kind == SourceKind::Program)
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
    fn utf16_columns_count_astral_characters_twice() {
        // U+1F600 is four bytes, one character and two UTF-16 code units;
        // `é` is two bytes, one character and one code unit.
        let f = SourceFile::new(FileId(0), "t", "\u{feff}é😀x\n😀😀y\n𝒜\n");
        let at = |c: char| f.text().find(c).unwrap_or(0) as u32;
        assert_eq!(f.line_col(at('x')), (1, 3));
        assert_eq!(f.line_col_utf16(at('x')), (1, 4));
        assert_eq!(f.line_col(at('y')), (2, 3));
        assert_eq!(f.line_col_utf16(at('y')), (2, 5));
        // Just after a character that needs a surrogate pair.
        let end = at('𝒜') + 4;
        assert_eq!(f.line_col(end), (3, 2));
        assert_eq!(f.line_col_utf16(end), (3, 3));
        // The byte-order mark is no column in either count.
        assert_eq!(f.line_col_utf16(3), (1, 1));
        assert_eq!(f.line_col_utf16(at('é')), (1, 1));
    }

    #[test]
    fn utf16_columns_are_counted_on_from_the_last_position_or_afresh() {
        let line = "a😀".repeat(1_000);
        let f = SourceFile::new(FileId(0), "t", format!("{line}\n{line}"));
        let naive = |offset: usize| {
            let start = f.text()[..offset].rfind('\n').map_or(0, |i| i + 1);
            f.text()[start..offset].encode_utf16().count() + 1
        };
        // Forwards (the cache counts on), backwards and across lines (it
        // starts again from the line's start): always the naive count.
        let offsets = [0, 5, 500, 505, 100, 4_999, 5_001, 5_006, 2_500, 9_000];
        for offset in offsets {
            let offset = (0..=offset)
                .rev()
                .find(|&i| f.text().is_char_boundary(i))
                .unwrap_or(0);
            assert_eq!(
                f.line_col_utf16(offset as u32).1,
                naive(offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn lines_end_at_line_feeds_crlf_and_lone_carriage_returns() {
        let f = SourceFile::new(FileId(0), "t", "a\nb\r\nc\rd\r\re");
        let at = |c: char| f.line_col(f.text().find(c).unwrap_or(0) as u32);
        assert_eq!(at('a'), (1, 1));
        assert_eq!(at('b'), (2, 1));
        assert_eq!(at('c'), (3, 1));
        assert_eq!(at('d'), (4, 1));
        // `\r\r` is two line ends, so `e` is on line 6.
        assert_eq!(at('e'), (6, 1));
        assert_eq!(f.line_count(), 6);
        // A line's range holds its line end; `\r\n` stays whole.
        assert_eq!(&f.text()[f.line_range(1)], "b\r\n");
        assert_eq!(&f.text()[f.line_range(4)], "\r");
        assert_eq!(f.line_range(9), 11..11);
    }

    #[test]
    fn the_display_text_hides_controls_and_format_characters_keeping_offsets() {
        let text = "\u{feff}a\0b\rc\r\nd \u{202e}e\u{200b}f\u{61c}g\u{9b}h";
        let f = SourceFile::new(FileId(0), "t", text);
        let shown = f.display_text();
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "\u{feff}a?b\nc\r\nd ???e???f??g??h");
        let plain = SourceFile::new(FileId(0), "t", "a\r\nb\té\n");
        assert!(std::ptr::eq(plain.display_text(), plain.text()));
        assert_eq!(shown_in_messages("x\u{2066}y\rz\n"), "x???y?z\n");
    }

    fn shown_in_messages(text: &str) -> String {
        shown(text).into_owned()
    }

    #[test]
    fn invalid_utf8_is_kept_lossily() {
        let f = SourceFile::from_bytes(FileId(0), "t", b"ab\xffcd".to_vec());
        assert_eq!(f.invalid_utf8_at(), Some(2));
        assert!(f.text().contains('\u{fffd}'));
    }
}

/// Why an import path is refused before it is looked for, if it is.
fn refuse_import(written: &str) -> Option<String> {
    if written.is_empty() {
        Some("the path is empty".to_string())
    } else if written.contains("${") {
        Some("imports are read before parameters are known: write the path itself".to_string())
    } else if written.contains("://") {
        Some("imports are files of this program, never fetched from the network".to_string())
    } else if Path::new(written).is_absolute()
        || written.starts_with('/')
        || written.starts_with('\\')
    {
        Some("the path is absolute: write it relative to the importing file".to_string())
    } else {
        None
    }
}

/// What starts each line of the `<command line>` source.
pub const SETTING_PREFIX: &str = "--set ";

/// Where the checker keeps text that the source does not hold as written
/// (a string literal with its escapes applied): an arena that lives as long
/// as the sources, so that the model borrows it and the source text, never
/// the syntax tree.
#[derive(Debug, Default)]
pub struct Strings(bumpalo::Bump);

impl Strings {
    /// An empty arena.
    pub fn new() -> Strings {
        Strings::default()
    }

    /// Keeps a copy of `text` for as long as the arena lives.
    pub fn keep(&self, text: &str) -> &str {
        self.0.alloc_str(text)
    }

    /// Keeps a copy of a slice for as long as the arena lives.
    pub fn keep_slice<T: Copy>(&self, items: &[T]) -> &[T] {
        self.0.alloc_slice_copy(items)
    }
}
