//! A table of schedule expressions, valid and invalid, with mwc's expected
//! verdict and, for every problem, its code and the exact text it points at.
//!
//! The rows cover every example AWS documents for maintenance windows and
//! the edges of each rule of the cron, rate and at forms (field counts,
//! value ranges, names, lists, ranges, steps, the `?` rule, `L`, `W`, `#`, years,
//! spacing, frequency), plus the friendly phrases that lower to them.
//!
//! The walker checks every row and reports all mismatching rows at once.

use mwc::schedule::{Parsed, parse, parse_expression};

/// What mwc should say about an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A schedule and no problem at all.
    Valid,
    /// A schedule, with warnings only.
    Warning,
    /// No schedule, and at least one error.
    Invalid,
}

/// One row: the text, the verdict, each problem as (code, `&text[range]`),
/// and for a friendly phrase what it lowers to.
#[derive(Debug, Clone, Copy)]
struct Row {
    text: &'static str,
    verdict: Verdict,
    problems: &'static [(&'static str, &'static str)],
    /// `Some(expression)` for a phrase: `Some("")` when the phrase is rejected.
    phrase: Option<&'static str>,
}

const fn ok(text: &'static str) -> Row {
    Row {
        text,
        verdict: Verdict::Valid,
        problems: &[],
        phrase: None,
    }
}

const fn warn(text: &'static str, problems: &'static [(&'static str, &'static str)]) -> Row {
    Row {
        text,
        verdict: Verdict::Warning,
        problems,
        phrase: None,
    }
}

const fn bad(text: &'static str, problems: &'static [(&'static str, &'static str)]) -> Row {
    Row {
        text,
        verdict: Verdict::Invalid,
        problems,
        phrase: None,
    }
}

impl Row {
    /// A friendly phrase that lowers to `expression`.
    const fn lowers_to(self, expression: &'static str) -> Row {
        Row {
            phrase: Some(expression),
            ..self
        }
    }

    /// A friendly phrase that mwc recognises as a phrase and rejects.
    const fn phrase(self) -> Row {
        self.lowers_to("")
    }
}

const TABLE: &[Row] = &[
    // Every example AWS documents for maintenance windows.
    ok("cron(0 16 ? * TUE *)"),
    ok("cron(30 23 ? * TUE#3 *)"),
    ok("cron(30 09 ? * * *)"),
    ok("cron(24 30 09 ? * * *)"),
    ok("cron(0 2 ? * THU#3 *)"),
    ok("cron(15 10 ? * * *)"),
    ok("cron(15 10 ? * MON-FRI *)"),
    ok("cron(0 2 L * ? *)"),
    ok("cron(15 10 ? * 6L *)"),
    ok("cron(0 09 ? * WED *)"),
    ok("cron(0 30 23 ? * TUE#3 *)"),
    ok("cron(0 2 ? * SUN *)"),
    ok("cron(0 0 22 ? * TUE *)"),
    ok("rate(5 minutes)"),
    ok("rate(30 minutes)"),
    ok("rate(1 hour)"),
    ok("rate(5 hours)"),
    ok("rate(7 days)"),
    ok("rate(25 days)"),
    ok("at(2020-07-07T15:55:00)"),
    ok("at(2019-07-07T13:15:30)"),
    ok("at(2021-07-07T13:15:30)"),
    // Field counts: 6, or 7 with leading seconds; Unix's 5 and 8 are rejected.
    bad("cron()", &[("MW0306", "")]),
    bad("cron(2 ? * * *)", &[("MW0306", "2 ? * * *")]),
    bad("cron(0 2 * * *)", &[("MW0306", "0 2 * * *")]),
    bad("cron(0 2 ? * *)", &[("MW0306", "0 2 ? * *")]),
    bad("cron(0 0 2 ? * * * *)", &[("MW0306", "0 0 2 ? * * * *")]),
    bad("cron(0 2 ? * * * * *)", &[("MW0306", "0 2 ? * * * * *")]),
    // Minimum, maximum and one past each, field by field.
    ok("cron(0 0 2 ? * * *)"),
    ok("cron(59 0 2 ? * * *)"),
    bad("cron(60 0 2 ? * * *)", &[("MW0307", "60")]),
    ok("cron(0 0 ? * * *)"),
    ok("cron(59 2 ? * * *)"),
    bad("cron(60 2 ? * * *)", &[("MW0307", "60")]),
    ok("cron(0 23 ? * * *)"),
    bad("cron(0 24 ? * * *)", &[("MW0307", "24")]),
    ok("cron(0 2 1 * ? *)"),
    ok("cron(0 2 31 * ? *)"),
    bad("cron(0 2 0 * ? *)", &[("MW0307", "0")]),
    bad("cron(0 2 32 * ? *)", &[("MW0307", "32")]),
    ok("cron(0 2 ? 1 MON *)"),
    ok("cron(0 2 ? 12 MON *)"),
    bad("cron(0 2 ? 0 MON *)", &[("MW0307", "0")]),
    bad("cron(0 2 ? 13 MON *)", &[("MW0307", "13")]),
    ok("cron(0 2 ? * 1 *)"),
    ok("cron(0 2 ? * 7 *)"),
    bad("cron(0 2 ? * 0 *)", &[("MW0307", "0")]),
    bad("cron(0 2 ? * 8 *)", &[("MW0307", "8")]),
    bad("cron(0 2 ? * * 1969)", &[("MW0307", "1969")]),
    ok("cron(0 2 ? * * 1970)"),
    ok("cron(0 2 ? * * 2199)"),
    bad("cron(0 2 ? * * 2200)", &[("MW0307", "2200")]),
    ok("cron(05 02 ? 01 * *)"),
    bad("cron(0 99999999999 ? * * *)", &[("MW0307", "99999999999")]),
    // A day that never exists is still grammatical.
    ok("cron(0 0 30 2 ? *)"),
    ok("cron(0 0 29 2 ? 2026)"),
    // Names: JAN-DEC, SUN-SAT, upper case, each in its own field.
    ok("cron(0 2 ? JAN * *)"),
    ok("cron(0 2 ? FEB * *)"),
    ok("cron(0 2 ? MAR * *)"),
    ok("cron(0 2 ? APR * *)"),
    ok("cron(0 2 ? MAY * *)"),
    ok("cron(0 2 ? JUN * *)"),
    ok("cron(0 2 ? JUL * *)"),
    ok("cron(0 2 ? AUG * *)"),
    ok("cron(0 2 ? SEP * *)"),
    ok("cron(0 2 ? OCT * *)"),
    ok("cron(0 2 ? NOV * *)"),
    ok("cron(0 2 ? DEC * *)"),
    ok("cron(0 2 ? * MON *)"),
    ok("cron(0 2 ? * THU *)"),
    ok("cron(0 2 ? * FRI *)"),
    ok("cron(0 2 ? * SAT *)"),
    ok("cron(0 2 ? JAN-MAR * *)"),
    ok("cron(0 2 ? JAN-DEC * *)"),
    ok("cron(0 2 ? * SUN-SAT *)"),
    ok("cron(0 2 ? JAN,JUL * *)"),
    ok("cron(0 2 ? * MON,3,FRI *)"),
    ok("cron(0 2 ? * MON/2 *)"),
    bad("cron(0 2 ? * JAN *)", &[("MW0308", "JAN")]),
    bad("cron(0 2 ? MON * *)", &[("MW0308", "MON")]),
    bad("cron(0 2 MON * ? *)", &[("MW0308", "MON")]),
    bad("cron(0 MON ? * * *)", &[("MW0308", "MON")]),
    bad("cron(0 2 ? * * JAN)", &[("MW0308", "JAN")]),
    bad("cron(0 2 ? * MONDAY *)", &[("MW0308", "MONDAY")]),
    bad("cron(0 2 ? * TUES *)", &[("MW0308", "TUES")]),
    bad("cron(0 2 ? JANUARY * *)", &[("MW0308", "JANUARY")]),
    // Lists.
    ok("cron(0,15,30,45 2 ? * * *)"),
    ok("cron(0 2,14 ? * * *)"),
    ok("cron(0 2 1,15 * ? *)"),
    ok("cron(0 2 ? * MON,WED,FRI *)"),
    ok("cron(0 2 ? * * 2026,2028)"),
    bad("cron(0 2 1,,3 * ? *)", &[("MW0308", "")]),
    bad("cron(0 2 1, * ? *)", &[("MW0308", "")]),
    bad("cron(0 2 ,1 * ? *)", &[("MW0308", "")]),
    bad("cron(0 2 1,32 * ? *)", &[("MW0307", "32")]),
    bad(
        "cron(60,61 2 ? * * *)",
        &[("MW0307", "60"), ("MW0307", "61")],
    ),
    // Ranges.
    ok("cron(0 9-17 ? * * *)"),
    ok("cron(0 2 1-15 * ? *)"),
    ok("cron(0 2 1-31 * ? *)"),
    ok("cron(0 2 ? 6-8 * *)"),
    ok("cron(0 2 ? * 2-6 *)"),
    ok("cron(0 2 ? * * 2026-2030)"),
    bad("cron(0 20-24 ? * * *)", &[("MW0307", "24")]),
    bad("cron(0 1- ? * * *)", &[("MW0308", "1-")]),
    bad("cron(0 1-2-3 ? * * *)", &[("MW0308", "2-3")]),
    // Steps.
    ok("cron(0/5 * ? * * *)"),
    ok("cron(*/15 * ? * * *)"),
    ok("cron(0/10 * ? * * *)"),
    ok("cron(0 */2 ? * * *)"),
    ok("cron(0 2 1/7 * ? *)"),
    ok("cron(0 2 ? */3 * *)"),
    ok("cron(0 2 ? * */2 *)"),
    ok("cron(0 2 ? * * 2026/2)"),
    ok("cron(0 2 ? * * */5)"),
    bad("cron(0/0 2 ? * * *)", &[("MW0308", "0")]),
    bad("cron(0/61 * ? * * *)", &[("MW0308", "61")]),
    bad("cron(0 */25 ? * * *)", &[("MW0308", "25")]),
    bad("cron(0 2 1/32 * ? *)", &[("MW0308", "32")]),
    bad("cron(0 2 ? */13 * *)", &[("MW0308", "13")]),
    bad("cron(0/x 2 ? * * *)", &[("MW0308", "x")]),
    bad("cron(0/ * ? * * *)", &[("MW0308", "0/")]),
    bad("cron(/5 2 ? * * *)", &[("MW0308", "/5")]),
    bad("cron(0/5/2 * ? * * *)", &[("MW0308", "5/2")]),
    // The `?` rule in all four combinations, and `?` elsewhere.
    ok("cron(0 2 ? * * *)"),
    ok("cron(0 2 * * ? *)"),
    bad("cron(0 2 * * * *)", &[("MW0309", "* * *")]),
    bad("cron(0 2 ? * ? *)", &[("MW0309", "? * ?")]),
    bad("cron(0 2 1 * MON *)", &[("MW0309", "1 * MON")]),
    bad("cron(0 2 1 * * *)", &[("MW0309", "1 * *")]),
    bad("cron(0 2 * * MON *)", &[("MW0309", "* * MON")]),
    bad("cron(0 2 ? 1 ? *)", &[("MW0309", "? 1 ?")]),
    bad("cron(0 2 L * * *)", &[("MW0309", "L * *")]),
    bad("cron(0 2 L * MON *)", &[("MW0309", "L * MON")]),
    bad("cron(0 2 15W * 3 *)", &[("MW0309", "15W * 3")]),
    bad("cron(? 0 2 ? * * *)", &[("MW0308", "?")]),
    bad("cron(? 2 1 * ? *)", &[("MW0308", "?")]),
    bad("cron(0 ? ? * * *)", &[("MW0308", "?")]),
    bad("cron(0 2 ? ? * *)", &[("MW0308", "?")]),
    bad("cron(0 2 ? * * ?)", &[("MW0308", "?")]),
    bad("cron(0 2 ?,1 * ? *)", &[("MW0308", "?")]),
    // `L`.
    ok("cron(0 2 ? * 1L *)"),
    ok("cron(0 2 ? * 7L *)"),
    ok("cron(0 2 ? * FRIL *)"),
    ok("cron(0 2 ? * L *)"),
    bad("cron(0 2 ? * 0L *)", &[("MW0307", "0")]),
    bad("cron(0 2 ? * 8L *)", &[("MW0307", "8")]),
    bad("cron(L 2 ? * * *)", &[("MW0308", "L")]),
    bad("cron(0 2 ? L * *)", &[("MW0308", "L")]),
    bad("cron(0 2 6L * ? *)", &[("MW0308", "6L")]),
    bad("cron(0 2 L,15 * ? *)", &[("MW0308", "L,15")]),
    bad("cron(0 2 L-2 * ? *)", &[("MW0308", "L-2")]),
    bad("cron(0 2 ? * 2,6L *)", &[("MW0308", "2,6L")]),
    bad("cron(0 2 ? * 1L,2 *)", &[("MW0308", "1L")]),
    // `W`.
    ok("cron(0 2 15W * ? *)"),
    ok("cron(0 2 1W * ? *)"),
    ok("cron(0 2 31W * ? *)"),
    bad("cron(0 2 0W * ? *)", &[("MW0307", "0")]),
    bad("cron(0 2 32W * ? *)", &[("MW0307", "32")]),
    bad("cron(0 2 ? * 15W *)", &[("MW0308", "15W")]),
    bad("cron(0 2 ? * WED,15W *)", &[("MW0308", "15W")]),
    bad("cron(15W 2 ? * * *)", &[("MW0308", "15W")]),
    bad("cron(0 2 1-5W * ? *)", &[("MW0308", "1-5W")]),
    bad("cron(0 2 1,15W * ? *)", &[("MW0308", "1,15W")]),
    // `#`.
    ok("cron(0 2 ? * TUE#2 *)"),
    ok("cron(0 2 ? * 3#2 *)"),
    ok("cron(0 2 ? * 5#3 *)"),
    ok("cron(0 2 ? * 1#1 *)"),
    ok("cron(0 2 ? * 7#5 *)"),
    ok("cron(0 2 ? * SAT#5 *)"),
    bad("cron(0 2 ? * TUE#0 *)", &[("MW0307", "0")]),
    bad("cron(0 2 ? * TUE#6 *)", &[("MW0307", "6")]),
    bad("cron(0 2 ? * 0#2 *)", &[("MW0307", "0")]),
    bad("cron(0 2 ? * 8#1 *)", &[("MW0307", "8")]),
    bad("cron(0 2 ? * L#2 *)", &[("MW0308", "L")]),
    bad("cron(0 2 TUE#2 * ? *)", &[("MW0308", "TUE#2")]),
    bad("cron(0 2 3#2 * ? *)", &[("MW0308", "3#2")]),
    bad("cron(1#2 2 ? * * *)", &[("MW0308", "1#2")]),
    bad("cron(0 2 ? * TUE#2,THU#2 *)", &[("MW0308", "TUE#2,THU#2")]),
    bad("cron(0 2 ? * MON#2,WED *)", &[("MW0308", "MON#2,WED")]),
    // Spacing.
    warn("cron(0  2 ? * * *)", &[("MW0316", "0  2 ? * * *")]),
    warn("cron(0 2  ? * * *)", &[("MW0316", "0 2  ? * * *")]),
    warn("cron(0 2 ? * *  *)", &[("MW0316", "0 2 ? * *  *")]),
    warn("cron( 0 2 ? * * *)", &[("MW0316", " 0 2 ? * * *")]),
    warn("cron(0 2 ? * * * )", &[("MW0316", "0 2 ? * * * ")]),
    bad(" cron(0 2 ? * * *)", &[("MW0301", " cron(0 2 ? * * *)")]),
    bad("cron (0 2 ? * * *)", &[("MW0301", "cron (0 2 ? * * *)")]),
    // More often than every 5 minutes.
    warn("cron(* * ? * * *)", &[("MW0317", "* * ? * * *")]),
    warn("cron(*/1 * ? * * *)", &[("MW0317", "*/1 * ? * * *")]),
    warn("cron(0/4 * ? * * *)", &[("MW0317", "0/4 * ? * * *")]),
    warn("cron(0,4 2 ? * * *)", &[("MW0317", "0,4 2 ? * * *")]),
    warn("cron(0,57 * ? * * *)", &[("MW0317", "0,57 * ? * * *")]),
    ok("cron(0,55 * ? * * *)"),
    warn("cron(0,30 0 2 ? * * *)", &[("MW0317", "0,30 0 2 ? * * *")]),
    ok("cron(0 0/5 * ? * * *)"),
    // rate(N unit).
    warn("rate(1 minute)", &[("MW0317", "1 minute")]),
    warn("rate(2 minutes)", &[("MW0317", "2 minutes")]),
    warn("rate(4 minutes)", &[("MW0317", "4 minutes")]),
    ok("rate(1 day)"),
    bad("rate(0 minutes)", &[("MW0310", "0")]),
    bad("rate(01 hour)", &[("MW0310", "01")]),
    bad("rate(-5 minutes)", &[("MW0310", "-5")]),
    bad("rate(+5 minutes)", &[("MW0310", "+5")]),
    bad("rate(five minutes)", &[("MW0310", "five")]),
    bad("rate(1.5 hours)", &[("MW0310", "1.5")]),
    bad("rate(1 week)", &[("MW0310", "week")]),
    bad("rate(2 weeks)", &[("MW0310", "weeks")]),
    bad("rate(1 month)", &[("MW0310", "month")]),
    bad("rate(30 seconds)", &[("MW0310", "seconds")]),
    bad("rate(1 second)", &[("MW0310", "second")]),
    bad("rate(1 hours)", &[("MW0310", "hours")]),
    bad("rate(5 hour)", &[("MW0310", "hour")]),
    bad("rate(1 minutes)", &[("MW0310", "minutes")]),
    bad("rate(5 minute)", &[("MW0310", "minute")]),
    bad("rate(1 days)", &[("MW0310", "days")]),
    bad("rate(7 day)", &[("MW0310", "day")]),
    bad("rate(5 Minutes)", &[("MW0310", "Minutes")]),
    bad("rate(5)", &[("MW0310", "5")]),
    bad("rate()", &[("MW0310", "")]),
    bad("rate(5  minutes)", &[("MW0310", "5  minutes")]),
    bad("rate( 5 minutes)", &[("MW0310", " 5 minutes")]),
    bad("RATE(5 minutes)", &[("MW0301", "RATE(5 minutes)")]),
    // at(yyyy-mm-ddThh:mm:ss).
    ok("at(2026-12-24T22:00:00)"),
    ok("at(2024-02-29T00:00:00)"),
    bad(
        "at(2026-02-29T00:00:00)",
        &[("MW0311", "2026-02-29T00:00:00")],
    ),
    bad(
        "at(2026-02-30T00:00:00)",
        &[("MW0311", "2026-02-30T00:00:00")],
    ),
    bad(
        "at(2026-13-01T00:00:00)",
        &[("MW0311", "2026-13-01T00:00:00")],
    ),
    bad(
        "at(2026-00-10T00:00:00)",
        &[("MW0311", "2026-00-10T00:00:00")],
    ),
    bad(
        "at(2026-01-00T00:00:00)",
        &[("MW0311", "2026-01-00T00:00:00")],
    ),
    bad(
        "at(2026-04-31T00:00:00)",
        &[("MW0311", "2026-04-31T00:00:00")],
    ),
    bad(
        "at(2026-01-01T24:00:00)",
        &[("MW0311", "2026-01-01T24:00:00")],
    ),
    bad(
        "at(2026-01-01T23:60:00)",
        &[("MW0311", "2026-01-01T23:60:00")],
    ),
    bad("at(2026-01-01T00:00)", &[("MW0311", "2026-01-01T00:00")]),
    bad(
        "at(2026-01-01T00:00:00Z)",
        &[("MW0311", "2026-01-01T00:00:00Z")],
    ),
    bad(
        "at(2026-01-01T00:00:00+02:00)",
        &[("MW0311", "2026-01-01T00:00:00+02:00")],
    ),
    bad(
        "at(2026-01-01 00:00:00)",
        &[("MW0311", "2026-01-01 00:00:00")],
    ),
    bad(
        "at(2026-01-01t00:00:00)",
        &[("MW0311", "2026-01-01t00:00:00")],
    ),
    bad("at(2026-1-1T00:00:00)", &[("MW0311", "2026-1-1T00:00:00")]),
    bad("at()", &[("MW0311", "")]),
    // None of the forms.
    bad("", &[("MW0301", "")]),
    bad("weekly", &[("MW0301", "weekly")]),
    bad("CRON(0 2 ? * * *)", &[("MW0301", "CRON(0 2 ? * * *)")]),
    bad("cron(0 2 ? * * *", &[("MW0301", "cron(0 2 ? * * *")]),
    bad("0 2 * * *", &[("MW0301", "0 2 * * *")]),
    bad("0 2 ? * * *", &[("MW0301", "0 2 ? * * *")]),
    // Friendly phrases.
    ok("every day at 02:00").lowers_to("cron(0 2 ? * * *)"),
    ok("EVERY DAY AT 02:00").lowers_to("cron(0 2 ? * * *)"),
    ok("every day at 02:00:15").lowers_to("cron(15 0 2 ? * * *)"),
    ok("every weekday at 02:00").lowers_to("cron(0 2 ? * MON-FRI *)"),
    ok("every Tuesday and Thursday at 22:30").lowers_to("cron(30 22 ? * TUE,THU *)"),
    ok("every 30 minutes").lowers_to("rate(30 minutes)"),
    ok("every 2 hours").lowers_to("rate(2 hours)"),
    ok("every hour").lowers_to("rate(1 hour)"),
    ok("every 7 days").lowers_to("rate(7 days)"),
    warn("every minute", &[("MW0317", "every minute")]).lowers_to("rate(1 minute)"),
    warn("every 2 minutes", &[("MW0317", "every 2 minutes")]).lowers_to("rate(2 minutes)"),
    ok("second Tuesday of every month at 02:00").lowers_to("cron(0 2 ? * TUE#2 *)"),
    ok("fifth Friday of every month at 02:00").lowers_to("cron(0 2 ? * FRI#5 *)"),
    ok("the last Friday of every month at 23:00").lowers_to("cron(0 23 ? * 6L *)"),
    ok("last day of every month at 02:00").lowers_to("cron(0 2 L * ? *)"),
    ok("day 15 of every month at 02:00").lowers_to("cron(0 2 15 * ? *)"),
    ok("once at 2026-12-24T22:00").lowers_to("at(2026-12-24T22:00:00)"),
    ok("once at 2026-12-24t22:00:30").lowers_to("at(2026-12-24T22:00:30)"),
    bad("every fortnight", &[("MW0301", "every fortnight")]).phrase(),
    bad("every 5 weeks", &[("MW0301", "every 5 weeks")]).phrase(),
    bad("every 0 days", &[("MW0301", "every 0 days")]).phrase(),
    bad("every -1 days", &[("MW0301", "every -1 days")]).phrase(),
    bad("every day at 25:00", &[("MW0301", "every day at 25:00")]).phrase(),
    bad("every day at 2:00", &[("MW0301", "every day at 2:00")]).phrase(),
    bad(
        "every Funday at 02:00",
        &[("MW0301", "every Funday at 02:00")],
    )
    .phrase(),
    bad(
        "first Someday of every month at 02:00",
        &[("MW0301", "first Someday of every month at 02:00")],
    )
    .phrase(),
    bad(
        "day 32 of every month at 02:00",
        &[("MW0301", "day 32 of every month at 02:00")],
    )
    .phrase(),
    bad(
        "once at 2026-02-30T00:00",
        &[("MW0301", "once at 2026-02-30T00:00")],
    )
    .phrase(),
    bad("once at tomorrow", &[("MW0301", "once at tomorrow")]).phrase(),
    bad(
        "sixth Tuesday of every month at 02:00",
        &[("MW0301", "sixth Tuesday of every month at 02:00")],
    ),
    // Undocumented forms warn and keep the schedule.
    warn("cron(0 2 ? * mon *)", &[("MW0316", "mon")]),
    warn("cron(0 2 ? jan * *)", &[("MW0316", "jan")]),
    warn("cron(0 8-17/2 ? * * *)", &[("MW0316", "8-17/2")]),
    warn("cron(0 2 ? * FRI-MON *)", &[("MW0316", "FRI-MON")]),
    warn("cron(0 22-2 ? * * *)", &[("MW0316", "22-2")]),
    warn("cron(0\t2 ? * * *)", &[("MW0316", "0\t2 ? * * *")]),
    // `LW` is not defined in AWS's dialect.
    bad("cron(0 2 LW * ? *)", &[("MW0308", "LW")]),
    // Close openings across an hour or a day boundary.
    warn("cron(0,58 0,1 ? * * *)", &[("MW0317", "0,58 0,1 ? * * *")]),
    warn(
        "cron(0,58 23,0 ? * * *)",
        &[("MW0317", "0,58 23,0 ? * * *")],
    ),
    // No leap seconds; a step must be shorter than its field.
    bad(
        "at(2026-01-01T23:59:60)",
        &[("MW0311", "2026-01-01T23:59:60")],
    ),
    bad("cron(0/60 * ? * * *)", &[("MW0308", "60")]),
    bad("cron(0 */24 ? * * *)", &[("MW0308", "24")]),
    // Not a number after `#`, nothing before `L` or `W`, a lone minus.
    bad("cron(0 2 ? * TUE#x *)", &[("MW0308", "TUE#x")]),
    bad("cron(0 2 W * ? *)", &[("MW0308", "W")]),
    bad("cron(-1 2 ? * * *)", &[("MW0308", "-1")]),
    // A rate too large for 32 bits.
    bad("rate(4294967296 minutes)", &[("MW0310", "4294967296")]),
];

/// Every way `parsed` differs from `row`.
fn mismatches(row: &Row, parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    let text = row.text;
    let got: Vec<(&str, &str)> = parsed
        .problems
        .iter()
        .map(|p| {
            let shown = text
                .get(p.range.clone())
                .unwrap_or("<range outside the text>");
            (p.code.as_str(), shown)
        })
        .collect();
    if got != row.problems {
        out.push(format!("problems {got:?}, expected {:?}", row.problems));
    }
    let errors = parsed.problems.iter().filter(|p| p.is_error()).count();
    let warnings = parsed.problems.len() - errors;
    let has_schedule = parsed.schedule.is_some();
    let verdict_ok = match row.verdict {
        Verdict::Valid => has_schedule && parsed.problems.is_empty(),
        Verdict::Warning => has_schedule && errors == 0 && warnings > 0,
        Verdict::Invalid => !has_schedule && errors > 0,
    };
    if !verdict_ok {
        out.push(format!(
            "expected {:?}, got schedule: {has_schedule}, {errors} error(s), {warnings} warning(s)",
            row.verdict
        ));
    }
    match row.phrase {
        Some(expression) => {
            if !parsed.friendly {
                out.push("not read as a friendly phrase".to_string());
            }
            if parsed.expression != expression {
                out.push(format!(
                    "lowers to {:?}, expected {expression:?}",
                    parsed.expression
                ));
            }
        }
        None => {
            if parsed.friendly {
                out.push(format!(
                    "read as a friendly phrase (lowered to {:?})",
                    parsed.expression
                ));
            }
        }
    }
    out
}

#[test]
fn schedule_table() {
    assert!(TABLE.len() >= 150, "only {} rows", TABLE.len());
    let mut failures = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, row) in TABLE.iter().enumerate() {
        if !seen.insert(row.text) {
            failures.push(format!("row {i} {:?}: duplicate row", row.text));
        }
        // The rows' own consistency: a verdict and its problems agree.
        let consistent = match row.verdict {
            Verdict::Valid => row.problems.is_empty(),
            Verdict::Warning | Verdict::Invalid => !row.problems.is_empty(),
        };
        if !consistent {
            failures.push(format!(
                "row {i} {:?}: verdict and problems disagree",
                row.text
            ));
        }
        let parsed = if row.phrase.is_some() {
            parse(row.text)
        } else {
            let direct = parse_expression(row.text);
            // An AWS expression reads the same through the phrase-aware entry.
            if parse(row.text) != direct {
                failures.push(format!(
                    "row {i} {:?}: parse and parse_expression disagree",
                    row.text
                ));
            }
            direct
        };
        for m in mismatches(row, &parsed) {
            failures.push(format!("row {i} {:?}: {m}", row.text));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatch(es) in {} rows:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

/// One window, its verdict counted from `from`, and its first opening:
/// `mwc check` and `mwc schedule` must agree on whether it opens.
struct WindowRow {
    /// The schedule as written.
    schedule: &'static str,
    /// More fields of the window (`duration = 3h` and `cutoff = 1h` are
    /// there unless these set them).
    fields: &'static str,
    /// The moment counted from (`--from`, or now for `mwc check`).
    from: &'static str,
    /// The code about the schedule, and words its message must contain.
    verdict: Option<(&'static str, &'static str)>,
    /// The first opening `mwc schedule` lists (start, RFC 3339).
    first: Option<&'static str>,
}

const NOW: &str = "2026-11-23T00:00:00Z";

const fn opens(
    schedule: &'static str,
    fields: &'static str,
    from: &'static str,
    first: &'static str,
) -> WindowRow {
    WindowRow {
        schedule,
        fields,
        from,
        verdict: None,
        first: Some(first),
    }
}

const fn never(
    schedule: &'static str,
    fields: &'static str,
    from: &'static str,
    code: &'static str,
    words: &'static str,
) -> WindowRow {
    WindowRow {
        schedule,
        fields,
        from,
        verdict: Some((code, words)),
        first: None,
    }
}

const WINDOW_TABLE: &[WindowRow] = &[
    opens("cron(0 2 ? * * *)", "", NOW, "2026-11-23T02:00:00+00:00"),
    // An occurrence before the start date whose offset moves it into the
    // active period opens, for both commands.
    opens(
        "cron(0 0 * * ? *)",
        "offset = 2d\n  start_date = \"2030-01-10T00:00:00Z\"\n  end_date = \"2030-01-10T12:00:00Z\"",
        NOW,
        "2030-01-10T00:00:00+00:00",
    ),
    // Every cause of "no opening" has its own words.
    never(
        "cron(0 0 30 2 ? *)",
        "",
        NOW,
        "MW0312",
        "no date matches all of its fields (such as 30 February)",
    ),
    never(
        "cron(0 2 ? * * *)",
        "start_date = \"9999-12-30T00:00:00Z\"",
        NOW,
        "MW0312",
        "no opening is left after its start date",
    ),
    never(
        "cron(0 0 1 1 ? 1970)",
        "",
        NOW,
        "MW0318",
        "its last year, 1970, is past",
    ),
    never(
        "at(2020-01-01T00:00:00)",
        "",
        NOW,
        "MW0318",
        "its one opening, 2020-01-01 00:00, is past",
    ),
    // AWS's cron has no year after 2199: the calendar, not the
    // expression, runs out.
    never(
        "cron(0 2 ? * * *)",
        "",
        "2300-01-01T00:00:00Z",
        "MW0318",
        "no year is left: AWS's cron counts years only up to 2199",
    ),
    never(
        "cron(0 2 ? * * *)",
        "",
        "2199-12-31T03:00:00Z",
        "MW0318",
        "no year is left: AWS's cron counts years only up to 2199",
    ),
    opens(
        "cron(0 2 ? * * *)",
        "",
        "2199-12-30T03:00:00Z",
        "2199-12-31T02:00:00+00:00",
    ),
    never(
        "cron(0 2 ? * * 2150)",
        "",
        "2300-01-01T00:00:00Z",
        "MW0318",
        "its last year, 2150, is past",
    ),
    // The end of the supported range, 9999-12-30T22:00:00Z: an opening
    // counts when it opens, closes and stops starting tasks by then.
    never(
        "at(9999-12-31T23:59:59)",
        "",
        NOW,
        "MW0312",
        "its next opening, 9999-12-31 23:59:59 UTC, comes after the last supported instant, 9999-12-30T22:00:00Z",
    ),
    never(
        "at(9999-12-30T20:00:00)",
        "",
        NOW,
        "MW0312",
        "its next opening, 9999-12-30 20:00:00 UTC, would close after the last supported instant, 9999-12-30T22:00:00Z",
    ),
    opens(
        "at(9999-12-30T19:00:00)",
        "",
        NOW,
        "9999-12-30T19:00:00+00:00",
    ),
    opens(
        "at(9999-12-31T10:00:00)",
        "timezone = \"Pacific/Kiritimati\"\n  duration = 2h",
        NOW,
        "9999-12-31T10:00:00+14:00",
    ),
    never(
        "at(9999-12-31T12:00:00)",
        "timezone = \"Pacific/Kiritimati\"\n  duration = 2h",
        NOW,
        "MW0312",
        "its next opening, 9999-12-31 12:00:00 Pacific/Kiritimati, would close after",
    ),
    never(
        "rate(1 day)",
        "",
        "9999-12-30T00:00:00Z",
        "MW0312",
        "its next opening comes after the last supported instant, 9999-12-30T22:00:00Z",
    ),
    opens(
        "rate(3 hours)",
        "",
        "9999-12-30T16:00:00Z",
        "9999-12-30T19:00:00+00:00",
    ),
    never(
        "rate(3 hours)",
        "",
        "9999-12-30T17:00:00Z",
        "MW0312",
        "would close after the last supported instant",
    ),
    opens(
        "rate(1 day)",
        "start_date = \"9999-12-30T19:00:00Z\"",
        NOW,
        "9999-12-30T19:00:00+00:00",
    ),
    never(
        "rate(1 day)",
        "start_date = \"9999-12-30T21:00:00Z\"",
        NOW,
        "MW0312",
        "its next opening, 9999-12-30 21:00:00 UTC, would close after",
    ),
];

/// The window-level codes about whether a schedule opens.
const OPENING_CODES: &[&str] = &["MW0312", "MW0318"];

#[test]
fn check_and_schedule_agree_on_whether_a_window_opens() {
    let mut failures = Vec::new();
    for row in WINDOW_TABLE {
        let mut fields = row.fields.to_string();
        if !fields.contains("duration") {
            fields.push_str("\n  duration = 3h");
        }
        let src = format!(
            "window Edge {{\n  schedule = \"{}\"\n  {fields}\n  cutoff = 1h\n}}\n",
            row.schedule
        );
        let mut sources = mwc::Sources::new();
        sources.add("edge.mw", src.as_str());
        let from: mwc::Timestamp = row.from.parse().expect("a valid --from");
        let (verdicts, others, first) = mwc::with_program(&sources, from, |checked| {
            let (verdicts, others): (Vec<_>, Vec<_>) = checked
                .diagnostics()
                .iter()
                .map(|d| (d.code.as_str(), d.message.clone()))
                .partition(|(code, _)| OPENING_CODES.contains(code));
            let first = checked.program().windows.first().and_then(|w| {
                let openings = w.openings(from, 1)?;
                let first = openings.next.first()?;
                Some(first.start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
            });
            (verdicts, others, first)
        });
        let what = format!("{:?} {:?} from {}", row.schedule, row.fields, row.from);
        if !others.is_empty() {
            failures.push(format!("{what}: other diagnostics {others:?}"));
        }
        match (row.verdict, verdicts.as_slice()) {
            (None, []) => {}
            (Some((code, words)), [(got, message)]) if *got == code && message.contains(words) => {}
            (expected, got) => failures.push(format!("{what}: expected {expected:?}, got {got:?}")),
        }
        if first.as_deref() != row.first {
            failures.push(format!(
                "{what}: first opening {first:?}, expected {:?}",
                row.first
            ));
        }
        // The two commands agree: no verdict exactly when there is an opening.
        if verdicts.is_empty() != first.is_some() {
            failures.push(format!(
                "{what}: check says {verdicts:?} but schedule lists {first:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
