//! "Did you mean": the closest candidate from the same table that rejected
//! the input.

/// The best suggestion for `input` among `candidates`: a case-insensitive
/// exact match first, then the closest within a small edit distance.
pub fn did_you_mean<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = input.to_lowercase();
    let mut best: Option<(usize, &'c str)> = None;
    let mut exact: Option<&'c str> = None;
    for candidate in candidates {
        if candidate.to_lowercase() == lower {
            exact = Some(exact.map_or(candidate, |e| e.min(candidate)));
            continue;
        }
        let limit = (input.chars().count().max(candidate.chars().count()) / 3).clamp(1, 3);
        let distance = edit_distance(&lower, &candidate.to_lowercase());
        // Ties go to the alphabetically first, so the answer never depends on
        // the order of the candidates.
        if distance <= limit && best.is_none_or(|(d, b)| (distance, candidate) < (d, b)) {
            best = Some((distance, candidate));
        }
    }
    exact.or(best.map(|(_, c)| c))
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Long inputs are never close to a short name; avoid quadratic work.
    if a.len().abs_diff(b.len()) > 3 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = v;
        }
    }
    rows[a.len() * width + b.len()]
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
    }
}
