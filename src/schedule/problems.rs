//! All wording of schedule diagnostics. A [`Problem`] carries a byte range in
//! the expression; the checker turns it into a diagnostic at the matching
//! span of the string literal.

use super::cron::{FieldKind, FromUnix, QuestionFix};
use crate::diagnostic::{Applicability, Code, Diagnostic, Fix, Severity};
use crate::source::Span;
use std::ops::Range;

/// A problem in a schedule expression, located in the expression's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The code.
    pub code: Code,
    /// Where, in bytes of the expression.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What the range is.
    pub label: String,
    /// What to do.
    pub help: Option<String>,
    /// The edits the help proposes: a range of the expression, its new
    /// text, and how sure the edit is.
    pub fixes: Vec<(Range<usize>, String, Applicability)>,
}

impl Problem {
    fn new(
        code: Code,
        range: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Problem {
        Problem {
            code,
            range,
            message: message.into(),
            label: label.into(),
            help: None,
            fixes: Vec::new(),
        }
    }

    fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    fn fix(mut self, range: Range<usize>, text: &str, applicability: Applicability) -> Problem {
        self.fixes.push((range, text.to_string(), applicability));
        self
    }

    /// Whether the problem is an error (rather than a warning).
    pub fn is_error(&self) -> bool {
        self.code.severity() == Severity::Error
    }

    /// The diagnostic, with `span_of` mapping the expression's byte range to
    /// a span in the source.
    pub fn into_diagnostic(self, span_of: impl Fn(Range<usize>) -> Span) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, span_of(self.range), self.message).label(self.label);
        for (range, text, applicability) in self.fixes {
            d = d.fix(Fix::replace(span_of(range), text, applicability));
        }
        match self.help {
            Some(h) => d.help(h),
            None => d,
        }
    }
}

/// Not six or seven fields; `unix` is what five fields mean as a Unix
/// crontab line.
pub fn cron_field_count(range: Range<usize>, n: usize, unix: Option<&FromUnix>) -> Problem {
    let help = match unix {
        Some(unix) => unix_help(unix),
        None => "write six fields — minutes hours day-of-month month day-of-week year — or seven with leading seconds".to_string(),
    };
    Problem::new(
        Code::CronFieldCount,
        range,
        format!("a cron expression has six fields (or seven with seconds), not {n}"),
        format!("{n} fields"),
    )
    .help(help)
}

/// What to write instead of a five-field (Unix crontab) line.
fn unix_help(unix: &FromUnix) -> String {
    match unix {
        FromUnix::Same(aws) => format!(
            "AWS's cron is not Unix's: it adds a year, takes `?` in the day field not used and counts weekdays from 1 = Sunday; the same schedule is `{aws}`"
        ),
        FromUnix::MissingYear(aws) => format!("add the year field at the end: `{aws}`"),
        FromUnix::Either {
            dom,
            dow,
            by_dom,
            by_dow,
        } => format!(
            "Unix cron opens on days matching day-of-month `{dom}` or day-of-week `{dow}`; no single AWS expression says \"or\": declare two windows, one with `{by_dom}` and one with `{by_dow}`"
        ),
        FromUnix::Unknown => "AWS's cron has six fields — minutes hours day-of-month month day-of-week year — with `?` in one of the day fields, and counts weekdays from 1 = Sunday (or SUN–SAT)".to_string(),
    }
}

/// Tabs, doubled or leading spaces between fields.
pub fn cron_spacing(range: Range<usize>) -> Problem {
    Problem::new(
        Code::UnverifiedSchedule,
        range,
        "cron fields separated by other than single spaces",
        "AWS's examples separate fields with one space",
    )
    .help("separate the fields with single spaces")
}

/// A value outside the field's range.
pub fn out_of_range(range: Range<usize>, kind: FieldKind, text: &str) -> Problem {
    Problem::new(
        Code::CronOutOfRange,
        range,
        format!(
            "{} `{text}` is out of range {}",
            kind.name(),
            kind.range_text()
        ),
        "out of range",
    )
    .help(match kind {
        FieldKind::DayOfWeek if text == "0" => {
            "AWS numbers days from 1 = Sunday to 7 = Saturday: Unix's `0` for Sunday is `1` (or `SUN`) here".to_string()
        }
        FieldKind::DayOfWeek => {
            "AWS numbers days from 1 = Sunday to 7 = Saturday; names SUN–SAT work too".to_string()
        }
        FieldKind::Month => {
            "months run from 1 = January to 12 = December; names JAN–DEC work too".to_string()
        }
        _ => format!("use a value in {}", kind.range_text()),
    })
}

/// Something that is not a value of the field.
pub fn bad_value(range: Range<usize>, kind: FieldKind, text: &str) -> Problem {
    let upper = text.to_ascii_uppercase();
    let help = if super::cron::DAYS.contains(&upper.as_str()) && kind != FieldKind::DayOfWeek {
        format!("`{text}` is a day name; it belongs in the day-of-week field (the fifth of six)")
    } else if super::cron::MONTHS.contains(&upper.as_str()) && kind != FieldKind::Month {
        format!("`{text}` is a month name; it belongs in the month field (the fourth of six)")
    } else if text.starts_with('-') {
        format!("values in {} are {}", kind.name(), kind.range_text())
    } else {
        format!(
            "write a number from {}, `*`, a list (`1,3`), a range (`1-5`) or a step (`0/15`)",
            kind.range_text()
        )
    };
    Problem::new(
        Code::CronSyntax,
        range,
        format!("`{text}` is not a valid {} value", kind.name()),
        format!("not a {} value", kind.name()),
    )
    .help(help)
}

/// `mon` instead of `MON`.
/// A time of day in a phrase that is not one.
pub fn bad_time(range: Range<usize>, time: &str) -> Problem {
    Problem::new(
        Code::InvalidSchedule,
        range,
        format!("`{time}` is not a time of day"),
        "expected `HH:MM` or `HH:MM:SS`",
    )
    .help("write a 24-hour time such as `03:00` or `22:30:15`")
}

/// `mon` instead of `MON`.
pub fn lower_case_name(range: Range<usize>, kind: FieldKind, text: &str, name: &str) -> Problem {
    Problem::new(
        Code::UnverifiedSchedule,
        range.clone(),
        format!("{} name `{text}` is not upper case", kind.name()),
        "AWS documents names in upper case",
    )
    .help(format!("write `{name}`"))
    .fix(range, name, Applicability::Safe)
}

/// `1,,3`.
pub fn empty_item(range: Range<usize>, kind: FieldKind) -> Problem {
    Problem::new(
        Code::CronSyntax,
        range,
        format!("empty item in the {} list", kind.name()),
        "nothing here",
    )
    .help("remove the extra comma")
}

/// `?` outside day-of-month and day-of-week, or in a list.
pub fn question_here(range: Range<usize>, kind: FieldKind) -> Problem {
    let help = match kind {
        FieldKind::DayOfMonth | FieldKind::DayOfWeek => {
            "`?` stands alone: write just `?`".to_string()
        }
        _ => "`?` is only for day-of-month and day-of-week; write `*` for \"every\"".to_string(),
    };
    Problem::new(
        Code::CronSyntax,
        range,
        format!("`?` is not allowed in the {} field", kind.name()),
        "not allowed here",
    )
    .help(help)
}

/// A step of 0, not a number, or longer than the field.
pub fn bad_step(range: Range<usize>, kind: FieldKind, step: &str) -> Problem {
    let (lo, hi) = kind.range();
    Problem::new(
        Code::CronSyntax,
        range,
        format!("`{step}` is not a valid step for {}", kind.name()),
        "not a valid step",
    )
    .help(format!(
        "a step is a whole number from 1 to {}, shorter than the field",
        hi - lo
    ))
}

/// `L`, `W` or `#` combined with other items.
pub fn special_alone(range: Range<usize>, kind: FieldKind, special: &str) -> Problem {
    Problem::new(
        Code::CronSyntax,
        range,
        format!(
            "`{special}` cannot be combined with lists, ranges or steps in {}",
            kind.name()
        ),
        format!("`{special}` in a list"),
    )
    .help(format!(
        "write the {} field as a single `{special}` item",
        kind.name()
    ))
}

/// `W` in day-of-week, `#` in day-of-month.
pub fn special_field(range: Range<usize>, kind: FieldKind, special: char) -> Problem {
    let home = if special == 'W' {
        "day-of-month (`15W`)"
    } else {
        "day-of-week (`TUE#2`)"
    };
    Problem::new(
        Code::CronSyntax,
        range,
        format!("`{special}` is not allowed in the {} field", kind.name()),
        "not allowed here",
    )
    .help(format!("`{special}` belongs in {home}"))
}

/// `TUE#6`.
pub fn bad_nth(range: Range<usize>, k: &str) -> Problem {
    Problem::new(
        Code::CronOutOfRange,
        range,
        format!("`#{k}` is out of range 1–5"),
        "not a week of the month",
    )
    .help(
        "`d#k` is the k-th such weekday of the month, k from 1 to 5: `TUE#2` is the second Tuesday",
    )
}

/// The `?` rule, with the fix that keeps the rest of the expression.
/// The `?` rule broken; `dom_is_star` when day-of-month is `*` (the field a
/// `?` replaces when both name no days).
pub fn question_rule(
    dom: Range<usize>,
    dow: Range<usize>,
    dom_is_star: bool,
    fix: &QuestionFix,
) -> Problem {
    let (message, label, help) = match fix {
        QuestionFix::EveryDay(every_day) => (
            "day-of-month and day-of-week are both `?`",
            "both `?`",
            format!(
                "one of them must say which days: `{every_day}` opens every day; name weekdays (`MON-FRI`) or days of the month (`1`) in place of the `*` to open on fewer"
            ),
        ),
        QuestionFix::Replace(fixed) => (
            "one of day-of-month and day-of-week must be `?`",
            "neither is `?`",
            format!(
                "AWS's cron takes days from one of the two fields and `?` in the other: write `{fixed}`"
            ),
        ),
        QuestionFix::Either {
            dom,
            dow,
            by_dom,
            by_dow,
        } => (
            "one of day-of-month and day-of-week must be `?`",
            "neither is `?`",
            format!(
                "AWS's cron takes days from one of the two fields and `?` in the other: write `{by_dom}` for day-of-month `{dom}`, or `{by_dow}` for day-of-week `{dow}`"
            ),
        ),
    };
    let problem =
        Problem::new(Code::CronQuestionMark, dom.start..dow.end, message, label).help(help);
    match fix {
        // `?` where the `*` was: the same days, as AWS wants them written.
        QuestionFix::Replace(_) => {
            let star = if dom_is_star { dom } else { dow };
            problem.fix(star, "?", Applicability::Safe)
        }
        QuestionFix::Either { .. } => {
            problem
                .fix(dow, "?", Applicability::Maybe)
                .fix(dom, "?", Applicability::Maybe)
        }
        QuestionFix::EveryDay(_) => problem.fix(dow, "*", Applicability::Maybe),
    }
}

/// A form AWS does not document.
pub fn unverified(range: Range<usize>, what: &str, written: &str) -> Problem {
    Problem::new(
        Code::UnverifiedSchedule,
        range,
        format!("`{written}` is {what}, a form AWS does not document for maintenance windows"),
        "undocumented form",
    )
    .help("it may be rejected at deploy time; prefer a documented form (lists, simple ranges, `/` steps)")
}

/// `rate(...)` without a number and a unit.
pub fn rate_shape(range: Range<usize>) -> Problem {
    Problem::new(
        Code::InvalidRate,
        range,
        "a rate is a number and a unit separated by one space",
        "expected `N unit`",
    )
    .help("write, e.g., `rate(30 minutes)`, `rate(1 hour)` or `rate(7 days)`")
}

/// A rate value beyond 32 bits.
pub fn rate_too_large(range: Range<usize>, value: &str) -> Problem {
    Problem::new(
        Code::InvalidRate,
        range,
        format!("`{value}` is too large for a rate"),
        "too large",
    )
    .help("use a larger unit, e.g. days instead of minutes")
}

/// A rate value that is not a positive whole number.
pub fn rate_value(range: Range<usize>, value: &str) -> Problem {
    Problem::new(
        Code::InvalidRate,
        range,
        format!("`{value}` is not a valid rate value"),
        "expected a whole number from 1",
    )
    .help("the value is a positive whole number, e.g. `rate(15 minutes)`")
}

/// A rate unit other than minutes, hours and days, with the same interval
/// in AWS's units where there is one.
pub fn rate_unit(range: Range<usize>, value: u32, unit: &str) -> Problem {
    let n = u64::from(value);
    let plural = |n: u64, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let help = match unit.to_ascii_lowercase().trim_end_matches('s') {
        "week" => format!(
            "there is no week unit: write `rate({})`",
            plural(n * 7, "day")
        ),
        "month" => {
            // On the 1st, every `n` months counted from January.
            let months = match n {
                1 => Some(("*".to_string(), "every month".to_string())),
                2..=11 => Some((format!("1/{n}"), format!("every {n} months from January"))),
                12 => Some(("1".to_string(), "every January".to_string())),
                _ => None,
            };
            match months {
                Some((field, when)) => format!(
                    "there is no month unit: use a cron schedule on a day of the month, e.g. `cron(0 3 1 {field} ? *)` for 03:00 on the 1st, {when}"
                ),
                None => "there is no month unit: use a cron schedule, e.g. `cron(0 3 1 1 ? *)` for 03:00 on 1 January".to_string(),
            }
        }
        "second" if n % 60 == 0 => format!(
            "the smallest unit is minutes: write `rate({})`",
            plural(n / 60, "minute")
        ),
        "second" if n < 60 => "the smallest unit is minutes: write `rate(1 minute)`".to_string(),
        "second" => format!(
            "the smallest unit is minutes: write `rate({})` or `rate({})`",
            plural(n / 60, "minute"),
            plural(n / 60 + 1, "minute")
        ),
        lower @ ("minute" | "hour" | "day") => {
            format!("write the unit in lower case: `rate({})`", plural(n, lower))
        }
        _ => "the units are `minute(s)`, `hour(s)` and `day(s)`".to_string(),
    };
    Problem::new(
        Code::InvalidRate,
        range,
        format!("`{unit}` is not a rate unit"),
        "expected minutes, hours or days",
    )
    .help(help)
}

/// `rate(1 hours)`, `rate(5 hour)`.
pub fn rate_number(range: Range<usize>, value: u32, unit: &str, right: &str) -> Problem {
    Problem::new(
        Code::InvalidRate,
        range,
        format!("`rate({value} {unit})` has the wrong number for its unit"),
        if value == 1 {
            "singular after 1"
        } else {
            "plural after a number other than 1"
        },
    )
    .help(format!(
        "AWS wants the singular for 1 and the plural otherwise: write `rate({value} {right})`"
    ))
}

/// `at(...)` trouble.
/// `fixed` is the same date and time in the accepted form, when the text
/// is one.
pub fn bad_at(range: Range<usize>, text: &str, fixed: Option<&str>) -> Problem {
    let help = match fixed {
        Some(fixed) => format!(
            "write `at({fixed})`: date, `T` and time with seconds, and no zone (the window's `timezone` applies)"
        ),
        None => {
            "write a real date and time without a zone, e.g. `at(2026-12-24T22:00:00)`".to_string()
        }
    };
    Problem::new(
        Code::InvalidAt,
        range,
        format!("`{text}` is not a valid date and time for `at(...)`"),
        "expected `yyyy-mm-ddThh:mm:ss`",
    )
    .help(help)
}

/// More often than every 5 minutes.
pub fn too_frequent(range: Range<usize>) -> Problem {
    Problem::new(
        Code::TooFrequent,
        range,
        "the schedule fires more often than every 5 minutes",
        "more often than every 5 minutes",
    )
    .help("AWS documents schedules that fire more often than every 5 minutes as not supported")
}

/// Why a text is none of the schedule forms, with what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrecognised {
    /// Spaces around an expression: the expression without them, when valid.
    Spaces(Option<String>),
    /// `cron(` without its `)`.
    Unclosed,
    /// `CRON(...)`: the expression with the keyword in lower case, when
    /// valid.
    Keyword(Option<String>),
    /// Five fields without `cron(...)`: a Unix crontab line.
    Unix(FromUnix),
    /// Six or seven cron fields without `cron(...)`: the fields wrapped,
    /// when valid, and whether a `*` day field became `?` to make it so.
    Fields(Option<String>, bool),
    /// Anything else.
    Other,
}

/// None of the forms.
pub fn not_a_schedule(range: Range<usize>, shown: &str, why: &Unrecognised) -> Problem {
    let help = match why {
        Unrecognised::Spaces(Some(trimmed)) => {
            format!("remove the spaces around the expression: `\"{trimmed}\"`")
        }
        Unrecognised::Spaces(None) => "remove the spaces around the expression".to_string(),
        Unrecognised::Unclosed => "close the expression with `)`".to_string(),
        Unrecognised::Keyword(Some(fixed)) => {
            format!("write the keyword in lower case, as AWS does: `\"{fixed}\"`")
        }
        Unrecognised::Keyword(None) => {
            "write the keyword in lower case, as AWS does: `cron(`, `rate(` or `at(`".to_string()
        }
        Unrecognised::Unix(unix) => {
            format!("this looks like a Unix cron line; {}", unix_help(unix))
        }
        Unrecognised::Fields(Some(wrapped), false) => {
            format!("wrap the fields in `cron(...)`: `\"{wrapped}\"`")
        }
        Unrecognised::Fields(Some(wrapped), true) => format!(
            "wrap the fields in `cron(...)`, with `?` in the day field not used: `\"{wrapped}\"`"
        ),
        Unrecognised::Fields(None, _) => "wrap the fields in `cron(...)`".to_string(),
        Unrecognised::Other => format!(
            "write `cron(...)`, `rate(...)` or `at(...)`, or a phrase such as {}",
            super::friendly::EXAMPLES
        ),
    };
    Problem::new(
        Code::InvalidSchedule,
        range,
        format!("`{shown}` is not a schedule expression"),
        "expected `cron(...)`, `rate(...)`, `at(...)` or a schedule phrase",
    )
    .help(help)
}

/// A friendly phrase that is not understood.
pub fn bad_phrase(range: Range<usize>, shown: &str, why: &str) -> Problem {
    Problem::new(
        Code::InvalidSchedule,
        range,
        format!("`{shown}` is not a schedule phrase mwc understands"),
        why.to_string(),
    )
    .help(format!(
        "write a phrase such as {}, or an AWS expression such as `cron(0 3 ? * SUN *)`",
        super::friendly::EXAMPLES
    ))
}
