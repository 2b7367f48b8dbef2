//! Outputs made of several files: the caller opens each one.

use std::io::{self, Write};

/// Opens the files of an output that is several files (a news sitemap past
/// 1,000 articles and its index; RFC 5005 archives), by name.
///
/// The contract:
/// - `name` is a plain file name (`news-sitemap-1.xml`): no directory, no
///   `/`, only ASCII letters, digits, `-` and `.`. The caller decides where
///   it goes (the CLI: in `--out-dir`).
/// - Each name is asked for at most once per export. A file is written
///   whole, flushed, and dropped before the next one is created; the
///   writer never reopens or deletes a file.
/// - When an export fails (its `finish` returns an error), the files
///   created so far are incomplete: the caller must discard all of them.
///   A caller that writes each file atomically and commits them together
///   only when `finish` succeeded leaves the target as it was on failure.
///
/// A closure `FnMut(&str) -> io::Result<Box<dyn Write + Send>>` is a `Files`.
pub trait Files {
    /// Creates (or replaces) the file `name` and gives a writer to it.
    fn create(&mut self, name: &str) -> io::Result<Box<dyn Write + Send>>;
}

impl<F> Files for F
where
    F: FnMut(&str) -> io::Result<Box<dyn Write + Send>>,
{
    fn create(&mut self, name: &str) -> io::Result<Box<dyn Write + Send>> {
        self(name)
    }
}
