//! The one error type of the exporters.

use std::io;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing to the output failed (a closed pipe included).
    #[error("cannot write the export")]
    Io(#[from] io::Error),

    /// The temporary file that holds a buffered feed's items (in `TMPDIR`)
    /// could not be written or read back. Nothing of the feed was written yet.
    #[error("cannot use the temporary file that holds the feed's items (in TMPDIR)")]
    Spill(#[source] io::Error),

    /// The article holds a value the tabular layout cannot give back exactly
    /// (never for an article that passes the schema).
    #[error(transparent)]
    Layout(#[from] articlekit_csv::CsvError),

    /// A text longer than a spreadsheet cell holds (32,767 characters).
    #[error(
        "`{column}` of article `{id}` is {chars} characters long, over the 32767 a spreadsheet cell holds"
    )]
    CellTooLong {
        /// `metadata.id` of the article.
        id: String,
        /// The column (`metadata.source.text`, ...).
        column: &'static str,
        /// Its length in characters.
        chars: usize,
    },

    /// The workbook library failed (a temporary file in `TMPDIR`, the zip container).
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// The temporary file the workbook is built in (in `TMPDIR`) could not
    /// be written or read back. Nothing was written to the output.
    #[error("cannot use the temporary file that holds the workbook (in TMPDIR)")]
    Workbook(#[source] io::Error),

    /// The Parquet file could not be written.
    #[error("cannot write the Parquet file")]
    Parquet(#[source] articlekit_arrow::ArrowError),

    /// A date that must be RFC 3339 with an offset is not.
    #[error("`{field}` of article `{id}` is not an RFC 3339 date-time with an offset: `{value}`")]
    Date {
        /// `metadata.id` of the article, or `channel` for a channel setting.
        id: String,
        /// The field holding the date (`metadata.published_at`, ...).
        field: &'static str,
        /// The text that did not parse.
        value: String,
        /// What the date parser said.
        #[source]
        source: Box<time::error::Parse>,
    },

    /// An article has neither `published_at` nor `updated_at`, and the
    /// format was asked to refuse such articles rather than fill in a date.
    #[error(
        "article `{id}` has no date (`metadata.published_at` or `metadata.updated_at`), which {format} requires"
    )]
    Undated {
        /// `metadata.id` of the article.
        id: String,
        /// The format that needs the date.
        format: &'static str,
    },

    /// No date is known for the feed's own `updated`: no article has one,
    /// and neither the channel (`last_build_date`) nor the options give one.
    #[error(
        "{format} needs the feed's date, and no article has one: set `last_build_date` in the channel or give the date (`--now`)"
    )]
    NoFeedDate {
        /// The format that needs the date.
        format: &'static str,
    },

    /// An option of a writer is out of its range.
    #[error("option `{option}` {problem}: `{value}`")]
    OptionInvalid {
        /// The option's name.
        option: &'static str,
        /// What is wrong with it.
        problem: &'static str,
        /// The value as given.
        value: String,
    },

    /// One of the several files of an output (a news sitemap past 1,000
    /// articles and its index) could not be opened.
    #[error("cannot create the output file `{name}`")]
    Create {
        /// The file's name, as given to [`Files::create`](crate::Files::create).
        name: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// The channel file is not TOML, or holds an unknown key or a value of the wrong type.
    #[error("the channel file is not a valid channel description")]
    ChannelToml(#[source] Box<toml::de::Error>),

    /// A required channel value is missing or blank.
    #[error("channel: missing required key `{key}` ({meaning})")]
    ChannelMissing {
        /// The TOML key.
        key: &'static str,
        /// What the key is for, in words.
        meaning: &'static str,
    },

    /// A channel value is present but unusable.
    #[error("channel: `{key}` {problem}: `{value}`")]
    ChannelInvalid {
        /// The TOML key.
        key: &'static str,
        /// What is wrong with it.
        problem: &'static str,
        /// The value as given.
        value: String,
    },
}
