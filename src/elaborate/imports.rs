//! Imports: what [`crate::Sources::load_imports`] could not read, cycles,
//! and imports that were never read at all.

use super::errors;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Import, Sources};
use crate::syntax::ast::{File, Item};
use std::collections::{HashMap, HashSet};

/// Reports the imports of `program` that did not bring in a file.
pub fn check(sources: &Sources, program: &[File<'_>], diags: &mut Vec<Diagnostic>) {
    let imports = sources.imports();
    let recorded: HashSet<_> = imports.iter().map(|i| i.span).collect();
    for file in program {
        for item in &file.items {
            if let Item::Import(path) = item
                && !recorded.contains(&path.span)
            {
                diags.push(errors::cannot_import(
                    path.span,
                    &path.value,
                    "imports are read by `mwc`; this program was given without its imports",
                ));
            }
        }
    }
    for import in imports {
        if let Err(why) = &import.to {
            let written = sources.get(import.span.file).slice(import.span);
            let written = written.trim_matches('"');
            diags.push(errors::cannot_import(import.span, written, why));
        }
    }
    cycles(sources, imports, diags);
}

/// Reports each import that closes a cycle (a file that imports itself,
/// directly or through others).
fn cycles(sources: &Sources, imports: &[Import], diags: &mut Vec<Diagnostic>) {
    let mut edges: HashMap<FileId, Vec<&Import>> = HashMap::new();
    for import in imports {
        if import.to.is_ok() {
            edges.entry(import.from).or_default().push(import);
        }
    }
    // Iterative depth-first search: 1 = on the current path, 2 = done.
    let mut state: HashMap<FileId, u8> = HashMap::new();
    let mut starts: Vec<FileId> = edges.keys().copied().collect();
    starts.sort();
    for start in starts {
        if state.contains_key(&start) {
            continue;
        }
        let mut path: Vec<(FileId, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((file, next)) = path.last_mut() {
            let out = edges.get(file).map_or(&[][..], Vec::as_slice);
            let Some(import) = out.get(*next) else {
                state.insert(*file, 2);
                path.pop();
                continue;
            };
            *next += 1;
            let Ok(to) = import.to else { continue };
            match state.get(&to) {
                Some(1) => {
                    let from = path.iter().position(|(f, _)| *f == to).unwrap_or(0);
                    let mut chain: Vec<&str> = path[from..]
                        .iter()
                        .map(|(f, _)| sources.get(*f).name())
                        .collect();
                    chain.push(sources.get(to).name());
                    diags.push(errors::import_cycle(import.span, &chain));
                }
                Some(_) => {}
                None => {
                    state.insert(to, 1);
                    path.push((to, 0));
                }
            }
        }
    }
}
