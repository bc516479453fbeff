"""When a page was published, from its own words: the dateline or date line (`infer_published`), and the year
of a month named without one, anchored by the other pages that name the same happening (`anchor_this_year`)."""

from __future__ import annotations

import re

import pandas as pd

from . import dates as dg


def infer_published(text: str) -> tuple[pd.Timestamp, str | None, str | None]:
    """Date a text from its content: `"on Nov. 22"` + `"scheduled for May 2022"` + past `2021` -> 2021-11-22, day.

    >>> text = "They met on Nov. 22. A forum is scheduled for May 2022. It covered the 2020-2021 period."
    >>> infer_published(text)[:2]
    (Timestamp('2021-11-22 00:00:00'), 'day')
    >>> infer_published("They met on Nov. 22.")
    (NaT, None, None)
    """
    mentions = dg.find_dates(text)
    lower, upper, clues = pd.Timestamp.min, pd.Timestamp.max, []
    for m in mentions:
        if m.year is None:
            continue
        start = dg.resolve(m)
        if m.resolution == dg.Resolution.SCHEDULED:
            end = dg.period_end(start, m.precision, m.year_end)
            if end < upper:
                upper = end
                clues.append(f"before '{m.date_text}' (still ahead)")
        else:
            floor = pd.Timestamp(m.year_end, 1, 1) if m.year_end else start
            if floor > lower:
                lower = floor
                clues.append(f"after '{m.date_text}'")
    for m in mentions:
        if m.resolution != dg.Resolution.YEAR_FROM_PUBLICATION or m.day is None \
                or (lower == pd.Timestamp.min and upper == pd.Timestamp.max):
            continue
        first = max(lower.year, 1800)
        last = min(upper.year, 2100)
        candidates = [pd.Timestamp(y, m.month, m.day) for y in range(first, last + 1)
                      if dg.day_ok(y, m.month, m.day) and lower <= pd.Timestamp(y, m.month, m.day) <= upper]
        if len(candidates) == 1:
            evidence = f"'{m.date_text}'; " + "; ".join(clues[-1:] + [c for c in clues if "ahead" in c][-1:])
            return candidates[0], "day", evidence
    return pd.NaT, None, None


NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of|for|on|and)?\s*[A-Z][\w’'-]*)+")
# A name that can anchor a year across articles names one happening, not a body that meets every year ("the National
# Assembly ... in October" recurs; "the International Migration Review Forum ... in May" does not)
HAPPENING_NAME = re.compile(r"\b(?:Forum|Review|Conference|Summit|Dialogue|Workshop|Congress|Festival|Expo|Games)\b")
NAMED_MONTH = re.compile(rf"\b({dg.MONTH_PATTERN})\.?,?\s+({dg.YEAR_PATTERN})\b")


def named_months(articles: pd.DataFrame) -> dict[tuple[str, int], dict[int, str]]:
    """Every multi-word name that comes right before a `Month YYYY` date: (name, month) -> {year: where}."""
    index: dict[tuple[str, int], dict[int, str]] = {}
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        for m in NAMED_MONTH.finditer(text):
            month, year = dg.MONTHS[m.group(1).lower()], int(m.group(2))
            for n in NAME.finditer(text, max(0, m.start() - 200), m.start()):
                if len(n.group().split()) >= 2 and HAPPENING_NAME.search(n.group()):
                    index.setdefault((n.group(), month), {}).setdefault(
                        year, f"'{m.group()}' in {article_id}")
    return index


def anchor_this_year(articles: pd.DataFrame) -> pd.DataFrame:
    """Date undated rows whose `"in May this year"` event is dated `"May 2022"` in another article -> 2022, year.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2022-06-01", None]),
    ...                          "text": ["The Regional Review Forum met in May 2022.",
    ...                                   "The Regional Review Forum met in May this year."]})
    >>> articles = articles.assign(published_precision=["day", None], published_source=["header", None],
    ...                            published_evidence=[None, None])
    >>> anchor_this_year(articles)[["article_id", "published", "published_precision", "published_source"]]
      article_id  published published_precision published_source
    0          a 2022-06-01                 day           header
    1          b 2022-01-01                year          content
    """
    undated = articles[articles["published"].isna()]
    if undated.empty:
        return articles
    index = named_months(articles)
    found = {}
    for i, article_id, text in zip(undated.index, undated["article_id"], undated["text"], strict=True):
        if (year_evidence := anchor_year(article_id, text, index)) is not None:
            found[i] = year_evidence
    if not found:
        return articles
    out = articles.copy()
    rows = list(found)
    out.loc[rows, "published"] = [pd.Timestamp(year, 1, 1) for year, _ in found.values()]
    out.loc[rows, ["published_precision", "published_source"]] = ["year", "content"]
    out.loc[rows, "published_evidence"] = [evidence for _, evidence in found.values()]
    return out


def anchor_year(article_id: str, text: str, index: dict) -> tuple[int, str] | None:
    """The one year an article's `"in May this year"` names, by another article's `"May 2022"`, with evidence."""
    for m in dg.find_dates(text):
        if m.resolution != dg.Resolution.THIS_YEAR or m.month is None:
            continue
        sentence_start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        names = sorted({n.group() for n in NAME.finditer(text[sentence_start:m.start])
                        if len(n.group().split()) >= 2 and HAPPENING_NAME.search(n.group())})
        years: dict[int, str] = {}
        for name in names:
            for year, where in index.get((name, m.month), {}).items():
                if not where.endswith(f" in {article_id}"):
                    years.setdefault(year, f"'{m.date_text}' = {name}, {where}")
        if len(years) == 1:
            return next(iter(years.items()))
    return None
