//! The error object of the contract, and the errors of the library itself.

use std::sync::Arc;

use articlekit_read::{Column, InputError};

use crate::Keyword;
use serde::{Serialize, Serializer};

/// One problem with one record (or with an input), located.
///
/// Serialises to the contract's error object: the keys `input`, `line`,
/// `column`, `record`, `id`, `pointer`, `keyword`, `message`, in that order.
/// `column` is a number (characters, 1-based) for text formats and a column
/// name for CSV; `line`, `column` and `record` are `null` for an input that
/// could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    /// Name of the input.
    pub input: Arc<str>,
    /// 1-based line (CSV: the line the row starts on).
    pub line: Option<u64>,
    /// Column of the offending value.
    #[serde(serialize_with = "column")]
    pub column: Option<Column>,
    /// 1-based index of the record in its input.
    pub record: Option<u64>,
    /// `metadata.id` of the record, when it can be read.
    pub id: Option<String>,
    /// RFC 6901 pointer of the offending value (`""` for the record itself;
    /// for a missing property, the object that lacks it).
    pub pointer: String,
    /// The schema keyword (`required`, `format`, ...) or the rule of
    /// articlekit's own (`parse`, `utf8`, `size`, `io`, `duplicate-id`,
    /// `date-order`, ...); serialised as its name.
    pub keyword: Keyword,
    /// What is wrong, for a person.
    pub message: String,
}

#[allow(clippy::ref_option)]
fn column<S: Serializer>(column: &Option<Column>, s: S) -> Result<S::Ok, S::Error> {
    match column {
        None => s.serialize_none(),
        Some(Column::Char(n)) => s.serialize_u64(*n),
        Some(Column::Name(name)) => s.serialize_str(name),
    }
}

impl ValidationError {
    /// The error object for an input that could not be opened or read on.
    pub fn from_input(error: &InputError) -> Self {
        Self {
            input: error.input().clone(),
            line: error.line(),
            // An input in another encoding is wrong from its first byte.
            column: matches!(error, InputError::Encoding { .. }).then_some(Column::Char(1)),
            record: None,
            id: None,
            pointer: String::new(),
            keyword: Keyword::from_name(error.keyword()),
            message: error.to_string(),
        }
    }

    /// The error as one line of NDJSON (without the line feed).
    pub fn to_json(&self) -> String {
        // A struct of strings and integers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why validation could not start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The model's schema did not compile (a bug in the model crate).
    #[error("the article schema does not compile: {0}")]
    Schema(String),
    /// The worker threads could not be started.
    #[error("cannot start {jobs} worker threads: {source}")]
    Threads {
        /// How many were asked for.
        jobs: usize,
        /// Why.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    /// A worker thread died (a bug).
    #[error("a validation worker stopped unexpectedly")]
    WorkerLost,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_the_contract_keys_in_order() {
        let error = ValidationError {
            input: "a.csv".into(),
            line: Some(3),
            column: Some(Column::Name("metadata.title".into())),
            record: Some(2),
            id: None,
            pointer: "/metadata/title".into(),
            keyword: crate::Keyword::Required,
            message: "m".into(),
        };
        assert_eq!(
            error.to_json(),
            r#"{"input":"a.csv","line":3,"column":"metadata.title","record":2,"id":null,"pointer":"/metadata/title","keyword":"required","message":"m"}"#
        );
    }
}
