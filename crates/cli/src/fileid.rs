//! Which file a path names (device and inode), so that no output replaces
//! an input whatever the path says, and standard output redirected onto an
//! input (`articlekit import c.ndjson >> c.ndjson`) is refused.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// Refuses (a usage error) to write an output over an input, or two outputs
/// to one file: whatever the path says (`./a`, `dir/../a`, a symbolic link,
/// a hard link), what counts is the file. An output given as `-` is
/// standard output: refused when it is a regular file that is an input.
pub(crate) fn refuse_overwriting_inputs(
    inputs: &[PathBuf],
    outputs: &[(&str, Option<&Path>)],
) -> Result<()> {
    let inputs: Vec<(&Path, FileId)> = inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .filter_map(|p| Some((p.as_path(), FileId::of(p)?)))
        .collect();
    let mut seen: Vec<(&str, FileId)> = Vec::new();
    for (flag, path) in outputs {
        let Some(path) = path else { continue };
        if path.as_os_str() == "-" {
            // A pipe, a terminal or /dev/null may take anything; a regular
            // file behind `>`/`>>` that is also read would be read while written.
            if let Some(stdout) = FileId::stdout()
                && let Some((input, _)) = inputs.iter().find(|(_, i)| i.same(&stdout))
            {
                let (what, hint) = if *flag == "--output" {
                    ("the output", " (use -o FILE)")
                } else {
                    (*flag, "")
                };
                bail!(
                    "standard output is the input `{}`; refusing to write {what} over it{hint}",
                    input.display()
                );
            }
            continue;
        }
        let Some(id) = FileId::of(path) else {
            continue;
        };
        // Devices such as /dev/null may well be named twice.
        if id.special {
            continue;
        }
        if inputs.iter().any(|(_, input)| input.same(&id)) {
            bail!(
                "{flag} `{}` is one of the inputs; refusing to overwrite it",
                path.display()
            );
        }
        if let Some((other, _)) = seen.iter().find(|(_, p)| p.same(&id)) {
            bail!("{flag} and {other} name the same file `{}`", path.display());
        }
        seen.push((flag, id));
    }
    Ok(())
}

/// Device and inode of a file's metadata (none where the system has no such thing).
// An Option because systems other than Unix have no device and inode.
#[cfg_attr(unix, allow(clippy::unnecessary_wraps))]
pub(crate) fn inode(meta: &fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Device and inode of every input that exists (and of standard input when
/// it is a regular file), so that housekeeping never removes one.
pub(crate) fn input_inodes(inputs: &[PathBuf]) -> Vec<(u64, u64)> {
    let stdin = Path::new("/proc/self/fd/0");
    inputs
        .iter()
        .map(PathBuf::as_path)
        .filter(|p| p.as_os_str() != "-")
        .chain(std::iter::once(stdin))
        .filter_map(|p| inode(&fs::metadata(p).ok()?))
        .collect()
}

/// What a path names: its canonical path (of its directory joined with its
/// name when it does not exist yet) and, for an existing file, its device
/// and inode, so that hard links are told apart from other files.
struct FileId {
    path: PathBuf,
    inode: Option<(u64, u64)>,
    special: bool,
}

impl FileId {
    fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok();
        let inode = meta.as_ref().and_then(inode);
        let special = meta.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir());
        let path = fs::canonicalize(path).ok().or_else(|| {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(fs::canonicalize(dir).ok()?.join(path.file_name()?))
        })?;
        Some(Self {
            path,
            inode,
            special,
        })
    }

    /// Standard output, when it is a regular file (Linux: through `/proc`,
    /// which needs no unsafe code). Its path is left empty: only the inode counts.
    fn stdout() -> Option<Self> {
        let meta = fs::metadata("/proc/self/fd/1")
            .ok()
            .filter(fs::Metadata::is_file)?;
        Some(Self {
            path: PathBuf::new(),
            inode: Some(inode(&meta)?),
            special: false,
        })
    }

    fn same(&self, other: &Self) -> bool {
        (!self.path.as_os_str().is_empty() && self.path == other.path)
            || (self.inode.is_some() && self.inode == other.inode)
    }
}
