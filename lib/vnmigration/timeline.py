"""The consolidated timeline: one row per happening, merged across articles by date, kind and shared names,
and the notebooks' helpers over it."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import dates as dg
from .corpus import SITE_PREFIX, outlet_label
from .event_kinds import PRECISION_RANK, STOPWORDS
from .language import all_languages, language_data, languages
from .persons import fold_diacritics
from .published import HAPPENING_NAME
from .schema import ARTICLES, EVENTS, TIMELINE, require

TIMELINE_COLUMNS = ["event_id", "date", "date_end", "precision", "kind", "status", "label", "place",
                    "participants", "article_ids", "n_sources", "n_mentions", "certainty", "clues", "evidence",
                    "languages"]

# --- consolidated timeline --------------------------------------------------------------------------

# Words every event of a kind shares; they say nothing about which happening it is.
GENERIC = frozenset("""decision conference meeting forum session working held signed approved review meetings
event events visit took effect place""".split())


def _terms(text: str) -> set[str]:
    """Salient terms of a sentence: acronyms and content words, lower-cased and folded (so a Vietnamese page's "Trịnh"
    meets the participant "Trinh"), minus generic event words."""
    words = re.findall(r"[A-Za-z][\w-]+", fold_diacritics(text))
    return {w.lower() for w in words
            if (w.lower() not in STOPWORDS and len(w) > 3 or w.isupper() and len(w) > 1)} - GENERIC


class EventKey(NamedTuple):
    """What `same_happening` reads of an event: events with equal keys behave identically."""

    status: str
    date: pd.Timestamp
    date_end: pd.Timestamp
    precision: str
    kind: str
    label: str
    participants: tuple
    evidence: str
    date_text: str = ""

    def act(self) -> str | None:
        """The act a mention tells, where one instrument has several: what a state did to an agreement's instrument,
        by the verb nearest its date ("adoption", "endorsement"), or for a law a draft submitted ("submission") or the
        law itself ("law"); None for other kinds."""
        if self.kind == "agreement":
            return act_of(self.evidence, self.date_text)
        if self.kind == "law":
            return "submission" if LAW_SUBMISSION.search(self.label) else "law"
        return None

    def terms(self) -> tuple[frozenset, frozenset, frozenset, frozenset, str | None]:
        """The salient terms of the label and participants, of the evidence, the evidence's named objects, its
        figures, and its act: what `_compare` reads of the key, computed once per key."""
        common = self.common_terms()  # a figure reads alike in every language
        return (frozenset(_terms(self.label + " " + " ".join(self.participants))) | common,
                frozenset(_terms(self.evidence)) | common,
                frozenset(named_objects(self.evidence + " " + self.label, self.participants)), figures(self.evidence),
                self.act())

    def common_terms(self) -> frozenset:
        """What a mention shares with a mention in another language, on both the label's side and the evidence's:
        its figures ("60 cán bộ xã" and "60 commune officials"), as marked terms. (Codebook participants as such terms
        were measured too: two more bilingual pairs, English dev merges 0.873 -> 0.869.)"""
        return frozenset(f"#{f}" for f in figures(self.evidence))


# Capitalised words every story of this corpus holds: they name no particular happening
# ("no" is the "No." of "Decision No. 402"); nor do the function words
COMMON_NAMES = frozenset("viet nam vietnam vietnamese government state party people no".split()) \
    | {w.lower() for w in dg.MONTH_NAMES + dg.WEEKDAY_NAMES} | STOPWORDS
NAME_TOKEN = re.compile(r"[A-Za-z0-9][\w/.-]*[\w]|[A-Z]")


# The name of a body (a ministry, a provincial department, an embassy) names who acted, not which happening: "the Ben
# Tre Department of Labour, Invalids and Social Affairs" runs many projects in one year
BODY_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,4}(?:Ministry|Department|Committee|Embassy|Consulate|Bureau|Agency"
                       r"|Directorate|Administration|Authority|Secretariat|Federation)"
                       r"(?:(?:\s+(?:of|for|on|and)\s+|,\s+|\s+)[A-Z][\w'’-]*)*")


def named_objects(text: str, participants: tuple = ()) -> set[str]:
    """The names a sentence gives its happening: capitalised words (not the first), acronyms and document numbers,
    without its participants' names (but for a participant that is itself a gathering, such as a Forum or a Review),
    the names of bodies (`BODY_NAME`), calendar words and the country's name.

    >>> sorted(named_objects("Viet Nam joined the Bali Process in 2002, with IOM.", ("IOM",)))
    ['bali', 'process']
    >>> sorted(named_objects("It signed Decision No. 402/QD-TTg in March 2020."))
    ['402/qd-ttg', 'decision']
    >>> sorted(named_objects("Since 2022, the Ben Tre Department of Labour, Invalids and Social Affairs ran it."))
    []
    >>> sorted(named_objects("Ngày hội việc làm tại tỉnh Bắc Ninh")) == sorted(named_objects("a job fair in Bac Ninh"))
    True
    """
    text = fold_diacritics(text)  # "Bắc Ninh" on a Vietnamese page is "Bac Ninh" on an English one
    taken = COMMON_NAMES.union(w.lower() for p in participants if not HAPPENING_NAME.search(p)
                               for w in NAME_TOKEN.findall(fold_diacritics(p)))
    taken |= {w.lower() for body in BODY_NAME.findall(text) for w in NAME_TOKEN.findall(body)}
    tokens = NAME_TOKEN.findall(text)
    return {t.lower() for n, t in enumerate(tokens)
            if (n and t[0].isupper() and len(t) > 1 or "/" in t and any(c.isdigit() for c in t))
            and t.lower() not in taken}


PARTY_KINDS = frozenset({"membership", "appointment"})  # happenings a body or person has once: one name is enough
# an instrument is named by its parties within a month: "MOHA and IOM signed a memorandum on 22 September" and "the
# memorandum MOHA signed with IOM in September" (the same two or more parties, no other; a year holds several)
SIGNED_BY_PARTIES = frozenset({"agreement"})


def _names_a_happening(shared: frozenset, kind: str = "") -> bool:
    """Enough shared names to say two mentions a year apart or less tell one happening: a document number, or two
    names ("Bali Process"), not one word that many stories share; one name for a joining or an appointment, which
    the body joined or the person appointed names ("became a Member State of IOM in 2009")."""
    return len(shared) >= (1 if kind in PARTY_KINDS else 2) or any("/" in t for t in shared)


# a draft law before the legislature, in every language (data/<language>/event_rules.yaml `law_submission`)
LAW_SUBMISSION = re.compile("|".join(all_languages("event_rules")["law_submission"]), re.IGNORECASE)
# the acts on an instrument, in every language: {act: pattern} (data/<language>/event_rules.yaml `agreement_acts`)
ACTS = tuple((act, re.compile(pattern, re.IGNORECASE)) for language in languages()
             for act, pattern in (language_data("event_rules", language).get("agreement_acts") or {}).items())
ACT_BEFORE, ACT_AFTER = 100, 40  # characters: how far from its date an act's verb is looked for


def act_of(evidence: str, date_text: str) -> str | None:
    """The act whose verb stands nearest before the date in the sentence, else just after it, else None:
    "adopted in Marrakech in December 2018, then endorsed in New York" -> "adoption" for "December 2018".

    >>> act_of("adopted in Marrakech in December 2018, then endorsed in New York", "December 2018")
    'adoption'
    >>> act_of("Viet Nam voted for the compact in December 2018.", "December 2018")
    'endorsement'
    """
    at = evidence.find(date_text) if date_text else -1
    if at < 0:
        return None
    before = [(m.end(), act) for act, p in ACTS for m in p.finditer(evidence, max(0, at - ACT_BEFORE), at)]
    if before:
        return max(before)[1]
    end = at + len(date_text)
    after = [(m.start(), act) for act, p in ACTS for m in p.finditer(evidence, end, end + ACT_AFTER)]
    return min(after)[1] if after else None


CLUE_DAYS = 731  # same-kind events this close in time that stay apart say why, in `clues`
CLUE_NEIGHBOURS = 8  # at most this many later same-kind events are explained per event, nearest first


def _compare(a: EventKey, b: EventKey, a_terms: tuple | None = None, b_terms: tuple | None = None) -> tuple[bool, str]:
    """`same_happening` on compact keys, with their terms when already computed."""
    if pd.isna(a.date) or pd.isna(b.date):
        return False, "undated"
    if a.date > b.date_end or b.date > a.date_end:
        return False, f"dates do not overlap ({a.date:%Y-%m-%d} {a.precision} vs {b.date:%Y-%m-%d} {b.precision})"
    if a.kind != b.kind:
        return False, f"different kinds ({a.kind} vs {b.kind})"
    a_terms, b_terms = a_terms or a.terms(), b_terms or b.terms()
    if (act := a_terms[4]) and (other := b_terms[4]) and act != other:
        return False, "a draft law submitted and a law passed or in force: two acts" if a.kind == "law" \
            else f"different acts on an instrument ({act} vs {other})"
    if "month" in (a.precision, b.precision) and "year" not in (a.precision, b.precision) \
            and (a.date.year, a.date.month) != (b.date.year, b.date.month):
        return False, f"different first months ({a.date:%Y-%m} vs {b.date:%Y-%m}): spans that overlap, not one start"
    if not (shared := _shared_terms(a_terms, b_terms)):
        return False, "no shared terms"
    named_by_parties = a.kind in PARTY_KINDS or (
        a.kind in SIGNED_BY_PARTIES and "year" not in (a.precision, b.precision)
        and set(a.participants) == set(b.participants))
    parties = set(a.participants) & set(b.participants) if named_by_parties else set()
    statistic = a.kind == "milestone" and a_terms[3] & b_terms[3]  # one figure for one period: "16 billion USD in 2023"
    if ("year" in (a.precision, b.precision) or a.precision != b.precision) and not statistic \
            and not _names_a_happening(a_terms[2] & b_terms[2] | parties, a.kind):  # a month or year holds many days
        return False, f"only the {max(a.precision, b.precision, key=PRECISION_RANK.get)} and the kind in common, " \
                      "no named object"
    if a_terms[3] and b_terms[3] and not a_terms[3] & b_terms[3]:  # the figures of each
        return False, "different figures: two statistics, not one happening"
    return True, "shared: " + ", ".join(sorted(shared)[:5])


# the words that scale a figure, in every language: {"triệu": "million", ...} (data/<language>/event_rules.yaml)
FIGURE_SCALES = {word: scale for language in languages()
                 for word, scale in (language_data("event_rules", language).get("figure_scales") or {}).items()}
FIGURE = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*(?![.,]?\d)|\d+(?:[.,]\d+)?)"
                    rf"(?:\s*({'|'.join(sorted(FIGURE_SCALES, key=len, reverse=True))}))?(?![\w/-])")


def figures(text: str) -> frozenset[str]:
    """The figures a sentence gives, not its years nor its days, read alike in every language (thousands grouped by
    a comma or a dot, a decimal comma, scale words): two statistics of one year with no figure in common tell two
    things. `"155,300 workers in 2023, 16.1 billion USD"` -> {"155300", "16.1 billion"}.

    >>> sorted(figures("Viet Nam sent 155,300 workers abroad in 2023 and received 16.1 billion USD on 5 May."))
    ['155300', '16.1 billion']
    >>> sorted(figures("Năm 2023, 155.300 lao động đi làm việc ở nước ngoài, gửi về 16,1 tỷ USD, tức 12 nghìn USD."))
    ['12000', '155300', '16.1 billion']
    """
    found = set()
    for m in FIGURE.finditer(text):
        number = m.group(1).replace(m.group(2), "") if m.group(2) else m.group(1).replace(",", ".")
        scale = FIGURE_SCALES.get(m.group(3) or "")
        if scale == "thousand":
            number, scale = f"{round(float(number) * 1000)}", None
        if scale or not (float(number) <= 31 or 1900 <= float(number) <= 2100):
            found.add(f"{number} {scale}" if scale else number)
    return frozenset(found)


def _key_of(event) -> EventKey:
    """The compact key of one events row (a Series or a dict)."""
    return EventKey(event["status"], event["date"], event["date_end"], event["precision"], event["kind"],
                event["label"], tuple(event["participants"]), event["evidence"], event.get("date_text") or "")


def keys_of(events: pd.DataFrame) -> Iterator[EventKey]:
    """The compact keys of an events table, read column by column: one `EventKey` per row, in row order."""
    columns = [map(tuple, events[f]) if f == "participants" else events[f] for f in EventKey._fields]
    return map(EventKey._make, zip(*columns, strict=True))


def same_happening(a, b) -> tuple[bool, str]:
    """Whether two events are one happening, and the clue: overlapping dates, one kind, shared terms.

    Two `decision` rows dated March 2020 whose labels and evidence share "402/QD-TTg" -> (True, "shared: ...").

    >>> import pandas as pd
    >>> a = {"status": "happened", "date": pd.Timestamp("2020-03-20"), "date_end": pd.Timestamp("2020-03-20"),
    ...      "precision": "day", "kind": "decision", "label": "Decision 402/QD-TTg", "participants": [],
    ...      "evidence": "The Prime Minister signed Decision 402/QD-TTg on March 20, 2020."}
    >>> same_happening(a, a | {"label": "the national plan of Decision 402/QD-TTg",
    ...                        "evidence": "Decision 402/QD-TTg (March 2020)"})
    (True, 'shared: qd-ttg')
    """
    return _compare(_key_of(a), _key_of(b))


class _Groups:
    """Union-find over integer ids: `union(0, 2)` -> `find(2) == 0`."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _by_date(keys: list[EventKey], field: str) -> groupby:
    """Dated key indexes sorted by (field, date), grouped by the field."""
    dated = sorted((i for i, k in enumerate(keys) if not pd.isna(k.date)),
                   key=lambda i: (getattr(keys[i], field), keys[i].date))
    return groupby(dated, key=lambda i: getattr(keys[i], field))


def _merge_candidates(keys: list[EventKey], terms: list[tuple]) -> list[tuple[int, int]]:
    """Pairs of distinct keys that could be one happening: overlapping dates, a shared term (a plan and the
    happening it became are one: "will approve it early next year" and "approved on 20 March 2020").

    A sweep over dates keeps the keys whose period is still open, indexed by their terms, so a key is
    compared only with open keys whose label meets its evidence or whose evidence meets its label.
    """
    pairs = []
    block = sorted((i for i, k in enumerate(keys) if not pd.isna(k.date)), key=lambda i: keys[i].date)
    open_ends: list[tuple[pd.Timestamp, int]] = []
    index: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})  # by label term, by evidence term
    for i in block:
        while open_ends and open_ends[0][0] < keys[i].date:
            _, j = heapq.heappop(open_ends)
            for side in (0, 1):
                for t in terms[j][side]:
                    index[side][t].discard(j)
        found: set[int] = set()
        for side in (0, 1):
            for t in terms[i][side]:
                found |= index[1 - side].get(t, set())
        pairs += [(j, i) for j in sorted(found)]
        heapq.heappush(open_ends, (keys[i].date_end, i))
        for side in (0, 1):
            for t in terms[i][side]:
                index[side].setdefault(t, set()).add(i)
    return pairs


def _clue_candidates(keys: list[EventKey]) -> list[tuple[int, int]]:
    """Pairs of distinct same-kind dated keys within CLUE_DAYS: each key with its nearest later neighbours."""
    pairs = []
    for _, block in _by_date(keys, "kind"):
        block = list(block)
        for n, i in enumerate(block):
            for j in block[n + 1:n + 1 + CLUE_NEIGHBOURS]:
                if (keys[j].date - keys[i].date).days > CLUE_DAYS:
                    break
                pairs.append((i, j))
    return pairs


class _Span(NamedTuple):
    """The dates a group of mentions allows: `allow`, what its coarse members (a month, a year) all allow; `hull` and
    `common`, the first and last of its day-precision members' days and the days they share; `cover`, whether one
    day member spans them all. Day members join when they share a day or one spans the others ("13-15 March" holds
    "on 13 March" and "on 14 March"), and all of them must lie in what the coarse members allow."""

    allow: tuple
    hull: tuple | None
    common: tuple | None
    cover: bool

    @classmethod
    def of(cls, key: EventKey) -> _Span:
        """One mention's span: a day's (or a span of days') own dates, or a coarse mention's allowance."""
        if key.precision == "day":
            return cls((pd.Timestamp.min, pd.Timestamp.max), (key.date, key.date_end), (key.date, key.date_end), True)
        return cls((key.date, key.date_end), None, None, False)

    def join(self, other: _Span) -> _Span | None:
        """The span of two groups merged, or None when no date suits them all."""
        allow = (max(self.allow[0], other.allow[0]), min(self.allow[1], other.allow[1]))
        if allow[0] > allow[1]:
            return None
        if self.hull is None or other.hull is None:
            hull, common, cover = self.hull or other.hull, self.common or other.common, self.cover or other.cover
        else:
            hull = (min(self.hull[0], other.hull[0]), max(self.hull[1], other.hull[1]))
            common = (max(self.common[0], other.common[0]), min(self.common[1], other.common[1]))
            cover = self.cover and self.hull == hull or other.cover and other.hull == hull
            if common[0] > common[1] and not cover:
                return None
        if hull is not None and not allow[0] <= hull[0] <= hull[1] <= allow[1]:
            return None
        return _Span(allow, hull, common, cover)


def _consolidate(keys: list[EventKey]) -> tuple[_Groups, dict[int, set[str]]]:
    """Merge distinct keys into happenings and collect, per key, why near same-kind keys stayed apart.

    Matching pairs merge finest first (two days before a day and a month, before a year; the coarser member decides),
    then the pair with more shared names, then the one with the finer other member, then more shared terms: a year's
    mention joins the row it shares most names with, a month's or a day's. A merge must leave the group a date every
    member allows (`_Span`): a year-precision "endorsed the GCM in 2018" joins one December day's row and never chains
    it to another day's row; and, for statistics, a figure every member that gives figures shares: a sentence with two
    statistics of a year joins the row of one of them and never chains the two.
    """
    terms = [k.terms() for k in keys]
    groups = _Groups(len(keys))
    ranked = sorted((max(PRECISION_RANK[keys[i].precision], PRECISION_RANK[keys[j].precision]),
                     -len(terms[i][2] & terms[j][2]),
                     min(PRECISION_RANK[keys[i].precision], PRECISION_RANK[keys[j].precision]),
                     -len(_shared_terms(terms[i], terms[j])), i, j)
                    for i, j in _merge_candidates(keys, terms) if _compare(keys[i], keys[j], terms[i], terms[j])[0])
    span = {i: _Span.of(k) for i, k in enumerate(keys)}  # per group: the dates its members allow
    # per group of statistics (milestones): the figures every member with figures gives
    figs = {i: t[3] if keys[i].kind == "milestone" else frozenset() for i, t in enumerate(terms)}
    for *_, i, j in ranked:
        a, b = groups.find(i), groups.find(j)
        both = span[a].join(span[b])
        common = figs[a] & figs[b] if figs[a] and figs[b] else figs[a] | figs[b]
        if a != b and both is not None and (common or not (figs[a] and figs[b])):
            groups.union(a, b)
            span[groups.find(a)], figs[groups.find(a)] = both, common
    apart: dict[int, set[str]] = {}
    for i, j in _clue_candidates(keys):
        i, j = min(i, j), max(i, j)  # in reading order, as the clue's wording follows it
        merge, clue = _compare(keys[i], keys[j], terms[i], terms[j])
        if groups.find(i) != groups.find(j):
            clue = clue if not merge else "alike, but each joined a row of another date"
            apart.setdefault(i, set()).add(f"kept apart from {keys[j].label!r}: {clue}")
            apart.setdefault(j, set()).add(f"kept apart from {keys[i].label!r}: {clue}")
    return groups, apart


def _shared_terms(a_terms: tuple, b_terms: tuple) -> frozenset:
    """The salient terms one key's label shares with the other's evidence, both ways."""
    return a_terms[0] & b_terms[1] | b_terms[0] & a_terms[1]


def build_timeline(events: pd.DataFrame, placed: Callable[[dict], str | None] | None = None) -> pd.DataFrame:
    """Merge mentions of one happening across articles: 20 March 2020 decision in 2 outlets -> 1 row, 2 sources.

    Events with equal keys (status, dates, kind, label, participants, evidence) are compared once; distinct
    keys only when their dates overlap and they share a term, so the work grows with the events, not their pairs.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> from vnmigration.events import extract_dates, extract_events
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on migrant workers opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> dates = extract_dates(sentences, articles)
    >>> events = extract_events(sentences, dates)
    >>> twice = pd.concat([events, events.assign(article_id="a2")], ignore_index=True)
    >>> build_timeline(twice)[["event_id", "date", "kind", "n_sources", "article_ids"]]
      event_id       date        kind  n_sources article_ids
    0      E01 2018-12-01    decision          2    [a1, a2]
    1      E02 2021-11-22  conference          2    [a1, a2]
    """
    require(events, EVENTS, "build_timeline")
    records = events.to_dict("records")
    key_ids: dict[EventKey, int] = {}
    member_key = np.fromiter((key_ids.setdefault(k, len(key_ids)) for k in keys_of(events)), np.int64, len(records))
    return timeline_table(list(key_ids), member_key, records, placed)


def timeline_table(keys: list[EventKey], member_key: np.ndarray, records: Iterable[dict],
                   placed: Callable[[dict], str | None] | None = None) -> pd.DataFrame:
    """The timeline of events given as compact keys: the distinct `keys` (in order of first member), each
    member's key index, and the members' records in reading order (read once, one at a time).

    >>> import numpy as np, pandas as pd
    >>> day = pd.Timestamp("2020-03-20")
    >>> key = EventKey("happened", day, day, "day", "decision", "Decision 402/QD-TTg", (), "It signed 402/QD-TTg.")
    >>> record = dict(key._asdict(), participants=[], place=None, article_id="a", sentence_no=0, certainty="stated")
    >>> timeline_table([key], np.array([0, 0]), [record, record | {"article_id": "b"}])[["event_id", "article_ids"]]
      event_id article_ids
    0      E01      [a, b]
    """
    member_group, clues = _member_groups(keys, member_key)
    rows = [_Happening() for _ in clues]
    by_hand: dict[str, int] = {}  # a hand-placed happening's row
    for group, record in zip(member_group.tolist(), records, strict=True):
        tag = placed(record) if placed is not None else None
        if tag is not None and tag not in by_hand:
            by_hand[tag] = len(rows)
            rows.append(_Happening(corrected=True))
            clues.append({f"placed by hand ({tag})"})
        rows[group if tag is None else by_hand[tag]].add(record)
    columns = TIMELINE_COLUMNS[1:] + (["reading"] if placed is not None else [])
    timeline = pd.DataFrame([row.row(why) for row, why in zip(rows, clues, strict=True) if row.n], columns=columns)
    timeline = timeline.astype({"date": "datetime64[ns]", "date_end": "datetime64[ns]"})  # dates even when empty
    timeline = timeline.sort_values(["date", "status", "kind", "label"], ignore_index=True)
    timeline.insert(0, "event_id", [f"E{i + 1:02d}" for i in range(len(timeline))])
    return timeline


class _Happening:
    """One timeline row gathered member by member in reading order: the most precise, earliest mention leads.

    >>> import pandas as pd
    >>> event = {"date": pd.Timestamp("2020-03-20"), "date_end": pd.Timestamp("2020-03-20"), "precision": "day",
    ...          "kind": "decision", "status": "happened", "label": "Decision 402", "place": "Hanoi",
    ...          "participants": ["MOLISA"], "article_id": "a", "sentence_no": 2, "certainty": "stated",
    ...          "evidence": "Decision 402 was signed."}
    >>> row = _Happening()
    >>> row.add(event)
    >>> row.add(event | {"article_id": "b", "place": None})
    >>> happening = row.row({"kept apart from 'x': no shared terms"})
    >>> happening["article_ids"], happening["kind"], happening["n_mentions"], happening["clues"]
    (['a', 'b'], 'decision', 2, "kept apart from 'x': no shared terms")
    """

    __slots__ = ("best", "rank", "places", "participants", "articles", "n", "evidence", "languages", "corrected")

    def __init__(self, corrected: bool = False):
        self.corrected = corrected  # placed by hand, or a member's reading was corrected
        self.best: dict | None = None
        self.rank: tuple = ()
        self.places: set[str] = set()
        self.participants: set[str] = set()
        self.articles: set[str] = set()
        self.n = 0
        self.evidence: dict[str, None] = {}
        self.languages: set[str] = set()

    def add(self, e: dict) -> None:
        """Fold in the next member (an events record); the first of equally ranked members leads, as `min` keeps."""
        rank = (PRECISION_RANK[e["precision"]], e["date"], e["article_id"], e["sentence_no"])
        if self.best is None or rank < self.rank:
            self.best, self.rank = e, rank
        if isinstance(e["place"], str):
            self.places.update(e["place"].split(", "))
        self.participants.update(e["participants"])
        self.articles.add(e["article_id"])
        self.n += 1
        self.evidence.setdefault(e["evidence"])
        self.languages.add(e.get("language") if isinstance(e.get("language"), str) else "en")
        self.corrected = self.corrected or e.get("reading") == "corrected"

    def row(self, clues: set[str]) -> dict:
        """The timeline row, with the clues of its members' keys."""
        best = self.best
        return {
            "date": best["date"], "date_end": best["date_end"], "precision": best["precision"],
            "kind": best["kind"], "status": best["status"],  # one kind: only mentions of one kind merge
            "label": best["label"], "place": ", ".join(sorted(self.places)) or None,
            "participants": sorted(self.participants), "article_ids": sorted(self.articles),
            "n_sources": len(self.articles), "n_mentions": self.n, "certainty": best["certainty"],
            "clues": "; ".join(sorted(clues)) or None, "evidence": " | ".join(self.evidence),
            "languages": sorted(self.languages),  # the languages its articles are written in
            "reading": "corrected" if self.corrected else "machine",  # kept where corrections apply
        }


def _member_groups(keys: list[EventKey], member_key: np.ndarray) -> tuple[np.ndarray, list[set[str]]]:
    """Which timeline row each member event joins (rows numbered in order of first member), and each row's clues.

    `member_key[m]` is member m's index into the distinct `keys`, numbered in order of first appearance.

    >>> import pandas as pd
    >>> day = pd.Timestamp("2020-03-20")
    >>> signed = EventKey("happened", day, day, "day", "decision", "Decision 402/QD-TTg", (), "It signed 402/QD-TTg.")
    >>> cited = signed._replace(evidence="Decision 402/QD-TTg applies.")
    >>> vague = signed._replace(label="a decision", evidence="A decision was signed.")
    >>> group, clues = _member_groups([signed, cited, vague], np.array([0, 1, 0, 2, 2]))
    >>> group.tolist(), [clue[16:] for clue in sorted(clues[1])]
    ([0, 0, 0, 1, 2], ["'Decision 402/QD-TTg': no shared terms", "'a decision': no shared terms"])
    """
    groups, apart = _consolidate(keys)
    root = np.array([groups.find(k) for k in range(len(keys))], np.int64)
    group_size = np.bincount(root, minlength=len(keys))
    n_members = np.bincount(member_key, minlength=len(keys))
    # Equal keys merge with each other unless the key fails against itself (undated, or no shared terms)
    # and nothing else joined it: then each member is a row of its own.
    unmerged = np.zeros(len(keys), bool)
    for k in np.flatnonzero((n_members > 1) & (group_size[root] == 1)).tolist():
        if not (same := _compare(keys[k], keys[k]))[0]:
            unmerged[k] = True
            if not pd.isna(keys[k].date):
                apart.setdefault(k, set()).add(f"kept apart from {keys[k].label!r}: {same[1]}")
    tag = root[member_key]
    lone = unmerged[member_key]
    tag[lone] = len(keys) + np.flatnonzero(lone)
    _, first, member_tag = np.unique(tag, return_index=True, return_inverse=True)
    number = np.empty(len(first), np.int64)
    number[np.argsort(first, kind="stable")] = np.arange(len(first))
    member_group = number[member_tag.ravel()]
    clues: list[set[str]] = [set() for _ in first]
    first_member = np.unique(member_key, return_index=True)[1]
    for k, why in apart.items():
        if not unmerged[k]:
            clues[member_group[first_member[k]]] |= why
    for m in np.flatnonzero(lone).tolist():
        clues[member_group[m]] |= apart.get(int(member_key[m]), set())
    return member_group, clues



def find_events(timeline: pd.DataFrame, text: str, kind: str | None = None) -> pd.DataFrame:
    """Timeline rows whose evidence mentions `text` (case-insensitive), optionally of one kind.

    >>> import pandas as pd
    >>> timeline = pd.DataFrame({"event_id": ["E01", "E02"], "kind": ["decision", "meeting"],
    ...                          "evidence": ["Decision 402/QD-TTg was signed.", "The GCM forum met."]})
    >>> find_events(timeline, "gcm")["event_id"].tolist()
    ['E02']
    >>> find_events(timeline, "gcm", kind="decision").empty
    True
    """
    require(timeline, TIMELINE, "find_events", ["evidence", "kind"])
    hit = timeline["evidence"].str.contains(text, case=False, regex=False)
    if kind is not None:
        hit &= timeline["kind"] == kind
    return timeline[hit]


def sources_by_outlet(timeline: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Event-by-outlet table: which outlet's articles report which event (1 = reported).

    >>> import pandas as pd
    >>> timeline = pd.DataFrame({"event_id": ["E01"], "label": ["GCM adopted"], "article_ids": [["a1", "a2"]]})
    >>> articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["VNA", None]})
    >>> table = sources_by_outlet(timeline, articles)
    >>> table.index.tolist(), table.columns.tolist(), table.to_numpy().tolist()
    ([('E01', 'GCM adopted')], ['VNA', 'outlet not named'], [[1, 1]])
    """
    require(timeline, TIMELINE, "sources_by_outlet", ["event_id", "label", "article_ids"])
    require(articles, ARTICLES, "sources_by_outlet", ["article_id"])
    outlet = outlet_label(articles).set_axis(articles["article_id"])
    pairs = timeline[["event_id", "label", "article_ids"]].explode("article_ids")
    site = pairs["article_ids"].str.removeprefix(SITE_PREFIX).where(pairs["article_ids"].str.startswith(SITE_PREFIX))
    pairs = pairs.assign(outlet=pairs["article_ids"].map(outlet).fillna(site))
    return pd.crosstab([pairs["event_id"], pairs["label"]], pairs["outlet"])
