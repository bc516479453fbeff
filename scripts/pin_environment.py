"""Rewrite environment.yml's version pins from requirements.lock, so conda and pip install the same versions.

Run by `make lock`; tests/test_packaging.py checks that the two files agree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^(\s*- )([A-Za-z0-9_.\-]+)(?:[<>=!~]=?[^\s#]*)?(\s*#.*)?$")


def canonical(name: str) -> str:
    """PEP 503 name: `lxml_html_clean` -> `lxml-html-clean`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_versions(lock: Path) -> dict[str, str]:
    """{name: version} of every pin in a uv/pip-compile lock (the first pin where markers split one)."""
    versions: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found:
            versions.setdefault(canonical(found[1]), found[2])
    return versions


def pin(environment: str, versions: dict[str, str]) -> str:
    """environment.yml's text with `- name...` lines pinned to the lock's versions (python and pip untouched)."""
    out = []
    for line in environment.splitlines():
        found = LINE.match(line)
        name = found and canonical(found[2])
        if found and name in versions:
            line = f"{found[1]}{found[2]}=={versions[name]}{found[3] or ''}"
        out.append(line)
    return "\n".join(out) + "\n"


def main() -> int:
    env = ROOT / "environment.yml"
    env.write_text(pin(env.read_text(), lock_versions(ROOT / "requirements.lock")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
