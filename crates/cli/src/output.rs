//! Output destinations: standard output, or a file written atomically
//! (a temporary file beside it, renamed into place only when complete).

use std::fs;
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
}

impl Output {
    /// Opens `path` (atomically) or standard output when `None` or `-`.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        match path {
            None => Ok(Self::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            ))),
            Some(p) if p.as_os_str() == "-" => Ok(Self::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            ))),
            Some(path) => {
                if path.is_dir() {
                    anyhow::bail!("output `{}` is a directory", path.display());
                }
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let prefix = format!(".{name}.");
                let mut builder = tempfile::Builder::new();
                builder.prefix(&prefix).suffix(".tmp");
                // A new file gets the usual mode (0666 less the umask), not a temp file's 0600.
                #[cfg(unix)]
                builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
                let temp = builder.tempfile_in(dir).with_context(|| {
                    format!("cannot create a temporary file in `{}`", dir.display())
                })?;
                Ok(Self::File {
                    temp: BufWriter::with_capacity(1 << 16, temp),
                    path: path.to_owned(),
                })
            }
        }
    }

    /// Finishes the output: flushes, and renames a file into place.
    /// Dropping an `Output` without committing removes the temporary file.
    pub fn commit(self) -> Result<()> {
        match self {
            Self::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("cannot write to standard output"),
            },
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
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Self::Stdout(w) => w.write_all(buf),
            Self::File { temp, .. } => temp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Stdout(w) => w.flush(),
            Self::File { temp, .. } => temp.flush(),
        }
    }
}

/// True when an error chain ends in a closed pipe (`| head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
