//! `mwc check --fix`: the safe fixes of the diagnostics, applied to the
//! files they are in.
//!
//! Only fixes marked [`Applicability::Safe`] are applied, only in program
//! and values files read from a path (never standard input, the command
//! line or a document's content), and only when the file still holds what
//! was checked. Edits that overlap an earlier one are left for the next run.
//! Each file is replaced as `mwc fmt` replaces it (`fmt::write_in_place`:
//! one rename of a file written beside it, with its permissions), so that
//! an interrupted run leaves it as it was.

use mwc::diagnostic::Applicability;
use mwc::{Diagnostic, SourceKind, Sources};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The safe edits of one file: where it is, what was checked, and the
/// replacements (start, end, text).
#[derive(Debug, Default)]
pub struct FileEdits {
    /// The text the edits are offsets into.
    text: String,
    /// (start, end, replacement), in any order.
    edits: Vec<(usize, usize, String)>,
}

/// The safe edits of a program's diagnostics, by file.
pub fn edits(diagnostics: &[Diagnostic], sources: &Sources) -> BTreeMap<PathBuf, FileEdits> {
    let mut files: BTreeMap<PathBuf, FileEdits> = BTreeMap::new();
    for fix in diagnostics.iter().flat_map(|d| &d.fixes) {
        if fix.applicability != Applicability::Safe {
            continue;
        }
        for edit in &fix.edits {
            let source = sources.get(edit.span.file);
            let (Some(path), SourceKind::Program | SourceKind::Values, None) =
                (source.path(), source.kind(), source.invalid_utf8_at())
            else {
                continue;
            };
            let file = files.entry(path.to_path_buf()).or_default();
            if file.text.is_empty() {
                file.text = source.text().to_string();
            }
            let range = edit.span.range();
            file.edits
                .push((range.start, range.end, edit.replacement.clone()));
        }
    }
    files
}

/// Adds `more` (another program's edits) to `all`: a file two programs
/// share gets each edit once.
pub fn merge(all: &mut BTreeMap<PathBuf, FileEdits>, more: BTreeMap<PathBuf, FileEdits>) {
    for (path, file) in more {
        let entry = all.entry(path).or_default();
        if entry.text.is_empty() {
            entry.text = file.text;
        }
        entry.edits.extend(file.edits);
    }
}

/// The text with the edits applied, and how many were: sorted, repeats
/// dropped, one that overlaps an earlier one left out.
fn applied(file: &FileEdits) -> (String, usize) {
    let mut edits = file.edits.clone();
    edits.sort();
    edits.dedup();
    let mut out = String::with_capacity(file.text.len());
    let mut at = 0;
    let mut count = 0;
    for (start, end, replacement) in &edits {
        if *start < at || *end > file.text.len() || *start > *end {
            continue;
        }
        out.push_str(&file.text[at..*start]);
        out.push_str(replacement);
        at = *end;
        count += 1;
    }
    out.push_str(&file.text[at..]);
    (out, count)
}

/// Applies the edits: returns how many edits in how many files, or the
/// first file that could not be written (those before it are fixed).
pub fn apply(files: &BTreeMap<PathBuf, FileEdits>) -> Result<(usize, usize), String> {
    let (mut edits, mut changed) = (0, 0);
    for (path, file) in files {
        let (text, count) = applied(file);
        if count == 0 || text == file.text {
            continue;
        }
        // A file changed since it was checked is left to the next run.
        match std::fs::read(path) {
            Ok(now) if now == file.text.as_bytes() => {}
            Ok(_) => {
                return Err(format!(
                    "`{}` changed while it was checked: not fixed; run again",
                    path.display()
                ));
            }
            Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
        }
        crate::fmt::write_in_place(path, &text)?;
        edits += count;
        changed += 1;
    }
    Ok((edits, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_repeated_edits_apply_once() {
        let file = FileEdits {
            text: "duration = \"3h\"\ncutoff = 1\n".into(),
            edits: vec![
                (25, 26, "1h".into()),
                (11, 15, "3h".into()),
                (11, 15, "3h".into()),
                (12, 14, "x".into()),
            ],
        };
        assert_eq!(applied(&file), ("duration = 3h\ncutoff = 1h\n".into(), 2));
    }
}
