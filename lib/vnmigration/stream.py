"""Streaming export: every per-article stage on partitions of files, each table appended to its output.

`export(OUT, corpus)` reads `partition_size` files at a time, runs the per-article stages on them and
appends each table to OUT (CSV files, or Parquet folders of part files). What crosses partitions is kept
as compact keys, so memory grows with one partition plus these keys, not with the corpus:

- duplicates: the text digests seen so far (`corpus.read_files(seen=...)`);
- publication-year anchoring: the `(name, month) -> {year: where}` index of `published.named_months`, merged
  in corpus order; undated articles are spilled to disk and run after the last partition, once the
  index is complete, then `corpus.no_date_problems` names the ones still undated;
- the timeline: each partition's events are spilled; what stays is one compact key per distinct event
  (`timeline.EventKey`: status, dates, kind, label, participants, evidence) and, per event, an int key id and its
  article's corpus rank. At the end `timeline.timeline_table` consolidates the distinct keys (as
  `timeline.build_timeline` does) and gathers each row from the spilled events, read back in corpus order one
  partition at a time;
- actor edges: pair counts summed (sentences and articles never span partitions);
- uncoded candidates: `actors.uncoded_part` folded per partition, merged at the end;
- distinctive terms: per-article term counts are spilled with corpus-wide term ids (in order of first
  appearance, as scikit-learn numbers them before sorting) while document frequencies add up; a second
  pass over the spill weighs them with scikit-learn's TfidfTransformer fitted from those frequencies
  (`taxonomy.fitted_tfidf`), so the weights are those of `taxonomy.distinctive_terms` on the whole corpus;
- theme profile: per-partition profiles are spilled and written at the end with every theme column any
  partition used (0.0 elsewhere, as the whole-corpus table has).

Rows come out in partition order (spilled undated articles last); sorted by their keys the tables equal
`export.build_tables`. Label columns (`LABELS`) are categoricals in the written tables.

With `engine="dask"` the same partition functions run on a Dask cluster (a LocalCluster on all cores, or
the scheduler at `scheduler`); the cross-article steps run on the client on the gathered compact results.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from . import chrome, outlets, published, taxonomy
from . import corpus as cp
from .actors import (
    fold_uncoded,
    mask_actors,
    merge_uncoded,
    uncoded_part,
)
from .corrections import Correction, correct_stages, correct_table, corrections_table, happening_of, load_corrections
from .engines import DaskEngine, LocalEngine, ProcessEngine, available_cores
from .events import statement_events
from .network import actor_edges
from .pipeline import run_stages
from .sinks import EMPTY_COLUMNS, N_TERMS, PER_PARTITION, PROFILE_TAIL, TABLES, CsvSink, ParquetSink, labelled
from .timeline import EventKey, keys_of, timeline_table

# --- per-partition work (runs on Dask workers too: plain functions of their arguments) --------------

def process(articles: pd.DataFrame, corrections: tuple[Correction, ...] = ()) -> dict:
    """Every per-article stage on one partition of articles: the tables, edge counts and uncoded part; hand
    `corrections` apply to the stages' tables (the articles were corrected when read) and are counted.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2019-03-05")],
    ...                          "published_precision": ["day"], "title": [None],
    ...                          "text": ["IOM Viet Nam met officials of the Ministry of Foreign Affairs, March 5."]})
    >>> out = process(articles)
    >>> sorted(out)[:6]
    ['articles', 'corrected', 'dates', 'edges', 'events', 'mentions']
    >>> out["mentions"]["actor"].tolist()
    ['IOM Viet Nam', 'Ministry of Foreign Affairs']
    >>> process(articles.iloc[:0])
    {}
    """
    if articles.empty:
        return {}
    t = run_stages(articles)  # the per-article stages (pipeline.STAGES)
    counts: dict[int, int] = {}
    t = correct_stages(t, corrections, counts)
    return {**t, "edges": actor_edges(t["mentions"]), "uncoded": uncoded_part(t["sentences"], t["mentions"],
                                                                               roles=t["roles"]), "corrected": counts}


def term_counts(articles: pd.DataFrame) -> tuple:
    """Each article's term counts, with partition term ids in order of first appearance (as scikit-learn's
    CountVectorizer numbers terms before sorting): (article_ids, terms, indptr, ids, counts).

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Shelter and shelter staff"]})
    >>> ids, terms, indptr, term_ids, counts = term_counts(articles)
    >>> ids, terms, counts.tolist()
    (['a'], ['shelter', 'staff', 'shelter shelter', 'shelter staff'], [2, 1, 1, 1])
    """
    analyze = taxonomy.vectorizer().build_analyzer()
    vocabulary: dict[str, int] = {}
    indptr, ids, counts = [0], [], []
    for doc in mask_actors(articles["text"]):
        counter: dict[int, int] = {}
        for feature in analyze(doc):
            j = vocabulary.get(feature)
            if j is None:
                j = vocabulary[feature] = len(vocabulary)
            counter[j] = counter.get(j, 0) + 1
        ids.extend(counter)
        counts.extend(counter.values())
        indptr.append(len(ids))
    return (articles["article_id"].tolist(), list(vocabulary), np.asarray(indptr, np.int64),
            np.asarray(ids, np.int64), np.asarray(counts, np.int64))


def read_partition(paths: list[Path], seen: dict[str, str],
                   templates: frozenset[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`corpus.read_files(paths, seen, anchor=False)`, with site templates found over the whole corpus.

    `templates` (from `scan_partition` results) replaces `chrome.template_lines` on the partition alone.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> _ = (folder / "b.txt").write_text("IOM Viet Nam met again in May this year.")
    >>> articles, problems = read_partition(sorted(folder.glob("*.txt")), seen={})
    >>> articles[["article_id", "published"]]
      article_id  published
    0          a 2019-03-05
    1          b        NaT
    """
    return cp.read_files(paths, seen=seen, anchor=False, templates=templates)


def scan_partition(paths: list[Path]) -> list[tuple]:
    """Per file: (duplicate key, outlet, distinct non-prose lines), as `corpus.read_files` and
    `chrome.template_lines` see them; the key is None for a file that is never kept.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> _ = (folder / "b.txt").write_text("IOM Viet Nam met again in May this year.")
    >>> [(key[:8], outlet) for key, outlet, _ in scan_partition(sorted(folder.glob("*.txt")))]
    [('488b6bd4', None), ('c89cef69', None)]
    """
    out = []
    for path in paths:
        text = cp.read_page(path)[1]
        if text is None:
            out.append((None, None, ()))
            continue
        key = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
        out.append((key, outlets.find_outlet(text)[0], chrome.template_candidates(text)))
    return out


def read_in_pool(paths: list[Path], jobs: int, partition_size: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`corpus.read_files(paths)` with the files read in `jobs` worker processes, `partition_size` at a time: the
    scan finds duplicates and site templates over the whole corpus first (as the export does), each partition is
    read with them, and the date anchors and no-date problems are worked out over all the articles at the end.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "b.txt", "c.txt"):  # b repeats a
    ...     _ = (folder / name).write_text("Hanoi, March 5, 2019 - IOM opened an office." if name != "c.txt"
    ...                                    else "IOM Viet Nam met again in May this year.")
    >>> articles, problems = read_in_pool(sorted(folder.iterdir()), jobs=2, partition_size=1)
    >>> articles["article_id"].tolist(), problems[["file", "reason"]].values.tolist()
    (['a', 'c'], [['b.txt', 'duplicate'], ['c.txt', 'no-date']])
    """
    parts = [paths[i:i + partition_size] for i in range(0, len(paths), partition_size)]
    engine = ProcessEngine(jobs)
    try:
        seens, templates = _scan(parts, engine.map(scan_partition, ((part,) for part in parts)))
        read = list(engine.map(read_partition, ((part, seen, templates) for part, seen in zip(parts, seens,
                                                                                          strict=True))))
    finally:
        engine.close()
    articles = published.anchor_this_year(pd.concat([a for a, _ in read], ignore_index=True))
    rows = [row for _, p in read for row in p.itertuples(index=False, name=None)] + cp.no_date_problems(articles)
    problems = pd.DataFrame(rows, columns=cp.PROBLEM_COLUMNS).astype({"kept": bool})  # built as read_files builds it
    return articles, problems.sort_values(["file", "reason"], ignore_index=True)


def load_partition(paths: list[Path], seen: dict[str, str], templates: frozenset[str] | None = None,
                   corrections: tuple[Correction, ...] = ()) -> dict:
    """Read one partition of files (hand `corrections` applied to its articles) and run the stages on its dated
    articles; undated ones wait for anchoring.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> _ = (folder / "b.txt").write_text("IOM Viet Nam met again in May this year.")
    >>> out = load_partition(sorted(folder.glob("*.txt")), seen={})
    >>> out["articles"]["article_id"].tolist(), out["deferred"]["article_id"].tolist()
    (['a'], ['b'])
    """
    articles, problems = read_partition(paths, seen, templates)
    counts: dict[int, int] = {}
    articles = correct_table(articles, "articles", corrections, counts)
    undated = articles["published"].isna().to_numpy()
    out = process(articles[~undated].reset_index(drop=True), corrections)
    out["corrected"] = _summed(out.get("corrected", {}), counts)
    out.update(problems=list(problems.itertuples(index=False, name=None)), index=published.named_months(articles),
               terms=term_counts(articles), deferred=articles[undated].reset_index(drop=True),
               statements=list(cp.site_statements(articles).itertuples(index=False, name=None)))
    return out


def _summed(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    """Two correction counts added: {1: 2} + {1: 1, 2: 1} -> {1: 3, 2: 1}."""
    return {k: a.get(k, 0) + b.get(k, 0) for k in a.keys() | b.keys()}


def anchor_partition(articles: pd.DataFrame, index: dict, corrections: tuple[Correction, ...] = ()) -> dict:
    """Date undated articles from the corpus-wide named-month index (published.anchor_this_year), then run the stages.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – The forum met.")
    >>> _ = (folder / "b.txt").write_text("The Regional Review Forum met again in May this year.")
    >>> out = load_partition(sorted(folder.glob("*.txt")), seen={})
    >>> anchored = anchor_partition(out["deferred"], {("The Regional Review Forum", 5): {2019: "'May 2019' in a"}})
    >>> anchored["articles"][["article_id", "published", "published_precision"]]
      article_id  published published_precision
    0          b 2019-01-01                year
    """
    found = {}
    for i, article_id, text in zip(articles.index, articles["article_id"], articles["text"], strict=True):
        if (year_evidence := published.anchor_year(article_id, text, index)) is not None:
            found[i] = year_evidence
    if found:  # the same updates as published.anchor_this_year
        articles = articles.copy()
        rows = list(found)
        articles.loc[rows, "published"] = [pd.Timestamp(year, 1, 1) for year, _ in found.values()]
        articles.loc[rows, ["published_precision", "published_source"]] = ["year", "content"]
        articles.loc[rows, "published_evidence"] = [evidence for _, evidence in found.values()]
    out = process(articles, corrections)
    out["problems"] = cp.no_date_problems(articles)
    return out


# --- the cross-article state ------------------------------------------------------------------------

class _Terms:
    """Corpus-wide term ids (in order of first appearance) and document frequencies; counts spilled to disk."""

    def __init__(self, spill: Path):
        self.spill = spill
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.df = np.zeros(1024, np.int64)
        self.n_docs = 0
        self.files: list[Path] = []

    def add(self, part: tuple) -> None:
        article_ids, local_terms, indptr, local, counts = part
        if not article_ids:
            return
        mapping = np.empty(len(local_terms), np.int64)
        for k, term in enumerate(local_terms):
            j = self.ids.get(term)
            if j is None:
                j = self.ids[term] = len(self.terms)
                self.terms.append(term)
            mapping[k] = j
        ids = mapping[local]
        if len(self.terms) > len(self.df):
            self.df = np.concatenate([self.df, np.zeros(max(len(self.terms), 2 * len(self.df)) - len(self.df),
                                                        np.int64)])
        self.df[:len(self.terms)] += np.bincount(ids, minlength=len(self.terms))  # ids are unique per article
        self.n_docs += len(article_ids)
        path = self.spill / f"terms-{len(self.files):06d}.pkl"
        with open(path, "wb") as f:
            pickle.dump((article_ids, indptr, ids, counts), f, protocol=pickle.HIGHEST_PROTOCOL)
        self.files.append(path)

    def distinctive(self, n: int = N_TERMS) -> Iterator[pd.DataFrame]:
        """taxonomy.distinctive_terms, one spilled partition at a time, with the corpus-wide IDF."""
        import scipy.sparse as sp

        n_terms = len(self.terms)
        transformer = taxonomy.fitted_tfidf(self.df[:n_terms], self.n_docs)
        vocab = np.array(self.terms, dtype=object)
        for path in self.files:
            with open(path, "rb") as f:
                article_ids, indptr, ids, counts = pickle.load(f)
            rows = np.repeat(np.arange(len(article_ids)), np.diff(indptr))
            order = np.lexsort((ids, rows))  # each article's terms by first appearance, as CountVectorizer stores them
            counts = sp.csr_array((counts[order].astype(np.float64), ids[order], indptr),
                                  shape=(len(article_ids), n_terms))
            yield taxonomy.top_terms(transformer.transform(counts, copy=False), vocab, article_ids, n)


class _Timeline:
    """Events across partitions as compact keys (distinct `timeline.EventKey`s, an int key id and an article rank per
    event), full rows spilled; `table()` gives `timeline.build_timeline` of all events in rank order."""

    def __init__(self, spill: Path):
        self.spill = spill
        self.key_ids: dict[EventKey, int] = {}
        self.files: list[Path] = []
        self.key_of: list[np.ndarray] = []
        self.rank_of: list[np.ndarray] = []

    def add(self, events: pd.DataFrame, rank: np.ndarray) -> None:
        """Keep one partition's event keys and ranks; spill its rows."""
        if events.empty:
            return
        ids = self.key_ids
        self.key_of.append(np.fromiter((ids.setdefault(k, len(ids)) for k in keys_of(events)), np.int64,
                                       len(events)))
        self.rank_of.append(rank)
        path = self.spill / f"events-{len(self.files):06d}.pkl"
        events.drop(columns=["date_text"]).to_pickle(path)
        self.files.append(path)

    def table(self, placed=None) -> pd.DataFrame:
        """The consolidated timeline: keys grouped as `timeline.build_timeline` groups them (with the mentions
        `placed` by hand), rows read back."""
        order = np.argsort(np.concatenate(self.rank_of or [np.zeros(0, np.int64)]), kind="stable")
        keyed = np.concatenate(self.key_of or [np.zeros(0, np.int64)])[order]
        provisional = list(self.key_ids)
        self.key_ids = {}
        seen, first = np.unique(keyed, return_index=True)
        by_first = seen[np.argsort(first, kind="stable")]  # key ids in order of first appearance, as build_timeline
        renumber = np.empty(len(provisional), np.int64)
        renumber[by_first] = np.arange(len(by_first))
        keys = [provisional[k] for k in by_first.tolist()]
        del provisional
        return timeline_table(keys, renumber[keyed], self._records(order), placed)

    def _records(self, order: np.ndarray) -> Iterator[dict]:
        """The spilled events as records, in `order`; a spill file is loaded when first needed, dropped when done."""
        sizes = np.array([len(k) for k in self.key_of], np.int64)
        starts = np.cumsum(sizes) - sizes
        part = np.repeat(np.arange(len(sizes)), sizes)[order]
        row = order - starts[part]
        left = sizes.tolist()
        loaded: dict[int, list[dict]] = {}
        for p, r in zip(part.tolist(), row.tolist(), strict=True):
            if p not in loaded:
                loaded[p] = pd.read_pickle(self.files[p]).to_dict("records")
            yield loaded[p][r]
            left[p] -= 1
            if not left[p]:
                del loaded[p]
                self.files[p].unlink()


class _State:
    """What the export keeps between partitions, and the tables it writes at the end."""

    def __init__(self, sink, spill: Path, rank: dict[str, int], corrections: tuple[Correction, ...] = ()):
        self.sink, self.spill, self.rank = sink, spill, rank
        self.corrections, self.counts = corrections, {}
        self.index: dict = {}
        self.terms = _Terms(spill)
        self.problems: list[tuple] = []
        self.uncoded: dict[str, list] = {}
        self.edges: dict[tuple[str, str], list[int]] = {}
        self.timeline = _Timeline(spill)
        self.statements: dict[tuple, list] = {}  # (source_id, outlet, statement) -> [first_article, n_articles]
        self.deferred: list[Path] = []
        self.n_deferred = 0
        self.profiles: list[Path] = []
        self.themes: set[str] = set()
        self.n_articles = 0

    def take(self, result: dict) -> None:
        """Fold one partition's result in: write its tables, merge its compact keys, spill what waits."""
        for key, years in result.get("index", {}).items():
            merged = self.index.setdefault(key, {})
            for year, where in years.items():
                merged.setdefault(year, where)
        if "terms" in result:
            self.terms.add(result["terms"])
        deferred = result.get("deferred")
        if deferred is not None and len(deferred):
            path = self.spill / f"undated-{len(self.deferred):06d}.pkl"
            deferred.to_pickle(path)
            self.deferred.append(path)
            self.n_deferred += len(deferred)
        self.problems += result.get("problems", [])
        self.counts = _summed(self.counts, result.get("corrected", {}))
        for source, outlet, statement, first, n in result.get("statements", []):
            row = self.statements.setdefault((source, outlet, statement), [first, 0])
            row[0] = min(row[0], first)
            row[1] += n
        if "articles" not in result:
            return
        self.n_articles += len(result["articles"])
        for name in PER_PARTITION:
            self.sink.write(name, labelled(name, result[name]))
        events = result["events"]
        self.timeline.add(events, events["article_id"].map(self.rank).to_numpy(np.int64))
        profile = result["theme_profile"]
        self.themes |= set(profile.columns) - {"article_id", *PROFILE_TAIL}
        path = self.spill / f"profile-{len(self.profiles):06d}.pkl"
        profile.to_pickle(path)
        self.profiles.append(path)
        for a, b, s, n in result["edges"].itertuples(index=False, name=None):
            pair = self.edges.setdefault((a, b), [0, 0])
            pair[0] += s
            pair[1] += n
        fold_uncoded(self.uncoded, result["uncoded"], self.rank.__getitem__)

    def deferred_chunks(self, size: int) -> Iterator[pd.DataFrame]:
        """The spilled undated articles, in corpus order, `size` at a time."""
        buffer: list[pd.DataFrame] = []
        held = 0
        for path in self.deferred:
            buffer.append(pd.read_pickle(path))
            path.unlink()
            held += len(buffer[-1])
            while held >= size:
                joined = pd.concat(buffer, ignore_index=True)
                yield joined.iloc[:size].reset_index(drop=True)
                buffer, held = [joined.iloc[size:]], len(joined) - size
        if held:
            yield pd.concat(buffer, ignore_index=True)

    def finish(self) -> None:
        """Write the cross-article tables: problems, uncoded, actor edges, timeline, theme profile, terms."""
        sink = self.sink
        problems = (pd.DataFrame(self.problems, columns=cp.PROBLEM_COLUMNS).astype({"kept": bool})
                    .sort_values(["file", "reason"], ignore_index=True))
        sink.write("problems", labelled("problems", problems))
        uncoded = merge_uncoded([self.uncoded]) if self.uncoded else _empty("uncoded")
        sink.write("uncoded", uncoded)
        edges = pd.DataFrame([(a, b, s, n) for (a, b), (s, n) in sorted(self.edges.items())],
                             columns=EMPTY_COLUMNS["actor_edges"])
        sink.write("actor_edges", labelled("actor_edges", edges))
        statements = pd.DataFrame([(*key, *row) for key, row in self.statements.items()],
                                  columns=cp.STATEMENT_COLUMNS)
        sink.write("site_statements", labelled("site_statements", statements))
        site_events = None
        if len(statements):  # dated once per site, as export.build_tables does
            site_dates, site_events = statement_events(statements)
            site_events = correct_stages({"events": site_events}, self.corrections, self.counts)["events"]
            sink.write("dates", labelled("dates", site_dates))
            sink.write("events", labelled("events", site_events))
        if site_events is not None:  # after every article's events, as in export.build_tables
            self.timeline.add(site_events, np.full(len(site_events), len(self.rank), np.int64))
        if self.n_articles or site_events is not None:
            sink.write("timeline", labelled("timeline", self.timeline.table(happening_of(self.corrections))))
        sink.write("corrections", corrections_table(self.corrections, self.counts))
        columns = ["article_id", *sorted(self.themes), *PROFILE_TAIL]
        for path in self.profiles:
            sink.write("theme_profile", pd.read_pickle(path).reindex(columns=columns, fill_value=0.0))
        if self.terms.n_docs:
            for table in self.terms.distinctive():
                sink.write("distinctive_terms", table)
        for name in TABLES:  # a table no partition wrote still gets its header (or schema)
            if name not in getattr(sink, "started", TABLES):
                sink.write(name, _empty(name))


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=EMPTY_COLUMNS[name])


def _progress(iterable: Iterable, total: int, desc: str, enabled: bool | None) -> Iterable:
    """A tqdm bar on a terminal; plain iteration in notebooks, CI, pipes and files."""
    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="part", file=sys.stderr)


def system_arrow_memory() -> None:
    """Arrow's string buffers from the system allocator, in this process and the workers it starts, unless the user
    chose a pool (`ARROW_DEFAULT_MEMORY_POOL`): mimalloc, Arrow's default, keeps freed memory. Measured on 3,000
    synthetic articles, one core: peak RSS of the whole export 360 MB -> 329 MB, 34.7 s -> 34.4 s; the streaming
    export's RSS growth 69-71 MiB -> 45-48 MiB (benchmarks/RESULTS.md). `python -m vnmigration export` calls it."""
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"  # read by each worker's pyarrow when it starts
        import pyarrow
        pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def export(outdir: str | Path, corpus: str | Path | None = None, fmt: str = "csv", partition_size: int = 250,
           engine: str = "pandas", scheduler: str | None = None, progress: bool | None = None,
           sink=None, runner=None, jobs: int | None = None) -> list[Path]:
    """Stream every table of the corpus folder into OUTDIR (CSV files or Parquet folders); returns their paths.

    `engine="pandas"` runs the partitions in `jobs` processes on this machine (default: every core this process may
    use; 1: in this process), `engine="dask"` on a Dask cluster (`scheduler` address, or a LocalCluster);
    `sink` and `runner` replace the output writer and the engine (tests use `sinks.MemorySink`).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("IOM opens an office in Hanoi\\nHanoi, March 5, 2019 – IOM Viet Nam met.")
    >>> _ = (folder / "b.txt").write_text("IOM Viet Nam met again in May this year.")
    >>> from vnmigration.sinks import MemorySink
    >>> sink = MemorySink()
    >>> paths = export(tempfile.mkdtemp(), folder, sink=sink, progress=False)
    >>> tables = sink.tables()
    >>> tables["articles"][["article_id", "published", "published_precision"]]
      article_id  published published_precision
    0          a 2019-03-05                 day
    1          b        NaT                <NA>
    """
    paths = cp.corpus_files(corpus)
    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    if sink is None:
        sink = {"csv": CsvSink, "parquet": ParquetSink}[fmt](outdir)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    parts = [paths[i:i + partition_size] for i in range(0, len(paths), partition_size)]
    spill = Path(tempfile.mkdtemp(prefix=".vnmigration-spill-", dir=outdir))
    own_runner = runner is None
    if runner is None:
        n_jobs = jobs or available_cores()
        runner = DaskEngine(scheduler) if engine == "dask" else ProcessEngine(n_jobs) if n_jobs > 1 else LocalEngine()
    try:
        corrections = load_corrections(corpus if corpus is not None else cp.corpus_dir())
        state = _State(sink, spill, {p.stem: i for i, p in enumerate(paths)}, corrections)
        scanned = runner.map(scan_partition, ((part,) for part in parts))
        seens, templates = _scan(parts, _progress(scanned, len(parts), "scan", progress))
        templates, shared = runner.share(templates), runner.share(corrections)
        jobs = ((part, seen, templates, shared) for part, seen in zip(parts, seens, strict=True))
        for result in _progress(runner.map(load_partition, jobs), len(parts), "partitions", progress):
            state.take(result)
        index = runner.share(state.index)
        chunks = ((chunk, index, shared) for chunk in state.deferred_chunks(partition_size))
        n_chunks = -(-state.n_deferred // partition_size)
        for result in _progress(runner.map(anchor_partition, chunks), n_chunks, "undated", progress):
            state.take(result)
        state.finish()
    finally:
        shutil.rmtree(spill, ignore_errors=True)
        if own_runner:
            runner.close()
    return sink.close()


def _scan(parts: list[list[Path]], scanned: Iterable[list[tuple]]) -> tuple[list[dict], frozenset[str] | None]:
    """From the scan, in corpus order: each partition's `seen` (the digests earlier partitions hold, as one
    shared dict would) and the site templates of `chrome.template_lines` over every kept page."""
    first: dict[str, str] = {}
    counts: tuple[Counter, Counter] = (Counter(), Counter())
    seens = []
    for part, files in zip(parts, scanned, strict=True):
        seens.append({key: first[key] for key, _, _ in files if key is not None and key in first})
        for path, (key, outlet, lines) in zip(part, files, strict=True):
            if key is None or key in first:
                continue
            first[key] = path.name
            chrome.count_template_candidates(counts, lines, outlet)
    return seens, chrome.templates_from_counts(*counts)
