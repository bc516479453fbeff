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
from enum import StrEnum

import pandas as pd

from .language import language_data

_CALENDAR = language_data("calendar")  # data/en/calendar.yaml: each month and weekday, then its abbreviations
MONTHS = {name.lower(): number for number, names in enumerate(_CALENDAR["months"], 1) for name in names}
MONTH_NAMES = tuple(names[0] for names in _CALENDAR["months"])
WEEKDAY_NAMES = tuple(names[0] for names in _CALENDAR["weekdays"])
_MONTH = "(?:" + "|".join(MONTH_NAMES + tuple(a for names in _CALENDAR["months"] for a in names[1:])) + ")"
_YEAR = r"(?:18|19|20)\d{2}"
WEEKDAYS = {name.lower(): number for number, names in enumerate(_CALENDAR["weekdays"]) for name in names}
_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"  # "Friday, 18 August 2023": one date
MONTH_PATTERN, YEAR_PATTERN = _MONTH, _YEAR  # for other modules: a month name, a year 1800-2099
WEEKDAY_PATTERN, DAY_PATTERN = _WEEKDAY, _DAY  # a weekday or its abbreviation, a day of the month ("5th")
_PREPOSITIONS = (r"(?i:in|since|by|from|until|till|during|before|after|beginning in|starting in|as of|throughout"
                 r"|towards?)")
# "mid-2020", "early 2021", "the end of 2019", "the first quarter of 2022", "the first eight months of 2023", "the
# autumn of 2025": the year, at year precision
_PART_OF_YEAR = (r"(?:(?i:early|mid|late)[-\s]|(?i:the\s+)?(?i:end|beginning|start|middle|(?:first|second)\s+half"
                 r"|spring|summer|autumn|fall|winter"
                 r"|(?:first|second|third|fourth|last)\s+quarter|(?:first|last)\s+(?:\w+\s+)?months)\s+of\s+)")

_TO = r"\s*(?:-|–|to|and|&)\s*"
# observances on one day every year (data/en/calendar.yaml fixed_days): "International Migrants' Day" too
FIXED_DAYS = {re.sub(r"\W", "", name.lower()): tuple(day) for name, day in _CALENDAR.get("fixed_days", {}).items()}
_FIXED_DAY = "|".join(re.escape(name).replace("\\ ", r"\s+").replace("'", "['’]?").replace("s\\s+Day", "s['’]?\\s+Day")
                      for name in _CALENDAR.get("fixed_days", {})) or r"(?!)"
_LIST_ITEM = rf"^\s*(?:[-–•*]\s*)?(?P<y7>{_YEAR})\s*(?:[-–—:|]|\s-\s)(?=\s*\S)"  # "- 1994 - ...", "2018 | ..."
DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
  | (?P<num>(?<![\w/.-])(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<n3>{_YEAR})(?![\w/-]))
  | (?P<item>{_LIST_ITEM})
  | (?P<period>\b(?:(?P<p1>{_YEAR})\s?[-–—]\s?(?P<p2>{_YEAR})|(?i:between)\s+(?P<pb1>{_YEAR})\s+and\s+(?P<pb2>{_YEAR}))
        \b(?:\s+period\b)?)
  | (?P<mdy>\b(?:{_FULL_WEEKDAY},?\s+)?(?P<m1>{_MONTH})\.?\s+(?P<d1>{_DAY})
        (?:{_TO}(?:(?P<em1>{_MONTH})\.?\s+)?(?P<e1>{_DAY}))?\b
        (?:,?\s+(?P<y1>{_YEAR})\b|\s+(?P<r1>this|last|next)\s+year\b)?)
  | (?P<dmy>\b(?:from\s+)?(?:{_FULL_WEEKDAY},?\s+)?(?P<d2>{_DAY})(?:{_TO}(?P<e2>{_DAY}))?
        \s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?
        (?:{_TO}(?P<e2b>{_DAY})\s+(?:of\s+)?(?P<em2>{_MONTH})\b\.?)?  # "from 30 November to 12 December"
        (?:,?\s+(?P<y2>{_YEAR})\b|\s+(?P<r2>this|last|next)\s+year\b)?)
  | (?P<mrange>\b(?i:between|from)\s+(?P<m15>{_MONTH})\s+(?i:and|to|until)\s+(?P<em15>{_MONTH})\b
        (?:,?\s+(?P<y15>{_YEAR})\b|\s+(?P<r15>this|last|next)\s+year\b)?)  # "between March and June this year"
  | (?P<my>\b(?P<m3>{_MONTH})\.?,?\s+(?P<y3>{_YEAR})\b)
  | (?P<mrel>\b(?P<m4>{_MONTH})\s+(?:of\s+)?(?P<rel4>this|last|next)\s+year\b)
  | (?P<qtr>\b(?i:the)\s+(?i:first|second|third|fourth)\s+quarter\b(?!\s+of\b))  # "in the second quarter": this year
  | (?P<rel>\b(?P<rel5>(?i:this|last|next))\s+year\b|\b(?i:the\s+end\s+of\s+the\s+year)\b)
  | (?P<mth>\b(?P<rel8>(?i:this|last|next))\s+month\b|\b(?i:the\s+(?:end|beginning|start|middle)\s+of\s+the\s+month)\b)
  | (?P<yday>\b(?i:yesterday)\b)
  | (?P<tmrw>\b(?i:tomorrow)\b)
  | (?P<relmon>\b(?P<rel9>(?i:next|last))\s+(?P<m12>{_MONTH})\b(?!\.?\s*\d))
  | (?P<fixed>\b(?P<fixed_name>{_FIXED_DAY})\b(?!\s*[,(]?\s*(?:\d|{_MONTH})))  # "on International Migrants Day"
  | (?P<today>\b(?:today|this\s+morning|this\s+afternoon|tonight|(?<![A-Za-z]\s)(?:Today|This\s+morning|Tonight))\b)
  | (?P<ayear>\b(?i:a|an|the|its|their)\s+(?P<y11>{_YEAR})\s+
        (?=(?:[\w-]+\s+){{0,3}}?(?i:survey|report|study|census|assessment|review|strategy|action\s+plan|forum
        |conference|summit|law|decree|program|programme|memorandum)s?\b))  # "the 2019 ... Census", "The 2020 Law"
  | (?P<nyd>\b(?i:New\s+Year['’]s\s+Day),?\s+(?P<y13>{_YEAR})\b)
  | (?P<ordm>\b(?i:the)\s+(?P<od>\d{{1,2}})(?i:st|nd|rd|th)\s+(?i:of)\s+(?P<rel14>(?i:this|last|next))\s+(?i:month)\b)
  | (?P<ordd>\b(?i:on\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?)
        (?P<od_the>(?i:the)\s+(?P<od2>\d{{1,2}})(?i:st|nd|rd|th))\b
        (?!\s+(?:of\s+)?(?:{_MONTH}|(?i:this|last|next|century|anniversary|session|floor|round|day|time))\b))
  | (?P<mon>\b(?:(?i:in|since|by|from|until|during|early|late|mid-|before|after|as\s+of)
        |(?i:for\s+)?(?i:the\s+(?:first|second|third|fourth|last|final)\s+week\s+of))\s+(?:early\s+|late\s+|mid-)?
        (?:(?i:the\s+(?:end|beginning|start|middle)\s+of)\s+)?  # "by the end of September"
        (?P<m10>{_MONTH})\b(?!\.?\s*\d|\s+(?:of\s+)?(?:this|last|next)\s+year))
  | (?P<wday>\b(?i:on|last|this|next)\s+(?P<wd9>{_FULL_WEEKDAY})\b
        (?!,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\.?\s+\d)  # "on Friday, 18 August 2023"
         |\s+(?i:mornings|afternoons|evenings|nights)\b))  # opening hours: "on Saturday mornings"
  | (?P<wdverb>\b(?:said|agreed|announced|signed|met|told|held|opened|launched|released|began|ended|started|issued
        |approved|adopted|reported|visited|received|handed|arrived|left|returned|called|urged|pledged)\s+
        (?P<wd11>{_FULL_WEEKDAY})\b(?!,?\s+\d|,?\s+{_MONTH}))  # a wire's bare weekday: "agreed Tuesday"
  | (?P<wdposs>\b(?P<wd16>{_FULL_WEEKDAY})['’]s(?=\s))  # "Wednesday's forum", "Saturday's handover"
  | (?P<same>\b(?:(?i:on\s+)?(?i:the|that)\s+same\s+day|(?i:earlier|later)\s+(?i:that|the\s+same|in\s+the)\s+day)\b
        |\b(?P<sday>(?i:the\s+(?:previous|following|next)\s+day|a\s+day\s+(?:earlier|later)
        |the\s+day\s+(?:before|after)(?!\s+(?i:our|the|its|their|his|her|a|an|this|that)\b)))\b)
  | (?P<week>\b(?P<rel12>(?i:last|next|this))\s+week\b|\b(?i:earlier|later)\s+in\s+the\s+week\b)
  | (?P<dm>\b(?i:on|of|from|since|by)\s+(?:the\s+(?i:morning|afternoon|evening)\s+of\s+)?
        (?P<dd>\d{{1,2}})(?:\s*[-–]\s*(?P<dd2>\d{{1,2}}))?/(?P<mm>\d{{1,2}})
        (?!\d|[/.,]\d|\s*(?:%|per\s?cent)|\s+of\b))  # "On the afternoon of 20/5": day first, the year from the page
  | (?P<ago>\b(?P<n_ago>(?i:a|one|two|three|four|five|six|seven|eight|nine|ten)|\d{{1,2}})\s+years?\s+ago\b)
  | (?P<prep>\b(?:(?P<pw>{_PREPOSITIONS})\s+{_PART_OF_YEAR}?|(?i:at)\s+{_PART_OF_YEAR}|(?i:early|mid|late)[-\s])
        (?P<y6>{_YEAR})\b
        (?![-–/]\d|\s*(?:million|billion|per\b|%)|\s+[A-Z]))
    """,
    re.VERBOSE,
)
LIST_ITEM = re.compile(_LIST_ITEM)


def list_item_year(line: str) -> int | None:
    """The year a dated list item or table row opens with: `"2018 | On 10-11 December, ..."` -> 2018.

    >>> list_item_year("- 1994 - IOM opened an office"), list_item_year("In 1994 IOM opened an office")
    (1994, None)
    """
    m = LIST_ITEM.match(line)
    return int(m.group("y7")) if m else None


# Words in the same clause before a date that make it a plan rather than a happening.
SCHEDULED = re.compile(r"\b(scheduled|slated|planned|due|will|would|should|to be held|upcoming|expected|prepare for"
                       r"|preparing for|prepare to|preparing to|plans to|(?:we|they|also|still) plan to|planning to"
                       r"|aims? to|intends? to|is set to|ahead of"  # not the noun: "a national plan to implement"
                       r"|tomorrow"  # "falls tomorrow, 30 July"
                       # a gathering told in the present tense is ahead: "COP28, which runs from 30 November"
                       r"|runs|takes place|is taking place|(?:is|are) held|begins|starts|opens"
                       r"|takes effect|comes into (?:force|effect)|enters into (?:force|effect))\b",
                       re.IGNORECASE)
# what may stand before a date that opens its sentence: a list word and a preposition ("First, on 18 December, ...")
FRONT = re.compile(r"\W*(?:(?:first|second|third|fourth|fifth|finally|also|meanwhile|then|next|moreover|however)\W+)?"
                   r"(?:(?:on|in|at|from|by|during|since|until)\s+)?", re.IGNORECASE)
FUTURE_AFTER = re.compile(r"\b(?:will|would|(?:is|are) (?:due|scheduled|set) to)\b", re.IGNORECASE)
# A day named without a year up to this long after the page's date is still ahead in the page's year ("The launch
# comes on the eve of Migrants Day, 18 December" on 17 December); later, it is last year's.
# Measured on the English dev pages: 0, 14, 31, 62 and 92 days gave event dates 0.897, 0.899, 0.900, 0.902, 0.902.
AHEAD = pd.Timedelta(days=62)
_RELATIVE_SHIFT = {"this": 0, "last": -1, "next": 1}
NUMBER_WORDS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())} | {"a": 1}


class Resolution(StrEnum):
    """Where a date mention's year (or day) comes from; each value is also the `resolution` column's text."""

    ABSOLUTE = "absolute"  # the text gives it: "22 November 2021"
    SINCE = "since"  # a start that lasts: "since 1987"
    SCHEDULED = "scheduled"  # a stated date still ahead: "due in May 2022"
    PERIOD = "period"  # a span of years: "2021-2025"
    YEAR_FROM_PUBLICATION = "year-from-publication"  # the latest such day up to `AHEAD` after publication: "Nov. 22"
    AHEAD_OF_PUBLICATION = "ahead-of-publication"  # the next such day after publication: "will open on Nov. 22"
    THIS_YEAR = "this-year"  # publication year, shifted: "this year", "last March", "two years ago"
    THIS_MONTH = "this-month"  # publication month, shifted: "last month", "the 19th of last month"
    DAY_OF_MONTH = "day-of-month"  # the latest such day of a month up to publication: "on the 29th"
    WEEK = "week"  # the month of the day a week from publication: "last week"
    WEEKDAY = "weekday"  # the latest such weekday up to publication: "on Wednesday"
    WEEKDAY_AHEAD = "weekday-ahead"  # the next such weekday: "will meet on Wednesday"
    YESTERDAY = "yesterday"  # the day before publication
    SAME_DAY = "same-day"  # the day the text last named, or publication: "Earlier the same day", "Cùng ngày"
    NEAREST = "nearest"  # the occurrence of a yearly day nearest to publication: "on International Migrants Day"
    TOMORROW = "tomorrow"  # the day after publication
    PUBLICATION = "publication"  # the publication day itself: "today"


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
    resolution: Resolution
    year_end: int | None = None
    year_shift: int = 0
    day_end: int | None = None  # the last day of a range: "8-9 April" -> 9
    month_end: int | None = None  # its month, when the range crosses one: "30 November to 12 December" -> 12
    month_shift: int | None = None  # "last month" -> -1; "on Wednesday" -> the weekday, 0-6, in `weekday`
    weekday: int | None = None
    strict: bool = False  # not the publication's own weekday ("last Friday"), never ahead of it ("last July")
    day_shift: int = 0  # days from the day the text last named: "the previous day" -> -1 (`Resolution.SAME_DAY`)


def day_ok(year: int | None, month: int, day: int) -> bool:
    """`(2021, 2, 30)` -> False: the day exists in that month (any leap year when the year is unknown).

    >>> day_ok(2021, 2, 30), day_ok(None, 2, 29)
    (False, True)
    """
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _clause_before(text: str, start: int, width: int = 200) -> str:
    """`"It is scheduled for May 2022"` before `May` -> `"It is scheduled for "`, cut at the sentence start."""
    window = text[max(0, start - width):start]
    return re.split(r"[.!?;\n]|,\s+(?:which|who|where|while|but)\b", window)[-1]


def day_first_readings(first: int, second: int, year: int) -> list[tuple[int, int]]:
    """The (month, day) readings of `first/second/year`, day first as Vietnamese sites write it: 25/5 -> [(5, 25)].

    >>> day_first_readings(5, 6, 2020), day_first_readings(5, 25, 2020), day_first_readings(31, 2, 2020)
    ([(6, 5), (5, 6)], [(5, 25)], [])
    """
    readings = [(mo, d) for d, mo in ((first, second), (second, first)) if 1 <= mo <= 12 and day_ok(year, mo, d)]
    return list(dict.fromkeys(readings))


def _numeric_mention(m: re.Match, g: dict) -> DateMention | None:
    """`25/5/2020` -> 2020-05-25: day first; month first only when day first is impossible (`5/25/2020`); None
    when neither reading is a date."""
    year = int(g["n3"])
    readings = day_first_readings(int(g["n1"]), int(g["n2"]), year)
    if not readings:
        return None
    month, day = readings[0]
    return DateMention(m.start(), m.end(), m.group(), year, month, day, "day", Resolution.ABSOLUTE)


def _mention(m: re.Match, text: str) -> DateMention | None:
    """Turn one regex match into a DateMention by the form it matched (`DATE_FORMS`), or None when it is not a
    real date (`March 45`); a date a happening may carry is then read in its clause (`since`, a plan)."""
    g = m.groupdict()
    build, in_clause = next((b, c) for names, b, c in DATE_FORMS if names is None or any(g[n] for n in names))
    found = build(m, g, text)
    return _in_clause(found, m, text) if found is not None and in_clause else found


def _at(m: re.Match, precision: str, resolution: str, **fields) -> DateMention:
    """A mention of the whole match with no year, month or day of its own: "today" -> (day, publication)."""
    return DateMention(m.start(), m.end(), m.group(), None, fields.pop("month", None), None, precision, resolution,
                       **fields)


def _day_month(m: re.Match, g: dict, text: str) -> DateMention | None:
    """"20/5" (day first, no year) -> 20 May of the page's year, "9-10/4" -> 9 to 10 April; None for "45/13"."""
    day, month = int(g["dd"]), int(g["mm"])
    end = int(g["dd2"]) if g["dd2"] else None
    if not (1 <= month <= 12 and day_ok(None, month, day)) or end is not None and not (day < end and
                                                                                       day_ok(None, month, end)):
        return None
    return DateMention(m.start("dd"), m.end(), text[m.start("dd"):m.end()], None, month, day, "day",
                       Resolution.YEAR_FROM_PUBLICATION, day_end=end)


def _weekday(m: re.Match, g: dict, text: str, group: str = "wd9") -> DateMention:
    """"on Wednesday", "Wednesday's forum": the latest such day; "is due to meet on Wednesday", "next Wednesday": the
    next one; "last Wednesday": the latest before the page's own day."""
    word = m.group().split()[0].lower()
    ahead = word == "next" or SCHEDULED.search(_clause_before(text, m.start()))
    return _at(m, "day", Resolution.WEEKDAY_AHEAD if ahead else Resolution.WEEKDAY, weekday=WEEKDAYS[g[group].lower()],
               strict=word in ("next", "last"))


def _month_range(m: re.Match, g: dict, text: str) -> DateMention | None:
    """"from March to May 2024" -> March 2024 to May; None when the last month is not after the first."""
    first, last = MONTHS[g["m15"].lower()], MONTHS[g["em15"].lower()]
    if last <= first:
        return None
    relative = g["r15"]
    resolution = (Resolution.ABSOLUTE if g["y15"] else
                  Resolution.THIS_YEAR if relative else Resolution.YEAR_FROM_PUBLICATION)
    return DateMention(m.start(), m.end(), m.group(), int(g["y15"]) if g["y15"] else None, first, None, "month",
                       resolution, year_shift=_RELATIVE_SHIFT[relative.lower()] if relative else 0, month_end=last)


def _years_ago(m: re.Match, g: dict, text: str) -> DateMention:
    """"two years ago" -> the publication year minus two."""
    n = g["n_ago"].lower()
    return _at(m, "year", Resolution.THIS_YEAR, year_shift=-(int(n) if n.isdigit() else NUMBER_WORDS[n]))


def _bare_year(m: re.Match, g: dict, text: str) -> DateMention:
    """"in 2019" -> 2019; "since 2019" -> 2019, counted from then."""
    resolution = Resolution.SINCE if (g["pw"] or "").lower() == "since" else Resolution.ABSOLUTE
    return DateMention(m.start(), m.end(), m.group(), int(g["y6"]), None, None, "year", resolution)


# The date grammar's forms: the groups of DATE_PATTERN that name each, how a match becomes a DateMention, and
# whether it is a date a happening may carry, read in its clause (`_in_clause`). One form matches at a time.
DATE_FORMS = (
    (("iso",), lambda m, g, text: _iso_mention(m, g), True),
    (("period",), lambda m, g, text: None if _spans_a_plan(m, text) else _period_mention(m, g), False),
    (("mdy", "dmy"), lambda m, g, text: _day_mention(m, g), True),
    (("num",), lambda m, g, text: _numeric_mention(m, g), True),
    (("item",), lambda m, g, text: DateMention(m.start("y7"), m.end("y7"), g["y7"], int(g["y7"]), None, None, "year",
                                                Resolution.ABSOLUTE), True),
    (("today",), lambda m, g, text: _at(m, "day", Resolution.PUBLICATION), False),
    (("fixed",), lambda m, g, text: _fixed_day(m, g, text), False),
    (("yday",), lambda m, g, text: _at(m, "day", Resolution.YESTERDAY), False),
    (("tmrw",), lambda m, g, text: _at(m, "day", Resolution.TOMORROW), False),
    # "next March": the next March after publication; "last December": the latest before it
    (("relmon",), lambda m, g, text: _at(m, "month", Resolution.AHEAD_OF_PUBLICATION if g["rel9"].lower() == "next"
                                         else Resolution.YEAR_FROM_PUBLICATION, month=MONTHS[g["m12"].lower()],
                                         strict=True), False),
    (("ayear",), lambda m, g, text: DateMention(m.start("y11"), m.end("y11"), g["y11"], int(g["y11"]), None, None,
                                                "year", Resolution.ABSOLUTE), True),
    (("mon",), lambda m, g, text: _at(m, "month", Resolution.YEAR_FROM_PUBLICATION, month=MONTHS[g["m10"].lower()]),
     True),
    (("nyd",), lambda m, g, text: DateMention(m.start(), m.end(), m.group(), int(g["y13"]), 1, 1, "day",
                                              Resolution.ABSOLUTE), True),
    # "the 19th of last month", "on the 29th": a day of the page's month (or the one before or after)
    (("ordm",), lambda m, g, text: DateMention(m.start(), m.end(), m.group(), None, None, int(g["od"]), "day",
                                               Resolution.THIS_MONTH, month_shift=_RELATIVE_SHIFT[g["rel14"].lower()]),
     True),
    (("ordd",), lambda m, g, text: DateMention(m.start("od_the"), m.end(), g["od_the"], None, None, int(g["od2"]),
                                               "day", Resolution.DAY_OF_MONTH), True),
    (("mth",), lambda m, g, text: _at(m, "month", Resolution.THIS_MONTH,
                                      month_shift=_RELATIVE_SHIFT[(g["rel8"] or "this").lower()]), False),
    # "agreed Tuesday": the latest such day
    (("wdverb",), lambda m, g, text: DateMention(m.start("wd11"), m.end(), g["wd11"], None, None, None, "day",
                                                 Resolution.WEEKDAY, weekday=WEEKDAYS[g["wd11"].lower()]), False),
    (("wdposs",), lambda m, g, text: _weekday(m, g, text, "wd16"), False),
    # "the same day", "the previous day": the day the text last named, or the one before or after it
    (("same",), lambda m, g, text: _at(m, "day", Resolution.SAME_DAY, day_shift=0 if not g["sday"] else
                                       -1 if re.search(r"(?i)previous|before|earlier", g["sday"]) else 1), False),
    # "last week": the month of the day a week before (or after) publication
    (("week",), lambda m, g, text: _at(m, "month", Resolution.WEEK,
                                       month_shift=_RELATIVE_SHIFT[(g["rel12"] or "this").lower()]), False),
    (("dm",), _day_month, True),
    (("wday",), _weekday, False),
    (("mrange",), _month_range, True),
    (("my",), lambda m, g, text: DateMention(m.start(), m.end(), m.group(), int(g["y3"]), MONTHS[g["m3"].lower()],
                                             None, "month", Resolution.ABSOLUTE), True),
    (("mrel",), lambda m, g, text: _at(m, "month", Resolution.THIS_YEAR, month=MONTHS[g["m4"].lower()],
                                       year_shift=_RELATIVE_SHIFT[g["rel4"]]), False),
    (("ago",), _years_ago, False),
    (("qtr",), lambda m, g, text: _at(m, "year", Resolution.THIS_YEAR), False),
    (("rel",), lambda m, g, text: _at(m, "year", Resolution.THIS_YEAR,
                                      year_shift=_RELATIVE_SHIFT[(g["rel5"] or "this").lower()]), False),
    (None, _bare_year, True),  # what is left: a bare year
)


DATE_JUST_BEFORE = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|\d)\W{{0,3}}$")  # "18 December, "


def _fixed_day(m: re.Match, g: dict, text: str) -> DateMention | None:
    """"on International Migrants Day" -> the 18 December nearest the page's date; None right after a date of
    its own ("on 18 December, International Migrants Day", already a date). `find_dates` keeps it only in a text
    that gives no other date ("a day before International Migrants Day" dates the day before)."""
    if DATE_JUST_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None
    month, day = FIXED_DAYS[re.sub(r"\W", "", g["fixed_name"].lower())]
    return DateMention(m.start(), m.end(), m.group(), None, month, day, "day", Resolution.NEAREST)


def _iso_mention(m: re.Match, g: dict) -> DateMention | None:
    """`2021-11-22` -> that day; None for a month or day that does not exist."""
    y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    if not (1 <= mo <= 12 and day_ok(y, mo, d)):
        return None
    return DateMention(m.start(), m.end(), m.group(), y, mo, d, "day", Resolution.ABSOLUTE)


# A plan's, target's or agreement's span is part of its name, not a time anything happened: "the National Program
# ... for 2021-2025", "Work Programme 2021-2025", "a plan for the period 2025-2030", "the 2021-2030 strategy", "the goal
# is to send 500,000 workers abroad in the 2021-2025 period", "a memorandum ... for the 2025-2027 period".
_PLAN = (r"(?:(?:action|work|master|national)\s+)?(?:plan|programme|program|strategy|framework|agenda|vision|roadmap"
         r"|goal|target|objective|memorand(?:um|a)|agreement|cooperation)s?")
# no punctuation between the plan and its span, but a number's separator ("500,000") is none
PLAN_BEFORE = re.compile(rf"\b{_PLAN}\b(?:[^,.;:()]|(?<=\d)[,.](?=\d)){{0,60}}$", re.IGNORECASE)
PLAN_AFTER = re.compile(rf"\s+(?:period\s+)?{_PLAN}\b", re.IGNORECASE)


def _spans_a_plan(m: re.Match, text: str) -> bool:
    """A period that names a plan's span: `"Work Programme 2021-2025"` -> True; `"the 2020-2021 period"` -> False."""
    return bool(PLAN_BEFORE.search(text, max(0, m.start() - 80), m.start()) or PLAN_AFTER.match(text, m.end()))


def _period_mention(m: re.Match, g: dict) -> DateMention | None:
    """`2020-2021` -> a period from 2020 to 2021; None when the years run backwards."""
    y1, y2 = int(g["p1"] or g["pb1"]), int(g["p2"] or g["pb2"])
    if y2 <= y1:
        return None
    return DateMention(m.start(), m.end(), m.group(), y1, None, None, "year", Resolution.PERIOD, year_end=y2)


def _day_of(s: str) -> int:
    """`"22nd"` -> 22."""
    return int(re.match(r"\d+", s).group())


def _day_mention(m: re.Match, g: dict) -> DateMention | None:
    """`Nov. 22`, `22 November 2021`, `March 20-22 this year` -> a day (and its last day); None for `March 45`."""
    mo = MONTHS[(g["m1"] or g["m2"]).lower()]
    d = _day_of(g["d1"] or g["d2"])
    last = g["e1"] or g["e2"] or g["e2b"]
    last_month = MONTHS[(g["em1"] or g["em2"]).lower()] if g["em1"] or g["em2"] else None
    y = g["y1"] or g["y2"]
    y = int(y) if y else None
    if not day_ok(y, mo, d) or (last and not ((last_month or mo, _day_of(last)) > (mo, d)
                                              and day_ok(y, last_month or mo, _day_of(last)))):
        return None
    relative = g["r1"] or g["r2"]
    resolution = Resolution.ABSOLUTE if y else (Resolution.THIS_YEAR if relative else Resolution.YEAR_FROM_PUBLICATION)
    return DateMention(m.start(), m.end(), m.group(), y, mo, d, "day", resolution,
                       year_shift=_RELATIVE_SHIFT[relative] if relative else 0,
                       day_end=_day_of(last) if last else None, month_end=last_month)


def _in_clause(found: DateMention, m: re.Match, text: str) -> DateMention:
    """A date after `since` counts from then; one in a `scheduled for` clause, or before a `will` ("In May, a
    delegation will visit ..."), is a plan."""
    before = _clause_before(text, m.start())
    if before.rstrip().lower().endswith("since"):
        return replace(found, resolution=Resolution.SINCE)
    fronted = bool(FRONT.fullmatch(before))  # "In May, a delegation will visit"; "First, on 18 December, X will open"
    stops = r"[.!?;\n]|\b(?:said|says|told|added)\b|\band\s+(?:which|who|that)\b" + ("" if fronted else "|,")
    after = re.split(stops, text[m.end():m.end() + 80])[0]
    if found.resolution in (Resolution.ABSOLUTE, Resolution.YEAR_FROM_PUBLICATION) and (SCHEDULED.search(before)
                                                                        or FUTURE_AFTER.search(after)):
        return replace(found, resolution=Resolution.SCHEDULED if found.resolution == Resolution.ABSOLUTE
                       else Resolution.AHEAD_OF_PUBLICATION)
    return found


# Every date expression holds a digit, "year", "month", a weekday ("...day"), a month name or a time of day,
# and starts at a word boundary at most REACH characters before the first of them ("beginning in the second
# half of 2022"): find_dates tries the date grammar only at those boundaries, not at every character.
MAY_HOLD_DATE = re.compile(rf"\d|(?i:year|month|week|day\b|tomorrow|quarter|morning|afternoon|night)|{_MONTH}")
WORD_BOUNDARY = re.compile(r"\b")
REACH = 60


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, unresolved: `"on Nov. 22"` -> [DateMention(month=11, day=22, ...)].

    The same matches as `DATE_PATTERN.finditer(text)`, tried only near a possible date.

    >>> [(d.date_text, d.precision, d.resolution.value) for d in find_dates("Signed Nov. 22, due in May 2022.")]
    [('Nov. 22', 'day', 'year-from-publication'), ('May 2022', 'month', 'scheduled')]
    """
    windows: list[list[int]] = []  # [first, last] start a date may have, merged over the anchors
    for m in MAY_HOLD_DATE.finditer(text):
        if windows and m.start() - REACH <= windows[-1][1] + 1:
            windows[-1][1] = m.start()
        else:
            windows.append([max(0, m.start() - REACH), m.start()])
    found, cursor = [], 0
    for first, last in windows:
        starts = (m.start() for m in WORD_BOUNDARY.finditer(text, max(first, cursor), last + 1))
        for start in ([0] if first == 0 else []) + list(starts):
            if start >= cursor and (m := DATE_PATTERN.match(text, start)) is not None:
                found.append(_mention(m, text))
                cursor = m.end()
    found = [d for d in found if d is not None]
    if any(d.resolution is not Resolution.NEAREST for d in found):  # an observance dates only a text with no other date
        found = [d for d in found if d.resolution is not Resolution.NEAREST]
    return found


def resolve(mention: DateMention, published: pd.Timestamp | None = None,
            published_precision: str | None = "day") -> pd.Timestamp:
    """The first day a mention names: `"Nov. 22"` + 2021-11-25 -> 2021-11-22; `"Dec. 28"` + 2021-01-05 -> 2020-12-28.

    `"last month"` needs a publication month, `"on Wednesday"` and `"yesterday"` a publication day (the latest
    such weekday on or before it, or the next one in a plan); without them the date is NaT, never a guess.

    >>> import pandas as pd
    >>> resolve(find_dates("on Nov. 22")[0], pd.Timestamp("2021-11-25"), "day")
    Timestamp('2021-11-22 00:00:00')
    """
    if mention.resolution in (Resolution.PUBLICATION, Resolution.SAME_DAY):  # `events.extract_dates` dates the latter
        return pd.NaT if published is None else published + pd.Timedelta(days=mention.day_shift)
    if mention.resolution in (Resolution.THIS_MONTH, Resolution.DAY_OF_MONTH):
        return _in_month(mention, published, published_precision)
    if mention.resolution == Resolution.WEEK:  # the month holding the day a week before or after publication
        if published is None or pd.isna(published) or published_precision != "day":
            return pd.NaT
        return (published + pd.Timedelta(days=7 * mention.month_shift)).replace(day=1)
    if mention.resolution in (Resolution.WEEKDAY, Resolution.WEEKDAY_AHEAD, Resolution.YESTERDAY, Resolution.TOMORROW):
        if published is None or pd.isna(published) or published_precision != "day":
            return pd.NaT
        if mention.resolution in (Resolution.YESTERDAY, Resolution.TOMORROW):
            return published + pd.Timedelta(days=1 if mention.resolution == Resolution.TOMORROW else -1)
        days = (mention.weekday - published.weekday()) % 7 if mention.resolution == Resolution.WEEKDAY_AHEAD \
            else -((published.weekday() - mention.weekday) % 7)
        return published + pd.Timedelta(days=days or (7 if mention.resolution == Resolution.WEEKDAY_AHEAD else -7)
                                         * mention.strict)
    if mention.resolution == Resolution.NEAREST:
        return _nearest(mention, published, published_precision)
    year = mention.year
    if year is None:
        if published is None or pd.isna(published):
            return pd.NaT
        year = published.year + mention.year_shift
        if mention.resolution in (Resolution.YEAR_FROM_PUBLICATION, Resolution.AHEAD_OF_PUBLICATION) \
                and published_precision in ("day", "month"):
            when = date(year, mention.month, mention.day or 1)
            if mention.resolution == Resolution.YEAR_FROM_PUBLICATION \
                    and when > published.date() + (pd.Timedelta(0) if mention.strict else AHEAD):
                year -= 1  # a past happening: the latest such date on or before publication, or just ahead of it
            elif mention.resolution == Resolution.AHEAD_OF_PUBLICATION and when < published.replace(day=1).date():
                year += 1  # a plan: the next such date after publication
    if mention.day and not day_ok(year, mention.month, mention.day):
        return pd.NaT
    return pd.Timestamp(year, mention.month or 1, mention.day or 1)


def _in_month(mention: DateMention, published: pd.Timestamp | None, precision: str | None) -> pd.Timestamp:
    """A month of publication, shifted, or a day in it: "last month" + 2025-04-20 -> 2025-03-01; "the 19th of last
    month" -> 2025-03-19; "on the 25th" -> the latest 25th up to publication, 2025-03-25."""
    if published is None or pd.isna(published) or precision not in ("day", "month") \
            or mention.resolution == Resolution.DAY_OF_MONTH and precision != "day":
        return pd.NaT
    shift = mention.month_shift or (-1 if mention.resolution == Resolution.DAY_OF_MONTH
                                    and mention.day > published.day else 0)
    month = published.replace(day=1) + pd.DateOffset(months=shift)
    if mention.day is None:
        return month
    return month.replace(day=mention.day) if day_ok(month.year, month.month, mention.day) else pd.NaT


def _nearest(mention: DateMention, published: pd.Timestamp | None, precision: str | None) -> pd.Timestamp:
    """The yearly day (`mention.month`, `mention.day`) nearest to publication: 18 December + 2027-01-05 ->
    2026-12-18; NaT without a publication day or month."""
    if published is None or pd.isna(published) or precision not in ("day", "month"):
        return pd.NaT
    days = [pd.Timestamp(published.year + k, mention.month, mention.day) for k in (-1, 0, 1)]
    return min(days, key=lambda d: abs((d - published).days))


def period_end(start: pd.Timestamp, precision: str, year_end: int | None = None,
               day_end: int | None = None, month_end: int | None = None) -> pd.Timestamp:
    """The last day a date can mean: 2022-05-01 at `month` -> 2022-05-31; a 2020-2021 period -> 2021-12-31;
    8 April with a range to the 9th -> 9 April; 30 November with a range to 12 December -> 12 December.

    >>> import pandas as pd
    >>> period_end(pd.Timestamp("2022-05-01"), "month")
    Timestamp('2022-05-31 00:00:00')
    >>> period_end(pd.Timestamp("2020-01-01"), "year", year_end=2021)
    Timestamp('2021-12-31 00:00:00')
    """
    if pd.isna(start):
        return pd.NaT
    if year_end is not None:
        return pd.Timestamp(year_end, 12, 31)
    if day_end is not None:
        return start.replace(month=month_end or start.month, day=day_end)
    if month_end is not None:  # "between March and June": the end of June
        return start.replace(month=month_end) + pd.offsets.MonthEnd(0)
    if precision == "year":
        return pd.Timestamp(start.year, 12, 31)
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return start


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from one date to another: 2018-12-01 -> 2020-03-20 is 15.

    >>> import pandas as pd
    >>> months_between(pd.Timestamp("2018-12-01"), pd.Timestamp("2020-03-20"))
    15
    """
    return (end.year - start.year) * 12 + end.month - start.month


def date_at_precision(date: pd.Timestamp, precision: str) -> str:
    """A date written only as precisely as it is known: (2018-12-01, "month") -> "2018-12".

    >>> import pandas as pd
    >>> date_at_precision(pd.Timestamp("2018-12-01"), "month")
    '2018-12'
    >>> date_at_precision(pd.NaT, "day")
    'undated'
    """
    if pd.isna(date):
        return "undated"
    return date.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])
