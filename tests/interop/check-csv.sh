#!/usr/bin/env bash
# CSV export against the consumers' own tools, in plain and spreadsheet mode:
# - Python's csv module reads every row under the documented header, and each
#   row decoded by the documented layout is the NDJSON record it came from;
# - pandas reads the same cells;
# - `frictionless validate` passes on the Data Package sidecar;
# - `articlekit import --from csv` gives back the canonical NDJSON byte for byte.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # name input.ndjson [export flags...]
  local name=$1 input=$2
  shift 2
  local dir="$tmp/$name"
  mkdir -p "$dir"
  "$ARTICLEKIT" import --from ndjson -o "$dir/canonical.ndjson" "$input"
  "$ARTICLEKIT" export --to csv "$@" -o "$dir/a.csv" "$input"

  python3 - "$dir/a.csv" "$dir/canonical.ndjson" "$*" <<'PY'
import csv, io, json, re, sys

import pandas as pd

path, ndjson, flags = sys.argv[1], sys.argv[2], sys.argv[3]
excel = "--excel" in flags.split()
COLUMNS = (
    "metadata.id metadata.title metadata.language metadata.url metadata.published_at "
    "metadata.updated_at metadata.authors metadata.tags metadata.publisher.name "
    "metadata.publisher.tagline metadata.publisher.url metadata.source.url "
    "metadata.source.title metadata.source.subtitle metadata.source.publisher "
    "metadata.source.language metadata.source.text summary bullets attachments "
    "discussion_count"
).split()
LISTS = {"metadata.authors", "metadata.tags", "attachments"}

data = open(path, "rb").read()
bom = b"\xef\xbb\xbf"
assert data.startswith(bom) == excel, f"{path}: BOM present = {data.startswith(bom)}, excel = {excel}"
text = data.decode("utf-8-sig")
assert text.startswith(",".join(COLUMNS) + "\r\n"), f"{path}: header line is not the documented one with CRLF"
assert text.endswith("\r\n"), f"{path}: last row does not end with CRLF"

rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
header, rows = rows[0], rows[1:]
assert header == COLUMNS, header
expected = [json.loads(line) for line in open(ndjson, encoding="utf-8")]
assert len(rows) == len(expected), f"{len(rows)} rows, {len(expected)} records"

def restore(cell):
    # Spreadsheet mode put one apostrophe before cells that start with
    # apostrophes and then a formula character.
    return cell[1:] if excel and re.match(r"'+[=+\-@\t\r]", cell) else cell

def decode(row):
    record = {}
    for name, cell in zip(COLUMNS, row):
        if name != "discussion_count":
            cell = restore(cell)
        if cell == "":
            continue
        if name in LISTS:
            value = json.loads(cell)
            assert isinstance(value, list) and value, (name, cell)
        elif name == "bullets":
            value = cell.split("\n")
        elif name == "discussion_count":
            assert re.fullmatch(r"[0-9]+", cell), cell
            value = int(cell)
        else:
            value = cell
        *parents, key = name.split(".")
        node = record
        for parent in parents:
            node = node.setdefault(parent, {})
        node[key] = value
    return record

dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
for number, (row, want) in enumerate(zip(rows, expected), start=1):
    assert len(row) == len(COLUMNS), f"row {number}: {len(row)} fields"
    if excel:
        for name, cell in zip(COLUMNS, row):
            assert not re.match(r"[=+\-@\t\r]", cell), f"row {number} {name}: formula cell {cell!r}"
    got = decode(row)
    assert dump(got) == dump(want), f"row {number}:\n got  {dump(got)}\n want {dump(want)}"

frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
assert list(frame.columns) == COLUMNS, list(frame.columns)
assert frame.values.tolist() == rows, "pandas reads other cells than the csv module"
mode = "spreadsheet" if excel else "plain"
print(f"csv ({mode}): {len(rows)} rows read by csv and pandas, each equal to its NDJSON record")
PY

  local sidecar
  sidecar=$(find "$dir" -maxdepth 1 -name '*datapackage.json' | head -n 1)
  if [[ -z "$sidecar" ]]; then
    echo "no *datapackage.json sidecar written beside $dir/a.csv" >&2
    exit 1
  fi
  frictionless validate "$sidecar"

  "$ARTICLEKIT" import --from csv -o "$dir/back.ndjson" "$dir/a.csv"
  diff -u "$dir/canonical.ndjson" "$dir/back.ndjson"
  echo "csv ($name): frictionless valid; import --from csv gives back the canonical NDJSON byte for byte"
}

for input in fixtures/articles.ndjson fixtures/csv/hostile.ndjson; do
  base=$(basename "$input" .ndjson)
  check "$base-plain" "$input"
  check "$base-excel" "$input" --excel
done
echo "csv: all checks passed"
