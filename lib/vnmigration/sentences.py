"""Split article bodies into sentences with offsets, by a small tested rule set.

Why rules and not a library: the offline splitters (pySBD, spaCy's sentencizer) would add a heavy
dependency to the core for a job a screenful of rules does at regex speed (see benchmarks/run.py),
and these rules keep a quotation whole, which the quote extractor relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

import pandas as pd

from .language import LANGUAGE, READ_LANGUAGES
from .schema import ARTICLES, SENTENCES, require

SENTENCE_COLUMNS = ["article_id", "sentence_no", "text", "start", "end", "language"]

# Words that end with a period but do not end a sentence.
ABBREVIATIONS = frozenset("""
mr ms mrs dr prof st no nos jan feb mar apr jun jul aug sep sept oct nov dec gen lt col capt sen rep gov
jr sr vs etc e.g i.e inc co ltd corp dept mt approx vol pp art fig est ph.d h.e
""".split())
CANDIDATE = re.compile(r"[.!?]+[”\"’)\]]*(?=\s+[“\"‘(A-Z0-9])")
QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
TOKEN_BEFORE = re.compile(r"(\S+)$")
DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.?$")


def _is_abbreviation(line: str, dot: int) -> bool:
    """`"Ms. Amy"` at the dot -> True; `"IOM. She"` -> False: the word before the period is an abbreviation."""
    m = TOKEN_BEFORE.search(line, line.rfind(" ", 0, dot + 1) + 1, dot + 1)  # the token starts after any space
    if not m:
        return False
    token = m.group(1).lstrip("(“\"‘")
    return bool(DOTTED.match(token)) or token.rstrip(".").lower() in ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of each sentence: `"Ms. Pope spoke. He left."` -> [(0, 15), (16, 24)].

    >>> sentence_spans("Ms. Pope spoke. He left.")
    [(0, 15), (16, 24)]
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(line)]
        cuts = [0]
        for m in CANDIDATE.finditer(line):
            dot = m.start()
            if any(a < dot < b - 1 for a, b in quoted) or (line[dot] == "." and _is_abbreviation(line, dot)):
                continue
            cuts.append(m.end())
        cuts.append(len(line))
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = line[a:b]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append((offset + a + lead, offset + a + lead + len(stripped)))
        offset += len(line) + 1
    return spans


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of each article's `text`: article_id, sentence_no (from 1), text, start, end and the
    article's language (English when the articles table has none).

    An article in a language the package does not read (`language.READ_LANGUAGES`) has no sentences.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a1"], "text": ["IOM met in Hanoi. Ms. Pope spoke."]})
    >>> split_sentences(articles)
      article_id  sentence_no               text  start  end language
    0         a1            1  IOM met in Hanoi.      0   17       en
    1         a1            2    Ms. Pope spoke.     18   33       en
    """
    require(articles, ARTICLES, "split_sentences")
    if "sentence_no" in articles:
        raise ValueError("split_sentences takes the articles table (load_articles); this one already holds sentences")
    languages = articles["language"] if "language" in articles else pd.Series(LANGUAGE, index=articles.index)
    rows = [
        (article_id, n, text[a:b], a, b, language)
        for article_id, text, language in zip(articles["article_id"], articles["text"], languages, strict=True)
        if language in READ_LANGUAGES
        for n, (a, b) in enumerate(sentence_spans(text), start=1)
    ]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"article_id": "string", "text": "string", "sentence_no": "int64", "start": "int64", "end": "int64",
         "language": "string"})


def language_by_article(sentences: pd.DataFrame) -> dict[str, str]:
    """Each article's language, as its sentences carry it (empty for a table without a language column, whose
    articles are English): a stage picks that language's data per article.

    >>> language_by_article(pd.DataFrame({"article_id": ["a", "a", "b"], "language": ["en", "en", "vi"]}))
    {'a': 'en', 'b': 'vi'}
    """
    if "language" not in sentences:
        return {}
    return dict(zip(sentences["article_id"], sentences["language"], strict=True))


def in_language(sentences: pd.DataFrame, language: str = LANGUAGE) -> pd.DataFrame:
    """The sentences of one language (a table without a language column is English): the rows a language's
    patterns may mine.

    >>> import pandas as pd
    >>> in_language(pd.DataFrame({"text": ["IOM met.", "IOM họp."], "language": ["en", "vi"]}), "vi")["text"].tolist()
    ['IOM họp.']
    """
    if "language" not in sentences:
        return sentences if language == LANGUAGE else sentences.iloc[:0]
    keep = sentences["language"] == language
    return sentences if keep.all() else sentences[keep]


def by_article(sentences: pd.DataFrame, columns: list[str]) -> Iterator[tuple[str, list[tuple]]]:
    """Each article's sentences as plain tuples of `columns`, articles sorted and sentences in order, as
    `groupby("article_id", sort=True)` on the sorted table gives them, without a DataFrame per article.

    >>> list(by_article(split_sentences(pd.DataFrame({"article_id": ["a1"], "text": ["IOM met. It ended."]})),
    ...                 ["sentence_no", "start"]))
    [('a1', [(1, 0), (2, 9)])]
    """
    ordered = sentences.sort_values(["article_id", "sentence_no"])
    rows = zip(ordered["article_id"].tolist(), zip(*(ordered[c].tolist() for c in columns), strict=True), strict=True)
    for article_id, group in groupby(rows, key=itemgetter(0)):
        if not pd.isna(article_id):
            yield article_id, [row for _, row in group]


CONCORDANCE_COLUMNS = ["article_id", "sentence_no", "language", "left", "match", "right"]


def concordance(sentences: pd.DataFrame, pattern: str, width: int = 60, fold: bool = True) -> pd.DataFrame:
    """Keyword in context: every match of `pattern` (a regular expression, any case) in the body sentences, with
    `width` characters either side. With `fold`, diacritics are ignored on both sides, so "Le Thanh Long" finds
    "Lê Thành Long" and "mua ban nguoi" finds "mua bán người"; the text shown is always as written.

    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "text": ["Bộ trưởng Lê Thành Long phát biểu."]}))
    >>> concordance(sentences, "le thanh long", width=10)[["left", "match", "right"]].values.tolist()
    [['Bộ trưởng ', 'Lê Thành Long', ' phát biểu']]
    """
    from .persons import fold_diacritics  # persons imports this module

    require(sentences, SENTENCES, "concordance", ["article_id", "sentence_no", "text"])
    found = re.compile(fold_diacritics(pattern) if fold else pattern, re.IGNORECASE)
    languages = sentences["language"] if "language" in sentences else pd.Series(LANGUAGE, index=sentences.index)
    rows = []
    for article_id, number, text, language in zip(sentences["article_id"], sentences["sentence_no"],
                                                  sentences["text"], languages, strict=True):
        haystack = fold_diacritics(text) if fold else text  # folding keeps every offset
        for m in found.finditer(haystack):
            a, b = m.span()
            rows.append((article_id, number, language, text[max(0, a - width):a], text[a:b], text[b:b + width]))
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)
