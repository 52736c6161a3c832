//! All wording of schedule diagnostics. A [`Problem`] carries a byte range in
//! the expression; the checker turns it into a diagnostic at the matching
//! span of the string literal.

use super::cron::FieldKind;
use crate::diagnostic::{Code, Diagnostic, Severity};
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
        }
    }

    fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// Whether the problem is an error (rather than a warning).
    pub fn is_error(&self) -> bool {
        self.code.severity() == Severity::Error
    }

    /// The diagnostic, with `span_of` mapping the expression's byte range to
    /// a span in the source.
    pub fn into_diagnostic(self, span_of: impl Fn(Range<usize>) -> Span) -> Diagnostic {
        let d = Diagnostic::new(self.code, span_of(self.range), self.message).label(self.label);
        match self.help {
            Some(h) => d.help(h),
            None => d,
        }
    }
}

/// Not six or seven fields.
pub fn cron_field_count(range: Range<usize>, n: usize) -> Problem {
    let help = match n {
        5 => "AWS's cron has a year field and no Unix-style five-field form: add the year, e.g. `cron(0 3 ? * SUN *)`".to_string(),
        _ => "write six fields — minutes hours day-of-month month day-of-week year — or seven with leading seconds, e.g. `cron(0 3 ? * SUN *)`".to_string(),
    };
    Problem::new(
        Code::CronFieldCount,
        range,
        format!("a cron expression has six fields (or seven with seconds), not {n}"),
        format!("{n} fields"),
    )
    .help(help)
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
        range,
        format!("{} name `{text}` is not upper case", kind.name()),
        "AWS documents names in upper case",
    )
    .help(format!("write `{name}`"))
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

/// The `?` rule.
pub fn question_rule(dom: Range<usize>, dow: Range<usize>, both: bool) -> Problem {
    let (message, help) = if both {
        (
            "day-of-month and day-of-week are both `?`",
            "one of them must say which days: e.g. `cron(0 3 ? * SUN *)` or `cron(0 3 1 * ? *)`",
        )
    } else {
        (
            "one of day-of-month and day-of-week must be `?`",
            "AWS's cron takes days from one of the two fields; write `?` in the other, e.g. `cron(0 3 ? * * *)` for every day",
        )
    };
    Problem::new(
        Code::CronQuestionMark,
        dom.start..dow.end,
        message,
        if both { "both `?`" } else { "neither is `?`" },
    )
    .help(help)
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

/// `rate(...)` trouble.
pub fn bad_rate(
    range: Range<usize>,
    message: impl Into<String>,
    label: &str,
    help: impl Into<String>,
) -> Problem {
    Problem::new(Code::InvalidRate, range, message, label).help(help)
}

/// `at(...)` trouble.
pub fn bad_at(range: Range<usize>, text: &str) -> Problem {
    Problem::new(
        Code::InvalidAt,
        range,
        format!("`{text}` is not a valid date and time for `at(...)`"),
        "expected `yyyy-mm-ddThh:mm:ss`",
    )
    .help("write a real date and time without a zone, e.g. `at(2026-12-24T22:00:00)`")
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

/// None of the forms.
pub fn not_a_schedule(range: Range<usize>, shown: &str, help: String) -> Problem {
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
