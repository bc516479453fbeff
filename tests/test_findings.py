"""Synthesis helpers, the explorer's static view, the export command and the report index."""

import pandas as pd
import pytest

from vnmigration import explorer, findings
from vnmigration.__main__ import main
from vnmigration.export import build_tables
from vnmigration.report import write_index


@pytest.fixture(scope="module")
def tables(seed_dir):
    return build_tables(seed_dir)


def test_duration_claim_and_conflict(tables):
    claims = findings.duration_claims(tables["sentences"], tables["articles"])
    assert claims[["claim", "years", "implied_start"]].values.tolist() == [
        ["nearly two decades of cooperation", 20, 2005]]
    conflicts = findings.source_conflicts(claims, tables["timeline"], tables["roles"], tables["mentions"])
    top = conflicts.iloc[0]
    assert top["conflict"] == "duration vs dated start" and "1987" in top["claim_b"]
    assert "one person, several spellings" in set(conflicts["conflict"])


def test_duration_claim_within_tolerance_is_not_a_conflict(tables):
    claims = pd.DataFrame([{"article_id": "x", "sentence_no": 1, "claim": "38 years of cooperation",
                            "hedge": None, "years": 38, "implied_start": 1987, "evidence": ""}])
    mentions = pd.DataFrame([{"article_id": "x", "sentence_no": 1, "actor": a, "kind": "organization",
                              "surface": a} for a in ["International Organization for Migration", "Viet Nam"]])
    conflicts = findings.source_conflicts(claims, tables["timeline"], tables["roles"].iloc[:0], mentions)
    assert conflicts.empty


def test_outlet_gaps_need_two_other_outlets():
    coverage = pd.DataFrame({"A": [0.0, 0.0], "B": [0.2, 0.1], "C": [0.1, 0.0]}, index=["t1", "t2"])
    assert findings.outlet_gaps(coverage).values.tolist() == [["A", "t1", "B, C"]]


def test_explorer_view_for_actor_and_theme(tables):
    pope = explorer.view(tables, "Amy Pope")
    assert len(pope["sentences"]) >= 4 and "appointment" in set(pope["timeline"]["kind"])
    assert "Amy Pope" not in set(pope["co_occurring_actors"]["actor"])
    trafficking = explorer.view(tables, "gcm-10")
    themes = tables["themes"]
    expected = themes[themes["theme"] == "gcm-10"][["article_id", "sentence_no"]].drop_duplicates()
    assert len(trafficking["sentences"]) == len(expected) > 0
    assert explorer.choices(tables)[0] in set(tables["mentions"]["actor"])


def test_export_command_writes_every_table(tmp_path, seed_dir):
    assert main(["export", str(tmp_path), "--corpus", str(seed_dir)]) == 0
    names = {p.stem for p in tmp_path.glob("*.csv")}
    assert names == {"articles", "sentences", "problems", "mentions", "uncoded", "roles", "quotes", "actor_edges",
                     "dates", "events", "timeline", "themes", "theme_profile", "distinctive_terms",
                     "site_statements", "corrections"}
    timeline = pd.read_csv(tmp_path / "timeline.csv")
    assert timeline["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_export_missing_corpus_fails_cleanly(tmp_path, capsys):
    assert main(["export", str(tmp_path / "out"), "--corpus", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_report_index_links_everything(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "tables").mkdir()
    (tmp_path / "01-corpus.html").write_text("<html></html>")
    (tmp_path / "figures" / "articles-over-time.png").write_bytes(b"")
    (tmp_path / "tables" / "articles.csv").write_text("a\n")
    page = write_index(tmp_path).read_text()
    assert 'href="01-corpus.html"' in page and "01 · The corpus" in page
    assert 'href="figures/articles-over-time.png"' in page and 'href="tables/articles.csv"' in page


def test_undated_articles_are_in_neither_period(tables):
    from vnmigration import taxonomy as th

    articles = tables["articles"].copy()
    articles.loc[articles["article_id"].str.startswith("000"), "published"] = pd.NaT
    periods = th.compare_periods(tables["theme_profile"], articles, 2023)
    carried = findings.carriers_by_period(tables["mentions"], tables["roles"], articles, 2023)
    assert "Le Thi Tuyet Mai" not in carried.index[(carried.iloc[:, :2].sum(axis=1) > 0)]  # named only in 000
    assert periods.notna().all().all()
