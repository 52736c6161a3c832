//! Reading the input: regular files, pipes and standard input, each and all
//! together at most [`MAX_FILE_SIZE`] bytes.
//!
//! A regular file's size is checked from its metadata before a byte is read,
//! so a file of 5 GiB (sparse or not) is refused at once. Standard input is
//! looked at the same way (on Unix, from the metadata of descriptor 0): when
//! it is redirected from a regular file (`mwc check - < big.mw`), what is left
//! of that file from where standard input stands counts against the limit
//! before a byte is read; a directory or a device (`< /dev/zero`,
//! `< /dev/null`) is refused. Pipes, terminals and sockets on standard input,
//! and named pipes, have no size: they are read up to one byte past the
//! limit, and refused when that byte arrives. A path to anything else than a
//! regular file or a pipe (a directory, a device such as `/dev/zero`, a
//! socket) is refused before it is opened for reading.

use mwc::Sources;
use mwc::source::MAX_FILE_SIZE;
use std::collections::HashMap;
use std::fs::{File, FileType};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The limit, in words, for messages.
fn limit_in_words() -> String {
    format!("{} MiB", MAX_FILE_SIZE / (1024 * 1024))
}

/// Reads every program file (`-` is standard input), then every values
/// file, into one set of sources, in order, and adds the `--set` arguments
/// as the `<command line>` source. The error is a message for the user
/// (exit status 2).
pub fn read_sources(
    programs: &[std::path::PathBuf],
    values: &[std::path::PathBuf],
    settings: &[String],
) -> Result<Sources, String> {
    let files: Vec<(&Path, bool)> = programs
        .iter()
        .map(|p| (p.as_path(), false))
        .chain(values.iter().map(|p| (p.as_path(), true)))
        .collect();
    // Every file is looked at before any is read: one that mwc does not
    // read, or that is too large alone or with the others, is refused at once.
    // Standard input is looked at once, where `-` first stands: read once,
    // nothing is left of it for a second `-`.
    let mut stdin_looked_at = false;
    let mut stdin_size = None;
    let mut expected = 0usize;
    for &(path, _) in &files {
        let size = if path.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_looked_at, true) {
                continue;
            }
            stdin_size = look_at_stdin()?;
            stdin_size
        } else {
            let metadata = look_at(path)?;
            metadata
                .is_file()
                .then(|| usize::try_from(metadata.len()).unwrap_or(usize::MAX))
        };
        if let Some(size) = size {
            expected = expected.saturating_add(size);
            if expected > MAX_FILE_SIZE {
                return Err(too_large(&display_name(path), size < expected));
            }
        }
    }
    let mut sources = Sources::new();
    let mut total = 0usize;
    for &(path, is_values) in &files {
        // The bytes all files may still hold together.
        let room = MAX_FILE_SIZE - total;
        let name = display_name(path);
        let bytes = if path.as_os_str() == "-" {
            // A regular file may grow while it is read: no more than one
            // byte past the room is read from it either.
            read_stream(
                std::io::stdin().lock(),
                room,
                stdin_size.take().unwrap_or(0),
            )
            .map_err(|e| format!("cannot read standard input: {e}"))?
        } else {
            read_file(path, room)?
        };
        let Some(bytes) = bytes else {
            return Err(too_large(&name, total > 0));
        };
        total += bytes.len();
        if is_values {
            sources.add_values(name, bytes);
        } else if path.as_os_str() == "-" {
            sources.add_bytes(name, bytes);
        } else {
            // Known by its canonical path: imported again, it is one file.
            match std::fs::canonicalize(path) {
                Ok(canonical) => sources.add_file(name, canonical, bytes),
                Err(_) => sources.add_bytes(name, bytes),
            };
        }
    }
    // The files the program imports, under the same limits.
    let open = HashMap::new();
    let mut imports = Imports::new(&open, total);
    sources.load_imports(|path| imports.read(path));
    if let Some(message) = imports.too_large {
        return Err(message);
    }
    if !settings.is_empty() {
        sources.add_settings(settings);
    }
    Ok(sources)
}

/// The reader of the files programs import (for
/// [`Sources::load_imports`]), under the input limits: a file is taken from
/// `open` (an editor's buffers, by canonical path) when it is there, else
/// read from the disk.
pub struct Imports<'a> {
    open: &'a HashMap<PathBuf, &'a str>,
    /// The bytes of the input so far.
    total: usize,
    /// Set when an import brought the input past the limit: the message
    /// for the user.
    pub too_large: Option<String>,
}

impl<'a> Imports<'a> {
    /// A reader with `total` bytes of input read already.
    pub fn new(open: &'a HashMap<PathBuf, &'a str>, total: usize) -> Imports<'a> {
        Imports {
            open,
            total,
            too_large: None,
        }
    }

    /// Reads the file at `path`: its canonical path and its bytes, or why
    /// not (a sentence).
    pub fn read(&mut self, path: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        let name = path.display().to_string();
        let canonical = std::fs::canonicalize(path)
            .map_err(|e| format!("cannot read `{name}`: {}", io_reason(&e)))?;
        let room = MAX_FILE_SIZE.saturating_sub(self.total);
        let bytes = match self.open.get(&canonical) {
            Some(text) if text.len() <= room => Some(text.as_bytes().to_vec()),
            Some(_) => None,
            None => read_file(&canonical, room)?,
        };
        match bytes {
            Some(bytes) => {
                self.total += bytes.len();
                Ok((canonical, bytes))
            }
            None => {
                self.too_large.get_or_insert_with(|| too_large(&name, true));
                Err(format!(
                    "it brings the input files past {}",
                    limit_in_words()
                ))
            }
        }
    }
}

/// Reads one program file (`-` is standard input) under the input limits,
/// alone: the files it imports are not read (`mwc fmt` reads each file it
/// formats on its own). The error is a message for the user (exit status
/// 2).
pub fn read_alone(path: &Path) -> Result<Sources, String> {
    let name = display_name(path);
    let bytes = if path.as_os_str() == "-" {
        let expected = look_at_stdin()?;
        if expected.is_some_and(|size| size > MAX_FILE_SIZE) {
            return Err(too_large(&name, false));
        }
        read_stream(
            std::io::stdin().lock(),
            MAX_FILE_SIZE,
            expected.unwrap_or(0),
        )
        .map_err(|e| format!("cannot read standard input: {e}"))?
    } else {
        read_file(path, MAX_FILE_SIZE)?
    };
    let Some(bytes) = bytes else {
        return Err(too_large(&name, false));
    };
    let mut sources = Sources::new();
    match std::fs::canonicalize(path) {
        Ok(canonical) if path.as_os_str() != "-" => sources.add_file(name, canonical, bytes),
        _ => sources.add_bytes(name, bytes),
    };
    Ok(sources)
}

/// The name of an input file in messages and diagnostics: the path as
/// given, `<stdin>` for standard input.
fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The message for input past the limit.
fn too_large(name: &str, with_others: bool) -> String {
    if with_others {
        format!(
            "`{name}` brings the input files past {} together, the most mwc reads",
            limit_in_words()
        )
    } else {
        format!(
            "`{name}` is larger than {}, the most mwc reads",
            limit_in_words()
        )
    }
}

/// Reads at most `room` bytes from a stream (`expected` is a guess of its
/// size, to allocate once); None when there are more.
fn read_stream(
    stream: impl Read,
    room: usize,
    expected: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.min(room));
    let wanted = u64::try_from(room).unwrap_or(u64::MAX).saturating_add(1);
    stream.take(wanted).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= room).then_some(bytes))
}

/// Reads a regular file or a pipe of at most `room` bytes; None when it is
/// larger.
fn read_file(path: &Path, room: usize) -> Result<Option<Vec<u8>>, String> {
    let cannot = |reason: String| format!("cannot read `{}`: {reason}", path.display());
    // Look before opening: opening a device can block or have effects.
    look_at(path)?;
    let file = File::open(path).map_err(|e| cannot(io_reason(&e)))?;
    // The file may have been replaced in between: look again at what was opened.
    let metadata = file.metadata().map_err(|e| cannot(io_reason(&e)))?;
    refuse_kind(metadata.file_type()).map_err(cannot)?;
    let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    if metadata.is_file() && size > room {
        return Ok(None);
    }
    // A pipe has no size; a regular file may grow while it is read. Either
    // way no more than one byte past the room is read.
    read_stream(file, room, size).map_err(|e| cannot(io_reason(&e)))
}

/// The metadata of a file mwc may read; an error for one it does not.
fn look_at(path: &Path) -> Result<std::fs::Metadata, String> {
    let cannot = |reason: String| format!("cannot read `{}`: {reason}", path.display());
    let metadata = std::fs::metadata(path).map_err(|e| cannot(io_reason(&e)))?;
    refuse_kind(metadata.file_type()).map_err(cannot)?;
    Ok(metadata)
}

/// Looks at standard input without reading it: the size of what is left to
/// read when it is a regular file, None when it is a stream (a pipe, a
/// terminal, a socket) or cannot be looked at (reading it then says why);
/// an error for a directory or a device.
#[cfg(unix)]
fn look_at_stdin() -> Result<Option<usize>, String> {
    use std::io::{IsTerminal, Seek};
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let stdin = std::io::stdin();
    // A terminal is a device, and one a user types a program into.
    if stdin.is_terminal() {
        return Ok(None);
    }
    // A second descriptor for the same open file, to ask for its metadata
    // and its position; closed when dropped, leaving standard input open.
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
        return Ok(None);
    };
    let mut file = File::from(fd);
    let Ok(metadata) = file.metadata() else {
        return Ok(None);
    };
    let kind = metadata.file_type();
    if kind.is_file() {
        // Standard input may stand past the file's start (a shell that read
        // a line of it before): only the rest is read.
        let at = file.stream_position().unwrap_or(0);
        let left = metadata.len().saturating_sub(at);
        return Ok(Some(usize::try_from(left).unwrap_or(usize::MAX)));
    }
    if kind.is_fifo() || kind.is_socket() {
        return Ok(None);
    }
    let reason = if kind.is_dir() {
        "it is a directory"
    } else {
        "it is a device, not a regular file, a pipe or a terminal"
    };
    Err(format!("cannot read standard input: {reason}"))
}

/// Standard input is read as a stream where its metadata is not looked at.
#[cfg(not(unix))]
fn look_at_stdin() -> Result<Option<usize>, String> {
    Ok(None)
}

/// Refuses what is neither a regular file nor a pipe.
fn refuse_kind(kind: FileType) -> Result<(), String> {
    if kind.is_file() || is_fifo(kind) {
        Ok(())
    } else if kind.is_dir() {
        Err("it is a directory".to_string())
    } else {
        Err(
            "it is not a regular file (a device or a socket); mwc reads files, pipes and standard input"
                .to_string(),
        )
    }
}

#[cfg(unix)]
fn is_fifo(kind: FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&kind)
}

#[cfg(not(unix))]
fn is_fifo(_: FileType) -> bool {
    false
}

/// The reason an I/O operation failed, in plain words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_up_to_the_room_and_refused_past_it() {
        let read = |text: &[u8], room| read_stream(text, room, 0).ok().flatten();
        assert_eq!(read(b"abc", 3), Some(b"abc".to_vec()));
        assert_eq!(read(b"abcd", 3), None);
        assert_eq!(read(b"", 0), Some(Vec::new()));
    }
}

/// A program file named on the command line or found under a directory.
#[derive(Debug, Clone)]
pub struct Found {
    /// The path, as given or as the walk made it.
    pub path: PathBuf,
    /// For a file found under a directory argument: its path relative to
    /// that directory (None for a file named on the command line).
    pub under: Option<PathBuf>,
}

/// The program files the arguments stand for, in order: a file (or `-`) as
/// it is, a directory as every `*.mw` file under it, sorted by path, but
/// those its `.gitignore` and `.ignore` files exclude and hidden ones. A
/// directory without any is refused: the user meant something else.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut found = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            found.push(Found {
                path: path.clone(),
                under: None,
            });
            continue;
        }
        let before = found.len();
        let walk = ignore::WalkBuilder::new(path)
            // .gitignore applies whether or not the folder is a Git checkout.
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            let entry = entry.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            let file = entry.path();
            if is_file && file.extension().is_some_and(|e| e == "mw") {
                let under = file.strip_prefix(path).unwrap_or(file).to_path_buf();
                found.push(Found {
                    path: file.to_path_buf(),
                    under: Some(under),
                });
            }
        }
        if found.len() == before {
            return Err(format!(
                "`{}` is a directory without .mw files (hidden and ignored files are not looked at)",
                path.display()
            ));
        }
    }
    Ok(found)
}
