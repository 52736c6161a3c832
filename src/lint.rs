//! Lint levels: which warnings are reported, and how.
//!
//! Two sources decide, in this order:
//!
//! 1. **In the file**, a comment `// mwc: allow(MW0314) reason` allows the
//!    codes it names for one item: on a line of its own, for the item (block
//!    or field) that follows; at the end of a line, for the item that begins
//!    on that line. The reason is required. An allow that suppresses nothing
//!    is reported ([`Code::UnusedAllow`]), and so is one naming an error
//!    ([`Code::AllowError`]): errors cannot be allowed.
//! 2. **On the command line**, [`Levels`]: `-A CODE` allows a warning
//!    everywhere, `-W CODE` keeps it a warning (even under
//!    `--deny-warnings`), `-D CODE` makes it an error; `--deny-warnings`
//!    makes every other warning an error. A warning made an error says why
//!    in its [`Diagnostic::note`].
//!
//! The comments are found by one pass over each file's text that knows
//! strings and comments ([`directives`]); each is tied to its item by a
//! descent of the syntax tree, and each diagnostic to the allows around it by
//! a binary search and a walk up the (shallow) chain of enclosing allows:
//! the cost is linear in the text plus `n log n` in the diagnostics.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::{FileId, Span};
use crate::syntax::ast::{File, Item};
use std::collections::HashMap;

/// What the command line asks of one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported (`-A`).
    Allow,
    /// Reported as a warning (`-W`), whatever `--deny-warnings` says.
    Warn,
    /// Reported as an error (`-D`): the run fails.
    Deny,
}

impl Level {
    /// The flag that sets this level.
    pub fn flag(self) -> &'static str {
        match self {
            Level::Allow => "-A",
            Level::Warn => "-W",
            Level::Deny => "-D",
        }
    }
}

/// The command line's lint levels: per code (the last flag for a code wins)
/// and `--deny-warnings` for every warning no flag names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    by_code: HashMap<Code, Level>,
    /// Every warning without a level of its own is an error.
    pub deny_warnings: bool,
}

impl Levels {
    /// No levels: every code as it is.
    pub fn new() -> Levels {
        Levels::default()
    }

    /// Sets the level of `code`. An error cannot be allowed or made a
    /// warning: the message says so.
    pub fn set(&mut self, code: Code, level: Level) -> Result<(), String> {
        if code.severity() == Severity::Error && level != Level::Deny {
            return Err(format!(
                "`{} {code}`: {code} ({}) is an error, and errors cannot be {}",
                level.flag(),
                code.title(),
                match level {
                    Level::Allow => "allowed",
                    _ => "made warnings",
                }
            ));
        }
        self.by_code.insert(code, level);
        Ok(())
    }

    /// The level set for `code`, if any.
    pub fn get(&self, code: Code) -> Option<Level> {
        self.by_code.get(&code).copied()
    }

    /// Applies the levels: drops allowed diagnostics, turns denied ones into
    /// errors with a note saying why.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.by_code.is_empty() && !self.deny_warnings {
            return;
        }
        diagnostics.retain_mut(|d| {
            if d.severity == Severity::Error {
                return true;
            }
            match self.get(d.code) {
                Some(Level::Allow) => false,
                Some(Level::Warn) => {
                    d.severity = Severity::Warning;
                    true
                }
                Some(Level::Deny) => {
                    d.note = Some(format!(
                        "an error because of `-D {}` on the command line",
                        d.code
                    ));
                    d.severity = Severity::Error;
                    true
                }
                None => {
                    if self.deny_warnings && d.severity == Severity::Warning {
                        d.note = Some("a warning, made an error by `--deny-warnings`".into());
                        d.severity = Severity::Error;
                    }
                    true
                }
            }
        });
    }
}

/// One `// mwc: allow(...)` comment of a file.
#[derive(Debug, Clone)]
pub struct Directive {
    /// The codes it allows, each with where it is written.
    pub codes: Vec<(Code, Span)>,
    /// The whole comment.
    pub span: Span,
    /// Whether code precedes it on its line (it then applies to the item
    /// that begins on that line, not to the next one).
    pub trailing: bool,
}

/// What a comment starting with `// mwc:` must hold.
const FORM: &str =
    "write `// mwc: allow(MW0314) why it is intended`, with one or more codes separated by commas";

/// The `// mwc:` comments of a file: the directives, and diagnostics for
/// those that are not well formed (MW0803) or that name an error (MW0802).
pub fn directives(file: FileId, text: &str) -> (Vec<Directive>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Whether something other than blanks precedes `i` on its line.
    let mut code_on_line = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                code_on_line = false;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'"' => {
                // Strings stay on one line; an unterminated one is the
                // scanner's to report.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                code_on_line = true;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr_line_end(bytes, i);
                let comment = &text[i..end];
                if let Some(rest) = comment.strip_prefix("//").map(str::trim_start)
                    && let Some(body) = rest.strip_prefix("mwc:")
                {
                    let body_at = end - body.len();
                    match parse(file, body, body_at, &mut diags) {
                        Some(codes) if !codes.is_empty() => found.push(Directive {
                            codes,
                            span: Span::new(file, i, end),
                            trailing: code_on_line,
                        }),
                        _ => {}
                    }
                }
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let close = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |at| i + 4 + at);
                if text[i..close].contains('\n') {
                    code_on_line = false;
                }
                i = close;
            }
            _ => {
                code_on_line = true;
                i += 1;
            }
        }
    }
    (found, diags)
}

fn memchr_line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| from + p)
}

/// Parses what follows `mwc:`; `at` is its byte offset. Returns the codes
/// that may be allowed (None when the comment is malformed, reported).
fn parse(
    file: FileId,
    body: &str,
    at: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(Code, Span)>> {
    let whole = Span::new(file, at, at + body.len());
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let Some(args) = rest.strip_prefix("allow(") else {
        let word_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-')
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        let span = if word.is_empty() {
            whole
        } else {
            Span::new(file, at + lead, at + lead + word_end)
        };
        let what = if word.is_empty() {
            "an `mwc:` comment without a directive".to_string()
        } else {
            format!("`{word}` is not an `mwc:` directive")
        };
        diags.push(
            Diagnostic::new(Code::MalformedDirective, span, what)
                .label("mwc reads comments that start with `mwc:`")
                .help(format!(
                    "{FORM}; `mwc:` comments allow a warning for one item (a plain comment must not start with `mwc:`)"
                )),
        );
        return None;
    };
    let args_at = at + lead + "allow(".len();
    let Some(close) = args.find(')') else {
        diags.push(
            Diagnostic::new(Code::MalformedDirective, whole, "`allow(` is not closed").help(FORM),
        );
        return None;
    };
    let reason = args[close + 1..].trim();
    let mut codes = Vec::new();
    let mut ok = true;
    let mut offset = 0;
    for part in args[..close].split(',') {
        let start = args_at + offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        let name = part.trim();
        let span = Span::new(file, start, start + name.len());
        if name.is_empty() {
            diags.push(
                Diagnostic::new(Code::MalformedDirective, span, "a code is missing")
                    .label("no code here")
                    .help(FORM),
            );
            ok = false;
            continue;
        }
        match exact_code(name) {
            None => {
                diags.push(
                    Diagnostic::new(
                        Code::MalformedDirective,
                        span,
                        format!("`{name}` is not a diagnostic code"),
                    )
                    .label("not a code")
                    .help("codes are written as `MW` and four digits, such as `MW0314`; `mwc explain` lists them"),
                );
                ok = false;
            }
            Some(code) if code.severity() == Severity::Error => {
                diags.push(
                    Diagnostic::new(
                        Code::AllowError,
                        span,
                        format!("{code} ({}) is an error and cannot be allowed", code.title()),
                    )
                    .label("an error")
                    .help(format!(
                        "only warnings and advice can be allowed; an error means AWS would refuse the program or it would not do what it says: fix it (`mwc explain {code}`)"
                    )),
                );
            }
            Some(code) => codes.push((code, span)),
        }
    }
    if reason.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::MalformedDirective,
                whole,
                "an allow without a reason",
            )
            .label("says what, not why")
            .help("write why the warning is intended after the parenthesis, such as `// mwc: allow(MW0314) the runs are meant to overlap`: the next reader needs it"),
        );
        ok = false;
    }
    ok.then_some(codes)
}

/// The code named exactly `MW` and four digits (no other spelling: a
/// directive is read by people searching for the code).
fn exact_code(name: &str) -> Option<Code> {
    let digits = name.strip_prefix("MW")?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Code::ALL.iter().copied().find(|c| c.as_str() == name)
}

/// The item a directive applies to, in `items` (a file's, sorted): for a
/// directive on its own line, the next item after it; for one at the end of
/// a line, the outermost item that begins on that line before it.
fn item_for(items: &[Item<'_>], directive: &Directive, line_start: usize) -> Option<Span> {
    let (from, before) = if directive.trailing {
        (line_start, directive.span.start as usize)
    } else {
        (directive.span.end as usize, usize::MAX)
    };
    let mut level = items;
    loop {
        let idx = level.partition_point(|it| (it.span().end as usize) <= from);
        let item = level.get(idx)?;
        let span = item.span();
        if span.start as usize >= from {
            return ((span.start as usize) < before).then_some(span);
        }
        // The position is inside this item: look among its children.
        level = match item {
            Item::Block(b) => &b.items,
            Item::For(f) => &f.items,
            Item::Assignment(_) | Item::Import(_) => return None,
        };
    }
}

/// One allowed code over one item.
#[derive(Debug, Clone)]
struct Scope {
    file: FileId,
    start: u32,
    end: u32,
    code: Code,
    /// Where the code is written in the comment.
    at: Span,
    /// The nearest scope of the same code and file that contains this one.
    parent: Option<usize>,
    used: bool,
}

/// The allows of a program's files.
#[derive(Debug, Default)]
pub struct Allows {
    /// Sorted by (code, file, start, end descending).
    scopes: Vec<Scope>,
    /// Allows that apply to no item at all: reported unused.
    dangling: Vec<(Code, Span)>,
}

impl Allows {
    /// Finds the directives of each parsed file and ties each to its item.
    /// Diagnostics of malformed directives go to `diags`.
    pub fn find<'t>(
        files: &[&File<'_>],
        text_of: impl Fn(FileId) -> &'t str,
    ) -> (Allows, Vec<Diagnostic>) {
        let mut allows = Allows::default();
        let mut diags = Vec::new();
        for file in files {
            let text = text_of(file.file);
            if !text.contains("mwc:") {
                continue;
            }
            let (found, problems) = directives(file.file, text);
            diags.extend(problems);
            for directive in found {
                let start = directive.span.start as usize;
                let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
                match item_for(&file.items, &directive, line_start) {
                    Some(span) => {
                        for (code, at) in directive.codes {
                            allows.scopes.push(Scope {
                                file: file.file,
                                start: span.start,
                                end: span.end,
                                code,
                                at,
                                parent: None,
                                used: false,
                            });
                        }
                    }
                    None => allows.dangling.extend(directive.codes),
                }
            }
        }
        allows.scopes.sort_by(|a, b| {
            (a.code, a.file, a.start, std::cmp::Reverse(a.end)).cmp(&(
                b.code,
                b.file,
                b.start,
                std::cmp::Reverse(b.end),
            ))
        });
        // Parents: a sweep with the stack of open scopes of one code and file.
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..allows.scopes.len() {
            let s = &allows.scopes[i];
            while let Some(&top) = stack.last() {
                let t = &allows.scopes[top];
                if t.code == s.code && t.file == s.file && t.end >= s.end && t.start <= s.start {
                    break;
                }
                stack.pop();
            }
            allows.scopes[i].parent = stack.last().copied();
            stack.push(i);
        }
        (allows, diags)
    }

    /// Whether there are no allows at all.
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty() && self.dangling.is_empty()
    }

    /// Drops the diagnostics an allow covers (never an error), marking that
    /// allow used.
    pub fn apply(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        if self.scopes.is_empty() {
            return;
        }
        let scopes = &mut self.scopes;
        diagnostics.retain(|d| {
            if d.severity == Severity::Error {
                return true;
            }
            let span = d.span();
            let key = (d.code, span.file, span.start);
            // The last scope of this code and file starting at or before the
            // diagnostic; the innermost one holding it is that one or one of
            // its ancestors.
            let after = scopes.partition_point(|s| (s.code, s.file, s.start) <= key);
            let mut at = after.checked_sub(1);
            while let Some(i) = at {
                let s = &scopes[i];
                if s.code != d.code || s.file != span.file {
                    break;
                }
                if s.start <= span.start && span.start < s.end.max(s.start + 1) {
                    scopes[i].used = true;
                    return false;
                }
                at = s.parent;
            }
            true
        });
    }

    /// An MW0801 warning for each allow that suppressed nothing, but those
    /// whose code `skip` says this run could not have produced.
    pub fn unused(&self, skip: impl Fn(Code) -> bool) -> Vec<Diagnostic> {
        let unused = self
            .scopes
            .iter()
            .filter(|s| !s.used)
            .map(|s| (s.code, s.at, true))
            .chain(self.dangling.iter().map(|&(code, at)| (code, at, false)));
        unused
            .filter(|(code, _, _)| !skip(*code))
            .map(|(code, at, on_item)| {
                let d = Diagnostic::new(
                    Code::UnusedAllow,
                    at,
                    format!("`allow({code})` allows nothing"),
                );
                if on_item {
                    d.label(format!("no {code} in the item it applies to"))
                        .help(format!(
                            "the item after this comment has no {code} ({}) to allow: remove the code from the comment (it may have been fixed, or the comment is not on the line before the item)",
                            code.title()
                        ))
                } else {
                    d.label("no item follows this comment").help(
                        "an allow on a line of its own applies to the block or field on the lines after it, and one at the end of a line to the item that begins on that line; move the comment there",
                    )
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Vec<Directive>, Vec<Diagnostic>) {
        directives(FileId(0), text)
    }

    #[test]
    fn reads_codes_and_where_they_are() {
        let text = "// mwc: allow(MW0314, MW0901) both meant\nwindow W {}\n";
        let (d, diags) = found(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.len(), 1);
        let codes: Vec<_> = d[0]
            .codes
            .iter()
            .map(|(c, s)| (c.as_str(), &text[s.range()]))
            .collect();
        assert_eq!(codes, [("MW0314", "MW0314"), ("MW0901", "MW0901")]);
        assert!(!d[0].trailing);
    }

    #[test]
    fn a_comment_in_a_string_is_not_one() {
        let (d, diags) = found("x = \"// mwc: allow(MW0314) no\" // mwc: allow(MW0901) yes\n");
        assert!(diags.is_empty());
        assert_eq!(d.len(), 1);
        assert!(d[0].trailing);
        assert_eq!(d[0].codes[0].0, Code::UnneededTrust);
    }

    #[test]
    fn malformed_comments_are_reported() {
        for (text, code) in [
            ("// mwc: alow(MW0314) x\n", Code::MalformedDirective),
            ("// mwc: allow(MW0314)\n", Code::MalformedDirective),
            ("// mwc: allow(MW314) x\n", Code::MalformedDirective),
            ("// mwc: allow(MW0314 x\n", Code::MalformedDirective),
            ("// mwc: allow(MW0405) x\n", Code::AllowError),
        ] {
            let (_, diags) = found(text);
            assert_eq!(diags.len(), 1, "{text}: {diags:?}");
            assert_eq!(diags[0].code, code, "{text}");
        }
        // Other comments are not directives.
        assert!(found("// mwc-set: X=1\n// see mwc: docs\n").1.is_empty());
    }

    #[test]
    fn levels_refuse_to_allow_errors() {
        let mut levels = Levels::new();
        assert!(levels.set(Code::UnknownField, Level::Allow).is_err());
        assert!(levels.set(Code::UnknownField, Level::Warn).is_err());
        assert!(levels.set(Code::UnknownField, Level::Deny).is_ok());
        assert!(levels.set(Code::UnusedRole, Level::Allow).is_ok());
    }
}
