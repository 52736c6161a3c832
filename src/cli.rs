//! The command line: clap's description of `mwc` and its subcommands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// mwc compiles .mw programs that declare AWS Systems Manager maintenance windows.
#[derive(Debug, Parser)]
#[command(name = "mwc", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub lints: LintArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check .mw files, and report every problem found.
    Check(CheckArgs),
    /// Check, then write the CloudFormation template, the SSM API request
    /// bodies with plan.json, and the IAM policy documents.
    Build(BuildArgs),
    /// Show each window's schedule in plain words and its next openings, each
    /// with its closing time and cutoff, in the window's time zone.
    Schedule(ScheduleArgs),
    /// Show each window's tasks in the order they run, with what each runs
    /// and its parameters, the document's defaults included.
    Tasks(TasksArgs),
    /// Run the language server: LSP over standard input and output, for
    /// editors (diagnostics as you type, fixes as code actions, hover,
    /// completion, go to definition, find references, rename, formatting,
    /// document symbols, folding).
    Lsp(LspArgs),
    /// Explain a diagnostic code (such as MW0102) with an example; without a
    /// code, list them all.
    Explain {
        /// The code, e.g. MW0102.
        code: Option<String>,
    },
    /// Format .mw files in place in the one canonical layout, comments
    /// kept; `-` formats standard input to standard output.
    Fmt(FmtArgs),
    /// Write a shell completion script to standard output.
    Completions(CompletionsArgs),
    /// Write a man page (roff) to standard output: mwc(1), or a subcommand's.
    Man(ManArgs),
}

/// Options of `mwc fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The files to format (`-` reads standard input and writes the result
    /// to standard output); a directory stands for every `*.mw` file under
    /// it, but those `.gitignore` or `.ignore` files exclude and hidden ones.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing: list the files whose formatting would change, one per
    /// line, and exit with status 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Write nothing: print a unified diff of the changes formatting would
    /// make, and exit with status 1 if there are any.
    #[arg(long)]
    pub diff: bool,
}

/// Options of `mwc completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell the script is for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options of `mwc man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to write (mwc-check(1) for `check`);
    /// without one, mwc(1), which lists them.
    #[arg(value_parser = ["check", "build", "schedule", "tasks", "lsp", "explain", "fmt", "completions", "man"])]
    pub subcommand: Option<String>,
}

/// Which files, and whether each is a program of its own.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The files of the program (`-` reads standard input); a directory
    /// stands for every `*.mw` file under it, but those `.gitignore` or
    /// `.ignore` files exclude and hidden ones.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Each file is a program of its own (those another one imports
    /// excepted), instead of all of them one program.
    #[arg(long)]
    pub each: bool,
}

/// Options of `mwc lsp`.
#[derive(Debug, Args)]
pub struct LspArgs {
    /// The time the date-dependent checks count from (RFC 3339, or a date
    /// for its midnight UTC); default: SOURCE_DATE_EPOCH when set, else now.
    #[arg(long, value_name = "T")]
    pub now: Option<String>,
    /// Accepted and ignored: some clients add it, and standard input and
    /// output is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

/// Options of `mwc check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Apply the fixes marked safe (such as quotes removed around a
    /// duration, or a legacy time zone's maintained name) to the files, then
    /// report what is left.
    #[arg(long)]
    pub fix: bool,
    #[command(flatten)]
    pub settings: SettingArgs,
}

/// Values for the program's parameters and settings, and the clock.
#[derive(Debug, Args)]
pub struct SettingArgs {
    /// The time the date-dependent checks count from (RFC 3339, such as
    /// 2026-11-23T00:00:00Z, or a date, 2026-11-23, for its midnight UTC):
    /// whether a schedule still opens (MW0312), end
    /// dates in the past (MW0313), daylight-saving shifts in the coming year
    /// (MW0315), openings all past (MW0318), and the time zones' clocks in
    /// the coming year that MW0302 and MW0319 describe. Default:
    /// SOURCE_DATE_EPOCH when set, else now.
    #[arg(long, value_name = "T")]
    pub now: Option<String>,
    /// Set a parameter, or `account`, `region` or `partition` (wins over
    /// values files and defaults; the last of one name wins).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// A values file of `NAME = value` lines (a later file wins over an
    /// earlier one).
    #[arg(long = "values", value_name = "FILE")]
    pub values: Vec<PathBuf>,
}

/// Options of `mwc build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The output directory: new, empty, or mwc's earlier output (replaced,
    /// stale files included; a directory holding other files is refused), or
    /// `-` for one format on standard output. With `--each`, the directory
    /// that holds one such directory per program.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Which outputs, comma-separated: cfn, ssm, iam.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "cfn,ssm,iam",
        value_delimiter = ','
    )]
    pub emit: Vec<EmitKind>,
    #[command(flatten)]
    pub settings: SettingArgs,
}

/// The outputs of `mwc build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EmitKind {
    /// cloudformation.json
    Cfn,
    /// ssm/plan.json and the request bodies
    Ssm,
    /// iam/ policy documents
    Iam,
}

/// Options of `mwc schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only this window (its declared name).
    #[arg(long, value_name = "W")]
    pub window: Option<String>,
    /// How many openings to show per window (default 5; at most 10,000,
    /// and at most 1,000,000 for all the windows shown together). With
    /// `--until`, only when given: then at most N of each window's
    /// openings in the range.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub next: Option<u32>,
    /// Count openings from this time: an RFC 3339 instant
    /// (2026-11-23T00:00:00Z, 2026-11-23T00:00:00-05:00) or a date
    /// (2026-11-23: midnight UTC); default: now.
    #[arg(long, value_name = "T")]
    pub from: Option<String>,
    /// List every opening before this time, of all windows in time order:
    /// an RFC 3339 instant, or a date (2026-11-30: until the end of that
    /// day, the next midnight UTC). At most 10,000 openings of a window and
    /// 1,000,000 in all: past that, nothing is listed (exit status 2).
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// Output format: `ics` is an iCalendar file (RFC 5545) of the
    /// openings, one event each, for calendar programs (not with `--each`);
    /// `html` a self-contained page with a timeline of them.
    #[arg(long, value_enum, default_value_t = ScheduleFormat::Text)]
    pub format: ScheduleFormat,
    /// With `--format html`: the time zone of the timeline's days (an IANA
    /// name such as Europe/Berlin).
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub display_zone: String,
    #[command(flatten)]
    pub settings: SettingArgs,
}

/// Formats of `mwc schedule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    /// Aligned text for people.
    Text,
    /// JSON: a list of windows, or with `--until` a list of openings.
    Json,
    /// An iCalendar file (RFC 5545): one event per opening.
    Ics,
    /// One self-contained HTML page: a timeline of every window's openings
    /// (all the programs of `--each` on one page).
    Html,
}

/// Options of `mwc tasks`.
#[derive(Debug, Args)]
pub struct TasksArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only this window (its declared name).
    #[arg(long, value_name = "W")]
    pub window: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub settings: SettingArgs,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// A JSON list of windows.
    Json,
}

/// How diagnostics are shown (options of every command).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// How to print diagnostics on standard error.
    #[arg(long, value_enum, global = true, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// When to use colour in human-readable diagnostics.
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    pub color: Color,
    /// No summary line and no word of what was written: only the
    /// diagnostics (and the command's own output).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// Which warnings count, and how (options of every command).
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Every warning is an error, but those `-W` names.
    #[arg(long, global = true)]
    pub deny_warnings: bool,
    /// Allow a warning: it is not reported (errors cannot be allowed).
    #[arg(short = 'A', long = "allow", value_name = "CODE", global = true)]
    pub allow: Vec<String>,
    /// Keep a warning a warning, even under `--deny-warnings`.
    #[arg(short = 'W', long = "warn", value_name = "CODE", global = true)]
    pub warn: Vec<String>,
    /// Make a warning an error.
    #[arg(short = 'D', long = "deny", value_name = "CODE", global = true)]
    pub deny: Vec<String>,
}

/// Diagnostic output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// miette's graphical report (plain text when not a terminal).
    Human,
    /// One JSON object per line, for editors and CI.
    Json,
    /// One line per diagnostic: `file:line:col: severity[CODE]: message`.
    Short,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A SARIF 2.1.0 log (GitHub code scanning).
    Sarif,
    /// A JUnit XML report (GitLab, Jenkins).
    Junit,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when standard error is a terminal, NO_COLOR is unset or
    /// empty, and TERM is not `dumb`.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
