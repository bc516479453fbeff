"""The repo's promises about itself: seeds byte for byte, same dependencies for pip and conda."""

import ast
import hashlib
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

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


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [r for reqs in project["optional-dependencies"].values() for r in reqs]
    return [Requirement(r) for r in project["dependencies"] + extras]


def _locked() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from pin_environment import canonical, lock_versions
    finally:
        sys.path.pop(0)
    return {canonical(n): v for n, v in lock_versions(ROOT / "requirements.lock").items()}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_lock_pins_every_declared_dependency_within_its_bounds():
    locked = _locked()
    for requirement in _declared():
        name = _canonical(requirement.name)
        assert name in locked, f"{name} is declared in pyproject.toml but not pinned in requirements.lock"
        assert requirement.specifier.contains(locked[name]), f"the lock's {name}=={locked[name]}: not {requirement}"


def test_environment_yml_pins_the_locked_versions():
    locked = _locked()
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = dict(d.split("==", 1) for d in env["dependencies"] if isinstance(d, str) and "==" in d)
    declared = {_canonical(r.name) for r in _declared()}
    assert {_canonical(n) for n in pins} == declared, "every declared dependency is pinned in environment.yml"
    for name, version in pins.items():
        assert locked[_canonical(name)] == version, f"environment.yml pins {name}=={version}, the lock {locked[name]}"


def _imported_modules(folder: Path) -> set[str]:
    """Top-level names of every module imported by the files under folder, the package's own left out."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    local = {path.stem for top in ("lib", "tests", "benchmarks", "scripts") for path in (ROOT / top).rglob("*.py")}
    return names - set(sys.stdlib_module_names) - local - {"vnmigration", "__future__"}


def test_every_imported_package_is_declared():
    # A package the code imports only because another one happens to pull it in breaks on its next release.
    declared = {_canonical(r.name) for r in _declared()}
    providers = importlib.metadata.packages_distributions()
    for folder in ("lib", "tests", "benchmarks", "scripts"):
        for module in sorted(_imported_modules(ROOT / folder)):
            distributions = {_canonical(d) for d in providers.get(module, [module])}
            assert distributions & declared, f"{folder}/ imports {module} ({distributions}), not declared"


def test_nothing_derived_is_written_into_seeds():
    # A user may drop any file there (a .pdf becomes an `unsupported-format` problem); the package writes none.
    derived = {".csv", ".parquet", ".png", ".pkl", ".ipynb"}
    assert not [p.name for p in Path(SEEDS).iterdir() if p.suffix in derived]
