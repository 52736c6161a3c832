//! Helpers shared by the test files: the fixed "now", the programs the tests
//! walk, snapshots that report every mismatch instead of the first, and
//! running the binary.
#![allow(dead_code)]

use mwc::build::Emit;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The fixed "now" of the tests, so that verdicts about past dates and
/// daylight-saving warnings do not change with the calendar.
pub fn testing_now() -> mwc::Timestamp {
    "2026-11-23T00:00:00Z".parse().expect("a valid timestamp")
}

/// The `.mw` files of a folder of the project, sorted.
pub fn mw_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mw"))
        .collect();
    files.sort();
    files
}

/// Every valid program: the examples and the valid fixtures.
pub fn programs() -> Vec<PathBuf> {
    let mut files = mw_files("examples");
    files.extend(mw_files("tests/fixtures/ok"));
    files
}

/// A snapshot name for a program: `examples__patch-tuesday`.
pub fn snapshot_name(path: &Path) -> String {
    format!(
        "{}__{}",
        path.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or(""),
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("program")
    )
}

/// Compares `content` with the snapshot `name` in `tests/snapshots/<dir>`;
/// returns whether it matched (insta records the difference).
pub fn snapshot(dir: &str, name: &str, content: &str) -> bool {
    std::panic::catch_unwind(|| {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/snapshots")
                .join(dir),
        );
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name.to_string(), content));
    })
    .is_ok()
}

/// The outputs chosen by a program's `// mwc-build:` first line; every output
/// without one. The directive takes `--emit LIST` (or `--emit=LIST`) only,
/// as `mwc build` spells it.
pub fn directive_emit(text: &str) -> Emit {
    let first = text.lines().next().unwrap_or("").trim();
    let Some(args) = first.strip_prefix("// mwc-build:") else {
        return Emit::ALL;
    };
    let mut args = args.split_whitespace();
    let mut emit = Emit::ALL;
    while let Some(arg) = args.next() {
        let list = match arg.strip_prefix("--emit=") {
            Some(list) => list,
            None if arg == "--emit" => args.next().expect("`--emit` needs a list"),
            None => panic!("unknown argument `{arg}` in the `// mwc-build:` directive"),
        };
        emit = Emit {
            cfn: false,
            ssm: false,
            iam: false,
        };
        for output in list.split(',') {
            match output {
                "cfn" => emit.cfn = true,
                "ssm" => emit.ssm = true,
                "iam" => emit.iam = true,
                other => panic!("unknown output `{other}` in the `// mwc-build:` directive"),
            }
        }
    }
    emit
}

/// What a program's leading comment lines ask for: `// mwc-set: NAME=VALUE`
/// lines are `--set` arguments for every build of it; each `// mwc-values:
/// FILE` line (relative to the program) is one environment, a values file
/// the program is built with on its own; a `// mwc-now: TIMESTAMP` line is
/// the "now" an invalid fixture is checked at.
#[derive(Debug, Default)]
pub struct Directives {
    /// The `--set` arguments, in order.
    pub sets: Vec<String>,
    /// The 1-based line of each `--set` argument in the program.
    pub set_lines: Vec<usize>,
    /// The values files, one per environment.
    pub environments: Vec<PathBuf>,
    /// The "now" of a `// mwc-now: TIMESTAMP` line, for a program about
    /// dates [`testing_now`] does not reach (such as a daylight-saving
    /// change within the next 90 days).
    pub now: Option<mwc::Timestamp>,
}

/// The directives of the program at `path` (see [`Directives`]). An
/// annotation (`//~ CODE`) may end a directive line.
pub fn directives(path: &Path, text: &str) -> Directives {
    let mut out = Directives::default();
    let dir = path.parent().unwrap_or(Path::new("."));
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with("//") {
            break;
        }
        let line = line.split(" //~").next().unwrap_or(line).trim_end();
        if let Some(set) = line.strip_prefix("// mwc-set:") {
            out.sets.push(set.trim().to_string());
            out.set_lines.push(i + 1);
        } else if let Some(file) = line.strip_prefix("// mwc-values:") {
            out.environments.push(dir.join(file.trim()));
        } else if let Some(now) = line.strip_prefix("// mwc-now:") {
            let now = now.trim();
            out.now = Some(
                now.parse()
                    .unwrap_or_else(|e| panic!("`// mwc-now: {now}`: {e}")),
            );
        }
    }
    out
}

/// The sources of a program with its directives: the program, the values
/// files `values`, then its `--set` arguments and `extra` ones.
pub fn sources(path: &Path, values: &[PathBuf], extra: &[&str]) -> mwc::Sources {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    sources_of(path, bytes, values, extra)
}

/// [`sources`] with the program's text given (`bytes`) instead of read from
/// `path`, which still names it and places its imports.
pub fn sources_of(path: &Path, bytes: Vec<u8>, values: &[PathBuf], extra: &[&str]) -> mwc::Sources {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let mut sources = mwc::Sources::new();
    match std::fs::canonicalize(path) {
        Ok(canonical) => sources.add_file(name, canonical, bytes),
        Err(_) => sources.add_bytes(name, bytes),
    };
    for file in values {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(file)
            .display()
            .to_string();
        sources.add_values(name, bytes);
    }
    // Imports, read as `mwc` reads them.
    sources.load_imports(|path| {
        let canonical = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
        let bytes = std::fs::read(&canonical).map_err(|e| e.to_string())?;
        Ok((canonical, bytes))
    });
    let mut sets: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    sets.extend(directives(path, &text).sets);
    if !sets.is_empty() {
        sources.add_settings(&sets);
    }
    sources
}

/// The environments of a program: each of its values files, or none.
pub fn environments(path: &Path) -> Vec<Option<PathBuf>> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let envs = directives(path, &text).environments;
    if envs.is_empty() {
        vec![None]
    } else {
        envs.into_iter().map(Some).collect()
    }
}

/// The values file of a program's first environment, if it has any.
pub fn first_environment(path: &Path) -> Vec<PathBuf> {
    environments(path).into_iter().take(1).flatten().collect()
}

/// `mwc COMMAND ARGS... FILE`, with `--values` for the program's first
/// environment, run as the tests run the binary.
pub fn mwc_in_first_environment(command: &str, args: &[&str], path: &Path) -> Output {
    let values = first_environment(path);
    let mut all = vec![command];
    all.extend_from_slice(args);
    all.push(path.to_str().expect("a UTF-8 path"));
    for v in &values {
        all.extend(["--values", v.to_str().expect("a UTF-8 path")]);
    }
    mwc(&all, None)
}

/// Builds like `mwc build --set account=123456789012 --set region=us-east-1`,
/// plus the program's build directive, in its first environment.
pub fn build(path: &Path) -> (usize, Vec<mwc::emit::File>) {
    let env = environments(path).into_iter().next().flatten();
    build_in(path, env.as_deref())
}

/// Builds like [`build`], in the environment `env` (a values file).
pub fn build_in(path: &Path, env: Option<&Path>) -> (usize, Vec<mwc::emit::File>) {
    let now = testing_now();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let options = mwc::BuildOptions {
        emit: directive_emit(&text),
        ..mwc::BuildOptions::default()
    };
    let values: Vec<PathBuf> = env.into_iter().map(Path::to_path_buf).collect();
    let sources = sources(path, &values, &["account=123456789012", "region=us-east-1"]);
    let built = mwc::build(&sources, now, &options);
    let errors = built.diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, built.files.unwrap_or_default())
}

/// A snapshot name for a program in an environment: `examples__fleet@prod`.
pub fn snapshot_name_in(path: &Path, env: Option<&Path>) -> String {
    let name = snapshot_name(path);
    match env.and_then(|e| e.file_stem()).and_then(|s| s.to_str()) {
        Some(env) => format!("{name}@{env}"),
        None => name,
    }
}

/// The `mwc` binary, run in the project's folder without colours, its
/// standard output and error captured.
pub fn mwc_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mwc"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        // The tests' clock (2026-11-23), never the real date.
        .env("SOURCE_DATE_EPOCH", "1795392000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `mwc` with `stdin` written to its standard input, a pipe (closed at
/// once when None), and waits for it. The input is written from a thread
/// while the output is read, so it may be larger than a pipe holds; mwc may
/// stop reading early (a usage error, an input past the limit).
pub fn mwc(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = mwc_command(args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("mwc runs");
    let mut input = child.stdin.take().expect("stdin");
    std::thread::scope(|scope| {
        match stdin {
            // A closed pipe is fine: mwc stopped reading.
            Some(bytes) => {
                scope.spawn(move || {
                    let _ = input.write_all(bytes);
                });
            }
            None => drop(input),
        }
        child.wait_with_output().expect("mwc finishes")
    })
}

/// Runs `mwc` with `stdin` as its standard input (a file, a directory, a
/// device, a socket) and waits for it.
pub fn mwc_with_stdin(args: &[&str], stdin: impl Into<Stdio>) -> Output {
    mwc_command(args).stdin(stdin).output().expect("mwc runs")
}

/// What `mwc` wrote to its standard error, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A new empty directory of this test's own under the system's temporary
/// directory (removed first if a killed run left it).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mwc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A small deterministic generator (xorshift64*), so that a program or an
/// edit is a seed and a failure repeats.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}
