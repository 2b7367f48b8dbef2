// jsonld.js (npm) expands articlekit's JSON-LD with the schema.org context
// served by a local document loader (nothing is fetched).
//
// Usage: node expand_jsonld.js CONTEXT.jsonld RECORDS.ndjson BATCH.jsonld PAGE.html
'use strict';

const fs = require('fs');
const jsonld = require('jsonld');

const [contextPath, recordsPath, batchPath, pagePath] = process.argv.slice(2);
const context = JSON.parse(fs.readFileSync(contextPath, 'utf8'));
const served = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);
const documentLoader = async (url) => {
  if (served.has(url)) return { contextUrl: null, documentUrl: url, document: context };
  throw new Error(`refusing to fetch ${url}: only the local schema.org context is served`);
};

async function main() {
  const records = fs.readFileSync(recordsPath, 'utf8').split('\n').filter((l) => l.trim()).map(JSON.parse);
  const ids = records.map((r) => r.metadata.id);
  const blocks = [...fs.readFileSync(pagePath, 'utf8').matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
    .map((m) => JSON.parse(m[1]));
  const documents = [['batch', JSON.parse(fs.readFileSync(batchPath, 'utf8'))], ['html', blocks]];
  const errors = [];
  for (const [name, document] of documents) {
    const expanded = await jsonld.expand(document, { documentLoader, safe: true });
    const articles = expanded.filter((n) => (n['@type'] || []).includes('http://schema.org/NewsArticle'));
    const got = articles.map((n) => n['http://schema.org/identifier'][0]['@value']);
    if (JSON.stringify(got) !== JSON.stringify(ids)) {
      errors.push(`${name}: NewsArticle identifiers ${JSON.stringify(got)}, want ${JSON.stringify(ids)}`);
    }
  }
  if (errors.length) {
    console.error(`jsonld.js: ${errors.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`jsonld.js: expanded the batch and ${blocks.length} html blocks in safe mode (${recordsPath})`);
}

main().catch((e) => {
  console.error(`jsonld.js expansion failed: ${e.stack || e}`);
  if (e.details) console.error(JSON.stringify(e.details, null, 2));
  process.exit(1);
});
