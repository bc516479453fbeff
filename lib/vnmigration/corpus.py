"""Load a folder of scraped articles into a tidy `articles` table, reporting every file it cannot use."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import dates as dg
from .matching import automaton, fold_case, necessary_literals, starts
from .paths import DATA, corpus_dir
from .persons import fold_diacritics, person_rules
from .reflow import reflow
from .webpages import HTML_SUFFIXES, PageMeta, read_html

TEXT_SUFFIXES = (".txt",)

ARTICLE_COLUMNS = [
    "article_id", "file", "title", "outlet", "outlet_evidence", "published", "published_precision",
    "published_source", "published_evidence", "dateline", "text", "boilerplate", "captions", "byline", "authors",
    "site_statements", "language", "n_words", "n_words_removed", "encoding", "sha256",
]
PROBLEM_COLUMNS = ["file", "reason", "detail", "kept"]

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
PROSE_WORDS = 8  # a sentence this long is prose: datelines are looked for before and at the first one
CONTACT = re.compile(r"^(Hotline|Tel|Phone|Fax|E-?mail)\s*:", re.IGNORECASE)
# A credit line: a byline ("By Bich Thao", "Written by ..."), a wire's closing credits ("Reporting by X in Hanoi;
# Editing by Y") or a story-and-photo credit ("Story and photos: X", "Interview by X", "Author: X").
_CREDIT_LABEL = (r"(?:(?:Additional\s+)?(?:Reporting|Writing|Editing|Translation|Compilation)\s+by"
                 r"|(?:Translated|Written|Reported|Compiled|Edited|Interview(?:ed)?|Photos?|Text|Story|Article)"
                 r"(?:\s+(?:and|&)\s+(?:photos?|text|video))?(?:\s+by\b|\s*:)|(?:Author|Authors|Reporter)\s*:|By\b)")
CREDIT_LABEL = re.compile(rf"\b{_CREDIT_LABEL}\s*", re.IGNORECASE)
CREDIT_WORDS = frozenset("and by in at photos photo text story reporting editing additional writing translated "
                         "translation compiled compilation edited interview interviewed video article".split())
TEASER_START = re.compile(r"^\([A-Z]{2,6}\)\s")
INSTITUTION = re.compile(r"^(?:THE\s+)?(?:MINISTRY|DEPARTMENT|EMBASSY|OFFICE|COMMITTEE|GOVERNMENT|SOCIALIST REPUBLIC"
                         r"|PEOPLE'S|NATIONAL|UNITED NATIONS|INTERNATIONAL|CONSULATE)\b")
WIRE_LEAD = re.compile(rf"^[A-Z][A-Za-z .'’-]{{1,40}},\s+"
                       rf"(?:{dg.MONTH_PATTERN}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{dg.MONTH_PATTERN})"
                       r"\s+\([A-Za-z ]{2,20}\)\s*[–—-]+\s+(?=\S)")
QUESTION_HEADLINE = re.compile(r"^(?!(?:Q|Question|Reporter)\s*:)[^.!]*\?$")  # "What has changed for Viet Nam?"
PIPE_END = re.compile(r"\s\|\s*$")
TERMINAL = re.compile(r"[.!?:;,][\"”’)]*$")  # a quote or bracket may close the sentence: '... ready."'
WORD = re.compile(r"\S+")
IMAGE = re.compile(r"^(?:[\w.-]+\.(?:jpe?g|png|gif|webp|bmp|svg)|!\[[^\]]*\]\([^)]*\))\s*\|?\s*$", re.IGNORECASE)
COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
DOMAIN_LINE = re.compile(r"(?:^|\|\s*)(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|org|net|com|int|gov)"
                         r"(?:/\S*)?\s*$", re.IGNORECASE)
TAG_LIST = re.compile(r"^(?:tags|keywords|topics)\s*:", re.IGNORECASE)
DOWNLOAD = re.compile(r"^(?:download|tải về)\b(?!.*[.!?]$)", re.IGNORECASE)
MENU_SEPARATOR = re.compile(r"\s[|>/»›]\s")
CRUMB_SEPARATOR = re.compile(r"\s[>»›]\s")
BREADCRUMB = re.compile(r"^(?:You are here:\s*)?(?:Home|Trang chủ)\s*[>»›/]\s", re.IGNORECASE)  # "Home > News > ..."
YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
# The commonest English function words: in English prose they are a third of all words, in other languages
# next to none. A text of 30 words or more with under 10% of them is not English.
ENGLISH_WORDS = frozenset("""the of and to in a is that for on with as was by at from it be are has have will
said its this an were which their not or been also would""".split())
ENGLISH_MIN_SHARE, ENGLISH_MIN_WORDS = 0.10, 30


def _load_chrome() -> dict:
    """The site-independent furniture vocabulary in data/chrome.yaml, lower-cased for lookups."""
    data = yaml.safe_load((DATA / "chrome.yaml").read_text(encoding="utf-8"))
    return {key: [str(w) for w in data[key]] for key in ("section_markers", "share_words", "caption_credits",
                                                         "notices", "head_fields")}


_CHROME = _load_chrome()
SECTION_MARKERS = frozenset(w.lower() for w in _CHROME["section_markers"])
NAV_WORDS = SECTION_MARKERS | {w.lower() for w in _CHROME["share_words"]}
HEAD_FIELD = re.compile(rf"^(?:{'|'.join(re.escape(f) for f in _CHROME['head_fields'])})\s*:\s*\S.{{0,80}}$",
                        re.IGNORECASE)
NOTICE = re.compile("|".join(f"(?:{p})" for p in _CHROME["notices"]), re.IGNORECASE)
_CREDITS = "|".join(re.escape(c) for c in sorted(_CHROME["caption_credits"], key=len, reverse=True))
CAPTION = re.compile(rf"(\((?:{_CREDITS})\s*:[^)]*\)\s*\|?\s*$|(^|\s)(?:{_CREDITS})\s*:\s*[\w .&/©-]{{1,40}}\.?\s*$"
                     r"|(?-i:\.\s+[A-Z]{2,}(?:/[A-Z][\w.'’ -]{1,30})+\s*$)"  # a wire credit: "... REUTERS/Staff"
                     r"|(?-i:\.\s+\((?!END\))[A-Z][A-Za-z]{1,15}\)\s*$)"  # "... in Hanoi. (Kyodo)", not "(END)"
                     # a credit after the caption: "... Photo by VnExpress/Hoang Phong", "... Photo courtesy of IOM"
                     r"|\.\s+(?:Photos?|Image)\s+(?:by|courtesy of)\s+[\w .&/-]{1,40}$)",
                     re.IGNORECASE)


@dataclass
class _Page:
    """The lines of one page, sorted into body and chrome."""

    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)  # the site's own blurbs glued to its menu headings
    header: str | None = None
    dateline: dg.Dateline | None = None


def _self_reference(names: list[str]) -> re.Pattern:
    """A line of the site's own chrome that carries one of its names: the masthead, a copyright line, a
    footer `Name | domain`, or `Source: Name`: ["Nhan Dan Online"] matches "© 2024 Nhan Dan Online"."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?mi)^(?:(?:©|\(c\)|copyright\b)[^\n]*?|source:\s*|[^\n|]*\|\s*)?(?:{alternation})"
                      rf"(?:\s*\|[^\n]*|[^\n]{{0,25}}?(?:all rights reserved|\b\d{{4}}\b)[^\n]{{0,60}})?\s*$")


def _load_outlets() -> list[dict]:
    """The outlet markers in data/outlets.yaml, compiled: [{'name': ..., 'signatures': [re.Pattern], 'needles':
    [the literals one of which each signature needs, or None]}]."""
    entries = yaml.safe_load((DATA / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    outlets = [{"name": e["name"], "umbrella": bool(e.get("umbrella")),
                "names": [fold_diacritics(n).lower() for n in e["names"] + [e["name"]]],
                "signatures": [re.compile(t) for t in e.get("tags") or []] + [_self_reference(e["names"])]}
               for e in entries]
    return [o | {"needles": [necessary_literals(p) for p in o["signatures"]]} for o in outlets]


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


OUTLETS = _load_outlets()
OUTLET_NAMES = frozenset(n for o in OUTLETS for n in o["names"])  # folded, lower case
NEWSROOM_WORDS = person_rules()["organisation_words"] | person_rules()["newsroom_words"]
HONORIFICS = person_rules()["honorifics_longest_first"]  # "Dr. Nguyen Van Binh" -> "Nguyen Van Binh"
# Each signature needs one of its `needles` in the case-folded page: one Aho-Corasick pass over the page tells
# which signatures can match at all, and only those run (`find_outlet`).
OUTLET_LITERALS = automaton({w for o in OUTLETS for needles in o["needles"] if needles for w in needles})


def decode(raw: bytes) -> tuple[str | None, str]:
    """Bytes to text and the encoding used: `b"caf\\xe9"` -> ("café", "cp1252"); NUL bytes -> (None, "binary").

    >>> decode("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode(b"caf\\xe9")
    ('café', 'cp1252')
    """
    if b"\x00" in raw:
        return None, "binary"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def language_of(text: str) -> tuple[str, float]:
    """`"en"` or `"other"`, and the share of English function words: "The ministry and IOM met in Hanoi ..." -> en.

    >>> language_of("The ministry and the IOM met in Hanoi to discuss the plan for migrants.")
    ('en', 0.5)
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    share = sum(w in ENGLISH_WORDS for w in words) / len(words) if words else 1.0
    return ("other" if len(words) >= ENGLISH_MIN_WORDS and share < ENGLISH_MIN_SHARE else "en"), share


def _is_short_label(line: str) -> bool:
    """`"Who We Are"` -> True: at most four words and no sentence punctuation, like a menu entry."""
    return len(line.split()) <= 4 and not TERMINAL.search(line)


def _nav_key(line: str) -> str:
    """A line as looked up among the navigation words: `" Tags: "` -> `"tags"`."""
    return line.strip().rstrip(":").strip().lower()


def is_furniture(line: str) -> bool:
    """A line any site prints around its stories: `"Related news"`, `"© VNA"`, `"IMG_2041.JPG"`, a cookie notice.

    >>> is_furniture("Related news"), is_furniture("IOM met the ministry in Hanoi.")
    (True, False)
    """
    return (_nav_key(line) in NAV_WORDS or bool(
        TAG_LIST.match(line) or COPYRIGHT.match(line) or IMAGE.match(line) or DOMAIN_LINE.search(line)
        or DOWNLOAD.match(line) or NOTICE.search(line)))


def is_breadcrumb(line: str) -> bool:
    """A trail of links: `"Home > News > Migration"`, `"Country Networks > Asia and the Pacific > Viet Nam"`.

    >>> is_breadcrumb("Country Networks > Asia and the Pacific > Viet Nam"), is_breadcrumb("Costs > benefits, it said.")
    (True, False)
    """
    crumbs = CRUMB_SEPARATOR.split(line)
    return bool(BREADCRUMB.match(line)) or (len(crumbs) >= 3 and all(
        0 < len(c.split()) <= 5 and not TERMINAL.search(c) for c in crumbs))


def is_menu_line(line: str) -> bool:
    """A menu entry, a row of them, a breadcrumb or a masthead: `"Home"`, `"English | Tiếng Việt"`,
    `"Home > Media Centre > Speeches"`, `"MINISTRY OF FOREIGN AFFAIRS"`.

    >>> is_menu_line("Home"), is_menu_line("The minister spoke at the opening of the forum.")
    (True, False)
    """
    if is_breadcrumb(line):
        return True
    letters = [c for c in line if c.isalpha()]
    # A masthead is a short capitalised name ("MINISTRY OF LABOUR, INVALIDS AND SOCIAL AFFAIRS"); an all-caps
    # line with punctuation that names no institution is a shouted headline ("IN PHOTOS: LAO CAI YOUTH ...").
    masthead = 2 <= len(line.split()) <= 8 and bool(letters) and all(c.isupper() for c in letters) \
        and (not re.search(r"[,:;?!]", line) or bool(INSTITUTION.match(line)))
    return is_furniture(line) or masthead or all(
        _is_short_label(part) for part in MENU_SEPARATOR.split(line) if part.strip())


def _is_prose(line: str) -> bool:
    """A sentence of the story: `PROSE_WORDS` or more words and final punctuation."""
    return len(line.split()) >= PROSE_WORDS and bool(TERMINAL.search(line))


def lead_of(text: str) -> str | None:
    """The lead of an article body: its first prose line, None when it has none.

    >>> lead_of("Press Release\\nIOM opened an office in Hanoi on Monday, it said.")
    'IOM opened an office in Hanoi on Monday, it said.'
    """
    return next((line for line in text.split("\n") if _is_prose(line)), None)


def _is_headline_like(line: str) -> bool:
    """A line that could be a teaser headline: no final punctuation, at most 25 words."""
    return not TERMINAL.search(line) and len(line.split()) <= 25


def _trailing_block(lines: list[str]) -> int:
    """Where the furniture after the story begins: share bars, tags, related-news teasers, footers.

    Walking back from the end over furniture, teaser-like lines and date lines, the block starts at the
    first furniture line of that run; headline-like lines before it (a contact name, a sub-heading) stay.
    """
    k = len(lines)
    while k > 0 and (_is_furniture_or_teaser(lines[k - 1]) or _is_headline_like(lines[k - 1])
                     or dg.parse_dateline(lines[k - 1]) is not None):
        k -= 1
    while k < len(lines) and not (_is_furniture_or_teaser(lines[k]) or _is_short_label(lines[k])):
        k += 1
    return k


def is_credit_line(line: str) -> bool:
    """A byline or credit line: a credit label first, then names, places and more labels, no other words.

    >>> is_credit_line("Reporting by Tran Khanh Vy in Hanoi; Editing by Clara Whitby"), is_credit_line("By Bich Thao")
    (True, True)
    >>> is_credit_line("By the end of the year, IOM will open two more centres.")
    False
    """
    m = CREDIT_LABEL.match(line)
    if m is None or not line[m.end():m.end() + 1].isupper() or len(line.split()) > 30:
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", line)
    return all(w[0].isupper() or w.lower() in CREDIT_WORDS for w in words)


def authors_of(credits: str | None) -> list[str]:
    """The writers and photographers that credit lines name, in order, without outlets and places:
    `"Reporting by Tran Khanh Vy in Hanoi; Editing by Clara Whitby"` -> ["Tran Khanh Vy", "Clara Whitby"].

    >>> authors_of("By Thu Hang - VET\\nStory and photos: Hoàng Bích | Tuoi Tre News")
    ['Thu Hang', 'Hoàng Bích']
    """
    names: list[str] = []
    for part in re.split(r"[;|,/\n]|\s[–—-]\s|\s+(?:and|&)\s+", CREDIT_LABEL.sub("; ", credits or "")):
        name = re.sub(r"\s+(?:in|at)\s+[A-Z].*$", "", part).strip(" .")  # "Tran Khanh Vy in Hanoi"
        name = next((name[len(h):].strip() for h, _ in HONORIFICS if name.startswith(h + " ")), name)
        words = name.split()
        if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words) and name not in names \
                and not set(words) & NEWSROOM_WORDS and fold_diacritics(name).lower() not in OUTLET_NAMES:
            names.append(name)
    return names


def _is_furniture_or_teaser(line: str) -> bool:
    """Furniture, or a related-article teaser line (`"(VAN) ..."`, `"... |"`) or a byline."""
    return is_furniture(line) or bool(TEASER_START.match(line) or PIPE_END.search(line) or is_credit_line(line))


def normalise_line(line: str) -> str:
    """A line as compared across articles: whitespace collapsed: `" Share  this "` -> `"Share this"`.

    >>> normalise_line(" Share  this ")
    'Share this'
    """
    return " ".join(line.split())


def split_chrome(text: str) -> _Page:
    """Sort a page's lines into body, boilerplate, captions and byline: `"Hotline: 0913"` -> boilerplate.

    The page is read alone: the lines other pages share with it (`template_lines`) are taken out of its body
    afterwards (`drop_templates`), so its headline, dateline, lead and site statements never depend on them.

    >>> page = split_chrome("IOM opens an office in Hanoi\\nIOM opened an office in Hanoi, it said.\\nRelated news")
    >>> page.body, page.boilerplate
    (['IOM opens an office in Hanoi', 'IOM opened an office in Hanoi, it said.'], ['Related news'])
    """
    page = _Page()
    lines = _page_lines(text, page)
    counts = Counter(lines)
    tail = _trailing_block(lines)
    menu: list[str] = []
    in_head = True  # until the first prose line: where a page prints its own date
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (dateline := dg.parse_dateline(line)) is not None:
            if dateline.original:  # a repost's "Originally published: 8 Mar 2022" outranks its own date
                page.dateline = dateline if page.dateline is None or not page.dateline.original else page.dateline
            elif in_head or dateline.byline or (i and is_credit_line(lines[i - 1])) \
                    or dateline.text.lower().startswith(("update", "last update", "published", "posted")):
                page.dateline = page.dateline or dateline
            (page.bylines if dateline.byline else page.boilerplate).append(line)  # "By X | date" is a credit
        elif i >= tail:
            (page.bylines if is_credit_line(line) else page.boilerplate).append(line)
        elif CONTACT.match(line) or is_furniture(line) or (in_head and HEAD_FIELD.match(line)):
            page.boilerplate.append(line)
        elif is_credit_line(line):
            page.bylines.append(line)
        elif CAPTION.search(line) or PIPE_END.search(line):
            page.captions.append(line)
        elif line == "-" or (line.startswith("- ") and len(line.split()) <= 6 and not YEAR.search(line)):
            page.boilerplate.append(line)
        elif _is_short_label(line) and (counts[line] > 1 or nxt.lower().startswith(line.lower())):
            menu.append(line)
            page.boilerplate.append(line)
        elif (glued := next((h for h in menu if line.lower().startswith(h.lower())
                             and line[len(h):len(h) + 1].isupper()), None)):
            page.boilerplate.append(line[:len(glued)])
            page.statements.append(line[len(glued):])
        else:
            if in_head and (lead := dg.parse_dateline(line, lead=True)) is not None:
                page.dateline, line = page.dateline or lead, line[lead.lead_end:]  # a repost's lead goes too
            elif in_head and (wire := WIRE_LEAD.match(line)):  # "HANOI, June 12 (Reuters) - ": no year to read
                page.boilerplate.append(wire.group().strip())
                line = line[wire.end():]
            in_head = in_head and not _is_prose(line)
            page.body.append(line)
    return page


def _is_template(line: str, templates: frozenset[str]) -> bool:
    """A line of a site's template: found on several pages, not prose, and not a lead-in to the lines after it
    (a press release's "For more information, please contact:" introduces its contact block, which is body)."""
    return normalise_line(line) in templates and not _is_prose(line) and not line.endswith(":")


def drop_templates(body: list[str], templates: frozenset[str]) -> tuple[list[str], list[str]]:
    """(body, removed): the body lines of a page read alone, without the lines of its site's template.

    Only lines below the headline and the page's own date reach here, and a template line is never prose, so
    the lead stays the first prose line whatever other pages the corpus holds.

    >>> drop_templates(["IOM opened an office in Hanoi on Monday, it said.", "Most read"], frozenset({"Most read"}))
    (['IOM opened an office in Hanoi on Monday, it said.'], ['Most read'])
    """
    kept, removed = [], []
    for line in body:
        (removed if _is_template(line, templates) else kept).append(line)
    return kept, removed


def _head_menu_runs(head: list[str], run: int = 3) -> set[int]:
    """Indexes of the lines of a page's head (before its first prose line) that stand in a run of `run` or more
    short labels (not credit lines): a site menu, whatever its entries say.

    >>> sorted(_head_menu_runs(["A title of the story here", "About", "Country Networks", "Migration Hub"]))
    [1, 2, 3]
    """
    end = len(head)
    found: set[int] = set()
    start = 0
    for i in range(end + 1):
        if i < end and _is_short_label(head[i]) and not is_credit_line(head[i]):
            continue
        if i - start >= run:
            found.update(range(start, i))
        start = i + 1
    return found


def _page_lines(text: str, page: _Page) -> list[str]:
    """The non-empty stripped lines of a page; a leading `HEADER` (kept in `page.header`) cut from the first."""
    lines = [ln.strip() for ln in text.split("\n")]
    if lines and (m := HEADER.match(lines[0])):
        page.header = m.group(1)
        lines[0] = lines[0][m.end():]
    return [ln for ln in lines if ln]


def template_lines(texts: list[str], outlets: list[str | None]) -> frozenset[str]:
    """Lines that are a site's template: not prose, and on 2+ pages of one outlet or 3+ pages of any outlets.

    Linear in the corpus: each page's distinct lines are counted once in a dict keyed by the line.

    >>> texts = ["Subscribe now\\nIOM met.", "Subscribe now\\nIOM spoke.", "Subscribe now\\nIOM left."]
    >>> template_lines(texts, ["VNA", "VNA", "VNA"])
    frozenset({'Subscribe now'})
    """
    counts: tuple[Counter, Counter] = (Counter(), Counter())
    for text, outlet in zip(texts, outlets, strict=True):
        count_template_candidates(counts, template_candidates(text), outlet)
    return templates_from_counts(*counts)


def template_candidates(text: str) -> tuple[str, ...]:
    """A page's distinct non-prose lines, whitespace collapsed: what `template_lines` counts.

    >>> template_candidates("Subscribe now\\nIOM met the ministry in Hanoi on Monday to review the plan.")
    ('Subscribe now',)
    """
    return tuple(sorted(line for line in {normalise_line(ln) for ln in text.split("\n")}
                        if line and not _is_prose(line)))


def count_template_candidates(counts: tuple[Counter, Counter], lines, outlet: str | None) -> None:
    """Add one page's candidate lines to (pages per line, pages per outlet and line), in place.

    >>> counts = (Counter(), Counter())
    >>> count_template_candidates(counts, ("Share",), "VNA")
    >>> counts[0]["Share"], counts[1][("VNA", "Share")]
    (1, 1)
    """
    anywhere, by_outlet = counts
    for line in lines:
        anywhere[line] += 1
        if outlet is not None:
            by_outlet[(outlet, line)] += 1


def templates_from_counts(anywhere: Counter, by_outlet: Counter) -> frozenset[str]:
    """The template lines: on 3+ pages of any outlets, or on 2+ pages of one outlet.

    >>> templates_from_counts(Counter({"Share": 3, "Home": 1}), Counter({("VNA", "Home"): 1}))
    frozenset({'Share'})
    """
    return frozenset([line for line, n in anywhere.items() if n >= 3]
                     + [line for (_, line), n in by_outlet.items() if n >= 2])


def find_title(page: _Page) -> tuple[str | None, int | None]:
    """The headline and its body index: a 4-30 word line with no final punctuation (or a question), before any prose,
    and after the site's navigation when there is one (a line above it is a tagline).

    >>> find_title(split_chrome("IOM opens an office in Hanoi\\nIOM opened an office in Hanoi on Monday, it said."))
    ('IOM opens an office in Hanoi', 0)
    """
    candidates, menus = [], []
    for i, line in enumerate(page.body):
        if is_menu_line(line):
            if _nav_key(line) not in NAV_WORDS:  # a site's sections, not a share bar
                menus.append(i)
            continue
        n = len(line.split())
        if (not TERMINAL.search(line) or QUESTION_HEADLINE.match(line)) and 4 <= n <= 30:
            candidates.append(i)
        elif TERMINAL.search(line) and n >= 8:
            break
    # The headline follows the site's navigation, the longest run of menu lines with a candidate after it (the later
    # of equal runs): a line above it is the site's tagline, a short label under the headline ("Press Release", a
    # speaker's name) is not the navigation.
    runs: list[list[int]] = []
    for i in sorted(menus):
        if runs and i - runs[-1][-1] <= 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    navigation = max((r for r in runs if any(c > r[-1] for c in candidates)), key=lambda r: (len(r), r[0]),
                     default=None)
    after_menu = [i for i in candidates if navigation is None or i > navigation[-1]]
    lines = frozenset(page.body)
    title_bar = [i for i in candidates if without_site_name(page.body[i], lines) != page.body[i]]  # "X | Site"
    first = (title_bar or after_menu or candidates or [None])[0]
    return (None, None) if first is None else (without_site_name(page.body[first], lines), first)


def without_site_name(title: str, lines: frozenset[str]) -> str:
    """A headline without the site name a page's title bar appends to it: `"Viet Nam: Implementing the Compact |
    United Nations Network on Migration"` -> `"Viet Nam: Implementing the Compact"`, when the name is an outlet's
    or stands on a line of its own on the page.

    >>> without_site_name("IOM opens an office in Hanoi | VietnamPlus", frozenset())
    'IOM opens an office in Hanoi'
    >>> without_site_name("Migrants | workers and families", frozenset({"Migrants | workers and families"}))
    'Migrants | workers and families'
    """
    m = re.match(r"(.{12,}?)\s+(?:\||[–—-])\s+([^|–—]{2,80})$", title)
    if m is None:
        return title
    site = m.group(2).strip()
    if fold_diacritics(site).lower() in OUTLET_NAMES or site in lines:
        return m.group(1).strip()
    return title


def drop_head_menu(page: _Page, title_at: int | None) -> list[int]:
    """Body indexes of the lines above the headline that are not prose (menus, a site's tagline, a kicker), or of
    the menu lines above the first prose line when there is no headline; and of the runs of short labels before
    the first prose line, a menu under a headline (`_head_menu_runs`), and of breadcrumbs before it.

    >>> page = split_chrome("Home | News\\nIOM opens an office in Hanoi\\nIOM opened an office in Hanoi, it said.")
    >>> page.body[0]
    'Home | News'
    >>> drop_head_menu(page, find_title(page)[1])
    [0]
    """
    prose_at = next((i for i, line in enumerate(page.body) if _is_prose(line)), len(page.body))
    end = title_at if title_at is not None else (prose_at if prose_at < len(page.body) else 0)
    above = {i for i in range(end)
             if is_menu_line(page.body[i]) or (title_at is not None and not _is_prose(page.body[i]))}
    crumbs = {i for i in range(prose_at) if is_breadcrumb(page.body[i])}  # a trail under the headline too
    return sorted(above | ((_head_menu_runs(page.body[:prose_at]) | crumbs) - {title_at}))


def find_outlet(raw_text: str) -> tuple[str | None, str | None]:
    """The outlet a page names, and the words that name it: `"(VAN) ..."` -> ("Vietnam Agriculture News", "(VAN)").

    The earliest self-marker on the page wins: a lead tag or masthead comes before a footer; an umbrella
    name ("IOM UN Migration") yields to the office site that carries it ("IOM Asia and the Pacific"). A site
    outlets.yaml does not list is named by the agency tag of its lead (`wire_agency`), else by its masthead
    (`masthead`), else by its own copyright line (`copyright_holder`), else by a wire's end mark (`end_mark`).

    >>> find_outlet("(VAN) The ministry met IOM.")
    ('Vietnam Agriculture News', '(VAN)')
    """
    present = {word for _, word in starts(OUTLET_LITERALS, fold_case(raw_text))}
    found = []
    for order, outlet in enumerate(OUTLETS):
        for pattern, needles in zip(outlet["signatures"], outlet["needles"], strict=True):
            if (needles is None or not needles.isdisjoint(present)) and (m := pattern.search(raw_text)):
                found.append((outlet["umbrella"], m.start(), order, outlet["name"], m.group().strip()))
    if found:
        return min(found)[3:]
    for named in (wire_agency(raw_text), masthead(raw_text), copyright_holder(raw_text)):
        if named[0]:
            return named
    return end_mark(raw_text)


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


COPYRIGHT_HOLDER = re.compile(r"^\s*(?:(?:©|\(c\)|Copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?"
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
    >>> copyright_holder("Story.\\nA farmer at work. Photo: © UNICEF")
    (None, None)
    """
    lines = [line.strip() for line in raw_text[-4000:].splitlines() if line.strip()][-tail:]
    for line in reversed(lines):
        if len(line.split()) <= 14 and (m := COPYRIGHT_HOLDER.match(line)):
            return outlet_of_site_name(m.group(1).strip(" .,")), line
    return None, None


def infer_published(text: str) -> tuple[pd.Timestamp, str | None, str | None]:
    """Date a text from its content: `"on Nov. 22"` + `"scheduled for May 2022"` + past `2021` -> 2021-11-22, day.

    >>> text = "They met on Nov. 22. A forum is scheduled for May 2022. It covered the 2020-2021 period."
    >>> infer_published(text)[:2]
    (Timestamp('2021-11-22 00:00:00'), 'day')
    >>> infer_published("They met on Nov. 22.")
    (NaT, None, None)
    """
    mentions = dg.find_dates(text)
    lower, upper, clues = pd.Timestamp.min, pd.Timestamp.max, []
    for m in mentions:
        if m.year is None:
            continue
        start = dg.resolve(m)
        if m.resolution == "scheduled":
            end = dg.period_end(start, m.precision, m.year_end)
            if end < upper:
                upper = end
                clues.append(f"before '{m.date_text}' (still ahead)")
        else:
            floor = pd.Timestamp(m.year_end, 1, 1) if m.year_end else start
            if floor > lower:
                lower = floor
                clues.append(f"after '{m.date_text}'")
    for m in mentions:
        if m.resolution != "year-from-publication" or m.day is None \
                or (lower == pd.Timestamp.min and upper == pd.Timestamp.max):
            continue
        first = max(lower.year, 1800)
        last = min(upper.year, 2100)
        candidates = [pd.Timestamp(y, m.month, m.day) for y in range(first, last + 1)
                      if dg.day_ok(y, m.month, m.day) and lower <= pd.Timestamp(y, m.month, m.day) <= upper]
        if len(candidates) == 1:
            evidence = f"'{m.date_text}'; " + "; ".join(clues[-1:] + [c for c in clues if "ahead" in c][-1:])
            return candidates[0], "day", evidence
    return pd.NaT, None, None


NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of|for|on|and)?\s*[A-Z][\w’'-]*)+")
# A name that can anchor a year across articles names one happening, not a body that meets every year ("the National
# Assembly ... in October" recurs; "the International Migration Review Forum ... in May" does not)
HAPPENING_NAME = re.compile(r"\b(?:Forum|Review|Conference|Summit|Dialogue|Workshop|Congress|Festival|Expo|Games)\b")
NAMED_MONTH = re.compile(rf"\b({dg.MONTH_PATTERN})\.?,?\s+({dg.YEAR_PATTERN})\b")


def named_months(articles: pd.DataFrame) -> dict[tuple[str, int], dict[int, str]]:
    """Every multi-word name that comes right before a `Month YYYY` date: (name, month) -> {year: where}."""
    index: dict[tuple[str, int], dict[int, str]] = {}
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        for m in NAMED_MONTH.finditer(text):
            month, year = dg.MONTHS[m.group(1).lower()], int(m.group(2))
            for n in NAME.finditer(text, max(0, m.start() - 200), m.start()):
                if len(n.group().split()) >= 2 and HAPPENING_NAME.search(n.group()):
                    index.setdefault((n.group(), month), {}).setdefault(
                        year, f"'{m.group()}' in {article_id}")
    return index


def anchor_this_year(articles: pd.DataFrame) -> pd.DataFrame:
    """Date undated rows whose `"in May this year"` event is dated `"May 2022"` in another article -> 2022, year.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2022-06-01", None]),
    ...                          "text": ["The Regional Review Forum met in May 2022.",
    ...                                   "The Regional Review Forum met in May this year."]})
    >>> articles = articles.assign(published_precision=["day", None], published_source=["header", None],
    ...                            published_evidence=[None, None])
    >>> anchor_this_year(articles)[["article_id", "published", "published_precision", "published_source"]]
      article_id  published published_precision published_source
    0          a 2022-06-01                 day           header
    1          b 2022-01-01                year          content
    """
    undated = articles[articles["published"].isna()]
    if undated.empty:
        return articles
    index = named_months(articles)
    found = {}
    for i, article_id, text in zip(undated.index, undated["article_id"], undated["text"], strict=True):
        if (year_evidence := anchor_year(article_id, text, index)) is not None:
            found[i] = year_evidence
    if not found:
        return articles
    out = articles.copy()
    rows = list(found)
    out.loc[rows, "published"] = [pd.Timestamp(year, 1, 1) for year, _ in found.values()]
    out.loc[rows, ["published_precision", "published_source"]] = ["year", "content"]
    out.loc[rows, "published_evidence"] = [evidence for _, evidence in found.values()]
    return out


def anchor_year(article_id: str, text: str, index: dict) -> tuple[int, str] | None:
    """The one year an article's `"in May this year"` names, by another article's `"May 2022"`, with evidence."""
    for m in dg.find_dates(text):
        if m.resolution != "this-year" or m.month is None:
            continue
        sentence_start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        names = sorted({n.group() for n in NAME.finditer(text[sentence_start:m.start])
                        if len(n.group().split()) >= 2 and HAPPENING_NAME.search(n.group())})
        years: dict[int, str] = {}
        for name in names:
            for year, where in index.get((name, m.month), {}).items():
                if not where.endswith(f" in {article_id}"):
                    years.setdefault(year, f"'{m.date_text}' = {name}, {where}")
        if len(years) == 1:
            return next(iter(years.items()))
    return None


def _article_row(path: Path, raw: bytes, text: str, encoding: str, templates: frozenset[str] = frozenset(),
                 meta: PageMeta | None = None, named: tuple[str | None, str | None] | None = None) -> dict:
    """One file's row of the articles table; `meta` is what a saved web page's markup says about itself, and
    `named` the page's `find_outlet` result when the caller already has it."""
    page = split_chrome(text)
    title, title_at = find_title(page)
    if meta is not None and meta.title and title is None and page.body and page.body[0] == meta.title:
        title, title_at = meta.title, 0
    head_menu = drop_head_menu(page, title_at)
    body, shared = drop_templates([line for i, line in enumerate(page.body) if i != title_at and i not in head_menu],
                                  templates)
    page.boilerplate[:0] = [page.body[i] for i in head_menu] + shared
    body_text = "\n".join(body)
    outlet, outlet_evidence = named if named is not None else find_outlet(text)
    if outlet is None and meta is not None and meta.site_name:
        outlet, outlet_evidence = outlet_of_site_name(meta.site_name), f"site name: {meta.site_name}"
    if meta is not None and meta.date:
        published, precision = pd.Timestamp(meta.date), "day"
        source, evidence = "html-meta", f"page metadata {meta.date}"
    elif page.header:
        published, precision, source, evidence = pd.Timestamp(page.header), "day", "header", f"date {page.header}"
    elif page.dateline:
        published, precision = page.dateline.date, page.dateline.precision
        source, evidence = "dateline", page.dateline.evidence
    else:
        published, precision, evidence = infer_published(body_text)
        source = "content" if precision else None
    removed = page.boilerplate + page.captions + page.bylines + page.statements
    credits = page.bylines + ([page.dateline.byline] if page.dateline and page.dateline.byline else [])
    return {
        "article_id": path.stem, "file": path.name, "title": title, "outlet": outlet,
        "outlet_evidence": outlet_evidence, "published": published, "published_precision": precision,
        "published_source": source, "published_evidence": evidence,
        "dateline": page.dateline.text if page.dateline else None, "text": body_text,
        "language": language_of(body_text)[0],
        "boilerplate": "\n".join(page.boilerplate), "captions": "\n".join(page.captions),
        "byline": "\n".join(page.bylines) or None,
        "authors": "; ".join(authors_of("\n".join(credits))) or None,
        "site_statements": "\n".join(page.statements) or None,
        "n_words": len(WORD.findall(body_text)),
        "n_words_removed": sum(len(WORD.findall(x)) for x in removed),
        "encoding": encoding, "sha256": hashlib.sha256(raw).hexdigest(),
    }


class CorpusError(ValueError):
    """Raised by `load_articles(strict=True)` when any file is a problem."""


def read_corpus(folder: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`articles` and `problems` for every file in `folder` (default `paths.corpus_dir()`): 5 seeds -> (5 rows, 0).

    `.txt` files are read as text, `.html`/`.htm` as saved web pages; any other file is a problem
    (`unsupported-format`), never silently skipped. Hidden files (`.DS_Store`) are not articles.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM opened it.")
    >>> articles, problems = read_corpus(folder)
    >>> articles[["article_id", "title", "published", "published_precision"]]
      article_id                         title  published published_precision
    0          a  IOM opens an office in Hanoi 2019-03-05                 day
    >>> problems.empty
    True
    """
    return read_files(corpus_files(folder))


def corpus_files(folder: str | Path | None = None) -> list[Path]:
    """Every file of a corpus folder, sorted, hidden files left out: the list `read_corpus` reads.

    A file given for a folder is a CorpusError, a missing folder a FileNotFoundError, each one sentence.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.html").write_text("<p>x</p>"); _ = (folder / "a.txt").write_text("x")
    >>> _ = (folder / ".DS_Store").write_text("")
    >>> [p.name for p in corpus_files(folder)]
    ['a.txt', 'b.html']
    """
    folder = Path(folder) if folder is not None else corpus_dir()
    if folder.is_file():
        raise CorpusError(f"{folder} is a file: give the folder that holds the articles (.txt or .html files)")
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def read_page(path: Path) -> tuple[bytes, str | None, str, PageMeta | None, tuple | None]:
    """One file as (raw, text, encoding, page metadata, problem); the problem row says why it is no article.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.pdf").write_bytes(b"%PDF")
    >>> read_page(folder / "a.pdf")[-1][:2]
    ('a.pdf', 'unsupported-format')
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        return b"", None, "", None, (path.name, "unreadable", str(e), False)
    if path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
        return raw, None, "", None, (path.name, "unsupported-format", f"{path.suffix or 'no suffix'}: only .txt "
                                     "and .html/.htm files are read", False)
    text, encoding = decode(raw)
    meta = None
    if text is not None and path.suffix.lower() in HTML_SUFFIXES:
        text, meta = read_html(text)
    elif text is not None:
        text = reflow(text)  # a plain-text export wrapped at a fixed width: one line per paragraph again
    if text is None:
        return raw, None, encoding, None, (path.name, "binary", "contains NUL bytes", False)
    if not text.strip():
        return raw, None, encoding, None, (path.name, "empty", f"{len(raw)} bytes, no text", False)
    return raw, text, encoding, meta, None


def read_files(paths: list[Path], seen: dict[str, str] | None = None, anchor: bool = True,
               templates: frozenset[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`articles` and `problems` for a list of files; duplicates and date anchors are found within the list.

    `seen` (text digest -> file name) carries duplicate detection across calls, for corpora read in
    partitions; with `anchor=False` undated articles are not dated from other articles (a caller that
    reads partitions anchors them across the whole corpus itself) and get no `no-date` problem yet.
    Site templates (`template_lines`) are found within the list, unless a caller that reads the corpus in
    partitions passes the templates it found over the whole corpus.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "b.txt"):  # the same text twice
    ...     _ = (folder / name).write_text("Hanoi, March 5, 2019 – IOM opened an office in Hanoi, it said.")
    >>> articles, problems = read_files(sorted(folder.iterdir()))
    >>> list(articles["file"]), problems[["file", "reason"]].to_dict("records")
    (['a.txt'], [{'file': 'b.txt', 'reason': 'duplicate'}])
    """
    pages, problems = [], []
    seen = {} if seen is None else seen
    for path in paths:
        raw, text, encoding, meta, problem = read_page(path)
        if problem is not None:
            problems.append(problem)
            continue
        key = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
        if key in seen:
            problems.append((path.name, "duplicate", f"same text as {seen[key]}", False))
            continue
        seen[key] = path.name
        if encoding in ("cp1252", "latin-1"):
            problems.append((path.name, "not-utf8", f"decoded as {encoding}", True))
        pages.append((path, raw, text, encoding, meta, find_outlet(text)))  # one outlet search per page
    if templates is None:
        templates = template_lines([page[2] for page in pages], [page[5][0] for page in pages])
    rows = [_article_row(path, raw, text, encoding, templates, meta, named)
            for path, raw, text, encoding, meta, named in pages]
    problems += [(row["file"], "not-english", f"{language_of(row['text'])[1]:.0%} English function words; kept, "
                  "not mined with English patterns", True) for row in rows if row["language"] != "en"]
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS).pipe(_typed)
    if anchor:
        articles = anchor_this_year(articles)
        problems += no_date_problems(articles)
    problems = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).astype({"kept": bool})
    return articles, problems.sort_values(["file", "reason"], ignore_index=True)


def no_date_problems(articles: pd.DataFrame) -> list[tuple]:
    """A `no-date` problem row for each article still undated: (file, "no-date", detail, kept=True).

    >>> import pandas as pd
    >>> no_date_problems(pd.DataFrame({"file": ["a.txt", "b.txt"], "published": pd.to_datetime([None, "2020-01-02"])}))
    [('a.txt', 'no-date', 'no header, dateline or datable content; published is NaT', True)]
    """
    return [(name, "no-date", "no header, dateline or datable content; published is NaT", True)
            for name in articles.loc[articles["published"].isna(), "file"]]


def _typed(articles: pd.DataFrame) -> pd.DataFrame:
    """Give the articles table its dtypes: published as datetime64, the rest as strings or ints."""
    text_columns = [c for c in ARTICLE_COLUMNS if c not in ("published", "n_words", "n_words_removed")]
    return articles.astype({c: "string" for c in text_columns} | {"n_words": "int64", "n_words_removed": "int64"}) \
        .assign(published=lambda d: pd.to_datetime(d["published"]).astype("datetime64[ns]"))


UNNAMED_OUTLET = "outlet not named"
SITE_PREFIX = "site: "  # the source id of an outlet's own statements: "site: IOM Viet Nam"
STATEMENT_COLUMNS = ["source_id", "outlet", "statement", "first_article", "n_articles"]


def site_statements(articles: pd.DataFrame) -> pd.DataFrame:
    """An outlet's statements about itself in its menus, once per outlet: IOM's "presence in Viet Nam since 1987".

    `source_id` (`"site: IOM Viet Nam"`) is how the timeline cites the outlet's statement; a page that names no
    outlet cites its own article id.

    >>> import pandas as pd
    >>> said = "IOM has had a presence in Viet Nam since 1987."
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": "IOM Viet Nam", "site_statements": said})
    >>> site_statements(articles)[["source_id", "first_article", "n_articles"]]
                source_id first_article  n_articles
    0  site: IOM Viet Nam             a           2
    """
    rows: dict[tuple, list] = {}
    for article_id, outlet, text in zip(articles["article_id"], articles["outlet"], articles["site_statements"],
                                        strict=True):
        if pd.isna(text):
            continue
        for statement in text.split("\n"):
            owner = UNNAMED_OUTLET if pd.isna(outlet) else outlet
            source = article_id if pd.isna(outlet) else SITE_PREFIX + outlet
            rows.setdefault((source, owner, statement), []).append(article_id)
    return pd.DataFrame([(*key, min(ids), len(ids)) for key, ids in rows.items()], columns=STATEMENT_COLUMNS)


def outlet_label(articles: pd.DataFrame) -> pd.Series:
    """The outlet, or a plain note where the text names none: NA -> "outlet not named".

    >>> import pandas as pd
    >>> outlet_label(pd.DataFrame({"outlet": ["VNA", None]})).tolist()
    ['VNA', 'outlet not named']
    """
    return articles["outlet"].fillna(UNNAMED_OUTLET)


def load_articles(folder: str | Path | None = None, strict: bool = False) -> pd.DataFrame:
    """One row per article in `folder` (default: the repo's seeds/); `problems_of(articles)` lists the rest.

    >>> articles = load_articles()
    >>> len(articles) >= 5 and articles["article_id"].is_unique
    True
    """
    articles, problems = read_corpus(folder)
    if len(problems):
        summary = ", ".join(f"{r.file}: {r.reason}" for r in problems.itertuples())
        if strict:
            raise CorpusError(f"{len(problems)} problem(s) in {folder or corpus_dir()}: {summary}")
        warnings.warn(f"{len(problems)} problem(s) while loading the corpus: {summary}", stacklevel=2)
    articles.attrs["problems"] = problems.to_dict("records")
    return articles


def problems_of(articles: pd.DataFrame) -> pd.DataFrame:
    """The problems table that `load_articles` found: columns file, reason, detail, kept.

    >>> problems_of(load_articles()).columns.tolist()
    ['file', 'reason', 'detail', 'kept']
    """
    return pd.DataFrame(articles.attrs.get("problems", []), columns=PROBLEM_COLUMNS).astype({"kept": bool})
