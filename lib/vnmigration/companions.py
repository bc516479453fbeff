"""The happenings a date carries beside its main one (event-kind decisions 1-2, 6-7): what a gathering signed or
presented on its day, the gathering an adoption names by its city, the origin an anniversary dates, the observance
day a date falls on. `events._dated_events` asks for them after it has the date's main kind."""

from __future__ import annotations

import re

import pandas as pd

from . import dates as dg
from .event_kinds import GATHERINGS


def also_on_the_date(text: str, kind: str, d, span: tuple[int, int], clause: tuple[int, int],
                      local: list[tuple[int, int]], phrases: list[tuple], rules: dict) -> list[tuple]:
    """The other happenings a date carries beside its main one (kind, trigger, date, date_end, precision): what a
    gathering signed ("held talks and signed an MoU"), the founding an anniversary dates, the observance day."""
    a, b = span
    also = []
    if kind in GATHERINGS and (outcome := _coordinated(text, b, phrases, rules)) is not None \
            and outcome[0] in OUTCOMES:
        also.append((*outcome, d.date, d.date_end, d.precision))
    elif d.precision != "year" and (outcome := _gathering_and_outcome(
            text, kind, _between_dates(text, a, b, local), phrases, rules)) is not None:
        also.append((*outcome, d.date, d.date_end, d.precision))
    if (founded := _anniversary(text, *clause, d.date, [p for p in phrases if p[2] not in rules["weak"]])) is not None:
        also.append(founded)
    if kind != "milestone" and d.precision == "day" and (day := _observance(text, a, b, rules)) is not None:
        also.append(("milestone", day, d.date, d.date_end, d.precision))  # "on International Migrants Day"
    return also


OUTCOMES = frozenset({"agreement", "decision", "project", "report"})
AND_THEN = re.compile(r",?\s+and\s+(?:then\s+|also\s+)?")


def _coordinated(text: str, b: int, phrases: list[tuple], rules: dict) -> tuple[str, int] | None:
    """An outcome sharing a gathering's date: "held talks on October 6 and signed an MoU" -> (agreement, "signed")."""
    m = AND_THEN.match(text, b)
    if m is None:
        return None
    first = next((p for p in phrases if p[0] >= m.end()), None)
    if first is None or first[0] != m.end() or first[2] in rules["weak"]:
        return None
    return first[3], m.end()


PRESENTED = re.compile(r"\b(?:present(?:s|ed|ing)?|unveil(?:s|ed|ing)?)\b")  # a study shown at a gathering
OUTCOME_ACT = re.compile(r"\b(?:signed|signing|adopted|adopt|adoption|endorsed|endorsement|agreed|ratified|approved"
                         r"|supported)\b")
ACT_REACH = 40  # characters before an outcome's verb where "after", "before" or "since" set it at another time
SIGNED = frozenset({"agreement"})  # what a gathering signs, adopts or agrees on its own day
HELD_AT = frozenset({"conference"})  # a gathering an international text is adopted at: "adopted at a conference"


OBSERVANCE_NEAR = 40  # characters between a date and the observance day it is
NOT_ON_THE_DAY = re.compile(r"\b(?:before|after|ahead of|eve of|since|until|following)\b", re.IGNORECASE)


def _observance(text: str, a: int, b: int, rules: dict) -> int | None:
    """Where the observance day that the date at text[a:b] is begins: "on 18 December, International Migrants
    Day" -> at "International"; None for "a day before International Migrants Day" or none near."""
    # the day's name starts near the date, however long it runs: "today held a forum to mark International Migrants Day"
    for m in rules["observances"].finditer(text, max(0, a - OBSERVANCE_NEAR)):
        if m.start() > b + OBSERVANCE_NEAR:
            break
        between = text[b:m.start()] if m.start() >= b else text[m.end():a]
        if not NOT_ON_THE_DAY.search(between) and not NOT_ON_THE_DAY.search(text, max(0, m.start() - 12), m.start()):
            return m.start()
    return None


def _between_dates(text: str, a: int, b: int, dates: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of a sentence that belongs to the date at text[a:b] alone: from the end of the date before it to
    the start of the date after it. `"In 2018 X; on 19 December Y"`, the second date -> from "2018"'s end."""
    return (max((y for x, y in dates if y <= a), default=0),
            min((x for x, y in dates if x >= b), default=len(text)))


def _gathering_and_outcome(text: str, kind: str, span: tuple[int, int], phrases: list[tuple],
                           rules: dict) -> tuple[str, int] | None:
    """The other half of a gathering and what it adopted on one date, two events by the event-kind decisions 1-2:
    "adopted at an intergovernmental conference in Marrakech on 10-11 December" -> ("conference", its start);
    "the workshop agreed on a set of recommendations on 20 August" -> ("agreement", "agreed"); but "opened an
    exhibition today, a week after 164 countries adopted the compact" -> None."""
    inside = [p for p in phrases if span[0] <= p[0] and p[1] <= span[1] and p[2] not in rules["weak"]]
    presented = PRESENTED.search(text, *span)  # "presented a study at a seminar on December 3": a report there too
    if presented and (kind in GATHERINGS or kind == "report"):
        want = ("report",) if kind in GATHERINGS else GATHERINGS
        act = next((p for p in inside if p[3] in want and p[3] != kind
                    and not NOT_ON_THE_DAY.search(text, max(span[0], p[0] - ACT_REACH), p[0])), None)
        return (act[3], act[0]) if act is not None else None
    if kind in GATHERINGS:  # not an act the sentence sets at another time: "a week after 164 countries adopted"
        act = next((p for p in inside if p[3] in SIGNED and OUTCOME_ACT.search(text, p[0], p[1])
                    and not NOT_ON_THE_DAY.search(text, max(span[0], p[0] - ACT_REACH), p[0])), None)
    elif kind in SIGNED and OUTCOME_ACT.search(text, *span):
        act = next((p for p in inside if p[3] in HELD_AT), None)
        if act is None and (venue := rules["venues"].search(text, *span)) is not None:
            return "conference", venue.start()  # "adopted in Marrakech": the gathering named by its city
    else:
        act = None
    return (act[3], act[0]) if act is not None and act[3] != kind else None


ANNIVERSARY = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(tenth|fifteenth|twentieth|twenty-fifth|thirtieth|fortieth"
                         r"|fiftieth|sixtieth|seventieth|seventy-fifth))\s+anniversary\b", re.IGNORECASE)
OF_PROJECT = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0,6}?(?:project|programme|program|campaign|partnership)s?\b",
                        re.IGNORECASE)
ORDINAL_WORDS = {"tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40,
                 "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75}


def _anniversary(text: str, start: int, end: int, date, phrases: list[tuple] = ()) -> tuple | None:
    """The start an anniversary dates: "marked its 20th anniversary in February 2024" -> founding, 2004; the
    anniversary of a project, a membership, relations or a conference (the first of the sentence's trigger
    `phrases` within ORIGIN_REACH after "of") dates a happening of that kind (event-kind decision 6)."""
    m = ANNIVERSARY.search(text, start, end)
    if m is None or pd.isna(date):
        return None
    years = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2).lower()]
    founded = pd.Timestamp(date.year - years, 1, 1)
    # "the 20th anniversary of Australia's first counter-trafficking project": the project began then
    of = OF_PROJECT.match(text, m.end())
    origin = next((p[3] for p in phrases if m.end() < p[0] <= m.end() + ORIGIN_REACH and p[3] in ORIGINS), None) \
        if re.match(r"\s+of\b", text[m.end():]) else None
    kind = origin or ("project" if of else "founding")
    return kind, m.start(), founded, dg.period_end(founded, "year"), "year"


MARKS_NOW = re.compile(r"\bmarks\b")  # "this year marks the 20th anniversary": no act on the date (decision 6)


def celebrated(main: tuple, text: str, clause: tuple[int, int]) -> list[tuple]:
    """The main reading (kind, trigger, ...) of a date whose clause tells an anniversary: none when the date only marks
    it ("This year marks the 20th anniversary of ..."; its origin is read apart), a milestone, the celebration, when
    its trigger names the origin ("Last year we celebrated the 50th anniversary of diplomatic relations"); else as is.

    >>> text = "Last year we celebrated the 50th anniversary of diplomatic relations."
    >>> celebrated(("agreement", text.index("diplomatic"), None, None, "year"), text, (0, len(text)))[0][0]
    'milestone'
    """
    m = ANNIVERSARY.search(text, *clause)
    if m is None:
        return [main]
    if MARKS_NOW.search(text, clause[0], m.start()):
        return []
    return [("milestone", *main[1:])] if m.start() <= main[1] <= m.end() + ORIGIN_REACH else [main]


ORIGIN_REACH = 60  # characters after "anniversary" in which the trigger of what began then is looked for
ORIGINS = frozenset({"founding", "membership", "agreement", "project", "conference"})  # what an anniversary dates
