//! The JUnit XML report: one `<testsuite>` per input, one `<testcase>` per
//! record, a `<failure>` per invalid record listing its errors, an
//! `<error>` test case for an input that could not be opened or read on.
//!
//! JUnit puts the counts on `<testsuite>`, before its test cases, while the
//! records stream by. Rather than keeping the records, each test case is
//! written to an anonymous temporary file as it comes; the report keeps only
//! one counter set per input and writes the whole document at the end,
//! copying each suite's test cases back from the file. Memory stays bounded
//! by the number of inputs, whatever the number of records.
//!
//! Every value from the data goes through the workspace's quoting rule
//! ([`escape_controls`]) and then XML escaping, so control characters,
//! bidirectional marks and markup all come out as text, and the document is
//! well-formed XML 1.0 for any input.
//!
//! `--max-errors` caps the error lines listed in failure bodies over the
//! whole report; past it a failure says how many lines it leaves out. The
//! test, failure and error counts always cover every record.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

use articlekit_model::quote::escape_controls;
use articlekit_read::Column;

use crate::error::ValidationError;
use crate::verdict::Origin;

/// Counts of one `<testsuite>`, and where its test cases are in the spill.
#[derive(Debug)]
struct Suite {
    name: Arc<str>,
    tests: u64,
    failures: u64,
    errors: u64,
    bytes: u64,
}

/// The state of a JUnit report while records come in.
#[derive(Debug)]
pub(crate) struct Junit {
    spill: Option<BufWriter<File>>,
    suites: Vec<Suite>,
    max_errors: usize,
    listed: usize,
}

impl Junit {
    pub(crate) fn new(max_errors: usize) -> Self {
        Self {
            spill: None,
            suites: Vec::new(),
            max_errors,
            listed: 0,
        }
    }

    /// Starts the suite of an input that was opened.
    pub(crate) fn opened(&mut self, input: &Arc<str>) {
        self.suites.push(Suite {
            name: input.clone(),
            tests: 0,
            failures: 0,
            errors: 0,
            bytes: 0,
        });
    }

    /// Writes the test case of one record.
    pub(crate) fn record(
        &mut self,
        origin: &Origin,
        id: Option<&str>,
        errors: &[ValidationError],
    ) -> io::Result<()> {
        let mut case = String::new();
        let mut name = format!("{}:{}", origin.input, origin.line);
        if let Some(id) = id {
            let _ = write!(name, " ({id})");
        }
        push_open_case(&mut case, &name, &origin.input);
        if errors.is_empty() {
            case.push_str("/>\n");
        } else {
            case.push_str(">\n      <failure type=\"");
            push_escaped(&mut case, errors[0].keyword.as_str(), true);
            case.push_str("\" message=\"");
            push_escaped(&mut case, &failure_message(errors), true);
            case.push_str("\">");
            self.push_error_lines(&mut case, errors);
            case.push_str("</failure>\n    </testcase>\n");
        }
        let suite = self.suite(&origin.input);
        suite.tests += 1;
        if !errors.is_empty() {
            suite.failures += 1;
        }
        self.write(&case)
    }

    /// Writes an `<error>` test case for an input error.
    pub(crate) fn input_error(&mut self, error: &ValidationError) -> io::Result<()> {
        let mut case = String::new();
        push_open_case(&mut case, &error.input, &error.input);
        case.push_str(">\n      <error type=\"");
        push_escaped(&mut case, error.keyword.as_str(), true);
        case.push_str("\" message=\"");
        push_escaped(&mut case, &error.message, true);
        case.push_str("\">");
        self.push_error_lines(&mut case, std::slice::from_ref(error));
        case.push_str("</error>\n    </testcase>\n");
        // An input that failed after some records keeps one suite; one that
        // never opened gets its own.
        let reuse = matches!(self.suites.last(), Some(s) if s.name == error.input && s.errors == 0);
        if !reuse {
            self.opened(&error.input);
        }
        let suite = self.suite(&error.input);
        suite.tests += 1;
        suite.errors += 1;
        self.write(&case)
    }

    /// Writes the document: the suites with their counts and test cases.
    pub(crate) fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let (tests, failures, errors) = self.suites.iter().fold((0, 0, 0), |(t, f, e), s| {
            (t + s.tests, f + s.failures, e + s.errors)
        });
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="articlekit validate" tests="{tests}" failures="{failures}" errors="{errors}">"#
        )?;
        let mut spill = match self.spill.take() {
            Some(spill) => {
                let mut file = spill.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.seek(SeekFrom::Start(0))?;
                Some(file)
            }
            None => None,
        };
        for suite in &self.suites {
            let mut head = String::from("  <testsuite name=\"");
            push_escaped(&mut head, &suite.name, true);
            let _ = write!(
                head,
                "\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\"",
                suite.tests, suite.failures, suite.errors
            );
            if suite.tests == 0 {
                head.push_str("/>\n");
                out.write_all(head.as_bytes())?;
                continue;
            }
            head.push_str(">\n");
            out.write_all(head.as_bytes())?;
            if let Some(file) = spill.as_mut() {
                let copied = io::copy(&mut Read::take(&mut *file, suite.bytes), out)?;
                if copied != suite.bytes {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the JUnit report's temporary file is shorter than what was written to it",
                    ));
                }
            }
            out.write_all(b"  </testsuite>\n")?;
        }
        out.write_all(b"</testsuites>\n")
    }

    fn push_error_lines(&mut self, case: &mut String, errors: &[ValidationError]) {
        let room = self.max_errors.saturating_sub(self.listed);
        let shown = errors.len().min(room);
        self.listed += shown;
        for error in &errors[..shown] {
            case.push('\n');
            push_escaped(case, &error_line(error), false);
        }
        if shown < errors.len() {
            let more = errors.len() - shown;
            let noun = if more == 1 { "error" } else { "errors" };
            let _ = write!(
                case,
                "\n… {more} more {noun} not listed (--max-errors {})",
                self.max_errors
            );
        }
        case.push_str("\n      ");
    }

    fn suite(&mut self, input: &Arc<str>) -> &mut Suite {
        if self.suites.last().is_none_or(|s| s.name != *input) {
            self.opened(input);
        }
        let last = self.suites.len() - 1;
        &mut self.suites[last]
    }

    fn write(&mut self, case: &str) -> io::Result<()> {
        if self.spill.is_none() {
            self.spill = Some(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?));
        }
        if let Some(spill) = self.spill.as_mut() {
            spill.write_all(case.as_bytes())?;
        }
        if let Some(suite) = self.suites.last_mut() {
            suite.bytes += case.len() as u64;
        }
        Ok(())
    }
}

fn push_open_case(case: &mut String, name: &str, classname: &str) {
    case.push_str("    <testcase name=\"");
    push_escaped(case, name, true);
    case.push_str("\" classname=\"");
    push_escaped(case, classname, true);
    case.push('"');
}

/// `3 errors: required, format`.
fn failure_message(errors: &[ValidationError]) -> String {
    let mut keywords: Vec<&str> = Vec::new();
    for error in errors {
        if !keywords.contains(&error.keyword.as_str()) {
            keywords.push(error.keyword.as_str());
        }
    }
    let noun = if errors.len() == 1 { "error" } else { "errors" };
    format!("{} {noun}: {}", errors.len(), keywords.join(", "))
}

/// `12:15 format /metadata/url: metadata.url: ...` (CSV: `12:metadata.url`).
fn error_line(error: &ValidationError) -> String {
    let mut line = String::new();
    match (error.line, &error.column) {
        (Some(l), Some(Column::Char(c))) => {
            let _ = write!(line, "{l}:{c} ");
        }
        (Some(l), Some(Column::Name(name))) => {
            let _ = write!(line, "{l}:{name} ");
        }
        (Some(l), None) => {
            let _ = write!(line, "{l} ");
        }
        (None, _) => {}
    }
    let pointer = if error.pointer.is_empty() {
        "(record)"
    } else {
        &error.pointer
    };
    let _ = write!(line, "{} {pointer}: {}", error.keyword, error.message);
    line
}

/// Appends `text` quoted for people, then escaped for XML (element content,
/// or a double-quoted attribute value when `attribute`).
fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            // The only characters XML 1.0 forbids that escape_controls leaves.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_controls_and_nonchars() {
        let mut out = String::new();
        push_escaped(&mut out, "<a href=\"x\">&'\u{1b}[2J\u{FFFF}\u{202e}", true);
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u{1b}[2J\u{FFFD}\\u{202e}"
        );
    }

    #[test]
    fn an_unreadable_input_is_a_suite_with_one_error_case() {
        let mut junit = Junit::new(10);
        let error = ValidationError {
            input: "gone & <lost>.ndjson".into(),
            line: None,
            column: None,
            record: None,
            id: None,
            pointer: String::new(),
            keyword: crate::Keyword::Io,
            message: "cannot open it".into(),
        };
        junit.input_error(&error).expect("spill");
        junit.opened(&"empty.ndjson".into());
        let mut out = Vec::new();
        junit.finish(&mut out).expect("written");
        let xml = String::from_utf8(out).expect("UTF-8");
        assert!(
            xml.contains(
                r#"<testsuites name="articlekit validate" tests="1" failures="0" errors="1">"#
            ),
            "{xml}"
        );
        assert!(xml.contains(r#"<testsuite name="gone &amp; &lt;lost&gt;.ndjson" tests="1" failures="0" errors="1" skipped="0">"#), "{xml}");
        assert!(
            xml.contains(r#"<error type="io" message="cannot open it">"#),
            "{xml}"
        );
        assert!(
            xml.contains(
                r#"<testsuite name="empty.ndjson" tests="0" failures="0" errors="0" skipped="0"/>"#
            ),
            "{xml}"
        );
        assert!(xml.ends_with("</testsuites>\n"));
    }
}
