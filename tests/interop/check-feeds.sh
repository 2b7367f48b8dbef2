#!/usr/bin/env bash
# The Atom, JSON Feed and Google News sitemap exports, WebSub hubs and RFC
# 5005 archives, read back by the consumers' own tools: feedparser and lxml
# (Atom, every field compared with the records), a JSON Feed 1.1 schema and
# field comparison (feedparser 6.0 has no JSON Feed reader), Google's
# sitemap rules with lxml, and archives that stay byte-identical as the
# batch grows.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feeds=tests/interop/feeds

# The channel with hubs and an archive base, for the WebSub and archive checks.
cp fixtures/channel.toml "$work/channel.toml"
python3 - "$work/channel.toml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
extra = ('hubs = ["https://hub.songai.example/", "https://pubsubhubbub.example/?a=1&b=2"]\n'
         'archive_base = "https://songai.example/archive/"\n')
open(path, "w", encoding="utf-8").write(extra + text)
PY

# 2,500 articles of the last day, for the split into several sitemaps.
python3 - "$work/fresh.ndjson" <<'PY'
import datetime, json, sys
start = datetime.datetime(2025, 7, 20, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(2500):
        when = (start - datetime.timedelta(seconds=30 * i)).isoformat()
        f.write(json.dumps({
            "metadata": {"id": f"fresh-{i}", "title": f"Tin nóng {i} <&> ]]>", "language": "vi",
                         "url": f"https://songai.example/tin/{i}?a=1&b=2", "published_at": when},
            "summary": "Tóm tắt.", "bullets": ["Ý chính."], "discussion_count": i}, ensure_ascii=False) + "\n")
PY

for input in fixtures/articles.ndjson tests/interop/rss/hostile.ndjson; do
  [[ -f "$input" ]] || { echo "check-feeds: missing input $input" >&2; exit 1; }
  for channel in fixtures/channel.toml "$work/channel.toml"; do
    "$ARTICLEKIT" export --to atom --channel "$channel" "$input" >"$work/feed.atom"
    python3 "$feeds/check_atom.py" "$work/feed.atom" "$input" "$channel"
    "$ARTICLEKIT" export --to jsonfeed --channel "$channel" "$input" >"$work/feed.json"
    python3 "$feeds/check_jsonfeed.py" "$work/feed.json" "$input" "$channel"
    # Byte-identical output for the same input (no wall clock).
    "$ARTICLEKIT" export --to atom --channel "$channel" "$input" | cmp - "$work/feed.atom"
    "$ARTICLEKIT" export --to jsonfeed --channel "$channel" "$input" | cmp - "$work/feed.json"
  done
  # RSS announces the hubs too.
  "$ARTICLEKIT" export --to rss --channel "$work/channel.toml" "$input" >"$work/feed.rss"
  python3 tests/interop/rss/check_feedparser.py "$work/feed.rss" "$input" "$work/channel.toml"
  python3 - "$work/feed.rss" <<'PY'
import sys, feedparser
hubs = [l["href"] for l in feedparser.parse(sys.argv[1]).feed.get("links", []) if l.get("rel") == "hub"]
assert hubs == ["https://hub.songai.example/", "https://pubsubhubbub.example/?a=1&b=2"], hubs
PY

  # The news sitemap: the default window (the newest article) and a given one.
  rm -rf "$work/sitemap" && mkdir "$work/sitemap"
  "$ARTICLEKIT" export --to news-sitemap --channel fixtures/channel.toml --out-dir "$work/sitemap" "$input"
  python3 "$feeds/check_sitemap.py" "$work/sitemap" "$input" fixtures/channel.toml
  rm -rf "$work/sitemap" && mkdir "$work/sitemap"
  "$ARTICLEKIT" export --to news-sitemap --channel fixtures/channel.toml --now 2025-09-22T00:00:00Z \
    --out-dir "$work/sitemap" "$input"
  python3 "$feeds/check_sitemap.py" "$work/sitemap" "$input" fixtures/channel.toml 2025-09-22T00:00:00Z
done

rm -rf "$work/sitemap" && mkdir "$work/sitemap"
"$ARTICLEKIT" export --to news-sitemap --channel fixtures/channel.toml --out-dir "$work/sitemap" "$work/fresh.ndjson"
python3 "$feeds/check_sitemap.py" "$work/sitemap" "$work/fresh.ndjson" fixtures/channel.toml
[[ -f "$work/sitemap/news-sitemap-3.xml" && ! -e "$work/sitemap/news-sitemap-4.xml" ]]

# RFC 5005: 40 articles, then all 60; every full archive unchanged.
head -n 40 fixtures/articles.ndjson >"$work/first40.ndjson"
for format in atom rss; do
  for batch in first40 all; do
    input="$work/first40.ndjson"; [[ "$batch" == all ]] && input=fixtures/articles.ndjson
    rm -rf "$work/$format-$batch" && mkdir "$work/$format-$batch"
    "$ARTICLEKIT" export --to "$format" --channel "$work/channel.toml" --archive-size 10 \
      --out-dir "$work/$format-$batch" "$input"
  done
  python3 "$feeds/check_archives.py" "$format" "$work/$format-first40" "$work/$format-all" 10
done
echo "feeds: Atom, JSON Feed, news sitemaps, hubs and archives read back by their consumers"
