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

mod documents;
pub(crate) mod errors;
mod imports;
pub(crate) mod params;
pub(crate) mod templates;

use crate::analysis::Symbols;
use crate::diagnostic::Diagnostic;
use crate::schema::Kind;
use crate::source::{FileId, Sources, Span, Strings};
use crate::suggest::Suggester;
use crate::syntax::ast::{Assignment, Block, File, For, Ident, Item, Str, Value, ValueKind};
use crate::syntax::interp::{self, Piece};
use params::Resolved;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The settings that are not declared by a `param`: the program's top-level
/// fields of the same names.
pub const BUILT_IN: [&str; 3] = ["account", "region", "partition"];

/// How many written values before a diagnostic's span are looked at for
/// one that holds it.
const NESTING: usize = 64;

/// How many uses a diagnostic lists before it counts the rest.
const USES_SHOWN: usize = 3;

/// The places a value was used, each with its note.
type Places = Vec<(Span, String)>;

/// Where substituted values were used, by the span where each was written.
#[derive(Debug, Default)]
pub struct Uses {
    /// Keyed by (file, start) of the written value: its end and its uses.
    origins: BTreeMap<(FileId, u32), (u32, Places)>,
    /// Strings made by interpolation: the literal's span and the text
    /// (None when one literal made several, in a comprehension).
    produced: HashMap<Span, Option<String>>,
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

    /// The uses of the innermost value written around `span` (origins
    /// nest: an element of a comprehension's list lies within the
    /// comprehension).
    fn of(&self, span: Span) -> Option<&[(Span, String)]> {
        self.origins
            .range((span.file, 0)..=(span.file, span.start))
            .rev()
            .take(NESTING)
            .find(|(_, (end, _))| *end >= span.end)
            .map(|(_, (_, uses))| uses.as_slice())
    }

    /// Adds to each diagnostic about a substituted value the places that
    /// used it, and to each about an interpolated string the text it made.
    pub fn attribute(&self, diagnostics: &mut [Diagnostic]) {
        if self.origins.is_empty() && self.produced.is_empty() {
            return;
        }
        // A fix computed from a value that `${...}` filled in would replace
        // (part of) the written template with (part of) one of its results:
        // the literals that made values, sorted, to find the one around an
        // edit (literals do not nest).
        let mut made: Vec<Span> = Vec::new();
        if diagnostics.iter().any(|d| !d.fixes.is_empty()) {
            made = self.produced.keys().copied().collect();
            made.sort_unstable_by_key(|s| (s.file, s.start));
        }
        let inside_made = |edit: Span| {
            let after = made.partition_point(|s| (s.file, s.start) <= (edit.file, edit.start));
            after
                .checked_sub(1)
                .and_then(|i| made.get(i))
                .is_some_and(|s| s.file == edit.file && edit.end <= s.end)
        };
        for d in diagnostics {
            let span = d.span();
            if !made.is_empty() {
                d.fixes
                    .retain(|f| f.edits.iter().all(|e| !inside_made(e.span)));
            }
            if let Some(Some(text)) = self.produced.get(&span) {
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
                    let places = if more == 1 { "place" } else { "places" };
                    format!("{note} (and in {more} more {places})")
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

/// What elaboration makes of a program.
#[derive(Debug)]
pub struct Elaborated<'s> {
    /// The files, in the forms the checker reads.
    pub files: Vec<File<'s>>,
    /// Where substituted values were used.
    pub uses: Uses,
    /// The documents the program describes.
    pub documents: BTreeMap<String, crate::documents::Document>,
    /// The parameters and templates, and the references resolved to them.
    pub symbols: Symbols,
}

/// Resolves the parameters and settings of `program` (with the values files
/// and the command line) and replaces every use of them. `sources` holds
/// the command line, if any.
pub fn elaborate<'s>(
    sources: &'s Sources,
    mut program: Vec<File<'s>>,
    values: Vec<File<'s>>,
    strings: &'s Strings,
    diags: &mut Vec<Diagnostic>,
) -> Elaborated<'s> {
    let command_line = sources
        .iter()
        .find(|s| s.kind() == crate::source::SourceKind::CommandLine);
    if command_line.is_none() && values.is_empty() && is_plain(sources, &program) {
        // Nothing to elaborate: the tree goes to the checker as it is.
        return Elaborated {
            files: program,
            uses: Uses::default(),
            documents: BTreeMap::new(),
            symbols: Symbols::default(),
        };
    }
    let documents = documents::declare(sources, &mut program, diags);
    let partial = program.iter().any(|f| f.partial);
    // The imported files are sources of their own (see
    // `Sources::load_imports`).
    imports::check(sources, &program, diags);
    for file in &mut program {
        file.items.retain(|i| !matches!(i, Item::Import(_)));
    }
    let mut refused = Vec::new();
    let declared = params::declare(&mut program, &mut refused, diags);
    let mut templates = templates::declare(&mut program, diags);
    let mut symbols = Symbols::default();
    for param in &declared {
        let name = param.name;
        symbols.declare(Kind::Param, name.text, name.span, name.span, None, true);
    }
    for (name, whole) in templates.declared() {
        symbols.declare(Kind::Template, name.text, name.span, whole, None, true);
    }
    for (span, name) in templates.role_names() {
        symbols.refer_by_name(span, Kind::Role, name);
    }
    let settings = params::settings(&values, command_line, &declared, diags);
    let resolved = params::resolve(&declared, &settings, diags);
    params::apply_built_in(&mut program, &settings);
    let built_in = built_in_values(&program);
    let mut e = Elaborator {
        params: resolved,
        built_in,
        locals: Vec::new(),
        strings,
        uses: Uses::default(),
        diags,
        partial,
        refused,
        names: None,
        copied: 0,
        blocks: block_names(&program),
        param_uses: Vec::new(),
    };
    // A template's values are filled in where it is written (it sees the
    // parameters, never the loop variables of a block that uses it).
    for template in templates.blocks_mut() {
        e.block(template);
    }
    for file in &mut program {
        e.items(&mut file.items);
    }
    let mut uses = e.uses;
    for (span, name) in e.param_uses {
        symbols.refer_by_name(span, Kind::Param, name);
    }
    for file in &mut program {
        for item in &mut file.items {
            if let Item::Block(block) = item {
                templates.apply(block, &mut uses, diags, 0);
            }
        }
    }
    for (span, name) in templates.uses() {
        symbols.refer_by_name(*span, Kind::Template, name);
    }
    Elaborated {
        files: program,
        uses,
        documents,
        symbols,
    }
}

/// Whether a program uses none of the forms elaboration replaces: no
/// `${...}` in its text, and no parameter, template, comprehension, import
/// or `use` where they may stand. Looked at without walking every value.
fn is_plain(sources: &Sources, program: &[File<'_>]) -> bool {
    let mentions = |f: &File<'_>| sources.get(f.file).text().contains("${");
    let special = |item: &Item<'_>| match item {
        Item::For(_) | Item::Import(_) => true,
        Item::Assignment(a) => a.key.text == "use",
        Item::Block(b) => match Kind::parse(b.kind.text) {
            Some(Kind::Param | Kind::Template | Kind::Document) => true,
            Some(
                Kind::Top
                | Kind::Role
                | Kind::Window
                | Kind::Target
                | Kind::Task
                | Kind::RunCommand
                | Kind::Automation
                | Kind::Lambda
                | Kind::StepFunctions,
            )
            | None => false,
        },
    };
    program.iter().all(|f| {
        !mentions(f)
            && !f.items.iter().any(|item| {
                special(item)
                    || matches!(item, Item::Block(b) if b.items.iter().any(|i| {
                        special(i) || matches!(i, Item::Block(c) if c.items.iter().any(special))
                    }))
            })
    })
}

/// The names of every block of the program, at any depth, as written.
fn block_names<'s>(program: &[File<'s>]) -> std::collections::HashSet<&'s str> {
    fn walk<'s>(items: &[Item<'s>], out: &mut std::collections::HashSet<&'s str>) {
        for item in items {
            match item {
                Item::Block(b) => {
                    out.extend(b.name.map(|n| n.text));
                    walk(&b.items, out);
                }
                Item::For(f) => walk(&f.items, out),
                _ => {}
            }
        }
    }
    let mut out = std::collections::HashSet::new();
    for file in program {
        walk(&file.items, &mut out);
    }
    out
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
    /// The loop variables in scope, innermost last, with their values.
    locals: Vec<(Ident<'s>, Value<'s>)>,
    strings: &'s Strings,
    uses: Uses,
    diags: &'d mut Vec<Diagnostic>,
    /// Some of the program did not parse: a name may be declared there.
    partial: bool,
    /// Parameters whose declaration was refused (reported): their uses
    /// stay quiet.
    refused: Vec<&'s str>,
    /// Suggestions among the names, made on first need.
    names: Option<Suggester<'s>>,
    /// Items copied by comprehensions so far.
    copied: usize,
    /// The names of the program's blocks as written, for telling a
    /// misspelt parameter from a reference to a block.
    blocks: std::collections::HashSet<&'s str>,
    /// Where a parameter is used, by name.
    param_uses: Vec<(Span, &'s str)>,
}

/// Most elements of one comprehension's list.
pub const MAX_ITEMS: usize = 1_000;

/// Most items all comprehensions may copy, nested ones counted.
pub const MAX_COPIED: usize = 100_000;

impl<'s> Elaborator<'_, 's> {
    /// Elaborates a list of items in place, replacing each comprehension by
    /// its copies.
    fn items(&mut self, items: &mut Vec<Item<'s>>) {
        if !items
            .iter()
            .any(|i| matches!(i, Item::For(_) | Item::Import(_)))
        {
            for item in items.iter_mut() {
                self.item(item);
            }
            return;
        }
        let old = std::mem::take(items);
        for item in old {
            match item {
                Item::For(f) => self.comprehension(*f, items),
                Item::Import(i) => self.diags.push(errors::misplaced(
                    i.span,
                    "`import` inside a block or a comprehension",
                    "imports stand at the top level of a file",
                )),
                mut other => {
                    self.item(&mut other);
                    items.push(other);
                }
            }
        }
    }

    fn item(&mut self, item: &mut Item<'s>) {
        match item {
            Item::Assignment(a) => self.value(&mut a.value),
            Item::Block(b) => self.block(b),
            // Replaced by `items`.
            Item::For(_) | Item::Import(_) => {}
        }
    }

    /// `for NAME in LIST { items }`: the items once per element, each with
    /// NAME standing for the element.
    fn comprehension(&mut self, f: For<'s>, out: &mut Vec<Item<'s>>) {
        if let Some((outer, _)) = self.locals.iter().find(|(v, _)| v.text == f.var.text) {
            self.diags.push(errors::name_taken(
                f.var.span,
                f.var.text,
                "the variable of an enclosing comprehension",
                Some(outer.span),
            ));
            return;
        }
        if self.params.contains_key(f.var.text) || BUILT_IN.contains(&f.var.text) {
            self.diags.push(errors::name_taken(
                f.var.span,
                f.var.text,
                "a parameter or setting",
                None,
            ));
            return;
        }
        let mut list = f.list.clone();
        self.value(&mut list);
        let elements = match list.kind {
            ValueKind::List(elements) => elements,
            ValueKind::Invalid => return,
            other => {
                self.diags.push(errors::shape(
                    f.list.span,
                    format!("`for` takes a list, not {}", other.describe()),
                    "not a list",
                    Some(list.span),
                ));
                return;
            }
        };
        if elements.len() > MAX_ITEMS {
            self.diags.push(errors::too_large(
                f.list.span,
                format!(
                    "this list has {} elements; a comprehension takes at most {MAX_ITEMS}",
                    elements.len()
                ),
            ));
            return;
        }
        let size = templates::count(&f.items).saturating_mul(elements.len());
        if self.copied.saturating_add(size) > MAX_COPIED {
            self.diags.push(errors::too_large(
                f.header,
                format!("the comprehensions copy more than {MAX_COPIED} fields and blocks"),
            ));
            return;
        }
        self.copied += size;
        // The names each element declares, with the element that declared
        // them first.
        let mut declared: HashMap<(&'s str, &'s str), (Span, Span)> = HashMap::new();
        for element in elements {
            let shown = params::show(&element);
            self.uses.add(
                f.span,
                element.span,
                format!("with `{}` = {shown}", f.var.text),
            );
            self.locals.push((f.var, element.clone()));
            let mut copies = f.items.clone();
            self.items(&mut copies);
            self.locals.pop();
            for item in copies {
                if let Item::Block(b) = &item
                    && !b.broken
                    && let Some(name) = b.name
                {
                    let key = (b.kind.text, name.text);
                    if let Some((first, _)) = declared.get(&key) {
                        self.diags.push(errors::repeated_name(
                            element.span,
                            b.kind.text,
                            name,
                            *first,
                            f.var.text,
                        ));
                        continue;
                    }
                    declared.insert(key, (element.span, name.span));
                }
                out.push(item);
            }
        }
    }

    fn block(&mut self, block: &mut Block<'s>) {
        if let Some(name) = &mut block.name
            && name.text.contains("${")
        {
            match self.built_name(*name) {
                Some(built) => *name = built,
                // Reported: a block without its name is not checked.
                None => block.broken = true,
            }
        }
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
        self.items(&mut block.items);
    }

    /// A name built with `${...}`: the text it makes, which must be a name.
    fn built_name(&mut self, name: Ident<'s>) -> Option<Ident<'s>> {
        let text = self.fill(name.text, name.span.start as usize, name.span, true)?;
        if !interp::is_name(&text) {
            self.diags.push(errors::not_a_name(name.span, &text));
            return None;
        }
        Some(Ident {
            text: self.keep(&text),
            span: name.span,
        })
    }

    fn value(&mut self, value: &mut Value<'s>) {
        match &mut value.kind {
            ValueKind::Ref(path) => {
                for segment in path.iter_mut() {
                    if segment.text.contains("${") {
                        match self.built_name(*segment) {
                            Some(built) => *segment = built,
                            None => {
                                value.kind = ValueKind::Invalid;
                                return;
                            }
                        }
                    }
                }
                if let Some(first) = path.first()
                    && self.is_value_name(first.text)
                {
                    let path = std::mem::take(path);
                    *value = self.lookup(&path, value.span).cloned().unwrap_or(Value {
                        kind: ValueKind::Invalid,
                        span: value.span,
                    });
                } else if let [only] = path.as_slice()
                    && let Some(meant) = self.misspelt_value_name(only.text)
                {
                    self.diags.push(errors::unknown_value_name(
                        only.span,
                        only.text,
                        Some(meant),
                        false,
                    ));
                    value.kind = ValueKind::Invalid;
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

    /// The parameter or loop variable a name that is neither one nor a
    /// block was probably meant to be.
    fn misspelt_value_name(&self, name: &str) -> Option<&'s str> {
        if self.partial
            || self.blocks.contains(name)
            || (self.params.is_empty() && self.locals.is_empty())
        {
            return None;
        }
        let names: Vec<&'s str> = self
            .locals
            .iter()
            .map(|(v, _)| v.text)
            .chain(self.params.keys().copied())
            .collect();
        Suggester::new(names).suggest(name)
    }

    /// Whether a name stands for a value here (a loop variable or a
    /// parameter) rather than for a declared block.
    fn is_value_name(&self, name: &str) -> bool {
        self.locals.iter().any(|(v, _)| v.text == name)
            || self.params.contains_key(name)
            || BUILT_IN.contains(&name)
    }

    /// The value a path names (`name` or `name.key...`), recording the use
    /// at `at`. None when it names nothing (reported) or its value is
    /// unknown (already reported).
    fn lookup(&mut self, path: &[Ident<'s>], at: Span) -> Option<&Value<'s>> {
        let first = path.first()?;
        if self.refused.contains(&first.text) {
            return None;
        }
        let local = self.locals.iter().rev().find(|(v, _)| v.text == first.text);
        let root: &Value<'s> = if let Some((_, value)) = local {
            value
        } else if let Some(resolved) = self.params.get(first.text) {
            self.param_uses.push((first.span, first.text));
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
                let suggestion = if self.locals.is_empty() {
                    let params = &self.params;
                    let names = self.names.get_or_insert_with(|| {
                        Suggester::new(params.keys().copied().chain(BUILT_IN))
                    });
                    names.suggest(first.text)
                } else {
                    // Loop variables come and go: no cached index.
                    let names: Vec<&str> = self
                        .locals
                        .iter()
                        .map(|(v, _)| v.text)
                        .chain(self.params.keys().copied())
                        .chain(BUILT_IN)
                        .collect();
                    Suggester::new(names).suggest(first.text)
                };
                self.diags
                    .push(errors::unknown_value_name(at, first.text, suggestion, true));
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
        let text = self.fill(&s.value, s.span.start as usize + 1, s.span, false)?;
        let entry = self
            .uses
            .produced
            .entry(s.span)
            .or_insert(Some(text.clone()));
        if entry.as_deref() != Some(text.as_str()) {
            // One literal made several texts (in a comprehension): none is
            // shown for it.
            *entry = None;
        }
        Some(text)
    }

    /// The text `raw` (found at byte `body` of its file) makes once its
    /// `${...}` are filled in, or None (reported). A malformed `${` in a
    /// string was reported when the string was read; one in a `name` (which
    /// the grammar reads as one token) is reported here.
    fn fill(&mut self, raw: &str, body: usize, whole: Span, name: bool) -> Option<String> {
        let file = whole.file;
        let at = |r: std::ops::Range<usize>| Span::new(file, body + r.start, body + r.end);
        let mut out = String::new();
        let mut ok = true;
        for piece in interp::pieces(raw) {
            match piece {
                Piece::Text(text, _) => out.push_str(&text),
                Piece::Malformed { range, why } => {
                    if name {
                        self.diags
                            .push(crate::syntax::malformed_interpolation(at(range), why));
                    }
                    ok = false;
                }
                Piece::Subst { path, range } => {
                    let idents: Vec<Ident<'s>> = path
                        .iter()
                        .map(|(name, r)| Ident {
                            text: self.keep(name),
                            span: at(r.clone()),
                        })
                        .collect();
                    let span = at(range);
                    let found = self.lookup(&idents, span).map(|v| (text_of(v), v.span));
                    match found {
                        Some((Ok(text), origin)) => {
                            // A problem of the string made also points at
                            // where each value in it was written.
                            let shown: Vec<&str> = idents.iter().map(|i| i.text).collect();
                            self.uses.add(
                                whole,
                                origin,
                                format!(
                                    "`{}` is {}: written here",
                                    shown.join("."),
                                    crate::diagnostic::shorten(&text)
                                ),
                            );
                            out.push_str(&text);
                        }
                        Some((Err(found), _)) => {
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
