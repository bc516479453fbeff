"""Datelines: the date a page prints for itself at its head, in English ("Hanoi, March 5, 2019 –", "Posted: 3 May
2024", "By Minh Anh | June 12, 2023", "BANGKOK / HA NOI (21 October 2026) –"). The Vietnamese forms are in
`dates_vi`. Moved out of `dates` on 2026-12-06 (session 4), unchanged, when that module passed 600 lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from .dates import (
    DAY_PATTERN,
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    YEAR_PATTERN,
    day_first_readings,
    day_ok,
)

_RANGE = r"(?:\s*(?:[-–]|and|&|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"
# a clock time with an optional zone: "14:05", "2:05:00 PM", "09:12 am ICT", "14:05 (GMT+07:00)", "10:30 (PT)"
_ZONE = (r"(?:\s*[(\[]?\s*(?:GMT|UTC|ICT|PT|ET|CET|CEST|EST|EDT)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?[)\]]?"
         r"|\s+[+-]\d{4})")  # "(GMT+07:00)", "ICT", "+0700"
# after a clock time, any zone abbreviation in capitals that ends in T: "8:15 PM MYT", "09:00 JST", "10:30 AEST"
_CLOCK = (rf"\d{{1,2}}[:h]\d{{2}}(?::\d{{2}})?(?:\s*[AaPp]\.?[Mm]\.?)?"
          rf"(?:{_ZONE}|\s+(?-i:[A-Z]{{1,4}}T|WIB|WITA|WIT)\b)?")  # Indonesia's zones do not end in T
_DATELINE_DATE = rf"""
    (?:(?P<wd>{WEEKDAY_PATTERN})\.?,?\s+)?
    (?:{_CLOCK}\s*[,|–-]?\s*)?  # the time first: "Thursday, 07:05, 07/03/2024", "14:05 | 03/07/2023"
    (?:
      (?P<iso>(?P<iy>{YEAR_PATTERN})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}}))
    | (?P<num>(?P<n1>\d{{1,2}})(?P<sep>[/.-])(?P<n2>\d{{1,2}})(?P=sep)(?P<ny>{YEAR_PATTERN}))
    | (?P<mdy>(?P<m1>{MONTH_PATTERN})\.?\s+(?P<d1>{DAY_PATTERN}){_RANGE},?\s+(?P<y1>{YEAR_PATTERN}))
    | (?P<dmy>(?P<d2>{DAY_PATTERN}){_RANGE}\s+(?:of\s+)?(?P<m2>{MONTH_PATTERN})\.?,?\s+(?P<y2>{YEAR_PATTERN}))
    | (?P<mnum>(?P<mn>\d{{1,2}})/(?P<my>{YEAR_PATTERN}))
    | (?P<mony>(?P<m3>{MONTH_PATTERN})\.?,?\s+(?P<y3>{YEAR_PATTERN}))
    )"""
# a byline may come first: "By Minh Anh | June 12, 2023", "By Hoang Phong   March 6, 2025", "by Lan Anh on 4 May 2025"
_PREFIX = (r"(?P<prefix>(?:(?P<byline>(?:By|Authors?(?:\(s\))?:)\s+[A-Z][\w.'’ -]{1,40}?)"
           r"(?:\s*(?:[|–—-]|//)\s*|\s{2,}|\s+on\s+))?"
           r"(?:(?:Last\s+|(?P<original>Originally\s+|First\s+))?"
           r"(?:(?:Publish(?:ed)?|Publication|Post(?:ed)?|Release|Issue|Update|Posting)\s+date|Date\s+(?:of\s+)?"
           r"(?:publication|issue|release|posting)|Date\s+(?:published|posted|issued|modified|updated)"
           r"|Updated?|Modified|Published|Posted|Issued|Released|Date|Created|Sent)"
           rf"(?:\s+(?:on|at))?\s*:?\s*(?:{_CLOCK}\s*,?\s*(?:on\s+)?)?)?)")  # "Updated at 10:20 on 18/09/2024"
_PLACE_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Za-z][\w.'’-]*){0,3}"
_PLACE = rf"(?P<place>{_PLACE_NAME}(?:\s*/\s*{_PLACE_NAME})*)"  # "Hanoi", "BANGKOK / HA NOI"
# after the place, a comma, or the date in brackets: "Hanoi, 5 June 2012", "BANGKOK / HA NOI (21 October 2026) –"
_AFTER_PLACE = r"(?:\s*,\s*|\s*\(\s*(?=[^)]*\)))"
_TIME = (r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"  # ISO 8601: 2023-06-12T09:15:00+07:00
         rf"|\s*[,|-]?\s*(?:at\s+)?{_CLOCK}|{_ZONE})?")  # "at 4:30 pm", a zone alone: "14/11/2024 (GMT+7)"
# a site's or a series' name in capitals before the date, and its sections after it: "KYODO NEWS - Oct 8, 2024 - 18:05 |
# World, All", "POLICY BRIEF No. 03/2026 | December 2026"
_SITE = r"(?P<site>(?-i:[A-Z][A-Z0-9.&' ]{1,30}(?:No\.\s*[\d/-]+)?\s+[|–—-]\s+))"
# a reading time after the date: "21 Oct 2026 · 5 min read"
_READING = r"(?:\s*[·•|]\s*\d{1,3}\s*min(?:ute)?s?\s+read)?"
_SECTIONS = r"(?:\s*\|\s*(?-i:[A-Z])[\w&]*(?:[ ,]+(?-i:[A-Z])[\w&]*){0,4})?"
DATELINE_LINE = re.compile(
    rf"^\s*\(?{_SITE}?{_PREFIX}?(?:{_PLACE}{_AFTER_PLACE})?{_DATELINE_DATE}{_TIME}{_READING}{_SECTIONS}"
    rf"\s*\)?\s*[|–—-]?\s*$",
    re.VERBOSE | re.IGNORECASE)
DATELINE_LEAD = re.compile(rf"^\s*(?:{_PLACE}{_AFTER_PLACE})?{_DATELINE_DATE}\s*\)?\s*(?:\([A-Za-z]{{2,10}}\)\s*)?"
                           r"[–—-]+\s+(?=\S)", re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """A page's own date: `"Hanoi, March 5, 2019 –"` -> Dateline(2019-03-05, "day", ...)."""

    date: pd.Timestamp
    precision: str
    text: str
    evidence: str
    lead_end: int | None = None  # where the sentence starts after a lead dateline; None for a line of its own
    original: bool = False  # "Originally published: ...": the date of the page a repost copies
    byline: str | None = None  # a byline before the date: "By Minh Anh | October 30, 2024" -> "By Minh Anh"


def _dateline_date(m: re.Match) -> tuple[pd.Timestamp, str, str] | None:
    """The date of a dateline match, its precision and a note (day-first readings): None if impossible."""
    g = m.groupdict()
    weekday = g["wd"] or (g.get("place") if (g.get("place") or "").lower() in WEEKDAYS else None)
    if g["iso"]:
        y, mo, d, note = int(g["iy"]), int(g["im"]), int(g["id"]), ""
    elif g["num"]:
        first, second, y = int(g["n1"]), int(g["n2"]), int(g["ny"])
        readings = day_first_readings(first, second, y)
        if weekday:
            readings = [r for r in readings if date(y, r[0], r[1]).weekday() == WEEKDAYS[weekday.lower()]]
        if not readings:
            return None
        (mo, d), note = readings[0], ""
        if len(readings) > 1:
            note = " (day and month both 12 or less: read day first, as Vietnamese sites write it)"
    elif g["mdy"] or g["dmy"]:
        mo = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        d, y, note = int(re.match(r"\d+", g["d1"] or g["d2"]).group()), int(g["y1"] or g["y2"]), ""
    elif g["mnum"] and (g.get("place") or "").lower() in MONTHS:  # "Update: December, 19/2020" (a month, day/year)
        mo, d, y, note = MONTHS[g["place"].lower()], int(g["mn"]), int(g["my"]), ""
    elif g["mnum"] or g["mony"]:
        if not (g.get("prefix") or g.get("place") or g.get("site")):
            return None  # a bare "March 2024" line is a heading, not a dateline
        mo = int(g["mn"]) if g["mnum"] else MONTHS[g["m3"].lower()]
        if not 1 <= mo <= 12:
            return None
        return pd.Timestamp(int(g["my"] or g["y3"]), mo, 1), "month", ""
    else:
        return None
    if not (1 <= mo <= 12 and day_ok(y, mo, d)):
        return None
    if weekday and date(y, mo, d).weekday() != WEEKDAYS[weekday.lower()]:
        return None
    return pd.Timestamp(y, mo, d), "day", note


# a date right after a lead's dash: the line is a span ("July 1, 2025 - June 30, 2026"), not a dateline and a story
DATE_NEXT = re.compile(rf"(?:{MONTH_PATTERN}\.?\s+\d|\d{{1,2}}[/.-]\d|\d{{1,2}}\s+{MONTH_PATTERN})", re.IGNORECASE)
LABEL = re.compile(r"\s*(?:Date|Posted|Published|Updated|Released|Issued)\b", re.IGNORECASE)


def _labelled_segment(line: str) -> re.Match | None:
    """A labelled date between the pipes of a notice board's field line: "Writer X | Date 2027.01.21 | Hit 3,067"."""
    if "|" not in line:
        return None
    return next((m for segment in line.split("|") if LABEL.match(segment)
                 and (m := DATELINE_LINE.match(segment.strip())) is not None), None)


def month_first(dateline: Dateline | None, text: str) -> Dateline | None:
    """A dateline read day first because day and month were both 12 or less, read again month first when the page
    writes its numeric dates month first (one of them has a second number over 12: "06/24/2027"): "Posted on
    06/02/2027" -> 2 June 2027 on such a page.

    >>> line = parse_dateline("Posted on 06/02/2027")
    >>> month_first(line, "Date: Thursday, 06/24/2027").date.strftime("%Y-%m-%d")
    '2027-06-02'
    """
    if dateline is None or dateline.precision != "day" or "read day first" not in dateline.evidence:
        return dateline
    numeric = [(int(a), int(b)) for a, b in MONTH_FIRST.findall(text)]
    if not any(a <= 12 < b for a, b in numeric) or any(a > 12 for a, _ in numeric):
        return dateline
    when = dateline.date
    return replace(dateline, date=pd.Timestamp(when.year, when.day, when.month),
                   evidence=dateline.text + " (read month first, as the page writes its dates)")


MONTH_FIRST = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/\d{4}(?![\d/])")  # numeric dates: (first, second)


def parse_dateline(line: str, lead: bool = False) -> Dateline | None:
    """A line that is a dateline, or (with `lead`) a sentence that starts with one.

    `"Thursday, 07/11/2019 14:30"` -> 2019-11-07, day; `"Ha Noi, 11/2022"` -> 2022-11, month;
    `"HA NOI, 18 December 2020 - The UN ..."` with lead=True -> 2020-12-18, lead_end at "The".

    >>> line = parse_dateline("Hanoi, March 5, 2019")
    >>> line.date, line.precision
    (Timestamp('2019-03-05 00:00:00'), 'day')
    >>> parse_dateline("The meeting was held.") is None
    True
    """
    m = DATELINE_LINE.match(line) or _labelled_segment(line)
    if m is None and lead:
        m = DATELINE_LEAD.match(line)
        if m is None or not m.group("place") and not line[:1].isdigit() and not m.group("wd") \
                and not re.match(MONTH_PATTERN, line) or DATE_NEXT.match(line, m.end()):
            return None
    if m is None:
        return None
    found = _dateline_date(m)
    if found is None:
        return None
    when, precision, note = found
    text = line[:m.end()].strip(" |–—-") if m.re is DATELINE_LEAD else line.strip()
    return Dateline(when, precision, text, text + note, m.end() if m.re is DATELINE_LEAD else None,
                    bool(m.groupdict().get("original")), m.groupdict().get("byline"))
