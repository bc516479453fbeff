"""Data-quality checks the corpus notebook reports: spelling variants, likely typos, inferred dates."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]")
# British -> American spelling rules, applied to a lower-cased word (suffix, replacement).
SPELLING_RULES = [
    (r"isation(s?)$", r"ization\1"), (r"is(e|ed|es|ing)$", r"iz\1"), (r"our(s?)$", r"or\1"),
    (r"ence$", r"ense"), (r"yse(d?)$", r"yze\1"), (r"tre(s?)$", r"ter\1"),
]
WORDS_LIKE_BRITISH = frozenset("rise arise wise otherwise advise advised advises advising expertise exercise "
                               "promise promised compromise enterprise premise surprise concise precise "
                               "franchise our hour hours four tour flour pour your yours sour "
                               "since hence fence pence".split())


def _tokens(articles: pd.DataFrame) -> pd.DataFrame:
    """Every word token with its article: `"IOM said"` -> rows (article_id, token) IOM, said."""
    rows = [(aid, t) for aid, text in zip(articles["article_id"], articles["text"], strict=True)
            for t in TOKEN.findall(text)]
    return pd.DataFrame(rows, columns=["article_id", "token"])


def _americanise(word: str) -> str:
    """`"organisation"` -> `"organization"`, `"labour"` -> `"labor"`, `"since"` -> `"since"`."""
    if word in WORDS_LIKE_BRITISH:
        return word
    for pattern, repl in SPELLING_RULES:
        new = re.sub(pattern, repl, word)
        if new != word:
            return new
    return word


def spelling_variants(articles: pd.DataFrame) -> pd.DataFrame:
    """British/American pairs that both occur: organisation (2 articles) / organization (3 articles).

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["The organisation met.", "The organization met."]})
    >>> spelling_variants(articles)
            british      american british_in american_in
    0  organisation  organization          a           b
    """
    tokens = _tokens(articles).assign(word=lambda d: d["token"].str.lower())
    vocab = set(tokens["word"])
    rows = []
    for word in sorted(vocab):
        american = _americanise(word)
        if american != word and american in vocab:
            in_british = sorted(set(tokens.loc[tokens["word"] == word, "article_id"]))
            in_american = sorted(set(tokens.loc[tokens["word"] == american, "article_id"]))
            rows.append((word, american, ", ".join(in_british), ", ".join(in_american)))
    return pd.DataFrame(rows, columns=["british", "american", "british_in", "american_in"])


def _scrambles(word: str, vocabulary: set[str], anagrams: dict[str, set[str]]) -> set[str]:
    """Known words that are `word` with letters swapped: `"eth"` -> {"the"}; past four letters, adjacent swaps."""
    if len(word) <= 4:
        return anagrams["".join(sorted(word))] - {word}
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)} & vocabulary - {word}


def likely_typos(articles: pd.DataFrame, min_ratio: int = 5) -> pd.DataFrame:
    """Rare words with two letters swapped from a word `min_ratio` times commoner: eth -> the, IMO -> IOM.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["eth plan " + "the plan " * 5, "the IOM office"]})
    >>> likely_typos(articles)
      written likely_meant  n_written  n_meant articles
    0     eth          the          1        6        a
    """
    tokens = _tokens(articles)
    counts = Counter(tokens["token"])
    vocabulary = set(counts)
    anagrams: dict[str, set[str]] = {}
    for w in vocabulary:
        if len(w) <= 4:
            anagrams.setdefault("".join(sorted(w)), set()).add(w)
    rows = []
    for word, n in sorted(counts.items()):
        if len(word) < 3:
            continue
        for alt in sorted(_scrambles(word, vocabulary, anagrams)):
            if counts[alt] >= min_ratio * n:
                where = sorted(set(tokens.loc[tokens["token"] == word, "article_id"]))
                rows.append((word, alt, n, counts[alt], ", ".join(where)))
    return pd.DataFrame(rows, columns=["written", "likely_meant", "n_written", "n_meant", "articles"])


def repeated_words(articles: pd.DataFrame) -> pd.DataFrame:
    """Consecutive words where one repeats the other's stem: `"Communications Communication"`.

    >>> import pandas as pd
    >>> repeated_words(pd.DataFrame({"article_id": ["a"], "text": ["Department of Communications Communication"]}))
      article_id                         words
    0          a  Communications Communication
    """
    pattern = re.compile(r"\b([A-Za-z]{4,})s?\s+\1s?\b")
    rows = [(aid, m.group()) for aid, text in zip(articles["article_id"], articles["text"], strict=True)
            for m in pattern.finditer(text)]
    return pd.DataFrame(rows, columns=["article_id", "words"])


def case_variants(articles: pd.DataFrame) -> pd.DataFrame:
    """Tokens written with different capitals: `Covid-19` / `COVID-19`, with their counts.

    >>> import pandas as pd
    >>> case_variants(pd.DataFrame({"article_id": ["a", "b"], "text": ["Covid-19 spread.", "COVID-19 and Covid-19."]}))
        word             spellings
    0  covid  COVID (1), Covid (2)
    """
    tokens = _tokens(articles)
    tokens = tokens[tokens["token"].str.contains(r"[A-Z]") & (tokens["token"].str.len() > 2)]
    spellings = tokens.groupby(tokens["token"].str.lower())["token"].agg(lambda s: sorted(Counter(s).items()))
    spellings = spellings[spellings.map(len) > 1]
    return pd.DataFrame({
        "word": spellings.index,
        "spellings": spellings.map(lambda items: ", ".join(f"{w} ({n})" for w, n in items)).to_numpy(),
    })


def inferred_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles whose publication date did not come from a header or dateline, with the evidence.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2021-11-22", "2022-01-01"]),
    ...                          "published_precision": ["day", "year"], "published_source": ["dateline", "content"],
    ...                          "published_evidence": ["Hanoi, Nov. 22, 2021", "'May 2022' in a"]})
    >>> inferred_dates(articles)[["article_id", "published_source", "published_evidence"]]
      article_id published_source published_evidence
    0          b          content    'May 2022' in a
    """
    cols = ["article_id", "published", "published_precision", "published_source", "published_evidence"]
    return articles.loc[~articles["published_source"].isin(["header", "dateline"]), cols].reset_index(drop=True)


LATE_COLUMNS = ["event_id", "date", "precision", "kind", "article_ids", "evidence"]


def late_happenings(timeline: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Happenings the timeline says took place after the newest article was published: a misread date, or a plan
    read as done, for a researcher to check (and fix in corrections.yaml); none when no article is dated.

    >>> timeline = pd.DataFrame({"event_id": ["E01", "E02"], "date": pd.to_datetime(["2020-05-01", "2027-01-01"]),
    ...                          "precision": ["day", "year"], "kind": ["meeting", "law"], "status": "happened",
    ...                          "article_ids": [["a"], ["b"]], "evidence": ["met", "applies from 2027"]})
    >>> articles = pd.DataFrame({"published": pd.to_datetime(["2021-01-01", None])})
    >>> late_happenings(timeline, articles)["event_id"].tolist()
    ['E02']
    """
    newest = articles["published"].max()
    if pd.isna(newest):
        return pd.DataFrame(columns=LATE_COLUMNS)
    late = (timeline["status"] == "happened") & timeline["date"].notna() & (timeline["date"] > newest)
    return timeline.loc[late, LATE_COLUMNS].reset_index(drop=True)
