"""Load a folder of scraped articles into a tidy `articles` table, reporting every file it cannot use."""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .chrome import (
    WORD,
    authors_of,
    caption_credits,
    drop_templates,
    split_chrome,
    template_lines,
)
from .collect import SIDECAR_SUFFIX, read_sidecar
from .datelines import month_first
from .headlines import drop_head_menu, find_title
from .language import READ_LANGUAGES, language_of
from .outlets import find_outlet, outlet_of_host, outlet_of_site_name
from .paths import CORRECTIONS_FILE, corpus_dir
from .published import anchor_this_year, infer_published
from .reflow import reflow
from .webpages import HTML_SUFFIXES, PageMeta, read_html

TEXT_SUFFIXES = (".txt",)

ARTICLE_COLUMNS = [
    "article_id", "file", "url", "title", "outlet", "outlet_evidence", "published", "published_precision",
    "published_source", "published_evidence", "dateline", "text", "boilerplate", "captions", "byline", "authors",
    "site_statements", "language", "n_words", "n_words_removed", "encoding", "sha256",
]
PROBLEM_COLUMNS = ["file", "reason", "detail", "kept"]


def decode(raw: bytes) -> tuple[str | None, str]:
    """Bytes to text and the encoding used: `b"caf\\xe9"` -> ("café", "cp1252"); NUL bytes -> (None, "binary").

    >>> decode("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode(b"caf\\xe9")
    ('café', 'cp1252')
    """
    if b"\x00" in raw:
        return None, "binary"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _article_row(path: Path, raw: bytes, text: str, encoding: str, templates: frozenset[str] = frozenset(),
                 meta: PageMeta | None = None, named: tuple[str | None, str | None] | None = None) -> dict:
    """One file's row of the articles table; `meta` is what a saved web page's markup says about itself, and
    `named` the page's `find_outlet` result when the caller already has it."""
    page = split_chrome(text)
    title, title_at = find_title(page)
    if meta is not None and meta.title and title is None and page.body and page.body[0] == meta.title:
        title, title_at = meta.title, 0
    head_menu = drop_head_menu(page, title_at)
    body, shared = drop_templates([line for i, line in enumerate(page.body) if i != title_at and i not in head_menu],
                                  templates)
    page.boilerplate[:0] = [page.body[i] for i in head_menu] + shared
    body_text = "\n".join(body)
    outlet, outlet_evidence = _outlet(named if named is not None else find_outlet(text), meta)
    published, precision, source, evidence = _publication_date(page, body_text, meta)
    removed = page.boilerplate + page.captions + page.bylines + page.statements
    credits = page.bylines + ([page.dateline.byline] if page.dateline and page.dateline.byline else []) \
        + caption_credits(page.captions)  # a photographer named in a credit is a person of the page
    return {
        "article_id": path.stem, "file": path.name, "url": meta.url if meta else None, "title": title,
        "outlet": outlet, "outlet_evidence": outlet_evidence, "published": published, "published_precision": precision,
        "published_source": source, "published_evidence": evidence,
        "dateline": page.dateline.text if page.dateline else None, "text": body_text,
        "language": language_of(body_text),
        "boilerplate": "\n".join(page.boilerplate), "captions": "\n".join(page.captions),
        "byline": "\n".join(page.bylines) or None,
        "authors": "; ".join(authors_of("\n".join(credits))) or (meta.author if meta else None),
        "site_statements": "\n".join(page.statements) or None,
        "n_words": len(WORD.findall(body_text)),
        "n_words_removed": sum(len(WORD.findall(x)) for x in removed),
        "encoding": encoding, "sha256": hashlib.sha256(raw).hexdigest(),
    }


def _outlet(named: tuple[str | None, str | None], meta: PageMeta | None) -> tuple[str | None, str | None]:
    """The outlet and its evidence: a saved page's own site name (og:site_name) outranks a tag in its text, for a
    wire story a site republishes is the site's page; a listed outlet's web address names a page that names none.
    ("VNA", "(VNA)") + site name "Tuoi Tre News" -> ("Tuoi Tre News", "site name: Tuoi Tre News")."""
    if meta is not None and meta.site_name:
        return outlet_of_site_name(meta.site_name), f"site name: {meta.site_name}"
    if named[0] is not None or meta is None:
        return named
    host = urlsplit(meta.url).netloc if meta.url else meta.host
    listed = outlet_of_host(host)
    return (listed, f"web address: {host}") if listed else named


def _publication_date(page, body_text: str, meta: PageMeta | None) -> tuple:
    """(published, precision, source, evidence): what the page's own text says of its date (a header date, then a
    dateline to the day) outranks a saved page's markup metadata, which a site template can fill with its header
    clock; then a coarser dateline, then the content. "Ha Noi, June 6 (TTO)" + meta 2025-06-09 -> June 6, dateline."""
    if page.header:
        return pd.Timestamp(page.header), "day", "header", f"date {page.header}"
    dateline = month_first(page.dateline, "\n".join([body_text, *page.boilerplate]))  # "06/02/2027" beside "06/24/2027"
    if dateline and (dateline.precision == "day" or meta is None or not meta.date):
        return dateline.date, dateline.precision, "dateline", dateline.evidence
    if meta is not None and meta.date:
        return pd.Timestamp(meta.date), "day", "html-meta", f"page metadata {meta.date}"
    published, precision, evidence = infer_published(body_text)
    return published, precision, "content" if precision else None, evidence


class CorpusError(ValueError):
    """Raised by `load_articles(strict=True)` when any file is a problem."""


def read_corpus(folder: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`articles` and `problems` for every file in `folder` (default `paths.corpus_dir()`): 5 seeds -> (5 rows, 0).

    `.txt` files are read as text, `.html`/`.htm` as saved web pages; any other file is a problem
    (`unsupported-format`), never silently skipped. Hidden files (`.DS_Store`) are not articles.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM opened it.")
    >>> articles, problems = read_corpus(folder)
    >>> articles[["article_id", "title", "published", "published_precision"]]
      article_id                         title  published published_precision
    0          a  IOM opens an office in Hanoi 2019-03-05                 day
    >>> problems.empty
    True
    """
    return read_files(corpus_files(folder))


def corpus_files(folder: str | Path | list | tuple | None = None) -> list[Path]:
    """Every file of a corpus folder, sorted, hidden files left out: the list `read_corpus` reads; a list of files
    is read as given (`load_articles(["a.txt", "b.html"])`). The companions of articles are no articles: a
    page's sidecar from `collect` (`b.json` beside `b.html`) and the folder's `corrections.yaml`.

    A file given for a folder is a CorpusError, a missing folder a FileNotFoundError, each one sentence.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.html").write_text("<p>x</p>"); _ = (folder / "a.txt").write_text("x")
    >>> _ = (folder / ".DS_Store").write_text(""); _ = (folder / "b.json").write_text('{"url": "", "status": 200}')
    >>> [p.name for p in corpus_files(folder)]
    ['a.txt', 'b.html']
    """
    if isinstance(folder, list | tuple):
        missing = [str(p) for p in folder if not Path(p).is_file()]
        if missing:
            raise FileNotFoundError(f"not a file: {', '.join(missing)}")
        return [Path(p) for p in folder]
    folder = Path(folder) if folder is not None else corpus_dir()
    if folder.is_file():
        raise CorpusError(f"{folder} is a file: give the folder that holds the articles (.txt or .html files)")
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and not _companion(p))


def _companion(path: Path) -> bool:
    """Whether a file accompanies the articles: the corrections file, or a collector's sidecar of a page beside it."""
    if path.name == CORRECTIONS_FILE:
        return True
    return path.suffix == SIDECAR_SUFFIX and any(path.with_suffix(s).is_file() for s in TEXT_SUFFIXES + HTML_SUFFIXES)


def _with_sidecar(path: Path, meta: PageMeta | None) -> PageMeta | None:
    """A page's metadata with the URL its collector's sidecar gives (it outranks the page's own canonical URL)."""
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    found = read_sidecar(sidecar) if sidecar.is_file() else None
    if found is None or not found.get("url"):
        return meta
    return replace(meta or PageMeta(None, None, None, None), url=found["url"])


def read_page(path: Path) -> tuple[bytes, str | None, str, PageMeta | None, tuple | None]:
    """One file as (raw, text, encoding, page metadata, problem); the problem row says why it is no article.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.pdf").write_bytes(b"%PDF")
    >>> read_page(folder / "a.pdf")[-1][:2]
    ('a.pdf', 'unsupported-format')
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        return b"", None, "", None, (path.name, "unreadable", str(e), False)
    if path.suffix == SIDECAR_SUFFIX and (sidecar := read_sidecar(path)) is not None:
        return raw, None, "", None, (path.name, "fetch-failed", f"{sidecar['url']}: {sidecar.get('reason')}", False)
    if path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
        return raw, None, "", None, (path.name, "unsupported-format", f"{path.suffix or 'no suffix'}: only .txt "
                                     "and .html/.htm files are read", False)
    text, encoding = decode(raw)
    meta = None
    if text is not None and path.suffix.lower() in HTML_SUFFIXES:
        text, meta = read_html(text)
    elif text is not None:
        text = reflow(text)  # a plain-text export wrapped at a fixed width: one line per paragraph again
    if text is None:
        return raw, None, encoding, None, (path.name, "binary", "contains NUL bytes", False)
    if not text.strip():
        return raw, None, encoding, None, (path.name, "empty", f"{len(raw)} bytes, no text", False)
    return raw, text, encoding, _with_sidecar(path, meta), None


def read_files(paths: list[Path], seen: dict[str, str] | None = None, anchor: bool = True,
               templates: frozenset[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`articles` and `problems` for a list of files; duplicates and date anchors are found within the list.

    `seen` (text digest -> file name) carries duplicate detection across calls, for corpora read in
    partitions; with `anchor=False` undated articles are not dated from other articles (a caller that
    reads partitions anchors them across the whole corpus itself) and get no `no-date` problem yet.
    Site templates (`template_lines`) are found within the list, unless a caller that reads the corpus in
    partitions passes the templates it found over the whole corpus.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "b.txt"):  # the same text twice
    ...     _ = (folder / name).write_text("Hanoi, March 5, 2019 – IOM opened an office in Hanoi, it said.")
    >>> articles, problems = read_files(sorted(folder.iterdir()))
    >>> list(articles["file"]), problems[["file", "reason"]].to_dict("records")
    (['a.txt'], [{'file': 'b.txt', 'reason': 'duplicate'}])
    """
    pages, problems = [], []
    seen = {} if seen is None else seen
    for path in paths:
        raw, text, encoding, meta, problem = read_page(path)
        if problem is not None:
            problems.append(problem)
            continue
        key = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
        if key in seen:
            problems.append((path.name, "duplicate", f"same text as {seen[key]}", False))
            continue
        seen[key] = path.name
        if encoding in ("cp1252", "latin-1"):
            problems.append((path.name, "not-utf8", f"decoded as {encoding}", True))
        pages.append((path, raw, text, encoding, meta, find_outlet(text)))  # one outlet search per page
    if templates is None:
        templates = template_lines([page[2] for page in pages], [page[5][0] for page in pages])
    rows = [_article_row(path, raw, text, encoding, templates, meta, named)
            for path, raw, text, encoding, meta, named in pages]
    problems += [(row["file"], "unread-language", f"language {row['language']!r}; kept, not read: the package reads "
                  f"{', '.join(READ_LANGUAGES)}", True) for row in rows if row["language"] not in READ_LANGUAGES]
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS).pipe(_typed)
    if anchor:
        articles = anchor_this_year(articles)
        problems += no_date_problems(articles)
    problems = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).astype({"kept": bool})
    return articles, problems.sort_values(["file", "reason"], ignore_index=True)


def no_date_problems(articles: pd.DataFrame) -> list[tuple]:
    """A `no-date` problem row for each article still undated: (file, "no-date", detail, kept=True).

    >>> import pandas as pd
    >>> no_date_problems(pd.DataFrame({"file": ["a.txt", "b.txt"], "published": pd.to_datetime([None, "2020-01-02"])}))
    [('a.txt', 'no-date', 'no header, dateline or datable content; published is NaT', True)]
    """
    return [(name, "no-date", "no header, dateline or datable content; published is NaT", True)
            for name in articles.loc[articles["published"].isna(), "file"]]


def _typed(articles: pd.DataFrame) -> pd.DataFrame:
    """Give the articles table its dtypes: published as datetime64, the rest as strings or ints."""
    text_columns = [c for c in ARTICLE_COLUMNS if c not in ("published", "n_words", "n_words_removed")]
    return articles.astype({c: "string" for c in text_columns} | {"n_words": "int64", "n_words_removed": "int64"}) \
        .assign(published=lambda d: pd.to_datetime(d["published"]).astype("datetime64[ns]"))


UNNAMED_OUTLET = "outlet not named"
SITE_PREFIX = "site: "  # the source id of an outlet's own statements: "site: IOM Viet Nam"
STATEMENT_COLUMNS = ["source_id", "outlet", "statement", "first_article", "n_articles"]


def site_statements(articles: pd.DataFrame) -> pd.DataFrame:
    """An outlet's statements about itself in its menus, once per outlet: IOM's "presence in Viet Nam since 1987".

    `source_id` (`"site: IOM Viet Nam"`) is how the timeline cites the outlet's statement; a page that names no
    outlet cites its own article id.

    >>> import pandas as pd
    >>> said = "IOM has had a presence in Viet Nam since 1987."
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": "IOM Viet Nam", "site_statements": said})
    >>> site_statements(articles)[["source_id", "first_article", "n_articles"]]
                source_id first_article  n_articles
    0  site: IOM Viet Nam             a           2
    """
    rows: dict[tuple, list] = {}
    for article_id, outlet, text in zip(articles["article_id"], articles["outlet"], articles["site_statements"],
                                        strict=True):
        if pd.isna(text):
            continue
        for statement in text.split("\n"):
            owner = UNNAMED_OUTLET if pd.isna(outlet) else outlet
            source = article_id if pd.isna(outlet) else SITE_PREFIX + outlet
            rows.setdefault((source, owner, statement), []).append(article_id)
    return pd.DataFrame([(*key, min(ids), len(ids)) for key, ids in rows.items()], columns=STATEMENT_COLUMNS)


def outlet_label(articles: pd.DataFrame) -> pd.Series:
    """The outlet, or a plain note where the text names none: NA -> "outlet not named".

    >>> import pandas as pd
    >>> outlet_label(pd.DataFrame({"outlet": ["VNA", None]})).tolist()
    ['VNA', 'outlet not named']
    """
    return articles["outlet"].fillna(UNNAMED_OUTLET)


def load_articles(folder: str | Path | None = None, strict: bool = False) -> pd.DataFrame:
    """One row per article in `folder` (default: the repo's seeds/); `problems_of(articles)` lists the rest.

    >>> articles = load_articles()
    >>> len(articles) >= 5 and articles["article_id"].is_unique
    True
    """
    articles, problems = read_corpus(folder)
    if len(problems):
        summary = ", ".join(f"{r.file}: {r.reason}" for r in problems.itertuples())
        if strict:
            raise CorpusError(f"{len(problems)} problem(s) in {folder or corpus_dir()}: {summary}")
        warnings.warn(f"{len(problems)} problem(s) while loading the corpus: {summary}", stacklevel=2)
    articles.attrs["problems"] = problems.to_dict("records")
    return articles


def problems_of(articles: pd.DataFrame) -> pd.DataFrame:
    """The problems table that `load_articles` found: columns file, reason, detail, kept.

    >>> problems_of(load_articles()).columns.tolist()
    ['file', 'reason', 'detail', 'kept']
    """
    return pd.DataFrame(articles.attrs.get("problems", []), columns=PROBLEM_COLUMNS).astype({"kept": bool})
