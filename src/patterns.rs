//! AWS's validation patterns, applied verbatim.
//!
//! AWS writes its patterns for Java and applies them to the whole value. They
//! are compiled once per thread with Java's meaning of `\w` and `\d` (ASCII
//! only) and anchored at both ends.

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

/// Whether the pattern compiles (for the table's own tests).
pub fn compiles(pattern: &'static str) -> bool {
    pattern == r"^(?!\s*$).+" || compile(pattern).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
