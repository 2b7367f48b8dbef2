#!/usr/bin/env bash
# Resource limits on adversarial inputs: peak memory and wall time of the
# release binary under /usr/bin/time -v, with PASS/FAIL against the memory
# bound, and a linearity check (the same kind of input at two sizes).
#
#   bench/limits.sh            # everything (~3 GB of inputs in bench/out/limits, a few minutes)
#   BENCH_SKIP_BUILD=1 bench/limits.sh
#
# The memory bound (stated, and checked on every row):
#
#   max RSS <= 64 MiB + 8 x max(S, 4 MiB x J)
#
#   S = the largest record articlekit has to hold: min(largest record of the
#       input, --max-record-bytes); a longer line is skipped or spilled to a
#       temporary file, never held whole (16 MiB by default).
#   J = worker threads (--jobs, all cores by default): the records being
#       checked at once are bounded by 4 MiB of input per worker.
#
# Why 8 x: a record parsed takes several times its text, and a record may
# hold at most one JSON value per 32 bytes of --max-record-bytes (a page one
# line per 64 bytes, a CSV row one value per 32 bytes), else it is a `size`
# error, so no record takes more than about 7 times its size. Memory does not
# grow with the number of records, except for the duplicate-id rule: each
# distinct metadata.id is kept exactly, its length + 15 to 20 bytes; the
# "10,000,000 unique ids" row adds (average id length + 20 bytes) x 10M to
# its bound. `export` also holds output that must wait for the end of the
# run (staged standard output, a feed's held items): at most --buffer-bytes
# (16 MiB) in memory, the rest in a temporary file; its bound adds that.
#
# Not a test: nothing here runs in CI. Times are wall-clock on a shared
# machine; the linearity check allows 50% and 0.1 s of noise.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -x /usr/bin/time ]]; then
  note "installing GNU time (apt-get install -y time)"
  apt-get install -y time > /dev/null
fi

build
DIR="$OUT/limits"
mkdir -p "$DIR"
J="$CORES"
MAX_RECORD=$((16 * 1024 * 1024))
CHANNEL="$ROOT/fixtures/channel.toml"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"

# ---------------------------------------------------------------- inputs

# line N: one NDJSON record whose title is N bytes of `x`.
make_line() {
  local n="$1" file="$DIR/line-$1.ndjson"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    {
      printf '{"metadata":{"id":"big","title":"'
      head -c "$n" /dev/zero | tr '\0' x
      printf '","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0}\n'
    } > "$file"
  fi
  printf '%s\n' "$file"
}

# brackets N EXT: N `[` and nothing else.
make_brackets() {
  local n="$1" file="$DIR/brackets-$1.$2"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    head -c "$n" /dev/zero | tr '\0' '[' > "$file"
  fi
  printf '%s\n' "$file"
}

# newlines N: N line feeds.
make_newlines() {
  local n="$1" file="$DIR/newlines-$1.ndjson"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    head -c "$n" /dev/zero | tr '\0' '\n' > "$file"
  fi
  printf '%s\n' "$file"
}

# bullets N: the seed page with N bullets (a blank line after each, as in the seed).
make_bullets() {
  local n="$1" file="$DIR/bullets-$1.txt"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    python3 - "$ROOT/fixtures/pages/000_b0960e193d69778f.txt" "$n" "$file" << 'EOF'
import sys
seed, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(seed, encoding="utf-8").read().split("\n")
bullets = [i for i, l in enumerate(lines) if l.lstrip().startswith("•")]
body = []
for k in range(n):
    body += [f"  • Ý số {k}: một ý ngắn của bài.", ""]
page = lines[: bullets[0]] + body + lines[bullets[-1] + 1 :]
open(out, "w", encoding="utf-8").write("\n".join(page))
EOF
  fi
  printf '%s\n' "$file"
}

# dense: 8 valid records of ~15.7 MB, each with 524,000 tags of 28
# characters: about the most values a record may hold (one per 32 bytes of
# the 16 MiB limit), the worst case for memory.
make_dense() {
  local file="$DIR/dense-tags.ndjson"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    python3 - "$file" << 'EOF'
import sys
with open(sys.argv[1], "w") as f:
    tags = ",".join('"t%027d"' % k for k in range(524_000))
    for i in range(8):
        f.write('{"metadata":{"id":"d%d","title":"T","language":"vi","tags":[%s]},"summary":"S","bullets":["B"],"discussion_count":0}\n' % (i, tags))
EOF
  fi
  printf '%s\n' "$file"
}

# dense_csv: 3 CSV rows whose bullets cell is 7 million one-letter lines;
# dense_page: a page of 2,500,000 one-letter bullets. Both are refused
# (`size`: too many values, too many lines) before they are built.
make_dense_csv() {
  local file="$DIR/dense-bullets.csv"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    python3 - "$file" << 'EOF2'
import sys
with open(sys.argv[1], "w") as f:
    f.write("metadata.id,metadata.title,metadata.language,summary,bullets,discussion_count\n")
    for i in range(3):
        f.write('r%d,T,vi,S,"%s",1\n' % (i, "\n".join(["a"] * 7_000_000)))
EOF2
  fi
  printf '%s\n' "$file"
}

make_dense_page() {
  local file="$DIR/dense-page.txt"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    python3 - "$ROOT/fixtures/pages/000_b0960e193d69778f.txt" "$file" << 'EOF2'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bullets = [i for i, l in enumerate(lines) if l.lstrip().startswith("•")]
page = lines[: bullets[0]] + ["• a"] * 2_500_000 + lines[bullets[-1] + 1 :]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(page))
EOF2
  fi
  printf '%s\n' "$file"
}

# ids N: N minimal valid records with the distinct ids r0 .. r(N-1).
make_ids() {
  local n="$1" file="$DIR/ids-$1.ndjson"
  if [[ ! -s "$file" ]]; then
    note "generating ${file#"$ROOT"/}"
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"metadata\":{\"id\":\"r%d\",\"title\":\"T\",\"language\":\"vi\"},\"summary\":\"S\",\"bullets\":[\"B\"],\"discussion_count\":0}\n", i }' > "$file"
  fi
  printf '%s\n' "$file"
}

# largest FILE: the longest line in bytes (the whole file for a page, a JSON document or a CSV).
largest() {
  case "$1" in
    *.txt|*.json|*.csv) stat -c %s "$1" ;;
    *) LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m + 1 }' "$1" ;;
  esac
}

# ---------------------------------------------------------------- runs

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# measure LABEL S_BYTES CMD...: one row: peak RSS, wall time, bound, verdict.
measure() {
  local label="$1" held="$2"
  shift 2
  local log="$DIR/.time.log" code=0
  /usr/bin/time -v -o "$log" "$@" > /dev/null 2>&1 || code=$?
  local kb wall
  kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")"
  local s="$held" floor=$((4 * 1024 * 1024 * J))
  ((s > MAX_RECORD)) && s="$MAX_RECORD"
  ((s < floor)) && s="$floor"
  local hold=0
  [[ " $* " == *" export "* ]] && hold=$((16 * 1024 * 1024))
  local bound_kb=$(((64 * 1024 * 1024 + 8 * s + hold + ${IDS_BYTES:-0}) / 1024))
  local verdict=PASS
  ((kb > bound_kb)) && verdict=FAIL
  [[ "$code" -gt 2 ]] && verdict="FAIL (exit $code)"
  local cmd="${*:2}"
  cmd="${cmd//$DIR\//}"
  cmd="${cmd//$ROOT\//}"
  printf '| %s | `%s` | %s | %s | %s | %s | %s |\n' \
    "$label" "$cmd" "$code" "$(mib "$kb")" "$wall" "$(mib "$bound_kb")" "$verdict" | tee -a "$RESULTS"
}

# every LABEL FILE: the input through validate, import and the three exports.
every() {
  local label="$1" file="$2" held
  held="$(largest "$file")"
  measure "$label" "$held" "$ARTICLEKIT" validate --quiet "$file"
  measure "$label" "$held" "$ARTICLEKIT" import --quiet "$file"
  measure "$label" "$held" "$ARTICLEKIT" export --quiet --to csv --skip-invalid "$file"
  measure "$label" "$held" "$ARTICLEKIT" export --quiet --to rss --channel "$CHANNEL" --skip-invalid "$file"
  measure "$label" "$held" "$ARTICLEKIT" export --quiet --to jsonld --skip-invalid "$file"
}

printf '\narticlekit %s, %s cores, load %s\n\n' "$("$ARTICLEKIT" --version | awk '{ print $2 }')" "$CORES" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Memory bound: max RSS <= 64 MiB + 8 x max(S, 4 MiB x %s workers), S = min(largest record, %s MiB), + 16 MiB of held output for export\n\n' "$J" $((MAX_RECORD >> 20))
printf '| input | command | exit | max RSS MiB | wall s | bound MiB | verdict |\n|---|---|---|---|---|---|---|\n'

every "200 MB single line" "$(make_line 200000000)"
every "10 million \`[\` (NDJSON)" "$(make_brackets 10000000 ndjson)"
every "10 million \`[\` (JSON)" "$(make_brackets 10000000 json)"
every "page of 100,000 bullets" "$(make_bullets 100000)"
every "1,000,000 newlines" "$(make_newlines 1000000)"
every "100,000 records (550 MB)" "$(batch 100000)"
BATCH="$(batch 100000)"
measure "100,000 records, \`--limit\` over the count" "$(largest "$BATCH")" "$ARTICLEKIT" export --quiet --to rss --channel "$CHANNEL" --skip-invalid --limit 1000000 "$BATCH"
measure "100,000 records, \`--limit\` over the count" "$(largest "$BATCH")" "$ARTICLEKIT" export --quiet --to rss --channel "$CHANNEL" --skip-invalid --limit 1000000 --newest-first "$BATCH"
# 10M distinct ids of 7.9 bytes on average (r0 .. r9999999): the bound adds
# (7.9 + 20) bytes per id for the duplicate-id set. About 40 s.
IDS="$(make_ids 10000000)"
IDS_BYTES=$((10000000 * 279 / 10)) measure "10,000,000 unique ids (1.1 GB)" "$(largest "$IDS")" "$ARTICLEKIT" validate --quiet "$IDS"
every "8 records of 524k tags (densest)" "$(make_dense)"
every "CSV rows of 7M bullet lines" "$(make_dense_csv)"
every "page of 2,500,000 one-letter bullets" "$(make_dense_page)"

# ---------------------------------------------------------------- linearity

# best_of CMD...: the best wall time of 3 runs, in seconds.
best_of() {
  local best="" t
  for _ in 1 2 3; do
    /usr/bin/time -f '%e' -o "$DIR/.time" "$@" > /dev/null 2>&1 || true
    t="$(tail -1 "$DIR/.time")"
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
  done
  printf '%s\n' "$best"
}

# linear LABEL SMALL BIG CMD...: time ratio against size ratio.
linear() {
  local label="$1" small="$2" big="$3"
  shift 3
  local ss sb ts tb
  ss="$(stat -c %s "$small")"
  sb="$(stat -c %s "$big")"
  ts="$(best_of "$@" "$small")"
  tb="$(best_of "$@" "$big")"
  awk -v l="$label" -v ss="$ss" -v sb="$sb" -v ts="$ts" -v tb="$tb" -v cmd="${1##*/} ${*:2}" 'BEGIN {
    size = sb / ss; time = (ts > 0) ? tb / ts : 0
    ok = (tb <= 1.5 * size * ts + 0.1) ? "PASS" : "FAIL (superlinear)"
    printf "| %s | `%s` | %.0f → %.0f MB | %.2f → %.2f s | %.2f | %.2f | %s |\n", l, cmd, ss / 1e6, sb / 1e6, ts, tb, size, time, ok
  }' | tee -a "$RESULTS"
}

printf '\nLinearity (best of 3; PASS when time(big) <= 1.5 x size ratio x time(small) + 0.1 s)\n\n'
printf '| input | command | size | time | size ratio | time ratio | verdict |\n|---|---|---|---|---|---|---|\n'
linear "single line" "$(make_line 100000000)" "$(make_line 200000000)" "$ARTICLEKIT" validate --quiet
linear "\`[\` (NDJSON)" "$(make_brackets 5000000 ndjson)" "$(make_brackets 10000000 ndjson)" "$ARTICLEKIT" validate --quiet
linear "\`[\` (JSON)" "$(make_brackets 5000000 json)" "$(make_brackets 10000000 json)" "$ARTICLEKIT" validate --quiet
linear "bullets" "$(make_bullets 50000)" "$(make_bullets 100000)" "$ARTICLEKIT" validate --quiet
linear "newlines" "$(make_newlines 1000000)" "$(make_newlines 2000000)" "$ARTICLEKIT" validate --quiet
linear "records" "$(batch 50000)" "$(batch 100000)" "$ARTICLEKIT" validate --quiet
linear "records" "$(batch 50000)" "$(batch 100000)" "$ARTICLEKIT" export --quiet --to csv

if grep -q FAIL "$RESULTS"; then
  printf '\nSome rows FAIL (see above).\n'
  exit 1
fi
printf '\nAll rows PASS.\n'
