//! The human report: `input:line:col: record N (id): pointer: message [keyword]`.

use std::fmt::Write;

use articlekit_model::quote::Escaped;

use crate::error::ValidationError;
use crate::report::Summary;

const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// One error as a line of the text report (without the line feed). Every
/// part that comes from the input (file name, id, pointer, message) is
/// shown with controls and bidirectional formatting characters escaped, so
/// a hostile record cannot drive the terminal.
///
/// ```
/// use articlekit_read::Column;
/// use articlekit_validate::{Keyword, ValidationError, text_line};
/// let error = ValidationError {
///     input: "batch.ndjson".into(), line: Some(3), column: Some(Column::Char(15)), record: Some(3),
///     id: Some("a-3".into()), pointer: "/metadata/title".into(), keyword: Keyword::Required,
///     message: "metadata.title is required".into(),
/// };
/// assert_eq!(
///     text_line(&error, false),
///     "batch.ndjson:3:15: record 3 (a-3): /metadata/title: metadata.title is required [required]"
/// );
/// ```
pub fn text_line(error: &ValidationError, color: bool) -> String {
    let (bold, red, dim, reset) = if color {
        (BOLD, RED, DIM, RESET)
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    let _ = write!(out, "{bold}{}", Escaped(&error.input));
    if let Some(line) = error.line {
        let _ = write!(out, ":{line}");
    }
    if let Some(column) = &error.column {
        let _ = write!(out, ":{}", Escaped(&column.to_string()));
    }
    let _ = write!(out, ":{reset} ");
    if let Some(record) = error.record {
        let _ = write!(out, "record {record}");
        if let Some(id) = &error.id {
            let _ = write!(out, " ({})", Escaped(id));
        }
        out.push_str(": ");
    }
    if !error.pointer.is_empty() {
        let _ = write!(out, "{dim}{}{reset}: ", Escaped(&error.pointer));
    }
    let _ = write!(
        out,
        "{} {red}[{}]{reset}",
        Escaped(&error.message),
        Escaped(error.keyword.as_str())
    );
    out
}

/// The summary line, green when all is valid and red otherwise.
pub(crate) fn summary_line(summary: &Summary, color: bool) -> String {
    if !color {
        return summary.line();
    }
    let tint = if summary.errors == 0 { GREEN } else { RED };
    format!("{BOLD}{tint}{}{RESET}", summary.line())
}
