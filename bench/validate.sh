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

# A missed target of the table is the script's exit status, after the fast path's figures too.
status=0
python3 "$ROOT/bench/table.py" validate "$RESULTS" || status=$?

# ---------------------------------------------------------------------------
# The typed fast path (issue 15), side by side in this one run:
#   - CPU time (user + system, best of RUNS) of `validate` on all cores
#     against one thread of serde_json's and sonic-rs's `Value` parse of the
#     same lines (examples/parsers.rs, which also times the fast path's typed
#     read on serde_json, sonic-rs and simd-json: the numbers the parser was
#     picked by);
#   - wall time against a release build of main before the fast path
#     (commit 68c2db7, built once into bench/out/), and against this binary
#     with the fast path off (ARTICLEKIT_FAST_PATH=0);
#   - the same on a batch where half the records are invalid;
#   - peak memory at 10,000 and 100,000 records, both binaries.
# Targets: CPU ≤ 0.6× serde_json Value, ≤ 1.0× sonic-rs Value; wall ≥ 1.6×
# faster than 68c2db7; the half-invalid batch no slower than 68c2db7.
REF_COMMIT=68c2db7
REF="$OUT/articlekit-$REF_COMMIT"
if [[ ! -x "$REF" ]]; then
  note "building the reference binary of $REF_COMMIT into ${REF#"$ROOT"/} (once)"
  rm -rf "$OUT/ref-src"
  git -C "$ROOT" worktree add --detach "$OUT/ref-src" "$REF_COMMIT" > /dev/null 2>&1
  (cd "$OUT/ref-src" && cargo build --release --locked --quiet -p articlekit-cli)
  cp "${CARGO_TARGET_DIR:-$OUT/ref-src/target}/release/articlekit" "$REF"
  git -C "$ROOT" worktree remove --force "$OUT/ref-src" > /dev/null 2>&1 || true
fi
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  cargo build --release --quiet -p articlekit-validate --example parsers
fi
PARSERS="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/parsers"

# cpu RUNS CMD...: the least CPU time (user + system) of RUNS runs, in seconds.
cpu() {
  local runs="$1" best="" t
  shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$OUT/.cpu.log" -f '%U %S' "$@" > /dev/null 2>&1 || true
    t="$(tail -1 "$OUT/.cpu.log" | awk '{ printf "%.3f", $1 + $2 }')"
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
  done
  printf '%s\n' "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

half="$OUT/half-invalid-$N-seed$SEED.ndjson"
if [[ ! -s "$half" ]]; then
  note "generating $N records, half of them invalid (every fault kind)"
  "$GEN" --count "$N" --seed "$SEED" --broken-rate 0.5 --kinds all > "$half.tmp"
  mv "$half.tmp" "$half"
fi

note "timing the parsers, one thread (examples/parsers.rs)"
"$PARSERS" "$file" "$RUNS" > "$OUT/parsers.txt"
serde_value="$(awk '/^serde_json Value/ { print $(NF-6) }' "$OUT/parsers.txt")"
sonic_value="$(awk '/^sonic-rs Value/ { print $(NF-6) }' "$OUT/parsers.txt")"
note "timing validate: this build, fast path off, $REF_COMMIT"
ak_cpu="$(cpu "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"
full_cpu="$(cpu "$RUNS" env ARTICLEKIT_FAST_PATH=0 "$ARTICLEKIT" validate --quiet "$file")"
ref_cpu="$(cpu "$RUNS" "$REF" validate --quiet "$file")"
ak_wall="$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"
full_wall="$(seconds "$RUNS" env ARTICLEKIT_FAST_PATH=0 "$ARTICLEKIT" validate --quiet "$file")"
ref_wall="$(seconds "$RUNS" "$REF" validate --quiet "$file")"
note "timing validate on the half-invalid batch"
half_cpu="$(cpu "$RUNS" "$ARTICLEKIT" validate --quiet "$half")"
half_ref_cpu="$(cpu "$RUNS" "$REF" validate --quiet "$half")"
half_wall="$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$half")"
half_ref_wall="$(seconds "$RUNS" "$REF" validate --quiet "$half")"
note "peak memory at 10,000 and 100,000 records"
mem10="$(peak_kb "$ARTICLEKIT" validate --quiet "$(batch 10000)")"
mem100="$(peak_kb "$ARTICLEKIT" validate --quiet "$(batch 100000)")"
ref10="$(peak_kb "$REF" validate --quiet "$(batch 10000)")"
ref100="$(peak_kb "$REF" validate --quiet "$(batch 100000)")"

echo
echo "## Fast path ($N records, $((bytes / 1000000)) MB, $CORES cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
cat "$OUT/parsers.txt"
echo
echo "| measure | this build | compared with | ratio | target |"
echo "|---|---|---|---|---|"
echo "| validate CPU (all cores) vs serde_json Value parse (1 thread) | ${ak_cpu} s | ${serde_value} s | $(ratio "$ak_cpu" "$serde_value")× | ≤ 0.6× |"
echo "| validate CPU vs sonic-rs Value parse (1 thread) | ${ak_cpu} s | ${sonic_value} s | $(ratio "$ak_cpu" "$sonic_value")× | ≤ 1.0× |"
echo "| validate CPU vs $REF_COMMIT | ${ak_cpu} s | ${ref_cpu} s | $(ratio "$ak_cpu" "$ref_cpu")× | |"
echo "| validate CPU, fast path off (ARTICLEKIT_FAST_PATH=0) | ${full_cpu} s | ${ref_cpu} s | $(ratio "$full_cpu" "$ref_cpu")× | |"
echo "| validate wall vs $REF_COMMIT (speed-up) | ${ak_wall} s | ${ref_wall} s | $(ratio "$ref_wall" "$ak_wall")× faster | ≥ 1.6× |"
echo "| validate wall, fast path off | ${full_wall} s | ${ref_wall} s | $(ratio "$ref_wall" "$full_wall")× faster | |"
echo "| half invalid: CPU vs $REF_COMMIT | ${half_cpu} s | ${half_ref_cpu} s | $(ratio "$half_cpu" "$half_ref_cpu")× | ≤ 1.0× |"
echo "| half invalid: wall vs $REF_COMMIT | ${half_wall} s | ${half_ref_wall} s | $(ratio "$half_wall" "$half_ref_wall")× | ≤ 1.0× |"
echo "| peak memory 10k → 100k | ${mem10} → ${mem100} KiB | $REF_COMMIT ${ref10} → ${ref100} KiB | $(ratio "$mem100" "$mem10")× | ≤ 1.25× |"
for tool in jsonschema-cli boon; do
  have "$tool" || echo "| $tool | not installed (cargo install jsonschema-cli / boon-cli); not timed | | | |"
done
exit "$status"
