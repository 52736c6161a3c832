//! `mwc build -o DIR` end to end: which directories it writes into, how it
//! replaces its own earlier output, and that it never deletes or changes a
//! file it did not write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// The manifest that marks an output directory as mwc's.
const MARKER: &str = ".mwc-output.json";

/// The example every test builds.
fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nightly-web-patching.mw")
}

/// The example with a second window: two more SSM request files.
fn two_windows() -> String {
    let mut text = std::fs::read_to_string(example()).expect("the example");
    text.push_str(
        r#"
window NightlyDatabases {
  schedule = "cron(0 4 ? * * *)"
  timezone = "America/New_York"
  duration = 3h
  cutoff   = 1h

  target Databases {
    tags = { Workload = "Test", InstanceRole = "Database" }
  }

  task PatchDatabases {
    priority        = 1
    targets         = [Databases]
    max_concurrency = 1
    max_errors      = 1
    role            = MaintenanceWindowRole

    run_command "AWS-RunPatchBaseline" {
      parameters = { Operation = ["Install"] }
    }
  }
}
"#,
    );
    text
}

/// A program with an error (the cutoff is not shorter than the duration).
const BAD: &str =
    "window Nightly {\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 5h\n}\n";

/// A fresh directory under the system's temporary directory, removed (with
/// write permission given back) when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("mwc-out-dir-{}-{test}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir.canonicalize().expect("canonical temp dir"))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for entry in walk(&self.0) {
                if entry.is_dir() && !entry.is_symlink() {
                    let _ =
                        std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o755));
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every path under `dir` (not following symbolic links), `dir` included.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < all.len() {
        let path = all[i].clone();
        i += 1;
        if path.is_symlink() || !path.is_dir() {
            continue;
        }
        if let Ok(entries) = std::fs::read_dir(&path) {
            all.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    all
}

/// Everything under `dir`, byte for byte: files with their content,
/// directories, symbolic links with their target.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(dir)
                .expect("under dir")
                .display()
                .to_string();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let what = if meta.file_type().is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(&path).expect("link").display()
                )
            } else if meta.is_dir() {
                "dir".to_string()
            } else {
                let bytes = std::fs::read(&path).expect("read");
                format!("file {}", String::from_utf8_lossy(&bytes))
            };
            (rel, what)
        })
        .collect()
}

/// The regular files under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .filter(|(_, what)| what.starts_with("file "))
        .map(|(rel, _)| rel)
        .collect()
}

/// Fails if a temporary directory of mwc (`.NAME.mwc-new-*`, `.NAME.mwc-old-*`)
/// is anywhere under `dir`.
fn assert_no_leftovers(dir: &Path) {
    let leftovers: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .is_some_and(|n| n.contains(".mwc-new-") || n.contains(".mwc-old-"))
        })
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// Runs `mwc` in `cwd`.
fn mwc_in(cwd: &Path, args: &[&str]) -> Output {
    command(cwd, Command::new(env!("CARGO_BIN_EXE_mwc")), args)
}

fn command(cwd: &Path, mut command: Command, args: &[&str]) -> Output {
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("mwc runs")
}

/// `mwc build INPUT -o OUT` with the account and Region set, in `cwd`.
fn build(cwd: &Path, input: &Path, out: &str) -> Output {
    mwc_in(cwd, &build_args(input, out))
}

fn build_args<'a>(input: &'a Path, out: &'a str) -> Vec<&'a str> {
    vec![
        "build",
        input.to_str().expect("UTF-8 path"),
        "-o",
        out,
        "--set",
        "account=123456789012",
        "--set",
        "region=us-east-1",
    ]
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit status 2 and one plain line starting with `mwc: refusing`.
fn assert_refused(o: &Output, mentions: &[&str]) {
    let message = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{message}");
    assert!(
        message.starts_with("mwc: refusing to write into `"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    for word in mentions {
        assert!(message.contains(word), "`{word}` not in: {message}");
    }
}

fn assert_built(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
}

/// The files the manifest of `dir` lists.
fn manifest(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(MARKER)).expect("the manifest");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(value["format"], 1);
    value["files"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f.as_str().expect("a string").to_string())
        .collect()
}

/// Whether permission bits fail to stop this process from writing (root).
#[cfg(unix)]
fn permissions_are_ignored(scratch: &Scratch) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = scratch.join("probe");
    std::fs::create_dir(&probe).expect("probe dir");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let ignored = std::fs::write(probe.join("x"), "x").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let _ = std::fs::remove_dir_all(&probe);
    ignored
}

/// `mwc build` whose writes fail past the first 512 bytes of any file: the
/// shell caps the file size (`ulimit -f 1`) and ignores SIGXFSZ, so `write`
/// fails with EFBIG, whatever the user's privileges.
#[cfg(unix)]
fn build_with_failing_writes(cwd: &Path, input: &Path, out: &str) -> Output {
    let mut sh = Command::new("sh");
    sh.args([
        "-c",
        "ulimit -f 1 && trap '' XFSZ && exec \"$0\" \"$@\"",
        env!("CARGO_BIN_EXE_mwc"),
    ]);
    command(cwd, sh, &build_args(input, out))
}

#[test]
fn a_new_directory_is_created_with_its_parents_and_a_manifest() {
    let s = Scratch::new("new");
    let o = build(s.path(), &example(), "a/b/out");
    assert_built(&o);
    let out = s.join("a/b/out");
    let written = files(&out);
    assert!(
        written.contains(&"cloudformation.json".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"ssm/plan.json".to_string()),
        "{written:?}"
    );
    // The manifest lists, sorted, every file but itself.
    let listed = manifest(&out);
    let mut expected: Vec<String> = written.into_iter().filter(|f| f != MARKER).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert_no_leftovers(s.path());
}

#[test]
fn an_empty_directory_is_used() {
    let s = Scratch::new("empty");
    std::fs::create_dir(s.join("out")).expect("mkdir");
    assert_built(&build(s.path(), &example(), "out"));
    assert!(s.join("out/cloudformation.json").is_file());
    assert!(s.join("out").join(MARKER).is_file());
    // Also when named with a trailing slash.
    std::fs::create_dir(s.join("out2")).expect("mkdir");
    assert_built(&build(s.path(), &example(), "out2/"));
    assert_eq!(tree(&s.join("out")), tree(&s.join("out2")));
    assert_no_leftovers(s.path());
}

#[test]
fn a_rebuild_replaces_its_own_output_and_drops_its_stale_files() {
    let s = Scratch::new("rebuild");
    let program = s.join("program.mw");
    std::fs::write(&program, two_windows()).expect("write");
    assert_built(&build(s.path(), &program, "out"));
    let out = s.join("out");
    let second = "ssm/008-CreateMaintenanceWindow-NightlyDatabases.json";
    assert!(out.join(second).is_file());
    let two = tree(&out);

    // The same input gives the same bytes, the manifest included.
    assert_built(&build(s.path(), &program, "out"));
    assert_eq!(tree(&out), two);

    // One window less: its files go, and nothing else is there.
    std::fs::copy(example(), &program).expect("copy");
    assert_built(&build(s.path(), &program, "out"));
    let now = files(&out);
    assert!(
        !now.iter().any(|f| f.contains("NightlyDatabases")),
        "{now:?}"
    );
    let mut expected: Vec<String> = manifest(&out);
    expected.push(MARKER.to_string());
    expected.sort();
    assert_eq!(now, expected);

    // Fewer formats: the others' files and directories go.
    let o = mwc_in(
        s.path(),
        &[
            "build",
            program.to_str().expect("UTF-8"),
            "-o",
            "out",
            "--emit",
            "cfn",
        ],
    );
    assert_built(&o);
    assert_eq!(
        tree(&out).into_keys().collect::<Vec<_>>(),
        ["", MARKER, "cloudformation.json"]
    );
    assert_no_leftovers(s.path());
}

#[test]
fn a_directory_of_other_files_is_refused_and_left_intact() {
    let s = Scratch::new("foreign");
    let infra = s.join("infra");
    std::fs::create_dir_all(infra.join(".git/objects")).expect("mkdir");
    std::fs::write(infra.join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
    std::fs::write(infra.join(".git/objects/ab"), [0u8, 1, 2, 255]).expect("write");
    std::fs::write(infra.join("prod.mw"), "// not the input\n").expect("write");
    std::fs::write(infra.join("README"), "mine\n").expect("write");
    let before = tree(s.path());
    for spelling in ["infra", "infra/", "./infra", infra.to_str().expect("UTF-8")] {
        let o = build(s.path(), &example(), spelling);
        assert_refused(&o, &["did not write", ".git/", "prod.mw", "README"]);
        assert_eq!(tree(s.path()), before, "-o {spelling}");
    }
    // One file is enough, even a hidden one.
    std::fs::create_dir(s.join("hidden")).expect("mkdir");
    std::fs::write(s.join("hidden/.keep"), "").expect("write");
    let before = tree(s.path());
    assert_refused(&build(s.path(), &example(), "hidden"), &[".keep"]);
    assert_eq!(tree(s.path()), before);
}

#[test]
fn a_directory_holding_the_input_is_refused() {
    let s = Scratch::new("input");
    std::fs::create_dir_all(s.join("infra/prod")).expect("mkdir");
    std::fs::copy(example(), s.join("infra/prod/prod.mw")).expect("copy");
    let before = tree(s.path());
    let input = Path::new("infra/prod/prod.mw");
    for out in ["infra/prod", "infra", "infra/prod/..", "infra/prod/./"] {
        let o = build(s.path(), input, out);
        assert_refused(&o, &["input file", "infra/prod/prod.mw"]);
        assert_eq!(tree(s.path()), before, "-o {out}");
    }
    // The input's directory is refused even as mwc's earlier output.
    assert_built(&build(s.path(), &example(), "owned"));
    std::fs::copy(example(), s.join("owned/prod.mw")).expect("copy");
    let before = tree(s.path());
    assert_refused(
        &build(s.path(), Path::new("owned/prod.mw"), "owned"),
        &["input file"],
    );
    assert_eq!(tree(s.path()), before);
    assert_no_leftovers(s.path());
}

#[test]
fn the_current_directory_and_its_parents_are_refused_however_spelled() {
    let s = Scratch::new("cwd");
    let cwd = s.join("work/here");
    std::fs::create_dir_all(cwd.join("sub")).expect("mkdir");
    std::fs::copy(example(), s.join("prog.mw")).expect("copy");
    let input = s.join("prog.mw");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&cwd, s.join("link-to-cwd")).expect("symlink");
        std::os::unix::fs::symlink(s.join("work"), s.join("link-to-parent")).expect("symlink");
    }
    let absolute = cwd.to_str().expect("UTF-8").to_string();
    let spellings = [
        ".".to_string(),
        "./".to_string(),
        "..".to_string(),
        "../..".to_string(),
        "../".to_string(),
        absolute.clone(),
        format!("{absolute}/"),
        format!("{absolute}/."),
        "sub/..".to_string(),
        "sub/../".to_string(),
        "../here".to_string(),
        "../x/..".to_string(),
        "new/../..".to_string(),
        s.path().to_str().expect("UTF-8").to_string(),
        "../../link-to-cwd".to_string(),
        "../../link-to-cwd/".to_string(),
        "../../link-to-parent".to_string(),
        "../../link-to-parent/here".to_string(),
        "../../link-to-cwd/sub/..".to_string(),
        "/".to_string(),
    ];
    let before = tree(s.path());
    for out in &spellings {
        if out.contains("link") && !cfg!(unix) {
            continue;
        }
        let o = build(&cwd, &input, out);
        assert_refused(&o, &[]);
        assert_eq!(tree(s.path()), before, "-o {out:?}");
    }
    // An empty name is a usage error.
    assert_eq!(build(&cwd, &input, "").status.code(), Some(2));
    assert_eq!(tree(s.path()), before);
}

#[test]
fn the_home_directory_is_refused() {
    let s = Scratch::new("home");
    std::fs::create_dir_all(s.join("users/me")).expect("mkdir");
    std::fs::create_dir(s.join("work")).expect("mkdir");
    let before = tree(s.path());
    for out in ["../users/me", "../users"] {
        let o = command(
            &s.join("work"),
            {
                let mut c = Command::new(env!("CARGO_BIN_EXE_mwc"));
                c.env("HOME", s.join("users/me"));
                c
            },
            &build_args(&example(), out),
        );
        assert_refused(&o, &["home directory"]);
        assert_eq!(tree(s.path()), before, "-o {out}");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_refused() {
    let s = Scratch::new("symlink");
    std::fs::create_dir(s.join("empty")).expect("mkdir");
    assert_built(&build(s.path(), &example(), "owned"));
    std::os::unix::fs::symlink("empty", s.join("to-empty")).expect("symlink");
    std::os::unix::fs::symlink(s.join("owned"), s.join("to-owned")).expect("symlink");
    std::os::unix::fs::symlink("nowhere", s.join("dangling")).expect("symlink");
    let before = tree(s.path());
    for out in [
        "to-empty",
        "to-empty/",
        "to-owned",
        "./to-owned/",
        "dangling",
    ] {
        let o = build(s.path(), &example(), out);
        assert_refused(&o, &["symbolic link"]);
        assert_eq!(tree(s.path()), before, "-o {out}");
    }
    // A link on the way is followed: the output is written where it leads.
    std::os::unix::fs::symlink(".", s.join("here")).expect("symlink");
    assert_built(&build(s.path(), &example(), "here/empty"));
    assert!(s.join("empty/cloudformation.json").is_file());
    assert!(s.join("here").is_symlink());
    assert_no_leftovers(s.path());
}

#[test]
fn a_regular_file_is_refused() {
    let s = Scratch::new("file");
    std::fs::write(s.join("out"), "keep me\n").expect("write");
    let before = tree(s.path());
    assert_refused(&build(s.path(), &example(), "out"), &["not a directory"]);
    // A file on the way is an error too.
    assert_refused(
        &build(s.path(), &example(), "out/sub"),
        &["not a directory"],
    );
    assert_eq!(tree(s.path()), before);
}

#[test]
fn a_failed_check_leaves_the_earlier_output_byte_for_byte() {
    let s = Scratch::new("failed-check");
    assert_built(&build(s.path(), &example(), "out"));
    let before = tree(s.path());
    let bad = s.join("bad.mw");
    std::fs::write(&bad, BAD).expect("write");
    let before_with_bad = tree(s.path());
    let o = build(s.path(), &bad, "out");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(tree(s.path()), before_with_bad);
    std::fs::remove_file(&bad).expect("rm");
    assert_eq!(tree(s.path()), before);
    assert_no_leftovers(s.path());
}

#[cfg(unix)]
#[test]
fn a_write_failure_leaves_the_earlier_output_and_nothing_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("write-failure");
    std::fs::create_dir(s.join("parent")).expect("mkdir");
    let program = s.join("program.mw");
    std::fs::write(&program, two_windows()).expect("write");
    assert_built(&build(&s.join("parent"), &program, "out"));
    std::fs::copy(example(), &program).expect("copy");
    let before = tree(s.path());

    // A write fails midway (the file size limit): the earlier output stays.
    let o = build_with_failing_writes(&s.join("parent"), &program, "out");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("mwc: cannot write `out/"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("left as it was"), "{}", stderr(&o));
    assert_eq!(tree(s.path()), before);
    assert_no_leftovers(s.path());

    // A new directory whose write fails leaves nothing, not even its parents.
    let o = build_with_failing_writes(&s.join("parent"), &program, "made/for/out");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(tree(s.path()), before);

    // The parent cannot be written to (unless permissions do not apply).
    if !permissions_are_ignored(&s) {
        let parent = s.join("parent");
        std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let o = build(&parent, &program, "out");
        std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(tree(s.path()), before);
        assert_no_leftovers(s.path());
    }

    // Once writes work again, the build replaces the output.
    assert_built(&build(&s.join("parent"), &program, "out"));
    assert!(
        !files(&s.join("parent/out"))
            .iter()
            .any(|f| f.contains("NightlyDatabases"))
    );
    assert_no_leftovers(s.path());
}

#[test]
fn a_file_added_to_an_owned_directory_is_never_deleted() {
    let s = Scratch::new("added");
    assert_built(&build(s.path(), &example(), "out"));
    std::fs::write(s.join("out/notes.txt"), "my notes\n").expect("write");
    std::fs::write(s.join("out/ssm/extra.json"), "{}\n").expect("write");
    std::fs::create_dir(s.join("out/drafts")).expect("mkdir");
    let before = tree(s.path());
    let o = build(s.path(), &example(), "out");
    assert_refused(
        &o,
        &["notes.txt", "ssm/extra.json", "drafts/", "did not write"],
    );
    assert_eq!(tree(s.path()), before);

    // Once they are moved out, the build goes ahead.
    std::fs::remove_file(s.join("out/notes.txt")).expect("rm");
    std::fs::remove_file(s.join("out/ssm/extra.json")).expect("rm");
    std::fs::remove_dir(s.join("out/drafts")).expect("rm");
    assert_built(&build(s.path(), &example(), "out"));
    assert_no_leftovers(s.path());
}

#[cfg(unix)]
#[test]
fn a_link_inside_an_owned_directory_is_not_followed() {
    let s = Scratch::new("inner-link");
    assert_built(&build(s.path(), &example(), "out"));
    // `iam/` becomes a link to the user's own directory holding a file of
    // the same name as one mwc wrote.
    std::fs::create_dir(s.join("mine")).expect("mkdir");
    let name = "MaintenanceWindowRole.trust-policy.json";
    std::fs::write(s.join("mine").join(name), "precious\n").expect("write");
    std::fs::remove_dir_all(s.join("out/iam")).expect("rm");
    std::os::unix::fs::symlink(s.join("mine"), s.join("out/iam")).expect("symlink");
    let before = tree(s.path());
    assert_refused(&build(s.path(), &example(), "out"), &["iam"]);
    assert_eq!(tree(s.path()), before);
}

#[test]
fn a_manifest_pointing_outside_is_not_trusted() {
    let s = Scratch::new("crafted");
    std::fs::write(s.join("victim.txt"), "keep\n").expect("write");
    std::fs::create_dir(s.join("out")).expect("mkdir");
    std::fs::write(
        s.join("out").join(MARKER),
        "{\"format\": 1, \"files\": [\"../victim.txt\"]}\n",
    )
    .expect("write");
    let before = tree(s.path());
    assert_refused(&build(s.path(), &example(), "out"), &[MARKER]);
    assert_eq!(tree(s.path()), before);
    // Nor one of another format, or one that is not JSON.
    for text in ["{\"format\": 2, \"files\": []}\n", "garbage"] {
        std::fs::write(s.join("out").join(MARKER), text).expect("write");
        let before = tree(s.path());
        assert_refused(&build(s.path(), &example(), "out"), &[MARKER]);
        assert_eq!(tree(s.path()), before);
    }
}

#[cfg(unix)]
#[test]
fn the_leftovers_of_a_killed_build_are_restored_or_cleaned_and_only_mwcs() {
    let s = Scratch::new("killed");
    let program = s.join("program.mw");
    std::fs::write(&program, two_windows()).expect("write");
    assert_built(&build(s.path(), &program, "out"));
    let earlier = tree(&s.join("out"));
    // Killed between the two renames: the earlier output moved aside and the
    // new one complete beside it. (Process ids above any real one.)
    std::fs::rename(s.join("out"), s.join(".out.mwc-old-4000000000")).expect("mv");
    std::fs::create_dir_all(s.join(".out.mwc-new-4000000000/ssm")).expect("mkdir");
    std::fs::copy(
        s.join(".out.mwc-old-4000000000").join(MARKER),
        s.join(".out.mwc-new-4000000000").join(MARKER),
    )
    .expect("copy");
    std::fs::write(s.join(".out.mwc-new-4000000000/ssm/plan.json"), "{").expect("write");
    // Killed before writing anything.
    std::fs::create_dir(s.join(".out.mwc-new-4000000001")).expect("mkdir");
    // Not mwc's: a user's file in a directory of that name, and a manifest
    // pointing outside.
    std::fs::create_dir(s.join(".out.mwc-new-4000000002")).expect("mkdir");
    std::fs::write(s.join(".out.mwc-new-4000000002/mine.txt"), "mine\n").expect("write");
    std::fs::create_dir(s.join(".out.mwc-old-4000000003")).expect("mkdir");
    std::fs::write(
        s.join(".out.mwc-old-4000000003").join(MARKER),
        "{\"format\": 1, \"files\": [\"../program.mw\"]}\n",
    )
    .expect("write");
    let foreign = |s: &Scratch| {
        (
            tree(&s.join(".out.mwc-new-4000000002")),
            tree(&s.join(".out.mwc-old-4000000003")),
            std::fs::read(s.join("program.mw")).expect("read"),
        )
    };
    std::fs::copy(example(), &program).expect("copy");
    let kept = foreign(&s);

    // The next build puts the earlier output back before writing; its write
    // fails, so the earlier output is there as it was.
    let o = build_with_failing_writes(s.path(), &program, "out");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(tree(&s.join("out")), earlier);
    assert!(!s.join(".out.mwc-old-4000000000").exists());
    assert!(!s.join(".out.mwc-new-4000000000").exists());
    assert!(!s.join(".out.mwc-new-4000000001").exists());
    assert_eq!(foreign(&s), kept);

    // And the build after that replaces it; the leftovers that are not
    // mwc's are still untouched.
    assert_built(&build(s.path(), &program, "out"));
    assert!(
        !files(&s.join("out"))
            .iter()
            .any(|f| f.contains("NightlyDatabases"))
    );
    assert_eq!(foreign(&s), kept);
    let names: Vec<String> = std::fs::read_dir(s.path())
        .expect("read")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".mwc-"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        names,
        [".out.mwc-new-4000000002", ".out.mwc-old-4000000003"]
    );
}

#[test]
fn standard_output_is_unchanged_and_writes_no_directory() {
    let s = Scratch::new("stdout");
    let o = mwc_in(
        s.path(),
        &[
            "build",
            example().to_str().expect("UTF-8"),
            "--emit",
            "cfn",
            "-o",
            "-",
        ],
    );
    assert_built(&o);
    let t: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a template");
    assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
    assert_eq!(tree(s.path()).len(), 1, "{:?}", tree(s.path()));
}

/// A program of `windows` windows, each with a target and a task: three
/// request files and more per window, so that writing it takes a while.
fn many_windows(windows: usize) -> String {
    let mut text = String::new();
    for i in 0..windows {
        text.push_str(&format!(
            "window Fleet{i:05} {{\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web {{ tags = {{ Fleet = \"f{i}\" }} }}\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n  }}\n}}\n"
        ));
    }
    text
}

#[test]
fn an_interrupted_build_removes_its_temporary_directory() {
    let s = Scratch::new("interrupt");
    let program = s.join("fleet.mw");
    std::fs::write(&program, many_windows(4000)).expect("write");
    for signal in ["INT", "TERM"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mwc"))
            .args(build_args(&program, "out"))
            .current_dir(s.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("mwc runs");
        // Wait until the build writes its output beside `out`, then
        // interrupt it.
        let started = std::time::Instant::now();
        let writing = loop {
            let temp = std::fs::read_dir(s.path())
                .expect("dir")
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().starts_with(".out.mwc-new-"));
            if temp || started.elapsed() > std::time::Duration::from_secs(60) {
                break temp;
            }
            if child.try_wait().expect("wait").is_some() {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().expect("mwc ends");
        if writing {
            assert!(
                status.code() == Some(130) || status.success(),
                "SIG{signal}: {status:?}"
            );
        }
        assert_no_leftovers(s.path());
        // Either nothing or the whole output, never a part of it.
        if s.join("out").exists() {
            assert!(s.join("out").join(MARKER).is_file());
            std::fs::remove_dir_all(s.join("out")).expect("clean");
        }
    }
}

#[test]
fn any_output_name_the_file_system_takes_works() {
    let s = Scratch::new("long-name");
    // 245 bytes: the file system takes it, `.NAME.mwc-new-PID` would not.
    let name = "o".repeat(245);
    assert_built(&build(s.path(), &example(), &name));
    assert!(s.join(&name).join("cloudformation.json").is_file());
    // And again over its own output, through the sibling moved aside.
    assert_built(&build(s.path(), &example(), &name));
    assert_no_leftovers(s.path());
    let max = "m".repeat(255);
    assert_built(&build(s.path(), &example(), &max));
    assert_built(&build(s.path(), &example(), &max));
    assert_no_leftovers(s.path());
}

#[test]
fn an_earlier_output_that_cannot_be_removed_is_reported() {
    let s = Scratch::new("cannot-remove");
    assert_built(&build(s.path(), &example(), "out"));
    // An immutable file: not even root may remove it (where the file system
    // has the attribute; elsewhere this test has nothing to show).
    let pinned = s.join("out/cloudformation.json");
    let pinned_arg = pinned.to_str().expect("UTF-8");
    let pinned_ok = Command::new("chattr")
        .args(["+i", pinned_arg])
        .status()
        .is_ok_and(|st| st.success());
    if !pinned_ok {
        return;
    }
    let o = build(s.path(), &example(), "out");
    let _ = Command::new("chattr").args(["-i", pinned_arg]).status();
    let _ = Command::new("chattr")
        .args(["-i"])
        .args(walk(s.path()).iter().filter_map(|p| p.to_str()))
        .status();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("its earlier output could not be removed"),
        "{}",
        stderr(&o)
    );
    assert!(
        s.join("out").join(MARKER).is_file(),
        "the new output is in place"
    );
    // The next build removes what was left.
    assert_built(&build(s.path(), &example(), "out"));
    assert_no_leftovers(s.path());
}
