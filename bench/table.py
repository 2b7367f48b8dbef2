#!/usr/bin/env python3
"""Prints a benchmark's results (bench/out/*-results.tsv) as a table with its targets.

    python3 bench/table.py validate|export RESULTS.tsv

Result lines are `kind<TAB>key<TAB>value`: `meta` (records, bytes, cores, file,
version-*), `time` (median seconds), `mem` (peak RSS in KiB), `skip` (why a
tool was not measured).
"""

import sys

ROWS = {
    "validate": [
        ("articlekit", "articlekit validate (all cores)"),
        ("parse-all", "parse-only: serde_json::Value per line, all cores"),
        ("parse-one", "parse-only: serde_json::Value per line, 1 thread"),
        ("ajv-cli", "ajv-cli {version-ajv-cli}, one file per record"),
        ("ajv-lib", "ajv {version-ajv} library in node, NDJSON lines"),
        ("check-jsonschema", "check-jsonschema {version-check-jsonschema}, one file per record"),
    ],
    "export": [
        ("validate", "articlekit validate (the time each export is held to)"),
        ("rss", "articlekit export --to rss"),
        ("jsonld", "articlekit export --to jsonld"),
        ("csv", "articlekit export --to csv"),
        ("atom", "articlekit export --to atom"),
        ("jsonfeed", "articlekit export --to jsonfeed"),
        ("parquet", "articlekit export --to parquet"),
        ("xlsx", "articlekit export --to xlsx"),
        ("import-parquet", "articlekit import --from parquet (Parquet size ÷ NDJSON: {parquet-ratio})"),
        ("parse-all", "parse-only: serde_json::Value per line, all cores"),
        ("parse-one", "parse-only: serde_json::Value per line, 1 thread"),
        ("feed", "npm feed {version-feed} (node), RSS from the same records"),
        ("feedgen", "python feedgen {version-feedgen} (lxml), RSS from the same records"),
    ],
}

# (description, numerator key, denominator key, "le"/"ge", bound)
TARGETS = {
    "validate": [
        ("articlekit time ≤ 1.5× parse-only (all cores)", "articlekit", "parse-all", "le", 1.5),
        ("ajv-cli time ≥ 3× articlekit's", "ajv-cli", "articlekit", "ge", 3.0),
        ("check-jsonschema time ≥ 20× articlekit's", "check-jsonschema", "articlekit", "ge", 20.0),
        ("peak RSS at 100k ≤ 1.25× at 10k", "mem:articlekit-100000", "mem:articlekit-10000", "le", 1.25),
    ],
    "export": [
        ("feed (npm) time ≥ 5× RSS export's", "feed", "rss", "ge", 5.0),
        ("feedgen (python) time ≥ 5× RSS export's", "feedgen", "rss", "ge", 5.0),
        ("RSS export time ≤ 2× parse-only (all cores)", "rss", "parse-all", "le", 2.0),
        ("CSV export peak RSS at 100k ≤ 1.25× at 10k", "mem:csv-100000", "mem:csv-10000", "le", 1.25),
        ("RSS export time ≤ 1.3× validate", "rss", "validate", "le", 1.3),
        ("JSON-LD export time ≤ 1.3× validate", "jsonld", "validate", "le", 1.3),
        ("CSV export time ≤ 1.3× validate", "csv", "validate", "le", 1.3),
        ("Atom export time ≤ 1.3× validate", "atom", "validate", "le", 1.3),
        ("JSON Feed export time ≤ 1.3× validate", "jsonfeed", "validate", "le", 1.3),
        ("Parquet export time ≤ 1.5× validate", "parquet", "validate", "le", 1.5),
        ("import --from parquet time ≤ 1× validate", "import-parquet", "validate", "le", 1.0),
        ("RSS --jobs 1: CPU ÷ wall ≤ 1.15", "cpu:rss-jobs1", None, "le", 1.15),
        ("JSON-LD --jobs 1: CPU ÷ wall ≤ 1.15", "cpu:jsonld-jobs1", None, "le", 1.15),
        ("CSV --jobs 1: CPU ÷ wall ≤ 1.15", "cpu:csv-jobs1", None, "le", 1.15),
    ],
}

INFO = {
    "validate": [
        ("articlekit ÷ parse-only on 1 thread", "articlekit", "parse-one"),
        ("ajv library ÷ articlekit", "ajv-lib", "articlekit"),
    ],
    "export": [
        ("JSON-LD export ÷ parse-only (all cores)", "jsonld", "parse-all"),
        ("CSV export ÷ parse-only (all cores)", "csv", "parse-all"),
        ("validate ÷ parse-only (all cores)", "validate", "parse-all"),
    ],
}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    meta, times, mems, skips, cpus = {}, {}, {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, key, text = line.rstrip("\n").split("\t", 2)
            if kind == "meta":
                meta[key] = text
            elif kind == "time":
                times[key] = float(text)
            elif kind == "mem":
                mems[key] = int(text)
            elif kind == "skip":
                skips[key] = text
            elif kind == "cpu":
                cpus[key] = float(text)
    records = int(meta["records"])
    megabytes = int(meta["bytes"]) / 1e6
    base = "articlekit" if mode == "validate" else "rss"

    print(f"\n{mode} benchmark: {records} records, {megabytes:.1f} MB ({meta.get('file')}), {meta.get('cores')} cores, load average before: {meta.get('load', '?')}")
    print(f"{'tool':<66} {'time s':>8} {'records/s':>10} {'MB/s':>8} {'÷ ' + base:>14}")
    for key, label in ROWS[mode]:
        label = label.format_map(Missing(meta))
        if key in times:
            t = times[key]
            rel = f"{t / times[base]:.2f}×" if base in times and times[base] > 0 else "-"
            print(f"{label:<66} {t:>8.3f} {records / t:>10.0f} {megabytes / t:>8.1f} {rel:>14}")
        elif key in skips:
            print(f"{label:<66} {'skipped':>8}  {skips[key]}")
    if mems:
        print()
        for key, kb in sorted(mems.items(), key=lambda kv: int(kv[0].rsplit("-", 1)[1])):
            print(f"peak RSS {key:<24} {kb / 1024:>8.1f} MiB")

    print("\ntargets")
    failed = 0
    for text, num, den, op, bound in TARGETS[mode]:
        a = value(num, times, mems, cpus)
        b = 1.0 if den is None else value(den, times, mems, cpus)
        if a is None or b is None or b == 0:
            print(f"  {text:<52} {'-':>8}   NOT MEASURED")
            continue
        ratio = a / b
        ok = ratio <= bound if op == "le" else ratio >= bound
        failed += not ok
        print(f"  {text:<52} {ratio:>7.2f}×   {'PASS' if ok else 'FAIL'}")
    for text, num, den in INFO[mode]:
        a, b = value(num, times, mems, cpus), value(den, times, mems, cpus)
        if a is not None and b:
            print(f"  {text:<52} {a / b:>7.2f}×   (information)")
    return 1 if failed else 0


def value(key, times, mems, cpus):
    if key.startswith("mem:"):
        return mems.get(key[4:])
    if key.startswith("cpu:"):
        return cpus.get(key[4:])
    return times.get(key)


class Missing(dict):
    def __missing__(self, key):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
