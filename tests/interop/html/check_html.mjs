// Loads an `articlekit validate --report html` page in the system Chromium
// (headless, through playwright-core) and checks it from the DOM.
//
//   node check_html.mjs planted PAGE REPORT.json [SCREENSHOT.png]
//     scripting off: the counts, every chart's bars (name, count, width) and
//     the rows equal the JSON report of the same batch; clicking a bar
//     filters the rows by CSS alone.
//   node check_html.mjs hostile PAGE REPORT.json [SCREENSHOT.png]
//     scripting on: no element, attribute, request, dialog or script run
//     came from the data; the hostile strings are there as text.
//   node check_html.mjs time PAGE [RUNS]
//     prints the load time (navigation start to the load event) of each run.
//
// Exits 1 with the differences when a check fails.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [mode, page_path, third, fourth] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const url = pathToFileURL(page_path).href;

const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
};
const same = (actual, expected, what) =>
  expect(
    JSON.stringify(actual) === JSON.stringify(expected),
    `${what}: page ${JSON.stringify(actual)} != JSON ${JSON.stringify(expected)}`,
  );

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"],
});

async function open(javaScriptEnabled) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1280, height: 1500 },
  });
  const page = await context.newPage();
  page.on("request", (r) => {
    if (r.url() !== url) failures.push(`the page made a request: ${r.url()}`);
  });
  page.on("dialog", (d) => {
    failures.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  page.on("pageerror", (e) => failures.push(`a script ran and failed: ${e}`));
  await page.goto(url, { waitUntil: "load" });
  return page;
}

/// Everything the checks read, from the DOM.
async function read(page) {
  return page.evaluate(() => {
    const count = (id) => Number(document.getElementById(`count-${id}`).textContent);
    const chart = (key) =>
      [...document.querySelectorAll(`#by-${key} .bar`)].map((bar) => ({
        name: bar.querySelector(".name").textContent,
        count: Number(bar.querySelector(".n").textContent),
        width: Number(bar.querySelector("rect").getAttribute("width")),
        others: bar.classList.contains("others"),
        radio: bar.getAttribute("for"),
      }));
    const rows = [...document.querySelectorAll("tbody tr.r")].map((tr) => ({
      location: tr.querySelector("td.loc").textContent,
      keywords: [...tr.querySelectorAll("li.e .kw")].map((k) => k.textContent),
    }));
    return {
      verdict: document.getElementById("verdict").textContent,
      counts: Object.fromEntries(
        ["records", "valid", "invalid", "errors", "inputs", "failed-inputs"].map((k) => [k, count(k)]),
      ),
      keyword: chart("keyword"),
      field: chart("field"),
      input: chart("input"),
      rows,
    };
  });
}

/// Rows shown (not hidden by the filter), by location.
const visibleRows = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("tbody tr.r")]
      .filter((tr) => getComputedStyle(tr).display !== "none")
      .map((tr) => tr.querySelector("td.loc").textContent),
  );

const fold = (pointer) =>
  pointer === "" ? "(record)" : pointer.split("/").map((s) => (/^[0-9]+$/.test(s) ? "*" : s)).join("/");
// The page shows data with controls as \u{...}; the JSON report has them raw.
const quote = (text) =>
  text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) =>
    `\\u{${c.codePointAt(0).toString(16)}}`,
  );

function bars(chart, expected, what) {
  // Sorted by count, then name, like the page; past 40 bars the rest is one "others" line.
  const named = chart.filter((b) => !b.others).map((b) => [b.name, b.count]);
  const others = chart.filter((b) => b.others).reduce((n, b) => n + b.count, 0);
  const total = named.reduce((n, [, c]) => n + c, 0) + others;
  same(total, Object.values(expected).reduce((n, c) => n + c, 0), `${what}: total`);
  for (const [name, count] of named) same(count, expected[name], `${what} ${name}`);
  if (others === 0) same(named.length, Object.keys(expected).length, `${what}: bars`);
  const max = Math.max(0, ...chart.map((b) => b.count));
  for (const b of chart) {
    const width = max === 0 ? 0 : (b.count * 100) / max;
    expect(Math.abs(b.width - width) <= 0.051, `${what} ${b.name}: bar width ${b.width}, expected ${width.toFixed(1)}`);
  }
}

async function planted(report_path, screenshot) {
  const report = JSON.parse(readFileSync(report_path, "utf8"));
  const { summary, errors } = report;
  const page = await open(false);
  const dom = await read(page);
  const failed = summary.inputs.filter((i) => i.error !== null).length;
  same(dom.counts, {
    records: summary.records,
    valid: summary.valid,
    invalid: summary.invalid,
    errors: summary.errors,
    inputs: summary.inputs.length,
    "failed-inputs": failed,
  }, "counts");
  expect(
    dom.verdict.startsWith(failed > 0 ? "An input could not be read" : summary.errors > 0 ? "Invalid records" : "All records valid"),
    `verdict: ${dom.verdict}`,
  );
  bars(dom.keyword, summary.by_keyword, "by keyword");
  const byInput = {};
  for (const i of summary.inputs) if (i.errors > 0) byInput[quote(i.input)] = (byInput[quote(i.input)] || 0) + i.errors;
  bars(dom.input, byInput, "by input");
  same(errors.length, summary.errors, "the JSON report lists every error (run it with a large --max-errors)");
  const byField = {};
  for (const e of errors) byField[quote(fold(e.pointer))] = (byField[quote(fold(e.pointer))] || 0) + 1;
  bars(dom.field, byField, "by field");

  // Rows: one per invalid record (and unreadable input), in order, each
  // with its errors' keywords in order.
  const expectedRows = [];
  for (const e of errors) {
    const location = e.record === null ? (e.line === null ? e.input : `${e.input}:${e.line}`) : null;
    const key = e.record === null ? `input ${e.input}` : `${e.input} ${e.record}`;
    const last = expectedRows[expectedRows.length - 1];
    if (last && last.key === key && e.record !== null) {
      last.keywords.push(e.keyword);
    } else {
      expectedRows.push({ key, location, line: e.line, input: e.input, keywords: [e.keyword] });
    }
  }
  same(dom.rows.length, expectedRows.length, "rows");
  dom.rows.forEach((row, i) => {
    const want = expectedRows[i];
    if (!want) return;
    same(row.keywords, want.keywords, `row ${i + 1} keywords`);
    if (want.location !== null) same(row.location, quote(want.location), `row ${i + 1} location`);
    else expect(row.location.startsWith(quote(want.input) + ":"), `row ${i + 1} location ${row.location}`);
  });

  // The filter, scripting off: a click on the first keyword's bar leaves
  // the rows with that keyword; a click on "all keywords" brings all back.
  const first = dom.keyword.find((b) => b.radio);
  if (first) {
    await page.click(`label[for="${first.radio}"]`);
    const shown = await visibleRows(page);
    const want = dom.rows.filter((r) => r.keywords.includes(first.name)).length;
    same(shown.length, want, `rows shown by the ${first.name} filter`);
    const field = dom.field.find((b) => b.radio);
    await page.click(`label[for="${field.radio}"]`);
    const both = await visibleRows(page);
    expect(both.length <= shown.length, "two filters combine (show fewer rows)");
    await page.click('label[for="all-keyword"]');
    await page.click('label[for="all-field"]');
    same((await visibleRows(page)).length, dom.rows.length, "rows shown after reset");
  }
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(
    `html planted: ${dom.counts.records} records, ${dom.counts.errors} errors, ` +
      `${dom.keyword.length}/${dom.field.length}/${dom.input.length} bars, ${dom.rows.length} rows equal the JSON report; filter works without script`,
  );
}

const TAGS = new Set(
  ("html head meta title style body input main header h1 small dl div dt dd section h2 label span " +
    "svg rect p table colgroup col thead tr th tbody td ol li code pre footer").split(" "),
);
const ATTRIBUTES = new Set(
  ("lang charset http-equiv content name type id checked class data-count data-rows data-errors " +
    "for viewBox preserveAspectRatio aria-hidden width height").split(" "),
);

async function hostile(report_path, screenshot) {
  const report = JSON.parse(readFileSync(report_path, "utf8"));
  const page = await open(true);
  // Give anything that might run a moment to do so.
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const elements = [...document.querySelectorAll("*")];
    return {
      title: document.title,
      tags: [...new Set(elements.map((e) => e.localName))],
      attributes: elements.flatMap((e) => [...e.attributes].map((a) => [e.localName, a.name, a.value])),
      scripts: document.scripts.length,
      text: document.body.textContent,
      styles: document.styleSheets.length,
      hidden: getComputedStyle(document.body).display,
    };
  });
  for (const tag of found.tags) expect(TAGS.has(tag), `element <${tag}> came from the data`);
  for (const [tag, name, value] of found.attributes) {
    expect(ATTRIBUTES.has(name), `attribute ${name}="${value}" on <${tag}> came from the data`);
    expect(!/alert|javascript:/i.test(value), `attribute ${name}="${value}" on <${tag}> holds data`);
  }
  same(found.scripts, 0, "script elements");
  same(found.styles, 1, "style sheets");
  same(found.hidden, "block", "body display");
  expect(found.title.startsWith("articlekit validate: "), `title: ${found.title}`);
  for (const text of [
    "<script>alert(1)</script>",
    "</style>",
    "javascript:alert(1)",
    "{{7*7}}",
    '"><img src=x onerror=alert(1)>',
    "<script>alert(3)</script>\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{202e}",
  ]) {
    expect(found.text.includes(text), `the text ${JSON.stringify(text)} is not on the page`);
  }
  expect(!/[\u001b\u0007\u202e]/u.test(found.text), "a raw control or bidi character is on the page");
  same(
    (await read(page)).counts.errors,
    report.summary.errors,
    "errors",
  );
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(
    `html hostile: ${found.tags.length} kinds of element, ${found.attributes.length} attributes, all the page's own; no request, dialog or script`,
  );
}

async function time(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(url, { waitUntil: "load", timeout: 120000 });
    const wall = Date.now() - start;
    const nav = await page.evaluate(() => {
      const [n] = performance.getEntriesByType("navigation");
      return { load: n.loadEventEnd, dom: n.domContentLoadedEventEnd };
    });
    // One frame after load: the page has been laid out and painted.
    const painted = await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))),
    );
    times.push({ wall, load: Math.round(nav.load), dom: Math.round(nav.dom), painted: Math.round(painted) });
    await context.close();
  }
  for (const t of times) {
    console.log(`load ${t.load} ms (DOMContentLoaded ${t.dom} ms, painted ${t.painted} ms, goto wall ${t.wall} ms)`);
  }
  const loads = times.map((t) => t.load).sort((a, b) => a - b);
  console.log(`median load ${loads[Math.floor(loads.length / 2)]} ms over ${runs} runs`);
}

try {
  if (mode === "planted") await planted(third, fourth);
  else if (mode === "hostile") await hostile(third, fourth);
  else if (mode === "time") await time(Number(third || 3));
  else throw new Error(`unknown mode ${mode}`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.error(`check_html ${mode}: ${failures.length} failure(s):`);
  for (const f of failures.slice(0, 50)) console.error(`  ${f}`);
  process.exit(1);
}
