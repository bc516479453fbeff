"""A page reads the same whatever other pages sit beside it (issue 20): alone, inside the whole eval set, and among
generated sibling pages of its own site. Title, publication date and precision, dateline, outlet, the first body
line, persons and events must be identical in the three readings of every eval article.

A sibling keeps the article's site furniture (the lines its gold lists as chrome or captions), each in its place,
and puts other eval articles' lines everywhere else: a headline for the headline, prose for the rest."""

import random
import shutil

import pandas as pd
import pytest

from vnmigration import evaluate as ev
from vnmigration import export
from vnmigration import readings as rd
from vnmigration.chrome import normalise_line
from vnmigration.corpus import corpus_files, read_files
from vnmigration.paths import EVAL_ARTICLES

SIBLINGS = 3


@pytest.fixture(scope="module")
def gold():
    return ev.load_gold()


@pytest.fixture(scope="module")
def alone():
    return rd.page_readings(export.build_tables(EVAL_ARTICLES, reading="alone"))


def _furniture(g: dict) -> set[str]:
    return {normalise_line(line) for line in (g.get("chrome") or []) + (g.get("captions") or [])}


def _pools(gold: dict) -> tuple[list[str], list[str]]:
    """Headlines, and prose lines that no gold lists as furniture, from every eval article."""
    furniture = set().union(*(_furniture(g) for g in gold.values()))
    titles = sorted(g["title"] for g in gold.values() if g.get("title"))
    prose = sorted({line.strip() for path in sorted(EVAL_ARTICLES.glob("*.txt"))
                    for line in path.read_text(encoding="utf-8").splitlines()
                    if len(line.split()) >= 12 and line.rstrip().endswith(".")
                    and normalise_line(line) not in furniture})
    return titles, prose


def sibling(text: str, g: dict, titles: list[str], prose: list[str], rng: random.Random) -> str:
    """Another page of the article's site: its furniture kept in place, every other line another page's."""
    furniture = _furniture(g)
    out = []
    for line in text.splitlines():
        key = normalise_line(line)
        if not key or key in furniture:
            out.append(line)
        elif g.get("title") and key == normalise_line(g["title"]):
            out.append(rng.choice([t for t in titles if t != g["title"]]))
        else:
            out.append(rng.choice(prose))
    return "\n".join(out) + "\n"


def test_every_eval_page_reads_the_same_alone_and_in_the_whole_set(alone):
    whole = rd.page_readings(export.build_tables(EVAL_ARTICLES))
    differences = rd.reading_differences(alone, whole)
    assert differences.empty, differences.to_string()


def test_every_eval_page_reads_the_same_among_siblings_of_its_site(alone, gold, tmp_path):
    titles, prose = _pools(gold)
    rows, problems = [], []
    for path in sorted(EVAL_ARTICLES.glob("*.txt")):
        g = gold.get(path.stem, {})
        rng = random.Random(path.stem)  # the same siblings on every run
        folder = tmp_path / path.stem
        folder.mkdir()
        shutil.copy(path, folder / path.name)
        text = path.read_text(encoding="utf-8")
        for k in range(SIBLINGS):
            (folder / f"{path.stem}-sibling{k}.txt").write_text(sibling(text, g, titles, prose, rng), encoding="utf-8")
        articles, found = read_files(corpus_files(folder))
        rows.append(articles[articles["article_id"] == path.stem])
        problems.append(found)
    tables = export.tables_of(pd.concat(rows, ignore_index=True), pd.concat(problems, ignore_index=True))
    differences = rd.reading_differences(alone, rd.page_readings(tables))
    assert differences.empty, differences.to_string()
