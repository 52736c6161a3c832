//! `mwc schedule` output: each window's expression, time zone, plain-English
//! description and next openings, as text or JSON.
//!
//! [`Report`] writes one window at a time as soon as its openings are known,
//! so a long report is never held in memory; the JSON format stays one
//! document, a list whose elements are written one by one. [`text`] and
//! [`json`] render a whole report as a string, with the same writer.

use crate::schedule::WindowOpenings;
use crate::schedule::next::{Stop, last_instant};
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
