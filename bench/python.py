"""Times the Python package beside the CLI and the Python alternatives.

    python bench/python.py [--count 20000] [--seed 2025]

Generates a batch with `articlekit-gen`, then times, on the same lines:
`Validator().check_lines(lines)`, `ak.validate(paths)`, the CLI's
`articlekit validate`, and, when installed, `jsonschema_rs` (format checks
on, `is_valid(json.loads(line))` per line) and python `jsonschema`
(`Draft202012Validator` with `FormatChecker`). Best of three runs each.
Prints the times and the ratios of the issue's targets. Not a test.
"""

import argparse
import json
import os
import pathlib
import subprocess
import tempfile
import time

import articlekit as ak

ROOT = pathlib.Path(__file__).resolve().parents[1]


def best(f, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    cli = os.environ.get("ARTICLEKIT", str(ROOT / "target/release/articlekit"))
    gen = os.environ.get("ARTICLEKIT_GEN", str(ROOT / "target/release/articlekit-gen"))
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "batch.ndjson"
        with open(path, "wb") as f:
            subprocess.run([gen, "--count", str(args.count), "--seed", str(args.seed)], stdout=f, check=True)
        lines = path.read_text(encoding="utf-8").splitlines()
        v = ak.Validator()
        results = {
            "check_lines": best(lambda: v.check_lines(lines)),
            "ak.validate": best(lambda: ak.validate(str(path))),
            "cli validate": best(lambda: subprocess.run([cli, "validate", "-q", str(path)], capture_output=True)),
        }
        schema = ak.schema()
        try:
            import jsonschema_rs

            rs = jsonschema_rs.validator_for(schema, validate_formats=True)
            results["jsonschema_rs"] = best(lambda: [rs.is_valid(json.loads(line)) for line in lines])
        except ImportError:
            pass
        try:
            import jsonschema

            py = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            results["jsonschema"] = best(lambda: [py.is_valid(json.loads(line)) for line in lines], runs=1)
        except ImportError:
            pass
    for name, seconds in results.items():
        print(f"{name:14} {seconds * 1000:9.1f} ms")
    base = results["check_lines"]
    print(f"check_lines / cli validate: {base / results['cli validate']:.2f} (target <= 1.5)")
    print(f"ak.validate / cli validate: {results['ak.validate'] / results['cli validate']:.2f} (target <= 1.2)")
    for other, target in (("jsonschema_rs", 3), ("jsonschema", 50)):
        if other in results:
            print(f"{other} / check_lines: {results[other] / base:.1f}x (target >= {target})")


if __name__ == "__main__":
    main()
