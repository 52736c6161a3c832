//! What an editor offers as the user types: block kinds and fields valid in
//! the enclosing block (from the schema table), the names in scope for a
//! reference (roles, the window's own targets, templates, parameters, from
//! the last [`crate::analysis::Analysis`]), time zones, enum values,
//! booleans, and the AWS documents mwc knows for `run_command` and
//! `automation` labels.
//!
//! The text before the cursor is read by a small tokenizer that knows
//! strings, comments and brackets, so a program in the middle of being
//! typed (unbalanced, half a field) still has a context. One pass over the
//! text before the cursor: linear, no parse needed.

use crate::analysis::Symbols;
use crate::schema::{self, BlockSchema, Field, Kind, Type};
use crate::source::{SourceFile, Span};

/// What a completion inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword: `for`, `import`, `param`, `template`, `document`, `use`.
    Keyword,
    /// A block kind.
    Block,
    /// A field.
    Field,
    /// A declared name.
    Reference(Kind),
    /// A value: `true`, an enum value, a parameter type.
    Value,
    /// A time zone.
    TimeZone,
    /// An AWS-owned document.
    Document,
}

/// One thing to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A short description (a field's type, a block's AWS resource).
    pub detail: String,
    /// Longer documentation, Markdown.
    pub documentation: Option<String>,
    /// The text that replaces [`Completion::replace`].
    pub insert: String,
    /// What it replaces: the word (or string content) typed so far.
    pub replace: Span,
}

/// The completions at byte `offset` of `source`, with the names of
/// `symbols` (the last analysis of the program) for references.
pub fn complete(source: &SourceFile, offset: u32, symbols: &Symbols) -> Vec<Completion> {
    let text = source.text();
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let word_start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let context = Context::read(&text[..word_start]);
    let file = source.id();
    let at = |start: usize| Span::new(file, start, offset);
    let mut out = Out {
        list: Vec::new(),
        replace: at(word_start),
    };
    if let Some(string_start) = context.open_string {
        // Inside a string: its content so far is replaced.
        out.replace = at(string_start + 1);
        context.in_string(&mut out);
    } else {
        context.outside(&mut out, symbols);
    }
    out.list
}

/// A character of a name.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The completions found so far, all replacing one span.
struct Out {
    list: Vec<Completion>,
    replace: Span,
}

impl Out {
    fn push(&mut self, label: &str, kind: CompletionKind, detail: &str, insert: String) {
        self.list.push(Completion {
            label: label.to_string(),
            kind,
            detail: detail.to_string(),
            documentation: None,
            insert,
            replace: self.replace,
        });
    }

    fn field(&mut self, field: &Field) {
        let mut doc = field.doc.to_string();
        if !field.aws.is_empty() {
            doc.push_str(&format!("\n\nAWS: `{}`", field.aws));
        }
        self.list.push(Completion {
            label: field.name.to_string(),
            kind: CompletionKind::Field,
            detail: field.ty.describe().to_string(),
            documentation: Some(doc),
            insert: format!("{} = ", field.name),
            replace: self.replace,
        });
    }

    fn block(&mut self, block: &BlockSchema) {
        self.list.push(Completion {
            label: block.kind.to_string(),
            kind: CompletionKind::Block,
            detail: block.aws.to_string(),
            documentation: Some(block.doc.to_string()),
            insert: format!("{} ", block.kind),
            replace: self.replace,
        });
    }

    /// The strings a field takes (an enum's values, the time zones), in
    /// quotes or, inside a string, without.
    fn strings(&mut self, field: &Field, quoted: bool) {
        let (choices, kind, detail): (Vec<&str>, _, _) = match field.ty {
            Type::Enum(choices) => (choices.to_vec(), CompletionKind::Value, field.name),
            Type::TimeZone => (
                crate::check::zones::names()
                    .iter()
                    .map(String::as_str)
                    .collect(),
                CompletionKind::TimeZone,
                "time zone",
            ),
            _ => return,
        };
        for choice in choices {
            let insert = if quoted {
                format!("\"{choice}\"")
            } else {
                choice.to_string()
            };
            self.push(choice, kind, detail, insert);
        }
    }

    fn names(&mut self, symbols: &Symbols, kind: Kind, window: Option<&str>) {
        for symbol in symbols.named(kind, window) {
            if symbol.literal {
                self.push(
                    &symbol.name,
                    CompletionKind::Reference(kind),
                    kind.as_str(),
                    symbol.name.clone(),
                );
            }
        }
    }
}

/// What a block is, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A block the schema knows.
    Schema(&'static BlockSchema),
    /// `param NAME { ... }`.
    Param,
    /// `template NAME { ... }`: any block that may use one.
    Template,
    /// Something else (unknown kind, `document`).
    Other,
}

/// Where the tokenizer is within the current block or value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// At the start of an item or entry.
    Start,
    /// After one word: a key or a block kind.
    Word(String),
    /// After a block kind (first) and its name or label (second).
    Header(String, Option<String>),
    /// After `key =`.
    Eq(String),
    /// After a whole value of `key`.
    After(String),
}

#[derive(Debug)]
enum Frame {
    Block {
        scope: Scope,
        kind: String,
        name: Option<String>,
        /// Fields already written.
        set: Vec<String>,
        state: State,
    },
    Value {
        /// The assignment's key.
        key: String,
        /// A list (else a map).
        list: bool,
        state: State,
    },
}

impl Frame {
    fn state(&mut self) -> &mut State {
        match self {
            Frame::Block { state, .. } | Frame::Value { state, .. } => state,
        }
    }
}

/// The blocks and values around the cursor.
#[derive(Debug)]
struct Context {
    frames: Vec<Frame>,
    /// The start of the string the cursor is in.
    open_string: Option<usize>,
}

impl Context {
    fn read(text: &str) -> Context {
        let mut context = Context {
            frames: vec![Frame::Block {
                scope: Scope::Schema(&schema::TOP),
                kind: String::new(),
                name: None,
                set: Vec::new(),
                state: State::Start,
            }],
            open_string: None,
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                        i += 1;
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |p| i + 2 + p + 2);
                }
                b'"' => {
                    let start = i;
                    i += 1;
                    let mut closed = false;
                    while i < bytes.len() {
                        match bytes[i] {
                            b'\\' => i += 2,
                            b'"' => {
                                closed = true;
                                i += 1;
                                break;
                            }
                            b'\n' | b'\r' => break,
                            _ => i += 1,
                        }
                    }
                    if closed {
                        context.string(&text[start + 1..i - 1]);
                    } else if i >= bytes.len() {
                        context.open_string = Some(start);
                    }
                    continue;
                }
                b'{' | b'[' => context.open(b == b'['),
                b'}' | b']' => context.close(),
                b'=' => context.equals(),
                b',' => context.comma(),
                b'.' => context.dot(),
                _ if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$' => {
                    let start = i;
                    while i < bytes.len() {
                        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
                            i = text[i..].find('}').map_or(bytes.len(), |p| i + p + 1);
                        } else if bytes[i].is_ascii_alphanumeric()
                            || bytes[i] == b'_'
                            || bytes[i] == b'-'
                        {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    if i == start {
                        // A `$` that starts no `${`: a character like any other.
                        i += 1;
                    } else {
                        context.word(&text[start..i.min(bytes.len())]);
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        context
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn word(&mut self, word: &str) {
        let frame = self.top();
        let in_list = matches!(frame, Frame::Value { list: true, .. });
        let state = frame.state();
        *state = match std::mem::replace(state, State::Start) {
            State::Start | State::After(_) if in_list => State::After(String::new()),
            State::Start | State::After(_) => State::Word(word.to_string()),
            State::Word(kind) => State::Header(kind, Some(word.to_string())),
            State::Header(kind, name) => State::Header(kind, name),
            State::Eq(key) => State::After(key),
        };
    }

    fn string(&mut self, content: &str) {
        let frame = self.top();
        let in_list = matches!(frame, Frame::Value { list: true, .. });
        let state = frame.state();
        *state = match std::mem::replace(state, State::Start) {
            State::Start | State::After(_) if in_list => State::After(String::new()),
            // A string map key, or `import "path"`.
            State::Start | State::After(_) => State::Word(content.to_string()),
            State::Word(kind) if kind == "import" => State::Start,
            State::Word(kind) => State::Header(kind, Some(content.to_string())),
            State::Header(kind, name) => State::Header(kind, name),
            State::Eq(key) => State::After(key),
        };
    }

    fn equals(&mut self) {
        let state = self.top().state();
        if let State::Word(key) = state {
            let key = std::mem::take(key);
            if let Frame::Block { set, .. } = self.top() {
                set.push(key.clone());
            }
            *self.top().state() = State::Eq(key);
        }
    }

    fn comma(&mut self) {
        let state = self.top().state();
        if !matches!(state, State::Header(..)) {
            *state = State::Start;
        }
    }

    fn dot(&mut self) {
        // `Window.Target`: the path goes on.
        let state = self.top().state();
        if let State::After(key) = state {
            *state = State::Eq(std::mem::take(key));
        }
    }

    fn open(&mut self, list: bool) {
        let parent_scope = match self.frames.iter().rev().find_map(|f| match f {
            Frame::Block { scope, .. } => Some(*scope),
            Frame::Value { .. } => None,
        }) {
            Some(scope) => scope,
            None => Scope::Other,
        };
        let in_list = matches!(self.top(), Frame::Value { list: true, .. });
        let state = self.top().state().clone();
        let frame = match state {
            State::Eq(key) => Frame::Value {
                key,
                list,
                state: State::Start,
            },
            State::Header(kind, _) | State::Word(kind) if kind == "for" && list => {
                // `for x in [ ... ]`: the list, then the body.
                Frame::Value {
                    key: String::new(),
                    list,
                    state: State::Start,
                }
            }
            State::Header(kind, name) if !list => self.block(kind, name, parent_scope),
            State::Word(kind) if !list => self.block(kind, None, parent_scope),
            _ if in_list || matches!(self.top(), Frame::Value { .. }) => {
                let key = match self.top() {
                    Frame::Value { key, .. } => key.clone(),
                    Frame::Block { .. } => String::new(),
                };
                Frame::Value {
                    key,
                    list,
                    state: State::Start,
                }
            }
            _ => Frame::Value {
                key: String::new(),
                list,
                state: State::Start,
            },
        };
        self.frames.push(frame);
    }

    /// The frame of a block of `kind` opened in `parent`.
    fn block(&self, kind: String, name: Option<String>, parent: Scope) -> Frame {
        let top = self.frames.len() == 1;
        let scope = match parent {
            // A comprehension's body is its block's.
            _ if kind == "for" => parent,
            Scope::Schema(s) => match s.block(&kind) {
                Some(child) => Scope::Schema(child),
                None if top && Kind::parse(&kind) == Some(Kind::Param) => Scope::Param,
                None if top && Kind::parse(&kind) == Some(Kind::Template) => Scope::Template,
                None => Scope::Other,
            },
            Scope::Template => match template_users().find_map(|s| s.block(&kind)) {
                Some(child) => Scope::Schema(child),
                None => Scope::Other,
            },
            Scope::Param | Scope::Other => Scope::Other,
        };
        Frame::Block {
            scope,
            kind,
            name,
            set: Vec::new(),
            state: State::Start,
        }
    }

    fn close(&mut self) {
        if self.frames.len() > 1 {
            let closed = self.frames.pop();
            let state = self.top().state();
            match (closed, &*state) {
                // The `for` list: its header goes on.
                (Some(Frame::Value { .. }), State::Header(..) | State::Word(_)) => {}
                (Some(Frame::Value { key, .. }), _) => *state = State::After(key),
                _ => *state = State::Start,
            }
        }
    }
}

/// The blocks a template may stand for.
fn template_users() -> impl Iterator<Item = &'static BlockSchema> {
    schema::ALL_BLOCKS
        .iter()
        .copied()
        .filter(|b| crate::elaborate::templates::may_use(Some(b.kind)))
}

/// The top-level keywords besides the schema's blocks.
const TOP_KEYWORDS: [(&str, &str); 5] = [
    (
        "import",
        "another file's declarations: `import \"roles.mw\"`",
    ),
    (
        "param",
        "a value given at compile time: `param NAME { type = string }`",
    ),
    (
        "template",
        "fields and blocks shared by several blocks: `use = NAME`",
    ),
    (
        "document",
        "a document of your own: `document \"NAME\" { from = \"file.json\" }`",
    ),
    (
        "for",
        "a block for each element of a list: `for env in [\"a\", \"b\"] { ... }`",
    ),
];

/// The fields of a `param` block.
const PARAM_FIELDS: [(&str, &str); 6] = [
    (
        "type",
        "string, number, duration, percentage, boolean, list or map",
    ),
    ("default", "the value when none is given"),
    ("allowed", "the values it may take"),
    ("min", "the smallest value"),
    ("max", "the largest value"),
    ("description", "what it is for"),
];

impl Context {
    /// The innermost block: its scope, kind, name and fields written.
    fn block_frame(&self) -> Option<(Scope, &str, &[String])> {
        self.frames.iter().rev().find_map(|f| match f {
            Frame::Block {
                scope, kind, set, ..
            } if kind != "for" => Some((*scope, kind.as_str(), set.as_slice())),
            Frame::Block { .. } | Frame::Value { .. } => None,
        })
    }

    /// The scope that a comprehension's body shares (the innermost block
    /// that is not a `for`, or the top level).
    fn scope(&self) -> Scope {
        self.block_frame()
            .map_or(Scope::Schema(&schema::TOP), |(scope, _, _)| scope)
    }

    /// The name of the enclosing window.
    fn window(&self) -> Option<&str> {
        self.frames.iter().rev().find_map(|f| match f {
            Frame::Block {
                kind,
                name: Some(name),
                ..
            } if Kind::parse(kind) == Some(Kind::Window) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The field of the enclosing blocks that `key` names, and the fields
    /// of the record a map value of it holds.
    fn field(&self, key: &str) -> Option<&'static Field> {
        let fields = self.record_fields();
        if let Some(fields) = fields {
            return fields.iter().find(|f| f.name == key);
        }
        match self.scope() {
            Scope::Schema(schema) => schema.field(key),
            Scope::Template => template_users().find_map(|s| s.field(key)),
            Scope::Param | Scope::Other => None,
        }
    }

    /// Inside a map value whose field is a record: the record's fields.
    fn record_fields(&self) -> Option<&'static [Field]> {
        let Some(Frame::Value {
            key, list: false, ..
        }) = self.frames.last()
        else {
            return None;
        };
        let field = match self.scope() {
            Scope::Schema(schema) => schema.field(key),
            Scope::Template => template_users().find_map(|s| s.field(key)),
            Scope::Param | Scope::Other => None,
        }?;
        match field.ty {
            Type::Record(fields) => Some(fields),
            _ => None,
        }
    }

    /// Completions outside strings.
    fn outside(&self, out: &mut Out, symbols: &Symbols) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        match frame {
            Frame::Block {
                state: State::Start | State::After(_) | State::Word(_),
                ..
            } => self.items(out, symbols),
            Frame::Block {
                state: State::Eq(key),
                ..
            } => self.values(out, symbols, key, false),
            Frame::Value {
                list: true,
                key,
                state: State::Start | State::Word(_),
            } => self.values(out, symbols, key, true),
            Frame::Value {
                list: false,
                state: State::Start | State::Word(_),
                ..
            } => {
                if let Some(fields) = self.record_fields() {
                    for field in fields {
                        out.field(field);
                    }
                }
            }
            Frame::Value {
                list: false,
                state: State::Eq(key),
                ..
            } => self.values(out, symbols, key, false),
            Frame::Block { .. } | Frame::Value { .. } => {}
        }
    }

    /// What may start an item of the current block.
    fn items(&self, out: &mut Out, symbols: &Symbols) {
        let (scope, set) = match self.block_frame() {
            Some((scope, _, set)) => (scope, set),
            None => (Scope::Schema(&schema::TOP), &[][..]),
        };
        let top = matches!(scope, Scope::Schema(s) if s.kind == schema::TOP.kind);
        let unset = |f: &&Field| !set.iter().any(|s| s == f.name);
        match scope {
            Scope::Schema(schema) => {
                for field in schema.fields.iter().filter(unset) {
                    out.field(field);
                }
                for block in schema.blocks {
                    out.block(block);
                }
            }
            Scope::Template => {
                let mut seen = std::collections::HashSet::new();
                for schema in template_users() {
                    for field in schema.fields.iter().filter(unset) {
                        if seen.insert(field.name) {
                            out.field(field);
                        }
                    }
                    for block in schema.blocks {
                        if seen.insert(block.name()) {
                            out.block(block);
                        }
                    }
                }
            }
            Scope::Param => {
                for (name, doc) in PARAM_FIELDS {
                    if !set.iter().any(|s| s == name) {
                        out.push(name, CompletionKind::Field, doc, format!("{name} = "));
                    }
                }
                return;
            }
            Scope::Other => return,
        }
        if top {
            for (keyword, doc) in TOP_KEYWORDS {
                out.push(keyword, CompletionKind::Keyword, doc, format!("{keyword} "));
            }
        } else {
            out.push(
                "for",
                CompletionKind::Keyword,
                "a block for each element of a list",
                "for ".to_string(),
            );
            let uses_template = self.block_frame().is_some_and(|(_, kind, _)| {
                crate::elaborate::templates::may_use(Kind::parse(kind))
            });
            if uses_template
                && !set.iter().any(|s| s == "use")
                && !symbols.named(Kind::Template, None).is_empty()
            {
                out.push(
                    "use",
                    CompletionKind::Keyword,
                    "the template this block starts from",
                    "use = ".to_string(),
                );
            }
        }
    }

    /// The values of `key` (an element of it when `element`).
    fn values(&self, out: &mut Out, symbols: &Symbols, key: &str, element: bool) {
        if key == "use" {
            out.names(symbols, Kind::Template, None);
            return;
        }
        if let Some((Scope::Param, _, _)) = self.block_frame() {
            if key == "type" {
                for (name, words) in crate::elaborate::params::type_names() {
                    out.push(name, CompletionKind::Value, words, name.to_string());
                }
            }
            return;
        }
        let Some(field) = self.field(key) else {
            return;
        };
        match field.ty {
            Type::RoleRef => out.names(symbols, Kind::Role, None),
            Type::TaskTargets => {
                if let Some(window) = self.window() {
                    out.names(symbols, Kind::Target, Some(window));
                }
            }
            Type::Bool => {
                for value in ["true", "false"] {
                    out.push(value, CompletionKind::Value, "boolean", value.to_string());
                }
            }
            Type::Enum(_) | Type::TimeZone => out.strings(field, true),
            _ => {}
        }
        // A parameter may stand for any value.
        if !element || !matches!(field.ty, Type::TaskTargets) {
            out.names(symbols, Kind::Param, None);
        }
    }

    /// Completions inside a string.
    fn in_string(&self, out: &mut Out) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        match frame {
            Frame::Block {
                state: State::Word(kind),
                ..
            } => {
                // The documents a `run_command` or `automation` block runs.
                for document in crate::documents::all_owned() {
                    if Some(document.document_type.block()) == Kind::parse(kind) {
                        out.push(
                            &document.name,
                            CompletionKind::Document,
                            kind,
                            document.name.clone(),
                        );
                    }
                }
            }
            Frame::Block {
                state: State::Eq(key),
                ..
            }
            | Frame::Value {
                list: false,
                state: State::Eq(key),
                ..
            } => {
                let Some(field) = self.field(key) else {
                    return;
                };
                out.strings(field, false);
            }
            Frame::Block { .. } | Frame::Value { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sources;

    /// The labels offered at `|` in `text`.
    fn at(text: &str) -> Vec<String> {
        let offset = text.find('|').unwrap_or(0);
        let program = text.replacen('|', "", 1);
        let mut sources = Sources::new();
        let id = sources.add("t.mw", program);
        let now = "2026-11-23T00:00:00Z".parse().unwrap_or_default();
        let analysis = crate::analysis::analyze(&sources, &crate::Options::new(now));
        complete(sources.get(id), offset as u32, &analysis.symbols)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    const ROLES: &str =
        "role PatchRole {\n  policies = [\"x\"]\n}\nrole Other {\n  policies = [\"y\"]\n}\n";

    #[test]
    fn top_level_and_block_items() {
        let top = at("|");
        for want in [
            "window", "role", "account", "param", "template", "import", "for",
        ] {
            assert!(top.contains(&want.to_string()), "{want} in {top:?}");
        }
        let window = at("window W {\n  schedule = \"rate(1 day)\"\n  dur|\n}\n");
        assert!(window.contains(&"duration".to_string()), "{window:?}");
        assert!(window.contains(&"target".to_string()), "{window:?}");
        assert!(
            !window.contains(&"schedule".to_string()),
            "written already: {window:?}"
        );
        assert!(!window.contains(&"window".to_string()), "{window:?}");
        let task = at("window W {\n  task T {\n    |\n  }\n}\n");
        for want in ["priority", "targets", "run_command", "automation", "lambda"] {
            assert!(task.contains(&want.to_string()), "{want} in {task:?}");
        }
    }

    #[test]
    fn references_in_scope() {
        let roles = at(&format!(
            "{ROLES}window W {{\n  task T {{\n    role = Pa|\n  }}\n}}\n"
        ));
        assert_eq!(roles, ["PatchRole", "Other"]);
        let targets = at(
            "window W {\n  target Web {\n    tags = { A = \"b\" }\n  }\n  task T {\n    targets = [Web, |]\n  }\n}\nwindow V {\n  target Db {\n    tags = { A = \"b\" }\n  }\n}\n",
        );
        assert_eq!(targets, ["Web"]);
        let notify = at(&format!(
            "{ROLES}window W {{\n  task T {{\n    run_command \"AWS-RunShellScript\" {{\n      notify = {{ topic = \"t\", role = | }}\n    }}\n  }}\n}}\n"
        ));
        assert_eq!(notify, ["PatchRole", "Other"]);
    }

    #[test]
    fn values_zones_and_documents() {
        let zones = at("window W {\n  timezone = \"Europe/Pa|\"\n}\n");
        assert!(zones.contains(&"Europe/Paris".to_string()));
        let quoted = at("window W {\n  timezone = |\n}\n");
        assert!(quoted.contains(&"America/New_York".to_string()));
        let behaviour = at("window W {\n  task T {\n    cutoff_behavior = |\n  }\n}\n");
        assert_eq!(behaviour, ["CONTINUE_TASK", "CANCEL_TASK"]);
        let documents =
            at("window W {\n  task T {\n    run_command \"AWS-Run|\" {\n    }\n  }\n}\n");
        assert!(
            documents.contains(&"AWS-RunPatchBaseline".to_string()),
            "{documents:?}"
        );
        assert!(!documents.contains(&"AWS-RestartEC2Instance".to_string()));
        let runbooks = at("window W {\n  task T {\n    automation \"|\n");
        assert!(
            runbooks.contains(&"AWS-RestartEC2Instance".to_string()),
            "{runbooks:?}"
        );
        let types = at("param p {\n  type = |\n}\n");
        assert!(types.contains(&"duration".to_string()), "{types:?}");
    }

    #[test]
    fn a_lone_dollar_is_a_character() {
        let after = at("window W {\n  description = $ $x $|\n}\n");
        assert!(after.contains(&"duration".to_string()), "{after:?}");
        assert!(at("$ |").contains(&"window".to_string()));
    }

    #[test]
    fn strings_comments_and_comprehensions_do_not_confuse_it() {
        let text = "// window { [\nwindow W {\n  description = \"a { b [ c\" /* } */\n  for x in [\"a\", \"b\"] {\n    target t-${x} {\n      |\n    }\n  }\n}\n";
        let target = at(text);
        assert!(target.contains(&"tags".to_string()), "{target:?}");
        assert!(target.contains(&"resource_group".to_string()), "{target:?}");
    }
}
