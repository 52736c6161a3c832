//! Replays the saved findings of the fuzz targets: every file under
//! `fuzz/regressions/<target>/` goes through the same invariants as that
//! target (`fuzz/src/invariants.rs`, included here), without libFuzzer.
//! See `docs/fuzzing.md`.

#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};

/// The invariants of each target, by the name of its regressions folder.
fn target(name: &str) -> Option<fn(&[u8])> {
    Some(match name {
        "check" => invariants::check,
        "build_outputs" => invariants::build,
        "schedule" => invariants::schedule,
        "mutate" => invariants::program,
        _ => return None,
    })
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

#[test]
fn saved_findings_keep_their_invariants() {
    let dirs = std::fs::read_dir(root().join("regressions")).expect("fuzz/regressions");
    let mut dirs: Vec<PathBuf> = dirs.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    let mut failures = Vec::new();
    let mut replayed = 0;
    for dir in dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let run = target(name).unwrap_or_else(|| panic!("fuzz/regressions/{name}: no such target"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a folder of inputs")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "fuzz/regressions/{name} is empty");
        for file in files {
            let data = std::fs::read(&file).expect("readable");
            replayed += 1;
            if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: {why}", file.display()));
            }
        }
    }
    assert!(replayed > 0, "no saved findings replayed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every block kind and field name of the schema table is a word of the
/// fuzzing dictionary.
#[test]
fn the_dictionary_has_the_schema_words() {
    let dict = std::fs::read_to_string(root().join("mw.dict")).expect("fuzz/mw.dict");
    let words: std::collections::HashSet<&str> = dict
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect();
    let mut missing = Vec::new();
    fn fields(list: &[mwc::schema::Field], out: &mut Vec<&'static str>) {
        for f in list {
            out.push(f.name);
            if let mwc::schema::Type::Record(inner) = f.ty {
                fields(inner, out);
            }
        }
    }
    let mut expected = Vec::new();
    fields(mwc::schema::TOP.fields, &mut expected);
    for block in mwc::schema::ALL_BLOCKS {
        expected.push(block.name());
        fields(block.fields, &mut expected);
    }
    for word in expected {
        if !words.contains(word) {
            missing.push(word);
        }
    }
    assert!(missing.is_empty(), "missing from fuzz/mw.dict: {missing:?}");
}

/// The target names of `fuzz/Cargo.toml` all have their invariants here.
#[test]
fn every_target_is_replayed() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let names: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|n| *n != "mwc-fuzz")
        .collect();
    assert!(!names.is_empty(), "no targets in fuzz/Cargo.toml");
    for name in names {
        assert!(target(name).is_some(), "fuzz target {name} is not replayed");
        assert!(
            root().join("regressions").join(name).is_dir(),
            "fuzz/regressions/{name} is missing"
        );
    }
}
