//! "Did you mean": the closest candidate from the same table that rejected
//! the input.
//!
//! A suggestion is a case-insensitive exact match if there is one, else the
//! candidate at the smallest edit distance (adjacent transpositions count as
//! one edit) within a threshold that grows with the length of the names, at
//! most [`MAX_DISTANCE`]. Ties go to the alphabetically first candidate, so
//! the answer never depends on the order of the candidates.
//!
//! Two ways to ask:
//!
//! - [`did_you_mean`] compares the input with every candidate: for the small,
//!   fixed tables of the schema (fields, block kinds, choices).
//! - [`Index`] is built once over the names a program declares, which the
//!   input controls and which may be many. A lookup finds a case-insensitive
//!   match in a hash map, compares only candidates whose length is within
//!   [`MAX_DISTANCE`] of the input's, and at most [`MAX_EXAMINED`] of them:
//!   the answer is exact when that many cover every candidate of a close
//!   length, and otherwise favours those that share the input's first or last
//!   three letters. [`Suggester`] adds a cache, so each distinct misspelling
//!   is looked up once however often it is written.

use std::collections::HashMap;

/// The largest edit distance ever suggested.
pub const MAX_DISTANCE: usize = 3;

/// Names longer than this (in characters) are never compared.
const MAX_LEN: usize = 64;

/// The most candidates an [`Index`] compares with the input per lookup.
pub const MAX_EXAMINED: usize = 256;

/// How many letters at either end of a name an [`Index`] groups names by.
const AFFIX: usize = 3;

/// The edit distance allowed between names of `a` and `b` characters.
fn threshold(a: usize, b: usize) -> usize {
    (a.max(b) / 3).clamp(1, MAX_DISTANCE)
}

/// The input of one lookup, lowered once.
struct Query {
    lower: String,
    chars: Vec<char>,
    /// The length of the input as written, in characters.
    len: usize,
    sig: u64,
}

impl Query {
    fn new(input: &str) -> Query {
        let lower = input.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        Query {
            sig: signature(&chars),
            chars,
            lower,
            len: input.chars().count(),
        }
    }
}

/// Which characters a lower-cased name contains, as bits: each letter and
/// digit has its own, other characters share the rest.
fn signature(chars: &[char]) -> u64 {
    chars.iter().fold(0, |sig, c| {
        let bit = match c {
            'a'..='z' => *c as u32 - 'a' as u32,
            '0'..='9' => 26 + (*c as u32 - '0' as u32),
            _ => 36 + *c as u32 % 28,
        };
        sig | 1 << bit
    })
}

/// Whether names with these signatures are certainly more than `limit`
/// edits apart: an edit adds or removes at most two characters from the
/// set of those a name contains, so sets that differ in more than twice
/// the limit are too far.
fn far_apart(a: u64, b: u64, limit: usize) -> bool {
    (a ^ b).count_ones() as usize > 2 * limit
}

/// The best candidate so far: exact matches apart, as they always win.
#[derive(Default)]
struct Best<'c> {
    exact: Option<&'c str>,
    close: Option<(usize, &'c str)>,
}

impl<'c> Best<'c> {
    fn exact(&mut self, candidate: &'c str) {
        self.exact = Some(self.exact.map_or(candidate, |e| e.min(candidate)));
    }

    fn close(&mut self, distance: usize, candidate: &'c str) {
        if self.close.is_none_or(|best| (distance, candidate) < best) {
            self.close = Some((distance, candidate));
        }
    }

    /// The largest distance that can still win (or tie) against the best
    /// so far, within `limit`.
    fn bound(&self, limit: usize) -> usize {
        self.close.map_or(limit, |(d, _)| d.min(limit))
    }

    fn answer(self) -> Option<&'c str> {
        self.exact.or(self.close.map(|(_, c)| c))
    }
}

/// The best suggestion for `input` among `candidates`, comparing it with
/// each of them: for small tables.
pub fn did_you_mean<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let query = Query::new(input);
    let mut best = Best::default();
    for candidate in candidates {
        if input.is_ascii() && candidate.is_ascii() {
            // The common case, without allocating for names that are
            // neither equal nor close: lowering keeps an ASCII length.
            if query.len.abs_diff(candidate.len()) > MAX_DISTANCE {
                continue;
            }
            if candidate.eq_ignore_ascii_case(input) {
                best.exact(candidate);
                continue;
            }
            let chars: Vec<char> = candidate
                .bytes()
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect();
            let limit = best.bound(threshold(query.len, chars.len()));
            if far_apart(query.sig, signature(&chars), limit) {
                continue;
            }
            if let Some(d) = bounded_distance(&query.chars, &chars, limit) {
                best.close(d, candidate);
            }
            continue;
        }
        let lower = candidate.to_lowercase();
        if lower == query.lower {
            best.exact(candidate);
            continue;
        }
        let chars: Vec<char> = lower.chars().collect();
        let limit = best.bound(threshold(query.len, candidate.chars().count()));
        if let Some(d) = bounded_distance(&query.chars, &chars, limit) {
            best.close(d, candidate);
        }
    }
    best.answer()
}

/// One candidate of an [`Index`], lowered once.
struct Entry<'c> {
    name: &'c str,
    chars: Vec<char>,
    /// The length of the name as written, in characters.
    len: usize,
    sig: u64,
}

/// The declared names of one scope, arranged for bounded lookups (see the
/// module documentation).
pub struct Index<'c> {
    /// Every name, sorted and without repeats.
    names: Vec<&'c str>,
    /// The entries, in the order of `names`.
    entries: Vec<Entry<'c>>,
    /// Lower-cased name to the alphabetically first name that lowers to it.
    exact: HashMap<String, &'c str>,
    /// Entries by their lower-cased length in characters, each list sorted.
    by_len: HashMap<usize, Vec<usize>>,
    /// Entries by their first [`AFFIX`] lower-cased characters and their
    /// length.
    by_prefix: HashMap<(String, usize), Vec<usize>>,
    /// Entries by their last [`AFFIX`] lower-cased characters and their
    /// length.
    by_suffix: HashMap<(String, usize), Vec<usize>>,
    /// The most candidates compared per lookup.
    budget: usize,
}

impl<'c> Index<'c> {
    /// Arranges `names` (in any order, repeats allowed), to be compared at
    /// most [`MAX_EXAMINED`] at a time.
    pub fn new(names: impl IntoIterator<Item = &'c str>) -> Index<'c> {
        Index::with_budget(names, MAX_EXAMINED)
    }

    /// Arranges the names of a fixed table, such as the time-zone database:
    /// every candidate of a close length is compared, so the answer is
    /// always exact, at a cost bounded by the table's size.
    pub fn exhaustive(names: impl IntoIterator<Item = &'c str>) -> Index<'c> {
        Index::with_budget(names, usize::MAX)
    }

    fn with_budget(names: impl IntoIterator<Item = &'c str>, budget: usize) -> Index<'c> {
        let mut names: Vec<&'c str> = names.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        let mut index = Index {
            entries: Vec::with_capacity(names.len()),
            exact: HashMap::with_capacity(names.len()),
            by_len: HashMap::new(),
            by_prefix: HashMap::new(),
            by_suffix: HashMap::new(),
            budget,
            names,
        };
        for (i, name) in index.names.iter().enumerate() {
            let lower = name.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            // Sorted order: the first name to lower to a text is the least.
            index.exact.entry(lower).or_insert(name);
            if chars.len() <= MAX_LEN {
                index.by_len.entry(chars.len()).or_default().push(i);
                let prefix: String = chars.iter().take(AFFIX).collect();
                let suffix: String = chars[chars.len().saturating_sub(AFFIX)..].iter().collect();
                index
                    .by_prefix
                    .entry((prefix, chars.len()))
                    .or_default()
                    .push(i);
                index
                    .by_suffix
                    .entry((suffix, chars.len()))
                    .or_default()
                    .push(i);
            }
            index.entries.push(Entry {
                name,
                sig: signature(&chars),
                chars,
                len: name.chars().count(),
            });
        }
        index
    }

    /// Every name, sorted.
    pub fn names(&self) -> &[&'c str] {
        &self.names
    }

    /// The best suggestion for `input`, comparing it with at most the
    /// index's budget of names ([`MAX_EXAMINED`] unless exhaustive).
    pub fn suggest(&self, input: &str) -> Option<&'c str> {
        let query = Query::new(input);
        if let Some(exact) = self.exact.get(&query.lower) {
            return Some(exact);
        }
        let n = query.chars.len();
        if n > MAX_LEN {
            return None;
        }
        // Lengths nearest the input's first: most slips keep the length.
        let lengths: Vec<usize> = (0..=MAX_DISTANCE)
            .flat_map(|d| [n.checked_sub(d), Some(n + d)])
            .flatten()
            .fold(Vec::new(), |mut v, l| {
                if !v.contains(&l) {
                    v.push(l);
                }
                v
            });
        let bucket = |l: &usize| self.by_len.get(l).map_or(&[][..], Vec::as_slice);
        let within: usize = lengths.iter().map(|l| bucket(l).len()).sum();
        let mut best = Best::default();
        let examine = |i: usize, best: &mut Best<'c>| {
            let Some(entry) = self.entries.get(i) else {
                return;
            };
            let limit = best.bound(threshold(query.len, entry.len));
            if far_apart(query.sig, entry.sig, limit) {
                return;
            }
            if let Some(d) = bounded_distance(&query.chars, &entry.chars, limit) {
                best.close(d, entry.name);
            }
        };
        if within <= self.budget {
            for i in lengths.iter().flat_map(&bucket) {
                examine(*i, &mut best);
            }
            return best.answer();
        }
        // Too many to compare them all: names of a close length that share
        // the input's first or last letters first (the smallest groups
        // first), then the nearest lengths, until the budget is spent.
        let prefix: String = query.chars.iter().take(AFFIX).collect();
        let suffix: String = query.chars[n.saturating_sub(AFFIX)..].iter().collect();
        let mut affixed: Vec<&[usize]> = lengths
            .iter()
            .flat_map(|l| {
                [
                    self.by_prefix.get(&(prefix.clone(), *l)),
                    self.by_suffix.get(&(suffix.clone(), *l)),
                ]
            })
            .flatten()
            .map(Vec::as_slice)
            .collect();
        affixed.sort_by_key(|v| v.len());
        let order = affixed
            .into_iter()
            .flatten()
            .chain(lengths.iter().flat_map(bucket));
        for i in order.take(self.budget) {
            examine(*i, &mut best);
        }
        best.answer()
    }
}

/// An [`Index`] that remembers its answers, so that a name misspelt the
/// same way many times is looked up once.
pub struct Suggester<'c> {
    index: Index<'c>,
    answers: HashMap<String, Option<&'c str>>,
}

impl<'c> Suggester<'c> {
    /// Arranges `names` (in any order, repeats allowed).
    pub fn new(names: impl IntoIterator<Item = &'c str>) -> Suggester<'c> {
        Suggester {
            index: Index::new(names),
            answers: HashMap::new(),
        }
    }

    /// Every name, sorted.
    pub fn names(&self) -> &[&'c str] {
        self.index.names()
    }

    /// The best suggestion for `input` (see [`Index::suggest`]).
    pub fn suggest(&mut self, input: &str) -> Option<&'c str> {
        if let Some(answer) = self.answers.get(input) {
            return *answer;
        }
        let answer = self.index.suggest(input);
        self.answers.insert(input.to_string(), answer);
        answer
    }
}

/// The edit distance between `a` and `b` (Levenshtein with adjacent
/// transpositions counted as one edit) when it is at most `limit`. Only the
/// band of cells within `limit` of the diagonal is computed, in three rows
/// on the stack, and the walk stops as soon as a row exceeds the limit.
fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > limit || n > MAX_LEN || m > MAX_LEN {
        return None;
    }
    if bag_distance(a, b) > limit {
        return None;
    }
    // Every cell is capped at `over`: beyond the limit, how far does not
    // matter. Cells outside the band are never written and stay `over`.
    // Three rows, by index: the one before last, the last, this one.
    let over = (limit.min(MAX_LEN) + 1) as u8;
    let mut rows = [[over; MAX_LEN + 1]; 3];
    let (mut before, mut prev, mut row) = (0, 1, 2);
    for (j, cell) in rows[prev].iter_mut().enumerate().take(m.min(limit) + 1) {
        *cell = j as u8;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        rows[row][0] = i.min(over as usize) as u8;
        // The cells just outside the band.
        rows[row][lo - 1] = if lo > 1 { over } else { rows[row][0] };
        if hi < m {
            rows[row][hi + 1] = over;
        }
        let mut least = rows[row][0];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[row][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[before][j - 2] + 1);
            }
            let v = v.min(over);
            rows[row][j] = v;
            least = least.min(v);
        }
        // A transposition reaches back two rows, but never below this
        // row's least plus one: nothing later comes back within the limit.
        if usize::from(least) > limit {
            return None;
        }
        (before, prev, row) = (prev, row, before);
    }
    Some(usize::from(rows[prev][m])).filter(|d| *d <= limit)
}

/// A lower bound of the edit distance, cheap to compute: how many more
/// times some characters occur in one name than in the other (a
/// substitution, insertion or deletion changes it by at most one, a
/// transposition not at all). ASCII only; 0 (no bound) otherwise.
fn bag_distance(a: &[char], b: &[char]) -> usize {
    if !a.iter().chain(b).all(char::is_ascii) {
        return 0;
    }
    let mut counts = [0i8; 128];
    // Names are at most `MAX_LEN` long: the counts fit.
    for c in a {
        counts[*c as usize] = counts[*c as usize].saturating_add(1);
    }
    for c in b {
        counts[*c as usize] = counts[*c as usize].saturating_sub(1);
    }
    let (mut more, mut fewer) = (0usize, 0usize);
    for c in a.iter().chain(b) {
        let d = std::mem::take(&mut counts[*c as usize]);
        if d > 0 {
            more += d.unsigned_abs() as usize;
        } else {
            fewer += d.unsigned_abs() as usize;
        }
    }
    more.max(fewer)
}

/// Levenshtein distance with adjacent transpositions counted as one edit;
/// `usize::MAX` for names of lengths more than [`MAX_DISTANCE`] apart or
/// longer than 64 characters, which are never close.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > MAX_DISTANCE {
        return usize::MAX;
    }
    bounded_distance(&a, &b, a.len().max(b.len())).unwrap_or(usize::MAX)
}

/// `` `a`, `b` or `c` `` for a short list of candidates.
pub fn one_of(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let fields = ["priority", "targets", "max_errors", "max_concurrency"];
        assert_eq!(did_you_mean("priorty", fields), Some("priority"));
        assert_eq!(did_you_mean("PRIORITY", fields), Some("priority"));
        assert_eq!(did_you_mean("max_error", fields), Some("max_errors"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn counts_transpositions_as_one_edit() {
        assert_eq!(edit_distance("tagrets", "targets"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("a", "abcde"), usize::MAX);
    }

    /// The textbook distance, every cell computed.
    fn full_distance(a: &[char], b: &[char]) -> usize {
        let width = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * width];
        for (j, cell) in d.iter_mut().enumerate().take(width) {
            *cell = j;
        }
        for i in 1..=a.len() {
            d[i * width] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * width + j - 2] + 1);
                }
                d[i * width + j] = v;
            }
        }
        d[a.len() * width + b.len()]
    }

    /// Short words over a small alphabet, so that many are close.
    fn words(seed: u64, count: usize) -> Vec<String> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = 1 + (next() % 9) as usize;
                (0..len)
                    .map(|_| ['a', 'b', 'c', 'A', 'é'][(next() % 5) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let w = words(7, 300);
        for a in &w {
            for b in w.iter().take(60) {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = full_distance(&a, &b);
                for limit in 0..=4 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(bounded_distance(&a, &b, limit), expected, "{a:?} {b:?}");
                }
            }
        }
    }

    /// The rule of the module documentation, applied naively: every
    /// candidate lowered and compared in full.
    fn naive<'c>(input: &str, candidates: &[&'c str]) -> Option<&'c str> {
        let lower: Vec<char> = input.to_lowercase().chars().collect();
        let exact = candidates
            .iter()
            .filter(|c| c.to_lowercase() == input.to_lowercase())
            .min();
        let close = candidates
            .iter()
            .filter_map(|c| {
                let theirs: Vec<char> = c.to_lowercase().chars().collect();
                let d = full_distance(&lower, &theirs);
                let limit = threshold(input.chars().count(), c.chars().count());
                let comparable = lower.len().abs_diff(theirs.len()) <= MAX_DISTANCE
                    && lower.len() <= MAX_LEN
                    && theirs.len() <= MAX_LEN;
                (comparable && d <= limit).then_some((d, *c))
            })
            .min();
        exact.copied().or(close.map(|(_, c)| c))
    }

    #[test]
    fn suggestions_follow_the_naive_rule() {
        let owned = words(11, 200);
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let index = Index::new(names.iter().copied());
        let mut found = 0;
        for input in words(13, 400) {
            let expected = naive(&input, &names);
            found += usize::from(expected.is_some());
            assert_eq!(
                did_you_mean(&input, names.iter().copied()),
                expected,
                "{input}"
            );
            // Within its budget, an index compares every close name.
            assert_eq!(index.suggest(&input), expected, "{input}");
        }
        // Most inputs have a suggestion, some do not.
        assert!((200..400).contains(&found), "{found}");
    }

    #[test]
    fn a_large_index_still_finds_a_transposed_name() {
        let names: Vec<String> = (0..10_000).map(|i| format!("Role{i:05}")).collect();
        let mut suggester = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(suggester.suggest("Rloe04242"), Some("Role04242"));
        assert_eq!(suggester.suggest("role04242"), Some("Role04242"));
        assert_eq!(suggester.suggest("Role0424"), Some("Role00424"));
        assert_eq!(suggester.suggest("Rloe04242"), Some("Role04242"));
        assert_eq!(suggester.suggest("Something"), None);
        assert_eq!(suggester.names().len(), 10_000);
    }
}
