//! The schedule domain: AWS's `cron(...)`, `rate(...)` and `at(...)`
//! expressions, the friendly forms that lower to them, their plain-English
//! descriptions, and the next openings of a window.
//!
//! The checker, `mwc schedule` and later an editor's hover all use this
//! module. It parses an expression once, keeping the byte range of every cron
//! field, so problems point at the offending field.

pub mod cron;
pub mod describe;
pub mod friendly;
pub mod merge;
pub mod next;
pub mod problems;

use cron::Cron;
use problems::Problem;
use std::ops::Range;

/// A parsed schedule expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// `cron(...)`: calendar openings in the window's time zone.
    Cron(Cron),
    /// `rate(N unit)`: a fixed interval.
    Rate(Rate),
    /// `at(yyyy-mm-ddThh:mm:ss)`: one opening.
    At(jiff::civil::DateTime),
}

/// `rate(N unit)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// How many units.
    pub value: u32,
    /// Which unit.
    pub unit: RateUnit,
}

/// The units of `rate(...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    /// `minute` / `minutes`
    Minutes,
    /// `hour` / `hours`
    Hours,
    /// `day` / `days`
    Days,
}

impl RateUnit {
    /// Seconds in one unit.
    pub fn seconds(self) -> i64 {
        match self {
            RateUnit::Minutes => 60,
            RateUnit::Hours => 3_600,
            RateUnit::Days => 86_400,
        }
    }

    /// The unit's word, singular or plural.
    pub fn word(self, value: u32) -> &'static str {
        match (self, value == 1) {
            (RateUnit::Minutes, true) => "minute",
            (RateUnit::Minutes, false) => "minutes",
            (RateUnit::Hours, true) => "hour",
            (RateUnit::Hours, false) => "hours",
            (RateUnit::Days, true) => "day",
            (RateUnit::Days, false) => "days",
        }
    }
}

impl Rate {
    /// The interval in seconds.
    pub fn seconds(self) -> i64 {
        i64::from(self.value) * self.unit.seconds()
    }
}

/// A window's schedule in words and its next openings.
#[derive(Debug, Clone)]
pub struct WindowOpenings {
    /// The window's declared name.
    pub window: String,
    /// The exact AWS expression.
    pub expression: String,
    /// The IANA time zone (`UTC` when none is set).
    pub timezone: String,
    /// The schedule in plain English.
    pub description: String,
    /// The next openings.
    pub next: Vec<next::Opening>,
    /// Why there are fewer than asked for (None when there are as many).
    pub stop: Option<next::Stop>,
}

/// The next `n` openings after `from` of window `window` under `plan`, with
/// its expression and time zone, in plain words.
pub fn openings(
    window: &str,
    expression: &str,
    timezone: &str,
    plan: &next::Plan<'_>,
    from: jiff::Timestamp,
    n: usize,
) -> WindowOpenings {
    let upcoming = plan.upcoming(from, n);
    WindowOpenings {
        window: window.to_string(),
        expression: expression.to_string(),
        description: describe::describe(plan.schedule, plan.offset_days, timezone),
        timezone: timezone.to_string(),
        next: upcoming.openings,
        stop: upcoming.stop,
    }
}

impl Schedule {
    /// Whether this is a cron schedule (the only kind an offset applies to).
    pub fn is_cron(&self) -> bool {
        matches!(self, Schedule::Cron(_))
    }
}

/// The result of parsing a schedule as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The schedule, when it has no error.
    pub schedule: Option<Schedule>,
    /// The exact AWS expression (the written one, or what a friendly form
    /// lowers to).
    pub expression: String,
    /// Whether the text was a friendly form.
    pub friendly: bool,
    /// Errors and warnings, with ranges in the written text.
    pub problems: Vec<Problem>,
}

/// Parses a schedule as written in a `.mw` file: an AWS expression or a
/// friendly form.
pub fn parse(text: &str) -> Parsed {
    if let Some(lowered) = friendly::lower(text) {
        return match lowered {
            Ok(expression) => {
                let mut parsed = parse_expression(&expression);
                // Problems of the lowered form point at the whole phrase.
                for p in &mut parsed.problems {
                    p.range = 0..text.len();
                }
                parsed.friendly = true;
                parsed
            }
            Err(mut problem) => {
                problem.range = 0..text.len();
                Parsed {
                    schedule: None,
                    expression: String::new(),
                    friendly: true,
                    problems: vec![problem],
                }
            }
        };
    }
    parse_expression(text)
}

/// Parses an AWS schedule expression.
pub fn parse_expression(text: &str) -> Parsed {
    let mut parsed = Parsed {
        schedule: None,
        expression: text.to_string(),
        friendly: false,
        problems: Vec::new(),
    };
    let inner = |keyword: &str| -> Option<(&str, usize)> {
        let rest = text.strip_prefix(keyword)?.strip_prefix('(')?;
        Some((rest.strip_suffix(')')?, keyword.len() + 1))
    };
    if let Some((body, offset)) = inner("cron") {
        let (cron, problems) = cron::parse(body, offset);
        parsed.problems = problems;
        if let Some(cron) = &cron
            && let Some(p) = cron_too_frequent(cron, offset..offset + body.len())
        {
            parsed.problems.push(p);
        }
        parsed.schedule = cron.map(Schedule::Cron);
    } else if let Some((body, offset)) = inner("rate") {
        match rate(body, offset) {
            Ok((rate, warnings)) => {
                parsed.problems = warnings;
                parsed.schedule = Some(Schedule::Rate(rate));
            }
            Err(p) => parsed.problems.push(p),
        }
    } else if let Some((body, offset)) = inner("at") {
        match at(body) {
            Some(when) => parsed.schedule = Some(Schedule::At(when)),
            None => parsed.problems.push(problems::bad_at(
                offset..offset + body.len(),
                body,
                at_fix(body).as_deref(),
            )),
        }
    } else {
        parsed.problems.push(not_a_schedule(text));
    }
    parsed
}

/// A schedule of none of the forms.
fn not_a_schedule(text: &str) -> Problem {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let keyword = ["cron(", "rate(", "at("]
        .iter()
        .find(|k| lower.starts_with(**k));
    let words: Vec<&str> = text.split_whitespace().collect();
    // A rewritten expression is proposed only when it is itself valid.
    let valid = |e: String| {
        let parsed = parse_expression(&e);
        (parsed.schedule.is_some() && !parsed.problems.iter().any(Problem::is_error)).then_some(e)
    };
    let why = if trimmed != text {
        problems::Unrecognised::Spaces(valid(trimmed.to_string()))
    } else if keyword.is_some() && !text.ends_with(')') {
        problems::Unrecognised::Unclosed
    } else if let Some(k) = keyword {
        // `k` matched ASCII bytes, so `k.len()` is a character boundary.
        problems::Unrecognised::Keyword(valid(format!("{k}{}", &text[k.len()..])))
    } else if words.len() == 5 {
        problems::Unrecognised::Unix(cron::from_unix(&words))
    } else if (words.len() == 6 || words.len() == 7) && looks_like_cron_fields(text) {
        // Wrapped, or also with `?` for a `*` day field when the `?` rule is
        // all it breaks.
        let n = words.len();
        let wrapped = format!("cron({})", words.join(" "));
        match valid(wrapped) {
            Some(e) => problems::Unrecognised::Fields(Some(e), false),
            None => match cron::question_fix(&words, n - 4, n - 2) {
                cron::QuestionFix::Replace(e) => {
                    let e = valid(e);
                    let question = e.is_some();
                    problems::Unrecognised::Fields(e, question)
                }
                _ => problems::Unrecognised::Fields(None, false),
            },
        }
    } else {
        problems::Unrecognised::Other
    };
    let shown: String = text.chars().take(40).collect();
    problems::not_a_schedule(0..text.len(), &shown, &why)
}

/// Whether words look like cron fields (numbers, `*`, `?`, names, lists).
fn looks_like_cron_fields(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().all(|w| {
        w.len() <= 16
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"*?,-/#L".contains(&b))
    }) && words.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()))
}

/// `N unit`.
fn rate(body: &str, offset: usize) -> Result<(Rate, Vec<Problem>), Problem> {
    let whole = offset..offset + body.len();
    let parts: Vec<&str> = body.split(' ').collect();
    let [value_text, unit_text] = parts.as_slice() else {
        return Err(problems::rate_shape(whole));
    };
    let value_range = offset..offset + value_text.len();
    let unit_range = value_range.end + 1..whole.end;
    let value = match value_text.parse::<u32>() {
        Ok(v) if v > 0 && !value_text.starts_with('0') && !value_text.starts_with('+') => v,
        Err(_)
            if !value_text.starts_with('0') && value_text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            return Err(problems::rate_too_large(value_range, value_text));
        }
        _ => return Err(problems::rate_value(value_range, value_text)),
    };
    let unit = match *unit_text {
        "minute" | "minutes" => RateUnit::Minutes,
        "hour" | "hours" => RateUnit::Hours,
        "day" | "days" => RateUnit::Days,
        other => return Err(problems::rate_unit(unit_range, value, other)),
    };
    let right = unit.word(value);
    if *unit_text != right {
        return Err(problems::rate_number(unit_range, value, unit_text, right));
    }
    let rate = Rate { value, unit };
    let mut warnings = Vec::new();
    if rate.seconds() < 300 {
        warnings.push(problems::too_frequent(whole));
    }
    Ok((rate, warnings))
}

/// The date and time of a malformed `at(...)` in the accepted form, when
/// the text is one written another way: a space or a lower-case `t` for
/// `T`, no seconds, or a zone (`Z`, `+02:00`) after it.
fn at_fix(body: &str) -> Option<String> {
    let mut text = body.trim().replacen([' ', 't'], "T", 1);
    if text.len() > 19
        && let Some(zone) = text.get(19..)
        && (zone.eq_ignore_ascii_case("z") || zone.starts_with(['+', '-']))
    {
        text.truncate(19);
    } else if text.len() > 16
        && let Some(zone) = text.get(16..)
        && (zone.eq_ignore_ascii_case("z") || zone.starts_with(['+', '-']))
    {
        text.truncate(16);
    }
    if text.len() == 16 {
        text.push_str(":00");
    }
    at(&text).map(|_| text)
}

/// `yyyy-mm-ddThh:mm:ss`, a real date and time.
fn at(body: &str) -> Option<jiff::civil::DateTime> {
    let b = body.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    // jiff reads second 60 as a leap second; AWS's clock has none.
    if !shape || body[17..].parse::<u8>().is_ok_and(|s| s > 59) {
        return None;
    }
    body.parse::<jiff::civil::DateTime>().ok()
}

/// The shortest time in seconds between two openings of a cron expression,
/// judged from its times of day (and from one day to the next when it opens
/// every day). None when it opens at most once a day on some days only.
pub fn closest_gap_seconds(cron: &Cron) -> Option<u32> {
    let seconds = cron.seconds.unwrap_or(cron::Bits(1));
    let mut times = Vec::new();
    for h in cron.hours.iter() {
        for m in cron.minutes.iter() {
            for s in seconds.iter() {
                times.push(h * 3_600 + m * 60 + s);
            }
        }
    }
    // The wrap from the last time of one day to the first of the next counts
    // when the schedule opens on two days in a row.
    let consecutive = |bits: cron::Bits, lo: u32, hi: u32, cyclic: bool| {
        (lo..=hi).any(|d| bits.has(d) && (bits.has(d + 1) || (cyclic && d == hi && bits.has(lo))))
    };
    let next_days = match (cron.dom, cron.dow) {
        (cron::Dom::Unspecified, cron::Dow::Unspecified) => true,
        (cron::Dom::Unspecified, cron::Dow::Days(b)) => consecutive(b, 1, 7, true),
        (cron::Dom::Days(b), cron::Dow::Unspecified) => consecutive(b, 1, 31, false),
        _ => false,
    };
    let wrap = next_days
        .then(|| times.first().zip(times.last()).map(|(f, l)| f + 86_400 - l))
        .flatten();
    times.windows(2).map(|w| w[1] - w[0]).chain(wrap).min()
}

/// Whether a cron expression fires more often than every 5 minutes.
fn cron_too_frequent(cron: &Cron, range: Range<usize>) -> Option<Problem> {
    closest_gap_seconds(cron)
        .filter(|gap| *gap < 300)
        .map(|_| problems::too_frequent(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        parse(text)
            .problems
            .iter()
            .map(|p| format!("{} {}", p.code, &text[p.range.clone()]))
            .collect()
    }

    #[test]
    fn documented_examples_parse() {
        for e in [
            "cron(0 16 ? * TUE *)",
            "cron(30 23 ? * TUE#3 *)",
            "cron(30 09 ? * * *)",
            "cron(24 30 09 ? * * *)",
            "cron(0 2 ? * THU#3 *)",
            "cron(15 10 ? * MON-FRI *)",
            "cron(0 2 L * ? *)",
            "cron(15 10 ? * 6L *)",
            "cron(0 30 23 ? * TUE#3 *)",
            "rate(5 minutes)",
            "rate(1 hour)",
            "rate(7 days)",
            "at(2020-07-07T15:55:00)",
        ] {
            let parsed = parse(e);
            assert!(parsed.problems.is_empty(), "{e}: {:?}", parsed.problems);
            assert!(parsed.schedule.is_some(), "{e}");
        }
    }

    #[test]
    fn problems_point_at_the_field() {
        assert_eq!(codes("cron(0 2 ? * 8 *)"), ["MW0307 8"]);
        assert_eq!(codes("cron(0 2 * * * *)"), ["MW0309 * * *"]);
        assert_eq!(codes("rate(5 hour)"), ["MW0310 hour"]);
        assert_eq!(
            codes("at(2026-02-30T00:00:00)"),
            ["MW0311 2026-02-30T00:00:00"]
        );
        assert_eq!(codes("cron(0 2 * *)"), ["MW0306 0 2 * *"]);
    }
}
