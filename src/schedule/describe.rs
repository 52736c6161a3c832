//! Schedules in plain English: "at 02:00 on the second Tuesday of every
//! month, plus 2 days, America/New_York".

use super::cron::{Bits, Cron, DAYS, Dom, Dow, FieldKind};
use super::{Rate, Schedule};

const DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
/// The months' names in English, January first.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ORDINALS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

/// Describes a window's schedule with its offset and time zone.
pub fn describe(schedule: &Schedule, offset_days: i64, timezone: &str) -> String {
    let mut text = match schedule {
        Schedule::Cron(cron) => cron_words(cron),
        Schedule::Rate(rate) => rate_words(*rate),
        Schedule::At(when) => format!("once, at {}", when.strftime("%Y-%m-%d %H:%M:%S")),
    };
    if offset_days != 0 {
        let days = if offset_days == 1 { "day" } else { "days" };
        text.push_str(&format!(", plus {offset_days} {days}"));
    }
    text.push_str(", ");
    text.push_str(timezone);
    text
}

fn rate_words(rate: Rate) -> String {
    if rate.value == 1 {
        format!("every {}", rate.unit.word(1))
    } else {
        format!("every {} {}", rate.value, rate.unit.word(rate.value))
    }
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Runs of consecutive values, for "Monday through Friday".
fn runs(values: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &v in values {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => out.push((v, v)),
        }
    }
    out
}

/// A set of values named by `name`, with runs of three or more as ranges.
fn set_words(values: &[u32], name: impl Fn(u32) -> String) -> String {
    let parts: Vec<String> = runs(values)
        .into_iter()
        .flat_map(|(a, b)| {
            if b >= a + 2 {
                vec![format!("{} through {}", name(a), name(b))]
            } else {
                (a..=b).map(&name).collect()
            }
        })
        .collect();
    and_list(&parts)
}

/// A step pattern over a field: `Some((start, step))` when the values are
/// `start, start+step, …` to the end of the field.
fn step_of(bits: Bits, kind: FieldKind) -> Option<(u32, u32)> {
    let values: Vec<u32> = bits.iter().collect();
    let (lo, hi) = kind.range();
    if values.len() < 3 {
        return None;
    }
    let step = values[1] - values[0];
    let regular = values.windows(2).all(|w| w[1] - w[0] == step);
    let to_end = values.last().is_some_and(|&l| l + step > hi);
    (regular && to_end && values[0] < lo + step).then_some((values[0], step))
}

fn is_all(bits: Bits, kind: FieldKind) -> bool {
    let (lo, hi) = kind.range();
    (lo..=hi).all(|v| bits.has(v))
}

fn two(n: u32) -> String {
    format!("{n:02}")
}

fn cron_words(cron: &Cron) -> String {
    let mut parts = vec![time_words(cron)];
    let day = day_words(cron);
    if !day.is_empty() {
        parts.push(day);
    }
    let year = year_words(cron);
    if !year.is_empty() {
        parts.push(year);
    }
    parts.join(" ")
}

fn time_words(cron: &Cron) -> String {
    let seconds = cron.seconds.unwrap_or(Bits(1));
    let (h, m, s) = (cron.hours, cron.minutes, seconds);
    if h.count() == 1 && m.count() == 1 && s.count() == 1 {
        let (hh, mm, ss) = (
            h.first().unwrap_or(0),
            m.first().unwrap_or(0),
            s.first().unwrap_or(0),
        );
        return if ss == 0 {
            format!("at {}:{}", two(hh), two(mm))
        } else {
            format!("at {}:{}:{}", two(hh), two(mm), two(ss))
        };
    }
    let minute_part = if let Some((start, step)) = step_of(m, FieldKind::Minutes) {
        if start == 0 {
            format!("every {step} minutes")
        } else {
            format!("every {step} minutes from minute {start}")
        }
    } else if is_all(m, FieldKind::Minutes) {
        "every minute".to_string()
    } else {
        let values: Vec<u32> = m.iter().collect();
        format!("at minute {}", set_words(&values, |v| v.to_string()))
    };
    let hour_part = if is_all(h, FieldKind::Hours) {
        String::new()
    } else if let Some((start, step)) = step_of(h, FieldKind::Hours) {
        format!(" of every {step} hours from {}:00", two(start))
    } else if h.count() == 1 && m.count() > 1 {
        let hh = h.first().unwrap_or(0);
        format!(" from {}:00 to {}:59", two(hh), two(hh))
    } else {
        let values: Vec<u32> = h.iter().collect();
        format!(" past hours {}", set_words(&values, two))
    };
    let second_part = if s == Bits(1) {
        String::new()
    } else {
        let values: Vec<u32> = s.iter().collect();
        format!(" at second {}", set_words(&values, |v| v.to_string()))
    };
    format!("{minute_part}{second_part}{hour_part}")
}

fn month_words(cron: &Cron, prefix: &str) -> String {
    if is_all(cron.months, FieldKind::Month) {
        format!("{prefix} every month")
    } else {
        let values: Vec<u32> = cron.months.iter().collect();
        let names = set_words(&values, |v| {
            MONTH_NAMES[(v as usize).saturating_sub(1) % 12].to_string()
        });
        format!("{prefix} {names}")
    }
}

fn in_months(cron: &Cron) -> String {
    if is_all(cron.months, FieldKind::Month) {
        String::new()
    } else {
        month_words(cron, " in")
    }
}

fn day_name(d: u32) -> String {
    DAY_NAMES[(d as usize).saturating_sub(1) % 7].to_string()
}

fn day_words(cron: &Cron) -> String {
    match (cron.dom, cron.dow) {
        (Dom::Last, _) => format!("on the last day{}", month_words(cron, " of")),
        (Dom::NearestWeekday(n), _) => {
            format!("on the weekday nearest day {n}{}", month_words(cron, " of"))
        }
        (Dom::Days(days), _) if !is_all(days, FieldKind::DayOfMonth) => {
            let values: Vec<u32> = days.iter().collect();
            format!(
                "on day {}{}",
                set_words(&values, |v| v.to_string()),
                month_words(cron, " of")
            )
        }
        (_, Dow::Nth(d, k)) => format!(
            "on the {} {}{}",
            ORDINALS[(k as usize).saturating_sub(1) % 5],
            day_name(d),
            month_words(cron, " of")
        ),
        (_, Dow::Last(d)) => format!("on the last {}{}", day_name(d), month_words(cron, " of")),
        (_, Dow::Days(days)) if !is_all(days, FieldKind::DayOfWeek) => {
            let values: Vec<u32> = days.iter().collect();
            let names = if values == [2, 3, 4, 5, 6] {
                "weekday (Monday through Friday)".to_string()
            } else if values == [1, 7] {
                "Saturday and Sunday".to_string()
            } else {
                set_words(&values, day_name)
            };
            format!("every {names}{}", in_months(cron))
        }
        _ => format!("every day{}", in_months(cron)),
    }
}

fn year_words(cron: &Cron) -> String {
    if cron.years.is_all() {
        return String::new();
    }
    let values: Vec<u32> = (super::cron::YEARS)
        .filter(|&y| cron.years.has(y as i32))
        .collect();
    if values.len() > 20 {
        let first = values.first().copied().unwrap_or(0);
        let last = values.last().copied().unwrap_or(0);
        let step = values.get(1).map_or(1, |second| second - first);
        let regular = values.windows(2).all(|w| w[1] - w[0] == step);
        return if regular && step > 1 {
            format!("every {step} years from {first}")
        } else {
            format!("in {first} to {last}")
        };
    }
    format!("in {}", set_words(&values, |v| v.to_string()))
}

/// The day abbreviation AWS uses for 1 = SUN … 7 = SAT.
pub fn day_abbreviation(d: u32) -> &'static str {
    DAYS[(d as usize).saturating_sub(1) % 7]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::parse;

    fn words(expr: &str, offset: i64) -> String {
        describe(
            &parse(expr).schedule.expect("valid"),
            offset,
            "America/New_York",
        )
    }

    #[test]
    fn describes_the_documented_forms() {
        assert_eq!(
            words("cron(0 2 ? * TUE#2 *)", 2),
            "at 02:00 on the second Tuesday of every month, plus 2 days, America/New_York"
        );
        assert_eq!(
            words("cron(0 2 ? * * *)", 0),
            "at 02:00 every day, America/New_York"
        );
        assert_eq!(
            words("cron(15 10 ? * MON-FRI *)", 0),
            "at 10:15 every weekday (Monday through Friday), America/New_York"
        );
        assert_eq!(
            words("cron(15 10 ? * 6L *)", 0),
            "at 10:15 on the last Friday of every month, America/New_York"
        );
        assert_eq!(
            words("cron(0 2 L * ? *)", 0),
            "at 02:00 on the last day of every month, America/New_York"
        );
        assert_eq!(
            words("cron(24 30 09 ? * * *)", 0),
            "at 09:30:24 every day, America/New_York"
        );
        assert_eq!(words("rate(7 days)", 0), "every 7 days, America/New_York");
        assert_eq!(words("rate(1 hour)", 0), "every hour, America/New_York");
        assert_eq!(
            words("at(2026-12-24T22:00:00)", 0),
            "once, at 2026-12-24 22:00:00, America/New_York"
        );
        assert_eq!(
            words("cron(0/15 * ? * * *)", 0),
            "every 15 minutes every day, America/New_York"
        );
        assert_eq!(
            words("cron(0 3 1,15 JAN,JUL ? 2027)", 0),
            "at 03:00 on day 1 and 15 of January and July in 2027, America/New_York"
        );
    }
}
