//! The generic, table-driven part of the checker: reads a block's items
//! against its [`BlockSchema`], reporting unknown, duplicate, missing and
//! ill-typed fields and AWS's length, range and pattern limits, and returns the
//! typed values for the model builder.

use super::errors::{self, Owner};
use crate::diagnostic::Diagnostic;
use crate::model::Text;
use crate::patterns;
use crate::schema::{BlockSchema, Field, Header, Limits, TagRules, Type};
use crate::source::{Span, Spanned, Strings};
use crate::syntax::ast::{Block, Entry, Ident, Item, TimeUnit, Value, ValueKind};
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry as Seen;

/// A typed field value.
#[derive(Debug, Clone)]
pub enum Typed<'a> {
    /// A string of any string-like type.
    Str(Text<'a>),
    /// A number (hours, seconds, days or a plain integer).
    Int(Spanned<i64>),
    /// A boolean.
    Bool(Spanned<bool>),
    /// A list of strings.
    List(Vec<Text<'a>>),
    /// A map of strings (tags).
    Pairs(Vec<(Text<'a>, Text<'a>)>),
    /// A map of string lists (target tags, parameters).
    Multi(Vec<(Text<'a>, Vec<Text<'a>>)>),
    /// A map with fixed keys.
    Record(Fields<'a>),
    /// A reference path, not yet resolved.
    Ref(&'a [Ident<'a>], Span),
    /// Task targets: references and instance-id strings, not yet resolved.
    Targets(Vec<RawTarget<'a>>),
    /// A value mwc renders as AWS's string (rate control, version, JSON).
    Rendered(Spanned<String>),
}

/// One item of a task's `targets`.
#[derive(Debug, Clone, Copy)]
pub enum RawTarget<'a> {
    /// A reference path.
    Ref(&'a [Ident<'a>], Span),
    /// An instance id.
    Instance(Text<'a>),
}

/// One field as written.
#[derive(Debug, Clone)]
pub struct Slot<'a> {
    /// The key.
    pub key: Span,
    /// The typed value, when it was valid.
    pub value: Option<Typed<'a>>,
    /// The span of the value.
    pub value_span: Span,
}

/// The fields of one block or record, in schema order.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    schema: &'static [Field],
    slots: Vec<Option<Slot<'a>>>,
}

impl<'a> Fields<'a> {
    fn new(schema: &'static [Field]) -> Fields<'a> {
        Fields {
            schema,
            slots: vec![None; schema.len()],
        }
    }

    fn slot(&self, name: &str) -> Option<&Slot<'a>> {
        let index = self.schema.iter().position(|f| f.name == name)?;
        self.slots.get(index)?.as_ref()
    }

    /// The key span of a field that was written, valid or not.
    pub fn written(&self, name: &str) -> Option<Span> {
        self.slot(name).map(|s| s.key)
    }

    /// The span of the whole `key = value` of a written field.
    pub fn written_whole(&self, name: &str) -> Option<Span> {
        self.slot(name).map(|s| s.key.to(s.value_span))
    }

    /// The span of a written field's value.
    pub fn value_span(&self, name: &str) -> Option<Span> {
        self.slot(name).map(|s| s.value_span)
    }

    /// The typed value of a field, when written and valid.
    pub fn get(&self, name: &str) -> Option<&Typed<'a>> {
        self.slot(name)?.value.as_ref()
    }

    /// A string value.
    pub fn str(&self, name: &str) -> Option<Text<'a>> {
        match self.get(name)? {
            Typed::Str(t) => Some(*t),
            _ => None,
        }
    }

    /// A number value.
    pub fn int(&self, name: &str) -> Option<Spanned<i64>> {
        match self.get(name)? {
            Typed::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// A boolean value.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Typed::Bool(b) => Some(b.value),
            _ => None,
        }
    }

    /// A list of strings (empty when absent).
    pub fn list(&self, name: &str) -> Vec<Text<'a>> {
        match self.get(name) {
            Some(Typed::List(l)) => l.clone(),
            _ => Vec::new(),
        }
    }

    /// A map of strings (empty when absent).
    pub fn pairs(&self, name: &str) -> Vec<(Text<'a>, Text<'a>)> {
        match self.get(name) {
            Some(Typed::Pairs(p)) => p.clone(),
            _ => Vec::new(),
        }
    }

    /// A map of string lists (empty when absent).
    pub fn multi(&self, name: &str) -> Vec<(Text<'a>, Vec<Text<'a>>)> {
        match self.get(name) {
            Some(Typed::Multi(m)) => m.clone(),
            _ => Vec::new(),
        }
    }

    /// A record.
    pub fn record(&self, name: &str) -> Option<&Fields<'a>> {
        match self.get(name)? {
            Typed::Record(r) => Some(r),
            _ => None,
        }
    }

    /// A rendered string.
    pub fn rendered(&self, name: &str) -> Option<Spanned<String>> {
        match self.get(name)? {
            Typed::Rendered(r) => Some(r.clone()),
            _ => None,
        }
    }
}

/// A block's fields together with its child blocks.
pub struct ReadBlock<'t, 's> {
    /// The fields (their strings outlive the tree).
    pub fields: Fields<'s>,
    /// Child blocks with their schemas and their positions among the
    /// items read, in order.
    pub children: Vec<(&'static BlockSchema, &'t Block<'s>, usize)>,
}

/// How many diagnostics the reader keeps before it compacts a flood.
const COMPACT_FROM: usize = 8192;

/// Reads blocks and values against the schema, reporting into `diags`.
/// The typed values it returns borrow the source text, or `strings` for
/// text the source does not hold as such (an unescaped literal), never the
/// syntax tree: the model outlives the tree.
pub struct Reader<'d, 's> {
    /// Where diagnostics go.
    pub diags: &'d mut Vec<Diagnostic>,
    /// Where derived strings live.
    pub strings: &'s Strings,
}

impl<'s> Reader<'_, 's> {
    /// A string of the tree as text that outlives the tree.
    pub fn keep(&self, text: &Cow<'s, str>) -> &'s str {
        match text {
            Cow::Borrowed(b) => b,
            Cow::Owned(o) => self.strings.keep(o),
        }
    }

    /// A string of the tree with its span, as text that outlives the tree.
    pub fn text(&self, text: &Cow<'s, str>, span: Span) -> Text<'s> {
        Spanned::new(self.keep(text), span)
    }

    /// A reference path that outlives the tree.
    fn path(&self, path: &[Ident<'s>]) -> &'s [Ident<'s>] {
        self.strings.keep_slice(path)
    }

    /// Checks a block's header (name or label) and reads its body.
    pub fn block<'t>(
        &mut self,
        block: &'t Block<'s>,
        schema: &'static BlockSchema,
    ) -> ReadBlock<'t, 's> {
        match schema.header {
            Header::Name => {
                if block.name.is_none() {
                    self.diags.push(errors::missing_block_name(block, schema));
                }
                if let Some(label) = &block.label {
                    self.diags
                        .push(errors::unexpected_label(label.span, schema));
                }
            }
            Header::Label { what, limits, .. } => match (&block.name, &block.label) {
                (Some(name), _) => self
                    .diags
                    .push(errors::unexpected_name(*name, schema, what)),
                (None, None) => self.diags.push(errors::missing_label(block, schema, what)),
                (None, Some(label)) => {
                    let text = Spanned::new(&*label.value, label.span);
                    self.limits(text, &limits, what);
                }
            },
        }
        let title = errors::block_title(block);
        let header = errors::header_span(block);
        self.items(block.items.iter(), schema, header, &title, !block.partial)
    }

    /// Reads items (of a block body, or of the top level of all files).
    pub fn items<'t>(
        &mut self,
        items: impl Iterator<Item = &'t Item<'s>>,
        schema: &'static BlockSchema,
        header: Span,
        title: &str,
        complete: bool,
    ) -> ReadBlock<'t, 's>
    where
        's: 't,
    {
        let mut fields = Fields::new(schema.fields);
        let mut children = Vec::new();
        for (position, item) in items.enumerate() {
            match item {
                Item::Assignment(a) => {
                    self.assign(&mut fields, Owner::Block(schema.kind), &a.key, &a.value);
                }
                // Elaboration replaces every comprehension by its items.
                Item::For(_) | Item::Import(_) => {}
                Item::Block(b) => match schema.block(b.kind.text) {
                    Some(child) => children.push((child, &**b, position)),
                    None => self.diags.push(errors::unknown_block(b, schema)),
                },
            }
            self.compact();
        }
        // Fields of a block with unparsed items may only look missing.
        if complete {
            self.missing(&fields, title, header);
        }
        ReadBlock { fields, children }
    }

    /// Keeps a flood of diagnostics from growing with the input: at each
    /// power of two from [`COMPACT_FROM`] on, only the first diagnostics of
    /// each code are kept, the rest counted in a summary
    /// ([`crate::diagnostic::cap_floods`], which the final list gets anyway).
    /// The list then grows again from what was kept, so the work stays
    /// linear in the number of diagnostics.
    fn compact(&mut self) {
        let n = self.diags.len();
        if n >= COMPACT_FROM && n.is_power_of_two() {
            crate::diagnostic::cap_floods(self.diags);
        }
    }

    fn assign(
        &mut self,
        fields: &mut Fields<'s>,
        owner: Owner,
        key: &Ident<'_>,
        value: &Value<'s>,
    ) {
        let Some(index) = fields.schema.iter().position(|f| f.name == key.text) else {
            self.diags
                .push(errors::unknown_field(key, owner, fields.schema));
            return;
        };
        let field = &fields.schema[index];
        if let Some(Some(first)) = fields.slots.get(index) {
            self.diags.push(errors::duplicate_field(key, first.key));
            return;
        }
        if let Some(instead) = field.deprecated {
            self.diags
                .push(errors::deprecated_field(key, field, instead));
        }
        let typed = if field.deprecated.is_some() {
            None
        } else {
            self.value(owner, field, value)
        };
        fields.slots[index] = Some(Slot {
            key: key.span,
            value: typed,
            value_span: value.span,
        });
    }

    fn missing(&mut self, fields: &Fields<'_>, owner: &str, header: Span) {
        for (field, slot) in fields.schema.iter().zip(&fields.slots) {
            if field.required && slot.is_none() {
                self.diags.push(errors::missing_field(header, owner, field));
            }
        }
    }

    /// Converts one value to its field's type, checking AWS's limits.
    fn value(
        &mut self,
        owner: Owner,
        field: &'static Field,
        value: &Value<'s>,
    ) -> Option<Typed<'s>> {
        let span = value.span;
        let limits = &field.limits;
        match (&field.ty, &value.kind) {
            (_, ValueKind::Invalid) => None,
            (Type::Str | Type::Schedule | Type::DateTime | Type::TimeZone, ValueKind::Str(s)) => {
                let text = self.text(&s.value, span);
                self.limits(text, limits, field.name)
                    .then_some(Typed::Str(text))
            }
            (Type::Name, ValueKind::Str(s)) => {
                let text = self.text(&s.value, span);
                let what = format!("{owner} name");
                self.name(text, limits, &what, Some(s.is_verbatim()))
                    .then_some(Typed::Str(text))
            }
            (Type::Enum(choices), ValueKind::Str(s)) => {
                let text = self.text(&s.value, span);
                self.choice(text, choices, field.name)
                    .then_some(Typed::Str(text))
            }
            (Type::Int, ValueKind::Int(n)) => {
                let n = Spanned::new(*n, span);
                self.range(n, limits, field.name, "")
                    .then_some(Typed::Int(n))
            }
            (Type::Bool, ValueKind::Bool(b)) => Some(Typed::Bool(Spanned::new(*b, span))),
            (Type::Hours, ValueKind::Duration(n, unit)) => {
                self.unit(field, *n, *unit, TimeUnit::Hours, span)
            }
            (Type::Days, ValueKind::Duration(n, unit)) => {
                self.unit(field, *n, *unit, TimeUnit::Days, span)
            }
            (Type::Seconds, ValueKind::Duration(n, unit)) => {
                // Too large to count in seconds: certainly out of range.
                let seconds = n.checked_mul(unit.seconds()).unwrap_or(i64::MAX);
                let n = Spanned::new(seconds, span);
                self.range(n, limits, field.name, "s")
                    .then_some(Typed::Int(n))
            }
            (Type::StrList, ValueKind::List(items)) => {
                let noun = errors::item_noun(field.name);
                let counted = self.count(items.len(), span, limits, field.name, noun.1);
                let texts = self.strings(within(items, limits), field)?;
                let mut ok = texts
                    .iter()
                    .fold(counted, |ok, t| self.limits(*t, limits, noun.0) && ok);
                ok &= self.unique_items(&texts);
                ok.then_some(Typed::List(texts))
            }
            (Type::EnumList(choices), ValueKind::List(items)) => {
                let texts = self.strings(within(items, limits), field)?;
                let mut ok = true;
                for t in &texts {
                    ok &= self.choice(*t, choices, field.name);
                }
                ok.then_some(Typed::List(texts))
            }
            (Type::Tags(rules), ValueKind::Map(entries)) => self.tags(field, rules, entries, span),
            (Type::TargetTags, ValueKind::Map(entries)) => {
                let counted = self.count(entries.len(), span, limits, field.name, "tags");
                let multi =
                    self.multi(field, within(entries, limits), &Limits::NONE, &TAG_VALUES)?;
                counted.then_some(Typed::Multi(multi))
            }
            (Type::Params(rules), ValueKind::Map(entries)) => {
                let counted = self.count(entries.len(), span, limits, field.name, "parameters");
                let multi = self.multi(field, within(entries, limits), &rules.key, &rules.value)?;
                counted.then_some(Typed::Multi(multi))
            }
            (Type::Record(schema), ValueKind::Map(entries)) => {
                Some(Typed::Record(self.record(field, schema, entries, span)))
            }
            (Type::RoleRef, ValueKind::Ref(path)) => Some(Typed::Ref(self.path(path), span)),
            (Type::RoleRef, ValueKind::Str(s)) => {
                let text = self.text(&s.value, span);
                if patterns::matches(crate::schema::ROLE_ARN, text.value) {
                    Some(Typed::Str(text))
                } else {
                    self.diags.push(errors::not_a_role_arn(text));
                    None
                }
            }
            (Type::TaskTargets, ValueKind::List(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match &item.kind {
                        ValueKind::Ref(path) => {
                            out.push(RawTarget::Ref(self.path(path), item.span))
                        }
                        ValueKind::Str(s) => {
                            out.push(RawTarget::Instance(self.text(&s.value, item.span)))
                        }
                        ValueKind::Invalid => {}
                        other => {
                            self.diags
                                .push(errors::list_item_type(item.span, field, other));
                        }
                    }
                }
                Some(Typed::Targets(out))
            }
            (Type::RateControl, ValueKind::Int(n)) => self.rate_control(n.to_string(), span, field),
            (Type::RateControl, ValueKind::Percent(n)) => {
                self.rate_control(format!("{n}%"), span, field)
            }
            (Type::Version, ValueKind::Int(n)) => self.rendered(n.to_string(), span, limits, field),
            (Type::Version, ValueKind::Str(s)) => {
                self.rendered(s.value.to_string(), span, limits, field)
            }
            (Type::Json, ValueKind::Str(s)) => {
                self.rendered(s.value.to_string(), span, limits, field)
            }
            (Type::Json, ValueKind::Map(_) | ValueKind::List(_)) => {
                if !self.unique_keys(value) {
                    return None;
                }
                let json = to_json(value);
                let text = serde_json::to_string(&json).unwrap_or_default();
                self.rendered(text, span, limits, field)
            }
            (_, other) => {
                self.diags.push(errors::type_mismatch(span, field, other));
                None
            }
        }
    }

    /// A concurrency or error threshold, as AWS's string.
    fn rate_control(&mut self, text: String, span: Span, field: &Field) -> Option<Typed<'s>> {
        let limits = &field.limits;
        let too_long = limits.len.is_some_and(|(_, max)| text.len() > max as usize);
        let matches = limits.pattern.is_none_or(|p| patterns::matches(p, &text));
        if too_long || !matches {
            self.diags
                .push(errors::invalid_rate_control(span, field.name, &text));
            return None;
        }
        Some(Typed::Rendered(Spanned::new(text, span)))
    }

    /// Reports items listed twice (CloudFormation rejects repeated policy
    /// ARNs and principals; elsewhere a repeat is a slip), each pointing at
    /// the first.
    fn unique_items(&mut self, texts: &[Text<'_>]) -> bool {
        let mut ok = true;
        let mut first: HashMap<&str, Span> = HashMap::with_capacity(texts.len());
        for t in texts {
            match first.entry(t.value) {
                Seen::Occupied(seen) => {
                    self.diags.push(errors::duplicate_item(*t, *seen.get()));
                    ok = false;
                }
                Seen::Vacant(new) => {
                    new.insert(t.span);
                }
            }
        }
        ok
    }

    /// Reports keys repeated in any map inside a JSON value.
    fn unique_keys(&mut self, value: &Value<'_>) -> bool {
        match &value.kind {
            ValueKind::Map(entries) => {
                let mut ok = true;
                let mut first: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
                for entry in entries {
                    match first.entry(&entry.key.text) {
                        Seen::Occupied(seen) => {
                            let key = self.text(&entry.key.text, entry.key.span);
                            self.diags.push(errors::duplicate_key(key, *seen.get()));
                            ok = false;
                        }
                        Seen::Vacant(new) => {
                            new.insert(entry.key.span);
                        }
                    }
                    ok &= self.unique_keys(&entry.value);
                }
                ok
            }
            ValueKind::List(items) => {
                let mut ok = true;
                for v in items {
                    ok &= self.unique_keys(v);
                }
                ok
            }
            _ => true,
        }
    }

    fn rendered(
        &mut self,
        text: String,
        span: Span,
        limits: &Limits,
        field: &Field,
    ) -> Option<Typed<'s>> {
        let ok = self.limits(Spanned::new(&text, span), limits, field.name);
        ok.then(|| Typed::Rendered(Spanned::new(text, span)))
    }

    fn unit(
        &mut self,
        field: &'static Field,
        n: i64,
        unit: TimeUnit,
        want: TimeUnit,
        span: Span,
    ) -> Option<Typed<'s>> {
        if unit != want {
            self.diags
                .push(errors::wrong_unit(span, field, n, unit, want));
            return None;
        }
        let n = Spanned::new(n, span);
        self.range(n, &field.limits, field.name, want.suffix())
            .then_some(Typed::Int(n))
    }

    fn strings(&mut self, items: &[Value<'s>], field: &Field) -> Option<Vec<Text<'s>>> {
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match &item.kind {
                ValueKind::Str(s) => out.push(self.text(&s.value, item.span)),
                ValueKind::Invalid => ok = false,
                other => {
                    self.diags
                        .push(errors::list_item_type(item.span, field, other));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn tags(
        &mut self,
        field: &Field,
        rules: &TagRules,
        entries: &[Entry<'s>],
        span: Span,
    ) -> Option<Typed<'s>> {
        let mut ok = self.count(entries.len(), span, &field.limits, field.name, "tags");
        let entries = within(entries, &field.limits);
        let mut out: Vec<(Text<'s>, Text<'s>)> = Vec::with_capacity(entries.len());
        // The keys kept so far, where each first appears.
        let mut kept: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
        for entry in entries {
            let key = self.text(&entry.key.text, entry.key.span);
            if let Some(first) = kept.get(key.value) {
                self.diags.push(errors::duplicate_key(key, *first));
                ok = false;
                continue;
            }
            ok &= self.limits(key, &rules.key, "tag key");
            match &entry.value.kind {
                ValueKind::Str(s) => {
                    let value = self.text(&s.value, entry.value.span);
                    ok &= self.limits(value, &rules.value, "tag value");
                    kept.insert(key.value, key.span);
                    out.push((key, value));
                }
                ValueKind::Invalid => ok = false,
                other => {
                    self.diags.push(errors::map_value_type(
                        entry.value.span,
                        field,
                        &entry.key.text,
                        false,
                        other,
                    ));
                    ok = false;
                }
            }
        }
        ok.then_some(Typed::Pairs(out))
    }

    fn multi(
        &mut self,
        field: &Field,
        entries: &[Entry<'s>],
        key_limits: &Limits,
        value_limits: &Limits,
    ) -> Option<Vec<(Text<'s>, Vec<Text<'s>>)>> {
        let mut out: Vec<(Text<'s>, Vec<Text<'s>>)> = Vec::with_capacity(entries.len());
        let mut ok = true;
        // The keys kept so far, where each first appears.
        let mut kept: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
        for entry in entries {
            let key = self.text(&entry.key.text, entry.key.span);
            if let Some(first) = kept.get(key.value) {
                self.diags.push(errors::duplicate_key(key, *first));
                ok = false;
                continue;
            }
            ok &= self.limits(key, key_limits, &format!("{} name", noun_of(field.name)));
            let values = match &entry.value.kind {
                ValueKind::Str(s) => {
                    ok &= self.count(1, entry.value.span, value_limits, key.value, "values");
                    vec![self.text(&s.value, entry.value.span)]
                }
                ValueKind::List(items) => {
                    let span = entry.value.span;
                    ok &= self.count(items.len(), span, value_limits, key.value, "values");
                    match self.strings(within(items, value_limits), field) {
                        Some(v) => v,
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                ValueKind::Invalid => {
                    ok = false;
                    continue;
                }
                other => {
                    self.diags.push(errors::map_value_type(
                        entry.value.span,
                        field,
                        &entry.key.text,
                        true,
                        other,
                    ));
                    ok = false;
                    continue;
                }
            };
            for v in &values {
                ok &= self.limits(*v, value_limits, &format!("{} value", noun_of(field.name)));
            }
            kept.insert(key.value, key.span);
            out.push((key, values));
        }
        ok.then_some(out)
    }

    fn record(
        &mut self,
        field: &'static Field,
        schema: &'static [Field],
        entries: &[Entry<'s>],
        span: Span,
    ) -> Fields<'s> {
        let mut fields = Fields::new(schema);
        for entry in entries {
            let key = Ident {
                text: &entry.key.text,
                span: entry.key.span,
            };
            self.assign(&mut fields, Owner::Record(field.name), &key, &entry.value);
        }
        self.missing(&fields, &format!("`{}`", field.name), span);
        fields
    }

    /// Length and pattern of a string. Returns whether it passed.
    pub fn limits(&mut self, text: Text<'_>, limits: &Limits, what: &str) -> bool {
        if let Some((min, max)) = limits.len {
            let len = if limits.bytes {
                text.value.len()
            } else {
                aws_len(text.value)
            };
            if len < min as usize || len > max as usize {
                let unit = if limits.bytes { "byte" } else { "character" };
                self.diags
                    .push(errors::length(text, what, len, min, max, unit));
                return false;
            }
        }
        if let Some(pattern) = limits.pattern
            && !patterns::matches(pattern, text.value)
        {
            self.diags.push(errors::pattern(text, what, pattern));
            return false;
        }
        true
    }

    /// AWS's name rules, reported as MW0206. `written` is `Some(verbatim)`
    /// for a `name = "..."` string, `None` for a declared identifier.
    pub fn name(
        &mut self,
        text: Text<'_>,
        limits: &Limits,
        what: &str,
        written: Option<bool>,
    ) -> bool {
        if let Some((min, max)) = limits.len {
            let len = aws_len(text.value);
            if len < min as usize || len > max as usize {
                self.diags.push(errors::name_length(
                    text,
                    what,
                    len,
                    min,
                    max,
                    written.is_some(),
                ));
                return false;
            }
        }
        if let Some(pattern) = limits.pattern
            && !patterns::matches(pattern, text.value)
        {
            self.diags.push(errors::name_pattern(
                text,
                what,
                pattern,
                written.unwrap_or(true),
            ));
            return false;
        }
        true
    }

    fn range(&mut self, n: Spanned<i64>, limits: &Limits, what: &str, unit: &str) -> bool {
        match limits.range {
            Some((min, max)) if n.value < min || n.value > max => {
                self.diags
                    .push(errors::out_of_range(n.span, what, n.value, limits, unit));
                false
            }
            _ => true,
        }
    }

    fn count(&mut self, count: usize, span: Span, limits: &Limits, what: &str, noun: &str) -> bool {
        match limits.items {
            Some((min, max)) if count < min as usize || count > max as usize => {
                self.diags
                    .push(errors::item_count(span, what, count, min, max, noun));
                false
            }
            _ => true,
        }
    }

    fn choice(&mut self, text: Text<'_>, choices: &[&str], what: &str) -> bool {
        if choices.contains(&text.value) {
            return true;
        }
        self.diags.push(errors::invalid_choice(text, what, choices));
        false
    }
}

/// The items of a list or map that are checked one by one: all of them, or
/// only as many as AWS's item limit allows when there are more (the count is
/// reported, so that the work stays proportional to the limit, not to the
/// input).
fn within<'v, T>(items: &'v [T], limits: &Limits) -> &'v [T] {
    match limits.items {
        Some((_, max)) => items.get(..max as usize).unwrap_or(items),
        None => items,
    }
}

/// The values of one tag of a target: at least one, at most AWS's 50.
const TAG_VALUES: Limits = Limits {
    items: Some((1, 50)),
    ..Limits::NONE
};

/// The singular noun for the items of a map field, for messages.
fn noun_of(field: &str) -> &str {
    match field {
        "parameters" | "task_parameters" => "parameter",
        other => other,
    }
}

/// A string's length as AWS counts it (UTF-16 code units, as Java does).
pub fn aws_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// A value as JSON, for fields mwc sends as JSON text.
pub fn to_json(value: &Value<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match &value.kind {
        ValueKind::Str(s) => J::String(s.value.to_string()),
        ValueKind::Int(n) => J::from(*n),
        ValueKind::Duration(n, unit) => J::String(format!("{n}{}", unit.suffix())),
        ValueKind::Percent(n) => J::String(format!("{n}%")),
        ValueKind::Bool(b) => J::Bool(*b),
        ValueKind::List(items) => J::Array(items.iter().map(to_json).collect()),
        ValueKind::Map(entries) => J::Object(
            entries
                .iter()
                .map(|e| (e.key.text.to_string(), to_json(&e.value)))
                .collect(),
        ),
        ValueKind::Ref(path) => {
            J::String(path.iter().map(|i| i.text).collect::<Vec<_>>().join("."))
        }
        ValueKind::Invalid => J::Null,
    }
}
