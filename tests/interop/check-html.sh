#!/usr/bin/env bash
# The HTML report in a real browser: Debian's Chromium, headless, driven by
# playwright-core (tests/interop/html/check_html.mjs):
# - a planted-fault batch (and an input that cannot be opened): with
#   scripting off, the counts, every chart bar and every row read from the
#   DOM equal `--report json` of the same run, and a click on a bar filters
#   the rows by CSS alone;
# - a hostile batch (markup, `javascript:` URLs, `{{ }}`, terminal escapes
#   in values, keys and a file name): with scripting on, no element,
#   attribute, request, dialog or script run came from the data;
# - the check itself fails on a JSON report whose counts differ;
# - screenshots are kept in target/interop/ (html-report.png, html-hostile.png).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"
ARTICLEKIT_GEN="${ARTICLEKIT_GEN:-$(dirname "$ARTICLEKIT")/articlekit-gen}"
if [ ! -x "$ARTICLEKIT_GEN" ]; then
  cargo build --release --locked --quiet -p articlekit-gen
  ARTICLEKIT_GEN="$PWD/target/release/articlekit-gen"
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "check-html: no Chromium at $CHROMIUM (apt-get install chromium)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
artifacts="$PWD/target/interop"
mkdir -p "$artifacts"
checker=tests/interop/html/check_html.mjs

reports() { # name inputs...: report.json (every error) and report.html of the same batch
  local dir="$tmp/$1"
  shift
  mkdir -p "$dir"
  # Exit 1 (invalid records) and 2 (unreadable inputs) are expected here.
  "$ARTICLEKIT" validate -q --report json --max-errors 1000000 "$@" >"$dir/report.json" 2>/dev/null || true
  "$ARTICLEKIT" validate -q --report text --max-errors 1000000 --report-out html="$dir/report.html" "$@" >/dev/null 2>&1 || true
  [ -s "$dir/report.html" ] || { echo "check-html: no HTML report for $*" >&2; exit 1; }
}

"$ARTICLEKIT_GEN" --count 3000 --seed 14 --broken-rate 0.2 --edge-rate 0.1 >"$tmp/batch.ndjson"
reports planted "$tmp/batch.ndjson" "$tmp/missing.ndjson"
node "$checker" planted "$tmp/planted/report.html" "$tmp/planted/report.json" "$artifacts/html-report.png"

# The check must fail when the page and the JSON report disagree.
python3 - "$tmp/planted/report.json" "$tmp/planted/tampered.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
report["summary"]["errors"] += 1
report["summary"]["by_keyword"]["required"] = report["summary"]["by_keyword"].get("required", 0) + 1
json.dump(report, open(sys.argv[2], "w"))
PY
if node "$checker" planted "$tmp/planted/report.html" "$tmp/planted/tampered.json" >/dev/null 2>"$tmp/tampered.err"; then
  echo "check-html: the check passed against a JSON report with other counts" >&2
  exit 1
fi
grep -q "counts" "$tmp/tampered.err" || { cat "$tmp/tampered.err" >&2; exit 1; }

# Hostile values, keys and an input name that is markup.
hostile_name="$tmp/x\"><img src=x onerror=alert(1)>.ndjson"
cp tests/interop/html/hostile.ndjson "$hostile_name"
reports hostile tests/interop/html/hostile.ndjson "$hostile_name" fixtures/bad/*.ndjson
node "$checker" hostile "$tmp/hostile/report.html" "$tmp/hostile/report.json" "$artifacts/html-hostile.png"
node "$checker" planted "$tmp/hostile/report.html" "$tmp/hostile/report.json"
echo "html: counts, bars and rows equal the JSON report in Chromium; hostile data stays text; screenshots in target/interop/"
