"""Every path the package uses, built in one place.

Data files (codebook, taxonomy, rules) are package resources: they are installed with the package. The
project folder (seeds/, notebooks/, reports/, eval/) is `$VNMIGRATION_ROOT` when set, else the source
checkout the package runs from, else the working directory, so an installed package finds a corpus too.
The corpus the notebooks and `build_tables()` read is `$VNMIGRATION_CORPUS` when set, else seeds/.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
ROOT_VARIABLE, CORPUS_VARIABLE = "VNMIGRATION_ROOT", "VNMIGRATION_CORPUS"
REPORTS_VARIABLE = "VNMIGRATION_REPORTS"  # set by `python -m vnmigration report`: figures go there, widgets stay off


def _project_root() -> Path:
    """`$VNMIGRATION_ROOT`, else the checkout holding lib/vnmigration, else the working directory."""
    if os.environ.get(ROOT_VARIABLE):
        return Path(os.environ[ROOT_VARIABLE]).expanduser().resolve()
    checkout = PACKAGE.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "lib" / "vnmigration").is_dir():
        return checkout
    return Path.cwd()


ROOT = _project_root()
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
CACHE = ROOT / ".cache"
EVAL = ROOT / "eval"
EVAL_ARTICLES = EVAL / "articles"
EVAL_GOLD = EVAL / "gold.yaml"
EVAL_TIMELINE = EVAL / "gold_timeline.yaml"  # which event mentions of the eval set are one happening
EVAL_VI_ARTICLES = EVAL / "vi" / "articles"  # the Vietnamese pages, their gold and the happenings both languages tell
EVAL_VI_GOLD = EVAL / "vi" / "gold_vi.yaml"

CORRECTIONS_FILE = "corrections.yaml"  # a researcher's hand corrections, in the corpus folder (corrections.py)

CODEBOOK = DATA / "codebook.yaml"
TAXONOMY = DATA / "en" / "taxonomy.yaml"
GCM_OBJECTIVES = DATA / "gcm_objectives.csv"


def corpus_dir() -> Path:
    """The corpus folder to read: `$VNMIGRATION_CORPUS` (set by `make report CORPUS=DIR`), else seeds/.

    >>> corpus_dir() == SEEDS or bool(os.environ.get(CORPUS_VARIABLE))
    True
    """
    return Path(os.environ[CORPUS_VARIABLE]).expanduser() if os.environ.get(CORPUS_VARIABLE) else SEEDS


def reports_dir() -> Path:
    """Where reports, figures and tables go: `$VNMIGRATION_REPORTS` during a report run, else reports/.

    >>> reports_dir() == REPORTS or in_report_run()
    True
    """
    return Path(os.environ[REPORTS_VARIABLE]).expanduser() if os.environ.get(REPORTS_VARIABLE) else REPORTS


def figures_dir() -> Path:
    """Where chart PNGs go: `reports_dir()/figures`.

    >>> figures_dir() == reports_dir() / "figures"
    True
    """
    return reports_dir() / "figures"


def in_report_run() -> bool:
    """True while `python -m vnmigration report` executes the notebooks: interactive widgets are not drawn.

    >>> in_report_run() == bool(os.environ.get(REPORTS_VARIABLE))
    True
    """
    return bool(os.environ.get(REPORTS_VARIABLE))
