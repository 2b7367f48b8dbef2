//! The HTML report: one self-contained page to open after a CI run.
//!
//! At the top the verdict and the counts, then bar charts of the errors by
//! keyword, by field (the pointer with array indices folded, `/bullets/*`)
//! and by input, then a table of the invalid records, each error with the
//! source line around its column and a caret under it.
//!
//! The page needs nothing from outside and runs no script: the style is
//! inline, the bars are inline SVG, and a Content-Security-Policy forbids
//! scripts, fetches, frames and forms outright, so even a mistake in the
//! escaping below could not run anything. The filter works by CSS alone:
//! every bar is the `<label>` of a hidden radio button, and a rule per
//! radio hides the rows (and the error lines) without that keyword, field
//! or input. The three filters combine. Classes and ids are numbers made
//! here (`k3`, `f12`, `i0`); no value from the data is ever in an attribute.
//!
//! Every value from the data (input names, ids, pointers, messages, source
//! lines) goes through the workspace's quoting rule ([`escape_controls`]:
//! control and bidirectional formatting characters become `\u{…}` escapes)
//! and then [`push_escaped`]: `<`, `>`, `&`, `"`, `'` become references.
//!
//! The counts and the charts cover every error; the table lists at most
//! `--max-errors` errors. Rows are kept as HTML until the end, so memory is
//! bounded by that cap (each error's text is cut to a few hundred
//! characters), and by [`MAX_FIELDS`] distinct fields.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use articlekit_model::quote::escape_controls;
use articlekit_read::Column;
use unicode_width::UnicodeWidthChar;

use crate::error::ValidationError;
use crate::report::Summary;
use crate::verdict::Invalid;

/// Distinct folded fields counted one by one; further ones count as others.
const MAX_FIELDS: usize = 1000;
/// Bars per chart; the rest are summed into one "others" line.
const MAX_BARS: usize = 40;
/// Characters of the source line shown on each side of the column.
const CONTEXT: usize = 48;
/// Characters of an id, a pointer or a message shown.
const MAX_TEXT: usize = 400;

/// Names given numbers in the order they first come, with a count each.
#[derive(Debug, Default)]
struct Tally {
    index: HashMap<String, usize>,
    names: Vec<String>,
    counts: Vec<u64>,
    /// Errors whose name came past `MAX_FIELDS` distinct names.
    others: u64,
}

impl Tally {
    /// The number of `name`, given it if it is new and there is room.
    fn intern(&mut self, name: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(name) {
            return Some(i);
        }
        if self.names.len() >= MAX_FIELDS {
            return None;
        }
        let i = self.names.len();
        self.index.insert(name.to_owned(), i);
        self.names.push(name.to_owned());
        self.counts.push(0);
        Some(i)
    }

    fn count(&mut self, name: &str) {
        match self.intern(name) {
            Some(i) => self.counts[i] += 1,
            None => self.others += 1,
        }
    }
}

/// An input as the summary numbers them.
#[derive(Debug)]
struct Slot {
    name: Arc<str>,
    failed: bool,
}

/// The state of an HTML report while records come in.
#[derive(Debug)]
pub(crate) struct Html {
    max_errors: usize,
    /// Errors listed in the table so far.
    listed: usize,
    /// Errors not listed (past the cap).
    unlisted: u64,
    /// Invalid records (or input errors) without a row of their own.
    unlisted_rows: u64,
    rows: String,
    row_count: u64,
    keywords: Tally,
    fields: Tally,
    inputs: Vec<Slot>,
}

impl Html {
    pub(crate) fn new(max_errors: usize) -> Self {
        Self {
            max_errors,
            listed: 0,
            unlisted: 0,
            unlisted_rows: 0,
            rows: String::new(),
            row_count: 0,
            keywords: Tally::default(),
            fields: Tally::default(),
            inputs: Vec::new(),
        }
    }

    /// Notes an input that was opened.
    pub(crate) fn opened(&mut self, input: &Arc<str>) {
        self.inputs.push(Slot {
            name: input.clone(),
            failed: false,
        });
    }

    /// The row of an invalid record (a valid one has none).
    pub(crate) fn record(&mut self, invalid: &Invalid) {
        if invalid.errors.is_empty() {
            return;
        }
        let origin = &invalid.origin;
        let input = self.input_of(&origin.input);
        let location = format!("{}:{}", origin.input, origin.line);
        self.push_row(
            &location,
            invalid.id.as_deref(),
            &invalid.errors,
            input,
            Some(invalid),
        );
    }

    /// Counts errors (a record's, or one input error) and lists an input error.
    pub(crate) fn errors(&mut self, errors: &[ValidationError]) {
        for error in errors {
            self.keywords.count(error.keyword.as_str());
            self.fields.count(&fold(&error.pointer));
            if error.record.is_none() {
                // An input error: the summary's rule for which input it is.
                let reuse =
                    matches!(self.inputs.last(), Some(s) if s.name == error.input && !s.failed);
                if !reuse {
                    self.opened(&error.input);
                }
                let input = self.inputs.len() - 1;
                self.inputs[input].failed = true;
                let location = match error.line {
                    Some(line) => format!("{}:{line}", error.input),
                    None => error.input.to_string(),
                };
                self.push_row(
                    &location,
                    None,
                    std::slice::from_ref(error),
                    Some(input),
                    None,
                );
            }
        }
    }

    fn input_of(&mut self, name: &Arc<str>) -> Option<usize> {
        self.inputs
            .iter()
            .rposition(|s| s.name == *name)
            .or_else(|| {
                self.opened(name);
                Some(self.inputs.len() - 1)
            })
    }

    fn push_row(
        &mut self,
        location: &str,
        id: Option<&str>,
        errors: &[ValidationError],
        input: Option<usize>,
        checked: Option<&Invalid>,
    ) {
        let room = self.max_errors.saturating_sub(self.listed);
        if room == 0 {
            self.unlisted += errors.len() as u64;
            self.unlisted_rows += 1;
            return;
        }
        let shown = errors.len().min(room);
        self.listed += shown;
        self.unlisted += (errors.len() - shown) as u64;
        self.row_count += 1;
        let classes: Vec<(Option<usize>, Option<usize>)> = errors
            .iter()
            .map(|e| {
                (
                    self.keywords.intern(e.keyword.as_str()),
                    self.fields.intern(&fold(&e.pointer)),
                )
            })
            .collect();
        let row = &mut self.rows;
        let _ = write!(row, "<tr class=\"r");
        let mut seen = Vec::new();
        for (prefix, n) in classes
            .iter()
            .flat_map(|(k, f)| [k.map(|k| ('k', k)), f.map(|f| ('f', f))])
            .flatten()
            .chain(input.map(|i| ('i', i)))
        {
            if !seen.contains(&(prefix, n)) {
                seen.push((prefix, n));
                let _ = write!(row, " {prefix}{n}");
            }
        }
        let _ = write!(row, "\" id=\"r{}\"><td class=\"loc\">", self.row_count);
        push_escaped(row, location);
        row.push_str("</td><td class=\"id\">");
        match id {
            Some(id) => push_escaped(row, &cut(id)),
            None => row.push('—'),
        }
        row.push_str("</td><td><ol class=\"errs\">");
        for (error, (k, f)) in errors[..shown].iter().zip(&classes) {
            row.push_str("<li class=\"e");
            if let Some(k) = k {
                let _ = write!(row, " k{k}");
            }
            if let Some(f) = f {
                let _ = write!(row, " f{f}");
            }
            row.push_str("\"><span class=\"kw\">");
            push_escaped(row, error.keyword.as_str());
            row.push_str("</span> <code class=\"ptr\">");
            push_escaped(row, &cut(pointer_name(&error.pointer)));
            row.push_str("</code> <span class=\"msg\">");
            push_escaped(row, &cut(&error.message));
            row.push_str("</span>");
            if let Some(lines) = checked.and_then(|c| snippet(c, error)) {
                row.push_str("<pre class=\"src\">");
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        row.push('\n');
                    }
                    push_escaped(row, line);
                }
                row.push_str("</pre>");
            }
            row.push_str("</li>");
        }
        row.push_str("</ol>");
        if shown < errors.len() {
            let more = errors.len() - shown;
            let _ = write!(
                row,
                "<p class=\"more\">{more} more error{} not listed (--max-errors {})</p>",
                if more == 1 { "" } else { "s" },
                self.max_errors
            );
        }
        row.push_str("</td></tr>\n");
    }

    /// The three charts: by keyword (the summary's counts), by folded
    /// field, by input (the summary's counts).
    fn charts(&mut self, summary: &Summary) -> [Chart; 3] {
        let keyword_bars: Vec<Bar> = {
            let mut named: Vec<(&str, u64)> = summary
                .by_keyword
                .iter()
                .map(|(k, n)| (k.as_str(), *n))
                .collect();
            named.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            named
                .into_iter()
                .map(|(name, count)| Bar {
                    name: name.to_owned(),
                    count,
                    radio: self.keywords.intern(name).map(|i| format!("k{i}")),
                })
                .collect()
        };
        let field_bars: Vec<Bar> = {
            let mut order: Vec<usize> = (0..self.fields.names.len())
                .filter(|&i| self.fields.counts[i] > 0)
                .collect();
            order.sort_by(|&a, &b| {
                self.fields.counts[b]
                    .cmp(&self.fields.counts[a])
                    .then(self.fields.names[a].cmp(&self.fields.names[b]))
            });
            order
                .into_iter()
                .map(|i| Bar {
                    name: self.fields.names[i].clone(),
                    count: self.fields.counts[i],
                    radio: Some(format!("f{i}")),
                })
                .collect()
        };
        let mut input_bars: Vec<Bar> = summary
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.errors > 0)
            .map(|(i, s)| Bar {
                name: s.input.to_string(),
                count: s.errors,
                radio: Some(format!("i{i}")),
            })
            .collect();
        // Most errors first; inputs with as many stay in input order.
        input_bars.sort_by_key(|b| std::cmp::Reverse(b.count));
        [
            Chart::new("keyword", "Errors by keyword", "keywords", keyword_bars, 0),
            Chart::new(
                "field",
                "Errors by field",
                "fields",
                field_bars,
                self.fields.others,
            ),
            Chart::new("input", "Errors by input", "inputs", input_bars, 0),
        ]
    }

    /// The page up to the table of records.
    fn top(&self, page: &mut String, charts: &[Chart; 3], summary: &Summary) {
        let (verdict, class) = verdict(summary);
        page.push_str(concat!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
            "<meta name=\"referrer\" content=\"no-referrer\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<title>articlekit validate: ",
        ));
        page.push_str(verdict);
        page.push_str("</title>\n<style>\n");
        page.push_str(STYLE);
        for chart in charts {
            for radio in chart.radios() {
                let _ = write!(
                    page,
                    "#{radio}:checked~main tr.r:not(.{radio}),#{radio}:checked~main li.e:not(.{radio}){{display:none}}\n\
                     #{radio}:checked~main label[for={radio}]{{background:#fff3bf;font-weight:600}}\n"
                );
            }
            let all = chart.all_id();
            let _ = writeln!(
                page,
                "#{all}:checked~main label[for={all}]{{font-weight:600;text-decoration:none}}"
            );
        }
        page.push_str("</style>\n</head>\n<body>\n");
        for chart in charts {
            let group = chart.key;
            let _ = writeln!(
                page,
                "<input type=\"radio\" name=\"by-{group}\" id=\"{}\" checked>",
                chart.all_id()
            );
            for radio in chart.radios() {
                let _ = writeln!(
                    page,
                    "<input type=\"radio\" name=\"by-{group}\" id=\"{radio}\">"
                );
            }
        }
        page.push_str("<main>\n<header>\n");
        let _ = writeln!(
            page,
            "<h1 id=\"verdict\" class=\"{class}\">{}{}<small>{}</small></h1>",
            verdict[..1].to_uppercase(),
            &verdict[1..],
            summary.line()
        );
        page.push_str("<dl class=\"counts\">\n");
        let failed = summary.failed_inputs();
        for (id, label, n) in [
            ("records", "records", summary.records),
            ("valid", "valid", summary.valid),
            ("invalid", "invalid", summary.invalid),
            ("errors", "errors", summary.errors),
            ("inputs", "inputs", summary.inputs.len() as u64),
            ("failed-inputs", "unreadable inputs", failed as u64),
        ] {
            let _ = writeln!(
                page,
                "<div><dt>{label}</dt><dd id=\"count-{id}\" data-count=\"{n}\">{n}</dd></div>"
            );
        }
        page.push_str("</dl>\n</header>\n<section class=\"charts\">\n");
        for chart in charts {
            chart.write(page);
        }
        page.push_str("</section>\n<section class=\"records\">\n<h2>Invalid records</h2>\n");
        page.push_str(
            "<p class=\"hint\">Click a bar to show only the records with that keyword, \
             field or input; the three filters combine. Reset: ",
        );
        for (i, chart) in charts.iter().enumerate() {
            if i > 0 {
                page.push_str(", ");
            }
            let _ = write!(
                page,
                "<label class=\"reset\" for=\"{}\">all {}</label>",
                chart.all_id(),
                chart.plural
            );
        }
        page.push_str(".</p>\n");
        if self.row_count == 0 {
            page.push_str("<p id=\"no-rows\">No invalid record is listed.</p>\n");
        }
    }

    /// Writes the page.
    pub(crate) fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let charts = self.charts(summary);
        let mut page = String::with_capacity(16 * 1024);
        self.top(&mut page, &charts, summary);
        out.write_all(page.as_bytes())?;
        page.clear();
        if self.row_count > 0 {
            let _ = writeln!(
                page,
                "<table id=\"rows\" data-rows=\"{}\">\n<colgroup><col class=\"loc\"><col class=\"id\"><col></colgroup>\n<thead><tr><th>input:line</th><th>id</th><th>errors</th></tr></thead>\n<tbody>",
                self.row_count
            );
            out.write_all(page.as_bytes())?;
            out.write_all(self.rows.as_bytes())?;
            page.clear();
            page.push_str("</tbody>\n</table>\n");
        }
        if self.unlisted > 0 {
            let _ = writeln!(
                page,
                "<p id=\"unlisted\" data-errors=\"{}\" data-rows=\"{}\">{} more error{} not listed \
                 ({} invalid record{} without a row; --max-errors {}): the counts and the charts cover all.</p>",
                self.unlisted,
                self.unlisted_rows,
                self.unlisted,
                if self.unlisted == 1 { "" } else { "s" },
                self.unlisted_rows,
                if self.unlisted_rows == 1 { "" } else { "s" },
                self.max_errors
            );
        }
        page.push_str(
            "</section>\n<footer>Written by articlekit validate --report html.</footer>\n</main>\n</body>\n</html>\n",
        );
        out.write_all(page.as_bytes())
    }
}

/// One bar of a chart.
#[derive(Debug)]
struct Bar {
    name: String,
    count: u64,
    /// The id of the radio button that filters by it.
    radio: Option<String>,
}

#[derive(Debug)]
struct Chart {
    key: &'static str,
    title: &'static str,
    plural: &'static str,
    bars: Vec<Bar>,
    /// Errors in the "others" line: bars past `MAX_BARS`, fields past `MAX_FIELDS`.
    others: u64,
    other_names: usize,
    max: u64,
}

impl Chart {
    fn new(
        key: &'static str,
        title: &'static str,
        plural: &'static str,
        mut bars: Vec<Bar>,
        uncounted: u64,
    ) -> Self {
        let rest = if bars.len() > MAX_BARS {
            bars.split_off(MAX_BARS)
        } else {
            Vec::new()
        };
        let others = uncounted + rest.iter().map(|b| b.count).sum::<u64>();
        let max = bars
            .iter()
            .map(|b| b.count)
            .chain([others])
            .max()
            .unwrap_or(0);
        Self {
            key,
            title,
            plural,
            bars,
            others,
            other_names: rest.len(),
            max,
        }
    }

    fn all_id(&self) -> String {
        format!("all-{}", self.key)
    }

    fn radios(&self) -> impl Iterator<Item = &str> {
        self.bars.iter().filter_map(|b| b.radio.as_deref())
    }

    fn write(&self, page: &mut String) {
        let _ = writeln!(
            page,
            "<div class=\"chart\" id=\"by-{}\">\n<h2>{}</h2>",
            self.key, self.title
        );
        if self.bars.is_empty() && self.others == 0 {
            page.push_str("<p class=\"none\">No error.</p>\n</div>\n");
            return;
        }
        for bar in &self.bars {
            match &bar.radio {
                Some(radio) => {
                    let _ = write!(page, "<label class=\"bar\" for=\"{radio}\"");
                }
                None => page.push_str("<label class=\"bar\""),
            }
            let _ = write!(page, " data-count=\"{}\"><span class=\"name\">", bar.count);
            push_escaped(page, &cut(pointer_name(&bar.name)));
            page.push_str("</span>");
            self.write_svg(page, bar.count);
            let _ = writeln!(page, "<span class=\"n\">{}</span></label>", bar.count);
        }
        if self.others > 0 {
            let names = if self.other_names > 0 {
                format!("{} other {}", self.other_names, self.plural)
            } else {
                format!("other {}", self.plural)
            };
            let _ = write!(
                page,
                "<div class=\"bar others\" data-count=\"{}\"><span class=\"name\">{names}</span>",
                self.others
            );
            self.write_svg(page, self.others);
            let _ = writeln!(page, "<span class=\"n\">{}</span></div>", self.others);
        }
        page.push_str("</div>\n");
    }

    fn write_svg(&self, page: &mut String, count: u64) {
        #[allow(clippy::cast_precision_loss)] // a bar's width, to a tenth of a percent
        let width = if self.max == 0 {
            0.0
        } else {
            count as f64 * 100.0 / self.max as f64
        };
        let _ = write!(
            page,
            "<svg class=\"b\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
             <rect width=\"{width:.1}\" height=\"10\"/></svg>"
        );
    }
}

/// The page's title and heading, and its class.
fn verdict(summary: &Summary) -> (&'static str, &'static str) {
    if summary.failed_inputs() > 0 {
        ("an input could not be read", "bad")
    } else if summary.invalid > 0 || summary.errors > 0 {
        ("invalid records", "bad")
    } else {
        ("all records valid", "good")
    }
}

/// The pointer with array indices (all-digit segments) folded into `*`:
/// `/bullets/3` is `/bullets/*`. An object key made only of digits is folded
/// too; the model has none.
pub(crate) fn fold(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        out.push('/');
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('*');
        } else {
            out.push_str(segment);
        }
    }
    out
}

/// How a pointer is shown: `(record)` for the record itself.
fn pointer_name(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(record)"
    } else {
        pointer
    }
}

/// At most `MAX_TEXT` characters of `text`, with `…` when cut.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// The source line of `error` around its column, with a caret under the
/// column, as compilers print it (lines of plain text, controls already
/// made visible, to be HTML-escaped by the caller):
///
/// ```text
///  14 | …"url":"javascript:alert(1)","published_at"…
///     |        ^
/// ```
///
/// `None` when the record's bytes are not at hand (an oversize record) or
/// the error has no line in them. A CSV error (a column name, not a
/// position) gets the line without a caret.
fn snippet(invalid: &Invalid, error: &ValidationError) -> Option<Vec<String>> {
    let bytes = invalid.raw.bytes()?;
    let line = error.line?;
    let nth = usize::try_from(line.checked_sub(invalid.origin.line)?).ok()?;
    let text = String::from_utf8_lossy(bytes);
    let source = text.split('\n').nth(nth)?;
    let source = source.strip_suffix('\r').unwrap_or(source);
    let chars: Vec<char> = source.chars().collect();
    let at = match &error.column {
        Some(Column::Char(c)) => {
            // The record's first line starts at its column, later ones at 1.
            let start = if nth == 0 { invalid.origin.column } else { 1 };
            let at = usize::try_from(c.saturating_sub(start)).unwrap_or(usize::MAX);
            Some(at.min(chars.len()))
        }
        _ => None,
    };
    let centre = at.unwrap_or(0);
    let from = centre.saturating_sub(CONTEXT);
    let to = (centre + CONTEXT).min(chars.len());
    let before: String = chars[from..centre].iter().collect();
    let after: String = chars[centre..to].iter().collect();
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&escape_controls(&before));
    let offset: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
    shown.push_str(&escape_controls(&after));
    if to < chars.len() {
        shown.push('…');
    }
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let mut out = vec![format!("{gutter} | {shown}")];
    if at.is_some() {
        out.push(format!("{pad} | {}^", " ".repeat(offset)));
    }
    Some(out)
}

/// Appends `text` quoted for people (controls and bidirectional marks as
/// `\u{…}`), then escaped for HTML text and double- or single-quoted
/// attribute values alike.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The style sheet. `content-visibility: auto` on each record's errors lets
/// the browser skip laying out the records off screen: with every one of
/// 30,000 errors listed the page loaded in about 12 s instead of over 30.
const STYLE: &str = r#"
:root{color-scheme:light;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
body{margin:0}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
input[type=radio]{position:absolute;opacity:0;pointer-events:none}
h1{margin:8px 0 12px;font-size:1.6em}
h1 small{display:block;font-size:.55em;color:#57606a;font-weight:400}
h1.good{color:#1a7f37}
h1.bad{color:#cf222e}
h2{font-size:1.1em;margin:0 0 8px}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 16px}
.counts div{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:6px 14px;min-width:90px}
.counts dt{font-size:.8em;color:#57606a}
.counts dd{margin:0;font-size:1.4em;font-weight:600;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:12px;margin-bottom:16px}
.chart{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px}
.bar{display:grid;grid-template-columns:minmax(0,11em) 1fr 4.5em;align-items:center;gap:8px;padding:1px 4px;border-radius:4px;cursor:pointer}
.bar:hover{background:#eef1f4}
.bar.others{cursor:default;color:#57606a}
.bar .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
.bar .n{text-align:right;font-variant-numeric:tabular-nums}
.bar svg{width:100%;height:12px;display:block}
.bar rect{fill:#cf222e}
.bar.others rect{fill:#8c959f}
.none{color:#57606a;margin:0}
.hint{color:#57606a;font-size:.9em}
.reset{color:#0969da;text-decoration:underline;cursor:pointer}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;border:1px solid #d0d7de}
col.loc{width:17em}
col.id{width:11em}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-top:1px solid #d0d7de}
th{background:#eef1f4;font-size:.85em}
td.loc,td.id{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;max-width:22em;overflow:hidden;text-overflow:ellipsis}
ol.errs{margin:0;padding-left:1.4em;content-visibility:auto;contain-intrinsic-size:auto 90px}
ol.errs li{margin:0 0 6px;overflow-wrap:anywhere}
.kw{display:inline-block;background:#ffebe9;color:#a40e26;border-radius:4px;padding:0 5px;font-size:.85em}
.ptr{font-size:.85em}
pre.src{margin:4px 0 0;padding:6px 8px;background:#f6f8fa;border-radius:4px;overflow-x:auto;font-size:.82em;line-height:1.3}
.more,#unlisted{color:#57606a;font-style:italic}
footer{color:#57606a;font-size:.8em;margin:24px 0 8px}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text);
        out
    }

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escaped("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escaped("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escaped("a'b&c</style>"), "a&#39;b&amp;c&lt;/style&gt;");
        assert_eq!(
            escaped("\u{1b}[2J\u{202e}x\r\n"),
            r"\u{1b}[2J\u{202e}x\u{d}\u{a}"
        );
        // Nothing special in HTML: left as text.
        assert_eq!(
            escaped("{{7*7}} javascript:alert(1)"),
            "{{7*7}} javascript:alert(1)"
        );
        assert_eq!(escaped("Trung Quốc 📌"), "Trung Quốc 📌");
    }

    #[test]
    fn folds_array_indices() {
        assert_eq!(fold("/bullets/3"), "/bullets/*");
        assert_eq!(fold("/a/10/b/0"), "/a/*/b/*");
        assert_eq!(fold(""), "");
        assert_eq!(fold("/metadata/url"), "/metadata/url");
        assert_eq!(fold("/x1/"), "/x1/");
    }

    #[test]
    fn cuts_long_text() {
        let long = "é".repeat(MAX_TEXT + 5);
        let cut = cut(&long);
        assert_eq!(cut.chars().count(), MAX_TEXT + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(super::cut("short"), "short");
    }

    fn error(
        input: &str,
        record: Option<u64>,
        pointer: &str,
        keyword: crate::Keyword,
    ) -> ValidationError {
        ValidationError {
            input: input.into(),
            line: record,
            column: None,
            record,
            id: None,
            pointer: pointer.into(),
            keyword,
            message: "<b>bad</b>".into(),
        }
    }

    #[test]
    fn counts_every_error_and_lists_up_to_the_cap() {
        use crate::Keyword;
        let mut html = Html::new(2);
        html.opened(&"a.ndjson".into());
        let batch = [
            error("a.ndjson", Some(1), "/bullets/0", Keyword::MaxLength),
            error("a.ndjson", Some(1), "/bullets/7", Keyword::MaxLength),
            error("a.ndjson", Some(1), "", Keyword::Required),
        ];
        html.errors(&batch);
        html.errors(&[error("gone.ndjson", None, "", Keyword::Io)]);
        assert_eq!(html.fields.counts, vec![2, 2]);
        assert_eq!(html.fields.names, vec!["/bullets/*", ""]);
        assert_eq!(html.keywords.counts, vec![2, 1, 1]);
        // The input error's row took the cap's first error.
        assert_eq!(html.listed, 1);
        assert_eq!(html.inputs.len(), 2);
        assert!(html.inputs[1].failed);
        assert!(html.rows.contains("gone.ndjson"));
        assert!(html.rows.contains("&lt;b&gt;bad&lt;/b&gt;"));
        html.push_row("a.ndjson:1", Some("<id>"), &batch, Some(0), None);
        assert_eq!(html.listed, 2);
        assert_eq!(html.unlisted, 2);
        assert!(html.rows.contains("2 more errors not listed"));
        html.push_row("a.ndjson:2", None, &batch, Some(0), None);
        assert_eq!(html.row_count, 2);
        assert_eq!((html.unlisted, html.unlisted_rows), (5, 1));
        assert!(html.rows.contains("&lt;id&gt;"));
    }

    #[test]
    fn fields_past_the_limit_count_as_others() {
        let mut tally = Tally::default();
        for i in 0..=MAX_FIELDS {
            tally.count(&format!("/k{i}"));
        }
        tally.count("/k0");
        assert_eq!(tally.names.len(), MAX_FIELDS);
        assert_eq!(tally.others, 1);
        assert_eq!(tally.counts[0], 2);
    }
}
