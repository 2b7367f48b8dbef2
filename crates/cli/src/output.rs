//! Output destinations: standard output, or a file written atomically
//! (a temporary file beside it, renamed into place only when complete).
//!
//! - The temporary file is `.NAME.PID.XXXXXX.tmp` in the target's
//!   directory. Dropping an [`Output`] without committing removes it; a
//!   process killed outright (`SIGKILL`, a crash, a power cut) cannot, so
//!   opening a target first removes the temporary files of that target
//!   left by processes that no longer run (Linux: no `/proc/PID`).
//! - `-o` naming a symbolic link writes the file it points to (the link
//!   stays); naming something that is not a regular file (`/dev/null`,
//!   `/dev/stdout`, a named pipe) writes to it in place, since it cannot be
//!   replaced.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::NamedTempFile;

/// A place to write data: stdout, or an atomic file.
#[derive(Debug)]
pub enum Output {
    /// Standard output (buffered).
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on [`Output::commit`].
    File {
        /// The temporary file, beside the target so the rename stays on one file system.
        temp: BufWriter<NamedTempFile>,
        /// The final path.
        path: PathBuf,
    },
    /// Something that is not a regular file (a device, a named pipe), written in place.
    Special {
        /// The open device or pipe.
        file: BufWriter<File>,
        /// Its path.
        path: PathBuf,
    },
}

impl Output {
    /// Opens `path` (atomically) or standard output when `None` or `-`.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        let path = match path {
            Some(p) if p.as_os_str() != "-" => p,
            _ => {
                return Ok(Self::Stdout(BufWriter::with_capacity(
                    1 << 16,
                    io::stdout(),
                )));
            }
        };
        // Write through a symbolic link: the file it names is replaced, the link stays.
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = match is_link.then(|| fs::canonicalize(path)) {
            Some(Ok(resolved)) => resolved,
            _ => path.to_owned(),
        };
        if let Ok(meta) = fs::metadata(&target) {
            if meta.is_dir() {
                anyhow::bail!("output `{}` is a directory", path.display());
            }
            if !meta.is_file() {
                let file = OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .with_context(|| format!("cannot open `{}` for writing", path.display()))?;
                return Ok(Self::Special {
                    file: BufWriter::with_capacity(1 << 16, file),
                    path: path.to_owned(),
                });
            }
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale_temporaries(dir, &name);
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp").rand_bytes(RAND);
        // A new file gets the usual mode (0666 less the umask), not a temp file's 0600.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
        Ok(Self::File {
            temp: BufWriter::with_capacity(1 << 16, temp),
            path: target,
        })
    }

    /// Where the output goes, for messages: the path, or "standard output".
    pub fn describe(&self) -> String {
        match self {
            Self::Stdout(_) => "standard output".to_owned(),
            Self::File { path, .. } | Self::Special { path, .. } => {
                format!("`{}`", path.display())
            }
        }
    }

    /// True for an atomic file output: nothing reaches the target unless committed.
    pub fn is_atomic(&self) -> bool {
        matches!(self, Self::File { .. })
    }

    /// Finishes the output: flushes, and renames a file into place.
    /// Dropping an `Output` without committing removes the temporary file.
    pub fn commit(self) -> Result<()> {
        match self {
            Self::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("cannot write to standard output"),
            },
            Self::Special { mut file, path } => file
                .flush()
                .with_context(|| format!("cannot write `{}`", path.display())),
            Self::File { temp, path } => {
                let temp = temp
                    .into_inner()
                    .map_err(std::io::IntoInnerError::into_error)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
                // Keep the permissions of a file being replaced.
                if let Ok(meta) = fs::metadata(&path) {
                    let _ = fs::set_permissions(temp.path(), meta.permissions());
                }
                temp.persist(&path).map_err(|e| e.error).with_context(|| {
                    format!("cannot rename the temporary file to `{}`", path.display())
                })?;
                // Make the rename itself durable (best effort: not every system can).
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    let _ = File::open(dir).and_then(|d| d.sync_all());
                }
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Stdout(w) => w.write(buf),
            Self::File { temp, .. } => temp.write(buf),
            Self::Special { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Self::Stdout(w) => w.write_all(buf),
            Self::File { temp, .. } => temp.write_all(buf),
            Self::Special { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Stdout(w) => w.flush(),
            Self::File { temp, .. } => temp.flush(),
            Self::Special { file, .. } => file.flush(),
        }
    }
}

/// Random characters in a temporary file's name.
const RAND: usize = 6;

/// Removes `.NAME.PID.XXXXXX.tmp` files in `dir` left by processes that no
/// longer run (killed before they could clean up). Only on systems with
/// `/proc` (where whether a process runs can be told); errors are ignored,
/// as this is housekeeping.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    let own = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| temp_owner(n, &prefix)) else {
            continue;
        };
        let dead = pid != own && !Path::new("/proc").join(pid.to_string()).exists();
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if dead && regular {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file name `PREFIX PID . XXXXXX .tmp`, if it is one.
fn temp_owner(file_name: &str, prefix: &str) -> Option<u32> {
    let middle = file_name.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let (pid, rand) = middle.split_once('.')?;
    let looks_random = rand.len() == RAND && rand.bytes().all(|b| b.is_ascii_alphanumeric());
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    if looks_random && digits {
        pid.parse().ok()
    } else {
        None
    }
}

/// True when an error chain ends in a closed pipe (`| head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_owner() {
        assert_eq!(
            temp_owner(".out.csv.4242.aB3xYz.tmp", ".out.csv."),
            Some(4242)
        );
        assert_eq!(temp_owner(".out.csv.4242.aB3xY.tmp", ".out.csv."), None);
        assert_eq!(temp_owner(".out.csv.x42.aB3xYz.tmp", ".out.csv."), None);
        assert_eq!(temp_owner(".out.csv.42.aB3xYz.tmp", ".other."), None);
        assert_eq!(temp_owner(".out.csv.42.aB3xYz", ".out.csv."), None);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        // A pid that cannot run: above the kernel's maximum (2^22).
        let stale = dir.path().join(".out.csv.99999999.abcdef.tmp");
        let live = dir
            .path()
            .join(format!(".out.csv.{}.abcdef.tmp", std::process::id()));
        let other = dir.path().join(".other.csv.99999999.abcdef.tmp");
        for p in [&stale, &live, &other] {
            fs::write(p, "x").expect("write");
        }
        let mut out = Output::open(Some(&path)).expect("opens");
        out.write_all(b"new\n").expect("write");
        out.commit().expect("commit");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        }
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn a_symbolic_link_is_written_through_and_a_device_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.xml");
        fs::write(&real, "old").expect("write");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.xml");
            std::os::unix::fs::symlink(&real, &link).expect("symlink");
            let mut out = Output::open(Some(&link)).expect("opens");
            out.write_all(b"new").expect("write");
            out.commit().expect("commit");
            assert!(
                fs::symlink_metadata(&link)
                    .expect("link")
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        }
        let null = Path::new("/dev/null");
        if null.exists() {
            let mut out = Output::open(Some(null)).expect("opens");
            assert!(!out.is_atomic());
            out.write_all(b"gone").expect("write");
            out.commit().expect("commit");
            assert!(
                !fs::metadata(null).expect("null").is_file(),
                "/dev/null was replaced"
            );
        }
    }
}
