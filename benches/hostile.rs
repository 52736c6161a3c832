//! Hostile input: programs of a few megabytes that once made a check
//! quadratic. Each must check in time linear in its size: a map of
//! 100,000 tags, a list of 100,000 instance ids, and 10,000 roles with 5,000
//! misspelt references to them (each a did-you-mean lookup).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mwc::Sources;
use std::fmt::Write;

const WINDOW: &str =
    "window Hostile {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n";

/// One window whose `tags` map has `n` distinct keys (AWS accepts 1,000).
fn tag_keys(n: usize) -> String {
    let mut out = format!("{WINDOW}  tags = {{\n");
    for i in 0..n {
        let _ = writeln!(out, "    Key{i} = \"value\"");
    }
    out.push_str("  }\n}\n");
    out
}

/// One target whose `instances` list has `n` distinct ids (AWS accepts 50).
fn instances(n: usize) -> String {
    let mut out = format!("{WINDOW}  target Fleet {{\n    instances = [\n");
    for i in 0..n {
        let _ = writeln!(out, "      \"i-{i:017x}\",");
    }
    out.push_str("    ]\n  }\n}\n");
    out
}

/// `roles` roles and `references` tasks, each naming a role misspelt by
/// two swapped letters (`Rloe00042` for `Role00042`), all distinct.
fn misspelt_roles(roles: usize, references: usize) -> String {
    let mut out = String::new();
    for i in 0..roles {
        let _ = writeln!(
            out,
            "role Role{i:05} {{\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}}"
        );
    }
    let per_window = 100;
    for w in 0..references.div_ceil(per_window) {
        let _ = writeln!(
            out,
            "window Window{w:03} {{\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h"
        );
        for t in 0..per_window.min(references - w * per_window) {
            let role = (w * per_window + t) * roles.max(1) / references.max(1);
            let _ = writeln!(
                out,
                "  task Hook{t:03} {{\n    role = Rloe{role:05}\n    lambda \"SSMHook\" {{ }}\n  }}"
            );
        }
        out.push_str("}\n");
    }
    out
}

fn hostile(c: &mut Criterion) {
    let now: mwc::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    let programs = [
        ("100k_tag_keys", tag_keys(100_000)),
        ("100k_instances", instances(100_000)),
        ("10k_roles_5k_misspelt", misspelt_roles(10_000, 5_000)),
    ];
    for (name, text) in &programs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| {
                let mut sources = Sources::new();
                sources.add("hostile.mw", text.as_str());
                let diagnostics = mwc::check_sources(&sources, now);
                assert!(!diagnostics.is_empty());
                diagnostics
            });
        });
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
