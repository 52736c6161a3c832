//! Parsing and checking through a `ParseCache` gives exactly what a fresh
//! parse and check give: every example and fixture, edited at random
//! (characters and lines inserted and deleted) over several rounds that
//! reuse one cache.

use mwc::{Options, ParseCache, SourceFile, Sources};
use std::path::PathBuf;

mod common;

use common::Rng;

fn inputs() -> Vec<PathBuf> {
    let mut files = common::programs();
    for dir in ["examples/shared", "tests/fixtures/err"] {
        files.extend(common::mw_files(dir));
    }
    files.sort();
    assert!(files.len() > 50, "{} inputs", files.len());
    files
}

/// A character boundary at or before `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Line starts of `text`, and its end.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// One random edit: a character or a line inserted or deleted.
fn edit(text: &mut String, rng: &mut Rng) {
    const INSERTED: &[&str] = &[
        "a", " ", "\n", "{", "}", "\"", "=", "[", "]", ",", "\\", "$", "/", "#", "1", "é", "h",
        "${", "//", "\\q", "\r",
    ];
    match rng.below(5) {
        0 | 1 => {
            let at = boundary(text, rng.below(text.len() + 1));
            let what = INSERTED[rng.below(INSERTED.len())];
            text.insert_str(at, what);
        }
        2 => {
            if text.is_empty() {
                return;
            }
            let at = boundary(text, rng.below(text.len()));
            text.remove(at);
        }
        3 => {
            let starts = line_starts(text);
            let from = starts[rng.below(starts.len())];
            let to = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
            let line = text[from..to].to_string();
            let at = starts[rng.below(starts.len())];
            text.insert_str(at, &line);
            if !line.ends_with('\n') {
                text.insert(at + line.len(), '\n');
            }
        }
        _ => {
            let starts = line_starts(text);
            let from = starts[rng.below(starts.len())];
            let to = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
            text.replace_range(from..to, "");
        }
    }
}

fn now() -> mwc::Timestamp {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

#[test]
fn cached_parses_and_checks_equal_fresh_ones() {
    let options = Options {
        needs: mwc::Needs::DefaultBuild,
        ..Options::new(now())
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // One cache for every file and round, as an editor keeps one.
    let mut parses = ParseCache::new();
    let mut checks = ParseCache::new();
    for path in inputs() {
        // A few fixtures are not UTF-8 on purpose.
        let mut text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let name = path.display().to_string();
        for round in 0..8 {
            if round > 0 {
                for _ in 0..1 + rng.below(3) {
                    edit(&mut text, &mut rng);
                }
            }
            let source = SourceFile::new(mwc::FileId(0), name.as_str(), text.as_str());
            let fresh = format!("{:#?}", mwc::syntax::parse(&source));
            let cached = format!("{:#?}", parses.parse(&source));
            assert!(
                fresh == cached,
                "{name}, round {round}: the cached parse differs\n--- text\n{text}\n--- fresh\n{fresh}\n--- cached\n{cached}"
            );

            let mut sources = Sources::new();
            sources.add(name.as_str(), text.as_str());
            let fresh = mwc::check_with(&sources, &options);
            let cached = mwc::check_reusing(&sources, &options, &mut checks);
            assert!(
                fresh == cached,
                "{name}, round {round}: the cached check differs\n--- text\n{text}\n--- fresh\n{fresh:#?}\n--- cached\n{cached:#?}"
            );
        }
    }
}

#[test]
fn a_file_not_utf8_is_parsed_as_a_fresh_parse_does() {
    let mut cache = ParseCache::new();
    for bytes in [
        &b"window W {\n  description = \"caf\xe9\"\n}\nwindow V { duration = 2h }\n"[..],
        &b"window W {\n  description = \"caf\xe9\"\n}\n\xff\nwindow V { duration = 2h }\n"[..],
    ] {
        let source = SourceFile::from_bytes(mwc::FileId(0), "latin1.mw", bytes.to_vec());
        assert_eq!(
            format!("{:?}", mwc::syntax::parse(&source)),
            format!("{:?}", cache.parse(&source))
        );
    }
}

#[test]
fn only_the_chunks_of_the_latest_parses_are_kept() {
    let mut cache = ParseCache::new();
    // Chunks end at a top-level block's `}`.
    let first = SourceFile::new(
        mwc::FileId(0),
        "a.mw",
        "a { x = 1 }
b { y = 2 }
w { c = 3 }
",
    );
    cache.parse(&first);
    assert_eq!(cache.len(), 3);
    let other = SourceFile::new(
        mwc::FileId(1),
        "b.mw",
        "a { x = 1 }
z { y = 26 }
",
    );
    cache.parse(&other);
    // `a { x = 1 }` is shared; a.mw's chunks stay while its latest parse
    // uses them.
    assert_eq!(cache.len(), 4);
    let second = SourceFile::new(
        mwc::FileId(0),
        "a.mw",
        "a { x = 1 }
w { c = 4 }
",
    );
    cache.parse(&second);
    assert_eq!(cache.len(), 3, "{cache:?}");
    // A chunk that does not parse is not kept.
    let broken = SourceFile::new(
        mwc::FileId(0),
        "a.mw",
        "a { x = 1 }
w { c = }
",
    );
    let (file, diagnostics) = cache.parse(&broken);
    assert_eq!(file.items.len(), 2);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(cache.len(), 2, "{cache:?}");
    cache.forget("a.mw");
    cache.forget("b.mw");
    assert!(cache.is_empty());
}
