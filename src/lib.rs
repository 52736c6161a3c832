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

pub mod check;
pub mod diagnostic;
pub mod emit;
pub mod model;
pub mod patterns;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use diagnostic::{Code, Diagnostic, Label, Severity};
pub use jiff::Timestamp;
pub use source::{FileId, SourceFile, Sources, Span};

/// Parses and checks every file of `sources` as one program and returns all
/// diagnostics, sorted by file and position. `now` decides which dates are
/// in the past.
pub fn check_sources(sources: &Sources, now: jiff::Timestamp) -> Vec<Diagnostic> {
    with_program(sources, now, |_, diagnostics| diagnostics)
}

/// Like [`check_sources`], plus what building with `options` needs
/// ([`check::build_context`]): the diagnostics `mwc build` reports.
pub fn check_build(
    sources: &Sources,
    now: jiff::Timestamp,
    options: &emit::BuildOptions,
) -> Vec<Diagnostic> {
    with_program(sources, now, |program, mut diagnostics| {
        diagnostics.extend(check::build_context(program, options));
        diagnostic::sort_and_dedup(&mut diagnostics);
        diagnostics
    })
}

/// Parses and checks `sources`, then hands the checked program and all
/// diagnostics (sorted) to `f`. The program borrows from the syntax trees,
/// which live only for the call.
pub fn with_program<R>(
    sources: &Sources,
    now: jiff::Timestamp,
    f: impl FnOnce(&model::Program<'_>, Vec<Diagnostic>) -> R,
) -> R {
    let mut diagnostics = Vec::new();
    let files: Vec<syntax::ast::File<'_>> = sources
        .iter()
        .map(|source| {
            let (file, diags) = syntax::parse(source);
            diagnostics.extend(diags);
            file
        })
        .collect();
    let (program, check_diags) = check::check(&files, now);
    diagnostics.extend(check_diags);
    // In a file that is not UTF-8 (reported once), a value holding a
    // replacement character comes from the bad bytes: no second report.
    diagnostics.retain(|d| {
        let span = d.span();
        let source = sources.get(span.file);
        d.code == Code::InvalidUtf8
            || source.invalid_utf8_at().is_none()
            || !source.slice(span).contains('\u{fffd}')
    });
    diagnostic::sort_and_dedup(&mut diagnostics);
    f(&program, diagnostics)
}
