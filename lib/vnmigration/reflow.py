"""Re-flow hard-wrapped text: plain-text exports (e-mail, PDF-to-text, `fmt`) break every line at a fixed width,
so a sentence, a name ("IOM Director General William" / "Swing") or a date ("on 14" / "March 2023") runs over
two lines. Such a page is recognised by its line lengths, and each line that was broken only because the next
word did not fit is joined to the next one; blank lines, short lines (headers, date lines, sign-offs) and list
items keep their breaks. A page that is not wrapped is returned unchanged.
"""

from __future__ import annotations

import re

MIN_WORDS = 5  # lines with fewer words (headers, menu entries) do not decide the width
MIN_LINES = 6  # a page with fewer long lines gives no evidence of a width
MAX_WIDTH = 110  # no export wraps wider; scraped pages keep each paragraph on one longer line
SHARE_AT_WIDTH = 0.5  # at least this share of the long lines end within SLACK characters of the width
SLACK = 20
MID_SENTENCE = 0.3  # a wrap ends at least this share of the long lines inside a sentence
SENTENCE_END = re.compile(r"[.!?:;][\"”’)]*$")
URL = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)  # a web address, alone
LIST_ITEM = re.compile(r"^\s*(?:[-*•–]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, or None when it was not: most of its longer lines end near one width.

    >>> import textwrap
    >>> wrap_width(textwrap.wrap("Viet Nam and IOM signed a plan to help workers prepare before they leave, with "
    ...                          "training in the provinces of the north and a hotline for families, officials "
    ...                          "said in Hanoi on Tuesday at a meeting of donors, who pledged to fund the plan "
    ...                          "for three years and to review it with the ministry every year in March." * 2, 68))
    68
    >>> wrap_width(["One line of a scraped page that holds a whole paragraph of the story, as pages do."]) is None
    True
    """
    long_lines = [line.rstrip() for line in lines if len(line.split()) >= MIN_WORDS]
    lengths = sorted(map(len, long_lines))
    open_ends = sum(not SENTENCE_END.search(line) for line in long_lines)
    if len(lengths) < MIN_LINES or open_ends < MID_SENTENCE * len(lengths):
        return None  # lines that each end a sentence were written one per line, not wrapped
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

    >>> import textwrap
    >>> story = ("A forum in Can Tho was opened by IOM Director General William Swing and Deputy Minister Tran "
    ...          "Van Nam, who thanked the donors for their support to the provinces of the Mekong Delta since the "
    ...          "floods of 2011. ") * 3
    >>> wrapped = "PRESS RELEASE\\nHa Noi, 14 March 2023\\n\\n" + "\\n".join(textwrap.wrap(story, 61))
    >>> "William\\nSwing" in wrapped or "Tran\\nVan" in wrapped
    True
    >>> reflow(wrapped).split("\\n") == ["PRESS RELEASE", "Ha Noi, 14 March 2023", "", story.strip()]
    True
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[list[str]] = [[lines[0].rstrip()]]  # the pieces of each output line, joined once at the end
    for prev, line in zip(lines, lines[1:], strict=False):
        stripped = line.strip()
        if stripped and _broken_by_wrap(prev, stripped, width) and not LIST_ITEM.match(line):
            out[-1].append(stripped if re.search(r"[^\W\d_]-$", prev.rstrip()) else " " + stripped)
        else:
            out.append([line.rstrip()])
    return "\n".join("".join(pieces) for pieces in out)


def _broken_by_wrap(line: str, following: str, width: int) -> bool:
    """Whether the wrap, not the writer, ended `line`: the first word of `following` would not have fitted after it,
    or `following` goes on in lower case (a headline a writer broke short) after a line that ends no sentence.

    >>> _broken_by_wrap("The meeting was opened by IOM Director General William", "Swing and ...", 60)
    True
    >>> _broken_by_wrap("Ha Noi, 14 March 2023", "The meeting was opened ...", 60)
    False
    >>> _broken_by_wrap("Ngày Quốc tế Người di cư: Liên hợp quốc và Bộ Ngoại giao", "kêu gọi đưa kiều hối ...", 72)
    True
    >>> _broken_by_wrap("Cơ quan ngôn luận của Bộ", "https://example.vn/a-very-long-address-of-the-story-page", 72)
    False
    """
    text, first = line.rstrip(), following.split()[0]
    if not text.strip() or URL.match(first) or URL.fullmatch(text.strip()):
        return False  # an address stands on its own line: a wrap never breaks before or after it
    if first[0].islower() and "." not in first and not SENTENCE_END.search(text):
        return True  # no line of the writer's starts in lower case: "... và Bộ Ngoại giao" / "kêu gọi đưa ..."
    return len(text) + 1 + len(first) > width - 2
