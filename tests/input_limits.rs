//! What the binary reads and how much: devices, pipes and files past the
//! size limit are refused with exit status 2 before they fill the memory, and
//! a flood of diagnostics is reported in a few lines with an exact count.

mod common;

use common::{mwc, mwc_with_stdin, stderr};
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The limit, as the library states it.
const LIMIT: usize = mwc::source::MAX_FILE_SIZE;

/// A program with one error (MW0405: the cutoff is not shorter than the
/// duration), so that exit status 1 and the code show it was read.
const ONE_ERROR: &[u8] =
    b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 5h\n}\n";

/// How long a refusal may take that reads nothing (a read of the input would
/// take longer, in a debug build).
const AT_ONCE: Duration = Duration::from_secs(5);

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mwc-input-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn the_limit_is_256_mib() {
    assert_eq!(LIMIT, 256 * 1024 * 1024);
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_without_reading_it() {
    let o = mwc(&["check", "/dev/zero"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("cannot read `/dev/zero`: it is not a regular file"),
        "{err}"
    );
}

#[test]
fn a_sparse_file_past_the_limit_is_refused_from_its_size() {
    let dir = temp_dir("sparse");
    let big = dir.join("big.mw");
    let file = std::fs::File::create(&big).expect("create");
    // Five GiB that take no room on disk, and would take five in memory.
    file.set_len(5 << 30).expect("set_len");
    let started = Instant::now();
    let o = mwc(&["check", big.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("big.mw` is larger than 256 MiB, the most mwc reads"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < AT_ONCE, "it was read");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_past_the_limit_together_are_refused_before_any_is_read() {
    let dir = temp_dir("together");
    let mut args = vec!["check".to_string()];
    for name in ["a.mw", "b.mw"] {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(LIMIT as u64 / 2 + 1).expect("set_len");
        args.push(path.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = mwc(&args, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("b.mw` brings the input files past 256 MiB together"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_past_the_limit_stops_at_the_limit() {
    let input = vec![b' '; LIMIT + 1];
    let o = mwc(&["check", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`<stdin>` is larger than 256 MiB"),
        "{}",
        stderr(&o)
    );
}

/// A sparse file of `size` bytes, `program` at its end; the file, open
/// for reading at its start.
fn sparse_file(path: &std::path::Path, size: u64, program: &[u8]) -> std::fs::File {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .read(true)
        .write(true)
        .open(path)
        .expect("create");
    file.set_len(size - program.len() as u64).expect("set_len");
    file.seek(SeekFrom::End(0)).expect("seek");
    file.write_all(program).expect("write");
    file.seek(SeekFrom::Start(0)).expect("seek");
    file
}

/// Runs `mwc` with `stdin` as its standard input, checks that it refused
/// at once (exit status 2) without reading a byte, and returns its message.
fn refused_unread(args: &[&str], stdin: std::fs::File) -> String {
    // mwc's standard input shares this position in the file.
    let mut ours = stdin.try_clone().expect("clone");
    let started = Instant::now();
    let o = mwc_with_stdin(args, stdin);
    assert!(started.elapsed() < AT_ONCE, "it was read");
    assert_eq!(ours.stream_position().ok(), Some(0), "it was read");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    stderr(&o)
}

#[cfg(unix)]
#[test]
fn standard_input_from_a_large_file_is_refused_from_its_size() {
    let dir = temp_dir("stdin-sparse");
    // 300 MiB that take no room on disk: reading them would take seconds.
    let file = sparse_file(&dir.join("big.mw"), 300 << 20, ONE_ERROR);
    assert_eq!(
        refused_unread(&["check", "-"], file),
        "mwc: `<stdin>` is larger than 256 MiB, the most mwc reads\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn standard_input_from_a_file_counts_with_the_other_files() {
    let dir = temp_dir("stdin-together");
    let half = LIMIT as u64 / 2 + 1;
    let path = dir.join("a.mw");
    drop(sparse_file(&path, half, b"\n"));
    let stdin = sparse_file(&dir.join("b.mw"), half, b"\n");
    assert_eq!(
        refused_unread(&["check", path.to_str().unwrap_or(""), "-"], stdin),
        "mwc: `<stdin>` brings the input files past 256 MiB together, the most mwc reads\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn standard_input_from_a_file_is_read_from_where_it_stands() {
    // Only what is left of the file after standard input's position is
    // read, and counted: here a short program at the end of 300 MiB.
    let dir = temp_dir("stdin-position");
    let mut file = sparse_file(&dir.join("big.mw"), 300 << 20, ONE_ERROR);
    file.seek(SeekFrom::End(-(ONE_ERROR.len() as i64)))
        .expect("seek");
    let o = mwc_with_stdin(&["check", "-"], file);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("MW0405"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn standard_input_from_a_device_or_a_directory_is_refused_without_reading_it() {
    for (stdin, reason) in [
        (
            "/dev/zero",
            "it is a device, not a regular file, a pipe or a terminal",
        ),
        (
            "/dev/null",
            "it is a device, not a regular file, a pipe or a terminal",
        ),
        ("/", "it is a directory"),
    ] {
        let file = std::fs::File::open(stdin).expect("open");
        assert_eq!(
            refused_unread(&["check", "-"], file),
            format!("mwc: cannot read standard input: {reason}\n"),
            "{stdin}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_socket_on_standard_input_is_read_like_a_pipe() {
    let (mut ours, theirs) = std::os::unix::net::UnixStream::pair().expect("socket pair");
    ours.write_all(ONE_ERROR).expect("write");
    drop(ours);
    let o = mwc_with_stdin(&["check", "-"], std::os::fd::OwnedFd::from(theirs));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("MW0405"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_pipe_is_read_like_standard_input() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("program.mw");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let child = Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(["check", fifo.to_str().unwrap_or("")])
        .stderr(Stdio::piped())
        .spawn()
        .expect("mwc runs");
    // Opening the pipe for writing waits for mwc to open it for reading.
    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("open the pipe");
    writer.write_all(ONE_ERROR).expect("write");
    drop(writer);
    let o = child.wait_with_output().expect("mwc finishes");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("MW0405"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_flood_of_nul_bytes_is_counted_exactly_in_a_few_lines() {
    let input = vec![0u8; 10 * 1024 * 1024];
    let o = mwc(&["check", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("invalid character NUL").count(), 50, "{err}");
    assert!(
        err.contains("10485710 more of MW0009 (invalid character) in this file (at <stdin>:1:51)"),
        "{err}"
    );
    assert!(err.ends_with("mwc: 10485760 errors\n"), "{err}");

    let o = mwc(&["check", "--message-format", "json", "-"], Some(&input));
    let err = stderr(&o);
    let lines: Vec<serde_json::Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 51);
    let total: u64 = lines
        .iter()
        .map(|d| 1 + d["omitted"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 10 * 1024 * 1024);
}

#[test]
fn past_the_shown_diagnostics_the_count_is_exact() {
    // Three floods of 1,000: 50 of each and a summary of each are kept;
    // 100 are shown, and the rest stand for 2,900.
    let mut input = Vec::new();
    for _ in 0..1_000 {
        input.extend_from_slice(b"\x01}\"\n");
    }
    let o = mwc(&["check", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("… and 2900 more"), "{err}");
    assert!(err.ends_with("mwc: 3000 errors\n"), "{err}");
}
