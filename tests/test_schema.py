"""Passing the wrong table to a stage is a clear error that names the stage, the table it expects, its columns,
the function that makes it, and what is missing; never a bare KeyError deep inside the stage."""

import re

import pandas as pd
import pytest

import vnmigration as vn
from vnmigration import findings, schema
from vnmigration import taxonomy as th
from vnmigration.timeline import find_events, sources_by_outlet


@pytest.fixture(scope="module")
def small():
    """The tables of one short article, made by the stages themselves."""
    articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")],
                             "published_precision": ["day"], "title": ["IOM and Viet Nam review the GCM"],
                             "outlet": ["Vietnam News Agency"],
                             "text": ["Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung. "
                                      "Viet Nam approved the GCM plan in December 2018 to protect victims "
                                      "of trafficking."]})
    sentences = vn.split_sentences(articles)
    mentions = vn.extract_mentions(sentences)
    dates = vn.extract_dates(sentences, articles)
    events = vn.extract_events(sentences, dates, mentions, articles)
    themes = vn.tag_themes(sentences)
    roles = vn.extract_roles(sentences, mentions, articles)
    return {"articles": articles, "sentences": sentences, "mentions": mentions, "dates": dates,
            "events": events, "timeline": vn.build_timeline(events), "themes": themes, "roles": roles,
            "profile": vn.theme_profile(themes, sentences, articles),
            "claims": findings.duration_claims(sentences, articles)}


# (stage, call given the tables, the table swapped for a wrong one, its kind, a column the stage needs, maker)
CASES = [
    ("split_sentences", lambda t: vn.split_sentences(t["articles"]), "articles", "articles", "text",
     "load_articles"),
    ("extract_mentions", lambda t: vn.extract_mentions(t["sentences"]), "sentences", "sentences", "sentence_no",
     "split_sentences"),
    ("extract_dates", lambda t: vn.extract_dates(t["sentences"], t["articles"]), "sentences", "sentences", "text",
     "split_sentences"),
    ("extract_dates", lambda t: vn.extract_dates(t["sentences"], t["articles"]), "articles", "articles",
     "published_precision", "load_articles"),
    ("extract_events", lambda t: vn.extract_events(t["sentences"], t["dates"], t["mentions"], t["articles"]),
     "dates", "dates", "resolution", "extract_dates"),
    ("extract_events", lambda t: vn.extract_events(t["sentences"], t["dates"], t["mentions"], t["articles"]),
     "mentions", "mentions", "actor", "extract_mentions"),
    ("extract_roles", lambda t: vn.extract_roles(t["sentences"], t["mentions"], t["articles"]), "mentions",
     "mentions", "surface", "extract_mentions"),
    ("extract_roles", lambda t: vn.extract_roles(t["sentences"], t["mentions"], t["articles"]), "articles",
     "articles", "title", "load_articles"),
    ("extract_quotes", lambda t: vn.extract_quotes(t["sentences"], t["mentions"], t["articles"], t["roles"]),
     "sentences", "sentences", "end", "split_sentences"),
    ("extract_quotes", lambda t: vn.extract_quotes(t["sentences"], t["mentions"], t["articles"], t["roles"]),
     "roles", "roles", "person", "extract_roles"),
    ("tag_themes", lambda t: vn.tag_themes(t["sentences"]), "sentences", "sentences", "start", "split_sentences"),
    ("theme_profile", lambda t: vn.theme_profile(t["themes"], t["sentences"], t["articles"]), "themes", "themes",
     "theme", "tag_themes"),
    ("build_timeline", lambda t: vn.build_timeline(t["events"]), "events", "events", "label", "extract_events"),
    ("actor_edges", lambda t: vn.actor_edges(t["mentions"]), "mentions", "mentions", "actor", "extract_mentions"),
    ("actor_graph", lambda t: vn.actor_graph(vn.actor_edges(t["mentions"]), t["mentions"]), "mentions", "mentions",
     "side", "extract_mentions"),
    ("uncoded_candidates", lambda t: vn.uncoded_candidates(t["sentences"], t["mentions"], t["roles"]), "mentions",
     "mentions", "match", "extract_mentions"),
    ("keyword_in_context", lambda t: th.keyword_in_context(t["themes"], t["sentences"], "gcm-10"), "themes",
     "themes", "end", "tag_themes"),
    ("compare_periods", lambda t: th.compare_periods(t["profile"], t["articles"], 2020), "profile", "profile",
     "n_sentences", "theme_profile"),
    ("gcm_coverage", lambda t: th.gcm_coverage(t["themes"]), "themes", "themes", "gcm_objective", "tag_themes"),
    ("distinctive_terms", lambda t: vn.distinctive_terms(t["articles"]), "articles", "articles", "text",
     "load_articles"),
    ("find_events", lambda t: find_events(t["timeline"], "GCM"), "timeline", "timeline", "evidence",
     "build_timeline"),
    ("sources_by_outlet", lambda t: sources_by_outlet(t["timeline"], t["articles"]), "timeline", "timeline",
     "article_ids", "build_timeline"),
    ("stage_summary", lambda t: findings.stage_summary(t["articles"], t["mentions"], t["themes"], t["timeline"]),
     "timeline", "timeline", "status", "build_timeline"),
    ("duration_claims", lambda t: findings.duration_claims(t["sentences"], t["articles"]), "articles", "articles",
     "published", "load_articles"),
    ("source_conflicts", lambda t: findings.source_conflicts(t["claims"], t["timeline"], t["roles"],
                                                             t["mentions"]), "roles", "roles", "role_normalized",
     "extract_roles"),
    ("carriers_by_period", lambda t: findings.carriers_by_period(t["mentions"], t["roles"], t["articles"], 2020),
     "mentions", "mentions", "kind", "extract_mentions"),
]


@pytest.mark.parametrize(("stage", "call", "slot", "kind", "column", "maker"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[4]}" for c in CASES])
def test_a_table_without_a_needed_column_names_stage_table_maker_and_column(small, stage, call, slot, kind, column,
                                                                            maker):
    assert call(small) is not None  # the right tables pass
    wrong = small | {slot: small[slot].drop(columns=[column])}
    with pytest.raises(schema.SchemaError) as caught:
        call(wrong)
    message = str(caught.value)
    article = "an" if kind[0] in "aeiou" else "a"
    assert message.startswith(f"{stage} expects {article} {kind} table with columns ")
    assert f"(as {maker} makes); it is missing: {column}" in message
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError keep working


def test_the_issue_example_reads_as_written(small):
    """`extract_mentions` given the articles table instead of sentences."""
    with pytest.raises(schema.SchemaError, match=re.escape(
            "extract_mentions expects a sentences table with columns article_id, sentence_no, text, start "
            "(as split_sentences makes); it is missing: sentence_no, start")):
        vn.extract_mentions(small["articles"])


def test_something_that_is_not_a_table_is_named():
    with pytest.raises(schema.SchemaError, match=r"split_sentences expects an articles table .*; it got a list$"):
        vn.split_sentences([{"article_id": "a", "text": "IOM met."}])


def test_there_is_one_check_not_one_per_stage():
    """Every stage module raises through `schema.require`; none defines its own column check."""
    import inspect

    from vnmigration import actors, events, sentences

    for module in (actors, events, findings, sentences, th):
        source = inspect.getsource(module)
        assert "require(" in source
        assert "SchemaError(" not in source and "is missing:" not in source
