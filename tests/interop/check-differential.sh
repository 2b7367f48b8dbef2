#!/usr/bin/env bash
# Differential test: on a generated batch with many kinds of broken records,
# articlekit's valid/invalid verdict for every record equals python-jsonschema's
# (Draft202012Validator, formats asserted) and ajv's (draft 2020-12, strict,
# ajv-formats) on the committed schema.
#
# 10% of the records are valid but at an edge of the rules (limits reached
# exactly, unusual spellings, hostile text), so over-strict validation shows too.
# Phase 1 plants only faults the JSON Schema decides alone (`--kinds schema-only`):
# duplicate ids and date order are batch rules other validators do not know,
# and lines that are not UTF-8 or not JSON cannot be loaded by them.
# Phase 2 plants every kind of fault (`--kinds all`) and checks articlekit's
# verdicts against the generator's labels: exactly the planted records invalid.
#
# Needs: $ARTICLEKIT (the articlekit binary), python3 with tests/interop/requirements.txt,
# ajv (tests/interop/node_modules/.bin) on PATH. $ARTICLEKIT_GEN may name a
# built articlekit-gen; otherwise it is built here (release).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"
count="${DIFFERENTIAL_COUNT:-3000}"
seed="${DIFFERENTIAL_SEED:-2025}"
schema=schemas/article.schema.json

if [[ -z "${ARTICLEKIT_GEN:-}" ]]; then
  cargo build --release --locked --quiet -p articlekit-gen
  ARTICLEKIT_GEN="$PWD/target/release/articlekit-gen"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$ARTICLEKIT_GEN" --count "$count" --seed "$seed" --broken-rate 0.3 --edge-rate 0.1 --kinds schema-only \
  --labels "$tmp/labels.ndjson" > "$tmp/batch.ndjson"

status=0
"$ARTICLEKIT" validate --report json --errors-out "$tmp/errors.ndjson" "$tmp/batch.ndjson" \
  > "$tmp/report.json" 2> "$tmp/validate.stderr" || status=$?
if [[ "$status" -ne 1 ]]; then
  echo "differential: FAIL: articlekit validate exited $status, expected 1 (some records invalid)" >&2
  cat "$tmp/validate.stderr" >&2
  exit 1
fi

# ajv: the schema must compile in strict mode; then one file per record.
ajv compile --spec=draft2020 --strict=true -c ajv-formats -s "$schema" > "$tmp/ajv-compile.out" 2>&1 || {
  echo "differential: FAIL: the schema does not compile in ajv strict mode" >&2
  cat "$tmp/ajv-compile.out" >&2
  exit 1
}
mkdir "$tmp/records"
awk -v dir="$tmp/records" '{ print > (dir "/" NR ".json"); close(dir "/" NR ".json") }' "$tmp/batch.ndjson"
ajv validate --spec=draft2020 --strict=true -c ajv-formats -s "$schema" -d "$tmp/records/*.json" \
  > "$tmp/ajv.out" 2>&1 || true

python3 tests/interop/differential/compare.py \
  --schema "$schema" \
  --batch "$tmp/batch.ndjson" \
  --labels "$tmp/labels.ndjson" \
  --errors "$tmp/errors.ndjson" \
  --report "$tmp/report.json" \
  --ajv-output "$tmp/ajv.out"

# Phase 2: every kind of fault, judged by the labels.
"$ARTICLEKIT_GEN" --count "$count" --seed "$((seed + 1))" --broken-rate 0.3 --edge-rate 0.1 --kinds all \
  --labels "$tmp/all-labels.ndjson" > "$tmp/all.ndjson"
status=0
"$ARTICLEKIT" validate --report json --errors-out "$tmp/all-errors.ndjson" "$tmp/all.ndjson" \
  > "$tmp/all-report.json" 2> "$tmp/all-validate.stderr" || status=$?
if [[ "$status" -ne 1 ]]; then
  echo "differential: FAIL: articlekit validate exited $status on the all-kinds batch, expected 1" >&2
  cat "$tmp/all-validate.stderr" >&2
  exit 1
fi
python3 tests/interop/differential/compare.py --against labels \
  --schema "$schema" \
  --batch "$tmp/all.ndjson" \
  --labels "$tmp/all-labels.ndjson" \
  --errors "$tmp/all-errors.ndjson" \
  --report "$tmp/all-report.json"

# Phase 3: the typed fast path against the full path (ARTICLEKIT_FAST_PATH=0
# sends every record down the full path). On both batches above and on one
# with half its records broken (every kind) and half the rest at an edge of
# the rules, the error files and JSON reports must be byte for byte the
# same, and so must the articles exported from the valid records. Phase 1
# already compared the fast path's verdicts with python-jsonschema and ajv.
"$ARTICLEKIT_GEN" --count "$count" --seed "$((seed + 2))" --broken-rate 0.5 --edge-rate 0.5 --kinds all \
  > "$tmp/edges.ndjson"
for batch in batch all edges; do
  for path in fast full; do
    setting=1
    [[ "$path" == full ]] && setting=0
    ARTICLEKIT_FAST_PATH="$setting" "$ARTICLEKIT" validate --report json \
      --errors-out "$tmp/$batch-$path.errors" "$tmp/$batch.ndjson" > "$tmp/$batch-$path.report" 2>/dev/null || true
    ARTICLEKIT_FAST_PATH="$setting" "$ARTICLEKIT" export --to jsonld --skip-invalid \
      "$tmp/$batch.ndjson" > "$tmp/$batch-$path.jsonld" 2>/dev/null || true
  done
  for what in errors report jsonld; do
    if ! cmp -s "$tmp/$batch-fast.$what" "$tmp/$batch-full.$what"; then
      echo "differential: FAIL: the fast path and the full path differ on $batch ($what)" >&2
      diff <(head -c 20000 "$tmp/$batch-fast.$what") <(head -c 20000 "$tmp/$batch-full.$what") | head -20 >&2
      exit 1
    fi
  done
  [[ -s "$tmp/$batch-fast.jsonld" ]] || { echo "differential: FAIL: no JSON-LD exported from $batch" >&2; exit 1; }
  echo "differential: fast path = full path on $batch.ndjson ($(wc -l < "$tmp/$batch-fast.errors") errors, same articles)"
done
# The schema-only batch as one JSON array (every line of it is JSON).
awk 'BEGIN { print "[" } NR > 1 { print "," } { print } END { print "]" }' "$tmp/batch.ndjson" > "$tmp/array.json"
for path in fast full; do
  setting=1
  [[ "$path" == full ]] && setting=0
  ARTICLEKIT_FAST_PATH="$setting" "$ARTICLEKIT" validate --from json --report json \
    --errors-out "$tmp/array-$path.errors" "$tmp/array.json" > "$tmp/array-$path.report" 2>/dev/null || true
done
if ! cmp -s "$tmp/array-fast.errors" "$tmp/array-full.errors" || ! cmp -s "$tmp/array-fast.report" "$tmp/array-full.report"; then
  echo "differential: FAIL: the fast path and the full path differ on the JSON array" >&2
  exit 1
fi
echo "differential: fast path = full path on the JSON array ($(wc -l < "$tmp/array-fast.errors") errors)"
