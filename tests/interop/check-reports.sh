#!/usr/bin/env bash
# JUnit and SARIF reports against their consumers and schemas:
# - junitparser reads the JUnit report of a planted-fault batch back, and its
#   tests/failures/errors equal the `--report json` summary of the same run;
# - lxml validates it against the Jenkins xunit-plugin JUnit XSD (bundled in
#   tests/interop/reports/, see its README);
# - the SARIF report passes the SARIF 2.1.0 JSON Schema (bundled too) with
#   python-jsonschema, formats checked, and has one result per error;
# - a hostile batch (fixtures/bad/) still gives XML that parses and passes the XSD.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"
ARTICLEKIT_GEN="${ARTICLEKIT_GEN:-$(dirname "$ARTICLEKIT")/articlekit-gen}"
if [ ! -x "$ARTICLEKIT_GEN" ]; then
  cargo build --release --locked --quiet -p articlekit-gen
  ARTICLEKIT_GEN="$PWD/target/release/articlekit-gen"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ARTICLEKIT_GEN" --count 3000 --seed 14 --broken-rate 0.2 --edge-rate 0.1 >"$tmp/batch.ndjson"

check() { # name inputs...
  local name=$1
  shift
  local dir="$tmp/$name"
  mkdir -p "$dir"
  # Exit 1 (invalid records) and 2 (unreadable inputs) are expected here.
  "$ARTICLEKIT" validate -q --report json --max-errors 1000000 "$@" >"$dir/report.json" 2>/dev/null || true
  "$ARTICLEKIT" validate -q --report junit "$@" >"$dir/report.xml" 2>/dev/null || true
  "$ARTICLEKIT" validate -q --report sarif "$@" >"$dir/report.sarif" 2>/dev/null || true
  python3 - "$dir" "$name" <<'PY'
import json, sys

import jsonschema
from junitparser import JUnitXml
from lxml import etree

dir, name = sys.argv[1], sys.argv[2]
summary = json.load(open(f"{dir}/report.json"))["summary"]
failed_inputs = sum(1 for i in summary["inputs"] if i["error"] is not None)

# JUnit: the consumer's view equals the JSON summary.
xml = JUnitXml.fromfile(f"{dir}/report.xml")
suites = list(xml)
tests = sum(s.tests for s in suites)
failures = sum(s.failures for s in suites)
errors = sum(s.errors for s in suites)
assert tests == summary["records"] + failed_inputs, (tests, summary["records"], failed_inputs)
assert failures == summary["invalid"], (failures, summary["invalid"])
assert errors == failed_inputs, (errors, failed_inputs)
assert len(suites) == len(summary["inputs"]), (len(suites), len(summary["inputs"]))
for suite, expected in zip(suites, summary["inputs"]):
    cases = list(suite)
    assert suite.name == expected["input"], (suite.name, expected["input"])
    assert len(cases) == suite.tests, (suite.name, len(cases), suite.tests)
    assert sum(1 for c in cases if not c.is_passed and not c.is_skipped) == suite.failures + suite.errors
    assert suite.failures == expected["invalid"], (suite.name, suite.failures, expected["invalid"])

# JUnit: the common XSD.
schema = etree.XMLSchema(etree.parse("tests/interop/reports/junit-10.xsd"))
doc = etree.parse(f"{dir}/report.xml")
schema.assertValid(doc)

# SARIF: the 2.1.0 schema, and one result per error.
sarif = json.load(open(f"{dir}/report.sarif"))
sarif_schema = json.load(open("tests/interop/reports/sarif-2.1.0-rtm.5.json"))
jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(sarif)
run = sarif["runs"][0]
results = run["results"]
assert len(results) == summary["errors"], (len(results), summary["errors"])
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
by_keyword = {}
for r in results:
    assert r["level"] == "error"
    assert rules[r["ruleIndex"]] == r["ruleId"], r
    by_keyword[r["ruleId"]] = by_keyword.get(r["ruleId"], 0) + 1
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"]
assert by_keyword == summary["by_keyword"], (by_keyword, summary["by_keyword"])
assert run["invocations"][0]["executionSuccessful"] == (failed_inputs == 0)
print(f"reports {name}: {tests} tests, {failures} failures, {errors} errors; {len(results)} SARIF results; XSD and SARIF schema pass")
PY
}

check planted "$tmp/batch.ndjson"
# Hostile text and broken inputs, plus one that cannot be opened.
check hostile fixtures/bad/*.ndjson fixtures/bad/*.json fixtures/bad/*.csv "$tmp/missing.ndjson"
echo "reports: JUnit and SARIF read back and schema-valid"
