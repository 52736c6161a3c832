//! Structured fixes: what each diagnostic proposes as an edit, and
//! `mwc check --fix` applying the safe ones to the files.

mod common;

use common::{mwc, stderr, temp_dir};

const BROKEN: &str = r#"role PatchRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}

window Nightly {
  schedule = "cron(0 3 ? * * *)"
  timezone = "US/Eastern"
  duration = "3h"
  cutoff   = 1

  target WebServers {
    tags = { Tier = "Web" }
  }

  task Patch {
    targets         = WebServers
    max_concurrency = "1"
    max_errors      = 1
    role            = PatchRol

    run_command "AWS-RunPatchBaseline" { parameters = { operation = "install" } }
  }
}
"#;

#[test]
fn fix_applies_the_safe_fixes_in_rounds_and_leaves_the_rest() {
    let dir = temp_dir("fix");
    let path = dir.join("nightly.mw");
    std::fs::write(&path, BROKEN).expect("write");
    let file = path.to_str().unwrap_or("");
    let o = mwc(&["check", "--fix", file], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // Quotes, units, a list, a legacy zone, a parameter's case, and in a
    // second round the value the right name uncovered.
    assert!(err.starts_with("mwc: applied 7 fixes in 1 file\n"), "{err}");
    let fixed = std::fs::read_to_string(&path).expect("read");
    let expected = BROKEN
        .replace("\"US/Eastern\"", "\"America/New_York\"")
        .replace("\"3h\"", "3h")
        .replace("cutoff   = 1\n", "cutoff   = 1h\n")
        .replace("= WebServers", "= [WebServers]")
        .replace("= \"1\"", "= 1")
        .replace("operation = \"install\"", "Operation = \"Install\"");
    assert_eq!(fixed, expected);
    // The misspelt role is left to a person: a guess is not safe.
    assert!(err.contains("no role named `PatchRol`"), "{err}");
    assert!(err.contains("mwc: 1 error"), "{err}");
    // Nothing more to apply.
    let o = mwc(&["check", "--fix", file], None);
    assert!(!stderr(&o).contains("applied"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_carries_the_fixes_with_their_applicability() {
    let o = mwc(
        &["check", "--message-format", "json", "-"],
        Some(BROKEN.as_bytes()),
    );
    let fixes: Vec<(String, String, String)> = stderr(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .flat_map(|d| {
            let code = d["code"].as_str().unwrap_or("").to_string();
            d["fixes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |f| {
                    (
                        code.clone(),
                        f["applicability"].as_str().unwrap_or("").to_string(),
                        f["edits"][0]["replacement"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    )
                })
        })
        .collect();
    assert!(
        fixes.contains(&("MW0202".into(), "maybe".into(), "PatchRole".into())),
        "{fixes:?}"
    );
    assert!(
        fixes.contains(&("MW0105".into(), "safe".into(), "[WebServers]".into())),
        "{fixes:?}"
    );
    assert!(
        fixes.contains(&(
            "MW0319".into(),
            "safe".into(),
            "\"America/New_York\"".into()
        )),
        "{fixes:?}"
    );
    // Standard input is never written: --fix reports it as it is.
    let o = mwc(&["check", "--fix", "-"], Some(BROKEN.as_bytes()));
    assert!(!stderr(&o).contains("applied"), "{}", stderr(&o));
}

#[test]
fn a_value_made_by_interpolation_has_no_fix() {
    let program = r#"param hours {
  type    = string
  default = "3"
}

window Nightly {
  schedule = "cron(0 3 ? * * *)"
  duration = "${hours}h"
  cutoff   = 1h
}
"#;
    let o = mwc(
        &["check", "--message-format", "json", "-"],
        Some(program.as_bytes()),
    );
    let err = stderr(&o);
    assert!(err.contains("MW0105"), "{err}");
    assert!(!err.contains("\"fixes\""), "{err}");
}

#[test]
fn cron_question_marks_and_day_names_are_fixed_where_written() {
    let program = "window Nightly {\n  schedule = \"cron(0 3 * * mon *)\"\n  duration = 3h\n  cutoff   = 1h\n}\n";
    let dir = temp_dir("fix-cron");
    let path = dir.join("cron.mw");
    std::fs::write(&path, program).expect("write");
    let o = mwc(&["check", "--fix", path.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        program.replace("* * mon", "? * MON")
    );
    // Built by interpolation, the same schedule gets the help and no fix.
    let built = "param days {\n  type    = string\n  default = \"* * mon\"\n}\n\nwindow Nightly {\n  schedule = \"cron(0 3 ${days} *)\"\n  duration = 3h\n  cutoff   = 1h\n}\n";
    let o = mwc(
        &["check", "--message-format", "json", "-"],
        Some(built.as_bytes()),
    );
    let err = stderr(&o);
    assert!(
        err.contains("MW0306") || err.contains("\"code\":\"MW03"),
        "{err}"
    );
    assert!(!err.contains("\"fixes\""), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
