"""Figures the README states about the package's data are the data's own counts, never copied by hand."""

import re

import yaml

from vnmigration.paths import DATA, EVAL_ARTICLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _data(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _stated(pattern: str) -> list[int]:
    found = [int(n) for n in re.findall(pattern, README)]
    assert found, f"the README no longer states {pattern!r}"
    return found


def test_the_outlet_count_is_the_outlet_list():
    assert set(_stated(r"\b(\d+) outlets\)")) == {len(_data("outlets.yaml")["outlets"])}


def test_the_theme_counts_are_the_taxonomy():
    taxonomy = _data("en/taxonomy.yaml")
    assert _stated(r"(\d+) GCM objectives \+") == [len(taxonomy["objectives"])]
    assert _stated(r"\+ (\d+) cross-cutting themes") == [len(taxonomy["cross_cutting"])]


def test_the_event_kind_count_is_the_rule_file():
    assert _stated(r"the (\d+) event kinds") == [len({rule["kind"] for rule in _data("en/event_rules.yaml")["kinds"]})]


def test_the_eval_article_count_is_the_eval_folder():
    assert _stated(r"(\d+) constructed articles in outlet styles") == [len(list(EVAL_ARTICLES.glob("*.txt")))]


def _evaluation_row() -> str:
    return next(line for line in README.splitlines() if line.startswith("| How far to trust these tables"))


def test_the_held_back_figures_of_the_findings_map_are_the_scores():
    from vnmigration import build_tables
    from vnmigration import evaluate as ev
    from vnmigration import readings as rd

    gold = ev.load_gold()
    tables = build_tables(EVAL_ARTICLES)
    f1 = ev.score(tables, gold, "heldback")[0].set_index("field")
    pages = {a for a, g in gold.items() if g["split"] == "heldback"}
    merges = rd.timeline_merges(tables, rd.split_happenings(rd.same_happenings(), gold, "heldback"), pages)["f1"]
    row = _evaluation_row()
    stated = {
        "titles": "title", "chrome removal": "chrome", "publication dates": "publication date", "outlets": "outlet",
        "speakers": "speakers", "people": "persons", "people's titles": "roles", "event dates": "event dates",
        "themes": "themes", "events with their kind": "events"}
    for words, field in stated.items():
        assert f"{f1.loc[field, 'f1']:.2f} for {words}" in row, (words, f1.loc[field, "f1"])
    assert "(1.00 for sites" in row and f1.loc["outlet, listed site", "f1"] == 1.0
    assert f"{f1.loc['outlet, unlisted site', 'f1']:.2f} for the others" in row
    assert f"merges across articles score {merges:.2f}" in row
    false = f1.loc["false dates"]
    assert f"{int(false['fp'])} of {int(false['n_pred'])} dated rows are false dates" in row
    assert f"on {len(pages)} held-back constructed articles" in row
    assert ("(none invented)" in row) == (f1.loc["publication date", "fp"] == 0)


def test_the_vietnamese_held_back_figures_of_the_findings_map_are_the_scores():
    import tempfile

    from vnmigration import build_tables
    from vnmigration import evaluate as ev
    from vnmigration import readings as rd

    gold = ev.load_gold(ev.EVAL_VI_GOLD)
    f1 = ev.evaluate(ev.EVAL_VI_GOLD, ev.EVAL_VI_ARTICLES, "heldback")[0].set_index("field")
    row = next(line for line in README.splitlines() if line.startswith("| How far to trust Vietnamese pages"))
    stated = {"outlets": "outlet", "chrome removal": "chrome", "publication dates": "publication date",
              "titles": "title", "speakers": "speakers", "people": "persons", "people's titles": "roles",
              "event dates": "event dates", "events with their kind": "events", "themes": "themes"}
    for words, field in stated.items():
        assert f"{f1.loc[field, 'f1']:.2f} for {words}" in row, (words, f1.loc[field, "f1"])
    false = f1.loc["false dates"]
    assert f"{int(false['fp'])} of {int(false['n_pred'])} dated rows are false dates" in row
    assert f"on {sum(g['split'] == 'heldback' for g in gold.values())} held-back constructed Vietnamese" in row
    held = [p for p in rd.bilingual_pairs() if gold[p["members"][0]["article"]]["split"] == "heldback"]
    found = rd.bilingual_recall(build_tables(rd.both_languages(tempfile.mkdtemp())), held)
    assert f"Of the {found['gold_pairs']} held-back happenings" in row and f", {found['found']} are one timeline" in row
