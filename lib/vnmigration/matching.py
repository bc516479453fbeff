"""One-pass literal matching with Aho-Corasick (pyahocorasick), giving exactly the rows the regexes gave.

Three uses, each checked against the regex it replaces (tests/test_matching.py):
- `word_matches`: codebook surfaces as `finditer` of `(?<!\\w)(?:longest|first)(?!\\w)` would find them;
- `candidate_search`: `pattern.search(text, pos)`, trying the pattern only where one of its literal prefixes
  starts (theme terms);
- `necessary_literals` with `fold_case`: a cheap test that a pattern cannot match a text (outlet markers). It is
  the only code that reads Python's private regex parser (`re._parser`); without it, or if its shape changes, it
  answers None ("no literal known") and callers run the full pattern, with the same rows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import ahocorasick

try:  # the stdlib's own regex parser, private, read only by `necessary_literals` to find a pattern's literals
    from re import _constants as sre_constants
    from re import _parser as sre_parser
except ImportError:  # a Python that lacks or renamed it: no literal prefilter, every pattern runs in full
    sre_constants = sre_parser = None

# Characters that re.IGNORECASE matches with an ASCII letter but str.lower() does not map to it.
CASE_EXTRA_CHARS = "\u0130\u0131\u017f\u212a"
CASE_EXTRAS = str.maketrans(CASE_EXTRA_CHARS, "iisk")
REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")


def automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over `words`, each stored as its own value.

    >>> sorted(w for _, w in automaton(["IOM", "IOM Viet Nam"]).iter("IOM Viet Nam"))
    ['IOM', 'IOM Viet Nam']
    """
    found = ahocorasick.Automaton()
    for word in words:
        found.add_word(word, word)
    found.make_automaton()
    return found


def starts(words: ahocorasick.Automaton, text: str) -> list[tuple[int, str]]:
    """(start, word) of every occurrence of the automaton's words in `text`, overlaps included, by end.

    >>> starts(automaton(["ab", "b"]), "abab")
    [(0, 'ab'), (1, 'b'), (2, 'ab'), (3, 'b')]
    """
    if not len(words):
        return []
    return [(end - len(word) + 1, word) for end, word in words.iter(text)]


def is_word_char(c: str) -> bool:
    """What `\\w` matches in a str pattern: a letter, digit or numeral of any script, or `_`.

    >>> is_word_char("é"), is_word_char("-")
    (True, False)
    """
    return c.isalnum() or c == "_"


def word_matches(words: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) as `finditer` of `(?<!\\w)(?:w1|w2|...)(?!\\w)`, the words escaped and longest first.

    Leftmost, then longest with a word boundary after it; no overlaps; a match hides later ones it covers.

    >>> word_matches(automaton(["IOM", "IOM Viet Nam", "Viet Nam"]), "IOM Viet Nam and IOMX, Viet Nam")
    [(0, 12, 'IOM Viet Nam'), (23, 31, 'Viet Nam')]
    """
    at: dict[int, list[str]] = {}
    for start, word in starts(words, text):
        at.setdefault(start, []).append(word)
    out, pos = [], 0
    for start in sorted(at):
        if start < pos or (start and is_word_char(text[start - 1])):
            continue
        for word in sorted(at[start], key=len, reverse=True):
            end = start + len(word)
            if end == len(text) or not is_word_char(text[end]):
                out.append((start, end, word))
                pos = end
                break
    return out


def literal_alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words that prefers the longest at any position: ["IOM", "IOM Vietnam"] ->
    "IOM Vietnam" first.

    >>> re.fullmatch(literal_alternation(["IOM", "IOM Vietnam", "IOM"]), "IOM Vietnam") is not None
    True
    >>> literal_alternation(["by", "via", "at"])
    'via|at|by'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern:
    """One pattern that matches where any of `patterns` does; none: a pattern that never matches.

    >>> any_of(["floods?", "storms?"]).search("after the storms").group(), any_of([]).search("anything")
    ('storms', None)
    """
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)


def literal_prefix(fragment: str) -> str:
    """The characters every match of a regex fragment begins with, up to its first syntax, space or option.

    >>> literal_prefix("labou?r\\\\s+migrants?"), literal_prefix("(legal|safe)")
    ('labo', '')
    """
    out = []
    for i, c in enumerate(fragment):
        if c in REGEX_SYNTAX or c.isspace():
            break
        if fragment[i + 1:i + 2] in ("?", "*", "{"):
            break
        out.append(c)
    return "".join(out)


def candidate_search(pattern: re.Pattern, text: str, candidates: list[int], pos: int) -> re.Match | None:
    """`pattern.search(text, pos)`, trying only the sorted `candidates`: every position where a match may start.

    >>> candidate_search(re.compile("ab+"), "xabbab", [1, 4], 2)
    <re.Match object; span=(4, 6), match='ab'>
    """
    for i in range(bisect.bisect_left(candidates, pos), len(candidates)):
        if m := pattern.match(text, candidates[i]):
            return m
    return None


def ascii_lower(text: str) -> str:
    """`text` with only A-Z lower-cased, every other character kept (so offsets keep): "ÉTAT GCM" -> "État gcm".

    >>> ascii_lower("ÉTAT GCM")
    'État gcm'
    """
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def fold_case(text: str) -> str:
    """`text` lower-cased so that whatever `re.IGNORECASE` matches with an ASCII string holds it lower-cased.

    >>> fold_case("VIETNAMPLUS \u0130")
    'vietnamplus i'
    """
    if any(c in text for c in CASE_EXTRA_CHARS):  # rare: a translate is 10x slower than these four scans
        text = text.translate(CASE_EXTRAS)
    return text.lower()


def necessary_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased ASCII strings one of which `fold_case` of any text the pattern matches in holds; None: no such set.

    >>> sorted(necessary_literals(re.compile(r"(?m)^(?:[A-Z]\\w+\\s)?\\(VNA(?:/VNS)?\\)")))
    ['(vna']
    >>> sorted(necessary_literals(re.compile("(?i)Nhan Dan|VOV")))
    ['nhan dan', 'vov']
    """
    if sre_parser is None:
        return None
    try:
        return _needles(sre_parser.parse(pattern.pattern, pattern.flags))
    except (AttributeError, TypeError, ValueError, IndexError):  # the private parser changed its shape
        return None


def _needles(items) -> frozenset[str] | None:
    """The best necessary-literal set of one parsed sequence: the set whose shortest string is longest."""
    sets, run = [], []
    for op, av in items:
        if op is sre_constants.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            sets.append(frozenset(["".join(run)]))
            run = []
        if (inner := _item_needles(op, av)) is not None:
            sets.append(inner)
    if run:
        sets.append(frozenset(["".join(run)]))
    return max(sets, key=lambda s: min(map(len, s)), default=None)


def _item_needles(op, av) -> frozenset[str] | None:
    """The necessary literals of one parsed item that is not a plain literal: a group, a branch, a repeat."""
    if op is sre_constants.SUBPATTERN:
        return _needles(av[-1])
    if op is sre_constants.BRANCH:
        branches = [_needles(b) for b in av[1]]
        return None if None in branches else frozenset().union(*branches)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needles(av[2])
    return None
