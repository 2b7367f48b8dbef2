"""articlekit on Apache Spark: batches larger than one machine.

>>> from articlekit.spark import validate, articles
>>> summary = validate(spark, ["s3://bucket/batch/"], "s3://bucket/checked/")  # doctest: +SKIP
>>> df = articles(spark, ["s3://bucket/batch/"])  # doctest: +SKIP

The Rust core runs inside Spark tasks; Spark does the distribution, the
shuffle for the batch rules and the retries. ``validate`` gives the verdicts,
error objects and counts of ``articlekit validate`` on the same files, however
the files are cut. How it works, what it costs and how to run it on a cluster:
``docs/spark.md``.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.fs as pafs  # type: ignore[import-untyped, unused-ignore]

from articlekit import _native

__all__ = ["articles", "validate"]

#: File name endings read as NDJSON (as the CLI tells the format).
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
#: What the CLI looks at to refuse a whole file (UTF-16, a CSV header...).
_HEAD_BYTES = 256 << 10
#: Largest read when looking for the start of a line (a long line's end).
_BLOCK = 1 << 20
#: The CLI's default record size limit (`--max-record-bytes`).
_MAX_RECORD_BYTES = 16 << 20

#: Bytes of input a task should have at least: smaller splits are grouped,
#: several to a task (each still read and numbered on its own), so that
#: Spark's cost per task does not swamp the work.
_TASK_BYTES = 64 << 20

_SIDES = ("valid", "invalid", "errors")

_Path = Union[str, "os.PathLike[str]"]

#: Stage 1's rows: one per id (``line``, ``id``), one per error (``e_*``,
#: numbered within the split), and one of the split's counts (``lines``...).
_SCAN_COLUMNS = {
    "split": pa.int32(),
    "line": pa.int64(),
    "id": pa.string(),
    "e_n": pa.int64(),
    "e_line": pa.int64(),
    "e_column": pa.int64(),
    "e_column_name": pa.string(),
    "e_record": pa.int64(),
    "e_id": pa.string(),
    "e_pointer": pa.string(),
    "e_keyword": pa.string(),
    "e_message": pa.string(),
    "lines": pa.int64(),
    "records": pa.int64(),
    "begin": pa.int64(),
    "stop": pa.int64(),
    "error": pa.string(),
    "keyword": pa.string(),
    "message": pa.string(),
}
_SCAN_SCHEMA = ", ".join(f"{name} {'int' if t == pa.int32() else 'long' if t == pa.int64() else 'string'}"
                         for name, t in _SCAN_COLUMNS.items())
_COUNT_FIELDS = ("lines", "records", "begin", "stop", "error", "keyword", "message")
_ERROR_FIELDS = ("line", "e_line", "e_column", "e_column_name", "e_record", "e_id", "e_pointer", "e_keyword", "e_message")


@dataclass(frozen=True)
class _Input:
    """One input file: its name in reports, where it is, its size."""

    name: str
    filesystem: pafs.FileSystem
    path: str
    size: int


@dataclass(frozen=True)
class _Split:
    """Bytes ``[start, end)`` of input ``file``: the lines that start there."""

    index: int
    file: int
    start: int
    end: int


def _locate(name: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and path of a local path or a URI (``s3://``, ``hdfs://``, ``file://``)."""
    if "://" in name:
        return pafs.FileSystem.from_uri(name)
    return pafs.LocalFileSystem(), os.path.abspath(name)


def _inputs(paths: Union[_Path, Iterable[_Path]]) -> list[_Input]:
    """The input files in order: each file as given, each directory's NDJSON files sorted."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inputs: list[_Input] = []
    for given in paths:
        name = os.fspath(given)
        if not isinstance(name, str):
            raise TypeError(f"paths must be str or os.PathLike[str], not {type(given).__name__}")
        filesystem, path = _locate(name)
        info = filesystem.get_file_info(path)
        if info.type == pafs.FileType.Directory:
            found = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
            files = sorted(
                (f for f in found if f.type == pafs.FileType.File and f.path.endswith(NDJSON_SUFFIXES)),
                key=lambda f: f.path,
            )
            for f in files:
                relative = f.path[len(path) :].lstrip("/")
                inputs.append(_Input(name.rstrip("/") + "/" + relative, filesystem, f.path, f.size))
        elif info.type == pafs.FileType.File:
            if not name.endswith(NDJSON_SUFFIXES):
                raise ValueError(
                    f"`{name}`: articlekit.spark reads NDJSON files (.ndjson, .jsonl); "
                    "use articlekit.validate for JSON, CSV, page and Parquet inputs"
                )
            inputs.append(_Input(name, filesystem, path, info.size))
        else:
            raise FileNotFoundError(f"cannot open `{name}`: no such file or directory")
    return inputs


def _splits(inputs: Sequence[_Input], split_bytes: int) -> list[_Split]:
    """Each file cut every ``split_bytes`` bytes (one split for an empty file)."""
    splits: list[_Split] = []
    for file, source in enumerate(inputs):
        starts = range(0, source.size, split_bytes) if source.size else [0]
        for start in starts:
            end = min(start + split_bytes, source.size)
            splits.append(_Split(len(splits), file, start, end))
    return splits


def _tasks(spark: Any, inputs: Sequence[_Input], n: int) -> int:
    """How many tasks share the ``n`` splits: one per split, unless that gives
    tasks of less than ``_TASK_BYTES`` (then at least two per core)."""
    total = sum(i.size for i in inputs)
    cores = spark.sparkContext.defaultParallelism
    return max(1, min(n, max(2 * cores, -(-total // _TASK_BYTES))))


def _group(split: int, tasks: int, n: int) -> int:
    """The task of a split: consecutive splits, in equal numbers, to each task."""
    return split * tasks // n


def _line_start(f: Any, position: int, size: int) -> int:
    """The first line start at or after ``position``: 0, or just after a line feed."""
    if position <= 0:
        return 0
    at = position - 1
    block = 16 << 10
    while at < size:
        data = f.read_at(min(block, size - at), at)
        if not data:
            break
        found = data.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(data)
        block = min(2 * block, _BLOCK)
    return size


def _head(source: _Input, f: Any) -> bytes:
    return f.read_at(min(_HEAD_BYTES, source.size), 0) if source.size else b""


def _scan_split(
    split: _Split, source: _Input, max_record_bytes: int, refusals: dict[int, Optional[tuple[str, str, str]]]
) -> pa.RecordBatch:
    """Stage 1 for one split: its byte range, counts, ids and errors.
    ``refusals``: what the task already knows of each file's head."""
    with source.filesystem.open_input_file(source.path) as f:
        if split.file not in refusals:
            refusals[split.file] = _native.spark_sniff(_head(source, f), source.name)
        refused = refusals[split.file]
        if refused is not None:
            error, keyword, message = refused
            counts = {"lines": 0, "records": 0, "begin": 0, "stop": 0, "error": error, "keyword": keyword,
                      "message": message}
            return _scan_batch(split.index, [], [], None, counts)
        begin = _line_start(f, split.start, source.size)
        stop = _line_start(f, split.end, source.size) if split.end < source.size else source.size
        data = f.read_at(stop - begin, begin) if stop > begin else b""
    lines, records, (id_lines, ids), errors = _native.spark_scan(
        data, source.name, at_start=begin == 0, max_record_bytes=max_record_bytes
    )
    counts = {"lines": lines, "records": records, "begin": begin, "stop": stop}
    return _scan_batch(split.index, id_lines, ids, errors, counts)


def _scan_batch(index: int, id_lines: list, ids: list, errors: Optional[tuple], counts: dict) -> pa.RecordBatch:
    """The rows of stage 1 for one split: its ids, its errors, then its counts."""
    n_ids = len(ids)
    n_errors = len(errors[0]) if errors else 0
    rows = n_ids + n_errors + 1
    columns: dict[str, list] = {name: [None] * rows for name in _SCAN_COLUMNS}
    columns["split"] = [index] * rows
    columns["line"][:n_ids] = id_lines
    columns["id"][:n_ids] = ids
    if errors:
        for name, values in zip(_ERROR_FIELDS, errors):
            columns[name][n_ids : n_ids + n_errors] = values
        columns["e_n"][n_ids : n_ids + n_errors] = range(n_errors)
    for name, value in counts.items():
        columns[name][-1] = value
    return pa.RecordBatch.from_pydict({name: pa.array(values, _SCAN_COLUMNS[name]) for name, values in columns.items()})


@dataclass(frozen=True)
class _Work:
    """Stage 2 for one split: where its lines are and what comes before them."""

    index: int
    file: int
    #: The split starts its file.
    first: bool
    begin: int
    stop: int
    first_line: int
    first_record: int
    error: Optional[str]
    keyword: Optional[str]
    message: Optional[str]


def _check_split(
    work: _Work,
    source: _Input,
    errors: list[tuple],
    duplicates: dict[int, tuple[str, int]],
    staging: tuple[pafs.FileSystem, str],
    max_record_bytes: int,
    fail_once: Optional[int],
) -> dict[str, Any]:
    """Stage 3 for one split: its lines sorted and its errors renumbered, into this attempt's staging files."""
    from pyspark import TaskContext

    context = TaskContext.get()
    attempt = context.taskAttemptId() if context is not None else uuid.uuid4().int
    if work.error is not None:
        # The CLI refuses the whole file: one error object, from its first split.
        sides = (b"", b"", (work.error + "\n").encode() if work.first else b"")
        open_lines = (False, False)
        counts = None
    else:
        with source.filesystem.open_input_file(source.path) as f:
            data = f.read_at(work.stop - work.begin, work.begin) if work.stop > work.begin else b""
        valid, invalid, written, open_lines, counts = _native.spark_check(
            data,
            source.name,
            first_line=work.first_line,
            first_record=work.first_record,
            at_start=work.begin == 0,
            errors=errors,
            duplicates=duplicates,
            max_record_bytes=max_record_bytes,
        )
        del data
        sides = (valid, invalid, written)
    filesystem, root = staging
    staged = {}
    for side, content in zip(_SIDES, sides):
        if not content:
            continue
        path = f"{root}/{side}-{work.index:05d}-attempt-{attempt}.ndjson"
        with filesystem.open_output_stream(path) as out:
            out.write(content)
        staged[side] = path
    if fail_once is not None and work.index == fail_once and context is not None and context.attemptNumber() == 0:
        # Left in `out` (tests only), to show the failure happened.
        with filesystem.open_output_stream(root.rsplit("/", 2)[0] + "/_failure_injected"):
            pass
        raise RuntimeError(f"articlekit.spark: failure injected in split {work.index} (first attempt)")
    return {
        "index": work.index,
        "staged": staged,
        "open": dict(zip(("valid", "invalid"), open_lines)),
        "counts": counts,
    }


def _commit(spark: Any, results: list[dict[str, Any]], out: tuple[pafs.FileSystem, str], tasks: int) -> None:
    """Moves each split's files from the attempt that Spark kept to their final
    names, in Spark tasks (on an object store a move is a copy: it is spread
    over the executors, not made by the driver alone).

    A failed or lost attempt's files are never moved (the staging directory is
    deleted after), so a retried task neither loses nor repeats a line.
    """
    filesystem, root = out
    moves: list[tuple[str, str, bool]] = []
    # Part numbers as wide as the largest, so that name order is split order.
    width = max(5, len(str(max((r["index"] for r in results), default=0))))
    for side in _SIDES:
        filesystem.create_dir(f"{root}/{side}", recursive=True)
        parts = [(r["index"], r["staged"][side], r["open"].get(side, False)) for r in results if side in r["staged"]]
        for n, (index, staged, open_line) in enumerate(parts):
            # A last line without a line feed, with more lines after it on
            # this side, gets a line feed, as the CLI writes it, so that lines
            # never merge when the parts are read as one.
            final = f"{root}/{side}/part-{index:0{width}d}.ndjson"
            moves.append((staged, final, open_line and n + 1 < len(parts)))
    if moves:
        spark.sparkContext.parallelize(moves, min(tasks, len(moves))).foreach(lambda m: _move(filesystem, *m))


def _move(filesystem: pafs.FileSystem, staged: str, final: str, line_feed: bool) -> None:
    """Moves one staged file to its final name; done already if a retry finds it moved."""
    if filesystem.get_file_info(staged).type == pafs.FileType.NotFound:
        if filesystem.get_file_info(final).type == pafs.FileType.File:
            return
        raise FileNotFoundError(f"articlekit.spark: `{staged}` is gone and `{final}` was not written")
    if not line_feed:
        filesystem.move(staged, final)
        return
    with filesystem.open_input_stream(staged) as source, filesystem.open_output_stream(final) as sink:
        while True:
            block = source.read(_BLOCK * 8)
            if not block:
                break
            sink.write(block)
        sink.write(b"\n")
    filesystem.delete_file(staged)


def _summary(inputs: Sequence[_Input], works: Sequence[_Work], results: list[dict[str, Any]]) -> dict[str, Any]:
    """The `"summary"` object of `articlekit validate --report json` on the same files."""
    per_input: list[dict[str, Any]] = [
        {"input": i.name, "format": "ndjson", "records": 0, "valid": 0, "invalid": 0, "errors": 0, "error": None}
        for i in inputs
    ]
    total = {"records": 0, "valid": 0, "invalid": 0, "errors": 0}
    by_keyword: dict[str, int] = {}
    for work in works:
        if work.error is not None and work.first:
            entry = per_input[work.file]
            entry["errors"] += 1
            entry["error"] = work.message
            total["errors"] += 1
            keyword = work.keyword or ""
            by_keyword[keyword] = by_keyword.get(keyword, 0) + 1
    for result in results:
        counts = result["counts"]
        if counts is None:
            continue
        records, valid, invalid, errors, keywords = counts
        entry = per_input[works[result["index"]].file]
        for key, n in zip(("records", "valid", "invalid", "errors"), (records, valid, invalid, errors)):
            entry[key] += n
            total[key] += n
        for keyword, n in keywords.items():
            by_keyword[keyword] = by_keyword.get(keyword, 0) + n
    return {**total, "by_keyword": dict(sorted(by_keyword.items())), "inputs": per_input}


def _stage_one(spark: Any, inputs: list[_Input], splits: list[_Split], max_record_bytes: int) -> tuple[Any, list[_Work]]:
    """Stage 1, one task per split: the persisted DataFrame of ids, errors and
    counts, and each split's place in its file (computed from the counts)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    n = len(splits)
    tasks = _tasks(spark, inputs, n)
    shared = spark.sparkContext.broadcast((inputs, splits))

    def scan(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        sources, cut = shared.value
        refusals: dict[int, Optional[tuple[str, str, str]]] = {}
        for batch in batches:
            for task in batch.column(0).to_pylist():
                for split in cut:
                    if _group(split.index, tasks, len(cut)) == task:
                        yield _scan_split(split, sources[split.file], max_record_bytes, refusals)

    scanned = (
        spark.range(0, tasks, 1, numPartitions=tasks)
        .mapInArrow(scan, _SCAN_SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        counts = scanned.where(F.col("lines").isNotNull()).select("split", *_COUNT_FIELDS).collect()
    except BaseException:
        scanned.unpersist()
        raise
    return scanned, _works(splits, counts)


def _later_duplicates(spark: Any, scanned: Any, works: list[_Work]) -> Any:
    """The duplicate-id rule as a Spark query: for each id seen more than
    once, its first occurrence by input order then line is the least
    ``(file, line)``; one row (``split``, ``line``, ``first``) per other one."""
    from pyspark.sql import functions as F

    offsets = spark.createDataFrame(
        [(w.index, w.file, w.first_line) for w in works if w.error is None],
        "split int, file int, first_line long",
    )
    ids = (
        scanned.where(F.col("id").isNotNull())
        .join(F.broadcast(offsets), "split")
        .select("id", "split", "line", "file", (F.col("first_line") + F.col("line")).alias("at"))
    )
    firsts = (
        ids.groupBy("id")
        .agg(F.min(F.struct("file", "at")).alias("first"), F.count(F.lit(1)).alias("n"))
        .where(F.col("n") > 1)
    )
    return ids.join(firsts, "id").where((F.col("file") != F.col("first.file")) | (F.col("at") != F.col("first.at")))


def validate(
    spark: Any,
    paths: Union[_Path, Iterable[_Path]],
    out: _Path,
    split_bytes: int = 128 << 20,
    *,
    max_record_bytes: int = _MAX_RECORD_BYTES,
    overwrite: bool = False,
    _fail_once: Optional[int] = None,
    _timings: Optional[dict[str, float]] = None,
) -> dict[str, Any]:
    """Validates NDJSON files on Spark, as ``articlekit validate`` does on one machine.

    ``paths``: files or directories (their ``.ndjson``/``.jsonl`` files, sorted),
    local or any URI ``pyarrow.fs`` understands. Files larger than
    ``split_bytes`` are read by several tasks. Writes ``out/valid/`` and
    ``out/invalid/`` (every input line exactly once, byte for byte; blank lines
    go to the valid side, as with ``--valid-out``) and ``out/errors/`` (one
    error object per line, as ``--errors-out``), each as ``part-NNNNN.ndjson``
    files whose concatenation in name order is what the CLI writes. Returns the
    ``"summary"`` object of ``articlekit validate --report json``.

    ``_fail_once`` (tests only): the check of that split fails on its first
    attempt. ``_timings`` (benchmarks): filled with the seconds of each stage.
    """
    timings = _timings if _timings is not None else {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    if split_bytes < 1:
        raise ValueError(f"split_bytes must be at least 1, not {split_bytes}")
    inputs = _inputs(paths)
    splits = _splits(inputs, split_bytes)
    out_fs, out_root = _locate(os.fspath(out))
    out_root = out_root.rstrip("/")
    for side in _SIDES:
        info = out_fs.get_file_info(f"{out_root}/{side}")
        if info.type != pafs.FileType.NotFound:
            if not overwrite:
                raise FileExistsError(f"`{os.fspath(out)}/{side}` exists: pass overwrite=True to replace it")
            out_fs.delete_dir(f"{out_root}/{side}")
    n = len(splits)
    if n == 0:
        for side in _SIDES:
            out_fs.create_dir(f"{out_root}/{side}", recursive=True)
        return _summary(inputs, [], [])

    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    scanned, works = _stage_one(spark, inputs, splits, max_record_bytes)
    try:
        lap("scan")
        later = _later_duplicates(spark, scanned, works)
        names = [i.name for i in inputs]
        duplicates = later.select(
            "split", "line", F.col("first.file").alias("ff"), F.col("first.at").alias("fl")
        ).rdd.map(lambda r: (r[0], (0, r[1], (names[r[2]], r[3]))))
        errors = (
            scanned.where(F.col("e_n").isNotNull())
            .select("split", "e_n", *_ERROR_FIELDS)
            .rdd.map(lambda r: (r[0], (1, r[1], tuple(r[2:]))))
        )
        # One partition per task (holding its splits' errors and duplicates),
        # computed once: a retried task reads them again from here.
        tasks = _tasks(spark, inputs, n)
        found = (
            duplicates.union(errors)
            .partitionBy(tasks, lambda split: _group(split, tasks, n))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        found.count()
        lap("ids")

        # Stage 3: each split's lines sorted and its errors renumbered,
        # written to staging files of its attempt; one split per partition.
        staging_root = f"{out_root}/_temporary/{uuid.uuid4().hex}"
        out_fs.create_dir(staging_root, recursive=True)
        work_of = spark.sparkContext.broadcast((inputs, works, (out_fs, staging_root)))

        def check(task: int, rows: Iterator[tuple[int, tuple[int, int, tuple]]]) -> Iterator[dict[str, Any]]:
            sources, plan, staging = work_of.value
            numbered: dict[int, list[tuple[int, tuple]]] = {}
            repeated: dict[int, dict[int, tuple[str, int]]] = {}
            for split, (kind, number, value) in rows:
                if kind == 0:
                    repeated.setdefault(split, {})[number] = value
                else:
                    numbered.setdefault(split, []).append((number, value))
            for work in plan:
                if _group(work.index, tasks, n) != task:
                    continue
                errors = [e for _, e in sorted(numbered.get(work.index, []), key=lambda e: e[0])]
                yield _check_split(
                    work, sources[work.file], errors, repeated.get(work.index, {}), staging, max_record_bytes, _fail_once
                )

        results = found.mapPartitionsWithIndex(check, preservesPartitioning=True).collect()
        found.unpersist()
        lap("check")
        results.sort(key=lambda r: r["index"])
        _commit(spark, results, (out_fs, out_root), tasks)
        out_fs.delete_dir(f"{out_root}/_temporary")
        with out_fs.open_output_stream(f"{out_root}/_SUCCESS"):
            pass
        lap("commit")
        return _summary(inputs, works, results)
    finally:
        scanned.unpersist()


def _works(splits: Sequence[_Split], counts: Sequence[Any]) -> list[_Work]:
    """Each split's lines and records before it in its file, from stage 1's counts."""
    by_index = {row["split"]: row for row in counts}
    works = []
    lines = records = 0
    file = -1
    for split in splits:
        row = by_index[split.index]
        if split.file != file:
            file, lines, records = split.file, 0, 0
        works.append(
            _Work(
                split.index,
                split.file,
                split.start == 0,
                row["begin"],
                row["stop"],
                lines,
                records,
                row["error"],
                row["keyword"],
                row["message"],
            )
        )
        lines += row["lines"]
        records += row["records"]
    return works


def _nullable(data_type: Any) -> Any:
    """``data_type`` with every field nullable: a struct that is null (an
    absent ``publisher``) has null children even where the model requires
    them, and Spark refuses nulls in a field it was told has none."""
    from pyspark.sql.types import ArrayType, StructField, StructType

    if isinstance(data_type, StructType):
        return StructType([StructField(f.name, _nullable(f.dataType), True, f.metadata) for f in data_type.fields])
    if isinstance(data_type, ArrayType):
        return ArrayType(_nullable(data_type.elementType), True)
    return data_type


def articles(
    spark: Any,
    paths: Union[_Path, Iterable[_Path]],
    split_bytes: int = 128 << 20,
    *,
    max_record_bytes: int = _MAX_RECORD_BYTES,
) -> Any:
    """A DataFrame of the valid articles of ``paths``, in the columns of ``ak.arrow_schema()``.

    The records ``articlekit validate`` finds valid, batch rules included (a
    later occurrence of a repeated id is left out), in input order within each
    split. The ids are checked now (stage 1 and the duplicate-id query run
    before this returns); the articles are built when the DataFrame is used.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    if split_bytes < 1:
        raise ValueError(f"split_bytes must be at least 1, not {split_bytes}")
    columns = _nullable(from_arrow_schema(_native.arrow_schema()))
    inputs = _inputs(paths)
    splits = _splits(inputs, split_bytes)
    n = len(splits)
    if n == 0:
        return spark.createDataFrame([], columns)
    scanned, works = _stage_one(spark, inputs, splits, max_record_bytes)
    try:
        repeated: dict[int, set[int]] = {}
        for split, line in _later_duplicates(spark, scanned, works).select("split", "line").collect():
            repeated.setdefault(split, set()).add(line)
    finally:
        scanned.unpersist()
    plan = spark.sparkContext.broadcast((inputs, works, repeated))

    tasks = _tasks(spark, inputs, n)

    def build(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        sources, cut, later = plan.value
        for batch in batches:
            task_works = [w for task in batch.column(0).to_pylist() for w in cut if _group(w.index, tasks, n) == task]
            for work in task_works:
                index = work.index
                if work.error is not None:
                    continue
                source = sources[work.file]
                with source.filesystem.open_input_file(source.path) as f:
                    data = f.read_at(work.stop - work.begin, work.begin) if work.stop > work.begin else b""
                table = _native.spark_articles(
                    data,
                    source.name,
                    at_start=work.begin == 0,
                    duplicates=later.get(index, set()),
                    max_record_bytes=max_record_bytes,
                )
                yield from table.to_batches()

    return spark.range(0, tasks, 1, numPartitions=tasks).mapInArrow(build, columns)
