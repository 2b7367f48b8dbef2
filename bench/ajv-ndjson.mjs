// ajv (draft 2020-12, ajv-formats, strict) on every line of an NDJSON file:
// JSON.parse + one compiled validator, the fastest way ajv can be used on a
// batch (no per-file I/O, no CLI overhead). Prints `records=N valid=V invalid=I`.
//
//   node bench/ajv-ndjson.mjs SCHEMA BATCH.ndjson
//
// Modules come from tests/interop/node_modules (`cd tests/interop && npm ci`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/interop/package.json", import.meta.url));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const [schemaPath, batchPath] = process.argv.slice(2);
if (!schemaPath || !batchPath) {
  console.error("usage: node bench/ajv-ndjson.mjs SCHEMA BATCH.ndjson");
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

let records = 0;
let valid = 0;
for (const line of readFileSync(batchPath, "utf8").split("\n")) {
  if (line.length === 0) continue;
  records += 1;
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    continue;
  }
  if (validate(value)) valid += 1;
}
console.log(`records=${records} valid=${valid} invalid=${records - valid}`);
