//! Diagnostics as a JUnit XML report, as GitLab (`artifacts:reports:junit`)
//! and Jenkins (the JUnit plugin) read it: each checked file is a test that
//! passes or fails.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="mwc" tests="2" failures="1" errors="0">
//!   <testsuite name="mwc" tests="2" failures="1" errors="0" skipped="0">
//!     <testcase name="nightly.mw" classname="mwc" file="nightly.mw">
//!       <failure message="MW0405: the cutoff (2h) is not shorter than the duration (2h)" type="MW0405">nightly.mw:4:14: error[MW0405]: ...
//!   help: ...
//! </failure>
//!     </testcase>
//!     <testcase name="weekly.mw" classname="mwc" file="weekly.mw"/>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! - One `<testsuite name="mwc">`, with one `<testcase>` per program file
//!   checked (those named on the command line and those they import), in
//!   the order they were read, whether or not it has diagnostics, and one
//!   for any other source that has some (a values file, `<command line>`,
//!   a document's content). `name` is the file's name as given; `file` too,
//!   for a source that is a file; `classname` is `mwc`.
//! - A file with errors fails with one `<failure>`: both GitLab and Jenkins
//!   show one failure per test case. Its `type` is the first error's code,
//!   its `message` that error (and how many more there are), and its text
//!   every diagnostic of the file, errors and warnings, as the short format
//!   prints them, each followed by its labels and help, indented.
//! - A file with warnings (or advice) and no error passes, its diagnostics
//!   in `<system-out>` (Jenkins shows it; GitLab does not). With
//!   `--deny-warnings` warnings are errors, and fail the file.
//! - Text is XML-escaped; characters XML 1.0 cannot hold (most control
//!   characters) become `?`.

use super::{label_lines, short};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceKind, Sources};
use std::fmt::Write;

/// `text` escaped for an XML attribute value or element content: `&`, `<`,
/// `>`, `"` and `'` as entities, tab and line ends as character references
/// (so that an attribute keeps them), and characters XML 1.0 cannot hold as
/// `?`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// Element content escaped: as [`escape`], but line feeds and tabs kept as
/// they are (readable in the raw file).
fn escape_content(text: &str) -> String {
    text.split('\n')
        .map(|line| escape(line).replace("&#9;", "\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A diagnostic as the failure's text shows it: the short format's line,
/// then its labels and help, indented.
fn describe(out: &mut String, diagnostic: &Diagnostic, sources: &Sources) {
    let _ = writeln!(out, "{}", short::render(diagnostic, sources));
    for line in label_lines(diagnostic, sources).lines() {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "  help: {}", help.replace('\n', "\n  "));
    }
    if let Some(note) = &diagnostic.note {
        let _ = writeln!(out, "  note: {note}");
    }
}

/// The JUnit XML report of `diagnostics` over the files of `sources`,
/// ending in `\n`.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    report(&[cases(diagnostics, sources)])
}

/// The test cases of one program: one per file.
#[derive(Debug, Clone, Default)]
pub struct Cases {
    /// The `<testcase>` elements.
    xml: String,
    /// How many.
    tests: usize,
    /// How many failed.
    failures: usize,
    /// How many could not run (trouble outside the input).
    errors: usize,
}

/// The test case of a program that could not be checked (a file that could
/// not be read): an `<error>`, as JUnit reports a test that could not run.
pub fn trouble(name: &str, message: &str) -> Cases {
    let name = escape(name);
    Cases {
        xml: format!(
            "    <testcase name=\"{name}\" classname=\"mwc\">\n      <error message=\"{}\" type=\"io\"/>\n    </testcase>\n",
            escape(message)
        ),
        tests: 1,
        failures: 0,
        errors: 1,
    }
}

/// The report of several programs' test cases, in order, ending in `\n`.
pub fn report(programs: &[Cases]) -> String {
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for p in programs {
        tests += p.tests;
        failures += p.failures;
        errors += p.errors;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\"");
    let _ = writeln!(out, "<testsuites name=\"mwc\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"mwc\" {counts} skipped=\"0\">");
    for p in programs {
        out.push_str(&p.xml);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The test cases of `diagnostics`, one per file of `sources`.
pub fn cases(diagnostics: &[Diagnostic], sources: &Sources) -> Cases {
    // Each file's diagnostics, in order.
    let mut by_file: Vec<Vec<&Diagnostic>> = vec![Vec::new(); sources.len()];
    for d in diagnostics {
        if let Some(list) = by_file.get_mut(d.span().file.0 as usize) {
            list.push(d);
        }
    }
    let mut cases = String::new();
    let (mut tests, mut failures) = (0, 0);
    for (file, found) in sources.iter().zip(&by_file) {
        if file.kind() != SourceKind::Program && found.is_empty() {
            continue;
        }
        tests += 1;
        let name = escape(file.name());
        let _ = write!(cases, "    <testcase name=\"{name}\" classname=\"mwc\"");
        if super::is_path(file) {
            let _ = write!(cases, " file=\"{name}\"");
        }
        if found.is_empty() {
            cases.push_str("/>\n");
            continue;
        }
        cases.push_str(">\n");
        let mut text = String::new();
        for d in found {
            describe(&mut text, d, sources);
        }
        let errors: Vec<&&Diagnostic> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match errors.first() {
            Some(first) => {
                failures += 1;
                let problems: usize = errors.iter().map(|d| d.count()).sum();
                let mut message = format!("{}: {}", first.code, first.message);
                if problems > 1 {
                    let _ = write!(message, " (and {} more errors)", problems - 1);
                }
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    escape(&message),
                    first.code,
                    escape_content(&text)
                );
            }
            None => {
                let _ = writeln!(
                    cases,
                    "      <system-out>{}</system-out>",
                    escape_content(&text)
                );
            }
        }
        cases.push_str("    </testcase>\n");
    }
    Cases {
        xml: cases,
        tests,
        failures,
        errors: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'\n\t\u{0}\u{1b}é"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#10;&#9;??é"
        );
        assert_eq!(escape_content("x < y\n]]>\tz"), "x &lt; y\n]]&gt;\tz");
    }
}
