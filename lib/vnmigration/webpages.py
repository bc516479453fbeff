"""Saved web pages (.html, .htm) as article text: trafilatura finds the main text, title and site name,
htmldate the publication date; the corpus reader then applies the same chrome rules as to text files."""

from __future__ import annotations

from dataclasses import dataclass

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class PageMeta:
    """What a page's markup (or its collector's sidecar) says about it: `PageMeta("2021-06-14", "Viet Nam and IOM
    ...", "VNA", None, "https://...")`. `site_name` is None where the markup names only its host (`host`)."""

    date: str | None
    title: str | None
    site_name: str | None
    author: str | None
    url: str | None = None
    host: str | None = None


def read_html(markup: str) -> tuple[str, PageMeta]:
    """The main text of a saved page (title line first) and its metadata; ("", empty meta) if there is none.

    `<article><h1>T</h1><p>Body.</p></article>` with a JSON-LD `datePublished` -> ("T\\nBody.", PageMeta(date=...)).

    >>> text, meta = read_html("<html><head><title>IOM in Viet Nam</title></head><body><article>"
    ...                        "<h1>IOM in Viet Nam</h1><p>IOM opened an office in Hanoi in 1991.</p>"
    ...                        "</article></body></html>")
    >>> text
    'IOM in Viet Nam\\nIOM opened an office in Hanoi in 1991.'
    >>> meta
    PageMeta(date=None, title='IOM in Viet Nam', site_name=None, author=None, url=None, host=None)
    """
    import htmldate
    import trafilatura

    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return "", PageMeta(None, None, None, None)
    found = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    date = htmldate.find_date(markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    text = found.get("text") or ""
    title = found.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    host, site_name = found.get("hostname"), found.get("sitename")
    if site_name and site_name == host:  # trafilatura falls back to the host when no og:site_name is given
        site_name = None
    return text, PageMeta(date, title, site_name, found.get("author"), found.get("url"), host)
