#!/usr/bin/env python3
"""RSS 2.0 from an NDJSON batch with python feedgen (on lxml), mapping the same
fields articlekit's RSS export maps (shared/design/exports.md): title, link,
guid, description (summary + bullets as HTML), content:encoded, pubDate,
dc:creator per author, categories, the first attachment as enclosure, dc:source.
Writes the feed to stdout.

    python3 bench/rss_feedgen.py BATCH.ndjson > feed.xml
"""

import html
import json
import sys
from datetime import datetime

from feedgen.feed import FeedGenerator


def body(article):
    bullets = "".join(f"<li>{html.escape(b)}</li>" for b in article["bullets"])
    return f"<p>{html.escape(article['summary'])}</p><ul>{bullets}</ul>"


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title("Sóng AI")
    fg.link(href="https://songai.example/", rel="alternate")
    fg.link(href="https://songai.example/rss.xml", rel="self")
    fg.description("Tóm tắt tin, bài trí tuệ nhân tạo")
    fg.language("vi")
    fg.copyright("© Sóng AI")
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            m = a["metadata"]
            source = m.get("source")
            fe = fg.add_entry(order="append")
            fe.title(m["title"])
            fe.link(href=m.get("url") or (source or {}).get("url") or "https://songai.example/")
            fe.guid(m["id"], permalink=False)
            text = body(a)
            fe.description(text)
            if source:
                fe.content(f"{text}<p><a href=\"{html.escape(source['url'])}\">Nguồn</a></p>", type="CDATA")
                fe.dc.dc_source(source["url"])
            if "published_at" in m:
                fe.pubDate(datetime.fromisoformat(m["published_at"]))
            for author in m.get("authors", []):
                fe.dc.dc_creator(author["name"], replace=False)
            for tag in m.get("tags", []):
                fe.category(term=tag)
            attachments = a.get("attachments") or []
            if attachments:
                first = attachments[0]
                fe.enclosure(first["url"], str(first.get("size_bytes", 0)), first.get("media_type", "application/octet-stream"))
    sys.stdout.buffer.write(fg.rss_str(pretty=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
