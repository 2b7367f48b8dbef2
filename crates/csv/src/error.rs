//! Errors of the writer and the reader.

use std::io;

/// Why an article could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The output could not be written.
    #[error("cannot write CSV: {source}")]
    Io {
        /// The underlying error.
        #[from]
        source: io::Error,
    },

    /// The article holds a value the layout cannot give back exactly.
    /// Never happens for an article that passes the schema.
    #[error("article `{id}`: {column}: {reason}")]
    Unrepresentable {
        /// `metadata.id` of the article.
        id: String,
        /// The column the value belongs in.
        column: &'static str,
        /// What is wrong with the value.
        reason: &'static str,
    },
}

impl From<csv::Error> for CsvError {
    fn from(error: csv::Error) -> Self {
        // The writer only fails on I/O: every record has the same 21 fields.
        let source = match error.into_kind() {
            csv::ErrorKind::Io(source) => source,
            other => io::Error::other(format!("{other:?}")),
        };
        Self::Io { source }
    }
}

/// A row (or the header) that could not be decoded into a record.
///
/// The reader goes on with the next row after one of these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row} (line {line}){}: {message}", column.as_ref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
pub struct CsvRowError {
    /// 1-based record number, header excluded; 0 for the header itself.
    pub row: u64,
    /// 1-based physical line where the row starts.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
    /// The row's bytes exactly as in the file (see [`crate::CsvRecord::raw`]).
    pub raw: Vec<u8>,
    /// The row is over the size limit, or runs past it without ending
    /// (see [`crate::CsvReader::max_record_bytes`]).
    pub oversize: bool,
    /// Reading stopped here: nothing after this row was read (a row that
    /// runs past the size limit inside a quoted cell, or an I/O error).
    pub ends_input: bool,
}
