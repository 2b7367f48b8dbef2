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
use crate::parquet::ParquetReader;
use crate::record::Item;
use crate::xlsx::XlsxReader;
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
    /// Standard input when it can wait for data (a pipe, a terminal, a
    /// socket): [`Reader::ready`] asks it.
    waits: Option<io::Stdin>,
}

enum Inner {
    Ndjson(NdjsonReader<BufReader<Box<dyn Read>>>),
    Json(JsonReader<Box<dyn BufRead>>),
    Csv(Box<CsvRows<Box<dyn Read>>>),
    Page(PageReader<Box<dyn Read>>),
    Parquet(Box<ParquetReader>),
    Xlsx(Box<XlsxReader>),
    /// The input cannot be read at all; the error is yielded once.
    Failed(Option<InputError>),
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Ndjson(_) => "Ndjson",
            Self::Json(_) => "Json",
            Self::Csv(_) => "Csv",
            Self::Page(_) => "Page",
            Self::Parquet(_) => "Parquet",
            Self::Xlsx(_) => "Xlsx",
            Self::Failed(_) => "Failed",
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

    /// Whether the next record can be read without waiting for more input.
    /// Always true for files; for standard input that is a pipe, a terminal
    /// or a socket (`tail -f … |`, a message queue), true when a whole
    /// NDJSON line is buffered or the input has data (or its end) ready.
    /// A caller that batches records hands out what it has when this is
    /// false, so a record comes out as soon as it arrives. (Other formats
    /// than NDJSON are records of a whole document: always true.)
    pub fn ready(&self) -> bool {
        let Some(stdin) = &self.waits else {
            return true;
        };
        match &self.inner {
            Inner::Ndjson(r) => {
                memchr::memchr(b'\n', r.get_ref().buffer()).is_some() || has_data(stdin)
            }
            _ => true,
        }
    }
}

/// Whether reading `stdin` would return at once (data, its end, or an error).
#[cfg(unix)]
fn has_data(stdin: &io::Stdin) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // An error of poll itself: say ready, and let the read tell.
    poll(&mut fds, Some(&zero)).map_or(true, |n| n > 0)
}

#[cfg(not(unix))]
fn has_data(_: &io::Stdin) -> bool {
    true
}

/// Whether standard input can wait for data: anything but a regular file.
fn stdin_waits() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let stdin = io::stdin();
        rustix::fs::fstat(stdin.as_fd()).map_or(true, |st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile
        })
    }
    #[cfg(not(unix))]
    {
        false
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
            Inner::Parquet(r) => r.next(),
            Inner::Xlsx(r) => r.next(),
            Inner::Failed(e) => e.take().map(Err),
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
    let file = if stdin {
        None
    } else {
        let file = File::open(path).map_err(|source| InputError::Open {
            input: input.clone(),
            source,
        })?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(InputError::Directory { input });
        }
        Some(file)
    };
    let format = match options.format {
        Some(format) => format,
        None if stdin => Format::Ndjson,
        None => Format::from_path(path).ok_or_else(|| InputError::UnknownFormat {
            input: input.clone(),
        })?,
    };
    let mut reader = match file {
        // Parquet is read from the end (its footer), a workbook from its zip
        // directory at the end: the file itself is handed over.
        Some(file) if format == Format::Parquet => parquet(file, input, options),
        Some(file) if format == Format::Xlsx => xlsx(file, input, options),
        Some(file) => from_reader(Box::new(file), input, format, options),
        None => from_reader(Box::new(io::stdin()), input, format, options),
    };
    if stdin && stdin_waits() {
        reader.waits = Some(io::stdin());
    }
    Ok(reader)
}

/// Reads records of `format` from any byte source named `input`.
///
/// An input that is UTF-16 or UTF-32 rather than UTF-8 (a byte order mark
/// `FF FE`, `FE FF`, `00 00 FE FF`, or zero bytes between its first
/// characters) yields one [`InputError::Encoding`] and nothing else: read
/// line by line it would only give one garbled error per line.
pub fn from_reader(
    source: Box<dyn Read>,
    input: Arc<str>,
    format: Format,
    options: &ReadOptions,
) -> Reader {
    if matches!(format, Format::Parquet | Format::Xlsx) {
        // Parquet is read from its footer, a workbook from its zip
        // directory: a stream is copied to a temporary file first (memory
        // stays flat).
        let spooled = tempfile::tempfile().and_then(|mut file| {
            let mut source = source;
            io::copy(&mut source, &mut file)?;
            io::Seek::rewind(&mut file)?;
            Ok(file)
        });
        return match spooled {
            Ok(file) if format == Format::Xlsx => xlsx(file, input, options),
            Ok(file) => parquet(file, input, options),
            Err(source) => Reader {
                inner: Inner::Failed(Some(InputError::Read {
                    input: input.clone(),
                    line: 1,
                    source,
                })),
                input,
                format,
                waits: None,
            },
        };
    }
    let max = options.max_record_bytes;
    let mut buffered = BufReader::with_capacity(BUFFER, source);
    let inner = match sniff(&mut buffered) {
        Err(source) => Inner::Failed(Some(InputError::Read {
            input: input.clone(),
            line: 1,
            source,
        })),
        Ok(Some((encoding, iconv))) => Inner::Failed(Some(InputError::Encoding {
            input: input.clone(),
            encoding,
            iconv,
        })),
        Ok(None) if format == Format::Ndjson && options.format.is_none() => {
            match buffered.fill_buf().map(|head| other_format(head)) {
                Ok(Some((line, what, from))) => Inner::Failed(Some(InputError::WrongFormat {
                    input: input.clone(),
                    line,
                    what,
                    from,
                })),
                _ => Inner::Ndjson(NdjsonReader::new(
                    buffered,
                    input.clone(),
                    max,
                    options.keep_oversize,
                )),
            }
        }
        Ok(None) => match format {
            Format::Ndjson => Inner::Ndjson(NdjsonReader::new(
                buffered,
                input.clone(),
                max,
                options.keep_oversize,
            )),
            Format::Json => Inner::Json(JsonReader::new(Box::new(buffered), input.clone(), max)),
            Format::Csv => Inner::Csv(Box::new(CsvRows::new(
                Box::new(buffered),
                input.clone(),
                max,
            ))),
            Format::Page => Inner::Page(PageReader::new(
                Box::new(buffered),
                input.clone(),
                max,
                options.page.clone(),
            )),
            Format::Parquet | Format::Xlsx => {
                unreachable!("Parquet and XLSX are read from a file, above")
            }
        },
    };
    Reader {
        input,
        format,
        inner,
        waits: None,
    }
}

fn parquet(file: File, input: Arc<str>, options: &ReadOptions) -> Reader {
    let inner = match ParquetReader::new(file, input.clone(), options.max_record_bytes) {
        Ok(reader) => Inner::Parquet(Box::new(reader)),
        Err(e) => Inner::Failed(Some(e)),
    };
    Reader {
        input,
        format: Format::Parquet,
        inner,
        waits: None,
    }
}

fn xlsx(file: File, input: Arc<str>, options: &ReadOptions) -> Reader {
    let inner = match XlsxReader::new(file, input.clone(), options.max_record_bytes) {
        Ok(reader) => Inner::Xlsx(Box::new(reader)),
        Err(e) => Inner::Failed(Some(e)),
    };
    Reader {
        input,
        format: Format::Xlsx,
        inner,
        waits: None,
    }
}

/// What an input taken for NDJSON (no `--from`) clearly is instead, from its
/// first bytes: `(line, what, --from value)`. Only a first non-blank line that
/// is not JSON-ish at all counts: a line starting with `{` or `[`, even a
/// broken one, stays NDJSON and gets its per-line errors.
fn other_format(head: &[u8]) -> Option<(u64, &'static str, &'static str)> {
    if head.starts_with(b"PAR1") {
        return Some((1, "Parquet", "parquet"));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Some((1, "a zip file (an XLSX workbook?)", "xlsx"));
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // The buffer may end inside a character: only the valid prefix is looked at.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let mut lines = text.lines().enumerate();
    let (index, first) = lines.by_ref().find(|(_, l)| !l.trim().is_empty())?;
    let first = first.trim();
    if first.starts_with(['{', '[']) {
        return None;
    }
    let line = u64::try_from(index).map_or(u64::MAX, |i| i + 1);
    if looks_like_csv_header(first) {
        return Some((line, "CSV", "csv"));
    }
    // A page: a headline, then `•` bullets and a `📌` summary.
    if text.lines().any(|l| l.trim_start().starts_with('📌')) {
        return Some((line, "a page", "page"));
    }
    None
}

/// Two or more comma-separated names (letters, digits, `_`, `.`, `-`,
/// optionally double-quoted): a CSV header, not a JSON text.
fn looks_like_csv_header(line: &str) -> bool {
    let cells: Vec<&str> = line.split(',').collect();
    cells.len() >= 2
        && cells.iter().all(|cell| {
            let cell = cell.trim();
            let cell = cell
                .strip_prefix('"')
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or(cell);
            cell.chars().next().is_some_and(char::is_alphabetic)
                && cell
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        })
}

/// The encoding of an input that starts like UTF-16 or UTF-32, as
/// `(description, iconv name)`; `None` for anything else (UTF-8 included).
fn sniff(reader: &mut impl BufRead) -> io::Result<Option<(&'static str, &'static str)>> {
    let head = loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
            Ok(head) => break head,
        }
    };
    Ok(match head {
        [0, 0, 0xFE, 0xFF, ..] => {
            Some(("UTF-32 (big-endian, byte order mark 00 00 FE FF)", "UTF-32"))
        }
        [0xFF, 0xFE, 0, 0, ..] => Some((
            "UTF-32 (little-endian, byte order mark FF FE 00 00)",
            "UTF-32",
        )),
        [0xFF, 0xFE, ..] => Some(("UTF-16 (little-endian, byte order mark FF FE)", "UTF-16")),
        [0xFE, 0xFF, ..] => Some(("UTF-16 (big-endian, byte order mark FE FF)", "UTF-16")),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => {
            Some(("UTF-16 little-endian (no byte order mark)", "UTF-16LE"))
        }
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => {
            Some(("UTF-16 big-endian (no byte order mark)", "UTF-16BE"))
        }
        _ => None,
    })
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

    fn read_untold(text: &str) -> Vec<Result<Item, InputError>> {
        let options = ReadOptions::default();
        from_reader(
            Box::new(io::Cursor::new(text.as_bytes().to_vec())),
            STDIN_NAME.into(),
            Format::Ndjson,
            &options,
        )
        .collect()
    }

    #[test]
    fn csv_or_a_page_taken_for_ndjson_is_one_input_error() {
        let csv = "\ntitle,url,summary\nA,https://a.example/,S\nB,https://b.example/,T\n";
        let items = read_untold(csv);
        assert_eq!(items.len(), 1, "{items:?}");
        let Err(e) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            e.to_string(),
            "`<stdin>` line 2: this looks like CSV: use `--from csv`"
        );
        let page = include_str!("../../../fixtures/pages/000_b0960e193d69778f.txt");
        let items = read_untold(page);
        assert_eq!(items.len(), 1);
        assert!(
            matches!(&items[0], Err(InputError::WrongFormat { from: "page", .. })),
            "{items:?}"
        );
        // Broken JSON, or text that is neither, keeps its per-line errors.
        assert_eq!(read_untold("{\"a\": \n{}\n").len(), 2);
        assert_eq!(read_untold("hello world\n{}\n").len(), 2);
        // With --from ndjson the content is read as told.
        let forced = ReadOptions {
            format: Some(Format::Ndjson),
            ..ReadOptions::default()
        };
        let items: Vec<Result<Item, InputError>> = from_reader(
            Box::new(io::Cursor::new(csv.as_bytes().to_vec())),
            STDIN_NAME.into(),
            Format::Ndjson,
            &forced,
        )
        .collect();
        assert!(items.len() > 1, "{items:?}");
    }

    #[test]
    fn utf16_and_utf32_inputs_are_refused_whole() {
        let line = "{\"a\": 1}\n{\"b\": 2}\n";
        let le: Vec<u8> = line.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = line.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let cases: [(Vec<u8>, &str); 5] = [
            ([&[0xFF, 0xFE][..], &le].concat(), "UTF-16 (little-endian"),
            ([&[0xFE, 0xFF][..], &be].concat(), "UTF-16 (big-endian"),
            (le.clone(), "UTF-16 little-endian (no byte order mark)"),
            (be.clone(), "UTF-16 big-endian (no byte order mark)"),
            (
                vec![0xFF, 0xFE, 0, 0, b'{', 0, 0, 0],
                "UTF-32 (little-endian",
            ),
        ];
        for format in [Format::Ndjson, Format::Json, Format::Csv, Format::Page] {
            for (bytes, what) in &cases {
                let items: Vec<_> = from_reader(
                    Box::new(io::Cursor::new(bytes.clone())),
                    "in".into(),
                    format,
                    &ReadOptions::default(),
                )
                .collect();
                assert!(
                    matches!(&items[..], [Err(e @ InputError::Encoding { .. })] if e.to_string().contains(what) && e.keyword() == "utf8"),
                    "{format}: {items:?}"
                );
            }
        }
        // UTF-8 with or without a BOM is read as usual.
        for bytes in [&b"\xEF\xBB\xBF{}\n"[..], b"{}\n", b"", b"{"] {
            let reader = from_reader(
                Box::new(io::Cursor::new(bytes.to_vec())),
                "in".into(),
                Format::Ndjson,
                &ReadOptions::default(),
            );
            assert!(reader.into_iter().all(|i| i.is_ok()));
        }
    }
}
