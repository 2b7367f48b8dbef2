//! Input formats and their detection from a file name.

use std::fmt;
use std::path::Path;

/// The formats records can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON article per line (`.ndjson`, `.jsonl`).
    Ndjson,
    /// One JSON article, or an array of them (`.json`).
    Json,
    /// The CSV export layout (`.csv`).
    Csv,
    /// The page-text format of the summary site (`.txt`), one page per file.
    Page,
    /// Parquet in the model's Arrow schema (`.parquet`), one article per row.
    Parquet,
    /// An XLSX workbook in the CSV layout (`.xlsx`), one article per row of
    /// its `articles` sheet (or its first sheet).
    Xlsx,
}

impl Format {
    /// The format a file name's extension stands for, if any (case-insensitive).
    ///
    /// ```
    /// use articlekit_read::Format;
    /// assert_eq!(Format::from_path("batch.JSONL".as_ref()), Some(Format::Ndjson));
    /// assert_eq!(Format::from_path("batch.xlsx".as_ref()), Some(Format::Xlsx));
    /// assert_eq!(Format::from_path("notes.md".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ndjson" | "jsonl" => Some(Self::Ndjson),
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            "txt" => Some(Self::Page),
            "parquet" | "pq" => Some(Self::Parquet),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    /// The format's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ndjson => "ndjson",
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Page => "page",
            Self::Parquet => "parquet",
            Self::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
