"""Command line: `export OUTDIR [--corpus DIR] [--format csv|parquet] [--partition-size N] [--engine pandas|dask]
[--scheduler ADDRESS] [--jobs N]`, `evaluate [--language en|vi] [--gold F] [--corpus DIR] [--split S] [--out DIR]`,
`search PATTERN [--corpus DIR] [--width N]`, `collect URLS --out DIR [--delay S] [--retries N] [--allow-private]`,
`report [--corpus DIR] [--out DIR] [--jobs N]` and `index REPORTS`, each as `python -m vnmigration COMMAND`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .report import write_index


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code.

    >>> main(["export", "/tmp/vnmigration-unused", "--corpus", "/no/such/folder"])
    2
    """
    args = _parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "index":
        print(write_index(args.reports))
        return 0
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "search":
        return _search(args)
    if args.command == "collect":
        return _collect(args)
    return _export(args)


def _parser() -> argparse.ArgumentParser:
    """The command line: one sub-command each for export, evaluate, index and report."""
    parser = argparse.ArgumentParser(prog="vnmigration", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="stream every table into OUTDIR (CSV files or Parquet folders)")
    export.add_argument("outdir")
    export.add_argument("--corpus", default=None,
                        help="folder of articles: .txt and saved .html pages, English or Vietnamese (default: seeds/)")
    export.add_argument("--format", default="csv", choices=["csv", "parquet"],
                        help="OUTDIR/<table>.csv, or OUTDIR/<table>/part-*.parquet through pyarrow")
    export.add_argument("--partition-size", type=int, default=250, help="files per partition (default 250)")
    export.add_argument("--engine", default="pandas", choices=["pandas", "dask"],
                        help="run partitions here, or on a Dask cluster (default: a LocalCluster on all cores)")
    export.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler, tcp://host:8786")
    export.add_argument("--jobs", type=int, default=None,
                        help="worker processes for the pandas engine (default: every core available; 1: no pool)")
    evaluate = commands.add_parser("evaluate", help="score the pipeline against the hand-made gold in eval/")
    evaluate.add_argument("--language", default="en", choices=["en", "vi"],
                          help="which eval set: en (eval/articles) or vi (eval/vi/articles); default en")
    evaluate.add_argument("--gold", default=None, help="gold annotation (default: the language's eval gold)")
    evaluate.add_argument("--corpus", default=None, help="folder of the gold's articles (default: the language's)")
    evaluate.add_argument("--split", default="all", choices=["dev", "heldback", "all"])
    evaluate.add_argument("--out", default=None, help="write eval_scores.csv and eval_errors.csv here")
    search = commands.add_parser("search", help="every body sentence that matches PATTERN, keyword in context")
    search.add_argument("pattern", help="a word (its word family: 'traffick' finds trafficked), a name or a regular "
                        "expression; any case, diacritics ignored ('mua ban nguoi')")
    search.add_argument("--corpus", default=None, help="folder of articles (default: seeds/)")
    search.add_argument("--width", type=int, default=50, help="characters shown either side (default 50)")
    _collect_parser(commands)
    index = commands.add_parser("index", help="write REPORTS/index.html linking notebooks, figures and tables")
    index.add_argument("reports")
    report = commands.add_parser("report", help="execute every notebook against a corpus into an HTML report")
    report.add_argument("--corpus", default=None, help="folder of articles (default: seeds/, or $VNMIGRATION_CORPUS)")
    report.add_argument("--out", default=None, help="report folder, cleaned first (default: reports/ for the seeds, "
                        "reports/<corpus folder name> for any other corpus)")
    report.add_argument("--timeout", type=int, default=600, help="seconds any one cell may take (default 600)")
    report.add_argument("--jobs", type=int, default=None,
                        help="worker processes for a large corpus's stages (default: every core available)")
    return parser


def _collect_parser(commands) -> None:
    """The `collect` sub-command's options."""
    collect = commands.add_parser("collect", help="fetch the pages a list of URLs names into a corpus folder")
    collect.add_argument("urls", help="a text file, one URL a line ('#' starts a comment)")
    collect.add_argument("--out", required=True, help="corpus folder: each page's .html and its .json sidecar")
    collect.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (1)")
    collect.add_argument("--retries", type=int, default=2, help="tries again when no answer comes (default 2)")
    collect.add_argument("--timeout", type=int, default=30, help="seconds to wait for one answer (default 30)")
    collect.add_argument("--allow-private", action="store_true",
                         help="reach local and private addresses too (an intranet, a test server)")


def _export(args: argparse.Namespace) -> int:
    """Stream every table into OUTDIR and print the paths; a missing corpus or bad option is one clear message."""
    from .stream import export as stream_export
    from .stream import system_arrow_memory

    system_arrow_memory()
    engine = "dask" if args.scheduler else args.engine
    try:
        paths = stream_export(args.outdir, args.corpus, fmt=args.format, partition_size=args.partition_size,
                              engine=engine, scheduler=args.scheduler, jobs=args.jobs)
    except (FileNotFoundError, ValueError) as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


def _search(args: argparse.Namespace) -> int:
    """Print a concordance of PATTERN over the corpus's body sentences (`api.kwic`), one hit a line."""
    import re

    from .api import kwic
    from .corpus import CorpusError

    try:
        hits = kwic(args.pattern, args.corpus, args.width)
    except (FileNotFoundError, CorpusError, re.error, ValueError) as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    for h in hits.itertuples():
        when = h.published.date().isoformat() if not pd.isna(h.published) else "undated"
        print(f"{h.article_id}:{h.sentence_no}\t{when}\t{h.left:>{args.width}}[{h.match}]{h.right}")
    print(f"{len(hits)} hits in {hits['article_id'].nunique()} articles", file=sys.stderr)
    return 0


def _collect(args: argparse.Namespace) -> int:
    """Fetch every URL of the list into the folder; print one line per URL and a summary. 1 if any URL failed."""
    from .collect import collect, read_urls, trafilatura_fetcher

    try:
        urls = read_urls(args.urls)
    except (OSError, UnicodeDecodeError) as e:
        print(f"vnmigration: cannot read the URL list: {e}", file=sys.stderr)
        return 2
    fetch = trafilatura_fetcher(args.timeout, allow_private=args.allow_private)
    done = collect(urls, args.out, delay=args.delay, retries=args.retries, fetch=fetch)
    for row in done.assign(outcome=done["reason"].fillna("saved").mask(done["cached"], "cached")).itertuples():
        print(f"{row.url}\t{row.outcome}\t{row.file}")
    failed = done["reason"].notna().sum()
    print(f"{len(done) - failed} of {len(done)} pages in {args.out}; {failed} failed (their sidecars say why)",
          file=sys.stderr)
    return 1 if failed else 0


def _report(args: argparse.Namespace) -> int:
    """Build the HTML report; a missing or empty corpus or a failing notebook is one clear message."""
    from .corpus import CorpusError
    from .corrections import CorrectionsError
    from .report import ReportError, build_report

    try:
        print(build_report(args.corpus, args.out, args.timeout, jobs=args.jobs))
    except (FileNotFoundError, CorpusError, CorrectionsError, ReportError) as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per field and split; write the scores, errors and kinds tables if asked."""
    from .evaluate import EVAL_SETS, kind_confusion, load_gold, score
    from .export import build_tables

    corpus, gold_path = EVAL_SETS[args.language]
    try:
        tables, gold = build_tables(args.corpus or corpus), load_gold(args.gold or gold_path)
        scores, errors = score(tables, gold, args.split)
    except FileNotFoundError as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    print(scores.drop(columns=["fp", "fn"]).to_string(index=False))
    if args.gold is None and args.corpus is None and args.language == "en":  # both readings, timeline merges
        from .readings import eval_readings, readings_side_by_side, same_happenings

        readings, happenings = eval_readings(), same_happenings()
        for split in ("dev", "heldback") if args.split == "all" else (args.split,):
            print(f"\n{split}: F1 page by page (alone) and read as one corpus")
            print(readings_side_by_side(readings, gold, happenings, split).to_string())
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        scores.to_csv(out / "eval_scores.csv", index=False)
        errors.to_csv(out / "eval_errors.csv", index=False)
        kind_confusion(tables, gold, args.split).to_csv(out / "eval_kinds.csv")
        for name in ("eval_scores.csv", "eval_errors.csv", "eval_kinds.csv"):
            print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
