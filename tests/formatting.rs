//! `mwc fmt` and the printer behind it.
//!
//! - Every example and fixture (valid or not) that parses, and random
//!   programs laid out at random with comments everywhere: printing gives
//!   the same tree with the same comments in the same order, and printing
//!   the print changes nothing.
//! - Every example and valid fixture, in each of its environments: the
//!   formatted program checks to the same diagnostics and builds to the
//!   same files, byte for byte.
//! - The repository is formatted: `mwc fmt --check` passes on `examples/`
//!   and `tests/fixtures/ok/` (CI fails when they drift).
//! - The command: in place and only when changed, permissions kept,
//!   standard input, `--check`, `--diff`, files with syntax errors or not
//!   UTF-8 left alone while the others are formatted.

mod common;

use common::Rng;

use mwc::syntax::print;
use mwc::syntax::trivia::Trivia;
use mwc::{FileId, SourceFile};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// What printing `text` must satisfy; an error when it does not parse.
fn round_trip(name: &str, text: &str) -> Result<String, String> {
    let source = SourceFile::new(FileId(0), name, text);
    let (file, diagnostics) = mwc::syntax::parse(&source);
    if diagnostics.iter().any(mwc::Diagnostic::is_error) {
        return Err(format!(
            "{name} does not parse: {:?}",
            diagnostics[0].message
        ));
    }
    let trivia = Trivia::of(source.id(), text, source.content_start());
    let printed = print::print(&file, text, source.content_start(), &trivia);
    if !print::reprints(&file, text, &trivia, &printed) {
        let again = SourceFile::new(FileId(0), name, printed.as_str());
        let (tree, _) = mwc::syntax::parse(&again);
        let after = Trivia::of(FileId(0), &printed, again.content_start());
        let before: Vec<String> = trivia
            .comments
            .iter()
            .map(|c| c.text(text).into_owned())
            .collect();
        let after: Vec<String> = after
            .comments
            .iter()
            .map(|c| c.text(&printed).into_owned())
            .collect();
        eprintln!(
            "same tree: {}\nbefore: {before:?}\nafter:  {after:?}",
            print::same_tree(&file, &tree)
        );
    }
    assert!(
        print::reprints(&file, text, &trivia, &printed),
        "{name}: the print is not the same program, or lost or moved a comment:\n{printed}\n----- from\n{text}"
    );
    let again = print::format(&SourceFile::new(FileId(0), name, printed.as_str()))
        .unwrap_or_else(|d| panic!("{name}: the print does not parse: {d:?}\n{printed}"));
    assert_eq!(again, printed, "{name}: printing is not idempotent");
    if !printed.is_empty() {
        assert!(
            printed.ends_with('\n') && !printed.ends_with("\n\n"),
            "{name}: the print does not end with exactly one newline"
        );
    }
    for line in printed.lines() {
        assert!(
            !line.ends_with([' ', '\t']),
            "{name}: a line ends with blanks: {line:?}"
        );
    }
    Ok(printed)
}

/// The `.mw` files of every folder that holds programs, and the values
/// files beside them.
fn every_file() -> Vec<PathBuf> {
    let mut files = common::programs();
    files.extend(common::mw_files("examples/shared"));
    files.extend(common::mw_files("tests/fixtures/err"));
    for dir in ["examples/envs", "tests/fixtures/ok/envs"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut values: Vec<PathBuf> = std::fs::read_dir(&root)
            .expect("a folder of values files")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        values.sort();
        files.extend(values);
    }
    files
}

#[test]
fn every_file_that_parses_prints_back_the_same() {
    let (mut printed, mut refused) = (0, 0);
    for path in every_file() {
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(text) = String::from_utf8(bytes) else {
            refused += 1;
            continue;
        };
        match round_trip(&path.display().to_string(), &text) {
            Ok(_) => printed += 1,
            Err(_) => refused += 1,
        }
    }
    // Most invalid fixtures have errors past the syntax.
    assert!(
        printed >= 130,
        "only {printed} files printed ({refused} refused)"
    );
}

#[test]
fn formatting_never_changes_the_checked_model() {
    let now = common::testing_now();
    for path in common::programs() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let formatted = round_trip(&path.display().to_string(), &text).expect("parses");
        for env in common::environments(&path) {
            let values: Vec<PathBuf> = env.into_iter().collect();
            let before = common::sources_of(&path, text.clone().into_bytes(), &values, &[]);
            let after = common::sources_of(&path, formatted.clone().into_bytes(), &values, &[]);
            let words = |d: &mwc::Diagnostic| {
                let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
                format!("{} {} {:?} {:?}", d.code, d.message, d.help, labels)
            };
            let diagnostics = |s: &mwc::Sources| -> Vec<String> {
                mwc::check_sources(s, now).iter().map(words).collect()
            };
            assert_eq!(
                diagnostics(&before),
                diagnostics(&after),
                "{}: formatting changed the diagnostics",
                path.display()
            );
            let options = mwc::BuildOptions {
                emit: common::directive_emit(&text),
                ..mwc::BuildOptions::default()
            };
            let extra = ["account=123456789012", "region=us-east-1"];
            let build = |t: &str| {
                let sources = common::sources_of(&path, t.as_bytes().to_vec(), &values, &extra);
                let built = mwc::build(&sources, now, &options);
                built
                    .files
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| (f.path, f.text))
                    .collect::<Vec<_>>()
            };
            let outputs = build(&text);
            assert!(!outputs.is_empty(), "{} builds", path.display());
            assert_eq!(
                outputs,
                build(&formatted),
                "{}: formatting changed the outputs",
                path.display()
            );
        }
    }
}

#[test]
fn the_repository_is_formatted() {
    let output = common::mwc(&["fmt", "--check", "examples", "tests/fixtures/ok"], None);
    assert!(
        output.status.success(),
        "run `mwc fmt examples tests/fixtures/ok`; these files are not formatted:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        common::stderr(&output)
    );
}

// ───────────────────────────── Random programs ─────────────────────────────

/// Writes random programs: every construct of the grammar, with random
/// blanks, line breaks, blank lines and comments between the tokens.
struct Writer {
    rng: Rng,
    out: String,
}

impl Writer {
    /// What separates two tokens: blanks, line ends and comments, never
    /// nothing (two items in a row need something between them).
    fn gap(&mut self) {
        let gap = self.rng.pick(&[
            " ",
            " ",
            " ",
            "\n",
            "\n",
            "\n  ",
            "\n\n",
            "\n\n\n",
            "\t",
            " // note\n",
            "  // mwc: allow(MW0314) on purpose\n",
            " /* inline */ ",
            "\n/* own */\n",
            "\n// first\n// second\n",
            "\n\n// after a blank\n",
            " /* two\n   lines */\n",
            "\r\n",
        ]);
        self.out.push_str(gap);
    }

    /// Mostly a plain space; sometimes a gap.
    fn space(&mut self) {
        if self.rng.chance(15) {
            self.gap();
        } else {
            self.out.push(' ');
        }
    }

    fn leaf(&mut self) {
        let leaf = self.rng.pick(&[
            "\"text\"",
            "\"with \\\"quotes\\\" and \\\\ and \\u{e9}\"",
            "\"${param}-x\"",
            "\"$${literal}\"",
            "\"// not a comment /* nor this */\"",
            "1",
            "03",
            "-2",
            "3h",
            "600s",
            "2d",
            "10%",
            "true",
            "false",
            "Name",
            "Window.Target",
            "\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole-long\"",
            "\"cron(0 3 ? * SUN *)\"",
            "\"é € 𝄞\"",
        ]);
        self.out.push_str(leaf);
    }

    fn value(&mut self, depth: usize) {
        match self.rng.below(if depth > 3 { 1 } else { 4 }) {
            0 | 1 => self.leaf(),
            2 => self.list(depth),
            _ => self.map(depth),
        }
    }

    fn list(&mut self, depth: usize) {
        self.out.push('[');
        let n = self.rng.below(5);
        for k in 0..n {
            if k > 0 {
                self.out.push(',');
            }
            self.space();
            self.value(depth + 1);
        }
        if n > 0 && self.rng.chance(30) {
            self.out.push(',');
        }
        self.space();
        self.out.push(']');
    }

    fn map(&mut self, depth: usize) {
        self.out.push('{');
        let n = self.rng.below(5);
        for k in 0..n {
            if k > 0 && self.rng.chance(50) {
                self.out.push(',');
            }
            self.space();
            let key = self
                .rng
                .pick(&["a", "Key", "\"Patch Group\"", "long_key_name", "x-y"]);
            self.out.push_str(key);
            self.space();
            self.out.push('=');
            self.space();
            self.value(depth + 1);
        }
        if n > 0 && self.rng.chance(30) {
            self.out.push(',');
        }
        self.space();
        self.out.push('}');
    }

    fn items(&mut self, depth: usize, n: usize) {
        for _ in 0..n {
            self.gap();
            self.item(depth);
        }
    }

    fn item(&mut self, depth: usize) {
        let kind = if depth > 3 { 0 } else { self.rng.below(10) };
        match kind {
            0..=5 => {
                let key = self.rng.pick(&[
                    "schedule",
                    "duration",
                    "cutoff",
                    "description",
                    "allow_unregistered_targets",
                    "tags",
                    "x",
                    "_y-z",
                ]);
                self.out.push_str(key);
                self.space();
                self.out.push('=');
                self.space();
                self.value(depth);
            }
            6 | 7 => {
                let head = self.rng.pick(&[
                    "window W",
                    "window Install-${zone.az}",
                    "role R",
                    "task T",
                    "target G",
                    "run_command \"AWS-RunPatchBaseline\"",
                    "run_command",
                    "param p",
                    "template PatchTask",
                    "document \"Company-Doc\"",
                ]);
                self.out.push_str(head);
                self.space();
                self.out.push('{');
                let n = self.rng.below(5);
                self.items(depth + 1, n);
                self.space();
                self.out.push('}');
            }
            8 => {
                self.out.push_str("for");
                self.out.push(' ');
                self.out.push_str("zone");
                self.space();
                self.out.push_str("in");
                self.space();
                if self.rng.chance(50) {
                    self.out.push_str("zones");
                } else {
                    self.list(depth);
                }
                self.space();
                self.out.push('{');
                let n = self.rng.below(4);
                self.items(depth + 1, n);
                self.space();
                self.out.push('}');
            }
            _ => {
                self.out.push_str("import");
                self.space();
                self.out.push_str("\"shared/role.mw\"");
            }
        }
    }
}

fn program(seed: u64) -> String {
    let mut writer = Writer {
        rng: Rng(seed | 1),
        out: String::new(),
    };
    if writer.rng.chance(10) {
        writer.out.push('\u{feff}');
    }
    let n = writer.rng.below(8);
    writer.items(0, n);
    if writer.rng.chance(50) {
        writer.gap();
    }
    writer.out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Random programs print back the same, comments and all, and printing
    /// is idempotent.
    #[test]
    fn random_programs_print_back_the_same(seed in any::<u64>()) {
        let text = program(seed);
        if let Err(problem) = round_trip("random.mw", &text) {
            panic!("the generator wrote a program that does not parse: {problem}\n{text}");
        }
    }
}

#[test]
fn random_programs_cover_the_grammar() {
    // The generator reaches every construct, comments in every place, and
    // lines past the width.
    let texts: Vec<String> = (1..300).map(program).collect();
    let all = texts.concat();
    for construct in [
        "for zone in",
        "import",
        "${zone.az}",
        "// note",
        "/* two",
        "\r\n",
        "\u{feff}",
    ] {
        assert!(all.contains(construct), "no `{construct}` generated");
    }
    let printed: Vec<String> = texts
        .iter()
        .map(|t| round_trip("random.mw", t).expect("parses"))
        .collect();
    assert!(
        printed.iter().any(|p| p.lines().any(|l| l.ends_with('['))),
        "no list wrapped"
    );
    assert!(printed.iter().any(|p| p.contains(" {}")), "no empty block");
}

// ───────────────────────────── The command ─────────────────────────────

const UGLY: &str =
    "window W{\nschedule=\"cron(0 3 ? * * *)\" // nightly\n\n\n  duration = 3h\ncutoff=1h }\n";
const PRETTY: &str = "window W {\n  schedule = \"cron(0 3 ? * * *)\" // nightly\n\n  duration = 3h\n  cutoff   = 1h\n}\n";

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn formats_in_place_keeping_permissions_and_leaves_formatted_files_alone() {
    let dir = common::temp_dir("fmt-in-place");
    let ugly = dir.join("ugly.mw");
    let pretty = dir.join("pretty.mw");
    std::fs::write(&ugly, UGLY).expect("write");
    std::fs::write(&pretty, PRETTY).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ugly, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let untouched = std::fs::metadata(&pretty)
        .and_then(|m| m.modified())
        .expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = common::mwc(&["fmt", path_str(&dir)], None);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(std::fs::read_to_string(&ugly).expect("read"), PRETTY);
    assert_eq!(std::fs::read_to_string(&pretty).expect("read"), PRETTY);
    assert_eq!(
        std::fs::metadata(&pretty)
            .and_then(|m| m.modified())
            .expect("mtime"),
        untouched,
        "a formatted file is not written"
    );
    assert!(common::stderr(&output).contains("formatted 1 file, 1 already formatted"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ugly)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let left: Vec<_> = std::fs::read_dir(&dir).expect("dir").collect();
    assert_eq!(left.len(), 2, "no temporary file is left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_goes_to_standard_output() {
    let output = common::mwc(&["fmt", "-"], Some(UGLY.as_bytes()));
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), PRETTY);
}

#[test]
fn check_lists_and_diff_shows_what_would_change_writing_nothing() {
    let dir = common::temp_dir("fmt-check");
    let ugly = dir.join("ugly.mw");
    let pretty = dir.join("pretty.mw");
    std::fs::write(&ugly, UGLY).expect("write");
    std::fs::write(&pretty, PRETTY).expect("write");
    let output = common::mwc(
        &["fmt", "--check", path_str(&ugly), path_str(&pretty)],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}\n", ugly.display())
    );
    let output = common::mwc(&["fmt", "--diff", path_str(&ugly), path_str(&pretty)], None);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.starts_with(&format!(
            "--- {}\n+++ {}\n@@",
            ugly.display(),
            ugly.display()
        )),
        "{diff}"
    );
    assert!(diff.contains("+  cutoff   = 1h\n"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&ugly).expect("read"),
        UGLY,
        "nothing written"
    );
    let output = common::mwc(&["fmt", "--check", path_str(&pretty)], None);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_that_do_not_parse_are_reported_and_left_alone() {
    let dir = common::temp_dir("fmt-errors");
    let broken = dir.join("broken.mw");
    let latin1 = dir.join("latin1.mw");
    let ugly = dir.join("ugly.mw");
    let broken_text = "window W {\n  schedule \"x\"\n  unknown_field = 1\n}\n";
    std::fs::write(&broken, broken_text).expect("write");
    std::fs::write(&latin1, b"role R { description = \"caf\xe9\" }\n").expect("write");
    std::fs::write(&ugly, UGLY).expect("write");
    let output = common::mwc(&["fmt", "--message-format", "short", path_str(&dir)], None);
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("error[MW0002]"), "{stderr}");
    assert!(stderr.contains("error[MW0001]"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), broken_text);
    assert_eq!(
        std::fs::read(&latin1).expect("read"),
        b"role R { description = \"caf\xe9\" }\n"
    );
    assert_eq!(
        std::fs::read_to_string(&ugly).expect("read"),
        PRETTY,
        "the others are formatted"
    );
    // A program that does not check is still formatted: it parses.
    let output = common::mwc(&["fmt", "-"], Some(b"window W { bogus = 1 }"));
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "window W { bogus = 1 }\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_cannot_be_read_is_trouble() {
    let output = common::mwc(&["fmt", "no-such-file.mw"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("no such file"));
}
