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


NEW_CASES = [
    ("parquet", {}, []),
    ("news-sitemap", {"channel": CHANNEL}, ["--channel", CHANNEL]),
    ("news-sitemap", {"channel": CHANNEL, "now": "2025-07-21T00:00:00Z"}, ["--channel", CHANNEL, "--now", "2025-07-21T00:00:00Z"]),
    ("rss", {"channel": CHANNEL, "hub": ["https://hub.example/a", "https://hub.example/b"]},
     ["--channel", CHANNEL, "--hub", "https://hub.example/a", "--hub", "https://hub.example/b"]),
    ("atom", {"channel": CHANNEL, "hub": ["https://hub.example/"]}, ["--channel", CHANNEL, "--hub", "https://hub.example/"]),
    ("jsonfeed", {"channel": CHANNEL, "hub": ["https://hub.example/"]}, ["--channel", CHANNEL, "--hub", "https://hub.example/"]),
]


@pytest.mark.parametrize("to,kwargs,flags", NEW_CASES, ids=lambda c: str(c))
def test_more_formats_equal_cli(cli, to, kwargs, flags, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected, code = cli_bytes(cli, to, flags, [ARTICLES])
    assert code == 0 and expected
    buffer = io.BytesIO()
    assert ak.export(ARTICLES, to, buffer, **kwargs).ok
    assert buffer.getvalue() == expected
    out = tmp_path / "out.bin"
    ak.export([ARTICLES], to, out, **kwargs)
    assert out.read_bytes() == expected


def test_parquet_of_a_generated_batch(cli, gen, tmp_path):
    path = tmp_path / "batch.ndjson"
    with open(path, "wb") as f:
        subprocess.run([gen, "--count", "3000", "--seed", "4", "--broken-rate", "0.05"], stdout=f, check=True)
    expected, code = cli_bytes(cli, "parquet", ["--skip-invalid"], [str(path)])
    assert code == 1 and expected.startswith(b"PAR1")
    out = tmp_path / "batch.parquet"
    report = ak.export(path, "parquet", out, skip_invalid=True)
    assert report.invalid == 150
    assert out.read_bytes() == expected


def xlsx_parts(data):
    """The workbook's parts; the document properties hold the time it was made."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_xlsx_equals_cli(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected, code = cli_bytes(cli, "xlsx", [], [ARTICLES])
    assert code == 0 and expected.startswith(b"PK")
    buffer = io.BytesIO()
    ak.export(ARTICLES, "xlsx", buffer)
    assert xlsx_parts(buffer.getvalue()) == xlsx_parts(expected)
    assert len(xlsx_parts(expected)) > 3


def cli_dir(cli, to, flags, inputs, out_dir):
    run = subprocess.run([cli, "export", "--to", to, *flags, "--out-dir", str(out_dir), *map(str, inputs)],
                         capture_output=True, cwd=ROOT)
    assert run.returncode in (0, 1), run.stderr
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


def generated_batch(gen, tmp_path, count, seed, rate="0"):
    path = tmp_path / f"batch-{seed}.ndjson"
    with open(path, "wb") as f:
        subprocess.run([gen, "--count", str(count), "--seed", str(seed), "--broken-rate", rate], stdout=f, check=True)
    return path


def archive_channel(tmp_path):
    """The fixture channel with the base URL archives are served under."""
    path = tmp_path / "channel.toml"
    text = (ROOT / CHANNEL).read_text(encoding="utf-8")
    path.write_text('archive_base = "https://songai.example/archive/"\n' + text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("to", ["rss", "atom"])
def test_archives_equal_cli(cli, gen, to, tmp_path):
    path = generated_batch(gen, tmp_path, 230, 8)
    channel = archive_channel(tmp_path)
    expected = cli_dir(cli, to, ["--channel", channel, "--archive-size", "50"], [path], tmp_path / "cli")
    assert len(expected) == 5
    out_dir = tmp_path / "py" / "new"
    report = ak.export(path, to, channel=channel, archive_size=50, out_dir=out_dir)
    assert report.ok
    assert {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())} == expected


def sitemap_batch(tmp_path, count):
    """`count` articles, each with a URL, published a minute apart: all in the two-day window."""
    import datetime
    import json

    base = datetime.datetime(2025, 7, 20, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    path = tmp_path / "news.ndjson"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            at = (base + datetime.timedelta(minutes=i)).isoformat()
            record = {
                "metadata": {"id": f"n-{i}", "title": f"Tin {i} <&>", "language": "vi",
                             "url": f"https://songai.example/tin/{i}", "published_at": at},
                "summary": "Tóm tắt.", "bullets": ["Ý chính"], "discussion_count": i,
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_news_sitemap_parts_equal_cli(cli, tmp_path):
    path = sitemap_batch(tmp_path, 2100)
    channel = str(ROOT / CHANNEL)
    expected = cli_dir(cli, "news-sitemap", ["--channel", channel], [path], tmp_path / "cli")
    assert sorted(expected) == ["news-sitemap-1.xml", "news-sitemap-2.xml", "news-sitemap-3.xml",
                                "news-sitemap-index.xml"]
    out_dir = tmp_path / "py"
    assert ak.export(path, "news-sitemap", None, channel=channel, out_dir=out_dir).ok
    assert {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())} == expected
    # More than one file cannot go to one `out`: refused, nothing written.
    target = tmp_path / "one.xml"
    with pytest.raises(ak.OutputError, match="out_dir"):
        ak.export(path, "news-sitemap", target, channel=channel)
    assert not target.exists()
    buffer = io.BytesIO()
    with pytest.raises(ak.OutputError, match="out_dir"):
        ak.export(path, "news-sitemap", buffer, channel=channel)
    assert buffer.getvalue() == b""


def test_files_formats_are_all_or_nothing(gen, tmp_path):
    path = generated_batch(gen, tmp_path, 300, 8, "0.1")
    channel = archive_channel(tmp_path)
    out_dir = tmp_path / "feed"
    out_dir.mkdir()
    (out_dir / "keep.txt").write_bytes(b"before")
    with pytest.raises(ak.InvalidBatch) as caught:
        ak.export(path, "atom", None, channel=channel, archive_size=50, out_dir=out_dir)
    assert caught.value.report.invalid == 30
    assert [p.name for p in out_dir.iterdir()] == ["keep.txt"]
    report = ak.export(path, "atom", None, channel=channel, archive_size=50, out_dir=out_dir, skip_invalid=True)
    assert report.invalid == 30
    assert len(list(out_dir.iterdir())) == 1 + 6


def test_files_format_arguments(tmp_path):
    channel = str(ROOT / CHANNEL)
    good = str(ROOT / ARTICLES)
    with pytest.raises(ak.ConfigError, match="`archive_size` is for to=rss|atom"):
        ak.export(good, "jsonfeed", None, channel=channel, archive_size=5, out_dir=tmp_path)
    with pytest.raises(ak.ConfigError, match="give `out_dir`"):
        ak.export(good, "rss", io.BytesIO(), channel=channel, archive_size=5)
    with pytest.raises(ak.ConfigError, match="give `archive_size` too"):
        ak.export(good, "rss", None, channel=channel, out_dir=tmp_path)
    with pytest.raises(ak.ConfigError, match="not both"):
        ak.export(good, "news-sitemap", io.BytesIO(), channel=channel, out_dir=tmp_path)
    with pytest.raises(ak.ConfigError, match="`now` is for to=news-sitemap"):
        ak.export(good, "rss", io.BytesIO(), channel=channel, now="now")
    with pytest.raises(ak.ConfigError, match="`limit` cannot be used with `archive_size`"):
        ak.export(good, "rss", None, channel=channel, archive_size=5, limit=2, out_dir=tmp_path)
    with pytest.raises(ak.ConfigError, match="at least 1"):
        ak.export(good, "rss", None, channel=channel, archive_size=0, out_dir=tmp_path)
    with pytest.raises(ak.ConfigError, match="news sitemap is incomplete"):
        ak.export(good, "news-sitemap", io.BytesIO())
    with pytest.raises(TypeError, match="not None"):
        ak.export(good, "csv", None)
    with pytest.raises(TypeError, match="out_dir"):
        ak.export(good, "news-sitemap", None, channel=channel, out_dir=5)
    with pytest.raises(OverflowError):
        ak.export(good, "rss", None, channel=channel, archive_size=-1, out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_buffer_bytes_holds_a_feed_in_memory_or_spills_it(cli, tmp_path, monkeypatch):
    """`buffer_bytes` is the CLI's `--buffer-bytes`: within it a held feed
    needs no temporary file; past it the temporary file is used, and when it
    cannot be made the export fails with nothing written."""
    monkeypatch.chdir(ROOT)
    expected, code = cli_bytes(cli, "rss", ["--channel", CHANNEL], [ARTICLES])
    assert code == 0 and expected
    spilled = io.BytesIO()
    ak.export(ARTICLES, "rss", spilled, channel=CHANNEL, buffer_bytes=0)
    assert spilled.getvalue() == expected
    monkeypatch.setenv("TMPDIR", str(tmp_path / "no-such-dir"))
    held = io.BytesIO()
    ak.export(ARTICLES, "rss", held, channel=CHANNEL)
    assert held.getvalue() == expected
    out = tmp_path / "feed.xml"
    with pytest.raises(ak.OutputError) as caught:
        ak.export(ARTICLES, "rss", out, channel=CHANNEL, buffer_bytes=0)
    assert "temporary file" in str(caught.value)
    assert not out.exists()
    with pytest.raises(ValueError, match="buffer_bytes must be a number of bytes"):
        ak.export(ARTICLES, "rss", io.BytesIO(), channel=CHANNEL, buffer_bytes=-1)
    with pytest.raises(TypeError):
        ak.export(ARTICLES, "rss", io.BytesIO(), channel=CHANNEL, buffer_bytes="16M")
