"""A page's headline (`find_title`) and the furniture above it (`drop_head_menu`): menus, a tagline, a kicker, a
title bar that repeats the headline with the site's name, read from the lines `chrome.split_chrome` kept as body."""

from __future__ import annotations

import re
from collections import Counter

from .chrome import (
    NAV_WORDS,
    QUESTION_HEADLINE,
    TERMINAL,
    Page,
    is_breadcrumb,
    is_credit_line,
    is_menu_line,
    is_prose,
    is_short_label,
    nav_key,
)
from .outlets import OUTLET_NAMES
from .persons import fold_diacritics


def find_title(page: Page) -> tuple[str | None, int | None]:
    """The headline and its body index: a 4-30 word line with no final punctuation (or a question), before any prose,
    and after the site's navigation when there is one (a line above it is a tagline).

    >>> from vnmigration.chrome import split_chrome
    >>> find_title(split_chrome("IOM opens an office in Hanoi\\nIOM opened an office in Hanoi on Monday, it said."))
    ('IOM opens an office in Hanoi', 0)
    """
    candidates, menus = [], []
    for i, line in enumerate(page.body):
        if is_menu_line(line, page.label_words) and not _under_breadcrumb(page.body, i, page.headline_words[0]):
            if nav_key(line) not in NAV_WORDS:  # a site's sections, not a share bar
                menus.append(i)
            continue
        n = len(line.split())
        if (not TERMINAL.search(line) or QUESTION_HEADLINE.match(line)) and \
                page.headline_words[0] <= n <= page.headline_words[1]:
            candidates.append(i)
        elif TERMINAL.search(line) and n >= 8:
            break
    twice = {line for line, n in Counter(page.body[:max(candidates, default=0) + 1]).items() if n > 1}
    candidates = [i for i in candidates if page.body[i] not in twice]  # a section name in the menu and as kicker
    # The headline follows the site's navigation, the longest run of menu lines with a candidate after it (the later
    # of equal runs): a line above it is the site's tagline, a short label under the headline ("Press Release", a
    # speaker's name) is not the navigation.
    runs: list[list[int]] = []
    for i in sorted(menus):
        if runs and i - runs[-1][-1] <= 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    # A long entry that two of a site's menu lines follow, with a headline still to come, is one of them ("Climate
    # Action and Disaster Risk Reduction" amid a site's sections, "Thế giới: Vấn đề - Sự kiện" after a longer one); a
    # headline over a short label or two stays ("Press Release").
    inside = set(menus)
    candidates = [i for i in candidates if not ({i + 1, i + 2} <= inside and i < candidates[-1])]
    navigation = max((r for r in runs if any(c > r[-1] for c in candidates)), key=lambda r: (len(r), r[0]),
                     default=None)
    after_menu = [i for i in candidates if navigation is None or i > navigation[-1]]
    lines = frozenset(page.body)
    title_bar = [i for i in candidates if without_site_name(page.body[i], lines) != page.body[i]]  # "X | Site"
    over_date = _over_date_line(page, after_menu)
    first = (title_bar or over_date or after_menu or candidates or [None])[0]
    if first is not None and not title_bar and not over_date and _kicker(page, first, candidates):
        first += 1
    return (None, None) if first is None else (without_site_name(page.body[first], lines), first)


def _over_date_line(page: Page, candidates: list[int]) -> list[int]:
    """[the body index of the line right over the page's own date line], when that line reads as a headline of three
    or more words (not a breadcrumb, a field such as "From: ...", a sentence or a label the page repeats), short as a
    menu entry or not, when nothing else on the page could be the headline, or a list of three or more teasers stands
    right above it ("Tin liên quan" and its links): a news template prints its headline over its date line.

    >>> from vnmigration.chrome import split_chrome
    >>> page = split_chrome("Trang chủ\\nTin tức\\nMái nhà sau lũ dữ\\n22/10/2026\\n"
    ...                     "Sáng qua, Hội Chữ thập đỏ trao 200 bộ dụng cụ sửa nhà cho người dân vùng lũ.")
    >>> page.body[_over_date_line(page, [])[0]]
    'Mái nhà sau lũ dữ'
    """
    i = -1 if page.date_at is None else page.date_at - 1
    if i < 0:
        return []
    line = page.body[i]
    words = len(line.split())
    if not 3 <= words <= page.headline_words[1] or (TERMINAL.search(line) and not QUESTION_HEADLINE.match(line)) \
            or is_breadcrumb(line) or FIELD.match(line) or line in page.body[:i]:
        return []
    teasers = 0
    while i - teasers - 1 in candidates:
        teasers += 1
    return [i] if teasers >= 3 or not set(candidates) - {i} else []


FIELD = re.compile(r"^[^\W\d_][\w()&/’' -]{0,40}:\s")  # a header field: "From: ...", "Organisation: ..."


def _kicker(page: Page, i: int, candidates: list[int]) -> bool:
    """A section label over the headline: a line at most one word longer than a menu label, directly over a longer
    candidate that the story's first prose line follows ("Phụ nữ và biến đổi khí hậu" over the headline).

    >>> from vnmigration.chrome import split_chrome
    >>> page = split_chrome("Women and climate change\\nWomen who were sold abroad come home and rebuild their lives\\n"
    ...                     "They came back in May after two years away from their village.")
    >>> _kicker(page, 0, [0, 1])
    True
    """
    return i + 1 in candidates and i + 2 < len(page.body) and is_prose(page.body[i + 2]) \
        and len(page.body[i].split()) <= page.label_words + 1 < len(page.body[i + 1].split())


def _under_breadcrumb(lines: list[str], i: int, min_words: int) -> bool:
    """A line of headline length right under a breadcrumb trail and right over the story's first prose line: the
    headline of a page whose title is as short as a menu label ("Lịch sử IOM tại Việt Nam").

    >>> _under_breadcrumb(["Home > History", "History of IOM", "IOM opened its office in Hanoi in 1994."], 1, 3)
    True
    """
    return 0 < i < len(lines) - 1 and len(lines[i].split()) >= min_words and is_breadcrumb(lines[i - 1]) \
        and not is_breadcrumb(lines[i]) and is_prose(lines[i + 1])


def without_site_name(title: str, lines: frozenset[str]) -> str:
    """A headline without the site name a page's title bar appends to it: `"Viet Nam: Implementing the Compact |
    United Nations Network on Migration"` -> `"Viet Nam: Implementing the Compact"`, when the name is an outlet's
    or stands on a line of its own on the page, in any case (a masthead in capitals).

    >>> without_site_name("IOM opens an office in Hanoi | VietnamPlus", frozenset())
    'IOM opens an office in Hanoi'
    >>> without_site_name("Migrants | workers and families", frozenset({"Migrants | workers and families"}))
    'Migrants | workers and families'
    """
    m = re.match(r"(.{12,}?)\s+(?:\||[–—-])\s+([^|–—]{2,80})$", title)
    if m is None:
        return title
    site = m.group(2).strip()
    if fold_diacritics(site).lower() in OUTLET_NAMES or site.casefold() in {line.casefold() for line in lines}:
        return m.group(1).strip()
    return title


def drop_head_menu(page: Page, title_at: int | None) -> list[int]:
    """Body indexes of the lines above the headline that are not prose (menus, a site's tagline, a kicker), or of
    the menu lines above the first prose line when there is no headline; and of the runs of short labels before
    the first prose line, a menu under a headline (`_head_menu_runs`), and of breadcrumbs before it.

    >>> from vnmigration.chrome import split_chrome
    >>> page = split_chrome("Home | News\\nIOM opens an office in Hanoi\\nIOM opened an office in Hanoi, it said.")
    >>> page.body[0]
    'Home | News'
    >>> drop_head_menu(page, find_title(page)[1])
    [0]
    """
    prose_at = next((i for i, line in enumerate(page.body) if is_prose(line)), len(page.body))
    end = title_at if title_at is not None else (prose_at if prose_at < len(page.body) else 0)
    if title_at is not None:  # a title bar ("Headline - Site") over the page's own headline: down to that headline
        headline = without_site_name(page.body[title_at], frozenset(page.body))
        end = next((j + 1 for j in range(title_at + 1, prose_at) if page.body[j] == headline != page.body[title_at]),
                   end)
    above = {i for i in range(end)
             if is_menu_line(page.body[i], page.label_words) or (title_at is not None and not is_prose(page.body[i]))}
    crumbs = {i for i in range(prose_at) if is_breadcrumb(page.body[i])}  # a trail under the headline too
    return sorted(above | ((_head_menu_runs(page.body[:prose_at], page.label_words) | crumbs) - {title_at}))


def _head_menu_runs(head: list[str], label_words: int = 4, run: int = 3) -> set[int]:
    """Indexes of the lines of a page's head (before its first prose line) that stand in a run of `run` or more
    short labels of the page's language (`label_words`; not credit lines): a site menu, whatever its entries say.

    >>> sorted(_head_menu_runs(["A title of the story here", "About", "Country Networks", "Migration Hub"]))
    [1, 2, 3]
    """
    end = len(head)
    found: set[int] = set()
    start = 0
    for i in range(end + 1):
        if i < end and is_short_label(head[i], label_words) and not is_credit_line(head[i]):
            continue
        if i - start >= run:
            found.update(range(start, i))
        start = i + 1
    return found
