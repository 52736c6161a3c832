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
        eprintln!(
            "mwc: internal error: {info}\n\nThis is a bug in mwc, not in your input. Please report it with the input that caused it."
        );
    }));
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Schedule(args) => schedule(&args),
        Command::Build(args) => build(&args),
        Command::Explain { code } => explain(code.as_deref()),
    }
}

/// Trouble that is not the input's fault: exit status 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("mwc: {message}");
    ExitCode::from(2)
}

/// Reads the input files: see [`input::read_sources`] for what is refused.
fn read_sources(files: &[std::path::PathBuf]) -> Result<Sources, String> {
    input::read_sources(files)
}

fn check(args: &CheckArgs) -> ExitCode {
    let sources = match read_sources(&args.files) {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    let diagnostics = mwc::check_sources(&sources, mwc::Timestamp::now());
    report(diagnostics, &sources, &args.output)
}

fn schedule(args: &ScheduleArgs) -> ExitCode {
    let from = match &args.from {
        Some(text) => match text.parse::<mwc::Timestamp>() {
            Ok(t) => t,
            Err(_) => {
                return fail(&format!(
                    "`--from {text}` is not an RFC 3339 time such as 2026-11-23T00:00:00Z"
                ));
            }
        },
        None => mwc::Timestamp::now(),
    };
    let sources = match read_sources(&args.files) {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    let (diagnostics, result) = mwc::with_program(&sources, from, |checked| {
        let program = checked.program();
        let windows: Vec<_> = program
            .windows
            .iter()
            .filter(|w| args.window.as_deref().is_none_or(|name| w.id.value == name))
            .filter_map(|w| w.openings(from, args.next as usize))
            .collect();
        let names: Vec<String> = program
            .windows
            .iter()
            .map(|w| w.id.value.to_string())
            .collect();
        (checked.into_diagnostics(), (windows, names))
    });
    let (windows, names) = result;
    let has_errors = diagnostics.iter().any(|d| d.is_error())
        || (args.output.deny_warnings && !diagnostics.is_empty());
    let status = report(diagnostics, &sources, &args.output);
    if has_errors {
        return status;
    }
    if let Some(name) = &args.window
        && windows.is_empty()
    {
        return fail(&format!(
            "no window named `{name}`; the windows are {}",
            names.join(", ")
        ));
    }
    let text = match args.format {
        Format::Text => mwc::render::schedule::text(&windows),
        Format::Json => mwc::render::schedule::json(&windows),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
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
    // Nothing more useful can be done when standard error is closed.
    let _ = stderr.write_all(text.as_bytes());
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
    let mut stdout = std::io::stdout().lock();
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
    let _ = stdout.write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The build options of the command line (`--set` is checked by the
/// library).
fn build_options(args: &BuildArgs) -> Result<mwc::BuildOptions, String> {
    let mut options = mwc::BuildOptions {
        emit: mwc::build::Emit {
            cfn: args.emit.contains(&EmitKind::Cfn),
            ssm: args.emit.contains(&EmitKind::Ssm),
            iam: args.emit.contains(&EmitKind::Iam),
        },
        deny_warnings: args.output.deny_warnings,
        ..mwc::BuildOptions::default()
    };
    for setting in &args.set {
        options.set(setting)?;
    }
    Ok(options)
}

fn build(args: &BuildArgs) -> ExitCode {
    let options = match build_options(args) {
        Ok(o) => o,
        Err(message) => return fail(&message),
    };
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
    let sources = match read_sources(&args.files) {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    let mwc::Built { diagnostics, files } = mwc::build(&sources, mwc::Timestamp::now(), &options);
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
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
        return ExitCode::SUCCESS;
    }
    match out_dir::write(&args.out, &args.files, &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}
