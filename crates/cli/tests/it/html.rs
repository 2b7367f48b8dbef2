//! `validate --report html` and `--report-out FORMAT=FILE`: the page's
//! counts and bars equal the JSON report's, hostile values come out as text,
//! and the further reports are written atomically.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{outcome, run, run_in};

const BAD: &str = "fixtures/validate/bad.ndjson";

/// Records whose values are markup, URLs, templates and terminal escapes.
const HOSTILE: &str = concat!(
    r#"{"metadata":{"id":"<script>alert(1)</script>","title":"</style><script>alert(2)</script>","language":"vi","url":"javascript:alert(1)"},"summary":"{{7*7}} \"><img src=x onerror=alert(1)>","bullets":["\u001b[31mred\u001b]0;pwned\u0007"],"discussion_count":"x","<b onmouseover=alert(1)>":1}"#,
    "\n",
    r#"{"metadata":{"id":"a-2","title":"t","language":"vi","url":"javascript:alert(document.cookie)"},"summary":"s","bullets":["<iframe src=javascript:alert(1)>"],"discussion_count":-1}"#,
    "\n",
    "<script>alert(3)</script>\u{1b}[2J\u{202e}\n",
);

/// Tags and attributes the page itself writes; anything else came from the data.
const TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "input", "main", "header", "h1", "small",
    "dl", "div", "dt", "dd", "section", "h2", "label", "span", "svg", "rect", "p", "table",
    "colgroup", "col", "thead", "tr", "th", "tbody", "td", "ol", "li", "code", "pre", "footer",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "type",
    "id",
    "checked",
    "class",
    "data-count",
    "data-rows",
    "data-errors",
    "for",
    "viewBox",
    "preserveAspectRatio",
    "aria-hidden",
    "width",
    "height",
];

/// Every start tag of `html` with its attributes, by a scanner that knows
/// the page quotes every attribute value with `"`.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with("!DOCTYPE") {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..end].to_owned();
        rest = &rest[end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.starts_with('>') || rest.starts_with("/>") || rest.is_empty() {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(rest.len());
            let key = rest[..end].to_owned();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').expect("a closed attribute value");
                after[..close].clone_into(&mut value);
                rest = &after[close + 1..];
            }
            attributes.push((key, value));
        }
        // The style sheet's text is not markup.
        if name == "style" {
            let close = rest.find("</style>").expect("closed style");
            rest = &rest[close..];
        }
        out.push((name, attributes));
    }
    out
}

fn attr<'a>(tag: &'a (String, Vec<(String, String)>), key: &str) -> Option<&'a str> {
    tag.1
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Text of every element with `class="CLASS"` (no nested markup expected).
fn texts_of<'a>(html: &'a str, open: &str) -> Vec<&'a str> {
    html.match_indices(open)
        .map(|(i, _)| {
            let text = &html[i + open.len()..];
            &text[..text.find('<').expect("closed")]
        })
        .collect()
}

/// The bars of chart `key`: name shown and `data-count`.
fn bars(html: &str, key: &str) -> Vec<(String, u64)> {
    let start = html
        .find(&format!("<div class=\"chart\" id=\"by-{key}\">"))
        .expect("chart");
    let chart = &html[start..];
    let chart = &chart[..chart.find("</div>\n").expect("chart end")];
    let names = texts_of(chart, "<span class=\"name\">");
    let counts = tags(chart)
        .into_iter()
        .filter_map(|t| attr(&t, "data-count").map(|c| c.parse::<u64>().expect("a count")))
        .collect::<Vec<_>>();
    assert_eq!(names.len(), counts.len());
    names
        .into_iter()
        .map(|n| n.replace("&amp;", "&"))
        .zip(counts)
        .collect()
}

fn count(html: &str, id: &str) -> u64 {
    tags(html)
        .iter()
        .find(|t| attr(t, "id") == Some(&format!("count-{id}")))
        .and_then(|t| attr(t, "data-count"))
        .expect("count")
        .parse()
        .expect("a number")
}

fn json_report(args: &[&str]) -> Value {
    let mut all = vec!["validate", "--report", "json", "--max-errors", "100000"];
    all.extend_from_slice(args);
    let (_, stdout, _) = run(&all);
    serde_json::from_str(&stdout).expect("JSON report")
}

#[test]
fn counts_and_bars_equal_the_json_report() {
    let inputs = [BAD, "fixtures/articles.ndjson", "fixtures/missing.ndjson"];
    let json = json_report(&inputs);
    let summary = &json["summary"];
    let mut args = vec!["validate", "--report", "html"];
    args.extend_from_slice(&inputs);
    let (code, html, stderr) = run(&args);
    assert_eq!(code, 2, "an unreadable input exits 2");
    assert!(
        stderr.contains("records:"),
        "the summary goes to stderr: {stderr}"
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("An input could not be read"));
    for key in ["records", "valid", "invalid", "errors"] {
        assert_eq!(
            count(&html, key),
            summary[key].as_u64().expect(key),
            "{key}"
        );
    }
    assert_eq!(count(&html, "inputs"), 3);
    assert_eq!(count(&html, "failed-inputs"), 1);

    let by_keyword: BTreeMap<String, u64> = bars(&html, "keyword").into_iter().collect();
    let expected: BTreeMap<String, u64> =
        serde_json::from_value(summary["by_keyword"].clone()).expect("by_keyword");
    assert_eq!(by_keyword, expected);

    let by_input = bars(&html, "input");
    let expected: Vec<(String, u64)> = summary["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .filter(|i| i["errors"].as_u64() > Some(0))
        .map(|i| {
            (
                i["input"].as_str().expect("name").to_owned(),
                i["errors"].as_u64().expect("errors"),
            )
        })
        .collect();
    assert_eq!(by_input, expected);

    // Fields: the pointers with indices folded, counted over every error.
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for error in json["errors"].as_array().expect("errors") {
        let pointer = error["pointer"].as_str().expect("pointer");
        let folded: Vec<&str> = pointer
            .split('/')
            .map(|s| {
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                    "*"
                } else {
                    s
                }
            })
            .collect();
        let name = if pointer.is_empty() {
            "(record)".to_owned()
        } else {
            folded.join("/")
        };
        *expected.entry(name).or_default() += 1;
    }
    let by_field: BTreeMap<String, u64> = bars(&html, "field").into_iter().collect();
    assert_eq!(by_field, expected);

    // One row per invalid record and per unreadable input.
    let rows = tags(&html)
        .iter()
        .filter(|t| t.0 == "tr" && attr(t, "class").is_some_and(|c| c.starts_with("r ")))
        .count() as u64;
    assert_eq!(rows, summary["invalid"].as_u64().expect("invalid") + 1);
    // Every error is listed, each with its keyword.
    let listed = texts_of(&html, "<span class=\"kw\">");
    assert_eq!(
        listed.len() as u64,
        summary["errors"].as_u64().expect("errors")
    );
}

#[test]
fn an_error_shows_its_source_line_with_a_caret_under_the_column() {
    let (_, html, _) = run(&["validate", "--report", "html", BAD]);
    // Record 3 (line 3): `required` at column 13, under the `{` of the object
    // that lacks `title`, then `"titel"` at column 188.
    let snippets = texts_of(&html, "<pre class=\"src\">");
    let of_line_3: Vec<&str> = snippets
        .iter()
        .copied()
        .filter(|s| s.starts_with("3 | "))
        .collect();
    assert_eq!(of_line_3.len(), 2, "{snippets:?}");
    for (snippet, expected) in of_line_3.iter().zip(["{\"id\"", "\"titel\""]) {
        let lines: Vec<String> = snippet.lines().map(|l| l.replace("&quot;", "\"")).collect();
        assert_eq!(lines.len(), 2, "{snippet}");
        assert!(lines[1].starts_with("  | "), "{snippet}");
        let caret = lines[1].find('^').expect("a caret");
        let at: String = lines[0].chars().skip(caret).take(expected.len()).collect();
        assert_eq!(at, expected, "{snippet}");
    }
}

#[test]
fn hostile_values_render_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "x\"><img src=x onerror=alert(1)>.ndjson";
    fs::write(dir.path().join(name), HOSTILE).expect("write");
    let (code, html, stderr) = run_in(dir.path(), &["validate", "--report", "html", name]);
    assert_eq!(code, 1, "{stderr}");
    let tags = tags(&html);
    for (tag, attributes) in &tags {
        assert!(
            TAGS.contains(&tag.as_str()),
            "element `{tag}` came from the data"
        );
        for (key, value) in attributes {
            assert!(
                ATTRIBUTES.contains(&key.as_str()),
                "attribute `{key}` on `{tag}` came from the data"
            );
            assert!(!value.contains("alert"), "{key}={value}");
        }
    }
    assert_eq!(tags.iter().filter(|t| t.0 == "style").count(), 1);
    assert!(!html.contains("<script"), "a script element");
    assert!(!html.contains('\u{1b}'), "a raw ESC");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;/style&gt;"));
    assert!(html.contains("{{7*7}}"));
    assert!(html.contains("javascript:alert(1)"));
    assert!(html.contains("x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.ndjson"));
    assert!(html.contains(r"&lt;script&gt;alert(3)&lt;/script&gt;\u{1b}[2J\u{202e}"));
    assert!(!html.contains('\u{202e}'), "a raw bidi override");
    // The page forbids scripts even if something slipped through.
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn detail_is_capped_and_the_counts_are_not() {
    let (_, html, _) = run(&["validate", "--report", "html", "--max-errors", "3", BAD]);
    let (_, full, _) = run(&["validate", "--report", "html", BAD]);
    assert_eq!(texts_of(&html, "<span class=\"kw\">").len(), 3);
    assert_eq!(count(&html, "errors"), count(&full, "errors"));
    assert_eq!(bars(&html, "keyword"), bars(&full, "keyword"));
    assert_eq!(bars(&html, "field"), bars(&full, "field"));
    let note = texts_of(&html, "<p id=\"unlisted\"");
    assert_eq!(note.len(), 1);
    assert!(html.contains("more errors not listed"), "{html}");
}

#[test]
fn the_filter_is_css_radios_keyed_by_numbers() {
    let (_, html, _) = run(&["validate", "--report", "html", BAD]);
    let tags = tags(&html);
    let radios: Vec<_> = tags
        .iter()
        .filter(|t| t.0 == "input" && attr(t, "type") == Some("radio"))
        .collect();
    // One "all" per chart, then one per bar with a radio.
    assert_eq!(
        radios
            .iter()
            .filter(|t| attr(t, "checked").is_some())
            .count(),
        3
    );
    for radio in &radios {
        let id = attr(radio, "id").expect("id");
        assert!(
            html.contains(&format!("label class=\"bar\" for=\"{id}\""))
                || html.contains(&format!("label class=\"reset\" for=\"{id}\"")),
            "{id} has a label"
        );
        if !id.starts_with("all-") {
            assert!(html.contains(&format!("#{id}:checked~main tr.r:not(.{id})")));
        }
    }
    assert!(!html.contains("<script"));
}

#[test]
fn report_out_writes_each_report_and_stdout_keeps_the_text_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = crate::root().join(BAD);
    let bad = bad.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "validate",
            "--report-out",
            "html=report.html",
            "--report-out",
            "json=report.json",
            "--report-out",
            "junit=junit.xml",
            bad,
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("[required]"), "the text report: {stdout}");
    assert!(stdout.contains(" records: "), "the summary line: {stdout}");
    let html = fs::read_to_string(dir.path().join("report.html")).expect("html written");
    assert!(html.ends_with("</html>\n"));
    let (_, json, _) = run_in(dir.path(), &["validate", "--report", "json", bad]);
    assert_eq!(
        fs::read_to_string(dir.path().join("report.json")).expect("json written"),
        json
    );
    let (_, junit, _) = run_in(dir.path(), &["validate", "--report", "junit", bad]);
    assert_eq!(
        fs::read_to_string(dir.path().join("junit.xml")).expect("junit written"),
        junit
    );
    assert!(temporaries(dir.path()).is_empty());
}

/// Every `*.tmp` file in `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_failed_run_leaves_an_existing_report_as_it_was() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("report.html"), "OLD\n").expect("write");
    let bad = crate::root().join(BAD);
    // --errors-out runs out of room (ENOSPC) mid-run, as on a full disk.
    let out = Command::new(env!("CARGO_BIN_EXE_articlekit"))
        .current_dir(dir.path())
        .args(["validate", "-q", "--report-out", "html=report.html"])
        .args(["--errors-out", "/dev/full"])
        .arg(&bad)
        .output()
        .expect("runs");
    let (code, _, stderr) = outcome(&out);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("report.html")).expect("read"),
        "OLD\n"
    );
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn report_out_refuses_an_input_and_bad_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = crate::root().join(BAD);
    fs::copy(&bad, dir.path().join("in.ndjson")).expect("copy");
    let before = fs::read(dir.path().join("in.ndjson")).expect("read");
    let (code, _, stderr) = run_in(
        dir.path(),
        &["validate", "--report-out", "html=./in.ndjson", "in.ndjson"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--report-out"), "{stderr}");
    assert_eq!(
        fs::read(dir.path().join("in.ndjson")).expect("read"),
        before
    );
    // The same file twice.
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "validate",
            "--report-out",
            "html=r",
            "--errors-out",
            "r",
            "in.ndjson",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    for (value, message) in [
        ("pdf=r.pdf", "unknown report format `pdf`"),
        ("report.html", "expected FORMAT=FILE"),
        ("html=", "FILE is empty"),
        ("html=-", "standard output takes the --report report"),
    ] {
        let (code, _, stderr) = run_in(
            dir.path(),
            &["validate", "--report-out", value, "in.ndjson"],
        );
        assert_eq!(code, 2, "{value}: {stderr}");
        assert!(stderr.contains(message), "{value}: {stderr}");
    }
}

#[test]
fn the_rows_of_a_hostile_fixture() {
    let (_, html, _) = run(&[
        "validate",
        "--report",
        "html",
        "fixtures/bad/terminal-injection.ndjson",
    ]);
    let start = html.find("<tbody>").expect("rows");
    let end = html.find("</tbody>").expect("rows end");
    insta::assert_snapshot!(&html[start..end]);
}
