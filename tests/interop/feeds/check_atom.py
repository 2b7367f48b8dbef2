"""feedparser and lxml read articlekit's Atom export and give back every field.

Usage: check_atom.py FEED.atom RECORDS.ndjson CHANNEL.toml

FEED.atom must be `articlekit export --to atom --channel CHANNEL.toml RECORDS.ndjson`.
lxml parses it (well-formed, the Atom namespace, every entry with the
elements RFC 4287 requires); feedparser reads it with bozo == 0, and every
mapped field of every record is compared with what it reads back, modulo
the documented replacement of characters XML 1.0 forbids by U+FFFD. Every
mismatch is listed; the exit status is 1 if there is any.
"""

import json
import os
import sys
import tomllib

import feedparser
from lxml import etree

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "rss"))
from check_feedparser import Html, utc_tuple, xml_text  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
DEFAULT_TYPE = "application/octet-stream"


def check_rfc4287(path, errors):
    """The elements RFC 4287 requires, read with lxml."""
    root = etree.parse(path).getroot()
    if root.tag != f"{ATOM}feed":
        errors.append(f"root element is {root.tag}, not atom:feed")
        return
    for name in ("id", "title", "updated"):
        if len(root.findall(f"{ATOM}{name}")) != 1:
            errors.append(f"feed: exactly one atom:{name} required")
    feed_author = root.find(f"{ATOM}author") is not None
    for entry in root.findall(f"{ATOM}entry"):
        eid = entry.findtext(f"{ATOM}id")
        for name in ("id", "title", "updated"):
            if len(entry.findall(f"{ATOM}{name}")) != 1:
                errors.append(f"entry {eid!r}: exactly one atom:{name} required")
        if not feed_author and entry.find(f"{ATOM}author") is None:
            errors.append(f"entry {eid!r}: no author and none on the feed")
        content = entry.find(f"{ATOM}content")
        if content is None or content.get("type") != "html":
            errors.append(f"entry {eid!r}: content type=html expected")


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
    check_rfc4287(feed_path, errors)
    with open(feed_path, "rb") as f:
        parsed = feedparser.parse(f.read(), sanitize_html=False, resolve_relative_uris=False)

    expect("bozo", parsed.bozo, 0)
    if parsed.bozo:
        errors.append(f"bozo_exception: {parsed.get('bozo_exception')!r}")
    expect("version", parsed.version, "atom10")

    feed = parsed.feed
    expect("feed id", feed.get("id"), channel["id"])
    expect("feed title", feed.get("title"), channel["title"])
    expect("feed subtitle", feed.get("subtitle"), channel.get("description"))
    expect("feed link", feed.get("link"), channel["link"])
    expect("feed rights", feed.get("rights"), channel.get("copyright"))
    expect("feed language", feed.get("language"), channel.get("language"))
    expect("feed author", (feed.get("author_detail") or {}).get("name"), channel["author"]["name"])
    self_links = [l.get("href") for l in feed.get("links", []) if l.get("rel") == "self"]
    expect("link rel=self", self_links, [channel["atom_self_link"]])
    hubs = [l.get("href") for l in feed.get("links", []) if l.get("rel") == "hub"]
    expect("link rel=hub", hubs, channel.get("hubs", []))
    dates = [
        utc_tuple(d)
        for r in records
        for d in (r["metadata"].get("updated_at") or r["metadata"].get("published_at"),)
        if d
    ]
    feed_updated = tuple(feed.get("updated_parsed") or ())[:6]
    if "last_build_date" in channel:
        expect("feed updated", feed_updated, utc_tuple(channel["last_build_date"]))
    elif dates:
        expect("feed updated (newest entry)", feed_updated, max(dates))

    prefix = channel["id"] + "#"
    entries = {e.get("id"): e for e in parsed.entries}
    expect("entry count", len(parsed.entries), len(records))
    expect("entry ids", sorted(entries), sorted(prefix + r["metadata"]["id"] for r in records))

    for record in records:
        meta = record["metadata"]
        entry = entries.get(prefix + meta["id"])
        if entry is None:
            continue
        where = f"entry {meta['id']!r}"
        expect(f"{where} title", entry.get("title"), xml_text(meta["title"]))
        source = meta.get("source")
        alternate = meta.get("url") or (source or {}).get("url")
        # Without any link, feedparser gives the id as the link.
        expect(f"{where} link (alternate)", entry.get("link"), alternate or prefix + meta["id"])
        updated = meta.get("updated_at") or meta.get("published_at")
        got_updated = tuple(entry.get("updated_parsed") or ())[:6]
        # The documented rule: an undated entry has the feed's date.
        expect(f"{where} updated", got_updated, utc_tuple(updated) if updated else feed_updated)
        if meta.get("published_at"):
            expect(f"{where} published", tuple(entry.get("published_parsed") or ())[:6],
                   utc_tuple(meta["published_at"]))
        else:
            expect(f"{where} published", entry.get("published"), None)
        if meta.get("authors"):
            expect(f"{where} authors",
                   [(a.get("name"), a.get("href")) for a in entry.get("authors", [])],
                   [(xml_text(a["name"]), a.get("url")) for a in meta["authors"]])
        expect(f"{where} tags", [t.get("term") for t in entry.get("tags", [])],
               [xml_text(t) for t in meta.get("tags", [])])
        related = [(l.get("href"), l.get("title")) for l in entry.get("links", [])
                   if l.get("rel") == "related"]
        expect(f"{where} related", related,
               [(source["url"], xml_text(source["title"]) if "title" in source else None)]
               if source and meta.get("url") else [])
        attachments = record.get("attachments", [])
        enclosures = [(l.get("href"), l.get("length"), l.get("type"), l.get("title"))
                      for l in entry.get("links", []) if l.get("rel") == "enclosure"]
        # feedparser gives a link without a type the type text/html.
        expect(f"{where} enclosures", enclosures,
               [(a["url"], str(a["size_bytes"]) if "size_bytes" in a else None,
                 a.get("media_type", "text/html"), xml_text(a["name"])) for a in attachments])
        expect(f"{where} slash:comments", entry.get("slash_comments"), str(record["discussion_count"]))
        expect(f"{where} summary", entry.get("summary"), xml_text(record["summary"]))

        summary = xml_text(record["summary"])
        bullets = [xml_text(b) for b in record["bullets"]]
        contents = entry.get("content", [])
        expect(f"{where} content count", len(contents), 1)
        if contents:
            expect(f"{where} content type", contents[0].get("type"), "text/html")
            content = Html(contents[0]["value"])
            expect(f"{where} content summary", content.paragraphs[:1], [summary])
            expect(f"{where} content bullets", content.items[: len(bullets)], bullets)
            links = []
            if source:
                links.append((source["url"], xml_text(source.get("title", source["url"]))))
            links += [(a["url"], xml_text(a["name"])) for a in attachments]
            expect(f"{where} content links", content.links, links)

    if errors:
        print(f"atom: {len(errors)} mismatches in {feed_path}:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"atom: lxml and feedparser {feedparser.__version__} (bozo 0) read every field of "
          f"{len(records)} entries back ({records_path})")


if __name__ == "__main__":
    main()
