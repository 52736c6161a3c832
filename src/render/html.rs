//! `mwc schedule --format html`: one self-contained HTML page that draws
//! every window's openings on a timeline.
//!
//! The page is a pure function of the windows' openings, the display zone
//! and the generation time ([`render`]): inline SVG built here, inline CSS,
//! no script, no font or image to fetch (a Content-Security-Policy forbids
//! every load), so the same input gives the same bytes and the page works
//! offline.
//!
//! The timeline has one column per day of the display zone, from the day of
//! the first opening to the day of the last one's close (at most
//! [`MAX_DAYS`]), and one row per window. Each opening is one `<g
//! class="opening">`: a bar from its start to its cutoff, a darker segment
//! from the cutoff to its close, and a `<title>` with the exact times (local
//! and UTC), the cutoff and the tasks in priority order. Bars that overlap
//! an opening of another window are drawn in another colour; openings of a
//! window that overlap each other are outlined and drawn in two lanes. The
//! display zone's clock changes are marked across the grid, and each
//! window's own zone's changes on its row.

use crate::check::zones::{Meant, Verdict, verdict};
use crate::model::{Action, Window};
use crate::schedule::WindowOpenings;
use crate::schedule::next::{Opening, Shift};
use crate::source::{Sources, is_hidden};
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp, Zoned};
use std::borrow::Cow;
use std::fmt::Write;

/// The most days the timeline shows; openings after them are left out,
/// and the page says how many.
pub const MAX_DAYS: usize = 62;

/// The most bars the timeline draws; the days after the one where they run
/// out are left out, and the page says how many openings that leaves out.
pub const MAX_BARS: usize = 10_000;

/// Width of the column of window labels, in pixels.
const LABEL_W: f64 = 330.0;
/// Width of the days together when they fit, in pixels.
const CHART_W: f64 = 980.0;
/// Narrowest and widest day column, in pixels.
const DAY_MIN: f64 = 17.0;
const DAY_MAX: f64 = 200.0;
/// Height of the header of the grid (months, days, clock changes).
const HEADER_H: f64 = 64.0;
/// Height of a window's row.
const ROW_H: f64 = 48.0;
/// Margin right of the last day.
const RIGHT_PAD: f64 = 16.0;
/// Characters of a window's name shown in its label (all in its title).
const NAME_CHARS: usize = 36;

/// One window's row of the timeline: its openings and what the hover text
/// and the label say about it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The openings, as `mwc schedule` computes them.
    pub openings: WindowOpenings,
    /// The window's AWS name (its `name`, which may differ from the
    /// declared identifier).
    pub name: String,
    /// Where the window is declared: `FILE:LINE`.
    pub place: String,
    /// The window's description, when it has one.
    pub description: Option<String>,
    /// The tasks, in the order they run: by priority, then as declared.
    pub tasks: Vec<TaskLine>,
}

/// A task as the hover text lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskLine {
    /// The priority (0 runs first).
    pub priority: i64,
    /// The declared identifier.
    pub name: String,
    /// What it runs: `run_command AWS-RunPatchBaseline`.
    pub runs: String,
}

impl Row {
    /// The row of `window`, declared in `sources`, with its `openings`.
    pub fn new(window: &Window<'_>, sources: &Sources, openings: WindowOpenings) -> Row {
        let file = sources.get(window.span.file);
        let (line, _) = file.line_col(window.span.start);
        let mut tasks: Vec<TaskLine> = window
            .tasks
            .iter()
            .map(|t| TaskLine {
                priority: t.priority.value,
                name: t.id.value.to_string(),
                runs: match &t.action {
                    Action::RunCommand(rc) => format!("run_command {}", rc.document.value),
                    Action::Automation { document, .. } => format!("automation {}", document.value),
                    Action::Lambda { function, .. } => format!("lambda {}", function.value),
                    Action::StepFunctions { state_machine, .. } => {
                        format!("step_functions {}", state_machine.value)
                    }
                },
            })
            .collect();
        // Stable: tasks of one priority keep their declared order.
        tasks.sort_by_key(|t| t.priority);
        Row {
            openings,
            name: window.name.value.to_string(),
            place: format!("{}:{line}", file.name()),
            description: window.description.map(|d| d.value.to_string()),
            tasks,
        }
    }
}

/// The zone the grid's days are drawn in.
#[derive(Debug, Clone)]
pub struct DisplayZone {
    /// As given (`UTC`, `Europe/Berlin`).
    pub name: String,
    /// The zone.
    pub tz: TimeZone,
}

/// The display zone named `name`: a zone of the bundled database. The error
/// says what was probably meant (`now` decides the year of the clocks an
/// abbreviation's message describes).
pub fn display_zone(name: &str, now: Timestamp) -> Result<DisplayZone, String> {
    if !name.is_empty()
        && let Ok(tz) = jiff::tz::db().get(name)
    {
        return Ok(DisplayZone {
            name: name.to_string(),
            tz,
        });
    }
    let hint = match verdict(name, now) {
        Verdict::Unknown(Meant::Name(zone)) => format!("; did you mean `{zone}`?"),
        Verdict::Unknown(Meant::Alias { zone, .. }) => format!("; did you mean `{zone}`?"),
        Verdict::Unknown(Meant::Abbreviation { abbreviation, .. }) => format!(
            "; `{}` is an abbreviation, not a zone: name the zone, such as `{}`",
            abbreviation.text, abbreviation.zone
        ),
        Verdict::Unknown(Meant::Offset { etc: Some(etc), .. }) => {
            format!("; for a fixed offset use `{etc}`")
        }
        _ => String::new(),
    };
    Err(format!(
        "unknown time zone `{}` for --display-zone: give an IANA time zone such as `UTC` or `Europe/Berlin`{hint}",
        crate::source::shown(name)
    ))
}

/// What the page is drawn from, besides the rows.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The zone of the grid's days.
    pub zone: &'a DisplayZone,
    /// When the openings are counted from (`--from`).
    pub from: Timestamp,
    /// When the page is made (`--now`, `SOURCE_DATE_EPOCH` or the clock).
    pub generated: Timestamp,
}

/// Text from the program or the command line, safe in HTML text and in a
/// quoted attribute: `& < > " '` become references, and characters that must
/// not reach a reader (controls, invisible bidirectional marks) become
/// U+FFFD.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\r') || is_hidden(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push('\u{fffd}'),
            c if is_hidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How an opening overlaps others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overlap {
    /// It is open at the same time as an opening of another window.
    pub other: bool,
    /// It is open at the same time as another opening of its own window.
    pub own: bool,
}

/// An opening's time span, for [`overlaps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Which window (any number that tells windows apart).
    pub window: usize,
    /// When it opens.
    pub start: Timestamp,
    /// When it closes.
    pub end: Timestamp,
}

/// For each interval, whether it overlaps one of another window and one of
/// its own (open at the same instant: one that closes when another opens
/// does not overlap it). Sorts once, then two linear sweeps.
pub fn overlaps(intervals: &[Interval]) -> Vec<Overlap> {
    let mut out = vec![Overlap::default(); intervals.len()];
    let mut order: Vec<usize> = (0..intervals.len()).collect();
    order.sort_by_key(|&i| (intervals[i].start, intervals[i].window, i));
    // Forward: earlier openings still open when this one opens. The two
    // latest closes of distinct windows are enough to know whether one of
    // another window is still open.
    let mut latest: Vec<(Timestamp, usize)> = Vec::with_capacity(3);
    let mut own_close: std::collections::HashMap<usize, Timestamp> =
        std::collections::HashMap::new();
    for &i in &order {
        let it = intervals[i];
        if latest
            .iter()
            .find(|(_, w)| *w != it.window)
            .is_some_and(|(end, _)| *end > it.start)
        {
            out[i].other = true;
        }
        if own_close.get(&it.window).is_some_and(|end| *end > it.start) {
            out[i].own = true;
        }
        let close = own_close.entry(it.window).or_insert(it.end);
        *close = (*close).max(it.end);
        match latest.iter_mut().find(|(_, w)| *w == it.window) {
            Some(entry) => entry.0 = entry.0.max(it.end),
            None => latest.push((it.end, it.window)),
        }
        latest.sort_by_key(|e| std::cmp::Reverse(e.0));
        latest.truncate(2);
    }
    // Backward: later openings that open before this one closes. The first
    // later opening of another window opens earliest of them all, and so
    // does the next one of its own window.
    let mut next_other: Option<usize> = None;
    let mut next_own: std::collections::HashMap<usize, Timestamp> =
        std::collections::HashMap::new();
    for (p, &i) in order.iter().enumerate().rev() {
        let it = intervals[i];
        if let Some(&j) = order.get(p + 1) {
            next_other = if intervals[j].window != it.window {
                Some(j)
            } else {
                next_other
            };
        }
        if next_other.is_some_and(|j| intervals[j].start < it.end) {
            out[i].other = true;
        }
        if next_own.get(&it.window).is_some_and(|s| *s < it.end) {
            out[i].own = true;
        }
        next_own.insert(it.window, it.start);
    }
    out
}

/// The days of the grid and where an instant falls on them.
struct Grid {
    /// The first day.
    first: Date,
    /// The start of every day and of the day after the last.
    midnights: Vec<Timestamp>,
    /// Width of a day column.
    day_w: f64,
}

impl Grid {
    /// The days from `first` to `last` (at most [`MAX_DAYS`], and only
    /// those with a start in the supported range; at least one).
    fn new(tz: &TimeZone, first: Date, last: Date) -> Grid {
        let mut midnights = Vec::new();
        let mut day = Some(first);
        while let Some(d) = day {
            let Ok(start) = d.to_zoned(tz.clone()) else {
                break;
            };
            midnights.push(start.timestamp());
            if midnights.len() > MAX_DAYS || d > last {
                break;
            }
            day = d.tomorrow().ok();
        }
        if midnights.len() < 2 {
            // A day at the end of the range: it ends at the last instant.
            let start = midnights.first().copied().unwrap_or(Timestamp::MAX);
            midnights = vec![start, Timestamp::MAX];
        }
        let days = midnights.len() - 1;
        let day_w = (CHART_W / days as f64).clamp(DAY_MIN, DAY_MAX).floor();
        Grid {
            first,
            midnights,
            day_w,
        }
    }

    fn days(&self) -> usize {
        self.midnights.len() - 1
    }

    /// The instant the grid ends.
    fn end(&self) -> Timestamp {
        self.midnights[self.days()]
    }

    /// The x of an instant: days are columns of one width, whatever their
    /// length (23 or 25 hours when the clocks change).
    fn x(&self, t: Timestamp) -> f64 {
        let days = self.days();
        if t <= self.midnights[0] {
            return LABEL_W;
        }
        if t >= self.midnights[days] {
            return LABEL_W + days as f64 * self.day_w;
        }
        let i = self
            .midnights
            .partition_point(|m| *m <= t)
            .saturating_sub(1);
        let (a, b) = (self.midnights[i], self.midnights[i + 1]);
        let length = b.duration_since(a).as_secs_f64();
        let into = t.duration_since(a).as_secs_f64();
        let fraction = if length > 0.0 { into / length } else { 0.0 };
        LABEL_W + (i as f64 + fraction) * self.day_w
    }

    fn width(&self) -> f64 {
        LABEL_W + self.days() as f64 * self.day_w + RIGHT_PAD
    }
}

/// A clock change: the instant, and the offsets before and after.
struct Change {
    at: Timestamp,
    before: Offset,
    after: Offset,
    abbreviation: String,
}

/// A clock change in words, for a zone whose name is escaped already.
fn change_text(zone: &str, c: &Change) -> String {
    format!(
        "{zone}: clocks change at {} from {} to {} ({})",
        utc_text(c.at),
        offset_text(c.before),
        offset_text(c.after),
        escape(&c.abbreviation)
    )
}

/// The changes of `tz`'s offset from `from` to `to` (at most a few dozen).
fn changes(tz: &TimeZone, from: Timestamp, to: Timestamp) -> Vec<Change> {
    let mut out = Vec::new();
    for t in tz.following(from).take(64) {
        let at = t.timestamp();
        if at >= to {
            break;
        }
        let before = tz.to_offset(at.checked_sub(SignedDuration::from_nanos(1)).unwrap_or(at));
        if before != t.offset() {
            out.push(Change {
                at,
                before,
                after: t.offset(),
                abbreviation: t.abbreviation().to_string(),
            });
        }
    }
    out
}

/// `UTC−05:00`, with a real minus sign.
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `2027-03-14 03:00:00 EDT (UTC−04:00)`.
fn local_text(z: &Zoned) -> String {
    format!(
        "{} {} ({})",
        z.strftime("%Y-%m-%d %H:%M:%S"),
        z.strftime("%Z"),
        offset_text(z.offset())
    )
}

/// `2027-03-14 07:00:00 UTC`.
fn utc_text(t: Timestamp) -> String {
    format!("{} UTC", t.strftime("%Y-%m-%d %H:%M:%S"))
}

/// Hours (or minutes) in words: `2h`, `90min`.
fn span_text(d: SignedDuration) -> String {
    let minutes = d.as_secs() / 60;
    if minutes % 60 == 0 {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}min")
    }
}

/// An opening to draw: its row, its place in the row's list and its overlap.
struct Bar<'r> {
    row: usize,
    index: usize,
    opening: &'r Opening,
    overlap: Overlap,
}

/// `x` to one decimal, as every coordinate is written.
fn px(x: f64) -> String {
    format!("{x:.1}")
}

const CSS: &str = "\
:root { color-scheme: light; }
body { margin: 24px; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: #1f2933; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 4px 0; }
.meta { color: #52606d; }
.note { background: #fff7e6; border: 1px solid #f0b429; padding: 6px 10px; border-radius: 4px; display: inline-block; }
.legend { list-style: none; padding: 0; margin: 10px 0; display: flex; flex-wrap: wrap; gap: 18px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 28px; height: 12px; border-radius: 2px; }
.sw-run { background: #3b82f6; }
.sw-cut { background: #1e3a8a; }
.sw-other { background: #f59e0b; }
.sw-own { background: #3b82f6; outline: 2px dashed #dc2626; outline-offset: -1px; }
.sw-dst { width: 0; height: 14px; border-left: 2px dashed #9333ea; border-radius: 0; }
.chart { overflow-x: auto; border: 1px solid #d9e2ec; border-radius: 4px; }
svg { display: block; font: 11px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; }
svg .month { font-weight: 600; fill: #1f2933; }
svg .day { fill: #52606d; }
svg .weekend { fill: #f5f7fa; }
svg .stripe { fill: #fafbfc; }
svg .grid { stroke: #d9e2ec; stroke-width: 1; }
svg .grid.week { stroke: #9fb3c8; }
svg .hour { stroke: #eef2f6; stroke-width: 1; }
svg .dst { stroke: #9333ea; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .dst-label { fill: #7e22ce; font-weight: 600; }
svg .zone-change { fill: #9333ea; }
svg .name { font-size: 13px; font-weight: 600; fill: #1f2933; }
svg .where { fill: #52606d; }
svg .empty { fill: #829ab1; font-style: italic; }
svg .opening .run { fill: #3b82f6; }
svg .opening .cut { fill: #1e3a8a; }
svg .opening.overlap .run { fill: #f59e0b; }
svg .opening.overlap .cut { fill: #b45309; }
svg .opening.own rect { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 4 2; }
svg .opening .tick { stroke: #0b1324; stroke-width: 2; }
svg .opening:hover rect { filter: brightness(1.15); }
ul.changes { margin: 0; padding-left: 20px; }
";

/// The whole page: the timeline of `rows` (in order) as [`Page`] says.
pub fn render(rows: &[Row], page: &Page<'_>) -> String {
    let zone = &page.zone.tz;
    // Every opening, earliest first.
    let mut all: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| (0..row.openings.next.len()).map(move |i| (r, i)))
        .collect();
    let opening = |&(r, i): &(usize, usize)| &rows[r].openings.next[i];
    all.sort_by_key(|k| (opening(k).start.timestamp(), k.0, k.1));
    let total = all.len();

    // The days: from the first opening's to the last close's, at most
    // MAX_DAYS, and no more than MAX_BARS bars.
    let day_of = |t: Timestamp| t.to_zoned(zone.clone()).date();
    let first = all.first().map_or_else(
        || day_of(page.from),
        |k| day_of(opening(k).start.timestamp()),
    );
    let last = all
        .iter()
        .map(|k| opening(k).end.timestamp())
        .max()
        .map_or(first, |end| {
            day_of(
                end.checked_sub(SignedDuration::from_nanos(1))
                    .unwrap_or(end),
            )
        });
    let mut grid = Grid::new(zone, first, last);
    if let Some(k) = all.get(MAX_BARS) {
        let cut = day_of(opening(k).start.timestamp());
        if cut > first && grid.end() > opening(k).start.timestamp() {
            grid = Grid::new(zone, first, cut.yesterday().unwrap_or(first));
        }
    }
    let end = grid.end();
    let mut drawn: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|k| opening(k).start.timestamp() < end)
        .collect();
    drawn.truncate(MAX_BARS);
    let left_out = total - drawn.len();

    let intervals: Vec<Interval> = drawn
        .iter()
        .map(|k| Interval {
            window: k.0,
            start: opening(k).start.timestamp(),
            end: opening(k).end.timestamp(),
        })
        .collect();
    let overlap = overlaps(&intervals);
    let mut bars: Vec<Bar<'_>> = drawn
        .iter()
        .zip(&overlap)
        .map(|(&(row, index), &overlap)| Bar {
            row,
            index,
            opening: &rows[row].openings.next[index],
            overlap,
        })
        .collect();
    bars.sort_by_key(|b| (b.row, b.index));

    let start = grid.midnights[0];
    let mut out = String::with_capacity(16_384 + bars.len() * 900);
    let range = format!(
        "{} to {}",
        grid.first,
        day_of(
            end.checked_sub(SignedDuration::from_nanos(1))
                .unwrap_or(end)
        )
    );
    let zone_name = escape(&page.zone.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"mwc {version}\">\n\
         <title>Maintenance windows, {range} ({zone_name})</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <h1>Maintenance windows</h1>\n",
        version = env!("CARGO_PKG_VERSION"),
    );
    let windows = rows.len();
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} of {} {}, counted from {}, days from {range} in {zone_name}. \
         Made {} by mwc {}.</p>",
        plural(drawn.len(), "opening"),
        windows,
        if windows == 1 { "window" } else { "windows" },
        utc_text(page.from),
        utc_text(page.generated),
        env!("CARGO_PKG_VERSION"),
    );
    if left_out > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">{} after {} not drawn: the timeline shows at most {MAX_DAYS} days and {} bars. \
             Start later with <code>--from</code> or ask for fewer with <code>--next</code>.</p>",
            plural(left_out, "opening"),
            utc_text(end),
            super::thousands(MAX_BARS as u64),
        );
    }
    out.push_str(
        "<ul class=\"legend\">\
         <li><span class=\"swatch sw-run\"></span>open, tasks may start</li>\
         <li><span class=\"swatch sw-cut\"></span>after the cutoff: no task starts</li>\
         <li><span class=\"swatch sw-other\"></span>open at the same time as another window</li>\
         <li><span class=\"swatch sw-own\"></span>overlaps its own window&#39;s previous or next opening</li>\
         <li><span class=\"swatch sw-dst\"></span>clock change (display zone across the grid, the window&#39;s zone on its row)</li>\
         </ul>\n",
    );

    // The SVG.
    let width = grid.width();
    let height = HEADER_H + rows.len().max(1) as f64 * ROW_H + 8.0;
    let _ = writeln!(
        out,
        "<div class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Timeline of the maintenance windows' openings\" data-start=\"{}\" data-end=\"{}\" data-openings=\"{}\" data-left-out=\"{left_out}\">",
        start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        drawn.len(),
        w = px(width),
        h = px(height),
    );
    let bottom = px(height - 8.0);
    // Row stripes, weekends, day lines and labels.
    for r in 0..rows.len() {
        if r % 2 == 1 {
            let _ = writeln!(
                out,
                "<rect class=\"stripe\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                px(HEADER_H + r as f64 * ROW_H),
                px(width),
                px(ROW_H)
            );
        }
    }
    let mut day = grid.first;
    for d in 0..grid.days() {
        let x = LABEL_W + d as f64 * grid.day_w;
        let weekday = day.weekday();
        if matches!(
            weekday,
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            let _ = writeln!(
                out,
                "<rect class=\"weekend\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill-opacity=\"0.6\"/>",
                px(x),
                px(HEADER_H - 26.0),
                px(grid.day_w),
                px(height - 8.0 - (HEADER_H - 26.0))
            );
        }
        if d == 0 || day.day() == 1 {
            let _ = writeln!(
                out,
                "<text class=\"month\" x=\"{}\" y=\"14\">{}</text>",
                px(x + 3.0),
                day.strftime("%B %Y")
            );
        }
        let label = if grid.day_w >= 56.0 {
            day.strftime("%a %-d").to_string()
        } else {
            day.strftime("%-d").to_string()
        };
        let _ = writeln!(
            out,
            "<text class=\"day\" x=\"{}\" y=\"34\">{label}</text>",
            px(x + 3.0)
        );
        let class = if weekday == jiff::civil::Weekday::Monday {
            "grid week"
        } else {
            "grid"
        };
        let _ = writeln!(
            out,
            "<line class=\"{class}\" x1=\"{x}\" y1=\"20\" x2=\"{x}\" y2=\"{bottom}\"/>",
            x = px(x)
        );
        if grid.day_w >= 72.0 {
            for hour in [6, 12, 18] {
                if let Ok(t) = day.at(hour, 0, 0, 0).to_zoned(zone.clone()) {
                    let hx = px(grid.x(t.timestamp()));
                    let _ = writeln!(
                        out,
                        "<line class=\"hour\" x1=\"{hx}\" y1=\"{}\" x2=\"{hx}\" y2=\"{bottom}\"/>",
                        px(HEADER_H)
                    );
                }
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    let x_end = px(LABEL_W + grid.days() as f64 * grid.day_w);
    let _ = writeln!(
        out,
        "<line class=\"grid\" x1=\"{x_end}\" y1=\"20\" x2=\"{x_end}\" y2=\"{bottom}\"/>"
    );

    // The display zone's clock changes, across the grid.
    // Each zone's changes once: (zone, instant, text).
    let mut notes: Vec<(String, Timestamp, String)> = Vec::new();
    for c in changes(zone, start, end) {
        let x = px(grid.x(c.at));
        let local = c.at.to_zoned(zone.clone());
        let text = change_text(&zone_name, &c);
        let _ = writeln!(
            out,
            "<g class=\"dst-change\"><title>{text}; local time from then on: {}</title>\
             <line class=\"dst\" x1=\"{x}\" y1=\"40\" x2=\"{x}\" y2=\"{bottom}\"/>\
             <text class=\"dst-label\" x=\"{}\" y=\"54\">{} → {}</text></g>",
            local_text(&local),
            px(grid.x(c.at) + 3.0),
            offset_text(c.before),
            offset_text(c.after),
        );
        notes.push((page.zone.name.clone(), c.at, text));
    }

    // The rows.
    let mut bars = bars.iter().peekable();
    for (r, row) in rows.iter().enumerate() {
        let y = HEADER_H + r as f64 * ROW_H;
        let w = &row.openings;
        let shown_name: String = if w.window.chars().count() > NAME_CHARS {
            let cut: String = w.window.chars().take(NAME_CHARS - 1).collect();
            format!("{cut}…")
        } else {
            w.window.clone()
        };
        let mut label_title = format!(
            "window {}\nname {}\n{}\n{}, {}\ndeclared at {}",
            escape(&w.window),
            escape(&row.name),
            escape(&w.description),
            escape(&w.expression),
            escape(&w.timezone),
            escape(&row.place)
        );
        if let Some(d) = &row.description {
            let _ = write!(label_title, "\n{}", escape(d));
        }
        let _ = writeln!(
            out,
            "<g class=\"label\"><title>{label_title}</title>\
             <text class=\"name\" x=\"10\" y=\"{}\">{}</text>\
             <text class=\"where\" x=\"10\" y=\"{}\">{} · {}</text></g>",
            px(y + 20.0),
            escape(&shown_name),
            px(y + 37.0),
            escape(&w.timezone),
            escape(&row.place),
        );
        // The window's own zone's clock changes on its row.
        if let Ok(tz) = jiff::tz::db().get(&w.timezone) {
            for c in changes(&tz, start, end) {
                let x = grid.x(c.at);
                let text = format!(
                    "{}; the windows in this zone keep their local times",
                    change_text(&escape(&w.timezone), &c)
                );
                let _ = writeln!(
                    out,
                    "<g class=\"zone-change\"><title>{text}</title><path d=\"M{} {}h10l-5 7z\"/>\
                     <line class=\"dst\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
                    px(x - 5.0),
                    px(y + 1.0),
                    px(x),
                    px(y + 8.0),
                    px(x),
                    px(y + ROW_H - 2.0),
                );
                if !notes
                    .iter()
                    .any(|(z, at, _)| *z == w.timezone && *at == c.at)
                {
                    notes.push((w.timezone.clone(), c.at, text));
                }
            }
        }
        let mut any = false;
        while let Some(bar) = bars.next_if(|b| b.row == r) {
            any = true;
            draw_bar(&mut out, &grid, row, bar, y, page);
        }
        if !any {
            let _ = writeln!(
                out,
                "<text class=\"empty\" x=\"{}\" y=\"{}\">no opening in these days</text>",
                px(LABEL_W + 8.0),
                px(y + 28.0)
            );
        }
    }
    out.push_str("</svg>\n</div>\n");
    if !notes.is_empty() {
        out.push_str("<h2>Clock changes in these days</h2>\n<ul class=\"changes\">\n");
        for (_, _, n) in &notes {
            let _ = writeln!(out, "<li>{n}</li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One opening: the bar, the segment after the cutoff, the cutoff's tick
/// and the hover text.
fn draw_bar(out: &mut String, grid: &Grid, row: &Row, bar: &Bar<'_>, y: f64, page: &Page<'_>) {
    let o = bar.opening;
    let (start, cutoff, end) = (o.start.timestamp(), o.cutoff.timestamp(), o.end.timestamp());
    let x1 = grid.x(start);
    let xc = grid.x(cutoff);
    let x2 = grid.x(end).max(x1 + 3.0);
    // Openings of a window that overlap each other take two lanes.
    let (top, h) = if bar.overlap.own {
        (y + 8.0 + (bar.index % 2) as f64 * 16.0, 15.0)
    } else {
        (y + 10.0, 28.0)
    };
    let mut class = String::from("opening");
    if bar.overlap.other {
        class.push_str(" overlap");
    }
    if bar.overlap.own {
        class.push_str(" own");
    }
    let w = &row.openings;
    let mut title = format!(
        "{} (opening {} of {})\nopens {}  =  {}\nstops starting tasks {}  =  {}\ncloses {}  =  {}",
        escape(&w.window),
        bar.index + 1,
        w.next.len(),
        local_text(&o.start),
        utc_text(start),
        local_text(&o.cutoff),
        utc_text(cutoff),
        local_text(&o.end),
        utc_text(end),
    );
    let _ = write!(
        title,
        "\nopen {}, cutoff {}",
        span_text(end.duration_since(start)),
        span_text(end.duration_since(cutoff))
    );
    let display = &page.zone.tz;
    if page.zone.name != "UTC" && page.zone.name != w.timezone {
        let _ = write!(
            title,
            "\nin {}: opens {}, closes {}",
            escape(&page.zone.name),
            local_text(&o.start.with_time_zone(display.clone())),
            local_text(&o.end.with_time_zone(display.clone()))
        );
    }
    match o.shift {
        Shift::None => {}
        Shift::Gap => {
            let _ = write!(
                title,
                "\ndaylight saving: {} does not exist in {}; the window opens when the clocks have moved on",
                o.local.strftime("%Y-%m-%d %H:%M:%S"),
                escape(&w.timezone)
            );
        }
        Shift::Fold => {
            let _ = write!(
                title,
                "\ndaylight saving: {} happens twice in {}; the window opens at the first",
                o.local.strftime("%Y-%m-%d %H:%M:%S"),
                escape(&w.timezone)
            );
        }
    }
    if bar.overlap.other {
        title.push_str("\noverlaps an opening of another window");
    }
    if bar.overlap.own {
        title.push_str("\noverlaps another opening of this window");
    }
    if row.tasks.is_empty() {
        title.push_str("\nno task");
    } else {
        title.push_str("\ntasks, in the order they run:");
        for t in &row.tasks {
            let _ = write!(
                title,
                "\n  priority {}: {} ({})",
                t.priority,
                escape(&t.name),
                escape(&t.runs)
            );
        }
    }
    let _ = write!(
        out,
        "<g class=\"{class}\" data-window=\"{}\" data-start=\"{}\"><title>{title}</title>",
        escape(&w.window),
        start.strftime("%Y-%m-%dT%H:%M:%SZ"),
    );
    let _ = write!(
        out,
        "<rect class=\"run\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
        px(x1),
        px(top),
        px((xc.min(x2) - x1).max(0.0)),
        px(h)
    );
    if xc < x2 {
        let _ = write!(
            out,
            "<rect class=\"cut\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\
             <line class=\"tick\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            px(xc),
            px(top),
            px(x2 - xc),
            px(h),
            px(xc),
            px(top - 3.0),
            px(xc),
            px(top + h + 3.0)
        );
    }
    out.push_str("</g>\n");
}

/// `1 opening`, `3 openings`, `10,000 openings`.
fn plural(n: usize, word: &str) -> String {
    format!(
        "{} {word}{}",
        super::thousands(n as u64),
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    fn interval(window: usize, start: &str, end: &str) -> Interval {
        Interval {
            window,
            start: t(start),
            end: t(end),
        }
    }

    #[test]
    fn escape_covers_markup_and_hidden_characters() {
        assert_eq!(escape("PatchWindow"), "PatchWindow");
        assert!(matches!(escape("plain text"), Cow::Borrowed(_)));
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("a\u{202e}b\u{0}c\rd"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d"
        );
        // Already escaped text is escaped again: the page shows what was written.
        assert_eq!(escape("&amp;"), "&amp;amp;");
        // Line breaks and tabs are kept (hover text has lines).
        assert_eq!(escape("a\n\tb"), "a\n\tb");
    }

    #[test]
    fn overlap_with_other_windows_marks_both_sides() {
        let o = overlaps(&[
            interval(0, "2027-01-01T00:00:00Z", "2027-01-01T05:00:00Z"),
            interval(0, "2027-01-01T01:00:00Z", "2027-01-01T20:00:00Z"),
            interval(1, "2027-01-01T04:00:00Z", "2027-01-01T06:00:00Z"),
        ]);
        // The first is not the latest close of window 0 when window 1 opens,
        // yet it overlaps it.
        assert!(o[0].other && o[1].other && o[2].other);
        assert!(o[0].own && o[1].own && !o[2].own);
    }

    #[test]
    fn touching_openings_do_not_overlap() {
        let o = overlaps(&[
            interval(0, "2027-01-01T00:00:00Z", "2027-01-01T02:00:00Z"),
            interval(1, "2027-01-01T02:00:00Z", "2027-01-01T04:00:00Z"),
            interval(1, "2027-01-01T04:00:00Z", "2027-01-01T06:00:00Z"),
            interval(2, "2027-01-02T00:00:00Z", "2027-01-02T01:00:00Z"),
        ]);
        assert!(o.iter().all(|o| *o == Overlap::default()), "{o:?}");
    }

    #[test]
    fn overlaps_agree_with_comparing_every_pair() {
        // A deterministic spread of windows and lengths.
        let base = t("2027-01-01T00:00:00Z");
        let mut intervals = Vec::new();
        let mut seed: u64 = 7;
        for _ in 0..300 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let window = (seed >> 60) as usize % 4;
            let start = (seed >> 20) % 200;
            let hours = 1 + (seed >> 40) % 9;
            let start = base + SignedDuration::from_hours(start as i64);
            intervals.push(Interval {
                window,
                start,
                end: start + SignedDuration::from_hours(hours as i64),
            });
        }
        let fast = overlaps(&intervals);
        for (i, a) in intervals.iter().enumerate() {
            let mut slow = Overlap::default();
            for (j, b) in intervals.iter().enumerate() {
                if i != j && a.start < b.end && b.start < a.end {
                    if a.window == b.window {
                        slow.own = true;
                    } else {
                        slow.other = true;
                    }
                }
            }
            assert_eq!(fast[i], slow, "{i}: {a:?}");
        }
    }

    #[test]
    fn display_zone_must_be_known() {
        let now = t("2027-01-01T00:00:00Z");
        assert!(display_zone("UTC", now).is_ok());
        assert!(display_zone("Europe/Berlin", now).is_ok());
        let err = display_zone("Europe/Berln", now).unwrap_err();
        assert!(err.contains("`Europe/Berlin`"), "{err}");
        let err = display_zone("PST", now).unwrap_err();
        assert!(err.contains("abbreviation"), "{err}");
        assert!(display_zone("", now).is_err());
    }

    #[test]
    fn offsets_are_written_with_a_sign() {
        assert_eq!(offset_text(Offset::constant(-5)), "UTC−05:00");
        assert_eq!(
            offset_text(Offset::from_seconds(19_800).expect("offset")),
            "UTC+05:30"
        );
    }

    #[test]
    fn days_are_columns_of_one_width_across_a_clock_change() {
        let tz = jiff::tz::db().get("America/New_York").expect("zone");
        let first = Date::constant(2027, 3, 13);
        let grid = Grid::new(&tz, first, Date::constant(2027, 3, 15));
        assert_eq!(grid.days(), 3);
        // 14 March has 23 hours: local noon comes 11 of them after
        // midnight, a little before the middle of its column.
        let noon = first
            .tomorrow()
            .expect("day")
            .at(12, 0, 0, 0)
            .to_zoned(tz.clone())
            .expect("time")
            .timestamp();
        let x = grid.x(noon) - LABEL_W - grid.day_w;
        assert!((x / grid.day_w - 11.0 / 23.0).abs() < 0.01, "{x}");
        assert_eq!(changes(&tz, grid.midnights[0], grid.end()).len(), 1);
    }
}
