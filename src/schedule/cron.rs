//! AWS's cron dialect for maintenance windows: six fields (minutes hours
//! day-of-month month day-of-week year), or seven with leading seconds.
//!
//! Every field is parsed into a bit set (or one of the day specials `L`, `W`,
//! `#`) with the byte range it was written at, so a problem points at the
//! field, and the next openings are computed by walking calendar fields, not
//! minutes.

use super::problems::{self, Problem};
use std::ops::Range;

/// A set of small numbers (0..=63) as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bits(pub u64);

impl Bits {
    /// Whether `n` is in the set.
    pub fn has(self, n: u32) -> bool {
        n < 64 && self.0 & (1 << n) != 0
    }

    fn insert(&mut self, n: u32) {
        if n < 64 {
            self.0 |= 1 << n;
        }
    }

    /// The smallest member ≥ `from`, if any.
    pub fn next_from(self, from: u32) -> Option<u32> {
        if from >= 64 {
            return None;
        }
        let masked = self.0 & (u64::MAX << from);
        (masked != 0).then(|| masked.trailing_zeros())
    }

    /// The members in increasing order.
    pub fn iter(self) -> impl Iterator<Item = u32> {
        (0..64).filter(move |&n| self.has(n))
    }

    /// How many members.
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// The smallest member.
    pub fn first(self) -> Option<u32> {
        self.next_from(0)
    }
}

/// The years AWS accepts: 1970 to 2199.
pub const YEARS: Range<u32> = 1970..2200;

/// A set of years from 1970 to 2199.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Years([u64; 4]);

impl Years {
    fn insert(&mut self, year: u32) {
        if YEARS.contains(&year) {
            let i = (year - YEARS.start) as usize;
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether `year` is in the set.
    pub fn has(&self, year: i32) -> bool {
        let Ok(year) = u32::try_from(year) else {
            return false;
        };
        if !YEARS.contains(&year) {
            return false;
        }
        let i = (year - YEARS.start) as usize;
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// The smallest year ≥ `from` in the set.
    pub fn next_from(&self, from: i32) -> Option<i32> {
        let start = from.max(YEARS.start as i32);
        (start..YEARS.end as i32).find(|&y| self.has(y))
    }

    /// The largest year in the set.
    pub fn last(&self) -> Option<i32> {
        (YEARS.start as i32..YEARS.end as i32)
            .rev()
            .find(|&y| self.has(y))
    }

    /// Whether every year is in the set.
    pub fn is_all(&self) -> bool {
        (YEARS.start as i32..YEARS.end as i32).all(|y| self.has(y))
    }
}

/// The day-of-month field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dom {
    /// `?`: the day is given by day-of-week.
    Unspecified,
    /// Days of the month (bits 1..=31); `*` sets all.
    Days(Bits),
    /// `L`: the last day of the month.
    Last,
    /// `nW`: the weekday (Monday to Friday) nearest to day `n`, within the month.
    NearestWeekday(u32),
}

/// The day-of-week field (1 = Sunday … 7 = Saturday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dow {
    /// `?`: the day is given by day-of-month.
    Unspecified,
    /// Days of the week (bits 1..=7); `*` sets all.
    Days(Bits),
    /// `dL` (and `L` alone, meaning `7L`): the last such weekday of the month.
    Last(u32),
    /// `d#k`: the k-th such weekday of the month.
    Nth(u32, u32),
}

/// Which field, for messages and spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Seconds (7-field form only).
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Day of month.
    DayOfMonth,
    /// Month.
    Month,
    /// Day of week.
    DayOfWeek,
    /// Year.
    Year,
}

impl FieldKind {
    /// The field's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Seconds => "seconds",
            FieldKind::Minutes => "minutes",
            FieldKind::Hours => "hours",
            FieldKind::DayOfMonth => "day-of-month",
            FieldKind::Month => "month",
            FieldKind::DayOfWeek => "day-of-week",
            FieldKind::Year => "year",
        }
    }

    /// The range of values.
    pub fn range(self) -> (u32, u32) {
        match self {
            FieldKind::Seconds | FieldKind::Minutes => (0, 59),
            FieldKind::Hours => (0, 23),
            FieldKind::DayOfMonth => (1, 31),
            FieldKind::Month => (1, 12),
            FieldKind::DayOfWeek => (1, 7),
            FieldKind::Year => (YEARS.start, YEARS.end - 1),
        }
    }

    /// The range as written in messages, with names where the field has them.
    pub fn range_text(self) -> String {
        let (lo, hi) = self.range();
        match self {
            FieldKind::Month => format!("{lo}–{hi} (or JAN–DEC)"),
            FieldKind::DayOfWeek => format!("{lo}–{hi} (or SUN–SAT)"),
            _ => format!("{lo}–{hi}"),
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            FieldKind::Month => &MONTHS,
            FieldKind::DayOfWeek => &DAYS,
            _ => &[],
        }
    }
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
/// Day names, Sunday first (1 = SUN).
pub const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// A parsed cron expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    /// Seconds, when the 7-field form is used.
    pub seconds: Option<Bits>,
    /// Minutes.
    pub minutes: Bits,
    /// Hours.
    pub hours: Bits,
    /// Day of month.
    pub dom: Dom,
    /// Months (bits 1..=12).
    pub months: Bits,
    /// Day of week.
    pub dow: Dow,
    /// Years.
    pub years: Years,
    /// Each field as written, with its byte range in the expression.
    pub fields: Vec<(FieldKind, Range<usize>)>,
}

/// A field's text and where it is in the expression.
struct Token<'e> {
    text: &'e str,
    start: usize,
}

impl Token<'_> {
    fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
    fn sub(&self, from: usize, to: usize) -> Range<usize> {
        self.start + from..self.start + to
    }
}

/// Parses the inside of `cron(...)`; `offset` is where the inside starts in
/// the whole expression, so ranges point into the expression.
pub fn parse(inner: &str, offset: usize) -> (Option<Cron>, Vec<Problem>) {
    let mut problems = Vec::new();
    // Fields are separated by white space; AWS's examples use single spaces.
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in inner
        .char_indices()
        .chain(std::iter::once((inner.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push(Token {
                    text: &inner[s..i],
                    start: offset + s,
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let single_spaces = inner
        .split(' ')
        .all(|part| !part.is_empty() && !part.contains(char::is_whitespace));
    if !single_spaces && !tokens.is_empty() {
        problems.push(problems::cron_spacing(offset..offset + inner.len()));
    }
    let kinds: &[FieldKind] = match tokens.len() {
        6 => &[
            FieldKind::Minutes,
            FieldKind::Hours,
            FieldKind::DayOfMonth,
            FieldKind::Month,
            FieldKind::DayOfWeek,
            FieldKind::Year,
        ],
        7 => &[
            FieldKind::Seconds,
            FieldKind::Minutes,
            FieldKind::Hours,
            FieldKind::DayOfMonth,
            FieldKind::Month,
            FieldKind::DayOfWeek,
            FieldKind::Year,
        ],
        n => {
            let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            let unix = (n == 5).then(|| from_unix(&texts));
            problems.push(problems::cron_field_count(
                offset..offset + inner.len(),
                n,
                unix.as_ref(),
            ));
            return (None, problems);
        }
    };
    // Day-of-month and day-of-week, by index in `tokens`.
    let (dom_at, dow_at) = (kinds.len() - 4, kinds.len() - 2);

    let mut cron = Cron {
        seconds: None,
        minutes: Bits(0),
        hours: Bits(0),
        dom: Dom::Unspecified,
        months: Bits(0),
        dow: Dow::Unspecified,
        years: Years::default(),
        fields: Vec::with_capacity(tokens.len()),
    };
    let before = problems.len();
    let mut dom_token = None;
    let mut dow_token = None;
    let mut day_field_errors = false;
    for (kind, token) in kinds.iter().zip(&tokens) {
        cron.fields.push((*kind, token.range()));
        match kind {
            FieldKind::Seconds => cron.seconds = numeric(*kind, token, &mut problems),
            FieldKind::Minutes => {
                cron.minutes = numeric(*kind, token, &mut problems).unwrap_or_default()
            }
            FieldKind::Hours => {
                cron.hours = numeric(*kind, token, &mut problems).unwrap_or_default()
            }
            FieldKind::Month => {
                cron.months = numeric(*kind, token, &mut problems).unwrap_or_default()
            }
            FieldKind::Year => {
                if let Some(years) = year_field(token, &mut problems) {
                    cron.years = years;
                }
            }
            FieldKind::DayOfMonth => {
                dom_token = Some(token);
                match day_of_month(token, &mut problems) {
                    Some(dom) => cron.dom = dom,
                    None => day_field_errors = true,
                }
            }
            FieldKind::DayOfWeek => {
                dow_token = Some(token);
                match day_of_week(token, &mut problems) {
                    Some(dow) => cron.dow = dow,
                    None => day_field_errors = true,
                }
            }
        }
    }
    // The `?` rule: exactly one of day-of-month and day-of-week is `?`.
    if let (Some(dom), Some(dow), false) = (dom_token, dow_token, day_field_errors) {
        let (q_dom, q_dow) = (dom.text == "?", dow.text == "?");
        if q_dom == q_dow {
            let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            let fix = question_fix(&texts, dom_at, dow_at);
            problems.push(problems::question_rule(
                dom.range(),
                dow.range(),
                dom.text == "*",
                &fix,
            ));
        }
    }
    // Warnings (undocumented forms) keep the schedule; errors drop it.
    let ok = !problems[before..].iter().any(Problem::is_error);
    (ok.then_some(cron), problems)
}

/// `cron(...)` around fields, with some of them replaced (`(index, text)`).
fn expression(fields: &[&str], replace: &[(usize, &str)]) -> String {
    let fields: Vec<&str> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            replace
                .iter()
                .find(|(at, _)| *at == i)
                .map_or(*f, |(_, r)| *r)
        })
        .collect();
    format!("cron({})", fields.join(" "))
}

/// How to obey the `?` rule keeping everything else the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionFix {
    /// Neither field is `?`, one of them is `*`: the expression with `?` in
    /// its place.
    Replace(String),
    /// Neither field is `?` and both name days: the expression keeping each
    /// one, with the fields as written.
    Either {
        /// Day-of-month as written.
        dom: String,
        /// Day-of-week as written.
        dow: String,
        /// The expression with day-of-month kept.
        by_dom: String,
        /// The expression with day-of-week kept.
        by_dow: String,
    },
    /// Both fields are `?`: the expression opening every day.
    EveryDay(String),
}

/// The fix for a broken `?` rule, from the fields as written (`dom` and
/// `dow` are the indexes of the day fields in `fields`).
pub fn question_fix(fields: &[&str], dom: usize, dow: usize) -> QuestionFix {
    let (d, w) = (
        fields.get(dom).copied().unwrap_or("?"),
        fields.get(dow).copied().unwrap_or("?"),
    );
    match (d, w) {
        ("?", _) | (_, "?") => QuestionFix::EveryDay(expression(fields, &[(dow, "*")])),
        ("*", _) => QuestionFix::Replace(expression(fields, &[(dom, "?")])),
        (_, "*") => QuestionFix::Replace(expression(fields, &[(dow, "?")])),
        _ => QuestionFix::Either {
            dom: d.to_string(),
            dow: w.to_string(),
            by_dom: expression(fields, &[(dow, "?")]),
            by_dow: expression(fields, &[(dom, "?")]),
        },
    }
}

/// What a five-field cron line means in AWS's cron.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromUnix {
    /// A Unix crontab schedule, translated: the same openings in AWS's six
    /// fields.
    Same(String),
    /// AWS's form (it already uses `?`) without its year: the year added.
    MissingYear(String),
    /// Both day fields name days: Unix opens on days matching either one,
    /// which one AWS expression cannot say; one expression per field, which
    /// together open on the same days.
    Either {
        /// Day-of-month as written.
        dom: String,
        /// Day-of-week as written.
        dow: String,
        /// The days of the month.
        by_dom: String,
        /// The days of the week.
        by_dow: String,
    },
    /// Fields mwc cannot translate faithfully.
    Unknown,
}

/// Translates the five fields of a Unix crontab line (minute hour
/// day-of-month month day-of-week) into AWS's six: `?` in the day field
/// that Unix ignores, weekdays renumbered (Unix counts 0 or 7 = Sunday, AWS
/// 1 = Sunday; names are written out, which cannot be misread), `*/n` steps
/// written from the field's first value, and the year `*`. Every expression
/// returned is one AWS's cron accepts.
pub fn from_unix(fields: &[&str]) -> FromUnix {
    let [minute, hour, dom, month, dow] = fields else {
        return FromUnix::Unknown;
    };
    let valid = |e: String| {
        let body = e
            .strip_prefix("cron(")
            .and_then(|b| b.strip_suffix(')'))
            .unwrap_or("");
        let (cron, problems) = parse(body, 0);
        (cron.is_some() && !problems.iter().any(Problem::is_error)).then_some(e)
    };
    if *dom == "?" || *dow == "?" {
        return valid(format!("cron({} *)", fields.join(" ")))
            .map_or(FromUnix::Unknown, FromUnix::MissingYear);
    }
    let minute = unix_steps(minute, 0);
    let hour = unix_steps(hour, 0);
    let month = unix_steps(&month.to_ascii_uppercase(), 1);
    let dom_aws = unix_steps(dom, 1);
    let Some(dow_aws) = unix_weekdays(dow) else {
        return FromUnix::Unknown;
    };
    let six = |d: &str, w: &str| format!("cron({minute} {hour} {d} {month} {w} *)");
    // Unix (Vixie cron) matches days by both fields when either starts with
    // `*`, and by either field otherwise.
    let translated = match (*dom, *dow) {
        ("*", _) => six("?", &dow_aws),
        (_, "*") => six(&dom_aws, "?"),
        (d, w) if d.starts_with('*') || w.starts_with('*') => return FromUnix::Unknown,
        (d, w) => {
            return match (valid(six(&dom_aws, "?")), valid(six("?", &dow_aws))) {
                (Some(by_dom), Some(by_dow)) => FromUnix::Either {
                    dom: d.to_string(),
                    dow: w.to_string(),
                    by_dom,
                    by_dow,
                },
                _ => FromUnix::Unknown,
            };
        }
    };
    valid(translated).map_or(FromUnix::Unknown, FromUnix::Same)
}

/// A Unix field with `*/n` steps written from the field's first value
/// (`0/15`), the form AWS documents.
fn unix_steps(field: &str, first: u32) -> String {
    field
        .split(',')
        .map(|item| match item.strip_prefix("*/") {
            Some(step) => format!("{first}/{step}"),
            None => item.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A Unix day-of-week field (0 or 7 = Sunday, names, lists, ranges and
/// steps) as AWS's day-of-week: names, with runs of three or more days as a
/// range (`MON-FRI`), `*` for every day. None when it is not a Unix weekday
/// field.
fn unix_weekdays(field: &str) -> Option<String> {
    let day = |text: &str| -> Option<u32> {
        let upper = text.to_ascii_uppercase();
        if let Some(i) = DAYS.iter().position(|d| *d == upper) {
            return Some(i as u32);
        }
        let n: u32 = text.parse().ok().filter(|_| text.len() <= 2)?;
        (n <= 7).then_some(n % 7)
    };
    // Unix days, 0 = Sunday.
    let mut days = [false; 7];
    for item in field.split(',') {
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => (base, Some(step.parse::<u32>().ok().filter(|s| *s > 0)?)),
            None => (item, None),
        };
        let (from, to) = match base.split_once('-') {
            _ if base == "*" => (0, 6),
            Some((a, b)) => {
                // `7` ends a range as Sunday, after Saturday.
                let b = if b == "7" { 7 } else { day(b)? };
                (day(a)?, b)
            }
            None if step.is_some() => (day(base)?, 6),
            None => {
                let d = day(base)?;
                (d, d)
            }
        };
        if from > to {
            return None;
        }
        for d in (from..=to).step_by(step.unwrap_or(1) as usize) {
            days[(d % 7) as usize] = true;
        }
    }
    if days.iter().all(|d| *d) {
        return Some("*".to_string());
    }
    // Runs of days in AWS's order, Sunday first.
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !days[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < 7 && days[i] {
            i += 1;
        }
        match i - start {
            1 => parts.push(DAYS[start].to_string()),
            2 => parts.push(format!("{},{}", DAYS[start], DAYS[start + 1])),
            _ => parts.push(format!("{}-{}", DAYS[start], DAYS[i - 1])),
        }
    }
    Some(parts.join(","))
}

/// One value of a field: a number, or a name where the field has names.
fn atom(
    kind: FieldKind,
    text: &str,
    range: Range<usize>,
    problems: &mut Vec<Problem>,
) -> Option<u32> {
    let (lo, hi) = kind.range();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let value: u32 = text.parse().unwrap_or(u32::MAX);
        if value < lo || value > hi {
            problems.push(problems::out_of_range(range, kind, text));
            return None;
        }
        return Some(value);
    }
    let upper = text.to_ascii_uppercase();
    if let Some(i) = kind.names().iter().position(|n| *n == upper) {
        if upper != text {
            problems.push(problems::lower_case_name(
                range,
                kind,
                text,
                kind.names()[i],
            ));
        }
        return Some(i as u32 + 1);
    }
    problems.push(problems::bad_value(range, kind, text));
    None
}

/// A field made of numbers: `*`, lists, ranges and steps.
fn numeric(kind: FieldKind, token: &Token<'_>, problems: &mut Vec<Problem>) -> Option<Bits> {
    let mut bits = Bits(0);
    let mut ok = true;
    let mut pos = 0;
    for item in token.text.split(',') {
        let range = token.sub(pos, pos + item.len());
        pos += item.len() + 1;
        match item_values(kind, item, range, problems) {
            Some(values) => {
                for v in values {
                    bits.insert(v);
                }
            }
            None => ok = false,
        }
    }
    ok.then_some(bits)
}

/// The values of one list item: `*`, `a`, `a-b`, `a/s`, `*/s`, `a-b/s`.
fn item_values(
    kind: FieldKind,
    item: &str,
    range: Range<usize>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u32>> {
    let (lo, hi) = kind.range();
    if item.is_empty() {
        problems.push(problems::empty_item(range, kind));
        return None;
    }
    if item == "?" {
        problems.push(problems::question_here(range, kind));
        return None;
    }
    let (base, step) = match item.split_once('/') {
        Some((base, step)) => {
            // An empty step or start points at the whole item.
            let step_range = if step.is_empty() || base.is_empty() {
                range.clone()
            } else {
                range.end - step.len()..range.end
            };
            if base.is_empty() {
                problems.push(problems::bad_value(range, kind, item));
                return None;
            }
            let step_value: Option<u32> = step.parse().ok().filter(|s| *s > 0);
            match step_value {
                Some(s) if s <= hi - lo => (base, Some(s)),
                Some(_) | None => {
                    problems.push(problems::bad_step(step_range, kind, step));
                    return None;
                }
            }
        }
        None => (item, None),
    };
    let base_range = range.start..range.start + base.len();
    let (from, to, wrapped) = if base == "*" {
        (lo, hi, false)
    } else if let Some((a, b)) = base.split_once('-') {
        if a.is_empty() || b.is_empty() {
            problems.push(problems::bad_value(range, kind, item));
            return None;
        }
        let a_range = base_range.start..base_range.start + a.len();
        let b_range = a_range.end + 1..base_range.end;
        let a = atom(kind, a, a_range, problems)?;
        let b = atom(kind, b, b_range, problems)?;
        (a, b, a > b)
    } else {
        let a = atom(kind, base, base_range, problems)?;
        // `5/15` starts at 5 and runs to the end of the field.
        (a, if step.is_some() { hi } else { a }, false)
    };
    if step.is_some() && base.contains('-') {
        problems.push(problems::unverified(
            range.clone(),
            "a range with a step",
            item,
        ));
    }
    if wrapped {
        problems.push(problems::unverified(
            range.clone(),
            "a range that wraps around",
            item,
        ));
    }
    let count = if wrapped {
        (hi - from + 1) + (to - lo + 1)
    } else {
        to - from + 1
    };
    let values = (0..count)
        .step_by(step.unwrap_or(1) as usize)
        .map(|i| {
            let v = from + i;
            if v > hi { v - (hi - lo + 1) } else { v }
        })
        .collect();
    Some(values)
}

fn year_field(token: &Token<'_>, problems: &mut Vec<Problem>) -> Option<Years> {
    let mut years = Years::default();
    let mut ok = true;
    let mut pos = 0;
    for item in token.text.split(',') {
        let range = token.sub(pos, pos + item.len());
        pos += item.len() + 1;
        match item_values(FieldKind::Year, item, range, problems) {
            Some(values) => values.into_iter().for_each(|y| years.insert(y)),
            None => ok = false,
        }
    }
    ok.then_some(years)
}

fn day_of_month(token: &Token<'_>, problems: &mut Vec<Problem>) -> Option<Dom> {
    let text = token.text;
    match text {
        "?" => return Some(Dom::Unspecified),
        "L" => return Some(Dom::Last),
        _ => {}
    }
    if let Some(day) = text.strip_suffix('W') {
        if text.contains([',', '-', '/']) {
            problems.push(problems::special_alone(
                token.range(),
                FieldKind::DayOfMonth,
                "W",
            ));
            return None;
        }
        if day == "L" || day.is_empty() {
            problems.push(problems::bad_value(
                token.range(),
                FieldKind::DayOfMonth,
                text,
            ));
            return None;
        }
        let n = atom(
            FieldKind::DayOfMonth,
            day,
            token.sub(0, day.len()),
            problems,
        )?;
        return Some(Dom::NearestWeekday(n));
    }
    if text.contains('L') {
        problems.push(problems::special_alone(
            token.range(),
            FieldKind::DayOfMonth,
            "L",
        ));
        return None;
    }
    if text.contains('#') {
        problems.push(problems::special_field(
            token.range(),
            FieldKind::DayOfMonth,
            '#',
        ));
        return None;
    }
    numeric(FieldKind::DayOfMonth, token, problems).map(Dom::Days)
}

fn day_of_week(token: &Token<'_>, problems: &mut Vec<Problem>) -> Option<Dow> {
    let text = token.text;
    match text {
        "?" => return Some(Dow::Unspecified),
        // `L` alone is the last day of the week: Saturday.
        "L" => {
            let mut saturday = Bits(0);
            saturday.insert(7);
            return Some(Dow::Days(saturday));
        }
        _ => {}
    }
    if text.contains('W') && !text.to_ascii_uppercase().contains("WED") {
        problems.push(problems::special_field(
            token.range(),
            FieldKind::DayOfWeek,
            'W',
        ));
        return None;
    }
    if let Some((day, k)) = text.split_once('#') {
        if text.contains([',', '-', '/']) {
            problems.push(problems::special_alone(
                token.range(),
                FieldKind::DayOfWeek,
                "#",
            ));
            return None;
        }
        let d = atom(FieldKind::DayOfWeek, day, token.sub(0, day.len()), problems)?;
        let k_range = token.sub(day.len() + 1, text.len());
        return match k.parse::<u32>() {
            Ok(k) if (1..=5).contains(&k) => Some(Dow::Nth(d, k)),
            Ok(_) => {
                problems.push(problems::bad_nth(k_range, k));
                None
            }
            Err(_) => {
                problems.push(problems::bad_value(
                    token.range(),
                    FieldKind::DayOfWeek,
                    text,
                ));
                None
            }
        };
    }
    if let Some(day) = text.strip_suffix('L') {
        if day.is_empty() {
            problems.push(problems::bad_value(
                token.range(),
                FieldKind::DayOfWeek,
                text,
            ));
            return None;
        }
        if text.contains([',', '-', '/']) {
            problems.push(problems::special_alone(
                token.range(),
                FieldKind::DayOfWeek,
                "L",
            ));
            return None;
        }
        let d = atom(FieldKind::DayOfWeek, day, token.sub(0, day.len()), problems)?;
        return Some(Dow::Last(d));
    }
    numeric(FieldKind::DayOfWeek, token, problems).map(Dow::Days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unix(line: &str) -> FromUnix {
        let fields: Vec<&str> = line.split(' ').collect();
        from_unix(&fields)
    }

    fn same(line: &str) -> String {
        match unix(line) {
            FromUnix::Same(e) => e,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn unix_lines_keep_their_meaning() {
        assert_eq!(same("0 2 * * *"), "cron(0 2 ? * * *)");
        assert_eq!(same("0 2 * * 1"), "cron(0 2 ? * MON *)");
        assert_eq!(same("0 2 * * 0"), "cron(0 2 ? * SUN *)");
        assert_eq!(same("0 2 * * 7"), "cron(0 2 ? * SUN *)");
        assert_eq!(same("0 2 * * 1-5"), "cron(0 2 ? * MON-FRI *)");
        assert_eq!(same("0 2 * * mon-fri"), "cron(0 2 ? * MON-FRI *)");
        assert_eq!(same("0 2 * * 5-7"), "cron(0 2 ? * SUN,FRI,SAT *)");
        assert_eq!(same("0 2 * * 0-6"), "cron(0 2 ? * * *)");
        assert_eq!(same("0 2 * * */2"), "cron(0 2 ? * SUN,TUE,THU,SAT *)");
        assert_eq!(same("0 2 * * 1,3,5"), "cron(0 2 ? * MON,WED,FRI *)");
        assert_eq!(same("*/15 2 * * *"), "cron(0/15 2 ? * * *)");
        assert_eq!(same("0 2 1 * *"), "cron(0 2 1 * ? *)");
        assert_eq!(same("0 2 1 jan *"), "cron(0 2 1 JAN ? *)");
        assert_eq!(same("0 2 */2 */3 *"), "cron(0 2 1/2 1/3 ? *)");
    }

    #[test]
    fn unix_lines_without_a_faithful_translation_say_so() {
        assert_eq!(
            unix("0 2 1 * 1"),
            FromUnix::Either {
                dom: "1".to_string(),
                dow: "1".to_string(),
                by_dom: "cron(0 2 1 * ? *)".to_string(),
                by_dow: "cron(0 2 ? * MON *)".to_string(),
            }
        );
        // Vixie cron matches both fields when one starts with `*`.
        assert_eq!(unix("0 2 */2 * 1"), FromUnix::Unknown);
        // Not Unix weekdays, or not valid in AWS's cron once translated.
        assert_eq!(unix("0 2 * * 8"), FromUnix::Unknown);
        assert_eq!(unix("0 2 * * 5-1"), FromUnix::Unknown);
        assert_eq!(unix("0 2 * * MON#2"), FromUnix::Unknown);
        assert_eq!(unix("0 25 * * *"), FromUnix::Unknown);
        assert_eq!(unix("0 2 * * 0/0"), FromUnix::Unknown);
    }

    #[test]
    fn aws_fields_without_a_year_get_one() {
        assert_eq!(
            unix("0 2 ? * MON"),
            FromUnix::MissingYear("cron(0 2 ? * MON *)".to_string())
        );
        assert_eq!(unix("0 2 ? * 0"), FromUnix::Unknown);
    }

    #[test]
    fn question_fixes_keep_the_other_fields() {
        let fix = |e: &str| {
            let fields: Vec<&str> = e.split(' ').collect();
            let n = fields.len();
            question_fix(&fields, n - 4, n - 2)
        };
        assert_eq!(
            fix("0 2 * * * *"),
            QuestionFix::Replace("cron(0 2 ? * * *)".to_string())
        );
        assert_eq!(
            fix("0 2 * * MON *"),
            QuestionFix::Replace("cron(0 2 ? * MON *)".to_string())
        );
        assert_eq!(
            fix("5 0 2 15 * * 2030"),
            QuestionFix::Replace("cron(5 0 2 15 * ? 2030)".to_string())
        );
        assert_eq!(
            fix("0 2 ? * ? *"),
            QuestionFix::EveryDay("cron(0 2 ? * * *)".to_string())
        );
        assert!(matches!(fix("0 2 1 * MON *"), QuestionFix::Either { .. }));
    }
}
