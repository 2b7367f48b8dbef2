//! The SARIF 2.1.0 report (GitHub code scanning reads it): one run, one
//! result per error with its physical location (artifact URI, line,
//! character column), `ruleId` = the keyword, and the rules described in
//! `tool.driver.rules`.
//!
//! Results are streamed: the document is opened with `"results": [` and each
//! result written as it comes; the tool, its rules and the invocation come
//! after the results (JSON objects are unordered), when every keyword and
//! the run's outcome are known. Results are not capped by `--max-errors`:
//! one error is one result. Inputs that could not be read are results too
//! (so the results add up to the summary's errors) and also
//! `toolExecutionNotifications`, with `executionSuccessful: false`.

use std::fmt::Write as _;
use std::io::{self, Write};

use articlekit_model::quote::escape_controls;
use articlekit_read::Column;
use serde_json::{Value, json};

use crate::error::ValidationError;
use crate::report::Summary;

/// The SARIF schema URI written in `$schema`.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Every keyword the validator reports, with what it means.
const RULES: &[(&str, &str)] = &[
    ("required", "A required field is missing."),
    ("type", "A value has the wrong JSON type."),
    (
        "format",
        "A value is not in the required format (date-time, URI, language tag...).",
    ),
    (
        "pattern",
        "A string does not match the pattern the model requires.",
    ),
    ("minLength", "A string is shorter than the model allows."),
    ("maxLength", "A string is longer than the model allows."),
    ("minimum", "A number is below the model's minimum."),
    ("maximum", "A number is above the model's maximum."),
    (
        "minItems",
        "A list has fewer items than the model requires.",
    ),
    ("maxItems", "A list has more items than the model allows."),
    ("uniqueItems", "A list holds the same item twice."),
    ("additionalProperties", "A field is not part of the model."),
    (
        "not",
        "A text field holds a control character the model forbids.",
    ),
    ("enum", "A value is not one of those the model allows."),
    ("const", "A value is not the one the model requires."),
    (
        "parse",
        "The record is not well-formed JSON (or CSV, or page text).",
    ),
    ("utf8", "The input is not valid UTF-8."),
    ("size", "The record is larger than --max-record-bytes."),
    ("io", "The input could not be opened or read."),
    ("duplicate-key", "A JSON object has the same key twice."),
    ("duplicate-id", "Two records share one metadata.id."),
    ("date-order", "updated_at is before published_at."),
    (
        "too-many-errors",
        "The record has more errors than are listed.",
    ),
];

/// The state of a SARIF report while errors come in.
#[derive(Debug)]
pub(crate) struct Sarif {
    started: bool,
    results: u64,
    /// Keywords seen that are not in [`RULES`], in order of first sight.
    extra_rules: Vec<String>,
    notifications: Vec<Value>,
}

impl Sarif {
    pub(crate) fn new() -> Self {
        Self {
            started: false,
            results: 0,
            extra_rules: Vec::new(),
            notifications: Vec::new(),
        }
    }

    /// Writes one result per error.
    pub(crate) fn errors(
        &mut self,
        out: &mut dyn Write,
        errors: &[ValidationError],
    ) -> io::Result<()> {
        self.start(out)?;
        for error in errors {
            let rule_index = self.rule_index(error.keyword.as_str());
            let location = location(error);
            let mut text = String::new();
            if let Some(record) = error.record {
                let _ = write!(text, "record {record}");
                if let Some(id) = &error.id {
                    let _ = write!(text, " ({id})");
                }
                text.push_str(": ");
            }
            if let Some(Column::Name(name)) = &error.column {
                let _ = write!(text, "column {name}: ");
            }
            text.push_str(&error.message);
            let text = escape_controls(&text).into_owned();
            let mut properties = json!({ "pointer": error.pointer });
            if let Some(record) = error.record {
                properties["record"] = record.into();
            }
            if let Some(id) = &error.id {
                properties["id"] = id.as_str().into();
            }
            if let Some(Column::Name(name)) = &error.column {
                properties["column"] = name.as_str().into();
            }
            let result = json!({
                "ruleId": error.keyword,
                "ruleIndex": rule_index,
                "level": "error",
                "message": { "text": text },
                "locations": [location],
                "properties": properties,
            });
            if error.record.is_none() {
                self.notifications.push(json!({
                    "level": "error",
                    "message": { "text": text },
                    "descriptor": { "id": error.keyword },
                    "locations": [location],
                }));
            }
            out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &result)?;
            self.results += 1;
        }
        Ok(())
    }

    /// Closes the results and writes the tool, its rules and the invocation.
    pub(crate) fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        let rules: Vec<Value> = RULES
            .iter()
            .map(|(id, text)| rule(id, text))
            .chain(
                self.extra_rules
                    .iter()
                    .map(|id| rule(id, "A JSON Schema keyword of the article schema failed.")),
            )
            .collect();
        let tool = json!({
            "driver": {
                "name": "articlekit",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        });
        let invocation = json!({
            "executionSuccessful": summary.failed_inputs() == 0,
            "toolExecutionNotifications": self.notifications,
        });
        let properties = json!({
            "records": summary.records,
            "valid": summary.valid,
            "invalid": summary.invalid,
            "errors": summary.errors,
        });
        out.write_all(b"\n],\n\"tool\": ")?;
        serde_json::to_writer(&mut *out, &tool)?;
        out.write_all(b",\n\"invocations\": [")?;
        serde_json::to_writer(&mut *out, &invocation)?;
        out.write_all(b"],\n\"columnKind\": \"unicodeCodePoints\",\n\"properties\": ")?;
        serde_json::to_writer(&mut *out, &properties)?;
        out.write_all(b"\n}]}\n")
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                out,
                "{{\"$schema\": \"{SCHEMA}\",\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"results\": ["
            )?;
        }
        Ok(())
    }

    fn rule_index(&mut self, keyword: &str) -> usize {
        if let Some(i) = RULES.iter().position(|(id, _)| *id == keyword) {
            return i;
        }
        let extra = if let Some(i) = self.extra_rules.iter().position(|k| k == keyword) {
            i
        } else {
            self.extra_rules.push(keyword.to_owned());
            self.extra_rules.len() - 1
        };
        RULES.len() + extra
    }
}

fn rule(id: &str, text: &str) -> Value {
    json!({
        "id": id,
        "name": id,
        "shortDescription": { "text": text },
        "fullDescription": { "text": format!("{text} (keyword `{id}` of the articlekit validator)") },
        "defaultConfiguration": { "level": "error" },
    })
}

fn location(error: &ValidationError) -> Value {
    let (uri, relative) = uri(&error.input);
    let mut artifact = json!({ "uri": uri });
    if relative {
        artifact["uriBaseId"] = "%SRCROOT%".into();
    }
    let mut physical = json!({ "artifactLocation": artifact });
    if let Some(line) = error.line.filter(|&l| l > 0) {
        let mut region = json!({ "startLine": line });
        if let Some(Column::Char(column)) = error
            .column
            .as_ref()
            .filter(|c| !matches!(c, Column::Char(0)))
        {
            region["startColumn"] = (*column).into();
        }
        physical["region"] = region;
    }
    json!({ "physicalLocation": physical })
}

/// The input's name as a URI reference, and whether it is relative: every
/// byte but unreserved characters and `/` percent-encoded; an absolute path
/// becomes a `file://` URI.
fn uri(input: &str) -> (String, bool) {
    let mut encoded = String::new();
    for &byte in input.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    if input.starts_with('/') {
        (format!("file://{encoded}"), false)
    } else {
        (encoded, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_uri_references() {
        assert_eq!(uri("dir/a b.ndjson"), ("dir/a%20b.ndjson".into(), true));
        assert_eq!(
            uri("/tmp/x:y.ndjson"),
            ("file:///tmp/x%3Ay.ndjson".into(), false)
        );
        assert_eq!(uri("<stdin>"), ("%3Cstdin%3E".into(), true));
    }
}
