"""Command line: `python -m vnmigration export OUTDIR [--corpus DIR]` and `python -m vnmigration index REPORTS`."""

from __future__ import annotations

import argparse
import sys

from .export import build_tables, write_tables
from .report import write_index


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="vnmigration", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write every table as CSV into OUTDIR")
    export.add_argument("outdir")
    export.add_argument("--corpus", default=None, help="folder of *.txt articles (default: the repo's seeds/)")
    index = commands.add_parser("index", help="write REPORTS/index.html linking notebooks, figures and tables")
    index.add_argument("reports")
    args = parser.parse_args(argv)
    if args.command == "index":
        print(write_index(args.reports))
        return 0
    try:
        paths = write_tables(build_tables(args.corpus), args.outdir)
    except FileNotFoundError as e:
        print(f"vnmigration: {e}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
