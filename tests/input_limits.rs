//! What the binary reads and how much: devices, pipes and files past the
//! size limit are refused with exit status 2 before they fill the memory, and
//! a flood of diagnostics is reported in a few lines with an exact count.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The limit, as the library states it.
const LIMIT: usize = mwc::source::MAX_FILE_SIZE;

fn mwc(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mwc"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mwc runs");
    let input = child.stdin.take().expect("stdin");
    let writer = stdin.map(|bytes| {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let mut input = input;
            // mwc may stop reading early: a closed pipe is fine.
            let _ = input.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().expect("mwc finishes");
    if let Some(w) = writer {
        let _ = w.join();
    }
    output
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
    let started = std::time::Instant::now();
    let o = mwc(&["check", big.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("big.mw` is larger than 256 MiB, the most mwc reads"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed().as_secs() < 5, "it was read");
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
    writer
        .write_all(b"window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 5h\n}\n")
        .expect("write");
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
