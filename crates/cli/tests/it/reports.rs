//! `validate --report junit|sarif`, `completions`, `man` and `schema --check`:
//! structure, escaping, and counts that agree with the JSON report.

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use serde_json::Value;

use crate::run;

const BAD: &str = "fixtures/validate/bad.ndjson";
const HOSTILE: &str = "fixtures/bad/terminal-injection.ndjson";

fn json_summary(args: &[&str]) -> Value {
    let mut all = vec!["validate", "--report", "json"];
    all.extend_from_slice(args);
    let (_, stdout, _) = run(&all);
    let report: Value = serde_json::from_str(&stdout).expect("JSON report");
    report["summary"].clone()
}

/// Element names with their attributes, in document order; panics unless
/// the text is well-formed XML.
fn elements(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            a.key.as_ref().to_owned(),
                            a.normalized_value(XmlVersion::Explicit1_0)
                                .expect("escaped value")
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn attr<'a>(element: &'a (String, Vec<(String, String)>), key: &str) -> &'a str {
    element
        .1
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn junit_counts_equal_the_json_report() {
    let inputs = [BAD, "fixtures/articles.ndjson", "fixtures/missing.ndjson"];
    let summary = json_summary(&inputs);
    let mut args = vec!["validate", "--report", "junit"];
    args.extend_from_slice(&inputs);
    let (code, xml, _) = run(&args);
    assert_eq!(code, 2, "an unreadable input exits 2");
    let elements = elements(&xml);
    let suites: Vec<_> = elements.iter().filter(|e| e.0 == "testsuite").collect();
    let cases = elements.iter().filter(|e| e.0 == "testcase").count() as u64;
    let failures = elements.iter().filter(|e| e.0 == "failure").count() as u64;
    let errors = elements.iter().filter(|e| e.0 == "error").count() as u64;
    assert_eq!(suites.len(), 3);
    assert_eq!(attr(suites[0], "name"), BAD);
    assert_eq!(cases, summary["records"].as_u64().expect("present") + 1);
    assert_eq!(failures, summary["invalid"].as_u64().expect("present"));
    assert_eq!(errors, 1);
    let top = &elements[0];
    assert_eq!(top.0, "testsuites");
    assert_eq!(attr(top, "tests"), cases.to_string());
    assert_eq!(attr(top, "failures"), failures.to_string());
    assert_eq!(attr(top, "errors"), "1");
    assert_eq!(attr(suites[2], "errors"), "1");
    // A test case is named input:line, with the id when known.
    let first_case = elements
        .iter()
        .find(|e| e.0 == "testcase")
        .expect("present");
    assert!(attr(first_case, "name").starts_with(&format!("{BAD}:1")));
}

#[test]
fn junit_failures_list_errors_with_line_and_column_within_max_errors() {
    let (_, xml, _) = run(&["validate", "--report", "junit", "--max-errors", "2", BAD]);
    elements(&xml);
    let lines: Vec<&str> = xml
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(lines.len(), 2, "{xml}");
    assert!(
        lines[0].split(' ').next().expect("present").contains(':'),
        "{}",
        lines[0]
    );
    assert!(
        xml.contains("… 1 more error not listed (--max-errors 2)"),
        "{xml}"
    );
}

#[test]
fn junit_of_hostile_text_is_well_formed_and_inert() {
    let (_, xml, _) = run(&[
        "validate",
        "--report",
        "junit",
        HOSTILE,
        "fixtures/bad/invalid-utf8.ndjson",
    ]);
    elements(&xml);
    assert!(!xml.contains('\u{1b}'), "raw ESC in the report");
    assert!(
        !xml.chars().any(|c| c.is_control() && c != '\n'),
        "a control character other than LF"
    );
}

#[test]
fn sarif_has_one_result_per_error_with_rules_and_locations() {
    let inputs = [BAD, "fixtures/validate/bad.csv", "fixtures/missing.ndjson"];
    let summary = json_summary(&inputs);
    let mut args = vec!["validate", "--report", "sarif"];
    args.extend_from_slice(&inputs);
    let (_, stdout, _) = run(&args);
    let log: Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("present");
    assert_eq!(
        results.len() as u64,
        summary["errors"].as_u64().expect("present")
    );
    let rules = run["tool"]["driver"]["rules"].as_array().expect("present");
    for result in results {
        let index =
            usize::try_from(result["ruleIndex"].as_u64().expect("present")).expect("present");
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["level"], "error");
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].as_str().is_some());
    }
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(first["artifactLocation"]["uri"], BAD);
    assert!(first["region"]["startLine"].as_u64().expect("present") >= 1);
    assert!(first["region"]["startColumn"].as_u64().expect("present") >= 1);
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn bash_completions_name_every_subcommand() {
    let (code, stdout, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    for command in [
        "schema",
        "import",
        "validate",
        "export",
        "completions",
        "man",
    ] {
        assert!(stdout.contains(command), "{command}");
    }
    assert!(stdout.contains("complete -F"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(stdout.contains("validate"), "{shell}");
    }
}

#[test]
fn man_page_is_roff_with_every_command() {
    let (code, stdout, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(".TH articlekit 1"),
        "{}",
        &stdout[..200.min(stdout.len())]
    );
    assert!(stdout.contains("validate"));
    let dir = tempfile::tempdir().expect("present");
    let (code, _, stderr) = run(&["man", "--out-dir", dir.path().to_str().expect("present")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("articlekit.1").is_file());
    assert!(dir.path().join("articlekit-validate.1").is_file());
}

#[test]
fn schema_check_passes_on_the_committed_file_and_fails_on_a_stale_one() {
    assert_eq!(
        run(&["schema", "--check", "schemas/article.schema.json"]).0,
        0
    );
    let dir = tempfile::tempdir().expect("present");
    let stale = dir.path().join("article.schema.json");
    let text = std::fs::read_to_string(crate::root().join("schemas/article.schema.json"))
        .expect("present");
    std::fs::write(&stale, text.replacen("\"title\"", "\"titel\"", 1)).expect("present");
    let (code, _, stderr) = run(&["schema", "--check", stale.to_str().expect("present")]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("regenerate it with `articlekit schema -o"),
        "{stderr}"
    );
    assert!(
        stderr.contains("@@ line ") && stderr.contains("\n-") && stderr.contains("\n+"),
        "{stderr}"
    );
}
