#!/usr/bin/env bash
# Batch-validation benchmark (issue 3, item 7).
#
#   bench/validate.sh [N]          N records, default 20000
#
# On ONE deterministic generated batch (all valid, ~5.5 KB per record,
# bench/out/batch-N-seedS.ndjson) it times, side by side:
#   - articlekit validate (release build, all cores: its default)
#   - the floor: only parsing each line with serde_json into a Value
#     (`articlekit-gen parse-only`), on all cores and on one thread
#   - ajv-cli (`ajv validate --spec=draft2020 -c ajv-formats`), which reads one
#     JSON document per file (no NDJSON), so it gets one file per record
#   - ajv itself in node on the NDJSON lines (bench/ajv-ndjson.mjs: JSON.parse
#     + a compiled Ajv2020 validator per line, no per-file I/O): the fairest
#     possible ajv, shown for information
#   - check-jsonschema, one instance file per record (it takes files as
#     arguments), same schema, formats asserted (its default)
# then the peak memory of articlekit validate at 10,000 and 100,000 records.
# Targets (issue 3): articlekit ≤ 1.5× the parse-only time (all cores, since
# articlekit uses all cores too), ≥ 3× faster than ajv-cli, ≥ 20× faster than
# check-jsonschema; peak RSS at 100k ≤ 1.25× that at 10k.
source "$(dirname "$0")/lib.sh"

N="${1:-20000}"
build
RESULTS="$OUT/validate-results.tsv"
: > "$RESULTS"

file="$(batch "$N")"
bytes="$(stat -c %s "$file")"
record meta records "$N"
record meta bytes "$bytes"
record meta cores "$CORES"
record meta load "$(cut -d' ' -f1-3 /proc/loadavg)"
record meta file "${file#"$ROOT"/}"
record meta version-ajv-cli "$(pkg_version ajv-cli)"
record meta version-ajv "$(pkg_version ajv)"
have check-jsonschema && record meta version-check-jsonschema "$(check-jsonschema --version 2>&1 | awk '{print $NF}')"

# articlekit validate
if "$ARTICLEKIT" validate --quiet "$file" > "$OUT/.ak.out" 2>&1; then
  note "timing articlekit validate"
  record time articlekit "$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"
else
  note "articlekit validate failed on the all-valid batch (exit $?): $(head -c 300 "$OUT/.ak.out")"
  record skip articlekit "articlekit validate is not available or failed: $(head -1 "$OUT/.ak.out")"
fi

# the parse-only floor
note "timing parse-only (serde_json::Value per line)"
"$GEN" parse-only "$file" | grep -q "errors=0 " || { note "parse-only found errors in the batch"; exit 1; }
record time parse-all "$(seconds "$RUNS" "$GEN" parse-only "$file")"
record time parse-one "$(seconds "$RUNS" "$GEN" parse-only --threads 1 "$file")"

# ajv-cli, one file per record
if have ajv; then
  dir="$(split_batch "$file")"
  valid="$(ajv validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$dir/*.json" 2>&1 | grep -c ' valid$' || true)"
  if [[ "$valid" == "$N" ]]; then
    note "timing ajv-cli on $N files"
    record time ajv-cli "$(seconds "$RUNS" ajv validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$dir/*.json")"
  else
    record skip ajv-cli "ajv-cli called $valid of $N records valid; not timed"
  fi
else
  record skip ajv-cli "ajv (ajv-cli) not on PATH: (cd tests/interop && npm ci)"
fi

# ajv library on the NDJSON lines
if have node && node "$ROOT/bench/ajv-ndjson.mjs" "$SCHEMA" "$file" > "$OUT/.ajv-lib.out" 2>&1; then
  if grep -q "invalid=0" "$OUT/.ajv-lib.out"; then
    note "timing ajv library (node) on NDJSON lines"
    record time ajv-lib "$(seconds "$RUNS" node "$ROOT/bench/ajv-ndjson.mjs" "$SCHEMA" "$file")"
  else
    record skip ajv-lib "ajv library disagreed on the batch: $(cat "$OUT/.ajv-lib.out")"
  fi
else
  record skip ajv-lib "node with ajv + ajv-formats not available: (cd tests/interop && npm ci)"
fi

# check-jsonschema, one file per record (slow: one run)
if have check-jsonschema; then
  dir="$(split_batch "$file")"
  note "timing check-jsonschema on $N files (one run, slow)"
  # The glob is expanded by an inner shell: 20,000 paths do not fit in one command string.
  cj=(bash -c 'exec check-jsonschema --schemafile "$1" "$2"/*.json' _ "$SCHEMA" "$dir")
  if "${cj[@]}" > "$OUT/.cj.out" 2>&1; then
    # The run above was the correctness check; time a second one.
    record time check-jsonschema "$(seconds 1 "${cj[@]}")"
  else
    record skip check-jsonschema "check-jsonschema failed: $(tail -3 "$OUT/.cj.out" | tr '\n' ' ')"
  fi
else
  record skip check-jsonschema "check-jsonschema not on PATH: pip install -r tests/interop/requirements.txt"
fi

# peak memory at 10k and 100k records
if grep -q '^time	articlekit' "$RESULTS"; then
  for n in 10000 100000; do
    f="$(batch "$n")"
    note "peak memory of articlekit validate on $n records"
    record mem "articlekit-$n" "$(peak_kb "$ARTICLEKIT" validate --quiet "$f")"
  done
fi

python3 "$ROOT/bench/table.py" validate "$RESULTS"
