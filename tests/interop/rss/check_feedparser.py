"""feedparser reads articlekit's RSS export cleanly and gives back every field.

Usage: check_feedparser.py FEED.xml RECORDS.ndjson CHANNEL.toml

FEED.xml must be `articlekit export --to rss --channel CHANNEL.toml RECORDS.ndjson`.
The feed must parse with bozo == 0 (well-formed XML), carry the channel of
CHANNEL.toml, and hold one item per record (matched by guid = metadata.id)
with every mapped field equal to the record's, modulo the documented
replacement of characters XML 1.0 forbids by U+FFFD. Every mismatch is
listed; the exit status is 1 if there is any.
"""

import datetime
import html.parser
import json
import sys
import tomllib

import feedparser

REPLACEMENT = "\ufffd"


def xml_text(text):
    """What an XML reader gets back for `text`: forbidden characters replaced."""

    def allowed(c):
        o = ord(c)
        return (
            c in "\t\n\r"
            or 0x20 <= o <= 0xD7FF
            or 0xE000 <= o <= 0xFFFD
            or o >= 0x10000
        )

    return "".join(c if allowed(c) else REPLACEMENT for c in text)


class Html(html.parser.HTMLParser):
    """Collects the text of each <p>, each <li>, and each <a> (href, text)."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.items, self.links = [], [], []
        self._open = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self._open.append([tag, ""])
        elif tag == "a":
            self._open.append([tag, "", dict(attrs).get("href")])

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            node = self._open.pop()
            if tag == "p":
                self.paragraphs.append(node[1])
            elif tag == "li":
                self.items.append(node[1])
            else:
                self.links.append((node[2], node[1]))
            for parent in self._open:
                parent[1] += node[1]

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


def utc_tuple(rfc3339):
    """The UTC (Y, M, D, h, m, s) of an RFC 3339 date, fractions dropped."""
    moment = datetime.datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
    return tuple(moment.astimezone(datetime.timezone.utc).timetuple())[:6]


def main():
    feed_path, records_path, channel_path = sys.argv[1:4]
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append(f"{what}: got {got!r}, want {want!r}")

    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(channel_path, "rb") as f:
        channel = tomllib.load(f)
    with open(feed_path, "rb") as f:
        parsed = feedparser.parse(f.read(), sanitize_html=False, resolve_relative_uris=False)

    expect("bozo", parsed.bozo, 0)
    if parsed.bozo:
        errors.append(f"bozo_exception: {parsed.get('bozo_exception')!r}")
    expect("version", parsed.version, "rss20")

    feed = parsed.feed
    expect("channel title", feed.get("title"), channel["title"])
    expect("channel link", feed.get("link"), channel["link"])
    expect("channel description", feed.get("subtitle"), channel["description"])
    for key, field in (("language", "language"), ("copyright", "rights")):
        if key in channel:
            expect(f"channel {key}", feed.get(field), channel[key])
    if "ttl" in channel:
        expect("channel ttl", feed.get("ttl"), str(channel["ttl"]))
    self_links = [l for l in feed.get("links", []) if l.get("rel") == "self"]
    expect("atom:link rel=self", [(l.get("href"), l.get("type")) for l in self_links],
           [(channel["self_link"], "application/rss+xml")])
    dates = [
        utc_tuple(d)
        for r in records
        for d in (r["metadata"].get("published_at"), r["metadata"].get("updated_at"))
        if d
    ]
    if "last_build_date" in channel:
        expect("lastBuildDate", tuple(feed.updated_parsed)[:6], utc_tuple(channel["last_build_date"]))
    elif dates:
        expect("lastBuildDate (newest item)", tuple(feed.get("updated_parsed") or ())[:6], max(dates))

    entries = {e.get("id"): e for e in parsed.entries}
    expect("item count", len(parsed.entries), len(records))
    expect("guids", sorted(entries), sorted(r["metadata"]["id"] for r in records))

    for record in records:
        meta = record["metadata"]
        rid = meta["id"]
        entry = entries.get(rid)
        if entry is None:
            continue
        where = f"item {rid!r}"
        expect(f"{where} guidislink", entry.get("guidislink"), False)
        expect(f"{where} title", entry.get("title"), xml_text(meta["title"]))
        source = meta.get("source")
        link = meta.get("url") or (source or {}).get("url")
        expect(f"{where} link", entry.get("link"), link)
        if meta.get("published_at"):
            expect(f"{where} pubDate", tuple(entry.get("published_parsed") or ())[:6],
                   utc_tuple(meta["published_at"]))
        else:
            expect(f"{where} pubDate", entry.get("published"), None)
        expect(f"{where} authors", [a.get("name") for a in entry.get("authors", [])],
               [xml_text(a["name"]) for a in meta.get("authors", [])])
        expect(f"{where} tags", [t.get("term") for t in entry.get("tags", [])],
               [xml_text(t) for t in meta.get("tags", [])])
        expect(f"{where} dc:source", entry.get("dc_source"), source["url"] if source else None)
        expect(f"{where} slash:comments", entry.get("slash_comments"), str(record["discussion_count"]))

        attachments = record.get("attachments", [])
        expect(f"{where} enclosures",
               [(e.get("href"), e.get("length"), e.get("type")) for e in entry.get("enclosures", [])],
               [(a["url"], str(a.get("size_bytes", 0)), a.get("media_type", "application/octet-stream"))
                for a in attachments[:1]])
        # The first media:content is the enclosure's file and has its type.
        expect(f"{where} media:content",
               [(m.get("url"), m.get("filesize"), m.get("type")) for m in entry.get("media_content", [])],
               [(a["url"], str(a["size_bytes"]) if "size_bytes" in a else None,
                 a.get("media_type", "application/octet-stream") if i == 0 else a.get("media_type"))
                for i, a in enumerate(attachments)])

        summary = xml_text(record["summary"])
        bullets = [xml_text(b) for b in record["bullets"]]
        description = Html(entry.get("summary", ""))
        expect(f"{where} description paragraphs", description.paragraphs, [summary])
        expect(f"{where} description bullets", description.items, bullets)
        contents = entry.get("content", [])
        expect(f"{where} content:encoded count", len(contents), 1)
        if contents:
            content = Html(contents[0]["value"])
            expect(f"{where} content:encoded summary", content.paragraphs[:1], [summary])
            expect(f"{where} content:encoded bullets", content.items[: len(bullets)], bullets)
            links = []
            if source:
                links.append((source["url"], xml_text(source.get("title", source["url"]))))
            links += [(a["url"], xml_text(a["name"])) for a in attachments]
            expect(f"{where} content:encoded links", content.links, links)

    if errors:
        print(f"feedparser: {len(errors)} mismatches in {feed_path}:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"feedparser {feedparser.__version__}: bozo 0, {len(records)} items, every field read back ({records_path})")


if __name__ == "__main__":
    main()
