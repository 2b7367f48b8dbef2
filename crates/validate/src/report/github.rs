//! GitHub Actions annotations: each error becomes an `::error` workflow
//! command, which GitHub shows on the file and line in the pull request.
//! `col` is given for character columns only (GitHub wants a number; a CSV
//! column name goes into the message instead).

use std::fmt::Write;

use articlekit_model::quote::escape_controls;
use articlekit_read::Column;

use crate::error::ValidationError;

/// One error as a workflow command line (without the line feed).
///
/// ```
/// use articlekit_read::Column;
/// use articlekit_validate::{Keyword, ValidationError, github_annotation};
/// let error = ValidationError {
///     input: "batch.ndjson".into(), line: Some(3), column: Some(Column::Char(15)), record: Some(3),
///     id: Some("a-3".into()), pointer: "/metadata/url".into(), keyword: Keyword::Format,
///     message: "metadata.url: `x` is not an absolute URL".into(),
/// };
/// assert_eq!(
///     github_annotation(&error),
///     "::error file=batch.ndjson,line=3,col=15,title=format::record 3 (a-3): metadata.url: `x` is not an absolute URL"
/// );
/// ```
pub fn github_annotation(error: &ValidationError) -> String {
    let mut properties = format!("file={}", property(&error.input));
    if let Some(line) = error.line {
        let _ = write!(properties, ",line={line}");
    }
    if let Some(Column::Char(column)) = &error.column {
        let _ = write!(properties, ",col={column}");
    }
    let _ = write!(properties, ",title={}", property(error.keyword.as_str()));
    let mut message = String::new();
    if let Some(record) = error.record {
        let _ = write!(message, "record {record}");
        if let Some(id) = &error.id {
            let _ = write!(message, " ({id})");
        }
        message.push_str(": ");
    }
    if let Some(Column::Name(name)) = &error.column {
        let _ = write!(message, "column {name}: ");
    }
    message.push_str(&error.message);
    format!("::error {properties}::{}", data(&message))
}

/// Escapes a workflow command's message: `%`, CR and LF as GitHub wants
/// them (`%25`, `%0D`, `%0A`), so the command stays one line, then every
/// other control and bidirectional formatting character as a `\u{…}`
/// escape, so the log shows it rather than obeying it.
fn data(text: &str) -> String {
    let framed = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape_controls(&framed).into_owned()
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_command() {
        let error = ValidationError {
            input: "dir,x/a:b.csv".into(),
            line: Some(2),
            column: Some(Column::Name("metadata.title".into())),
            record: Some(1),
            id: None,
            pointer: String::new(),
            keyword: crate::Keyword::Parse,
            message: "100% bad\nreally".into(),
        };
        assert_eq!(
            github_annotation(&error),
            "::error file=dir%2Cx/a%3Ab.csv,line=2,title=parse::record 1: column metadata.title: 100%25 bad%0Areally"
        );
    }
}
