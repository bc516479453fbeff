"""The cooperation timeline: date mentions, dated events, and one consolidated row per happening."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import groupby
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from . import dates as dg
from .corpus import HAPPENING_NAME, SITE_PREFIX, outlet_label
from .matching import automaton, fold_case, necessary_literals, starts
from .paths import EVENT_RULES
from .schema import ARTICLES, DATES, EVENTS, MENTIONS, SENTENCES, TIMELINE, require

DATE_COLUMNS = ["article_id", "sentence_no", "start", "end", "date_text", "date", "date_end", "precision",
                "resolution"]
EVENT_COLUMNS = ["article_id", "sentence_no", "date", "date_end", "precision", "kind", "label", "place",
                 "participants", "status", "certainty", "date_text", "evidence"]
TIMELINE_COLUMNS = ["event_id", "date", "date_end", "precision", "kind", "status", "label", "place",
                    "participants", "article_ids", "n_sources", "n_mentions", "certainty", "clues", "evidence"]
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
PLANNED = ("scheduled", "ahead-of-publication", "weekday-ahead")  # date resolutions of happenings still ahead
PLACE_NEAR = 50  # characters: a place this close to the date or its trigger is where it happened
STOPWORDS = frozenset("""a an the of on in for to and or with by at as from its their this that these those is
was were be been has have had will would it which who into over under than then""".split())


class EventRulesError(ValueError):
    """The event rules file is malformed; the message names the bad rule."""


@cache
def load_event_rules(path: str | Path | None = None) -> dict:
    """Compiled event rules: {"kinds": [(kind, re.Pattern)], "weak": rule numbers, "undated": [...], "occasion": ...}.

    >>> rules = load_event_rules()
    >>> sorted(rules)
    ['kinds', 'literals', 'needles', 'observances', 'occasion', 'tallies', 'undated', 'weak']
    >>> rules["kinds"][0][0]
    'appointment'
    """
    path = Path(path) if path is not None else EVENT_RULES
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    kinds = []
    for i, rule in enumerate(data.get("kinds", [])):
        if not isinstance(rule, dict) or not rule.get("kind") or not rule.get("patterns"):
            raise EventRulesError(f"event rule #{i + 1}: needs 'kind' and 'patterns'")
        try:
            # One pattern per kind: a leading (?i) becomes a scoped (?i:...) group inside the alternation.
            scoped = [f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})" for p in rule["patterns"]]
            kinds.append((rule["kind"], re.compile("|".join(scoped))))
        except re.error as e:
            raise EventRulesError(f"event rule {rule['kind']!r}: bad pattern: {e}") from e
    undated = [(re.compile(u["pattern"], re.IGNORECASE), u["basis"], frozenset(u["kinds"]))
               for u in data.get("undated", [])]
    occasion = re.compile(data["occasion"]) if data.get("occasion") else None
    tallies = re.compile("|".join(f"(?:{p})" for p in data.get("tallies", [])) or r"(?!)")
    observances = re.compile("|".join(f"(?:{p})" for p in data.get("observances", [])) or r"(?!)", re.IGNORECASE)
    weak = frozenset(order for order, rule in enumerate(data.get("kinds", [])) if rule.get("weak"))
    # One Aho-Corasick pass tells which rules can match a sentence: each needs one of its literals.
    needles = [necessary_literals(pattern) for _, pattern in kinds]
    literals = automaton({w for n in needles if n for w in n}) if any(needles) else None
    return {"kinds": kinds, "weak": weak, "undated": undated, "occasion": occasion, "needles": needles,
            "literals": literals, "tallies": tallies, "observances": observances}


# --- date mentions ----------------------------------------------------------------------------------

def _publications(articles: pd.DataFrame) -> dict[str, tuple]:
    """Each article's publication date and precision: {"004_...": (Timestamp("2021-11-22"), "day")}."""
    return dict(zip(articles["article_id"], zip(articles["published"], articles["published_precision"],
                                                strict=True), strict=True))


def extract_dates(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every date expression in the body, resolved: `"on Nov. 22"` in an article of 2021-11-25 -> 2021-11-22.

    In a dated list item or table row (`"2018 | On 10-11 December, ..."`) a date without a year takes the row's.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on migrant workers opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> extract_dates(sentences, articles)[["date_text", "date", "precision", "resolution"]]
           date_text       date precision             resolution
    0  December 2018 2018-12-01     month               absolute
    1        Nov. 22 2021-11-22       day  year-from-publication
    """
    require(sentences, SENTENCES, "extract_dates", ["article_id", "sentence_no", "text", "start"])
    require(articles, ARTICLES, "extract_dates", ["article_id", "published", "published_precision"])
    pub = _publications(articles)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True)) if "text" in articles else {}
    rows, row_year = [], None
    for r in sentences.itertuples():
        published, precision = pub.get(r.article_id, (pd.NaT, None))
        if _starts_line(texts.get(r.article_id), r.start):
            row_year = dg.list_item_year(r.text)
        for m in dg.find_dates(r.text):
            if row_year is not None and m.year is None and m.resolution in YEARLESS:
                m = replace(m, year=row_year, resolution="absolute")  # "2018 | On 10-11 December, ..."
            when = dg.resolve(m, published, precision)
            # "today" is the publication date, known as precisely as the publication is.
            exact = precision if m.resolution == "publication" and isinstance(precision, str) else m.precision
            rows.append((r.article_id, r.sentence_no, r.start + m.start, r.start + m.end, m.date_text, when,
                         dg.period_end(when, exact, m.year_end, m.day_end, m.month_end), exact, m.resolution))
    out = pd.DataFrame(rows, columns=DATE_COLUMNS)
    return out.astype({"date": "datetime64[ns]", "date_end": "datetime64[ns]", "sentence_no": "int64",
                       "start": "int64", "end": "int64"})


YEARLESS = ("year-from-publication", "ahead-of-publication")  # a day or month whose year the page leaves open


def _starts_line(text, start: int) -> bool:
    """Whether the sentence at `start` begins a line of its article's text (True without the text).

    >>> _starts_line("2018 | Met.\\nThey met.", 12), _starts_line("One. Two.", 5)
    (True, False)
    """
    if not isinstance(text, str):
        return True
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


# --- events -----------------------------------------------------------------------------------------

# Where one clause ends and the next begins: a semicolon, a dash between spaces, a comma before a relative
# pronoun or before "and" and a new subject ("..., and the ministry ..."; not "safe, orderly, and regular"),
# "and" before a new verb ("... in 2022 and now receives ..."), and what someone "said" ("Also attending the
# meeting, X said the hotline received 3,200 calls this year").
CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—-]\s|,\s+(?=(?:while|whereas|which|who|where|when|after|before)\b)"
    r"|,?\s(?=(?:and|but)\s+(?:then|now|also|later|has|have|had|is|are|was|were|would|will|could|should|can|may"
    r"|must|plans?|aims?|expects?|hopes?)\b)"
    r"|,\s(?=(?:and|but)\s+(?:the|a|an|its|their|his|her|this|these|those|it|they|he|she|we|I|[A-Z]\w*)\b)"
    r"|\b(?:said|says|added|noted|stressed|told\s+\w+)\s+(?:that\s+)?")


AT_GATHERING = re.compile(r"\b(?:at|during)\s+(?:a|an|the|its)\s+(?:[\w'’-]+\s+){0,3}$")
HOSTS = re.compile(r"[\w-]+\s+(?:(?:also|jointly)\s+)?(?:held|hosts?|hosted|organi[sz]ed|co-organi[sz]ed|convened|"
                   r"co-hosted|opened)\s+(?:a|an|the|its|their)\b")  # "project held a forum", at the agent's word
RELATIVE = re.compile(r"(?:which|where|when)\b")  # a clause that starts so is about the noun before its comma
RELATIVE_REACH = 60  # how far before that comma the noun's trigger may end
MODIFIED = re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,2}")  # between a year and the noun it modifies: "2022 IOM study"
JOINER = re.compile(r"\s+(?:a|an|the|its|their|his|her|this|new|first)\s+")  # "signed a memorandum": one phrase


def _phrases(text: str, rules: dict) -> list[tuple[int, int, int, str]]:
    """Trigger phrases `(start, end, rule number, kind)`.

    Of overlapping triggers the longest holds ("study tour" over "study"); adjacent ones form one phrase
    of the kind listed first: `"the Regional Review meeting"` -> review (listed before meeting).

    >>> text = "the Regional Review meeting"
    >>> [(kind, text[a:b]) for a, b, _, kind in _phrases(text, load_event_rules())]
    [('review', 'Regional Review meeting')]
    """
    present = set() if rules["literals"] is None else {w for _, w in starts(rules["literals"], fold_case(text))}
    hits = sorted((m.start(), m.end(), order, kind) for order, (kind, pattern) in enumerate(rules["kinds"])
                  if (needles := rules["needles"][order]) is None or not needles.isdisjoint(present)
                  for m in pattern.finditer(text))
    clusters: list[tuple[int, int, int, str]] = []  # overlapping hits: their span, the longest one's rule
    for start, end, order, kind in hits:
        if clusters and start < clusters[-1][1]:
            a, b, best, best_kind = clusters[-1]
            longest = max((b - a, -best, best_kind), (end - start, -order, kind))
            clusters[-1] = (a, max(b, end), -longest[1], longest[2])
        else:
            clusters.append((start, end, order, kind))
    phrases: list[tuple[int, int, int, str]] = []
    for start, end, order, kind in clusters:
        if phrases and (start <= phrases[-1][1] + 1 or JOINER.fullmatch(text, phrases[-1][1], start)):
            a, b, best, best_kind = phrases[-1]
            phrases[-1] = (a, max(b, end), *min((best, best_kind), (order, kind)))
        else:
            phrases.append((start, end, order, kind))
    return phrases


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    """The clause around text[a:b], between the nearest clause breaks: `"... 2022 and now ..."` ends at "and"."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, a)), default=0)
    after = CLAUSE_BREAK.search(text, b)
    return start, after.start() if after else len(text)


def classify(text: str, a: int, b: int, rules: dict | None = None, others: list[tuple[int, int]] = (),
             phrases: list[tuple[int, int, int, str]] | None = None) -> tuple[str | None, int | None]:
    """The kind of happening a date at text[a:b] belongs to, and where its trigger starts.

    The trigger is the nearest one before the date in its clause ("signed a decision on March 20"), else
    the nearest after it ("In March we signed ..."), not reaching past the sentence's `others` dates; a weak
    rule's trigger ("floods", "opened") only where no other rule's is. A date that is a clause of its own
    ("- 1994 - IOM opened ...") takes the next clause.

    >>> text = "the Prime Minister signed a decision on March 20, 2020"
    >>> classify(text, text.index("March"), len(text))
    ('decision', 28)
    """
    rules = rules or load_event_rules()
    phrases = _phrases(text, rules) if phrases is None else phrases  # `phrases`: _phrases(text), if known
    lo = max((y for x, y in others if y <= a), default=0)
    hi = min((x for x, y in others if x >= b), default=len(text))
    start, end = _clause(text, a, b)
    if not text[b:end].strip(" ,") and end < hi:  # the date stands alone: "- 1994 - IOM opened ..."
        end = _clause(text, end + 1, end + 1)[1]
    start, end = max(start, lo), min(end, hi)
    head = MODIFIED.match(text, b)  # "a 2022 IOM study": the date names the study
    if head and (noun := next((p for p in phrases if p[0] == head.end()), None)) is not None:
        return noun[3], noun[0]
    # The agent of a gathering is not the happening: "the project held a career forum" is a forum.
    phrases = [p for p in phrases if not (HOSTS.match(text, p[0]) and any(q[0] > p[1] for q in phrases))]
    for strong in (True, False):
        before = [p for p in phrases if start < p[1] and p[0] < a and (p[2] not in rules["weak"]) == strong]
        after = [p for p in phrases if a <= p[0] < end and (p[2] not in rules["weak"]) == strong]
        if before:
            best = max(before, key=lambda p: (p[1], -p[2]))
            if best[3] in GATHERINGS and AT_GATHERING.search(text, 0, best[0]):  # "adopted at a conference in 2018"
                best = max((p for p in before if p[3] in ADOPTIONS and p[1] <= best[0]),
                           key=lambda p: p[1], default=best)
            return best[3], best[0]
        if after:
            best = min(after, key=lambda p: (p[0], p[2]))
            return best[3], best[0]
    if RELATIVE.match(text, start):  # "the UN Climate Change Conference (COP28), which runs from 30 November"
        head = [p for p in phrases
                if start - RELATIVE_REACH <= p[1] <= start and p[0] >= lo and p[2] not in rules["weak"]]
        if head:
            best = max(head, key=lambda p: p[1])
            return best[3], best[0]
    return None, None


DATE_LEAD = re.compile(r"(?:\b(?:on|in|at|for|dated|scheduled for|beginning|starting|since|from)\s+)+$")
NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|on)\s+)?)+$")
PAREN = re.compile(r"\([^()]{0,60}\)")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span replaced by spaces, so offsets stay put."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def make_label(text: str, trigger: int, blanks: list[tuple[int, int]]) -> str:
    """A short label from the words at a trigger, dates removed: -> `"Vietnam approved the GCM"`.

    The label starts at the name that holds the trigger (`International Migration Review Forum`) and
    runs for up to nine words (finishing a name) within its clause; a short one is prefixed with the
    nearest name before it.

    >>> text = "Vietnam approved the GCM in December 2018."
    >>> make_label(text, text.index("approved"), [(text.index("December"), len(text) - 1)])
    'Vietnam approved the GCM'
    """
    spans = []
    for a, b in blanks:
        lead = DATE_LEAD.search(text[:a])
        spans.append((lead.start() if lead else a, b))
    parens = [(m.start(), m.end()) for m in PAREN.finditer(text)]
    inside = [a for a, b in parens if a < trigger < b]
    trigger = inside[0] if inside else trigger
    clean = _blank(text, spans + parens)
    name = NAME_BEFORE.search(clean[:trigger])
    # Extend back over the name that holds a capitalised or bracketed trigger ("... Review Forum (IMRF)"),
    # or over a short subject before a verb ("Pope assumed"), but not over a long list of names.
    if name and clean[trigger - 1:trigger] == " " and (
            inside or clean[trigger:trigger + 1].isupper() or len(name.group().split()) <= 3):
        trigger = name.start()
    stop = re.search(r",(?!\d{3})|;|(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)\.(?=\s+[A-Z]|\s*$)|\s{3,}and\b",
                     clean[trigger:])
    clause = clean[trigger:trigger + stop.start() if stop else len(clean)].split()
    words = clause[:9]
    while len(words) < len(clause) and words[-1][:1].isupper() and clause[len(words)][:1].isupper():
        words.append(clause[len(words)])
    if len(words) < 4:
        prefix = re.search(r"([A-Z][\w'’-]*(?:\s+(?:of|for|and|on)?\s*[A-Z][\w'’-]*)*)([^A-Z]{0,30})$",
                           clean[:trigger])
        if prefix:
            words = (prefix.group(1) + prefix.group(2)).split() + words
    while words and (words[-1].lower() in STOPWORDS or re.fullmatch(r"[\W\d]+", words[-1])):
        words.pop()
    return re.sub(r"\s+([,.])", r"\1", " ".join(words)).strip(" ,.;:")


def extract_events(sentences: pd.DataFrame, dates: pd.DataFrame, mentions: pd.DataFrame | None = None,
                   articles: pd.DataFrame | None = None, rules: dict | None = None) -> pd.DataFrame:
    """One row per dated happening: `"Vietnam approved the GCM in December 2018."` -> decision, 2018-12, month.

    A period is an event only when nothing else happened in it: `the drought of 2015-2016` is a milestone, but in
    `a conference on migration in the 2020-2021 period` the period is context. With `articles`, a sentence that reports
    a meeting or conference `today` or `recently` without a date is dated by its article's publication,
    and `certainty` says so.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on migrant workers opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> dates = extract_dates(sentences, articles)
    >>> extract_events(sentences, dates)[["date", "kind", "label"]]
            date        kind                                              label
    0 2018-12-01    decision  Viet Nam approved the GCM plan to protect victims
    1 2021-11-22  conference                    forum on migrant workers opened
    """
    require(sentences, SENTENCES, "extract_events", ["article_id", "sentence_no", "text", "start"])
    require(dates, DATES, "extract_events")
    if mentions is not None:
        require(mentions, MENTIONS, "extract_events")
    if articles is not None:
        require(articles, ARTICLES, "extract_events", ["article_id", "published", "published_precision"])
    rules = rules or load_event_rules()
    published = None if articles is None else _publications(articles)
    published_on = {} if published is None else {
        a: d for a, (d, p) in published.items() if isinstance(p, str) and p == "day"}
    by_sentence: dict[tuple, list] = {}
    for d in dates.itertuples(index=False):
        by_sentence.setdefault((d.article_id, d.sentence_no), []).append(d)
    people = _people_by_sentence(mentions)
    titles = {} if articles is None or "title" not in articles else dict(zip(articles["article_id"],
                                                                             articles["title"], strict=True))
    rows = []  # (row, whether it is a bare dated statement without a trigger)
    named: dict[str, tuple[str, str]] = {}  # the article's named happenings: "forum" -> (review, the IMRF's name)
    article = None
    for r in sentences.itertuples():
        if r.article_id != article:
            article, named = r.article_id, {}
            _remember_names(titles.get(article), named, rules)
        _remember_names(r.text, named, rules)
        key = (r.article_id, r.sentence_no)
        found = by_sentence.get(key)
        actors = people.get(key)
        if found is not None:
            rows += _dated_events(r, found, actors, published_on.get(r.article_id), rules, named)
        elif published is not None:
            rows += [(row, False) for row in _undated_event(r, actors, published.get(r.article_id), rules)]
    if articles is not None and "title" in articles:
        rows += [(row, True) for row in _occasion_events(articles, rules)]
    # A bare statement dated like a happening of its article ("Since 1994, ..." beside "- 1994 - IOM opened
    # its office") is that happening; so is a speech's occasion that its text dates ("this conference today").
    happening = {(row[0], row[2], row[4]) for row, bare in rows if not bare}
    rows = [row for row, bare in rows if not bare or (row[0], row[2], row[4]) not in happening]
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).astype(
        {"date": "datetime64[ns]", "date_end": "datetime64[ns]", "sentence_no": "int64"})


def _occasion_events(articles: pd.DataFrame, rules: dict) -> list[tuple]:
    """The occasion of a dated speech page, from its title, as sentence 0: "Remarks ... at the Workshop on X"."""
    rows = []
    if rules["occasion"] is None:
        return rows
    for a in articles.itertuples(index=False):
        title = a.title if isinstance(a.title, str) else ""
        speech = rules["occasion"].search(title)
        if not speech or pd.isna(a.published):
            continue
        kind, trigger = classify(title, speech.end(), speech.end(), rules)
        if kind is None or trigger < speech.end():
            continue
        dateline = getattr(a, "dateline", None)
        title_row = SimpleNamespace(article_id=a.article_id, sentence_no=0, text=title, start=0)
        rows.append(_event_row(title_row, a.published, dg.period_end(a.published, a.published_precision),
                               a.published_precision, kind, make_label(title, trigger, []), None, (0, len(title)),
                               "happened", "publication", dateline if isinstance(dateline, str) else ""))
    return rows


def _people_by_sentence(mentions: pd.DataFrame | None) -> dict[tuple, list[tuple]]:
    """{(article_id, sentence_no): [(actor, kind, start, end), ...]} from a mentions table (or None)."""
    people: dict[tuple, list[tuple]] = {}
    if mentions is not None:
        for key in zip(mentions["article_id"], mentions["sentence_no"], mentions["actor"], mentions["kind"],
                       mentions["start"], mentions["end"], strict=True):
            people.setdefault(key[:2], []).append(key[2:])
    return people


NAMED_HAPPENING = re.compile(r"\b(?:[A-Z][\w'’-]*\s+(?:(?:of|on|for|and|the)\s+)?){1,6}"
                             r"(Forum|Conference|Meeting|Dialogue|Summit|Review|Workshop|Session)\b")
# "the next forum", "this Conference": a bare head word that refers back to a happening named earlier
BARE_HEAD = re.compile(r"\b(?:the|this|that|its|next|last)\s+(?:(?:next|last|first|second|coming)\s+)?$",
                       re.IGNORECASE)


def _remember_names(text, named: dict[str, tuple[str, str]], rules: dict) -> None:
    """Record the kind and name of each named happening in `text`: "International Migration Review Forum" ->
    forum: (review, "International Migration Review Forum")."""
    if not isinstance(text, str):
        return
    for m in NAMED_HAPPENING.finditer(text):
        phrase = next((p for p in _phrases(m.group(), rules) if p[0] <= m.start(1) - m.start() < p[1]), None)
        if phrase is not None:
            named[m.group(1).lower()] = (phrase[3], m.group().strip())


def _referent(text: str, trigger: int, kind: str, named: dict[str, tuple[str, str]]) -> tuple[str, str | None]:
    """The kind and name of what a bare head word refers to: "the next forum" after the IMRF -> (review, its name);
    else (`kind`, None).

    >>> _referent("report at the next forum in 2026", 19, "conference", {"forum": ("review", "Review Forum")})
    ('review', 'Review Forum')
    """
    head = re.match(r"\w+", text[trigger:])
    if head is None or not BARE_HEAD.search(text[:trigger]) or head.group().lower() not in named:
        return kind, None
    return named[head.group().lower()]


def _dated_events(r, found: list, actors: list | None, published_on, rules: dict,
                  named: dict[str, tuple[str, str]] | None = None) -> list[tuple[tuple, bool]]:
    """The events rows of one sentence `r` from its dates `found`, each with whether it had no trigger.

    `published_on` is its article's day, if known; `named` its happenings named so far ("the next forum"
    after the IMRF is a review). A date without a trigger in its clause is a bare dated statement, a
    milestone ("In 2008 alone, 87,000 workers left"), except in a question.
    """
    rows = []
    local = [(int(d.start - r.start), int(d.end - r.start)) for d in found]
    phrases = _phrases(r.text, rules)  # once per sentence, for all its dates
    for d in found:
        a, b = int(d.start - r.start), int(d.end - r.start)
        kind, trigger = classify(r.text, a, b, rules, [span for span in local if span != (a, b)], phrases)
        if d.resolution == "period" and kind is not None and kind != "milestone":
            continue  # "a conference on migration in the 2020-2021 period": the period is context, not the conference's
        bare, referent = kind is None, None
        if named and not bare:
            kind, referent = _referent(r.text, trigger, kind, named)
        clause = _clause(r.text, a, b)
        if bare and d.resolution != "publication" and not r.text.rstrip().endswith("?"):
            start = clause[0]
            if FRONTED.fullmatch(r.text, start, a):  # "Since 1994, IOM has ...": label what follows the date
                start = FRONTED_TAIL.match(r.text, b).end()
            kind, trigger = ("project" if _ongoing_since(r.text, clause, a, b, d.resolution) else "milestone"), start
        if kind in TALLIED and (d.precision != "day" or d.resolution == "since") \
                and rules["tallies"].search(r.text, *clause):
            kind = "milestone"  # "Since 2018, the programme has trained 3,000 officers": a figure for a period
        if kind is None:
            continue  # "the presence of so many of you here today" is no dated happening
        certainty = "stated" if d.resolution in ("absolute", "since", "scheduled") else (
            "publication" if d.resolution == "publication" else "from-publication")
        when = published_on
        ahead = d.resolution in PLANNED or when is not None \
            and pd.notna(when) and pd.notna(d.date) and d.date > when  # dated after its article: a plan
        readings = [(kind, trigger, d.date, d.date_end, d.precision)]
        if kind in GATHERINGS and (also := _coordinated(r.text, b, phrases, rules)) is not None \
                and also[0] in OUTCOMES:
            readings.append((*also, d.date, d.date_end, d.precision))
        elif d.precision != "year" and (also := _gathering_and_outcome(
                r.text, kind, _between_dates(r.text, a, b, local), phrases, rules)) is not None:
            readings.append((*also, d.date, d.date_end, d.precision))
        if (founded := _anniversary(r.text, *clause, d.date)) is not None:
            readings.append(founded)
        if kind != "milestone" and d.precision == "day" and (day := _observance(r.text, a, b, rules)) is not None:
            readings.append(("milestone", day, d.date, d.date_end, d.precision))  # "on International Migrants Day"
        for n, (kind, trigger, date, date_end, precision) in enumerate(readings):
            near = (min(a, trigger) - PLACE_NEAR, max(b, trigger) + PLACE_NEAR)
            label = referent if referent and n == 0 else make_label(r.text, trigger, local)  # "the next forum"
            rows.append((_event_row(r, date, date_end, precision, kind, label, actors,
                                    near, "planned" if ahead and date == d.date else "happened", certainty,
                                    d.date_text), bare))
    return rows


# A programme of work that has run since a date: "Since 2018, the union and IOM have run safe migration clubs",
# "the project has been operating since May". Presence, cooperation and tallies since a date are milestones
# (event-kind decision 8): "IOM has worked in Viet Nam since 1991", "has trained 620 officials since 2019".
ONGOING = re.compile(r"\b(?:has|have|had)\s+(?:(?:also|jointly|together|since)\s+)?(?:been\s+(?:running|operating"
                     r"|implemented|piloted|in place)|run|operated|piloted|implemented)\b")
QUANTITY = re.compile(r"\d|\b(?:number|numbers|share|figure|rate|percentage|total|amount|proportion|count)\b",
                      re.IGNORECASE)


def _ongoing_since(text: str, clause: tuple[int, int], a: int, b: int, resolution: str) -> bool:
    """A `since` date whose clause tells of work going on since then, done by someone rather than counted: a project.

    >>> text = "Since 2018, the union and IOM have run safe migration clubs in 120 communes."
    >>> _ongoing_since(text, (0, len(text)), 6, 10, "since")
    True
    >>> text = "Since 2018, 2,000 workers have returned home."
    >>> _ongoing_since(text, (0, len(text)), 6, 10, "since")
    False
    """
    if resolution != "since" and not text[max(clause[0], a - 6):a].lower().endswith("since "):
        return False
    m = ONGOING.search(text, clause[0], clause[1])
    if m is None:
        return False
    subject = (text[clause[0]:a] + text[b:m.start()]) if m.start() > b else text[clause[0]:m.start()]
    return not QUANTITY.search(subject)


GATHERINGS = frozenset({"meeting", "visit", "conference", "workshop", "review"})  # where outcomes are signed
TALLIED = frozenset({"project", "workshop"})  # kinds a figure for a period overrides: a programme's, a training's
OUTCOMES = frozenset({"agreement", "decision", "project", "report"})
ADOPTIONS = frozenset({"agreement", "decision", "law"})  # what a gathering adopts: "adopted at a conference"
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


OUTCOME_ACT = re.compile(r"\b(?:signed|signing|adopted|adopt|endorsed|agreed|ratified|approved)\b")
SIGNED = frozenset({"agreement"})  # what a gathering signs, adopts or agrees on its own day
HELD_AT = frozenset({"conference"})  # a gathering an international text is adopted at: "adopted at a conference"


OBSERVANCE_NEAR = 40  # characters between a date and the observance day it is
NOT_ON_THE_DAY = re.compile(r"\b(?:before|after|ahead of|eve of|since|until|following)\b", re.IGNORECASE)


def _observance(text: str, a: int, b: int, rules: dict) -> int | None:
    """Where the observance day that the date at text[a:b] is begins: "on 18 December, International Migrants
    Day" -> at "International"; None for "a day before International Migrants Day" or none near."""
    for m in rules["observances"].finditer(text, max(0, a - OBSERVANCE_NEAR), b + OBSERVANCE_NEAR):
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
    "the workshop agreed on a set of recommendations on 20 August" -> ("agreement", "agreed")."""
    inside = [p for p in phrases if span[0] <= p[0] and p[1] <= span[1] and p[2] not in rules["weak"]]
    if kind in GATHERINGS:
        act = next((p for p in inside if p[3] in SIGNED and OUTCOME_ACT.search(text, p[0], p[1])), None)
    elif kind in SIGNED and OUTCOME_ACT.search(text, *span):
        act = next((p for p in inside if p[3] in HELD_AT), None)
    else:
        act = None
    return (act[3], act[0]) if act is not None and act[3] != kind else None


ANNIVERSARY = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(tenth|fifteenth|twentieth|twenty-fifth|thirtieth|fortieth"
                         r"|fiftieth|sixtieth|seventieth|seventy-fifth))\s+anniversary\b", re.IGNORECASE)
OF_PROJECT = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0,6}?(?:project|programme|program|campaign|partnership)s?\b",
                        re.IGNORECASE)
ORDINAL_WORDS = {"tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40,
                 "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75}


def _anniversary(text: str, start: int, end: int, date) -> tuple | None:
    """The start an anniversary dates: "marked its 20th anniversary in February 2024" -> founding, 2004; a project's
    anniversary dates the project."""
    m = ANNIVERSARY.search(text, start, end)
    if m is None or pd.isna(date):
        return None
    years = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2).lower()]
    founded = pd.Timestamp(date.year - years, 1, 1)
    # "the 20th anniversary of Australia's first counter-trafficking project": the project began then
    of = OF_PROJECT.match(text, m.end())
    return "project" if of else "founding", m.start(), founded, dg.period_end(founded, "year"), "year"


def _event_row(r, date, date_end, precision, kind, label, actors, segment, status, certainty, date_text) -> tuple:
    """Assemble one events row: places (`in Hanoi`) from `segment`, participants from the sentence."""
    participants, place = [], None
    if actors:
        participants = sorted({actor for actor, kind, _, _ in actors if kind != "place"})
        located = [actor for actor, kind, start, end in actors
                   if kind == "place" and segment[0] <= start - r.start and end - r.start <= segment[1]
                   and LOCATIVE.search(r.text[:start - r.start])]
        place = ", ".join(dict.fromkeys(located)) or None
    return (r.article_id, r.sentence_no, date, date_end, precision, kind, label, place, participants, status,
            certainty, date_text, r.text)


FRONTED = re.compile(r"[\s\"“‘']*(?:(?:on|in|at|since|from|by|during|until|before|after|as of)\s+)*", re.IGNORECASE)
FRONTED_TAIL = re.compile(r"(?:\s*\w+(?=\s*,))?[\s,;:–—-]*")  # what ends a fronted date: "In 2008 alone, "
LOCATIVE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$")


def _undated_event(r, actors, publication: tuple | None, rules: dict) -> list[tuple]:
    """An event dated by publication for `"At a recent working session ..."` or `"this conference today"`."""
    if publication is None or pd.isna(publication[0]):
        return []
    published, precision = publication
    for pattern, basis, kinds in rules["undated"]:
        m = pattern.search(r.text)
        if not m:
            continue
        kind, trigger = classify(r.text, m.start(), m.end(), rules)
        if kind not in kinds or trigger is None:
            continue
        if basis == "before-publication":  # "recent": some time up to the publication day, say so with the month
            precision = "month" if precision == "day" else precision
        date = published if precision == "day" else (
            published.replace(day=1) if precision == "month" else published.replace(month=1, day=1))
        label = make_label(r.text, trigger, [(m.start(), m.end())])
        return [_event_row(r, date, dg.period_end(date, precision), precision, kind, label, actors,
                           (0, len(r.text)), "happened", basis, m.group())]
    return []


# --- consolidated timeline --------------------------------------------------------------------------

# Words every event of a kind shares; they say nothing about which happening it is.
GENERIC = frozenset("""decision conference meeting forum session working held signed approved review meetings
event events visit took effect place""".split())


def _terms(text: str) -> set[str]:
    """Salient terms of a sentence: acronyms and content words, lower-cased, minus generic event words."""
    words = re.findall(r"[A-Za-z][\w-]+", text)
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

    def terms(self) -> tuple[frozenset, frozenset, frozenset]:
        """The salient terms of the label and participants, of the evidence, and the evidence's named objects."""
        return (frozenset(_terms(self.label + " " + " ".join(self.participants))), frozenset(_terms(self.evidence)),
                frozenset(named_objects(self.evidence + " " + self.label, self.participants)))


# Capitalised words every story of this corpus holds: they name no particular happening
# ("no" is the "No." of "Decision No. 402"); nor do the function words
COMMON_NAMES = frozenset("viet nam vietnam vietnamese government state party people no".split()) \
    | {w.lower() for w in dg.MONTH_NAMES + dg.WEEKDAY_NAMES} | STOPWORDS
NAME_TOKEN = re.compile(r"[A-Za-z0-9][\w/.-]*[\w]|[A-Z]")


def named_objects(text: str, participants: tuple = ()) -> set[str]:
    """The names a sentence gives its happening: capitalised words (not the first), acronyms and document numbers,
    without its participants' names (but for a participant that is itself a gathering, such as a Forum or a Review),
    calendar words and the country's name.

    >>> sorted(named_objects("Viet Nam joined the Bali Process in 2002, with IOM.", ("IOM",)))
    ['bali', 'process']
    >>> sorted(named_objects("It signed Decision No. 402/QD-TTg in March 2020."))
    ['402/qd-ttg', 'decision']
    """
    taken = COMMON_NAMES.union(w.lower() for p in participants if not HAPPENING_NAME.search(p)
                               for w in NAME_TOKEN.findall(p))
    tokens = NAME_TOKEN.findall(text)
    return {t.lower() for n, t in enumerate(tokens)
            if (n and t[0].isupper() and len(t) > 1 or "/" in t and any(c.isdigit() for c in t))
            and t.lower() not in taken}


PARTY_KINDS = frozenset({"membership", "appointment"})  # happenings a body or person has once: one name is enough


def _names_a_happening(shared: frozenset, kind: str = "") -> bool:
    """Enough shared names to say two mentions a year apart or less tell one happening: a document number, or two
    names ("Bali Process"), not one word that many stories share; one name for a joining or an appointment, which
    the body joined or the person appointed names ("became a Member State of IOM in 2009")."""
    return len(shared) >= (1 if kind in PARTY_KINDS else 2) or any("/" in t for t in shared)
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
    (a_label, a_evidence, a_named), (b_label, b_evidence, b_named) = a_terms or a.terms(), b_terms or b.terms()
    shared = a_label & b_evidence | b_label & a_evidence
    if not shared:
        return False, "no shared terms"
    parties = set(a.participants) & set(b.participants) if a.kind in PARTY_KINDS else set()
    if ("year" in (a.precision, b.precision) or a.precision != b.precision) \
            and not _names_a_happening(a_named & b_named | parties, a.kind):  # a month or year holds many days
        return False, f"only the {max(a.precision, b.precision, key=PRECISION_RANK.get)} and the kind in common, " \
                      "no named object"
    if (a_figures := figures(a.evidence)) and (b_figures := figures(b.evidence)) and not a_figures & b_figures:
        return False, "different figures: two statistics, not one happening"
    return True, "shared: " + ", ".join(sorted(shared)[:5])


FIGURE = re.compile(r"(?<![\w/.-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(billion|million))?(?![\w/-])")


def figures(text: str) -> frozenset[str]:
    """The figures a sentence gives, not its years nor its days: two statistics of one year with no figure in
    common tell two things. `"155,300 workers in 2023, 16.1 billion USD"` -> {"155300", "16.1 billion"}.

    >>> sorted(figures("Viet Nam sent 155,300 workers abroad in 2023 and received 16.1 billion USD on 5 May."))
    ['155300', '16.1 billion']
    """
    found = set()
    for m in FIGURE.finditer(text):
        number, scale = m.group(1).replace(",", ""), m.group(2)
        if scale or not (float(number) <= 31 or 1900 <= float(number) <= 2100):
            found.add(f"{number} {scale}" if scale else number)
    return frozenset(found)


def _key_of(event) -> EventKey:
    """The compact key of one events row (a Series or a dict)."""
    return EventKey(event["status"], event["date"], event["date_end"], event["precision"], event["kind"],
                event["label"], tuple(event["participants"]), event["evidence"])


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


def _consolidate(keys: list[EventKey]) -> tuple[_Groups, dict[int, set[str]]]:
    """Merge distinct keys into happenings and collect, per key, why near same-kind keys stayed apart.

    Matching pairs merge finest first (two days before a day and a month, before a year), the pair with more shared
    names, then more shared terms, first, and a merge must leave the group a date every member allows: a
    year-precision "endorsed the GCM in 2018" joins one December day's row and never chains it to another day's row.
    """
    terms = [k.terms() for k in keys]
    groups = _Groups(len(keys))
    ranked = sorted((max(PRECISION_RANK[keys[i].precision], PRECISION_RANK[keys[j].precision]),
                     min(PRECISION_RANK[keys[i].precision], PRECISION_RANK[keys[j].precision]),
                     -len(terms[i][2] & terms[j][2]), -len(_shared_terms(terms[i], terms[j])), i, j)
                    for i, j in _merge_candidates(keys, terms) if _compare(keys[i], keys[j], terms[i], terms[j])[0])
    span = {i: (k.date, k.date_end) for i, k in enumerate(keys)}  # per group: the dates every member allows
    for *_, i, j in ranked:
        a, b = groups.find(i), groups.find(j)
        start, end = max(span[a][0], span[b][0]), min(span[a][1], span[b][1])
        if a != b and start <= end:
            groups.union(a, b)
            span[groups.find(a)] = (start, end)
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


def build_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """Merge mentions of one happening across articles: 20 March 2020 decision in 2 outlets -> 1 row, 2 sources.

    Events with equal keys (status, dates, kind, label, participants, evidence) are compared once; distinct
    keys only when their dates overlap and they share a term, so the work grows with the events, not their pairs.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
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
    return timeline_table(list(key_ids), member_key, records)


def timeline_table(keys: list[EventKey], member_key: np.ndarray, records: Iterable[dict]) -> pd.DataFrame:
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
    for group, record in zip(member_group.tolist(), records, strict=True):
        rows[group].add(record)
    timeline = pd.DataFrame([row.row(why) for row, why in zip(rows, clues, strict=True)], columns=TIMELINE_COLUMNS[1:])
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

    __slots__ = ("best", "rank", "places", "participants", "articles", "n", "evidence")

    def __init__(self):
        self.best: dict | None = None
        self.rank: tuple = ()
        self.places: set[str] = set()
        self.participants: set[str] = set()
        self.articles: set[str] = set()
        self.n = 0
        self.evidence: dict[str, None] = {}

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


def statement_events(statements: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dates and events in the outlets' own statements, each cited by its `source_id` (`"site: IOM Viet Nam"`):
    "a presence in Viet Nam since 1987" -> a 1987 milestone, counted once for the site however many pages repeat it.

    >>> import pandas as pd
    >>> statements = pd.DataFrame({"source_id": ["site: IOM Viet Nam"],
    ...                            "statement": ["IOM has had a presence in Viet Nam since 1987."]})
    >>> dates, events = statement_events(statements)
    >>> events[["article_id", "date", "kind", "label"]]
               article_id       date       kind                               label
    0  site: IOM Viet Nam 1987-01-01  milestone  IOM has had a presence in Viet Nam
    """
    from .pipeline import run_stages  # the pipeline runs this module's stages: imported here, not at the top

    texts = statements.groupby("source_id", sort=True)["statement"].agg("\n".join)
    pages = pd.DataFrame({"article_id": texts.index, "text": texts.to_numpy(), "title": None,
                          "published": pd.Series(pd.NaT, index=range(len(texts)), dtype="datetime64[ns]"),
                          "published_precision": None})  # a site's statements carry no date of their own
    tables = run_stages(pages, until="events")
    return tables["dates"], tables["events"]


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
