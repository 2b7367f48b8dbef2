// rss-parser (npm) reads articlekit's RSS export and gives back the items.
//
// Usage: node check_rss_parser.js FEED.xml RECORDS.ndjson
//
// Items are matched to records by guid (metadata.id); titles, links, dates,
// creators, categories, dc:source, the enclosure and slash:comments must
// equal the record's (modulo U+FFFD for characters XML 1.0 forbids).
'use strict';

const fs = require('fs');
const Parser = require('rss-parser');

const [feedPath, recordsPath] = process.argv.slice(2);

const xmlText = (s) =>
  Array.from(s)
    .map((c) => {
      const o = c.codePointAt(0);
      const ok = c === '\t' || c === '\n' || c === '\r' || (o >= 0x20 && o <= 0xd7ff) ||
        (o >= 0xe000 && o <= 0xfffd) || o >= 0x10000;
      return ok ? c : '\ufffd';
    })
    .join('');

async function main() {
  const records = fs.readFileSync(recordsPath, 'utf8').split('\n').filter((l) => l.trim()).map(JSON.parse);
  const parser = new Parser({
    customFields: { item: [['dc:creator', 'creators', { keepArray: true }], ['slash:comments', 'comments']] },
  });
  const feed = await parser.parseString(fs.readFileSync(feedPath, 'utf8'));
  const errors = [];
  const expect = (what, got, want) => {
    const [g, w] = [JSON.stringify(got), JSON.stringify(want)];
    if (g !== w) errors.push(`${what}: got ${g}, want ${w}`);
  };

  expect('item count', feed.items.length, records.length);
  const byGuid = new Map(feed.items.map((item) => [item.guid, item]));
  for (const record of records) {
    const meta = record.metadata;
    const item = byGuid.get(meta.id);
    const where = `item ${JSON.stringify(meta.id)}`;
    if (!item) {
      errors.push(`${where}: missing`);
      continue;
    }
    expect(`${where} title`, item.title, xmlText(meta.title));
    expect(`${where} link`, item.link, meta.url || (meta.source && meta.source.url));
    const published = meta.published_at ? new Date(meta.published_at) : null;
    if (published) published.setUTCMilliseconds(0);
    expect(`${where} pubDate`, item.isoDate, published ? published.toISOString() : undefined);
    expect(`${where} creators`, item.creators, meta.authors ? meta.authors.map((a) => xmlText(a.name)) : undefined);
    expect(`${where} categories`, item.categories, meta.tags ? meta.tags.map(xmlText) : undefined);
    expect(`${where} dc:source`, item.source, meta.source ? meta.source.url : undefined);
    expect(`${where} slash:comments`, item.comments, String(record.discussion_count));
    const first = (record.attachments || [])[0];
    expect(`${where} enclosure`, item.enclosure, first ? {
      url: first.url,
      length: String(first.size_bytes || 0),
      type: first.media_type || 'application/octet-stream',
    } : undefined);
    if (!item['content:encoded']) errors.push(`${where}: no content:encoded`);
  }

  if (errors.length) {
    console.error(`rss-parser: ${errors.length} mismatches in ${feedPath}:`);
    for (const e of errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log(`rss-parser: ${records.length} items read back (${recordsPath})`);
}

main().catch((e) => {
  console.error(`rss-parser could not read ${feedPath}: ${e.stack || e}`);
  process.exit(1);
});
