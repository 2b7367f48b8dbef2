//! The JSON report: `{"summary": {...}, "errors": [...]}`.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::ValidationError;
use crate::report::Summary;

#[derive(Serialize)]
struct Document<'a> {
    summary: &'a Summary,
    errors: &'a [ValidationError],
}

/// Writes the document, pretty-printed, with a final line feed.
pub(crate) fn write_document(
    out: &mut dyn Write,
    summary: &Summary,
    errors: &[ValidationError],
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document { summary, errors })?;
    out.write_all(b"\n")
}
