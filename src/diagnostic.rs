//! Diagnostics as plain data: a stable [`Code`], a [`Severity`], a message,
//! labelled spans and help. Rendering (miette's graphical report, JSON lines)
//! lives in [`crate::render`].

use crate::source::{FileId, Span};
use std::collections::HashMap;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input is wrong: nothing is built and the exit status is 1.
    Error,
    /// Probably a mistake; allowed unless `--deny-warnings`.
    Warning,
    /// Information that may help.
    Advice,
}

impl Severity {
    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $num:literal, $sev:ident, $title:literal; )*) => {
        /// Every kind of diagnostic, with a stable number.
        ///
        /// Ranges by phase, never reused: MW00xx syntax, MW01xx structure and
        /// schema, MW02xx names and references, MW03xx schedules, MW04xx values
        /// and AWS limits, MW05xx build context, MW06xx parameters and interpolation, MW07xx
        /// documents, MW08xx lint control (`// mwc: allow`), MW09xx lints.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable name, e.g. `MW0102`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => concat!("MW", $num), )* }
            }

            /// The severity diagnostics of this kind have.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A short title, as in the list of codes.
            pub fn title(self) -> &'static str {
                match self { $( Code::$variant => $title, )* }
            }

            /// The long explanation (`mwc explain`), with a failing and a fixed example.
            pub fn explanation(self) -> &'static str {
                match self {
                    $( Code::$variant => include_str!(concat!("../docs/codes/MW", $num, ".md")), )*
                }
            }
        }
    };
}

codes! {
    /// The file is not valid UTF-8.
    InvalidUtf8 = "0001", Error, "file is not UTF-8";
    /// A token that does not fit where it stands.
    UnexpectedToken = "0002", Error, "unexpected token";
    /// A string without its closing quote.
    UnterminatedString = "0003", Error, "unterminated string";
    /// A backslash escape that does not exist.
    InvalidEscape = "0004", Error, "invalid escape in a string";
    /// A `{`, `[` or `/*` that is never closed.
    UnclosedDelimiter = "0005", Error, "unclosed delimiter";
    /// A `}` or `]` with nothing open to close, or closing the wrong kind.
    UnmatchedDelimiter = "0006", Error, "unmatched closing delimiter";
    /// Lists, maps or blocks nested deeper than mwc accepts.
    NestingTooDeep = "0007", Error, "nesting too deep";
    /// A number that is too large, has a fraction or an unknown unit.
    InvalidNumber = "0008", Error, "invalid number";
    /// A control character (such as NUL) in the text.
    InvalidCharacter = "0009", Error, "invalid character";
    /// `${` in a string that holds no name or is not closed.
    MalformedInterpolation = "0010", Error, "malformed interpolation";

    /// A block kind that does not exist where it stands.
    UnknownBlock = "0101", Error, "unknown block";
    /// A field that the block (or map) does not have.
    UnknownField = "0102", Error, "unknown field";
    /// The same field set twice in one block.
    DuplicateField = "0103", Error, "field set twice";
    /// A required field is missing.
    MissingField = "0104", Error, "missing required field";
    /// A value of the wrong type.
    TypeMismatch = "0105", Error, "wrong type of value";
    /// A block header with a missing or unexpected name or label.
    BlockHeader = "0106", Error, "malformed block header";
    /// None, or more than one, of a group where exactly one is required.
    ExactlyOne = "0107", Error, "exactly one required";
    /// A field that needs, or excludes, another field.
    FieldConflict = "0108", Error, "conflicting fields";
    /// A field AWS has deprecated and mwc does not emit.
    DeprecatedField = "0109", Error, "deprecated field";
    /// The same key twice in one map.
    DuplicateKey = "0110", Error, "duplicate key in a map";
    /// The same item twice in one list.
    DuplicateItem = "0111", Error, "item listed twice";

    /// Two declarations of the same kind with the same name in one scope.
    DuplicateName = "0201", Error, "duplicate declaration";
    /// A reference to nothing declared.
    UnresolvedReference = "0202", Error, "unresolved reference";
    /// A reference to a declaration of the wrong kind.
    WrongKindReference = "0203", Error, "reference to the wrong kind";
    /// A task aimed at a target of another window.
    ForeignTarget = "0204", Error, "target of another window";
    /// Instance ids in a task while the window requires registered targets.
    UnregisteredTargets = "0205", Error, "unregistered targets not allowed";
    /// A declared name that breaks AWS's name rules.
    InvalidName = "0206", Error, "invalid AWS name";
    /// Two roles with the same IAM name (IAM compares names case-insensitively).
    DuplicateAwsName = "0207", Error, "duplicate AWS name";
    /// Two declarations that would get the same CloudFormation logical id.
    LogicalIdCollision = "0208", Error, "CloudFormation logical id collision";
    /// Two roles or two windows whose names differ only by case, so their
    /// output files would collide on a case-insensitive file system.
    NamesEqualIgnoringCase = "0209", Error, "names equal ignoring case";

    /// A schedule that is not `cron(...)`, `rate(...)` or `at(...)`.
    InvalidSchedule = "0301", Error, "invalid schedule expression";
    /// A time zone that is not in the IANA time zone database.
    UnknownTimezone = "0302", Error, "unknown time zone";
    /// A schedule offset with a schedule that is not cron.
    OffsetWithoutCron = "0303", Error, "offset without a cron schedule";
    /// A start or end date that is not an ISO 8601 date-time.
    InvalidDate = "0304", Error, "invalid date";
    /// A start date that is not before the end date.
    StartNotBeforeEnd = "0305", Error, "start date not before end date";
    /// A cron expression with other than six (or seven) fields.
    CronFieldCount = "0306", Error, "wrong number of cron fields";
    /// A cron field value outside the field's range.
    CronOutOfRange = "0307", Error, "cron value out of range";
    /// A cron field that is not written the way AWS's cron accepts.
    CronSyntax = "0308", Error, "invalid cron field";
    /// Day-of-month and day-of-week not split by exactly one `?`.
    CronQuestionMark = "0309", Error, "`?` rule broken";
    /// A `rate(...)` expression AWS does not accept.
    InvalidRate = "0310", Error, "invalid rate expression";
    /// An `at(...)` expression that is not a valid date and time.
    InvalidAt = "0311", Error, "invalid one-time schedule";
    /// A schedule that can never open: no date matches it, or none after
    /// the start date, or the end date comes first.
    NeverOpens = "0312", Error, "schedule never opens";
    /// An end date already in the past.
    EndDatePast = "0313", Warning, "end date in the past";
    /// A window that opens again before its previous run has closed.
    OverlappingRuns = "0314", Warning, "runs overlap";
    /// An opening in a daylight-saving gap or repeated hour.
    DaylightSaving = "0315", Warning, "opening moved by daylight saving time";
    /// A form AWS does not document for maintenance windows.
    UnverifiedSchedule = "0316", Warning, "undocumented schedule form";
    /// A schedule that fires more often than AWS supports.
    TooFrequent = "0317", Warning, "schedule fires too often";
    /// A schedule whose openings are all in the past.
    OpeningsPast = "0318", Warning, "all openings in the past";
    /// A time zone of the database that is a fixed offset named like a
    /// place's time (`EST`), `Etc/GMT±N`, or a legacy alias (`US/Eastern`).
    LegacyTimezone = "0319", Warning, "fixed-offset or legacy time zone";
    /// Two windows whose tasks can run on the same nodes and whose
    /// openings overlap in the coming days.
    WindowsCollide = "0320", Warning, "runs of two windows overlap on the same nodes";

    /// A string shorter or longer than AWS accepts.
    LengthOutOfRange = "0401", Error, "length out of range";
    /// A string that does not match AWS's pattern.
    PatternMismatch = "0402", Error, "value does not match AWS's pattern";
    /// A number outside AWS's range.
    OutOfRange = "0403", Error, "number out of range";
    /// A duration in a unit the field does not take (AWS counts whole hours).
    WrongUnit = "0404", Error, "wrong unit";
    /// A cutoff that is not shorter than the window's duration.
    CutoffNotBelowDuration = "0405", Error, "cutoff not below duration";
    /// A concurrency or error threshold AWS does not accept.
    InvalidRateControl = "0406", Error, "invalid rate control";
    /// A value that is not one of the allowed choices.
    InvalidEnumValue = "0407", Error, "value not one of the choices";
    /// A list or map with more (or fewer) items than AWS allows.
    ItemCount = "0408", Error, "too many or too few items";
    /// Rate control missing on a task with targets, or given on one without.
    RateControlTargets = "0409", Error, "rate control and targets disagree";
    /// A Run Command task without targets.
    TargetsRequired = "0410", Error, "task needs targets";

    /// An output needs the account id, and none is set.
    AccountNeeded = "0501", Error, "account id needed";
    /// An output needs the Region, and none is set.
    RegionNeeded = "0502", Error, "Region needed";
    /// A task setting CloudFormation cannot express.
    NotInCloudFormation = "0503", Error, "not expressible in CloudFormation";

    /// A parameter without a default that no values file or `--set` sets.
    ParameterWithoutValue = "0601", Error, "parameter has no value";
    /// A setting (values file or `--set`) for a parameter nobody declared.
    UnknownParameter = "0602", Error, "unknown parameter";
    /// A parameter's value (set or default) that is not of its type.
    ParameterType = "0603", Error, "parameter value of the wrong type";
    /// A parameter's value outside its `allowed` values or `min`/`max`.
    ParameterNotAllowed = "0604", Error, "parameter value not allowed";
    /// A `param` block that does not declare a parameter properly.
    InvalidParameter = "0605", Error, "invalid parameter declaration";
    /// A `--set` that is not `NAME=VALUE`, or a values file that holds more
    /// than `NAME = value` settings of literal values.
    InvalidSetting = "0606", Error, "invalid setting";
    /// `${name}` (or a reference) naming no parameter or setting.
    UnknownValueName = "0607", Error, "unknown value name";
    /// A list or map put into a string, or a key read from what is not a map.
    ValueShape = "0608", Error, "value of the wrong shape";
    /// `name.key` where the map has no such key.
    MissingKey = "0609", Error, "missing key";
    /// A parameter named like another parameter, a setting or a block.
    NameTaken = "0610", Error, "name already taken";
    /// `use` in a template or in a block that takes none, a template
    /// without a name.
    Misplaced = "0611", Error, "misplaced form";
    /// Template uses or comprehensions that would copy past mwc's limits.
    ExpansionTooLarge = "0612", Error, "expansion too large";
    /// Two elements of one comprehension declare the same name.
    RepeatedName = "0613", Error, "comprehension repeats a name";
    /// A name built with `${...}` that is not a name.
    BuiltNameInvalid = "0614", Error, "built name is not a name";
    /// An `import` whose file cannot be read or is refused.
    CannotImport = "0615", Error, "cannot import";
    /// Files that import each other in a circle.
    ImportCycle = "0616", Error, "import cycle";

    /// A parameter the task's document does not have.
    UnknownDocumentParameter = "0701", Error, "unknown document parameter";
    /// A parameter the document requires, not given.
    MissingDocumentParameter = "0702", Error, "missing document parameter";
    /// A value outside the parameter's allowed values, pattern or length.
    DocumentParameterValue = "0703", Error, "document parameter value not allowed";
    /// A value of the wrong type for the parameter (a list for one value, a
    /// word for an integer).
    DocumentParameterType = "0704", Error, "document parameter of the wrong type";
    /// A Command document run as Automation, or the reverse.
    DocumentKind = "0705", Error, "document of the wrong kind";
    /// A `document` block, or the content it names, mwc cannot use.
    DocumentContent = "0706", Error, "cannot use document content";

    /// An `// mwc: allow(...)` that allows nothing.
    UnusedAllow = "0801", Warning, "allow that allows nothing";
    /// An `// mwc: allow(...)` naming an error, which cannot be allowed.
    AllowError = "0802", Error, "error cannot be allowed";
    /// A comment starting with `mwc:` that is not a well-formed directive.
    MalformedDirective = "0803", Error, "malformed mwc comment";

    /// A role that trusts a service maintenance windows never need.
    UnneededTrust = "0901", Warning, "trust to an unneeded service";
    /// A Lambda function or state machine the managed policy does not reach.
    ManagedPolicyReach = "0902", Warning, "function or state machine out of the managed policy's reach";
    /// A role no task uses.
    UnusedRole = "0903", Warning, "role used by no task";
    /// SNS notifications without a role to publish them.
    NotifyWithoutRole = "0904", Warning, "notification without a role";
    /// A role that grants nothing.
    RoleWithoutPolicies = "0905", Warning, "role without permissions";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// Whether the code is about the build context (MW05xx): what a build
    /// needs besides the program, or what an output cannot express.
    pub fn is_build_context(self) -> bool {
        self.as_str().starts_with("MW05")
    }

    /// The code's documentation page (its explanation, `docs/codes/MWxxxx.md`,
    /// in the repository named by `Cargo.toml`'s `repository`), e.g.
    /// `https://github.com/mwc-lang/mwc/blob/main/docs/codes/MW0405.md`.
    pub fn url(self) -> String {
        format!(
            "{}/blob/main/docs/codes/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.as_str()
        )
    }

    /// Looks a code up by name (`MW0102`, case-insensitive; `0102` and `102` work too).
    pub fn parse(name: &str) -> Option<Code> {
        let trimmed = name.trim();
        let digits = trimmed
            .strip_prefix("MW")
            .or_else(|| trimmed.strip_prefix("mw"))
            .unwrap_or(trimmed);
        let number: u32 = digits.parse().ok()?;
        Code::ALL.iter().copied().find(|code| {
            code.as_str()
                .get(2..)
                .and_then(|d| d.parse::<u32>().ok())
                .is_some_and(|n| n == number)
        })
    }
}

/// A labelled span in a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// What the label points at.
    pub span: Span,
    /// What this span is, in a few words (may be empty).
    pub message: String,
    /// Whether this is the primary label (the one the diagnostic is about).
    pub primary: bool,
}

/// One replacement of text: what a [`Fix`] changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The text replaced (empty to insert at its start).
    pub span: Span,
    /// What replaces it.
    pub replacement: String,
}

/// How sure a fix is: whether `mwc check --fix` may apply it unattended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// The edit does exactly what the help says and means what the user
    /// wrote (quotes removed around a duration, `True` as `true`, a legacy
    /// zone alias as its zone): `--fix` applies it.
    Safe,
    /// A likely edit a person should look at (a misspelt name's nearest
    /// match): offered by editors, never applied by `--fix`.
    Maybe,
}

/// An edit that would resolve a diagnostic, as the help proposes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What it does, for an editor's menu (`replace with \`schedule\``).
    pub message: String,
    /// The edits, in order, not overlapping.
    pub edits: Vec<Edit>,
    /// Whether `--fix` may apply it.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix that replaces `span` with `replacement`.
    pub fn replace(
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Fix {
        let replacement = replacement.into();
        Fix {
            message: format!("replace with `{replacement}`"),
            edits: vec![Edit { span, replacement }],
            applicability,
        }
    }

    /// A safe fix when `a` and `b` differ only in case, else a maybe.
    pub fn case_or_maybe(a: &str, b: &str) -> Applicability {
        if a.eq_ignore_ascii_case(b) {
            Applicability::Safe
        } else {
            Applicability::Maybe
        }
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Error, warning or advice.
    pub severity: Severity,
    /// What is wrong, lower case, code in backticks.
    pub message: String,
    /// The primary label first, then secondary ones.
    pub labels: Vec<Label>,
    /// What to do about it, when known.
    pub help: Option<String>,
    /// How many more problems of this code in this file this diagnostic
    /// stands for, beyond itself: nonzero only for the summary that ends a
    /// flood (see [`cap_floods`]).
    pub omitted: usize,
    /// Why the diagnostic has a severity other than its code's, when it
    /// does (`-D MW0314`, `--deny-warnings`).
    pub note: Option<String>,
    /// Edits that would resolve it, as its help proposes them.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `code` (with that code's severity) whose primary label is at `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            help: None,
            omitted: 0,
            note: None,
            fixes: Vec::new(),
        }
    }

    /// Sets the primary label's text.
    pub fn label(mut self, text: impl Into<String>) -> Diagnostic {
        if let Some(first) = self.labels.first_mut() {
            first.message = text.into();
        }
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: text.into(),
            primary: false,
        });
        self
    }

    /// Sets the help text.
    pub fn help(mut self, text: impl Into<String>) -> Diagnostic {
        self.help = Some(text.into());
        self
    }

    /// Adds a fix.
    pub fn fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    /// Adds a fix that replaces the primary span with `replacement`.
    pub fn fix_primary(
        self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Diagnostic {
        let span = self.span();
        self.fix(Fix::replace(span, replacement, applicability))
    }

    /// Overrides the severity (for example to turn a warning into an error).
    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The primary span.
    pub fn span(&self) -> Span {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
            .map(|l| l.span)
            .unwrap_or_default()
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// How many problems this diagnostic stands for: one, or more for the
    /// summary of a flood.
    pub fn count(&self) -> usize {
        1 + self.omitted
    }
}

/// How many diagnostics of one code are reported one by one in each file;
/// the rest become one summary, so that memory and output stay small
/// whatever the input (ten megabytes of NUL bytes are ten million invalid
/// characters).
pub const MAX_PER_CODE: usize = 50;

/// The summary of a flood: `count` diagnostics of `code` from `span` on
/// that are not reported one by one.
fn flood_summary(code: Code, severity: Severity, span: Span, count: usize) -> Diagnostic {
    let mut summary = Diagnostic::new(
        code,
        span,
        format!("{count} more of {code} ({}) in this file", code.title()),
    )
    .label("the first of them")
    .help(format!(
        "the first {MAX_PER_CODE} of each code in a file are reported one by one; fix those first (a flood often means the file is not a .mw program: a binary file, or text in another encoding)"
    ))
    .severity(severity);
    summary.omitted = count - 1;
    summary
}

/// Counts the diagnostics of each code found in one file, for a phase that
/// finds them one byte at a time (the scanner): it builds only those that
/// are reported one by one, and counts the rest into a summary.
#[derive(Debug)]
pub struct Tally {
    /// Per code (indexed as [`Code::ALL`]): how many were seen, and where the
    /// first one not reported one by one is.
    seen: Vec<(usize, Span)>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            seen: vec![(0, Span::default()); Code::ALL.len()],
        }
    }
}

impl Tally {
    /// Records a diagnostic of `code` at `span`; returns whether it is to be
    /// reported one by one (the caller builds it only then).
    pub fn report(&mut self, code: Code, span: Span) -> bool {
        let Some(entry) = self.seen.get_mut(code as usize) else {
            return true;
        };
        entry.0 += 1;
        if entry.0 == MAX_PER_CODE + 1 {
            entry.1 = span;
        }
        entry.0 <= MAX_PER_CODE
    }

    /// The summaries of the diagnostics counted and not reported.
    pub fn summaries(self) -> Vec<Diagnostic> {
        Code::ALL
            .iter()
            .zip(self.seen)
            .filter(|(_, (n, _))| *n > MAX_PER_CODE)
            .map(|(&code, (n, span))| flood_summary(code, code.severity(), span, n - MAX_PER_CODE))
            .collect()
    }
}

/// Keeps the first [`MAX_PER_CODE`] diagnostics of each code in each file
/// (in order of position) and replaces the rest by one summary at the first
/// of them, which counts them exactly ([`Diagnostic::omitted`]); earlier
/// summaries are merged, so capping twice changes nothing. Sorts and
/// deduplicates as [`sort_and_dedup`] does.
pub fn cap_floods(diagnostics: &mut Vec<Diagnostic>) {
    sort_and_dedup(diagnostics);
    let mut kept: HashMap<(FileId, Code), usize> = HashMap::new();
    // Per (file, code): the index in `out` of the diagnostic that becomes
    // the summary, and how many problems it stands for.
    let mut summaries: HashMap<(FileId, Code), (usize, usize)> = HashMap::new();
    let mut out = Vec::with_capacity(diagnostics.len().min(1024));
    for d in diagnostics.drain(..) {
        let key = (d.span().file, d.code);
        let n = kept.entry(key).or_insert(0);
        if *n < MAX_PER_CODE && d.omitted == 0 {
            *n += 1;
            out.push(d);
        } else if let Some((_, count)) = summaries.get_mut(&key) {
            *count += d.count();
        } else {
            summaries.insert(key, (out.len(), d.count()));
            out.push(d);
        }
    }
    for (index, count) in summaries.into_values() {
        let first = &out[index];
        if count > 1 || first.omitted > 0 {
            out[index] = flood_summary(first.code, first.severity, first.span(), count);
        }
    }
    *diagnostics = out;
}

/// A value from the input cut to a readable length for a message.
pub fn shorten(value: &str) -> String {
    if value.chars().count() <= 40 {
        value.to_string()
    } else {
        let head: String = value.chars().take(37).collect();
        format!("{head}...")
    }
}

/// Sorts diagnostics by (file, offset, code) and drops exact duplicates,
/// keeping the first of each (a twin need not be next to it: problems of a
/// schedule with escapes all point at the whole string).
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let (sa, sb) = (a.span(), b.span());
        (sa.file, sa.start, sa.end, a.code).cmp(&(sb.file, sb.start, sb.end, b.code))
    });
    let first: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(diagnostics.len());
        diagnostics.iter().map(|d| seen.insert(d)).collect()
    };
    let mut first = first.into_iter();
    diagnostics.retain(|_| first.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_go_even_when_apart() {
        let span = Span::default();
        let a = Diagnostic::new(Code::CronSyntax, span, "empty item");
        let b = Diagnostic::new(Code::CronSyntax, span, "`x` is not valid");
        let mut diagnostics = vec![a.clone(), b.clone(), a.clone(), b.clone()];
        sort_and_dedup(&mut diagnostics);
        assert_eq!(diagnostics, [a, b]);
    }

    #[test]
    fn codes_are_unique_sorted_and_in_their_phase_range() {
        let mut previous = 0;
        for code in Code::ALL {
            let n: u32 = code.as_str()[2..].parse().unwrap_or(0);
            assert!(n > previous, "{code} is out of order");
            previous = n;
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
    }

    fn at(file: u32, offset: usize, code: Code) -> Diagnostic {
        Diagnostic::new(code, Span::new(FileId(file), offset, offset + 1), "x")
    }

    fn total(diagnostics: &[Diagnostic]) -> usize {
        diagnostics.iter().map(Diagnostic::count).sum()
    }

    #[test]
    fn floods_are_capped_per_file_and_code_with_an_exact_count() {
        let mut diagnostics: Vec<Diagnostic> = (0..1_000)
            .flat_map(|i| {
                [
                    at(0, i, Code::InvalidCharacter),
                    at(1, i, Code::InvalidCharacter),
                    at(0, i, Code::UnmatchedDelimiter),
                ]
            })
            .collect();
        diagnostics.push(at(0, 5_000, Code::UnknownField));
        cap_floods(&mut diagnostics);
        assert_eq!(diagnostics.len(), 3 * (MAX_PER_CODE + 1) + 1);
        assert_eq!(total(&diagnostics), 3_001);
        let summary = &diagnostics
            .iter()
            .find(|d| d.omitted > 0 && d.code == Code::InvalidCharacter)
            .expect("a summary");
        assert_eq!(summary.span().start as usize, MAX_PER_CODE);
        assert_eq!(
            summary.message,
            "950 more of MW0009 (invalid character) in this file"
        );
        // Capping again, or with more of the same, keeps the count exact.
        let before = diagnostics.clone();
        cap_floods(&mut diagnostics);
        assert_eq!(diagnostics, before);
        diagnostics.extend((2_000..2_010).map(|i| at(0, i, Code::InvalidCharacter)));
        cap_floods(&mut diagnostics);
        assert_eq!(total(&diagnostics), 3_011);
    }

    #[test]
    fn one_past_the_cap_is_reported_as_it_is() {
        let mut diagnostics: Vec<Diagnostic> = (0..=MAX_PER_CODE)
            .map(|i| at(0, i, Code::UnknownField))
            .collect();
        let before = diagnostics.clone();
        cap_floods(&mut diagnostics);
        assert_eq!(diagnostics, before);
    }

    #[test]
    fn a_tally_builds_only_what_is_reported() {
        let mut tally = Tally::default();
        let reported = (0..200)
            .filter(|&i| tally.report(Code::InvalidCharacter, Span::point(FileId(0), i)))
            .count();
        assert_eq!(reported, MAX_PER_CODE);
        let summaries = tally.summaries();
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].count(), 200 - MAX_PER_CODE);
        assert_eq!(summaries[0].span().start as usize, MAX_PER_CODE);
    }

    #[test]
    fn every_code_links_to_its_page_in_the_repository() {
        for code in Code::ALL {
            let url = code.url();
            assert!(url.starts_with("https://github.com/"), "{url}");
            let page = url.rsplit("/blob/main/").next().unwrap_or("");
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
            assert!(path.is_file(), "{code}: no page at {}", path.display());
        }
    }

    #[test]
    fn every_code_has_an_explanation_with_examples() {
        for code in Code::ALL {
            let text = code.explanation();
            assert!(
                text.starts_with(&format!("# {code}")),
                "{code}: explanation must start with its heading"
            );
            assert!(text.contains("```mw"), "{code}: needs an example");
        }
    }
}
