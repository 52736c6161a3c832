//! Properties of the checker on arbitrary input, with proptest: it never
//! panics, every span lies inside its file on character boundaries, and the
//! line and column of every label's start and end (as the JSON output gives
//! them, in characters and in UTF-16 code units) are those an editor shows,
//! with `\n`, `\r\n` and a lone `\r` each ending a line.
//! Case counts are modest so that the suite stays fast.

mod common;

use mwc::Sources;
use mwc::render::json;
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// Pieces of programs, so that random input reaches past the scanner.
const PIECES: &[&str] = &[
    "window W {",
    "role R {",
    "task T {",
    "target G {",
    "run_command \"AWS-RunShellScript\" {",
    "}",
    "{",
    "[",
    "]",
    "\"",
    "\"x\"",
    "=",
    ",",
    "schedule = \"cron(0 2 ? * * *)\"",
    "duration = 3h",
    "cutoff = 1h",
    "timezone = \"America/New_York\"",
    "targets = [G]",
    "role = R",
    "// comment",
    "/*",
    "*/",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u{feff}",
    "\u{202e}",
    "é",
    "€",
    "𝄞",
    "\0",
    "10%",
    "-1",
];

/// Text made of program pieces and single characters.
fn program_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// Bytes: program text, with a few bytes changed at random (so that some
/// inputs are not UTF-8).
fn program_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => program_text().prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..256),
        1 => (program_text(), proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4))
            .prop_map(|(text, changes)| {
                let mut bytes = text.into_bytes();
                for (at, byte) in changes {
                    if !bytes.is_empty() {
                        let at = at % bytes.len();
                        bytes[at] = byte;
                    }
                }
                bytes
            }),
    ]
}

/// Line and column of `offset` as an editor counts them, written without
/// the line index: a line ends after `\n`, after `\r\n` (at its `\n`), and
/// after a lone `\r`; columns count characters; a byte-order mark at the
/// start of the file is not a column.
fn editor_position(text: &str, offset: usize) -> (usize, usize) {
    editor_position_in(text, offset, |_| 1)
}

/// The same, columns counted in UTF-16 code units (as LSP counts them).
fn editor_position_utf16(text: &str, offset: usize) -> (usize, usize) {
    editor_position_in(text, offset, char::len_utf16)
}

fn editor_position_in(text: &str, offset: usize, width: fn(char) -> usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for (i, c) in text[..offset].char_indices() {
        let ends_line = c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n'));
        if ends_line {
            line += 1;
            column = 1;
        } else if !(i == 0 && c == '\u{feff}') {
            column += width(c);
        }
    }
    (line, column)
}

/// Checks `bytes` and tests every label of every diagnostic.
fn check_labels(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let mut sources = Sources::new();
    sources.add_bytes("p.mw", bytes);
    let diagnostics = mwc::check_sources(&sources, common::testing_now());
    for d in &diagnostics {
        let shown = json::to_json(d, &sources);
        for (label, json_label) in d.labels.iter().zip(&shown.labels) {
            let text = sources.get(label.span.file).text();
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            prop_assert!(start <= end && end <= text.len(), "{d:?} outside its file");
            prop_assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{d:?} cuts a character"
            );
            prop_assert_eq!(
                (json_label.place.line, json_label.place.column),
                editor_position(text, start),
                "{:?} in {:?}",
                d,
                text
            );
            prop_assert_eq!(
                (json_label.place.end_line, json_label.place.end_column),
                editor_position(text, end),
                "end of {:?} in {:?}",
                d,
                text
            );
            prop_assert_eq!(
                (
                    json_label.place.column_utf16,
                    json_label.place.end_column_utf16
                ),
                (
                    editor_position_utf16(text, start).1,
                    editor_position_utf16(text, end).1
                ),
                "UTF-16 columns of {:?} in {:?}",
                d,
                text
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The library's check never panics, and its labels are sound.
    #[test]
    fn any_input_checks_with_sound_labels(bytes in program_bytes()) {
        check_labels(bytes)?;
    }
}

/// Text whose lines end in every way, for the line index alone.
fn lines_text() -> impl Strategy<Value = String> {
    let piece =
        proptest::sample::select(&["a", "é", "𝄞", "\t", "\n", "\r", "\r\n", "\u{feff}", " "][..]);
    proptest::collection::vec(piece, 0..64).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Every position of a file gets the line and column an editor shows,
    /// in characters and in UTF-16 code units, asked for in any order (the
    /// file remembers the last one it counted).
    #[test]
    fn line_and_column_match_an_editor(
        text in lines_text(),
        picks in proptest::collection::vec(any::<usize>(), 1..8),
    ) {
        let mut sources = Sources::new();
        let id = sources.add("p.mw", text.clone());
        let file = sources.get(id);
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for pick in picks {
            let offset = boundaries[pick % boundaries.len()];
            prop_assert_eq!(
                file.line_col(offset as u32),
                editor_position(&text, offset),
                "offset {} of {:?}",
                offset,
                text
            );
            prop_assert_eq!(
                file.line_col_utf16(offset as u32),
                editor_position_utf16(&text, offset),
                "UTF-16, offset {} of {:?}",
                offset,
                text
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The binary exits 0 or 1 on any input (2 is for usage and I/O), and
    /// its JSON is one object per line.
    #[test]
    fn the_binary_exits_0_or_1(bytes in program_bytes()) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mwc"))
            .args(["check", "--message-format", "json", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mwc runs");
        let _ = child.stdin.take().expect("stdin").write_all(&bytes);
        let output = child.wait_with_output().expect("mwc finishes");
        let code = output.status.code();
        prop_assert!(code == Some(0) || code == Some(1), "exit {:?}", code);
        for line in String::from_utf8_lossy(&output.stderr).lines() {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
            prop_assert!(parsed.is_ok(), "not JSON: {}", line);
        }
    }
}

/// What an editor asks at a position of `text`: completions (each
/// replacing a span inside the file, ending at the position), the symbol
/// there (its uses inside their files), hover, and a rename to a name
/// (once per symbol: each checks the program again); none may panic.
fn editor_requests(text: String, picks: &[usize]) -> Result<(), TestCaseError> {
    let mut renamed_symbols = std::collections::HashSet::new();
    let mut sources = Sources::new();
    let id = sources.add("p.mw", text.clone());
    let options = mwc::Options::new(common::testing_now());
    let analysis = mwc::analysis::analyze(&sources, &options);
    let file = sources.get(id);
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for pick in picks {
        let offset = boundaries[pick % boundaries.len()] as u32;
        for c in mwc::complete::complete(file, offset, &analysis.symbols) {
            prop_assert!(c.replace.end == offset, "{c:?} at {offset}");
            prop_assert!(
                text.is_char_boundary(c.replace.start as usize) && c.replace.start <= offset,
                "{c:?} at {offset}"
            );
        }
        let Some(symbol) = analysis.symbols.at(id, offset) else {
            continue;
        };
        let _ = mwc::hover::symbol(&sources, &analysis.symbols, symbol);
        for span in analysis.symbols.uses(symbol) {
            prop_assert!(span.end as usize <= sources.get(span.file).text().len());
        }
        if renamed_symbols.insert(symbol)
            && let Ok(edits) =
                mwc::analysis::rename(&sources, &options, &analysis, id, offset, "Renamed")
        {
            let renamed = sources.edited(&edits);
            prop_assert!(renamed.get(id).text().contains("Renamed"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// An editor's requests at any position of any program never panic,
    /// and completions replace what was typed before the cursor.
    #[test]
    fn editor_requests_anywhere(
        text in program_text(),
        picks in proptest::collection::vec(any::<usize>(), 1..6),
    ) {
        editor_requests(text, &picks)?;
    }
}

/// The same on every example and fixture, at every fifteenth position.
#[test]
fn editor_requests_on_every_fixture() {
    for path in common::programs() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let picks: Vec<usize> = (0..text.len()).step_by(15).collect();
        if let Err(e) = editor_requests(text, &picks) {
            panic!("{}: {e}", path.display());
        }
    }
}
