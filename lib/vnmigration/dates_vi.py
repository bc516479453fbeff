"""The Vietnamese date grammar: find date expressions in Vietnamese text, as `dates.find_dates` does in English.

Numeric dates are always day first ("14/11/2024", "1-10-2023", "ngày 5-6/10/2024"). A day or month without a year
takes the page's year (`Resolution.THIS_YEAR`), unless "vừa qua" marks the latest such date before the page or
"tới" the next one after it. The words around dates (month names, weekdays, parts of the day, relative words,
plan words) are data: data/vi/calendar.yaml. Each form is a named alternative of `VI_DATE_PATTERN` with its builder
in `VI_DATE_FORMS`, tried in that order, as in `dates.DATE_FORMS`.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from .datejoin import join_stated_years
from .datelines import Dateline
from .dates import DateMention, Resolution, day_ok
from .language import language_data
from .matching import literal_alternation

_CALENDAR = language_data("calendar", "vi")  # data/vi/calendar.yaml
MONTH_WORDS = {name.lower(): number for number, names in enumerate(_CALENDAR["months"], 1) for name in names}
_MONTH_WORD = literal_alternation(MONTH_WORDS)
_CUE = "|".join(_CALENDAR["day_cues"])  # "ngày", "chiều", "hôm": a bare "14/11" is a date only after one
_SHIFT = {word: int(shift) for shift, words in _CALENDAR["year_shifts"].items() for word in words}
_YEAR_SHIFT = literal_alternation(_SHIFT)
_PAST, _AHEAD = "|".join(_CALENDAR["past_words"]), "|".join(_CALENDAR["ahead_words"])
PAST, AHEAD = re.compile(_PAST, re.IGNORECASE), re.compile(_AHEAD, re.IGNORECASE)
PLAN_CUE = re.compile(rf"\b(?:{'|'.join(_CALENDAR['plan_cues'])})\b", re.IGNORECASE)  # "sẽ", "dự kiến"
_PLAN = "|".join(_CALENDAR["plan_words"])
DOCUMENT_BEFORE = re.compile(rf"\b(?:{'|'.join(_CALENDAR['document_words'])})\s*$", re.IGNORECASE)
_Y = r"(?:19|20)\d\d"
_D, _M = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"

VI_DATE_PATTERN = re.compile(
    rf"(?P<mrange>tháng\s+(?P<mr_a>{_M})\s*[-–]\s*(?P<mr_b>{_M})\s*[/-]\s*(?P<mr_y>{_Y})(?![\d/]))"  # "tháng 7-9/2021"
    rf"|(?P<full>(?<![\d/.-])(?P<f_d>{_D})(?:\s*-\s*(?P<f_e>{_D}))?[/.-](?P<f_m>{_M})[/.-](?P<f_y>{_Y})(?![\d/]))"
    rf"|(?P<words>(?:ngày\s+)?(?P<w_d>{_D})\s+tháng\s+(?P<w_m>{_M}|{_MONTH_WORD})(?:,?\s+năm\s+(?P<w_y>{_Y}))?\b)"
    # a day and month after a cue, in brackets, or marked as past or ahead: "chiều 14/4", "từ ngày 8 đến 12/7",
    # "(18/12)", "8/3 tới"
    rf"|(?P<dm>(?:(?:{_CUE})\s+(?:ngày\s+)?|\(|(?<![\w/.-])(?={_D}/{_M}\s+(?:{_AHEAD}|{_PAST})\b))"
    rf"(?P<dm_d>{_D})(?:\s*(?:-|đến(?:\s+ngày)?)\s*(?P<dm_e>{_D}))?[/-](?P<dm_m>{_M})(?![\d/]|[/.-]\d)"
    rf"(?:\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?(?P<dm_e2>{_D})/(?P<dm_m2>{_M})(?![\d/]|[/.-]\d))?"  # "15/4 đến 15/5"
    rf"(?:\s+(?P<dm_rel>{_PAST}|{_AHEAD}))?)"
    rf"|(?P<my>tháng\s+(?P<my_m>{_M})\s*(?:[/-]|\s+năm\s+)(?P<my_y>{_Y})\b)"
    rf"|(?P<mrel>tháng\s+(?P<mrel_m>{_M}|{_MONTH_WORD})\s+năm\s+(?P<mrel_w>{_YEAR_SHIFT})\b)"
    rf"|(?P<mon>tháng\s+(?P<mon_m>{_M}|{_MONTH_WORD})\b(?!\s*[/-]\s*\d)(?:\s+(?P<mon_rel>{_PAST}|{_AHEAD}))?)"
    rf"|(?P<mnum>(?<![\w/.-])(?P<mnum_m>0[1-9]|1[0-2])/(?P<mnum_y>{_Y})(?![\w/]))"
    rf"|(?P<quarter>quý\s+(?:I{{1,3}}|IV|[1-4])\s*[/-]\s*(?P<q_y>{_Y})\b)"
    rf"|(?P<decade>những\s+năm\s+{_Y}\b)"
    rf"|(?P<span>(?:(?P<span_plan>{_PLAN})\s+)?(?:năm\s+)?(?P<p1>{_Y})\s*[-–]\s*(?P<p2>{_Y})\b)"
    rf"|(?P<ayear>(?P<ay_w>năm|từ năm|đến năm|tới năm|vào năm|trong năm|cuối năm|đầu năm|giữa năm)\s+(?P<ay>{_Y})\b"
    rf"(?P<ay_now>\s+(?:đến|tới)\s+nay)?)"
    rf"|(?P<ryear>(?:năm|tháng|tuần)\s+(?P<ry>{_YEAR_SHIFT})\b)"
    rf"|(?P<same>(?<!\w)cùng\s+ngày\b(?!\s*\d))"  # "Cùng ngày, ...": the day the text last named
    rf"|(?P<today>hôm\s+nay)|(?P<yday>(?:hôm|sáng|trưa|chiều|tối|đêm)\s+qua\b)"
    rf"|(?P<recent>(?<!\w)mới\s+đây\b)"
    rf"|(?P<bare>(?<![\w/.,-]){_Y}(?![\w/]|[.,]\d|\s\d))",
    re.IGNORECASE)


def _full(m: re.Match, g: dict) -> DateMention | None:
    """`14/11/2024`, `5-6/10/2024` -> that day (and its last day); None for `31/02/2024`."""
    y, mo, d = int(g["f_y"]), int(g["f_m"]), int(g["f_d"])
    last = int(g["f_e"]) if g["f_e"] else None
    if not day_ok(y, mo, d) or (last is not None and not (d < last and day_ok(y, mo, last))):
        return None
    return DateMention(m.start(), m.end(), m.group(), y, mo, d, "day", Resolution.ABSOLUTE, day_end=last)


def _month_of(text: str) -> int:
    """`"10"` or `"Giêng"` -> the month number: 10, 1."""
    return int(text) if text.isdigit() else MONTH_WORDS[text.lower()]


def _words(m: re.Match, g: dict) -> DateMention | None:
    """`ngày 2 tháng 10 năm 2023` -> 2023-10-02; without `năm`, the page's year."""
    y, mo, d = (int(g["w_y"]) if g["w_y"] else None), _month_of(g["w_m"]), int(g["w_d"])
    if not day_ok(y, mo, d):
        return None
    return DateMention(m.start(), m.end(), m.group(), y, mo, d, "day",
                       Resolution.ABSOLUTE if y else Resolution.THIS_YEAR)


def _relative(word: str | None) -> Resolution:
    """The resolution a day or month without a year takes: the page's year, unless "vừa qua" or "tới" says."""
    if word and PAST.fullmatch(word):
        return Resolution.YEAR_FROM_PUBLICATION
    if word and AHEAD.fullmatch(word):
        return Resolution.AHEAD_OF_PUBLICATION
    return Resolution.THIS_YEAR


def _day_month(m: re.Match, g: dict) -> DateMention | None:
    """`chiều 14/4`, `từ ngày 13-15/11`, `từ ngày 8 đến 12/7`, `từ ngày 15/4 đến 15/5`, `(30/7)`, `8/3 tới` -> that day
    (to the last) of the page's year; None for `45/13`."""
    mo, d = int(g["dm_m"]), int(g["dm_d"])
    last = int(g["dm_e"]) if g["dm_e"] else None
    if not day_ok(None, mo, d) or (last is not None and not (d < last and day_ok(None, mo, last))):
        return None
    month_end = int(g["dm_m2"]) if g["dm_e2"] else None
    if month_end is not None and month_end > mo and day_ok(None, month_end, int(g["dm_e2"])):  # "từ 15/4 đến 15/5"
        last = int(g["dm_e2"])
    else:
        month_end = None
    start = m.start("dm_d")
    return DateMention(start, m.end(), m.string[start:m.end()], None, mo, d, "day", _relative(g["dm_rel"]),
                       day_end=last, month_end=month_end)


def _bare_year(m: re.Match, g: dict) -> DateMention:
    """`2009` alone -> the year 2009."""
    return DateMention(m.start(), m.end(), m.group(), int(m.group()), None, None, "year", Resolution.ABSOLUTE)


def _a_year(m: re.Match, g: dict) -> DateMention | None:
    """`năm 2009` -> 2009; `từ năm 2020 đến nay` -> since 2020; `đến năm 2030` (a horizon) -> scheduled."""
    word = g["ay_w"].lower()
    resolution = (Resolution.SINCE if word.startswith("từ") or g["ay_now"] else
                  Resolution.SCHEDULED if word in ("đến năm", "tới năm") else Resolution.ABSOLUTE)
    return DateMention(m.start(), m.end(), m.group(), int(g["ay"]), None, None, "year", resolution)


def _span(m: re.Match, g: dict) -> DateMention | None:
    """`2020-2021` -> a period; None when it names a plan's span (`giai đoạn 2021-2025` of a programme: see
    data/vi/calendar.yaml plan_words) or the years run backwards."""
    y1, y2 = int(g["p1"]), int(g["p2"])
    if y2 <= y1 or g["span_plan"]:
        return None
    return DateMention(m.start(), m.end(), m.group(), y1, None, None, "year", Resolution.PERIOD, year_end=y2)


def _at(m: re.Match, precision: str, resolution: Resolution, **fields) -> DateMention:
    """A mention of the whole match with no date of its own: `hôm nay` -> (day, publication)."""
    return DateMention(m.start(), m.end(), m.group(), None, fields.pop("month", None), None, precision, resolution,
                       **fields)


def _shifted(m: re.Match, g: dict) -> DateMention:
    """`năm ngoái` -> the page's year - 1; `tháng trước` -> its month - 1; `tuần này` -> the page's month."""
    unit, shift = m.group().split()[0].lower(), _SHIFT[g["ry"].lower()]
    if unit == "năm":
        return _at(m, "year", Resolution.THIS_YEAR, year_shift=shift)
    return _at(m, "month", Resolution.THIS_MONTH if unit == "tháng" else Resolution.WEEK, month_shift=shift)


VI_DATE_FORMS = (
    (("mrange",), lambda m, g: None if int(g["mr_b"]) <= int(g["mr_a"]) else
     DateMention(m.start(), m.end(), m.group(), int(g["mr_y"]), int(g["mr_a"]), None, "month", Resolution.ABSOLUTE,
                 month_end=int(g["mr_b"]))),
    (("full",), _full),
    (("words",), _words),
    (("dm",), _day_month),
    (("my",), lambda m, g: DateMention(m.start(), m.end(), m.group(), int(g["my_y"]), int(g["my_m"]), None, "month",
                                       Resolution.ABSOLUTE)),
    (("mrel",), lambda m, g: _at(m, "month", Resolution.THIS_YEAR, month=_month_of(g["mrel_m"]),
                                 year_shift=_SHIFT[g["mrel_w"].lower()])),
    (("mon",), lambda m, g: _at(m, "month", _relative(g["mon_rel"]), month=_month_of(g["mon_m"]))),
    (("mnum",), lambda m, g: None if DOCUMENT_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) else
     DateMention(m.start(), m.end(), m.group(), int(g["mnum_y"]), int(g["mnum_m"]), None, "month",
                 Resolution.ABSOLUTE)),
    (("quarter",), lambda m, g: DateMention(m.start(), m.end(), m.group(), int(g["q_y"]), None, None, "year",
                                            Resolution.ABSOLUTE)),
    (("decade",), lambda m, g: None),  # "những năm 1980": a decade names no year
    (("span",), _span),
    (("ayear",), _a_year),
    (("ryear",), _shifted),
    (("today",), lambda m, g: _at(m, "day", Resolution.PUBLICATION)),
    (("same",), lambda m, g: _at(m, "day", Resolution.SAME_DAY)),
    (("yday",), lambda m, g: _at(m, "day", Resolution.YESTERDAY)),
    (("recent",), lambda m, g: _at(m, "year", Resolution.THIS_YEAR)),  # "mới đây": this year, no finer
    (("bare",), _bare_year),
)


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in Vietnamese `text`, unresolved: `"Chiều 14/11"` -> [DateMention(month=11, day=14)].

    >>> [(d.date_text, d.precision, d.resolution.value) for d in find_dates("Chiều 14/11, từ năm 2009 đến nay")]
    [('14/11', 'day', 'this-year'), ('từ năm 2009 đến nay', 'year', 'since')]
    """
    found = []
    for m in VI_DATE_PATTERN.finditer(text):
        g = m.groupdict()
        build = next(b for names, b in VI_DATE_FORMS if any(g[n] for n in names))
        mention = build(m, g)
        if mention is not None:
            found.append(mention)
    found = join_stated_years(found, text, "vi")
    return [_scheduled(d, text) if d.resolution in STATED else d for d in found]


STATED = (Resolution.ABSOLUTE, Resolution.SINCE)  # dates a plan cue before them makes scheduled


def _scheduled(mention: DateMention, text: str) -> DateMention:
    """A stated date, or the start of a span ("từ năm 2027"), in a clause that plans ("sẽ", "dự kiến") is
    scheduled: `dự kiến vào tháng 10/2025`, `dự kiến thực hiện từ năm 2027`.

    >>> [d.resolution.value for d in find_dates("luật mới, dự kiến thực hiện từ năm 2027; từ năm 2009 đến nay")]
    ['scheduled', 'since']
    """
    before = re.split(r"[.!?;\n]", text[max(0, mention.start - 80):mention.start])[-1]
    if PLAN_CUE.search(before):
        return replace(mention, resolution=Resolution.SCHEDULED)
    return mention


# A Vietnamese page's own date: a label ("Ngày đăng: 28/11/2023", "Cập nhật lần cuối: 05/03/2025", with a clock time
# before the date: "Cập nhật lúc 17:05 ngày 14/04/2023", "Cập nhật 06:30, 12/05/2025") or a place
# ("Hà Nội, ngày 2 tháng 10 năm 2023 –", "Giơ-ne-vơ, ngày 28/11/2023 -"), then the date, a clock time, and a dash
# when the story follows on the same line.
_LABEL = literal_alternation(_CALENDAR["published_labels"])
_PLACE = r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4}"
VI_DATELINE = re.compile(
    rf"^\s*(?:(?P<label>{_LABEL})\s*:?\s*(?:(?:lúc\s+)?\d{{1,2}}[:h]\d{{2}}\s*,?\s+)?|(?P<place>{_PLACE}),\s*|(?=ngày\s))"
    rf"(?:ngày\s+)?"
    rf"(?:(?P<d>{_D})[/.-](?P<m>{_M})[/.-](?P<y>{_Y})|(?P<wd>{_D})\s+tháng\s+(?P<wm>{_M}|{_MONTH_WORD}),?\s+năm\s+"
    rf"(?P<wy>{_Y}))(?:\s*[,|]?\s*\d{{1,2}}[:h]\d{{2}})?\s*(?P<dash>[–—-](?:\s+|$))?", re.IGNORECASE)


# a writer's name, a dash and the date, on a line of its own: "Hoàng Giang - 03/12/2024"
SIGNED_DATE = re.compile(r"([^\W\d_][\w'’.]*(?:\s+[^\W\d_][\w'’.]*){1,3})\s+[-–|]\s+(\d{1,2}/\d{1,2}/\d{4})")


def parse_dateline(line: str, lead: bool = False) -> Dateline | None:
    """A Vietnamese dateline, on a line of its own (after a label, a place, "Ngày", or a writer's name and a dash)
    or (with `lead`) opening the story:
    `"Hà Nội, ngày 20 tháng Giêng năm 2015"` -> 2015-01-20, day.

    >>> parse_dateline("Hà Nội, ngày 20 tháng Giêng năm 2015").date
    Timestamp('2015-01-20 00:00:00')
    >>> parse_dateline("Hà Nội, ngày 2 tháng 10 năm 2023 – Bà Amy Pope ...", lead=True).lead_end
    35
    >>> [parse_dateline(x).date.day for x in ("Cập nhật: 06:30 ngày 22/06/2025", "Ngày 24 tháng 10 năm 2025",
    ...                                       "Cập nhật lúc 17:05 ngày 14/04/2023", "Cập nhật 06:30, 12/05/2025")]
    [22, 24, 14, 12]
    >>> parse_dateline("Hoàng Giang - 03/12/2024").byline
    'Hoàng Giang'
    """
    m = VI_DATELINE.match(line)
    if m is None and not lead and (signed := SIGNED_DATE.fullmatch(line.strip())) is not None \
            and all(w[:1].isupper() for w in signed.group(1).split()) and not signed.group(1).isascii():
        # "Hoàng Giang - 03/12/2024": a Vietnamese name, written with its diacritics ("Press Release - ..." is none)
        dated = parse_dateline("ngày " + signed.group(2))
        return replace(dated, text=line.strip(), evidence=line.strip(), byline=signed.group(1)) if dated else None
    if m is None or (m.end() < len(line.rstrip()) and not (lead and m.group("dash"))):
        return None
    y, mo, d = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["wy"]), _month_of(m["wm"]), int(m["wd"]))
    if not day_ok(y, mo, d):
        return None
    text = line[:m.end()].strip(" |–—-")
    return Dateline(pd.Timestamp(y, mo, d), "day", text, text, m.end() if m.end() < len(line.rstrip()) else None)
