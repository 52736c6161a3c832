//! mwc: a compiler for `.mw`, a language that declares AWS Systems Manager
//! maintenance windows.
//!
//! The pipeline: [`syntax::parse`] turns text into a generic syntax tree,
//! [`check::check`] checks it against the [`schema`] table and AWS's rules and
//! builds a [`model::Program`]; every stage returns its [`Diagnostic`]s rather
//! than failing. The library does no I/O and never prints.
//!
//! ```
//! let mut sources = mwc::Sources::new();
//! sources.add("nightly.mw", "window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 4h\n}\n");
//! let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().unwrap();
//! let diagnostics = mwc::check_sources(&sources, now);
//! assert_eq!(diagnostics[0].code.as_str(), "MW0405");
//! ```
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod diagnostic;
pub mod documents;
pub mod elaborate;
pub mod emit;
pub mod model;
pub mod names;
pub mod patterns;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use build::BuildOptions;
pub use check::Checked;
pub use diagnostic::{Code, Diagnostic, Label, Severity};
pub use jiff::Timestamp;
pub use source::{FileId, SourceFile, SourceKind, Sources, Span, Strings};

/// Parses and checks every file of `sources` as one program and returns all
/// diagnostics, sorted by file and position: those of the check, and, for a
/// program without errors, what the default `mwc build` would still need
/// ([`build::expectations`], as warnings). `now` decides which dates are in
/// the past. Past [`diagnostic::MAX_PER_CODE`] diagnostics of one code in one
/// file, the rest are one summary that counts them
/// ([`diagnostic::cap_floods`]).
pub fn check_sources(sources: &Sources, now: jiff::Timestamp) -> Vec<Diagnostic> {
    with_program(sources, now, |checked| {
        let expected = if checked.has_errors() {
            Vec::new()
        } else {
            build::expectations(checked.program())
        };
        let mut diagnostics = checked.into_diagnostics();
        diagnostics.extend(expected);
        diagnostic::cap_floods(&mut diagnostics);
        diagnostics
    })
}

/// The result of [`build()`].
#[derive(Debug)]
pub struct Built {
    /// Every diagnostic of the check and the build context, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The output files; None when there was an error (or a warning, with
    /// [`BuildOptions::deny_warnings`]).
    pub files: Option<Vec<emit::File>>,
}

/// Parses, checks and, when nothing is wrong, emits the outputs `options`
/// ask for: what `mwc build` does, without the file system.
pub fn build(sources: &Sources, now: jiff::Timestamp, options: &BuildOptions) -> Built {
    with_program(sources, now, |checked| {
        let (ready, diagnostics) = build::prepare(&checked, options);
        Built {
            files: ready.as_ref().map(emit::emit),
            diagnostics,
        }
    })
}

/// Parses and checks `sources`, then hands the checked program with all
/// diagnostics (sorted, floods capped) to `f`. The program borrows from the syntax trees,
/// which live only for the call.
pub fn with_program<R>(
    sources: &Sources,
    now: jiff::Timestamp,
    f: impl FnOnce(Checked<'_>) -> R,
) -> R {
    let mut diagnostics = Vec::new();
    let mut parse = |kind: source::SourceKind| -> Vec<syntax::ast::File<'_>> {
        sources
            .iter()
            .filter(|s| s.kind() == kind)
            .map(|source| {
                let (file, diags) = syntax::parse(source);
                diagnostics.extend(diags);
                file
            })
            .collect()
    };
    let files = parse(source::SourceKind::Program);
    let values = parse(source::SourceKind::Values);
    let strings = source::Strings::new();
    let elaborated = elaborate::elaborate(sources, files, values, &strings, &mut diagnostics);
    let uses = elaborated.uses;
    let (program, check_diags) =
        check::check(elaborated.files, &strings, elaborated.documents, now);
    diagnostics.extend(check_diags);
    diagnostic::sort_and_dedup(&mut diagnostics);
    uses.attribute(&mut diagnostics);
    // In a file that is not UTF-8 (reported once), a value holding a
    // replacement character comes from the bad bytes: no second report.
    diagnostics.retain(|d| {
        let span = d.span();
        let source = sources.get(span.file);
        d.code == Code::InvalidUtf8
            || source.invalid_utf8_at().is_none()
            || !source.slice(span).contains('\u{fffd}')
    });
    // Sorted, and at most `MAX_PER_CODE` of each code per file, the rest
    // counted in a summary: memory and output stay small whatever the input.
    diagnostic::cap_floods(&mut diagnostics);
    f(Checked::new(program, diagnostics))
}
