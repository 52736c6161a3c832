//! The `mwc` command: reads files, calls the library, prints diagnostics and
//! picks the exit status (0 success, 1 errors in the input, 2 usage or I/O).

mod cli;
mod input;
mod out_dir;

use clap::Parser;
use cli::{
    BuildArgs, CheckArgs, Cli, Color, Command, EmitKind, Format, MessageFormat, OutputArgs,
    ScheduleArgs,
};
use mwc::render::{human, json};
use mwc::{Code, Diagnostic, Severity, Sources};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How many diagnostics the human format shows before "and N more".
const HUMAN_LIMIT: usize = 100;

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
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Schedule(args) => schedule(&args),
        Command::Tasks(args) => tasks(&args),
        Command::Build(args) => build(&args),
        Command::Explain { code } => explain(code.as_deref()),
    }
}

/// Trouble that is not the input's fault: exit status 2.
fn fail(message: &str) -> ExitCode {
    // Nothing more can be done when standard error cannot be written.
    let _ = writeln!(std::io::stderr(), "mwc: {message}");
    ExitCode::from(2)
}

/// Writes `text` to standard output and flushes it. A write error (a full
/// disk, a closed pipe, `/dev/full`) is I/O trouble: exit status 2.
fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| fail(&format!("cannot write to standard output: {e}")))
}

/// Reads the input files (see [`input::read_sources`] for what is refused)
/// and the clock the checks count from; a message (exit 2) when either fails.
fn inputs(
    files: &[std::path::PathBuf],
    settings: &cli::SettingArgs,
) -> Result<(Sources, mwc::Timestamp), ExitCode> {
    let sources = input::read_sources(files, &settings.values, &settings.set)
        .map_err(|message| fail(&message))?;
    let now = clock(settings).map_err(|message| fail(&message))?;
    Ok((sources, now))
}

/// The message for `--window NAME` naming no window of the program.
fn no_window(name: &str, program: &mwc::model::Program<'_>) -> ExitCode {
    let names: Vec<&str> = program.windows.iter().map(|w| w.id.value).collect();
    fail(&format!(
        "no window named `{name}`; the windows are {}",
        names.join(", ")
    ))
}

fn check(args: &CheckArgs) -> ExitCode {
    let (sources, now) = match inputs(&args.files, &args.settings) {
        Ok(read) => read,
        Err(status) => return status,
    };
    let diagnostics = mwc::check_sources(&sources, now);
    report(diagnostics, &sources, &args.output)
}

/// The most openings `mwc schedule` lists in one run: the number of windows
/// shown times `--next`. Past it the command refuses before computing any,
/// so that its time and output stay bounded.
const MAX_OPENINGS: u64 = 1_000_000;

/// `mwc schedule`: checks the program (counting from `--from`), then writes
/// each window's report as soon as its openings are computed.
fn schedule(args: &ScheduleArgs) -> ExitCode {
    let (sources, now) = match inputs(&args.files, &args.settings) {
        Ok(read) => read,
        Err(status) => return status,
    };
    let from = match &args.from {
        Some(text) => match parse_from(text) {
            Ok(t) => t,
            Err(message) => return fail(&message),
        },
        None => now,
    };
    mwc::with_program(&sources, from, |checked| {
        let diagnostics = checked.diagnostics();
        let has_errors =
            checked.has_errors() || (args.output.deny_warnings && !diagnostics.is_empty());
        let status = report(diagnostics.to_vec(), &sources, &args.output);
        if has_errors {
            return status;
        }
        let windows = &checked.program().windows;
        let shown: Vec<&mwc::model::Window<'_>> = windows
            .iter()
            .filter(|w| args.window.as_deref().is_none_or(|name| w.id.value == name))
            .collect();
        if let Some(name) = &args.window
            && shown.is_empty()
        {
            return no_window(name, checked.program());
        }
        let total = shown.len() as u64 * u64::from(args.next);
        if total > MAX_OPENINGS {
            return fail(&too_many_openings(shown.len(), args.next));
        }
        let format = match args.format {
            Format::Text => mwc::render::schedule::Format::Text,
            Format::Json => mwc::render::schedule::Format::Json,
        };
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let mut out = mwc::render::schedule::Report::new(stdout, format);
        for window in shown {
            if let Some(openings) = window.openings(from, args.next as usize)
                && let Err(e) = out.window(&openings)
            {
                return write_failed(&e);
            }
        }
        match out.finish() {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => write_failed(&e),
        }
    })
}

/// `mwc tasks`: checks the program, then writes each window's tasks with
/// their effective parameters.
fn tasks(args: &cli::TasksArgs) -> ExitCode {
    let (sources, now) = match inputs(&args.files, &args.settings) {
        Ok(read) => read,
        Err(status) => return status,
    };
    mwc::with_program(&sources, now, |checked| {
        let diagnostics = checked.diagnostics();
        let has_errors =
            checked.has_errors() || (args.output.deny_warnings && !diagnostics.is_empty());
        let status = report(diagnostics.to_vec(), &sources, &args.output);
        if has_errors {
            return status;
        }
        let windows = mwc::render::tasks::windows(checked.program(), args.window.as_deref());
        if let Some(name) = &args.window
            && windows.is_empty()
        {
            return no_window(name, checked.program());
        }
        let text = match args.format {
            Format::Text => mwc::render::tasks::text(&windows),
            Format::Json => mwc::render::tasks::json(&windows),
        };
        match print(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(status) => status,
        }
    })
}

/// The time the checks count from: `--now`, else `SOURCE_DATE_EPOCH` (whole
/// seconds since 1970, as reproducible builds set it) when set and not
/// empty, else the clock. The error is a message (exit status 2).
fn clock(settings: &cli::SettingArgs) -> Result<mwc::Timestamp, String> {
    if let Some(text) = &settings.now {
        return parse_from(text).map_err(|m| m.replacen("--from", "--now", 1));
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

/// `--from`, or why it is not a time to count from: not RFC 3339 at all, or
/// outside the range of instants mwc computes with.
fn parse_from(text: &str) -> Result<mwc::Timestamp, String> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    if let Ok(t) = text.parse::<mwc::Timestamp>() {
        return Ok(t);
    }
    // A well-formed time with an offset fails only for being out of range.
    let out_of_range = Pieces::parse(text).ok().and_then(|p| {
        let offset = match p.offset()? {
            PiecesOffset::Zulu => jiff::tz::Offset::UTC,
            PiecesOffset::Numeric(n) => n.offset(),
            _ => return None,
        };
        let local = p.date().to_datetime(p.time().unwrap_or_default());
        offset
            .to_timestamp(local)
            .is_err()
            .then_some(local.year() > 0)
    });
    Err(match out_of_range {
        Some(true) => format!(
            "`--from {text}` is past the supported range (the last instant is {})",
            mwc::schedule::next::last_instant()
        ),
        Some(false) => format!(
            "`--from {text}` is before the supported range (the first instant is {})",
            mwc::Timestamp::MIN.strftime("%Y-%m-%dT%H:%M:%SZ")
        ),
        None => format!("`--from {text}` is not an RFC 3339 time such as 2026-11-23T00:00:00Z"),
    })
}

/// The refusal of a report past [`MAX_OPENINGS`], with how to narrow it.
fn too_many_openings(windows: usize, next: u32) -> String {
    let fits = MAX_OPENINGS / windows.max(1) as u64;
    format!(
        "`--next {next}` for {} windows asks for {} openings, more than the {} `mwc schedule` lists at once; choose one window with `--window W`, or ask for at most `--next {fits}`",
        thousands(windows as u64),
        thousands(u64::from(next) * windows as u64),
        thousands(MAX_OPENINGS)
    )
}

/// `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Standard output failed while the report was written (a full disk, a
/// closed pipe): I/O trouble, since the reader did not get the whole report.
fn write_failed(e: &std::io::Error) -> ExitCode {
    fail(&format!("cannot write to standard output: {e}"))
}

/// Prints diagnostics and returns the exit status they call for.
fn report(mut diagnostics: Vec<Diagnostic>, sources: &Sources, output: &OutputArgs) -> ExitCode {
    if output.deny_warnings {
        for d in &mut diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    // A flood's summary counts every problem it stands for.
    let errors: usize = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::count)
        .sum();
    let warnings: usize = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(Diagnostic::count)
        .sum();
    let text = match output.message_format {
        MessageFormat::Json => json::render_all(&diagnostics, sources),
        MessageFormat::Short => mwc::render::short::render_all(&diagnostics, sources),
        MessageFormat::Github => mwc::render::github::render_all(&diagnostics, sources),
        MessageFormat::Sarif => mwc::render::sarif::render_all(&diagnostics, sources),
        MessageFormat::Junit => mwc::render::junit::render_all(&diagnostics, sources),
        MessageFormat::Human => {
            let stderr = std::io::stderr();
            let terminal = stderr.is_terminal();
            let color = match output.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
            };
            let style = if color {
                human::Style::Color
            } else {
                human::Style::Plain
            };
            let width = if terminal { terminal_width() } else { 100 };
            let shown = diagnostics.len().min(HUMAN_LIMIT);
            let mut text = human::render_all(&diagnostics[..shown], sources, style, width);
            if diagnostics.len() > shown {
                let more: usize = diagnostics[shown..].iter().map(Diagnostic::count).sum();
                text.push_str(&format!(
                    "… and {more} more (use --message-format json to see all)\n"
                ));
            }
            if errors + warnings > 0 {
                text.push_str(&summary(errors, warnings));
            }
            text
        }
    };
    let mut stderr = std::io::stderr().lock();
    if stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush())
        .is_err()
    {
        // The diagnostics are lost: never a success. (No message: standard
        // error is what failed.)
        return ExitCode::from(2);
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, w) => format!("mwc: {}\n", plural(w, "warning")),
        (e, 0) => format!("mwc: {}\n", plural(e, "error")),
        (e, w) => format!("mwc: {}, {}\n", plural(e, "error"), plural(w, "warning")),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn explain(code: Option<&str>) -> ExitCode {
    let text = match code {
        None => Code::ALL
            .iter()
            .map(|c| format!("{c}  {}\n", c.title()))
            .collect::<String>(),
        Some(name) => match Code::parse(name) {
            Some(code) => code.explanation().to_string(),
            None => {
                return fail(&format!(
                    "no diagnostic code `{name}`; run `mwc explain` to list them"
                ));
            }
        },
    };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(status) => status,
    }
}

/// The build options of the command line (`--set` and `--values` are
/// sources, checked by the library).
fn build_options(args: &BuildArgs) -> mwc::BuildOptions {
    mwc::BuildOptions {
        emit: mwc::build::Emit {
            cfn: args.emit.contains(&EmitKind::Cfn),
            ssm: args.emit.contains(&EmitKind::Ssm),
            iam: args.emit.contains(&EmitKind::Iam),
        },
        deny_warnings: args.output.deny_warnings,
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let options = build_options(args);
    let to_stdout = args.out.as_os_str() == "-";
    let formats = [options.emit.cfn, options.emit.ssm, options.emit.iam]
        .iter()
        .filter(|on| **on)
        .count();
    if to_stdout && formats != 1 {
        return fail(
            "`-o -` writes one format: choose it with --emit cfn, --emit ssm or --emit iam",
        );
    }
    let (sources, now) = match inputs(&args.files, &args.settings) {
        Ok(read) => read,
        Err(status) => return status,
    };
    let mwc::Built { diagnostics, files } = mwc::build(&sources, now, &options);
    let status = report(diagnostics, &sources, &args.output);
    let Some(files) = files else {
        return status;
    };
    if to_stdout {
        let text = match files.as_slice() {
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
        };
        return match print(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(status) => status,
        };
    }
    match out_dir::write(&args.out, &args.files, &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}
