//! Friendly schedule phrases, the console's schedule-builder choices in
//! words, lowered to the exact AWS expression:
//!
//! | phrase | lowers to |
//! | --- | --- |
//! | `every day at 02:00` | `cron(0 2 ? * * *)` |
//! | `every weekday at 02:00` | `cron(0 2 ? * MON-FRI *)` |
//! | `every Tuesday and Thursday at 22:30` | `cron(30 22 ? * TUE,THU *)` |
//! | `every 30 minutes`, `every hour`, `every 7 days` | `rate(30 minutes)`, `rate(1 hour)`, `rate(7 days)` |
//! | `second Tuesday of every month at 02:00` | `cron(0 2 ? * TUE#2 *)` |
//! | `last Friday of every month at 23:00` | `cron(0 23 ? * 6L *)` |
//! | `last day of every month at 02:00` | `cron(0 2 L * ? *)` |
//! | `day 15 of every month at 02:00` | `cron(0 2 15 * ? *)` |
//! | `once at 2026-12-24T22:00` | `at(2026-12-24T22:00:00)` |
//!
//! Words are case-insensitive; times are `HH:MM` or `HH:MM:SS` (seconds other
//! than zero give the seven-field cron form).

use super::cron::DAYS;
use super::problems::{self, Problem};

/// Examples of phrases, for help texts.
pub const EXAMPLES: &str = "`every day at 03:00`, `every Tuesday at 22:30`, `every 30 minutes`, `second Tuesday of every month at 03:00` or `once at 2027-12-24T22:00`";

const DAY_WORDS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];
const ORDINALS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

/// Lowers a phrase to an AWS expression: `None` when the text is not a
/// phrase at all (it is then read as an AWS expression), `Some(Err(...))`
/// when it is a phrase mwc cannot read.
pub fn lower(text: &str) -> Option<Result<String, Problem>> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let first = *words.first()?;
    let starts_phrase =
        matches!(first, "every" | "once" | "the" | "last" | "day") || ORDINALS.contains(&first);
    if !starts_phrase {
        return None;
    }
    let fail = |why: &str| {
        let shown: String = text.chars().take(40).collect();
        Some(Err(problems::bad_phrase(0..text.len(), &shown, why)))
    };
    let words: Vec<&str> = if first == "the" {
        words[1..].to_vec()
    } else {
        words
    };
    match words.as_slice() {
        ["once", "at", when] => match at_time(when) {
            Some(stamp) => Some(Ok(format!("at({stamp})"))),
            None => fail("expected a date and time such as `2026-12-24T22:00`"),
        },
        ["every", "day", "at", time] => cron_at(time, "?", "*"),
        ["every", "weekday", "at", time] => cron_at(time, "?", "MON-FRI"),
        ["every", rest @ .., "at", time] if !rest.is_empty() => match day_list(rest) {
            Some(days) => cron_at(time, "?", &days),
            None => fail("expected `day`, `weekday` or day names such as `Tuesday and Thursday`"),
        },
        ["every", unit] => rate(1, unit).or_else(|| fail("expected `minute`, `hour` or `day`")),
        ["every", n, unit] => match n.parse::<u32>() {
            Ok(n) if n > 0 => {
                rate(n, unit).or_else(|| fail("expected `minutes`, `hours` or `days`"))
            }
            _ => fail("expected a whole number of minutes, hours or days"),
        },
        ["last", "day", "of", "every", "month", "at", time] => cron_at(time, "L", "?"),
        ["day", n, "of", "every", "month", "at", time] => match n.parse::<u32>() {
            Ok(n) if (1..=31).contains(&n) => cron_at(time, &n.to_string(), "?"),
            _ => fail("expected a day of the month from 1 to 31"),
        },
        [ordinal, day, "of", "every", "month", "at", time] => {
            let Some(d) = DAY_WORDS.iter().position(|w| w == day) else {
                return fail("expected a day name such as `Tuesday`");
            };
            if *ordinal == "last" {
                cron_at(time, "?", &format!("{}L", d + 1))
            } else if let Some(k) = ORDINALS.iter().position(|o| o == ordinal) {
                cron_at(time, "?", &format!("{}#{}", DAYS[d], k + 1))
            } else {
                fail("expected `first`, `second`, `third`, `fourth`, `fifth` or `last`")
            }
        }
        _ => fail("not one of the schedule phrases"),
    }
}

/// `rate(...)` for `every [N] unit`.
fn rate(n: u32, unit: &str) -> Option<Result<String, Problem>> {
    let unit = match unit.trim_end_matches('s') {
        "minute" => "minute",
        "hour" => "hour",
        "day" => "day",
        _ => return None,
    };
    let plural = if n == 1 { "" } else { "s" };
    Some(Ok(format!("rate({n} {unit}{plural})")))
}

/// `cron(...)` at a time of day with the given day fields.
fn cron_at(time: &str, dom: &str, dow: &str) -> Option<Result<String, Problem>> {
    let Some((h, m, s)) = clock(time) else {
        let shown: String = time.chars().take(20).collect();
        return Some(Err(problems::bad_time(0..0, &shown)));
    };
    Some(Ok(if s == 0 {
        format!("cron({m} {h} {dom} * {dow} *)")
    } else {
        format!("cron({s} {m} {h} {dom} * {dow} *)")
    }))
}

/// `HH:MM` or `HH:MM:SS`.
fn clock(time: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = time.split(':').collect();
    let num = |p: &str, max: u32| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    match parts.as_slice() {
        [h, m] => Some((num(h, 23)?, num(m, 59)?, 0)),
        [h, m, s] => Some((num(h, 23)?, num(m, 59)?, num(s, 59)?)),
        _ => None,
    }
}

/// `tuesday and thursday` → `TUE,THU`.
fn day_list(words: &[&str]) -> Option<String> {
    let mut days = Vec::new();
    for w in words {
        if *w == "and" {
            continue;
        }
        let d = DAY_WORDS.iter().position(|name| name == w)?;
        days.push(d);
    }
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    days.dedup();
    Some(days.iter().map(|&d| DAYS[d]).collect::<Vec<_>>().join(","))
}

/// `2026-12-24T22:00` or `2026-12-24T22:00:00` (case-insensitive `t`).
fn at_time(when: &str) -> Option<String> {
    let (date, time) = when.split_once('t')?;
    let (h, m, s) = clock(time)?;
    let stamp = format!("{date}T{h:02}:{m:02}:{s:02}");
    stamp.parse::<jiff::civil::DateTime>().ok()?;
    (date.len() == 10).then_some(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(text: &str) -> String {
        match lower(text) {
            Some(Ok(s)) => s,
            Some(Err(p)) => format!("error: {}", p.message),
            None => "not a phrase".to_string(),
        }
    }

    #[test]
    fn phrases_lower_to_aws_expressions() {
        assert_eq!(lowered("every day at 02:00"), "cron(0 2 ? * * *)");
        assert_eq!(lowered("Every weekday at 02:00"), "cron(0 2 ? * MON-FRI *)");
        assert_eq!(
            lowered("every Thursday and Tuesday at 22:30"),
            "cron(30 22 ? * TUE,THU *)"
        );
        assert_eq!(
            lowered("every Monday, Wednesday and Friday at 03:00:15"),
            "cron(15 0 3 ? * MON,WED,FRI *)"
        );
        assert_eq!(lowered("every 30 minutes"), "rate(30 minutes)");
        assert_eq!(lowered("every hour"), "rate(1 hour)");
        assert_eq!(lowered("every 7 days"), "rate(7 days)");
        assert_eq!(
            lowered("second Tuesday of every month at 02:00"),
            "cron(0 2 ? * TUE#2 *)"
        );
        assert_eq!(
            lowered("the last Friday of every month at 23:00"),
            "cron(0 23 ? * 6L *)"
        );
        assert_eq!(
            lowered("last day of every month at 02:00"),
            "cron(0 2 L * ? *)"
        );
        assert_eq!(
            lowered("day 15 of every month at 02:00"),
            "cron(0 2 15 * ? *)"
        );
        assert_eq!(
            lowered("once at 2026-12-24T22:00"),
            "at(2026-12-24T22:00:00)"
        );
        assert_eq!(lowered("cron(0 2 ? * * *)"), "not a phrase");
        assert!(lowered("every day at 25:00").starts_with("error"));
        assert!(lowered("every fortnight").starts_with("error"));
        assert!(lowered("once at 2026-02-30T00:00").starts_with("error"));
    }
}
