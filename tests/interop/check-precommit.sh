#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by pre-commit itself with
# `pre-commit try-repo` in a scratch git repository:
# - articlekit-validate passes on a valid batch and fails on a broken one;
# - articlekit-schema-drift passes on the committed schema and fails on an edited copy.
# The hooks are `language: system` (see the comment in .pre-commit-hooks.yaml
# for why `language: rust` cannot build this workspace): `articlekit` on PATH
# is $ARTICLEKIT.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"
repo=$PWD

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# try-repo takes the hooks from a git repository: a snapshot of this work tree.
hooks="$tmp/hooks"
mkdir -p "$hooks"
git -C "$hooks" init --quiet
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -C "$hooks" -xf -
mkdir -p "$tmp/bin"
ln -s "$ARTICLEKIT" "$tmp/bin/articlekit"
export PATH="$tmp/bin:$PATH"
git -C "$hooks" add -A
git -C "$hooks" -c user.name=ci -c user.email=ci@localhost commit --quiet --allow-empty -m snapshot

work="$tmp/work"
mkdir -p "$work/schemas"
git -C "$work" init --quiet
head -n 5 fixtures/articles.ndjson >"$work/good.ndjson"
cp fixtures/bad/truncated.ndjson "$work/bad.jsonl"
cp schemas/article.schema.json "$work/schemas/article.schema.json"
git -C "$work" add -A

try() { # expected-status hook files...
  local expected=$1 hook=$2
  shift 2
  local status=0
  (cd "$work" && pre-commit try-repo "$hooks" "$hook" --files "$@") >"$tmp/out" 2>&1 || status=$?
  if [ "$status" -ne "$expected" ]; then
    cat "$tmp/out"
    echo "precommit: $hook on $* exited $status, expected $expected" >&2
    exit 1
  fi
}

export PRE_COMMIT_HOME="$tmp/cache"
try 0 articlekit-validate good.ndjson
try 1 articlekit-validate good.ndjson bad.jsonl
try 0 articlekit-schema-drift schemas/article.schema.json
sed -i 's/"title"/"titel"/' "$work/schemas/article.schema.json"
try 1 articlekit-schema-drift schemas/article.schema.json
echo "precommit: both hooks pass and fail as they should"
