//! `mwc check` throughput: parse and check synthetic programs of growing
//! size; and `mwc fmt`'s, parse and print.

use common::program;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mwc::Sources;

mod common;

/// Times checking `text`, which must check clean.
fn bench_clean(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: usize,
    text: &str,
    now: mwc::Timestamp,
) {
    group.bench_with_input(BenchmarkId::from_parameter(id), text, |b, text| {
        b.iter(|| {
            let mut sources = Sources::new();
            sources.add("bench.mw", text);
            let diagnostics = mwc::check_sources(&sources, now);
            assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
            diagnostics
        });
    });
}

fn check(c: &mut Criterion) {
    let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let mut group = c.benchmark_group("check");
    for windows in [1, 100, 2_000] {
        let text = program(windows);
        group.throughput(Throughput::Bytes(text.len() as u64));
        bench_clean(&mut group, windows, &text, now);
    }
    group.finish();
}

/// The same fleet written once: a template task and a comprehension over
/// `windows` fleets, each element a map of its values.
fn elaborated(windows: usize) -> String {
    let fleets: Vec<String> = (0..windows)
        .map(|i| format!("  {{ id = \"{i:05}\", hour = {} }},\n", 3 + i % 20))
        .collect();
    format!(
        r#"account = "123456789012"

role PatchingRole {{
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
  pass_role = {{ groups = ["Administrators"] }}
}}

template Patch {{
  max_concurrency = 10%
  max_errors      = 1
  role            = PatchingRole
  run_command "AWS-RunPatchBaseline" {{
    parameters = {{ Operation = "Install", RebootOption = "RebootIfNeeded" }}
    timeout    = 600s
  }}
}}

for fleet in [
{}] {{
  window Fleet${{fleet.id}} {{
    description = "Nightly patching of fleet ${{fleet.id}}"
    schedule    = "cron(0 ${{fleet.hour}} ? * * *)"
    timezone    = "America/New_York"
    duration    = 3h
    cutoff      = 1h
    target WebServers {{ tags = {{ Fleet = "fleet-${{fleet.id}}", Role = "web" }} }}
    task PatchWeb {{
      use     = Patch
      targets = [WebServers]
      run_command {{ output_s3 = {{ bucket = "patch-logs-${{fleet.id}}", prefix = "web/" }} }}
    }}
  }}
}}
"#,
        fleets.concat()
    )
}

/// Checking a program that parameters, templates and comprehensions make
/// large (the elaboration pass and the check of what it makes).
fn elaboration(c: &mut Criterion) {
    let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let mut group = c.benchmark_group("elaborate");
    for windows in [100, 1_000] {
        let text = elaborated(windows);
        group.throughput(Throughput::Elements(windows as u64));
        bench_clean(&mut group, windows, &text, now);
    }
    group.finish();
}

/// `mwc fmt`'s work on the program of [`program`]: parse, find the comments
/// and print (`syntax::print::format`); and the comments and the print
/// alone, on a tree parsed once.
fn format(c: &mut Criterion) {
    let mut group = c.benchmark_group("format");
    for windows in [100, 2_000, 8_000] {
        let text = program(windows);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let source = mwc::SourceFile::new(mwc::FileId(0), "bench.mw", text.as_str());
        if windows <= 2_000 {
            group.bench_with_input(
                BenchmarkId::new("parse_and_print", windows),
                &source,
                |b, source| b.iter(|| mwc::syntax::print::format(source).map(|t| t.len())),
            );
        }
        // 8,000 windows shows the print linear: four times the input, at
        // most four times the time.
        let (file, diagnostics) = mwc::syntax::parse(&source);
        assert!(diagnostics.is_empty());
        group.bench_with_input(BenchmarkId::new("print", windows), &file, |b, file| {
            b.iter(|| {
                let trivia = mwc::syntax::trivia::Trivia::of(file.file, &text, 0);
                mwc::syntax::print::print(file, &text, 0, &trivia).len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, check, elaboration, format);
criterion_main!(benches);
