//! The structure-aware mutator of the `mutate` target: edits of a `.mw`
//! program at the level of its tokens, lines and blocks, with the
//! language's words and values, so that most mutants still parse and reach
//! the checker's rules and the emitters. Deterministic for a given seed.

use mwc::schema::{self, BlockSchema, Field, Type};

/// The valid programs the mutator starts from and splices in: every
/// `examples/*.mw` and `tests/fixtures/ok/*.mw` (listed by `build.rs`).
pub const SEEDS: &[&str] = include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// Words of the language besides the schema's block kinds and field names.
const WORDS: &[&str] = &[
    "=",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\"",
    "//",
    "/*",
    "*/",
    "true",
    "false",
    "window",
    "role",
    "target",
    "task",
    "cron(",
    "rate(",
    "at(",
    ")",
    "param",
    "template",
    "use",
    "for",
    "in",
    "import",
    "${",
    "$${",
    "type",
    "default",
    "allowed",
    "min",
    "max",
    "description",
    "string",
    "number",
    "duration",
    "percentage",
    "boolean",
    "list",
    "map",
];

/// Values a field may be given, right or wrong.
const VALUES: &[&str] = &[
    "\"cron(0 2 ? * * *)\"",
    "\"cron(0 16 ? * TUE#3 *)\"",
    "\"cron(0 0 29 2 ? *)\"",
    "\"cron(0 2 L * ? 2027)\"",
    "\"cron(*/1 * * * ? *)\"",
    "\"cron(0 2 15W * ? *)\"",
    "\"cron(59 23 31 12 ? 9999)\"",
    "\"cron(0 0 1 1 ? 1970-2199)\"",
    "\"rate(5 minutes)\"",
    "\"rate(1 minute)\"",
    "\"rate(4294967295 days)\"",
    "\"at(2027-03-14T02:30:00)\"",
    "\"at(9999-12-31T23:59:59)\"",
    "\"at(0000-01-01T00:00:00)\"",
    "\"every day at 02:00\"",
    "\"every weekday at 02:00\"",
    "\"every Tuesday and Thursday at 22:30\"",
    "\"every 30 minutes\"",
    "\"second Tuesday of every month at 02:00\"",
    "\"last Friday of every month at 23:00\"",
    "\"last day of every month at 02:00\"",
    "\"once at 2026-12-24T22:00\"",
    "\"America/New_York\"",
    "\"Australia/Lord_Howe\"",
    "\"Mars/Olympus\"",
    "\"2027-01-01T00:00:00-05:00\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"2020-01-01T00:00:00Z\"",
    "\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"",
    "\"arn:aws:iam::123456789012:role/Existing\"",
    "\"arn:aws:sns:us-east-1:123456789012:topic\"",
    "\"arn:aws:lambda:us-east-1:123456789012:function:SSMFunction\"",
    "\"arn:aws:states:us-east-1:123456789012:stateMachine:SSMMachine\"",
    "\"i-0123456789abcdef0\"",
    "\"AWS-RunPatchBaseline\"",
    "\"$LATEST\"",
    "\"$DEFAULT\"",
    "\"CONTINUE_TASK\"",
    "\"\"",
    "\"\\u{1F600}\\n\\t\\\"\"",
    "\"\\u{110000}\"",
    "\"caf\u{e9}\"",
    "0",
    "1",
    "-1",
    "24",
    "25",
    "10%",
    "100%",
    "101%",
    "0h",
    "3h",
    "24h",
    "2d",
    "7d",
    "600s",
    "10m",
    "99999999999999999999",
    "9223372036854775808",
    "1.5",
    "true",
    "false",
    "[]",
    "[\"a\", \"a\"]",
    "{}",
    "{ Key = \"value\" }",
    "{ groups = [\"Administrators\"] }",
    "{ Operation = [\"Install\", \"Scan\"] }",
    "{ topic = \"arn:aws:sns:us-east-1:123456789012:t\", events = [\"All\"] }",
    "\"${env}-web\"",
    "\"${zone.az}\"",
    "\"$${HOME}\"",
    "\"${\"",
    "zones",
    "zone.az",
    "[{ az = \"a\" }, { az = \"b\" }]",
    "[{ az = \"a\" }, { az = \"a\" }]",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
];

/// Every block kind, field name and enumerated value of the schema table,
/// with the language's punctuation, keywords and friendly phrases: the
/// words of `fuzz/mw.dict`.
pub fn words() -> Vec<String> {
    let mut out: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    fn fields(list: &[Field], out: &mut Vec<String>) {
        for f in list {
            out.push(f.name.to_string());
            match f.ty {
                Type::Record(inner) => fields(inner, out),
                Type::Enum(choices) | Type::EnumList(choices) => {
                    out.extend(choices.iter().map(|c| format!("\"{c}\"")));
                }
                _ => {}
            }
        }
    }
    let blocks: Vec<&BlockSchema> = std::iter::once(&schema::TOP)
        .chain(schema::ALL_BLOCKS.iter().copied())
        .collect();
    for b in blocks {
        if b.kind != schema::Kind::Top {
            out.push(b.kind.to_string());
        }
        fields(b.fields, &mut out);
    }
    out.extend(VALUES.iter().map(|v| v.to_string()));
    let mut seen = std::collections::HashSet::new();
    out.retain(|w| seen.insert(w.clone()));
    out
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn new(seed: u32) -> Rng {
        Rng(u64::from(seed).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// One token of the text: its byte range and kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Str,
    Punct,
}

/// Splits text into words, numbers (with their unit), strings and
/// punctuation; spaces, comments and anything else are left out.
fn tokens(text: &str) -> Vec<(usize, usize, Kind)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        let kind = if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            Kind::Str
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'%' || b[i] == b'.') {
                i += 1;
            }
            Kind::Number
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
                i += 1;
            }
            Kind::Word
        } else if b"{}[]=,".contains(&c) {
            i += 1;
            Kind::Punct
        } else {
            i += 1;
            continue;
        };
        if text.is_char_boundary(start) && text.is_char_boundary(i) {
            out.push((start, i, kind));
        }
    }
    out
}

/// Line ranges (without their `\n`).
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

/// The byte range of a balanced `{ ... }` stretch starting at the line of
/// `open` (a `{`), through the line of its `}`.
fn block_at(text: &str, open: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'\n' => in_string = false,
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    let start = text[..open].rfind('\n').map_or(0, |n| n + 1);
                    let end = text[i..].find('\n').map_or(text.len(), |n| i + n + 1);
                    return Some((start, end));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A random balanced block of `text`.
fn some_block(text: &str, rng: &mut Rng) -> Option<(usize, usize)> {
    let opens: Vec<usize> = tokens(text)
        .into_iter()
        .filter(|(s, _, k)| *k == Kind::Punct && text.as_bytes()[*s] == b'{')
        .map(|(s, _, _)| s)
        .collect();
    block_at(text, *rng.pick(&opens)?)
}

/// One structured mutation of `input`, or None when none applies (the
/// caller then falls back to libFuzzer's byte-level mutations).
pub fn mutate(input: &[u8], seed: u32, max_size: usize) -> Option<Vec<u8>> {
    let mut rng = Rng::new(seed);
    let text = match std::str::from_utf8(input) {
        Ok(text) if !text.trim().is_empty() => text.to_string(),
        // Start from a valid program.
        _ => {
            return rng
                .pick(SEEDS)
                .filter(|s| s.len() <= max_size)
                .map(|s| s.as_bytes().to_vec());
        }
    };
    static WORDS_ONCE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = WORDS_ONCE.get_or_init(words);
    let mut out = text.clone();
    for _ in 0..=rng.below(3) {
        if let Some(next) = once(&out, words, &mut rng) {
            out = next;
        }
    }
    if out == text || out.len() > max_size {
        return None;
    }
    Some(out.into_bytes())
}

/// One edit.
fn once(text: &str, words: &[String], rng: &mut Rng) -> Option<String> {
    let toks = tokens(text);
    let lns = lines(text);
    let mut out = text.to_string();
    match rng.below(12) {
        // Replace a token with a word of the language.
        0 => {
            let (s, e, _) = *rng.pick(&toks)?;
            out.replace_range(s..e, rng.pick(words)?);
        }
        // Insert a word.
        1 => {
            let (s, _, _) = *rng.pick(&toks)?;
            out.insert_str(s, &format!("{} ", rng.pick(words)?));
        }
        // Replace a value (string or number) with another value.
        2 => {
            let values: Vec<_> = toks
                .iter()
                .filter(|t| t.2 == Kind::Str || t.2 == Kind::Number)
                .collect();
            let (s, e, _) = **rng.pick(&values)?;
            out.replace_range(s..e, rng.pick(VALUES)?);
        }
        // Set a field of the schema to some value on a new line.
        3 => {
            let (s, _) = *rng.pick(&lns)?;
            let field = rng.pick(words)?;
            let value = rng.pick(VALUES)?;
            out.insert_str(s, &format!("  {field} = {value}\n"));
        }
        // Delete, duplicate or swap lines.
        4 => {
            let (s, e) = *rng.pick(&lns)?;
            out.replace_range(s..(e + 1).min(text.len()), "");
        }
        5 => {
            let (s, e) = *rng.pick(&lns)?;
            out.insert_str(s, &format!("{}\n", &text[s..e]));
        }
        6 => {
            let (a, b) = (*rng.pick(&lns)?, *rng.pick(&lns)?);
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first == second {
                return None;
            }
            out = format!(
                "{}{}{}{}{}",
                &text[..first.0],
                &text[second.0..second.1],
                &text[first.1..second.0],
                &text[first.0..first.1],
                &text[second.1..]
            );
        }
        // Delete or duplicate a block.
        7 => {
            let (s, e) = some_block(text, rng)?;
            out.replace_range(s..e, "");
        }
        8 => {
            let (s, e) = some_block(text, rng)?;
            let at = rng.pick(&lns)?.0;
            out.insert_str(at, &text[s..e]);
        }
        // Bring in a block or a line of a seed program.
        9 => {
            let seed = rng.pick(SEEDS)?;
            let (s, e) = some_block(seed, rng)?;
            let at = rng.pick(&lns)?.0;
            out.insert_str(at, &seed[s..e]);
        }
        10 => {
            let seed = rng.pick(SEEDS)?;
            let (s, e) = *rng.pick(&lines(seed))?;
            let at = rng.pick(&lns)?.0;
            out.insert_str(at, &format!("{}\n", &seed[s..e]));
        }
        // Rename: one identifier takes the spelling of another (a duplicate,
        // a dangling or a misspelt reference).
        _ => {
            let names: Vec<_> = toks.iter().filter(|t| t.2 == Kind::Word).collect();
            let (s, e, _) = **rng.pick(&names)?;
            let (s2, e2, _) = **rng.pick(&names)?;
            let mut name = text[s2..e2].to_string();
            if rng.below(2) == 0 && name.len() > 1 {
                // A misspelling: two letters swapped.
                let i = rng.below(name.len() - 1);
                let mut bytes = name.into_bytes();
                bytes.swap(i, i + 1);
                name = String::from_utf8(bytes).ok()?;
            }
            out.replace_range(s..e, &name);
        }
    }
    Some(out)
}
