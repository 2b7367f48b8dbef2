"""fastjsonschema compiles the committed schema and agrees with python-jsonschema.

fastjsonschema (2.x) knows drafts 04, 06 and 07 only and refuses a 2020-12
`$schema`, so the schema is compiled with `$schema` set to draft-07. That is
honest for this schema: every keyword it uses (`$defs` is reached by plain
JSON pointers in `$ref`) means the same in draft-07. The check is that the
patterns compile (fastjsonschema rewrites `$` to `\\Z`, so a `$` inside a
character class must be written `\\$`) and that the verdict on every JSON
record of `fixtures/` equals python-jsonschema's (draft 2020-12, formats
asserted; fastjsonschema asserts its formats always).

Usage: python3 fastjsonschema_check.py SCHEMA FIXTURES_DIR
"""

import glob
import json
import sys

import fastjsonschema
import jsonschema


def main() -> int:
    schema_path, fixtures = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    as_draft7 = dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"})
    fast = fastjsonschema.compile(as_draft7)
    reference = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    records = disagreements = 0
    for path in sorted(glob.glob(f"{fixtures}/**/*.ndjson", recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                try:
                    doc = json.loads(line)
                except (ValueError, RecursionError):
                    continue
                try:
                    fast(doc)
                    fast_valid = True
                except fastjsonschema.JsonSchemaException:
                    fast_valid = False
                records += 1
                if fast_valid != reference.is_valid(doc):
                    disagreements += 1
                    print(f"{path}:{number}: fastjsonschema says {fast_valid}", file=sys.stderr)
    print(f"fastjsonschema: {records} fixture records, {disagreements} disagreements")
    return 1 if disagreements or records == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
