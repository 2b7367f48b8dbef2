#!/usr/bin/env bash
# The committed schema is what `articlekit schema` prints, is a valid draft 2020-12 schema,
# and compiles with fastjsonschema, agreeing with python-jsonschema on the fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
diff -u schemas/article.schema.json <("$ARTICLEKIT" schema)
check-jsonschema --check-metaschema schemas/article.schema.json
echo "schema: committed file matches and passes the draft 2020-12 metaschema"
python3 tests/interop/schema/fastjsonschema_check.py schemas/article.schema.json fixtures
