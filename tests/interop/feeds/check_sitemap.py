"""articlekit's news sitemap follows Google's documented rules and holds
exactly the articles it should.

Usage: check_sitemap.py DIR RECORDS.ndjson CHANNEL.toml [NOW]

DIR must hold the output of `articlekit export --to news-sitemap --channel
CHANNEL.toml [--now NOW] --out-dir DIR RECORDS.ndjson`; NOW defaults to the
newest `published_at` of the records. Checked with lxml, per Google's news
sitemap rules: the sitemap and news namespaces; at most 1,000 `<url>` (and
50 MB) a file, more as several files listed by a sitemap index; each `<url>`
a `loc` and a `news:news` with `news:publication` (`news:name`,
`news:language`), `news:publication_date` (W3C date-time) and `news:title`;
only articles with a URL published within two days before NOW, each once,
with its title and date. Every mismatch is listed; the exit status is 1 if
there is any.
"""

import datetime
import json
import os
import re
import sys
import tomllib

from lxml import etree

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "rss"))
from check_feedparser import xml_text  # noqa: E402

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")


def moment(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def main():
    out_dir, records_path, channel_path = sys.argv[1:4]
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append(f"{what}: got {got!r}, want {want!r}")

    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(channel_path, "rb") as f:
        channel = tomllib.load(f)
    dates = [moment(r["metadata"]["published_at"]) for r in records if "published_at" in r["metadata"]]
    now = moment(sys.argv[4]) if len(sys.argv) > 4 else max(dates)
    window = datetime.timedelta(days=2)
    want = {
        r["metadata"]["url"]: r
        for r in records
        if "url" in r["metadata"] and "published_at" in r["metadata"]
        and now - window <= moment(r["metadata"]["published_at"]) <= now
    }
    name = channel.get("news_publication_name", channel["title"])
    language = channel["language"].split("-")[0].lower()

    files = sorted(os.listdir(out_dir))
    if "news-sitemap-index.xml" in files:
        index = etree.parse(os.path.join(out_dir, "news-sitemap-index.xml")).getroot()
        expect("index root", index.tag, f"{SM}sitemapindex")
        base = channel.get("sitemap_base", channel["link"])
        base = base if base.endswith("/") else base + "/"
        parts = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
        names = [f"news-sitemap-{i}.xml" for i in range(1, len(parts) + 1)]
        expect("index locs", parts, [base + n for n in names])
        for s in index.findall(f"{SM}sitemap"):
            lastmod = s.findtext(f"{SM}lastmod") or ""
            if not W3C_DATETIME.match(lastmod):
                errors.append(f"index lastmod {lastmod!r} is not a W3C date-time")
        expect("files", files, sorted(names + ["news-sitemap-index.xml"]))
        if len(want) <= 1000:
            errors.append("an index for at most 1,000 articles")
    else:
        names = ["news-sitemap.xml"]
        expect("files", files, names)
        if len(want) > 1000:
            errors.append("more than 1,000 articles in one file")

    seen = []
    for part in names:
        path = os.path.join(out_dir, part)
        if os.path.getsize(path) > 50 * 1024 * 1024:
            errors.append(f"{part} is over 50 MB")
        root = etree.parse(path).getroot()
        expect(f"{part} root", root.tag, f"{SM}urlset")
        urls = root.findall(f"{SM}url")
        if len(urls) > 1000:
            errors.append(f"{part} has {len(urls)} <url>, more than 1,000")
        for url in urls:
            loc = url.findtext(f"{SM}loc")
            seen.append(loc)
            record = want.get(loc)
            if record is None:
                errors.append(f"{part}: {loc!r} should not be in the sitemap")
                continue
            news = url.find(f"{NEWS}news")
            if news is None:
                errors.append(f"{loc}: no news:news")
                continue
            expect(f"{loc} children", [c.tag for c in news],
                   [f"{NEWS}publication", f"{NEWS}publication_date", f"{NEWS}title"])
            expect(f"{loc} news:name", news.findtext(f"{NEWS}publication/{NEWS}name"), name)
            expect(f"{loc} news:language", news.findtext(f"{NEWS}publication/{NEWS}language"), language)
            date = news.findtext(f"{NEWS}publication_date") or ""
            if not W3C_DATETIME.match(date):
                errors.append(f"{loc}: publication_date {date!r} is not a W3C date-time")
            else:
                expect(f"{loc} publication_date", moment(date), moment(record["metadata"]["published_at"]))
            expect(f"{loc} news:title", news.findtext(f"{NEWS}title"), xml_text(record["metadata"]["title"]))
    expect("urls (each once)", sorted(seen), sorted(want))

    if errors:
        print(f"news sitemap: {len(errors)} mismatches in {out_dir}:", file=sys.stderr)
        for error in errors[:50]:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"news sitemap: Google's rules hold, {len(seen)} articles in {len(names)} file(s) "
          f"({records_path}, now {now.isoformat()})")


if __name__ == "__main__":
    main()
