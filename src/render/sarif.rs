//! Diagnostics as a SARIF 2.1.0 log (OASIS's Static Analysis Results
//! Interchange Format), as GitHub code scanning, Azure DevOps and SARIF
//! viewers read it: one run of the tool `mwc`.
//!
//! - `tool.driver.rules` holds one rule per code, in [`Code::ALL`]'s order
//!   (so a result's `ruleIndex` is its code's place there): `id` the code,
//!   `name` the code's name in PascalCase (`CutoffNotBelowDuration`),
//!   `shortDescription` its title, `fullDescription` the first paragraph of
//!   its explanation (cut at a sentence to GitHub's 1024 characters),
//!   `help.markdown` the whole explanation (`mwc explain`, its links made
//!   absolute), `help.text` the first paragraph and the page's address,
//!   `helpUri` the page ([`Code::url`]) and `defaultConfiguration.level`
//!   from the code's severity (`error`, `warning`, or `note` for advice).
//! - Each result has `ruleId`, `ruleIndex`, `level` (the diagnostic's own
//!   severity, which `--deny-warnings` may have raised), and `message.text`,
//!   the message then `help: ...` on a line of its own. `locations[0]` is
//!   the primary label (with its text as the location's `message`), and
//!   `relatedLocations` the other labels that have text.
//! - A location's `artifactLocation.uri` is the file's name as given, as a
//!   URI reference: relative paths stay relative (percent-encoded where a
//!   URI needs it, `:` included, so no name reads as a scheme), absolute
//!   ones become `file://` URIs. A source that is not a file (`<stdin>`, the
//!   `--set` arguments) has no physical location: a result there has no
//!   `locations` and its message starts with `NAME:LINE:COLUMN: `; a label
//!   there is a related location with only a message of that form.
//! - Regions are 1-based, `endColumn` is the column after the last
//!   character, and columns count UTF-16 code units: the run says so with
//!   `columnKind: "utf16CodeUnits"` (the specification's default, when it is
//!   absent, is Unicode code points). The run's `newlineSequences` are
//!   `\r\n`, `\n` and `\r`, where mwc ends lines.
//!
//! The `$schema` is the schema's own id, the OASIS errata 01 address.

use super::{Place, is_path};
use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::source::{SourceFile, Sources};
use serde::Serialize;
use std::fmt::Write;

/// The SARIF schema this log follows (the `id` of the OASIS schema).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The longest `fullDescription` GitHub code scanning takes.
const MAX_DESCRIPTION: usize = 1024;

/// A SARIF log.
#[derive(Debug, Serialize)]
pub struct Log {
    /// [`SCHEMA`].
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// `2.1.0`.
    pub version: &'static str,
    /// One run.
    pub runs: [Run; 1],
}

/// The run of mwc.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// mwc and its rules.
    pub tool: Tool,
    /// `utf16CodeUnits`.
    pub column_kind: &'static str,
    /// The line ends mwc counts lines by.
    pub newline_sequences: [&'static str; 3],
    /// One result per diagnostic.
    pub results: Vec<SarifResult>,
    /// Present when the run met trouble outside the input (a file that
    /// could not be read): it did not finish, and says why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invocations: Vec<Invocation>,
}

/// How the run went, when it met trouble outside the input.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    /// Always false: an invocation is written only for a run with trouble.
    pub execution_successful: bool,
    /// One notification per trouble.
    pub tool_execution_notifications: Vec<Notification>,
}

/// A problem of the run itself, not of the input.
#[derive(Debug, Serialize)]
pub struct Notification {
    /// What went wrong.
    pub message: Text,
    /// `error`.
    pub level: &'static str,
}

/// The tool.
#[derive(Debug, Serialize)]
pub struct Tool {
    /// mwc.
    pub driver: Driver,
}

/// mwc, as a SARIF tool component.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// `mwc`.
    pub name: &'static str,
    /// mwc's version.
    pub version: &'static str,
    /// mwc's version, as semantic versioning.
    pub semantic_version: &'static str,
    /// The repository.
    pub information_uri: &'static str,
    /// One rule per code.
    pub rules: Vec<Rule>,
}

/// A code, as a SARIF reporting descriptor.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// The code, `MW0405`.
    pub id: &'static str,
    /// The code's name in PascalCase, `CutoffNotBelowDuration`.
    pub name: String,
    /// The code's title.
    pub short_description: Text,
    /// The explanation's first paragraph.
    pub full_description: Text,
    /// The explanation.
    pub help: Help,
    /// The code's documentation page.
    pub help_uri: String,
    /// The code's severity.
    pub default_configuration: Configuration,
}

/// A plain-text message.
#[derive(Debug, Serialize)]
pub struct Text {
    /// The text.
    pub text: String,
}

/// A rule's help, as text and as Markdown.
#[derive(Debug, Serialize)]
pub struct Help {
    /// The first paragraph and the page's address.
    pub text: String,
    /// The whole explanation.
    pub markdown: String,
}

/// A rule's default level.
#[derive(Debug, Serialize)]
pub struct Configuration {
    /// `error`, `warning` or `note`.
    pub level: &'static str,
}

/// One diagnostic, as a SARIF result.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    /// The code.
    pub rule_id: &'static str,
    /// The code's place in the rules.
    pub rule_index: usize,
    /// `error`, `warning` or `note`.
    pub level: &'static str,
    /// The message and the help.
    pub message: Text,
    /// The primary label, when it is in a file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// The other labels that have text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
    /// The fixes whose edits are all in files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<SarifFix>,
}

/// A fix: its description and the changes to each file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifFix {
    /// What it does, and whether `mwc check --fix` applies it.
    pub description: Text,
    /// One change per edit.
    pub artifact_changes: Vec<ArtifactChange>,
}

/// The edits of a fix in one file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactChange {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// The replacement.
    pub replacements: Vec<Replacement>,
}

/// A region replaced by new text.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    /// The text replaced.
    pub deleted_region: Region,
    /// The new text.
    pub inserted_content: Text,
}

/// A label, as a SARIF location.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// The file and region (none for a source that is not a file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physical_location: Option<PhysicalLocation>,
    /// The label's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

/// A file and a region in it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// Where in it.
    pub region: Region,
}

/// A file.
#[derive(Debug, Serialize)]
pub struct ArtifactLocation {
    /// Its name as a URI reference.
    pub uri: String,
}

/// A region: 1-based lines, columns in UTF-16 code units, the end exclusive.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Line of the first character.
    pub start_line: usize,
    /// Column of the first character.
    pub start_column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column after the last character.
    pub end_column: usize,
}

/// A severity as a SARIF level.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// The SARIF log of `diagnostics`.
pub fn log(diagnostics: &[Diagnostic], sources: &Sources) -> Log {
    log_of(results(diagnostics, sources), &[])
}

/// The results of one program's diagnostics, for a log of several
/// programs ([`log_of`]).
pub fn results(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<SarifResult> {
    diagnostics.iter().map(|d| result(d, sources)).collect()
}

/// The log of `results` (of one program or several, in order), and of the
/// trouble the run met outside the input (as a failed invocation).
pub fn log_of(results: Vec<SarifResult>, trouble: &[String]) -> Log {
    let invocations = if trouble.is_empty() {
        Vec::new()
    } else {
        vec![Invocation {
            execution_successful: false,
            tool_execution_notifications: trouble
                .iter()
                .map(|message| Notification {
                    message: Text {
                        text: message.clone(),
                    },
                    level: "error",
                })
                .collect(),
        }]
    };
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "mwc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: Code::ALL.iter().map(|&code| rule(code)).collect(),
                },
            },
            column_kind: "utf16CodeUnits",
            newline_sequences: ["\r\n", "\n", "\r"],
            results,
            invocations,
        }],
    }
}

/// The log as pretty-printed JSON, ending in `\n`.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    render(&log(diagnostics, sources))
}

/// A log as pretty-printed JSON, ending in `\n`.
pub fn render(log: &Log) -> String {
    let mut text = serde_json::to_string_pretty(log).unwrap_or_default();
    text.push('\n');
    text
}

fn rule(code: Code) -> Rule {
    let explanation = code.explanation();
    let url = code.url();
    let first = first_paragraph(explanation);
    Rule {
        id: code.as_str(),
        // The variant's name: the code's name in PascalCase.
        name: format!("{code:?}"),
        short_description: Text {
            text: code.title().to_string(),
        },
        full_description: Text {
            text: cut_at_sentence(first, MAX_DESCRIPTION),
        },
        help: Help {
            text: format!("{first}\n\n{url}"),
            markdown: absolute_links(explanation, &url),
        },
        help_uri: url,
        default_configuration: Configuration {
            level: level(code.severity()),
        },
    }
}

/// The first paragraph after the heading of an explanation page.
fn first_paragraph(explanation: &str) -> &str {
    explanation
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or("")
}

/// `text` cut to at most `max` characters: at the end of its last sentence
/// that fits, else at a character with `...`.
fn cut_at_sentence(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    match head.rfind(". ") {
        Some(dot) => head[..=dot].to_string(),
        None => {
            let keep = head
                .char_indices()
                .nth(max.saturating_sub(3))
                .map_or(head.len(), |(i, _)| i);
            format!("{}...", &head[..keep])
        }
    }
}

/// A page's Markdown with its relative links (`](MW0318.md)`,
/// `](../language.md#...)`) made absolute against the page's own address,
/// so that they work where the help is shown.
fn absolute_links(markdown: &str, page: &str) -> String {
    let base = page.rsplit_once('/').map_or(page, |(dir, _)| dir);
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let relative = !after.starts_with("http://")
            && !after.starts_with("https://")
            && !after.starts_with('#')
            && !after.starts_with("mailto:");
        if relative {
            out.push_str(base);
            out.push('/');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn result(diagnostic: &Diagnostic, sources: &Sources) -> SarifResult {
    let mut text = String::new();
    let mut locations = Vec::new();
    let mut related_locations = Vec::new();
    let mut primary_seen = false;
    for label in &diagnostic.labels {
        let file = sources.get(label.span.file);
        let primary = label.primary && !primary_seen;
        primary_seen |= primary;
        // A label outside a file says where it is in its text.
        let prefix = if is_path(file) {
            String::new()
        } else {
            let (line, column) = file.line_col(label.span.start);
            format!("{}:{line}:{column}: ", file.name())
        };
        if primary {
            if is_path(file) {
                locations.push(location(file, label, ""));
            } else {
                text.push_str(&prefix);
            }
        } else if !label.message.is_empty() {
            related_locations.push(location(file, label, &prefix));
        }
    }
    text.push_str(&diagnostic.message);
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    if let Some(note) = &diagnostic.note {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    SarifResult {
        rule_id: diagnostic.code.as_str(),
        rule_index: Code::ALL
            .iter()
            .position(|&c| c == diagnostic.code)
            .unwrap_or(0),
        level: level(diagnostic.severity),
        message: Text { text },
        locations,
        related_locations,
        fixes: diagnostic
            .fixes
            .iter()
            .filter_map(|fix| sarif_fix(fix, sources))
            .collect(),
    }
}

/// A fix as SARIF, when every edit is in a file.
fn sarif_fix(fix: &crate::diagnostic::Fix, sources: &Sources) -> Option<SarifFix> {
    let mut changes = Vec::new();
    for edit in &fix.edits {
        let file = sources.get(edit.span.file);
        if !is_path(file) {
            return None;
        }
        let place = Place::of(file, edit.span);
        changes.push(ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: uri(file.name()),
            },
            replacements: vec![Replacement {
                deleted_region: Region {
                    start_line: place.line,
                    start_column: place.column_utf16,
                    end_line: place.end_line,
                    end_column: place.end_column_utf16,
                },
                inserted_content: Text {
                    text: edit.replacement.clone(),
                },
            }],
        });
    }
    let sure = match fix.applicability {
        crate::diagnostic::Applicability::Safe => "safe: `mwc check --fix` applies it",
        crate::diagnostic::Applicability::Maybe => "a guess to look at",
    };
    Some(SarifFix {
        description: Text {
            text: format!("{} ({sure})", fix.message),
        },
        artifact_changes: changes,
    })
}

/// A label as a location: its file and region when the source is a file,
/// and its text (after `prefix`) when it has any.
fn location(file: &SourceFile, label: &Label, prefix: &str) -> Location {
    let physical_location = is_path(file).then(|| {
        let place = Place::of(file, label.span);
        PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(file.name()),
            },
            region: Region {
                start_line: place.line,
                start_column: place.column_utf16,
                end_line: place.end_line,
                end_column: place.end_column_utf16,
            },
        }
    });
    let message = (!label.message.is_empty() || !prefix.is_empty()).then(|| Text {
        text: format!("{prefix}{}", label.message),
    });
    Location {
        physical_location,
        message,
    }
}

/// A file name as a URI reference: a relative path stays relative, an
/// absolute one becomes a `file://` URI. Characters a URI path cannot hold
/// are percent-encoded (UTF-8), `:` included (a relative reference's first
/// segment must not hold one) except after a Windows drive letter; on
/// Windows, `\` separates folders.
pub fn uri(name: &str) -> String {
    let path = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_string()
    };
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (mut out, rest) = if drive {
        (format!("file:///{}:", &path[..1]), &path[2..])
    } else if path.starts_with("//") {
        // A UNC path: `//server/share/...`.
        ("file:".to_string(), path.as_str())
    } else if path.starts_with('/') {
        ("file://".to_string(), path.as_str())
    } else {
        (String::new(), path.as_str())
    };
    for &b in rest.as_bytes() {
        let plain = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if plain {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_uri_references() {
        assert_eq!(uri("nightly.mw"), "nightly.mw");
        assert_eq!(uri("envs/prod env.mw"), "envs/prod%20env.mw");
        assert_eq!(uri("a:b/c.mw"), "a%3Ab/c.mw");
        assert_eq!(uri("café#1?.mw"), "caf%C3%A9%231%3F.mw");
        assert_eq!(uri("/srv/ops/nightly.mw"), "file:///srv/ops/nightly.mw");
        assert_eq!(uri("50%.mw"), "50%25.mw");
    }

    #[test]
    fn descriptions_are_cut_at_a_sentence() {
        let text = "One two. Three four. Five six seven.";
        assert_eq!(cut_at_sentence(text, 100), text);
        assert_eq!(cut_at_sentence(text, 25), "One two. Three four.");
        assert_eq!(cut_at_sentence("abcdefghij", 6), "abc...");
        for code in Code::ALL {
            let rule = rule(*code);
            assert!(rule.full_description.text.chars().count() <= MAX_DESCRIPTION);
            assert!(!rule.full_description.text.is_empty(), "{code}");
            assert!(!rule.name.is_empty() && !rule.name.contains(' '), "{code}");
        }
    }

    #[test]
    fn relative_links_in_the_help_become_absolute() {
        let page = "https://github.com/mwc-lang/mwc/blob/main/docs/codes/MW0501.md";
        assert_eq!(
            absolute_links(
                "see [MW0318](MW0318.md), [this](../language.md#x), [AWS](https://aws.amazon.com) and [below](#fix)",
                page
            ),
            "see [MW0318](https://github.com/mwc-lang/mwc/blob/main/docs/codes/MW0318.md), [this](https://github.com/mwc-lang/mwc/blob/main/docs/codes/../language.md#x), [AWS](https://aws.amazon.com) and [below](#fix)"
        );
    }
}
