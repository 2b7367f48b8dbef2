//! Streaming record readers of articlekit.
//!
//! Every input format (NDJSON, JSON, CSV in the export layout, page text,
//! Parquet in the model's Arrow schema, XLSX workbooks in the CSV layout)
//! is read one record at a time, so memory does not grow with the batch.
//! A [`Record`] carries where it came from (input, index, line, column),
//! its exact raw bytes, and its [`Body`]: JSON text still to be parsed
//! (so that parsing can run in parallel), a value already built (CSV row,
//! page), or a read error. [`locate`] finds where a JSON pointer's value is
//! in a record's text, for error reports.
//!
//! ```
//! use std::io::Cursor;
//! use articlekit_read::{Body, Format, Item, ReadOptions, from_reader};
//!
//! let ndjson = "{\"a\": 1}\n\n{\"b\": 2}\r\n";
//! let source = Box::new(Cursor::new(ndjson.as_bytes().to_vec()));
//! let items: Vec<Item> = from_reader(source, "batch".into(), Format::Ndjson, &ReadOptions::default())
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(items.len(), 3); // two records and a blank line
//! let Item::Record(second) = &items[2] else { panic!() };
//! assert_eq!((second.index, second.line), (2, 3));
//! let Body::Json { text } = &second.body else { panic!() };
//! assert_eq!(&second.raw.bytes().unwrap()[text.clone()], b"{\"b\": 2}");
//! assert_eq!(second.raw.bytes().unwrap(), b"{\"b\": 2}\r\n");
//! # Ok::<(), articlekit_read::InputError>(())
//! ```
#![deny(missing_docs)]

mod csv;
mod error;
mod format;
mod json;
mod locate;
mod ndjson;
mod page;
mod parquet;
mod record;
mod source;
pub mod span;
mod xlsx;

pub use articlekit_page::PageOptions;
pub use csv::CsvRows;
pub use error::InputError;
pub use format::Format;
pub use json::JsonReader;
pub use locate::{Target, key_offsets, locate, locate_all, pointer_at};
pub use ndjson::NdjsonReader;
pub use page::PageReader;
pub use parquet::ParquetReader;
pub use record::{
    Blank, Body, Column, Item, Locations, Raw, ReadError, ReadErrorKind, Record, SpilledBytes,
};
pub use source::{ReadOptions, Reader, STDIN_NAME, from_reader, input_name, open};
pub use span::{line_column, position_in, positions_in};
pub use xlsx::XlsxReader;
