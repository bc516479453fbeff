"""The researcher's entry points: every table of a corpus in one call, cached, and the tables most asked for.

    >>> import vnmigration as vm
    >>> tables = vm.build_tables()           # seeds/, or $VNMIGRATION_CORPUS, or any folder you pass
    >>> sorted(tables)[:3]
    ['actor_edges', 'articles', 'corrections']
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pandas as pd

from . import export
from .paths import CACHE, PACKAGE, corpus_dir
from .schema import SchemaError

CACHE_VERSION = "1"  # bump to invalidate every cached table set


def _fingerprint(folder: Path) -> str:
    """A key for a corpus and the code that reads it: file names and bytes, plus the package's code and data."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".csv"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def build_tables(folder: str | Path | list | None = None, cache: bool = True,
                 jobs: int | None = None) -> dict[str, pd.DataFrame]:
    """Every table for a corpus folder (default: `paths.corpus_dir()`), cached in .cache/ by content; a list of
    files is read as given (`build_tables(["a.txt", "b.html"])`), uncached. A large corpus runs its stages in `jobs`
    worker processes (default: every core; `export.build_tables`), with the tables of one process.

    The cache key is the folder's file names and bytes and the package's code and data, so adding an
    article or changing a rule recomputes, and re-running a notebook does not.

    >>> tables = build_tables()
    >>> len(tables["articles"]) >= 5 and {"timeline", "mentions", "themes"} <= set(tables)
    True
    """
    if isinstance(folder, list | tuple):  # a list of files is read as given, without the cache
        return export.build_tables(list(folder), jobs=jobs)
    if not isinstance(folder, str | os.PathLike | None):
        raise SchemaError(f"build_tables takes a corpus folder or a list of files, not a {type(folder).__name__}")
    folder = Path(folder) if folder is not None else corpus_dir()
    if not cache or not folder.is_dir():
        return export.build_tables(folder, jobs=jobs)
    path = CACHE / f"tables-{_fingerprint(folder)}.pkl"
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)
    tables = export.build_tables(folder, jobs=jobs)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as f:
        pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return tables


def timeline(folder: str | Path | None = None) -> pd.DataFrame:
    """The consolidated timeline of a corpus: one row per happening.

    >>> timeline()[["date", "kind", "label"]].shape[1]
    3
    """
    return build_tables(folder)["timeline"]


def mentions(folder: str | Path | None = None) -> pd.DataFrame:
    """Every actor mention of a corpus: codebook actors and detected persons.

    >>> set(mentions()["kind"]) <= {"person", "office", "organization", "place"}
    True
    """
    return build_tables(folder)["mentions"]


def themes(folder: str | Path | None = None) -> pd.DataFrame:
    """Every theme hit of a corpus (GCM objectives and cross-cutting themes).

    >>> bool(themes()["theme"].str.match(r"gcm-\\d\\d|[a-z-]+").all())
    True
    """
    return build_tables(folder)["themes"]


KWIC_COLUMNS = ["article_id", "sentence_no", "published", "outlet", "language", "left", "match", "right"]


def kwic(term: str, corpus: str | Path | dict | None = None, window: int = 60) -> pd.DataFrame:
    """Keyword in context across a corpus: every body sentence where `term` occurs, with the article's date and
    outlet. A plain term matches its word family as the theme lexicon does ("remittance" finds "remitting"), a
    regular expression as given; diacritics are ignored either way ("Le Thanh Long" finds "Lê Thành Long").
    `corpus` is a folder (default: the corpus of `build_tables()`) or tables already built.

    >>> hits = kwic("traffick", window=20)
    >>> hits.columns.tolist()[:4], bool(hits["match"].str.lower().str.startswith("traffick").all())
    (['article_id', 'sentence_no', 'published', 'outlet'], True)
    """
    from .sentences import concordance
    from .taxonomy import term_regex

    tables = corpus if isinstance(corpus, dict) else build_tables(corpus)
    if "sentences" not in tables or "articles" not in tables:
        raise SchemaError("kwic takes a corpus folder, a list of files or the tables of build_tables")
    hits = concordance(tables["sentences"], term_regex(term), window)
    about = tables["articles"][["article_id", "published", "outlet"]]
    return hits.merge(about, on="article_id", how="left")[KWIC_COLUMNS]
