"""The date grammar: find date expressions in English text and resolve them against a publication date.

One compiled regular expression finds candidates; small pure functions turn each candidate into a
normalised date with a precision (`day`, `month`, `year`) and a resolution that says where the
year came from (`absolute`, `year-from-publication`, `this-year`, `since`, `scheduled`, `period`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_YEAR = r"(?:18|19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PREPOSITIONS = r"in|since|by|from|until|till|during|before|after|beginning in|starting in|as of"

DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
  | (?P<period>\b(?P<p1>{_YEAR})\s?[-–—]\s?(?P<p2>{_YEAR})\b(?:\s+period\b)?)
  | (?P<mdy>\b(?P<m1>{_MONTH})\.?\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
  | (?P<dmy>\b(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>{_YEAR})\b)?)
  | (?P<my>\b(?P<m3>{_MONTH})\.?,?\s+(?P<y3>{_YEAR})\b)
  | (?P<mrel>\b(?P<m4>{_MONTH})\s+(?:of\s+)?(?P<rel4>this|last|next)\s+year\b)
  | (?P<rel>\b(?P<rel5>this|last|next)\s+year\b)
  | (?P<prep>\b(?P<pw>{_PREPOSITIONS})\s+(?P<y6>{_YEAR})\b(?![-–/]\d|\s*(?:million|billion|per\b|%)|\s+[A-Z]))
    """,
    re.VERBOSE,
)
# Words in the same clause before a date that make it a plan rather than a happening.
SCHEDULED = re.compile(r"\b(scheduled|slated|planned|due|will|to be held|upcoming|expected|prepare for|preparing for"
                       r"|ahead of)\b", re.IGNORECASE)
_RELATIVE_SHIFT = {"this": 0, "last": -1, "next": 1}


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is, what it says, and how its year is found."""

    start: int
    end: int
    date_text: str
    year: int | None
    month: int | None
    day: int | None
    precision: str
    resolution: str
    year_end: int | None = None
    year_shift: int = 0


def _day_ok(year: int | None, month: int, day: int) -> bool:
    """`(2021, 2, 30)` -> False: the day exists in that month (any leap year when the year is unknown)."""
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _clause_before(text: str, start: int, width: int = 80) -> str:
    """`"It is scheduled for May 2022"` before `May` -> `"It is scheduled for "`, cut at the sentence start."""
    window = text[max(0, start - width):start]
    return re.split(r"[.!?;\n]", window)[-1]


def _mention(m: re.Match, text: str) -> DateMention | None:
    """Turn one regex match into a DateMention, or None when it is not a real date (`March 45`)."""
    g = m.groupdict()
    day_of = lambda s: int(re.match(r"\d+", s).group())  # noqa: E731
    if g["iso"]:
        y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        if not (1 <= mo <= 12 and _day_ok(y, mo, d)):
            return None
        found = DateMention(m.start(), m.end(), m.group(), y, mo, d, "day", "absolute")
    elif g["period"]:
        y1, y2 = int(g["p1"]), int(g["p2"])
        if y2 <= y1:
            return None
        return DateMention(m.start(), m.end(), m.group(), y1, None, None, "year", "period", year_end=y2)
    elif g["mdy"] or g["dmy"]:
        mo = MONTHS[(g["m1"] or g["m2"]).lower()]
        d = day_of(g["d1"] or g["d2"])
        y = g["y1"] or g["y2"]
        y = int(y) if y else None
        if not _day_ok(y, mo, d):
            return None
        resolution = "absolute" if y else "year-from-publication"
        found = DateMention(m.start(), m.end(), m.group(), y, mo, d, "day", resolution)
    elif g["my"]:
        found = DateMention(m.start(), m.end(), m.group(), int(g["y3"]), MONTHS[g["m3"].lower()], None,
                            "month", "absolute")
    elif g["mrel"]:
        return DateMention(m.start(), m.end(), m.group(), None, MONTHS[g["m4"].lower()], None, "month",
                           "this-year", year_shift=_RELATIVE_SHIFT[g["rel4"]])
    elif g["rel"]:
        return DateMention(m.start(), m.end(), m.group(), None, None, None, "year", "this-year",
                           year_shift=_RELATIVE_SHIFT[g["rel5"]])
    else:
        y = int(g["y6"])
        resolution = "since" if g["pw"] == "since" else "absolute"
        found = DateMention(m.start(), m.end(), m.group(), y, None, None, "year", resolution)
    if _clause_before(text, m.start()).rstrip().lower().endswith("since"):
        return replace(found, resolution="since")
    if found.resolution == "absolute" and SCHEDULED.search(_clause_before(text, m.start())):
        return replace(found, resolution="scheduled")
    return found


# Every date expression holds a digit or the word "year"; text with neither is skipped at once.
MAY_HOLD_DATE = re.compile(r"\d|year")


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, unresolved: `"on Nov. 22"` -> [DateMention(month=11, day=22, ...)]."""
    if not MAY_HOLD_DATE.search(text):
        return []
    found = (_mention(m, text) for m in DATE_PATTERN.finditer(text))
    return [d for d in found if d is not None]


def resolve(mention: DateMention, published: pd.Timestamp | None = None,
            published_precision: str | None = "day") -> pd.Timestamp:
    """The first day a mention names: `"Nov. 22"` + 2021-11-25 -> 2021-11-22; `"Dec. 28"` + 2021-01-05 -> 2020-12-28."""
    year = mention.year
    if year is None:
        if published is None or pd.isna(published):
            return pd.NaT
        year = published.year + mention.year_shift
        if (mention.resolution == "year-from-publication" and published_precision in ("day", "month")
                and date(year, mention.month, mention.day) > published.date()):
            year -= 1
    if mention.day and not _day_ok(year, mention.month, mention.day):
        return pd.NaT
    return pd.Timestamp(year, mention.month or 1, mention.day or 1)


def period_end(start: pd.Timestamp, precision: str, year_end: int | None = None) -> pd.Timestamp:
    """The last day a date can mean: 2022-05-01 at `month` -> 2022-05-31; a 2020-2021 period -> 2021-12-31."""
    if pd.isna(start):
        return pd.NaT
    if year_end is not None:
        return pd.Timestamp(year_end, 12, 31)
    if precision == "year":
        return pd.Timestamp(start.year, 12, 31)
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return start


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from one date to another: 2018-12-01 -> 2020-03-20 is 15."""
    return (end.year - start.year) * 12 + end.month - start.month


def date_at_precision(date: pd.Timestamp, precision: str) -> str:
    """A date written only as precisely as it is known: (2018-12-01, "month") -> "2018-12"."""
    if pd.isna(date):
        return "undated"
    return date.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])
