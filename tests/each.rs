//! `--each`: every file its own program, directories walked, in parallel
//! with the output of a run one file at a time.

mod common;

use common::{mwc, stderr, temp_dir};
use std::path::{Path, PathBuf};

/// Program `i` of a fleet: clean, with a warning, or with errors, by turns.
fn program(i: usize) -> String {
    let cutoff = if i % 7 == 3 { "4h" } else { "1h" };
    let spare = if i % 5 == 1 {
        "role SpareRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n"
    } else {
        ""
    };
    format!(
        r#"role PatchRole {{
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}}
{spare}
window Stack{i:03} {{
  schedule = "cron({} 3 ? * * *)"
  timezone = "America/New_York"
  duration = 3h
  cutoff   = {cutoff}

  target Servers {{
    tags = {{ Stack = "s{i}" }}
  }}

  task Patch {{
    targets         = [Servers]
    max_concurrency = 1
    max_errors      = 1
    role            = PatchRole

    run_command "AWS-RunPatchBaseline" {{ parameters = {{ Operation = "Install" }} }}
  }}
}}
"#,
        i % 60
    )
}

/// A directory of `n` programs in nested folders, sorted by path.
fn fleet(name: &str, n: usize) -> (PathBuf, Vec<String>) {
    let dir = temp_dir(name);
    let mut files = Vec::new();
    for i in 0..n {
        let folder = dir.join(format!("team{}", i % 4));
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join(format!("stack{i:03}.mw"));
        std::fs::write(&path, program(i)).expect("write");
        files.push(path.to_string_lossy().into_owned());
    }
    files.sort();
    (dir, files)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap_or("")
}

#[test]
fn two_hundred_programs_check_in_one_call_as_one_at_a_time() {
    let (dir, files) = fleet("fleet", 200);
    for format in ["json", "human"] {
        let all = mwc(
            &["check", "--each", "--message-format", format, arg(&dir)],
            None,
        );
        assert_eq!(all.status.code(), Some(1), "{}", stderr(&all));
        let mut one_by_one = String::new();
        for file in &files {
            let o = mwc(&["check", "--message-format", format, file], None);
            // The summary line closes a run; the run of all has one at the end.
            let text = stderr(&o);
            let body: String = text
                .lines()
                .filter(|l| !l.starts_with("mwc: "))
                .map(|l| format!("{l}\n"))
                .collect();
            one_by_one.push_str(&body);
        }
        let every = stderr(&all);
        let (body, summary) = match format {
            "human" => {
                let at = every.trim_end().rfind('\n').map_or(0, |p| p + 1);
                every.split_at(at)
            }
            _ => (every.as_str(), ""),
        };
        assert_eq!(body, one_by_one, "{format}");
        if format == "human" {
            // 29 programs with a cutoff past the duration, 40 with a spare role
            // (whose warning does not show in the 5 of them with errors).
            assert_eq!(summary, "mwc: 29 errors, 35 warnings\n");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_honours_gitignore_and_skips_hidden_files_and_imported_ones() {
    let dir = temp_dir("walk");
    std::fs::write(dir.join("a.mw"), program(0)).expect("write");
    std::fs::create_dir_all(dir.join("generated")).expect("dir");
    std::fs::write(dir.join("generated/broken.mw"), "window {").expect("write");
    std::fs::write(dir.join(".gitignore"), "generated/\n").expect("write");
    std::fs::create_dir_all(dir.join(".cache")).expect("dir");
    std::fs::write(dir.join(".cache/broken.mw"), "window {").expect("write");
    std::fs::write(dir.join("notes.txt"), "not a program").expect("write");
    // A shared role, imported by b.mw: part of b, not a program of its own
    // (alone, its role would be used by no task).
    std::fs::create_dir_all(dir.join("shared")).expect("dir");
    std::fs::write(
        dir.join("shared/role.mw"),
        "role PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n",
    )
    .expect("write");
    let b = program(1)
        .replace("role PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n", "import \"shared/role.mw\"\n")
        .replace("role SpareRole", "role OtherSpareRole");
    std::fs::write(dir.join("b.mw"), b).expect("write");
    let o = mwc(
        &["check", "--each", "--message-format", "json", arg(&dir)],
        None,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // b.mw's own spare role, and nothing from the ignored or hidden files.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("OtherSpareRole"), "{err}");
    // Named on the command line, an ignored file is checked.
    let o = mwc(&["check", arg(&dir.join("generated/broken.mw"))], None);
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_each_writes_one_folder_per_program_and_nothing_on_errors() {
    let (dir, files) = fleet("build-each", 12);
    let out = temp_dir("build-each-out").join("out");
    // Programs 3 and 10 have errors: nothing is written.
    let o = mwc(&["build", "--each", arg(&dir), "-o", arg(&out)], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.exists());
    for broken in [3, 10] {
        let path = dir.join(format!("team{}/stack{broken:03}.mw", broken % 4));
        let fixed = program(0).replace("Stack000", &format!("Stack{broken:03}"));
        std::fs::write(path, fixed).expect("write");
    }
    let o = mwc(&["build", "--each", arg(&dir), "-o", arg(&out)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("for 12 programs under"), "{said}");
    for i in 0..12 {
        let folder = out.join(format!("team{}/stack{i:03}", i % 4));
        assert!(
            folder.join("cloudformation.json").is_file(),
            "{}",
            folder.display()
        );
    }
    // Again: each folder is mwc's earlier output, replaced.
    let o = mwc(
        &[
            "build",
            "--each",
            arg(&dir),
            "-o",
            arg(&out),
            "-q",
            "-A",
            "MW0903",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "-q, and the only warnings allowed");
    // Two programs that would share a folder are refused before anything runs.
    let other = temp_dir("build-each-other");
    std::fs::write(other.join("stack000.mw"), program(0)).expect("write");
    let o = mwc(
        &[
            "build",
            "--each",
            &files[0],
            arg(&other.join("stack000.mw")),
            "-o",
            arg(&out),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would both be built into `stack000`"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
    let _ = std::fs::remove_dir_all(out.parent().unwrap_or(&out));
}

#[test]
fn schedule_each_heads_each_program() {
    let dir = temp_dir("schedule-each");
    std::fs::write(dir.join("a.mw"), program(0)).expect("write");
    std::fs::write(dir.join("b.mw"), program(2)).expect("write");
    let o = mwc(
        &[
            "schedule",
            "--each",
            "--next",
            "1",
            "--from",
            "2026-11-23T00:00:00Z",
            arg(&dir),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let a = format!("==> {} <==", dir.join("a.mw").display());
    let b = format!("==> {} <==", dir.join("b.mw").display());
    assert!(out.starts_with(&a), "{out}");
    assert!(out.contains(&b), "{out}");
    assert!(
        out.contains("Stack000") && out.contains("Stack002"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn document_formats_are_one_document_for_the_whole_run() {
    let dir = temp_dir("documents-each");
    std::fs::write(dir.join("a.mw"), program(0)).expect("write");
    std::fs::write(dir.join("b.mw"), program(3)).expect("write");
    let missing = dir.join("missing.mw");
    // JUnit: a test case per file of every program, and one `<error>` for
    // the program that could not be read.
    let o = mwc(
        &[
            "check",
            "--each",
            "--message-format",
            "junit",
            arg(&dir),
            arg(&missing),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let xml = stderr(&o);
    assert_eq!(xml.matches("<?xml").count(), 1, "{xml}");
    assert!(
        xml.contains("<testsuites name=\"mwc\" tests=\"3\" failures=\"1\" errors=\"1\">"),
        "{xml}"
    );
    assert!(xml.contains("<error message=\"cannot read"), "{xml}");
    // SARIF: one run with both programs' results, and the trouble as a
    // failed invocation.
    let o = mwc(
        &[
            "check",
            "--each",
            "--message-format",
            "sarif",
            arg(&dir),
            arg(&missing),
        ],
        None,
    );
    let log: serde_json::Value = serde_json::from_slice(&o.stderr).expect("one SARIF log");
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().map(Vec::len), Some(1), "{log}");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    // A usage error is a whole log too.
    let o = mwc(
        &[
            "check",
            "--message-format",
            "sarif",
            "-A",
            "MW0405",
            arg(&dir),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_slice(&o.stderr).expect("one SARIF log");
    assert!(
        log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("errors cannot be allowed")),
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
