//! The `mwc` command: reads files, calls the library, prints diagnostics and
//! picks the exit status (0 success, 1 errors in the input, 2 usage or I/O).

mod cli;
mod fix;
mod fmt;
mod generate;
mod input;
mod lsp;
mod out_dir;
mod parallel;
mod report;

use clap::Parser;
use cli::{
    BuildArgs, CheckArgs, Cli, Command, EmitKind, Format, InputArgs, LintArgs, ScheduleArgs,
    ScheduleFormat, SettingArgs, TasksArgs,
};
use mwc::{Code, Level, Levels, Needs, Options, Sources};
use report::{Counts, Reporter};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // Never a second panic: standard error may be closed.
        let _ = writeln!(
            std::io::stderr(),
            "mwc: internal error: {info}\n\nThis is a bug in mwc, not in your input. Please report it with the input that caused it."
        );
    }));
    let cli = Cli::parse();
    out_dir::clean_up_on_interrupt();
    let reporter = Reporter::new(&cli.output);
    let levels = match lint_levels(&cli.lints) {
        Ok(levels) => levels,
        Err(message) => return reporter.fail(&message),
    };
    let run = Run {
        reporter: &reporter,
        levels: &levels,
    };
    match cli.command {
        Command::Check(args) => run.check(&args),
        Command::Schedule(args) => run.schedule(&args),
        Command::Tasks(args) => run.tasks(&args),
        Command::Build(args) => run.build(&args),
        Command::Lsp(args) => {
            let settings = SettingArgs {
                now: args.now,
                set: Vec::new(),
                values: Vec::new(),
            };
            match clock(&settings) {
                Ok(now) => lsp::command(&reporter, now),
                Err(message) => reporter.fail(&message),
            }
        }
        Command::Explain { code } => explain(&reporter, code.as_deref()),
        Command::Fmt(args) => fmt::run(&reporter, &args),
        Command::Completions(args) => generate::completions(&reporter, &args),
        Command::Man(args) => generate::man(&reporter, &args),
    }
}

/// The lint levels of the command line. A code named twice with different
/// levels, an unknown code, or an error to allow is a message (exit 2).
fn lint_levels(args: &LintArgs) -> Result<Levels, String> {
    let mut levels = Levels::new();
    levels.deny_warnings = args.deny_warnings;
    let flags = [
        (Level::Allow, &args.allow),
        (Level::Warn, &args.warn),
        (Level::Deny, &args.deny),
    ];
    for (level, names) in flags {
        for name in names {
            let code = Code::parse(name).ok_or_else(|| {
                format!(
                    "`{} {name}`: no diagnostic code `{name}`; run `mwc explain` to list them",
                    level.flag()
                )
            })?;
            if let Some(before) = levels.get(code)
                && before != level
            {
                return Err(format!(
                    "`{} {code}` and `{} {code}` contradict each other: give one level per code",
                    before.flag(),
                    level.flag()
                ));
            }
            levels.set(code, level)?;
        }
    }
    Ok(levels)
}

/// Writes `text` to standard output and flushes it. A write error (a full
/// disk, a closed pipe, `/dev/full`) is I/O trouble: exit status 2.
fn print(reporter: &Reporter, text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| reporter.fail(&format!("cannot write to standard output: {e}")))
}

/// One program of a run: its files, and what reading them gave.
struct Program {
    /// How the program is named in messages: its file, or for several
    /// files the first.
    label: String,
    /// Its files, as given or found.
    files: Vec<PathBuf>,
    /// With `--each`, the folder of its output under `build -o DIR`.
    out: PathBuf,
    /// Its sources, or why they could not be read (exit status 2).
    sources: Result<Sources, String>,
}

/// What one program's run gives, to be printed in the programs' order.
#[derive(Default)]
struct Outcome {
    /// Diagnostics, for standard error.
    stderr: String,
    /// The program's part of a document format (SARIF, JUnit).
    part: Option<report::Part>,
    /// The command's own output, for standard output.
    stdout: String,
    /// What the diagnostics add up to.
    counts: Counts,
    /// Trouble that is not the input's fault (exit status 2).
    trouble: Option<String>,
    /// For `build`: the files to write, when the program had no errors.
    built: Option<Vec<mwc::emit::File>>,
    /// For `schedule --window` and `tasks --window` with `--each`: whether
    /// the program has that window.
    has_window: bool,
}

/// The choices every command shares.
struct Run<'r> {
    reporter: &'r Reporter,
    levels: &'r Levels,
}

impl Run<'_> {
    /// The clock (`--now`, `SOURCE_DATE_EPOCH` or the system's), then the
    /// programs: what every command that checks starts with.
    fn start(
        &self,
        input: &InputArgs,
        settings: &SettingArgs,
    ) -> Result<(mwc::Timestamp, Vec<Program>), ExitCode> {
        let now = clock(settings).map_err(|m| self.reporter.fail(&m))?;
        Ok((now, self.programs(input, settings)?))
    }

    /// The programs `input` names: all its files as one program, or with
    /// `--each` each file as its own program, but those that another
    /// program of the run imports found under a directory (they are checked
    /// as part of the programs that import them). Each is read, in
    /// parallel; with one program, trouble reading it is a message (exit 2).
    fn programs(
        &self,
        input: &InputArgs,
        settings: &SettingArgs,
    ) -> Result<Vec<Program>, ExitCode> {
        let found = input::expand(&input.files).map_err(|m| self.reporter.fail(&m))?;
        let groups: Vec<(Vec<input::Found>, PathBuf)> = if input.each {
            let mut seen = std::collections::HashMap::new();
            let mut groups = Vec::new();
            for file in found {
                let out = output_folder(&file);
                if let Some(other) = seen.insert(out.clone(), file.path.clone()) {
                    return Err(self.reporter.fail(&format!(
                        "`{}` and `{}` would both be built into `{}`: with --each, each program has a folder of its own named after it",
                        other.display(),
                        file.path.display(),
                        out.display()
                    )));
                }
                groups.push((vec![file], out));
            }
            groups
        } else {
            vec![(found, PathBuf::new())]
        };
        let mut programs = Vec::with_capacity(groups.len());
        parallel::ordered(
            groups.len(),
            |i| {
                let files: Vec<PathBuf> = groups[i].0.iter().map(|f| f.path.clone()).collect();
                input::read_sources(&files, &settings.values, &settings.set)
            },
            |sources| {
                let i = programs.len();
                let (found, out) = &groups[i];
                programs.push(Program {
                    label: found
                        .first()
                        .map_or_else(String::new, |f| f.path.display().to_string()),
                    files: found.iter().map(|f| f.path.clone()).collect(),
                    out: out.clone(),
                    sources,
                });
            },
        );
        if !input.each {
            if let Some(Program {
                sources: Err(message),
                ..
            }) = programs.first()
            {
                return Err(self.reporter.fail(message));
            }
            return Ok(programs);
        }
        // Files found under a directory that another program imports are
        // part of that program, not programs of their own.
        let imported: std::collections::HashSet<PathBuf> = programs
            .iter()
            .filter_map(|p| p.sources.as_ref().ok())
            .flat_map(|s| {
                s.imports()
                    .iter()
                    .filter_map(|i| i.to.as_ref().ok())
                    .filter_map(|&id| s.get(id).path().map(PathBuf::from))
            })
            .collect();
        let walked: Vec<bool> = groups
            .iter()
            .map(|(f, _)| f.iter().all(|f| f.under.is_some()))
            .collect();
        Ok(programs
            .into_iter()
            .zip(walked)
            .filter(|(p, walked)| {
                !*walked
                    || p.files
                        .iter()
                        .any(|f| std::fs::canonicalize(f).map_or(true, |c| !imported.contains(&c)))
            })
            .map(|(p, _)| p)
            .collect())
    }

    /// Runs `work` on every program (in parallel), printing each outcome in
    /// the programs' order, then the summary. Returns the outcomes'
    /// totals: counts, whether there was trouble, and the built files.
    fn each(
        &self,
        programs: &[Program],
        each: Each,
        work: impl Fn(&Sources) -> Outcome + Sync,
    ) -> Totals {
        let mut totals = Totals::default();
        let mut json = Vec::new();
        let mut parts = Vec::new();
        parallel::ordered(
            programs.len(),
            |i| match &programs[i].sources {
                Ok(sources) => work(sources),
                Err(message) => Outcome {
                    trouble: Some(message.clone()),
                    ..Outcome::default()
                },
            },
            |outcome| {
                let i = totals.built.len();
                let mut stderr = outcome.stderr;
                parts.extend(outcome.part);
                if let Some(message) = outcome.trouble {
                    totals.trouble = true;
                    if self.reporter.is_document() {
                        parts.push(report::Part::Trouble {
                            name: programs[i].label.clone(),
                            message,
                        });
                    } else {
                        stderr.push_str(&self.reporter.trouble(&message));
                    }
                }
                if report::write_stderr(&stderr).is_err() {
                    // The diagnostics are lost: never a success.
                    totals.lost = true;
                }
                if !outcome.stdout.is_empty() {
                    let text = match each {
                        Each::One => Some(outcome.stdout),
                        Each::Text => {
                            Some(format!("==> {} <==\n{}", programs[i].label, outcome.stdout))
                        }
                        Each::Json(key) => {
                            // Written as one list once every program is done.
                            let value: serde_json::Value =
                                serde_json::from_str(&outcome.stdout).unwrap_or_default();
                            let mut entry = serde_json::Map::new();
                            entry.insert("file".into(), programs[i].label.clone().into());
                            entry.insert(key.into(), value);
                            json.push(serde_json::Value::Object(entry));
                            None
                        }
                    };
                    if let Some(text) = text
                        && print(self.reporter, &text).is_err()
                    {
                        totals.lost = true;
                    }
                }
                totals.counts.add(outcome.counts);
                totals.windows |= outcome.has_window;
                totals.built.push(outcome.built);
            },
        );
        if matches!(each, Each::Json(_)) {
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            if print(self.reporter, &text).is_err() {
                totals.lost = true;
            }
        }
        let end = self.reporter.finish(parts) + &self.reporter.summary(totals.counts);
        if report::write_stderr(&end).is_err() {
            totals.lost = true;
        }
        totals
    }

    /// The outcome of a program with these diagnostics, so far: as the
    /// format shows them.
    fn outcome(&self, diagnostics: &[mwc::Diagnostic], sources: &Sources) -> Outcome {
        let (stderr, part) = self.reporter.diagnostics(diagnostics, sources);
        Outcome {
            stderr,
            part,
            counts: Counts::of(diagnostics),
            ..Outcome::default()
        }
    }

    /// The exit status of `schedule` and `tasks`: with `--each`, a
    /// `--window` that no program has is a message (exit 2), as it is for
    /// one program.
    fn status_with_window(&self, totals: &Totals, window: Option<&str>, each: bool) -> ExitCode {
        if let Some(name) = window
            && each
            && !totals.windows
            && !totals.trouble
            && totals.counts.errors == 0
        {
            return self
                .reporter
                .fail(&format!("no program has a window named `{name}`"));
        }
        self.status(totals)
    }

    /// The exit status of a run with these totals.
    fn status(&self, totals: &Totals) -> ExitCode {
        if totals.lost || totals.trouble {
            ExitCode::from(2)
        } else {
            report::status(totals.counts)
        }
    }

    /// The options of a run counting from `now`.
    fn options(&self, now: mwc::Timestamp, needs: Needs) -> Options {
        Options {
            now,
            levels: self.levels.clone(),
            needs,
        }
    }

    fn check(&self, args: &CheckArgs) -> ExitCode {
        let (now, programs) = match self.start(&args.input, &args.settings) {
            Ok(started) => started,
            Err(status) => return status,
        };
        let options = self.options(now, Needs::DefaultBuild);
        let programs = if args.fix {
            match self.fix(programs, &args.input, &args.settings, &options) {
                Ok(programs) => programs,
                Err(status) => return status,
            }
        } else {
            programs
        };
        let totals = self.each(&programs, Each::One, |sources| {
            let diagnostics = mwc::check_with(sources, &options);
            self.outcome(&diagnostics, sources)
        });
        self.status(&totals)
    }

    /// `check --fix`: applies the safe fixes, in rounds (a fix can uncover
    /// a problem the fixed one hid, such as a parameter's value once its
    /// name is right), at most [`FIX_ROUNDS`]; returns the programs as they
    /// are now, read again.
    fn fix(
        &self,
        mut programs: Vec<Program>,
        input: &InputArgs,
        settings: &SettingArgs,
        options: &Options,
    ) -> Result<Vec<Program>, ExitCode> {
        let (mut fixed, mut files) = (0, std::collections::BTreeSet::new());
        for _ in 0..FIX_ROUNDS {
            let mut edits = std::collections::BTreeMap::new();
            parallel::ordered(
                programs.len(),
                |i| match &programs[i].sources {
                    Ok(sources) => fix::edits(&mwc::check_with(sources, options), sources),
                    Err(_) => std::collections::BTreeMap::new(),
                },
                |more| fix::merge(&mut edits, more),
            );
            let paths: Vec<PathBuf> = edits.keys().cloned().collect();
            match fix::apply(&edits) {
                Ok((0, _)) => break,
                Ok((count, _)) => {
                    fixed += count;
                    files.extend(paths);
                }
                Err(message) => return Err(self.reporter.fail(&message)),
            }
            programs = self.programs(input, settings)?;
        }
        if fixed > 0 {
            let fixes = if fixed == 1 {
                "1 fix".to_string()
            } else {
                format!("{} fixes", mwc::render::thousands(fixed as u64))
            };
            self.reporter.said(&format!(
                "mwc: applied {fixes} in {}",
                plural(files.len(), "file")
            ))?;
        }
        Ok(programs)
    }

    /// `mwc schedule`: checks each program (counting from `--from`), then
    /// writes each window's report; with `--until`, every opening of the
    /// range in time order; with `--format ics`, a calendar.
    fn schedule(&self, args: &ScheduleArgs) -> ExitCode {
        let from = match &args.from {
            Some(text) => parse_time("--from", text, Edge::Start),
            None => clock(&args.settings),
        };
        let from = match from {
            Ok(t) => t,
            Err(message) => return self.reporter.fail(&message),
        };
        let until = match args
            .until
            .as_deref()
            .map(|t| parse_time("--until", t, Edge::End))
        {
            None => None,
            Some(Ok(until)) if until > from => Some(until),
            Some(Ok(_)) => {
                return self.reporter.fail(&format!(
                    "`--until {}` is not after the time counted from ({}): give a later `--until`{}",
                    args.until.as_deref().unwrap_or_default(),
                    mwc::render::schedule::utc(from),
                    if args.from.is_some() {
                        " or an earlier `--from`"
                    } else {
                        ", or `--from`"
                    }
                ));
            }
            Some(Err(message)) => return self.reporter.fail(&message),
        };
        let each = args.input.each;
        if args.format == ScheduleFormat::Ics && each {
            return self.reporter.fail(
                "`--format ics` writes one calendar: run without `--each` (all the files one program), or once per program",
            );
        }
        // The calendar's DTSTAMP: the pinned clock, never the wall clock
        // when one is pinned.
        let (stamp, programs) = match self.start(&args.input, &args.settings) {
            Ok(started) => started,
            Err(status) => return status,
        };
        let options = self.options(from, Needs::Nothing);
        let (format, key) = match (args.format, until) {
            (ScheduleFormat::Text, _) => (Format::Text, "windows"),
            (ScheduleFormat::Json, None) => (Format::Json, "windows"),
            (ScheduleFormat::Json, Some(_)) => (Format::Json, "openings"),
            // A calendar (refused with --each above) or one page for all
            // the programs.
            (ScheduleFormat::Ics | ScheduleFormat::Html, _) => (Format::Text, "windows"),
        };
        // `--format html`: the display zone and the page's time, and each
        // program's rows of the one page, by the program's place in the run.
        let html = match args.format {
            ScheduleFormat::Html => {
                match mwc::render::html::display_zone(&args.display_zone, stamp) {
                    Ok(zone) => Some((zone, stamp)),
                    Err(message) => return self.reporter.fail(&message),
                }
            }
            _ => None,
        };
        let timeline = std::sync::Mutex::new(Vec::new());
        // `--each --until` in text or JSON: the openings of every program
        // in one time order (each program's listing, merged at the end).
        let merged = each
            && until.is_some()
            && matches!(args.format, ScheduleFormat::Text | ScheduleFormat::Json);
        let fleet = std::sync::Mutex::new(Vec::new());
        let framing = if merged {
            Each::One
        } else {
            Each::new(each, format, key)
        };
        let totals = self.each(&programs, framing, |sources| {
            mwc::with_options(sources, &options, |checked| {
                let diagnostics = checked.diagnostics();
                let mut outcome = self.outcome(diagnostics, sources);
                if checked.has_errors() {
                    return outcome;
                }
                let program = checked.program();
                let shown: Vec<&mwc::model::Window<'_>> = program
                    .windows
                    .iter()
                    .filter(|w| args.window.as_deref().is_none_or(|name| w.id.value == name))
                    .collect();
                outcome.has_window = !shown.is_empty();
                if let Some(name) = &args.window
                    && shown.is_empty()
                {
                    if !each {
                        outcome.trouble = Some(no_window(name, program));
                    }
                    return outcome;
                }
                if until.is_none() {
                    let next = args.next.unwrap_or(DEFAULT_NEXT);
                    let total = shown.len() as u64 * u64::from(next);
                    if total > MAX_OPENINGS {
                        outcome.trouble = Some(too_many_openings(shown.len(), next));
                        return outcome;
                    }
                }
                if html.is_some() {
                    let place = programs
                        .iter()
                        .position(|p| p.sources.as_ref().is_ok_and(|s| std::ptr::eq(s, sources)));
                    let rows: Vec<_> = shown
                        .iter()
                        .filter_map(|w| {
                            let openings = match until {
                                None => {
                                    w.openings(from, args.next.unwrap_or(DEFAULT_NEXT) as usize)?
                                }
                                Some(until) => {
                                    let n = args.next.map_or(MAX_PER_WINDOW, u64::from);
                                    let mut openings = w.openings(from, n as usize)?;
                                    openings.next.retain(|o| o.start.timestamp() < until);
                                    openings
                                }
                            };
                            Some(mwc::render::html::Row::new(w, sources, openings))
                        })
                        .collect();
                    if let Ok(mut timeline) = timeline.lock() {
                        timeline.push((place, rows));
                    }
                    return outcome;
                }
                if until.is_none() {
                    let next = args.next.unwrap_or(DEFAULT_NEXT);
                    if args.format != ScheduleFormat::Ics {
                        outcome.stdout = window_reports(&shown, from, next, args.format);
                        return outcome;
                    }
                }
                // Every opening of the range (or the next N of each window),
                // in time order, within the limits.
                let windows: Vec<(&mwc::model::Window<'_>, mwc::schedule::next::Plan<'_>)> =
                    shown.iter().filter_map(|w| Some((*w, w.plan()?))).collect();
                let per_window = match (args.next, until) {
                    (Some(n), _) => n as usize,
                    (None, Some(_)) => usize::MAX,
                    (None, None) => DEFAULT_NEXT as usize,
                };
                let streams: Vec<_> = windows
                    .iter()
                    .map(|(_, plan)| {
                        plan.iter(from)
                            .take_while(move |o| until.is_none_or(|u| o.start.timestamp() < u))
                            .take(per_window)
                    })
                    .collect();
                let limits = mwc::schedule::merge::Limits {
                    per_window: MAX_PER_WINDOW as usize,
                    total: MAX_OPENINGS as usize,
                };
                let openings = match mwc::schedule::merge::listing(streams, limits) {
                    Ok(openings) => openings,
                    Err(capped) => {
                        let name = |i: usize| windows.get(i).map_or("", |(w, _)| w.id.value);
                        outcome.trouble = Some(capped_message(&capped, name, from));
                        return outcome;
                    }
                };
                let place =
                    |w: &mwc::model::Window<'_>| mwc::render::schedule::Listed::of(w, sources);
                outcome.stdout = match (args.format, until) {
                    (ScheduleFormat::Ics, _) => {
                        let calendar: Vec<mwc::render::ics::Window> = windows
                            .iter()
                            .map(|(w, _)| {
                                let at = place(w);
                                mwc::render::ics::Window::of(
                                    program,
                                    w,
                                    format!("{}:{}", at.file, at.line),
                                )
                            })
                            .collect();
                        mwc::render::ics::calendar(&calendar, &openings, stamp)
                    }
                    (_, Some(_)) if merged => {
                        let listed: Vec<_> = windows.iter().map(|(w, _)| place(w)).collect();
                        let at = programs.iter().position(|p| {
                            p.sources.as_ref().is_ok_and(|s| std::ptr::eq(s, sources))
                        });
                        if let Ok(mut fleet) = fleet.lock() {
                            fleet.push((at, listed, openings));
                        }
                        String::new()
                    }
                    (format, Some(until)) => {
                        let listed: Vec<_> = windows.iter().map(|(w, _)| place(w)).collect();
                        if format == ScheduleFormat::Json {
                            mwc::render::schedule::fleet_json(&listed, &openings)
                        } else {
                            mwc::render::schedule::fleet_text(&listed, &openings, from, until)
                        }
                    }
                    // Handled above.
                    (_, None) => String::new(),
                };
                outcome
            })
        });
        if let Some(until) = until
            && merged
        {
            let mut fleet = fleet.into_inner().unwrap_or_else(|e| e.into_inner());
            fleet.sort_by_key(|(at, _, _)| *at);
            let total: usize = fleet.iter().map(|(_, _, o)| o.len()).sum();
            if total as u64 > MAX_OPENINGS {
                return self.reporter.fail(&format!(
                    "the programs open more than {} times in all from {} until {}: nothing is listed; give an earlier `--until`",
                    mwc::render::thousands(MAX_OPENINGS),
                    mwc::render::schedule::utc(from),
                    mwc::render::schedule::utc(until),
                ));
            }
            let mut listed = Vec::new();
            let mut openings = Vec::with_capacity(total);
            for (_, windows, program_openings) in fleet {
                let offset = listed.len();
                listed.extend(windows);
                openings.extend(program_openings.into_iter().map(|(i, o)| (i + offset, o)));
            }
            // Each program's openings are in time order: a stable sort
            // merges the runs, keeping the programs' order for equal times.
            openings.sort_by_key(|(_, o)| o.start.timestamp());
            let text = if args.format == ScheduleFormat::Json {
                mwc::render::schedule::fleet_json(&listed, &openings)
            } else {
                mwc::render::schedule::fleet_text(&listed, &openings, from, until)
            };
            if let Err(status) = print(self.reporter, &text) {
                return status;
            }
        }
        let mut timeline = timeline.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some((zone, now)) = &html
            && !timeline.is_empty()
        {
            timeline.sort_by_key(|(place, _)| *place);
            let rows: Vec<_> = timeline.into_iter().flat_map(|(_, rows)| rows).collect();
            let page = mwc::render::html::Page {
                zone,
                from,
                generated: *now,
            };
            if let Err(status) = print(self.reporter, &mwc::render::html::render(&rows, &page)) {
                return status;
            }
        }
        self.status_with_window(&totals, args.window.as_deref(), each)
    }

    /// `mwc tasks`: checks each program, then writes each window's tasks
    /// with their effective parameters.
    fn tasks(&self, args: &TasksArgs) -> ExitCode {
        let (now, programs) = match self.start(&args.input, &args.settings) {
            Ok(started) => started,
            Err(status) => return status,
        };
        let options = self.options(now, Needs::Nothing);
        let each = args.input.each;
        let totals = self.each(
            &programs,
            Each::new(each, args.format, "windows"),
            |sources| {
                mwc::with_options(sources, &options, |checked| {
                    let diagnostics = checked.diagnostics();
                    let mut outcome = self.outcome(diagnostics, sources);
                    if checked.has_errors() {
                        return outcome;
                    }
                    let windows =
                        mwc::render::tasks::windows(checked.program(), args.window.as_deref());
                    outcome.has_window = !windows.is_empty();
                    if let Some(name) = &args.window
                        && windows.is_empty()
                    {
                        if !each {
                            outcome.trouble = Some(no_window(name, checked.program()));
                        }
                        return outcome;
                    }
                    outcome.stdout = match args.format {
                        Format::Text => mwc::render::tasks::text(&windows),
                        Format::Json => mwc::render::tasks::json(&windows),
                    };
                    outcome
                })
            },
        );
        self.status_with_window(&totals, args.window.as_deref(), each)
    }

    /// `mwc build`: builds each program in memory; when none has an error,
    /// writes each output (or one format to standard output).
    fn build(&self, args: &BuildArgs) -> ExitCode {
        let emit = mwc::build::Emit {
            cfn: args.emit.contains(&EmitKind::Cfn),
            ssm: args.emit.contains(&EmitKind::Ssm),
            iam: args.emit.contains(&EmitKind::Iam),
        };
        let to_stdout = args.out.as_os_str() == "-";
        let formats = [emit.cfn, emit.ssm, emit.iam]
            .iter()
            .filter(|on| **on)
            .count();
        if to_stdout && formats != 1 {
            return self.reporter.fail(
                "`-o -` writes one format: choose it with --emit cfn, --emit ssm or --emit iam",
            );
        }
        if to_stdout && args.input.each {
            return self
                .reporter
                .fail("`--each` writes one folder per program: give `-o DIR` instead of `-o -`");
        }
        let (now, programs) = match self.start(&args.input, &args.settings) {
            Ok(started) => started,
            Err(status) => return status,
        };
        let options = mwc::BuildOptions {
            emit,
            levels: self.levels.clone(),
        };
        let totals = self.each(&programs, Each::One, |sources| {
            let mwc::Built { diagnostics, files } = mwc::build(sources, now, &options);
            Outcome {
                built: files,
                ..self.outcome(&diagnostics, sources)
            }
        });
        if totals.lost || totals.trouble || totals.counts.errors > 0 {
            return self.status(&totals);
        }
        let built: Vec<(&Program, Vec<mwc::emit::File>)> = programs
            .iter()
            .zip(totals.built)
            .filter_map(|(p, files)| Some((p, files?)))
            .collect();
        if to_stdout {
            let Some((_, files)) = built.first() else {
                return ExitCode::SUCCESS;
            };
            return match print(self.reporter, &stdout_text(files)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(status) => status,
            };
        }
        let mut written = 0;
        for (program, files) in &built {
            let dir = if args.input.each {
                args.out.join(&program.out)
            } else {
                args.out.clone()
            };
            if let Err(message) = out_dir::write(&dir, &program.files, files) {
                return self.reporter.fail(&message);
            }
            written += files.len();
        }
        let what = if args.input.each {
            format!(
                "mwc: wrote {} for {} under {}",
                plural(written, "file"),
                plural(built.len(), "program"),
                args.out.display()
            )
        } else {
            format!(
                "mwc: wrote {} to {}",
                plural(written, "file"),
                args.out.display()
            )
        };
        match self.reporter.said(&what) {
            Ok(()) => ExitCode::SUCCESS,
            Err(status) => status,
        }
    }
}

/// How the programs' own outputs are put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Each {
    /// One program (or no output of its own): as it is.
    One,
    /// `--each`, text: each program's output after a `==> FILE <==` line.
    Text,
    /// `--each`, JSON: one list of `{"file": FILE, KEY: [...]}`, KEY
    /// naming what the program's list holds (`windows`, `openings`).
    Json(&'static str),
}

impl Each {
    fn new(each: bool, format: Format, key: &'static str) -> Each {
        match (each, format) {
            (false, _) => Each::One,
            (true, Format::Text) => Each::Text,
            (true, Format::Json) => Each::Json(key),
        }
    }
}

/// What a run's outcomes add up to.
#[derive(Default)]
struct Totals {
    counts: Counts,
    trouble: bool,
    /// Standard error or output could not be written.
    lost: bool,
    /// Whether any program has the window `--window` names.
    windows: bool,
    /// Each program's built files, in order.
    built: Vec<Option<Vec<mwc::emit::File>>>,
}

/// The folder of a program's output under `build --each -o DIR`: its path
/// under the directory it was found in, or its file name, without `.mw`.
fn output_folder(file: &input::Found) -> PathBuf {
    let path = file.under.as_deref().unwrap_or(&file.path);
    if path.as_os_str() == "-" {
        return PathBuf::from("stdin");
    }
    let name = path.file_stem().map(PathBuf::from).unwrap_or_default();
    match path.parent() {
        Some(parent) if file.under.is_some() => parent.join(name),
        _ => name,
    }
}

/// One output on standard output: the file itself, or for several files
/// (the request bodies of `--emit ssm`) one JSON object of them by path.
fn stdout_text(files: &[mwc::emit::File]) -> String {
    match files {
        [one] => one.text.clone(),
        many => {
            let bundle: serde_json::Map<String, serde_json::Value> = many
                .iter()
                .map(|f| {
                    (
                        f.path.clone(),
                        serde_json::from_str(&f.text).unwrap_or_default(),
                    )
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&bundle).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", mwc::render::thousands(n as u64))
    }
}

/// The message for `--window NAME` naming no window of the program.
fn no_window(name: &str, program: &mwc::model::Program<'_>) -> String {
    let names: Vec<&str> = program.windows.iter().map(|w| w.id.value).collect();
    format!(
        "no window named `{name}`; the windows are {}",
        names.join(", ")
    )
}

/// How many rounds of fixes `check --fix` applies at most.
const FIX_ROUNDS: usize = 4;

/// The most openings `mwc schedule` lists in one run: the number of windows
/// shown times `--next`, or with `--until` every opening of the range. Past
/// it the command lists nothing (for `--next`, it refuses before computing
/// any), so that its time and output stay bounded.
const MAX_OPENINGS: u64 = 1_000_000;

/// The most openings of one window `mwc schedule` lists (`--next` at most,
/// and with `--until` the openings of one window in the range).
const MAX_PER_WINDOW: u64 = 10_000;

/// Openings per window without `--next` (and without `--until`).
const DEFAULT_NEXT: u32 = 5;

/// The time the checks count from: `--now`, else `SOURCE_DATE_EPOCH` (whole
/// seconds since 1970, as reproducible builds set it) when set and not
/// empty, else the clock. The error is a message (exit status 2).
fn clock(settings: &cli::SettingArgs) -> Result<mwc::Timestamp, String> {
    if let Some(text) = &settings.now {
        return parse_time("--now", text, Edge::Start);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) if !epoch.is_empty() => epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| mwc::Timestamp::from_second(s).ok())
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds since 1970-01-01")
            }),
        _ => Ok(mwc::Timestamp::now()),
    }
}

/// What a plain date stands for: its first instant, or (for `--until`) the
/// end of the day, the next midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// Midnight UTC at the start of the date.
    Start,
    /// Midnight UTC at the end of the date.
    End,
}

/// The forms `--from`, `--until` and `--now` accept, for messages.
const TIME_FORMS: &str = "an RFC 3339 instant such as 2026-11-23T00:00:00Z or 2026-11-23T00:00:00-05:00, or a date such as 2026-11-23 (midnight UTC; for --until, the end of that day)";

/// The value of `flag` (`--from`, `--until`, `--now`): an RFC 3339 instant,
/// or a plain date `YYYY-MM-DD` meaning midnight UTC at its start or (for
/// [`Edge::End`]) its end. The error says why it is not one: not such a
/// time at all, or outside the range of instants mwc computes with.
fn parse_time(flag: &str, text: &str, edge: Edge) -> Result<mwc::Timestamp, String> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    if let Ok(t) = text.parse::<mwc::Timestamp>() {
        return Ok(t);
    }
    let before = || {
        format!(
            "`{flag} {text}` is before the supported range (the first instant is {})",
            mwc::Timestamp::MIN.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    };
    let past = || {
        format!(
            "`{flag} {text}` is past the supported range (the last instant is {})",
            mwc::schedule::next::last_instant()
        )
    };
    // A plain date: exactly YYYY-MM-DD.
    let plain = text.len() == 10 && text.as_bytes().get(4) == Some(&b'-');
    if plain && let Ok(date) = text.parse::<jiff::civil::Date>() {
        let day = match edge {
            Edge::Start => Some(date),
            Edge::End => date.tomorrow().ok(),
        };
        return match day.map(|d| {
            jiff::tz::Offset::UTC.to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        }) {
            Some(Ok(t)) => Ok(t),
            _ if date.year() < 0 => Err(before()),
            _ => Err(past()),
        };
    }
    // A well-formed time with an offset fails only for being out of range.
    let out_of_range = Pieces::parse(text).ok().and_then(|p| {
        let offset = match p.offset()? {
            PiecesOffset::Zulu => jiff::tz::Offset::UTC,
            PiecesOffset::Numeric(n) => n.offset(),
            _ => return None,
        };
        p.time()?;
        let local = p.date().to_datetime(p.time().unwrap_or_default());
        offset
            .to_timestamp(local)
            .is_err()
            .then_some(local.year() > 0)
    });
    Err(match out_of_range {
        Some(true) => past(),
        Some(false) => before(),
        None => format!("`{flag} {text}` is not a time: give {TIME_FORMS}"),
    })
}

/// The report of each window's next `next` openings, as text or JSON.
fn window_reports(
    shown: &[&mwc::model::Window<'_>],
    from: mwc::Timestamp,
    next: u32,
    format: ScheduleFormat,
) -> String {
    let format = match format {
        ScheduleFormat::Json => mwc::render::schedule::Format::Json,
        ScheduleFormat::Text | ScheduleFormat::Ics | ScheduleFormat::Html => {
            mwc::render::schedule::Format::Text
        }
    };
    let mut out = mwc::render::schedule::Report::new(Vec::new(), format);
    for window in shown {
        if let Some(openings) = window.openings(from, next as usize) {
            // Writing to memory does not fail.
            let _ = out.window(&openings);
        }
    }
    out.finish()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The message of a listing past a limit: nothing is listed; how to
/// narrow the range.
fn capped_message<'n>(
    capped: &mwc::schedule::merge::Capped,
    name: impl Fn(usize) -> &'n str,
    from: mwc::Timestamp,
) -> String {
    use mwc::render::schedule::utc;
    use mwc::schedule::merge::Capped;
    match capped {
        Capped::Window(i, at) => format!(
            "window `{}` opens more than {} times in the range (its {}st opening is at {}), more than `mwc schedule` lists of one window; nothing was listed: narrow the range with an earlier `--until` (at most `--until {}` keeps its first {}), or give `--next N`",
            name(*i),
            mwc::render::thousands(MAX_PER_WINDOW),
            mwc::render::thousands(MAX_PER_WINDOW + 1),
            utc(*at),
            utc(*at),
            mwc::render::thousands(MAX_PER_WINDOW),
        ),
        Capped::Total(at) => format!(
            "the range from {} holds more than {} openings (the {}st is at {}), more than `mwc schedule` lists at once; nothing was listed: narrow the range with an earlier `--until` (at most `--until {}`), or choose one window with `--window W`",
            utc(from),
            mwc::render::thousands(MAX_OPENINGS),
            mwc::render::thousands(MAX_OPENINGS + 1),
            utc(*at),
            utc(*at),
        ),
    }
}

/// The refusal of a report past [`MAX_OPENINGS`], with how to narrow it.
fn too_many_openings(windows: usize, next: u32) -> String {
    let fits = MAX_OPENINGS / windows.max(1) as u64;
    format!(
        "`--next {next}` for {} windows asks for {} openings, more than the {} `mwc schedule` lists at once; choose one window with `--window W`, or ask for at most `--next {fits}`",
        mwc::render::thousands(windows as u64),
        mwc::render::thousands(u64::from(next) * windows as u64),
        mwc::render::thousands(MAX_OPENINGS)
    )
}

fn explain(reporter: &Reporter, code: Option<&str>) -> ExitCode {
    let text = match code {
        None => Code::ALL
            .iter()
            .map(|c| format!("{c}  {}\n", c.title()))
            .collect::<String>(),
        Some(name) => match Code::parse(name) {
            Some(code) => code.explanation().to_string(),
            None => {
                return reporter.fail(&format!(
                    "no diagnostic code `{name}`; run `mwc explain` to list them"
                ));
            }
        },
    };
    match print(reporter, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(status) => status,
    }
}
