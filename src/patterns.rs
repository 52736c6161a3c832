//! AWS's validation patterns, applied verbatim.
//!
//! AWS writes its patterns for Java and applies them to the whole value. They
//! are compiled once per thread with Java's meaning of `\w` and `\d` (ASCII
//! only) and anchored at both ends.
//!
//! The patterns every program meets (names, tags, rate control, versions) also
//! have a hand-written matcher for ASCII values, so that checking a small file
//! compiles no regular expression; a test holds each one to its pattern.

use regex::Regex;
use std::cell::RefCell;

thread_local! {
    /// Compiled patterns, found by the address of their `&'static str` (the
    /// table holds a few dozen, so a linear scan beats hashing the text).
    static CACHE: RefCell<Vec<(usize, Option<Regex>)>> = const { RefCell::new(Vec::new()) };
}

/// Whether `value` matches AWS's `pattern` as a whole.
pub fn matches(pattern: &'static str, value: &str) -> bool {
    // The one look-ahead AWS uses (alarm names): "not only white space".
    if pattern == r"^(?!\s*$).+" {
        return !value.trim().is_empty() && !value.contains('\n');
    }
    if let Some(answer) = fast(pattern, value) {
        return answer;
    }
    regex_matches(pattern, value)
}

/// The answer of a hand-written matcher, when `pattern` has one and `value`
/// is in its domain (ASCII).
fn fast(pattern: &str, value: &str) -> Option<bool> {
    if !value.is_ascii() {
        return None;
    }
    let b = value.as_bytes();
    let all = |ok: fn(u8) -> bool| b.iter().all(|&c| ok(c));
    let tag_char = |c: u8| c.is_ascii_alphanumeric() || b" _.:/=+-@".contains(&c);
    let positive = |digits: &[u8]| {
        !digits.is_empty() && digits[0] != b'0' && digits.iter().all(u8::is_ascii_digit)
    };
    let percent = |digits: &[u8], zero: bool| {
        digits == b"100"
            || (digits.len() == 1 && digits[0].is_ascii_digit() && (zero || digits[0] != b'0'))
            || (digits.len() == 2 && positive(digits))
    };
    Some(match pattern {
        r"^[a-zA-Z0-9_\-.]{3,128}$" => {
            (3..=128).contains(&b.len())
                && all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        }
        r"[\w+=,.@-]+" => {
            !b.is_empty() && all(|c| c.is_ascii_alphanumeric() || b"_+=,.@-".contains(&c))
        }
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$" | r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*" => {
            b.iter().all(|&c| tag_char(c))
        }
        r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+" => !b.is_empty() && b.iter().all(|&c| tag_char(c)),
        r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$" => match b.strip_suffix(b"%") {
            Some(digits) => percent(digits, false),
            None => positive(b),
        },
        r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$" => match b.strip_suffix(b"%") {
            Some(digits) => percent(digits, true),
            None => b == b"0" || positive(b),
        },
        r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)" => {
            b == b"$LATEST" || b == b"$DEFAULT" || positive(b)
        }
        crate::schema::SERVICE_PRINCIPAL => {
            let host = value
                .strip_suffix(".amazonaws.com.cn")
                .or_else(|| value.strip_suffix(".amazonaws.com"));
            host.is_some_and(|h| {
                h.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
                })
            })
        }
        crate::schema::DOCUMENT => {
            // A bare name may itself contain `:` and `/`, so a value matches
            // as a whole name, or as an ARN prefix followed by a name.
            let name_ok = |name: &str| {
                (3..=128).contains(&name.len())
                    && name
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"_-.:/".contains(&c))
            };
            let arn_ok = value.find(":document/").is_some_and(|at| {
                let head: Vec<&str> = value[..at].split(':').collect();
                let head_ok = matches!(head.as_slice(), ["arn", partition, "ssm", region, account]
                    if partition.strip_prefix("aws").is_some_and(|r| r.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-'))
                        && region.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
                        && (account.is_empty() || (account.len() == 12 && account.bytes().all(|c| c.is_ascii_digit()))));
                head_ok && name_ok(&value[at + ":document/".len()..])
            });
            name_ok(value) || arn_ok
        }
        _ => return None,
    })
}

/// Whether `value` matches `pattern`, by the compiled regular expression.
fn regex_matches(pattern: &'static str, value: &str) -> bool {
    let key = pattern.as_ptr() as usize ^ (pattern.len() << 48);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let index = match cache.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                cache.push((key, compile(pattern)));
                cache.len() - 1
            }
        };
        // A pattern that does not compile is a bug in the table, caught by its
        // tests; never reject input because of it.
        cache[index].1.as_ref().is_none_or(|r| r.is_match(value))
    })
}

fn compile(pattern: &str) -> Option<Regex> {
    let java = pattern
        .replace(r"\w", "[A-Za-z0-9_]")
        .replace(r"\d", "[0-9]");
    Regex::new(&format!("^(?:{java})$")).ok()
}

thread_local! {
    /// Patterns of documents, compiled once each per thread.
    static FOUND: RefCell<std::collections::HashMap<String, Option<Regex>>> =
        RefCell::new(std::collections::HashMap::new());
}

/// Whether `pattern` (a document's `allowedPattern`, with Java's ASCII `\w`
/// and `\d`) matches somewhere in `value`. Document patterns anchor
/// themselves where they mean to; one that does not compile never rejects
/// a value.
pub fn finds(pattern: &str, value: &str) -> bool {
    FOUND.with(|found| {
        let mut found = found.borrow_mut();
        if !found.contains_key(pattern) {
            let java = pattern
                .replace(r"\w", "[A-Za-z0-9_]")
                .replace(r"\d", "[0-9]");
            found.insert(pattern.to_string(), Regex::new(&java).ok());
        }
        found
            .get(pattern)
            .and_then(Option::as_ref)
            .is_none_or(|r| r.is_match(value))
    })
}

/// Whether the pattern compiles (for the table's own tests).
pub fn compiles(pattern: &'static str) -> bool {
    pattern == r"^(?!\s*$).+" || compile(pattern).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every hand-written matcher agrees with its regular expression on a
    /// corpus of edge cases and generated strings.
    #[test]
    fn fast_matchers_agree_with_the_patterns() {
        let patterns: &[&'static str] = &[
            r"^[a-zA-Z0-9_\-.]{3,128}$",
            r"[\w+=,.@-]+",
            r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*",
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+",
            r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$",
            r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$",
            r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)",
            crate::schema::SERVICE_PRINCIPAL,
            crate::schema::DOCUMENT,
        ];
        let mut corpus: Vec<String> = [
            "",
            "0",
            "00",
            "01",
            "1",
            "9",
            "10",
            "99",
            "100",
            "101",
            "1000000",
            "0%",
            "00%",
            "05%",
            "5%",
            "10%",
            "99%",
            "100%",
            "101%",
            "1000%",
            "%",
            "$LATEST",
            "$DEFAULT",
            "$latest",
            "ab",
            "abc",
            "a.b-c_d",
            "a b",
            "a+b",
            "x@y",
            "a,b",
            "Patch Group",
            "k=v:w/x",
            "tab\t",
            "a!",
            "a#",
            "ÿ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        corpus.extend(
            [
                "ssm.amazonaws.com",
                "ssm.amazonaws.com.cn",
                "a.b-c.amazonaws.com",
                ".amazonaws.com",
                "ssm..amazonaws.com",
                "SSM.amazonaws.com",
                "ssm.amazonaws",
                "ssm_x.amazonaws.com",
                "AWS-RunPatchBaseline",
                "My.Doc:v/1",
                "ab",
                "arn:aws:ssm:us-east-1:123456789012:document/MyDoc",
                "arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline",
                "arn:aws-cn:ssm:cn-north-1:123456789012:document/Doc",
                "arn:aws:ssm:us-east-1:12345:document/Doc",
                "arn:aws:ec2:us-east-1:123456789012:document/Doc",
                "arn:aws:ssm:US:123456789012:document/Doc",
                "arn:aws:ssm:us-east-1:123456789012:document/a",
                "arnx:aws:ssm:us-east-1:123456789012:document/Doc",
                "arn:aws:ssm:::document/Doc",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        corpus.push("a".repeat(128));
        corpus.push("a".repeat(129));
        let alphabet = b"0159aZ_-.:/=+@,$% %!#";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..4000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 6) as usize;
            let s: String = (0..len)
                .map(|i| alphabet[((seed >> (8 * i)) % alphabet.len() as u64) as usize] as char)
                .collect();
            corpus.push(s);
        }
        for &p in patterns {
            for value in &corpus {
                if let Some(answer) = fast(p, value) {
                    assert_eq!(answer, regex_matches(p, value), "{p} on {value:?}");
                }
            }
        }
    }

    #[test]
    fn applies_java_patterns_to_the_whole_value() {
        assert!(matches(r"[\w+=,.@-]+", "Admins"));
        assert!(!matches(r"[\w+=,.@-]+", "Admins and more"));
        assert!(!matches(r"[\w+=,.@-]+", "Ädmins"));
        assert!(matches(r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)", "$LATEST"));
        assert!(!matches(r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)", "01"));
        assert!(!matches(r"^(?!\s*$).+", "   "));
    }
}
