"""Re-flow hard-wrapped text: plain-text exports (e-mail, PDF-to-text, `fmt`) break every line at a fixed width,
so a sentence, a name ("IOM Director General William" / "Swing") or a date ("on 14" / "March 2023") runs over
two lines. Such a page is recognised by its line lengths, and each line that was broken only because the next
word did not fit is joined to the next one; blank lines, short lines (headers, date lines, sign-offs) and list
items keep their breaks. A page that is not wrapped is returned unchanged.
"""

from __future__ import annotations

import re

MIN_WORDS = 5  # lines with fewer words (headers, menu entries) do not decide the width
MAX_WIDTH = 110  # no export wraps wider; scraped pages keep each paragraph on one longer line
SHARE_AT_WIDTH = 0.5  # at least this share of the long lines end within SLACK characters of the width
SLACK = 20
LIST_ITEM = re.compile(r"^\s*(?:[-*•–]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, or None when it was not: most of its longer lines end near one width.

    >>> wrap_width(["Viet Nam and IOM signed a plan to help workers prepare before they",
    ...             "leave, with training in the provinces of the north and a hotline for",
    ...             "families, officials said in Hanoi on Tuesday at a meeting of donors."])
    68
    >>> wrap_width(["One line of a scraped page that holds a whole paragraph of the story, as pages do."]) is None
    True
    """
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.split()) >= MIN_WORDS)
    if len(lengths) < 3:
        return None
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    width = max(n for n in lengths if n <= typical + 10)  # the longest line that is not an outlier (a URL, a table)
    near = sum(width - SLACK <= n <= width + 2 for n in lengths)
    longer = sum(n > width + 10 for n in lengths)
    if width > MAX_WIDTH or near < SHARE_AT_WIDTH * len(lengths) or longer > 0.1 * len(lengths):
        return None
    return width


def reflow(text: str) -> str:
    """The text with wrapped lines joined: "IOM Director General William\\nSwing met ..." -> one line.

    A line is joined to the next when the next one's first word would have fitted in the width had the line not
    been broken there; a word cut at its hyphen ("Mi-" / "Hyung") is joined without a space.

    >>> print(reflow("PRESS RELEASE\\nHa Noi, 14 March 2023\\n\\n"
    ...              "A forum in Can Tho was opened by IOM Director General William\\n"
    ...              "Swing and Deputy Minister Tran Van Nam, who thanked the\\n"
    ...              "donors for their support to the provinces of the Mekong Delta\\n"
    ...              "since the floods of 2011."))
    PRESS RELEASE
    Ha Noi, 14 March 2023
    <BLANKLINE>
    A forum in Can Tho was opened by IOM Director General William Swing and Deputy Minister Tran Van Nam, who \
thanked the donors for their support to the provinces of the Mekong Delta since the floods of 2011.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out = [lines[0].rstrip()]
    for prev, line in zip(lines, lines[1:], strict=False):
        stripped = line.strip()
        if stripped and _broken_by_wrap(prev, stripped, width) and not LIST_ITEM.match(line):
            glue = "" if re.search(r"[^\W\d_]-$", out[-1]) else " "
            out[-1] = out[-1].rstrip() + glue + stripped
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _broken_by_wrap(line: str, following: str, width: int) -> bool:
    """Whether the wrap, not the writer, ended `line`: the first word of `following` would not have fitted after it.

    >>> _broken_by_wrap("The meeting was opened by IOM Director General William", "Swing and ...", 60)
    True
    >>> _broken_by_wrap("Ha Noi, 14 March 2023", "The meeting was opened ...", 60)
    False
    """
    text = line.rstrip()
    return bool(text.strip()) and len(text) + 1 + len(following.split()[0]) > width - 2
