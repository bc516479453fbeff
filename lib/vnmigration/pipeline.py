"""The pipeline, declared once: the per-article stages in order, each a table made from tables before it.

Every caller runs this one list: `export.tables_of` (the in-memory export, then its cross-article merges),
`stream.process` (each partition of the streaming export, on one machine or on Dask workers),
`events.statement_events` (the sites' own statements, read as pages of their own) and `benchmarks/run.py`
(stage by stage, timed). A new per-article stage is added here and nowhere else.

    articles ─► sentences ─► mentions ─► dates ─► events
                    │            └─────────► roles ─► quotes
                    └─► themes ─► theme_profile

The cross-article steps stay with their callers, because each runs them its own way (whole tables in memory,
compact keys across partitions): site statements and their events, uncoded candidates, actor edges, the
timeline and the distinctive terms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

import pandas as pd

from .actors import extract_mentions, extract_roles
from .events import extract_dates, extract_events
from .quotes import extract_quotes
from .sentences import split_sentences
from .taxonomy import tag_themes, theme_profile


@dataclass(frozen=True)
class Stage:
    """One per-article stage: the table it makes (`name`) from the tables it reads (`inputs`), by `run`."""

    name: str
    run: Callable[..., pd.DataFrame]
    inputs: tuple[str, ...]


def _quotes(sentences: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame,
            roles: pd.DataFrame) -> pd.DataFrame:
    """`extract_quotes` with the roles that name "the Deputy Minister" who spoke."""
    return extract_quotes(sentences, mentions, articles, roles=roles)


STAGES = (
    Stage("sentences", split_sentences, ("articles",)),
    Stage("mentions", extract_mentions, ("sentences",)),
    Stage("dates", extract_dates, ("sentences", "articles")),
    Stage("events", extract_events, ("sentences", "dates", "mentions", "articles")),
    Stage("themes", tag_themes, ("sentences",)),
    Stage("roles", extract_roles, ("sentences", "mentions", "articles")),
    Stage("quotes", _quotes, ("sentences", "mentions", "articles", "roles")),
    Stage("theme_profile", theme_profile, ("themes", "sentences", "articles")),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_stages(articles: pd.DataFrame, until: str | None = None,
               timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the per-article stages, in order, up to and including `until` (default: all), with
    `articles` among them; each stage's seconds go into `timings` when one is given.

    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2019-03-05")],
    ...                          "published_precision": ["day"], "title": [None],
    ...                          "text": ["IOM Viet Nam met the Ministry of Foreign Affairs on March 5."]})
    >>> tables = run_stages(articles, until="events")
    >>> list(tables), tables["events"]["kind"].tolist()
    (['articles', 'sentences', 'mentions', 'dates', 'events'], ['meeting'])
    """
    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"no stage {until!r}; the stages are {', '.join(STAGE_NAMES)}")
    tables = {"articles": articles}
    for stage in STAGES:
        start = perf_counter()
        tables[stage.name] = stage.run(*(tables[name] for name in stage.inputs))
        if timings is not None:
            timings[stage.name] = perf_counter() - start
        if stage.name == until:
            break
    return tables
