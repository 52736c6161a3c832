//! `mwc completions SHELL` and `mwc man [SUBCOMMAND]`: the scripts and pages
//! generated from the command line's description.

mod common;

use common::{mwc, stderr};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Standard output of a successful run, as text.
fn stdout_of(args: &[&str]) -> String {
    let o = mwc(args, None);
    assert_eq!(o.status.code(), Some(0), "mwc {args:?}: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "mwc {args:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// The subcommands as `mwc --help` lists them (clap's own `help` aside).
fn subcommands() -> Vec<String> {
    let help = stdout_of(&["--help"]);
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    for expected in ["check", "build", "schedule", "tasks", "explain"] {
        assert!(names.iter().any(|n| n == expected), "{names:?} in {help}");
    }
    names
}

/// Whether `word` occurs in `text` with no letter, digit, `-` or `_` on
/// either side (`man` in `mwc man`, not in `command`).
fn mentions(text: &str, word: &str) -> bool {
    let part_of_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(part_of_word) && !after.is_some_and(part_of_word)
    })
}

/// Runs `program args...` with `input` on its standard input.
fn run_with_input(program: &str, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("finishes")
}

/// Whether `program` can be run (found on the PATH).
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let subcommands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        for name in &subcommands {
            assert!(mentions(&script, name), "{shell}: `{name}` not completed");
        }
        assert!(script.contains("message-format"), "{shell}");
    }
}

#[test]
fn the_bash_script_parses_and_completes() {
    let script = stdout_of(&["completions", "bash"]);
    let o = run_with_input("bash", &["-n"], script.as_bytes());
    assert!(o.status.success(), "bash -n: {}", stderr(&o));
    // As bash calls the completion function: `mwc ch<TAB>`, then
    // `mwc check --mess<TAB>`.
    let session = format!(
        "{script}\n\
         COMP_WORDS=(mwc ch); COMP_CWORD=1; _mwc mwc ch mwc; echo \"${{COMPREPLY[*]}}\"\n\
         COMP_WORDS=(mwc check --mess); COMP_CWORD=2; _mwc mwc --mess check; echo \"${{COMPREPLY[*]}}\"\n"
    );
    let o = run_with_input("bash", &[], session.as_bytes());
    assert!(o.status.success(), "bash: {}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out, "check\n--message-format\n");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = mwc(&["completions", "tcsh"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bash"), "{}", stderr(&o));
}

/// Checks that `page` is a man page groff reads without a warning. Without
/// groff (it comes with Debian's groff-base, on CI's machines), only its
/// structure is checked, unless CI is set.
fn assert_renders(page: &str, what: &str) {
    assert!(page.contains(".TH "), "{what}: no title\n{page}");
    assert!(page.contains(".SH NAME"), "{what}: no NAME\n{page}");
    assert!(page.contains(".SH SYNOPSIS"), "{what}: no SYNOPSIS\n{page}");
    if !installed("groff") {
        assert!(
            std::env::var_os("CI").is_none(),
            "groff is needed on CI (apt-get install groff-base)"
        );
        eprintln!("groff is not installed: {what} checked for its structure only");
        return;
    }
    let o = run_with_input("groff", &["-man", "-Tutf8", "-ww", "-z"], page.as_bytes());
    assert!(o.status.success(), "{what}: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "{what}: groff says {}", stderr(&o));
    let o = run_with_input("groff", &["-man", "-Tascii", "-P-cbou"], page.as_bytes());
    assert!(o.status.success(), "{what}: {}", stderr(&o));
    assert!(!o.stdout.is_empty(), "{what}: nothing rendered");
}

#[test]
fn the_man_page_lists_every_subcommand_and_renders() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH mwc 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for name in subcommands() {
        assert!(
            page.contains(&format!("mwc\\-{}(1)", name.replace('-', "\\-"))),
            "`{name}` not in mwc(1)\n{page}"
        );
    }
    assert_renders(&page, "mwc(1)");
}

#[test]
fn every_subcommand_has_a_page() {
    for name in subcommands() {
        let page = stdout_of(&["man", &name]);
        assert!(
            page.contains(&format!(".TH mwc-{name} 1")),
            "mwc-{name}(1)\n{page}"
        );
        assert_renders(&page, &format!("mwc-{name}(1)"));
    }
}

#[test]
fn the_check_page_documents_its_options() {
    let page = stdout_of(&["man", "check"]);
    for option in [
        "message\\-format",
        "deny\\-warnings",
        "now",
        "values",
        "set",
    ] {
        assert!(
            page.contains(&format!("\\-\\-{option}")),
            "--{option}\n{page}"
        );
    }
}

#[test]
fn an_unknown_page_is_a_usage_error() {
    let o = mwc(&["man", "deploy"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("check"), "{}", stderr(&o));
}

#[test]
fn a_page_that_cannot_be_written_exits_2() {
    // /dev/full accepts opening and fails every write (Linux).
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .ok()
    };
    if full().is_none() {
        return;
    }
    for args in [&["man"][..], &["man", "check"], &["completions", "bash"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_mwc"))
            .args(args)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1795392000")
            .stdin(Stdio::null())
            .stdout(full().expect("/dev/full"))
            .stderr(Stdio::piped())
            .output()
            .expect("mwc runs");
        assert_eq!(o.status.code(), Some(2), "mwc {args:?}");
        assert!(
            stderr(&o).contains("cannot write to standard output"),
            "{}",
            stderr(&o)
        );
    }
}
