"""The README's findings map, pinned value by value on `build_tables()` over the five seed files.

The seeds are read by name from tests/seeds.sha256 and copied into a temporary folder, so a user's extra
files in seeds/ never change these values. Each headline is computed the way its notebook computes it.
The last test checks that the findings map in README.md states the values computed here.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from vnmigration.dates import months_between
from vnmigration.export import build_tables
from vnmigration.findings import carriers_by_period, duration_claims, lead_carriers, source_conflicts
from vnmigration.network import actor_centrality, actor_graph
from vnmigration.taxonomy import compare_periods, gcm_coverage, load_taxonomy
from vnmigration.timeline import find_events

ROOT = Path(__file__).resolve().parents[1]
SPLIT = 2023
IOM = "International Organization for Migration"
FALLING = ["covid-19", "gcm-implementation"]
RISING = ["climate-disasters", "gcm-10", "humanitarian"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


# --- the computed tables -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """build_tables() on a folder holding exactly the five seed files of tests/seeds.sha256, hashes checked."""
    folder = tmp_path_factory.mktemp("headline_seeds")
    for line in (ROOT / "tests" / "seeds.sha256").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        digest, name = line.split()
        source = ROOT / "seeds" / name
        assert hashlib.sha256(source.read_bytes()).hexdigest() == digest, f"seed {name} differs from seeds.sha256"
        shutil.copyfile(source, folder / name)
    assert len(list(folder.iterdir())) == 5
    return build_tables(folder)


@pytest.fixture(scope="session")
def centrality(tables) -> pd.DataFrame:
    """Notebook 04: actor_centrality on the sentence-level co-occurrence graph."""
    graph = actor_graph(tables["actor_edges"], tables["mentions"])
    return actor_centrality(graph)


@pytest.fixture(scope="session")
def carried(tables) -> pd.DataFrame:
    """Notebook 05: people's mentions before and from 2023."""
    return carriers_by_period(tables["mentions"], tables["roles"], tables["articles"], SPLIT)


@pytest.fixture(scope="session")
def periods(tables) -> pd.DataFrame:
    """Notebooks 03 and 05: mean sentence share per theme before and from 2023, indexed by theme."""
    return compare_periods(tables["theme_profile"], tables["articles"], SPLIT).set_index("theme")


@pytest.fixture(scope="session")
def conflicts(tables) -> pd.DataFrame:
    """Notebook 05: where the sources disagree."""
    claims = duration_claims(tables["sentences"], tables["articles"])
    return source_conflicts(claims, tables["timeline"], tables["roles"], tables["mentions"])


@pytest.fixture(scope="session")
def gaps(tables) -> dict[str, pd.Timestamp | int]:
    """Notebook 02: approval of the GCM -> implementation plan, and the first -> last review event."""
    timeline = tables["timeline"]
    adopted = find_events(timeline, "approved the GCM").iloc[0]
    plan = find_events(timeline, "implementation plan", kind="decision").iloc[0]
    reviews = timeline[timeline["kind"].isin(["review", "conference"]) & (timeline["status"] == "happened")
                       & timeline["evidence"].str.contains("review", case=False)]
    return {"adopted": adopted["date"], "adopted_precision": adopted["precision"], "plan": plan["date"],
            "plan_gap": months_between(adopted["date"], plan["date"]),
            "review_start": reviews["date"].min(), "review_end": reviews["date"].max(),
            "review_gap": months_between(reviews["date"].min(), reviews["date"].max()),
            "sources": (int(adopted["n_sources"]), int(plan["n_sources"]))}


@pytest.fixture(scope="session")
def coverage(tables) -> pd.DataFrame:
    """Notebook 03: the 23 GCM objectives and the sentences that touch each."""
    return gcm_coverage(tables["themes"])


@pytest.fixture(scope="session")
def speakers(tables) -> pd.DataFrame:
    """Notebook 04: statements per speaker and kind, most quoted first."""
    table = tables["quotes"].dropna(subset=["speaker"]).groupby(["speaker", "kind"]).size().unstack(fill_value=0)
    return table.assign(total=table.sum(axis=1)).sort_values("total", ascending=False, kind="stable")


@pytest.fixture(scope="session")
def continuity(tables) -> dict[str, tuple[str, list[int]]]:
    """Notebook 04: person -> (normalised role, publication years) for roles held in more than one year."""
    roles = tables["roles"]
    years = (roles.assign(year=roles["published"].dt.year)
             .groupby(["person", "role_normalized"])["year"].agg(lambda y: sorted(set(map(int, y)))).reset_index())
    repeat = years[years["year"].map(len) > 1]
    return {r.person: (r.role_normalized, r.year) for r in repeat.itertuples()}


def _article(tables, prefix: str) -> pd.Series:
    articles = tables["articles"]
    return articles[articles["article_id"].str.startswith(prefix)].iloc[0]


# --- one test per headline of the findings map --------------------------------------------------------

def test_corpus_counts(tables):
    articles, sentences = tables["articles"], tables["sentences"]
    assert len(articles) == 5
    assert (articles["published"].min().year, articles["published"].max().year) == (2020, 2025)
    assert len(sentences) == 78
    assert int(articles["n_words"].sum()) == 2391
    assert int(articles["n_words_removed"].sum()) == 518
    assert articles["published_source"].value_counts().to_dict() == {"header": 2, "dateline": 1, "content": 2}


def test_publication_dates_inferred_from_the_content(tables):
    undated = _article(tables, "004")
    assert (undated["published"], undated["published_precision"], undated["published_source"]) == (
        pd.Timestamp("2021-11-22"), "day", "content")
    speech = _article(tables, "003")
    assert (speech["published"].year, speech["published_precision"], speech["published_source"]) == (
        2022, "year", "content")


def test_timeline_counts_and_events_told_twice(tables):
    timeline = tables["timeline"]
    assert len(tables["events"]) == 20
    # 16 happenings: the GCM approval (agreement) and "rolled out since December 2018" (milestone) differ in kind;
    # one article's planned IMRF (May 2022) and another's report of it are one happening
    assert len(timeline) == 16
    twice = timeline[timeline["n_sources"] > 1]
    assert twice["n_sources"].tolist() == [2, 2]
    assert [(d.strftime("%Y-%m-%d"), p, k, s) for d, p, k, s in zip(
        twice["date"], twice["precision"], twice["kind"], twice["status"], strict=True)] == [
        ("2020-03-20", "day", "decision", "happened"), ("2022-05-01", "month", "review", "happened")]


def test_plan_came_15_months_after_approval(gaps):
    assert (gaps["adopted"], gaps["adopted_precision"]) == (pd.Timestamp("2018-12-01"), "month")
    assert gaps["plan"] == pd.Timestamp("2020-03-20")
    assert gaps["sources"] == (1, 2)
    assert gaps["plan_gap"] == 15


def test_review_cycle_spans_14_months(gaps):
    assert gaps["review_start"] == pd.Timestamp("2021-03-01")
    assert gaps["review_end"] == pd.Timestamp("2022-05-01")
    assert gaps["review_gap"] == 14


def test_9_of_23_objectives_touched(coverage):
    # objective 6 (fair recruitment) went with the themes guideline (eval/GUIDELINES.md C, 2026-12-06): "migrant
    # workers" and "labor migrants" name a population, and no seed speaks of fees, brokers or contracts
    assert len(coverage) == 23
    assert int((coverage["n_sentences"] > 0).sum()) == 9
    assert coverage.loc[coverage["n_sentences"] == 0, "objective"].tolist() == [
        4, 6, 8, 9, 11, 12, 13, 14, 16, 17, 18, 19, 20, 22]


@pytest.mark.parametrize("theme, before, after", [
    ("covid-19", 0.13, 0.00), ("gcm-implementation", 0.32, 0.15), ("climate-disasters", 0.01, 0.35)])
def test_theme_shift_shares(periods, theme, before, after):
    row = periods.loc[theme]
    assert (round(row[f"before_{SPLIT}"], 2), round(row[f"from_{SPLIT}"], 2)) == (before, after)


@pytest.mark.parametrize("theme", FALLING)
def test_theme_falls_from_2023(periods, theme):
    row = periods.loc[theme]
    assert row[f"from_{SPLIT}"] < row[f"before_{SPLIT}"]
    assert row["change"] < 0


@pytest.mark.parametrize("theme", RISING)
def test_theme_rises_from_2023(periods, theme):
    row = periods.loc[theme]
    assert row[f"from_{SPLIT}"] > row[f"before_{SPLIT}"]
    assert row["change"] > 0


def test_mentions_and_actors(tables):
    mentions = tables["mentions"]
    assert len(mentions) == 136
    assert mentions["actor"].nunique() == 37
    park = set(mentions.loc[mentions["actor"] == "Park Mihyung", "surface"])
    assert park == {"Park Mi-hyung", "Mihyung Park"}  # with her codebook name, three spellings of one actor


def test_iom_is_the_most_central_actor(centrality):
    top, runner_up = centrality.iloc[0], centrality.iloc[1]
    assert top["actor"] == IOM
    assert top["betweenness"] > runner_up["betweenness"]
    assert top["betweenness"] == centrality["betweenness"].max()


def test_role_continuity(continuity):
    assert continuity == {"Amy Pope": ("Director General", [2023, 2025]),
                          "Park Mihyung": ("Chief of Mission", [2020, 2022]),
                          "To Anh Dung": ("Deputy Minister", [2020, 2021])}


def test_most_quoted(tables, speakers):
    assert len(tables["quotes"]) == 35
    assert speakers.index[:3].tolist() == ["Park Mihyung", "Amy Pope", "To Anh Dung"]
    assert speakers["total"].iloc[:3].tolist() == [11, 7, 7]
    assert speakers.loc["Park Mihyung", "speech"] == 7
    assert speakers["total"].iloc[3] < 7


def test_carriers_before_and_from_2023(carried):
    assert lead_carriers(carried, f"before {SPLIT}") == (
        "Park Mihyung (Chief of Mission), To Anh Dung (Deputy Minister)")
    assert lead_carriers(carried, f"from {SPLIT}") == (
        "Amy Pope (Director General), Le Thanh Long (Deputy Prime Minister)")
    assert carried.loc["Park Mihyung", [f"before {SPLIT}", f"from {SPLIT}"]].tolist() == [3, 0]
    assert carried.loc["Amy Pope", [f"before {SPLIT}", f"from {SPLIT}"]].tolist() == [0, 5]


def test_18_year_conflict(conflicts):
    top = conflicts.iloc[0]
    assert top["conflict"] == "duration vs dated start"
    assert top["source_a"].startswith("001_")
    assert top["claim_a"] == "'nearly two decades of cooperation' (→ about 2005)"
    assert (top["source_b"], top["claim_b"]) == ("site: IOM Viet Nam", "IOM has had a presence in Viet Nam since 1987")
    assert top["size"] == "18 years apart"
    assert {"same role, different wording", "one person, several spellings"} <= set(conflicts["conflict"])


# --- the README's findings map states the computed values ----------------------------------------------

def _findings_map() -> dict[str, str]:
    """The findings map of README.md as {analysis cell: passage}."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What the corpus says (findings map)", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| Passage"):
            passage, analysis = line.strip().strip("|").rsplit("|", 1)
            rows[analysis.strip()] = passage.strip()
    return rows


def _abbreviation(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _corpus_phrases(tables, **_):
    articles = tables["articles"]
    by_source = articles["published_source"].value_counts()
    return [f"{len(articles)} texts ({articles['published'].min().year}–{articles['published'].max().year}), "
            f"{len(tables['sentences'])} sentences, {int(articles['n_words'].sum()):,} words of body text after "
            f"removing {int(articles['n_words_removed'].sum()):,} words of site chrome; "
            f"{by_source['header']} publication dates come from a header, {by_source['dateline']} from a dateline, "
            f"{by_source['content']} are inferred from the content"]


def _inferred_phrases(tables, **_):
    undated, speech = _article(tables, "004"), _article(tables, "003")
    return [f"gives {undated['published'].day} {undated['published']:%b %Y}",
            f"so 003 is dated {speech['published'].year}, {speech['published_precision']} only"]


def _timeline_count_phrases(tables, **_):
    twice = tables["timeline"][tables["timeline"]["n_sources"] > 1]
    per = NUMBER_WORDS[int(twice["n_sources"].max())]
    told = f"{NUMBER_WORDS[len(twice)]} is told by {per} articles" if len(twice) == 1 else \
        f"{NUMBER_WORDS[len(twice)]} are told by {per} articles each"
    counts = f"{len(tables['timeline'])} distinct happenings from {len(tables['events'])} dated event mentions"
    return [f"{counts}; {told}"] + [
        f"({date.day} {date:%B %Y})" if precision == "day" else f"({date:%B %Y})"
        for date, precision in zip(twice["date"], twice["precision"], strict=True)]


def _gap_phrases(gaps, **_):
    return [f"came {gaps['plan_gap']} months after Viet Nam approved the GCM",
            f"({gaps['review_start']:%B %Y}) to the IMRF ({gaps['review_end']:%B %Y}), {gaps['review_gap']} months"]


def _objective_phrases(coverage, **_):
    touched, never = int((coverage["n_sentences"] > 0).sum()), int((coverage["n_sentences"] == 0).sum())
    return [f"{touched} of the {len(coverage)} GCM objectives are touched; {never} are never mentioned"]


def _shift_phrases(periods, **_):
    labels = {t.id: t.label for t in load_taxonomy()}
    return [f"{labels[theme]} ({periods.loc[theme, f'before_{SPLIT}']:.2f} → "
            f"{periods.loc[theme, f'from_{SPLIT}']:.2f}".lower()
            for theme in ["covid-19", "gcm-implementation", "climate-disasters"]]


def _actor_phrases(tables, centrality, **_):
    mentions = tables["mentions"]
    return [f"{len(mentions)} mentions of {mentions['actor'].nunique()} codebook actors",
            f"{_abbreviation(centrality.iloc[0]['actor'])} has the highest betweenness"]


def _quote_phrases(speakers, **_):
    (first, second, third), totals = speakers.index[:3], speakers["total"].iloc[:3].tolist()
    assert totals[1] == totals[2], "the map says the second and third are quoted equally often"
    return [f"Most quoted: {first} ({totals[0]} statements, {speakers.loc[first, 'speech']} of them first-person",
            f"then {second} and {third} ({totals[1]} each)"]


def _conflict_phrases(tables, conflicts, **_):
    top = conflicts.iloc[0]
    claim, implied = re.fullmatch(r"'(.+)' \(→ about (\d{4})\)", top["claim_a"]).groups()
    published = tables["articles"].set_index("article_id").loc[top["source_a"], "published"].year
    since = re.search(r"since (\d{4})", top["claim_b"])[1]
    return [f'"{claim}" ({published}, → about {implied})',
            f'"since {since}" (a statement on the {top["source_b"].removeprefix("site: ")} site), {top["size"]}']


PHRASES = {
    "`01-corpus` · Headline": _corpus_phrases,
    "`01-corpus` · Publication dates inferred from the content": _inferred_phrases,
    "`02-timeline` · Headline, consolidated table": _timeline_count_phrases,
    "`02-timeline` · Headline": _gap_phrases,
    "`03-themes` · Coverage of the 23 GCM objectives": _objective_phrases,
    "`03-themes` · Themes over time": _shift_phrases,
    "`04-actors` · Headline, network": _actor_phrases,
    "`04-actors` · Who speaks": _quote_phrases,
    "`05-findings` · Where the sources disagree": _conflict_phrases,
}


@pytest.fixture(scope="session")
def computed(tables, centrality, periods, conflicts, gaps, coverage, speakers, continuity) -> dict:
    return {"tables": tables, "centrality": centrality, "periods": periods, "conflicts": conflicts, "gaps": gaps,
            "coverage": coverage, "speakers": speakers, "continuity": continuity}


@pytest.mark.parametrize("row", list(PHRASES))
def test_findings_map_states_computed_values(row, computed):
    rows = _findings_map()
    assert row in rows, f"the findings map has no row for {row}"
    passage = rows[row].lower() if row == "`03-themes` · Themes over time" else rows[row]
    for phrase in PHRASES[row](**computed):
        assert phrase in passage, f"README findings map ({row}) should say: {phrase}"


def test_findings_map_states_each_theme_shift_direction(periods):
    passage = _findings_map()["`03-themes` · Themes over time"]
    falls, rises = passage.split(f" fall from {SPLIT}; ", 1)
    names = {"covid-19": "COVID-19", "gcm-implementation": "GCM implementation", "climate-disasters": "climate change",
             "gcm-10": "objective 10", "humanitarian": "humanitarian"}
    for theme, name in names.items():
        assert name in (falls if periods.loc[theme, "change"] < 0 else rises), f"{name} is on the wrong side"
    assert rises.rstrip(".").endswith("rise")


def test_findings_map_states_carriers(carried):
    passage = _findings_map()["`05-findings` · Headline"]
    before, after = passage.split(f"; from {SPLIT}, ", 1)
    assert before.startswith(f"Before {SPLIT} the most-mentioned people are ")
    for text, column in ((before, f"before {SPLIT}"), (after, f"from {SPLIT}")):
        titles = re.findall(r"\(([^)]+)\)", lead_carriers(carried, column))
        found = [re.search(rf"\b{re.escape(title)}\b", text) for title in titles]
        assert all(found), f"{column}: the map should name {titles}"
        assert [m.start() for m in found] == sorted(m.start() for m in found), f"{column}: {titles} in this order"


def test_findings_map_states_role_continuity(continuity):
    passage = _findings_map()["`04-actors` · Roles over time"]
    for person, (role, years) in continuity.items():
        clause = re.search(rf"\b{re.escape(person)} is ([^;.]+)", passage)
        assert clause, f"the map should say what {person} is"
        assert role in clause[1] and clause[1].endswith(f" in {' and '.join(map(str, years))}"), clause[1]
