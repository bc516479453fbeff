"""Dates joined by a range's or a list's word: a day or month without a year takes the year of the date after it,
in every language ("from July to September 2021", "tháng 7 và tháng 8/2021"). The words are each language's
data/<language>/calendar.yaml `date_joints`."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .dates import DateMention, Resolution
from .language import language_data

YEARLESS = (Resolution.THIS_YEAR, Resolution.YEAR_FROM_PUBLICATION)  # a day or month that takes a year from context


@cache
def joint(language: str) -> re.Pattern:
    """What may stand between two joined dates in `language`: a range word, a list word, then a unit word."""
    words = {key: "|".join(map(re.escape, sorted(items, key=len, reverse=True)))
             for key, items in language_data("calendar", language)["date_joints"].items()}
    unit = rf"(?:(?:{words['units']})\s+)?" if words.get("units") else ""
    return re.compile(rf"\s*(?:(?P<range>{words['range']})|(?:{words['list']}))\s*{unit}", re.IGNORECASE)


def join_stated_years(found: list[DateMention], text: str, language: str) -> list[DateMention]:
    """A day or month without a year takes the year of the next date when only a range's or a list's word stands
    between them, and a range becomes one mention: `từ tháng 7 đến tháng 9/2021` -> July to September 2021.

    >>> from vnmigration.dates_vi import find_dates
    >>> [(d.date_text, d.year, d.month, d.month_end) for d in find_dates("từ tháng 7 đến tháng 9/2021")]
    [('tháng 7 đến tháng 9/2021', 2021, 7, 9)]
    >>> [(d.date_text, d.year, d.month) for d in find_dates("trong tháng 7 và tháng 8/2021")]
    [('tháng 7', 2021, 7), ('tháng 8/2021', 2021, 8)]
    """
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if (a.resolution not in YEARLESS or a.year is not None or a.month is None or b.year is None
                or b.resolution is not Resolution.ABSOLUTE or b.month is None
                or (b.month, b.day or 0) <= (a.month, a.day or 0) or (a.day is None) != (b.day is None)):
            continue  # the cheap tests first: most pairs of dates in a sentence fail them, before any regex runs
        joined = joint(language).fullmatch(text, a.end, b.start)
        if joined is None:
            continue
        if joined["range"]:
            out[i:i + 2] = [replace(a, end=b.end, date_text=text[a.start:b.end], year=b.year,
                                    resolution=Resolution.ABSOLUTE, day_end=b.day if a.day else None,
                                    month_end=b.month if b.month != a.month or not a.day else None)]
        else:
            out[i] = replace(a, year=b.year, resolution=Resolution.ABSOLUTE)
    return out
