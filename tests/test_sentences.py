"""Sentence splitting: abbreviations, quotations, and offsets that point into the text."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration.sentences import sentence_spans, split_sentences


def split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text", [
    "They met on Nov. 22 in Hanoi.",
    "Ms. Amy Pope spoke first.",
    "Mr. Vu opened the meeting.",
    "It follows Decision No. 402/QD-TTg dated March 20, 2020.",
    "The U.S. delegation attended.",
    "J. R. Smith and A. Nguyen attended.",
    "“It works. We agree,” she said.",
])
def test_no_false_breaks(text):
    assert split(text) == [text]


def test_real_breaks_and_lines():
    assert split("IOM met Vietnam. She spoke.\nA new line") == ["IOM met Vietnam.", "She spoke.", "A new line"]


def test_seed_offsets_point_into_text(articles, sentences):
    texts = articles.set_index("article_id")["text"]
    assert all(texts[r.article_id][r.start:r.end] == r.text for r in sentences.itertuples())
    assert sentences.groupby("article_id")["sentence_no"].apply(lambda s: list(s) == list(range(1, len(s) + 1))).all()


def test_seed_quote_stays_whole(sentences):
    hit = sentences[sentences["text"].str.contains("Give a fishing rod")]
    assert len(hit) == 1 and hit.iloc[0]["text"].endswith("emphasized Deputy Prime Minister Le Thanh Long.")


@given(st.text(max_size=400))
def test_arbitrary_text_spans_are_clean(text):
    frame = split_sentences(pd.DataFrame({"article_id": ["x"], "text": [text]}))
    for r in frame.itertuples():
        assert text[r.start:r.end] == r.text and r.text == r.text.strip() and r.text


def test_concordance_finds_a_name_with_or_without_diacritics_and_shows_it_as_written():
    articles = pd.DataFrame({"article_id": ["en", "vi"], "text": [
        "Ambassador Le Thi Tuyet Mai spoke in Geneva.", "Đại sứ Lê Thị Tuyết Mai phát biểu tại Giơ-ne-vơ."]})
    hits = vn.concordance(vn.split_sentences(articles), r"le thi tuyet mai", width=8)
    assert hits["match"].tolist() == ["Le Thi Tuyet Mai", "Lê Thị Tuyết Mai"]
    assert hits["left"].tolist() == ["assador ", "Đại sứ "]  # width 8 on each side
    assert vn.concordance(vn.split_sentences(articles), "tuyết", fold=False)["article_id"].tolist() == ["vi"]


def test_search_command_prints_each_hit_with_its_article(seed_dir, capsys):
    from vnmigration.__main__ import main

    assert main(["search", "Global Compact", "--corpus", str(seed_dir), "--width", "10"]) == 0
    out, err = capsys.readouterr()
    assert "[Global Compact]" in out and err.strip().endswith("articles")
    assert main(["search", "(", "--corpus", str(seed_dir)]) == 2
