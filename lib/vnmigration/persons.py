"""People the codebook has never heard of: names found from title cues and name shape, with their short forms.

Evidence for a name, in data/persons.yaml (names) and data/en/persons.yaml (the words around them):
- a Vietnamese family name followed by capitalised syllables (`Tran Van Nam`, `Trần Văn Nam`): three
  syllables or more stand alone, two need a title cue;
- a Western name (two or three capitalised words) right after an honorific or an office
  (`Ms. Anna Berg`, `IOM Chief of Mission Richard Calloway`), or before an appositive title
  (`Erik Johansson, IOM programme manager`).
The title is never part of the name: in "Deputy Minister of Foreign Affairs Tran Van Nam" the person is
`Tran Van Nam`. Names are matched on diacritic-folded text, so offsets point into the original text, and
the actor id is the folded name (`Tran Van Nam` for `Trần Văn Nam`). The codebook wins where it matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from types import MappingProxyType

import pandas as pd
import yaml

from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .language import LANGUAGE, frozen, language_data
from .matching import automaton, fold_case, necessary_literals, starts
from .paths import DATA
from .sentences import by_article, language_by_article

STROKED = {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"}


def _fold_char(c: str) -> str:
    """One character without its diacritics, or itself: "ễ" -> "e", "Đ" -> "D", "ø" -> "o", "中" -> "中"."""
    if c in STROKED:  # letters with a stroke have no decomposition
        return STROKED[c]
    base = unicodedata.normalize("NFD", c)[0]
    return base if base.isascii() and base.isalpha() else c


# Latin letters with diacritics (Latin-1, Latin Extended-A/B, Vietnamese), each to one ASCII letter.
FOLD = {cp: _fold_char(chr(cp)) for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
        if _fold_char(chr(cp)) != chr(cp)}


NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_diacritics(text: str) -> str:
    """Diacritics removed, one character for one, so offsets keep: `"Lê Thành Long"` -> `"Le Thanh Long"`.

    Only the non-ASCII runs go through `str.translate` (five times faster than translating the whole text).

    >>> fold_diacritics("Lê Thành Long")
    'Le Thanh Long'
    """
    return text if text.isascii() else NON_ASCII.sub(_fold_run, text)


def _fold_run(m: re.Match) -> str:
    """One run of non-ASCII characters, folded: "ễ" -> "e"."""
    return m.group().translate(FOLD)


# Every capital letter of the Latin script (Vietnamese "Đ", "Ư", "Ầ" included), for names read with their diacritics.
LATIN_CAPITALS = "".join(c for r in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in map(chr, range(*r))
                         if c.isupper())


WESTERN_WORD = r"[A-Z][a-zß-öø-ÿ]+(?:[-'’][A-Z]?[a-zß-öø-ÿ]+)?"  # a Western name's word: "O'Connell", "Sjöberg"


@cache
def person_rules(language: str = LANGUAGE) -> MappingProxyType:
    """data/persons.yaml (names) and data/en/persons.yaml (honorifics with gender, offices, title words), compiled
    and frozen.

    >>> rules = person_rules()
    >>> "Ms." in rules["honorifics"]
    True
    """
    names = yaml.safe_load((DATA / "persons.yaml").read_text(encoding="utf-8"))  # names, in any language
    data = {**names, **language_data("persons", language)}  # the words around them (data/<language>/persons.yaml)
    fold = fold_diacritics if language == LANGUAGE else str  # English pages are read folded, others as written
    honorifics = {fold(h): g for h, g in data["honorifics"].items()}
    offices = sorted({fold(o) for o in data["offices"]}, key=len, reverse=True)
    title_words = "|".join(re.escape(fold(w)) for w in sorted(data["title_words"], key=len, reverse=True))
    # An office and the organisation it belongs to, capitalised (or a local government's "provincial"), up to the
    # name: "Deputy Minister of Labour, Invalids and Social Affairs"; or a lower-case title right before it:
    # "IOM programme officer".
    connectors = "|".join(re.escape(w) for w in sorted(data["office_connectors"], key=len, reverse=True))
    office_before = (r"\b(?:" + "|".join(re.escape(o) for o in offices) + r")\b"
                     rf"(?:\s+(?:{connectors}|[A-Z][\w'’&-]*|\(\w+\)),?)*?")
    lower_title = rf"(?:\b[A-Z][\w'’&-]*\s+)*(?:\b[a-z]+\s+){{0,2}}\b(?:{title_words})"
    cue = re.compile(rf"(?:{honorific_pattern(honorifics)}|{office_before}|{lower_title})\s+$")
    return frozen({
        "folded": language == LANGUAGE,
        "vietnamese": _vietnamese_names(data, language),
        "honorifics": honorifics,
        "honorifics_longest_first": tuple(sorted(honorifics.items(), key=lambda h: -len(h[0]))),
        "cue": cue,
        "cue_literals": automaton(necessary_literals(cue) or ()),  # a cue holds one; none in a text: no cue
        "office_before": re.compile(rf"(?:{office_before}|{lower_title})\s+$" if language == LANGUAGE else
                                    _office_and_body(offices, honorifics)),
        # an appositive the other way round: "IOM's deputy chief of mission, Hiroshi Tanabe, said"
        # and a relation: "her predecessor, Anna Berg of Norway"
        "cue_comma": re.compile(rf"(?:{office_before}|{lower_title}|\b(?:{_relations(data)})),\s+$"),
        # "Sarah O'Connell", "Mattias Sjöberg" (an unfolded page keeps its letters)
        "western": re.compile(rf"{WESTERN_WORD}(?:\s+(?:(?:van|von|de|da|del|der|di|du)\s+)?(?:[OD]['’])?"
                              rf"{WESTERN_WORD}){{1,2}}\b"),
        "speaks_after": _speaks_after(language),
        "title_words": re.compile(rf"^,\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’&()-]+\s+){{0,5}}?(?:{title_words})\b",
                                  re.IGNORECASE),
        "organisation_words": frozenset(fold(w) for w in data["organisation_words"]),
        "office_words": frozenset(w for o in offices for w in re.split(r"[\s-]", o)) | {"Excellency"},
        "not_persons": _not_persons(data["not_persons"]),
        # YAML reads an unquoted No as False: kept as read, so "No" is no stop word (as before folding)
        "not_name_words": frozenset(fold(w) if isinstance(w, str) else w for w in data["not_name_words"]),
        "middle_names": frozenset(data.get("middle_names", [])),
        "newsroom_words": frozenset(data["newsroom_words"]),
    })


def _vietnamese_names(data: dict, language: str) -> re.Pattern:
    """A Vietnamese name: a family name (data/persons.yaml, and the language's `more_family_names`), then one to three
    capitalised syllables, folded on an English page: "Lường Văn Thắng" on a Vietnamese one; a family name that is
    also a place's word only before a middle name (`family_names_with_middle`): "Vi Thi Thanh Nhan"."""
    fold = fold_diacritics if language == LANGUAGE else str
    families = sorted({fold(f) for f in [*data["vietnamese_family_names"], *data.get("more_family_names", ())]},
                      key=len, reverse=True)
    syllable = r"[A-Z][a-z]{0,6}" if language == LANGUAGE else rf"[{LATIN_CAPITALS}][^\W\d_]{{0,6}}"
    guarded = "|".join(sorted({fold(f) for f in data.get("family_names_with_middle", ())}, key=len, reverse=True))
    middle = "|".join(sorted({fold(m) for m in data.get("middle_syllables", ())}))
    with_middle = rf"|\b(?:{guarded})[ \t]+(?:{middle})(?:[ \t]+{syllable}\b(?![-'’.]\w)){{1,2}}" if guarded else ""
    return re.compile(rf"\b(?:{'|'.join(families)})(?:[ \t]+{syllable}\b(?![-'’.]\w)){{1,3}}{with_middle}")


def honorific_pattern(honorifics: dict | None = None) -> str:
    """One alternation of the honorifics, longest first: `\\b(?:His Excellency|Mr\\.|Mr)` (default: en/persons.yaml).

    >>> bool(re.match(honorific_pattern(), "Ms. Anna Berg"))
    True
    """
    honorifics = person_rules()["honorifics"] if honorifics is None else honorifics
    return r"\b(?:" + "|".join(re.escape(h) for h in sorted(honorifics, key=len, reverse=True)) + ")"


CONNECTOR_BEFORE = re.compile(r"\b(?:of|the|for|at|in|on|and|to)\s+$")
# A house number before a name makes it a street: "No. 1 Ton That Dam, Ba Dinh", "12 Le Duan, District 1"
HOUSE_NUMBER = re.compile(r"(?:\bNo\.?\s*|(?:^|,\s*))\d{1,3}[A-Za-z]?(?:/\d+)*\s+$")


# An appositive name ends at a comma, after its country or body or not: "..., Anna Berg of Norway, said"
APPOSITIVE_END = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s*,")
ENDS_IN_CONJUNCTION = re.compile(r"\b(?:and|or|with)$")  # "Minister X and": the office is X's, not the next name's


def _relations(data: dict) -> str:
    """A relation before an appositive name: "her predecessor" (the language's `relation_words`)."""
    return rf"(?:her|his|their|its|whose)\s+(?:{'|'.join(data['relation_words'])})"


def _office_and_body(offices: list[str], honorifics: dict) -> str:
    """A Vietnamese office and the body it belongs to, up to the name: "Thứ trưởng Bộ Ngoại giao " before "Tô Anh
    Dũng". A body's name has lower-case words ("Bộ Ngoại giao"), so the run is bounded by punctuation, a lower-case
    honorific ("... đã tiếp bà ") and 60 characters instead of by capitals."""
    stop = "|".join(re.escape(h) for h in honorifics if h[:1].islower())
    return rf"\b(?:{'|'.join(re.escape(o) for o in offices)})\b(?:(?!\b(?:{stop})\b)[^,.;:()“”\"]){{0,60}}?\s+$"


def title_before(text: str, a: int, language: str = LANGUAGE) -> str | None:
    """The office written right before the name at `a`: "Deputy Minister of Labour, Invalids and Social Affairs"
    for "... Deputy Minister of Labour, Invalids and Social Affairs Hoang Minh Quan"; None if there is none.

    >>> text = "Deputy Minister of Labour Le Van Thanh said"
    >>> title_before(text, text.index("Le "))
    'Deputy Minister of Labour'
    >>> text = "Deputy Minister Le Van Thanh and Ms. Sarah Lund met"
    >>> title_before(text, text.index("Sarah")) is None
    True
    """
    rules = person_rules(language)
    m = rules["office_before"].search(fold_diacritics(text) if rules["folded"] else text, 0, a)
    title = text[m.start():a].strip(" ,") if m else None
    # "Minister X and Ms. Y": the office belongs to X, not to the Y after the conjunction
    return None if title is None or ENDS_IN_CONJUNCTION.search(title) else title


def title_after(text: str, b: int, language: str = LANGUAGE) -> str | None:
    """An appositive title after the name ending at `b`: ", deputy director of the X Department, said" ->
    "deputy director of the X Department"; None if the words after the comma are not a title.

    >>> text = "Erik Lund, IOM programme manager, said"
    >>> title_after(text, len("Erik Lund"))
    'IOM programme manager'
    """
    rules = person_rules(language)
    folded = fold_diacritics(text) if rules["folded"] else text
    if not rules["title_words"].match(folded[b:]):
        return None
    phrase = re.match(r",\s+(?:(?:the|a|an)\s+)?([^,;.:]+)", text[b:])
    return phrase.group(1).strip() if phrase else None


def _gender_before(folded: str, start: int, rules: dict) -> str | None:
    """The gender an honorific right before a name states: "Ms. " -> "female"; none -> None."""
    before = folded[max(0, start - 20):start].rstrip()
    for honorific, gender in rules["honorifics_longest_first"]:
        if before.endswith(honorific):
            return gender
    return None


CALENDAR_WORDS = frozenset(MONTH_NAMES + WEEKDAY_NAMES)  # "In June" is no name


def _speaks_after(language: str) -> re.Pattern:
    """A speech verb right after a name, or the body a speaker speaks for: "Tomasz Wierzbicki says", "Paola Ferri,
    for the International Organization for Migration (IOM), said" (the verbs of data/<language>/speech.yaml)."""
    return re.compile(r"^(?:\s+(?:" + "|".join(language_data("speech", language)["verbs"]) + r")\b"
                      r"|,\s+for\s+(?:the\s+)?[A-Z])")


def _not_persons(listed: list[str]) -> frozenset[str]:
    """Names that are never a person's, folded: the listed ones, every place (data/places.yaml) and every outlet's
    names (data/outlets.yaml: "Thanh Nien said")."""
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    outlets = yaml.safe_load((DATA / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    names = [*listed, *sum(places.values(), []), *(n for o in outlets for n in [o["name"], *o.get("names", [])])]
    return frozenset(fold_diacritics(n) for n in names)


def _plausible(name: str, rules: dict) -> bool:
    """A run that can be a person: no organisation, office, place or calendar word, not a listed place, not opened
    by a function word ("In June"), two words or more."""
    words = name.split()
    # English title and body words may sit anywhere in a capitalised run; Vietnamese ones open it ("Cục trưởng Cục
    # ..."), and their syllables are name syllables elsewhere ("Văn" of "Văn phòng" and of "Nguyễn Văn Hùng")
    checked = set(words) if rules["folded"] else {words[0]} if words else set()
    if len(words) >= 3 and words[1] in rules["middle_names"]:  # "Hồ Thị Ngân": a name whatever "Hồ" also means
        checked = set()
    return len(words) >= 2 and not checked & (rules["organisation_words"] | rules["office_words"]) \
        and fold_diacritics(name) not in rules["not_persons"] and words[0] not in rules["not_name_words"] \
        and not set(words) & CALENDAR_WORDS


def _names_in(folded: str, rules: dict) -> list[tuple[int, int, str | None]]:
    """(start, end, gender) of each person name in one diacritic-folded sentence."""
    found = []
    cue_from = _first_cue_end(folded, rules)
    for m in rules["vietnamese"].finditer(folded):
        cue = m.start() >= cue_from and rules["cue"].search(folded, 0, m.start())
        after = folded[m.end():m.end() + 1]
        syllables = len(m.group().split())
        if HOUSE_NUMBER.search(folded, 0, m.start()):
            continue
        if (syllables >= 3 or cue or rules["title_words"].match(folded[m.end():])) and not after.isalnum() \
                and not re.match(r"\s+[A-Z]", folded[m.end():]) and _plausible(m.group(), rules):
            found.append((m.start(), m.end(), _gender_before(folded, m.start(), rules)))
    for m in rules["western"].finditer(folded):
        start = _name_start(folded, m.start(), m.end(), rules)
        if start is None:  # the run may end inside the name: "Lieutenant General Prak| Sophal", "Canadian Ambassador
            titles = rules["office_words"] | rules["organisation_words"]  # Sophie| Tremblay": after its last title
            words = list(re.finditer(r"\S+", m.group()))
            last = max((k for k, w in enumerate(words) if w.group() in titles), default=None)
            start = m.start() + words[last + 1].start() if last is not None and last + 1 < len(words) else next(
                (m.start() + w.start() for w in words if w.group() not in titles), None)
            m = rules["western"].match(folded, start) if start is not None and start > m.start() else None
            if m is None or not _plausible(m.group(), rules):
                continue
        if any(a < m.end() and start < b for a, b, _ in found):
            continue
        if HOUSE_NUMBER.search(folded, 0, start):
            continue
        if _western_cued(folded, start, m.end(), start >= cue_from, rules):
            found.append((start, m.end(), _gender_before(folded, start, rules)))
    return sorted(found)


def _western_cued(folded: str, start: int, end: int, may_follow_cue: bool, rules: dict) -> bool:
    """Whether a Western name at folded[start:end] has a cue: a title before it (not across "of", "the", ...), an
    office before it and a comma after, a title word after a comma, or a speech verb or "for the ..." after it;
    never when a capitalised word follows (the name goes on)."""
    after = folded[end:]
    cued = may_follow_cue and rules["cue"].search(folded, 0, start) is not None \
        and not CONNECTOR_BEFORE.search(folded, 0, start) \
        or APPOSITIVE_END.match(folded, end) and rules["cue_comma"].search(folded, 0, start) is not None
    return bool(cued or rules["title_words"].match(after) or rules["speaks_after"].match(after)) \
        and not re.match(r"\s+[A-Z]", after)


def _first_cue_end(folded: str, rules: dict) -> int:
    """Where the first literal a title cue needs ends: no cue ends before it. 0 when no literal is known.

    >>> _first_cue_end("They met Deputy Minister Le Van Thanh", person_rules())  # after "Deputy"
    15
    """
    lowered = fold_case(folded)
    if not len(rules["cue_literals"]) or len(lowered) != len(folded):
        return 0
    return min((start + len(word) for start, word in starts(rules["cue_literals"], lowered)), default=len(folded) + 1)


def _name_start(folded: str, start: int, end: int, rules: dict) -> int | None:
    """Where the name in a capitalised run begins, after any title or organisation words and a place's last word:
    "Mission Richard Calloway" -> at "Richard"; "(Việt) Nam Sophie Tremblay" -> at "Sophie"; None when fewer than
    two name words are left."""
    words = list(re.finditer(r"\S+", folded[start:end]))
    before = folded[:start].split()[-1:]  # a place's first word the run left out: "Việt" of "Việt| Nam Sophie Tremblay"
    while len(words) >= 2 and (not _plausible(folded[start + words[0].start():end], rules)
                               or fold_diacritics(" ".join([*before, words[0].group()])) in rules["not_persons"]):
        before, words = [words[0].group()], words[1:]
    return start + words[0].start() if len(words) >= 2 else None


def _short_forms(name: str) -> list[str]:
    """A person's later references: `"Tran Van Nam"` -> ["Nam", "Tran"]; `"Anna Berg"` -> ["Berg"]."""
    words = name.split()
    return [words[-1], words[0]] if person_rules()["vietnamese"].fullmatch(name) else [words[-1]]


def _standalone(folded: str, a: int, b: int) -> bool:
    """A short form that is a word of its own, not part of another name: "Nam said" yes, "Viet Nam" no."""
    before, after = folded[:a].rstrip(), folded[b:]
    prev = before.split()[-1] if before.split() else ""
    honorific = prev.rstrip(".") + "." in person_rules()["honorifics"] or prev in person_rules()["honorifics"]
    return (honorific or not prev[:1].isupper() or prev.endswith((".", ":", '"', "”"))) \
        and not re.match(r"[\w'’-]|\s+[A-Z][a-z]", after)


def detect_persons(sentences: pd.DataFrame, taken: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions of persons outside the codebook, with short forms resolved within each article.

    `"Deputy Minister Trần Văn Nam met IOM. Nam said ..."` -> two rows for actor "Tran Van Nam" (detected).
    `taken` are the codebook mentions: a detected name never overlaps one.

    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_no": [1, 2], "start": [0, 50],
    ...                           "text": ["Deputy Minister Trần Văn Nam met IOM staff in Hanoi.",
    ...                                    "Nam said the talks went well."]})
    >>> detect_persons(sentences)[["sentence_no", "surface", "actor", "match"]]
       sentence_no       surface         actor       match
    0            1  Trần Văn Nam  Tran Van Nam    detected
    1            2           Nam  Tran Van Nam  short-form
    """
    rules = person_rules()
    occupied: dict[tuple, list[tuple[int, int]]] = {}
    if taken is not None:
        for key in zip(taken["article_id"], taken["sentence_no"], taken["start"], taken["end"], strict=True):
            occupied.setdefault(key[:2], []).append(key[2:])
    rows = []
    languages = language_by_article(sentences)
    for article_id, group in by_article(sentences, ["sentence_no", "text", "start"]):
        language = languages.get(article_id, LANGUAGE)
        rows += _article_persons(article_id, group, occupied, rules if language == LANGUAGE else person_rules(language))
    return pd.DataFrame(rows, columns=DETECTED_COLUMNS)


DETECTED_COLUMNS = ["article_id", "sentence_no", "start", "end", "surface", "actor", "kind", "side", "match",
                    "gender"]


def _article_persons(article_id: str, rows: list[tuple], occupied: dict, rules: dict) -> list[tuple]:
    """Full names and then short forms in one article's sentences, in reading order."""
    out, short, gender = [], {}, {}
    for sentence_no, text, offset in rows:
        folded = fold_diacritics(text) if rules["folded"] else text  # a Vietnamese page is read with its diacritics
        taken = occupied.get((article_id, sentence_no), [])
        found = [(a, b, g) for a, b, g in _names_in(folded, rules)
                 if not any(x < offset + b and offset + a < y for x, y in taken)]
        for actor in gender:  # a full name already found in this article needs no cue the second time
            found += [(m.start(), m.end(), None) for m in re.finditer(rf"\b{re.escape(actor)}\b", folded)
                      if not any(a < m.end() and m.start() < b for a, b, _ in found)
                      and not any(x < offset + m.end() and offset + m.start() < y for x, y in taken)]
        for a, b, g in found:
            actor = " ".join(folded[a:b].split())
            gender[actor] = gender.get(actor) or g
            for form in _short_forms(actor):
                short.setdefault(form, set()).add(actor)
            out.append([article_id, sentence_no, offset + a, offset + b, text[a:b], actor, "person", "unknown",
                        "detected", None])  # actor ids are folded at the end
        spans = [(a, b) for a, b, _ in found]
        for form, owners in short.items():
            if len(owners) != 1:
                continue
            for m in re.finditer(rf"\b{re.escape(form)}\b", folded):
                if any(x < m.end() and m.start() < y for x, y in spans) or not _standalone(folded, *m.span()) \
                        or any(x < offset + m.end() and offset + m.start() < y for x, y in taken):
                    continue
                owner = next(iter(owners))
                gender[owner] = gender.get(owner) or _gender_before(folded, m.start(), rules)
                out.append([article_id, sentence_no, offset + m.start(), offset + m.end(), text[m.start():m.end()],
                            owner, "person", "unknown", "short-form", None])
    for row in out:
        row[5], row[9] = fold_diacritics(row[5]), gender.get(row[5])
    return [tuple(r) for r in sorted(out, key=lambda r: (r[1], r[2]))]


def gloss_title(title: str, language: str = LANGUAGE) -> str | None:
    """A title's English gloss from data/<language>/persons.yaml's `title_glosses`, by the longest head it opens
    with: "Thứ trưởng Bộ Ngoại giao" -> "Deputy Minister"; an English title is its own gloss; None if unknown.

    >>> gloss_title("Thứ trưởng Bộ Ngoại giao", "vi"), gloss_title("Deputy Minister")
    ('Deputy Minister', 'Deputy Minister')
    """
    if language == LANGUAGE:
        return title
    glosses = language_data("persons", language).get("title_glosses") or {}
    head = max((h for h in glosses if title == h or title.startswith(h + " ")), key=len, default=None)
    return glosses[head] if head else None
