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

pub mod analysis;
pub mod build;
pub mod check;
pub mod complete;
pub mod diagnostic;
pub mod documents;
pub mod elaborate;
pub mod emit;
pub mod hover;
pub mod lint;
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
pub use lint::{Level, Levels};
pub use source::{FileId, SourceFile, SourceKind, Sources, Span, Strings};
pub use syntax::reuse::ParseCache;

/// What a run asks of the pipeline besides the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The time the date-dependent checks count from (which dates are past).
    pub now: jiff::Timestamp,
    /// The command line's lint levels (`-A`, `-W`, `-D`, `--deny-warnings`).
    pub levels: lint::Levels,
    /// What the build context is checked for.
    pub needs: Needs,
}

impl Options {
    /// Counting from `now`, with no lint levels and no build context.
    pub fn new(now: jiff::Timestamp) -> Options {
        Options {
            now,
            levels: lint::Levels::default(),
            needs: Needs::Nothing,
        }
    }
}

/// Which build the program's context (account, Region, what an output
/// cannot express) is checked for, once the program has no errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// None: `mwc schedule` and `mwc tasks` build nothing.
    Nothing,
    /// The default build (every output, nothing set on the command line),
    /// as warnings ([`build::expectations`]): what `mwc check` reports.
    DefaultBuild,
    /// This build, as errors ([`build::needs`]).
    Build(build::Emit),
}

/// Parses and checks every file of `sources` as one program and returns all
/// diagnostics, sorted by file and position: those of the check, and, for a
/// program without errors, what the default `mwc build` would still need
/// ([`build::expectations`], as warnings). `now` decides which dates are in
/// the past. Past [`diagnostic::MAX_PER_CODE`] diagnostics of one code in one
/// file, the rest are one summary that counts them
/// ([`diagnostic::cap_floods`]).
pub fn check_sources(sources: &Sources, now: jiff::Timestamp) -> Vec<Diagnostic> {
    let options = Options {
        needs: Needs::DefaultBuild,
        ..Options::new(now)
    };
    check_with(sources, &options)
}

/// [`check_sources`] with lint levels and a choice of build context.
pub fn check_with(sources: &Sources, options: &Options) -> Vec<Diagnostic> {
    with_options(sources, options, |checked| checked.into_diagnostics())
}

/// The result of [`build()`].
#[derive(Debug)]
pub struct Built {
    /// Every diagnostic of the check and the build context, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The output files; None when there was an error (a warning made an
    /// error by the lint levels included).
    pub files: Option<Vec<emit::File>>,
}

/// Parses, checks and, when nothing is wrong, emits the outputs `options`
/// ask for: what `mwc build` does, without the file system.
pub fn build(sources: &Sources, now: jiff::Timestamp, options: &BuildOptions) -> Built {
    let run = Options {
        now,
        levels: options.levels.clone(),
        needs: Needs::Build(options.emit),
    };
    with_options(sources, &run, |checked| {
        let files = build::prepare(&checked, options.emit)
            .as_ref()
            .map(emit::emit);
        Built {
            files,
            diagnostics: checked.into_diagnostics(),
        }
    })
}

/// Parses and checks `sources` counting from `now`, then hands the checked
/// program with all diagnostics (sorted, floods capped) to `f`: what
/// [`with_options`] does with no lint levels and no build context.
pub fn with_program<R>(
    sources: &Sources,
    now: jiff::Timestamp,
    f: impl FnOnce(Checked<'_>) -> R,
) -> R {
    with_options(sources, &Options::new(now), f)
}

/// Parses and checks `sources`, then hands the checked program with all
/// diagnostics to `f`. The diagnostics are sorted, those the files'
/// `// mwc: allow` comments and the lint levels allow are gone (an allow
/// that allowed nothing is reported, when the program has no errors), and
/// floods are capped. The program borrows from the sources, and lives only
/// for the call.
pub fn with_options<R>(
    sources: &Sources,
    options: &Options,
    f: impl FnOnce(Checked<'_>) -> R,
) -> R {
    pipeline(
        sources,
        options,
        |files| files.iter().map(|source| syntax::parse(source)).collect(),
        f,
    )
}

/// [`check_with`], parsing through `cache`: only the top-level chunks of
/// each file that no earlier call saw are parsed (see
/// [`syntax::reuse::ParseCache`]). The diagnostics are those of
/// [`check_with`]; an editor calls this on every keystroke with one cache.
pub fn check_reusing(
    sources: &Sources,
    options: &Options,
    cache: &mut ParseCache,
) -> Vec<Diagnostic> {
    with_options_reusing(sources, options, cache, |checked| {
        checked.into_diagnostics()
    })
}

/// [`with_options`], parsing through `cache` as [`check_reusing`] does.
pub fn with_options_reusing<R>(
    sources: &Sources,
    options: &Options,
    cache: &mut ParseCache,
    f: impl FnOnce(Checked<'_>) -> R,
) -> R {
    pipeline(sources, options, |files| cache.parse_files(files), f)
}

/// The pipeline of [`with_options`], whatever parses: `parse` returns the
/// tree and diagnostics of each file it is given, in order, as
/// [`syntax::parse`] does.
fn pipeline<'a, R>(
    sources: &'a Sources,
    options: &Options,
    parse: impl FnOnce(&[&'a SourceFile]) -> Vec<(syntax::ast::File<'a>, Vec<Diagnostic>)>,
    f: impl FnOnce(Checked<'_>) -> R,
) -> R {
    let of_kind = |kind: source::SourceKind| sources.iter().filter(move |s| s.kind() == kind);
    let to_parse: Vec<&SourceFile> = of_kind(source::SourceKind::Program)
        .chain(of_kind(source::SourceKind::Values))
        .collect();
    let programs = of_kind(source::SourceKind::Program).count();
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(programs);
    let mut values = Vec::with_capacity(to_parse.len() - programs);
    for (i, (file, diags)) in parse(&to_parse).into_iter().enumerate() {
        diagnostics.extend(diags);
        if i < programs {
            files.push(file);
        } else {
            values.push(file);
        }
    }
    let (mut allows, problems) =
        lint::Allows::find(&files.iter().chain(&values).collect::<Vec<_>>(), |id| {
            sources.get(id).text()
        });
    diagnostics.extend(problems);
    let strings = source::Strings::new();
    let elaborated = elaborate::elaborate(sources, files, values, &strings, &mut diagnostics);
    let uses = elaborated.uses;
    let mut symbols = elaborated.symbols;
    let (program, check_diags) = check::check_recording(
        elaborated.files,
        &strings,
        elaborated.documents,
        options.now,
        &mut symbols,
    );
    symbols.finish(sources);
    diagnostics.extend(check_diags);
    if !diagnostics.iter().any(Diagnostic::is_error) {
        match options.needs {
            Needs::Nothing => {}
            Needs::DefaultBuild => diagnostics.extend(build::expectations(&program)),
            Needs::Build(emit) => diagnostics.extend(build::needs(&program, emit)),
        }
    }
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
    if !allows.is_empty() {
        allows.apply(&mut diagnostics);
        // With errors, checks that would have found what an allow is for
        // may not have run: only a program without errors has unused allows.
        if !diagnostics.iter().any(Diagnostic::is_error) {
            // The build context's codes come only from a build of every
            // output (or `mwc check`'s default build).
            let all_needs = matches!(
                options.needs,
                Needs::DefaultBuild | Needs::Build(build::Emit::ALL)
            );
            let unused = allows.unused(|code| code.is_build_context() && !all_needs);
            diagnostics.extend(unused);
            diagnostic::sort_and_dedup(&mut diagnostics);
        }
    }
    options.levels.apply(&mut diagnostics);
    // Sorted, and at most `MAX_PER_CODE` of each code per file, the rest
    // counted in a summary: memory and output stay small whatever the input.
    diagnostic::cap_floods(&mut diagnostics);
    f(Checked::new(program, diagnostics, symbols))
}
