"""Dated events: the date mentions of every sentence, and the events they date, each with its kind."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import pandas as pd

from . import dates as dg
from .companions import also_on_the_date, celebrated
from .datejoin import join_stated_years
from .dates import Resolution
from .dates_vi import find_dates as find_dates_vi
from .event_kinds import (
    GATHERINGS,
    classify,
    clause_around,
    dates_nothing,
    load_event_rules,
    make_label,
    own_dates,
    tallied,
    trigger_phrases,
)
from .language import LANGUAGE, language_data, languages
from .matching import fold_case
from .schema import ARTICLES, DATES, MENTIONS, SENTENCES, require

DATE_COLUMNS = ["article_id", "sentence_no", "start", "end", "date_text", "date", "date_end", "precision",
                "resolution"]
EVENT_COLUMNS = ["article_id", "sentence_no", "date", "date_end", "precision", "kind", "label", "place",
                 "participants", "status", "certainty", "date_text", "evidence", "language"]
EVIDENCE = EVENT_COLUMNS.index("evidence")
# a figure a statistic gives: "12,600 workers", "16 billion USD", "up 40 percent"
STATISTIC = re.compile(r"(?<![\d/.,])\d{1,3}(?:,\d{3})+(?![\d/])|\b\d+(?:\.\d+)?\s*(?:million|billion|per ?cent\b|%)")
# date resolutions of happenings still ahead
PLANNED = (Resolution.SCHEDULED, Resolution.AHEAD_OF_PUBLICATION, Resolution.WEEKDAY_AHEAD, Resolution.TOMORROW)
PLACE_NEAR = 50  # characters: a place this close to the date or its trigger is where it happened



# --- date mentions ----------------------------------------------------------------------------------

def _publications(articles: pd.DataFrame) -> dict[str, tuple]:
    """Each article's publication date and precision: {"004_...": (Timestamp("2021-11-22"), "day")}."""
    return dict(zip(articles["article_id"], zip(articles["published"], articles["published_precision"],
                                                strict=True), strict=True))


def find_dates_en(text: str) -> list[dg.DateMention]:
    """`dates.find_dates`, with a day or month's year taken from the next date of a list: "in July and August 2021"
    -> July 2021 and August 2021 (`datejoin`, as the Vietnamese grammar does)."""
    return join_stated_years(dg.find_dates(text), text, "en")


DATE_GRAMMARS = {"en": find_dates_en, "vi": find_dates_vi}  # each language's date grammar


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
    rows, row_year, last_day = [], None, {}
    for r in sentences.itertuples():
        published, precision = pub.get(r.article_id, (pd.NaT, None))
        if _starts_line(texts.get(r.article_id), r.start):
            row_year = dg.list_item_year(r.text)
        for m in DATE_GRAMMARS[getattr(r, "language", LANGUAGE)](r.text):
            if row_year is not None and m.year is None and m.resolution in YEARLESS:
                m = replace(m, year=row_year, resolution=Resolution.ABSOLUTE)  # "2018 | On 10-11 December, ..."
            when, exact = _resolved(m, published, precision, last_day.get(r.article_id))
            if exact == "day" and pd.notna(when) and not when > published:  # a plan is not what "the same day" means
                last_day[r.article_id] = _last_days(last_day.get(r.article_id), when, published)
            rows.append((r.article_id, r.sentence_no, r.start + m.start, r.start + m.end, m.date_text, when,
                         dg.period_end(when, exact, m.year_end, m.day_end, m.month_end), exact, m.resolution.value))
    out = pd.DataFrame(rows, columns=DATE_COLUMNS)
    return out.astype({"date": "datetime64[ns]", "date_end": "datetime64[ns]", "sentence_no": "int64",
                       "start": "int64", "end": "int64"})


def _resolved(m, published, precision, last_days) -> tuple[pd.Timestamp, str]:
    """A date mention's first day and precision: "the previous day" after 17 May -> (16 May, day); "today" is the
    publication date, known as precisely as the publication is."""
    if m.resolution == Resolution.SAME_DAY and last_days is not None:  # "Earlier the same day": the story's day
        return (last_days[0] if pd.notna(last_days[0]) else last_days[1]) + pd.Timedelta(days=m.day_shift), "day"
    when = dg.resolve(m, published, precision)
    return when, precision if m.resolution in ON_PUBLICATION and isinstance(precision, str) else m.precision


RECENT = pd.Timedelta(days=366)  # a day this close before the page is its story's; an older one a document's date


def _last_days(days: tuple | None, when: pd.Timestamp, published) -> tuple:
    """(the last recent day named, the last day named): "the same day" after "Decision ... dated 21/9/2020" in a
    story of 24 September 2024 means the story's day; on a history page, with no recent day, the last one named."""
    recent = pd.notna(published) and published - when <= RECENT
    return (when if recent else (days[0] if days else pd.NaT)), when


# a date that is the publication's own, known as precisely as the publication is ("the same day" with no day before)
ON_PUBLICATION = (Resolution.PUBLICATION, Resolution.SAME_DAY)
# a day or month whose year the page leaves open
YEARLESS = (Resolution.YEAR_FROM_PUBLICATION, Resolution.AHEAD_OF_PUBLICATION)


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
    english = rules or load_event_rules()
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
        rules = _rules_of(getattr(r, "language", LANGUAGE), english)
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
        rows += [(row, True) for row in _occasion_events(articles, english)]
    return pd.DataFrame(_without_restatements(rows), columns=EVENT_COLUMNS).astype(
        {"date": "datetime64[ns]", "date_end": "datetime64[ns]", "sentence_no": "int64"})


def _without_restatements(rows: list[tuple[tuple, bool]]) -> list[tuple]:
    """The events rows, each given with whether it is bare, without the bare ones that restate a happening.

    A bare statement dated like a happening of its article ("Since 1994, ..." beside "- 1994 - IOM opened its
    office") is that happening; so is a speech's occasion that its text dates ("this conference today"). A statistic
    of that year is not ("sent 12,600 workers abroad in 2023" beside a job fair in 2023).

    >>> row = lambda kind, text: ("a", 1, pd.Timestamp("2023-01-01"), None, "year", kind, *[None] * 6, text, "en")
    >>> len(_without_restatements([(row("conference", "a fair"), False), (row("milestone", "It grew."), True)]))
    1
    """
    happening = {(row[0], row[2], row[4]) for row, bare in rows if not bare}
    return [row for row, bare in rows
            if not bare or (row[0], row[2], row[4]) not in happening or STATISTIC.search(row[EVIDENCE])]


def _rules_of(language: str, english):
    """The event rules of a sentence's language: `english` (the caller's, or data/en/) or data/<language>/'s."""
    return english if language == LANGUAGE else load_event_rules(language=language)


def _occasion_events(articles: pd.DataFrame, english) -> list[tuple]:
    """The occasion of a dated speech page, from its title, as sentence 0: "Remarks ... at the Workshop on X"."""
    rows = []
    for a in articles.itertuples(index=False):
        rules = _rules_of(getattr(a, "language", LANGUAGE), english)
        title = a.title if isinstance(a.title, str) else ""
        if rules["occasion"] is None:
            continue
        speech = rules["occasion"].search(title)
        if not speech or pd.isna(a.published):
            continue
        kind, trigger = classify(title, speech.end(), speech.end(), rules)
        if kind is None or trigger < speech.end():
            continue
        dateline = getattr(a, "dateline", None)
        title_row = SimpleNamespace(article_id=a.article_id, sentence_no=0, text=title, start=0,
                                    language=getattr(a, "language", LANGUAGE))
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


# a name of capitalised words, not a determiner that opens a sentence ("The Forum is in New York" names nothing)
NAMED_HAPPENING = re.compile(r"\b(?!(?:The|This|That|Its|Their|Next|Last|A|An)\s)"
                             r"(?:[A-Z][\w'’-]*\s+(?:(?:of|on|for|and|the)\s+)?){1,6}"
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
        phrase = next((p for p in trigger_phrases(m.group(), rules) if p[0] <= m.start(1) - m.start() < p[1]), None)
        if phrase is not None:
            named[m.group(1).lower()] = (phrase[3], m.group().strip())
    for m in rules["instruments"][0].finditer(text) if rules["instruments"] else ():
        named[INSTRUMENT + m.group().split()[0].lower()] = ("", m.group())
    folded = fold_case(text)
    for (kind, pattern), needles in zip(rules["kinds"], rules["needles"], strict=True):
        if kind != "review" or needles is not None and not any(n in folded for n in needles):
            continue  # the rule's own necessary literals (load_event_rules) say it cannot match here
        for m in pattern.finditer(text):
            if (head := m.group().split()[-1]).islower():  # a common noun names the review: "national consultation"
                named[SERIES + head.rstrip("s")] = (kind, m.group())


INSTRUMENT = "instrument: "  # the key of an instrument's latest name among the named happenings: "instrument: law"
SERIES = "review: "  # the key of a common noun the page uses for a step of a formal review: "review: consultation"


def _series(text: str, trigger: int, kind: str, named: dict[str, tuple[str, str]]) -> str:
    """The kind of a gathering the page's common noun for a step of a review names: "Today's consultation" or
    "regional consultations in April" on a page about a national consultation on the GCM -> review; else `kind`.

    >>> _series("Today's consultation shows it", 8, "meeting", {"review: consultation": ("review", "...")})
    'review'
    """
    head = re.match(r"\w+", text[trigger:])
    if kind not in GATHERINGS or head is None or SERIES + head.group().lower().rstrip("s") not in named:
        return kind
    return named[SERIES + head.group().lower().rstrip("s")][0]


def _instrument(text: str, a: int, named: dict[str, tuple[str, str]], rules: dict) -> str | None:
    """The name of the instrument a sentence calls by a bare noun before its date at `a`, when it names none itself:
    "The law will take effect on 1 January 2022" after "Law No. 69/2020/QH14" -> "Law No. 69/2020/QH14".

    >>> rules = load_event_rules()
    >>> _instrument("The law takes effect on 1 July.", 24, {"instrument: law": ("", "Law No. 9/2019/QH14")}, rules)
    'Law No. 9/2019/QH14'
    """
    if not rules["instruments"] or rules["instruments"][0].search(text):
        return None
    refer = [m for m in rules["instruments"][1].finditer(text, 0, a)]
    name = named.get(INSTRUMENT + refer[-1].group(1).split()[0].lower()) if refer else None
    return name[1] if name else None


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


def _certainty(d, published_on) -> tuple[str, bool]:
    """How a date is known, and whether it lies ahead of its article (a plan): "in 2019" -> ("stated", False)."""
    certainty = "stated" if d.resolution in (Resolution.ABSOLUTE, Resolution.SINCE, Resolution.SCHEDULED) else (
        "publication" if d.resolution == Resolution.PUBLICATION else "from-publication")
    ahead = d.resolution in PLANNED or published_on is not None \
        and pd.notna(published_on) and pd.notna(d.date) and d.date > published_on  # dated after its article: a plan
    return certainty, ahead


def _counts_a_figure(text: str, d, kind: str | None, clause: tuple[int, int], span: tuple[int, int],
                     local: list[tuple[int, int]], rules: dict) -> bool:
    """Whether a programme's or a training's date is the period of a figure its clause counts (event-kind decision
    8): "Since 2018, the programme has trained 3,000 officers" -> a milestone; a project launched on a day stays."""
    return kind in TALLIED and (d.precision != "day" or d.resolution == Resolution.SINCE) \
        and tallied(text, clause, span, local, rules)


def _dated_events(r, found: list, actors: list | None, published_on, rules: dict,
                  named: dict[str, tuple[str, str]] | None = None) -> list[tuple[tuple, bool]]:
    """The events rows of one sentence `r` from its dates `found`, each with whether it had no trigger.

    `published_on` is its article's day, if known; `named` its happenings named so far ("the next forum"
    after the IMRF is a review). A date without a trigger in its clause is a bare dated statement, a
    milestone ("In 2008 alone, 87,000 workers left"), except in a question.
    """
    rows = []
    found = own_dates(r.text, int(r.start), found)  # not "this year" in "held this year, on 21 May"
    local = [(int(d.start - r.start), int(d.end - r.start)) for d in found]
    phrases = trigger_phrases(r.text, rules)  # once per sentence, for all its dates
    for d in found:
        a, b = int(d.start - r.start), int(d.end - r.start)
        kind, trigger = classify(r.text, a, b, rules, [span for span in local if span != (a, b)], phrases)
        clause = clause_around(r.text, a, b, rules["clause_break"])
        if d.resolution == Resolution.PERIOD and kind not in (None, "milestone") \
                and not _counts_a_figure(r.text, d, kind, clause, (a, b), local, rules):
            continue  # "a conference on migration in the 2020-2021 period": the period is context, not the conference's
        bare, referent = kind is None, None
        if named and not bare:
            kind, referent = _referent(r.text, trigger, kind, named)
            referent = referent or _instrument(r.text, a, named, rules)  # "the law" named earlier in the page
            kind = _series(r.text, trigger, kind, named)  # "regional consultations" feeding the page's review
        if bare and d.resolution != Resolution.PUBLICATION and not r.text.rstrip().endswith("?") \
                and not dates_nothing(r.text, d, a, found, clause):
            start = clause[0]
            if FRONTED.fullmatch(r.text, start, a):  # "Since 1994, IOM has ...": label what follows the date
                start = FRONTED_TAIL.match(r.text, b).end()
            kind, trigger = ("project" if _ongoing_since(r.text, clause, a, b, d.resolution) else "milestone"), start
        if _counts_a_figure(r.text, d, kind, clause, (a, b), local, rules):
            kind = "milestone"  # "Since 2018, the programme has trained 3,000 officers": a figure for a period
        if kind is None:
            continue  # "the presence of so many of you here today" is no dated happening
        certainty, ahead = _certainty(d, published_on)
        readings = [*celebrated((kind, trigger, d.date, d.date_end, d.precision), r.text, clause), *also_on_the_date(
            r.text, kind, d, (a, b), clause, local, phrases, rules)]
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
    if resolution != Resolution.SINCE and not text[max(clause[0], a - 6):a].lower().endswith("since "):
        return False
    m = ONGOING.search(text, clause[0], clause[1])
    if m is None:
        return False
    subject = (text[clause[0]:a] + text[b:m.start()]) if m.start() > b else text[clause[0]:m.start()]
    return not QUANTITY.search(subject)


TALLIED = frozenset({"project", "workshop", "decision"})  # kinds a figure for a period overrides (decision 8):
# a programme's, a training's, an office's ("issued 9,850 visas in the first ten months")
def _event_row(r, date, date_end, precision, kind, label, actors, segment, status, certainty, date_text) -> tuple:
    """Assemble one events row: places (`in Hanoi`) from `segment`, participants from the sentence."""
    participants, place = [], None
    if actors:
        participants = sorted({actor for actor, kind, _, _ in actors if kind != "place"})
        located = [actor for actor, kind, start, end in actors
                   if kind == "place" and segment[0] <= start - r.start and end - r.start <= segment[1]
                   and LOCATIVE[getattr(r, "language", LANGUAGE)].search(r.text[:start - r.start])]
        place = ", ".join(dict.fromkeys(located)) or None
    return (r.article_id, r.sentence_no, date, date_end, precision, kind, label, place, participants, status,
            certainty, date_text, r.text, getattr(r, "language", LANGUAGE))


FRONTED = re.compile(r"[\s\"“‘']*(?:(?:on|in|at|since|from|by|during|until|before|after|as of)\s+)*", re.IGNORECASE)
FRONTED_TAIL = re.compile(r"(?:\s*\w+(?=\s*,))?[\s,;:–—-]*")  # what ends a fronted date: "In 2008 alone, "
# what stands before the place of a happening ("in Hanoi", "tại Hà Nội"), by language (event_rules `place_before`)
LOCATIVE = {language: re.compile(language_data("event_rules", language)["place_before"]) for language in languages()}


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
