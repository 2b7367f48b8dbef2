"""Times the Python package beside the CLI and the Python alternatives.

    python bench/python.py [--count 20000] [--seed 2025] [--runs 5]

Generates a batch with `articlekit-gen`, then times, side by side in one
run, on the same lines: `Validator().check_lines(lines)` (the lines as
`str`, and as `bytes`), `ak.validate(path)`, `ak.read(path)` into a
`pyarrow.Table`, the CLI's `articlekit validate` (a subprocess, so its
start-up is counted), and, when installed, `jsonschema_rs` (format checks
on, `is_valid(json.loads(line))` per line) and python `jsonschema`
(`Draft202012Validator` with `FormatChecker`, one run: it is slow). The
rounds are interleaved (each round runs every contender once) and the
median of the rounds is taken, so that load from other processes falls on
all of them alike. Prints the times and the ratios of the issue's targets.
Not a test.
"""

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

import articlekit as ak

ROOT = pathlib.Path(__file__).resolve().parents[1]


def cpu_now():
    """CPU time of this process and of its finished children (the CLI)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(f):
    """(wall, CPU) seconds of one call."""
    cpu = cpu_now()
    start = time.perf_counter()
    f()
    return time.perf_counter() - start, cpu_now() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-jsonschema", action="store_true", help="skip python jsonschema (minutes)")
    args = parser.parse_args()
    cli = os.environ.get("ARTICLEKIT", str(ROOT / "target/release/articlekit"))
    gen = os.environ.get("ARTICLEKIT_GEN", str(ROOT / "target/release/articlekit-gen"))
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "batch.ndjson"
        with open(path, "wb") as f:
            subprocess.run([gen, "--count", str(args.count), "--seed", str(args.seed)], stdout=f, check=True)
        lines = path.read_text(encoding="utf-8").splitlines()
        raw_lines = path.read_bytes().splitlines()
        print(f"{len(lines)} records, {path.stat().st_size / 1e6:.1f} MB, {os.cpu_count()} cores")
        v = ak.Validator()
        schema = ak.schema()
        contenders = {
            "check_lines": lambda: v.check_lines(lines),
            "check_lines bytes": lambda: v.check_lines(raw_lines),
            "ak.validate": lambda: ak.validate(str(path)),
            "ak.read": lambda: ak.read(str(path)),
            "cli validate": lambda: subprocess.run([cli, "validate", "-q", str(path)], check=True, capture_output=True),
        }
        try:
            import jsonschema_rs

            rs = jsonschema_rs.validator_for(schema, validate_formats=True)
            contenders["jsonschema_rs"] = lambda: [rs.is_valid(json.loads(line)) for line in lines]
        except ImportError:
            pass
        # The answers agree before anything is timed.
        assert all(not errors for errors in v.check_lines(lines))
        assert ak.validate(str(path)).ok and ak.read(str(path)).num_rows == len(lines)
        times = {name: [] for name in contenders}
        for _ in range(args.runs):
            for name, f in contenders.items():
                times[name].append(timed(f))
        results = {name: statistics.median(w for w, _ in t) for name, t in times.items()}
        cpu = {name: statistics.median(c for _, c in t) for name, t in times.items()}
        if not args.no_jsonschema:
            try:
                import jsonschema

                py = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
                results["jsonschema"], cpu["jsonschema"] = timed(
                    lambda: [py.is_valid(json.loads(line)) for line in lines]
                )
            except ImportError:
                pass
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (medians of {args.runs} rounds)")
    print(f"{'':18} {'wall':>9}    {'CPU':>9}")
    for name, seconds in results.items():
        print(f"{name:18} {seconds * 1000:9.1f} ms {cpu[name] * 1000:9.1f} ms")
    base = results["check_lines"]
    cli_time = results["cli validate"]
    print(f"check_lines / cli validate: {base / cli_time:.2f} (target <= 1.5)")
    print(f"check_lines bytes / cli validate: {results['check_lines bytes'] / cli_time:.2f}")
    print(f"ak.validate / cli validate: {results['ak.validate'] / cli_time:.2f} (target <= 1.2)")
    print(f"ak.read / cli validate: {results['ak.read'] / cli_time:.2f} (target <= 1.5)")
    for other, target in (("jsonschema_rs", 3), ("jsonschema", 50)):
        if other in results:
            print(f"{other} / check_lines: {results[other] / base:.1f}x (target >= {target})")


if __name__ == "__main__":
    main()
