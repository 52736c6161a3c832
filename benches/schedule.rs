//! Next openings: the next 1,000 openings of expressions from the everyday to
//! the sparse (`cron(0 0 29 2 ? *)` opens once every four years). Each must
//! stay well under 10 ms: openings are found by walking calendar fields, never
//! minute by minute.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mwc::schedule::{next::Plan, parse};

const EXPRESSIONS: &[&str] = &[
    "cron(0 2 ? * * *)",
    "cron(0/5 * ? * * *)",
    "cron(30 23 ? * TUE#3 *)",
    "cron(0 0 29 2 ? *)",
    "cron(0 2 L * ? *)",
    "cron(15 10 ? * 6L *)",
    "cron(0 3 15W * ? *)",
    "cron(24 30 09 ? * MON-FRI *)",
    "rate(7 days)",
];

fn next_openings(c: &mut Criterion) {
    let mut group = c.benchmark_group("next_1000_openings");
    let tz = jiff::tz::db()
        .get("America/New_York")
        .expect("bundled zone");
    let from: jiff::Timestamp = "2026-11-23T00:00:00Z".parse().expect("timestamp");
    for expr in EXPRESSIONS {
        let schedule = parse(expr).schedule.expect("valid expression");
        let plan = Plan {
            schedule: &schedule,
            tz: tz.clone(),
            offset_days: 2,
            start: None,
            end: None,
            duration_hours: 3,
            cutoff_hours: 1,
        };
        group.bench_with_input(BenchmarkId::from_parameter(expr), &plan, |b, plan| {
            b.iter(|| {
                let openings = plan.next(from, 1_000);
                assert!(!openings.is_empty());
                openings
            });
        });
    }
    group.finish();
}

criterion_group!(benches, next_openings);
criterion_main!(benches);
