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

import numpy as np
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
    ...                          "text": ["IOM Viet Nam met officials of the Ministry of Foreign Affairs, March 5."]})
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


POOL_PARTITION = 250  # articles per partition when the stages run in a pool of worker processes
# Rows two stages add in a second pass over all their articles, after every article's first-pass rows: a speech
# page's occasion read from its title (an event of sentence 0) and the titles a headline gives (roles from the
# title). A pooled table puts them back after the others (a stable sort), so that it is the table of one call.
SECOND_PASS = {"events": lambda t: t["sentence_no"] == 0, "roles": lambda t: t["source"] == "title"}


def _stages_of(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One partition's per-article tables, every stage but the corpus-wide theme profile (in a worker process)."""
    return {name: table for name, table in run_stages(articles, until=STAGE_NAMES[-2]).items() if name != "articles"}


def concat_parts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Partitions' tables as the one table a single call makes: a text or date column that a partition left
    `object` (all NA, or NAs of mixed kinds) takes the text or date type the others give it, as pandas infers it
    over the whole.

    >>> a = pd.DataFrame({"gender": pd.array(["female"], dtype="string")})
    >>> concat_parts([a, pd.DataFrame({"gender": [None]})])["gender"].dtype == a["gender"].dtype
    True
    """
    typed: dict[str, object] = {}
    for part in parts:
        for column, dtype in part.dtypes.items():
            if isinstance(dtype, pd.StringDtype) or pd.api.types.is_datetime64_any_dtype(dtype):
                typed.setdefault(column, dtype)
    joined = pd.concat(parts, ignore_index=True)
    return joined.astype({c: t for c, t in typed.items() if joined[c].dtype == object})


def run_stages_in_pool(articles: pd.DataFrame, jobs: int, partition_size: int = POOL_PARTITION) -> dict:
    """`run_stages` on partitions of `articles` in `jobs` worker processes, each table concatenated in article
    order, so the tables are those of one call; the theme profile, whose columns are the corpus's themes, is
    made once over the whole. Fewer than two partitions, or one job: `run_stages` in this process.

    >>> articles = pd.DataFrame({"article_id": ["a1", "a2"], "published": [pd.Timestamp("2019-03-05")] * 2,
    ...                          "published_precision": ["day"] * 2, "title": [None, None],
    ...                          "text": ["IOM Viet Nam met the ministry on March 5.", "The IOM office opened."]})
    >>> pooled = run_stages_in_pool(articles, jobs=2, partition_size=1)
    >>> pooled["sentences"].equals(run_stages(articles)["sentences"])
    True
    """
    from .engines import ProcessEngine

    assert STAGE_NAMES[-1] == "theme_profile", "the theme profile must stay the last stage"
    parts = [articles.iloc[i:i + partition_size] for i in range(0, len(articles), partition_size)]
    if jobs < 2 or len(parts) < 2:
        return run_stages(articles)
    engine = ProcessEngine(jobs)
    try:
        results = list(engine.map(_stages_of, ((part,) for part in parts)))
    finally:
        engine.close()
    tables = {"articles": articles}
    for name in STAGE_NAMES[:-1]:
        joined = concat_parts([r[name] for r in results])
        if name in SECOND_PASS and len(joined):  # the second pass's rows after every first-pass row, as in one call
            joined = joined.iloc[np.argsort(SECOND_PASS[name](joined).to_numpy(), kind="stable")]
        tables[name] = joined.reset_index(drop=True)
    tables["theme_profile"] = theme_profile(tables["themes"], tables["sentences"], articles)
    return tables
