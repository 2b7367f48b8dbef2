//! Output destinations: standard output, or a file written atomically
//! (a temporary file beside it, renamed into place only when complete).
//!
//! - The temporary file is `.NAME.PID.XXXXXX.tmp` in the target's
//!   directory, created with the mode (and, where allowed, the owner) of
//!   the file it will replace, so it is never more readable than that file.
//!   The run holds an advisory lock (`flock`) on it while it writes.
//!   Dropping an [`Output`] without committing removes it, and so does the
//!   signal handler (`SIGINT`, `SIGTERM`, `SIGHUP`; see `signals`); a
//!   process killed outright (`SIGKILL`, a crash, a power cut) cannot, so
//!   opening a target first removes the temporary files of that target that
//!   nobody holds locked, except any that is an input of the run. The lock,
//!   not the PID in the name, decides: a PID says nothing across PID
//!   namespaces (containers sharing a folder).
//! - `-o` naming a symbolic link writes the file it points to (the link
//!   stays). A path naming an open descriptor (`/dev/stdout`, `/dev/stderr`,
//!   `/dev/fd/N`, `/proc/self/fd/N`) is written in place: standard output
//!   itself, or the descriptor's file opened for appending, so that a file
//!   behind `>>` is appended to, never replaced. Anything else that is not a
//!   regular file (`/dev/null`, a named pipe) is written in place too.
//! - [`Output::commit_all`] commits several outputs as a group: every one
//!   is written out and synced before any is renamed.
//! - A pipe whose reader has gone (`| head`, `| grep -q`) only stops what
//!   goes to that pipe: [`Closable`] discards the rest of its bytes, so the
//!   run goes on, every other output is still written in full, and the exit
//!   code is still the data's.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result};
use tempfile::NamedTempFile;

use crate::fileid::{inode, input_inodes};

/// The temporary files this process has open and not yet committed, for the
/// signal handler to remove. Held while a temporary file is created (so it is
/// never on disk unregistered) and while a group is renamed into place (so a
/// signal finds each temporary file either renamed or still registered).
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Whether an output of this process has been renamed into place.
static COMMITTED: Mutex<bool> = Mutex::new(false);

/// Whether standard output's reader has gone (`EPIPE`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Bytes that reached standard output (handed to the system).
static STDOUT_BYTES: AtomicU64 = AtomicU64::new(0);

/// How many bytes reached standard output so far: zero means a failed run
/// left nothing there.
pub fn stdout_bytes() -> u64 {
    STDOUT_BYTES.load(Ordering::Relaxed)
}

/// Whether standard output was closed by its reader during the run.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// A writer onto a pipe (or anything) whose reader may go away: after the
/// first `EPIPE` every write succeeds and discards its bytes. Other errors
/// (a full disk, an I/O error) pass through.
#[derive(Debug)]
pub struct Closable<W> {
    inner: W,
    closed: bool,
    /// Descriptor 1: a closed pipe is noted in [`stdout_closed`].
    is_stdout: bool,
}

impl<W: Write> Closable<W> {
    /// Wraps `inner`; `is_stdout` when it is the process's standard output.
    pub fn new(inner: W, is_stdout: bool) -> Self {
        Self {
            inner,
            closed: false,
            is_stdout,
        }
    }

    fn broke(&mut self) {
        self.closed = true;
        if self.is_stdout {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
    }
}

impl<W: Write> Write for Closable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.broke();
                Ok(buf.len())
            }
            Ok(n) => {
                if self.is_stdout {
                    STDOUT_BYTES.fetch_add(n as u64, Ordering::Relaxed);
                }
                Ok(n)
            }
            r => r,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.broke();
                Ok(())
            }
            r => r,
        }
    }
}

/// Buffered standard output that survives its reader going away.
pub fn stdout() -> BufWriter<Closable<io::Stdout>> {
    BufWriter::with_capacity(1 << 16, Closable::new(io::stdout(), true))
}

/// Whether standard output is the null device (`> /dev/null`): nothing reads
/// what is written there, so there is nothing to stage it for.
pub fn stdout_is_null() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::{FileTypeExt, MetadataExt};

        let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
            return false;
        };
        let (Ok(out), Ok(null)) = (File::from(fd).metadata(), fs::metadata("/dev/null")) else {
            return false;
        };
        out.file_type().is_char_device()
            && null.file_type().is_char_device()
            && out.rdev() == null.rdev()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The registry of live temporary files (a panic elsewhere does not make it unusable).
pub(crate) fn live_temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether any output was already renamed into place (for the interrupt message).
pub(crate) fn any_committed() -> bool {
    *COMMITTED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A registered temporary file: dropping it unregisters and removes it.
#[derive(Debug)]
pub struct Temp {
    file: Option<NamedTempFile>,
    path: PathBuf,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut live = live_temporaries();
            live.retain(|p| *p != self.path);
            // Removed while the registry is held: the handler sees it gone or removes it.
            drop(file);
        }
    }
}

impl Write for Temp {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("temporary file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

/// A place to write data: stdout, or an atomic file.
#[derive(Debug)]
pub enum Output {
    /// Standard output (buffered; a closed pipe discards the rest).
    Stdout(BufWriter<Closable<io::Stdout>>),
    /// A temporary file that becomes `path` on [`Output::commit`].
    File {
        /// The temporary file, beside the target so the rename stays on one file system.
        temp: BufWriter<Temp>,
        /// The final path.
        path: PathBuf,
        /// The mode of the file being replaced, restored in full at commit
        /// (the umask may have narrowed it at creation).
        mode: Option<Permissions>,
    },
    /// Something that is not a regular file (a device, a named pipe), or an
    /// open descriptor's file (appended to), written in place.
    Special {
        /// The open device or pipe (a closed pipe discards the rest).
        file: BufWriter<Closable<File>>,
        /// Its path.
        path: PathBuf,
    },
}

/// What a path names when it names an open descriptor.
#[derive(Debug, PartialEq, Eq)]
enum Descriptor {
    /// Descriptor 1: the process's standard output.
    Stdout,
    /// Another descriptor.
    Other,
}

/// Whether `path` (or a symbolic link on the way to its file) names an
/// already-open descriptor: `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
/// `/proc/self/fd/N`, `/proc/thread-self/fd/N`, `/proc/PID/fd/N` (own PID).
fn descriptor(path: &Path) -> Option<Descriptor> {
    let own = std::process::id().to_string();
    let mut p = path.to_owned();
    // Bounded like the kernel's own limit on links followed.
    for _ in 0..40 {
        let text = p.to_string_lossy();
        let fd = match text.as_ref() {
            "/dev/stdout" => Some("1"),
            "/dev/stderr" => Some("2"),
            t => t
                .strip_prefix("/dev/fd/")
                .or_else(|| t.strip_prefix("/proc/self/fd/"))
                .or_else(|| t.strip_prefix("/proc/thread-self/fd/"))
                .or_else(|| {
                    t.strip_prefix("/proc/")
                        .and_then(|r| r.strip_prefix(own.as_str()))
                        .and_then(|r| r.strip_prefix("/fd/"))
                })
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        };
        if let Some(fd) = fd {
            return Some(if fd.trim_start_matches('0') == "1" {
                Descriptor::Stdout
            } else {
                Descriptor::Other
            });
        }
        let Ok(next) = fs::read_link(&p) else {
            return None;
        };
        p = match p.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

impl Output {
    /// Opens `path` (atomically) or standard output when `None` or `-`.
    /// `inputs` are the run's inputs: stale-temporary cleanup never removes one.
    pub fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Self> {
        let stdout = || Self::Stdout(stdout());
        let path = match path {
            Some(p) if p.as_os_str() != "-" => p,
            _ => return Ok(stdout()),
        };
        match descriptor(path) {
            Some(Descriptor::Stdout) => return Ok(stdout()),
            Some(Descriptor::Other) => {
                // Appending: a file behind `>>` keeps what it had; a device does not care.
                let file = OpenOptions::new()
                    .append(true)
                    .open(path)
                    .with_context(|| format!("cannot open `{}` for writing", path.display()))?;
                return Ok(Self::Special {
                    file: BufWriter::with_capacity(1 << 16, Closable::new(file, false)),
                    path: path.to_owned(),
                });
            }
            None => {}
        }
        // Write through a symbolic link: the file it names is replaced, the link stays.
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = match is_link.then(|| fs::canonicalize(path)) {
            Some(Ok(resolved)) => resolved,
            _ => path.to_owned(),
        };
        let existing = fs::metadata(&target).ok();
        if let Some(meta) = &existing {
            if meta.is_dir() {
                anyhow::bail!("output `{}` is a directory", path.display());
            }
            if !meta.is_file() {
                let file = OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .with_context(|| format!("cannot open `{}` for writing", path.display()))?;
                return Ok(Self::Special {
                    file: BufWriter::with_capacity(1 << 16, Closable::new(file, false)),
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
        remove_stale_temporaries(dir, &name, &input_inodes(inputs));
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp").rand_bytes(RAND);
        let mode = existing.as_ref().map(fs::Metadata::permissions);
        // From its first byte the temporary file is no more readable than the
        // file it replaces; a new file gets the usual mode (0666 less the
        // umask), not a temporary file's 0600.
        #[cfg(unix)]
        builder.permissions(
            mode.clone()
                .unwrap_or_else(|| std::os::unix::fs::PermissionsExt::from_mode(0o666)),
        );
        let mut live = live_temporaries();
        let file = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
        let temp = Temp {
            path: file.path().to_owned(),
            file: Some(file),
        };
        live.push(temp.path.clone());
        drop(live);
        if let Some(f) = &temp.file {
            // Ours while we write it: housekeeping of other runs leaves it alone.
            f.as_file()
                .try_lock()
                .with_context(|| format!("cannot lock `{}`", temp.path.display()))?;
            #[cfg(unix)]
            if let Some(meta) = &existing {
                // Keep owner and group where allowed (root, or a group of ours);
                // otherwise the file becomes ours, as any rewrite would make it.
                use std::os::unix::fs::MetadataExt;
                let _ = std::os::unix::fs::fchown(f.as_file(), Some(meta.uid()), Some(meta.gid()))
                    .or_else(|_| std::os::unix::fs::fchown(f.as_file(), None, Some(meta.gid())));
            }
        }
        Ok(Self::File {
            temp: BufWriter::with_capacity(1 << 20, temp),
            path: target,
            mode,
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
        Self::commit_all(vec![self])
    }

    /// Commits a group: writes out and syncs every output first; only when
    /// all of them succeeded are the files renamed into place, one after the
    /// other with nothing left to fail but the renames. When one fails
    /// before that, no target has changed and every temporary file is removed.
    pub fn commit_all(outputs: Vec<Self>) -> Result<()> {
        let mut staged: Vec<(Temp, PathBuf)> = Vec::new();
        for output in outputs {
            if let Some(ready) = output.prepare().context("no output was replaced")? {
                staged.push(ready);
            }
        }
        let mut live = live_temporaries();
        let mut done: Vec<PathBuf> = Vec::new();
        for (mut temp, target) in staged {
            let Some(file) = temp.file.take() else {
                continue;
            };
            live.retain(|p| *p != temp.path);
            if let Err(e) = file.persist(&target) {
                // The rest are dropped (removed) below, still registered until then.
                drop(live);
                let before = if done.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> =
                        done.iter().map(|p| format!("`{}`", p.display())).collect();
                    format!(" ({} already replaced)", names.join(", "))
                };
                return Err(anyhow::Error::from(e.error)).with_context(|| {
                    format!(
                        "cannot rename the temporary file to `{}`{before}",
                        target.display()
                    )
                });
            }
            *COMMITTED.lock().unwrap_or_else(PoisonError::into_inner) = true;
            // Make the rename itself durable (best effort: not every system can).
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = File::open(dir).and_then(|d| d.sync_all());
            }
            done.push(target);
        }
        Ok(())
    }

    /// The first phase of a commit: everything but the rename.
    fn prepare(self) -> Result<Option<(Temp, PathBuf)>> {
        match self {
            Self::Stdout(mut w) => w
                .flush()
                .context("cannot write to standard output")
                .map(|()| None),
            Self::Special { mut file, path } => file
                .flush()
                .with_context(|| format!("cannot write `{}`", path.display()))
                .map(|()| None),
            Self::File { temp, path, mode } => {
                let temp = temp
                    .into_inner()
                    .map_err(std::io::IntoInnerError::into_error)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
                if let Some(file) = &temp.file {
                    file.as_file()
                        .sync_all()
                        .with_context(|| format!("cannot write `{}`", path.display()))?;
                    if let Some(mode) = mode {
                        let _ = file.as_file().set_permissions(mode);
                    }
                }
                Ok(Some((temp, path)))
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

/// Removes `.NAME.PID.XXXXXX.tmp` files in `dir` that no run holds locked
/// (left by runs killed before they could clean up), except files that are
/// inputs of this run (`inputs`: device and inode). Errors are ignored, as
/// this is housekeeping.
fn remove_stale_temporaries(dir: &Path, name: &str, inputs: &[(u64, u64)]) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if file_name
            .to_str()
            .and_then(|n| temp_owner(n, &prefix))
            .is_none()
        {
            continue;
        }
        let path = entry.path();
        // Not following a link: only a regular file of that name is ours to remove.
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        let Ok(file) = File::open(&path) else {
            continue;
        };
        let id = file.metadata().ok().as_ref().and_then(inode);
        if !regular || id.is_none_or(|id| inputs.contains(&id)) {
            continue;
        }
        // A live writer holds the lock (in whatever PID namespace it runs);
        // while we hold it, no writer has it.
        if file.try_lock().is_ok() {
            let _ = fs::remove_file(&path);
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
    fn stale_temporaries_nobody_holds_are_removed_but_not_locked_ones_or_inputs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        let stale = dir.path().join(".out.csv.99999999.abcdef.tmp");
        // A live writer in another PID namespace: its PID means nothing here
        // (it looks dead), but it holds the lock.
        let live = dir.path().join(".out.csv.99999998.abcdef.tmp");
        // A killed run's leftover that this run reads as its input.
        let input = dir.path().join(".out.csv.99999997.abcdef.tmp");
        let other = dir.path().join(".other.csv.99999999.abcdef.tmp");
        for p in [&stale, &live, &input, &other] {
            fs::write(p, "x").expect("write");
        }
        let holder = File::open(&live).expect("open");
        holder.lock().expect("lock");
        let mut out = Output::open(Some(&path), std::slice::from_ref(&input)).expect("opens");
        out.write_all(b"new\n").expect("write");
        out.commit().expect("commit");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        assert!(!stale.exists(), "an unlocked leftover stays");
        assert!(live.exists(), "a locked (live) temporary file was removed");
        assert!(input.exists(), "an input was removed");
        assert!(other.exists());
        drop(holder);
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_are_never_more_readable_than_the_target() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret.ndjson");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o600)).expect("chmod");
        let out = Output::open(Some(&path), &[]).expect("opens");
        let temps: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert_eq!(temps.len(), 1);
        let mode = temps[0].metadata().expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "temporary file is {mode:o}");
        out.commit().expect("commit");
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_group_is_committed_only_when_every_output_is_written() {
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let first = dir.path().join("out.csv");
        fs::write(&first, "old").expect("write");
        let mut a = Output::open(Some(&first), &[]).expect("opens");
        a.write_all(b"new").expect("write");
        // The second output runs out of room when it is written out.
        let mut b = Output::open(Some(full), &[]).expect("opens");
        b.write_all(b"sidecar").expect("buffered");
        let err = Output::commit_all(vec![a, b]).expect_err("fails");
        assert!(
            format!("{err:#}").contains("no output was replaced"),
            "{err:#}"
        );
        assert_eq!(fs::read_to_string(&first).expect("read"), "old");
        let left: Vec<_> = fs::read_dir(dir.path()).expect("dir").flatten().collect();
        assert_eq!(left.len(), 1, "temporary files left: {left:?}");
    }

    #[test]
    fn descriptor_paths_are_recognised() {
        assert_eq!(
            descriptor(Path::new("/dev/stdout")),
            Some(Descriptor::Stdout)
        );
        assert_eq!(descriptor(Path::new("/dev/fd/1")), Some(Descriptor::Stdout));
        assert_eq!(
            descriptor(Path::new("/proc/self/fd/1")),
            Some(Descriptor::Stdout)
        );
        let own = format!("/proc/{}/fd/3", std::process::id());
        assert_eq!(descriptor(Path::new(&own)), Some(Descriptor::Other));
        assert_eq!(
            descriptor(Path::new("/dev/stderr")),
            Some(Descriptor::Other)
        );
        assert_eq!(descriptor(Path::new("/dev/fd/x")), None);
        assert_eq!(descriptor(Path::new("out.csv")), None);
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
            let mut out = Output::open(Some(&link), &[]).expect("opens");
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
            let mut out = Output::open(Some(null), &[]).expect("opens");
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
