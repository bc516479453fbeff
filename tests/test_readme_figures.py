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
    taxonomy = _data("taxonomy.yaml")
    assert _stated(r"(\d+) GCM objectives \+") == [len(taxonomy["objectives"])]
    assert _stated(r"\+ (\d+) cross-cutting themes") == [len(taxonomy["cross_cutting"])]


def test_the_event_kind_count_is_the_rule_file():
    assert _stated(r"the (\d+) event kinds") == [len({rule["kind"] for rule in _data("event_rules.yaml")["kinds"]})]


def test_the_eval_article_count_is_the_eval_folder():
    assert _stated(r"(\d+) constructed articles in outlet styles") == [len(list(EVAL_ARTICLES.glob("*.txt")))]
