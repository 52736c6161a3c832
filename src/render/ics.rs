//! `mwc schedule --format ics`: the openings as an RFC 5545 iCalendar
//! file, for calendar programs and subscriptions.
//!
//! One `VEVENT` per opening: `SUMMARY` the window's name (and description),
//! `DTSTART`/`DTEND` in the window's own time zone (`TZID`), or in UTC for
//! a window in UTC, `DESCRIPTION` the cutoff and the tasks in the order
//! they run. Each `TZID` used has a `VTIMEZONE` made from the bundled time
//! zone database: one `STANDARD` or `DAYLIGHT` part per change of the
//! zone's clocks from the one in force at the first opening to the last
//! closing, each with its own `DTSTART` (no recurrence rules to misread).
//!
//! The `UID` of an opening is `<window>-<start in UTC>@<host>`, the host
//! naming the program's Region and account when set
//! (`PatchTuesday-20270115T030000Z@us-east-1.123456789012.mwc`), so a
//! calendar that subscribes to the file updates its events instead of
//! adding them again. `DTSTAMP` is the instant passed in (the command
//! line's pinned clock), never the wall clock. Lines end with CRLF and are
//! folded at 75 octets; TEXT values are escaped. The module is pure: it
//! builds a string.

use crate::model::{Action, Program, TaskTarget};
use crate::schedule::next::Opening;
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use std::collections::BTreeMap;

/// What a calendar says of one window.
#[derive(Debug, Clone)]
pub struct Window {
    /// The window's declared name.
    pub name: String,
    /// Its description, when it has one.
    pub description: Option<String>,
    /// The IANA time zone as written; `None` for UTC (times end in `Z`).
    pub tzid: Option<String>,
    /// The time zone.
    pub zone: TimeZone,
    /// Where it is declared (`file:line`).
    pub place: String,
    /// The cutoff in hours.
    pub cutoff_hours: i64,
    /// Its tasks, by priority then as written.
    pub tasks: Vec<Task>,
    /// The host part of its events' UIDs.
    pub uid_host: String,
}

/// One task of a window, as the calendar describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The task's declared name.
    pub name: String,
    /// Its priority (lower runs first, equal ones together).
    pub priority: i64,
    /// What it runs: `run_command AWS-RunPatchBaseline`.
    pub runs: String,
    /// The targets it runs on (names of the window's targets, or instance
    /// ids).
    pub targets: Vec<String>,
}

impl Window {
    /// The window `w` of `program`, declared at `place`.
    pub fn of(program: &Program<'_>, w: &crate::model::Window<'_>, place: String) -> Window {
        let mut tasks: Vec<Task> = w
            .tasks
            .iter()
            .map(|t| {
                let (kind, what) = match &t.action {
                    Action::RunCommand(rc) => ("run_command", rc.document.value),
                    Action::Automation { document, .. } => ("automation", document.value),
                    Action::Lambda { function, .. } => ("lambda", function.value),
                    Action::StepFunctions { state_machine, .. } => {
                        ("step_functions", state_machine.value)
                    }
                };
                Task {
                    name: t.id.value.to_string(),
                    priority: t.priority.value,
                    runs: format!("{kind} {what}"),
                    targets: t
                        .targets
                        .iter()
                        .map(|target| match target {
                            TaskTarget::Target(id, _) => w
                                .targets
                                .get(id.0)
                                .map_or_else(String::new, |t| t.id.value.to_string()),
                            TaskTarget::Instance(id) => id.value.to_string(),
                        })
                        .collect(),
                }
            })
            .collect();
        // A stable sort: equal priorities stay as written.
        tasks.sort_by_key(|t| t.priority);
        let settings = &program.settings;
        let host: Vec<&str> = [settings.region, settings.account]
            .iter()
            .flatten()
            .map(|t| t.value)
            .chain(["mwc"])
            .collect();
        let tzid = w
            .timezone
            .map(|t| t.value)
            .filter(|name| !matches!(*name, "UTC" | "Etc/UTC"));
        Window {
            name: w.id.value.to_string(),
            description: w.description.map(|d| d.value.to_string()),
            tzid: tzid.map(str::to_string),
            zone: w.zone.clone().unwrap_or(TimeZone::UTC),
            place,
            cutoff_hours: w.cutoff.value,
            tasks,
            uid_host: host.join("."),
        }
    }
}

/// The calendar of `openings` (`(index in windows, opening)`, as
/// [`crate::schedule::merge::listing`] gives them), stamped `stamp`.
pub fn calendar(windows: &[Window], openings: &[(usize, Opening)], stamp: Timestamp) -> String {
    let mut out = Lines(String::new());
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//mwc//mwc schedule//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    // Each time zone used, with the span of time its events cover.
    let mut zones: BTreeMap<&str, (&TimeZone, Timestamp, Timestamp)> = BTreeMap::new();
    for (i, o) in openings {
        let Some(w) = windows.get(*i) else { continue };
        let Some(tzid) = &w.tzid else { continue };
        let (first, last) = (o.start.timestamp(), o.end.timestamp());
        let entry = zones.entry(tzid).or_insert((&w.zone, first, last));
        entry.1 = entry.1.min(first);
        entry.2 = entry.2.max(last);
    }
    for (tzid, (zone, first, last)) in zones {
        vtimezone(&mut out, tzid, zone, first, last);
    }
    let stamp = basic_utc(stamp);
    for (i, o) in openings {
        let Some(w) = windows.get(*i) else { continue };
        event(&mut out, w, o, &stamp);
    }
    out.line("END:VCALENDAR");
    out.0
}

/// One `VEVENT`.
fn event(out: &mut Lines, w: &Window, o: &Opening, stamp: &str) {
    let start_utc = basic_utc(o.start.timestamp());
    out.line("BEGIN:VEVENT");
    out.line(&format!(
        "UID:{}",
        text(&format!("{}-{start_utc}@{}", w.name, w.uid_host))
    ));
    out.line(&format!("DTSTAMP:{stamp}"));
    out.line(&format!("DTSTART{}", time(w, &o.start)));
    out.line(&format!("DTEND{}", time(w, &o.end)));
    let summary = match &w.description {
        Some(d) => format!("{}: {d}", w.name),
        None => w.name.clone(),
    };
    out.line(&format!("SUMMARY:{}", text(&summary)));
    out.line(&format!("DESCRIPTION:{}", text(&description(w, o))));
    out.line("TRANSP:OPAQUE");
    out.line("END:VEVENT");
}

/// The words of an event's `DESCRIPTION` (unescaped).
fn description(w: &Window, o: &Opening) -> String {
    let zone = w.tzid.as_deref().unwrap_or("UTC");
    let local = |z: &jiff::Zoned| z.strftime("%Y-%m-%d %H:%M %:z").to_string();
    let mut lines = vec![format!(
        "Window {} ({}), time zone {zone}.",
        w.name, w.place
    )];
    if let Some(d) = &w.description {
        lines.push(d.clone());
    }
    lines.push(format!(
        "Opens {}, closes {}; no task starts after {} (cutoff {}h).",
        local(&o.start),
        local(&o.end),
        local(&o.cutoff),
        w.cutoff_hours
    ));
    if w.tasks.is_empty() {
        lines.push("No tasks.".to_string());
        return lines.join("\n");
    }
    lines.push("Tasks, in the order they run:".to_string());
    let mut rest = w.tasks.as_slice();
    while let Some(first) = rest.first() {
        let same = rest
            .iter()
            .take_while(|t| t.priority == first.priority)
            .count();
        let (group, after) = rest.split_at(same);
        let tasks: Vec<String> = group
            .iter()
            .map(|t| {
                let targets = if t.targets.is_empty() {
                    "no targets".to_string()
                } else {
                    format!("on {}", t.targets.join(", "))
                };
                format!("{}: {}, {targets}", t.name, t.runs)
            })
            .collect();
        let head = if group.len() > 1 {
            format!("priority {} (in parallel)", first.priority)
        } else {
            format!("priority {}", first.priority)
        };
        lines.push(format!("- {head}: {}", tasks.join("; ")));
        rest = after;
    }
    lines.join("\n")
}

/// `;TZID=America/New_York:20270114T220000`, or `:20270115T030000Z` for a
/// window in UTC.
fn time(w: &Window, z: &jiff::Zoned) -> String {
    match &w.tzid {
        Some(tzid) => format!(
            ";TZID={}:{}",
            param(tzid),
            z.datetime().strftime("%Y%m%dT%H%M%S")
        ),
        None => format!(":{}", basic_utc(z.timestamp())),
    }
}

/// The `VTIMEZONE` of `zone` from the change in force at `first` to the
/// last change before `last`.
fn vtimezone(out: &mut Lines, tzid: &str, zone: &TimeZone, first: Timestamp, last: Timestamp) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", text(tzid)));
    // The change in force at `first` (one at `first` itself included).
    let since = first
        .checked_add(jiff::SignedDuration::from_nanos(1))
        .unwrap_or(first);
    let initial = zone.preceding(since).next();
    match &initial {
        Some(t) => part(
            out,
            zone,
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation(),
        ),
        None => {
            // No change at all before: the zone's one offset, since 1970.
            let info = zone.to_offset_info(first);
            let offset = info.offset();
            let kind = if info.dst().is_dst() {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            out.line(&format!("BEGIN:{kind}"));
            out.line("DTSTART:19700101T000000");
            out.line(&format!("TZOFFSETFROM:{}", utc_offset(offset)));
            out.line(&format!("TZOFFSETTO:{}", utc_offset(offset)));
            out.line(&format!("TZNAME:{}", text(info.abbreviation())));
            out.line(&format!("END:{kind}"));
        }
    }
    let after = initial.as_ref().map_or(first, |t| t.timestamp());
    for t in zone.following(after).take_while(|t| t.timestamp() <= last) {
        part(
            out,
            zone,
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation(),
        );
    }
    out.line("END:VTIMEZONE");
}

/// One `STANDARD` or `DAYLIGHT` part: the change at `at` to `offset`.
fn part(out: &mut Lines, zone: &TimeZone, at: Timestamp, offset: Offset, dst: bool, name: &str) {
    let before = at
        .checked_sub(jiff::SignedDuration::from_nanos(1))
        .map_or(offset, |t| zone.to_offset(t));
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    out.line(&format!("BEGIN:{kind}"));
    // The onset in the local time in force before it.
    out.line(&format!(
        "DTSTART:{}",
        before.to_datetime(at).strftime("%Y%m%dT%H%M%S")
    ));
    out.line(&format!("TZOFFSETFROM:{}", utc_offset(before)));
    out.line(&format!("TZOFFSETTO:{}", utc_offset(offset)));
    out.line(&format!("TZNAME:{}", text(name)));
    out.line(&format!("END:{kind}"));
}

/// A UTC offset as iCalendar writes it: `-0500`, `+0530`, `+003412`.
fn utc_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// An instant in UTC in iCalendar's basic form: `20270115T030000Z`.
fn basic_utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters (which TEXT may not hold) become
/// spaces.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,` (a quote, which
/// no quoted value may hold, is dropped).
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// The output: content lines folded at 75 octets, each ended by CRLF.
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        fold(&mut self.0, line);
    }
}

/// The longest a physical line may be, in octets, without its CRLF.
const FOLD_AT: usize = 75;

/// Appends `line` folded (RFC 5545 3.1): physical lines of at most 75
/// octets, each continuation starting with a space, never splitting a
/// UTF-8 character; each ends with CRLF.
pub fn fold(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = FOLD_AT;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The space counts.
        room = FOLD_AT - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(80));
        fold(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{physical:?} is {} octets",
                physical.len()
            );
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold(&mut short, "END:VEVENT");
        assert_eq!(short, "END:VEVENT\r\n");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf ");
    }

    #[test]
    fn offsets() {
        let o = |s| Offset::from_seconds(s).expect("offset");
        assert_eq!(utc_offset(o(-5 * 3600)), "-0500");
        assert_eq!(utc_offset(o(5 * 3600 + 1800)), "+0530");
        assert_eq!(utc_offset(o(0)), "+0000");
        assert_eq!(utc_offset(o(2072)), "+003432");
    }

    #[test]
    fn a_vtimezone_covers_the_changes_in_range() {
        let zone = jiff::tz::db().get("America/New_York").expect("zone");
        let first: Timestamp = "2026-10-01T00:00:00Z".parse().expect("t");
        let last: Timestamp = "2027-04-01T00:00:00Z".parse().expect("t");
        let mut out = Lines(String::new());
        vtimezone(&mut out, "America/New_York", &zone, first, last);
        let want = "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
            BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
            BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n\
            BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
            END:VTIMEZONE\r\n";
        assert_eq!(out.0, want);
    }
}
