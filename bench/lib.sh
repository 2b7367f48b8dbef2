# Shared helpers of the whole-process benchmarks (sourced by validate.sh and export.sh).
#
# Environment:
#   BENCH_SEED        seed of the generated batches (default 2025)
#   BENCH_RUNS        timed runs per fast tool (default 3); slow tools run once
#   BENCH_SKIP_BUILD  set to 1 to use the existing target/release binaries
#   ARTICLEKIT        articlekit binary (default target/release/articlekit)
# Tools found on PATH (plus tests/interop/node_modules/.bin and .ci/venv/bin
# when they exist): hyperfine, node + ajv/ajv-formats/feed, ajv (ajv-cli),
# check-jsonschema, python3 with feedgen.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
SEED="${BENCH_SEED:-2025}"
RUNS="${BENCH_RUNS:-3}"
SCHEMA="$ROOT/schemas/article.schema.json"
[[ -d "$ROOT/tests/interop/node_modules/.bin" ]] && PATH="$ROOT/tests/interop/node_modules/.bin:$PATH"
[[ -d "$ROOT/.ci/venv/bin" ]] && PATH="$ROOT/.ci/venv/bin:$PATH"
export PATH
CORES="$(nproc)"

note() { printf '%s\n' "$*" >&2; }

build() {
  if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    note "building release binaries (cargo build --release -p articlekit-cli -p articlekit-gen)"
    cargo build --release --quiet -p articlekit-cli -p articlekit-gen
  fi
  ARTICLEKIT="${ARTICLEKIT:-$ROOT/target/release/articlekit}"
  GEN="$ROOT/target/release/articlekit-gen"
  [[ -x "$GEN" ]] || { note "no $GEN: build it with cargo build --release -p articlekit-gen"; exit 2; }
}

# batch N: the path of the deterministic all-valid batch of N records (generated once).
batch() {
  local n="$1" file="$OUT/batch-$1-seed$SEED.ndjson"
  if [[ ! -s "$file" ]]; then
    note "generating $n records into ${file#"$ROOT"/}"
    "$GEN" --count "$n" --seed "$SEED" > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  printf '%s\n' "$file"
}

# split_batch FILE: a directory holding one <record>.json file per line of FILE (made once).
split_batch() {
  local file="$1" dir="${1%.ndjson}.records"
  if [[ ! -f "$dir/.done" ]]; then
    note "splitting ${file#"$ROOT"/} into one file per record"
    rm -rf "$dir"
    mkdir -p "$dir"
    awk -v dir="$dir" '{ f = sprintf("%s/%06d.json", dir, NR); print > f; close(f) }' "$file"
    touch "$dir/.done"
  fi
  printf '%s\n' "$dir"
}

# pkg_version NAME: the version of an npm package installed in tests/interop.
pkg_version() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$ROOT/tests/interop/node_modules/$1/package.json" 2> /dev/null || echo "?"
}

have() { command -v "$1" > /dev/null 2>&1; }

# seconds RUNS CMD...: median wall time of CMD in seconds (output discarded).
# hyperfine when installed (one warm-up run unless RUNS is 1), else /usr/bin/time, best of RUNS.
seconds() {
  local runs="$1"
  shift
  local cmd
  cmd="$(printf '%q ' "$@")"
  if have hyperfine; then
    local json="$OUT/.hyperfine.json" warmup=1
    [[ "$runs" == 1 ]] && warmup=0
    hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$cmd" > /dev/null
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    local best="" t
    for _ in $(seq "$runs"); do
      t="$( { /usr/bin/time -f '%e' bash -c "$cmd > /dev/null 2>&1" ; } 2>&1 | tail -1)"
      if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best="$t"; fi
    done
    printf '%s\n' "$best"
  fi
}

# peak_kb CMD...: the peak resident set size of CMD in KiB (output discarded).
peak_kb() {
  local log="$OUT/.time-v.log"
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || true
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$log"
}

# cpu_per_wall CMD...: CPU time (user + system) ÷ wall time of one run of CMD
# (output discarded): about 1 for a run on one core, up to the core count.
cpu_per_wall() {
  local log="$OUT/.time-cpu.log"
  /usr/bin/time -f '%e %U %S' "$@" > /dev/null 2> "$log" || true
  tail -1 "$log" | awk '{ if ($1 > 0) printf "%.3f\n", ($2 + $3) / $1; else print 0 }'
}

# record KEY LABEL VALUE: one result line for the table.
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; }
