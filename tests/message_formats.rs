//! The diagnostic formats CI tools read (`short`, `github`, `json`, `sarif`,
//! `junit`) as snapshots of one small program that has them all at work: an
//! error and a warning, a label in an imported file (whose name holds a
//! space and a comma), a span over several lines, non-ASCII text before a
//! span on its line (a character needing two UTF-16 code units, so the
//! UTF-16 columns differ from the character columns), a file that passes
//! and one with only a warning, a `--set` argument that is no file, and a
//! message holding `%`, `,` and `:` whose help runs over two lines. And the
//! binary writes each format with `--message-format`.

mod common;

use mwc::render::{github, json, junit, sarif, short};
use mwc::{Code, Diagnostic, Sources, Span};
use std::path::{Path, PathBuf};

const MAIN: &str = r#"import "shared/roles, v2.mw"

role PatchRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}

window Nightly {
  schedule = "cron(0 2 ? * * *)"
  duration = 3h
  /* café ☕ 😀 */ cutoff = 4h

  target Web {
    tags = { Role = "Web" }
  }

  task Patch {
    targets         = [Web]
    max_concurrency = 1
    max_errors      = 150%
    role            = PatchRole
    run_command "AWS-RunPatchBaseline" {
      parameters = { Operation = ["Install"] }
      timeout = {
        seconds = 600
      }
    }
  }
}
"#;

const ROLES: &str = r#"role PatchRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}
"#;

const WEEKLY: &str = r#"role ExtraRole {
  trust    = ["ssm.amazonaws.com", "ec2.amazonaws.com"]
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
}
"#;

const CLEAN: &str = r#"// A file with nothing wrong: a test that passes in the JUnit report.
window Weekly {
  schedule = "cron(0 4 ? * SUN *)"
  duration = 2h
  cutoff   = 1h
}
"#;

/// The program's files and `--set nosuch=1`, with its diagnostics, and one
/// more made up to show the escaping of `%`, `,`, `:` and line breaks.
fn program() -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    let main = sources.add("main.mw", MAIN);
    sources.add("weekly.mw", WEEKLY);
    sources.add("clean.mw", CLEAN);
    sources.load_imports(|path: &Path| -> Result<(PathBuf, Vec<u8>), String> {
        match path.to_str() {
            Some("./shared/roles, v2.mw") => Ok((path.to_path_buf(), ROLES.as_bytes().to_vec())),
            _ => Err(format!("no file `{}`", path.display())),
        }
    });
    sources.add_settings(&["nosuch=1"]);
    let mut diagnostics = mwc::check_sources(&sources, common::testing_now());
    let at = MAIN.find("max_concurrency").unwrap_or(0);
    diagnostics.push(
        Diagnostic::new(
            Code::InvalidRateControl,
            Span::new(main, at, at + "max_concurrency".len()),
            "100% of 3: `a,b` too many, and\r\na line break",
        )
        .label("50%, here: and here")
        .help("first line: 100%, all\nsecond line"),
    );
    mwc::diagnostic::sort_and_dedup(&mut diagnostics);
    (sources, diagnostics)
}

fn check(format: &str, content: &str) {
    assert!(
        common::snapshot("formats", format, content),
        "the {format} output differs from its snapshot"
    );
}

#[test]
fn the_program_has_what_the_formats_must_show() {
    let (sources, diagnostics) = program();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    for code in ["MW0201", "MW0405", "MW0406", "MW0105", "MW0901", "MW0602"] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
    assert!(diagnostics.iter().any(|d| !d.is_error()), "no warning");
    // A label in the imported file, and one over several lines.
    let imported = sources
        .iter()
        .find(|f| f.name() == "shared/roles, v2.mw")
        .map(|f| f.id());
    assert!(diagnostics.iter().any(|d| Some(d.span().file) == imported));
    assert!(diagnostics.iter().any(|d| {
        let file = sources.get(d.span().file);
        file.line_col(d.span().start).0 != file.line_col(d.span().end).0
    }));
}

#[test]
fn short() {
    let (sources, diagnostics) = program();
    check("short", &short::render_all(&diagnostics, &sources));
}

#[test]
fn github() {
    let (sources, diagnostics) = program();
    check("github", &github::render_all(&diagnostics, &sources));
}

#[test]
fn json() {
    let (sources, diagnostics) = program();
    let text = json::render_all(&diagnostics, &sources);
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("one object per line");
        assert_eq!(value["format"], json::FORMAT);
    }
    check("json", &text);
}

#[test]
fn json_io_error() {
    check(
        "json_io_error",
        &json::render_error("cannot read `missing.mw`: No such file or directory (os error 2)"),
    );
}

#[test]
fn sarif() {
    let (sources, diagnostics) = program();
    let text = sarif::render_all(&diagnostics, &sources);
    let log: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // The rules are the same in every log: one per code, in order. The
    // snapshot keeps those the results use.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), Code::ALL.len());
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.as_str());
        assert_eq!(rule["helpUri"], code.url());
    }
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for result in &results {
        let index = result["ruleIndex"].as_u64().unwrap_or(0) as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    // The snapshot: the log as rendered, with only the rules the results
    // use (`ruleIndex` still counts them all) and no version number.
    let mut log = sarif::log(&diagnostics, &sources);
    let driver = &mut log.runs[0].tool.driver;
    driver
        .rules
        .retain(|rule| results.iter().any(|r| r["ruleId"] == rule.id));
    // The help is the code's page, its links made absolute: shown by name.
    for rule in &mut driver.rules {
        let code = Code::parse(rule.id).expect("a code");
        assert!(rule.help.markdown.starts_with(&format!("# {code}")));
        assert!(rule.help.markdown.len() >= code.explanation().len());
        rule.help.markdown = format!("(docs/codes/{code}.md, its links made absolute)");
    }
    driver.version = "VERSION";
    driver.semantic_version = "VERSION";
    let shown = serde_json::to_string_pretty(&log).unwrap_or_default();
    check(
        "sarif",
        &format!("(only the rules the results use)\n{shown}\n"),
    );
}

#[test]
fn junit() {
    let (sources, diagnostics) = program();
    check("junit", &junit::render_all(&diagnostics, &sources));
}

#[test]
fn the_binary_writes_each_format_on_standard_error() {
    let program = b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff   = 3h\n}\n";
    for format in ["short", "github", "sarif", "junit", "json"] {
        let o = common::mwc(&["check", "--message-format", format, "-"], Some(program));
        assert_eq!(o.status.code(), Some(1), "{format}");
        let err = common::stderr(&o);
        let expected = match format {
            "short" => "<stdin>:4:14: error[MW0405]: ",
            "github" => "::error title=MW0405%3A cutoff not below duration::<stdin>:4:14: ",
            "sarif" => "\"ruleId\": \"MW0405\"",
            "junit" => "<testcase name=\"&lt;stdin&gt;\" classname=\"mwc\">",
            _ => "\"code\":\"MW0405\"",
        };
        assert!(err.contains(expected), "{format}: {err}");
        if format == "sarif" {
            let log: serde_json::Value = serde_json::from_str(&err).expect("one JSON document");
            assert_eq!(log["version"], "2.1.0");
        }
    }
}
