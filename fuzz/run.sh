#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), seeding each corpus
# from fixtures/ first. Needs a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz --locked`). Crashes land in fuzz/artifacts/<target>/;
# copy each into fixtures/fuzz-regressions/<target>/ once fixed, so the test
# suite replays it.
#
#   bash fuzz/run.sh            # 10 minutes per target
#   bash fuzz/run.sh 30         # the CI smoke run
#   bash fuzz/run.sh 600 validate page   # only these targets
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=(page csv_reader validate exporters fast_path)
[[ $# -gt 0 ]] && targets=("$@")

seed() {
  local target=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $target in
    page)
      cp ../fixtures/pages/*.txt ../fixtures/pages-bad/*.txt "$dir"/ ;;
    csv_reader)
      cp ../fixtures/validate/*.csv "$dir"/ 2>/dev/null || true
      cp ../fixtures/bad/*.csv "$dir"/ 2>/dev/null || true ;;
    validate)
      # The first byte chooses the format: 0 NDJSON, 1 JSON, 2 CSV, 3 page.
      local f
      for f in ../fixtures/validate/*.ndjson ../fixtures/bad/*.ndjson; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x00'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      for f in ../fixtures/validate/*.json ../fixtures/bad/*.json; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x01'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      for f in ../fixtures/validate/*.csv ../fixtures/bad/*.csv; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x02'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      { printf '\x03'; cat ../fixtures/pages/000_b0960e193d69778f.txt; } >"$dir/seed.txt"
      { printf '\x00'; head -n 3 ../fixtures/articles.ndjson; } >"$dir/articles.ndjson" ;;
    exporters) ;; # structured input: libFuzzer builds its own
    fast_path)
      # Valid records and records at the edges of the rules, one per file
      # (first byte 0: NDJSON, articles built; 0x80: not built), plus the
      # fixtures as NDJSON, JSON and CSV.
      local f n=0
      while IFS= read -r line; do
        n=$((n + 1))
        { printf '\x00'; printf '%s\n' "$line"; } >"$dir/valid-$n.ndjson"
      done < <(head -n 40 ../fixtures/articles.ndjson)
      for f in ../fixtures/validate/*.ndjson ../fixtures/bad/*.ndjson; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x80'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      for f in ../fixtures/validate/*.json ../fixtures/bad/*.json; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x01'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      for f in ../fixtures/validate/*.csv ../fixtures/csv/*.csv; do
        [[ -f $f && $(stat -c %s "$f") -lt 65536 ]] && { printf '\x02'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      if [[ -x ../target/release/articlekit-gen ]]; then
        n=0
        while IFS= read -r line; do
          n=$((n + 1))
          { printf '\x00'; printf '%s\n' "$line"; } >"$dir/gen-$n.ndjson"
        done < <(../target/release/articlekit-gen --count 300 --seed 7 --broken-rate 0.3 --edge-rate 0.5)
      fi ;;
  esac
  # Earlier crashes, fixed since, stay in the corpus.
  if [[ -d ../fixtures/fuzz-regressions/$target ]]; then
    cp ../fixtures/fuzz-regressions/"$target"/* "$dir"/ 2>/dev/null || true
  fi
}

for target in "${targets[@]}"; do
  seed "$target"
  echo "== fuzz $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|panicked|SUMMARY' || true
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz $target found a failing input: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: no target failed"
