//! Errors that stop an input (as opposed to a bad record, which is an item).

use std::io;
use std::sync::Arc;

/// An input that could not be opened or read to its end. The other inputs
/// of a run go on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened.
    #[error("cannot open `{input}`: {source}")]
    Open {
        /// Name of the input.
        input: Arc<str>,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The input is a directory.
    #[error("`{input}` is a directory, not a file")]
    Directory {
        /// Name of the input.
        input: Arc<str>,
    },
    /// The format cannot be told from the file name.
    #[error(
        "cannot tell the format of `{input}` from its extension (use --from ndjson|json|csv|page|parquet|xlsx)"
    )]
    UnknownFormat {
        /// Name of the input.
        input: Arc<str>,
    },
    /// A CSV input whose header row cannot be read; none of its rows can be.
    #[error("`{input}` line {line}: {message}")]
    Header {
        /// Name of the input.
        input: Arc<str>,
        /// 1-based line of the header.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// The input is not UTF-8 but UTF-16 or UTF-32 (told by its byte order
    /// mark or its zero bytes); none of it is read.
    #[error(
        "`{input}` is {encoding}, not UTF-8: convert it first (for example `iconv -f {iconv} -t UTF-8`)"
    )]
    Encoding {
        /// Name of the input.
        input: Arc<str>,
        /// What it is, e.g. `UTF-16 (little-endian, byte order mark FF FE)`.
        encoding: &'static str,
        /// Its name for `iconv`.
        iconv: &'static str,
    },
    /// An input read as NDJSON because no format was given, whose first
    /// line is clearly another format (a CSV header, a page); none of it is
    /// read, rather than one `expected value` error per line.
    #[error("`{input}` line {line}: this looks like {what}: use `--from {from}`")]
    WrongFormat {
        /// Name of the input.
        input: Arc<str>,
        /// 1-based line that gave it away.
        line: u64,
        /// What it looks like, e.g. `CSV`.
        what: &'static str,
        /// The `--from` value to give.
        from: &'static str,
    },
    /// A Parquet input that cannot be read: not Parquet, damaged, or with a
    /// column the model does not have or of a type that cannot hold its field.
    #[error("cannot read `{input}` as Parquet: {message}")]
    Parquet {
        /// Name of the input.
        input: Arc<str>,
        /// 1-based row being read, when reading failed part way.
        row: Option<u64>,
        /// What is wrong (a column error names the column).
        message: String,
    },
    /// An XLSX input that cannot be read: not a workbook, damaged, no sheet
    /// in the layout, or a header row that is not the layout's.
    #[error("cannot read `{input}` as XLSX: {message}")]
    Xlsx {
        /// Name of the input.
        input: Arc<str>,
        /// 1-based sheet row being read, when known.
        row: Option<u64>,
        /// What is wrong (a header error names the column and its cell).
        message: String,
    },
    /// Reading failed part way.
    #[error("cannot read `{input}` at line {line}: {source}")]
    Read {
        /// Name of the input.
        input: Arc<str>,
        /// 1-based line being read.
        line: u64,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl InputError {
    /// Name of the input.
    pub fn input(&self) -> &Arc<str> {
        match self {
            Self::Open { input, .. }
            | Self::Directory { input }
            | Self::UnknownFormat { input }
            | Self::Header { input, .. }
            | Self::Encoding { input, .. }
            | Self::WrongFormat { input, .. }
            | Self::Parquet { input, .. }
            | Self::Xlsx { input, .. }
            | Self::Read { input, .. } => input,
        }
    }

    /// The line being read when reading failed part way.
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::Read { line, .. }
            | Self::Header { line, .. }
            | Self::WrongFormat { line, .. } => Some(*line),
            Self::Encoding { .. } => Some(1),
            Self::Parquet { row, .. } | Self::Xlsx { row, .. } => *row,
            _ => None,
        }
    }

    /// The keyword of the error in reports: `parse` for a bad CSV header
    /// or a Parquet or XLSX file that cannot be read, `utf8` for an input in another
    /// encoding, `io` for everything else.
    pub fn keyword(&self) -> &'static str {
        match self {
            Self::Header { .. }
            | Self::WrongFormat { .. }
            | Self::Parquet { .. }
            | Self::Xlsx { .. } => "parse",
            Self::Encoding { .. } => "utf8",
            _ => "io",
        }
    }
}
