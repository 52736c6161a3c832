//! `mwc schedule` output: each window's expression, time zone, plain-English
//! description and next openings, as text or JSON.

use crate::schedule::WindowOpenings;
use serde::Serialize;

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

/// The JSON document: a list of windows, pretty-printed, newline at the end.
pub fn json(windows: &[WindowOpenings]) -> String {
    let doc: Vec<JsonWindow<'_>> = windows
        .iter()
        .map(|w| JsonWindow {
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
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

/// The text report, one block per window.
pub fn text(windows: &[WindowOpenings]) -> String {
    let mut out = String::new();
    for (i, w) in windows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("window {}\n", w.window));
        out.push_str(&format!("  expression   {}\n", w.expression));
        out.push_str(&format!("  time zone    {}\n", w.timezone));
        out.push_str(&format!("  schedule     {}\n", w.description));
        if w.next.is_empty() {
            out.push_str("  next         no opening\n");
            continue;
        }
        out.push_str("  next         opens                      closes                     stops starting tasks\n");
        for o in &w.next {
            out.push_str(&format!(
                "               {:<26} {:<26} {}\n",
                rfc3339(&o.start),
                rfc3339(&o.end),
                rfc3339(&o.cutoff)
            ));
        }
    }
    out
}
