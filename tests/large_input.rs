//! Large maps, lists and name tables: the diagnostics that the checks made
//! cheap (hash maps for repeats, per-item work bounded by AWS's item limits,
//! bounded and cached did-you-mean) are still the right ones. These tests
//! assert what is reported, never how long it takes; `benches/hostile.rs`
//! times the same shapes.

use mwc::{Code, Diagnostic, Sources};
use std::fmt::Write;
mod common;

/// Every diagnostic of a one-file program, with the source to read spans:
/// the checker's own list, before `check_sources` keeps only the first
/// diagnostics of each code (the floods are what these tests count).
fn check(src: &str) -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    sources.add("large.mw", src);
    let (file, parsed) = mwc::syntax::parse(sources.get(mwc::FileId(0)));
    assert!(parsed.is_empty(), "{parsed:#?}");
    let strings = mwc::Strings::new();
    let (_, diagnostics) = mwc::check::check(
        vec![file],
        &strings,
        Default::default(),
        common::testing_now(),
    );
    (sources, diagnostics)
}

/// The text of the diagnostic's label `i` (0: the primary one).
fn labelled<'s>(sources: &'s Sources, d: &Diagnostic, i: usize) -> &'s str {
    let label = &d.labels[i];
    sources.get(label.span.file).slice(label.span)
}

/// The line of an offset, 1-based.
fn line(sources: &Sources, d: &Diagnostic, i: usize) -> usize {
    let span = d.labels[i].span;
    sources.get(span.file).line_col(span.start).0
}

fn with_code(diagnostics: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).collect()
}

const WINDOW: &str =
    "window Large {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n";

/// A window whose `tags` are `keys`, one per line from line 6.
fn window_tags(keys: &[String]) -> String {
    let mut src = format!("{WINDOW}  tags = {{\n");
    for k in keys {
        let _ = writeln!(src, "    {k} = \"v\"");
    }
    src.push_str("  }\n}\n");
    src
}

#[test]
fn every_repeated_tag_key_points_at_its_first_appearance() {
    // Keys 0..500, then 0..100 again, and `K7` a third time.
    let mut keys: Vec<String> = (0..500).map(|i| format!("K{i}")).collect();
    keys.extend((0..100).map(|i| format!("K{i}")));
    keys.push("K7".to_string());
    let (sources, diagnostics) = check(&window_tags(&keys));
    let repeats = with_code(&diagnostics, Code::DuplicateKey);
    assert_eq!(repeats.len(), 101, "{diagnostics:#?}");
    for d in &repeats {
        let key = labelled(&sources, d, 0);
        let first: usize = key[1..].parse().expect("a key Kn");
        assert_eq!(labelled(&sources, d, 1), key);
        assert_eq!(d.labels[1].message, "first here");
        // Key `Kn` is first on line 6 + n.
        assert_eq!(line(&sources, d, 1), 6 + first, "{}", d.message);
    }
    assert!(with_code(&diagnostics, Code::ItemCount).is_empty());
}

#[test]
fn a_map_past_the_limit_reports_the_exact_count_and_checks_only_the_first_entries() {
    // 2,500 keys (AWS accepts 1,000 tags on a window); key 10 repeats
    // within the first thousand, key 20 only past it.
    let mut keys: Vec<String> = (0..2_500).map(|i| format!("K{i}")).collect();
    keys[500] = "K10".to_string();
    keys[2_000] = "K20".to_string();
    let (sources, diagnostics) = check(&window_tags(&keys));
    let count = with_code(&diagnostics, Code::ItemCount);
    assert_eq!(count.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        count[0].message,
        "`tags` has too many tags: 2500, AWS accepts at most 1000"
    );
    let repeats = with_code(&diagnostics, Code::DuplicateKey);
    assert_eq!(repeats.len(), 1, "{repeats:#?}");
    assert_eq!(labelled(&sources, repeats[0], 0), "K10");
    assert_eq!(line(&sources, repeats[0], 1), 16);
}

#[test]
fn a_list_past_the_limit_reports_the_exact_count_and_few_items() {
    // 100,000 instance ids, none of them valid: one count, and at most one
    // pattern diagnostic per item AWS would accept.
    let mut src = format!("{WINDOW}  target Fleet {{\n    instances = [\n");
    for i in 0..100_000 {
        let _ = writeln!(src, "      \"x-{i}\",");
    }
    src.push_str("    ]\n  }\n}\n");
    let (_, diagnostics) = check(&src);
    let count = with_code(&diagnostics, Code::ItemCount);
    assert_eq!(count.len(), 1);
    assert_eq!(
        count[0].message,
        "`instances` has too many instance ids: 100000, AWS accepts at most 50"
    );
    let patterns = with_code(&diagnostics, Code::PatternMismatch);
    assert_eq!(patterns.len(), 50, "one per item within the limit");
}

#[test]
fn repeated_list_items_point_at_the_first_even_in_long_lists() {
    // `policies` has no item limit in AWS's model: every repeat is found.
    let arn = |i: usize| format!("\"arn:aws:iam::123456789012:policy/P{i}\"");
    let mut items: Vec<String> = (0..3_000).map(arn).collect();
    items.push(arn(5));
    items.push(arn(2_999));
    items.push(arn(5));
    let src = format!(
        "role Large {{\n  policies = [\n{}\n  ]\n}}\n",
        items.join(",\n")
    );
    let (sources, diagnostics) = check(&src);
    let repeats = with_code(&diagnostics, Code::DuplicateItem);
    assert_eq!(repeats.len(), 3, "{diagnostics:#?}");
    // Item `n` is on line 3 + n.
    let firsts: Vec<usize> = repeats.iter().map(|d| line(&sources, d, 1)).collect();
    assert_eq!(firsts, [8, 3_002, 8]);
    for d in &repeats {
        assert_eq!(labelled(&sources, d, 0), labelled(&sources, d, 1));
        assert_eq!(d.labels[1].message, "first listed here");
    }
}

#[test]
fn repeated_parameter_and_json_keys_point_at_the_first() {
    let mut params = String::new();
    for i in 0..2_000 {
        let _ = write!(params, "P{i} = \"v\", ");
    }
    let mut payload = String::new();
    for i in 0..2_000 {
        let _ = write!(payload, "k{i} = 1, ");
    }
    let src = format!(
        "{WINDOW}  target Web {{ tags = {{ Role = \"web\" }} }}\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"Company-PatchWithOptions\" {{\n      parameters = {{ {params}P1999 = \"again\" }}\n    }}\n  }}\n  task Hook {{\n    lambda \"SSMHook\" {{\n      payload = {{ {payload}k0 = 2 }}\n    }}\n  }}\n}}\n"
    );
    let (sources, diagnostics) = check(&src);
    let repeats = with_code(&diagnostics, Code::DuplicateKey);
    let keys: Vec<(&str, &str)> = repeats
        .iter()
        .map(|d| (labelled(&sources, d, 0), labelled(&sources, d, 1)))
        .collect();
    assert_eq!(keys, [("P1999", "P1999"), ("k0", "k0")], "{diagnostics:#?}");
    // The first appearance, not the second.
    for d in &repeats {
        assert!(d.labels[1].span.start < d.labels[0].span.start);
    }
}

/// `roles` roles `Role00000`… and one task per reference naming
/// `references[i]`.
fn roles_and_references(roles: usize, references: &[String]) -> String {
    let mut src = String::new();
    for i in 0..roles {
        let _ = writeln!(
            src,
            "role Role{i:05} {{\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}}"
        );
    }
    src.push_str(WINDOW);
    for (t, r) in references.iter().enumerate() {
        let _ = writeln!(
            src,
            "  task Hook{t:04} {{\n    role = {r}\n    lambda \"SSMHook\" {{ }}\n  }}"
        );
    }
    src.push_str("}\n");
    src
}

#[test]
fn misspelt_references_among_many_roles_still_get_suggestions() {
    let references: Vec<String> = [
        "Rloe04242", // two letters swapped
        "Role0424",  // a digit missing
        "role07777", // another case
        "Rloe04242", // the same slip again
        "Patching",  // nothing close enough
        "Role09999", // declared: resolves
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (_, diagnostics) = check(&roles_and_references(10_000, &references));
    let unresolved: Vec<(String, Option<String>)> =
        with_code(&diagnostics, Code::UnresolvedReference)
            .iter()
            .map(|d| (d.message.clone(), d.help.clone()))
            .collect();
    let did_you_mean = |s: &str| Some(format!("did you mean `{s}`?"));
    assert_eq!(
        unresolved,
        [
            (
                "no role named `Rloe04242`".to_string(),
                did_you_mean("Role04242")
            ),
            (
                "no role named `Role0424`".to_string(),
                did_you_mean("Role00424")
            ),
            (
                "no role named `role07777`".to_string(),
                did_you_mean("Role07777")
            ),
            (
                "no role named `Rloe04242`".to_string(),
                did_you_mean("Role04242")
            ),
            ("no role named `Patching`".to_string(), None),
        ]
    );
    // The same answers as comparing every declared name.
    let names: Vec<String> = (0..10_000).map(|i| format!("Role{i:05}")).collect();
    for r in &references[..5] {
        let full = mwc::suggest::did_you_mean(r, names.iter().map(String::as_str));
        let got = with_code(&diagnostics, Code::UnresolvedReference)
            .into_iter()
            .find(|d| d.message.contains(&format!("`{r}`")))
            .and_then(|d| d.help.clone());
        assert_eq!(got, full.map(|s| format!("did you mean `{s}`?")), "{r}");
    }
}

#[test]
fn a_reference_to_a_task_of_any_window_is_the_wrong_kind() {
    // The name is looked up among every window's targets and tasks at once.
    let mut src = String::new();
    for w in 0..300 {
        let _ = writeln!(
            src,
            "window Win{w:04} {{\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n  task Job{w:04} {{\n    lambda \"SSMHook\" {{ }}\n  }}\n}}"
        );
    }
    src.push_str("window Last {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n  task Hook {\n    role = Job0299\n    lambda \"SSMHook\" { }\n  }\n}\n");
    let (sources, diagnostics) = check(&src);
    let wrong = with_code(&diagnostics, Code::WrongKindReference);
    assert_eq!(wrong.len(), 1, "{diagnostics:#?}");
    assert_eq!(wrong[0].message, "`Job0299` is a task, not a role");
    assert_eq!(labelled(&sources, wrong[0], 1), "Job0299");
    assert_eq!(line(&sources, wrong[0], 1), 299 * 8 + 5);
}

#[test]
fn a_role_named_in_parameters_is_used() {
    let mut src = String::new();
    for i in 0..200 {
        let _ = writeln!(
            src,
            "role Role{i:03} {{\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}}"
        );
    }
    src.push_str(WINDOW);
    src.push_str("  task Restart {\n    automation \"AWS-RestartEC2Instance\" {\n      parameters = { InstanceId = \"{{RESOURCE_ID}}\", AutomationAssumeRole = \"arn:aws:iam::123456789012:role/path/Role007\" }\n    }\n  }\n}\n");
    let (sources, diagnostics) = check(&src);
    let unused: Vec<&str> = with_code(&diagnostics, Code::UnusedRole)
        .iter()
        .map(|d| labelled(&sources, d, 0))
        .collect();
    assert_eq!(unused.len(), 199, "{diagnostics:#?}");
    assert!(!unused.contains(&"Role007"));
}

#[test]
fn a_flood_of_checker_diagnostics_is_kept_small_and_counted_exactly() {
    // 20,000 blocks of an unknown kind: the reader compacts the flood as it
    // goes, and the count stays exact.
    let src = "a {}\n".repeat(20_000);
    let mut sources = Sources::new();
    sources.add("flood.mw", src.as_str());
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    let unknown = with_code(&diagnostics, Code::UnknownBlock);
    assert!(unknown.len() <= 51, "{}", unknown.len());
    assert_eq!(unknown.iter().map(|d| d.count()).sum::<usize>(), 20_000);
    // The checker's own list is compacted too, with the same total.
    let (_, raw) = check(&src);
    let raw_unknown = with_code(&raw, Code::UnknownBlock);
    assert!(raw_unknown.len() < 9_000, "{}", raw_unknown.len());
    assert_eq!(raw_unknown.iter().map(|d| d.count()).sum::<usize>(), 20_000);
}
