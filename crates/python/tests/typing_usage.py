"""Not a test: code a user writes, checked with `mypy --strict` against the
package's stubs (run by .ci/run beside `python -m mypy.stubtest articlekit`)."""

import io
import pathlib

import articlekit as ak


def use() -> None:
    v = ak.Validator()
    errors: list[ak.Error] = v.check('{"metadata": {}}')
    per_line: list[list[ak.Error]] = v.check_lines([b"{}", "{}"], jobs=2)
    for error in errors + [e for line in per_line for e in line]:
        where: tuple[str, int | None] = (error.input, error.line)
        keys: dict[str, object] = error.to_dict()
        print(where, keys, error.to_json())
    report: ak.Report = ak.validate([pathlib.Path("a.ndjson")], format="ndjson")
    counts: tuple[int, int, bool] = (report.valid, report.invalid, report.ok)
    print(counts, report.summary["records"])
    schema = ak.arrow_schema()
    print(schema)
    try:
        table = ak.read("a.ndjson", skip_invalid=False, jobs=None)
        print(table.num_rows)
    except ak.InvalidBatch as refused:
        print(refused.report.errors[0].message)
    except ak.InputError as unreadable:
        print(unreadable.input, unreadable.error.keyword)
    ak.export("a.ndjson", "parquet", io.BytesIO())
    ak.export("a.ndjson", "news-sitemap", None, channel="c.toml", out_dir="out", now="now")
    ak.export("a.ndjson", "atom", None, channel="c.toml", archive_size=100, out_dir=pathlib.Path("feed"))
    print(ak.__version__, ak.schema()["$id"])
