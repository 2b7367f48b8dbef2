"""`articlekit.spark` in Spark local mode: the same verdicts, error objects,
counts and split lines as `articlekit validate`, however the files are cut."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("pyspark")

from articlekit.spark import validate  # noqa: E402
from conftest import FIXTURES  # noqa: E402

#: Small enough that a generated file (about 5 KB a record) is cut into
#: hundreds of splits, most of them holding one line and some none.
SMALL_SPLIT = 3000
MAX_RECORD = 40_000


@pytest.fixture(scope="session")
def spark():
    """One local[2] session for the whole run; up to 4 attempts per task."""
    from pyspark.sql import SparkSession

    # The workers run this interpreter, which has articlekit installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2,4]")
        .appName("articlekit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def run_cli(cli, paths, tmp_path, *extra):
    """The CLI's errors (objects), JSON summary, valid side and invalid side (bytes)."""
    errors, valid, invalid = (tmp_path / n for n in ("cli-errors", "cli-valid", "cli-invalid"))
    run = subprocess.run(
        [cli, "validate", "--report", "json", "--errors-out", str(errors), "--valid-out", str(valid),
         "--invalid-out", str(invalid), *extra, *map(str, paths)],
        capture_output=True,
    )
    # 2: an input refused whole (UTF-16, CSV in an .ndjson file), as planted.
    assert run.returncode in (0, 1, 2), run.stderr
    objects = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    return objects, json.loads(run.stdout)["summary"], valid.read_bytes(), invalid.read_bytes()


def side(out, name):
    """A side of the output: its part files, concatenated in name order."""
    parts = sorted((pathlib.Path(out) / name).iterdir())
    assert all(p.name.startswith("part-") and p.suffix == ".ndjson" for p in parts), parts
    return b"".join(p.read_bytes() for p in parts)


def assert_same_as_cli(cli, spark, paths, tmp_path, split_bytes, **kwargs):
    """Runs both; every error object, count and line equal, in order."""
    expected, summary, valid, invalid = run_cli(cli, paths, tmp_path, "--max-record-bytes", str(MAX_RECORD))
    out = tmp_path / f"out-{split_bytes}"
    got = validate(spark, [str(p) for p in paths], str(out), split_bytes=split_bytes,
                   max_record_bytes=MAX_RECORD, **kwargs)
    errors = [json.loads(line) for line in side(out, "errors").decode("utf-8").splitlines()]
    assert len(errors) == len(expected)
    for n, (a, b) in enumerate(zip(errors, expected)):
        assert a == b, f"error {n}"
    assert got == summary
    assert side(out, "valid") == valid
    assert side(out, "invalid") == invalid
    assert not (out / "_temporary").exists()
    assert (out / "_SUCCESS").exists()
    return got, out


def generate(gen, path, count, seed, rate):
    with open(path, "wb") as f:
        subprocess.run([gen, "--count", str(count), "--seed", str(seed), "--broken-rate", rate,
                        "--edge-rate", "0.1"], stdout=f, check=True)
    return path


def good_lines():
    return (FIXTURES / "articles.ndjson").read_bytes().splitlines()


def edge_file(path):
    """Every way a line can be odd: a byte order mark, blank lines, CRLF, bytes
    that are not UTF-8, an oversize line, not JSON, duplicates (one of them
    also schema-invalid), a last line without a line feed."""
    g = good_lines()
    first_id = json.loads(g[0])["metadata"]["id"].encode()
    lines = [
        b"\xef\xbb\xbf" + g[0] + b"\n",
        b"\n",
        b"   \t\r\n",
        g[1] + b"\r\n",
        b"\xef\xbb\xbf" + g[2] + b"\n",
        g[3].replace(b'"summary":"', b'"summary":"\xff\xfe', 1) + b"\n",
        g[0] + b"\n",
        b'{"metadata":{"id":"' + first_id + b'","language":"vi"},"discussion_count":-3}\n',
        b'{"summary":"' + b"x" * (MAX_RECORD + 10) + b'"}\n',
        b"not json at all\n",
        g[1][: len(g[1]) // 2] + b"\n",
        g[4] + b"\n",
        g[5],
    ]
    path.write_bytes(b"".join(lines))
    return path


@pytest.fixture
def batch(gen, tmp_path):
    """Generated files with planted faults (a duplicate of another file's ids
    among them), the edge-case file, files the CLI refuses whole, an empty one."""
    data = tmp_path / "in"
    data.mkdir()
    files = [
        generate(gen, data / "a.ndjson", 160, 7, "0.3"),
        edge_file(data / "b.ndjson"),
        # The same seed: its records repeat a.ndjson's ids, across files.
        generate(gen, data / "c.jsonl", 30, 7, "0.2"),
        data / "d.ndjson",
        data / "e.ndjson",
        data / "f.ndjson",
    ]
    files[3].write_bytes(good_lines()[0].decode().encode("utf-16"))
    files[4].write_bytes(b"metadata.id,metadata.title\nx,y\n")
    files[5].write_bytes(b"")
    return files


@pytest.mark.parametrize("split_bytes", [SMALL_SPLIT, 200_000])
def test_planted_faults_equal_the_cli(cli, spark, batch, tmp_path, split_bytes):
    got, _ = assert_same_as_cli(cli, spark, batch, tmp_path, split_bytes)
    assert got["invalid"] > 40
    assert {"duplicate-id", "parse", "utf8", "size"} <= set(got["by_keyword"])
    # The UTF-16 file and the CSV one are refused whole, as the CLI does.
    assert [i["error"] is not None for i in got["inputs"]] == [False, False, False, True, True, False]
    # Small splits: the first file alone is cut into hundreds.
    if split_bytes == SMALL_SPLIT:
        assert batch[0].stat().st_size // split_bytes > 200


def test_valid_and_invalid_hold_every_line_exactly_once(spark, batch, tmp_path):
    out = tmp_path / "out"
    validate(spark, [str(p) for p in batch[:3]], str(out), split_bytes=SMALL_SPLIT, max_record_bytes=MAX_RECORD)

    def lines(*parts):
        # Each part's lines, a missing last line feed supplied (the last
        # line of a file has none, and keeps none when it ends its part).
        joined = b"".join(p if p.endswith(b"\n") or not p else p + b"\n" for p in parts)
        return sorted(joined.split(b"\n")[:-1])

    given = lines(*(p.read_bytes() for p in batch[:3]))
    assert len(given) > 150
    assert lines(side(out, "valid"), side(out, "invalid")) == given


def test_duplicates_across_files_splits_and_within_a_split(cli, spark, tmp_path):
    g = good_lines()
    a, b = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    # In a: g[0] at lines 1 and 3 (same split with large splits), and far
    # down at line 40 (another split); in b: g[0] again and g[7] twice.
    a.write_bytes(b"\n".join([g[0], g[1], g[0]] + g[10:46] + [g[0]]) + b"\n")
    b.write_bytes(b"\n".join([g[7], g[0], g[7]]) + b"\n")
    for split_bytes in (SMALL_SPLIT, 60_000, 1 << 20):
        run = tmp_path / str(split_bytes)
        run.mkdir()
        got, out = assert_same_as_cli(cli, spark, [a, b], run, split_bytes)
        assert got["by_keyword"] == {"duplicate-id": 4}
        errors = [json.loads(line) for line in side(out, "errors").splitlines()]
        assert [(e["input"], e["line"], e["pointer"]) for e in errors] == [
            (str(a), 3, "/metadata/id"),
            (str(a), 40, "/metadata/id"),
            (str(b), 2, "/metadata/id"),
            (str(b), 3, "/metadata/id"),
        ]
        firsts = [e["message"].split("first used in ")[1] for e in errors]
        assert firsts == [f"`{a}` at line 1"] * 3 + [f"`{b}` at line 1"]


def test_a_task_failing_once_changes_nothing(cli, spark, gen, tmp_path):
    path = generate(gen, tmp_path / "a.ndjson", 120, 3, "0.3")
    clean = tmp_path / "clean"
    clean.mkdir()
    expected, _ = assert_same_as_cli(cli, spark, [path], clean, 50_000)
    failed = tmp_path / "failed"
    failed.mkdir()
    # The split's first attempt writes its files, then fails: Spark runs it
    # again, and only the second attempt's files are kept.
    got, out = assert_same_as_cli(cli, spark, [path], failed, 50_000, _fail_once=3)
    assert got == expected
    assert (out / "_failure_injected").exists() and not (clean / "out-50000" / "_failure_injected").exists()
    assert len(list((out / "valid").iterdir())) == len(list((clean / "out-50000" / "valid").iterdir()))


def test_directories_are_read_in_name_order(cli, spark, gen, tmp_path):
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    generate(gen, data / "b.ndjson", 30, 5, "0.2")
    generate(gen, data / "sub" / "a.jsonl", 30, 5, "0.2")
    (data / "notes.txt").write_text("not an input")
    out = tmp_path / "out"
    got = validate(spark, str(data), str(out), split_bytes=20_000)
    names = [i["input"] for i in got["inputs"]]
    assert names == [f"{data}/b.ndjson", f"{data}/sub/a.jsonl"]
    expected, summary, _, _ = run_cli(cli, names, tmp_path)
    assert got == summary
    assert [json.loads(line) for line in side(out, "errors").splitlines()] == expected


def test_refuses_an_existing_output_and_other_formats(spark, tmp_path):
    path = tmp_path / "a.ndjson"
    path.write_bytes(good_lines()[0] + b"\n")
    out = tmp_path / "out"
    first = validate(spark, str(path), str(out))
    assert (first["records"], first["valid"]) == (1, 1)
    with pytest.raises(FileExistsError):
        validate(spark, str(path), str(out))
    assert validate(spark, str(path), str(out), overwrite=True) == first
    with pytest.raises(ValueError, match="NDJSON"):
        validate(spark, str(FIXTURES / "validate" / "bad.csv"), str(tmp_path / "o2"))
    with pytest.raises(FileNotFoundError):
        validate(spark, str(tmp_path / "missing.ndjson"), str(tmp_path / "o3"))


def test_articles_are_the_valid_records_in_the_arrow_schema(spark, batch):
    import articlekit as ak
    from pyspark.sql.pandas.types import from_arrow_schema

    from articlekit.spark import articles

    paths = [str(p) for p in batch[:3]]
    df = articles(spark, paths, split_bytes=SMALL_SPLIT, max_record_bytes=MAX_RECORD)
    names = [f.name for f in from_arrow_schema(ak.arrow_schema()).fields]
    assert df.columns == names
    expected = ak.read(paths, skip_invalid=True, max_record_bytes=MAX_RECORD)
    got = df.toArrow()
    assert got.num_rows == expected.num_rows > 100
    # Later duplicates are left out: every id once.
    ids = [row["metadata"]["id"] for row in got.select(["metadata"]).to_pylist()]
    assert len(ids) == len(set(ids))
    assert got.to_pylist() == expected.to_pylist()
