//! The output directory of `mwc build`: which directories mwc may write into,
//! and how it replaces its own earlier output without ever deleting a file it
//! did not write.
//!
//! The rule (documented in `docs/outputs.md`, "The output directory"):
//!
//! - every output directory holds a manifest, [`MARKER`], listing the files
//!   the build wrote; it marks the directory as mwc's;
//! - `DIR` may be missing, empty, or mwc's earlier output holding nothing but
//!   the files its manifest lists; anything else is refused before anything
//!   is touched;
//! - the new output is written into a fresh hidden directory beside `DIR` and
//!   renamed into place; the earlier output is then removed file by file,
//!   only the files its manifest lists, never recursively;
//! - hidden siblings left by a build that was killed are cleaned up (or the
//!   earlier output restored from them) by the next build, and only when they
//!   hold nothing but what their own manifest lists.
//!
//! This is command-line code: the library does no I/O.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The manifest that marks a directory as mwc's output.
pub const MARKER: &str = ".mwc-output.json";

/// The manifest's format version; a manifest of another version is refused.
const FORMAT: u32 = 1;

/// What the manifest says, in its own words.
const NOTE: &str = "Written by `mwc build`. The next build replaces the files listed here; \
                    a directory holding any other file is left alone.";

/// How many unknown names a refusal lists before "and N more".
const SHOWN: usize = 5;

/// The manifest as written: stable key order, no time stamps.
#[derive(Serialize)]
struct ManifestOut<'a> {
    /// [`FORMAT`].
    format: u32,
    /// [`NOTE`].
    note: &'a str,
    /// Relative paths with `/` separators, sorted, without the manifest.
    files: Vec<&'a str>,
}

/// The manifest as read back.
#[derive(Deserialize)]
struct ManifestIn {
    /// Must be [`FORMAT`].
    format: u32,
    /// The files the build wrote.
    files: Vec<String>,
}

/// The files of one output directory, as its manifest lists them.
#[derive(Debug, Clone, Default)]
struct Manifest {
    /// Relative paths with `/` separators.
    files: BTreeSet<String>,
}

impl Manifest {
    /// The directories that hold the listed files (`a`, `a/b` for `a/b/c`).
    fn dirs(&self) -> BTreeSet<String> {
        let mut dirs = BTreeSet::new();
        for file in &self.files {
            let mut end = 0;
            while let Some(slash) = file[end..].find('/') {
                end += slash;
                dirs.insert(file[..end].to_string());
                end += 1;
            }
        }
        dirs
    }

    /// The manifest file's text.
    fn text(&self) -> Result<String, String> {
        let out = ManifestOut {
            format: FORMAT,
            note: NOTE,
            files: self.files.iter().map(String::as_str).collect(),
        };
        let mut text = serde_json::to_string_pretty(&out)
            .map_err(|e| format!("cannot write the output manifest: {e}"))?;
        text.push('\n');
        Ok(text)
    }
}

/// The temporary output directory being written, with what it will hold,
/// for the interrupt handler.
static IN_PROGRESS: Mutex<Option<(PathBuf, Manifest)>> = Mutex::new(None);

/// Locks [`IN_PROGRESS`], also after a panic elsewhere.
fn in_progress() -> MutexGuard<'static, Option<(PathBuf, Manifest)>> {
    IN_PROGRESS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs the handler of SIGINT, SIGTERM and SIGHUP: it removes the
/// temporary directory of an output being written, if any, and exits with
/// status 130. The writer takes the same lock for each file and for the
/// renames, so the handler never removes a directory while a file is being
/// written into it, and a file is never written after the handler ran.
pub fn clean_up_on_interrupt() {
    // Without a handler (one is already set) an interrupt only leaves a
    // temporary directory, which the next build removes.
    let _ = ctrlc::set_handler(|| {
        let guard = in_progress();
        if let Some((temp, manifest)) = guard.as_ref() {
            let _ = remove_owned(temp, manifest);
            let _ = writeln!(
                io::stderr(),
                "mwc: interrupted: the output being written was removed"
            );
        }
        std::process::exit(130);
    });
}

/// A relative path with `/` separators that stays inside its directory.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'))
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Reads the manifest of `dir`: `None` when there is none, an error when it is
/// there but mwc cannot trust it.
fn read_manifest(dir: &Path) -> Result<Option<Manifest>, String> {
    let path = dir.join(MARKER);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(format!("its `{MARKER}` is not a regular file")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read its `{MARKER}`: {e}")),
    }
    let text = std::fs::read(&path).map_err(|e| format!("cannot read its `{MARKER}`: {e}"))?;
    let manifest: ManifestIn = serde_json::from_slice(&text)
        .map_err(|_| format!("its `{MARKER}` is not a manifest mwc wrote"))?;
    if manifest.format != FORMAT {
        return Err(format!(
            "its `{MARKER}` has format {} and this mwc reads format {FORMAT}",
            manifest.format
        ));
    }
    if let Some(bad) = manifest
        .files
        .iter()
        .find(|f| !is_safe_relative(f) || f.as_str() == MARKER)
    {
        return Err(format!(
            "its `{MARKER}` lists `{bad}`, which is not a file inside it"
        ));
    }
    Ok(Some(Manifest {
        files: manifest.files.into_iter().collect(),
    }))
}

/// What a directory holds, measured against a manifest.
#[derive(Debug, Default)]
struct Inventory {
    /// Listed files that are there (regular files), the manifest included.
    files: Vec<String>,
    /// Directories that hold listed files.
    dirs: Vec<String>,
    /// Everything else, directories with a trailing `/`; not descended into.
    unknown: Vec<String>,
}

/// Walks `root` without following symbolic links and sorts what it finds
/// into the manifest's files and directories and everything else.
fn inventory(root: &Path, manifest: &Manifest) -> io::Result<Inventory> {
    let dirs = manifest.dirs();
    let mut found = Inventory::default();
    let mut pending = vec![String::new()];
    while let Some(rel) = pending.pop() {
        for entry in std::fs::read_dir(root.join(&rel))? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let name = entry.file_name();
            let path = match name.to_str() {
                Some(name) if rel.is_empty() => name.to_string(),
                Some(name) => format!("{rel}/{name}"),
                None => {
                    let shown = Path::new(&rel).join(&name).display().to_string();
                    found.unknown.push(shown);
                    continue;
                }
            };
            let listed = manifest.files.contains(&path) || (rel.is_empty() && path == MARKER);
            if kind.is_file() && listed {
                found.files.push(path);
            } else if kind.is_dir() && dirs.contains(&path) {
                found.dirs.push(path.clone());
                pending.push(path);
            } else if kind.is_dir() {
                found.unknown.push(format!("{path}/"));
            } else {
                found.unknown.push(path);
            }
        }
    }
    found.unknown.sort();
    Ok(found)
}

/// Removes `root` if it holds nothing but what `manifest` lists (and the
/// manifest itself), file by file, never recursively. Returns what kept it
/// from going: nothing when it is gone.
fn remove_owned(root: &Path, manifest: &Manifest) -> Result<(), String> {
    let found = inventory(root, manifest).map_err(|e| e.to_string())?;
    if !found.unknown.is_empty() {
        return Err(format!(
            "it holds files mwc did not write ({})",
            list(&found.unknown)
        ));
    }
    for file in &found.files {
        match std::fs::remove_file(root.join(file)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove `{file}`: {e}")),
        }
    }
    let mut dirs = found.dirs;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for dir in &dirs {
        std::fs::remove_dir(root.join(dir)).map_err(|e| format!("cannot remove `{dir}/`: {e}"))?;
    }
    std::fs::remove_dir(root).map_err(|e| e.to_string())
}

/// The first few names, then how many more.
fn list(names: &[String]) -> String {
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// Where `dir` points: an absolute path whose existing part is canonical
/// (symbolic links and `..` resolved as the system resolves them), with the
/// part that does not exist yet appended.
struct Resolved {
    /// The absolute path.
    path: PathBuf,
    /// How many of its last components do not exist.
    missing: usize,
}

/// Why a path could not be resolved.
enum ResolveError {
    /// The last component is a symbolic link (to this target).
    Symlink(PathBuf),
    /// Something on the way cannot be read, or is not a directory.
    Io(PathBuf, io::Error),
}

/// Resolves `dir` against the canonical current directory `cwd`. With
/// `follow_last`, a symbolic link as the last component is kept as it is
/// instead of being an error.
fn resolve(dir: &Path, cwd: &Path, follow_last: bool) -> Result<Resolved, ResolveError> {
    let mut path = if dir.is_absolute() {
        PathBuf::new()
    } else {
        cwd.to_path_buf()
    };
    let mut missing = 0usize;
    let components: Vec<Component> = dir.components().collect();
    for (i, component) in components.iter().enumerate() {
        match component {
            Component::Prefix(_) | Component::RootDir => path.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(name) => {
                let next = path.join(name);
                if missing > 0 {
                    path = next;
                    missing += 1;
                    continue;
                }
                match std::fs::symlink_metadata(&next) {
                    Ok(meta) if meta.file_type().is_symlink() && i + 1 == components.len() => {
                        if follow_last {
                            path = next;
                        } else {
                            let target = std::fs::read_link(&next).unwrap_or_default();
                            return Err(ResolveError::Symlink(target));
                        }
                    }
                    Ok(_) => {
                        path = std::fs::canonicalize(&next)
                            .map_err(|e| ResolveError::Io(next.clone(), e))?;
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        path = next;
                        missing = 1;
                    }
                    Err(e) => return Err(ResolveError::Io(next, e)),
                }
            }
        }
    }
    Ok(Resolved { path, missing })
}

/// The state of `DIR` before a build.
#[derive(Debug)]
enum State {
    /// Not there: it is created.
    Missing,
    /// An empty directory: it is replaced.
    Empty,
    /// mwc's earlier output, holding only what its manifest lists.
    Owned(Manifest),
}

/// Looks at an existing directory and says whether mwc may replace it.
fn inspect(path: &Path) -> Result<State, String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(State::Missing),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    if !meta.is_dir() {
        return Err("it exists and is not a directory; choose a new or empty directory".into());
    }
    match read_manifest(path) {
        Ok(Some(manifest)) => {
            let found = inventory(path, &manifest).map_err(|e| format!("cannot read it: {e}"))?;
            if found.unknown.is_empty() {
                Ok(State::Owned(manifest))
            } else {
                Err(format!(
                    "it is an earlier output of mwc but also holds files mwc did not write ({}); \
                     move them out, or choose a new or empty directory",
                    list(&found.unknown)
                ))
            }
        }
        Ok(None) => {
            let mut names: Vec<String> = std::fs::read_dir(path)
                .and_then(|entries| {
                    entries
                        .map(|entry| {
                            entry.map(|entry| {
                                let name = entry.file_name().to_string_lossy().into_owned();
                                match entry.file_type() {
                                    Ok(kind) if kind.is_dir() => format!("{name}/"),
                                    _ => name,
                                }
                            })
                        })
                        .collect()
                })
                .map_err(|e| format!("cannot read it: {e}"))?;
            if names.is_empty() {
                return Ok(State::Empty);
            }
            names.sort();
            Err(format!(
                "it holds files mwc did not write ({}); choose a new or empty directory",
                list(&names)
            ))
        }
        Err(why) => Err(format!("{why}; choose a new or empty directory")),
    }
}

/// The directories that may never be an output: the root, the home
/// directory and its parents, the current directory and its parents, and any
/// directory holding an input file.
fn forbidden(target: &Path, cwd: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    if target.parent().is_none() {
        return Err("it is the root directory; choose a new or empty directory".into());
    }
    if cwd == target {
        return Err(
            "it is the current directory; choose a new or empty directory such as `out`".into(),
        );
    }
    if cwd.starts_with(target) {
        return Err(
            "it holds the current directory; choose a new or empty directory such as `out`".into(),
        );
    }
    for var in ["HOME", "USERPROFILE"] {
        let Some(home) = std::env::var_os(var).filter(|h| !h.is_empty()) else {
            continue;
        };
        let home = std::fs::canonicalize(&home).unwrap_or_else(|_| PathBuf::from(home));
        if home.starts_with(target) {
            return Err(
                "it is your home directory or holds it; choose a new or empty directory".into(),
            );
        }
    }
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        let mut places = Vec::new();
        if let Ok(real) = std::fs::canonicalize(input) {
            places.push(real);
        }
        if let Ok(named) = resolve(input, cwd, true) {
            places.push(named.path);
        }
        if places.iter().any(|p| p.starts_with(target)) {
            return Err(format!(
                "it holds the input file `{}`; choose a new or empty directory apart from the sources",
                input.display()
            ));
        }
    }
    Ok(())
}

/// The longest file name common file systems take, in bytes.
const NAME_MAX: usize = 255;

/// Room after the prefix for `{pid}-{n}`: a 32-bit pid and `-999`.
const SUFFIX_ROOM: usize = 10 + 4;

/// `.{name}.mwc-{kind}-`: the start of the name of a sibling of `name` that a
/// build uses while replacing it. A name too long for that keeps its start
/// and ends in `~` and a hash of the whole name, so that the sibling's name
/// fits any output name the file system accepts.
fn sibling_prefix(name: &OsStr, kind: &str) -> OsString {
    let tail = format!(".mwc-{kind}-");
    let mut prefix = OsString::from(".");
    if 1 + name.len() + tail.len() + SUFFIX_ROOM <= NAME_MAX {
        prefix.push(name);
    } else {
        let bytes = name.as_encoded_bytes();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let room = NAME_MAX - 1 - tail.len() - SUFFIX_ROOM - 17;
        let start: String = name
            .to_string_lossy()
            .chars()
            .scan(0, |len, c| {
                *len += c.len_utf8();
                (*len <= room).then_some(c)
            })
            .collect();
        prefix.push(format!("{start}~{hash:016x}"));
    }
    prefix.push(tail);
    prefix
}

/// A fresh name beside `name` for this process: `.{name}.mwc-{kind}-{pid}`,
/// with `-{n}` added while that name is taken.
fn sibling(parent: &Path, name: &OsStr, kind: &str, n: u32) -> PathBuf {
    let mut file = sibling_prefix(name, kind);
    file.push(std::process::id().to_string());
    if n > 0 {
        file.push(format!("-{n}"));
    }
    parent.join(file)
}

/// Whether another process with this id is running (known on Linux only;
/// elsewhere a leftover is taken as abandoned).
fn running(pid: u32) -> bool {
    pid != std::process::id()
        && cfg!(target_os = "linux")
        && Path::new("/proc").join(pid.to_string()).exists()
}

/// A sibling left by an earlier build.
struct Leftover {
    /// Its path.
    path: PathBuf,
    /// `true` for a `.mwc-old-*` (an earlier output moved aside), `false` for
    /// a `.mwc-new-*` (an output being written).
    old: bool,
    /// What it holds: only what this manifest lists (empty for an empty
    /// directory).
    manifest: Manifest,
}

/// The siblings of `name` that earlier builds left behind, killed before
/// they could clean up, and that are mwc's to remove: directories holding
/// their manifest and what it lists, or nothing. Others are left alone.
fn leftovers(parent: &Path, name: &OsStr) -> Vec<Leftover> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let prefixes = [
        (sibling_prefix(name, "new"), false),
        (sibling_prefix(name, "old"), true),
    ];
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let bytes = file.as_encoded_bytes();
        let Some((rest, old)) = prefixes.iter().find_map(|(prefix, old)| {
            bytes
                .strip_prefix(prefix.as_encoded_bytes())
                .map(|rest| (rest, *old))
        }) else {
            continue;
        };
        let pid = std::str::from_utf8(rest)
            .ok()
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if running(pid) || !entry.file_type().is_ok_and(|k| k.is_dir()) {
            continue;
        }
        let path = entry.path();
        let manifest = match read_manifest(&path) {
            Ok(Some(manifest)) => manifest,
            Ok(None) => Manifest::default(),
            Err(_) => continue,
        };
        if inventory(&path, &manifest).is_ok_and(|f| f.unknown.is_empty()) {
            found.push(Leftover {
                path,
                old,
                manifest,
            });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Writes `files` into the output directory `dir`, as the rule in the module
/// documentation says: refuses (touching nothing) a directory that is not
/// mwc's to replace, and otherwise replaces it in one rename, so that a
/// failure leaves the earlier output as it was and nothing beside it.
///
/// `inputs` are the program's files: the output may not hold them.
pub fn write(dir: &Path, inputs: &[PathBuf], files: &[mwc::emit::File]) -> Result<(), String> {
    let shown = dir.display().to_string();
    let refuse = |why: String| format!("refusing to write into `{shown}`: {why}");
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| format!("cannot read the current directory: {e}"))?;
    let target = match resolve(dir, &cwd, false) {
        Ok(target) => target,
        Err(ResolveError::Symlink(to)) => {
            return Err(refuse(format!(
                "it is a symbolic link (to `{}`); give the directory itself",
                to.display()
            )));
        }
        Err(ResolveError::Io(at, e)) if e.kind() == io::ErrorKind::NotADirectory => {
            let file = at.parent().unwrap_or(&at);
            return Err(refuse(format!(
                "`{}` is a file, not a directory; choose a new or empty directory",
                file.display()
            )));
        }
        Err(ResolveError::Io(at, e)) => {
            return Err(format!("cannot use `{shown}`: `{}`: {e}", at.display()));
        }
    };
    forbidden(&target.path, &cwd, inputs).map_err(&refuse)?;
    let (Some(parent), Some(name)) = (target.path.parent(), target.path.file_name()) else {
        return Err(refuse("it is the root directory".into()));
    };
    let state = if target.missing > 0 {
        State::Missing
    } else {
        inspect(&target.path).map_err(&refuse)?
    };
    let mut manifest = Manifest::default();
    for file in files {
        if !is_safe_relative(&file.path)
            || file.path == MARKER
            || !manifest.files.insert(file.path.clone())
        {
            return Err(format!("cannot write `{}` into `{shown}`", file.path));
        }
    }
    let marker = manifest.text()?;

    // Nothing was touched so far. The parents that do not exist are created,
    // and removed again if the build fails.
    let created: Vec<PathBuf> = parent
        .ancestors()
        .take(target.missing.saturating_sub(1))
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(parent).map_err(|e| {
        remove_empty(&created);
        format!("cannot create `{}`: {e}", parent.display())
    })?;
    let job = Job {
        parent,
        name,
        target: &target.path,
        shown: &shown,
        files,
        manifest: &manifest,
        marker: &marker,
    };
    let result = job.run(state);
    if result.is_err() {
        remove_empty(&created);
    }
    result
}

/// Removes these directories, deepest first, when they are empty.
fn remove_empty(dirs: &[PathBuf]) {
    for dir in dirs {
        let _ = std::fs::remove_dir(dir);
    }
}

/// One replacement of an output directory.
struct Job<'a> {
    /// The directory that holds the output directory.
    parent: &'a Path,
    /// The output directory's name in `parent`.
    name: &'a OsStr,
    /// `parent` joined with `name`.
    target: &'a Path,
    /// The output directory as the user wrote it, for messages.
    shown: &'a str,
    /// The files to write.
    files: &'a [mwc::emit::File],
    /// The new manifest, listing `files`.
    manifest: &'a Manifest,
    /// The new manifest's text.
    marker: &'a str,
}

impl Job<'_> {
    /// Cleans up after killed builds, writes the new output beside the
    /// target and puts it in place of the target.
    fn run(&self, mut state: State) -> Result<(), String> {
        let (parent, name, target, shown) = (self.parent, self.name, self.target, self.shown);
        let mut stale = leftovers(parent, name);
        // Killed between the two renames: the earlier output is still beside
        // its place. Put it back, so that a failure below leaves it as it was.
        let earlier: Vec<usize> = (0..stale.len())
            .filter(|&i| stale[i].old && !stale[i].manifest.files.is_empty())
            .collect();
        if let ([i], State::Missing) = (earlier.as_slice(), &state)
            && std::fs::rename(&stale[*i].path, target).is_ok()
        {
            state = State::Owned(stale.remove(*i).manifest);
        }
        for leftover in &stale {
            let _ = remove_owned(&leftover.path, &leftover.manifest);
        }

        let unchanged = match state {
            State::Missing => "nothing was written".to_string(),
            _ => format!("`{shown}` was left as it was"),
        };
        let temp = {
            let mut guard = in_progress();
            let temp = create_temp(parent, name).map_err(|e| {
                format!("cannot create a directory beside `{shown}`: {e}; {unchanged}")
            })?;
            *guard = Some((temp.clone(), self.manifest.clone()));
            temp
        };
        let result = self.swap(temp, state, &unchanged);
        *in_progress() = None;
        result
    }

    /// Fills `temp` and puts it in place of the target.
    fn swap(&self, temp: PathBuf, state: State, unchanged: &str) -> Result<(), String> {
        let (parent, name, target, shown) = (self.parent, self.name, self.target, self.shown);
        if let Err((rel, e)) = fill(&temp, self.files, self.marker) {
            let _ = remove_owned(&temp, self.manifest);
            let file = Path::new(shown).join(rel);
            return Err(format!(
                "cannot write `{}`: {e}; {unchanged}",
                file.display()
            ));
        }
        let earlier = match state {
            State::Missing => {
                let _guard = in_progress();
                return std::fs::rename(&temp, target).map_err(|e| {
                    let _ = remove_owned(&temp, self.manifest);
                    format!("cannot create `{shown}`: {e}; {unchanged}")
                });
            }
            State::Empty => Manifest::default(),
            State::Owned(earlier) => earlier,
        };
        let old = (0..1000)
            .map(|n| sibling(parent, name, "old", n))
            .find(|p| std::fs::symlink_metadata(p).is_err());
        let Some(old) = old else {
            let _ = remove_owned(&temp, self.manifest);
            return Err(format!(
                "cannot replace `{shown}`: no free name to move it aside; {unchanged}"
            ));
        };
        let guard = in_progress();
        if let Err(e) = std::fs::rename(target, &old) {
            let _ = remove_owned(&temp, self.manifest);
            return Err(format!("cannot replace `{shown}`: {e}; {unchanged}"));
        }
        if let Err(e) = std::fs::rename(&temp, target) {
            let _ = std::fs::rename(&old, target);
            let _ = remove_owned(&temp, self.manifest);
            return Err(format!("cannot replace `{shown}`: {e}; {unchanged}"));
        }
        drop(guard);
        remove_owned(&old, &earlier).map_err(|why| {
            format!(
                "the new output is in `{shown}`, but its earlier output could not be removed from `{}`: {why}; the next build removes it",
                old.display()
            )
        })
    }
}

/// Creates this process's fresh, hidden directory beside `name`.
fn create_temp(parent: &Path, name: &OsStr) -> Result<PathBuf, String> {
    let mut n = 0;
    loop {
        let temp = sibling(parent, name, "new", n);
        match std::fs::create_dir(&temp) {
            Ok(()) => return Ok(temp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(format!("`{}`: {e}", temp.display())),
        }
    }
}

/// Writes the manifest first (so that a build killed midway leaves a
/// directory the next build knows to be mwc's), then the files.
/// On failure, says which file and why.
fn fill<'a>(
    temp: &Path,
    files: &'a [mwc::emit::File],
    marker: &str,
) -> Result<(), (&'a str, io::Error)> {
    let write = |rel: &'a str, text: &str| -> Result<(), (&'a str, io::Error)> {
        // Not while the interrupt handler removes the directory.
        let _guard = in_progress();
        let path = temp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| (rel, e))?;
        }
        std::fs::write(&path, text).map_err(|e| (rel, e))
    };
    write(MARKER, marker)?;
    for file in files {
        write(&file.path, &file.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_stay_inside() {
        assert!(is_safe_relative("ssm/plan.json"));
        assert!(is_safe_relative("cloudformation.json"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            "./a",
            "a/",
            "a\\b",
        ] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn manifest_directories() {
        let manifest = Manifest {
            files: ["a/b/c.json", "d.json", "a/e.json"]
                .into_iter()
                .map(String::from)
                .collect(),
        };
        assert_eq!(
            manifest.dirs().into_iter().collect::<Vec<_>>(),
            ["a", "a/b"]
        );
    }
}
