//! Errors of the Arrow and Parquet mapping.

/// A column of a file that the model cannot read: unknown, or of a type
/// that cannot hold its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column `{column}` {message}")]
pub struct ColumnError {
    /// Dotted name of the column (`metadata.published_at`).
    pub column: String,
    /// What is wrong with it.
    pub message: String,
}

/// Errors of building, writing and reading batches.
#[derive(Debug, thiserror::Error)]
pub enum ArrowError {
    /// A record that does not have the model's shape.
    #[error("the record does not fit the Arrow schema: {0}")]
    Model(String),
    /// A column of the input that the model cannot read.
    #[error(transparent)]
    Column(#[from] ColumnError),
    /// An error of the Arrow library.
    #[error("Arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// An error of the Parquet library (the file is not Parquet, or is damaged).
    #[error("Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// The encoder's thread stopped without saying why (it panicked).
    #[error("the Parquet encoder stopped: {0}")]
    Encoder(String),
    /// The output could not be written.
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}
