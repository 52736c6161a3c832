//! Parameters: their declarations, the settings from values files and the
//! command line, and the value each parameter takes.

use super::{BUILT_IN, assignment, errors, is_literal};
use crate::check::errors as check_errors;
use crate::diagnostic::{Code, Diagnostic};
use crate::schema::Kind;
use crate::source::{SETTING_PREFIX, SourceFile, Span};
use crate::suggest::Suggester;
use crate::syntax::ast::{Block, File, Ident, Item, Str, Value, ValueKind};
use std::borrow::Cow;
use std::collections::HashMap;

/// The fields of a `param` block.
const FIELDS: [&str; 6] = ["type", "default", "allowed", "min", "max", "description"];

const STRING: u8 = 1;
const NUMBER: u8 = 2;
const DURATION: u8 = 4;
const PERCENTAGE: u8 = 8;
const BOOLEAN: u8 = 16;
const LIST: u8 = 32;
const MAP: u8 = 64;
/// The types that may be combined in a union (`type = [number, percentage]`).
const UNITED: u8 = NUMBER | DURATION | PERCENTAGE | BOOLEAN;
/// The types `min` and `max` apply to.
const ORDERED: u8 = NUMBER | DURATION | PERCENTAGE;

/// The type bit of a literal value (0 for what is not a literal).
fn kind_of(value: &Value<'_>) -> u8 {
    match &value.kind {
        ValueKind::Str(s) if !s.interpolated => STRING,
        ValueKind::Int(_) => NUMBER,
        ValueKind::Duration(..) => DURATION,
        ValueKind::Percent(_) => PERCENTAGE,
        ValueKind::Bool(_) => BOOLEAN,
        ValueKind::List(_) => LIST,
        ValueKind::Map(_) => MAP,
        _ => 0,
    }
}

/// Each type: its name in `type`, its bit, its name in words and a value
/// of it as written (for help).
const TYPES: [(&str, u8, &str, &str); 7] = [
    ("string", STRING, "a string", "`\"text\"`"),
    ("number", NUMBER, "a number", "`3`"),
    ("duration", DURATION, "a duration", "`3h`"),
    ("percentage", PERCENTAGE, "a percentage", "`10%`"),
    ("boolean", BOOLEAN, "a boolean", "`true`"),
    ("list", LIST, "a list", "`[\"a\", \"b\"]`"),
    ("map", MAP, "a map", "`{ key = \"value\" }`"),
];

/// The names `type` takes, with each in words.
pub fn type_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    TYPES.iter().map(|t| (t.0, t.2))
}

/// The types of `kinds`, each as `pick` shows it, joined with "or".
fn listed(kinds: u8, pick: fn(&(&str, u8, &'static str, &'static str)) -> &'static str) -> String {
    let words: Vec<&str> = TYPES
        .iter()
        .filter(|t| kinds & t.1 != 0)
        .map(pick)
        .collect();
    words.join(" or ")
}

/// A type in words: "a string", "a number or a percentage".
fn describe(kinds: u8) -> String {
    listed(kinds, |t| t.2)
}

/// Values of a type as written, for help: "`3h`".
fn example(kinds: u8) -> String {
    listed(kinds, |t| t.3)
}

/// A scalar's magnitude for `min`/`max` and `allowed`: (type, number),
/// durations in seconds.
fn magnitude(value: &Value<'_>) -> Option<(u8, i64)> {
    match value.kind {
        ValueKind::Int(n) => Some((NUMBER, n)),
        ValueKind::Duration(n, unit) => Some((DURATION, n.saturating_mul(unit.seconds()))),
        ValueKind::Percent(n) => Some((PERCENTAGE, n)),
        _ => None,
    }
}

/// Whether two literal scalars are the same value (`3h` is `180m`).
fn same(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Str(x), ValueKind::Str(y)) => x.value == y.value,
        (ValueKind::Bool(x), ValueKind::Bool(y)) => x == y,
        _ => magnitude(a).is_some() && magnitude(a) == magnitude(b),
    }
}

/// A value as it would be written, shortened, for messages.
pub fn show(value: &Value<'_>) -> String {
    let text = match &value.kind {
        ValueKind::Str(s) => format!("\"{}\"", s.value),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Duration(n, unit) => format!("{n}{}", unit.suffix()),
        ValueKind::Percent(n) => format!("{n}%"),
        ValueKind::Bool(b) => b.to_string(),
        other => other.describe().to_string(),
    };
    crate::diagnostic::shorten(&text)
}

/// A declared parameter.
#[derive(Debug)]
pub struct Param<'s> {
    /// Its name.
    pub name: Ident<'s>,
    /// The types it takes (0 when `type` did not check: the parameter is
    /// then not checked further, and its uses are silent).
    kinds: u8,
    /// The `type` value.
    ty: Span,
    default: Option<Value<'s>>,
    allowed: Option<(Vec<Value<'s>>, Span)>,
    min: Option<Value<'s>>,
    max: Option<Value<'s>>,
    description: Option<String>,
    /// A `default` is written (even one that did not check, reported):
    /// a missing value is then not reported again.
    default_written: bool,
}

impl Param<'_> {
    /// Whether a `--set` text is taken as it is (a string parameter).
    fn takes_text(&self) -> bool {
        self.kinds == STRING
    }
}

/// A setting from a values file or the command line.
#[derive(Debug)]
pub struct Setting<'s> {
    /// The name set.
    pub name: Ident<'s>,
    /// The value (None when it was refused, already reported).
    pub value: Option<Value<'s>>,
}

/// A parameter's value, when it has one that checked.
#[derive(Debug)]
pub struct Resolved<'s> {
    /// The value (None when it is missing or wrong, already reported).
    pub value: Option<Value<'s>>,
}

/// Takes the `param` blocks out of the program's top level and reads them.
/// The names of declarations refused (reported) are in `refused`: their
/// uses stay quiet.
pub fn declare<'s>(
    program: &mut [File<'s>],
    refused: &mut Vec<&'s str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param<'s>> {
    let mut blocks = Vec::new();
    for file in program.iter_mut() {
        if !file
            .items
            .iter()
            .any(|i| matches!(i, Item::Block(b) if is_param(b)))
        {
            continue;
        }
        let items = std::mem::take(&mut file.items);
        for item in items {
            match item {
                Item::Block(b) if is_param(&b) => blocks.push(b),
                other => file.items.push(other),
            }
        }
    }
    if blocks.is_empty() {
        return Vec::new();
    }
    // Every block name of the program, which a parameter may not take.
    let mut taken: HashMap<&'s str, (&'static str, Span)> = HashMap::new();
    for file in program.iter() {
        for item in &file.items {
            if let Item::Block(b) = item {
                note_names(b, &mut taken, 0);
            }
        }
    }
    let mut params: Vec<Param<'s>> = Vec::with_capacity(blocks.len());
    let mut seen: HashMap<&'s str, Span> = HashMap::new();
    for block in blocks {
        let Some(name) = block.name else {
            diags.push(errors::invalid_parameter(
                block.kind.span,
                "a parameter needs a name",
                "write `param NAME { type = string }`",
            ));
            continue;
        };
        if BUILT_IN.contains(&name.text) {
            refused.push(name.text);
            diags.push(errors::name_taken(
                name.span,
                name.text,
                "a built-in setting (set it at the top level, in a values file or with `--set`)",
                None,
            ));
            continue;
        }
        if let Some(first) = seen.get(name.text) {
            diags.push(errors::name_taken(
                name.span,
                name.text,
                "a parameter",
                Some(*first),
            ));
            continue;
        }
        if let Some((kind, at)) = taken.get(name.text) {
            refused.push(name.text);
            diags.push(errors::name_taken(
                name.span,
                name.text,
                &format!("the name of a {kind}"),
                Some(*at),
            ));
            continue;
        }
        seen.insert(name.text, name.span);
        if block.broken {
            // Its body did not parse (reported): known, never checked.
            params.push(Param {
                name,
                kinds: 0,
                ty: name.span,
                default: None,
                allowed: None,
                min: None,
                max: None,
                description: None,
                default_written: false,
            });
            continue;
        }
        params.push(read(*block, name, diags));
    }
    params
}

/// Whether a block is a `param` block.
fn is_param(block: &Block<'_>) -> bool {
    Kind::parse(block.kind.text) == Some(Kind::Param)
}

/// Records the names of a block and its children (roles, windows, targets,
/// tasks), with their kinds.
fn note_names<'s>(
    block: &Block<'s>,
    taken: &mut HashMap<&'s str, (&'static str, Span)>,
    depth: usize,
) {
    if let Some(name) = block.name {
        let kind = match Kind::parse(block.kind.text) {
            Some(
                kind @ (Kind::Role | Kind::Window | Kind::Target | Kind::Task | Kind::Template),
            ) => kind.as_str(),
            Some(
                Kind::Top
                | Kind::RunCommand
                | Kind::Automation
                | Kind::Lambda
                | Kind::StepFunctions
                | Kind::Param
                | Kind::Document,
            )
            | None => "block",
        };
        taken.entry(name.text).or_insert((kind, name.span));
    }
    if depth == 0 {
        for item in &block.items {
            if let Item::Block(child) = item {
                note_names(child, taken, depth + 1);
            }
        }
    }
}

/// Reads a `param` block's fields.
fn read<'s>(block: Block<'s>, name: Ident<'s>, diags: &mut Vec<Diagnostic>) -> Param<'s> {
    let mut fields: HashMap<&str, (Ident<'s>, Value<'s>)> = HashMap::new();
    for item in block.items {
        match item {
            Item::Assignment(a) => {
                if !FIELDS.contains(&a.key.text) {
                    let suggestion = Suggester::new(FIELDS).suggest(a.key.text);
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownField,
                            a.key.span,
                            format!("unknown field `{}` in a `param` block", a.key.text),
                        )
                        .label("not a field of `param`")
                        .help(match suggestion {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!(
                                "the fields of `param` are {}",
                                FIELDS.map(|f| format!("`{f}`")).join(", ")
                            ),
                        }),
                    );
                    continue;
                }
                if let Some((first, _)) = fields.get(a.key.text) {
                    diags.push(check_errors::duplicate_field(&a.key, first.span));
                    continue;
                }
                fields.insert(a.key.text, (a.key, a.value));
            }
            Item::Import(i) => diags.push(errors::invalid_parameter(
                i.span,
                "an `import` inside a `param` block",
                "imports stand at the top level of a file",
            )),
            Item::For(f) => diags.push(errors::invalid_parameter(
                f.header,
                "a comprehension inside a `param` block",
                "a `param` block holds only the fields `type`, `default`, `allowed`, `min`, `max` and `description`",
            )),
            Item::Block(b) => diags.push(errors::invalid_parameter(
                b.kind.span,
                format!("a `{}` block inside a `param` block", b.kind.text),
                "a `param` block holds only the fields `type`, `default`, `allowed`, `min`, `max` and `description`",
            )),
        }
    }
    let mut param = Param {
        name,
        kinds: 0,
        ty: name.span,
        default: None,
        allowed: None,
        min: None,
        max: None,
        description: None,
        default_written: fields.contains_key("default"),
    };
    match fields.remove("type") {
        None if !block.partial => diags.push(
            Diagnostic::new(
                Code::MissingField,
                name.span,
                format!(
                    "parameter `{}` is missing the required field `type`",
                    name.text
                ),
            )
            .label("needs `type`")
            .help("write `type = string` (or number, duration, percentage, boolean, list, map)"),
        ),
        None => {}
        Some((_, ty)) => {
            param.ty = ty.span;
            param.kinds = read_type(&ty, diags);
        }
    }
    if let Some((_, d)) = fields.remove("description") {
        match &d.kind {
            ValueKind::Str(s) => param.description = Some(s.value.to_string()),
            _ => diags.push(errors::invalid_parameter(
                d.span,
                "`description` takes a string",
                "write `description = \"...\"`",
            )),
        }
    }
    let kinds = param.kinds;
    let literal = |field: &str, v: &Value<'_>, diags: &mut Vec<Diagnostic>| {
        if is_literal(v) {
            return true;
        }
        diags.push(errors::invalid_parameter(
            v.span,
            format!("`{field}` takes a value as written, not a name or `${{...}}`"),
            "parameters are set from outside the program; write the value itself",
        ));
        false
    };
    if let Some((_, d)) = fields.remove("default")
        && literal("default", &d, diags)
        && (kinds == 0 || fits(&param, &d, diags))
    {
        param.default = Some(d);
    }
    if let Some((key, a)) = fields.remove("allowed") {
        match a.kind {
            ValueKind::List(items) if kinds & (LIST | MAP) == 0 => {
                let mut ok = true;
                for item in &items {
                    ok &= literal("allowed", item, diags) && (kinds == 0 || fits(&param, item, diags));
                }
                if ok {
                    param.allowed = Some((items, key.span.to(a.span)));
                }
            }
            ValueKind::List(_) => diags.push(errors::invalid_parameter(
                key.span,
                "`allowed` applies to strings, numbers, durations, percentages and booleans, not to lists and maps",
                "remove `allowed`, or make the parameter a string, number, duration, percentage or boolean",
            )),
            _ => diags.push(errors::invalid_parameter(
                a.span,
                "`allowed` takes a list of the values the parameter may take",
                "write `allowed = [\"dev\", \"prod\"]`",
            )),
        }
    }
    for bound in ["min", "max"] {
        let Some((key, v)) = fields.remove(bound) else {
            continue;
        };
        match magnitude(&v) {
            Some((kind, _)) if kinds == 0 || kinds & kind != 0 => {
                if bound == "min" {
                    param.min = Some(v);
                } else {
                    param.max = Some(v);
                }
            }
            _ => diags.push(errors::invalid_parameter(
                key.span.to(v.span),
                format!(
                    "`{bound}` takes {}{}",
                    if kinds & ORDERED != 0 {
                        describe(kinds & ORDERED)
                    } else {
                        "a number, duration or percentage".to_string()
                    },
                    if kinds != 0 && kinds & ORDERED == 0 {
                        format!(", and applies only to them, not to {}", describe(kinds))
                    } else {
                        String::new()
                    }
                ),
                "`min` and `max` bound numbers, durations and percentages: write `min = 1h`",
            )),
        }
    }
    if let (Some(min), Some(max)) = (&param.min, &param.max)
        && let (Some((a, x)), Some((b, y))) = (magnitude(min), magnitude(max))
        && a == b
        && x > y
    {
        diags.push(
            errors::invalid_parameter(
                min.span,
                format!("`min` ({}) is above `max` ({})", show(min), show(max)),
                "no value could be set: swap them",
            )
            .with_label(max.span, "`max`"),
        );
        param.min = None;
        param.max = None;
    }
    // A default must obey the parameter's own rules.
    if let Some(d) = &param.default
        && let Err(e) = obey(&param, d)
    {
        diags.push(*e);
        param.default = None;
    }
    param
}

/// Reads `type`: a name, or a list of names for a union.
fn read_type(ty: &Value<'_>, diags: &mut Vec<Diagnostic>) -> u8 {
    let one = |v: &Value<'_>, diags: &mut Vec<Diagnostic>| -> u8 {
        let name = match &v.kind {
            ValueKind::Ref(path) if path.len() == 1 => path[0].text,
            ValueKind::Str(s) => &*s.value,
            _ => "",
        };
        match TYPES.iter().find(|t| t.0 == name) {
            Some(t) => t.1,
            None => {
                // Other languages' names for the same types.
                let alias = match name {
                    "bool" => Some("boolean"),
                    "str" | "text" => Some("string"),
                    "int" | "integer" | "float" => Some("number"),
                    "percent" => Some("percentage"),
                    "array" => Some("list"),
                    "object" | "dict" | "record" => Some("map"),
                    _ => None,
                };
                let suggestion = alias.or_else(|| Suggester::new(TYPES.map(|t| t.0)).suggest(name));
                diags.push(errors::invalid_parameter(
                    v.span,
                    format!("`{}` is not a type", crate::diagnostic::shorten(name)),
                    &match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "the types are string, number, duration, percentage, boolean, list and map".to_string(),
                    },
                ));
                0
            }
        }
    };
    match &ty.kind {
        ValueKind::List(items) => {
            let mut kinds = 0;
            for item in items {
                let k = one(item, diags);
                if k == 0 {
                    return 0;
                }
                if k & UNITED == 0 {
                    diags.push(errors::invalid_parameter(
                        item.span,
                        format!("{} cannot be one of several types", describe(k)),
                        "a parameter of several types combines numbers, durations, percentages and booleans (such as `[number, percentage]` for rate control); a string, list or map stands alone",
                    ));
                    return 0;
                }
                kinds |= k;
            }
            if kinds == 0 {
                diags.push(errors::invalid_parameter(
                    ty.span,
                    "`type` lists no type",
                    "write `type = string`, or `type = [number, percentage]`",
                ));
            }
            kinds
        }
        _ => one(ty, diags),
    }
}

/// Whether a literal is of the parameter's type (reported when not).
fn fits(param: &Param<'_>, value: &Value<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let kind = kind_of(value);
    if kind & param.kinds != 0 {
        return true;
    }
    if matches!(value.kind, ValueKind::Invalid) {
        return false;
    }
    diags.push(errors::wrong_type(
        value.span,
        param.name.text,
        &describe(param.kinds),
        value.kind.describe(),
        Some(param.ty),
        &example(param.kinds),
    ));
    false
}

/// Whether a value of the right type obeys `allowed`, `min` and `max`.
fn obey(param: &Param<'_>, value: &Value<'_>) -> Result<(), Box<Diagnostic>> {
    if let Some((allowed, span)) = &param.allowed
        && !allowed.iter().any(|a| same(a, value))
    {
        let choices: Vec<String> = allowed.iter().map(show).collect();
        return Err(Box::new(errors::not_allowed(
            value.span,
            param.name.text,
            &show(value),
            format!("it takes one of {}", choices.join(", ")),
            *span,
        )));
    }
    let Some((kind, n)) = magnitude(value) else {
        return Ok(());
    };
    for (bound, below) in [(&param.min, true), (&param.max, false)] {
        let Some(b) = bound else { continue };
        let Some((bk, bn)) = magnitude(b) else {
            continue;
        };
        if bk == kind && ((below && n < bn) || (!below && n > bn)) {
            return Err(Box::new(errors::not_allowed(
                value.span,
                param.name.text,
                &show(value),
                format!(
                    "it is {} {}",
                    if below {
                        "below the minimum"
                    } else {
                        "above the maximum"
                    },
                    show(b)
                ),
                b.span,
            )));
        }
    }
    Ok(())
}

/// The settings, in order of precedence (later wins): the values files in
/// order, then the command line.
pub fn settings<'s>(
    values: &[File<'s>],
    command_line: Option<&'s SourceFile>,
    params: &[Param<'s>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Setting<'s>> {
    let mut out = Vec::new();
    for file in values {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for item in &file.items {
            match item {
                Item::Block(b) => diags.push(errors::invalid_setting(
                    b.kind.span,
                    format!(
                        "a values file holds settings, not a `{}` block",
                        b.kind.text
                    ),
                    "write one `NAME = value` per parameter",
                )),
                Item::Import(i) => diags.push(errors::invalid_setting(
                    i.span,
                    "a values file holds settings, not imports",
                    "write one `NAME = value` per parameter",
                )),
                Item::For(f) => diags.push(errors::invalid_setting(
                    f.header,
                    "a values file holds settings, not a comprehension",
                    "write one `NAME = value` per parameter",
                )),
                Item::Assignment(a) => {
                    if let Some(first) = seen.get(a.key.text) {
                        diags.push(
                            Diagnostic::new(
                                Code::DuplicateField,
                                a.key.span,
                                format!("`{}` is set twice in this values file", a.key.text),
                            )
                            .label("set again here")
                            .with_label(*first, "first set here")
                            .help("keep one of the two"),
                        );
                        continue;
                    }
                    seen.insert(a.key.text, a.key.span);
                    let literal = is_literal(&a.value);
                    if !literal {
                        let text_param = params
                            .iter()
                            .find(|p| p.name.text == a.key.text)
                            .is_none_or(|p| p.kinds & STRING != 0);
                        let help = match &a.value.kind {
                            ValueKind::Ref(path) if text_param => {
                                let text: Vec<&str> = path.iter().map(|p| p.text).collect();
                                format!("a string is written in quotes: `\"{}\"`", text.join("."))
                            }
                            _ => "write the value itself (`$${` writes a literal `${`)".to_string(),
                        };
                        diags.push(errors::invalid_setting(
                            a.value.span,
                            "a values file holds values as written, not names or `${...}`",
                            &help,
                        ));
                    }
                    out.push(Setting {
                        name: a.key,
                        value: literal.then(|| a.value.clone()),
                    });
                }
            }
        }
    }
    if let Some(source) = command_line {
        command_line_settings(source, params, &mut out, diags);
    }
    out
}

/// Reads the `<command line>` source: a line `--set NAME=VALUE` each.
fn command_line_settings<'s>(
    source: &'s SourceFile,
    params: &[Param<'s>],
    out: &mut Vec<Setting<'s>>,
    diags: &mut Vec<Diagnostic>,
) {
    let file = source.id();
    let text = source.text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches('\n');
        let Some(arg) = line.strip_prefix(SETTING_PREFIX) else {
            continue;
        };
        let arg_start = start + SETTING_PREFIX.len();
        let whole = Span::new(file, arg_start, arg_start + arg.len());
        let Some((name, value)) = arg.split_once('=') else {
            diags.push(errors::invalid_setting(
                whole,
                format!("`--set {arg}` is not NAME=VALUE"),
                "write `--set NAME=VALUE`, such as `--set env=prod`",
            ));
            continue;
        };
        let name_span = Span::new(file, arg_start, arg_start + name.len());
        let value_start = arg_start + name.len() + 1;
        let value_span = Span::new(file, value_start, value_start + value.len());
        if !crate::syntax::interp::is_name(name) {
            diags.push(errors::invalid_setting(
                name_span,
                format!(
                    "`{}` is not a parameter name",
                    crate::diagnostic::shorten(name)
                ),
                "write `--set NAME=VALUE`, such as `--set env=prod`",
            ));
            continue;
        }
        let param = params.iter().find(|p| p.name.text == name);
        let as_text = param.is_none_or(Param::takes_text);
        let value = if as_text {
            // Taken as it is, no escapes; quotes around the whole text (a
            // shell's, kept by a second pair) are not part of it.
            let (text, span) = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => (
                    inner,
                    Span::new(file, value_start + 1, value_start + 1 + inner.len()),
                ),
                None => (value, value_span),
            };
            Some(Value {
                kind: ValueKind::Str(Str::plain(Cow::Borrowed(text), span)),
                span,
            })
        } else if value.is_empty() {
            diags.push(errors::invalid_setting(
                name_span.to(value_span),
                format!("`--set {name}=` gives no value"),
                "write the value after the `=`, such as `--set hours=4h`",
            ));
            None
        } else {
            match crate::syntax::parse_value(file, value, value_start) {
                Some((v, parsed)) if parsed.is_empty() && is_literal(&v) => Some(v),
                Some((_, parsed)) if !parsed.is_empty() => {
                    diags.extend(parsed);
                    None
                }
                _ => {
                    diags.push(errors::invalid_setting(
                        value_span,
                        format!("`{}` is not a value", crate::diagnostic::shorten(value)),
                        "write the value as in a program: `4h`, `25%`, `true`, `[\"a\", \"b\"]`, `{ key = \"value\" }` (a string parameter takes the text as it is)",
                    ));
                    None
                }
            }
        };
        out.push(Setting {
            name: Ident {
                text: name,
                span: name_span,
            },
            value,
        });
    }
}

/// Each parameter's value; reports unknown settings, missing values and
/// values that do not obey their parameter.
pub fn resolve<'s>(
    params: &[Param<'s>],
    settings: &[Setting<'s>],
    diags: &mut Vec<Diagnostic>,
) -> HashMap<&'s str, Resolved<'s>> {
    let mut last: HashMap<&str, &Setting<'s>> = HashMap::new();
    let known: HashMap<&str, &Param<'s>> = params.iter().map(|p| (p.name.text, p)).collect();
    let mut names: Option<Suggester<'_>> = None;
    for setting in settings {
        let name = setting.name.text;
        if known.contains_key(name) || BUILT_IN.contains(&name) {
            last.insert(name, setting);
            continue;
        }
        let names = names.get_or_insert_with(|| {
            Suggester::new(params.iter().map(|p| p.name.text).chain(BUILT_IN))
        });
        let suggestion = names.suggest(name);
        let declared: Vec<&str> = params.iter().map(|p| p.name.text).collect();
        diags.push(errors::unknown_parameter(
            setting.name.span,
            name,
            suggestion,
            &declared,
        ));
    }
    let mut out = HashMap::with_capacity(params.len());
    for param in params {
        let value = match last.get(param.name.text) {
            Some(Setting { value: Some(v), .. }) if param.kinds != 0 => (fits(param, v, diags)
                && obey(param, v).map_err(|e| diags.push(*e)).is_ok())
            .then(|| v.clone()),
            Some(_) => None,
            None => {
                if !param.default_written && param.kinds != 0 {
                    diags.push(errors::without_value(
                        param.name.span,
                        param.name.text,
                        param.description.as_deref(),
                    ));
                }
                // A parameter whose type did not check has no value: its
                // uses stay quiet.
                if param.kinds == 0 {
                    None
                } else {
                    param.default.clone()
                }
            }
        };
        out.insert(param.name.text, Resolved { value });
    }
    out
}

/// Puts the last setting of `account`, `region` and `partition` into the
/// program's top level (in place of what the program writes, if anything).
pub fn apply_built_in<'s>(program: &mut [File<'s>], settings: &[Setting<'s>]) {
    for name in BUILT_IN {
        let Some(setting) = settings.iter().rev().find(|s| s.name.text == name) else {
            continue;
        };
        let written = program.iter_mut().find_map(|f| {
            f.items.iter_mut().find_map(|i| match i {
                Item::Assignment(a) if a.key.text == name => Some(a),
                _ => None,
            })
        });
        let value = setting.value.clone().unwrap_or(Value {
            kind: ValueKind::Invalid,
            span: setting.name.span,
        });
        match written {
            Some(a) => a.value = value,
            None => {
                if let Some(first) = program.first_mut() {
                    first.items.push(assignment(setting.name, value));
                }
            }
        }
    }
}
