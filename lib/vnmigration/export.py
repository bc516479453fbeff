"""Build every table from a corpus folder and write them as CSV (UTF-8, ISO dates)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .actors import actor_edges, extract_mentions, extract_quotes, extract_roles, uncoded_candidates
from .corpus import CorpusError, read_corpus, site_statements
from .events import build_timeline, extract_dates, extract_events, statement_events
from .paths import corpus_dir
from .sentences import split_sentences
from .taxonomy import distinctive_terms, tag_themes, theme_profile


def build_tables(corpus: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """All exported tables by name, from one corpus folder: {"articles": ..., "sentences": ..., ...}.

    A folder with no readable article is a `CorpusError` that says why, in one sentence.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> tables = build_tables(folder)
    >>> len(tables["articles"]), tables["mentions"]["actor"].tolist()
    (1, ['IOM Viet Nam'])
    >>> build_tables(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnmigration.corpus.CorpusError: no article to analyse in ...: it holds no .txt or .html file
    """
    articles, problems = read_corpus(corpus)
    if articles.empty:
        why = "; ".join(f"{r.file}: {r.reason}" for r in problems.itertuples()) or "it holds no .txt or .html file"
        raise CorpusError(f"no article to analyse in {corpus or corpus_dir()}: {why}")
    sentences = split_sentences(articles)
    mentions = extract_mentions(sentences)
    statements = site_statements(articles)
    site_dates, site_events = statement_events(statements)
    dates = pd.concat([extract_dates(sentences, articles), site_dates], ignore_index=True)
    events = pd.concat([extract_events(sentences, dates, mentions, articles), site_events], ignore_index=True)
    themes = tag_themes(sentences)
    roles = extract_roles(sentences, mentions, articles)
    return {
        "articles": articles, "sentences": sentences, "problems": problems, "site_statements": statements,
        "mentions": mentions,
        "uncoded": uncoded_candidates(sentences, mentions, roles=roles), "roles": roles,
        "quotes": extract_quotes(sentences, mentions, articles, roles=roles), "actor_edges": actor_edges(mentions),
        "dates": dates, "events": events, "timeline": build_timeline(events),
        "themes": themes, "theme_profile": theme_profile(themes, sentences, articles),
        "distinctive_terms": distinctive_terms(articles),
    }


CSV_OPTIONS = {"index": False, "date_format": "%Y-%m-%d", "encoding": "utf-8"}  # every CSV the package writes


def list_cell(value):
    """A list in a cell as CSV text, anything else as it is: ["a", "b"] -> "a;b".

    >>> list_cell(["IOM", "MOFA"]), list_cell("IOM")
    ('IOM;MOFA', 'IOM')
    """
    return ";".join(map(str, value)) if isinstance(value, list | tuple) else value


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """Lists in cells become `;`-joined strings so that a CSV keeps them: ["a", "b"] -> "a;b"."""
    out = table.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, list | tuple)).any():
            out[col] = out[col].map(list_cell)
    return out


def write_tables(tables: dict[str, pd.DataFrame], outdir: str | Path) -> list[Path]:
    """Write each table to OUTDIR/<name>.csv and return the paths.

    >>> import pandas as pd, tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> paths = write_tables({"events": pd.DataFrame({"participants": [["IOM", "MOFA"]]})}, out)
    >>> [p.name for p in paths], (out / "events.csv").read_text()
    (['events.csv'], 'participants\\nIOM;MOFA\\n')
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = outdir / f"{name}.csv"
        _flat(table).to_csv(path, **CSV_OPTIONS)
        paths.append(path)
    return paths
