//! CSV (RFC 4180), re-exported from `articlekit-csv`, which owns the column
//! layout because the readers need it too: one row per article, a header,
//! dotted column names, lossless list encoding, a spreadsheet mode, and a
//! Frictionless `datapackage.json` sidecar. Streams; never buffers.

pub use articlekit_csv::{
    CsvError, CsvOptions, CsvWriter, datapackage_json, render_header, render_row,
};
