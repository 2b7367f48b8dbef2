//! Opening inputs: a path or `-` (standard input), in a format given or
//! told from the extension.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use articlekit_page::PageOptions;

use crate::csv::CsvRows;
use crate::json::JsonReader;
use crate::ndjson::NdjsonReader;
use crate::page::PageReader;
use crate::record::Item;
use crate::{Format, InputError};

/// The name standard input has in reports.
pub const STDIN_NAME: &str = "<stdin>";

const BUFFER: usize = 1 << 18;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The format of every input; `None` tells it from each file's
    /// extension (standard input is then NDJSON).
    pub format: Option<Format>,
    /// Largest record accepted, in bytes; a bigger one is a `size` error.
    pub max_record_bytes: u64,
    /// Keep the bytes of oversize NDJSON lines (in a temporary file) so
    /// they can be copied out; otherwise they are skipped.
    pub keep_oversize: bool,
    /// How pages are imported.
    pub page: PageOptions,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            format: None,
            max_record_bytes: 16 << 20,
            keep_oversize: false,
            page: PageOptions::default(),
        }
    }
}

/// The records of one input, in order. Yields `Err` at most once, as its
/// last item, when the input cannot be read on.
#[derive(Debug)]
pub struct Reader {
    input: Arc<str>,
    format: Format,
    inner: Inner,
}

enum Inner {
    Ndjson(NdjsonReader<Box<dyn BufRead>>),
    Json(JsonReader<Box<dyn BufRead>>),
    Csv(Box<CsvRows<Box<dyn Read>>>),
    Page(PageReader<Box<dyn Read>>),
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Ndjson(_) => "Ndjson",
            Self::Json(_) => "Json",
            Self::Csv(_) => "Csv",
            Self::Page(_) => "Page",
        })
    }
}

impl Reader {
    /// Name of the input in reports.
    pub fn input(&self) -> &Arc<str> {
        &self.input
    }

    /// The format it is read as.
    pub fn format(&self) -> Format {
        self.format
    }
}

impl Iterator for Reader {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Ndjson(r) => r.next(),
            Inner::Json(r) => r.next(),
            Inner::Csv(r) => r.next(),
            Inner::Page(r) => r.next(),
        }
    }
}

/// The name of an input in reports: the path as given, or `<stdin>` for `-`.
pub fn input_name(path: &Path) -> Arc<str> {
    if path.as_os_str() == "-" {
        STDIN_NAME.into()
    } else {
        path.display().to_string().into()
    }
}

/// Opens `path` (`-` is standard input) for reading records.
///
/// A missing file, a directory or an unknown extension is an [`InputError`]
/// for this input alone; the caller goes on with the others.
pub fn open(path: &Path, options: &ReadOptions) -> Result<Reader, InputError> {
    let input = input_name(path);
    let stdin = path.as_os_str() == "-";
    let source: Box<dyn Read> = if stdin {
        Box::new(io::stdin())
    } else {
        let file = File::open(path).map_err(|source| InputError::Open {
            input: input.clone(),
            source,
        })?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(InputError::Directory { input });
        }
        Box::new(file)
    };
    let format = match options.format {
        Some(format) => format,
        None if stdin => Format::Ndjson,
        None => Format::from_path(path).ok_or_else(|| InputError::UnknownFormat {
            input: input.clone(),
        })?,
    };
    Ok(from_reader(source, input, format, options))
}

/// Reads records of `format` from any byte source named `input`.
pub fn from_reader(
    source: Box<dyn Read>,
    input: Arc<str>,
    format: Format,
    options: &ReadOptions,
) -> Reader {
    let max = options.max_record_bytes;
    let inner = match format {
        Format::Ndjson => {
            let buffered: Box<dyn BufRead> = Box::new(BufReader::with_capacity(BUFFER, source));
            Inner::Ndjson(NdjsonReader::new(
                buffered,
                input.clone(),
                max,
                options.keep_oversize,
            ))
        }
        Format::Json => {
            let buffered: Box<dyn BufRead> = Box::new(BufReader::with_capacity(BUFFER, source));
            Inner::Json(JsonReader::new(buffered, input.clone(), max))
        }
        Format::Csv => Inner::Csv(Box::new(CsvRows::new(source, input.clone(), max))),
        Format::Page => Inner::Page(PageReader::new(
            source,
            input.clone(),
            max,
            options.page.clone(),
        )),
    };
    Reader {
        input,
        format,
        inner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_directories_and_unknown_extensions_are_input_errors() {
        let options = ReadOptions::default();
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("missing.ndjson");
        assert!(matches!(
            open(&missing, &options),
            Err(InputError::Open { .. })
        ));
        let sub = dir.path().join("sub.ndjson");
        std::fs::create_dir(&sub).expect("mkdir");
        assert!(matches!(
            open(&sub, &options),
            Err(InputError::Directory { .. })
        ));
        let odd = dir.path().join("batch.dat");
        std::fs::write(&odd, "{}\n").expect("write");
        assert!(matches!(
            open(&odd, &options),
            Err(InputError::UnknownFormat { .. })
        ));
        let forced = ReadOptions {
            format: Some(Format::Ndjson),
            ..ReadOptions::default()
        };
        let reader = open(&odd, &forced).expect("opens with --from");
        assert_eq!(reader.format(), Format::Ndjson);
        assert_eq!(reader.count(), 1);
    }
}
