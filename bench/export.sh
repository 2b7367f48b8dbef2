#!/usr/bin/env bash
# Export benchmark (issue 4, item 7; issue 9's targets).
#
#   bench/export.sh [N]            N records, default 20000 (~110 MB)
#
# On ONE deterministic generated batch (all valid, bench/out/batch-N-seedS.ndjson)
# it times, side by side:
#   - articlekit export --to rss (channel fixtures/channel.toml), --to jsonld,
#     --to csv; each validates the batch first, as the command always does
#   - the cost of only parsing the same lines with serde_json (the floor:
#     `articlekit-gen parse-only`, all cores and one thread)
#   - npm `feed` (bench/rss-feed.mjs) and python `feedgen` on lxml
#     (bench/rss_feedgen.py) building RSS 2.0 from the same records with the
#     same item mapping
# then the peak memory of the CSV export at 10,000 and 100,000 records.
#   - articlekit validate on the same batch, the time each export is held to
#   - each export with --jobs 1: CPU time ÷ wall time (one core means ≈ 1)
# Targets (issue 4): RSS export ≥ 5× faster than both feed and feedgen and
# ≤ 2× the parse-only time; CSV export peak RSS at 100k ≤ 1.25× at 10k.
# Targets (issue 9): every export ≤ 1.3× validate; --jobs 1 CPU ÷ wall ≤ 1.15.
# A command or tool that is missing is reported as skipped, not as a failure.
source "$(dirname "$0")/lib.sh"

N="${1:-20000}"
build
RESULTS="$OUT/export-results.tsv"
: > "$RESULTS"

file="$(batch "$N")"
record meta records "$N"
record meta bytes "$(stat -c %s "$file")"
record meta cores "$CORES"
record meta file "${file#"$ROOT"/}"
record meta load "$(cut -d' ' -f1-3 /proc/loadavg)"
record meta version-feed "$(pkg_version feed)"
record meta version-feedgen "$(python3 -c 'from importlib.metadata import version; print(version("feedgen"))' 2> /dev/null || echo '?')"

channel="$ROOT/fixtures/channel.toml"
export_args() {
  case "$1" in
    rss | atom | jsonfeed) printf '%s\n' --to "$1" --channel "$channel" ;;
    parquet | xlsx) printf '%s\n' --to "$1" -o /dev/null ;;
    *) printf '%s\n' --to "$1" ;;
  esac
}

note "timing articlekit validate"
record time validate "$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"

for format in rss jsonld csv atom jsonfeed parquet xlsx; do
  mapfile -t args < <(export_args "$format")
  if "$ARTICLEKIT" export "${args[@]}" "$file" > "$OUT/.export.out" 2> "$OUT/.export.err"; then
    note "timing articlekit export --to $format"
    record time "$format" "$(seconds "$RUNS" "$ARTICLEKIT" export "${args[@]}" "$file")"
    note "CPU ÷ wall of articlekit export --to $format --jobs 1"
    record cpu "$format-jobs1" "$(cpu_per_wall "$ARTICLEKIT" export "${args[@]}" --jobs 1 "$file")"
  else
    record skip "$format" "articlekit export --to $format failed: $(head -c 200 "$OUT/.export.err" | tr '\n' ' ')"
  fi
done

if "$ARTICLEKIT" export --to parquet -o "$OUT/.batch.parquet" "$file" 2> /dev/null; then
  note "timing articlekit import --from parquet (of the exported batch)"
  record time import-parquet "$(seconds "$RUNS" "$ARTICLEKIT" import --quiet "$OUT/.batch.parquet")"
  record meta parquet-ratio "$(python3 -c 'import os,sys; print("%.3f" % (os.path.getsize(sys.argv[1]) / os.path.getsize(sys.argv[2])))' "$OUT/.batch.parquet" "$file")"
fi

note "timing parse-only (serde_json::Value per line)"
"$GEN" parse-only "$file" | grep -q "errors=0 " || { note "parse-only found errors in the batch"; exit 1; }
record time parse-all "$(seconds "$RUNS" "$GEN" parse-only "$file")"
record time parse-one "$(seconds "$RUNS" "$GEN" parse-only --threads 1 "$file")"

if have node && node "$ROOT/bench/rss-feed.mjs" "$file" > "$OUT/.feed.xml" 2> "$OUT/.feed.err"; then
  note "timing npm feed"
  record time feed "$(seconds "$RUNS" node "$ROOT/bench/rss-feed.mjs" "$file")"
else
  record skip feed "node with npm feed not available: (cd tests/interop && npm ci) $(head -c 200 "$OUT/.feed.err" 2> /dev/null | tr "\n\t" "  ")"
fi

if python3 "$ROOT/bench/rss_feedgen.py" "$file" > "$OUT/.feedgen.xml" 2> "$OUT/.feedgen.err"; then
  note "timing python feedgen"
  record time feedgen "$(seconds "$RUNS" python3 "$ROOT/bench/rss_feedgen.py" "$file")"
else
  record skip feedgen "python feedgen not available: pip install -r tests/interop/requirements.txt $(tail -1 "$OUT/.feedgen.err" 2> /dev/null)"
fi

if grep -q '^time	csv' "$RESULTS"; then
  for n in 10000 100000; do
    f="$(batch "$n")"
    note "peak memory of articlekit export --to csv on $n records"
    record mem "csv-$n" "$(peak_kb "$ARTICLEKIT" export --to csv "$f")"
  done
fi

python3 "$ROOT/bench/table.py" export "$RESULTS"
