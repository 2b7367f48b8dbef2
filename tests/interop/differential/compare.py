#!/usr/bin/env python3
"""Record-by-record differential of articlekit's verdicts against python-jsonschema.

Reads an NDJSON batch, validates every line with python-jsonschema's
Draft202012Validator (formats asserted) on the committed schema, and compares
each record's valid/invalid verdict with the one articlekit gave (the records
named in its `--errors-out` NDJSON are invalid, all others valid). Records are
identified by their 1-based line number, which is articlekit's `record` index
for NDJSON input without blank lines.

Exit status: 0 when every verdict agrees, 1 on any disagreement or when the
python side is not set up to assert formats, 2 on bad usage.
"""

import argparse
import json
import re
import sys
from collections import Counter
from importlib.metadata import version

import jsonschema
from jsonschema import Draft202012Validator

JSONSCHEMA_VERSION = version("jsonschema")


def fail(message):
    print(f"differential: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def format_checker_asserts():
    """Prove that `uri` and `date-time` are really checked (they need the
    `jsonschema[format]` extras; without them the checker silently accepts)."""
    checker = Draft202012Validator.FORMAT_CHECKER
    cases = [
        ("uri", "not a url", False),
        ("uri", "https://cdn.example/bad path.pdf", False),
        ("uri", "https://www.scmp.com/news/article/3318837/x", True),
        ("date-time", "2025-13-01T00:00:00Z", False),
        ("date-time", "2025-07-20T08:00:00", False),
        ("date-time", "2025-02-30T10:00:00+07:00", False),
        ("date-time", "2025-07-20T08:00:00+07:00", True),
    ]
    for fmt, value, expected in cases:
        got = Draft202012Validator({"format": fmt}, format_checker=checker).is_valid(value)
        if got != expected:
            fail(
                f"python-jsonschema {JSONSCHEMA_VERSION} does not assert format `{fmt}` "
                f"({value!r} gave {got}, expected {expected}); install `jsonschema[format]`"
            )


def split_lines(data):
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def python_verdicts(validator, lines):
    """For each line: (valid, reason) where reason names the first problem."""
    verdicts = []
    for raw in lines:
        try:
            instance = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as e:
            verdicts.append((False, f"not loadable: {type(e).__name__}"))
            continue
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is None:
            verdicts.append((True, ""))
        else:
            pointer = "/" + "/".join(str(p) for p in error.absolute_path) if error.absolute_path else ""
            verdicts.append((False, f"{pointer or '(record)'} {error.validator}: {error.message[:160]}"))
    return verdicts


def read_ndjson(path):
    with open(path, "rb") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True)
    parser.add_argument("--batch", required=True)
    parser.add_argument("--errors", help="articlekit --errors-out NDJSON (omit to check python against --labels only)")
    parser.add_argument("--report", help="articlekit --report json output, to cross-check its counts")
    parser.add_argument("--labels", help="articlekit-gen --labels NDJSON: the planted fault of each record")
    parser.add_argument(
        "--against",
        choices=["python", "labels"],
        default="python",
        help="what articlekit's verdicts are compared with: python-jsonschema (default), or the planted faults "
        "of --labels (for batches with batch-rule and byte-level faults that other validators cannot judge)",
    )
    parser.add_argument(
        "--ajv-output",
        help="output of `ajv validate -d DIR/*.json` on the batch split into DIR/<record>.json, to compare too",
    )
    args = parser.parse_args()

    format_checker_asserts()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    with open(args.batch, "rb") as f:
        lines = split_lines(f.read())
    n = len(lines)
    if args.against == "labels":
        if not args.labels:
            fail("--against labels needs --labels")
        planted = {row["record"]: row["fault"] for row in read_ndjson(args.labels)}
        verdicts = [(planted.get(i) is None, f"planted {planted.get(i)}") for i in range(1, n + 1)]
    else:
        verdicts = python_verdicts(validator, lines)
    py_invalid = {i + 1 for i, (ok, _) in enumerate(verdicts) if not ok}
    unloadable = sum(1 for ok, why in verdicts if not ok and why.startswith("not loadable"))

    problems = []
    notes = []
    labels = {}
    edges = Counter()
    if args.labels:
        rows = read_ndjson(args.labels)
        labels = {row["record"]: row["fault"] for row in rows}
        edges = Counter(row["edge"] for row in rows if row.get("edge"))
    if args.labels and args.against == "python":
        if len(labels) != n:
            fail(f"{len(labels)} labels for {n} records")
        # The generator's own claim: a planted schema fault is invalid, anything else valid.
        for i in range(1, n + 1):
            fault = labels.get(i)
            ok, why = verdicts[i - 1]
            if fault is not None and ok:
                problems.append(f"record {i}: planted `{fault}` but python-jsonschema calls it valid")
            if fault is None and not ok:
                problems.append(f"record {i}: generated valid but python-jsonschema says {why}")

    judge = f"python-jsonschema {JSONSCHEMA_VERSION}" if args.against == "python" else "the planted faults"
    ak_errors = {}
    if args.errors:
        for error in read_ndjson(args.errors):
            missing = {"input", "line", "column", "record", "id", "pointer", "keyword", "message"} - error.keys()
            if missing:
                problems.append(f"articlekit error without keys {sorted(missing)}: {error}")
            record = error.get("record")
            if not isinstance(record, int) or not 1 <= record <= n:
                problems.append(f"articlekit error with record {record!r} outside 1..{n}: {error}")
                continue
            ak_errors.setdefault(record, []).append(error)
        for i in range(1, n + 1):
            py_ok, why = verdicts[i - 1]
            ak_ok = i not in ak_errors
            if py_ok != ak_ok:
                fault = labels.get(i)
                ak = "; ".join(
                    f"{e.get('pointer')!r} {e.get('keyword')}: {e.get('message')}" for e in ak_errors.get(i, [])[:3]
                )
                problems.append(
                    f"record {i} (line {i}, planted: {fault or 'none'}): "
                    f"{judge} says {'valid' if py_ok else 'invalid (' + why + ')'}, "
                    f"articlekit says {'valid' if ak_ok else 'invalid (' + ak + ')'}"
                )
    if args.ajv_output:
        ajv = {}
        with open(args.ajv_output, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^(\S*/)?(\d+)\.json (valid|invalid)$", line.strip())
                if m:
                    ajv[int(m.group(2))] = m.group(3) == "valid"
        if len(ajv) != n:
            problems.append(f"ajv gave {len(ajv)} verdicts for {n} records (did the schema compile?)")
        for i, ajv_ok in sorted(ajv.items()):
            py_ok, why = verdicts[i - 1] if 1 <= i <= n else (None, "")
            if ajv_ok != py_ok:
                problems.append(
                    f"record {i} (planted: {labels.get(i) or 'none'}): ajv says {'valid' if ajv_ok else 'invalid'}, "
                    f"python-jsonschema says {'valid' if py_ok else 'invalid (' + why + ')'}"
                )
        ajv_invalid = sum(1 for ok in ajv.values() if not ok)
        notes.append(f"differential: ajv: {len(ajv) - ajv_invalid} valid, {ajv_invalid} invalid")
    if args.report:
        with open(args.report, encoding="utf-8") as f:
            summary = json.load(f)["summary"]
        expected = {"records": n, "invalid": len(ak_errors), "valid": n - len(ak_errors)}
        for key, value in expected.items():
            if summary.get(key) != value:
                problems.append(f"articlekit --report json summary.{key} is {summary.get(key)}, expected {value}")

    kinds = Counter(f for f in labels.values() if f is not None)
    print(
        f"differential: {n} records, {judge}: "
        f"{n - len(py_invalid)} valid, {len(py_invalid)} invalid"
        + (f" ({unloadable} not loadable)" if args.against == "python" else "")
        + (f", {len(kinds)} planted fault kinds" if labels else "")
        + (f", {sum(edges.values())} valid edge records of {len(edges)} kinds" if edges else "")
    )
    if args.errors:
        print(f"differential: articlekit: {n - len(ak_errors)} valid, {len(ak_errors)} invalid "
              f"({sum(len(v) for v in ak_errors.values())} errors)")
    for note in notes:
        print(note)
    if problems:
        for p in problems[:50]:
            print(f"  {p}", file=sys.stderr)
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more", file=sys.stderr)
        fail(f"{len(problems)} disagreements")
    print("differential: every verdict agrees" if args.errors else "differential: python agrees with the labels")


if __name__ == "__main__":
    main()
