"""Event kinds: the trigger rules of data/en/event_rules.yaml, compiled, and the kind, trigger and label a
dated phrase takes ("signed a decision on March 20" -> decision)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import yaml

from .language import LANGUAGE, frozen, language_path
from .matching import any_of, automaton, fold_case, necessary_literals, starts

GATHERINGS = frozenset({"meeting", "visit", "conference", "workshop", "review"})  # where outcomes are signed
ADOPTIONS = frozenset({"agreement", "decision", "law"})  # what a gathering adopts: "adopted at a conference"
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}

STOPWORDS = frozenset("""a an the of on in for to and or with by at as from its their this that these those is
was were be been has have had will would it which who into over under than then""".split())


class EventRulesError(ValueError):
    """The event rules file is malformed; the message names the bad rule."""


@cache
def load_event_rules(path: str | Path | None = None, language: str = LANGUAGE) -> MappingProxyType:
    """Compiled event rules, frozen: {"kinds": ((kind, re.Pattern),), "weak": rule numbers, "undated": (...), ...}.

    >>> rules = load_event_rules()
    >>> sorted(rules)[:6]
    ['clause_break', 'instruments', 'kinds', 'literals', 'needles', 'observances']
    >>> rules["kinds"][0][0]
    'appointment'
    """
    path = path or language_path("event_rules", language)
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
    tallies, observances = any_of(data.get("tallies", [])), any_of(data.get("observances", []), re.IGNORECASE)
    venues = any_of(data.get("adoption_venues", []), re.IGNORECASE)  # "adopted in Marrakech": the gathering's city
    weak = frozenset(order for order, rule in enumerate(data.get("kinds", [])) if rule.get("weak"))
    # the kinds in the order of their main entries (an entry listed early only to win a tie says `precedence: true`)
    order = tuple(dict.fromkeys(rule["kind"] for rule in data.get("kinds", []) if not rule.get("precedence")))
    # One Aho-Corasick pass tells which rules can match a sentence: each needs one of its literals.
    needles = [necessary_literals(pattern) for _, pattern in kinds]
    literals = automaton({w for n in needles if n for w in n}) if any(needles) else None
    clause_break = re.compile(data["clause_break"]) if data.get("clause_break") else CLAUSE_BREAK
    instruments = data.get("instruments") or {}
    instruments = tuple(re.compile(instruments[k]) for k in ("name", "reference")) if instruments else None
    return frozen({"kinds": kinds, "weak": weak, "undated": undated, "occasion": occasion, "needles": needles,
                   "literals": literals, "tallies": tallies, "observances": observances, "venues": venues,
                   "clause_break": clause_break, "instruments": instruments, "order": order})



# --- events -----------------------------------------------------------------------------------------

# Where one clause ends and the next begins: a semicolon, a dash between spaces, a comma before a relative
# pronoun or before "and" and a new subject or a fronted date ("..., and the ministry ...", "..., and in November
# we upgraded ..."; not "safe, orderly, and regular"),
# "and" before a new verb ("... in 2022 and now receives ..."), and what someone "said" or "told the meeting" ("Also
# attending the meeting, X said the hotline received 3,200 calls this year").
CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—-]\s|,\s+(?=(?:while|whereas|which|who|where|when|after|before)\b)"
    r"|,?\s(?=(?:and|but)\s+(?:then|now|also|later|has|have|had|is|are|was|were|would|will|could|should|can|may"
    r"|must|plans?|aims?|expects?|hopes?)\b)"
    r"|,\s(?=(?:and|but)\s+(?:the|a|an|its|their|his|her|this|these|those|it|they|he|she|we|I|in|on|[A-Z]\w*)\b)"
    r"|\b(?:said|says|added|noted|stressed|told\s+(?:(?:the|a|an|his|her|their)\s+)?\w+)\s+(?:that\s+)?")


AT_GATHERING = re.compile(r"\b(?:at|during)\s+(?:a|an|the|its)\s+(?:[\w'’-]+\s+){0,3}$")
HOSTS = re.compile(r"[\w-]+\s+(?:(?:also|jointly)\s+)?(?:held|hosts?|hosted|organi[sz]ed|co-organi[sz]ed|convened|"
                   r"co-hosted|opened)\s+(?:a|an|the|its|their)\b")  # "project held a forum", at the agent's word
RELATIVE = re.compile(r"(?:which|where|when)\b")  # a clause that starts so is about the noun before its comma
RELATIVE_REACH = 60  # how far before that comma the noun's trigger may end
MODIFIED = re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,2}")  # between a year and the noun it modifies: "2022 IOM study"
DETERMINED = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", re.IGNORECASE)  # a date that modifies a noun
JOINER = re.compile(r"\s+(?:a|an|the|its|their|his|her|this|new|first)\s+")  # "signed a memorandum": one phrase


def trigger_phrases(text: str, rules: dict) -> list[tuple[int, int, int, str]]:
    """Trigger phrases `(start, end, rule number, kind)`.

    Of overlapping triggers the longest holds ("study tour" over "study"); adjacent ones form one phrase
    of the kind listed first: `"the Regional Review meeting"` -> review (listed before meeting).

    >>> text = "the Regional Review meeting"
    >>> [(kind, text[a:b]) for a, b, _, kind in trigger_phrases(text, load_event_rules())]
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


def clause_around(text: str, a: int, b: int, breaks: re.Pattern = CLAUSE_BREAK) -> tuple[int, int]:
    """The clause around text[a:b], between the nearest clause `breaks` (the rules' `clause_break`, English by
    default): `"... 2022 and now ..."` ends at "and"."""
    start = max((m.end() for m in breaks.finditer(text, 0, a)), default=0)
    after = breaks.search(text, b)
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
    phrases = trigger_phrases(text, rules) if phrases is None else phrases  # `phrases`: trigger_phrases(text), if known
    lo = max((y for x, y in others if y <= a), default=0)
    hi = min((x for x, y in others if x >= b), default=len(text))
    start, end = clause_around(text, a, b, rules["clause_break"])
    if not text[b:end].strip(" ,") and end < hi:  # the date stands alone: "- 1994 - IOM opened ..."
        end = clause_around(text, end + 1, end + 1, rules["clause_break"])[1]
    start, end = max(start, lo), min(end, hi)
    head = MODIFIED.match(text, b) if DETERMINED.search(text, max(0, a - 8), a) else None  # "a 2022 IOM study"
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


def tallied(text: str, clause: tuple[int, int], span: tuple[int, int], dates: list[tuple[int, int]],
             rules: dict) -> bool:
    """Whether the date at `span` is the period of a figure its clause counts: the first date of the clause after the
    tally ("counselled 18,400 migrants between 2023 and 2025"), else the last before it ("Since 2018, it has trained
    3,000 officers"). So "launched in 2023, counselled 18,400 migrants between 2023 and 2025" keeps the launch.

    >>> text = "The pilot, launched in 2023, counselled 18,400 migrants between 2023 and 2025"
    >>> launch, period = (23, 27), (56, 77)
    >>> [tallied(text, (0, len(text)), span, [launch, period], load_event_rules()) for span in (launch, period)]
    [False, True]
    """
    if (tally := rules["tallies"].search(text, *clause)) is None:
        return False
    inside = [s for s in dates if clause[0] <= s[0] and s[1] <= clause[1]] or [span]
    after = [s for s in inside if s[0] >= tally.end()]
    return span == (min(after) if after else max((s for s in inside if s[1] <= tally.start()), default=span))


UNTIL = re.compile(r"\b(?:until|till)\s+$")  # the end of a span that names no start: "would run until 2029"
UNTIL_WORDS = re.compile(r"(?:until|till)\b", re.IGNORECASE)  # ... where the date's own words start so: "until 2029"
SPAN_END = re.compile(r"(?:\b(?:to|until|till|through)|[–—-])\s*$")  # "from July 2024 to| June 2027"


def dates_nothing(text: str, d, a: int, found: list, clause: tuple[int, int] | None = None) -> bool:
    """A date with no trigger that dates nothing of its own: a span's end ("from July 2024 to June 2027", "would run
    until 2029"), or a coarse date a finer one of its clause falls in ("three years ago, on 20 March 2020"; a table
    row's "2018 | On 10-11 December"; not "in 2025, ..., which took over in March 2025")."""
    others = [o for o in found if o is not d and pd.notna(o.date)]
    if SPAN_END.search(text, max(0, a - 12), a) and any(o.start < d.start for o in others) \
            or UNTIL.search(text, max(0, a - 8), a) or UNTIL_WORDS.match(text, a):
        return True
    shift = d.start - a  # the sentence's offset in its article
    return any(_finer_within(o, d) for o in others
               if clause is None or clause[0] <= o.start - shift and o.end - shift <= clause[1])


def _finer_within(o, d) -> bool:
    """Whether the date `o` is finer than `d` and falls in it: "on 20 March 2020" within "in 2020"."""
    return pd.notna(d.date) and pd.notna(o.date) and PRECISION_RANK[o.precision] < PRECISION_RANK[d.precision] \
        and d.date <= o.date <= d.date_end


LIST_HEAD, LIST_TAIL = re.compile(r"[\s*•–—-]*"), re.compile(r"\s*[:|–—-]")  # "- 2018: ...", "2018 | ..."


APPOSED = re.compile(r"\s*,\s*(?:on\s+|in\s+)?")  # "this year, on 21 May": the second date narrows the first


def _narrowed(text: str, d, a: int, b: int, found: list) -> bool:
    """Whether a coarse date is narrowed by a finer one set beside it, which dates the happening itself: "at the
    first dialogue, held this year, on 21 May" -> "this year" dates nothing of its own."""
    shift = d.start - a
    return any(_finer_within(o, d) and o.start - shift >= b and APPOSED.fullmatch(text, b, o.start - shift)
               for o in found if o is not d)


def own_dates(text: str, offset: int, found: list) -> list:
    """A sentence's date mentions without those that date nothing of their own: a list item's year that a finer date
    of its sentence falls in ("- 2018: ... on 10-11 December"), and a coarse date narrowed by a finer one set beside
    it ("held this year, on 21 May"). `offset` is where the sentence starts in its article.

    >>> from types import SimpleNamespace as Dated
    >>> year = Dated(start=22, end=31, date=pd.Timestamp("2024-01-01"), date_end=pd.Timestamp("2024-12-31"),
    ...              precision="year")
    >>> day = Dated(start=36, end=42, date=pd.Timestamp("2024-05-21"), date_end=pd.Timestamp("2024-05-21"),
    ...             precision="day")
    >>> [d.precision for d in own_dates("The dialogue was held this year, on 21 May.", 0, [year, day])]
    ['day']
    """
    def own(d) -> bool:
        a, b = int(d.start - offset), int(d.end - offset)
        listed = LIST_HEAD.fullmatch(text, 0, a) and LIST_TAIL.match(text, b) and dates_nothing(text, d, a, found)
        return not (listed or _narrowed(text, d, a, b, found))
    return [d for d in found if own(d)]


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
