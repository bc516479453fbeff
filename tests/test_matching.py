"""One-pass matching (Aho-Corasick) gives exactly what the regexes it replaced gave, on the seeds, the eval
articles and a synthetic corpus, and on made-up texts with the awkward cases: overlaps, nested names, word
boundaries, diacritics, case."""

import re
import string
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration.actors import _matchers, _normalise, default_codebook
from vnmigration.corpus import read_corpus
from vnmigration.matching import (
    ascii_lower,
    automaton,
    fold_case,
    is_word_char,
    literal_prefix,
    word_matches,
)
from vnmigration.outlets import (
    OUTLETS,
    copyright_holder,
    end_mark,
    find_outlet,
    masthead,
    signed_masthead,
    wire_agency,
)
from vnmigration.paths import EVAL_ARTICLES
from vnmigration.persons import FOLD, _first_cue_end, fold_diacritics, person_rules
from vnmigration.taxonomy import _theme_starts, _word_matches, load_taxonomy

ASCII_LOWER_TABLE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # the oracle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import build as build_synthetic  # noqa: E402

CODEBOOK = default_codebook()
FULL = [fold_diacritics(s.text) for s in CODEBOOK.surfaces if s.match != "short-form"]  # text is matched folded
SHORT = [fold_diacritics(s.text) for s in CODEBOOK.surfaces if s.match == "short-form"]


def _regex(words) -> re.Pattern:
    """The alternation the codebook matcher used to be: whole words, longest first."""
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


FULL_RE, SHORT_RE = _regex(FULL), _regex(SHORT)


@pytest.fixture(scope="module")
def corpora(seed_dir, tmp_path_factory):
    """Raw texts and sentences of the seeds, the eval articles and 120 synthetic articles."""
    folders = [seed_dir, EVAL_ARTICLES, build_synthetic(120, out=tmp_path_factory.mktemp("synthetic"), seed=3)]
    raws, sentences = [], []
    for folder in folders:
        raws += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
        sentences.append(vn.split_sentences(read_corpus(folder)[0]))
    return raws, pd.concat(sentences, ignore_index=True)


def test_codebook_matches_are_the_regex_matches(corpora):
    full, _, short, _ = _matchers(CODEBOOK)
    texts = [_normalise(t) for t in corpora[1]["text"]]
    assert sum(len(word_matches(full, t)) for t in texts) > 1000
    for text in texts:
        assert word_matches(full, text) == [(m.start(), m.end(), m.group()) for m in FULL_RE.finditer(text)]
        assert word_matches(short, text) == [(m.start(), m.end(), m.group()) for m in SHORT_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FULL + SHORT + ["IOMX", "xIOM", "_", "-", " ", "é", "Viet", "Nam", ",", "1"]),
                max_size=12))
def test_codebook_matches_on_glued_and_nested_names(parts):
    text = "".join(parts)
    for words, pattern in ((_matchers(CODEBOOK)[0], FULL_RE), (_matchers(CODEBOOK)[2], SHORT_RE)):
        assert word_matches(words, text) == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_word_matches_takes_the_leftmost_then_longest_whole_word():
    words = automaton(["Viet", "Viet Nam", "Nam", "Nam Dinh", "Dinh"])
    assert word_matches(words, "Viet Nam Dinh") == [(0, 8, "Viet Nam"), (9, 13, "Dinh")]
    assert word_matches(words, "xViet Nam Dinh") == [(6, 14, "Nam Dinh")]
    assert word_matches(words, "Viet Namx") == [(0, 4, "Viet")]
    assert word_matches(automaton([]), "Viet Nam") == []


def test_theme_hits_are_the_regex_hits(corpora):
    taxonomy = load_taxonomy()
    lowered = ascii_lower("\n".join(corpora[1]["text"]))
    assert lowered == "\n".join(corpora[1]["text"]).translate(ASCII_LOWER_TABLE)
    starts = _theme_starts(taxonomy, lowered)
    total = 0
    for theme in taxonomy:
        regex = [m.span() for m in _word_matches(theme.pattern, lowered)]
        assert [m.span() for m in _word_matches(theme.pattern, lowered, starts[theme.id])] == regex, theme.id
        total += len(regex)
    assert total > 1000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([t for theme in load_taxonomy() for t in theme.terms if t.isalpha()]
                                + ["x", "-", " ", "s", "es", "  ", "\n", "é"]), max_size=10))
def test_theme_hits_on_glued_terms(parts):
    lowered = ascii_lower("".join(parts))
    starts = _theme_starts(load_taxonomy(), lowered)
    for theme in load_taxonomy():
        assert [m.span() for m in _word_matches(theme.pattern, lowered, starts[theme.id])] == \
            [m.span() for m in _word_matches(theme.pattern, lowered)]


def test_literal_prefix_stops_at_anything_optional():
    assert [literal_prefix(f) for f in ("returnees?", "labou?r", "climate[- ]induced", "data\\s+on", "gcm")] == \
        ["returnee", "labo", "climate", "data", "gcm"]


def _outlet_by_regex(raw_text: str):
    if (signed := signed_masthead(raw_text))[0]:  # find_outlet's first step, no literals involved
        return signed
    found = [(o["umbrella"], m.start(), order, o["name"], m.group().strip()) for order, o in enumerate(OUTLETS)
             for pattern in o["signatures"] if (m := pattern.search(raw_text))]
    if found:
        return min(found)[3:]
    return next((named for named in (wire_agency(raw_text), masthead(raw_text), copyright_holder(raw_text))
                 if named[0]), end_mark(raw_text))


def test_outlets_are_the_regex_outlets(corpora):
    raws = corpora[0] + ["© 2024 VIETNAMPLUS", "Source: vnanet.vn", "VOV World | vovworld.vn",
                         "HANOI (VNA) – IOM met.", "\u0130OM Viet Nam", "— VNS"]
    named = [find_outlet(t) for t in raws]
    assert named == [_outlet_by_regex(t) for t in raws]
    assert sum(o is not None for o, _ in named) > 10


def test_necessary_literals_are_in_every_match(corpora):
    for outlet in OUTLETS:
        for pattern, needles in zip(outlet["signatures"], outlet["needles"], strict=True):
            assert needles, pattern.pattern  # every signature of outlets.yaml has literals to look for
            for text in corpora[0]:
                if m := pattern.search(text):
                    assert any(n in fold_case(m.group()) for n in needles), (outlet["name"], m.group())


def test_fold_case_maps_what_ignorecase_matches_to_the_ascii_letter():
    ascii_alike = re.compile("[a-z]", re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        if ascii_alike.fullmatch(c):
            assert [fold_case(c)] == [a for a in string.ascii_lowercase if re.fullmatch(a, c, re.IGNORECASE)], c


def test_is_word_char_is_backslash_w():
    word = re.compile(r"\w")
    assert all(is_word_char(chr(cp)) == bool(word.fullmatch(chr(cp))) for cp in range(sys.maxunicode + 1))


def test_fold_diacritics_is_the_whole_text_translated(corpora):
    for text in corpora[0]:
        assert fold_diacritics(text) == text.translate(FOLD)


def test_no_title_cue_ends_before_its_first_literal(corpora):
    rules = person_rules()
    for text in corpora[1]["text"][:400]:
        folded = fold_diacritics(text)
        ends = [m.end() for m in re.finditer(r"\s+", folded) if m.end() < _first_cue_end(folded, rules)]
        assert not any(rules["cue"].search(folded, 0, end) for end in ends)


def test_without_the_private_regex_parser_the_tables_are_the_same(seed_dir, tmp_path):
    """`necessary_literals` reads `re._parser`; where its shape differs, no prefilter runs and the rows are the same."""
    script = ("import re, sys\n"
              "real = re._parser.parse\n"
              "def parse(*args, **kwargs):  # fails for vnmigration.matching only, as a changed parser would\n"
              "    if sys._getframe(1).f_globals['__name__'] == 'vnmigration.matching':\n"
              "        raise AttributeError('parse changed')\n"
              "    return real(*args, **kwargs)\n"
              "re._parser.parse = parse\n"
              "import vnmigration as vn\n"
              "assert vn.matching.necessary_literals(re.compile('(VNA)')) is None\n"
              f"tables = vn.build_tables({str(seed_dir)!r})\n"
              f"pd = __import__('pandas'); pd.to_pickle(tables, {str(tmp_path / 'fallback.pkl')!r})\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path)
    fallback, tables = pd.read_pickle(tmp_path / "fallback.pkl"), vn.build_tables(seed_dir)
    assert set(fallback) == set(tables)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(fallback[name], table, obj=name)
