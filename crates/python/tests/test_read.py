"""`arrow_schema` and `read`: the valid articles as a pyarrow Table, the same
columns and values as the CLI's Parquet export, round-tripping the records."""

import datetime
import json
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import articlekit as ak
from conftest import FIXTURES, ROOT

ARTICLES = FIXTURES / "articles.ndjson"


def cli_parquet(cli, inputs, out, *flags):
    run = subprocess.run(
        [cli, "export", "--to", "parquet", "-o", str(out), *flags, *map(str, inputs)],
        capture_output=True,
        cwd=ROOT,
    )
    return run.returncode


def canonical(cli, inputs, *flags):
    """The CLI's canonical NDJSON of the valid records (`articlekit import`), parsed."""
    run = subprocess.run([cli, "import", *flags, *map(str, inputs)], capture_output=True, cwd=ROOT)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


def generated(gen, tmp_path, count, seed, rate="0"):
    path = tmp_path / f"batch-{seed}.ndjson"
    with open(path, "wb") as f:
        subprocess.run(
            [gen, "--count", str(count), "--seed", str(seed), "--broken-rate", rate], stdout=f, check=True
        )
    return path


def date_text(at, offset):
    """The RFC 3339 text of an instant and its offset, as the model spells it."""
    local = at.astimezone(datetime.timezone(datetime.timedelta(minutes=offset)))
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    if local.microsecond:
        text += f".{local.microsecond:06d}".rstrip("0")
    if offset == 0:
        return text + "Z"
    sign = "-" if offset < 0 else "+"
    return text + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def to_record(row):
    """A table row (from pyarrow, polars or pandas, as plain Python) back to
    the model's JSON shape: the three columns of a date joined, nulls and
    empty optional lists left out."""
    out = {}
    for key, value in row.items():
        if key.endswith("_offset_minutes") or key.endswith("_text"):
            continue
        if f"{key}_offset_minutes" in row:
            text = row.get(f"{key}_text")
            if text is not None:
                out[key] = text
            elif value is not None:
                out[key] = date_text(value, row[f"{key}_offset_minutes"])
            continue
        if value is None:
            continue
        if isinstance(value, dict):
            value = to_record(value)
        elif isinstance(value, list):
            if not value:
                continue
            value = [to_record(v) if isinstance(v, dict) else v for v in value]
        out[key] = value
    return out


def test_arrow_schema_is_the_parquet_exports(cli, tmp_path):
    out = tmp_path / "articles.parquet"
    assert cli_parquet(cli, [ARTICLES], out) == 0
    schema = ak.arrow_schema()
    assert isinstance(schema, pa.Schema)
    assert schema.equals(pq.read_schema(out), check_metadata=True)
    # Each field is described in its metadata.
    assert schema.field("summary").metadata
    assert schema.field("metadata").type.field("published_at").type == pa.timestamp("us", tz="UTC")


def test_read_equals_the_parquet_export(cli, gen, tmp_path):
    path = generated(gen, tmp_path, 5000, 11)
    out = tmp_path / "batch.parquet"
    assert cli_parquet(cli, [path], out) == 0
    table = ak.read(str(path))
    assert isinstance(table, pa.Table)
    assert table.num_rows == 5000
    assert table.schema.equals(ak.arrow_schema(), check_metadata=True)
    assert table.equals(pq.read_table(out))


@pytest.mark.parametrize("count,seed", [(3, 1), (3000, 5)])
def test_read_round_trips_the_records(cli, gen, tmp_path, count, seed):
    path = generated(gen, tmp_path, count, seed)
    expected = canonical(cli, [path])
    assert len(expected) == count
    table = ak.read([path], jobs=2)
    assert [to_record(row) for row in table.to_pylist()] == expected


def test_read_to_polars_and_pandas(cli, gen, tmp_path):
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    path = generated(gen, tmp_path, 2000, 23)
    expected = canonical(cli, [path])
    table = ak.read(path)
    frame = pl.from_arrow(table)
    assert frame.height == len(expected)
    assert [to_record(row) for row in frame.to_dicts()] == expected
    pandas_frame = table.to_pandas()
    assert len(pandas_frame) == len(expected)
    assert list(pandas_frame["summary"]) == [r["summary"] for r in expected]
    assert list(pandas_frame["discussion_count"]) == [r["discussion_count"] for r in expected]
    ids = [m["id"] for m in pandas_frame["metadata"]]
    assert ids == [r["metadata"]["id"] for r in expected]
    # Flattened, as a pandas user reads it: one column per leaf, dates as datetime64[us, UTC].
    flat = table.flatten().to_pandas()
    assert str(flat["metadata.published_at"].dtype) == "datetime64[us, UTC]"
    published = []
    for at, offset, text in zip(
        flat["metadata.published_at"], flat["metadata.published_at_offset_minutes"], flat["metadata.published_at_text"]
    ):
        if isinstance(text, str):
            published.append(text)
        elif pd.isna(at):
            published.append(None)
        else:
            published.append(date_text(at.to_pydatetime(), int(offset)))
    assert published == [r["metadata"].get("published_at") for r in expected]


def test_read_of_every_format_equals_the_cli(cli, tmp_path):
    inputs = sorted((FIXTURES / "csv").glob("*.csv")) + [ARTICLES]
    for path in inputs:
        out = tmp_path / "x.parquet"
        code = cli_parquet(cli, [path], out)
        if code != 0:
            with pytest.raises(ak.InvalidBatch):
                ak.read(path)
            continue
        assert ak.read(path).equals(pq.read_table(out)), path


def test_invalid_batch_raises_with_the_validate_report(gen, tmp_path):
    path = generated(gen, tmp_path, 1200, 3, "0.1")
    with pytest.raises(ak.InvalidBatch) as caught:
        ak.read(path)
    report = caught.value.report
    expected = ak.validate(path)
    assert report.summary == expected.summary
    assert [e.to_dict() for e in report.errors] == [e.to_dict() for e in expected.errors]
    assert report.invalid == 120
    assert "nothing read" in str(caught.value) and "skip_invalid=True" in str(caught.value)


def test_skip_invalid_reads_the_valid_ones(cli, gen, tmp_path):
    path = generated(gen, tmp_path, 1200, 3, "0.1")
    out = tmp_path / "valid.parquet"
    assert cli_parquet(cli, [path], out, "--skip-invalid") == 1
    table = ak.read(path, skip_invalid=True)
    assert table.num_rows == 1080
    assert table.equals(pq.read_table(out))


def test_a_batch_of_no_valid_record_is_an_empty_table(tmp_path):
    path = tmp_path / "bad.ndjson"
    path.write_bytes(b'{}\n[]\n{"metadata": 1}\n')
    table = ak.read(path, skip_invalid=True)
    assert table.num_rows == 0
    assert table.schema.equals(ak.arrow_schema(), check_metadata=True)


def test_duplicate_ids_across_files(tmp_path):
    with pytest.raises(ak.InvalidBatch) as caught:
        ak.read([ARTICLES, ARTICLES])
    assert {e.keyword for e in caught.value.report.errors} == {"duplicate-id"}
    table = ak.read([ARTICLES, ARTICLES], skip_invalid=True)
    assert table.num_rows == ak.read(ARTICLES).num_rows


def test_the_table_outlives_its_source(gen, tmp_path):
    path = generated(gen, tmp_path, 500, 9)
    table = ak.read(path)
    expected = table.to_pylist()
    path.unlink()
    import gc

    gc.collect()
    assert table.to_pylist() == expected
    assert table.slice(10, 5).to_pylist() == expected[10:15]
