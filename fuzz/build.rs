//! Lists the seed programs of the `mutate` target: every `examples/*.mw`
//! and `tests/fixtures/ok/*.mw` of mwc, included as text.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures/ok"] {
        let dir = root.join(dir);
        println!("cargo::rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "mw") {
                files.push(path);
            }
        }
    }
    files.sort();
    let list: Vec<String> = files
        .iter()
        .map(|p| format!("include_str!({:?})", p.display().to_string()))
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("seeds.rs");
    if let Err(e) = std::fs::write(&out, format!("&[{}]", list.join(", "))) {
        panic!("cannot write {}: {e}", out.display());
    }
}
