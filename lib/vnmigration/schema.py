"""One shared check that a stage got the table it expects, with an error that names the table and its maker.

    >>> import pandas as pd
    >>> try:
    ...     require(pd.DataFrame({"article_id": ["a"], "text": ["Hi."]}), SENTENCES, "extract_mentions",
    ...             ["article_id", "sentence_no", "text"])
    ... except SchemaError as err:
    ...     print(str(err).replace("; ", ";\\n"))
    extract_mentions expects a sentences table with columns article_id, sentence_no, text (as split_sentences makes);
    it is missing: sentence_no
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd


class SchemaError(ValueError):
    """A stage was given a table without the columns it reads (or something that is not a table)."""


class Table(NamedTuple):
    """A kind of table: its name, the function that makes it, and the columns stages read by default."""

    name: str
    producer: str
    columns: tuple[str, ...]


ARTICLES = Table("articles", "load_articles", ("article_id", "text"))
SENTENCES = Table("sentences", "split_sentences", ("article_id", "sentence_no", "text", "start", "end"))
MENTIONS = Table("mentions", "extract_mentions", ("article_id", "sentence_no", "start", "end", "actor", "kind"))
DATES = Table("dates", "extract_dates", ("article_id", "sentence_no", "start", "end", "date", "date_end",
                                         "precision", "resolution", "date_text"))
EVENTS = Table("events", "extract_events", ("article_id", "sentence_no", "date", "date_end", "precision", "kind",
                                            "label", "place", "participants", "status", "certainty", "evidence"))
ROLES = Table("roles", "extract_roles", ("article_id", "person", "role"))
THEMES = Table("themes", "tag_themes", ("article_id", "sentence_no", "theme", "gcm_objective"))
PROFILE = Table("profile", "theme_profile", ("article_id", "n_sentences", "gcm_objectives", "n_gcm_objectives"))
TIMELINE = Table("timeline", "build_timeline", ("event_id", "date", "kind", "label", "status", "article_ids",
                                                "evidence"))
CLAIMS = Table("claims", "duration_claims", ("article_id", "claim", "years", "implied_start"))


def require(table: object, kind: Table, stage: str, columns: Sequence[str] | None = None) -> None:
    """Raise `SchemaError` unless `table` is a DataFrame with `columns` (default: `kind.columns`): `"... missing: x"`.

    >>> import pandas as pd
    >>> require(pd.DataFrame(columns=["article_id", "text"]), ARTICLES, "split_sentences")  # fine: returns None
    >>> require({"text": []}, ARTICLES, "split_sentences")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnmigration.schema.SchemaError: split_sentences expects an articles table ...; it got a dict
    """
    columns = tuple(kind.columns if columns is None else columns)
    article = "an" if kind.name[0] in "aeiou" else "a"
    expected = (f"{stage} expects {article} {kind.name} table with columns {', '.join(columns)}"
                f" (as {kind.producer} makes)")
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"{expected}; it got a {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(f"{expected}; it is missing: {', '.join(missing)}")
