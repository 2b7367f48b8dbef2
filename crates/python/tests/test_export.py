"""`export` gives the CLI's bytes, for each format."""

import io
import subprocess

import pytest

import articlekit as ak
from conftest import FIXTURES, ROOT

ARTICLES = "fixtures/articles.ndjson"
CHANNEL = "fixtures/channel.toml"
DATE = "2025-06-01T00:00:00Z"

CASES = [
    ("ndjson", {}, []),
    ("csv", {}, ["--no-datapackage"]),
    ("csv", {"excel": True}, ["--no-datapackage", "--excel"]),
    ("jsonld", {}, []),
    ("jsonld", {"html": True}, ["--html"]),
    ("rss", {"channel": CHANNEL, "last_build_date": DATE}, ["--channel", CHANNEL, "--last-build-date", DATE]),
    ("rss", {"channel": CHANNEL, "newest_first": True, "limit": 2}, ["--channel", CHANNEL, "--newest-first", "--limit", "2"]),
    ("atom", {"channel": CHANNEL, "last_build_date": DATE}, ["--channel", CHANNEL, "--last-build-date", DATE]),
    ("jsonfeed", {"channel": CHANNEL}, ["--channel", CHANNEL]),
]


def cli_bytes(cli, to, flags, inputs, *more):
    command = "import" if to == "ndjson" else "export"
    args = [cli, command, *inputs] if to == "ndjson" else [cli, "export", "--to", to, *flags, *inputs]
    run = subprocess.run([*args, *more], capture_output=True, cwd=ROOT)
    return run.stdout, run.returncode


@pytest.mark.parametrize("to,kwargs,flags", CASES, ids=lambda c: str(c))
def test_export_bytes_equal_cli(cli, to, kwargs, flags, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected, code = cli_bytes(cli, to, flags, [ARTICLES])
    assert code == 0 and expected
    buffer = io.BytesIO()
    report = ak.export(ARTICLES, to, buffer, **kwargs)
    assert buffer.getvalue() == expected
    assert report.ok
    # To a path: the same bytes.
    out = tmp_path / f"out.{to}"
    ak.export([ARTICLES], to, out, **kwargs)
    assert out.read_bytes() == expected


def test_export_generated_batch_skip_invalid(cli, gen, tmp_path):
    path = tmp_path / "batch.ndjson"
    with open(path, "wb") as f:
        subprocess.run([gen, "--count", "1500", "--seed", "3", "--broken-rate", "0.1"], stdout=f, check=True)
    for to, flags in [("csv", ["--no-datapackage"]), ("jsonld", [])]:
        expected, code = cli_bytes(cli, to, flags, [str(path)], "--skip-invalid")
        assert code == 1
        buffer = io.BytesIO()
        report = ak.export(str(path), to, buffer, skip_invalid=True)
        assert buffer.getvalue() == expected
        assert report.invalid == 150 and not report.ok


def test_strict_export_writes_nothing(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"before")
    with pytest.raises(ak.InvalidBatch) as caught:
        ak.export(str(FIXTURES / "validate" / "bad.ndjson"), "csv", out)
    assert "nothing exported" in str(caught.value)
    assert caught.value.report.invalid == 15
    assert caught.value.report.errors[0].keyword == "type"
    assert out.read_bytes() == b"before"
    buffer = io.BytesIO()
    with pytest.raises(ak.InvalidBatch):
        ak.export(str(FIXTURES / "validate" / "bad.ndjson"), "jsonld", buffer)
    assert buffer.getvalue() == b""
