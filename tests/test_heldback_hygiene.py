"""No held-back line in the code, the tests or the benchmarks: held-back articles measure the package on text it
was never shaped on, so none of their wording may be copied into a rule, a doctest or a test.

A held-back passage is any run of six words of a held-back article that is not the genre's common stock: not in a
dev article or a seed, not inside an official name (a GCM objective's title, a codebook actor's or an outlet's name).
A chance match of six common words is rare; reword it where it happens."""

import re
from pathlib import Path

import pytest
import yaml

from vnmigration.evaluate import gold_files
from vnmigration.paths import CODEBOOK, DATA, EVAL_ARTICLES, EVAL_VI_ARTICLES, EVAL_VI_GOLD, GCM_OBJECTIVES, ROOT, SEEDS

RUN = 6
TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)


def _runs(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in TOKEN.findall(text)]
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _split_of(gold_file: Path) -> dict[str, str]:
    return {a: g["split"] for a, g in yaml.safe_load(gold_file.read_text(encoding="utf-8"))["articles"].items()}


def _heldback_runs() -> set:
    splits = {}
    for gold_file in [*gold_files(), *gold_files(EVAL_VI_GOLD)]:
        splits.update(_split_of(gold_file))
    held, common = set(), set()
    for path in sorted([*EVAL_ARTICLES.glob("*.txt"), *EVAL_VI_ARTICLES.glob("*.txt")]):
        (held if splits.get(path.stem) == "heldback" else common).update(_runs(path.read_text(encoding="utf-8")))
    for path in sorted(SEEDS.glob("*.txt")):
        common |= _runs(path.read_text(encoding="utf-8", errors="replace"))
    for line in GCM_OBJECTIVES.read_text(encoding="utf-8").splitlines():
        common |= _runs(line)
    for data in (CODEBOOK, DATA / "outlets.yaml"):
        for name in _strings(yaml.safe_load(data.read_text(encoding="utf-8"))):
            common |= _runs(name)
    return held - common


def _strings(node) -> list[str]:
    """Every string in a YAML tree: the names and aliases of the codebook and the outlets list."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


@pytest.fixture(scope="module")
def held() -> set:
    return _heldback_runs()


def test_no_heldback_passage_in_code_tests_or_benchmarks(held):
    assert held, "the held-back articles give passages to look for"
    found = []
    for folder in ("lib", "tests", "benchmarks", "scripts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".yaml", ".csv", ".md", ".txt") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                strings = _strings(yaml.safe_load(text)) if path.suffix == ".yaml" else [text]  # a list's items apart
                hits = set().union(*map(_runs, strings)) & held
                found += [f"{path.relative_to(ROOT)}: {' '.join(run)}" for run in sorted(hits)[:3]]
    assert not found, "held-back wording in the source tree:\n" + "\n".join(found)


def test_the_check_finds_a_copied_heldback_passage(held):
    # The check above is only as good as this: a held-back article's own line is caught.
    run = sorted(held)[0]
    assert _runs("A rule written from " + " ".join(run) + " by mistake.") & held
