"""articlekit's JSON Feed export follows JSON Feed 1.1 and gives back every field.

Usage: check_jsonfeed.py FEED.json RECORDS.ndjson CHANNEL.toml

FEED.json must be `articlekit export --to jsonfeed --channel CHANNEL.toml RECORDS.ndjson`.
It must validate against jsonfeed-1.1.schema.json (beside this script: the
spec's rules, with formats asserted), and every field of every record must
come back exactly (JSON carries every character: nothing is replaced),
through the documented mapping and the `_articlekit` extension. feedparser
6.0 does not read JSON Feed, so this reads it as JSON. Every mismatch is
listed; the exit status is 1 if there is any.
"""

import datetime
import json
import os
import sys
import tomllib

import jsonschema

DEFAULT_TYPE = "application/octet-stream"


def instant(rfc3339):
    """The instant and offset of an RFC 3339 date, or the text if it is not one."""
    try:
        moment = datetime.datetime.fromisoformat(rfc3339.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return rfc3339
    return moment, moment.utcoffset()


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
    with open(feed_path, encoding="utf-8") as f:
        feed = json.load(f)
    with open(os.path.join(os.path.dirname(__file__), "jsonfeed-1.1.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    # jsonschema skips formats it has no checker for: make sure they are asserted.
    for needed in ("uri", "date-time"):
        if needed not in checker.checkers:
            errors.append(f"format {needed!r} is not checked: install jsonschema[format]")
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    for error in validator.iter_errors(feed):
        errors.append(f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message}")

    expect("title", feed.get("title"), channel["title"])
    expect("home_page_url", feed.get("home_page_url"), channel["link"])
    expect("feed_url", feed.get("feed_url"), channel.get("jsonfeed_self_link"))
    expect("description", feed.get("description"), channel.get("description"))
    expect("language", feed.get("language"), channel.get("language"))
    author = channel.get("author")
    expect("authors", feed.get("authors"),
           [{k: v for k, v in (("name", author["name"]), ("url", author.get("uri"))) if v}]
           if author else None)
    expect("hubs", feed.get("hubs"),
           [{"type": "WebSub", "url": h} for h in channel["hubs"]] if channel.get("hubs") else None)
    expect("_articlekit.copyright", feed.get("_articlekit", {}).get("copyright"), channel.get("copyright"))

    items = feed.get("items", [])
    expect("item count", len(items), len(records))
    for item, record in zip(items, records):
        meta = record["metadata"]
        where = f"item {meta['id']!r}"
        source = meta.get("source")
        expect(f"{where} id", item.get("id"), meta["id"])
        expect(f"{where} url", item.get("url"), meta.get("url"))
        expect(f"{where} external_url", item.get("external_url"), source["url"] if source else None)
        expect(f"{where} title", item.get("title"), meta["title"])
        expect(f"{where} summary", item.get("summary"), record["summary"])
        expect(f"{where} language", item.get("language"), meta["language"])
        for key, field in (("date_published", "published_at"), ("date_modified", "updated_at")):
            if field in meta:
                expect(f"{where} {key}", instant(item.get(key, "")) if key in item else None,
                       instant(meta[field]))
            else:
                expect(f"{where} {key}", item.get(key), None)
        expect(f"{where} authors", item.get("authors", []),
               [{k: v for k, v in (("name", a["name"]), ("url", a.get("url"))) if v}
                for a in meta.get("authors", [])])
        expect(f"{where} tags", item.get("tags", []), meta.get("tags", []))
        attachments = record.get("attachments", [])
        expect(f"{where} attachments", item.get("attachments", []),
               [{k: v for k, v in (("url", a["url"]), ("mime_type", a.get("media_type", DEFAULT_TYPE)),
                                   ("title", a["name"]), ("size_in_bytes", a.get("size_bytes")))
                 if v is not None} for a in attachments])
        ext = item.get("_articlekit", {})
        expect(f"{where} _articlekit.bullets", ext.get("bullets"), record["bullets"])
        expect(f"{where} _articlekit.discussion_count", ext.get("discussion_count"), record["discussion_count"])
        want_source = {k: source[k] for k in ("title", "subtitle", "publisher", "language")
                       if source and k in source}
        expect(f"{where} _articlekit.source", ext.get("source"), want_source or None)
        expect(f"{where} _articlekit.publisher", ext.get("publisher"), meta.get("publisher"))
        expect(f"{where} _articlekit.attachments_without_media_type",
               ext.get("attachments_without_media_type", []),
               [i for i, a in enumerate(attachments) if "media_type" not in a])
        html = item.get("content_html", "")
        if record["bullets"] and "<ul>" not in html:
            errors.append(f"{where} content_html has no bullet list")

    if errors:
        print(f"jsonfeed: {len(errors)} mismatches in {feed_path}:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"jsonfeed: JSON Feed 1.1 schema passes (formats asserted), every field of "
          f"{len(records)} items read back ({records_path})")


if __name__ == "__main__":
    main()
