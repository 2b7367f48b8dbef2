"""The errors from Python equal the CLI's `--errors-out`, object for object."""

import json
import os
import subprocess

import pytest

import articlekit as ak
from conftest import FIXTURES, ROOT, cli_errors

FIXTURE_FILES = sorted(
    p.relative_to(ROOT)
    for d in (FIXTURES, FIXTURES / "bad", FIXTURES / "validate", FIXTURES / "csv")
    if d.is_dir()
    for p in d.iterdir()
    if p.suffix in (".ndjson", ".json", ".csv")
)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=str)
def test_validate_equals_cli_on_fixtures(cli, path, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected, summary, _ = cli_errors(cli, [path], tmp_path)
    report = ak.validate(str(path))
    assert [e.to_dict() for e in report.errors] == expected
    assert [json.loads(e.to_json()) for e in report.errors] == expected
    assert report.summary == summary
    assert report.ok == (not expected)


def test_validate_several_files_at_once(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    paths = [p for p in FIXTURE_FILES if "bad" in str(p)][:8] + [FIXTURES.relative_to(ROOT) / "articles.ndjson"] * 2
    expected, summary, _ = cli_errors(cli, paths, tmp_path)
    report = ak.validate([str(p) for p in paths])
    assert [e.to_dict() for e in report.errors] == expected
    assert report.summary == summary


def test_error_to_json_is_the_cli_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = "fixtures/validate/bad.ndjson"
    out = tmp_path / "e.ndjson"
    subprocess.run([cli, "validate", "--errors-out", str(out), path], capture_output=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [e.to_json() for e in ak.validate(path).errors] == lines


GENERATED = [
    (2000, 1, "0.1", "all"),
    (3000, 7, "0.3", "all"),
    (1500, 42, "0.2", "schema-only"),
]


@pytest.mark.parametrize("count,seed,rate,kinds", GENERATED)
def test_generated_batches(cli, gen, tmp_path, count, seed, rate, kinds):
    path = tmp_path / "batch.ndjson"
    with open(path, "wb") as f:
        subprocess.run(
            [gen, "--count", str(count), "--seed", str(seed), "--broken-rate", rate,
             "--edge-rate", "0.1", "--kinds", kinds],
            stdout=f, check=True,
        )
    expected, summary, _ = cli_errors(cli, [path], tmp_path)
    assert expected, "the planted faults give errors"
    report = ak.validate(str(path))
    assert [e.to_dict() for e in report.errors] == expected
    assert report.summary == summary

    # check_lines on the same lines gives the same objects, line by line.
    lines = path.read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    per_line = ak.Validator().check_lines(lines, input=str(path))
    assert len(per_line) == len(lines)
    flat = [e.to_dict() for errors in per_line for e in errors]
    assert flat == expected
    for n, errors in enumerate(per_line, 1):
        assert all(e.line == n for e in errors)

    # jobs=1 gives the same answer as every core.
    assert [e.to_dict() for e in ak.validate(str(path), jobs=1).errors] == expected


def test_check_lines_accepts_str_and_line_feeds(tmp_path):
    good = (FIXTURES / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    v = ak.Validator()
    assert v.check_lines(good) == [[] for _ in good]
    assert v.check_lines(line + "\n" for line in good) == [[] for _ in good]
    # The same line twice: the second is a duplicate naming the first.
    twice = v.check_lines([good[0], "", good[0]])
    assert twice[0] == [] and twice[1] == []
    assert [e.keyword for e in twice[2]] == ["duplicate-id"]
    assert "at line 1" in twice[2][0].message
    assert v.check_lines([]) == []


def test_check_lines_streams_str_bytes_and_generators(cli, gen, tmp_path):
    """The lines are handed to the checking thread in batches while Python
    still produces them: str, bytes and a generator give the CLI's errors."""
    path = tmp_path / "batch.ndjson"
    with open(path, "wb") as f:
        subprocess.run([gen, "--count", "2600", "--seed", "17", "--broken-rate", "0.05", "--kinds", "schema-only"], stdout=f, check=True)
    expected, _, _ = cli_errors(cli, [path], tmp_path)
    raw = path.read_bytes().splitlines()
    v = ak.Validator()
    for lines in (raw, [line.decode("utf-8") for line in raw], (line + b"\n" for line in raw),
                  [bytearray(line) if i % 2 else line.decode("utf-8") for i, line in enumerate(raw)]):
        per_line = v.check_lines(lines, input=str(path), jobs=2)
        assert len(per_line) == len(raw)
        assert [e.to_dict() for errors in per_line for e in errors] == expected


def test_check_lines_stops_at_a_bad_item_late_in_the_batch():
    good = (FIXTURES / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    v = ak.Validator()

    def lines(bad):
        for i in range(5000):
            yield good[i % len(good)]
        yield bad

    with pytest.raises(TypeError, match=r"lines\[5000\]"):
        v.check_lines(lines(None))
    with pytest.raises(ValueError, match=r"lines\[5000\] holds a line feed"):
        v.check_lines(lines("{}\n{}"))

    def failing():
        yield good[0]
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        v.check_lines(failing())
    # The validator is still usable after each.
    assert v.check_lines(good[:3]) == [[], [], []]


def test_check_lines_from_several_threads():
    import concurrent.futures

    good = (FIXTURES / "articles.ndjson").read_text(encoding="utf-8").splitlines()
    v = ak.Validator()
    expected = v.check_lines(good + good)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: v.check_lines(good + good), range(8)))
    assert all(r == expected for r in results)
    assert sum(1 for errors in expected if errors) == len(good)


def test_check_one_record():
    v = ak.Validator()
    line = (FIXTURES / "articles.ndjson").read_text(encoding="utf-8").splitlines()[0]
    assert v.check(line) == []
    assert v.check(line.encode()) == []
    assert v.check(json.loads(line)) == []
    record = json.loads(line)
    record["discussion_count"] = -1
    errors = v.check(record, input="mine")
    assert [e.keyword for e in errors] == ["minimum"]
    assert errors[0].input == "mine" and errors[0].pointer == "/discussion_count"
    # Bytes that are not UTF-8 are the CLI's `utf8` error, located.
    errors = v.check(b'{"metadata": "\xff"}')
    assert errors and errors[0].keyword == "utf8" and errors[0].line == 1
    # Not JSON: a parse error, located.
    errors = v.check("{nope")
    assert [e.keyword for e in errors] == ["parse"]


def test_schema_is_the_committed_file():
    committed = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    assert ak.schema() == committed


def test_version_is_the_cli_version(cli):
    out = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == ak.__version__
