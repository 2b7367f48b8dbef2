// RSS 2.0 from an NDJSON batch with the npm `feed` package, mapping the same
// fields articlekit's RSS export maps (shared/design/exports.md): title, link,
// guid, description (summary + bullets as HTML), content:encoded, pubDate,
// authors, categories, the first attachment as enclosure. Writes the feed to stdout.
//
//   node bench/rss-feed.mjs BATCH.ndjson > feed.xml
//
// Modules come from tests/interop/node_modules (`cd tests/interop && npm ci`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../tests/interop/package.json", import.meta.url));
const { Feed } = await import(pathToFileURL(require.resolve("feed")).href);

const batchPath = process.argv[2];
if (!batchPath) {
  console.error("usage: node bench/rss-feed.mjs BATCH.ndjson");
  process.exit(2);
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const html = (a) =>
  `<p>${escape(a.summary)}</p><ul>${a.bullets.map((b) => `<li>${escape(b)}</li>`).join("")}</ul>`;

const feed = new Feed({
  title: "Sóng AI",
  description: "Tóm tắt tin, bài trí tuệ nhân tạo",
  id: "https://songai.example/",
  link: "https://songai.example/",
  language: "vi",
  copyright: "© Sóng AI",
  feedLinks: { rss: "https://songai.example/rss.xml" },
  updated: new Date(0),
});

for (const line of readFileSync(batchPath, "utf8").split("\n")) {
  if (line.length === 0) continue;
  const a = JSON.parse(line);
  const m = a.metadata;
  const link = m.url ?? m.source?.url ?? "https://songai.example/";
  const first = a.attachments?.[0];
  const body = html(a);
  feed.addItem({
    title: m.title,
    id: m.id,
    guid: m.id,
    link,
    description: body,
    content: m.source ? `${body}<p><a href="${escape(m.source.url)}">Nguồn</a></p>` : body,
    date: m.published_at ? new Date(m.published_at) : new Date(0),
    author: (m.authors ?? []).map((p) => ({ name: p.name, link: p.url })),
    category: (m.tags ?? []).map((t) => ({ name: t })),
    enclosure: first ? { url: first.url, type: first.media_type, length: first.size_bytes } : undefined,
  });
}
process.stdout.write(feed.rss2());
