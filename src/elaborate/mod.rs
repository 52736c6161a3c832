//! Elaboration: what a program leaves to be known at compile time is
//! resolved before the checker reads it.
//!
//! - `param NAME { type = ..., default = ... }` declares a parameter. Its
//!   value is the last `--set NAME=VALUE`, else the last values file that
//!   sets it, else its `default`; it must be of its type and within its
//!   `allowed` values or `min`/`max`.
//! - A reference to a parameter (`duration = hours`, `bucket = logs.name`)
//!   is replaced by its value; `${NAME}` in a string puts the value's text
//!   in. `account`, `region` and `partition` are settings like parameters:
//!   set in the program, a values file or `--set`, and read by `${account}`.
//!
//! The checker then reads a plain tree: every value in it was written
//! somewhere (a value keeps the span where it was written), and [`Uses`]
//! remembers where each substituted value was used, so that a diagnostic
//! about the value points at both ([`Uses::attribute`]).

pub(crate) mod errors;
mod params;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceFile, Span, Strings};
use crate::suggest::Suggester;
use crate::syntax::ast::{Assignment, Block, File, Ident, Item, Str, Value, ValueKind};
use crate::syntax::interp::{self, Piece};
use params::Resolved;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The settings that are not declared by a `param`: the program's top-level
/// fields of the same names.
pub const BUILT_IN: [&str; 3] = ["account", "region", "partition"];

/// How many uses a diagnostic lists before it counts the rest.
const USES_SHOWN: usize = 3;

/// The places a value was used, each with its note.
type Places = Vec<(Span, String)>;

/// Where substituted values were used, by the span where each was written.
#[derive(Debug, Default)]
pub struct Uses {
    /// Keyed by (file, start) of the written value: its end and its uses.
    origins: BTreeMap<(FileId, u32), (u32, Places)>,
    /// Strings made by interpolation: the literal's span and the text.
    produced: HashMap<Span, String>,
}

impl Uses {
    fn add(&mut self, origin: Span, at: Span, note: String) {
        if origin == at || origin == Span::default() {
            return;
        }
        let entry = self
            .origins
            .entry((origin.file, origin.start))
            .or_insert((origin.end, Vec::new()));
        if !entry.1.iter().any(|(s, _)| *s == at) {
            entry.1.push((at, note));
        }
    }

    /// The uses of the value written around `span`.
    fn of(&self, span: Span) -> Option<&[(Span, String)]> {
        let (_, (end, uses)) = self
            .origins
            .range(..=(span.file, span.start))
            .next_back()
            .filter(|((file, _), (end, _))| *file == span.file && *end >= span.end)?;
        let _ = end;
        Some(uses)
    }

    /// Adds to each diagnostic about a substituted value the places that
    /// used it, and to each about an interpolated string the text it made.
    pub fn attribute(&self, diagnostics: &mut [Diagnostic]) {
        if self.origins.is_empty() && self.produced.is_empty() {
            return;
        }
        for d in diagnostics {
            let span = d.span();
            if let Some(text) = self.produced.get(&span) {
                let shown = crate::diagnostic::shorten(text);
                d.labels.push(crate::diagnostic::Label {
                    span,
                    message: format!("this is \"{shown}\" once its `${{...}}` are filled in"),
                    primary: false,
                });
            }
            let Some(uses) = self.of(span) else { continue };
            for (i, (at, note)) in uses.iter().enumerate().take(USES_SHOWN) {
                let more = uses.len().saturating_sub(USES_SHOWN);
                let message = if i + 1 == USES_SHOWN && more > 0 {
                    format!("{note} (and in {more} more places)")
                } else {
                    note.clone()
                };
                d.labels.push(crate::diagnostic::Label {
                    span: *at,
                    message,
                    primary: false,
                });
            }
        }
    }
}

/// Resolves the parameters and settings of `program` (with the values files
/// and the command line) and replaces every use of them. `sources` holds
/// the command line, if any.
pub fn elaborate<'s>(
    mut program: Vec<File<'s>>,
    values: Vec<File<'s>>,
    command_line: Option<&'s SourceFile>,
    strings: &'s Strings,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<File<'s>>, Uses) {
    let partial = program.iter().any(|f| f.partial);
    let declared = params::declare(&mut program, diags);
    let settings = params::settings(&values, command_line, &declared, diags);
    let resolved = params::resolve(&declared, &settings, diags);
    params::apply_built_in(&mut program, &settings);
    let built_in = built_in_values(&program);
    let mut e = Elaborator {
        params: resolved,
        built_in,
        strings,
        uses: Uses::default(),
        diags,
        partial,
        names: None,
    };
    for file in &mut program {
        for item in &mut file.items {
            e.item(item);
        }
    }
    (program, e.uses)
}

/// The values of `account`, `region` and `partition` as the program (after
/// settings) writes them at the top level.
fn built_in_values<'s>(program: &[File<'s>]) -> HashMap<&'static str, Value<'s>> {
    let mut out = HashMap::new();
    for file in program {
        for item in &file.items {
            if let Item::Assignment(a) = item
                && let Some(name) = BUILT_IN.iter().find(|n| **n == a.key.text)
            {
                out.entry(*name).or_insert_with(|| a.value.clone());
            }
        }
    }
    out
}

struct Elaborator<'d, 's> {
    params: HashMap<&'s str, Resolved<'s>>,
    built_in: HashMap<&'static str, Value<'s>>,
    strings: &'s Strings,
    uses: Uses,
    diags: &'d mut Vec<Diagnostic>,
    /// Some of the program did not parse: a name may be declared there.
    partial: bool,
    /// Suggestions among the names, made on first need.
    names: Option<Suggester<'s>>,
}

impl<'s> Elaborator<'_, 's> {
    fn item(&mut self, item: &mut Item<'s>) {
        match item {
            Item::Assignment(a) => self.value(&mut a.value),
            Item::Block(b) => self.block(b),
        }
    }

    fn block(&mut self, block: &mut Block<'s>) {
        if let Some(label) = &mut block.label
            && label.interpolated
        {
            match self.interpolate(label) {
                Some(text) => **label = Str::plain(Cow::Owned(text), label.span),
                // Reported: the block's header is known, its body is not
                // checked against a label that is not.
                None => block.broken = true,
            }
        }
        for item in &mut block.items {
            self.item(item);
        }
    }

    fn value(&mut self, value: &mut Value<'s>) {
        match &mut value.kind {
            ValueKind::Ref(path) => {
                if let Some(first) = path.first()
                    && self.params.contains_key(first.text)
                {
                    let path = std::mem::take(path);
                    *value = self.lookup(&path, value.span).cloned().unwrap_or(Value {
                        kind: ValueKind::Invalid,
                        span: value.span,
                    });
                }
            }
            ValueKind::Str(s) if s.interpolated => {
                let span = s.span;
                value.kind = match self.interpolate(s) {
                    Some(text) => ValueKind::Str(Str::plain(Cow::Owned(text), span)),
                    None => ValueKind::Invalid,
                };
            }
            ValueKind::List(items) => {
                for v in items {
                    self.value(v);
                }
            }
            ValueKind::Map(entries) => {
                for e in entries {
                    self.value(&mut e.value);
                }
            }
            _ => {}
        }
    }

    /// The value a path names (`name` or `name.key...`), recording the use
    /// at `at`. None when it names nothing (reported) or its value is
    /// unknown (already reported).
    fn lookup(&mut self, path: &[Ident<'s>], at: Span) -> Option<&Value<'s>> {
        let first = path.first()?;
        let root: &Value<'s> = if let Some(resolved) = self.params.get(first.text) {
            resolved.value.as_ref()?
        } else if let Some(name) = BUILT_IN.iter().find(|n| **n == first.text) {
            match self.built_in.get(name) {
                Some(v) => v,
                None if *name == "partition" => return Some(&PARTITION_DEFAULT),
                None => {
                    self.diags.push(errors::setting_needed(at, name));
                    return None;
                }
            }
        } else {
            if !self.partial {
                let params = &self.params;
                let names = self
                    .names
                    .get_or_insert_with(|| Suggester::new(params.keys().copied().chain(BUILT_IN)));
                let suggestion = names.suggest(first.text);
                self.diags
                    .push(errors::unknown_value_name(at, first.text, suggestion));
            }
            return None;
        };
        let mut current = root;
        for (i, key) in path.iter().enumerate().skip(1) {
            let shown: Vec<&str> = path[..i].iter().map(|p| p.text).collect();
            let shown = shown.join(".");
            let ValueKind::Map(entries) = &current.kind else {
                self.diags.push(errors::shape(
                    key.span,
                    format!(
                        "`{shown}` is {}, not a map: it has no key `{}`",
                        current.kind.describe(),
                        key.text
                    ),
                    "not a key of a map",
                    Some(current.span),
                ));
                return None;
            };
            let Some(entry) = entries.iter().find(|e| e.key.text == key.text) else {
                let keys: Vec<&str> = entries.iter().map(|e| &*e.key.text).collect();
                self.diags.push(errors::missing_key(
                    key.span,
                    &shown,
                    key.text,
                    &keys,
                    current.span,
                ));
                return None;
            };
            current = &entry.value;
        }
        let name: Vec<&str> = path.iter().map(|p| p.text).collect();
        self.uses
            .add(current.span, at, format!("`{}` used here", name.join(".")));
        Some(current)
    }

    /// The text an interpolated string makes, or None (reported).
    fn interpolate(&mut self, s: &Str<'s>) -> Option<String> {
        let body = s.span.start as usize + 1;
        let file = s.span.file;
        let at = |r: std::ops::Range<usize>| Span::new(file, body + r.start, body + r.end);
        let mut out = String::new();
        let mut ok = true;
        for piece in interp::pieces(&s.value) {
            match piece {
                Piece::Text(text, _) => out.push_str(&text),
                Piece::Malformed { .. } => ok = false,
                Piece::Subst { path, range } => {
                    let idents: Vec<Ident<'s>> = path
                        .iter()
                        .map(|(name, r)| Ident {
                            text: self.keep(name),
                            span: at(r.clone()),
                        })
                        .collect();
                    let span = at(range);
                    match self.lookup(&idents, span).map(text_of) {
                        Some(Ok(text)) => out.push_str(&text),
                        Some(Err(found)) => {
                            let shown: Vec<&str> = idents.iter().map(|i| i.text).collect();
                            self.diags.push(errors::shape(
                                span,
                                format!(
                                    "`{}` is {found}: only a string, number, duration, percentage or boolean goes into a string",
                                    shown.join(".")
                                ),
                                "cannot be put into a string",
                                None,
                            ));
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
            }
        }
        if ok {
            self.uses.produced.insert(s.span, out.clone());
        }
        ok.then_some(out)
    }

    /// A name of the raw text, for the lifetime of the program (the raw text
    /// of an interpolated string borrows the source, so this is a copy only
    /// when it does not).
    fn keep(&self, text: &str) -> &'s str {
        self.strings.keep(text)
    }
}

/// The partition when none is set.
static PARTITION_DEFAULT: Value<'static> = Value {
    kind: ValueKind::Str(Str {
        value: Cow::Borrowed("aws"),
        span: Span {
            file: FileId(0),
            start: 0,
            end: 0,
        },
        interpolated: false,
    }),
    span: Span {
        file: FileId(0),
        start: 0,
        end: 0,
    },
};

/// A value's text in a string, or what it is when it has none.
fn text_of(value: &Value<'_>) -> Result<String, &'static str> {
    Ok(match &value.kind {
        ValueKind::Str(s) => s.value.to_string(),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Duration(n, unit) => format!("{n}{}", unit.suffix()),
        ValueKind::Percent(n) => format!("{n}%"),
        ValueKind::Bool(b) => b.to_string(),
        other => return Err(other.describe()),
    })
}

/// Whether a value is a literal: no reference and no `${...}` anywhere in it.
fn is_literal(value: &Value<'_>) -> bool {
    match &value.kind {
        ValueKind::Ref(_) => false,
        ValueKind::Str(s) => !s.interpolated,
        ValueKind::List(items) => items.iter().all(is_literal),
        ValueKind::Map(entries) => entries.iter().all(|e| is_literal(&e.value)),
        _ => true,
    }
}

/// A new top-level assignment (a setting the program did not write).
fn assignment<'s>(key: Ident<'s>, value: Value<'s>) -> Item<'s> {
    Item::Assignment(Assignment { key, value })
}
