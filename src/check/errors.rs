//! All wording of the checker's diagnostics. Checks call these constructors
//! and never format messages themselves.

use super::zones::{Clocks, Kind, Legacy, Meant, Minutes};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Code, Diagnostic, shorten};
use crate::model::Text;
use crate::schema::{self, ALL_BLOCKS, BlockSchema, Field, Kind as BlockKind, Limits, Type};
use crate::source::Span;
use crate::suggest::{did_you_mean, one_of};
use crate::syntax::ast::{Block, Ident, TimeUnit, ValueKind};

/// The span of a block's header: its kind through its name or label.
pub fn header_span(block: &Block<'_>) -> Span {
    let end = block
        .label
        .as_ref()
        .map(|l| l.span)
        .or(block.name.map(|n| n.span))
        .unwrap_or(block.kind.span);
    block.kind.span.to(end)
}

/// How a block is named in messages: "window `Nightly`", "`run_command`".
pub fn block_title(block: &Block<'_>) -> String {
    match &block.name {
        Some(name) => format!("{} `{}`", block.kind.text, name.text),
        None => format!("`{}`", block.kind.text),
    }
}

/// An example of a field's value, for "add `x = ...`" help.
fn example(field: &Field) -> String {
    let value = match field.ty {
        Type::Hours if field.name == "cutoff" => "1h".to_string(),
        Type::Hours => "3h".to_string(),
        Type::Days => "2d".to_string(),
        Type::Seconds => "600s".to_string(),
        Type::Int => "1".to_string(),
        Type::Bool => "false".to_string(),
        Type::Schedule => "\"cron(0 3 ? * SUN *)\"".to_string(),
        Type::TimeZone => "\"America/New_York\"".to_string(),
        Type::DateTime => "\"2026-01-01T00:00:00Z\"".to_string(),
        Type::RateControl => "1".to_string(),
        Type::StrList | Type::EnumList(_) => "[\"...\"]".to_string(),
        Type::Enum(choices) => format!("\"{}\"", choices.first().copied().unwrap_or("")),
        Type::Record(_) | Type::Tags(_) | Type::TargetTags | Type::Params(_) => {
            "{ ... }".to_string()
        }
        Type::RoleRef => "MyRole".to_string(),
        Type::TaskTargets => "[MyTarget]".to_string(),
        Type::Str | Type::Name | Type::Json | Type::Version => "\"...\"".to_string(),
    };
    format!("{} = {value}", field.name)
}

// ───────────────────────────── Blocks ─────────────────────────────

/// `window { }` without a name.
pub fn missing_block_name(block: &Block<'_>, schema: &BlockSchema) -> Diagnostic {
    Diagnostic::new(
        Code::BlockHeader,
        block.kind.span,
        format!("`{}` needs a name", schema.kind),
    )
    .label("name missing after this")
    .help(format!("write `{} MyName {{ ... }}`", schema.kind))
}

/// `window W "label" { }`.
pub fn unexpected_label(span: Span, schema: &BlockSchema) -> Diagnostic {
    Diagnostic::new(
        Code::BlockHeader,
        span,
        format!("`{}` takes a name, not a string", schema.kind),
    )
    .label("unexpected string")
    .help(format!("write `{} MyName {{ ... }}`", schema.kind))
}

/// `run_command Name { }`.
pub fn unexpected_name(name: Ident<'_>, schema: &BlockSchema, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BlockHeader,
        name.span,
        format!("`{}` takes a quoted {what}, not a name", schema.kind),
    )
    .label("not a string")
    .help(format!(
        "put it in double quotes: `{} \"{}\" {{ ... }}`",
        schema.kind, name.text
    ))
}

/// `run_command { }`.
pub fn missing_label(block: &Block<'_>, schema: &BlockSchema, what: &str) -> Diagnostic {
    let example = match schema.kind {
        BlockKind::RunCommand => "\"AWS-RunPatchBaseline\"",
        BlockKind::Automation => "\"AWS-RestartEC2Instance\"",
        BlockKind::Lambda => "\"SSMMyFunction\"",
        BlockKind::StepFunctions => {
            "\"arn:aws:states:us-east-1:123456789012:stateMachine:SSMMyStateMachine\""
        }
        // Blocks without a label in the schema: never asked for one.
        BlockKind::Top
        | BlockKind::Role
        | BlockKind::Window
        | BlockKind::Target
        | BlockKind::Task
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => "\"...\"",
    };
    Diagnostic::new(
        Code::BlockHeader,
        block.kind.span,
        format!("`{}` needs its {what}", schema.kind),
    )
    .label(format!("{what} missing after this"))
    .help(format!("write `{} {example} {{ ... }}`", schema.kind))
}

/// "in `window`", or "at the top level".
fn place_of(owner: BlockKind) -> String {
    match owner {
        BlockKind::Top => "at the top level".to_string(),
        BlockKind::Role
        | BlockKind::Window
        | BlockKind::Target
        | BlockKind::Task
        | BlockKind::RunCommand
        | BlockKind::Automation
        | BlockKind::Lambda
        | BlockKind::StepFunctions
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => format!("in `{owner}`"),
    }
}

/// The block kinds that have a field with this name.
fn homes_of_field(name: &str) -> Vec<BlockKind> {
    ALL_BLOCKS
        .iter()
        .filter(|b| b.field(name).is_some())
        .map(|b| b.kind)
        .collect()
}

/// A block kind that does not exist here.
pub fn unknown_block(block: &Block<'_>, parent: &BlockSchema) -> Diagnostic {
    let kind = block.kind.text;
    let place = place_of(parent.kind);
    let d = Diagnostic::new(
        Code::UnknownBlock,
        block.kind.span,
        format!("unknown block `{kind}` {place}"),
    )
    .label(format!("not a block {place}"));
    let allowed: Vec<&str> = parent.blocks.iter().map(|b| b.name()).collect();
    // Where a block of this kind belongs; None for a word that is no kind,
    // and for the kinds elaboration takes out (`param`, `template`,
    // `document`), which have no place among the checked blocks.
    let home = BlockKind::parse(kind)
        .filter(|k| ALL_BLOCKS.iter().any(|b| b.kind == *k))
        .map(|k| {
            ALL_BLOCKS
                .iter()
                .find(|p| p.child(k).is_some())
                .map_or(BlockKind::Top, |p| p.kind)
        });
    let help = if let Some(home) = home {
        format!("`{kind}` blocks go {}", home_of(home))
    } else if parent.field(kind).is_some() {
        format!("`{kind}` is a field: write `{kind} = {{ ... }}`")
    } else if let Some(s) = did_you_mean(kind, allowed.iter().copied()) {
        return d
            .help(format!("did you mean `{s}`?"))
            .fix_primary(s, Fix::case_or_maybe(kind, s));
    } else if !allowed.is_empty() {
        format!("blocks allowed {place}: {}", one_of(&allowed))
    } else {
        format!("`{}` has no blocks inside it", parent.kind)
    };
    d.help(help)
}

/// Where blocks whose parent is of kind `parent` go, for "`task` blocks go
/// inside a `window` block".
fn home_of(parent: BlockKind) -> String {
    match parent {
        BlockKind::Top => "at the top level of a file".to_string(),
        BlockKind::Role
        | BlockKind::Window
        | BlockKind::Target
        | BlockKind::Task
        | BlockKind::RunCommand
        | BlockKind::Automation
        | BlockKind::Lambda
        | BlockKind::StepFunctions
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => format!("inside a `{parent}` block"),
    }
}

// ───────────────────────────── Fields ─────────────────────────────

/// What holds a field: a block of some kind, or a record field (`notify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A block (or the top level).
    Block(BlockKind),
    /// A field whose value is a map with fixed keys.
    Record(&'static str),
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Block(kind) => f.write_str(kind.as_str()),
            Owner::Record(name) => f.write_str(name),
        }
    }
}

/// A field the block does not have.
pub fn unknown_field(key: &Ident<'_>, owner: Owner, fields: &[Field]) -> Diagnostic {
    let top = owner == Owner::Block(BlockKind::Top);
    let names: Vec<&str> = fields
        .iter()
        .filter(|f| f.deprecated.is_none())
        .map(|f| f.name)
        .collect();
    let place = match owner {
        Owner::Block(kind) => place_of(kind),
        Owner::Record(name) => format!("in `{name}`"),
    };
    let d = Diagnostic::new(
        Code::UnknownField,
        key.span,
        format!("unknown field `{}` {place}", key.text),
    )
    .label(if top {
        "not a top-level field".to_string()
    } else {
        format!("not a field of `{owner}`")
    });
    let homes = homes_of_field(key.text);
    let help = if let Some(s) = did_you_mean(key.text, names.iter().copied()) {
        return d
            .help(format!("did you mean `{s}`?"))
            .fix_primary(s, Fix::case_or_maybe(key.text, s));
    } else if !homes.is_empty() {
        let blocks: Vec<String> = homes.iter().map(|h| format!("`{h}`")).collect();
        format!("`{}` is a field of {} blocks", key.text, join_and(&blocks))
    } else if let Some(elsewhere) = did_you_mean(
        key.text,
        ALL_BLOCKS
            .iter()
            .flat_map(|b| b.fields.iter().map(|f| f.name)),
    ) {
        let blocks: Vec<String> = homes_of_field(elsewhere)
            .iter()
            .map(|h| format!("`{h}`"))
            .collect();
        format!(
            "did you mean `{elsewhere}`? It is a field of {} blocks",
            join_and(&blocks)
        )
    } else if top {
        format!("the fields at the top level are {}", one_of(&names))
    } else {
        format!("the fields of `{owner}` are {}", one_of(&names))
    };
    d.help(help)
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The same field twice.
pub fn duplicate_field(key: &Ident<'_>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateField,
        key.span,
        format!("field `{}` is set twice", key.text),
    )
    .label("set again here")
    .with_label(first, "first set here")
    .help("remove one of them")
}

/// A deprecated AWS member.
pub fn deprecated_field(key: &Ident<'_>, field: &Field, instead: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DeprecatedField,
        key.span,
        format!("`{}` is deprecated by AWS", key.text),
    )
    .label(format!("sets the deprecated `{}`", field.aws))
    .help(instead.to_string())
}

/// A required field that is missing from `owner` (a block title such as
/// "window `Nightly`", or a map field such as "`output_s3`").
pub fn missing_field(header: Span, owner: &str, field: &Field) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        header,
        format!("{owner} is missing the required field `{}`", field.name),
    )
    .label(format!("needs `{}`", field.name))
    .help(format!(
        "add `{}` ({})",
        example(field),
        lower_first(field.doc.trim_end_matches('.'))
    ))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value of the wrong type; the help rewrites the value as written into
/// one the field takes.
pub fn type_mismatch(span: Span, field: &Field, value: &ValueKind<'_>) -> Diagnostic {
    let found = value.describe();
    let d = Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!(
            "`{}` takes {}, not {found}",
            field.name,
            field.ty.describe()
        ),
    )
    .label(found.to_string());
    match type_help(field, value) {
        Some((h, Some((replacement, applicability)))) => {
            d.help(h).fix_primary(replacement, applicability)
        }
        Some((h, None)) => d.help(h),
        None => d,
    }
}

/// A short rendering of a scalar value as written (strings without their
/// quotes), for help such as "write `3h`".
fn written(kind: &ValueKind<'_>) -> String {
    match kind {
        ValueKind::Str(s) => s.value.to_string(),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Duration(n, unit) => format!("{n}{}", unit.suffix()),
        ValueKind::Percent(n) => format!("{n}%"),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Ref(path) => path.iter().map(|i| i.text).collect::<Vec<_>>().join("."),
        ValueKind::List(_) | ValueKind::Map(_) | ValueKind::Invalid => "...".to_string(),
    }
}

/// A duration written as text (`"1"`, `"3h"`, `"2 hours"`) as a value a
/// field of type `ty` takes: a bare number gets the field's unit, another
/// unit is converted when it comes out whole.
fn duration_value(ty: Type, text: &str) -> Option<String> {
    let text = text.trim();
    let sign = usize::from(text.starts_with('-'));
    let digits = text[sign..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |p| sign + p);
    let n: i64 = text[..digits].parse().ok()?;
    let unit = match text[digits..].trim().to_ascii_lowercase().as_str() {
        "" => None,
        "s" | "sec" | "secs" | "second" | "seconds" => Some(TimeUnit::Seconds),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(TimeUnit::Minutes),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(TimeUnit::Hours),
        "d" | "day" | "days" => Some(TimeUnit::Days),
        _ => return None,
    };
    let want = match ty {
        Type::Hours => TimeUnit::Hours,
        Type::Days => TimeUnit::Days,
        Type::Seconds => return Some(format!("{n}{}", unit.unwrap_or(TimeUnit::Seconds).suffix())),
        _ => return None,
    };
    let Some(unit) = unit else {
        return Some(format!("{n}{}", want.suffix()));
    };
    let seconds = n.checked_mul(unit.seconds())?;
    (seconds % want.seconds() == 0)
        .then(|| format!("{}{}", seconds / want.seconds(), want.suffix()))
}

/// `true` or `false` for a word that means it (`True`, `"FALSE"`, `yes`,
/// `off`, `1`).
fn boolean_meant(word: &str) -> Option<bool> {
    match word.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "enabled" | "enable" | "1" => Some(true),
        "false" | "no" | "n" | "off" | "disabled" | "disable" | "0" => Some(false),
        _ => None,
    }
}

/// The help of [`type_mismatch`]: the user's value in the form the field
/// takes, where there is one, and that value as a fix of the value's text.
fn type_help(
    field: &Field,
    value: &ValueKind<'_>,
) -> Option<(String, Option<(String, Applicability)>)> {
    use Applicability::{Maybe, Safe};
    let name = field.name;
    let bare = written(value);
    let scalar = !matches!(
        value,
        ValueKind::List(_) | ValueKind::Map(_) | ValueKind::Invalid
    );
    // The help, and the value it proposes (with how sure it is).
    let (help, value): (String, Option<(String, Applicability)>) = match (field.ty, value) {
        (Type::Hours | Type::Days | Type::Seconds, ValueKind::Int(n)) => {
            // A bare number in the field's own unit: what AWS reads it as.
            let unit = duration_value(field.ty, &n.to_string()).unwrap_or_default();
            (
                format!("write the unit: `{name} = {unit}`"),
                Some((unit, Safe)),
            )
        }
        (Type::Hours | Type::Days | Type::Seconds, ValueKind::Str(s)) => {
            match duration_value(field.ty, &s.value) {
                Some(d) if s.value.trim() == d => (
                    format!("remove the quotes: `{name} = {d}`"),
                    Some((d, Safe)),
                ),
                Some(d) => (
                    format!("write a duration, without quotes: `{name} = {d}`"),
                    Some((d, Safe)),
                ),
                None => (
                    format!(
                        "write a duration, without quotes, such as `{}`",
                        example(field)
                    ),
                    None,
                ),
            }
        }
        (Type::Hours | Type::Days | Type::Seconds, ValueKind::Percent(n)) => {
            let unit = duration_value(field.ty, &n.to_string()).unwrap_or_default();
            (
                format!("write a unit instead of `%`: `{name} = {unit}`"),
                Some((unit, Maybe)),
            )
        }
        (Type::Hours | Type::Days | Type::Seconds, _) => (
            format!("write a duration, such as `{}`", example(field)),
            None,
        ),
        (Type::Int, ValueKind::Str(s)) => match s.value.trim().parse::<i64>() {
            Ok(n) => (
                format!("remove the quotes: `{name} = {n}`"),
                Some((n.to_string(), Safe)),
            ),
            Err(_) => (
                format!("write a whole number, such as `{}`", example(field)),
                None,
            ),
        },
        (Type::Int, ValueKind::Duration(n, _) | ValueKind::Percent(n)) => (
            format!("write a plain number: `{name} = {n}`"),
            Some((n.to_string(), Maybe)),
        ),
        (Type::Int, _) => (
            format!("write a whole number, such as `{}`", example(field)),
            None,
        ),
        (Type::RateControl, ValueKind::Str(s)) => {
            let text = s.value.trim();
            let number = text.strip_suffix('%').unwrap_or(text);
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                (
                    format!("remove the quotes: `{name} = {text}`"),
                    Some((text.to_string(), Safe)),
                )
            } else {
                (
                    format!(
                        "write a number or a percentage without quotes, such as `{name} = 1` or `{name} = 10%`"
                    ),
                    None,
                )
            }
        }
        (Type::RateControl, ValueKind::Duration(n, _)) => (
            format!("write a number or a percentage: `{name} = {n}` or `{name} = {n}%`"),
            None,
        ),
        (Type::RateControl, _) => (
            format!("write a number or a percentage, such as `{name} = 1` or `{name} = 10%`"),
            None,
        ),
        (Type::Bool, ValueKind::Str(s)) => match boolean_meant(&s.value) {
            Some(b) if s.value == b.to_string() => (
                format!("remove the quotes: `{name} = {b}`"),
                Some((b.to_string(), Safe)),
            ),
            Some(b) if s.value.eq_ignore_ascii_case(&b.to_string()) => (
                format!("write it in lower case, without quotes: `{name} = {b}`"),
                Some((b.to_string(), Safe)),
            ),
            Some(b) => (
                format!("a boolean is `true` or `false`, without quotes: `{name} = {b}`"),
                Some((b.to_string(), Maybe)),
            ),
            None => (
                format!("write `{name} = true` or `{name} = false`, without quotes"),
                None,
            ),
        },
        (Type::Bool, ValueKind::Ref(path)) => match path.as_slice() {
            [word] => match boolean_meant(word.text) {
                Some(b) if word.text.eq_ignore_ascii_case(&b.to_string()) => (
                    format!("booleans are lower case: `{name} = {b}`"),
                    Some((b.to_string(), Safe)),
                ),
                Some(b) => (
                    format!("a boolean is `true` or `false`: `{name} = {b}`"),
                    Some((b.to_string(), Maybe)),
                ),
                None => (format!("write `{name} = true` or `{name} = false`"), None),
            },
            _ => (format!("write `{name} = true` or `{name} = false`"), None),
        },
        (Type::Bool, ValueKind::Int(n)) => match boolean_meant(&n.to_string()) {
            Some(b) => (
                format!("a boolean is `true` or `false`: `{name} = {b}`"),
                Some((b.to_string(), Maybe)),
            ),
            None => (format!("write `{name} = true` or `{name} = false`"), None),
        },
        (Type::Bool, _) => (format!("write `{name} = true` or `{name} = false`"), None),
        (
            Type::Str
            | Type::Name
            | Type::Schedule
            | Type::TimeZone
            | Type::DateTime
            | Type::Enum(_)
            | Type::Version
            | Type::Json,
            _,
        ) if scalar => (
            format!("put the value in double quotes: `{name} = \"{bare}\"`"),
            // A word, a number or a duration in quotes: its text as written.
            Some((crate::syntax::quote(&bare), Safe)),
        ),
        (
            Type::Str
            | Type::Name
            | Type::Schedule
            | Type::TimeZone
            | Type::DateTime
            | Type::Enum(_),
            _,
        ) => (
            format!(
                "write one string in double quotes, such as `{}`",
                example(field)
            ),
            None,
        ),
        (Type::StrList | Type::TaskTargets | Type::EnumList(_), ValueKind::List(_)) => return None,
        (Type::TaskTargets, ValueKind::Ref(_)) => (
            format!("write a list in brackets: `{name} = [{bare}]`"),
            Some((format!("[{bare}]"), Safe)),
        ),
        (Type::StrList | Type::TaskTargets | Type::EnumList(_), _) if scalar => (
            format!("write a list in brackets: `{name} = [\"{bare}\"]`"),
            // A string already in quotes keeps its text; a bare word or
            // number becomes the string it reads as.
            Some((format!("[{}]", crate::syntax::quote(&bare)), Safe)),
        ),
        (Type::StrList | Type::TaskTargets | Type::EnumList(_), _) => (
            format!("write a list in brackets: `{}`", example(field)),
            None,
        ),
        (Type::RoleRef, _) => (
            "name a declared role, or give an existing role's ARN in quotes".to_string(),
            None,
        ),
        (Type::Tags(_) | Type::TargetTags | Type::Params(_) | Type::Record(_), _) => {
            (format!("write a map in braces: `{}`", example(field)), None)
        }
        (Type::Version | Type::Json, _) => return None,
    };
    Some((help, value))
}

/// A list item of the wrong type.
pub fn list_item_type(span: Span, field: &Field, item: &ValueKind<'_>) -> Diagnostic {
    let found = item.describe();
    let d = Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("the items of `{}` are strings, not {found}", field.name),
    )
    .label(found.to_string());
    let scalar = !matches!(
        item,
        ValueKind::List(_) | ValueKind::Map(_) | ValueKind::Invalid
    );
    if field.ty == Type::TaskTargets {
        d.help("name a target of this window, or give an instance id in double quotes")
    } else if scalar {
        d.help(format!(
            "put each item in double quotes: `\"{}\"`",
            written(item)
        ))
    } else {
        d.help("write each item as a string in double quotes")
    }
}

/// A map value of the wrong type (`lists` when the map also takes lists of
/// strings).
pub fn map_value_type(
    span: Span,
    field: &Field,
    key: &str,
    lists: bool,
    value: &ValueKind<'_>,
) -> Diagnostic {
    let found = value.describe();
    let want = if lists {
        "a string or a list of strings"
    } else {
        "a string"
    };
    let key = shown_key(key);
    let help = match value {
        ValueKind::List(_) | ValueKind::Map(_) | ValueKind::Invalid if lists => {
            format!("write a string or a list of strings: `{key} = \"...\"` or `{key} = [\"...\"]`")
        }
        ValueKind::List(_) | ValueKind::Map(_) | ValueKind::Invalid => {
            format!("write one string: `{key} = \"...\"`")
        }
        _ => format!(
            "put the value in double quotes, as AWS passes every value as a string: `{key} = \"{}\"`",
            written(value)
        ),
    };
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("values in `{}` are {want}, not {found}", field.name),
    )
    .label(found.to_string())
    .help(help)
}

/// A map key as it is written: bare when it is a name, else quoted.
fn shown_key(key: &str) -> String {
    let name = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if name {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// A duration in the wrong unit.
pub fn wrong_unit(span: Span, field: &Field, n: i64, unit: TimeUnit, want: TimeUnit) -> Diagnostic {
    let seconds = i128::from(n) * i128::from(unit.seconds());
    let per = i128::from(want.seconds());
    let (noun, whole) = match want {
        TimeUnit::Hours => ("hours", "whole hours"),
        TimeUnit::Days => ("days", "whole days"),
        _ => ("seconds", "seconds"),
    };
    let s = want.suffix();
    let (label, help) = if seconds % per == 0 {
        (
            format!("written in {}", unit_name(unit)),
            format!("write it in {noun}: `{}{s}`", seconds / per),
        )
    } else {
        let down = seconds / per;
        let choice = if down == 0 {
            format!("`{}{s}`", down + 1)
        } else {
            format!("`{down}{s}` or `{}{s}`", down + 1)
        };
        (
            format!("not {whole}"),
            format!("AWS counts {whole}: write {choice}"),
        )
    };
    Diagnostic::new(
        Code::WrongUnit,
        span,
        format!(
            "`{}` is counted in {noun}, not `{n}{}`",
            field.name,
            unit.suffix()
        ),
    )
    .label(label)
    .help(help)
}

fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Seconds => "seconds",
        TimeUnit::Minutes => "minutes",
        TimeUnit::Hours => "hours",
        TimeUnit::Days => "days",
    }
}

/// A number out of range.
pub fn out_of_range(span: Span, what: &str, n: i64, limits: &Limits, unit: &str) -> Diagnostic {
    let (min, max) = limits.range.unwrap_or((i64::MIN, i64::MAX));
    let range = if max == i64::MAX {
        format!("{min}{unit} or more")
    } else {
        format!("from {min}{unit} to {max}{unit}")
    };
    let message = if n == i64::MAX {
        format!("`{what}` is far too large: AWS accepts {range}")
    } else {
        format!("`{what}` is {n}{unit}, but AWS accepts {range}")
    };
    Diagnostic::new(Code::OutOfRange, span, message)
        .label("out of range")
        .help(format!("choose a value {range}"))
}

/// A string too short or too long.
pub fn length(
    text: Text<'_>,
    what: &str,
    len: usize,
    min: u32,
    max: u32,
    unit: &str,
) -> Diagnostic {
    let short = len < min as usize;
    let problem = if short { "too short" } else { "too long" };
    Diagnostic::new(
        Code::LengthOutOfRange,
        text.span,
        format!(
            "`{what}` is {problem}: {}, AWS accepts {min} to {max}",
            plural(len, unit)
        ),
    )
    .label(plural(len, unit))
    .help(if short {
        format!("use at least {}", plural(min as usize, unit))
    } else {
        format!("shorten it to at most {}", plural(max as usize, unit))
    })
}

/// The noun for one item of a list field, and for several.
pub fn item_noun(field: &str) -> (&'static str, &'static str) {
    match field {
        "instances" => ("instance id", "instance ids"),
        "policies" => ("policy ARN", "policy ARNs"),
        "trust" => ("service principal", "service principals"),
        "resource_types" => ("resource type", "resource types"),
        "tag_keys" => ("tag key", "tag keys"),
        "users" => ("user name", "users"),
        "groups" => ("group name", "groups"),
        "roles" => ("role name", "roles"),
        _ => ("item", "items"),
    }
}

/// A concurrency or error threshold AWS does not accept.
pub fn invalid_rate_control(span: Span, field: &str, value: &str) -> Diagnostic {
    let (accepts, example) = if field == "max_errors" {
        (
            "a whole number from 0, or a percentage from 0% to 100%",
            "`max_errors = 1` (stop when a second target fails) or `max_errors = 10%`",
        )
    } else {
        (
            "a whole number from 1, or a percentage from 1% to 100%",
            "`max_concurrency = 1` (one target at a time) or `max_concurrency = 10%`",
        )
    };
    Diagnostic::new(
        Code::InvalidRateControl,
        span,
        format!("`{field}` cannot be `{value}`"),
    )
    .label(format!("AWS accepts {accepts}, in at most 7 characters"))
    .help(format!("write, for example, {example}"))
}

/// What a pattern means, in words, for the patterns people meet most.
fn pattern_words(pattern: &str) -> Option<&'static str> {
    Some(match pattern {
        schema::INSTANCE_ID => {
            "an instance id such as `i-0123456789abcdef0`, or a managed node id such as `mi-0123456789abcdef0`"
        }
        schema::ROLE_ARN => "a role ARN such as `arn:aws:iam::123456789012:role/MyRole`",
        schema::STATE_MACHINE_ARN => {
            "a state machine ARN such as `arn:aws:states:us-east-1:123456789012:stateMachine:SSMMyStateMachine`"
        }
        schema::LAMBDA_FUNCTION => {
            "a function name, or a function ARN such as `arn:aws:lambda:us-east-1:123456789012:function:SSMMyFunction`"
        }
        schema::DOCUMENT => {
            "a document name of 3 to 128 letters, digits, `_`, `-` and `.`, or a document ARN"
        }
        schema::TOPIC_ARN => {
            "an SNS topic ARN such as `arn:aws:sns:us-east-1:123456789012:patching`"
        }
        schema::POLICY_ARN => {
            "a managed policy ARN such as `arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole`"
        }
        schema::SERVICE_PRINCIPAL => "a service principal such as `ssm.amazonaws.com`",
        schema::RESOURCE_TYPE => "a resource type such as `AWS::EC2::Instance`",
        r"^\d{12}$" => "a 12-digit account id",
        r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$" => "a Region such as `us-east-1`",
        r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$" => {
            "a number from 1 (no leading zero) or a percentage from 1% to 100%"
        }
        r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$" => {
            "a number from 0 (no leading zero) or a percentage from 0% to 100%"
        }
        r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)" => {
            "`$LATEST`, `$DEFAULT` or a version number from 1"
        }
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"
        | r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+"
        | r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*" => "letters, digits, spaces and `_ . : / = + - @`",
        r"[\w+=,.@-]+" => "letters, digits and `_ + = , . @ -`",
        r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)" => {
            "a path that starts and ends with `/`, such as `/maintenance/`"
        }
        _ => return None,
    })
}

/// A string that does not match AWS's pattern.
pub fn pattern(text: Text<'_>, what: &str, pattern: &str) -> Diagnostic {
    let d = Diagnostic::new(
        Code::PatternMismatch,
        text.span,
        format!("`{}` is not a valid {what}", shorten(text.value)),
    );
    match pattern_words(pattern) {
        Some(words) => d
            .label(format!("expected {words}"))
            .help(format!("AWS's pattern: `{pattern}`")),
        None => d
            .label("does not match AWS's pattern")
            .help(format!("AWS accepts values matching `{pattern}`")),
    }
}

/// A name too short or too long. `written` when it comes from `name = "..."`.
pub fn name_length(
    text: Text<'_>,
    what: &str,
    len: usize,
    min: u32,
    max: u32,
    written: bool,
) -> Diagnostic {
    let problem = if len < min as usize {
        "too short"
    } else {
        "too long"
    };
    let help = if written {
        format!("use a name of {min} to {max} characters")
    } else {
        format!(
            "rename it to {min} to {max} characters, or set `name = \"...\"` to the name AWS should use"
        )
    };
    Diagnostic::new(
        Code::InvalidName,
        text.span,
        format!(
            "{what} `{}` is {problem}: AWS names have {min} to {max} characters",
            shorten(text.value)
        ),
    )
    .label(plural(len, "character"))
    .help(help)
}

/// A name with a character AWS does not allow.
pub fn name_pattern(text: Text<'_>, what: &str, pattern: &str, verbatim: bool) -> Diagnostic {
    let allowed = if pattern.contains("a-zA-Z0-9_") {
        "letters, digits, `_`, `-` and `.`"
    } else {
        "letters, digits and `_ + = , . @ -`"
    };
    let bad = text.value.char_indices().find(|(_, c)| {
        let mut buf = [0u8; 4];
        !crate::patterns::matches(r"[\w+=,.@-]+", c.encode_utf8(&mut buf))
            || (pattern.contains("a-zA-Z0-9_") && matches!(c, '+' | '=' | ',' | '@'))
    });
    let span = match (bad, verbatim) {
        (Some((i, c)), true) => text.span.sub(1 + i, 1 + i + c.len_utf8()),
        _ => text.span,
    };
    let label = match bad {
        Some((_, c)) if c.is_control() || c.is_whitespace() => {
            format!("`{}` is not allowed", c.escape_default())
        }
        Some((_, c)) => format!("`{c}` is not allowed"),
        None => "not a valid name".to_string(),
    };
    Diagnostic::new(
        Code::InvalidName,
        span,
        format!(
            "{what} `{}` has a character AWS does not allow",
            shorten(text.value)
        ),
    )
    .label(label)
    .help(format!("AWS allows {allowed}"))
}

/// Too many or too few items.
pub fn item_count(
    span: Span,
    what: &str,
    count: usize,
    min: u32,
    max: u32,
    noun: &str,
) -> Diagnostic {
    let (problem, limit) = if count > max as usize {
        ("too many", format!("at most {max}"))
    } else {
        ("too few", format!("at least {min}"))
    };
    Diagnostic::new(
        Code::ItemCount,
        span,
        format!("`{what}` has {problem} {noun}: {count}, AWS accepts {limit}"),
    )
    .label(format!("{count} {noun}"))
    .help(if count > max as usize {
        format!("keep at most {max}; to cover more, split them across several declarations")
    } else if min == 1 {
        format!("give at least one, or remove `{what}`")
    } else {
        format!("give at least {min}")
    })
}

/// Not one of the allowed strings.
pub fn invalid_choice(text: Text<'_>, what: &str, choices: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(
        Code::InvalidEnumValue,
        text.span,
        format!("`{}` is not a valid `{what}`", text.value),
    )
    .label(format!("expected {}", one_of(choices)));
    match did_you_mean(text.value, choices.iter().copied()) {
        Some(s) => d
            .help(format!("did you mean `\"{s}\"`?"))
            .fix_primary(format!("\"{s}\""), Fix::case_or_maybe(text.value, s)),
        None => d.help(format!("choose one of {}", one_of(choices))),
    }
}

/// The same key twice in a map.
pub fn duplicate_key(key: Text<'_>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateKey,
        key.span,
        format!("key `{}` appears twice in the map", key.value),
    )
    .label("repeated here")
    .with_label(first, "first here")
    .help("remove one of them; to give a key several values, write a list")
}

/// The same item twice in a list.
pub fn duplicate_item(item: Text<'_>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateItem,
        item.span,
        format!("`{}` is listed twice", shorten(item.value)),
    )
    .label("listed again here")
    .with_label(first, "first listed here")
    .help("remove the repeat")
}

/// A role string that is not a role ARN.
pub fn not_a_role_arn(text: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::PatternMismatch,
        text.span,
        format!("`{}` is not an IAM role ARN", text.value),
    )
    .label("expected a role ARN such as `arn:aws:iam::123456789012:role/MyRole`")
    .help("to use a role declared in this program, write its name without quotes")
}

// ───────────────────────────── Names ─────────────────────────────

/// Two declarations with one name.
pub fn duplicate_name(
    kind: BlockKind,
    name: Ident<'_>,
    first: Span,
    scope: Option<&str>,
) -> Diagnostic {
    let place = scope.map_or(String::new(), |w| format!(" in window `{w}`"));
    Diagnostic::new(
        Code::DuplicateName,
        name.span,
        format!("{kind} `{}` is declared twice{place}", name.text),
    )
    .label("declared again here")
    .with_label(first, "first declared here")
    .help(format!(
        "rename one of them; {kind} names must be unique{}",
        if scope.is_some() {
            " within a window"
        } else {
            ""
        }
    ))
}

/// Two roles or two windows whose names differ only by case: their output
/// files would be one on a case-insensitive file system.
pub fn names_equal_ignoring_case(kind: BlockKind, name: Ident<'_>, first: Ident<'_>) -> Diagnostic {
    let files = match kind {
        BlockKind::Role => format!("`iam/{}.*.json`", name.text),
        // Only roles and windows name output files.
        BlockKind::Window
        | BlockKind::Top
        | BlockKind::Target
        | BlockKind::Task
        | BlockKind::RunCommand
        | BlockKind::Automation
        | BlockKind::Lambda
        | BlockKind::StepFunctions
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => format!(
            "`cloudformation/{}.json` (when the template is split)",
            name.text
        ),
    };
    Diagnostic::new(
        Code::NamesEqualIgnoringCase,
        name.span,
        format!(
            "{kind} `{}` differs from {kind} `{}` only by case",
            name.text, first.text
        ),
    )
    .label("differs only by case")
    .with_label(first.span, "declared here")
    .help(format!(
        "their output files, such as {files}, would be one file on a case-insensitive file system (macOS, Windows); rename one, for example `{}2`",
        name.text
    ))
}

/// Two roles whose IAM names collide.
pub fn duplicate_role_name(name: Text<'_>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateAwsName,
        name.span,
        format!("IAM role name `{}` is used by two roles", name.value),
    )
    .label("same IAM name")
    .with_label(first, "also used here")
    .help("IAM role names are unique per account and compared without regard to case; set `name` to tell them apart")
}

/// A reference to nothing. `suggestion` is the declared name closest to
/// it; `declared` every name of the kind in scope, sorted (listed when there
/// are only a few).
pub fn unresolved(
    span: Span,
    kind: BlockKind,
    name: &str,
    suggestion: Option<&str>,
    declared: &[&str],
    scope: Option<&str>,
) -> Diagnostic {
    let place = scope.map_or(String::new(), |w| format!(" in window `{w}`"));
    let d = Diagnostic::new(
        Code::UnresolvedReference,
        span,
        format!("no {kind} named `{name}`{place}"),
    )
    .label(format!("not a declared {kind}"));
    match suggestion {
        Some(s) => d
            .help(format!("did you mean `{s}`?"))
            .fix_primary(s, Applicability::Maybe),
        None if declared.is_empty() => {
            d.help(format!("declare a `{kind}` block named `{name}`{place}"))
        }
        None if declared.len() <= 6 => d.help(format!("declared: {}", one_of(declared))),
        None => d,
    }
}

/// A reference to something of another kind.
pub fn wrong_kind(
    span: Span,
    name: &str,
    want: BlockKind,
    found: BlockKind,
    declared: Span,
) -> Diagnostic {
    let help = match want {
        BlockKind::Role => {
            "`role` names a `role` block, or an existing role by its ARN in quotes".to_string()
        }
        BlockKind::Target => {
            "`targets` names `target` blocks of the task's own window, or instance ids in quotes"
                .to_string()
        }
        BlockKind::Top
        | BlockKind::Window
        | BlockKind::Task
        | BlockKind::RunCommand
        | BlockKind::Automation
        | BlockKind::Lambda
        | BlockKind::StepFunctions
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => format!("name a `{want}` here"),
    };
    Diagnostic::new(
        Code::WrongKindReference,
        span,
        format!("`{name}` is a {found}, not a {want}"),
    )
    .label(format!("expected a {want}"))
    .with_label(declared, format!("`{name}` is declared here as a {found}"))
    .help(help)
}

/// A reference path of the wrong shape (`A.B.C`).
pub fn bad_path(span: Span, shown: &str, want: BlockKind, forms: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnresolvedReference,
        span,
        format!("`{shown}` is not a {want} reference"),
    )
    .label(format!("not a {want}"))
    .help(format!("a {want} is named {forms}"))
}

/// A task aimed at another window's target.
pub fn foreign_target(
    span: Span,
    name: &str,
    owner: &str,
    window: &str,
    declared: Span,
) -> Diagnostic {
    Diagnostic::new(
        Code::ForeignTarget,
        span,
        format!("target `{name}` belongs to window `{owner}`, not to `{window}`"),
    )
    .label(format!("a target of `{owner}`"))
    .with_label(declared, "declared here")
    .help(format!("a task can only run on targets registered with its own window; declare a target in `{window}`"))
}

/// Instance ids in a task of a window that requires registered targets.
pub fn unregistered_targets(ids: &[Span], window: &str, allow: Option<Span>) -> Diagnostic {
    let first = ids.first().copied().unwrap_or_default();
    let mut d = Diagnostic::new(
        Code::UnregisteredTargets,
        first,
        format!("window `{window}` does not allow unregistered targets"),
    )
    .label("an instance id, not a registered target");
    for more in ids.iter().skip(1) {
        d = d.with_label(*more, "another instance id");
    }
    if let Some(s) = allow {
        d = d.with_label(s, "unregistered targets are turned off here");
    }
    d.help(format!(
        "register the instances as a `target` of `{window}` and name it, or set `allow_unregistered_targets = true` in the window"
    ))
}

/// A task naming both registered targets and instance ids.
pub fn mixed_task_targets(id: Span, reference: Span) -> Diagnostic {
    Diagnostic::new(
        Code::FieldConflict,
        id,
        "a task names both registered targets and instance ids",
    )
    .label("an instance id")
    .with_label(reference, "a registered target")
    .help("AWS runs a task on registered targets or on instance ids; register the instances as a target, or list only instance ids")
}

// ─────────────────────────── Semantic rules ───────────────────────────

/// None or several of an exclusive group. `owner` is a block title;
/// `options` says what to choose from.
pub fn exactly_one(
    header: Span,
    owner: &str,
    what: &str,
    options: &str,
    found: &[Span],
) -> Diagnostic {
    let d = match found {
        [] => Diagnostic::new(Code::ExactlyOne, header, format!("{owner} has no {what}"))
            .label(format!("needs one {what}")),
        [first, second, rest @ ..] => {
            let mut d = Diagnostic::new(
                Code::ExactlyOne,
                *second,
                format!("{owner} has more than one {what}"),
            )
            .label("second one here")
            .with_label(*first, "first one here");
            for more in rest {
                d = d.with_label(*more, "and another");
            }
            d
        }
        [only] => Diagnostic::new(Code::ExactlyOne, *only, format!("{owner} has one {what}")),
    };
    d.help(format!("give exactly one {what}: {options}"))
}

/// A target whose selection makes more than AWS's 5 entries.
pub fn too_many_target_entries(header: Span, target: &str, entries: usize) -> Diagnostic {
    Diagnostic::new(
        Code::ItemCount,
        header,
        format!("target `{target}` selects nodes with {entries} conditions; AWS accepts at most 5"),
    )
    .label(format!("{entries} conditions"))
    .help("each tag in `tags` is one condition and `tag_keys` is one more; split the nodes into two targets")
}

/// A field that needs another one.
pub fn needs_field(span: Span, field: &str, needed: &str, help: &str) -> Diagnostic {
    Diagnostic::new(
        Code::FieldConflict,
        span,
        format!("`{field}` needs `{needed}`"),
    )
    .label(format!("without `{needed}`"))
    .help(help.to_string())
}

/// Rate control missing on a task with targets.
pub fn rate_control_missing(header: Span, task: &str, field: &str) -> Diagnostic {
    Diagnostic::new(
        Code::RateControlTargets,
        header,
        format!("task `{task}` has targets but no `{field}`"),
    )
    .label(format!("needs `{field}`"))
    .help(if field == "max_errors" {
        "add `max_errors = 1` (how many failed targets stop the task from starting on more; `0` stops at the first, `10%` is a share)".to_string()
    } else {
        "add `max_concurrency = 1` (how many targets run at once; `10%` is a share)".to_string()
    })
}

/// Rate control on a task without targets.
pub fn rate_control_without_targets(span: Span, field: &str) -> Diagnostic {
    Diagnostic::new(
        Code::RateControlTargets,
        span,
        format!("a task without targets takes no `{field}`"),
    )
    .label("AWS rejects this on a task without targets")
    .help(format!("remove `{field}`, or give the task `targets`"))
}

/// A Run Command task without targets.
pub fn run_command_needs_targets(header: Span, task: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TargetsRequired,
        header,
        format!("Run Command task `{task}` has no targets"),
    )
    .label("needs `targets`")
    .help("add `targets = [MyTarget]` naming a target of this window; only Automation, Lambda and Step Functions tasks may run without targets")
}

/// Cutoff not below duration.
pub fn cutoff_not_below_duration(
    cutoff: Span,
    cutoff_h: i64,
    duration: Span,
    duration_h: i64,
) -> Diagnostic {
    let max = (duration_h - 1).max(0);
    Diagnostic::new(
        Code::CutoffNotBelowDuration,
        cutoff,
        format!("the cutoff ({cutoff_h}h) must be shorter than the duration ({duration_h}h)"),
    )
    .label(format!("cutoff {cutoff_h}h"))
    .with_label(duration, format!("duration {duration_h}h"))
    .help(format!(
        "AWS stops starting tasks `cutoff` hours before the window closes, so the cutoff must be at most {max}h here (`cutoff = 0h` lets tasks start until the end)"
    ))
}

/// `UTC−5`, `UTC+5:30`, `UTC+0` (with the minus sign, as in print).
fn utc(minutes: Minutes) -> String {
    let sign = if minutes < 0 { '\u{2212}' } else { '+' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// A length of time between two offsets: "an hour", "30 minutes".
fn offset_gap(minutes: Minutes) -> String {
    match minutes.abs() {
        60 => "an hour".to_string(),
        m if m % 60 == 0 => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}

fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| crate::schedule::describe::MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

/// A zone's clocks: "UTC−5 in winter, UTC−4 from March to November",
/// "UTC+9 all year", or "UTC−6 now, then UTC−5 from March 2026".
fn clocks_text(clocks: &Clocks) -> String {
    match clocks {
        Clocks::Fixed(offset) => format!("{} all year", utc(*offset)),
        Clocks::Seasons {
            winter,
            summer,
            from,
            to,
        } => format!(
            "{} in winter, {} from {} to {}",
            utc(*winter),
            utc(*summer),
            month_name(*from),
            month_name(*to)
        ),
        Clocks::Changing { now, changes } => {
            let mut text = format!("{} now", utc(*now));
            for change in changes {
                text.push_str(&format!(
                    ", then {} from {} {}",
                    utc(change.offset),
                    month_name(change.month),
                    change.year
                ));
            }
            text
        }
    }
}

/// A zone's clocks after "for PLACE, ": "which follows daylight saving
/// (...)" or "UTC+9 all year".
fn follows(clocks: &Clocks) -> String {
    match clocks {
        Clocks::Fixed(_) => clocks_text(clocks),
        Clocks::Seasons { .. } => {
            format!("which follows daylight saving ({})", clocks_text(clocks))
        }
        Clocks::Changing { .. } => format!("whose clocks change ({})", clocks_text(clocks)),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The city of a zone: `America/New_York` → "New York".
fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// How a window at a fixed offset opens by the clocks of a zone: "from
/// March to November the window opens an hour later by New York clocks".
fn by_their_clocks(offset: Minutes, zone: &str, clocks: &Clocks) -> String {
    let place = city(zone);
    let by = |gap: Minutes, when: String| {
        let way = if gap > 0 { "later" } else { "earlier" };
        format!(
            "{when} the window opens {} {way} by {place} clocks",
            offset_gap(gap)
        )
    };
    match clocks {
        Clocks::Fixed(theirs) if *theirs == offset => {
            format!("the window opens at the same times by {place} clocks")
        }
        Clocks::Fixed(theirs) => by(theirs - offset, "all year".to_string()),
        Clocks::Seasons {
            winter,
            summer,
            from,
            to,
        } => {
            let months = |a: i8, b: i8| format!("from {} to {}", month_name(a), month_name(b));
            match (winter - offset, summer - offset) {
                (0, gap) => by(gap, months(*from, *to)),
                (gap, 0) => by(gap, months(*to, *from)),
                (w, s) => format!(
                    "{}, and {}",
                    by(s, months(*from, *to)),
                    by(w, months(*to, *from))
                ),
            }
        }
        Clocks::Changing { .. } => format!(
            "{place} clocks change ({}), so the window does not always open at the same time by them",
            clocks_text(clocks)
        ),
    }
}

/// A time zone that is not in the bundled database, with what was meant.
pub fn unknown_timezone(text: Text<'_>, meant: &Meant) -> Diagnostic {
    let written = text.value;
    let d = Diagnostic::new(
        Code::UnknownTimezone,
        text.span,
        format!("unknown time zone `{written}`"),
    )
    .label("not in the IANA time zone database");
    let help = match meant {
        Meant::Abbreviation {
            abbreviation: a,
            clocks,
            also,
        } => {
            let mut help = format!(
                "`{written}` is an abbreviation, not a time zone name: for {}, {}, write `\"{}\"`",
                a.place,
                follows(clocks),
                a.zone
            );
            if matches!(a.kind, Kind::Standard(0)) && !matches!(clocks, Clocks::Fixed(_)) {
                help.push_str("; for UTC+0 all year, write `\"UTC\"`");
            }
            let others: Vec<String> = a
                .also
                .iter()
                .zip(also)
                .map(|((zone, place), theirs)| {
                    if a.ambiguous {
                        format!("{place} (`\"{zone}\"`: {})", clocks_text(theirs))
                    } else {
                        format!("for {place}, {}, write `\"{zone}\"`", follows(theirs))
                    }
                })
                .collect();
            if !others.is_empty() {
                if a.ambiguous {
                    help.push_str(&format!("; `{}` also means {}", a.text, and_list(&others)));
                } else {
                    help.push_str(&format!("; {}", others.join("; ")));
                }
            }
            help
        }
        Meant::Offset { offset: 0, .. } => {
            format!("`{written}` is a UTC offset, not a time zone name: write `\"UTC\"`")
        }
        Meant::Offset {
            offset,
            etc: Some(etc),
        } => format!(
            "`{written}` is a UTC offset, not a time zone name: write the zone of the place whose clocks the window should follow, daylight saving included; to stay at {} all year, `\"{etc}\"` (the sign of these names is inverted), which warns (see `mwc explain MW0319`)",
            utc(*offset)
        ),
        Meant::Offset { .. } => format!(
            "`{written}` is a UTC offset, not a time zone name: write the zone of the place whose clocks the window should follow, or `\"UTC\"` with the schedule's hours shifted by the offset"
        ),
        Meant::Name(zone) => format!("did you mean `\"{zone}\"`?"),
        Meant::Alias { alias, zone } => format!(
            "did you mean `\"{zone}\"`? (`{alias}` is a legacy alias of it, with the same times)"
        ),
        Meant::Nothing => {
            "use an IANA name such as `\"America/New_York\"`, `\"Europe/Berlin\"` or `\"UTC\"`"
                .to_string()
        }
    };
    // Only a name that means the same clocks is a fix: an abbreviation's
    // zone may follow daylight saving where the abbreviation does not.
    let fix = match meant {
        Meant::Name(zone) => Some((*zone, Fix::case_or_maybe(written, zone))),
        Meant::Alias { zone, .. } => Some((*zone, Applicability::Maybe)),
        Meant::Abbreviation { abbreviation, .. } => Some((abbreviation.zone, Applicability::Maybe)),
        Meant::Offset { .. } | Meant::Nothing => None,
    };
    match fix {
        Some((zone, applicability)) => d
            .help(help)
            .fix_primary(format!("\"{zone}\""), applicability),
        None => d.help(help),
    }
}

/// A time zone of the database that is a legacy name or a fixed offset.
pub fn legacy_timezone(text: Text<'_>, legacy: &Legacy) -> Diagnostic {
    let written = text.value;
    let on_purpose = |offset: Minutes| {
        format!(
            "to keep {} all year on purpose, see `mwc explain MW0319`",
            utc(offset)
        )
    };
    match legacy {
        Legacy::Alias { zone, clocks } => Diagnostic::new(
            Code::LegacyTimezone,
            text.span,
            format!("`{written}` is a legacy alias of `{zone}`"),
        )
        .label("legacy name")
        .help(format!(
            "write `\"{zone}\"`, the name the time zone database maintains; the times are identical ({})",
            clocks_text(clocks)
        ))
        // The same clocks under the maintained name.
        .fix_primary(format!("\"{zone}\""), Applicability::Safe),
        Legacy::Fixed {
            offset,
            meant,
            clocks,
            instead,
        } => {
            let alternative = match instead {
                Some((zone, place)) => format!(
                    "for {place}, which keeps {} all year, write `\"{zone}\"`",
                    utc(*offset)
                ),
                None if *offset == 0 => {
                    "for UTC+0 all year, write `\"UTC\"`, which keeps the same times".to_string()
                }
                None => on_purpose(*offset),
            };
            Diagnostic::new(
                Code::LegacyTimezone,
                text.span,
                format!(
                    "`{written}` is {} all year, without daylight saving",
                    utc(*offset)
                ),
            )
            .label(format!("fixed {}", utc(*offset)))
            .help(format!(
                "{}; for {}, {}, write `\"{}\"`; {alternative}",
                by_their_clocks(*offset, meant.zone, clocks),
                meant.place,
                follows(clocks),
                meant.zone
            ))
        }
        Legacy::EtcGmt { offset } => {
            let way = if *offset < 0 { "behind" } else { "ahead of" };
            let hours = offset.abs() / 60;
            let unit = if hours == 1 { "hour" } else { "hours" };
            let opposite = utc(-offset);
            Diagnostic::new(
                Code::LegacyTimezone,
                text.span,
                format!(
                    "`{written}` is {} all year, without daylight saving",
                    utc(*offset)
                ),
            )
            .label(format!("{}, not {opposite}", utc(*offset)))
            .help(format!(
                "the sign of `Etc/GMT` names is inverted (POSIX's convention): `{written}` is {hours} {unit} {way} UTC; for a place's time, with its daylight saving, write the place's `Area/City` zone; {}",
                on_purpose(*offset)
            ))
        }
        Legacy::Placeholder => Diagnostic::new(
            Code::LegacyTimezone,
            text.span,
            format!("`{written}` is a placeholder, not a place's time zone"),
        )
        .label("no zone chosen")
        .help("the time zone database gives `Factory` (UTC+0, shown as `-00`) to systems whose zone was never set; write the zone of the place whose clocks the window follows, or `\"UTC\"`"),
    }
}

/// An offset with a rate or at schedule.
pub fn offset_without_cron(offset: Span, schedule: Span) -> Diagnostic {
    Diagnostic::new(
        Code::OffsetWithoutCron,
        offset,
        "a schedule offset needs a cron schedule",
    )
    .label("offset")
    .with_label(schedule, "not a cron expression")
    .help("AWS applies `offset` only to `cron(...)` schedules; remove it, or write the schedule as cron")
}

/// A date that is not an ISO 8601 date-time with an offset.
pub fn invalid_date(text: Text<'_>, what: &str) -> Diagnostic {
    let v = text.value;
    let (label, help) = if let Some((_, zone)) = v.split_once('[') {
        (
            "a time-zone annotation".to_string(),
            format!(
                "remove `[{zone}`: the date carries its own UTC offset, and the window's `timezone` applies to the schedule only"
            ),
        )
    } else if v.len() == 10 && v.as_bytes().get(4) == Some(&b'-') {
        (
            "a date without a time".to_string(),
            format!("add a time and a UTC offset: `\"{v}T00:00:00Z\"`"),
        )
    } else if v
        .split_once(' ')
        .is_some_and(|(date, _)| date.len() == 10 && date.as_bytes()[4] == b'-')
    {
        (
            "a space between date and time".to_string(),
            "separate the date and the time with `T`, as in `\"2026-04-07T14:29:00-08:00\"`"
                .to_string(),
        )
    } else if let Some(offset) = v.get(19..).filter(|o| {
        (o.len() == 5 || o.len() == 3)
            && o.starts_with(['+', '-'])
            && o[1..].bytes().all(|b| b.is_ascii_digit())
    }) {
        let hours = &offset[..3];
        let minutes = offset.get(3..).filter(|m| !m.is_empty()).unwrap_or("00");
        (
            "an offset without `:`".to_string(),
            format!(
                "write the offset as `{hours}:{minutes}`: `\"{}{hours}:{minutes}\"`",
                &v[..19]
            ),
        )
    } else if v.parse::<jiff::civil::DateTime>().is_ok()
        && !v.ends_with(['Z', 'z'])
        && !v.contains('+')
    {
        (
            "no UTC offset".to_string(),
            format!("add `Z` or an offset: `\"{v}Z\"` or `\"{v}-05:00\"`"),
        )
    } else {
        (
            "not an ISO 8601 date-time".to_string(),
            "write the date, `T`, the time and the UTC offset: `\"2026-04-07T14:29:00-08:00\"` or `\"2026-04-07T22:29:00Z\"`".to_string(),
        )
    };
    Diagnostic::new(
        Code::InvalidDate,
        text.span,
        format!("`{}` is not a valid `{what}`", shorten(v)),
    )
    .label(label)
    .help(help)
}

/// Start date not before end date.
pub fn start_not_before_end(start: Span, end: Span) -> Diagnostic {
    Diagnostic::new(
        Code::StartNotBeforeEnd,
        start,
        "the start date is not before the end date",
    )
    .label("starts here")
    .with_label(end, "ends here")
    .help("the window is active only between `start_date` and `end_date`; make the start earlier than the end")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A trust to a service that maintenance windows never need.
pub fn unneeded_trust(principal: Text<'_>, role: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnneededTrust,
        principal.span,
        format!("role `{role}` trusts `{}`, which maintenance windows never need", principal.value),
    )
    .label("not needed to run maintenance window tasks")
    .help("trust only `ssm.amazonaws.com`: Systems Manager alone assumes the role; older AWS walkthroughs also trusted `ec2.amazonaws.com` and `sns.amazonaws.com`, which only widens who can use it")
}

// ─────────────────────────── Schedules ───────────────────────────

/// An end date already in the past.
pub fn end_date_past(end: Span, window: &str) -> Diagnostic {
    Diagnostic::new(
        Code::EndDatePast,
        end,
        format!("window `{window}` ended: its end date is in the past"),
    )
    .label("already past")
    .help("the window will never open again; move `end_date` into the future or remove the window")
}

/// A cron schedule that no date matches.
pub fn never_matches(schedule: Span, window: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NeverOpens,
        schedule,
        format!(
            "window `{window}` never opens: no date matches all of its fields (such as 30 February)"
        ),
    )
    .label("no opening from now on")
    .help("check the day, month and year fields; `mwc schedule` shows the next openings")
}

/// A schedule whose openings all come before the window's start date.
pub fn no_opening_after_start(schedule: Span, window: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NeverOpens,
        schedule,
        format!("window `{window}` never opens: no opening is left after its start date"),
    )
    .label("no opening from now on")
    .help(
        "move `start_date` earlier, or change the schedule; `mwc schedule` shows the next openings",
    )
}

/// Why every opening of a schedule is past, with a schedule that opens
/// again where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Past {
    /// `at(...)` in the past, and the same time in the first later year
    /// still ahead.
    At(jiff::civil::DateTime, Option<jiff::civil::DateTime>),
    /// Every year of a cron expression is past: the last one, and the
    /// expression with `*` for the year when that opens.
    Year(i32, Option<String>),
    /// A cron expression whose matching dates are all past.
    Cron,
    /// A cron expression whose years run to the last one AWS's cron has,
    /// and that year is past too: the calendar, not the expression, ran
    /// out.
    NoYearLeft(i32),
}

/// A schedule that opened only in the past: a window kept but never run.
pub fn openings_past(schedule: Span, window: &str, past: Past) -> Diagnostic {
    let keep = "a window kept on purpose so that it never runs can stay as it is";
    let (reason, help) = match past {
        Past::At(when, ahead) => (
            format!(
                "its one opening, {}, is past",
                when.strftime("%Y-%m-%d %H:%M")
            ),
            match ahead {
                Some(ahead) => format!(
                    "{keep}; to run it, write a time ahead, e.g. `at({})`",
                    ahead.strftime("%Y-%m-%dT%H:%M:%S")
                ),
                None => format!("{keep}; to run it, write a time ahead in `at(...)`"),
            },
        ),
        Past::Year(last, every_year) => (
            format!("its last year, {last}, is past"),
            match every_year {
                Some(e) => {
                    format!("{keep}; to run it every year, write `*` in the year field: `{e}`")
                }
                None => format!("{keep}; to run it, name a year ahead in the year field"),
            },
        ),
        Past::NoYearLeft(last) => (
            format!("no year is left: AWS's cron counts years only up to {last}"),
            format!(
                "{keep}; no cron expression opens after {last}: to run it later, use `rate(...)`"
            ),
        ),
        Past::Cron => (
            "every date it matches is past".to_string(),
            format!(
                "{keep}; to run it, change the day, month or year fields; `mwc schedule` shows the next openings"
            ),
        ),
    };
    Diagnostic::new(
        Code::OpeningsPast,
        schedule,
        format!("window `{window}` has no opening from now on: {reason}"),
    )
    .label("every opening is in the past")
    .help(help)
}

/// The next opening of a window, at local time `local` in `tz` when it has
/// one, comes after the last instant mwc computes with.
pub fn opens_past_range(
    schedule: Span,
    window: &str,
    local: Option<jiff::civil::DateTime>,
    tz: &str,
) -> Diagnostic {
    let last = crate::schedule::next::last_instant();
    let when = local.map_or(String::new(), |l| {
        format!(", {} {tz},", l.strftime("%Y-%m-%d %H:%M:%S"))
    });
    Diagnostic::new(
        Code::NeverOpens,
        schedule,
        format!(
            "window `{window}` never opens in the supported range: its next opening{when} comes after the last supported instant, {last}"
        ),
    )
    .label(format!("opens after {last}"))
    .help(format!(
        "mwc computes times up to {last}, the latest instant that has a date in every time zone; schedule the window to open and close before it"
    ))
}

/// The next opening of a window, at local time `local` in `tz`, would close
/// after the last instant mwc computes with.
pub fn closes_past_range(
    schedule: Span,
    window: &str,
    local: jiff::civil::DateTime,
    tz: &str,
) -> Diagnostic {
    let last = crate::schedule::next::last_instant();
    Diagnostic::new(
        Code::NeverOpens,
        schedule,
        format!(
            "window `{window}` never opens in the supported range: its next opening, {} {tz}, would close after the last supported instant, {last}",
            local.strftime("%Y-%m-%d %H:%M:%S")
        ),
    )
    .label(format!("closes after {last}"))
    .help(format!(
        "mwc computes times up to {last}, the latest instant that has a date in every time zone; open the window at least its `duration` before that"
    ))
}

/// An end date before the first opening.
pub fn ends_before_first_opening(end: Span, schedule: Span, first: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NeverOpens,
        end,
        format!("the window ends before it first opens, on {first}"),
    )
    .label("ends here")
    .with_label(schedule, format!("first opens {first}"))
    .help("move `end_date` after the first opening, or change the schedule")
}

/// A rate shorter than the duration.
pub fn overlapping_runs(schedule: Span, duration: Span, rate: &str, hours: i64) -> Diagnostic {
    Diagnostic::new(
        Code::OverlappingRuns,
        schedule,
        format!("the window can open again {rate} after it opens but stays open {hours}h, so runs overlap"),
    )
    .label(format!("openings {rate} apart"))
    .with_label(duration, format!("{hours}h"))
    .help("space the openings at least as far apart as the duration, or shorten the duration")
}

/// An opening moved by daylight saving time.
pub fn daylight_saving(
    schedule: Span,
    window: &str,
    tz: &str,
    local: &str,
    actual: &str,
    gap: bool,
) -> Diagnostic {
    let (what, moved) = if gap {
        (
            format!("{local}, a time that does not exist in {tz} (the clocks skip it)"),
            format!("mwc expects it to open at {actual} instead"),
        )
    } else {
        (
            format!("{local}, a time that happens twice in {tz} (the clocks go back)"),
            format!("mwc expects it to open once, at the first {actual}"),
        )
    };
    Diagnostic::new(
        Code::DaylightSaving,
        schedule,
        format!("window `{window}` opens at {what}"),
    )
    .label(moved)
    .help("AWS does not document how it handles such times; schedule outside the hours the clocks change (for most zones 01:00–03:00), or use UTC")
}

/// What a window of a collision runs its tasks on.
pub enum Runs<'a> {
    /// A registered target: its name and span.
    Target(&'a str, Span),
    /// The instance ids a task names directly: the task's name, and the
    /// span of the shared id (or of the task's name).
    Instances(&'a str, Span),
}

/// One window of a collision, for [`windows_collide`].
pub struct CollidingSide<'a> {
    /// The window's name.
    pub window: &'a str,
    /// Its `schedule`.
    pub schedule: Span,
    /// Its time zone, and the name written (`UTC` when none is).
    pub zone: jiff::tz::TimeZone,
    /// The zone's name for messages.
    pub zone_name: &'a str,
    /// The opening that overlaps the other window's.
    pub opens: jiff::Timestamp,
    /// When it closes.
    pub closes: jiff::Timestamp,
    /// The target (or task) whose nodes the other window also runs on.
    pub target: Runs<'a>,
}

/// "2027-03-15 06:00 GMT" in `zone`.
fn local_time(t: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    t.to_zoned(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// Two windows whose tasks can run on the same nodes at the same time
/// (`first` is declared first). `others` are more windows declared before
/// the second that overlap it too, and `more` counts those not named (at
/// least that many when `at_least`: mwc stopped counting).
pub fn windows_collide(
    first: &CollidingSide<'_>,
    second: &CollidingSide<'_>,
    at: jiff::Timestamp,
    why: &super::collisions::Why<'_>,
    others: &[&str],
    more: usize,
    at_least: bool,
) -> Diagnostic {
    use super::collisions::Why;
    let nodes = match why {
        Why::Tags(tags) => {
            let tags: Vec<String> = tags
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("`{k}={v}`"),
                    None => format!("`{k}` (any value)"),
                })
                .collect();
            format!("a node tagged {} is selected by both", tags.join(", "))
        }
        Why::Instance(id) => format!("both run on instance `{id}`"),
        Why::Group(group, None) => format!("both run on resource group `{group}`"),
        Why::Group(group, Some(ty)) => {
            format!("both run on the `{ty}` resources of resource group `{group}`")
        }
    };
    let when = |side: &CollidingSide<'_>| {
        let time = local_time(at, &side.zone);
        if time.ends_with(side.zone_name) {
            time
        } else {
            format!("{time} ({})", side.zone_name)
        }
    };
    let at_both = if first.zone_name == second.zone_name {
        when(second)
    } else {
        format!("{}, which is {}", when(second), when(first))
    };
    let open = |side: &CollidingSide<'_>| {
        let opens = side.opens.to_zoned(side.zone.clone());
        let closes = side.closes.to_zoned(side.zone.clone());
        let until = if opens.date() == closes.date() {
            closes.strftime("%H:%M %Z").to_string()
        } else {
            local_time(side.closes, &side.zone)
        };
        format!(
            "`{}` is open from {} to {until}",
            side.window,
            local_time(side.opens, &side.zone)
        )
    };
    let runs = |side: &CollidingSide<'_>| match side.target {
        Runs::Target(name, span) => (span, format!("`{}` runs on target `{name}`", side.window)),
        Runs::Instances(task, span) => (
            span,
            format!("task `{task}` of `{}` runs on this instance", side.window),
        ),
    };
    let (second_span, second_runs) = runs(second);
    let (first_span, first_runs) = runs(first);
    let also = match (others, more) {
        ([], _) => String::new(),
        (names, 0) => format!(
            "`{}` also overlaps {} on the same nodes; ",
            second.window,
            list_names(names)
        ),
        (names, more) => format!(
            "`{}` also overlaps {} and {}{more} more windows on the same nodes; ",
            second.window,
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if at_least { "at least " } else { "" }
        ),
    };
    Diagnostic::new(
        Code::WindowsCollide,
        second.schedule,
        format!(
            "windows `{}` and `{}` are open at the same time on the same nodes ({nodes}), so their runs overlap, first at {at_both}",
            first.window, second.window
        ),
    )
    .label(open(second))
    .with_label(first.schedule, open(first))
    .with_label(second_span, second_runs)
    .with_label(first_span, first_runs)
    .help(format!(
        "{also}shift one window's schedule (or shorten its duration) so that their openings do not overlap, or make the targets select different nodes; if the runs may meet, allow it with the reason: `// mwc: allow(MW0320) <reason>` on the line before the `schedule` of `{}`",
        second.window
    ))
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn list_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

// ───────────────────────────── Lints ─────────────────────────────

/// A function or state machine the managed policy does not reach.
pub fn managed_policy_reach(span: Span, task_type: BlockKind, name: &str) -> Diagnostic {
    let (kind, alias) = match task_type {
        BlockKind::Lambda => (
            "Lambda function",
            " (or called through an alias starting with `SSM`)",
        ),
        BlockKind::StepFunctions => ("state machine", ""),
        // The policy reaches any document.
        BlockKind::Top
        | BlockKind::Role
        | BlockKind::Window
        | BlockKind::Target
        | BlockKind::Task
        | BlockKind::RunCommand
        | BlockKind::Automation
        | BlockKind::Param
        | BlockKind::Template
        | BlockKind::Document => ("resource", ""),
    };
    Diagnostic::new(
        Code::ManagedPolicyReach,
        span,
        format!("the task's role uses AmazonSSMMaintenanceWindowRole, which cannot run {kind} `{name}`"),
    )
    .label("the name does not start with `SSM`")
    .help(format!(
        "the managed policy only reaches {kind}s whose names start with `SSM`{alias}: rename it (e.g. `SSM{name}`), or attach a policy of your own that allows it"
    ))
}

/// A role no task uses.
pub fn unused_role(id: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedRole,
        id.span,
        format!("role `{}` is used by no task", id.value),
    )
    .label("never used")
    .help("name it in a task's `role` (or a notification's `role`), or remove it: an unused role is one more thing that can be misused")
}

/// Notifications without a role.
pub fn notify_without_role(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::NotifyWithoutRole,
        span,
        "SNS notifications without a `role` to publish them",
    )
    .label("no `role`")
    .help("add `role = SomeRole` naming a role that trusts `ssm.amazonaws.com` and may `sns:Publish` to the topic")
}

/// A role with no policies.
pub fn role_without_policies(id: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::RoleWithoutPolicies,
        id.span,
        format!("role `{}` has no policies, so it grants nothing", id.value),
    )
    .label("no `policies`")
    .help("attach a policy, e.g. `policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]`")
}

// ───────────────────────────── Build context ─────────────────────────────

/// An output needs the account id.
pub fn account_needed(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::AccountNeeded,
        span,
        format!("{what} needs the account id, and none is set"),
    )
    .label("needs the account id")
    .help("set `account = \"123456789012\"` at the top of the program, pass `--set account=123456789012`, or build only the template with `--emit cfn`")
}

/// An output needs the Region.
pub fn region_needed(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::RegionNeeded,
        span,
        format!("{what} needs the Region, and none is set"),
    )
    .label("needs the Region")
    .help(
        "set `region = \"us-east-1\"` at the top of the program, pass `--set region=us-east-1`, or build only the template with `--emit cfn`",
    )
}

/// Something CloudFormation cannot express.
pub fn not_in_cloudformation(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotInCloudFormation,
        span,
        format!("{what} cannot be expressed in CloudFormation"),
    )
    .label("API only")
    .help("build without CloudFormation (`--emit ssm,iam`) to register it through the API, or remove it")
}

/// Two declarations with one logical id.
pub fn logical_id_collision(span: Span, id: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::LogicalIdCollision,
        span,
        format!("CloudFormation logical id `{id}` would name two resources"),
    )
    .label(format!("becomes `{id}`"))
    .with_label(first, format!("also becomes `{id}`"))
    .help("a logical id is the letters and digits of the name, with `Role`, `Window`, `Target` or `Task` added unless the name ends with it, and a target's or task's window name in front; rename one so they differ")
}
