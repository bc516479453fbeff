"""Which outlet a page is: its agency tag, masthead, site name, copyright line or a wire's end mark, against
data/outlets.yaml (`find_outlet`); a site the file does not list is named as the page names itself."""

from __future__ import annotations

import re

import yaml

from . import dates as dg
from .language import READ_LANGUAGES, all_languages, frozen
from .matching import automaton, fold_case, literal_alternation, necessary_literals, starts
from .paths import DATA
from .persons import fold_diacritics, person_rules

# the words of a newsroom's or a body's name, in every language ("PORTAL", "CỔNG"): a masthead's language is its site's
NEWSROOM_WORDS = frozenset().union(*(person_rules(lang)["organisation_words"] | person_rules(lang)["newsroom_words"]
                                     for lang in READ_LANGUAGES))


def _self_reference(names: list[str]) -> re.Pattern:
    """A line of the site's own chrome that carries one of its names: the masthead, a copyright line, a
    footer `Name | domain`, or `Source: Name`: ["Nhan Dan Online"] matches "© 2024 Nhan Dan Online"."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?mi)^(?:(?:©|\(c\)|copyright\b)[^\n]*?|source:\s*|[^\n|]*\|\s*)?(?:{alternation})"
                      rf"(?:\s*\|[^\n]*|[^\n]{{0,25}}?(?:all rights reserved|\b\d{{4}}\b)[^\n]{{0,60}})?\s*$")


def _load_outlets() -> tuple:
    """The outlet markers in data/outlets.yaml, compiled and frozen: ({'name': ..., 'signatures': (re.Pattern,),
    'needles': (the literals one of which each signature needs, or None,)},)."""
    entries = yaml.safe_load((DATA / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    outlets = [{"name": e["name"], "umbrella": bool(e.get("umbrella")),
                "names": [fold_diacritics(n).lower() for n in e["names"] + [e["name"]]],
                "signatures": [re.compile(t) for t in e.get("tags") or []] + [_self_reference(e["names"])]}
               for e in entries]
    return frozen([o | {"needles": [necessary_literals(p) for p in o["signatures"]]} for o in outlets])


def outlet_of_site_name(site_name: str | None) -> str | None:
    """The outlet a page's own site name (`og:site_name`) names: "VietnamPlus" -> "Vietnam News Agency";
    a name outlets.yaml does not know is kept as the page writes it.

    >>> outlet_of_site_name("VietnamPlus"), outlet_of_site_name(None)
    ('Vietnam News Agency', None)
    """
    if not site_name:
        return None
    key = fold_diacritics(site_name).strip().lower()
    return next((o["name"] for o in OUTLETS if key in o["names"]), site_name.strip())


def outlet_of_host(host: str | None) -> str | None:
    """The listed outlet whose web domain a page's address carries, else None: "www.vietnamplus.vn" -> VNA.

    >>> outlet_of_host("www.vietnamplus.vn"), outlet_of_host("example.org")
    ('Vietnam News Agency', None)
    """
    if not host:
        return None
    key = host.lower().removeprefix("www.").split(":")[0]
    return next((o["name"] for o in OUTLETS if key in o["names"]), None)


OUTLETS = _load_outlets()
OUTLET_NAMES = frozenset(n for o in OUTLETS for n in o["names"])  # folded, lower case

# Each signature needs one of its `needles` in the case-folded page: one Aho-Corasick pass over the page tells
# which signatures can match at all, and only those run (`find_outlet`).
OUTLET_LITERALS = automaton({w for o in OUTLETS for needles in o["needles"] if needles for w in needles})


def find_outlet(raw_text: str) -> tuple[str | None, str | None]:
    """The outlet a page names, and the words that name it: `"(VAN) ..."` -> ("Vietnam Agriculture News", "(VAN)").

    A masthead that the page's own copyright line repeats is its name (`signed_masthead`), before any listed name in
    its furniture ("HỌC VIỆN NGOẠI GIAO" over its parent ministry's "Bộ Ngoại giao"). Else the earliest self-marker on
    the page wins: a lead tag or masthead comes before a footer; an umbrella
    name ("IOM UN Migration") yields to the office site that carries it ("IOM Asia and the Pacific"). A site
    outlets.yaml does not list is named by the agency tag of its lead (`wire_agency`), else by its masthead
    (`masthead`), else by its own copyright line (`copyright_holder`), else by a wire's end mark (`end_mark`).

    >>> find_outlet("(VAN) The ministry met IOM.")
    ('Vietnam Agriculture News', '(VAN)')
    """
    if (signed := signed_masthead(raw_text))[0]:
        return signed
    present = {word for _, word in starts(OUTLET_LITERALS, fold_case(raw_text))}
    found = []
    for order, outlet in enumerate(OUTLETS):
        for pattern, needles in zip(outlet["signatures"], outlet["needles"], strict=True):
            if (needles is None or not needles.isdisjoint(present)) and (m := pattern.search(raw_text)):
                found.append((outlet["umbrella"], m.start(), order, outlet["name"], m.group().strip()))
    if found:
        return min(found)[3:]
    for name_from in (wire_agency, masthead, copyright_holder):  # in turn: the first that names the site wins
        if (named := name_from(raw_text))[0]:
            return named
    return end_mark(raw_text)


def signed_masthead(raw_text: str) -> tuple[str | None, str | None]:
    """The page's first line, in capitals, when its copyright line names the same holder and no listed outlet's name
    begins so: the site's own name, in the copyright line's spelling (outlet decision, point 1).

    >>> signed_masthead("HỌC VIỆN NGOẠI GIAO\\nBộ Ngoại giao\\nTin tức\\nBài viết.\\n© Học viện Ngoại giao")
    ('Học viện Ngoại giao', 'HỌC VIỆN NGOẠI GIAO')
    >>> signed_masthead("HOME\\nThe ministry met IOM.\\n© 2024 Lao Dong Online.")
    (None, None)
    """
    first = next((line.strip() for line in raw_text[:500].splitlines() if line.strip()), "")
    if not first or first.upper() != first or not re.search(r"[^\W\d_]", first):
        return None, None
    if (m := _copyright_line(raw_text)) is None:
        return None, None
    printed = _printed_holder(m)
    key = fold_diacritics(printed).lower()
    if fold_case(printed) == fold_case(first) and not any(n.startswith(key) for n in OUTLET_NAMES):
        return outlet_of_site_name(printed), first  # a listed site's short masthead is left to its listed name
    return None, None


# A wire's sign-off on a line of its own: chrome (`chrome.is_furniture`) and the wire's name (`end_mark`)
END_MARK = re.compile(r"^(?:--|—|–|==)\s*([A-Za-z]{3,15})\s*$")


def end_mark(raw_text: str, tail: int = 8) -> tuple[str | None, str | None]:
    """A wire named by the end mark on a line of its own near the page's end, for a page that names no site:
    `"... home.\\n-- NEWSWIRE"` -> ("Newswire", "-- NEWSWIRE") (outlet decision, points 4-5).

    >>> end_mark("The talks ended.\\n-- NEWSWIRE\\nShare")
    ('Newswire', '-- NEWSWIRE')
    """
    for line in reversed([line.strip() for line in raw_text[-1500:].splitlines() if line.strip()][-tail:]):
        if m := END_MARK.match(line):
            name = m.group(1)
            return outlet_of_site_name(name.capitalize() if name.isupper() else name), line
    return None, None


SMALL_WORDS = frozenset("a an and at by for in of on or the to".split())


def masthead(raw_text: str, top: int = 3) -> tuple[str | None, str | None]:
    """A site outlets.yaml does not know, named by its masthead: a line in capitals among the page's first lines,
    of twelve words or fewer, that names a newsroom or a body ("PORTAL", "MISSION"), written in title case
    (outlet decision, point 1).

    >>> masthead("QUANG NAM PROVINCIAL PORTAL\\nHome\\nNews\\nThe province met IOM.")
    ('Quang Nam Provincial Portal', 'QUANG NAM PROVINCIAL PORTAL')
    >>> masthead("Home\\nIOM AND VIET NAM SIGN AGREEMENT\\nThe two sides signed ...")
    (None, None)
    """
    lines = [line.strip() for line in raw_text[:2000].splitlines() if line.strip()][:top]
    for line in lines:
        words = re.findall(r"[^\W\d_][\w'’&-]*", line)
        if 2 <= len(words) <= 12 and line.upper() == line and NEWSROOM_WORDS.intersection(w.title() for w in words):
            title = " ".join(w.lower() if n and w.lower() in SMALL_WORDS else w.capitalize()
                             for n, w in enumerate(line.split()))
            return outlet_of_site_name(title), line
    return None, None


# "VIENTIANE, May 9 (KPL) --", "HANOI (AP) —": a place of up to four words, an optional day and month, the tag
AGENCY_LEAD = re.compile(rf"(?m)^[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){{0,3}}"
                         rf"(?:,\s+(?:{dg.MONTH_PATTERN}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{dg.MONTH_PATTERN})(?:,?\s+\d{{4}})?)?"
                         r"\s+\(([A-Z][A-Za-z&+]{1,15})\)\s*[–—-]+\s")


def wire_agency(raw_text: str, head: int = 6000) -> tuple[str | None, str | None]:
    """A wire outlets.yaml does not know, named by the agency tag that opens its story: `"VIENTIANE, May 9
    (KPL) -- ..."` -> "KPL" (the canonical name if outlets.yaml knows the tag's name).

    >>> wire_agency("VIENTIANE, May 9 (KPL) -- Laos and Viet Nam agreed on Thursday to ...")
    ('KPL', 'VIENTIANE, May 9 (KPL) --')
    >>> wire_agency("Delegates at the meeting (Photo: VNA) - more below")
    (None, None)
    """
    m = AGENCY_LEAD.search(raw_text[:head])
    return (outlet_of_site_name(m.group(1)), m.group().strip()) if m else (None, None)


_COPYRIGHT = all_languages("chrome")  # every language's copyright words: a footer may be in the site's language


COPYRIGHT_HOLDER = re.compile(rf"^\s*(?:(?:{literal_alternation(_COPYRIGHT['copyright_words'])})\s*)+"
                              r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
                              rf"(?:(?:{literal_alternation(_COPYRIGHT['holder_words'])})\s+)?"
                              r"([A-Z][^|]*?)(?:,?\s+\d{4}(?:\s*[-–]\s*\d{4})?)?"  # a year may follow the holder
                              r"(?:\.?\s+All rights reserved|\.\s|\s[|–—-]\s|[.,]?\s*$)",
                              re.IGNORECASE)


def copyright_holder(raw_text: str, tail: int = 15) -> tuple[str | None, str | None]:
    """A site that outlets.yaml does not know, named by its own copyright line near the end of the page:
    `"© 2023 Diplomatic Academy of Vietnam"` -> that name (the canonical one if outlets.yaml knows the name).

    >>> copyright_holder("Story.\\n© 2024 Lao Dong Online. All rights reserved.")
    ('Lao Dong', '© 2024 Lao Dong Online. All rights reserved.')
    >>> copyright_holder("Story.\\n© UNFPA Viet Nam 2024")[0]
    'UNFPA Viet Nam'
    >>> copyright_holder("Tin bài.\\n© Bản quyền thuộc về Báo Biên phòng - bienphong.com.vn")[0]
    'Báo Biên phòng'
    >>> copyright_holder("Tin bài.\\n© Bản quyền thuộc Báo Thanh tra - thanhtra.com.vn")[0]
    'Báo Thanh tra'
    >>> copyright_holder("Story.\\nA farmer at work. Photo: © UNICEF")
    (None, None)
    """
    m = _copyright_line(raw_text, tail)
    return (outlet_of_site_name(_printed_holder(m)), m.string) if m else (None, None)


def _copyright_line(raw_text: str, tail: int = 15) -> re.Match | None:
    """The match of the last copyright line among the page's last `tail` lines (`COPYRIGHT_HOLDER`), or None."""
    lines = [line.strip() for line in raw_text[-4000:].splitlines() if line.strip()][-tail:]
    return next((m for line in reversed(lines) if len(line.split()) <= 14 and (m := COPYRIGHT_HOLDER.match(line))),
                None)


def _printed_holder(m: re.Match) -> str:
    """The holder a copyright line names, as printed: "© 2024 Lao Dong Online." -> "Lao Dong Online"."""
    return m.group(1).strip(" .,")
