//! Building the model from the typed fields, with the rules that involve
//! more than one field: exactly one target selection and task type, cutoff
//! below duration, offsets only with cron, rate control with targets, and the
//! rest. One small function per rule.

use super::fields::{Fields, RawTarget, ReadBlock, Reader, Typed};
use super::zones::{self, Verdict};
use super::{Checker, errors, timing};
use crate::model::*;
use crate::patterns;
use crate::schema::{self, Kind};
use crate::source::{Span, Spanned};
use crate::syntax::ast::{Block, Ident, Item};

/// The top-level settings.
pub fn settings<'a>(fields: &Fields<'a>) -> Settings<'a> {
    Settings {
        account: fields.str("account"),
        region: fields.str("region"),
        partition: fields.str("partition"),
    }
}

fn ident_text<'a>(id: Ident<'a>) -> Text<'a> {
    Spanned::new(id.text, id.span)
}

/// Services that older walkthroughs trusted and maintenance windows never need.
const UNNEEDED_TRUST: &[&str] = &["ec2.amazonaws.com", "sns.amazonaws.com"];

/// A role block.
pub fn role<'a>(
    reader: &mut Reader<'_, 'a>,
    block: &Block<'a>,
    id: Ident<'a>,
    f: &Fields<'a>,
) -> Role<'a> {
    let name = effective_name(reader, f, id, &schema::IAM_ROLE_NAME, "role name");
    let pass = f.record("pass_role");
    let trust = if f.written("trust").is_some() {
        f.list("trust")
    } else {
        vec![Spanned::new("ssm.amazonaws.com", id.span)]
    };
    for principal in &trust {
        if UNNEEDED_TRUST.contains(&principal.value) {
            reader
                .diags
                .push(errors::unneeded_trust(*principal, id.text));
        }
    }
    Role {
        id: ident_text(id),
        name,
        named: f.written("name").is_some(),
        description: f.str("description"),
        path: f.str("path"),
        trust,
        policies: f.list("policies"),
        policies_unchecked: f.written("policies").is_some() && f.get("policies").is_none(),
        partial: block.partial,
        trust_conditions: {
            let c = f.record("trust_conditions");
            TrustConditions {
                source_account: c.and_then(|c| c.bool("source_account")).unwrap_or(false),
                source_arn: c.and_then(|c| c.bool("source_arn")).unwrap_or(false),
                span: f.written_whole("trust_conditions"),
            }
        },
        pass_role: PassRole {
            name: pass.and_then(|p| p.str("name")),
            users: pass.map(|p| p.list("users")).unwrap_or_default(),
            groups: pass.map(|p| p.list("groups")).unwrap_or_default(),
            roles: pass.map(|p| p.list("roles")).unwrap_or_default(),
            span: f.written_whole("pass_role"),
        },
        max_session_duration: f.int("max_session_duration"),
        permissions_boundary: f.str("permissions_boundary"),
        tags: f.pairs("tags"),
        span: block.span,
    }
}

/// The AWS name: `name = "..."` if set (already checked by the reader), else
/// the declared identifier, checked here against the same rules.
fn effective_name<'a>(
    reader: &mut Reader<'_, 'a>,
    f: &Fields<'a>,
    id: Ident<'a>,
    limits: &schema::Limits,
    what: &str,
) -> Text<'a> {
    if let Some(name) = f.str("name") {
        return name;
    }
    let text = ident_text(id);
    if f.written("name").is_none() {
        reader.name(text, limits, what, None);
    }
    text
}

/// A window block, its targets and its tasks.
pub fn window<'a>(
    checker: &mut Checker<'_, 'a>,
    index: usize,
    block: &Block<'a>,
    read: ReadBlock<'_, 'a>,
) -> Option<Window<'a>> {
    let f = &read.fields;
    let Some(id) = block.name else {
        // Reported by the reader; still check what is inside.
        for (child, inner, _) in &read.children {
            let _ = checker.reader().block(inner, child);
        }
        return None;
    };
    let name = effective_name(
        &mut checker.reader(),
        f,
        id,
        &schema::SSM_NAME,
        "window name",
    );
    let schedule = f.str("schedule");
    let parsed = schedule.map(|s| timing::parse(checker.diags, &mut checker.schedules, s));
    let timezone = f.str("timezone").filter(|tz| timezone(checker, *tz));
    let offset = f.int("offset");
    if let (Some(off), Some(s), Some(p)) = (offset, schedule, &parsed)
        && p.schedule.as_ref().is_some_and(|s| !s.is_cron())
    {
        checker
            .diags
            .push(errors::offset_without_cron(off.span, s.span));
    }
    let start = date(checker, f.str("start_date"), "start_date");
    let end = date(checker, f.str("end_date"), "end_date");
    if let (Some((s, st)), Some((e, et))) = (start, end)
        && st >= et
    {
        checker
            .diags
            .push(errors::start_not_before_end(s.span, e.span));
    }
    let duration = f.int("duration");
    let cutoff = f.int("cutoff");
    if let (Some(d), Some(c)) = (duration, cutoff)
        && c.value >= d.value
    {
        checker.diags.push(errors::cutoff_not_below_duration(
            c.span, c.value, d.span, d.value,
        ));
    }
    let zone = match timezone {
        Some(tz) => jiff::tz::db().get(tz.value).ok(),
        None => Some(jiff::tz::TimeZone::UTC),
    };
    let start_ok = f.written("start_date").is_none() || start.is_some();
    let end_ok = f.written("end_date").is_none() || end.is_some();
    // An active period that is empty is already reported (MW0305).
    let period_ok = match (start, end) {
        (Some((_, s)), Some((_, e))) => s < e,
        _ => true,
    };
    if let (Some(written), Some(p), Some(tz)) = (schedule, &parsed, &zone)
        && let Some(sched) = &p.schedule
        && start_ok
        && end_ok
        && period_ok
        && !(offset.is_none() && f.written("offset").is_some())
    {
        let w = timing::Window {
            name: id.text,
            written,
            expression: &p.expression,
            schedule: sched,
            tz: tz.clone(),
            tz_name: timezone.map_or("UTC", |t| t.value),
            offset: offset.map_or(0, |o| o.value),
            start: start.map(|(t, ts)| (t.span, ts)),
            end: end.map(|(t, ts)| (t.span, ts)),
            duration,
            cutoff: cutoff.map(|c| c.value),
        };
        timing::window_rules(checker.diags, &w, checker.now);
    }
    let allow = f.bool("allow_unregistered_targets").unwrap_or(false);
    let allow_span = f.written_whole("allow_unregistered_targets");

    // Sized once: the model of a large program holds thousands of windows.
    let count = |kind: Kind| {
        read.children
            .iter()
            .filter(|(c, ..)| c.kind == kind)
            .count()
    };
    let mut targets = Vec::with_capacity(count(Kind::Target));
    for (child, target_block, _) in &read.children {
        if child.kind != Kind::Target {
            continue;
        }
        let read = checker.reader().block(target_block, child);
        let Some(target_id) = target_block.name else {
            continue;
        };
        if let Some(t) = target(&mut checker.reader(), target_block, target_id, &read.fields) {
            // A duplicate (reported) is checked but never referenced.
            if let Some(decl) = checker.window_decls[index]
                .1
                .targets
                .get_mut(target_id.text)
                .filter(|d| d.span == target_id.span)
            {
                decl.index = Some(targets.len());
            }
            targets.push(t);
        }
    }
    let mut tasks = Vec::with_capacity(count(Kind::Task));
    let ctx = WindowCtx {
        index,
        name: id.text,
        allow,
        allow_span,
    };
    for (child, task_block, _) in &read.children {
        if child.kind != Kind::Task {
            continue;
        }
        let read = checker.reader().block(task_block, child);
        let Some(task_id) = task_block.name else {
            continue;
        };
        if let Some(t) = task(checker, &ctx, task_block, task_id, read) {
            tasks.push(t);
        }
    }

    let (expression, parsed) = parsed.map_or((String::new(), None), |p| (p.expression, p.schedule));
    Some(Window {
        id: ident_text(id),
        name,
        description: f.str("description"),
        schedule: schedule?,
        expression,
        parsed,
        timezone,
        zone,
        offset,
        start_date: start.map(|(t, _)| t),
        end_date: end.map(|(t, _)| t),
        duration: duration?,
        cutoff: cutoff?,
        allow_unregistered_targets: allow,
        tags: f.pairs("tags"),
        targets,
        tasks,
        span: block.span,
    })
}

/// Whether a time zone is a name of the bundled IANA database; reports an
/// unknown name (MW0302) and a legacy or fixed-offset one (MW0319, which
/// is still used). Each distinct spelling is judged once.
fn timezone<'a>(checker: &mut Checker<'_, 'a>, tz: Text<'a>) -> bool {
    let now = checker.now;
    let verdict = checker
        .zones
        .entry(tz.value)
        .or_insert_with(|| zones::verdict(tz.value, now));
    match verdict {
        Verdict::Fine => true,
        Verdict::Legacy(legacy) => {
            checker.diags.push(errors::legacy_timezone(tz, legacy));
            true
        }
        Verdict::Unknown(meant) => {
            checker.diags.push(errors::unknown_timezone(tz, meant));
            false
        }
    }
}

/// The form AWS documents for start and end dates: ISO 8601 extended, with
/// seconds optional and a `Z` or `±hh:mm` offset.
const DATE_TIME: &str = r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$";

/// Parses an ISO 8601 date-time with offset; reports it otherwise.
fn date<'a>(
    checker: &mut Checker<'_, '_>,
    text: Option<Text<'a>>,
    what: &str,
) -> Option<(Text<'a>, jiff::Timestamp)> {
    let text = text?;
    let parsed = if patterns::matches(DATE_TIME, text.value) {
        text.value.parse::<jiff::Timestamp>().ok()
    } else {
        None
    };
    match parsed {
        Some(ts) => Some((text, ts)),
        None => {
            checker.diags.push(errors::invalid_date(text, what));
            None
        }
    }
}

/// A target block.
fn target<'a>(
    reader: &mut Reader<'_, 'a>,
    block: &Block<'a>,
    id: Ident<'a>,
    f: &Fields<'a>,
) -> Option<Target<'a>> {
    let name = effective_name(reader, f, id, &schema::SSM_NAME, "target name");
    let header = errors::header_span(block);
    // `tags` and `tag_keys` may be combined: both select by tag.
    let by_tag: Vec<Span> = ["tags", "tag_keys"]
        .iter()
        .filter_map(|s| f.written(s))
        .collect();
    let mut ways: Vec<Span> = by_tag.first().copied().into_iter().collect();
    ways.extend(f.written("instances"));
    ways.extend(f.written("resource_group"));
    if let Some(span) = f.written("resource_types")
        && f.written("resource_group").is_none()
    {
        reader.diags.push(errors::needs_field(
            span,
            "resource_types",
            "resource_group",
            "`resource_types` filters the members of a resource group; add `resource_group = \"...\"` or remove it",
        ));
        return None;
    }
    if ways.len() > 1 || (ways.is_empty() && !block.partial) {
        ways.sort();
        reader.diags.push(errors::exactly_one(
            header,
            &format!("target `{}`", id.text),
            "way to select nodes",
            "`tags` (with or without `tag_keys`), `instances`, or `resource_group`",
            &ways,
        ));
        return None;
    }
    let entries = f.multi("tags").len() + usize::from(f.get("tag_keys").is_some());
    if entries > 5 {
        reader
            .diags
            .push(errors::too_many_target_entries(header, id.text, entries));
        return None;
    }
    let selection = if f.written("resource_group").is_some() {
        Selection::ResourceGroup {
            group: f.str("resource_group")?,
            types: f.list("resource_types"),
        }
    } else if f.written("instances").is_some() {
        Selection::Instances(f.list("instances"))
    } else {
        let tags = f.multi("tags");
        for (key, _) in &tags {
            let full = format!("tag:{}", key.value);
            reader.limits(
                Spanned::new(&full, key.span),
                &schema::TARGET_KEY,
                "target tag key",
            );
        }
        Selection::Tags {
            tags,
            keys: f.list("tag_keys"),
        }
    };
    Some(Target {
        id: ident_text(id),
        name,
        description: f.str("description"),
        owner: f.str("owner"),
        selection,
        span: block.span,
    })
}

/// What a task needs to know of its window.
struct WindowCtx<'a> {
    index: usize,
    name: &'a str,
    allow: bool,
    allow_span: Option<Span>,
}

/// A task's `targets`: registered targets of its window, or instance ids
/// (only when the window allows unregistered targets), not both.
fn task_targets<'a>(
    checker: &mut Checker<'_, 'a>,
    window: &WindowCtx<'a>,
    f: &Fields<'a>,
) -> Vec<TaskTarget<'a>> {
    let Some(Typed::Targets(raw)) = f.get("targets") else {
        return Vec::new();
    };
    let refs: Vec<Span> = raw
        .iter()
        .filter_map(|t| match t {
            RawTarget::Ref(_, span) => Some(*span),
            RawTarget::Instance(_) => None,
        })
        .collect();
    let ids: Vec<Text<'a>> = raw
        .iter()
        .filter_map(|t| match t {
            RawTarget::Instance(text) => Some(*text),
            RawTarget::Ref(..) => None,
        })
        .collect();
    if let (Some(first_ref), Some(first_id)) = (refs.first(), ids.first()) {
        checker
            .diags
            .push(errors::mixed_task_targets(first_id.span, *first_ref));
        return Vec::new();
    }
    let span = f.value_span("targets").unwrap_or_default();
    for (count, noun) in [(refs.len(), "targets"), (ids.len(), "instance ids")] {
        if count > 50 {
            checker
                .diags
                .push(errors::item_count(span, "targets", count, 1, 50, noun));
            return Vec::new();
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut valid_ids = Vec::new();
    for item in raw {
        match *item {
            RawTarget::Ref(path, span) => {
                if let Some(t) = checker.resolve_target(window.index, path, span) {
                    out.push(TaskTarget::Target(t, span));
                }
            }
            RawTarget::Instance(text) => {
                if patterns::matches(schema::INSTANCE_ID, text.value) {
                    valid_ids.push(text);
                } else {
                    checker
                        .diags
                        .push(errors::pattern(text, "instance id", schema::INSTANCE_ID));
                }
            }
        }
    }
    if !valid_ids.is_empty() && !window.allow {
        let spans: Vec<Span> = valid_ids.iter().map(|t| t.span).collect();
        checker.diags.push(errors::unregistered_targets(
            &spans,
            window.name,
            window.allow_span,
        ));
    } else {
        out.extend(valid_ids.into_iter().map(TaskTarget::Instance));
    }
    out
}

/// A task block.
fn task<'a>(
    checker: &mut Checker<'_, 'a>,
    window: &WindowCtx<'a>,
    block: &Block<'a>,
    id: Ident<'a>,
    read: ReadBlock<'_, 'a>,
) -> Option<Task<'a>> {
    let f = &read.fields;
    let header = errors::header_span(block);
    let name = effective_name(&mut checker.reader(), f, id, &schema::SSM_NAME, "task name");

    let targets = task_targets(checker, window, f);
    let has_targets = match f.get("targets") {
        Some(Typed::Targets(raw)) => !raw.is_empty(),
        _ => f.written("targets").is_some(),
    };

    let role = role_ref(checker, f.get("role"));

    // Exactly one task type (an unknown block, already reported, may be one).
    let actions = &read.children;
    let unknown_child = block
        .items
        .iter()
        .any(|i| matches!(i, Item::Block(b) if schema::TASK.block(b.kind.text).is_none()));
    if actions.len() > 1 || (actions.is_empty() && !unknown_child && !block.partial) {
        let spans: Vec<Span> = actions
            .iter()
            .map(|(_, b, _)| errors::header_span(b))
            .collect();
        checker.diags.push(errors::exactly_one(
            header,
            &format!("task `{}`", id.text),
            "task type",
            "a `run_command`, `automation`, `lambda` or `step_functions` block",
            &spans,
        ));
    }
    let mut action = None;
    for (child, action_block, _) in actions {
        let read = checker.reader().block(action_block, child);
        if action.is_none() {
            action = build_action(checker, child.kind, action_block, &read.fields);
        }
    }

    // Rate control goes with targets.
    let is_run_command = actions
        .first()
        .is_some_and(|(s, _, _)| s.kind == Kind::RunCommand);
    if actions.len() == 1 && is_run_command && !has_targets && !block.partial {
        checker
            .diags
            .push(errors::run_command_needs_targets(header, id.text));
    }
    for field in ["max_concurrency", "max_errors"] {
        match (has_targets, f.written_whole(field)) {
            (true, None) if !block.partial => checker
                .diags
                .push(errors::rate_control_missing(header, id.text, field)),
            (false, Some(span)) if !is_run_command => checker
                .diags
                .push(errors::rate_control_without_targets(span, field)),
            _ => {}
        }
    }

    let alarm = f.record("alarm").and_then(|a| {
        Some(Alarm {
            name: a.str("name")?,
            ignore_poll_failure: a.bool("ignore_poll_failure").unwrap_or(false),
            span: f.written_whole("alarm")?,
        })
    });

    Some(Task {
        id: ident_text(id),
        name,
        description: f.str("description"),
        priority: f.int("priority").unwrap_or(Spanned::new(1, header)),
        targets,
        max_concurrency: f.rendered("max_concurrency"),
        max_errors: f.rendered("max_errors"),
        role,
        cutoff_behavior: f.str("cutoff_behavior"),
        alarm,
        action: action?,
        span: block.span,
    })
}

fn role_ref<'a>(checker: &mut Checker<'_, 'a>, value: Option<&Typed<'a>>) -> Option<RoleRef<'a>> {
    match value? {
        Typed::Ref(path, span) => checker
            .resolve_role(path, *span)
            .map(|id| RoleRef::Declared(id, *span)),
        Typed::Str(arn) => Some(RoleRef::Arn(*arn)),
        _ => None,
    }
}

fn label<'a>(reader: &Reader<'_, 'a>, block: &Block<'a>) -> Option<Text<'a>> {
    block.label.as_ref().map(|l| reader.text(&l.value, l.span))
}

/// A task's parameters against its document, when mwc knows the document
/// and the parameters read cleanly.
fn document_parameters<'a>(
    checker: &mut Checker<'_, 'a>,
    kind: Kind,
    document: Text<'a>,
    block: &Block<'a>,
    f: &Fields<'a>,
) {
    let name = crate::documents::document_name(document.value);
    let Some(doc) = checker
        .documents
        .get(name)
        .or_else(|| crate::documents::owned(name))
    else {
        return;
    };
    let written = f.written_whole("parameters");
    if written.is_some() && f.get("parameters").is_none() {
        return;
    }
    if block.partial {
        return;
    }
    let parameters = f.multi("parameters");
    let given = super::documents::Given {
        parameters: &parameters,
        field: written,
        header: errors::header_span(block),
        block: kind,
        label: document,
    };
    super::documents::check(doc, &given, checker.diags);
}

fn build_action<'a>(
    checker: &mut Checker<'_, 'a>,
    kind: Kind,
    block: &Block<'a>,
    f: &Fields<'a>,
) -> Option<Action<'a>> {
    let arn = label(&checker.reader(), block)?;
    if kind.runs_document() {
        document_parameters(checker, kind, arn, block, f);
    }
    Some(match kind {
        Kind::RunCommand => {
            let notify = match f.record("notify") {
                Some(n) => {
                    let role = role_ref(checker, n.get("role"));
                    n.str("topic").and_then(|topic| {
                        Some(Notify {
                            topic,
                            role,
                            events: n.list("events"),
                            kind: n.str("type"),
                            span: f.written_whole("notify")?,
                        })
                    })
                }
                None => None,
            };
            Action::RunCommand(Box::new(RunCommand {
                document: arn,
                version: f.rendered("version"),
                parameters: f.multi("parameters"),
                comment: f.str("comment"),
                timeout: f.int("timeout"),
                output_s3: f
                    .record("output_s3")
                    .and_then(|o| Some((o.str("bucket")?, o.str("prefix")))),
                cloudwatch_log_group: f.str("cloudwatch_log_group"),
                cloudwatch_output: f.bool("cloudwatch_output"),
                notify,
                document_hash: f
                    .record("document_hash")
                    .and_then(|d| Some((d.str("hash")?, d.str("type")))),
            }))
        }
        Kind::Automation => Action::Automation {
            document: arn,
            version: f.rendered("version"),
            parameters: f.multi("parameters"),
        },
        Kind::Lambda => Action::Lambda {
            function: arn,
            qualifier: f.str("qualifier"),
            payload: f.rendered("payload"),
            client_context: f.str("client_context"),
        },
        Kind::StepFunctions => Action::StepFunctions {
            state_machine: arn,
            input: f.rendered("input"),
            execution_name: f.str("execution_name"),
        },
        // Not a task type: the reader gives a task only its own kinds.
        Kind::Top
        | Kind::Role
        | Kind::Window
        | Kind::Target
        | Kind::Task
        | Kind::Param
        | Kind::Template
        | Kind::Document => return None,
    })
}
