//! Parameters, templates, comprehensions and imports are transparent: a
//! program written with them builds exactly what the program written out
//! by hand builds, every problem is reported once where it is written, and
//! expansion stays bounded.

mod common;

use mwc::{BuildOptions, Code, Diagnostic, Sources};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Builds one program text (with `--set` arguments) and returns the
/// diagnostics and the outputs.
fn build(text: &str, sets: &[&str]) -> (Vec<Diagnostic>, Vec<mwc::emit::File>) {
    let mut sources = Sources::new();
    sources.add("program.mw", text);
    if !sets.is_empty() {
        sources.add_settings(sets);
    }
    let built = mwc::build(&sources, common::testing_now(), &BuildOptions::default());
    (built.diagnostics, built.files.unwrap_or_default())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

const ROLE: &str = "account = \"123456789012\"\nregion = \"us-east-1\"\nrole PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n";

/// One window, written out.
fn window(name: &str, az: &str, hour: u32) -> String {
    format!(
        "window {name} {{\n  schedule = \"cron(0 {hour} ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Zone {{ tags = {{ AZ = \"{az}\" }} }}\n  task Patch {{\n    targets = [Zone]\n    role = PatchRole\n    max_concurrency = 10%\n    max_errors = 1\n    run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n  }}\n}}\n"
    )
}

#[test]
fn a_comprehension_builds_what_its_copies_written_out_build() {
    let by_hand = format!(
        "{ROLE}{}{}{}",
        window("Install-a", "a", 2),
        window("Install-b", "b", 4),
        window("Install-c", "c", 6)
    );
    let with_for = format!(
        "{ROLE}for zone in [{{ az = \"a\", hour = 2 }}, {{ az = \"b\", hour = 4 }}, {{ az = \"c\", hour = 6 }}] {{\n  window Install-${{zone.az}} {{\n    schedule = \"cron(0 ${{zone.hour}} ? * SUN *)\"\n    duration = 3h\n    cutoff = 1h\n    target Zone {{ tags = {{ AZ = zone.az }} }}\n    task Patch {{\n      targets = [Zone]\n      role = PatchRole\n      max_concurrency = 10%\n      max_errors = 1\n      run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n    }}\n  }}\n}}\n"
    );
    let (d1, expected) = build(&by_hand, &[]);
    let (d2, got) = build(&with_for, &[]);
    assert!(d1.is_empty(), "{d1:#?}");
    assert!(d2.is_empty(), "{d2:#?}");
    assert_eq!(got, expected, "byte for byte the same outputs");
}

#[test]
fn a_template_and_parameters_build_what_is_written_out() {
    let by_hand = format!("{ROLE}{}", window("Nightly", "a", 2));
    let with_template = format!(
        "{ROLE}param zone {{ type = string  default = \"a\" }}\nparam operation {{ type = string }}\ntemplate PatchTask {{\n  role = PatchRole\n  max_concurrency = 10%\n  max_errors = 5\n  run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = operation }} }}\n}}\nwindow Nightly {{\n  schedule = \"cron(0 2 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Zone {{ tags = {{ AZ = zone }} }}\n  task Patch {{\n    use = PatchTask\n    targets = [Zone]\n    max_errors = 1\n  }}\n}}\n"
    );
    let (_, expected) = build(&by_hand, &[]);
    let (diagnostics, got) = build(&with_template, &["operation=Install"]);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(got, expected);
}

#[test]
fn a_problem_in_a_template_is_one_diagnostic_with_every_use() {
    let text = format!(
        "{ROLE}template PatchTask {{\n  role = PatchRole\n  max_concurrency = 10%\n  max_errors = 200%\n  run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n}}\n{}",
        (0..5)
            .map(|i| format!("window Window{i} {{\n  schedule = \"cron(0 2 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web {{ tags = {{ Tier = \"web{i}\" }} }}\n  task Patch {{\n    use = PatchTask\n    targets = [Web]\n  }}\n}}\n"))
            .collect::<String>()
    );
    let (diagnostics, _) = build(&text, &[]);
    assert_eq!(codes(&diagnostics), ["MW0406"], "{diagnostics:#?}");
    let d = &diagnostics[0];
    // The written value, then three uses, the last counting the other two.
    assert_eq!(d.labels.len(), 4, "{d:#?}");
    assert!(
        d.labels[3].message.contains("and in 2 more places"),
        "{d:#?}"
    );
}

#[test]
fn elements_that_repeat_a_name_are_reported_at_the_element() {
    let text = format!(
        "{ROLE}for zone in [\"a\", \"b\", \"a\"] {{\n  window Install-${{zone}} {{\n    schedule = \"cron(0 2 ? * SUN *)\"\n    duration = 3h\n    cutoff = 1h\n  }}\n}}\n"
    );
    let (diagnostics, _) = build(&text, &[]);
    let repeated: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == Code::RepeatedName)
        .collect();
    assert_eq!(repeated.len(), 1, "{diagnostics:#?}");
    // At the third element, not at the name, and no MW0201 besides.
    assert_eq!(
        repeated[0].span().start as usize,
        text.find("\"a\"]").unwrap_or(0)
    );
    assert!(!codes(&diagnostics).contains(&"MW0201"));
}

#[test]
fn expansion_is_bounded() {
    // 1,001 elements: refused before anything is copied.
    let list: Vec<String> = (0..1001).map(|i| format!("\"z{i}\"")).collect();
    let text = format!(
        "for zone in [{}] {{\n  window W-${{zone}} {{\n    schedule = \"cron(0 2 ? * SUN *)\"\n    duration = 3h\n    cutoff = 1h\n  }}\n}}\n",
        list.join(", ")
    );
    let (diagnostics, _) = build(&text, &[]);
    assert_eq!(codes(&diagnostics), ["MW0612"], "{diagnostics:#?}");

    // Nested comprehensions that would copy 1,000 x 1,000 windows.
    let list: Vec<String> = (0..1000).map(|i| format!("\"z{i}\"")).collect();
    let list = list.join(", ");
    let text = format!(
        "for a in [{list}] {{\n  for b in [{list}] {{\n    window W-${{a}}-${{b}} {{\n      schedule = \"cron(0 2 ? * SUN *)\"\n      duration = 3h\n      cutoff = 1h\n    }}\n  }}\n}}\n"
    );
    let (diagnostics, files) = build(&text, &[]);
    assert!(
        codes(&diagnostics).contains(&"MW0612"),
        "{:?}",
        codes(&diagnostics)
    );
    assert!(files.is_empty());
}

#[test]
fn a_comprehension_over_a_list_parameter_set_from_the_command_line() {
    let text = "param zones { type = list }\nfor zone in zones {\n  window Install-${zone} {\n    schedule = \"cron(0 2 ? * SUN *)\"\n    duration = 3h\n    cutoff = 1h\n  }\n}\n";
    let mut sources = Sources::new();
    sources.add("program.mw", text);
    sources.add_settings(&["zones=[\"east\", \"west\"]"]);
    let names = mwc::with_program(&sources, common::testing_now(), |checked| {
        assert!(
            checked.diagnostics().is_empty(),
            "{:#?}",
            checked.diagnostics()
        );
        checked
            .program()
            .windows
            .iter()
            .map(|w| w.id.value.to_string())
            .collect::<Vec<_>>()
    });
    assert_eq!(names, ["Install-east", "Install-west"]);
}

/// Sources of in-memory files, with imports read from the same map.
fn with_imports(files: &[(&str, &str)]) -> Sources {
    let map: HashMap<PathBuf, String> = files
        .iter()
        .map(|(name, text)| (Path::new("/project").join(name), text.to_string()))
        .collect();
    let mut sources = Sources::new();
    let (first, text) = files[0];
    sources.add_file(
        first,
        Path::new("/project").join(first),
        text.as_bytes().to_vec(),
    );
    sources.load_imports(|path| {
        // Resolve `..` and `.` as a file system would.
        let mut clean = PathBuf::new();
        for part in path.components() {
            match part {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => clean.push(other),
            }
        }
        map.get(&clean)
            .map(|t| (clean.clone(), t.as_bytes().to_vec()))
            .ok_or_else(|| "no such file".to_string())
    });
    sources
}

#[test]
fn imports_are_read_once_and_cycles_and_missing_files_are_reported() {
    let roles = ROLE;
    let main = format!(
        "import \"shared/roles.mw\"\nimport \"lib/windows.mw\"\n{}",
        window("Nightly", "a", 2)
    );
    let windows = format!(
        "import \"../shared/roles.mw\"\n{}",
        window("Weekly", "b", 4)
    );
    let sources = with_imports(&[
        ("main.mw", &main),
        ("shared/roles.mw", roles),
        ("lib/windows.mw", &windows),
    ]);
    // The diamond: roles.mw is one file, imported twice.
    assert_eq!(sources.len(), 3);
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");

    let a = "import \"b.mw\"\nimport \"missing.mw\"\nimport \"/etc/passwd\"\n";
    let b = "import \"a.mw\"\n";
    let sources = with_imports(&[("a.mw", a), ("b.mw", b)]);
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    let mut got = codes(&diagnostics);
    got.sort_unstable();
    assert_eq!(got, ["MW0615", "MW0615", "MW0616"], "{diagnostics:#?}");
}

#[test]
fn a_program_checked_without_reading_its_imports_says_so() {
    let mut sources = Sources::new();
    sources.add("main.mw", "import \"roles.mw\"\n");
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    assert_eq!(codes(&diagnostics), ["MW0615"]);
}
