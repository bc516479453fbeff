"""A new user's install: the interpreter's own pip, no upgrade, no lock, the package built from the checkout (not
editable), then an export of a folder holding one saved web page, run from outside the source tree.

This is the slowest test (it resolves and installs the whole dependency tree from the package index, about a
minute with a warm pip cache); it needs the index, as `make test` itself does.
"""

import csv
import os
import shutil
import subprocess
import venv
from pathlib import Path

from vnmigration.paths import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "page.html"


def _checkout_copy(target: Path) -> Path:
    """What `pip install .` needs from the checkout, copied so the build leaves nothing in the source tree."""
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copy(ROOT / "README.md", target / "README.md")
    shutil.copytree(ROOT / "lib", target / "lib", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    return target


def test_bundled_pip_installs_the_package_and_reads_a_web_page(tmp_path):
    (tmp_path / "src").mkdir()
    source = _checkout_copy(tmp_path / "src")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)  # ensurepip: the pip bundled with this Python
    python = env_dir / "bin" / "python"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("VNMIGRATION_", "VIRTUAL_ENV", "PYTHON"))}
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", str(source)], env=environ,
                             capture_output=True, text=True, timeout=1500)
    assert install.returncode == 0, install.stderr[-3000:]

    work = tmp_path / "elsewhere"
    (work / "pages").mkdir(parents=True)
    shutil.copy(FIXTURE, work / "pages" / "page.html")
    run = subprocess.run([python, "-m", "vnmigration", "export", "out", "--corpus", "pages"], cwd=work, env=environ,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]

    # The installed copy, not the checkout, ran: it lives in the new venv's site-packages.
    where = subprocess.run([python, "-c", "import vnmigration; print(vnmigration.__file__)"], cwd=work, env=environ,
                           capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where
    with open(work / "out" / "articles.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # The page became one article with its headline and its body, dated from its markup.
    assert [row["title"] for row in rows] == ["Viet Nam and IOM open a migrant resource centre"]
    assert "migrant resource centre in Hanoi" in rows[0]["text"]
    assert rows[0]["published"] == "2021-06-14"
