"""Actor coding: aliases, short forms, chrome, codebook validation, roles and quote attribution."""

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration.codebook import CodebookError, parse_codebook
from vnmigration.paths import CODEBOOK
from vnmigration.sentences import split_sentences


def frame(**texts):
    """Articles made up for a test: frame(a="text", b="text")."""
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values()),
                         "title": [pd.NA] * len(texts), "published": [pd.Timestamp("2022-01-01")] * len(texts)})


def mentions_of(**texts):
    return vn.extract_mentions(split_sentences(frame(**texts)))


@pytest.fixture(scope="module")
def seed_mentions(sentences):
    return vn.extract_mentions(sentences)


def test_three_spellings_of_one_name_merge_across_articles(seed_mentions):
    park = seed_mentions[seed_mentions["actor"] == "Park Mihyung"]
    assert {"Park Mi-hyung", "Mihyung Park"} <= set(park["surface"])
    m = mentions_of(x="Park Mihyung spoke.", y="Mihyung Park spoke.", z="Park Mi-hyung spoke.")
    assert set(m["actor"]) == {"Park Mihyung"} and len(m) == 3


@pytest.mark.parametrize("text, actor", [
    ("The International Organisation for Migration met.", "International Organization for Migration"),
    ("She leads the UN migration agency.", "International Organization for Migration"),
    ("Officials of the Ministry of National Defense came.", "Ministry of National Defence"),
    ("The International Labor Organization came.", "International Labour Organization"),
    ("They met in Viet Nam.", "Viet Nam"),
    ("They met in Vietnam.", "Viet Nam"),
    ("A letter went to the foreign ministry.", "Ministry of Foreign Affairs"),
    ("UN Women attended.", "UN Women"),
])
def test_aliases(text, actor):
    assert mentions_of(a=text)["actor"].tolist() == [actor]


def test_longest_match_and_sides():
    m = mentions_of(a="IOM Vietnam works with the International Organization for Migration in Vietnam.")
    assert m["actor"].tolist() == ["IOM Viet Nam", "International Organization for Migration", "Viet Nam"]
    assert m["side"].tolist() == ["iom", "iom", "place"]


def test_adjective_and_words_inside_words_are_not_actors():
    assert mentions_of(a="Vietnamese workers went to Manchester to a Longhouse by the Popemobile.").empty


def test_typo_only_in_its_context():
    m = mentions_of(a="Pope became the IMO General Director.", b="The IMO regulates shipping.")
    assert m[m["match"] == "typo"]["article_id"].tolist() == ["a"]
    assert "b" not in set(m["article_id"])


def test_short_form_needs_an_earlier_full_name_in_the_same_article():
    m = mentions_of(a="Amy Pope arrived. Later Pope said yes.", b="Pope said no.", c="Pope said no. Amy Pope left.")
    short = m[m["match"] == "short-form"]
    assert short["article_id"].tolist() == ["a"]
    assert set(short["actor"]) == {"Amy Pope"}


def test_listed_ministries():
    m = mentions_of(a="It drew the Ministries of National Defence; Public Security; and Justice, and others.")
    assert m["actor"].tolist() == ["Ministry of National Defence", "Ministry of Public Security", "Ministry of Justice"]


def test_no_mentions_from_chrome(articles, seed_mentions):
    for name in ["Cao Bang", "Government of Japan", "Department of Dyke Management and Disaster Prevention"]:
        assert name not in set(seed_mentions["actor"])


def test_offsets_point_into_article_text(articles, seed_mentions):
    texts = articles.set_index("article_id")["text"]
    assert all(texts[r.article_id][r.start:r.end] == r.surface for r in seed_mentions.itertuples())


def _codebook(**entry):
    return {"actors": [{"name": "A", "kind": "person", "side": "iom"} | entry]}


@pytest.mark.parametrize("data, message", [
    ({"actors": [{"name": "A", "kind": "person"}]}, "'A': missing field 'side'"),
    (_codebook(kind="robot"), "'A': kind 'robot'"),
    ({"actors": [{"name": "A", "kind": "person", "side": "iom", "aliases": ["X"]},
                 {"name": "B", "kind": "person", "side": "iom", "aliases": ["X"]}]},
     "'X' is claimed by both 'A' and 'B'"),
    (_codebook(kind="organization", short_forms=["A"]), "short_forms are for persons only"),
    (_codebook(typos=[{"alias": "Q", "context": "("}]), "bad context regex"),
])
def test_codebook_validation_names_the_entry(data, message):
    with pytest.raises(CodebookError, match=message.replace("(", r"\(")):
        parse_codebook(data)


def test_package_codebook_is_valid_and_safe_loaded():
    book = vn.load_codebook(CODEBOOK)
    assert len(book.actors) == len(yaml.safe_load(CODEBOOK.read_text())["actors"])


def test_roles_over_time(sentences, seed_mentions, articles):
    roles = vn.extract_roles(sentences, seed_mentions, articles)
    pope = roles[roles["person"] == "Amy Pope"]
    assert set(pope["role_normalized"]) == {"Director General"}
    assert pope["published"].dt.year.nunique() == 2
    long = roles[roles["person"] == "Le Thanh Long"]
    assert set(long["role"]) == {"Deputy Prime Minister"}
    park = roles[roles["person"] == "Park Mihyung"]
    assert "IOM Chief of Mission" in set(park["role"])


@pytest.mark.parametrize("text, speaker", [
    ("Amy Pope arrived. “We will keep working with all partners here,” she stated.", "Amy Pope"),
    ("Amy Pope arrived. Le Thanh Long spoke. “We will keep working with all partners here,” he said.",
     "Le Thanh Long"),
    ("“We will keep working with all partners here,” emphasized Deputy Prime Minister Le Thanh Long.",
     "Le Thanh Long"),
    ("Amy Pope said: “We will keep working with all partners here.”", "Amy Pope"),
])
def test_quote_attribution_both_sides(text, speaker):
    sentences = split_sentences(frame(a=text))
    quotes = vn.extract_quotes(sentences, vn.extract_mentions(sentences))
    direct = quotes[quotes["kind"] == "direct"]
    assert direct["speaker"].tolist() == [speaker]


def test_reported_speech_and_speech_title(sentences, seed_mentions, articles):
    quotes = vn.extract_quotes(sentences, seed_mentions, articles)
    reported = quotes[quotes["kind"] == "reported"]
    assert ("To Anh Dung", "Dung stressed") in set(zip(reported["speaker"], reported["cue"], strict=True))
    speech = quotes[quotes["kind"] == "speech"]
    assert set(speech["speaker"]) == {"Park Mihyung"} and speech["article_id"].str.startswith("003").all()


def test_uncoded_candidates_are_not_flooded(sentences, seed_mentions):
    uncoded = vn.uncoded_candidates(sentences, seed_mentions)
    assert "Resilience Building Campaign" in set(uncoded["candidate"])
    assert not set(uncoded["candidate"]) & {"Deputy Prime Minister", "November", "The", "Tram Chim National Park",
                                            "Vietnamese", "Photo"}


def test_network_centrality(seed_mentions):
    edges = vn.actor_edges(seed_mentions)
    assert (edges["source"] < edges["target"]).all() and (edges["articles"] >= 1).all()
    central = vn.actor_centrality(vn.actor_graph(edges, seed_mentions))
    assert {"degree", "betweenness"} <= set(central.columns) and central["actor"].is_unique


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    articles = frame(a=text)
    sentences = split_sentences(articles)
    mentions = vn.extract_mentions(sentences)
    vn.extract_quotes(sentences, mentions, articles)
    vn.extract_roles(sentences, mentions, articles)
    vn.uncoded_candidates(sentences, mentions)


def test_role_stops_at_a_coordinated_name():
    articles = frame(a="Deputy Minister Do Hung Viet and Park Mihyung, IOM Chief of Mission, signed it.")
    sentences = split_sentences(articles)
    roles = vn.extract_roles(sentences, vn.extract_mentions(sentences), articles)
    assert roles[roles["person"] == "Park Mihyung"]["role"].tolist() == ["IOM Chief of Mission"]


def test_an_office_before_a_coordinated_name_is_not_the_second_persons():
    articles = frame(a="Deputy Minister of Foreign Affairs Phan Quoc Vinh and Ms. Sarah Whitfield, Regional Director "
                       "of IOM, held talks on Monday.")
    sentences = split_sentences(articles)
    roles = vn.extract_roles(sentences, vn.extract_mentions(sentences), articles)
    assert not roles[roles["person"] == "Sarah Whitfield"]["role"].str.contains("Vinh").any()
    assert roles[roles["person"] == "Phan Quoc Vinh"]["role"].tolist() == ["Deputy Minister of Foreign Affairs"]


def test_an_office_named_without_its_holder_speaks_but_is_not_a_person():
    sentences = split_sentences(frame(a="The Prime Minister said the plan would protect workers abroad."))
    mentions = vn.extract_mentions(sentences)
    office = mentions[mentions["actor"] == "Prime Minister of Viet Nam"]
    assert office["kind"].tolist() == ["office"]
    assert "Prime Minister of Viet Nam" in set(vn.extract_quotes(sentences, mentions)["speaker"])


def test_an_interview_answer_after_an_honorific_is_the_named_person_s():
    sentences = split_sentences(frame(a="Reporter: What came out of the dialogue?\n"
                                        "Ms. Marisol Ferreyra: The main outcome is a joint work plan on return."))
    quotes = vn.extract_quotes(sentences, vn.extract_mentions(sentences))
    assert ("Marisol Ferreyra", "interview") in set(zip(quotes["speaker"], quotes["kind"], strict=True))
