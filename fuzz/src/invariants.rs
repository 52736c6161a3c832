//! What every input must satisfy, one function per fuzz target: run the
//! input through mwc's public API and panic when an invariant breaks.
//!
//! The fuzz targets call these functions, and `tests/fuzz_regressions.rs`
//! (in mwc's own tests, without libFuzzer) includes this file to replay the
//! saved findings under `fuzz/regressions/`. It depends on nothing but mwc
//! and mwc's own dependencies (`jiff`, `serde_json`).

use mwc::schedule::next::{Opening, Plan};
use mwc::{BuildOptions, Diagnostic, Severity, Sources, Timestamp};

/// The fixed "now" of the `check`, `build_outputs` and `mutate` targets: the
/// tests' 2026-11-23T00:00:00Z.
pub fn now() -> Timestamp {
    Timestamp::constant(1_795_392_000, 0)
}

/// How many diagnostics are rendered as miette reports per input (the JSON
/// lines render them all).
const HUMAN_REPORTS: usize = 16;

/// How many openings the `schedule` target asks for.
const OPENINGS: usize = 50;

/// Target `check`: arbitrary bytes as one file.
pub fn check(data: &[u8]) {
    let mut sources = Sources::new();
    sources.add_bytes("fuzz.mw", data.to_vec());
    let diagnostics = mwc::check_sources(&sources, now());
    diagnostics_are_sound(&sources, &diagnostics);
    renders(&sources, &diagnostics);
    prints_back(&sources);
}

/// `mwc fmt`'s printer on a file that parses: the print parses to the same
/// tree with the same comments, and printing it again changes nothing.
fn prints_back(sources: &Sources) {
    use mwc::syntax::{print, trivia::Trivia};
    let Some(source) = sources.iter().next() else {
        return;
    };
    let (file, diagnostics) = mwc::syntax::parse(source);
    if diagnostics.iter().any(Diagnostic::is_error) || source.invalid_utf8_at().is_some() {
        return;
    }
    let text = source.text();
    let trivia = Trivia::of(source.id(), text, source.content_start());
    let printed = print::print(&file, text, source.content_start(), &trivia);
    assert!(
        print::reprints(&file, text, &trivia, &printed),
        "the print is another program, or lost or moved a comment:\n{printed}"
    );
    let again = mwc::SourceFile::new(source.id(), "fuzz.mw", printed.as_str());
    assert_eq!(
        print::format(&again).ok().as_deref(),
        Some(printed.as_str()),
        "printing is not idempotent"
    );
}

/// Target `build_outputs`: the first two bytes choose the outputs and `--set`
/// values, the rest is the program.
pub fn build(data: &[u8]) {
    let (head, program) = data.split_at(data.len().min(2));
    let options = options(head.first().copied().unwrap_or(0xff));
    let mut settings = settings(head.get(1).copied().unwrap_or(0));
    // `--set` with any text must not panic; a later setting wins over ours.
    // (A first line `//set NAME=VALUE` is a comment to the program.)
    let first_line = program.split(|b| *b == b'\n').next().unwrap_or_default();
    if let Some(setting) = std::str::from_utf8(first_line)
        .ok()
        .and_then(|s| s.strip_prefix("//set "))
    {
        settings.push(setting);
    }
    let mut sources = Sources::new();
    sources.add_bytes("fuzz.mw", program.to_vec());
    if !settings.is_empty() {
        sources.add_settings(&settings);
    }
    builds(&sources, &options);
}

/// Target `mutate`: a whole program (a mutation of a valid one), checked,
/// then built with every output, the account and the Region set.
pub fn program(data: &[u8]) {
    check(data);
    let mut sources = Sources::new();
    sources.add_bytes("fuzz.mw", data.to_vec());
    sources.add_settings(&["account=123456789012", "region=us-east-1"]);
    builds(&sources, &BuildOptions::default());
}

/// The build options a fuzz input asks for: `outputs` bits 0–2 pick the
/// CloudFormation, SSM and IAM outputs, bit 3 denies warnings.
pub fn options(outputs: u8) -> BuildOptions {
    let mut options = BuildOptions::default();
    options.emit.cfn = outputs & 1 != 0;
    options.emit.ssm = outputs & 2 != 0;
    options.emit.iam = outputs & 4 != 0;
    options.levels.deny_warnings = outputs & 8 != 0;
    options
}

/// The `--set` arguments a fuzz input asks for: `set` picks an account, a
/// Region and a partition (two bits each), valid or not.
pub fn settings(set: u8) -> Vec<&'static str> {
    let accounts = [
        "",
        "account=123456789012",
        "account=12345",
        "account=000000000000",
    ];
    let regions = [
        "",
        "region=us-east-1",
        "region=cn-north-1",
        "region=us east",
    ];
    let partitions = [
        "",
        "partition=aws",
        "partition=aws-cn",
        "partition=aws-us-gov",
    ];
    [
        accounts[usize::from(set & 3)],
        regions[usize::from((set >> 2) & 3)],
        partitions[usize::from((set >> 4) & 3)],
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// `mwc::build` of `sources`: its diagnostics are sound, it emits exactly
/// when nothing blocks, every file is JSON ending in a newline at a safe
/// relative path of its own (even where case is ignored), the templates
/// refer only to what they hold, and a second build is identical.
pub fn builds(sources: &Sources, options: &BuildOptions) {
    let built = mwc::build(sources, now(), options);
    diagnostics_are_sound(sources, &built.diagnostics);
    // Under `deny_warnings` no warning is left: each is an error saying why.
    if options.levels.deny_warnings {
        assert!(
            built
                .diagnostics
                .iter()
                .all(|d| d.severity != Severity::Warning),
            "a warning under deny_warnings: {:?}",
            built.diagnostics
        );
    }
    let blocked = built.diagnostics.iter().any(|d| d.is_error());
    assert_eq!(
        built.files.is_none(),
        blocked,
        "files are emitted exactly when no diagnostic blocks the build: {:?}",
        built.diagnostics
    );
    let files = built.files.unwrap_or_default();
    let mut paths = std::collections::BTreeSet::new();
    for file in &files {
        assert!(
            path_is_safe(&file.path),
            "unsafe output path {:?}",
            file.path
        );
        // Twice, or twice where the file system ignores case.
        assert!(
            paths.insert(file.path.to_ascii_lowercase()),
            "{} written twice",
            file.path
        );
        assert!(
            file.text.ends_with('\n'),
            "{} does not end in a newline",
            file.path
        );
        match serde_json::from_str::<serde_json::Value>(&file.text) {
            Ok(doc) => template_refers_to_its_own(&file.path, &doc),
            Err(e) => panic!("{} is not JSON: {e}\n{}", file.path, file.text),
        }
    }
    if !files.is_empty() {
        let again = mwc::build(sources, now(), options);
        assert!(
            again.files.as_ref() == Some(&files) && again.diagnostics == built.diagnostics,
            "a second build differs"
        );
    }
}

/// In a CloudFormation template, every `Ref`, `Fn::GetAtt`, `${...}` of
/// `Fn::Sub` and `DependsOn` names a resource or parameter of the same
/// template (or a pseudo parameter).
fn template_refers_to_its_own(path: &str, doc: &serde_json::Value) {
    use serde_json::Value;
    let Some(resources) = doc.get("Resources").and_then(Value::as_object) else {
        return;
    };
    let parameters = doc.get("Parameters").and_then(Value::as_object);
    let known = |id: &str| {
        id.starts_with("AWS::")
            || resources.contains_key(id)
            || parameters.is_some_and(|p| p.contains_key(id))
    };
    let mut missing = Vec::new();
    let mut stack = vec![doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (key, v) in map {
                    let mut names: Vec<&str> = Vec::new();
                    match (key.as_str(), v) {
                        ("Ref", Value::String(id)) => names.push(id),
                        ("Fn::GetAtt", Value::Array(parts)) => {
                            names.extend(parts.first().and_then(Value::as_str));
                        }
                        ("DependsOn", Value::String(id)) => names.push(id),
                        ("DependsOn", Value::Array(ids)) => {
                            names.extend(ids.iter().filter_map(Value::as_str));
                        }
                        ("Fn::Sub", Value::String(text)) => {
                            let mut rest = text.as_str();
                            while let Some(at) = rest.find("${") {
                                rest = &rest[at + 2..];
                                let end = rest.find('}').unwrap_or(rest.len());
                                let name = &rest[..end];
                                if !name.starts_with('!') {
                                    names.push(name.split('.').next().unwrap_or(name));
                                }
                            }
                        }
                        _ => {}
                    }
                    missing.extend(names.into_iter().filter(|n| !known(n)));
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    assert!(
        missing.is_empty(),
        "{path} refers to no resource {missing:?}"
    );
}

/// A relative path of plain components: nothing `mwc build -o DIR` could
/// write outside `DIR`.
fn path_is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', ':', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Every label lies in its file, on character boundaries; every diagnostic
/// says something; they are sorted and none is repeated; a file that is not
/// UTF-8 is reported exactly once.
pub fn diagnostics_are_sound(sources: &Sources, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(!d.message.is_empty(), "{} without a message", d.code);
        assert!(!d.labels.is_empty(), "{} without a label", d.code);
        for label in &d.labels {
            let span = label.span;
            assert!(
                (span.file.0 as usize) < sources.len(),
                "{}: label in unknown file {:?}",
                d.code,
                span.file
            );
            let text = sources.get(span.file).text();
            assert!(
                span.start <= span.end
                    && (span.end as usize) <= text.len()
                    && text.is_char_boundary(span.start as usize)
                    && text.is_char_boundary(span.end as usize),
                "{}: label {}..{} is not a range of characters of a {}-byte file ({})",
                d.code,
                span.start,
                span.end,
                text.len(),
                d.message
            );
        }
    }
    // Sorted by file, offset and code, each reported once.
    let key = |d: &Diagnostic| {
        let span = d.span();
        (span.file, span.start, span.end, d.code)
    };
    for (i, pair) in diagnostics.windows(2).enumerate() {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "diagnostics out of order: {} after {}",
            pair[1].code,
            pair[0].code
        );
        let same_place = diagnostics[i + 1..]
            .iter()
            .take_while(|d| key(d) == key(&pair[0]));
        for later in same_place {
            assert!(later != &pair[0], "reported twice: {:?}", pair[0]);
        }
    }
    for file in sources.iter() {
        let reports = diagnostics
            .iter()
            .filter(|d| d.code == mwc::Code::InvalidUtf8 && d.span().file == file.id())
            .count();
        let expected = usize::from(file.invalid_utf8_at().is_some());
        assert_eq!(reports, expected, "bad UTF-8 reported {reports} times");
    }
}

/// The JSON lines are one JSON object per diagnostic; the first reports
/// render as miette's graphical report without falling back.
fn renders(sources: &Sources, diagnostics: &[Diagnostic]) {
    let lines = mwc::render::json::render_all(diagnostics, sources);
    assert_eq!(
        lines.lines().count(),
        diagnostics.len(),
        "one JSON line per diagnostic"
    );
    for line in lines.lines() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
            panic!("not a JSON line ({e}): {line}");
        }
    }
    for d in diagnostics.iter().take(HUMAN_REPORTS) {
        let text = mwc::render::human::render(d, sources, mwc::render::human::Style::Plain, 100);
        // The fallback for a span outside its file is one line.
        assert!(
            text.lines().count() > 1,
            "the report of {} fell back: {text}",
            d.code
        );
    }
}

/// Time zones for the `schedule` target: UTC, zones with daylight saving
/// (an hour, half an hour, at midnight, in either hemisphere), far from
/// UTC, and with odd offsets.
const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Havana",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Asia/Kathmandu",
    "Antarctica/Troll",
    "Africa/Casablanca",
    "America/St_Johns",
    "Asia/Tehran",
    "Pacific/Apia",
    "Europe/Dublin",
];

/// Target `schedule`: 14 header bytes (how to pick `--from`, its 8 bytes,
/// the zone, duration, cutoff, offset and active period), then the
/// schedule as written. Parsed directly and through a program's window.
pub fn schedule(data: &[u8]) {
    let mut head = [0u8; 14];
    let n = data.len().min(head.len());
    head[..n].copy_from_slice(&data[..n]);
    let text = String::from_utf8_lossy(&data[n..]);
    let mut bits = [0u8; 8];
    bits.copy_from_slice(&head[1..9]);
    let from = instant(head[0], u64::from_le_bytes(bits));
    let zone = ZONES[usize::from(head[9]) % ZONES.len()];
    let duration = i64::from(head[10] % 24) + 1;
    let cutoff = i64::from(head[11]) % duration;
    let offset = i64::from(head[12] % 7);
    let period = head[13];
    let days = |k: u8, scale: i64, bias: i64| {
        from.checked_add(jiff::SignedDuration::from_hours(
            24 * (i64::from(k) * scale - bias),
        ))
        .ok()
    };
    let start = (period & 1 != 0)
        .then(|| days((period >> 2) & 7, 40, 100))
        .flatten();
    let end = (period & 2 != 0)
        .then(|| days(period >> 5, 200, 10))
        .flatten();

    let parsed = mwc::schedule::parse(&text);
    for p in &parsed.problems {
        assert!(
            p.range.start <= p.range.end
                && p.range.end <= text.len()
                && text.is_char_boundary(p.range.start)
                && text.is_char_boundary(p.range.end),
            "{}: range {:?} is not a range of characters of {text:?}",
            p.code,
            p.range
        );
    }
    let has_error = parsed.problems.iter().any(|p| p.is_error());
    assert_eq!(
        parsed.schedule.is_some(),
        !has_error,
        "a schedule exactly when there is no error: {:?}",
        parsed.problems
    );
    if parsed.friendly {
        if let Some(schedule) = &parsed.schedule {
            let again = mwc::schedule::parse_expression(&parsed.expression);
            assert_eq!(
                again.schedule.as_ref(),
                Some(schedule),
                "{text:?} lowers to {:?}",
                parsed.expression
            );
        }
    } else {
        assert_eq!(parsed.expression, text, "an expression is kept as written");
    }
    if let Some(schedule) = &parsed.schedule {
        let _ = mwc::schedule::describe::describe(schedule, offset, zone);
        let Ok(tz) = jiff::tz::db().get(zone) else {
            panic!("the bundled database has no {zone}");
        };
        let plan = Plan {
            schedule,
            tz,
            offset_days: offset,
            start,
            end,
            duration_hours: duration,
            cutoff_hours: cutoff,
        };
        let openings = plan.next(from, OPENINGS);
        openings_are_sound(&openings, from, start, end, duration, cutoff);
    }

    // The same schedule in a window, checked with `from` as "now".
    let mut program = format!(
        "window W {{\n  schedule = \"{}\"\n  timezone = \"{zone}\"\n  duration = {duration}h\n  cutoff = {cutoff}h\n",
        escape(&text)
    );
    if offset > 0 {
        program.push_str(&format!("  offset = {offset}d\n"));
    }
    for (field, date) in [("start_date", start), ("end_date", end)] {
        if let Some(date) = date {
            program.push_str(&format!("  {field} = \"{date}\"\n"));
        }
    }
    program.push_str("}\n");
    let mut sources = Sources::new();
    sources.add("schedule.mw", program);
    let windows = mwc::with_program(&sources, from, |checked| {
        diagnostics_are_sound(&sources, checked.diagnostics());
        let windows: Vec<_> = checked
            .program()
            .windows
            .iter()
            .filter_map(|w| w.openings(from, OPENINGS))
            .collect();
        let written =
            |t: Option<mwc::model::Text<'_>>| t.and_then(|t| t.value.parse::<Timestamp>().ok());
        for (w, o) in checked.program().windows.iter().zip(&windows) {
            openings_are_sound(
                &o.next,
                from,
                written(w.start_date),
                written(w.end_date),
                w.duration.value,
                w.cutoff.value,
            );
        }
        windows
    });
    let json = mwc::render::schedule::json(&windows);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("`mwc schedule --format json` is not JSON ({e}): {json}");
    }
    let _ = mwc::render::schedule::text(&windows);
}

/// An instant from 8 bytes: `mode` 0 near the end of the supported range
/// (9999-12-30), 1 within 40 years of the fixed now, 2 near its start
/// (year -9999), otherwise anywhere in it.
pub fn instant(mode: u8, bits: u64) -> Timestamp {
    let (min, max) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    const YEARS_40: u64 = 40 * 366 * 86_400;
    let second = match mode % 4 {
        0 => max - (bits % YEARS_40) as i64,
        1 => now().as_second() + (bits % (2 * YEARS_40)) as i64 - YEARS_40 as i64,
        2 => min + (bits % YEARS_40) as i64,
        _ => min + (bits % (max - min + 1) as u64) as i64,
    };
    Timestamp::from_second(second).unwrap_or(now())
}

/// Openings after `from`, strictly increasing, inside the active period,
/// each closing `duration` hours after it opens and cutting off `cutoff`
/// hours before that.
fn openings_are_sound(
    openings: &[Opening],
    from: Timestamp,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    duration: i64,
    cutoff: i64,
) {
    assert!(openings.len() <= OPENINGS, "more openings than asked for");
    let mut last: Option<Timestamp> = None;
    for o in openings {
        let at = o.start.timestamp();
        assert!(at > from, "an opening at {at}, not after {from}");
        assert!(
            last.is_none_or(|l| at > l),
            "openings not increasing: {at} after {last:?}"
        );
        assert!(
            start.is_none_or(|s| at >= s),
            "{at} before the start date {start:?}"
        );
        assert!(
            end.is_none_or(|e| at <= e),
            "{at} after the end date {end:?}"
        );
        let open = o.end.timestamp().as_second() - at.as_second();
        assert_eq!(
            open,
            duration * 3_600,
            "opening at {at} closes at {}",
            o.end
        );
        let cut = o.end.timestamp().as_second() - o.cutoff.timestamp().as_second();
        assert_eq!(
            cut,
            cutoff * 3_600,
            "opening at {at} cuts off at {}",
            o.cutoff
        );
        last = Some(at);
    }
}

/// `text` as the inside of a `.mw` string literal.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}
