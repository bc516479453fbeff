"""Theme tagging: lexicon positives and negatives, no chrome, taxonomy validation, deterministic NMF."""

import re

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration.paths import TAXONOMY
from vnmigration.sentences import split_sentences
from vnmigration.taxonomy import (
    TaxonomyError,
    _word_matches,
    compare_topics,
    keyword_in_context,
    load_objectives,
    nmf_topics,
    parse_taxonomy,
)

ASCII_LOWER_TABLE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # the oracle


def tags(text):
    sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return set(vn.tag_themes(sentences)["theme"])


@pytest.mark.parametrize("text, theme", [
    ("It helps victims of trafficking.", "gcm-10"),
    ("Victims were deceived into online SCAM CENTERS.", "gcm-10"),
    # eval/GUIDELINES.md C: workers sent abroad and labour migration are regular pathways (gcm-05); fees, brokers
    # and contracts are fair recruitment (gcm-06)
    ("They protect migrant workers abroad.", "gcm-05"),
    ("Support for labour migration and labor migration.", "gcm-05"),
    ("Brokers took a month's wages as a service fee.", "gcm-06"),
    ("The province opened a migrant resource centre and a hotline.", "gcm-03"),
    ("Viet Nam and IOM signed a letter of intent on cooperation.", "gcm-23"),
    ("Pre-departure training matters.", "gcm-03"),
    ("Voluntary return and reintegration of returnees.", "gcm-21"),
    ("A storm shelter was built.", "climate-disasters"),
    ("From internal migration to climate-induced displacement.", "gcm-02"),
    ("COVID-19 closed borders.", "covid-19"),
    ("The Covid pandemic hit.", "covid-19"),
    ("It reviewed the National Implementation Plan.", "gcm-implementation"),
    ("It protects the rights of migrants, particularly women.", "gender"),
    ("It supports the 2030 Agenda.", "sustainable-development"),
    ("IOM mobilizes contributions to its core budget.", "funding"),
    ("IOM prioritizes humanitarian activities and disaster response.", "humanitarian"),
    # word families (taxonomy.word_family): inflections and derivations of a term's last word
    ("Workers abroad are remitting 16 billion USD a year.", "gcm-20"),
    ("Women were trafficked across the border.", "gcm-10"),
    ("Recruiters charged high fees.", "gcm-06"),
])
def test_theme_positives(text, theme):
    assert theme in tags(text)


@pytest.mark.parametrize("text, theme", [
    # the same matter as in English, told without the usual keyword (GUIDELINES C.4)
    ("Mỗi tháng chị gửi về cho bố mẹ 8 triệu đồng.", "gcm-20"),
    ("She sends money home to her parents every month.", "gcm-20"),
    ("Lực lượng chức năng đã phối hợp đưa gần 700 người về nước.", "gcm-21"),
    ("Về đến nhà, nhiều chị em không dám ra đường vì sợ hàng xóm xì xào.", "gcm-17"),
    ("Back home, many women feared the gossip of their neighbours.", "gcm-17"),
    ("Công an triệt phá đường dây tổ chức cho người xuất cảnh trái phép sang châu Âu.", "gcm-09"),
    ("Thiếu đất sản xuất, nhiều thanh niên phải rời bản đi kiếm sống.", "gcm-02"),
    ("Các cơ quan đại diện Việt Nam tại Lào đã tiếp nhận 300 đề nghị giúp đỡ của công dân.", "gcm-14"),
    ("Our representative missions abroad took in 300 calls for help from citizens.", "gcm-14"),
    ("Đoàn công tác được giới thiệu cơ chế chuyển tuyến giữa xã và công an huyện.", "gcm-12"),
    ("The delegation was shown how referrals pass from the commune to the district police.", "gcm-12"),
])
def test_vietnamese_and_english_twins_tag_one_matter(text, theme):
    language = "en" if text.isascii() else "vi"
    sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    assert theme in set(vn.tag_themes(sentences)["theme"])


@pytest.mark.parametrize("text, language, theme", [
    ("She heads the Department of International Cooperation at the ministry.", "en", "gcm-23"),
    ("Bà là Phó Vụ trưởng Vụ Hợp tác quốc tế của bộ.", "vi", "gcm-23"),
    ("Triển lãm mở cửa tại Bảo tàng Phụ nữ Việt Nam.", "vi", "gender"),
])
def test_a_theme_word_in_a_bodys_name_is_no_theme(text, language, theme):
    # GUIDELINES C.3: a name is no theme; the same words told as matter still are (the twins above)
    sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    assert theme not in set(vn.tag_themes(sentences)["theme"])
    told = split_sentences(pd.DataFrame({"article_id": ["a"], "language": [language],
                                         "text": [text + " " + _as_matter(theme, language)]}))
    assert theme in set(vn.tag_themes(told)["theme"])


def _as_matter(theme: str, language: str) -> str:
    matter = {("gcm-23", "en"): "International cooperation on migration grew.",
              ("gcm-23", "vi"): "Hợp tác quốc tế về di cư được tăng cường.",
              ("gender", "vi"): "Phụ nữ chiếm phần lớn số người di cư."}
    return matter[theme, language]


def test_internal_migrant_workers_are_no_regular_pathway_abroad():
    sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "language": ["vi"],
                                              "text": ["Thành phố có khoảng 1,2 triệu lao động di cư từ các tỉnh."]}))
    assert "gcm-05" not in set(vn.tag_themes(sentences)["theme"])


@pytest.mark.parametrize("text", [
    "Man met Long and Pope in Hanoi.",
    "The minister traveled to Geneva on Monday.",
    "Fishing communities restore marine resources in Tan Thanh.",
    "Volunteers joined the forest conservation project.",
    "Police officers patrolled the market.",  # "polic(y|ies)" is no family of "police"
    "The ceremony took place at the border gate.",  # a venue is no border management (GUIDELINES C.3)
    "The firm is recruiting engineers.",  # recruiting alone is no fair recruitment
])
def test_theme_negatives(text):
    assert tags(text) == set()


def test_word_boundaries():
    assert tags("Xtrafficking and nonbudget pandemics-era") == set()


def test_no_theme_from_chrome(articles, sentences):
    themes = vn.tag_themes(sentences)
    a001 = themes[themes["article_id"].str.startswith("001")]
    assert not a001["term"].str.contains("fish|forest|carbon", case=False).any()
    texts = articles.set_index("article_id")["text"]
    assert all(texts[r.article_id][r.start:r.end] == r.term for r in themes.itertuples())


def test_seed_profile(articles, sentences):
    profile = vn.theme_profile(vn.tag_themes(sentences), sentences, articles).set_index("article_id")
    a001 = profile.loc[profile.index.str.startswith("001")].iloc[0]
    # "supporting labor migrants" names a population, not recruitment (GUIDELINES.md C): no gcm-06 since 2026-12-06
    assert {10, 21} <= set(a001["gcm_objectives"]) and 6 not in set(a001["gcm_objectives"])
    assert a001["climate-disasters"] > 0 and a001["humanitarian"] > 0 and a001["covid-19"] == 0
    a004 = profile.loc[profile.index.str.startswith("004")].iloc[0]
    assert a004["covid-19"] > 0 and a004["gcm-implementation"] > 0
    assert profile.drop(columns=["gcm_objectives", "n_sentences", "n_gcm_objectives"]).le(1).all().all()


def _taxonomy(**changes):
    data = yaml.safe_load(TAXONOMY.read_text())
    data.update(changes)
    return data


@pytest.mark.parametrize("data, message", [
    (_taxonomy(objectives={**_taxonomy()["objectives"], 24: ["x"]}), "objective 24"),
    (_taxonomy(objectives={k: v for k, v in _taxonomy()["objectives"].items() if k != 7}), r"objectives \[7\]"),
    (_taxonomy(cross_cutting=[{"id": "x", "label": "X", "terms": []}]), "theme 'x'"),
    (_taxonomy(cross_cutting=[{"id": "y", "label": "Y", "terms": ["bad(("]}]), "theme 'y': term 'bad\\(\\('"),
    (_taxonomy(cross_cutting=[{"label": "Z", "terms": ["z"]}]), "needs 'id' and 'label'"),
    (_taxonomy(cross_cutting=[{"id": "w", "label": "W", "terms": [r"a\\Sb"]}]), "upper-case escape"),
    (_taxonomy(cross_cutting=[{"id": "gcm-01", "label": "dup", "terms": ["z"]}]), "'gcm-01': listed twice"),
])
def test_taxonomy_validation_names_the_entry(data, message):
    with pytest.raises(TaxonomyError, match=message):
        parse_taxonomy(data, load_objectives())


def test_all_23_objectives_with_official_titles():
    themes = vn.load_taxonomy()
    objectives = {t.gcm_objective: t.label for t in themes if t.gcm_objective}
    assert sorted(objectives) == list(range(1, 24))
    assert objectives[10].startswith("Prevent, combat and eradicate trafficking")


def test_nmf_is_deterministic(sentences):
    first = nmf_topics(sentences, 4)
    second = nmf_topics(sentences, 4)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


def test_cross_check_tables(articles, sentences):
    themes = vn.tag_themes(sentences)
    topics, assignments = nmf_topics(sentences, 3)
    comparison = compare_topics(topics, assignments, themes)
    assert len(comparison) == 3 and comparison["n_sentences"].sum() <= len(sentences)
    terms = vn.distinctive_terms(articles, n=5)
    assert terms.groupby("article_id").size().eq(5).all()
    assert not terms["term"].str.contains("tram chim|quang ninh").any()
    kwic = keyword_in_context(themes, sentences, "gcm-10")
    assert len(kwic) == (themes["theme"] == "gcm-10").sum() and kwic["term"].str.len().gt(0).all()


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_profile_row(text):
    articles = pd.DataFrame({"article_id": ["x"], "text": [text]})
    sentences = split_sentences(articles)
    profile = vn.theme_profile(vn.tag_themes(sentences), sentences, articles)
    assert profile["n_sentences"].tolist() == [len(sentences)]


def _plain_terms():
    """Every lexicon term written as plain words (no regex syntax), with its theme."""
    return [(t.id, term) for t in vn.load_taxonomy() for term in t.terms if re.fullmatch(r"[\w ,'-]+", term)]


@pytest.mark.parametrize("theme, term", _plain_terms())
def test_every_plain_term_matches_in_any_case_and_plural_but_not_inside_words(theme, term):
    assert theme in tags(f"The report mentions {term} here.")
    assert theme in tags(f"THE REPORT MENTIONS {term.upper()} HERE.")
    if term[-1].isalpha():
        assert theme in tags(f"It lists {term}s today.")
    pattern = next(t.pattern for t in vn.load_taxonomy() if t.id == theme)
    glued = f"x{term}".translate(ASCII_LOWER_TABLE)
    assert all(m.start() != 1 for m in _word_matches(pattern, glued))  # no match starting inside a word


def test_tfidf_fitted_from_document_frequencies_weighs_as_scikit_learn_fitted_on_the_counts():
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    from vnmigration.taxonomy import fitted_tfidf

    counts = sp.random(40, 30, density=0.2, format="csr", random_state=7, data_rvs=lambda k: np.arange(1, k + 1))
    fitted = TfidfTransformer(sublinear_tf=True).fit(counts)
    ours = fitted_tfidf(np.bincount(counts.indices, minlength=30), 40)
    np.testing.assert_allclose(ours.idf_, fitted.idf_)
    np.testing.assert_allclose(ours.transform(counts).toarray(), fitted.transform(counts).toarray())
