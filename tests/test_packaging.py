"""The repo's promises about itself: seeds byte for byte, same dependencies for pip and conda."""

import hashlib
import re
import tomllib
from pathlib import Path

import yaml

from vnmigration.paths import ROOT, SEEDS


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_seeds_match_their_recorded_sha256():
    # New articles may be dropped beside them; the five source texts themselves never change.
    recorded = dict(line.split()[::-1] for line in (ROOT / "tests" / "seeds.sha256").read_text().splitlines())
    assert len(recorded) == 5
    for name, digest in recorded.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_seeds_match_shared_copy_when_present():
    shared = ROOT.parent / "shared" / "seeds"
    for src in sorted(shared.glob("*.txt")):
        assert (SEEDS / src.name).read_bytes() == src.read_bytes(), src.name


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        pip_names |= {_name(r) for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda_names == pip_names


def test_nothing_derived_is_written_into_seeds():
    # A user may drop any file there (a .pdf becomes an `unsupported-format` problem); the package writes none.
    derived = {".csv", ".parquet", ".png", ".pkl", ".ipynb"}
    assert not [p.name for p in Path(SEEDS).iterdir() if p.suffix in derived]
