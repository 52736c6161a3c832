//! `mwc schedule` output: each window's expression, time zone, plain-English
//! description and next openings, as text or JSON.
//!
//! [`Report`] writes one window at a time as soon as its openings are known,
//! so a long report is never held in memory; the JSON format stays one
//! document, a list whose elements are written one by one. [`text`] and
//! [`json`] render a whole report as a string, with the same writer.

use crate::schedule::WindowOpenings;
use crate::schedule::next::{Opening, Stop, last_instant};
use serde::Serialize;
use std::io::{self, Write};

/// RFC 3339 with the offset, e.g. `2026-11-24T02:00:00-05:00`.
fn rfc3339(z: &jiff::Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// One window, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonWindow<'a> {
    /// The window's declared name.
    pub window: &'a str,
    /// The AWS expression.
    pub expression: &'a str,
    /// The IANA time zone.
    pub timezone: &'a str,
    /// The schedule in words.
    pub description: &'a str,
    /// The next openings.
    pub next: Vec<JsonOpening>,
    /// Why there are fewer openings than asked for, when the reason is the
    /// end of the supported range rather than the schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One opening, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonOpening {
    /// When the window opens.
    pub start: String,
    /// When it closes.
    pub end: String,
    /// When it stops starting tasks.
    pub cutoff: String,
}

/// Why a window's list of openings ends early, when the schedule itself
/// does not say: the end of the supported range.
fn range_note(w: &WindowOpenings) -> Option<String> {
    let last = last_instant();
    match w.stop? {
        Stop::Done => None,
        Stop::PastRange(_) => Some(format!(
            "no later opening: the next comes after {last}, the last supported instant"
        )),
        Stop::ClosesPastRange(_) => Some(format!(
            "no later opening: the next would close after {last}, the last supported instant"
        )),
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One block of lines per window.
    Text,
    /// One pretty-printed JSON list of windows, newline at the end.
    Json,
}

/// Writes a report window by window: [`Report::window`] for each, then
/// [`Report::finish`].
pub struct Report<W: Write> {
    out: W,
    format: Format,
    windows: usize,
}

impl<W: Write> Report<W> {
    /// A report in `format` to `out` (buffer it: each window is written in
    /// many small pieces).
    pub fn new(out: W, format: Format) -> Report<W> {
        Report {
            out,
            format,
            windows: 0,
        }
    }

    /// Writes one window.
    pub fn window(&mut self, w: &WindowOpenings) -> io::Result<()> {
        let first = self.windows == 0;
        self.windows += 1;
        match self.format {
            Format::Text => self.text_window(first, w),
            Format::Json => self.json_window(first, w),
        }
    }

    /// Ends the report and hands back the output, flushed.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            // serde_json's pretty printer writes an empty list as `[]`.
            let end: &[u8] = if self.windows == 0 { b"[]\n" } else { b"\n]\n" };
            self.out.write_all(end)?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn text_window(&mut self, first: bool, w: &WindowOpenings) -> io::Result<()> {
        let out = &mut self.out;
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "window {}", w.window)?;
        writeln!(out, "  expression   {}", w.expression)?;
        writeln!(out, "  time zone    {}", w.timezone)?;
        writeln!(out, "  schedule     {}", w.description)?;
        if w.next.is_empty() {
            writeln!(out, "  next         no opening")?;
        } else {
            writeln!(
                out,
                "  next         opens                      closes                     stops starting tasks"
            )?;
            for o in &w.next {
                writeln!(
                    out,
                    "               {:<26} {:<26} {}",
                    rfc3339(&o.start),
                    rfc3339(&o.end),
                    rfc3339(&o.cutoff)
                )?;
            }
        }
        if let Some(note) = range_note(w) {
            writeln!(out, "               {note}")?;
        }
        Ok(())
    }

    /// One element of the list, laid out exactly as serde_json's pretty
    /// printer lays out the elements of a whole list.
    fn json_window(&mut self, first: bool, w: &WindowOpenings) -> io::Result<()> {
        let doc = JsonWindow {
            window: &w.window,
            expression: &w.expression,
            timezone: &w.timezone,
            description: &w.description,
            next: w
                .next
                .iter()
                .map(|o| JsonOpening {
                    start: rfc3339(&o.start),
                    end: rfc3339(&o.end),
                    cutoff: rfc3339(&o.cutoff),
                })
                .collect(),
            note: range_note(w),
        };
        self.out
            .write_all(if first { b"[\n  " } else { b",\n  " })?;
        serde_json::to_writer_pretty(Indented(&mut self.out), &doc).map_err(io::Error::from)
    }
}

/// A writer that indents every line after the first by two spaces: a
/// pretty-printed value one level down. (JSON strings hold no raw line
/// breaks, so every `\n` is between tokens.)
struct Indented<W: Write>(W);

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.0.write_all(b"\n  ")?;
            }
            self.0.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A whole report as a string.
fn render(windows: &[WindowOpenings], format: Format) -> String {
    let mut report = Report::new(Vec::new(), format);
    for w in windows {
        // Writing to memory cannot fail.
        let _ = report.window(w);
    }
    let bytes = report.finish().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The JSON document: a list of windows, pretty-printed, newline at the end.
pub fn json(windows: &[WindowOpenings]) -> String {
    render(windows, Format::Json)
}

/// The text report, one block per window.
pub fn text(windows: &[WindowOpenings]) -> String {
    render(windows, Format::Text)
}

/// A window in a listing of openings across windows ([`fleet_text`],
/// [`fleet_json`]): its name, time zone and where it is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The window's declared name.
    pub window: String,
    /// The IANA time zone (`UTC` when none is set).
    pub timezone: String,
    /// The file that declares it.
    pub file: String,
    /// The 1-based line of its `window` block.
    pub line: usize,
}

impl Listed {
    /// The window `w` of a program read from `sources`.
    pub fn of(w: &crate::model::Window<'_>, sources: &crate::Sources) -> Listed {
        let file = sources.get(w.span.file);
        Listed {
            window: w.id.value.to_string(),
            timezone: w.timezone_name().to_string(),
            file: file.name().to_string(),
            line: file.line_col(w.span.start).0,
        }
    }
}

/// An instant in UTC to the second: `2026-11-23T08:00:00Z`.
pub fn utc(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One opening of a listing across windows, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonListed<'a> {
    /// When the window opens, in UTC.
    pub start_utc: String,
    /// The window's declared name.
    pub window: &'a str,
    /// Its IANA time zone.
    pub timezone: &'a str,
    /// When it opens, in its time zone.
    pub start: String,
    /// When it closes.
    pub end: String,
    /// When it stops starting tasks.
    pub cutoff: String,
    /// The file that declares the window.
    pub file: &'a str,
    /// The line of its `window` block.
    pub line: usize,
}

/// The openings of several windows in time order (as
/// [`crate::schedule::merge::listing`] gives them, `(index in windows,
/// opening)`), as a pretty-printed JSON list, newline at the end.
pub fn fleet_json(windows: &[Listed], openings: &[(usize, Opening)]) -> String {
    let list: Vec<JsonListed<'_>> = openings
        .iter()
        .filter_map(|(i, o)| {
            let w = windows.get(*i)?;
            Some(JsonListed {
                start_utc: utc(o.start.timestamp()),
                window: &w.window,
                timezone: &w.timezone,
                start: rfc3339(&o.start),
                end: rfc3339(&o.end),
                cutoff: rfc3339(&o.cutoff),
                file: &w.file,
                line: w.line,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
    text.push('\n');
    text
}

/// The openings of several windows from `from` until `until`, in time
/// order, as an aligned table: the opening in UTC and in the window's time
/// zone, the zone, the window, its closing and cutoff times, and where the
/// window is declared.
pub fn fleet_text(
    windows: &[Listed],
    openings: &[(usize, Opening)],
    from: jiff::Timestamp,
    until: jiff::Timestamp,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (from, until) = (utc(from), utc(until));
    if openings.is_empty() {
        let _ = writeln!(out, "no opening from {from} until {until}");
        return out;
    }
    let mut shown = vec![false; windows.len()];
    for (i, _) in openings {
        if let Some(s) = shown.get_mut(*i) {
            *s = true;
        }
    }
    let listed = || {
        windows
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(w, _)| w)
    };
    let zone = listed()
        .map(|w| w.timezone.chars().count())
        .fold("time zone".len(), usize::max);
    let name = listed()
        .map(|w| w.window.chars().count())
        .fold("window".len(), usize::max);
    let count = shown.iter().filter(|s| **s).count();
    let _ = writeln!(
        out,
        "{} of {} from {from} until {until}",
        counted(openings.len(), "opening"),
        counted(count, "window"),
    );
    let _ = writeln!(
        out,
        "{:<20}  {:<25}  {:<zone$}  {:<name$}  {:<25}  {:<25}  declared at",
        "opens (UTC)", "opens (local)", "time zone", "window", "closes", "stops starting tasks"
    );
    for (i, o) in openings {
        let Some(w) = windows.get(*i) else { continue };
        let _ = writeln!(
            out,
            "{:<20}  {:<25}  {:<zone$}  {:<name$}  {:<25}  {:<25}  {}:{}",
            utc(o.start.timestamp()),
            rfc3339(&o.start),
            w.timezone,
            w.window,
            rfc3339(&o.end),
            rfc3339(&o.cutoff),
            w.file,
            w.line
        );
    }
    out
}

/// `1 opening`, `12 openings`.
fn counted(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
