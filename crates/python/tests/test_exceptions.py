"""Bad input from Python: exceptions with the CLI's message and location."""

import io
import pathlib

import pytest

import articlekit as ak
from conftest import FIXTURES

GOOD = str(FIXTURES / "articles.ndjson")
CHANNEL = str(FIXTURES / "channel.toml")


def test_hierarchy():
    for cls in (ak.InputError, ak.ConfigError, ak.OutputError, ak.InvalidBatch):
        assert issubclass(cls, ak.ArticlekitError)
    assert issubclass(ak.ArticlekitError, Exception)


def test_missing_file_is_input_error_with_the_cli_message(tmp_path):
    missing = tmp_path / "missing.ndjson"
    with pytest.raises(ak.InputError) as caught:
        ak.validate([GOOD, str(missing)])
    assert str(caught.value).startswith(f"cannot open `{missing}`")
    assert caught.value.input == str(missing)
    assert caught.value.error.keyword == "io"
    assert caught.value.error.to_dict()["input"] == str(missing)
    with pytest.raises(ak.InputError):
        ak.export(str(missing), "csv", io.BytesIO())


def test_directory_and_unknown_extension(tmp_path):
    with pytest.raises(ak.InputError, match="is a directory"):
        ak.validate(str(tmp_path))
    odd = tmp_path / "records.txt2"
    odd.write_text("{}\n")
    with pytest.raises(ak.InputError, match="cannot tell the format"):
        ak.validate(odd)
    # With the format given, it is read.
    assert ak.validate(odd, format="ndjson").invalid == 1


def test_unknown_format():
    with pytest.raises(ak.ConfigError, match="unknown format `xml`"):
        ak.validate(GOOD, format="xml")
    with pytest.raises(ak.ConfigError, match="unknown export format `pdf`"):
        ak.export(GOOD, "pdf", io.BytesIO())


@pytest.mark.parametrize("bad", [None, 3, 3.5, b"fixtures/articles.ndjson", [None], [GOOD, 7], object()])
def test_wrong_path_types(bad):
    with pytest.raises(TypeError, match="paths"):
        ak.validate(bad)


def test_empty_paths_and_empty_path():
    with pytest.raises(ValueError, match="empty"):
        ak.validate([])
    with pytest.raises(ValueError, match="empty path"):
        ak.validate("")


def test_huge_and_nul_paths():
    with pytest.raises(ak.InputError):
        ak.validate("x" * 100_000 + ".ndjson")
    with pytest.raises(ak.InputError):
        ak.validate("a\0b.ndjson")


def test_wrong_types_for_check():
    v = ak.Validator()
    for bad in (None, 1, 2.0, [1], object()):
        with pytest.raises(TypeError, match="record must be"):
            v.check(bad)
    # An empty document is the CLI's parse error, located: never [] in silence.
    [empty] = v.check("")
    assert empty.keyword == "parse" and "empty" in empty.message
    with pytest.raises(ValueError, match="check takes one"):
        v.check("[{}, {}]")
    with pytest.raises(ValueError):
        v.check({"x": float("nan")})
    with pytest.raises(TypeError):
        v.check({"x": object()})


def test_wrong_types_for_check_lines():
    v = ak.Validator()
    for bad in (None, 5, "a line", b"a line"):
        with pytest.raises(TypeError, match="lines must be"):
            v.check_lines(bad)
    with pytest.raises(TypeError, match=r"lines\[1\]"):
        v.check_lines(["{}", 3])
    with pytest.raises(ValueError, match=r"lines\[0\] holds a line feed"):
        v.check_lines(["{}\n{}"])
    with pytest.raises(ValueError, match="jobs"):
        v.check_lines(["{}"], jobs=0)


def test_lone_surrogates_and_invalid_utf8():
    v = ak.Validator()
    with pytest.raises(ValueError, match="not valid Unicode"):
        v.check("{\"a\": \"\udcff\"}")
    with pytest.raises(ValueError, match="not valid Unicode"):
        v.check_lines(["\udcff"])
    # Bytes that are not UTF-8 are data: the CLI's utf8 error at its line.
    [[], errors] = v.check_lines([b"", b"\xff\xfe{}"])
    assert [e.keyword for e in errors] == ["utf8"] and errors[0].line == 2


def test_export_arguments():
    with pytest.raises(TypeError, match="to must be"):
        ak.export(GOOD, None, io.BytesIO())
    with pytest.raises(TypeError, match="out must be"):
        ak.export(GOOD, "csv", 5)
    closed = io.BytesIO()
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        ak.export(GOOD, "csv", closed)
    with pytest.raises(ak.ConfigError, match="`excel` is for to=csv"):
        ak.export(GOOD, "jsonld", io.BytesIO(), excel=True)
    with pytest.raises(ak.ConfigError, match="RSS channel is incomplete"):
        ak.export(GOOD, "rss", io.BytesIO())
    with pytest.raises(ak.ConfigError, match="cannot read the channel file"):
        ak.export(GOOD, "rss", io.BytesIO(), channel="/nonexistent/channel.toml")
    # A wrong value is a settings error, raised before anything is written.
    out = io.BytesIO()
    with pytest.raises(ak.ConfigError, match=r"a setting is wrong: .*`2025-13-01T00:00:00Z`"):
        ak.export(GOOD, "atom", out, channel=CHANNEL, last_build_date="2025-13-01T00:00:00Z")
    assert out.getvalue() == b""
    # A text-mode file cannot take bytes: the error is Python's own, nothing silent.
    with pytest.raises(TypeError):
        ak.export(GOOD, "csv", io.StringIO())


def test_output_directory_missing(tmp_path):
    with pytest.raises(ak.OutputError, match="cannot create a temporary file"):
        ak.export(GOOD, "csv", tmp_path / "no" / "such" / "out.csv")


def test_pathlike_accepted(tmp_path):
    assert ak.validate(pathlib.Path(GOOD)).ok
    assert ak.validate([pathlib.Path(GOOD)]).records > 0


@pytest.mark.parametrize("bad", [None, 3, -1, 2**80, 3.5, b"fixtures/articles.ndjson", b"\xff\xfe", [None], [GOOD, 7], object()])
def test_read_wrong_path_types(bad):
    with pytest.raises(TypeError, match="paths"):
        ak.read(bad)


def test_read_file_objects_are_refused(tmp_path):
    with open(GOOD, "rb") as f:
        with pytest.raises(TypeError, match="file object"):
            ak.read(f)
    closed = open(GOOD, "rb")
    closed.close()
    with pytest.raises(TypeError, match="file object"):
        ak.read(closed)
    with pytest.raises(TypeError, match="file object"):
        ak.validate(io.BytesIO(b"{}\n"))


def test_read_missing_huge_and_unknown(tmp_path):
    missing = tmp_path / "missing.ndjson"
    with pytest.raises(ak.InputError) as caught:
        ak.read([GOOD, missing])
    assert str(caught.value).startswith(f"cannot open `{missing}`")
    assert caught.value.error.keyword == "io"
    with pytest.raises(ak.InputError):
        ak.read("x" * 1_000_000 + ".ndjson")
    with pytest.raises(ak.InputError):
        ak.read("a\0b.ndjson")
    with pytest.raises(ak.InputError, match="is a directory"):
        ak.read(tmp_path)
    with pytest.raises(ak.ConfigError, match="unknown format `parquet2`"):
        ak.read(GOOD, format="parquet2")
    with pytest.raises(TypeError, match="format must be"):
        ak.read(GOOD, format=5)
    with pytest.raises(ValueError, match="empty"):
        ak.read([])


def test_read_other_arguments():
    with pytest.raises(ValueError, match="jobs"):
        ak.read(GOOD, jobs=0)
    with pytest.raises(ValueError, match="jobs"):
        ak.read(GOOD, jobs=-3)
    with pytest.raises(OverflowError):
        ak.read(GOOD, jobs=2**80)
    with pytest.raises(TypeError):
        ak.read(GOOD, jobs="2")
    with pytest.raises(TypeError):
        ak.read(GOOD, skip_invalid="yes")
    with pytest.raises(ValueError, match="max_record_bytes"):
        ak.read(GOOD, max_record_bytes=0)
    with pytest.raises(TypeError):
        ak.arrow_schema(1)


def test_read_invalid_utf8_and_other_encodings(tmp_path):
    # Bytes that are not UTF-8 in a file are data: a located error, the batch refused.
    path = tmp_path / "bad.ndjson"
    path.write_bytes(open(GOOD, "rb").read() + b"\xff\xfe{}\n")
    with pytest.raises(ak.InvalidBatch) as caught:
        ak.read(path)
    [error] = caught.value.report.errors
    assert error.keyword == "utf8" and error.line is not None
    assert ak.read(path, skip_invalid=True).num_rows == ak.read(GOOD).num_rows
    with pytest.raises(ak.InvalidBatch):
        ak.read(FIXTURES / "bad" / "utf16le-bom.ndjson")
