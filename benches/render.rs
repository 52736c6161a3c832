//! Rendering many diagnostics: a program whose every window draws a
//! daylight-saving warning and whose every role is unused, checked once, then
//! rendered as miette's graphical report, as JSON lines and in the formats
//! CI tools read (short, GitHub workflow commands, SARIF, JUnit XML). The
//! time per diagnostic must not grow with the size of the file.
//!
//! The checker is called directly: `mwc::check_sources` keeps 50 diagnostics
//! of each code per file and counts the rest, and here every one is rendered.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mwc::Sources;
use mwc::render::{github, human, json, junit, sarif, short};
use std::fmt::Write;

/// `windows` windows opening at 02:30 New York time (a time the clocks skip
/// once a year: MW0315) and as many roles that no task uses (MW0903).
fn program(windows: usize) -> String {
    let mut out = String::new();
    for i in 0..windows {
        let _ = write!(
            out,
            r#"// Window {i}: opens in the hour the clocks skip.
window Fleet{i:05} {{
  description = "Nightly patching of fleet {i}"
  schedule    = "cron(30 2 ? * * *)"
  timezone    = "America/New_York"
  duration    = 2h
  cutoff      = 1h
}}

role Role{i:05} {{
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}}

"#
        );
    }
    out
}

/// A renderer of the formats for CI tools.
type Renderer = fn(&[mwc::Diagnostic], &Sources) -> String;

fn render(c: &mut Criterion) {
    let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for windows in [1_000, 2_000, 4_000] {
        let mut sources = Sources::new();
        sources.add("bench.mw", program(windows));
        let trees: Vec<_> = sources.iter().map(|f| mwc::syntax::parse(f).0).collect();
        let strings = mwc::Strings::new();
        let (_, diagnostics) = mwc::check::check(trees, &strings, Default::default(), now);
        assert_eq!(diagnostics.len(), 2 * windows, "{:?}", diagnostics.first());
        group.throughput(Throughput::Elements(diagnostics.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("human", windows),
            &diagnostics,
            |b, diagnostics| {
                b.iter(|| human::render_all(diagnostics, &sources, human::Style::Plain, 100));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("json", windows),
            &diagnostics,
            |b, diagnostics| b.iter(|| json::render_all(diagnostics, &sources)),
        );
        let formats: [(&str, Renderer); 4] = [
            ("short", short::render_all),
            ("github", github::render_all),
            ("sarif", sarif::render_all),
            ("junit", junit::render_all),
        ];
        for (name, render) in formats {
            group.bench_with_input(
                BenchmarkId::new(name, windows),
                &diagnostics,
                |b, diagnostics| b.iter(|| render(diagnostics, &sources)),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
