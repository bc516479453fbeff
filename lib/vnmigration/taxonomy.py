"""Themes: GCM objectives and cross-cutting themes tagged by lexicon, with a TF-IDF/NMF cross-check."""

from __future__ import annotations

import bisect
import csv
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import snowballstemmer
import yaml

from .actors import mask_actors
from .language import LANGUAGE, language_data, language_path, vietnamese_lower
from .matching import ascii_lower, automaton, candidate_search, literal_prefix, starts
from .paths import GCM_OBJECTIVES
from .schema import ARTICLES, PROFILE, SENTENCES, THEMES, require
from .sentences import in_language

# Matching runs on ASCII-lower-cased text with lower-cased patterns: the same offsets, and about three
# times faster than re.IGNORECASE (benchmarks/run.py).
LOWER = {"en": ascii_lower, "vi": vietnamese_lower}  # how each language's text is lower-cased for its lexicon
UPPER_ESCAPE = re.compile(r"\\[A-Z]")
THEME_COLUMNS = ["article_id", "sentence_no", "theme", "label", "gcm_objective", "term", "start", "end"]


class TaxonomyError(ValueError):
    """The taxonomy is malformed; the message names the bad entry."""


@dataclass(frozen=True, eq=False)
class Theme:
    """One theme: `Theme("gcm-10", "Prevent, combat and eradicate trafficking ...", 10, <pattern>)`."""

    id: str
    label: str
    gcm_objective: int | None
    pattern: re.Pattern
    terms: tuple[str, ...]
    prefixes: frozenset[str] | None = None  # what every match begins with (lower-cased); None: not all literal


FAMILY_WORD = re.compile(r"(?<![\\\w(|?])[a-z]{5,}$")  # a term's last word, plain: it stands for its word family


def _compile_term(term: str, language: str = LANGUAGE) -> str:
    """A lexicon term as a regex fragment: a plain last word of five letters or more matches its word family,
    a shorter one its plural: `"migrant worker"` -> `migrant\\s+worker[a-z]*`, `"visa"` -> `visa(?:s|es)?`; a
    Vietnamese term, which does not inflect, as written: `"mua bán người"` -> `mua\\s+bán\\s+người`."""
    fragment = re.sub(r"\s+", r"\\s+", term.strip())
    if language != LANGUAGE:
        return fragment
    if last := FAMILY_WORD.search(fragment):
        return fragment[:last.start()] + word_family(last.group())
    return fragment + ("(?:s|es)?" if term[-1:].isalpha() else "")


def term_regex(term: str) -> str:
    """A plain search term as the theme lexicon matches it (its last long word stands for its word family), a
    regular expression as given: "remittance" -> `\\bremitt[a-z]*`, "mua bán người" as written.

    >>> import re
    >>> [bool(re.search(term_regex("remittance"), w)) for w in ("remitting", "remittances", "remit")]
    [True, True, False]
    """
    if re.search(r"[\\^$.|?*+()\[\]{}]", term):
        return term
    return r"\b" + _compile_term(term.lower(), LANGUAGE if term.isascii() else "vi")


@cache
def word_family(word: str) -> str:
    """A regex for the words that share `word`'s Snowball English stem as their beginning: `"remittance"` ->
    `remitt[a-z]*` (remittances, remitting); where the stem is no prefix of the word, the word or the stem:
    `"policy"` -> `polic(?:y|i[a-z]*)` (policies, not police).

    >>> word_family("remittance"), word_family("policy"), word_family("trafficking")
    ('remitt[a-z]*', 'polic(?:y(?:s|es)?|i[a-z]*)', 'traffick[a-z]*')
    """
    stem = _stemmer().stemWord(word)
    common = len(os.path.commonprefix([stem, word]))
    if common == len(stem):
        return stem + "[a-z]*"
    return f"{word[:common]}(?:{word[common:]}(?:s|es)?|{stem[common:]}[a-z]*)"


@cache
def _stemmer():
    """Snowball's English (Porter2) stemmer."""
    return snowballstemmer.stemmer("english")


def load_objectives(path: str | Path | None = None) -> dict[int, str]:
    """The 23 GCM objectives by number, with their official titles: {10: "Prevent, combat and eradicate ..."}.

    >>> load_objectives()[10]
    'Prevent, combat and eradicate trafficking in persons in the context of international migration'
    """
    with open(path or GCM_OBJECTIVES, encoding="utf-8", newline="") as f:
        return {int(row["objective"]): row["title"] for row in csv.DictReader(f)}


def parse_taxonomy(data: dict, objectives: dict[int, str], language: str = LANGUAGE) -> tuple[Theme, ...]:
    """Validate a parsed taxonomy dict and compile its themes; raise TaxonomyError naming the bad entry.

    >>> import yaml
    >>> data = yaml.safe_load(language_path("taxonomy").read_text(encoding="utf-8"))
    >>> themes = parse_taxonomy(data, load_objectives())
    >>> themes[9].id, themes[9].gcm_objective
    ('gcm-10', 10)
    >>> parse_taxonomy({"objectives": {}}, {10: "Prevent, combat and eradicate trafficking"})
    Traceback (most recent call last):
    ...
    vnmigration.taxonomy.TaxonomyError: objectives [10] have no entry; list every objective, even with no terms
    """
    themes, seen = [], set()
    for e in _entries(data, objectives):
        if e["id"] in seen:
            raise TaxonomyError(f"theme {e['id']!r}: listed twice")
        seen.add(e["id"])
        themes.append(_compile_theme(e, language))
    return tuple(themes)


def _entries(data: dict, objectives: dict[int, str]) -> list[dict]:
    """Every theme entry of a taxonomy, checked: the 23 objectives (each listed), then the cross-cutting themes."""
    if not isinstance(data, dict):
        raise TaxonomyError("taxonomy must be a mapping with 'objectives' and 'cross_cutting'")
    entries = []
    for number, terms in (data.get("objectives") or {}).items():
        if not isinstance(number, int) or number not in objectives:
            raise TaxonomyError(f"objective {number!r}: not a GCM objective number (1-{len(objectives)})")
        entries.append({"id": f"gcm-{number:02d}", "label": objectives[number], "gcm_objective": number,
                        "terms": terms})
    missing = sorted(set(objectives) - {e["gcm_objective"] for e in entries})
    if missing:
        raise TaxonomyError(f"objectives {missing} have no entry; list every objective, even with no terms")
    for i, entry in enumerate(data.get("cross_cutting") or []):
        name = entry.get("id", f"cross_cutting #{i + 1}") if isinstance(entry, dict) else f"cross_cutting #{i + 1}"
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise TaxonomyError(f"theme {name!r}: needs 'id' and 'label'")
        entries.append({"id": entry["id"], "label": entry["label"], "gcm_objective": None,
                        "terms": entry.get("terms")})
    return entries


def _compile_theme(e: dict, language: str = LANGUAGE) -> Theme:
    """One entry's terms checked and compiled into a Theme; raise TaxonomyError naming a bad term."""
    terms = e["terms"]
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise TaxonomyError(f"theme {e['id']!r}: 'terms' must be a non-empty list of strings")
    for t in terms:
        if UPPER_ESCAPE.search(t):
            raise TaxonomyError(f"theme {e['id']!r}: term {t!r} uses an upper-case escape; terms match "
                                "lower-cased text")
        try:
            re.compile(_compile_term(t, language))
        except re.error as err:
            raise TaxonomyError(f"theme {e['id']!r}: term {t!r} is not a valid pattern: {err}") from err
    fragments = [_compile_term(LOWER[language](t), language) for t in terms]
    alternation = "|".join(sorted(fragments, key=len, reverse=True))
    prefixes = frozenset(map(literal_prefix, fragments))
    # No look-behind here: it stops the regex engine from skipping ahead to a possible first
    # character, which made tagging 2.4x slower; tag_themes checks the left boundary itself.
    pattern = re.compile(rf"(?:{alternation})(?![\w-])")
    return Theme(e["id"], e["label"], e["gcm_objective"], pattern, tuple(terms), None if "" in prefixes else prefixes)


@cache
def load_taxonomy(path: str | Path | None = None, language: str = LANGUAGE) -> tuple[Theme, ...]:
    """The package taxonomy (data/en/taxonomy.yaml, read with yaml.safe_load), validated and compiled.

    >>> taxonomy = load_taxonomy()
    >>> len([t for t in taxonomy if t.gcm_objective]) >= 10
    True
    """
    path = path or language_path("taxonomy", language)
    return parse_taxonomy(yaml.safe_load(Path(path).read_text(encoding="utf-8")), load_objectives(), language)


def _word_matches(pattern: re.Pattern, text: str, candidates: list[int] | None = None):
    """Matches of `pattern` that start a word (not after a letter, digit, `_` or `-`): "Xtrafficking" -> none.

    `candidates`, sorted, are the only positions where a match may start (`_theme_starts`); None: anywhere.
    """
    pos = 0
    while m := (pattern.search(text, pos) if candidates is None else candidate_search(pattern, text, candidates, pos)):
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in "_-":
            pos = m.start() + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


@cache
def _prefix_index(taxonomy: tuple[Theme, ...]) -> tuple:
    """An Aho-Corasick automaton over the literal prefixes of the theme terms, and the themes of each prefix."""
    themes_of: dict[str, list[str]] = {}
    for theme in taxonomy:
        for prefix in theme.prefixes or ():
            themes_of.setdefault(prefix, []).append(theme.id)
    return automaton(themes_of), themes_of


def _theme_starts(taxonomy: tuple[Theme, ...], lowered: str) -> dict[str, list[int]]:
    """Where a match of each theme may start in lower-cased text, from one pass over it: {"gcm-10": [12, 80]}.

    A theme with a term that has no literal prefix is left out: its regex searches the whole text.

    >>> _theme_starts(load_taxonomy(), "victims of trafficking")["gcm-10"]
    [0, 11]
    """
    prefixes, themes_of = _prefix_index(taxonomy)
    found: dict[str, set[int]] = {theme.id: set() for theme in taxonomy if theme.prefixes}
    for start, prefix in starts(prefixes, lowered):
        for theme_id in themes_of[prefix]:
            found[theme_id].add(start)
    return {theme_id: sorted(at) for theme_id, at in found.items()}


def tag_themes(sentences: pd.DataFrame, taxonomy: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """One row per theme hit in body sentences: `"victims of trafficking"` -> gcm-10 (objective 10).

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on recruitment fees opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> tag_themes(sentences)[["sentence_no", "theme", "gcm_objective", "term"]]
       sentence_no   theme  gcm_objective                    term
    0            1  gcm-10             10  victims of trafficking
    1            2  gcm-06              6        recruitment fees
    """
    require(sentences, SENTENCES, "tag_themes", ["article_id", "sentence_no", "text", "start"])
    if taxonomy is not None or "language" not in sentences or sentences.empty:
        parts = [_tagged(sentences, taxonomy or load_taxonomy(), ascii_lower)]
    else:  # each language's sentences with its own lexicon (data/<language>/taxonomy.yaml)
        parts = [_tagged(in_language(sentences, language), load_taxonomy(language=language), LOWER[language],
                         language) for language in sorted(set(sentences["language"]))]
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return out.sort_values(["article_id", "sentence_no", "start", "theme"], ignore_index=True)


@cache
def _name_head(language: str = LANGUAGE) -> re.Pattern:
    """What ends just before a capitalised theme term inside a body's name (data/<language>/taxonomy.yaml
    `name_heads`, `name_links`): "Department of " before "International Cooperation", "Cục " before "Quản lý …"."""
    data = language_data("taxonomy", language)
    links = "|".join(map(re.escape, data.get("name_links") or ()))
    link = rf"(?:(?:{links})\s+)?" if links else ""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, data['name_heads']))})\s+{link}$")


def in_a_name(text: str, start: int, language: str = LANGUAGE) -> bool:
    """Whether the term at `start` is a word of a body's name, which guideline C.3 does not count as the theme:
    "the Department of International Cooperation" -> True; "international cooperation" -> False.

    >>> in_a_name("the Department of International Cooperation", 18)
    True
    >>> in_a_name("the department of international cooperation", 18)
    False
    """
    return text[start:start + 1].isupper() and bool(_name_head(language).search(text[max(0, start - 40):start]))


def _tagged(sentences: pd.DataFrame, taxonomy: tuple[Theme, ...], lower, language: str = LANGUAGE) -> pd.DataFrame:
    """tag_themes with one lexicon, on text lower-cased by `lower` (offsets kept); a term in a body's name is
    no hit (`in_a_name`)."""
    ordered = sentences.reset_index(drop=True)
    texts = ordered["text"].tolist()
    offsets, pos = [], 0
    for t in texts:
        offsets.append(pos)
        pos += len(t) + 1
    corpus = "\n".join(texts)
    lowered = lower(corpus)
    ids, numbers, starts = ordered["article_id"].tolist(), ordered["sentence_no"].tolist(), ordered["start"].tolist()
    candidates = _theme_starts(taxonomy, lowered)
    rows = []
    for theme in taxonomy:
        for m in _word_matches(theme.pattern, lowered, candidates.get(theme.id)):
            if in_a_name(corpus, m.start(), language):
                continue
            i = bisect.bisect_right(offsets, m.start()) - 1
            local = m.start() - offsets[i]
            rows.append((ids[i], numbers[i], theme.id, theme.label, theme.gcm_objective, corpus[m.start():m.end()],
                         starts[i] + local, starts[i] + local + len(m.group())))
    out = pd.DataFrame(rows, columns=THEME_COLUMNS).astype({"gcm_objective": "Int64"})
    return out


def theme_profile(themes: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Article-by-theme shares of sentences, plus the GCM objectives each article touches.

    `sentences` gives each article's sentence count (nothing is split again); `articles` the rows, in order.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on recruitment fees opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> themes = tag_themes(sentences)
    >>> theme_profile(themes, sentences, articles)[["article_id", "gcm-06", "gcm-10", "n_sentences", "gcm_objectives"]]
      article_id  gcm-06  gcm-10  n_sentences gcm_objectives
    0         a1     0.5     0.5            2        [6, 10]
    """
    require(themes, THEMES, "theme_profile")
    require(sentences, SENTENCES, "theme_profile", ["article_id"])
    require(articles, ARTICLES, "theme_profile", ["article_id"])
    n_sentences = sentences.groupby("article_id").size()
    per = themes.drop_duplicates(["article_id", "sentence_no", "theme"]).groupby(["article_id", "theme"]).size()
    shares = (per / per.index.get_level_values("article_id").map(n_sentences).to_numpy()).round(3)
    table = shares.unstack(fill_value=0.0).reindex(articles["article_id"], fill_value=0.0)
    objectives = themes.dropna(subset=["gcm_objective"]).groupby("article_id")["gcm_objective"].agg(
        lambda s: sorted({int(x) for x in s}))
    table = table.assign(
        n_sentences=table.index.map(n_sentences).fillna(0).astype(int),
        gcm_objectives=[objectives.get(a, []) for a in table.index],
        n_gcm_objectives=[len(objectives.get(a, [])) for a in table.index],
    )
    table.columns.name = None
    return table.reset_index()


def keyword_in_context(themes: pd.DataFrame, sentences: pd.DataFrame, theme: str, width: int = 60) -> pd.DataFrame:
    """Evidence for one theme: each hit with `width` characters either side, for reading.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
    ...                          "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
    ...                          "text": ["Viet Nam approved the GCM plan in December 2018 to protect victims "
    ...                                   "of trafficking. "
    ...                                   "IOM Vietnam said the forum on recruitment fees opened on Nov. 22."]})
    >>> sentences = split_sentences(articles)
    >>> keyword_in_context(tag_themes(sentences), sentences, "gcm-10", width=20)
      article_id  sentence_no                  left                    term right
    0         a1            1  ber 2018 to protect   victims of trafficking     .
    """
    require(themes, THEMES, "keyword_in_context", ["article_id", "sentence_no", "theme", "start", "end"])
    require(sentences, SENTENCES, "keyword_in_context", ["article_id", "sentence_no", "text", "start"])
    hits = themes[themes["theme"] == theme]
    text = sentences.set_index(["article_id", "sentence_no"])[["text", "start"]]
    rows = []
    for h in hits.itertuples():
        sentence, start = text.loc[(h.article_id, h.sentence_no)]
        a, b = h.start - start, h.end - start
        rows.append((h.article_id, h.sentence_no, sentence[max(0, a - width):a], sentence[a:b],
                     sentence[b:b + width]))
    return pd.DataFrame(rows, columns=["article_id", "sentence_no", "left", "term", "right"])


# --- unsupervised cross-check -----------------------------------------------------------------------

def vectorizer(min_df: int = 1):
    """The TF-IDF set-up both views share: English stop words, unigrams and bigrams."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(stop_words="english", ngram_range=(1, 2), min_df=min_df, sublinear_tf=True,
                           token_pattern=r"(?u)\b[A-Za-z][A-Za-z-]+\b")


def distinctive_terms(articles: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The `n` highest TF-IDF terms per article (documents = articles): rank 1 is the most distinctive.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Trafficking victims need shelter.",
    ...                                                              "Remittances fund rural schools."]})
    >>> distinctive_terms(articles, n=2)
      article_id  rank          term  tfidf
    0          a     1          need  0.378
    1          a     2  need shelter  0.378
    2          b     1          fund  0.378
    3          b     2    fund rural  0.378
    """
    require(articles, ARTICLES, "distinctive_terms")
    vec = vectorizer()
    matrix = vec.fit_transform(mask_actors(articles["text"]))
    return top_terms(matrix.tocsr(), np.array(vec.get_feature_names_out()), articles["article_id"], n)


def top_terms(matrix, vocab: np.ndarray, article_ids, n: int) -> pd.DataFrame:
    """The `n` heaviest terms of each row of a CSR TF-IDF matrix, ties by term: rows [[0.6, 0.8]] -> b, a.

    >>> import scipy.sparse as sp
    >>> top_terms(sp.csr_array([[0.6, 0.8]]), np.array(["a", "b"]), ["x"], 2)
      article_id  rank term  tfidf
    0          x     1    b    0.8
    1          x     2    a    0.6
    """
    rows = []
    for i, article_id in enumerate(article_ids):
        row = slice(matrix.indptr[i], matrix.indptr[i + 1])  # the article's non-zero terms only
        terms, weights = matrix.indices[row], matrix.data[row]
        order = sorted(range(len(terms)), key=lambda k: (-weights[k], vocab[terms[k]]))[:n]
        rows += [(article_id, rank, vocab[terms[k]], round(float(weights[k]), 4)) for rank, k in enumerate(order, 1)]
    return pd.DataFrame(rows, columns=["article_id", "rank", "term", "tfidf"])


def fitted_tfidf(document_frequency: np.ndarray, n_documents: int):
    """scikit-learn's TfidfTransformer of `vectorizer()`, fitted from document frequencies alone (a corpus read in
    parts never holds its whole count matrix): idf = ln((1 + n) / (1 + df)) + 1, as `fit` computes it.

    >>> fitted_tfidf(np.array([1, 2]), 2).idf_.round(3).tolist()
    [1.405, 1.0]
    """
    from sklearn.feature_extraction.text import TfidfTransformer
    transformer = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True)
    idf = np.log((n_documents + 1.0) / (document_frequency.astype(np.float64) + 1.0)) + 1.0
    transformer.idf_, transformer.n_features_in_ = idf, len(idf)
    return transformer


def _fit_nmf(sentences: pd.DataFrame, k: int):
    """Fit NMF with k topics on the sentence TF-IDF matrix (actor names masked): (model, weights, vocab)."""
    from sklearn.decomposition import NMF
    vec = vectorizer(min_df=2)
    matrix = vec.fit_transform(mask_actors(sentences["text"]))
    model = NMF(n_components=k, init="nndsvd", random_state=0, max_iter=1000)
    weights = model.fit_transform(matrix)
    return model, weights, np.array(vec.get_feature_names_out())


def nmf_diagnostics(sentences: pd.DataFrame, ks=range(2, 9)) -> pd.DataFrame:
    """Per k: reconstruction error, its relative drop, and the size of the smallest topic (sentences it leads).

    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"text": ["labour migrants send remittances home",
    ...                                    "remittances support migrant families",
    ...                                    "trafficking victims receive shelter",
    ...                                    "shelter protects trafficking victims"]})
    >>> nmf_diagnostics(sentences, ks=[2])[["k", "smallest_topic"]]
       k  smallest_topic
    0  2               2
    """
    require(sentences, SENTENCES, "nmf_diagnostics", ["text"])
    rows = []
    for k in ks:
        model, weights, _ = _fit_nmf(sentences, k)
        leads = np.bincount(weights.argmax(axis=1)[weights.max(axis=1) > 0], minlength=k)
        rows.append((k, round(float(model.reconstruction_err_), 4), int(leads.min())))
    out = pd.DataFrame(rows, columns=["k", "error", "smallest_topic"])
    return out.assign(drop=(-out["error"].pct_change()).round(4))


def choose_k(diagnostics: pd.DataFrame, min_topic: int = 5) -> int:
    """The largest k whose every topic leads at least `min_topic` sentences (no topic is one article's aside).

    >>> import pandas as pd
    >>> choose_k(pd.DataFrame({"k": [2, 3, 4], "smallest_topic": [9, 6, 2]}), min_topic=5)
    3
    """
    ok = diagnostics[diagnostics["smallest_topic"] >= min_topic]
    return int(ok["k"].max()) if len(ok) else int(diagnostics["k"].min())


def nmf_topics(sentences: pd.DataFrame, k: int, n_terms: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An NMF topic model of sentences (deterministic: nndsvd start, fixed seed).

    Returns (topics: topic, rank, term, weight) and (assignments: article_id, sentence_no, topic, weight).

    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": "a", "sentence_no": [1, 2, 3, 4],
    ...                           "text": ["labour migrants send remittances home",
    ...                                    "remittances support migrant families",
    ...                                    "trafficking victims receive shelter",
    ...                                    "shelter protects trafficking victims"]})
    >>> topics, assignments = nmf_topics(sentences, k=2, n_terms=2)
    >>> topics[["topic", "rank", "term"]]
       topic  rank         term
    0      0     1      shelter
    1      0     2  trafficking
    2      1     1  remittances
    3      1     2      shelter
    >>> assignments["topic"].tolist()
    [1, 1, 0, 0]
    """
    require(sentences, SENTENCES, "nmf_topics", ["article_id", "sentence_no", "text"])
    model, weights, vocab = _fit_nmf(sentences, k)
    topics = [(t, rank, vocab[j], round(float(model.components_[t, j]), 4))
              for t in range(k)
              for rank, j in enumerate(sorted(range(len(vocab)), key=lambda j: (-model.components_[t, j], vocab[j]))
                                       [:n_terms], 1)]
    best = weights.argmax(axis=1)
    assignments = pd.DataFrame({"article_id": sentences["article_id"].to_numpy(),
                                "sentence_no": sentences["sentence_no"].to_numpy(),
                                "topic": np.where(weights.max(axis=1) > 0, best, -1),
                                "weight": weights.max(axis=1).round(4)})
    return pd.DataFrame(topics, columns=["topic", "rank", "term", "weight"]), assignments


def compare_topics(topics: pd.DataFrame, assignments: pd.DataFrame, themes: pd.DataFrame,
                   taxonomy: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """Per topic: the taxonomy theme its sentences carry most, how many carry none, and top terms no theme covers.

    >>> import pandas as pd
    >>> topics = pd.DataFrame({"topic": 0, "rank": [1, 2], "term": ["trafficking", "shelter"], "weight": [0.9, 0.5]})
    >>> assignments = pd.DataFrame({"article_id": "a", "sentence_no": [1, 2], "topic": [0, 0], "weight": [0.8, 0.7]})
    >>> themes = pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "theme": ["gcm-10"]})
    >>> compare_topics(topics, assignments, themes)[["topic", "main_theme", "n_untagged", "terms_no_theme_covers"]]
       topic main_theme  n_untagged terms_no_theme_covers
    0      0     gcm-10           1               shelter
    """
    taxonomy = taxonomy or load_taxonomy()
    tagged = themes.drop_duplicates(["article_id", "sentence_no", "theme"])
    rows = []
    for topic, terms in topics.groupby("topic"):
        members = assignments[assignments["topic"] == topic][["article_id", "sentence_no"]]
        hits = members.merge(tagged, on=["article_id", "sentence_no"])
        counts = hits["theme"].value_counts()
        top = counts.index[0] if len(counts) else None
        untagged = len(members) - hits[["article_id", "sentence_no"]].drop_duplicates().shape[0]
        uncovered = [t for t in terms.sort_values("rank")["term"]
                     if not any(next(_word_matches(th.pattern, ascii_lower(t)), None)
                                for th in taxonomy)]
        rows.append((topic, ", ".join(terms.sort_values("rank")["term"]), len(members), top,
                     round(counts.iloc[0] / len(members), 2) if top else 0.0, untagged, ", ".join(uncovered)))
    return pd.DataFrame(rows, columns=["topic", "top_terms", "n_sentences", "main_theme", "main_theme_share",
                                       "n_untagged", "terms_no_theme_covers"])


def compare_periods(profile: pd.DataFrame, articles: pd.DataFrame, split_year: int) -> pd.DataFrame:
    """Mean sentence share per theme in dated articles before and from `split_year`, and the change, largest first.

    >>> import pandas as pd
    >>> profile = pd.DataFrame({"article_id": ["a", "b"], "gcm-10": [0.5, 0.1], "n_sentences": 10,
    ...                         "gcm_objectives": [[10], [10]], "n_gcm_objectives": 1})
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2020-05-01", "2024-05-01"])})
    >>> compare_periods(profile, articles, 2023)
        theme  before_2023  from_2023  change
    0  gcm-10          0.5        0.1    -0.4
    """
    require(profile, PROFILE, "compare_periods")
    require(articles, ARTICLES, "compare_periods", ["article_id", "published"])
    years = articles.set_index("article_id")["published"].dt.year
    shares = profile.set_index("article_id").drop(columns=["n_sentences", "gcm_objectives", "n_gcm_objectives"])
    year = pd.Series(shares.index.map(years), index=shares.index, dtype="Float64")
    early, late = (year < split_year).fillna(False).to_numpy(bool), (year >= split_year).fillna(False).to_numpy(bool)
    out = pd.DataFrame({f"before_{split_year}": shares[early].mean(), f"from_{split_year}": shares[late].mean()})
    out = out.assign(change=out.iloc[:, 1] - out.iloc[:, 0]).round(3)
    out.index.name = "theme"
    return out.sort_values(["change", "theme"], ascending=[False, True]).reset_index()


def gcm_coverage(themes: pd.DataFrame, taxonomy: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """All 23 objectives with the sentences and articles that touch each (zero where the corpus never does).

    >>> import pandas as pd
    >>> themes = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [1, 2], "theme": "gcm-10", "gcm_objective": 10})
    >>> coverage = gcm_coverage(themes)
    >>> len(coverage)
    23
    >>> coverage.loc[coverage["n_sentences"] > 0, ["objective", "n_sentences", "n_articles"]]
       objective  n_sentences  n_articles
    9         10            2           1
    """
    require(themes, THEMES, "gcm_coverage")
    taxonomy = taxonomy or load_taxonomy()
    hits = themes.dropna(subset=["gcm_objective"]).drop_duplicates(["article_id", "sentence_no", "theme"])
    sentences = hits.groupby("gcm_objective").size()
    articles = hits.groupby("gcm_objective")["article_id"].nunique()
    rows = [(t.gcm_objective, t.label, int(sentences.get(t.gcm_objective, 0)), int(articles.get(t.gcm_objective, 0)))
            for t in taxonomy if t.gcm_objective]
    return pd.DataFrame(rows, columns=["objective", "title", "n_sentences", "n_articles"])
