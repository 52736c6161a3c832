//! Parsing a new version of a file by reusing what did not change.
//!
//! An editor checks the whole document on every keystroke, and a keystroke
//! changes one top-level chunk ([`super::scan`]) of thousands. A clean parse
//! of a chunk (pest's `chunk` rule succeeds, and lowering reports what it
//! reports) depends on the chunk's text alone: [`ParseCache`] keeps, for each
//! such chunk, its text and its items and diagnostics with spans relative to
//! the chunk's start. A later parse scans the file, looks each chunk's text
//! up, and copies the items of the chunks it knows to their new position;
//! only the others are parsed. Chunks that do not parse cleanly (the
//! recovery of a broken block reads the text around the chunk, and the
//! scanner decides which chunks are broken) are never kept: they are parsed
//! as [`super::parse`] parses them, every time.
//!
//! The copies' strings borrow the cache's text, not the file's: nothing
//! reads a position from where a string is in memory, spans are what locate
//! things.

use super::ast::{Block, Entry as MapEntry, File, For, Ident, Item, Key, Str, Value, ValueKind};
use super::scan::{self, Chunk};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceFile, Span};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a clean parse of one chunk made, spans counted from the chunk's
/// start.
struct Lowered<'s> {
    items: Vec<Item<'s>>,
    diags: Vec<Diagnostic>,
}

self_cell::self_cell!(
    /// A chunk's text and what a clean parse of it made (which borrows the
    /// text).
    struct Entry {
        owner: Box<str>,
        #[covariant]
        dependent: Lowered,
    }
);

/// An entry of the cache's set, found by its text.
struct Known(Arc<Entry>);

impl std::borrow::Borrow<str> for Known {
    fn borrow(&self) -> &str {
        self.0.borrow_owner()
    }
}

impl std::hash::Hash for Known {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let text: &str = self.0.borrow_owner();
        text.hash(state);
    }
}

impl PartialEq for Known {
    fn eq(&self, other: &Known) -> bool {
        self.0.borrow_owner() == other.0.borrow_owner()
    }
}

impl Eq for Known {}

/// The parsed chunks of the latest versions of some files, for parsing
/// their next versions quickly (an editor's keystroke).
///
/// [`ParseCache::parse_files`] returns exactly what [`super::parse`] returns
/// for each file (the same items, spans, diagnostics and `partial`), parsing
/// only the top-level chunks it has not seen in an earlier call. Files are
/// told apart by name: the chunks kept are those the latest parse of each
/// file used, so memory stays about twice the text of the files parsed
/// (their text, and their trees). [`ParseCache::forget`] drops a file.
#[derive(Default)]
pub struct ParseCache {
    /// Every chunk kept, by text.
    entries: HashSet<Known>,
    /// The chunks each file's latest parse used, by the file's name.
    files: HashMap<String, Vec<Arc<Entry>>>,
    /// For each file of the latest call, each chunk's entry (None: parsed
    /// in place); the trees returned borrow them.
    current: Vec<Vec<Option<Arc<Entry>>>>,
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseCache")
            .field("chunks", &self.entries.len())
            .field("files", &self.files.len())
            .finish()
    }
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> ParseCache {
        ParseCache::default()
    }

    /// How many chunks are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no chunk is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops what the file named `name` kept (a document closed in the
    /// editor).
    pub fn forget(&mut self, name: &str) {
        if self.files.remove(name).is_some() {
            self.current.clear();
            self.evict();
        }
    }

    /// Parses one file: [`ParseCache::parse_files`] of one.
    pub fn parse<'a>(&'a mut self, source: &'a SourceFile) -> (File<'a>, Vec<Diagnostic>) {
        let mut parsed = self.parse_files(&[source]);
        parsed.pop().unwrap_or_else(|| super::parse(source))
    }

    /// Parses each of `sources`: for each, what [`super::parse`] returns,
    /// reusing the chunks of earlier calls. The trees borrow the cache (its
    /// copies of the chunks' text) and the sources; the chunks no file's
    /// latest parse uses are dropped.
    pub fn parse_files<'a>(
        &'a mut self,
        sources: &[&'a SourceFile],
    ) -> Vec<(File<'a>, Vec<Diagnostic>)> {
        let scanned: Vec<(Vec<Chunk>, Vec<Diagnostic>)> = sources
            .iter()
            .map(|s| scan::scan(s.id(), s.text(), s.content_start()))
            .collect();
        let mut current = Vec::with_capacity(sources.len());
        for (source, (chunks, _)) in sources.iter().zip(&scanned) {
            let plan = self.plan(source.id(), source.text(), chunks);
            self.files.insert(
                source.name().to_owned(),
                plan.iter().flatten().cloned().collect(),
            );
            current.push(plan);
        }
        self.current = current;
        self.evict();
        let this: &'a ParseCache = self;
        sources
            .iter()
            .zip(scanned)
            .zip(&this.current)
            .map(|((source, scanned), plan)| {
                super::parse_scanned(source, scanned, |file, text, chunks, items, diags| {
                    let mut gate = super::FloodGate::new();
                    for (chunk, entry) in chunks.iter().zip(plan) {
                        gate.check(diags);
                        match entry {
                            Some(entry) => {
                                let lowered = entry.borrow_dependent();
                                let at = Shift {
                                    file,
                                    by: u32::try_from(chunk.range.start).unwrap_or(u32::MAX),
                                };
                                items.extend(lowered.items.iter().map(|i| at.item(i)));
                                diags.extend(lowered.diags.iter().map(|d| at.diagnostic(d)));
                            }
                            None => super::parse_chunk(file, text, chunk, items, diags),
                        }
                    }
                })
            })
            .collect()
    }

    /// Drops the entries no file's latest parse uses.
    fn evict(&mut self) {
        self.entries.retain(|known| Arc::strong_count(&known.0) > 1);
    }

    /// Each chunk's entry: found by its text, or made by parsing it (on
    /// several threads when there is much to parse); None for a chunk that
    /// does not parse cleanly.
    fn plan(&mut self, file: FileId, text: &str, chunks: &[Chunk]) -> Vec<Option<Arc<Entry>>> {
        let mut plan = Vec::with_capacity(chunks.len());
        let mut misses = Vec::new();
        let mut missed = 0;
        for (i, chunk) in chunks.iter().enumerate() {
            let known = if chunk.broken {
                None
            } else {
                let found = self.entries.get(&text[chunk.range.clone()]);
                if found.is_none() {
                    misses.push(i);
                    missed += chunk.range.len();
                }
                found.map(|k| k.0.clone())
            };
            plan.push(known);
        }
        let groups = super::split_for_threads(&misses, missed, |&i| chunks[i].range.len());
        let lower_group = |group: &[usize]| -> Vec<Option<Entry>> {
            group
                .iter()
                .map(|&i| lower(file, &text[chunks[i].range.clone()]))
                .collect()
        };
        let made: Vec<Option<Entry>> = if groups.len() <= 1 {
            lower_group(&misses)
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = groups[1..]
                    .iter()
                    .map(|group| scope.spawn(move || lower_group(group)))
                    .collect();
                let mut made = lower_group(groups[0]);
                for handle in handles {
                    made.extend(
                        handle
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    );
                }
                made
            })
        };
        for (i, entry) in misses.into_iter().zip(made) {
            let Some(entry) = entry else { continue };
            // The same text may come twice in one file.
            let entry = match self.entries.get(&**entry.borrow_owner()) {
                Some(known) => known.0.clone(),
                None => {
                    let entry = Arc::new(entry);
                    self.entries.insert(Known(entry.clone()));
                    entry
                }
            };
            plan[i] = Some(entry);
        }
        plan
    }
}

/// A copy of `chunk_text` and its clean parse, spans from 0; None when it
/// does not parse cleanly.
fn lower(file: FileId, chunk_text: &str) -> Option<Entry> {
    Entry::try_new(Box::from(chunk_text), |text| {
        let mut items = Vec::new();
        let mut diags = Vec::new();
        super::parse_clean_chunk(file, text, 0, &mut items, &mut diags).map_err(|_| ())?;
        items.shrink_to_fit();
        Ok::<_, ()>(Lowered { items, diags })
    })
    .ok()
}

/// Copies a cached tree to where its chunk now is: every span moved `by`
/// bytes and into `file`. Vectors are made at their exact size, as
/// lowering makes them.
#[derive(Clone, Copy)]
struct Shift {
    file: FileId,
    by: u32,
}

impl Shift {
    fn span(self, span: Span) -> Span {
        Span {
            file: self.file,
            start: span.start.saturating_add(self.by),
            end: span.end.saturating_add(self.by),
        }
    }

    fn diagnostic(self, d: &Diagnostic) -> Diagnostic {
        let mut d = d.clone();
        for label in &mut d.labels {
            label.span = self.span(label.span);
        }
        for fix in &mut d.fixes {
            for edit in &mut fix.edits {
                edit.span = self.span(edit.span);
            }
        }
        d
    }

    fn items<'s>(self, items: &[Item<'s>]) -> Vec<Item<'s>> {
        let mut out = Vec::with_capacity(items.len());
        out.extend(items.iter().map(|i| self.item(i)));
        out
    }

    fn item<'s>(self, item: &Item<'s>) -> Item<'s> {
        match item {
            Item::Block(b) => Item::Block(Box::new(self.block(b))),
            Item::Assignment(a) => Item::Assignment(super::ast::Assignment {
                key: self.ident(&a.key),
                value: self.value(&a.value),
            }),
            Item::For(f) => Item::For(Box::new(For {
                var: self.ident(&f.var),
                list: self.value(&f.list),
                items: self.items(&f.items),
                header: self.span(f.header),
                span: self.span(f.span),
            })),
            Item::Import(s) => Item::Import(Box::new(self.str(s))),
        }
    }

    fn block<'s>(self, b: &Block<'s>) -> Block<'s> {
        Block {
            kind: self.ident(&b.kind),
            name: b.name.as_ref().map(|n| self.ident(n)),
            label: b.label.as_ref().map(|l| Box::new(self.str(l))),
            items: self.items(&b.items),
            open: self.span(b.open),
            close: self.span(b.close),
            span: self.span(b.span),
            broken: b.broken,
            partial: b.partial,
        }
    }

    fn ident<'s>(self, i: &Ident<'s>) -> Ident<'s> {
        Ident {
            text: i.text,
            span: self.span(i.span),
        }
    }

    fn str<'s>(self, s: &Str<'s>) -> Str<'s> {
        Str {
            value: s.value.clone(),
            span: self.span(s.span),
            interpolated: s.interpolated,
        }
    }

    fn value<'s>(self, v: &Value<'s>) -> Value<'s> {
        let kind = match &v.kind {
            ValueKind::Str(s) => ValueKind::Str(self.str(s)),
            ValueKind::Int(n) => ValueKind::Int(*n),
            ValueKind::Duration(n, unit) => ValueKind::Duration(*n, *unit),
            ValueKind::Percent(n) => ValueKind::Percent(*n),
            ValueKind::Bool(b) => ValueKind::Bool(*b),
            ValueKind::List(values) => {
                let mut out = Vec::with_capacity(values.len());
                out.extend(values.iter().map(|v| self.value(v)));
                ValueKind::List(out)
            }
            ValueKind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                out.extend(entries.iter().map(|e| MapEntry {
                    key: Key {
                        text: e.key.text.clone(),
                        span: self.span(e.key.span),
                    },
                    value: self.value(&e.value),
                }));
                ValueKind::Map(out)
            }
            ValueKind::Ref(parts) => {
                let mut out = Vec::with_capacity(parts.len());
                out.extend(parts.iter().map(|p| self.ident(p)));
                ValueKind::Ref(out)
            }
            ValueKind::Invalid => ValueKind::Invalid,
        };
        Value {
            kind,
            span: self.span(v.span),
        }
    }
}
