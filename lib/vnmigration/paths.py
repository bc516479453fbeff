"""Every path the package uses, built in one place."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
ROOT = PACKAGE.parent.parent
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
TABLES = REPORTS / "tables"
EVAL = ROOT / "eval"
EVAL_ARTICLES = EVAL / "articles"
EVAL_GOLD = EVAL / "gold.yaml"

CODEBOOK = DATA / "codebook.yaml"
TAXONOMY = DATA / "taxonomy.yaml"
GCM_OBJECTIVES = DATA / "gcm_objectives.csv"
EVENT_RULES = DATA / "event_rules.yaml"
