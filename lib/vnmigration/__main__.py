"""Command line: `export OUTDIR [--corpus DIR]`, `evaluate [--gold F] [--corpus DIR] [--split S] [--out DIR]`
and `index REPORTS`, each as `python -m vnmigration COMMAND`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import build_tables, write_tables
from .report import write_index


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="vnmigration", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write every table as CSV into OUTDIR")
    export.add_argument("outdir")
    export.add_argument("--corpus", default=None, help="folder of *.txt articles (default: the repo's seeds/)")
    evaluate = commands.add_parser("evaluate", help="score the pipeline against the hand-made gold in eval/")
    evaluate.add_argument("--gold", default=None, help="gold annotation (default: eval/gold.yaml)")
    evaluate.add_argument("--corpus", default=None, help="folder of the gold's articles (default: eval/articles)")
    evaluate.add_argument("--split", default="all", choices=["dev", "heldback", "all"])
    evaluate.add_argument("--out", default=None, help="write eval_scores.csv and eval_errors.csv here")
    index = commands.add_parser("index", help="write REPORTS/index.html linking notebooks, figures and tables")
    index.add_argument("reports")
    args = parser.parse_args(argv)
    if args.command == "index":
        print(write_index(args.reports))
        return 0
    if args.command == "evaluate":
        return _evaluate(args)
    try:
        paths = write_tables(build_tables(args.corpus), args.outdir)
    except FileNotFoundError as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per field and split; write the scores and errors tables if asked."""
    from .evaluate import evaluate

    try:
        scores, errors = evaluate(args.gold, args.corpus, args.split)
    except FileNotFoundError as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    print(scores.drop(columns=["fp", "fn"]).to_string(index=False))
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        scores.to_csv(out / "eval_scores.csv", index=False)
        errors.to_csv(out / "eval_errors.csv", index=False)
        print(out / "eval_scores.csv")
        print(out / "eval_errors.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
