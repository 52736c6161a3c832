//! The window-level schedule rules: the expression itself (through the
//! schedule module), and what only the whole window can tell — a schedule
//! that never opens or opens only in the past, an end date already past,
//! runs that overlap, and openings that daylight saving time moves.

use super::errors;
use super::errors::Past;
use crate::diagnostic::Diagnostic;
use crate::model::Text;
use crate::schedule::cron::{self, Cron, FieldKind};
use crate::schedule::next::{Plan, Shift, Stop, next_local, resolve};
use crate::schedule::{self, Schedule};
use crate::source::{Span, Spanned};
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// The span of bytes `range` of a string literal's value: exact when the
/// literal has no escapes (its value is then its text between the quotes),
/// else the whole literal.
pub fn span_in_literal(text: Text<'_>, range: std::ops::Range<usize>) -> Span {
    if text.span.len() as usize == text.value.len() + 2 && range.end <= text.value.len() {
        text.span.sub(1 + range.start, 1 + range.end)
    } else {
        text.span
    }
}

/// Parses a window's schedule, reporting its problems at their exact spans.
/// Each distinct text is parsed once per check (`parsed` keeps them): a
/// fleet of windows repeats a few schedules.
pub fn parse<'a>(
    diags: &mut Vec<Diagnostic>,
    parsed: &mut HashMap<&'a str, schedule::Parsed>,
    text: Text<'a>,
) -> schedule::Parsed {
    let known = parsed
        .entry(text.value)
        .or_insert_with(|| schedule::parse(text.value));
    for problem in &known.problems {
        diags.push(
            problem
                .clone()
                .into_diagnostic(|r| span_in_literal(text, r)),
        );
    }
    schedule::Parsed {
        schedule: known.schedule.clone(),
        expression: known.expression.clone(),
        friendly: known.friendly,
        problems: Vec::new(),
    }
}

/// What the window-level rules look at.
pub struct Window<'s> {
    /// The window's name, for messages.
    pub name: &'s str,
    /// The schedule as written.
    pub written: Text<'s>,
    /// The exact AWS expression (what a friendly phrase lowers to).
    pub expression: &'s str,
    /// The parsed schedule.
    pub schedule: &'s Schedule,
    /// The time zone, and its name as written.
    pub tz: TimeZone,
    /// The zone's name for messages.
    pub tz_name: &'s str,
    /// The offset in days.
    pub offset: i64,
    /// Start and end of the active period, with their spans.
    pub start: Option<(Span, Timestamp)>,
    /// End of the active period.
    pub end: Option<(Span, Timestamp)>,
    /// Duration in hours, with its span.
    pub duration: Option<Spanned<i64>>,
    /// Cutoff in hours.
    pub cutoff: Option<i64>,
}

/// How far ahead daylight-saving shifts are reported.
const DST_HORIZON_DAYS: i64 = 366;

/// Applies the rules that need the whole window and the current time.
pub fn window_rules(diags: &mut Vec<Diagnostic>, w: &Window<'_>, now: Timestamp) {
    // The plan `mwc schedule` follows, with the window's own duration and
    // cutoff, so that both find the same first opening; the end date is
    // compared with it below.
    let plan = Plan {
        schedule: w.schedule,
        tz: w.tz.clone(),
        offset_days: w.offset,
        start: w.start.map(|(_, t)| t),
        end: None,
        duration_hours: w.duration.map_or(0, |d| d.value),
        cutoff_hours: w.cutoff.unwrap_or(0),
    };
    // Openings after now, within the active period (an opening exactly at
    // the start date counts), as `mwc schedule` counts them.
    let upcoming = plan.upcoming(now, 1);
    let first = upcoming.openings.first();

    if let Some((end_span, end)) = w.end
        && end < now
    {
        diags.push(errors::end_date_past(end_span, w.name));
    } else if first.is_none() {
        diags.push(match upcoming.stop {
            Some(Stop::PastRange(local)) => {
                errors::opens_past_range(w.written.span, w.name, local, w.tz_name)
            }
            Some(Stop::ClosesPastRange(local)) => {
                errors::closes_past_range(w.written.span, w.name, local, w.tz_name)
            }
            Some(Stop::Done) | None => no_opening(w, &plan, now),
        });
        return;
    } else if let (Some((end_span, end)), Some(first)) = (w.end, first)
        && first.start.timestamp() > end
    {
        diags.push(errors::ends_before_first_opening(
            end_span,
            w.written.span,
            &first.start.strftime("%Y-%m-%d %H:%M %Z").to_string(),
        ));
    }

    let gap = match w.schedule {
        Schedule::Rate(rate) => Some(rate.seconds()),
        Schedule::Cron(cron) => schedule::closest_gap_seconds(cron).map(i64::from),
        Schedule::At(_) => None,
    };
    // Under 5 minutes the schedule is already reported as too frequent.
    if let (Some(gap), Some(duration)) = (gap, w.duration)
        && (300..duration.value * 3_600).contains(&gap)
    {
        diags.push(errors::overlapping_runs(
            w.written.span,
            duration.span,
            &gap_words(gap),
            duration.value,
        ));
    }

    // An hourly (or more frequent) schedule just loses or repeats one
    // opening when the clocks change: not worth a warning.
    let hourly = matches!(w.schedule, Schedule::Cron(c) if c.hours.count() == 24);
    if !matches!(w.schedule, Schedule::Rate(_)) && !hourly {
        // From now, or from the start date when it is later.
        let from = w.start.map_or(now, |(_, s)| s.max(now));
        dst_rule(diags, w, from);
    }
}

/// "30 minutes", "1 hour", "2 days".
fn gap_words(seconds: i64) -> String {
    let (n, unit) = if seconds % 86_400 == 0 {
        (seconds / 86_400, "day")
    } else if seconds % 3_600 == 0 {
        (seconds / 3_600, "hour")
    } else if seconds % 60 == 0 {
        (seconds / 60, "minute")
    } else {
        (seconds, "second")
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The diagnostic for a window with no opening from `now` (or from its
/// start date when later): an error when the schedule can never open at all
/// or not after its start date, a warning when all its openings are past.
fn no_opening(w: &Window<'_>, plan: &Plan<'_>, now: Timestamp) -> Diagnostic {
    let span = w.written.span;
    let unbounded = Plan {
        start: None,
        ..plan.clone()
    };
    if w.start.is_some_and(|(_, start)| start > now) && !unbounded.next(now, 1).is_empty() {
        return errors::no_opening_after_start(span, w.name);
    }
    match w.schedule {
        Schedule::At(when) => {
            errors::openings_past(span, w.name, Past::At(*when, at_ahead(*when, &w.tz, now)))
        }
        Schedule::Cron(cron) if opens_ever(cron) => {
            let this_year = i32::from(now.to_zoned(TimeZone::UTC).year());
            let last_aws_year = cron::YEARS.end as i32 - 1;
            match cron.years.last() {
                // Not the years written but AWS's calendar ran out.
                Some(last) if last == last_aws_year && this_year >= last => {
                    errors::openings_past(span, w.name, Past::NoYearLeft(last))
                }
                Some(last) if last < this_year => {
                    let every_year = every_year(w, cron, &unbounded, now);
                    errors::openings_past(span, w.name, Past::Year(last, every_year))
                }
                _ => errors::openings_past(span, w.name, Past::Cron),
            }
        }
        Schedule::Cron(_) => errors::never_matches(span, w.name),
        // A rate opens again and again from now.
        Schedule::Rate(_) => errors::no_opening_after_start(span, w.name),
    }
}

/// The window's cron expression with `*` for its year field, when that
/// opens after `now` under `plan` (the window's zone and offset).
fn every_year(w: &Window<'_>, cron: &Cron, plan: &Plan<'_>, now: Timestamp) -> Option<String> {
    let (_, range) = cron
        .fields
        .iter()
        .find(|(kind, _)| *kind == FieldKind::Year)?;
    w.expression.get(range.clone())?;
    let mut expression = w.expression.to_string();
    expression.replace_range(range.clone(), "*");
    let parsed = schedule::parse_expression(&expression);
    let schedule = parsed.schedule.as_ref()?;
    let opens = !Plan {
        schedule,
        ..plan.clone()
    }
    .next(now, 1)
    .is_empty();
    opens.then_some(expression)
}

/// Whether any date and time from 1970 matches every field of a cron
/// expression.
fn opens_ever(cron: &Cron) -> bool {
    DateTime::new(1969, 12, 31, 0, 0, 0, 0)
        .ok()
        .and_then(|before| next_local(cron, before))
        .is_some()
}

/// `when` in the first later year in which it is after `now` in zone `tz`
/// (for a one-off schedule already past); None when there is none before
/// 2200.
fn at_ahead(when: DateTime, tz: &TimeZone, now: Timestamp) -> Option<DateTime> {
    (when.year() + 1..2200)
        .filter_map(|year| when.with().year(year).build().ok())
        .find(|later| resolve(tz, *later).is_some_and(|(at, _)| at > now))
}

/// Warns once when an opening in the next year falls in a daylight-saving
/// gap or repeated hour. Only the local times around the zone's transitions
/// are looked at, a few bit operations each, so a frequent schedule costs
/// little more than a daily one.
fn dst_rule(diags: &mut Vec<Diagnostic>, w: &Window<'_>, from: Timestamp) {
    let Ok(horizon) = from.checked_add(SignedDuration::from_hours(24 * DST_HORIZON_DAYS)) else {
        return;
    };
    let around = SignedDuration::from_hours(3);
    let offset = SignedDuration::from_hours(24 * w.offset);
    let local = |t: Timestamp| t.to_zoned(w.tz.clone()).datetime();
    let mut warn = |local_time: DateTime, start: Timestamp, shift: Shift| {
        let actual = start
            .to_zoned(w.tz.clone())
            .strftime("%H:%M %Z")
            .to_string();
        diags.push(errors::daylight_saving(
            w.written.span,
            w.name,
            w.tz_name,
            &local_time.strftime("%Y-%m-%d %H:%M").to_string(),
            &actual,
            shift == Shift::Gap,
        ));
    };
    if let Schedule::At(when) = w.schedule {
        let Some((start, shift)) = resolve(&w.tz, *when) else {
            return;
        };
        if shift != Shift::None && start >= from && start <= horizon {
            warn(*when, start, shift);
        }
        return;
    }
    let Schedule::Cron(cron) = w.schedule else {
        return;
    };
    for transition in w.tz.following(from).take(8) {
        let at = transition.timestamp();
        if at > horizon {
            return;
        }
        let (Ok(before), Ok(after)) = (at.checked_sub(around), at.checked_add(around)) else {
            continue;
        };
        let Ok(first_base) = local(before).checked_sub(offset) else {
            continue;
        };
        let last = local(after);
        let mut cursor = first_base;
        while let Some(base) = next_local(cron, cursor) {
            cursor = base;
            let Ok(opening) = base.checked_add(offset) else {
                break;
            };
            if opening > last {
                break;
            }
            let Some((start, shift)) = resolve(&w.tz, opening) else {
                break;
            };
            if shift != Shift::None && start >= from {
                warn(opening, start, shift);
                return;
            }
        }
    }
}
