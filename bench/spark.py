"""Times `articlekit.spark.validate` in Spark local[2] beside the CLI on the same file and cores.

    python bench/spark.py [--count 200000] [--seed 2025] [--broken-rate 0.01] [--split-mb 128] [--runs 2]

Generates one batch with `articlekit-gen` into `bench/out/` (kept between
runs; 200,000 records are about 1.1 GB), then times, best of `--runs`:

- `articlekit validate -j 2` with `--errors-out`, `--valid-out` and
  `--invalid-out` (the same three outputs Spark writes);
- `articlekit.spark.validate` in a local[2] session started (and warmed up
  on a small file) before the clock starts, with the seconds of each stage;
- the native floor of the Spark design: `spark_scan` (every record checked)
  and `spark_check` (lines sorted, errors renumbered) on each split in this
  process, one core, no Spark.

Checks that the Spark summary equals the CLI's, then prints the wall times,
the ratio against the issue's target (Spark within 4x the CLI) and where the
time goes. Not a test: nothing asserts a time.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def binary(env, name):
    path = os.environ.get(env, str(ROOT / "target" / "release" / name))
    if not pathlib.Path(path).exists():
        sys.exit(f"{path} not found: cargo build --release -p articlekit-cli -p articlekit-gen")
    return path


def best(f, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--broken-rate", default="0.01")
    parser.add_argument("--split-mb", type=int, default=128)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    cli = binary("ARTICLEKIT", "articlekit")
    gen = binary("ARTICLEKIT_GEN", "articlekit-gen")
    OUT.mkdir(parents=True, exist_ok=True)
    batch = OUT / f"spark-{args.count}-{args.seed}-{args.broken_rate}.ndjson"
    if not batch.exists():
        partial = batch.with_suffix(".partial")
        with open(partial, "wb") as f:
            subprocess.run([gen, "--count", str(args.count), "--seed", str(args.seed),
                            "--broken-rate", args.broken_rate], stdout=f, check=True)
        partial.rename(batch)
    size = batch.stat().st_size
    work = OUT / "spark-run"

    def run_cli():
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        run = subprocess.run([cli, "validate", "-j", "2", "--report", "json", "--errors-out", str(work / "errors"),
                              "--valid-out", str(work / "valid"), "--invalid-out", str(work / "invalid"), str(batch)],
                             capture_output=True, check=False)
        return json.loads(run.stdout)["summary"]

    cli_seconds, cli_summary = best(run_cli, args.runs)

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from articlekit import _native
    from articlekit.spark import validate

    spark = (SparkSession.builder.master("local[2]").appName("articlekit-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # Warm-up (JVM, Python workers, the schema compiled in each): not timed.
    warm = OUT / "spark-warmup.ndjson"
    with open(batch, "rb") as f, open(warm, "wb") as w:
        w.write(b"".join(f.readline() for _ in range(200)))
    validate(spark, str(warm), str(work / "warm"), split_bytes=64 << 10, overwrite=True)

    stages = {}

    def run_spark():
        shutil.rmtree(work, ignore_errors=True)
        timings = {}
        summary = validate(spark, str(batch), str(work / "spark"), split_bytes=args.split_mb << 20, _timings=timings)
        if not stages or sum(timings.values()) < sum(stages.values()):
            stages.clear()
            stages.update(timings)
        return summary

    spark_seconds, spark_summary = best(run_spark, args.runs)
    spark.stop()
    same = spark_summary == cli_summary

    # The native floor: both stages on every split, one core, no Spark.
    split = args.split_mb << 20
    scan = check = 0.0
    with open(batch, "rb") as f:
        data = f.read()
    begin, first_line, first_record = 0, 0, 0
    while begin < size:
        stop = data.find(b"\n", min(begin + split, size) - 1)
        stop = size if stop < 0 else stop + 1
        chunk = data[begin:stop]
        start = time.perf_counter()
        lines, records, _, errors = _native.spark_scan(chunk, str(batch), at_start=begin == 0)
        scan += time.perf_counter() - start
        errors = list(zip(*errors))
        start = time.perf_counter()
        _native.spark_check(chunk, str(batch), first_line=first_line, first_record=first_record,
                            at_start=begin == 0, errors=errors, duplicates={})
        check += time.perf_counter() - start
        begin, first_line, first_record = stop, first_line + lines, first_record + records
    del data

    mb = size / 1e6
    print(f"batch: {args.count} records, {mb:.0f} MB ({batch.relative_to(ROOT)}), "
          f"splits of {args.split_mb} MiB, load average {os.getloadavg()[0]:.2f}")
    print(f"summary equal to the CLI's: {same} ({spark_summary['records']} records, "
          f"{spark_summary['invalid']} invalid, {spark_summary['errors']} errors)")
    print(f"{'articlekit validate -j 2':34} {cli_seconds:7.2f} s {mb / cli_seconds:7.0f} MB/s")
    print(f"{'spark.validate local[2]':34} {spark_seconds:7.2f} s {mb / spark_seconds:7.0f} MB/s "
          f"({mb / spark_seconds / 2:.0f} MB/s per core)")
    for stage, seconds in stages.items():
        print(f"  {stage:32} {seconds:7.2f} s")
    print(f"{'native floor, one core: scan':34} {scan:7.2f} s {mb / scan:7.0f} MB/s")
    print(f"{'native floor, one core: check':34} {check:7.2f} s {mb / check:7.0f} MB/s")
    print(f"{'  both stages on 2 cores, ideal':34} {(scan + check) / 2:7.2f} s")
    ratio = spark_seconds / cli_seconds
    print(f"spark / CLI: {ratio:.2f}x (target <= 4: {'PASS' if ratio <= 4 else 'FAIL'})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
