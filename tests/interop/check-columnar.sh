#!/usr/bin/env bash
# Parquet and XLSX exports against the consumers' own tools:
# - pyarrow reads the Parquet file with the documented types (nested
#   structs and lists, timestamps with a UTC zone), and every row, rebuilt
#   by the documented rules, is the NDJSON record it came from;
# - DuckDB, polars and pandas read the same row count, ids, instants
#   (as instants: equal to pyarrow's), lists and counts;
# - `articlekit import --from parquet` gives back the canonical NDJSON byte
#   for byte, also from files DuckDB, polars and pandas wrote again;
# - a wrong column type is an error naming the column; a bad value is an
#   error located by row;
# - openpyxl and pandas read the workbook: the CSV header, frozen and bold,
#   every text a string cell equal to the CSV cell, URLs as hyperlinks (on
#   the first 5,000 rows, plain text after);
# - `articlekit import --from xlsx` gives back the canonical NDJSON byte for
#   byte; a workbook saved again by LibreOffice, and LibreOffice's CSV of it,
#   import to the same records but for carriage returns, which LibreOffice
#   turns into line feeds; a workbook edited with openpyxl (a title changed,
#   a row added) imports with the edits.
#
# Python packages: tests/interop/requirements-columnar.txt. LibreOffice:
# `soffice` on PATH (Debian: libreoffice-calc-nogui).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ARTICLEKIT:?set ARTICLEKIT to the articlekit binary}"

tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT

# The fixture batch, and the hostile one (formulas, quotes, CR, tabs, edge
# spaces) under ids of its own.
cat fixtures/articles.ndjson > "$tmp/input.ndjson"
sed 's/"id":"/"id":"hostile-/' fixtures/csv/hostile.ndjson >>"$tmp/input.ndjson"
# Odd but valid dates: each keeps its text through the `_text` column.
i=0
for d in 2025-07-20T01:00:00+00:00 2025-07-20T01:00:00-00:00 2025-07-20T01:00:00.500Z \
  2025-07-20T01:00:00.123456789+05:45 2024-02-29T23:59:59.5-03:30 0001-01-01T00:00:00Z; do
  i=$((i + 1))
  printf '{"metadata":{"id":"odd-%s","title":"=HYPERLINK(\\"http://x\\") ngày lạ","language":"vi","published_at":"%s"},"summary":"+1","bullets":["@a","-b"],"attachments":[{"name":"n","url":"https://c.example/n","size_bytes":9007199254740991}],"discussion_count":4294967295}\n' "$i" "$d" >>"$tmp/input.ndjson"
done
"$ARTICLEKIT" import --from ndjson -o "$tmp/canonical.ndjson" "$tmp/input.ndjson"

"$ARTICLEKIT" export --to parquet -o "$tmp/a.parquet" "$tmp/canonical.ndjson"
"$ARTICLEKIT" export --to xlsx -o "$tmp/a.xlsx" "$tmp/canonical.ndjson"

# Byte-identical round trip through the CLI.
"$ARTICLEKIT" import --from parquet "$tmp/a.parquet" >"$tmp/back.ndjson"
cmp "$tmp/canonical.ndjson" "$tmp/back.ndjson"
echo "ok: import --from parquet gives back the canonical NDJSON"

python3 - "$tmp" <<'PY'
import datetime as dt, json, sys

import duckdb, pandas as pd, polars as pl, pyarrow as pa, pyarrow.parquet as pq

tmp = sys.argv[1]
records = [json.loads(l) for l in open(f"{tmp}/canonical.ndjson", encoding="utf-8")]
lines = open(f"{tmp}/canonical.ndjson", encoding="utf-8").read().split("\n")[:-1]  # not splitlines: U+2028 is in a text
table = pq.read_table(f"{tmp}/a.parquet")
assert table.num_rows == len(records), (table.num_rows, len(records))

# Types, as docs/exports.md says.
meta = table.schema.field("metadata").type
assert pa.types.is_struct(meta)
ts = meta.field("published_at").type
assert pa.types.is_timestamp(ts) and ts.unit == "us" and ts.tz == "UTC", ts
assert meta.field("published_at_offset_minutes").type == pa.int16()
assert pa.types.is_list(table.schema.field("bullets").type)
att = table.schema.field("attachments").type
assert pa.types.is_list(att) and pa.types.is_struct(att.value_type)
assert table.schema.field("discussion_count").type == pa.int64()
assert table.schema.field("summary").metadata[b"description"]

def render(instant, minutes):
    local = instant.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
    text = f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local:%H:%M:%S}"
    if local.microsecond:
        text += (".%06d" % local.microsecond).rstrip("0")
    if minutes == 0:
        return text + "Z"
    sign = "-" if minutes < 0 else "+"
    return text + "%s%02d:%02d" % (sign, abs(minutes) // 60, abs(minutes) % 60)

def rebuild(value, date_fields=("published_at", "updated_at")):
    """A row as pyarrow gives it, back to the model's JSON by the documented rules."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k.endswith("_offset_minutes") or k.endswith("_text"):
                continue
            if k in date_fields:
                text = value.get(k + "_text")
                if text is None and v is not None:
                    text = render(v, value.get(k + "_offset_minutes") or 0)
                v = text
            if v is None or (isinstance(v, list) and not v and k != "bullets"):
                continue
            out[k] = rebuild(v)
        return out
    if isinstance(value, list):
        return [rebuild(v) for v in value]
    return value

rows = table.to_pylist()
for row, line in zip(rows, lines):
    # The same serialiser on both sides: values and field order compared.
    got = json.dumps(rebuild(row), ensure_ascii=False, separators=(",", ":"))
    want = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
    assert got == want, f"\n{got}\n{want}"
print(f"ok: pyarrow: {len(rows)} rows, types, every value equal to the NDJSON")

ids = [r["metadata"]["id"] for r in records]
instants = [r["metadata"]["published_at"] for r in rows]

con = duckdb.connect()
d = con.execute(f"""
    SELECT metadata.id, metadata.published_at, bullets, discussion_count,
           typeof(metadata.published_at) AS t
    FROM read_parquet('{tmp}/a.parquet')""").fetchall()
assert [x[0] for x in d] == ids
assert d[0][4] == "TIMESTAMP WITH TIME ZONE", d[0][4]
assert [x[1] for x in d] == instants
assert [x[2] for x in d] == [r["bullets"] for r in records]
assert [x[3] for x in d] == [r["discussion_count"] for r in records]
con.execute(f"COPY (SELECT * FROM read_parquet('{tmp}/a.parquet')) TO '{tmp}/duckdb.parquet' (FORMAT parquet)")
print("ok: duckdb reads instants (TIMESTAMPTZ), lists and counts; wrote duckdb.parquet")

p = pl.read_parquet(f"{tmp}/a.parquet")
assert p.height == len(records)
assert p["metadata"].struct.field("id").to_list() == ids
pts = p["metadata"].struct.field("published_at")
assert str(pts.dtype.time_zone) == "UTC", pts.dtype
assert pts.to_list() == instants
assert p["bullets"].to_list() == [r["bullets"] for r in records]
p.write_parquet(f"{tmp}/polars.parquet")
print("ok: polars reads Datetime(us, UTC), lists; wrote polars.parquet")

df = pd.read_parquet(f"{tmp}/a.parquet")
assert len(df) == len(records)
assert [m["id"] for m in df["metadata"]] == ids
got = [m["published_at"] for m in df["metadata"]]
assert all((g is None and w is None) or pd.Timestamp(g) == pd.Timestamp(w) for g, w in zip(got, instants))
assert [list(b) for b in df["bullets"]] == [r["bullets"] for r in records]
assert list(df["discussion_count"]) == [r["discussion_count"] for r in records]
pa.Table.from_pandas(df, preserve_index=False)
df.to_parquet(f"{tmp}/pandas.parquet")
print("ok: pandas reads the rows, instants and lists; wrote pandas.parquet")

# Files with problems.
bad = table.set_column(table.schema.get_field_index("discussion_count"), "discussion_count",
                       pa.array([str(r["discussion_count"]) for r in records]))
pq.write_table(bad, f"{tmp}/wrong-type.parquet")
summary = table.column("summary").to_pylist()
summary[2] = " "
pq.write_table(table.set_column(table.schema.get_field_index("summary"), "summary", pa.array(summary)),
               f"{tmp}/bad-value.parquet")
PY

for tool in duckdb polars pandas; do
  "$ARTICLEKIT" import --from parquet "$tmp/$tool.parquet" >"$tmp/back-$tool.ndjson"
  cmp "$tmp/canonical.ndjson" "$tmp/back-$tool.ndjson"
  echo "ok: the file $tool wrote imports to the same NDJSON"
done

set +e
"$ARTICLEKIT" validate --from parquet "$tmp/wrong-type.parquet" 2>"$tmp/err.txt" >"$tmp/out.txt"
rc=$?
set -e
[ "$rc" = 2 ] || { echo "wrong column type: exit $rc, expected 2"; exit 1; }
grep -q 'column `discussion_count` has type `Utf8`' "$tmp/err.txt" "$tmp/out.txt"
echo "ok: a wrong column type is refused naming the column"

set +e
"$ARTICLEKIT" validate --from parquet --report json "$tmp/bad-value.parquet" >"$tmp/report.json"
rc=$?
set -e
[ "$rc" = 1 ] || { echo "bad value: exit $rc, expected 1"; exit 1; }
python3 - "$tmp/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
errors = report["errors"]
assert any(e["line"] == 3 and e["column"] == "summary" and e["pointer"] == "/summary" for e in errors), errors
PY
echo "ok: a bad value is located by row (line 3) and column"

python3 - "$tmp" <<'PY'
import json, sys

import openpyxl, pandas as pd
from openpyxl.utils.escape import unescape

tmp = sys.argv[1]
COLUMNS = (
    "metadata.id metadata.title metadata.language metadata.url metadata.published_at "
    "metadata.updated_at metadata.authors metadata.tags metadata.publisher.name "
    "metadata.publisher.tagline metadata.publisher.url metadata.source.url "
    "metadata.source.title metadata.source.subtitle metadata.source.publisher "
    "metadata.source.language metadata.source.text summary bullets attachments "
    "discussion_count"
).split()
LISTS = {"metadata.authors", "metadata.tags", "attachments"}
URLS = {"metadata.url", "metadata.publisher.url", "metadata.source.url"}
records = [json.loads(l) for l in open(f"{tmp}/canonical.ndjson", encoding="utf-8")]

def cell(record, name):
    v = record
    for part in name.split("."):
        v = v.get(part) if isinstance(v, dict) else None
    if v is None or v == []:
        return None
    if name == "bullets":
        return "\n".join(v)
    if name in LISTS:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    return v

wb = openpyxl.load_workbook(f"{tmp}/a.xlsx")
ws = wb["articles"]
assert [c.value for c in ws[1]] == COLUMNS
assert all(c.font.b for c in ws[1]), "header is bold"
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws.max_row == len(records) + 1
for record, row in zip(records, ws.iter_rows(min_row=2)):
    for name, c in zip(COLUMNS, row):
        want = cell(record, name)
        if name == "discussion_count":
            assert c.data_type == "n" and c.value == want, (name, c.value)
            continue
        # openpyxl leaves the OOXML escape of a carriage return (`_x000D_`)
        # in an inline string as it is: docs/exports.md says to unescape.
        value = unescape(c.value) if isinstance(c.value, str) else c.value
        assert value == want, (record["metadata"]["id"], name, c.value, want)
        if want is not None:
            assert c.data_type == "s", (name, c.data_type, c.value)
            if name in URLS:
                assert c.hyperlink is not None and c.hyperlink.target == want, (name, c.hyperlink)
        if name == "bullets":
            assert c.alignment.wrap_text
# openpyxl keys a run of equal-width columns by its first letter only (the
# others read as the default 13), and adds its own 0.71 of padding.
widths = [round(ws.column_dimensions[c].width) for c in "ABCDEFGHIJKLMNOPQRSTU"]
assert all(8 <= w <= 81 for w in widths), widths
assert widths[0] < widths[1], "widths follow the content"
print(f"ok: openpyxl: {ws.max_row - 1} rows, bold frozen header, string cells, hyperlinks, widths {widths}")

df = pd.read_excel(f"{tmp}/a.xlsx", sheet_name="articles", dtype=str, keep_default_na=False)
assert list(df.columns) == COLUMNS
assert list(df["metadata.id"]) == [r["metadata"]["id"] for r in records]
assert list(df["metadata.title"]) == [r["metadata"]["title"] for r in records]
print("ok: pandas read_excel (dtype=str, keep_default_na=False) reads the same cells")
PY

# The workbook back through articlekit, LibreOffice and openpyxl.
"$ARTICLEKIT" import "$tmp/a.xlsx" >"$tmp/back-xlsx.ndjson"
cmp "$tmp/canonical.ndjson" "$tmp/back-xlsx.ndjson"
echo "ok: import --from xlsx gives back the canonical NDJSON"

command -v soffice >/dev/null || { echo "soffice not found: install LibreOffice (apt-get install libreoffice-calc-nogui)"; exit 1; }
# LibreOffice keeps its profile in HOME: a fresh one, so that no setting of
# the machine's changes what it writes.
export HOME="$tmp/home"
mkdir -p "$HOME" "$tmp/lo"
cp "$tmp/a.xlsx" "$tmp/lo/resaved.xlsx"
soffice --headless --convert-to xlsx --outdir "$tmp/lo/xlsx" "$tmp/lo/resaved.xlsx" >/dev/null 2>&1
# CSV: comma, double quote, UTF-8 (76), from row 1.
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$tmp/lo/csv" "$tmp/a.xlsx" >/dev/null 2>&1
"$ARTICLEKIT" import "$tmp/lo/xlsx/resaved.xlsx" >"$tmp/back-lo.ndjson"
"$ARTICLEKIT" import --from csv "$tmp/lo/csv/a.csv" >"$tmp/back-lo-csv.ndjson"
# What LibreOffice gives back: the canonical records, but that it may turn a
# CR or CRLF inside a text into a LF (its cells hold line feeds): compared
# record by record, field by field, with that one change allowed.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def lf(v):
    if isinstance(v, str):
        return v.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(v, list):
        return [lf(x) for x in v]
    if isinstance(v, dict):
        return {k: lf(x) for k, x in v.items()}
    return v
def load(name):
    return [json.loads(l) for l in open(f"{tmp}/{name}", encoding="utf-8").read().split("\n")[:-1]]
canonical = load("canonical.ndjson")
assert sum(lf(r) != r for r in canonical) >= 2, "the batch must hold texts with CR"
for name in ("back-lo.ndjson", "back-lo-csv.ndjson"):
    back = load(name)
    assert len(back) == len(canonical), (name, len(back))
    for want, got in zip(canonical, back):
        assert list(got) == list(want), (name, list(got))
        assert lf(got) == lf(want), (name, want["metadata"]["id"], got)
    same = sum(g == w for g, w in zip(back, canonical))
    print(f"ok: {name}: {len(back)} records equal but for CR as LF ({same} of them unchanged)")
PY
echo "ok: a workbook saved again by LibreOffice, and its CSV (soffice --convert-to csv), import to the same records"

python3 - "$tmp" <<'PY'
import json, sys
import openpyxl
tmp = sys.argv[1]
wb = openpyxl.load_workbook(f"{tmp}/a.xlsx")
ws = wb["articles"]
ws["B2"] = "Tiêu đề đã sửa, =1+1"
ws.append(["them-1", "Bài thêm bằng openpyxl", "vi"] + [None] * 14
          + ["Tóm tắt.", "Ý một\nÝ hai", '[{"name":"n","url":"https://c.example/n"}]', 12])
wb.save(f"{tmp}/edited.xlsx")
records = [json.loads(l) for l in open(f"{tmp}/canonical.ndjson", encoding="utf-8")]
records[0]["metadata"]["title"] = "Tiêu đề đã sửa, =1+1"
records.append({"metadata": {"id": "them-1", "title": "Bài thêm bằng openpyxl", "language": "vi"},
                "summary": "Tóm tắt.", "bullets": ["Ý một", "Ý hai"],
                "attachments": [{"name": "n", "url": "https://c.example/n"}], "discussion_count": 12})
with open(f"{tmp}/edited-expected.ndjson", "w", encoding="utf-8") as out:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$ARTICLEKIT" import --quiet -o "$tmp/edited-canonical.ndjson" "$tmp/edited-expected.ndjson"
"$ARTICLEKIT" import "$tmp/edited.xlsx" >"$tmp/back-edited.ndjson"
cmp "$tmp/edited-canonical.ndjson" "$tmp/back-edited.ndjson"
echo "ok: a workbook edited with openpyxl (a title changed, a row added) imports with the edits"

# Hyperlinks on the first 5,000 rows only (memory stays bounded): 5,002 rows.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
base = [json.loads(l) for l in open(f"{tmp}/canonical.ndjson", encoding="utf-8")]
with open(f"{tmp}/many.ndjson", "w", encoding="utf-8") as out:
    for i in range(5002):
        r = json.loads(json.dumps(base[i % len(base)]))
        r["metadata"]["id"] = f"many-{i}"
        r["metadata"]["url"] = f"https://news.example/bai/{i}"
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$ARTICLEKIT" export --quiet --to xlsx -o "$tmp/many.xlsx" "$tmp/many.ndjson"
python3 - "$tmp" <<'PY'
import sys
import openpyxl
tmp = sys.argv[1]
ws = openpyxl.load_workbook(f"{tmp}/many.xlsx")["articles"]
col = [row[0] for row in ws.iter_rows(min_row=2, min_col=4, max_col=4)]
assert len(col) == 5002, len(col)
for i, c in enumerate(col):
    assert c.value == f"https://news.example/bai/{i}", (i, c.value)
    assert c.data_type == "s"
    linked = c.hyperlink is not None
    assert linked == (i < 5000), (i, c.hyperlink)
    if linked:
        assert c.hyperlink.target == c.value
print("ok: URLs are hyperlinks on the first 5,000 rows, the same text as plain cells after")
PY
"$ARTICLEKIT" import "$tmp/many.xlsx" >"$tmp/back-many.ndjson"
"$ARTICLEKIT" import --quiet -o "$tmp/many-canonical.ndjson" "$tmp/many.ndjson"
cmp "$tmp/many-canonical.ndjson" "$tmp/back-many.ndjson"
echo "ok: the 5,002-row workbook imports to the same NDJSON"

echo "check-columnar: all green"
