"""A page's site furniture: its lines sorted into body, chrome, captions, bylines and site statements, read
alone (`split_chrome`), and the lines other pages of its site share (templates); `headlines` finds its headline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import datelines, dates_vi
from . import dates as dg
from .language import all_languages, language_data, script_language
from .matching import any_of, literal_alternation
from .outlets import END_MARK, NEWSROOM_WORDS, OUTLET_NAMES
from .persons import fold_diacritics, person_rules

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
PROSE_WORDS = 8  # a sentence this long is prose: datelines are looked for before and at the first one
CONTACT = re.compile(r"^(Hotline|Tel|Phone|Fax|E-?mail)\s*:", re.IGNORECASE)
# A credit line: a byline ("By Bich Thao", "Written by ..."), a wire's closing credits ("Reporting by X in Hanoi;
# Editing by Y") or a story-and-photo credit ("Story and photos: X", "Interview by X", "Author: X").
_CREDIT_LABEL = (r"(?:(?:Additional\s+)?(?:Reporting|Writing|Editing|Translation|Compilation)\s+by"
                 r"|(?:Translated|Written|Reported|Compiled|Edited|Interview(?:ed)?|Photos?|Text|Story|Article)"
                 r"(?:\s+(?:and|&)\s+(?:photos?|text|video))?(?:\s+by\b|\s*:)|(?:Author|Authors|Author\(s\)|Reporter)\s*:|By\b"
                 # and the labels of other languages (data/<language>/chrome.yaml): "Bài và ảnh:"
                 + "".join(rf"|{re.escape(label)}\s*:" for label in all_languages("chrome")["credit_labels"]) + ")")
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


_CHROME = all_languages("chrome")  # the site-independent furniture words of data/<language>/chrome.yaml, all languages
SECTION_MARKERS = frozenset(w.lower() for w in _CHROME["section_markers"])
NAV_WORDS = SECTION_MARKERS | {w.lower() for w in _CHROME["share_words"]}
HEAD_FIELD = re.compile(rf"^(?:{'|'.join(re.escape(f) for f in _CHROME['head_fields'])})\s*:\s*\S.{{0,80}}$",
                        re.IGNORECASE)
NOTICE = any_of(_CHROME["notices"], re.IGNORECASE)
_CREDITS = literal_alternation(_CHROME["caption_credits"])
CAPTION = re.compile(rf"(\((?:{_CREDITS})\s*:[^)]*\)\s*\|?\s*$|(^|\s)(?:{_CREDITS})\s*:\s*[\w .&/©-]{{1,40}}\.?\s*$"
                     r"|(?-i:\.\s+[A-Z]{2,}(?:/[A-Z][\w.'’ -]{1,30})+\s*$)"  # a wire credit: "... REUTERS/Staff"
                     r"|(?-i:\.\s+\((?!END\))[A-Z][A-Za-z]{1,15}\)\s*$)"  # "... in Hanoi. (Kyodo)", not "(END)"
                     # a credit after the caption: "... Photo by VnExpress/Hoang Phong", "... Photo courtesy of IOM"
                     r"|\.\s+(?:Photos?|Image)\s+(?:by|courtesy of)\s+[\w .&/-]{1,40}$"
                     # a copyright credit after the caption: "... Lao Cai province. © OHCHR/Dao Thu Linh"
                     r"|\.\s+©\s*[\w .&'’/-]{1,50}$"
                     # an agency's photo credit after the caption: "... on Friday. VNS Photo Phạm Thu Hằng"
                     r"|(?-i:\.\s+[A-Z]{2,6}\s+(?:File\s+)?Photos?(?:\s+[^\W\d_][\w'’/-]*){1,4}$))",
                     re.IGNORECASE)


HONORIFICS = person_rules()["honorifics_longest_first"]  # "Dr. Nguyen Van Binh" -> "Nguyen Van Binh"


@dataclass
class Page:
    """The lines of one page, sorted into body and chrome."""

    body: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)  # the site's own blurbs glued to its menu headings
    header: str | None = None
    # how many words a menu label and a headline have in the page's language (data/<language>/chrome.yaml)
    label_words: int = 4
    headline_words: tuple[int, int] = (4, 30)
    signed_names: bool = False  # a writer's name alone on a line signs the story (data/<language>/chrome.yaml)
    dateline: datelines.Dateline | None = None
    date_at: int | None = None  # the body index the page's own date line stood before (`headlines.find_title`)



def is_short_label(line: str, label_words: int = 4) -> bool:
    """`"Who We Are"` -> True: at most `label_words` words (the page language's `label_words`) and no sentence
    punctuation, like a menu entry."""
    return len(line.split()) <= label_words and not TERMINAL.search(line)


def nav_key(line: str) -> str:
    """A line as looked up among the navigation words: `" Tags: "` -> `"tags"`."""
    return line.strip().rstrip(":").strip().lower()


def is_furniture(line: str) -> bool:
    """A line any site prints around its stories: `"Related news"`, `"© VNA"`, `"IMG_2041.JPG"`, a cookie notice.

    >>> is_furniture("Related news"), is_furniture("IOM met the ministry in Hanoi.")
    (True, False)
    """
    return (nav_key(line) in NAV_WORDS or bool(
        TAG_LIST.match(line) or COPYRIGHT.match(line) or IMAGE.match(line) or DOMAIN_LINE.search(line)
        or DOWNLOAD.match(line) or NOTICE.search(line) or END_MARK.match(line)))  # "-- BERNAMA" signs off


def is_breadcrumb(line: str) -> bool:
    """A trail of links: `"Home > News > Migration"`, `"Country Networks > Asia and the Pacific > Viet Nam"`.

    >>> is_breadcrumb("Country Networks > Asia and the Pacific > Viet Nam"), is_breadcrumb("Costs > benefits, it said.")
    (True, False)
    >>> is_breadcrumb("Events > School of Public Policy")
    True
    """
    crumbs = CRUMB_SEPARATOR.split(line)
    return bool(BREADCRUMB.match(line)) or (len(crumbs) >= 3 and all(
        0 < len(c.split()) <= 5 and not TERMINAL.search(c) for c in crumbs)) or (
        len(crumbs) == 2 and len(crumbs[0].split()) <= 3 and 0 < len(crumbs[1].split()) <= 8
        and not TERMINAL.search(line))  # a section and the page's place in it: "Events > Fulbright School"


def is_menu_line(line: str, label_words: int = 4) -> bool:
    """A menu entry, a row of them, a breadcrumb or a masthead: `"Home"`, `"English | Tiếng Việt"`,
    `"Home > Media Centre > Speeches"`, `"MINISTRY OF FOREIGN AFFAIRS"`.

    >>> is_menu_line("Home"), is_menu_line("The minister spoke when the forum opened.")
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
        is_short_label(part, label_words) for part in MENU_SEPARATOR.split(line) if part.strip())


def is_prose(line: str) -> bool:
    """A sentence of the story: `PROSE_WORDS` or more words and final punctuation."""
    return len(line.split()) >= PROSE_WORDS and bool(TERMINAL.search(line))


def lead_of(text: str) -> str | None:
    """The lead of an article body: its first prose line, None when it has none.

    >>> lead_of("Press Release\\nIOM opened an office in Hanoi on Monday, it said.")
    'IOM opened an office in Hanoi on Monday, it said.'
    """
    return next((line for line in text.split("\n") if is_prose(line)), None)


def _is_headline_like(line: str) -> bool:
    """A line that could be a teaser headline: no final punctuation, at most 25 words."""
    return not TERMINAL.search(line) and len(line.split()) <= 25


TAIL_REACH = 15  # lines from the end within which a section marker opens the trailing block


def _trailing_block(lines: list[str]) -> int:
    """Where the furniture after the story begins: share bars, tags, related-news teasers, footers.

    Walking back from the end over furniture, teaser-like lines and date lines, the block starts at the
    first furniture line of that run; headline-like lines before it (a contact name, a sub-heading) stay.
    """
    k = len(lines)
    while k > 0 and (_is_furniture_or_teaser(lines[k - 1]) or _is_headline_like(lines[k - 1])
                     or parse_dateline(lines[k - 1]) is not None):
        k -= 1
    while k < len(lines) and not (_is_furniture_or_teaser(lines[k]) or is_short_label(lines[k])):
        k += 1
    # A section marker ("Related Content") near the end opens the block even when the site's closing sentence
    # follows its teasers ("ReliefWeb is a service provided by ...").
    marker = next((i for i in range(len(lines) - 1, max(-1, len(lines) - 1 - TAIL_REACH), -1)
                   if nav_key(lines[i]) in SECTION_MARKERS), None)
    if marker is not None and sum(map(is_prose, lines[marker + 1:])) <= 1 and any(map(is_prose, lines[:marker])):
        k = min(k, marker)  # after the story, not a menu's "Most read" above it
    return k


# a writer's name alone, signing a story: "Thu Giang", "MẠNH TRƯỜNG", "Huỳnh Anh - Ngọc Thảo (TTXVN/Vietnam+)"
_NAME = r"[^\W\d_][\w'’]*(?:\s+[^\W\d_][\w'’]*){1,3}"
SIGNATURE = re.compile(rf"({_NAME})(?:\s+[-–]\s+({_NAME}))?(?:\s*\([^()]{{2,30}}\))?")
SIGNATURE_AFTER = 3  # how many lines under the page's own date line a signature may stand


def _signatures(lines: list[str], tail: int, page: Page) -> set[int]:
    """The lines that sign a story with a writer's name alone, where a site of a language that signs so
    (`Page.signed_names`) prints it: right over or just under the page's date line, or last in the story (at `tail`).

    >>> page = Page(signed_names=True)
    >>> sorted(_signatures(["Tin tức", "22/10/2026", "Minh Khang", "Sáng qua, Hội trao quà.", "Thu Giang"], 4, page))
    [2, 4]
    """
    if not page.signed_names:
        return set()
    dated = next((i for i, line in enumerate(lines[:tail]) if parse_dateline(line) is not None), None)
    near = {tail - 1, tail} | (set(range(dated - 1, dated + 1 + SIGNATURE_AFTER)) if dated is not None else set())
    return {i for i in near if 0 <= i < len(lines) and _is_signature(lines[i])}


def _is_signature(line: str) -> bool:
    """A line that is only a writer's name (or two), each word capitalised, maybe with an outlet in brackets; in
    capitals, at most three words (a heading such as "THÔNG CÁO BÁO CHÍ" is longer)."""
    m = SIGNATURE.fullmatch(line.strip())
    if m is None:
        return False
    names = [g for g in m.groups() if g]
    words = " ".join(names).split()
    rules = person_rules("vi")  # a place or a body is no writer: "Hà Nội", "Trang chủ"
    return all(w[0].isupper() for w in words) and not set(words) & rules["organisation_words"] \
        and (len(words) <= 3 or not line.isupper()) \
        and not any(fold_diacritics(name) in rules["not_persons"] for name in names)


SIGNED_FOR = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s*/\s*([^/]{2,40})")  # "Name / Outlet"


def is_credit_line(line: str) -> bool:
    """A byline or credit line: a credit label first, then names, places and more labels, no other words; or a
    writer's name signed for a listed outlet after a slash.

    >>> is_credit_line("Reporting by Tran Khanh Vy in Hanoi; Editing by Clara Whitby"), is_credit_line("By Bich Thao")
    (True, True)
    >>> is_credit_line("By the end of the year, IOM will open two more centres.")
    False
    >>> is_credit_line("Ngoc An / Tuoi Tre News"), is_credit_line("Safe Migration / Trafficking")
    (True, False)
    """
    if (signed := SIGNED_FOR.fullmatch(line.strip())) is not None:  # "Ngoc An / Tuoi Tre News"
        return fold_diacritics(signed.group(2)).lower() in OUTLET_NAMES
    m = CREDIT_LABEL.match(line)
    if m is None or not line[m.end():m.end() + 1].isupper() or len(line.split()) > 30:
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", line[m.end():])
    return all(w[0].isupper() or w.lower() in CREDIT_WORDS for w in words)


# The credit a photo caption ends with: "(Ảnh: Phạm Kiên/TTXVN)", "Photo: Nguyen Hong"
CAPTION_CREDIT = re.compile(rf"(?:\(|(?<!\w))(?:{_CREDITS})\s*:\s*([^()|]{{1,60}}?)\s*\)?\s*\|?\s*$"
                            r"|\.\s+©\s*([\w .&'’/-]{1,50}?)\s*$"  # "... © OHCHR/Dao Thu Linh"
                            r"|(?-i:\.\s+[A-Z]{2,6}\s+(?:File\s+)?Photos?\s+([^\W\d_][\w'’/-]*(?:\s+[^\W\d_][\w'’/-]*){0,3}))$",
                            re.IGNORECASE)


def caption_credits(captions: list[str]) -> list[str]:
    """The credits photo captions end with, for `authors_of` to find the photographers in:
    `["Khai trương điểm tư vấn. (Ảnh: Phạm Kiên/TTXVN)"]` -> `["Phạm Kiên/TTXVN"]`.

    >>> caption_credits(["Khai trương điểm tư vấn. (Ảnh: Phạm Kiên/TTXVN)", "No credit here.", "At home. © UN/Lan Anh",
    ...                  "Workers at a job fair on Friday. VNS Photo Đoàn Tùng"])
    ['Phạm Kiên/TTXVN', 'UN/Lan Anh', 'Đoàn Tùng']
    """
    return [next(g for g in m.groups() if g) for line in captions if (m := CAPTION_CREDIT.search(line))]

def _names_an_outlet(key: str) -> bool:
    """A credit that is an outlet's name or opens one ("tuoi tre" of "Tuoi Tre News"): an outlet, not a person."""
    return key in OUTLET_NAMES or any(name.startswith(key + " ") for name in OUTLET_NAMES)


def authors_of(credits: str | None) -> list[str]:
    """The writers and photographers that credit lines name, in order, without outlets and places:
    `"Reporting by Tran Khanh Vy in Hanoi; Editing by Clara Whitby"` -> ["Tran Khanh Vy", "Clara Whitby"].

    >>> authors_of("By Thu Hang - VET\\nStory and photos: Hoàng Bích | Tuoi Tre News\\nHOÀNG BÍCH\\nMinh Thu (VNA)")
    ['Thu Hang', 'Hoàng Bích', 'Minh Thu']
    """
    names: dict[str, str] = {}  # by folded name: a byline in capitals over the story and its signature below are one
    for part in re.split(r"[;|,/\n]|\s[–—-]\s|\s+(?:and|&)\s+", CREDIT_LABEL.sub("; ", credits or "")):
        name = re.sub(r"\s+(?:in|at)\s+[A-Z].*$", "", part).strip(" .")  # "Tran Khanh Vy in Hanoi"
        name = re.sub(r"\s*\([^()]*\)$", "", name)  # "Minh Thu (Vietnam+)", "HÀ LINH (thực hiện)"
        name = next((name[len(h):].strip() for h, _ in HONORIFICS if name.startswith(h + " ")), name)
        words, key = name.split(), fold_diacritics(name).lower()
        if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words) and key not in names \
                and not set(words) & NEWSROOM_WORDS and not _names_an_outlet(key):
            names[key] = name
    return list(names.values())


def _is_furniture_or_teaser(line: str) -> bool:
    """Furniture, or a related-article teaser line (`"(VAN) ..."`, `"... |"`) or a byline."""
    return is_furniture(line) or bool(TEASER_START.match(line) or PIPE_END.search(line) or is_credit_line(line))


def normalise_line(line: str) -> str:
    """A line as compared across articles: whitespace collapsed: `" Share  this "` -> `"Share this"`.

    >>> normalise_line(" Share  this ")
    'Share this'
    """
    return " ".join(line.split())


# labels that make a date line the page's own wherever it stands (data/<language>/calendar.yaml published_labels)
DATE_LABELS = tuple(label.lower() for label in all_languages("calendar").get("published_labels", ()))


def _keep_dateline(page: Page, dateline: datelines.Dateline, in_head: bool) -> None:
    """Keep a date line as the page's own: a repost's "Originally published: 8 Mar 2022" outranks its own date; else
    the first in the head (`in_head`: a standfirst above at most), after a credit, in a byline, or labelled; and
    where it stood (`Page.date_at`)."""
    if dateline.original:
        page.dateline = dateline if page.dateline is None or not page.dateline.original else page.dateline
    elif in_head or dateline.byline or dateline.text.lower().startswith(DATE_LABELS):
        page.dateline = page.dateline or dateline
    if page.dateline is dateline and page.date_at is None:
        page.date_at = len(page.body)  # where it stood among the body lines: the headline is often right above


NAMES_ONLY = re.compile(r"[^\W\d_][\w'’.-]*(?:(?:\s+|\s*,\s*)(?:and\s+|&\s+)?[^\W\d_][\w'’.-]*){1,7}")


def _after_credit(line: str, before_tail: bool) -> bool:
    """Whether a date line's previous line credits the story: a byline ("By Minh Anh"), or, before the page's
    trailing block, a line of names alone, as an op-ed prints its authors over its date: "Le Minh Chau and Rebecca
    Thorne".

    >>> _after_credit("Le Minh Chau and Rebecca Thorne", True), _after_credit("Read more", True)
    (True, False)
    """
    if is_credit_line(line):
        return True
    return before_tail and NAMES_ONLY.fullmatch(line) is not None \
        and all(w[0].isupper() for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w not in ("and",))


HEAD_LINES = 60  # a site's menu is among a page's first lines


def _glued_heading(line: str, before: list[str], label_words: int) -> str | None:
    """A menu heading the line opens with, glued to the site's blurb: "CHÚNG TÔI LÀ AIIOM là ..." after a menu entry
    "Chúng tôi là ai" `before` it (the page's menu, or its first lines) -> "CHÚNG TÔI LÀ AI"; None when it opens with
    no such label.

    >>> _glued_heading("WHO WE AREIOM is the UN migration agency.", ["Home", "Who We Are"], 4)
    'WHO WE ARE'
    """
    lowered = line.lower()
    return next((line[:len(h)] for h in before if is_short_label(h, label_words) and lowered.startswith(h.lower())
                 and line[len(h):len(h) + 1].isupper()), None)


# A heading in capitals glued to the sentence it heads, listed nowhere on the page: "WHO WE AREWe are the ..."
CAPITALS_GLUED = re.compile(r"[A-Z][A-Z'’&-]*(?: [A-Z][A-Z'’&-]*)+(?=[A-Z][a-z])")


def _glued_capitals(line: str, label_words: int) -> str | None:
    """A heading of two or more words in capitals that the line opens with, glued to a sentence's first word; None
    when it opens otherwise.

    >>> _glued_capitals("WHO WE AREWe are the UN migration agency.", 4), _glued_capitals("HANOI (VNA) - IOM said", 4)
    ('WHO WE ARE', None)
    """
    m = CAPITALS_GLUED.match(line)
    return m.group() if m and len(m.group().split()) <= label_words else None


def parse_dateline(line: str, lead: bool = False) -> datelines.Dateline | None:
    """A page's dateline in any language the package reads: `datelines.parse_dateline`, else `dates_vi.parse_dateline`.

    >>> parse_dateline("Hanoi, March 5, 2019").precision, parse_dateline("Hà Nội, ngày 2 tháng 10 năm 2023").precision
    ('day', 'day')
    """
    return datelines.parse_dateline(line, lead) or dates_vi.parse_dateline(line, lead)


def _new_page(text: str) -> Page:
    """An empty page with its language's word counts: a Vietnamese word is a syllable, so more of them to a label."""
    words = language_data("chrome", script_language(text))
    return Page(label_words=words["label_words"], headline_words=tuple(words["headline_words"]),
                signed_names=words.get("signed_names", False))


def split_chrome(text: str) -> Page:
    """Sort a page's lines into body, boilerplate, captions and byline: `"Hotline: 0913"` -> boilerplate.

    The page is read alone: the lines other pages share with it (`template_lines`) are taken out of its body
    afterwards (`drop_templates`), so its headline, dateline, lead and site statements never depend on them.

    >>> page = split_chrome("IOM opens an office in Hanoi\\nIOM opened an office in Hanoi, it said.\\nRelated news")
    >>> page.body, page.boilerplate
    (['IOM opens an office in Hanoi', 'IOM opened an office in Hanoi, it said.'], ['Related news'])
    """
    page = _new_page(text)
    lines = _page_lines(text, page)
    counts = Counter(lines)
    tail = _trailing_block(lines)
    credits = {i for i, line in enumerate(lines) if is_credit_line(line)} | _signatures(lines, tail, page)
    menu: list[str] = []
    in_head, prose = True, 0  # until the first prose line: where a page prints its own date (or after a standfirst)
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (dateline := parse_dateline(line)) is not None:
            _keep_dateline(page, dateline, prose < 2 or bool(i and _after_credit(lines[i - 1], i < tail)))
            (page.bylines if dateline.byline else page.boilerplate).append(line)  # "By X | date" is a credit
        elif i >= tail:
            (page.bylines if i in credits else page.boilerplate).append(line)
        elif CONTACT.match(line) or is_furniture(line) or (in_head and HEAD_FIELD.match(line)):
            page.boilerplate.append(line)
        elif i in credits:
            page.bylines.append(line)
        elif CAPTION.search(line) or PIPE_END.search(line):
            page.captions.append(line)
        elif line == "-" or (line.startswith("- ") and len(line.split()) <= 6 and not YEAR.search(line)):
            page.boilerplate.append(line)
        elif is_short_label(line, page.label_words) and (counts[line] > 1 or nxt.lower().startswith(line.lower())):
            menu.append(line)
            page.boilerplate.append(line)
        elif (glued := _glued_heading(line, menu, page.label_words)) or \
                len(page.body) < HEAD_LINES and (glued := _glued_heading(line, page.body, page.label_words)
                                                 or _glued_capitals(line, page.label_words)):
            page.boilerplate.append(line[:len(glued)])
            page.statements.append(line[len(glued):])
        else:
            if in_head and (lead := parse_dateline(line, lead=True)) is not None:
                page.dateline, line = page.dateline or lead, line[lead.lead_end:]  # a repost's lead goes too
            elif in_head and (wire := WIRE_LEAD.match(line)):  # "HANOI, June 12 (Reuters) - ": no year to read
                page.boilerplate.append(wire.group().strip())
                line = line[wire.end():]
            prose += is_prose(line)
            in_head = not prose
            page.body.append(line)
    return page


CONTACT_DETAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w|\+?\(?\d[\d ().-]{7,}\d")  # an e-mail address, a phone number


def _is_template(line: str, templates: frozenset[str]) -> bool:
    """A line of a site's template: found on several pages, not prose, and not a lead-in to the lines after it
    (a press release's "For more information, please contact:" introduces its contact block, which is body) nor a
    line of that block, which names someone and how to reach them ("Nguyen Thi Lan, IOM, nlan@iom.int"), whatever
    other pages of the site repeat it."""
    return normalise_line(line) in templates and not is_prose(line) and not line.endswith(":") \
        and not CONTACT_DETAIL.search(line) and not _names_someone(line)


def _names_someone(line: str) -> bool:
    """A line that opens with a person's name and a title after a comma: a contact or a signature ("Dinh Bao Chau,
    Press Officer"), which the page names whatever other pages of its site repeat it.

    >>> _names_someone("Dinh Bao Chau, Press Officer, IOM Hanoi Office"), _names_someone("Privacy Policy, Terms of Use")
    (True, False)
    """
    rules, folded = person_rules(), fold_diacritics(line.strip())
    name = rules["vietnamese"].match(folded) or rules["western"].match(folded)
    return name is not None and rules["title_words"].match(folded[name.end():]) is not None


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


def _page_lines(text: str, page: Page) -> list[str]:
    """The non-empty stripped lines of a page; a leading `HEADER` (kept in `page.header`) cut from the first; before
    the first prose line, a line that goes on in lower case joined to a headline-long line above it (a headline the
    page breaks in two: "Tủa Chùa: Giúp những đứa trẻ theo mẹ trở về" / "có tên trong sổ hộ tịch")."""
    lines = [ln.strip() for ln in text.split("\n")]
    if lines and (m := HEADER.match(lines[0])):
        page.header = m.group(1)
        lines[0] = lines[0][m.end():]
    kept: list[str] = []
    in_head = True
    for line in filter(None, lines):
        if in_head and kept and line[0].islower() and "." not in line.split()[0] and not TERMINAL.search(kept[-1]) \
                and len(kept[-1].split()) >= page.headline_words[0] and not kept[-1].isupper() \
                and not is_credit_line(line) and parse_dateline(line) is None:  # nor a credit: "by X on 4 May 2025"
            kept[-1] = f"{kept[-1]} {line}"
        else:
            kept.append(line)
            in_head = in_head and not is_prose(line)
    return kept


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
                        if line and not is_prose(line)))


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
