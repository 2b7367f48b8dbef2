#!/usr/bin/env bash
# Columnar and spreadsheet benchmark (issue 11's targets).
#
#   bench/columnar.sh [N]          N records, default 20000 (~110 MB)
#
# On ONE deterministic generated batch (all valid, bench/out/batch-N-seedS.ndjson)
# it times, side by side in one run:
#   - articlekit validate of the NDJSON (the time the others are held to)
#   - articlekit export --to parquet, and import --from parquet of that file
#   - articlekit export --to xlsx, and import --from xlsx of that workbook
# then the Parquet file's size ÷ the NDJSON's, and the peak memory (RSS) of
# the Parquet export and import and of the XLSX export at 10,000 and 100,000
# records.
# Targets (issue 11): export --to parquet ≤ 1.5× validate; import --from
# parquet ≤ 1× validate; Parquet ≤ 0.35× the NDJSON; peak memory at 100k
# ≤ 1.25× at 10k or ≤ +16 MiB; the XLSX export in bounded memory.
# Environment: see bench/lib.sh (BENCH_RUNS, BENCH_SKIP_BUILD, BENCH_SEED).
source "$(dirname "$0")/lib.sh"

N="${1:-20000}"
build
RESULTS="$OUT/columnar-results.tsv"
: > "$RESULTS"

file="$(batch "$N")"
record meta records "$N"
record meta bytes "$(stat -c %s "$file")"
record meta cores "$CORES"
record meta load "$(cut -d' ' -f1-3 /proc/loadavg)"

parquet="$OUT/.columnar-$N.parquet"
xlsx="$OUT/.columnar-$N.xlsx"
"$ARTICLEKIT" export --quiet --to parquet -o "$parquet" "$file"
"$ARTICLEKIT" export --quiet --to xlsx -o "$xlsx" "$file"
record meta parquet-ratio "$(python3 -c 'import os,sys; print("%.3f" % (os.path.getsize(sys.argv[1]) / os.path.getsize(sys.argv[2])))' "$parquet" "$file")"

note "timing validate, export/import parquet, export/import xlsx (interleaved, $RUNS runs each)"
record time validate "$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"
record time export-parquet "$(seconds "$RUNS" "$ARTICLEKIT" export --quiet --to parquet -o "$OUT/.columnar-out.parquet" "$file")"
record time import-parquet "$(seconds "$RUNS" "$ARTICLEKIT" import --quiet "$parquet")"
record time export-xlsx "$(seconds "$RUNS" "$ARTICLEKIT" export --quiet --to xlsx -o "$OUT/.columnar-out.xlsx" "$file")"
record time import-xlsx "$(seconds "$RUNS" "$ARTICLEKIT" import --quiet "$xlsx")"
# validate once more at the end: a machine whose load changed shows here.
record time validate-again "$(seconds "$RUNS" "$ARTICLEKIT" validate --quiet "$file")"

for n in 10000 100000; do
  f="$(batch "$n")"
  p="$OUT/.columnar-mem-$n.parquet"
  note "peak memory on $n records"
  record mem "export-parquet-$n" "$(peak_kb "$ARTICLEKIT" export --quiet --to parquet -o "$p" "$f")"
  record mem "import-parquet-$n" "$(peak_kb "$ARTICLEKIT" import --quiet "$p")"
  record mem "export-xlsx-$n" "$(peak_kb "$ARTICLEKIT" export --quiet --to xlsx -o "$OUT/.columnar-mem.xlsx" "$f")"
  rm -f "$p" "$OUT/.columnar-mem.xlsx"
done

python3 - "$RESULTS" <<'PY'
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
meta = {k: v for kind, k, v in rows if kind == "meta"}
time = {k: float(v) for kind, k, v in rows if kind == "time"}
mem = {k: int(v) for kind, k, v in rows if kind == "mem" and v}
print(f"columnar: {meta['records']} records, {int(meta['bytes']) / 1e6:.1f} MB NDJSON, "
      f"{meta['cores']} cores, load {meta['load']}")
base = time["validate"]
print(f"{'command':<44} {'seconds':>8} {'÷ validate':>11}  target")
targets = {"export-parquet": 1.5, "import-parquet": 1.0}
labels = {
    "validate": "articlekit validate (NDJSON)",
    "export-parquet": "articlekit export --to parquet",
    "import-parquet": "articlekit import --from parquet",
    "export-xlsx": "articlekit export --to xlsx",
    "import-xlsx": "articlekit import --from xlsx",
    "validate-again": "articlekit validate (NDJSON), again",
}
for key, label in labels.items():
    if key not in time:
        continue
    ratio = time[key] / base
    target = targets.get(key)
    verdict = "" if target is None else f"≤ {target}× {'met' if ratio <= target else 'NOT met'}"
    print(f"{label:<44} {time[key]:>8.3f} {ratio:>10.2f}×  {verdict}")
ratio = float(meta["parquet-ratio"])
print(f"Parquet size ÷ NDJSON size: {ratio:.3f} (≤ 0.35 {'met' if ratio <= 0.35 else 'NOT met'})")
print(f"{'peak memory (RSS)':<30} {'10k':>9} {'100k':>9}  100k ÷ 10k")
for what in ("export-parquet", "import-parquet", "export-xlsx"):
    a, b = mem.get(f"{what}-10000"), mem.get(f"{what}-100000")
    if a is None or b is None:
        continue
    flat = b <= 1.25 * a or b - a <= 16 * 1024
    print(f"{what:<30} {a / 1024:>6.1f}MiB {b / 1024:>6.1f}MiB  {b / a:.2f}× ({(b - a) / 1024:+.1f} MiB) "
          f"{'flat' if flat else 'NOT flat'} (≤ 1.25× or ≤ +16 MiB)")
PY
