//! An editor's keystroke: `mwc lsp` checks the whole document on every
//! change. A program of 1,000 or 10,000 windows is checked once to warm a
//! `ParseCache`; then each iteration types one character into the
//! description of the window in the middle of the file (or takes it out
//! again) and checks the new text with `check_reusing`, as the server
//! would, sources included. `cold` is `check_with` on the same text, with
//! no cache; the `parse` group times the parse alone, cold and warm.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mwc::{Needs, Options, ParseCache, SourceFile, Sources};

mod common;

/// The program of `windows` windows, and the same with one character typed
/// into the middle window's description.
fn versions(windows: usize) -> [String; 2] {
    let text = common::program(windows);
    let needle = format!("\"Nightly patching of fleet {}\"", windows / 2);
    let at = text.find(&needle).expect("the middle window") + "\"Nightly".len();
    let mut typed = text.clone();
    typed.insert(at, 'x');
    [text, typed]
}

fn sources(text: &str) -> Sources {
    let mut sources = Sources::new();
    sources.add("bench.mw", text);
    sources
}

fn keystroke(c: &mut Criterion) {
    let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let options = Options {
        needs: Needs::DefaultBuild,
        ..Options::new(now)
    };
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    for windows in [1_000, 10_000] {
        let texts = versions(windows);
        group.bench_with_input(BenchmarkId::new("cold", windows), &texts, |b, texts| {
            b.iter(|| {
                let diagnostics = mwc::check_with(&sources(&texts[1]), &options);
                assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
                diagnostics
            })
        });
        group.bench_with_input(BenchmarkId::new("warm", windows), &texts, |b, texts| {
            let mut cache = ParseCache::new();
            mwc::check_reusing(&sources(&texts[0]), &options, &mut cache);
            let mut turn = 0;
            b.iter(|| {
                // Each version differs from the last in one window: one
                // chunk to parse, the others reused.
                turn ^= 1;
                let diagnostics = mwc::check_reusing(&sources(&texts[turn]), &options, &mut cache);
                assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
                diagnostics
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("keystroke_parse");
    group.sample_size(20);
    for windows in [1_000, 10_000] {
        let texts = versions(windows);
        let files = texts
            .each_ref()
            .map(|t| SourceFile::new(mwc::FileId(0), "bench.mw", t.as_str()));
        group.bench_with_input(BenchmarkId::new("cold", windows), &files, |b, files| {
            b.iter(|| mwc::syntax::parse(&files[1]).0.items.len())
        });
        group.bench_with_input(BenchmarkId::new("warm", windows), &files, |b, files| {
            let mut cache = ParseCache::new();
            cache.parse(&files[0]);
            let mut turn = 0;
            b.iter(|| {
                turn ^= 1;
                cache.parse(&files[turn]).0.items.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
