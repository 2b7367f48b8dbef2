"""RFC 5005 archives: the archives of a smaller batch are byte-identical in
the output of a larger one, and every document carries its marks and links.

Usage: check_archives.py FORMAT SMALL_DIR LARGE_DIR SIZE

FORMAT is `atom` or `rss`; each DIR holds `articlekit export --to FORMAT
--archive-size SIZE --out-dir DIR`, SMALL_DIR of the first records of the
batch of LARGE_DIR. feedparser reads every document (bozo == 0); each
archive holds SIZE items and is marked `fh:archive`, with `current`,
`next-archive`, `self` and (from archive 2 on) `prev-archive` links; the
subscription document holds at most SIZE items and links `prev-archive`
to the newest archive.
"""

import os
import sys

import feedparser
from lxml import etree

FH = "{http://purl.org/syndication/history/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"


def links(root, fmt):
    parent = root if fmt == "atom" else root.find("channel")
    return {l.get("rel"): l.get("href") for l in parent.findall(f"{ATOM}link")}


def check_dir(fmt, out_dir, size, errors):
    archives = sorted(
        (n for n in os.listdir(out_dir) if n.startswith(f"{fmt}-archive-")),
        key=lambda n: int(n.rsplit("-", 1)[1].split(".")[0]),
    )
    for k, name in enumerate(archives, start=1):
        path = os.path.join(out_dir, name)
        with open(path, "rb") as f:
            parsed = feedparser.parse(f.read())
        if parsed.bozo:
            errors.append(f"{name}: bozo {parsed.get('bozo_exception')!r}")
        if len(parsed.entries) != size:
            errors.append(f"{name}: {len(parsed.entries)} items, not {size}")
        root = etree.parse(path).getroot()
        parent = root if fmt == "atom" else root.find("channel")
        if parent.find(f"{FH}archive") is None:
            errors.append(f"{name}: no fh:archive")
        rels = links(root, fmt)
        for rel in ("current", "next-archive", "self") + (("prev-archive",) if k > 1 else ()):
            if rel not in rels:
                errors.append(f"{name}: no {rel} link")
        if k > 1 and not rels.get("prev-archive", "").endswith(f"{fmt}-archive-{k - 1}.xml"):
            errors.append(f"{name}: prev-archive {rels.get('prev-archive')!r}")
    current = os.path.join(out_dir, f"{fmt}.xml")
    with open(current, "rb") as f:
        parsed = feedparser.parse(f.read())
    if parsed.bozo or len(parsed.entries) > size:
        errors.append(f"{fmt}.xml: bozo {parsed.bozo}, {len(parsed.entries)} items")
    rels = links(etree.parse(current).getroot(), fmt)
    if archives and not rels.get("prev-archive", "").endswith(archives[-1]):
        errors.append(f"{fmt}.xml: prev-archive {rels.get('prev-archive')!r}, want {archives[-1]}")
    return archives


def main():
    fmt, small, large, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    errors = []
    before = check_dir(fmt, small, size, errors)
    after = check_dir(fmt, large, size, errors)
    if not before or len(after) <= len(before):
        errors.append(f"the larger batch should have more archives: {before} then {after}")
    for name in before:
        with open(os.path.join(small, name), "rb") as a, open(os.path.join(large, name), "rb") as b:
            if a.read() != b.read():
                errors.append(f"{name} changed when the batch grew")
    if errors:
        print(f"{fmt} archives: {len(errors)} problems:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"{fmt} archives: {len(before)} then {len(after)} archives of {size}, "
          "full ones byte-identical, marks and links in place")


if __name__ == "__main__":
    main()
