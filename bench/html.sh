#!/usr/bin/env bash
# HTML report benchmark (issue 14): how long Chromium takes to open the page.
#
#   bench/html.sh [N]          N records, default 100000
#
# Generates N records (seed BENCH_SEED, 28% broken, 10% edge cases: about
# 30,000 errors at 100,000 records), writes `--report html` twice (the
# default --max-errors 1000, and every error listed), and loads each page
# in the system Chromium (headless, through playwright-core,
# tests/interop/html/check_html.mjs time) BENCH_RUNS times, printing the
# time from navigation start to the load event. Target: under 2 s at
# 100,000 records / 30,000 errors.
source "$(dirname "$0")/lib.sh"

N="${1:-100000}"
build
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM
[[ -x "$CHROMIUM" ]] || { note "no Chromium at $CHROMIUM (apt-get install chromium)"; exit 2; }
[[ -d "$ROOT/tests/interop/node_modules/playwright-core" ]] \
  || { note "no playwright-core: (cd tests/interop && npm ci)"; exit 2; }

file="$OUT/html-batch-$N-seed$SEED.ndjson"
if [[ ! -s "$file" ]]; then
  note "generating $N records into ${file#"$ROOT"/}"
  "$GEN" --count "$N" --seed "$SEED" --broken-rate 0.28 --edge-rate 0.1 > "$file.tmp"
  mv "$file.tmp" "$file"
fi
summary="$("$ARTICLEKIT" validate -q --report json --max-errors 0 "$file" 2>/dev/null || true)"
errors="$(printf '%s' "$summary" | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["errors"], "errors in", s["invalid"], "invalid records of", s["records"])')"
printf 'batch: %s (%s)\n' "${file#"$ROOT"/}" "$errors"

for cap in 1000 1000000; do
  page="$OUT/html-report-$N-cap$cap.html"
  start=$(date +%s.%N)
  "$ARTICLEKIT" validate -q --report html --max-errors "$cap" "$file" > "$page" 2>/dev/null || true
  end=$(date +%s.%N)
  printf '\n--max-errors %s: %s bytes, written in %.2f s\n' "$cap" "$(stat -c %s "$page")" "$(awk "BEGIN{print $end - $start}")"
  node "$ROOT/tests/interop/html/check_html.mjs" time "$page" "$RUNS"
done
