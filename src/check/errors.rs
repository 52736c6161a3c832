//! All wording of the checker's diagnostics. Checks call these constructors
//! and never format messages themselves.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Text;
use crate::schema::{self, ALL_BLOCKS, BlockSchema, Field, Limits, Type};
use crate::source::Span;
use crate::suggest::{did_you_mean, one_of};
use crate::syntax::ast::{Block, Ident, TimeUnit};

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

/// An example of a field's value, for "add `x = ...`" help.
fn example(field: &Field) -> String {
    let value = match field.ty {
        Type::Hours => "2h".to_string(),
        Type::Days => "2d".to_string(),
        Type::Seconds => "600s".to_string(),
        Type::Int => "1".to_string(),
        Type::Bool => "false".to_string(),
        Type::Schedule => "\"cron(0 2 ? * SUN *)\"".to_string(),
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
pub fn unexpected_name(span: Span, schema: &BlockSchema, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BlockHeader,
        span,
        format!("`{}` takes a quoted {what}, not a name", schema.kind),
    )
    .label("not a string")
    .help(format!("write `{} \"...\" {{ ... }}`", schema.kind))
}

/// `run_command { }`.
pub fn missing_label(block: &Block<'_>, schema: &BlockSchema, what: &str) -> Diagnostic {
    let example = match schema.kind {
        "run_command" => "\"AWS-RunPatchBaseline\"",
        "automation" => "\"AWS-RestartEC2Instance\"",
        "lambda" => "\"SSMMyFunction\"",
        _ => "\"arn:aws:states:us-east-1:123456789012:stateMachine:SSMMyStateMachine\"",
    };
    Diagnostic::new(
        Code::BlockHeader,
        block.kind.span,
        format!("`{}` needs its {what}", schema.kind),
    )
    .label(format!("{what} missing after this"))
    .help(format!("write `{} {example} {{ ... }}`", schema.kind))
}

/// A block kind that does not exist here.
pub fn unknown_block(block: &Block<'_>, parent: &BlockSchema) -> Diagnostic {
    let kind = block.kind.text;
    let place = if parent.kind == "file" {
        "at the top level".to_string()
    } else {
        format!("in `{}`", parent.kind)
    };
    let mut d = Diagnostic::new(
        Code::UnknownBlock,
        block.kind.span,
        format!("unknown block `{kind}` {place}"),
    )
    .label(format!("not a block {place}"));
    let allowed: Vec<&str> = parent.blocks.iter().map(|b| b.kind).collect();
    if let Some(home) = ALL_BLOCKS.iter().find(|b| b.kind == kind).and_then(|b| {
        ALL_BLOCKS
            .iter()
            .find(|p| p.blocks.iter().any(|c| c.kind == b.kind))
    }) {
        d = d.help(format!("`{kind}` blocks go inside a `{}` block", home.kind));
    } else if let Some(s) = did_you_mean(kind, allowed.iter().copied()) {
        d = d.help(format!("did you mean `{s}`?"));
    } else if parent.kind == "file" && kind == "targets" {
        d = d.help("targets are declared inside a `window` block");
    } else if !allowed.is_empty() {
        d = d.help(format!("blocks allowed {place}: {}", one_of(&allowed)));
    } else {
        d = d.help(format!("`{}` has no blocks inside it", parent.kind));
    }
    d
}

// ───────────────────────────── Fields ─────────────────────────────

/// A field the block does not have.
pub fn unknown_field(key: &Ident<'_>, owner: &str, fields: &[Field]) -> Diagnostic {
    let names: Vec<&str> = fields
        .iter()
        .filter(|f| f.deprecated.is_none())
        .map(|f| f.name)
        .collect();
    let mut d = Diagnostic::new(
        Code::UnknownField,
        key.span,
        format!("unknown field `{}` in `{owner}`", key.text),
    )
    .label(format!("not a field of `{owner}`"));
    if let Some(s) = did_you_mean(key.text, names.iter().copied()) {
        d = d.help(format!("did you mean `{s}`?"));
    } else if let Some(home) = ALL_BLOCKS
        .iter()
        .find(|b| b.kind != owner && b.field(key.text).is_some())
    {
        d = d.help(format!(
            "`{}` is a field of `{}` blocks",
            key.text, home.kind
        ));
    } else if owner == "file" {
        d = d.help(format!("top-level fields are {}", one_of(&names)));
    } else if names.len() <= 12 {
        d = d.help(format!("`{owner}` has {}", one_of(&names)));
    }
    d
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

/// A required field that is missing.
pub fn missing_field(header: Span, owner: &str, field: &Field) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        header,
        format!("`{owner}` is missing the required field `{}`", field.name),
    )
    .label(format!("needs `{}`", field.name))
    .help(format!(
        "add `{}` ({})",
        example(field),
        field.doc.trim_end_matches('.')
    ))
}

/// A value of the wrong type.
pub fn type_mismatch(span: Span, field: &Field, found: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!(
            "`{}` takes {}, not {found}",
            field.name,
            field.ty.describe()
        ),
    )
    .label(format!("{found}"));
    let help = match (field.ty, found) {
        (Type::Hours, "a number") => Some(format!("write the unit: `{}`", example(field))),
        (Type::Days, "a number") => Some(format!("write the unit: `{}`", example(field))),
        (Type::Seconds, "a number") => Some("write the unit, such as `600s`".to_string()),
        (Type::Str | Type::Schedule | Type::TimeZone | Type::DateTime | Type::Name, _) => {
            Some("put the value in double quotes".to_string())
        }
        (Type::RateControl, "a string") => {
            Some("write a number or a percentage without quotes, such as `10` or `10%`".to_string())
        }
        (Type::StrList | Type::TaskTargets | Type::EnumList(_), _) => {
            Some(format!("write a list in brackets: `{}`", example(field)))
        }
        (Type::Bool, _) => Some("write `true` or `false` without quotes".to_string()),
        (Type::RoleRef, _) => {
            Some("name a declared role, or give an existing role's ARN in quotes".to_string())
        }
        _ => None,
    };
    if let Some(help) = help {
        d = d.help(help);
    }
    d
}

/// A list item of the wrong type.
pub fn list_item_type(span: Span, field: &Field, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!(
            "`{}` takes a list of strings; this item is {found}",
            field.name
        ),
    )
    .label(format!("{found}"))
    .help("put each item in double quotes")
}

/// A map value of the wrong type.
pub fn map_value_type(span: Span, field: &Field, want: &str, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("values in `{}` are {want}, not {found}", field.name),
    )
    .label(format!("{found}"))
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
    let help = if seconds % per == 0 {
        format!("write `{}{}`", seconds / per, want.suffix())
    } else {
        let down = seconds / per;
        let up = down + 1;
        format!(
            "AWS counts {whole}: write `{down}{s}` or `{up}{s}`",
            s = want.suffix()
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
    .label(format!("not {whole}"))
    .help(help)
}

/// A number out of range.
pub fn out_of_range(span: Span, what: &str, n: i64, limits: &Limits, unit: &str) -> Diagnostic {
    let (min, max) = limits.range.unwrap_or((i64::MIN, i64::MAX));
    let range = if max == i64::MAX {
        format!("at least {min}{unit}")
    } else {
        format!("from {min}{unit} to {max}{unit}")
    };
    Diagnostic::new(
        Code::OutOfRange,
        span,
        format!("`{what}` is {n}{unit}, but AWS accepts {range}"),
    )
    .label("out of range")
    .help(format!("choose a value {range}"))
}

/// A string too short or too long.
pub fn length(text: Text<'_>, what: &str, len: usize, min: u32, max: u32) -> Diagnostic {
    let problem = if len < min as usize {
        "too short"
    } else {
        "too long"
    };
    Diagnostic::new(
        Code::LengthOutOfRange,
        text.span,
        format!("`{what}` is {problem}: {len} characters, AWS accepts {min} to {max}"),
    )
    .label(plural(len, "character"))
    .help(if len < min as usize {
        format!("use at least {min} characters")
    } else {
        format!("shorten it to at most {max} characters")
    })
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
        _ => return None,
    })
}

/// A string that does not match AWS's pattern.
pub fn pattern(text: Text<'_>, what: &str, pattern: &str) -> Diagnostic {
    let shown: String = text.value.chars().take(60).collect();
    let d = Diagnostic::new(
        Code::PatternMismatch,
        text.span,
        format!("`{shown}` is not a valid `{what}`"),
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

/// A name too short or too long.
pub fn name_length(text: Text<'_>, what: &str, len: usize, min: u32, max: u32) -> Diagnostic {
    let problem = if len < min as usize {
        "too short"
    } else {
        "too long"
    };
    Diagnostic::new(
        Code::InvalidName,
        text.span,
        format!(
            "{what} `{}` is {problem}: AWS names have {min} to {max} characters",
            text.value
        ),
    )
    .label(plural(len, "character"))
    .help(format!(
        "use a name of {min} to {max} characters, or set `name = \"...\"` to a valid one"
    ))
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
        Some((_, c)) => format!("`{}` is not allowed", c.escape_default()),
        None => "not a valid name".to_string(),
    };
    Diagnostic::new(
        Code::InvalidName,
        span,
        format!("{what} `{}` has a character AWS does not allow", text.value),
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
        Some(s) => d.help(format!("did you mean `\"{s}\"`?")),
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
pub fn duplicate_name(kind: &str, name: Ident<'_>, first: Span, scope: Option<&str>) -> Diagnostic {
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

/// A reference to nothing.
pub fn unresolved(
    span: Span,
    kind: &str,
    name: &str,
    candidates: &[&str],
    scope: Option<&str>,
) -> Diagnostic {
    let place = scope.map_or(String::new(), |w| format!(" in window `{w}`"));
    let d = Diagnostic::new(
        Code::UnresolvedReference,
        span,
        format!("no {kind} named `{name}`{place}"),
    )
    .label(format!("not a declared {kind}"));
    match did_you_mean(name, candidates.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None if candidates.is_empty() => {
            d.help(format!("declare a `{kind}` block named `{name}`{place}"))
        }
        None if candidates.len() <= 6 => d.help(format!("declared: {}", one_of(candidates))),
        None => d,
    }
}

/// A reference to something of another kind.
pub fn wrong_kind(span: Span, name: &str, want: &str, found: &str, declared: Span) -> Diagnostic {
    Diagnostic::new(
        Code::WrongKindReference,
        span,
        format!("`{name}` is a {found}, not a {want}"),
    )
    .label(format!("expected a {want}"))
    .with_label(declared, format!("`{name}` is declared here as a {found}"))
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
pub fn unregistered_targets(span: Span, window: &str, allow: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnregisteredTargets,
        span,
        format!("window `{window}` does not allow unregistered targets"),
    )
    .label("an instance id, not a registered target");
    let d = match allow {
        Some(s) => d.with_label(s, "unregistered targets are turned off here"),
        None => d,
    };
    d.help(format!(
        "register the instances as a `target` of `{window}`, or set `allow_unregistered_targets = true` in it"
    ))
}

// ─────────────────────────── Semantic rules ───────────────────────────

/// None or several of an exclusive group.
pub fn exactly_one(
    header: Span,
    owner: &str,
    what: &str,
    options: &[&str],
    found: &[Span],
) -> Diagnostic {
    let mut d = if found.is_empty() {
        Diagnostic::new(Code::ExactlyOne, header, format!("`{owner}` has no {what}"))
            .label(format!("needs one of {}", one_of(options)))
    } else {
        let mut d = Diagnostic::new(
            Code::ExactlyOne,
            found.get(1).copied().unwrap_or(header),
            format!("`{owner}` has more than one {what}"),
        )
        .label("second one here");
        if let Some(first) = found.first() {
            d = d.with_label(*first, "first one here");
        }
        d
    };
    d = d.help(format!("give exactly one of {}", one_of(options)));
    d
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
    .help(format!(
        "add `{field} = 1` (a number of targets, or a percentage such as `10%`)"
    ))
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
    .label(format!("{cutoff_h}h"))
    .with_label(duration, format!("{duration_h}h"))
    .help(format!(
        "AWS stops starting tasks `cutoff` hours before the window closes, so the cutoff must be at most {max}h here (`cutoff = 0h` lets tasks start until the end)"
    ))
}

/// A schedule that is none of the three forms.
pub fn invalid_schedule(text: Text<'_>) -> Diagnostic {
    let lower = text.value.trim().to_ascii_lowercase();
    let help = if text.value.trim() != text.value {
        "remove the spaces around the expression".to_string()
    } else if lower.starts_with("cron(") || lower.starts_with("rate(") || lower.starts_with("at(") {
        "write the keyword in lower case, as AWS does: `cron(...)`, `rate(...)`, `at(...)`"
            .to_string()
    } else if text.value.split_whitespace().count() == 5 {
        "this looks like a Unix cron line; AWS's form is `cron(minutes hours day-of-month month day-of-week year)`, e.g. `cron(0 2 ? * SUN *)`".to_string()
    } else {
        "write `cron(...)`, `rate(...)` or `at(...)`, e.g. `cron(0 2 ? * SUN *)` or `rate(7 days)`"
            .to_string()
    };
    Diagnostic::new(
        Code::InvalidSchedule,
        text.span,
        format!("`{}` is not a schedule expression", text.value),
    )
    .label("expected `cron(...)`, `rate(...)` or `at(...)`")
    .help(help)
}

/// A time zone that does not exist.
pub fn unknown_timezone(text: Text<'_>, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownTimezone,
        text.span,
        format!("unknown time zone `{}`", text.value),
    )
    .label("not in the IANA time zone database");
    match suggestion {
        Some(s) => d.help(format!("did you mean `\"{s}\"`?")),
        None => d.help(
            "use an IANA name such as `\"America/New_York\"`, `\"Europe/Berlin\"` or `\"UTC\"`",
        ),
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

/// A date that is not ISO 8601 with an offset.
pub fn invalid_date(text: Text<'_>, what: &str, missing_offset: bool) -> Diagnostic {
    let d = Diagnostic::new(
        Code::InvalidDate,
        text.span,
        format!("`{}` is not a valid `{what}`", text.value),
    );
    if missing_offset {
        d.label("no UTC offset").help(format!(
            "add `Z` or an offset, such as `\"{}Z\"` or `\"{}-05:00\"`",
            text.value, text.value
        ))
    } else {
        d.label("not an ISO 8601 date-time")
            .help("write a date-time with its UTC offset, such as `\"2026-04-07T14:29:00-08:00\"`")
    }
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
