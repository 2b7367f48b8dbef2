#!/usr/bin/env bash
# The RSS export is read back field by field by feedparser (bozo == 0) and
# rss-parser (npm), on the sample batch and on hostile (but valid) text.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for input in fixtures/articles.ndjson tests/interop/rss/hostile.ndjson; do
  [[ -f "$input" ]] || { echo "check-rss: missing input $input" >&2; exit 1; }
  "$ARTICLEKIT" export --to rss --channel fixtures/channel.toml "$input" >"$work/feed.xml"
  python3 tests/interop/rss/check_feedparser.py "$work/feed.xml" "$input" fixtures/channel.toml
  node tests/interop/rss/check_rss_parser.js "$work/feed.xml" "$input"
  # Byte-identical output for the same input (no wall clock).
  "$ARTICLEKIT" export --to rss --channel fixtures/channel.toml "$input" | cmp - "$work/feed.xml"
done
echo "rss: feedparser and rss-parser read every field back; output is reproducible"
