"""Build every table from a corpus folder and write them as CSV (UTF-8, ISO dates)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .actors import uncoded_candidates
from .corpus import CorpusError, corpus_files, read_files, site_statements
from .corrections import Correction, correct_stages, correct_table, corrections_table, happening_of, load_corrections
from .engines import available_cores
from .events import statement_events
from .network import actor_edges
from .paths import corpus_dir
from .pipeline import POOL_PARTITION, run_stages_in_pool
from .taxonomy import distinctive_terms
from .timeline import build_timeline

READINGS = ("corpus", "alone")


def read_alone(paths: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`articles` and `problems` with every file read as if it were the only one: no site templates, no duplicate
    or date anchor across files. What a page says by itself; `evaluate` compares it with the corpus reading.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "b.txt"):
    ...     _ = (folder / name).write_text("Most read\\nHanoi, March 5, 2019 – IOM opened an office, it said.")
    >>> read_alone(corpus_files(folder))[0]["boilerplate"].tolist()
    ['Most read', 'Most read']
    """
    readings = [read_files([path]) for path in paths]
    articles = pd.concat([a for a, _ in readings if not a.empty] or [readings[0][0]], ignore_index=True)
    problems = pd.concat([p for _, p in readings], ignore_index=True)
    return articles, problems.sort_values(["file", "reason"], ignore_index=True)


def build_tables(corpus: str | Path | None = None, reading: str = "corpus",
                 jobs: int | None = None) -> dict[str, pd.DataFrame]:
    """All exported tables by name, from one corpus folder: {"articles": ..., "sentences": ..., ...}.

    `reading="alone"` reads every page as if it were the only one (`read_alone`); the default reads the folder
    as one corpus. A folder with no readable article is a `CorpusError` that says why, in one sentence. The
    folder's `corrections.yaml`, if any, is applied after the machine reading (`corrections.py`). The per-article
    stages run in `jobs` worker processes (default: every core this process may use) once the corpus fills two
    partitions of `pipeline.POOL_PARTITION` articles; the tables are those of one process.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> tables = build_tables(folder)
    >>> len(tables["articles"]), tables["mentions"]["actor"].tolist()
    (1, ['IOM Viet Nam'])
    >>> build_tables(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnmigration.corpus.CorpusError: no article to analyse in ...: it holds no .txt or .html file
    """
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, not {reading!r}")
    paths = corpus_files(corpus)
    jobs = available_cores() if jobs is None else jobs
    if reading == "corpus" and jobs > 1 and len(paths) > POOL_PARTITION:  # the files read in worker processes too
        from .stream import read_in_pool
        articles, problems = read_in_pool(paths, jobs, POOL_PARTITION)
    else:
        articles, problems = read_files(paths) if reading == "corpus" or not paths else read_alone(paths)
    if articles.empty:
        why = "; ".join(f"{r.file}: {r.reason}" for r in problems.itertuples()) or "it holds no .txt or .html file"
        raise CorpusError(f"no article to analyse in {corpus or corpus_dir()}: {why}")
    return tables_of(articles, problems, load_corrections(corpus if corpus is not None else corpus_dir()), jobs=jobs)


def tables_of(articles: pd.DataFrame, problems: pd.DataFrame, corrections: tuple[Correction, ...] = (),
              jobs: int = 1, partition_size: int = POOL_PARTITION) -> dict[str, pd.DataFrame]:
    """Every table from an `articles` table already read (and its `problems`): what `build_tables` returns.

    Hand `corrections` apply to the articles before the stages, to the other tables after them, and place event
    mentions in the timeline; `corrections` (the table) says how many rows each matched. With `jobs` > 1 the
    per-article stages run in worker processes, `partition_size` articles at a time (`run_stages_in_pool`).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Hanoi, March 5, 2019 – IOM Viet Nam met the ministry in Hanoi.")
    >>> tables_of(*read_files(corpus_files(folder)))["mentions"]["actor"].tolist()
    ['IOM Viet Nam', 'Hanoi']
    """
    counts: dict[int, int] = {}
    articles = correct_table(articles, "articles", corrections, counts)
    dated = set(articles.loc[articles["published"].notna(), "file"])
    problems = problems[~((problems["reason"] == "no-date") & problems["file"].isin(dated))].reset_index(drop=True)
    t = run_stages_in_pool(articles, jobs, partition_size)  # the per-article stages, then the cross-article steps
    statements = site_statements(articles)
    site_dates, site_events = statement_events(statements)
    t = correct_stages(t | {"events": pd.concat([t["events"], site_events], ignore_index=True)}, corrections, counts)
    events = t["events"]
    return {
        "articles": articles, "sentences": t["sentences"], "problems": problems, "site_statements": statements,
        "mentions": t["mentions"], "uncoded": uncoded_candidates(t["sentences"], t["mentions"], roles=t["roles"]),
        "roles": t["roles"], "quotes": t["quotes"], "actor_edges": actor_edges(t["mentions"]),
        "dates": pd.concat([t["dates"], site_dates], ignore_index=True), "events": events,
        "timeline": build_timeline(events, happening_of(corrections)), "themes": t["themes"],
        "theme_profile": t["theme_profile"], "distinctive_terms": distinctive_terms(articles),
        "corrections": corrections_table(corrections, counts),
    }


CSV_OPTIONS = {"index": False, "date_format": "%Y-%m-%d", "encoding": "utf-8"}  # every CSV the package writes


def list_cell(value):
    """A list in a cell as CSV text, anything else as it is: ["a", "b"] -> "a;b".

    >>> list_cell(["IOM", "MOFA"]), list_cell("IOM")
    ('IOM;MOFA', 'IOM')
    """
    return ";".join(map(str, value)) if isinstance(value, list | tuple) else value


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """Lists in cells become `;`-joined strings so that a CSV keeps them: ["a", "b"] -> "a;b"."""
    out = table.copy()
    for col in out.columns:
        if any(isinstance(v, list | tuple) for v in out[col]):  # an empty datetime column has no .map(...).any()
            out[col] = out[col].map(list_cell)
    return out


def write_tables(tables: dict[str, pd.DataFrame], outdir: str | Path) -> list[Path]:
    """Write each table to OUTDIR/<name>.csv and return the paths.

    >>> import pandas as pd, tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> paths = write_tables({"events": pd.DataFrame({"participants": [["IOM", "MOFA"]]})}, out)
    >>> [p.name for p in paths], (out / "events.csv").read_text()
    (['events.csv'], 'participants\\nIOM;MOFA\\n')
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = outdir / f"{name}.csv"
        _flat(table).to_csv(path, **CSV_OPTIONS)
        paths.append(path)
    return paths
