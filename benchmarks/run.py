"""Time the whole pipeline at several corpus sizes, against spaCy + dateparser and a bare regex floor.

    python benchmarks/run.py [--sizes 1000 10000] [--mb 50] [--sample 200]
    python benchmarks/run.py --cli 3000        # the whole export CLI, one core and all, beside the anchor
    python benchmarks/run.py --profile 3000    # where the whole export CLI's seconds go (cProfile, one core)
    python benchmarks/run.py --scaling 1000    # the whole export CLI on 1,000 and 10,000 articles, one core and all

Each measurement runs in its own subprocess so that peak memory (ru_maxrss) belongs to it alone.
Pipeline: load -> sentences -> mentions -> dates/events -> themes -> roles -> quotes -> timeline (every stage
the export runs per article, plus the cross-article timeline). `--consolidate N` times `build_timeline` on N
distinct events; `--single-mb M` times `python -m vnmigration export` on one article of about M MB.
Streaming export: `python -m vnmigration export` (vnmigration.stream) on the --mb corpus, and with `--stream-gb G`
on a synthetic corpus of about G GB: seconds and peak RSS growth over corpus bytes. `--stream-only` runs only these.
Baselines, on the same first --sample articles: spaCy (blank English, sentencizer, EntityRuler built
from the same codebook) for sentences and mentions, and dateparser.search.search_dates for dates.
The floor is one bare `re` pass over the same bytes. Needs the `bench` extra (spaCy, dateparser).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = re.compile(rb"[A-Z][a-z]+|\d{4}")


def _rss_now_kb() -> int:
    """Resident memory of this process now, in KiB (Linux /proc)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 1024


def _files(folder: Path, limit: int | None = None) -> list[Path]:
    return sorted(folder.glob("*.txt"))[:limit]


def pipeline(folder: Path, limit: int | None = None) -> dict:
    """Run every stage on a folder (or its first `limit` files) and time each one."""
    import vnmigration as vn
    from vnmigration.corpus import read_corpus
    from vnmigration.pipeline import run_stages

    if limit is not None:
        sample = folder.parent / f"{folder.name}-first-{limit}"
        sample.mkdir(exist_ok=True)
        for p in _files(folder, limit):
            (sample / p.name).write_bytes(p.read_bytes())
        folder = sample
    n_bytes = sum(p.stat().st_size for p in _files(folder))
    rss_before = _rss_now_kb()
    times = {}
    t = time.perf_counter()
    articles, _ = read_corpus(folder)
    times["load"] = time.perf_counter() - t
    tables = run_stages(articles, timings=times)  # every per-article stage of pipeline.STAGES, timed one by one
    t = time.perf_counter()
    timeline = vn.build_timeline(tables["events"])
    times["timeline"] = time.perf_counter() - t
    sentences, mentions, dates, events, themes, roles, quotes = (tables[name] for name in (
        "sentences", "mentions", "dates", "events", "themes", "roles", "quotes"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"articles": len(articles), "bytes": n_bytes, "sentences": len(sentences), "mentions": len(mentions),
            "dates": len(dates), "events": len(events), "themes": len(themes), "roles": len(roles),
            "quotes": len(quotes), "timeline": len(timeline), "seconds": times,
            "total": sum(times.values()), "rss_before_kb": rss_before, "rss_peak_kb": peak}


def pipeline_in_partitions(folder: Path, size: int) -> dict:
    """The same stages run on `size` files at a time, keeping each stage's output tables as partitions.

    Memory then grows with the outputs, not with every intermediate of the whole corpus (as with
    dask.dataframe, the partitions are concatenated only if a caller asks). Duplicate detection and
    cross-article date anchors see one partition at a time.
    """
    from vnmigration.corpus import read_files
    from vnmigration.pipeline import run_stages

    files = _files(folder)
    n_bytes = sum(p.stat().st_size for p in files)
    rss_before = _rss_now_kb()
    t = time.perf_counter()
    outputs: dict[str, list] = {"sentences": [], "mentions": [], "dates": [], "events": [], "themes": []}
    n_articles = 0
    for i in range(0, len(files), size):
        articles, _ = read_files(files[i:i + size])
        n_articles += len(articles)
        tables = run_stages(articles, until="themes")
        for name in outputs:
            outputs[name].append(tables[name])
        del articles, tables
    total = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"articles": n_articles, "bytes": n_bytes, "total": total, "rss_before_kb": rss_before,
            "rss_peak_kb": peak, **{name: sum(map(len, parts)) for name, parts in outputs.items()}}


def stream_export(folder: Path, size: int, fmt: str, jobs: int | None = None) -> dict:
    """`vnmigration.stream.export` on a folder: seconds and this process's peak RSS growth (libraries and caches loaded
    first), with `jobs` processes (default every core; 1: this process alone, so the growth is the whole export's)."""
    import pyarrow.parquet  # noqa: F401  (loaded before the baseline, as the codebook and taxonomy below)
    import scipy.sparse  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.preprocessing  # noqa: F401

    from vnmigration import stream

    out = HERE / "out" / f"stream-{folder.name}"
    stream.system_arrow_memory()  # as `python -m vnmigration export` does
    stream.export(out, None, fmt=fmt, partition_size=size, progress=False, jobs=1)  # warm: codebook, taxonomy, rules
    files = _files(folder)
    n_bytes = sum(p.stat().st_size for p in files)
    rss_before = _rss_now_kb()
    t = time.perf_counter()
    paths = stream.export(out, folder, fmt=fmt, partition_size=size, progress=False, jobs=jobs)
    total = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    written = sum(f.stat().st_size for p in paths for f in ([p] if p.is_file() else p.glob("*")))
    shutil.rmtree(out, ignore_errors=True)
    return {"files": len(files), "bytes": n_bytes, "written": written, "total": total, "rss_before_kb": rss_before,
            "rss_peak_kb": peak, "jobs": jobs}


def _print_stream(r: dict, size: int) -> None:
    grow = (r["rss_peak_kb"] - r["rss_before_kb"]) * 1024
    print(f"  {r['files']:,} files, {r['bytes'] / 1e6:,.1f} MB, partitions of {size}, --jobs {r['jobs'] or 'all'}: "
          f"{r['total']:.1f} s "
          f"({r['bytes'] / 1e6 / r['total']:.2f} MB/s), peak RSS growth {grow / 2**20:,.0f} MiB = "
          f"{grow / r['bytes']:.2f}x the corpus bytes (target <= 2x), process peak {r['rss_peak_kb'] / 2**20:.2f} GiB; "
          f"{r['written'] / 1e6:,.1f} MB written" + ("" if r["jobs"] == 1 else "; the workers' memory is not counted"))


def consolidate(folder: Path, n: int) -> dict:
    """`build_timeline` on `n` distinct events: the corpus's events tiled, each copy shifted in time and relabelled."""
    import pandas as pd

    import vnmigration as vn
    from vnmigration.corpus import read_corpus
    from vnmigration.pipeline import run_stages

    articles, _ = read_corpus(folder)
    events = run_stages(articles, until="events")["events"]
    copies = []
    for k in range(n // len(events) + 1):
        shift = pd.Timedelta(days=37 * k)
        copies.append(events.assign(date=events["date"] + shift, date_end=events["date_end"] + shift,
                                    label=events["label"] + f" {k}", article_id=events["article_id"] + f"-{k}"))
    tiled = pd.concat(copies, ignore_index=True).head(n)
    t = time.perf_counter()
    timeline = vn.build_timeline(tiled)
    return {"events": len(tiled), "timeline": len(timeline), "seconds": time.perf_counter() - t}


def single_file_export(mb: float) -> dict:
    """`python -m vnmigration export` on one article of about `mb` MB: a seed press release repeated."""
    seed = sorted((HERE.parent / "seeds").glob("*.txt"))[-1].read_text(encoding="utf-8")
    folder = HERE / "out" / f"single-{mb:g}mb"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "big.txt").write_text(seed * (int(mb * 1e6) // len(seed.encode()) + 1), encoding="utf-8")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnmigration", "export", str(HERE / "out" / "single-export"), "--corpus",
                    str(folder)], check=True, capture_output=True)
    return {"bytes": (folder / "big.txt").stat().st_size, "seconds": time.perf_counter() - t}


def baselines(folder: Path, sample: int) -> dict:
    """spaCy + dateparser on the first `sample` articles, and the bare-regex floor over the same bytes."""
    import dateparser.search
    import spacy

    from vnmigration.actors import default_codebook
    from vnmigration.corpus import decode

    texts = [decode(p.read_bytes())[0] for p in _files(folder, sample)]
    raw = b"".join(p.read_bytes() for p in _files(folder, sample))
    out = {"articles": len(texts), "bytes": len(raw)}
    t = time.perf_counter()
    hits = sum(1 for _ in FLOOR.finditer(raw))
    out["regex_floor"] = time.perf_counter() - t
    out["regex_hits"] = hits
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    book = default_codebook()
    ruler.add_patterns([{"label": book.attributes(s.actor)["kind"].upper(), "pattern": s.text, "id": s.actor}
                        for s in book.surfaces if s.match != "short-form"])
    t = time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    out["spacy"] = time.perf_counter() - t
    out["spacy_entities"] = n_ents
    t = time.perf_counter()
    n_dates = sum(len(dateparser.search.search_dates(text, languages=["en"]) or []) for text in texts)
    out["dateparser"] = time.perf_counter() - t
    out["dateparser_dates"] = n_dates
    return out


def _timed(command: list[str], one_core: bool) -> float:
    """Wall seconds of a whole command, start-up and writing included; on core 0 alone (`taskset`) if asked."""
    prefix = ["taskset", "-c", "0"] if one_core and shutil.which("taskset") else []
    t = time.perf_counter()
    subprocess.run(prefix + command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def cli_side_by_side(n: int) -> None:
    """The whole `python -m vnmigration export` on n synthetic articles, the way a user runs it, on one core and on
    every core, in the same run as the anchor (spaCy + dateparser over the same articles, also on one core)."""
    import os
    import tempfile

    sys.path.insert(0, str(HERE))
    from synthetic import build

    from vnmigration.engines import available_cores

    folder = build(n)
    size = sum(p.stat().st_size for p in _files(folder)) / 1e6
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as out:
        export = [sys.executable, "-m", "vnmigration", "export", out, "--corpus", str(folder)]
        one = _timed(export + ["--jobs", "1"], one_core=True)
        every = _timed(export + ["--jobs", str(available_cores())], one_core=False)
    anchor = _timed([sys.executable, __file__, "--baselines", str(folder), "--sample", str(n)], one_core=True)
    print(f"Whole CLI on {n:,} synthetic articles ({size:.1f} MB); load average before "
          f"{', '.join(f'{x:.2f}' for x in load_before)}, after {', '.join(f'{x:.2f}' for x in os.getloadavg())}:")
    print(f"  export, one core (taskset -c 0, --jobs 1)        {one:7.1f} s  {size / one:.2f} MB/s")
    print(f"  export, all {available_cores()} cores (--jobs {available_cores()})              {every:7.1f} s  "
          f"{size / every:.2f} MB/s  ({one / every:.2f}x one core; target >= 1.6x)")
    print(f"  anchor, one core: spaCy sentencizer + EntityRuler + dateparser.search_dates, start-up included "
          f"{anchor:7.1f} s  ({anchor / one:.1f}x the one-core export; target >= 10x)")


def scaling(n: int) -> None:
    """The whole `python -m vnmigration export` on n and on 10n synthetic articles, on one core (`taskset`, --jobs 1)
    and on every core: how the time grows with the data (target: 10x the data in <= 10.5x the time)."""
    import os
    import tempfile

    sys.path.insert(0, str(HERE))
    from synthetic import build

    from vnmigration.engines import available_cores

    times: dict[tuple[int, int], float] = {}
    print(f"Whole export CLI, {n:,} and {10 * n:,} synthetic articles; load average before "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}:")
    for size in (n, 10 * n):
        folder = build(size)
        mb = sum(p.stat().st_size for p in _files(folder)) / 1e6
        for jobs in (1, available_cores()):
            with tempfile.TemporaryDirectory() as out:
                times[size, jobs] = _timed([sys.executable, "-m", "vnmigration", "export", out, "--corpus",
                                            str(folder), "--jobs", str(jobs)], one_core=jobs == 1)
            print(f"  {size:>7,} articles ({mb:6.1f} MB), --jobs {jobs}: {times[size, jobs]:7.1f} s")
    for jobs in sorted({j for _, j in times}):
        print(f"  --jobs {jobs}: 10x the data took {times[10 * n, jobs] / times[n, jobs]:.2f}x the time "
              "(target <= 10.5x)")
    print(f"  load average after {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _module_of(file: str, func: str) -> str:
    """Which module a profiled function belongs to: the package's modules by name, libraries by package, the
    compiled-regex methods apart (they are the regex engine's own time): ".../vnmigration/dates.py" -> "dates"."""
    if "/vnmigration/" in file:
        return file.rsplit("/vnmigration/", 1)[1].removesuffix(".py")
    if "site-packages/" in file:
        return "lib: " + file.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if file == "~":
        return "re engine (compiled patterns)" if "re.Pattern" in func or "_sre" in func else "builtins"
    return "python stdlib: " + Path(file).stem if file.startswith("/") else "other"


def profile_cli(n: int, top: int = 12) -> None:
    """Where the whole `python -m vnmigration export` spends its time on n synthetic articles, on one core:
    cProfile over the command itself (start-up, every stage and the writing), own time summed by module."""
    import pstats
    import tempfile

    sys.path.insert(0, str(HERE))
    from synthetic import build

    folder = build(n)
    with tempfile.TemporaryDirectory() as out:
        export = ["-m", "vnmigration", "export", str(Path(out) / "tables"), "--corpus", str(folder), "--jobs", "1"]
        plain = _timed([sys.executable, *export], one_core=True)
        profiled = _timed([sys.executable, "-m", "cProfile", "-o", str(Path(out) / "prof"), *export], one_core=True)
        stats = pstats.Stats(str(Path(out) / "prof")).stats
    by_module: dict[str, float] = {}
    for (file, _, func), (_, _, own, _, _) in stats.items():
        by_module[_module_of(file, func)] = by_module.get(_module_of(file, func), 0.0) + own
    total = sum(by_module.values())
    print(f"export of {n:,} synthetic articles, one core: {plain:.1f} s; under cProfile {profiled:.1f} s, own time "
          f"by module (shares of the profiled {total:.1f} s):")
    for name, own in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:<40} {own:6.1f} s  {own / total:6.1%}")
    wrappers = {"<module>", "main", "_export", "export", "map", "<listcomp>", "<genexpr>", "run_stages"}
    cumulative = sorted(((ct, f"{Path(f).stem}.{fn}") for (f, _, fn), (_, _, _, ct, _) in stats.items()
                         if "/vnmigration/" in f and fn not in wrappers), reverse=True)[:2 * top]
    print("Package functions by cumulative time (the stages and steps inside them; wrappers left out):")
    for ct, name in cumulative:
        print(f"  {name:<40} {ct:6.1f} s  {ct / total:6.1%}")


def _jobs(args: argparse.Namespace) -> list[str]:
    """The streaming export's --jobs for a child run, when one was given: ["--jobs", "1"] or []."""
    return ["--jobs", str(args.jobs)] if args.jobs else []


def _child(*args: str) -> dict:
    """Run this script in a fresh interpreter with `args` and return the JSON it prints."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--mb", type=float, default=50.0, help="also run a corpus of about this many MB (0: skip)")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--pipeline", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--baselines", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--partitioned", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--partition-size", type=int, default=250)
    parser.add_argument("--consolidate", type=int, default=100_000, help="events for the timeline benchmark (0: skip)")
    parser.add_argument("--single-mb", type=float, default=20.0, help="size of the one-article export (0: skip)")
    parser.add_argument("--stream", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=None, help="processes for the streaming export (default: all)")
    parser.add_argument("--format", default="csv", choices=["csv", "parquet"], help="streaming export format")
    parser.add_argument("--stream-gb", type=float, default=0.0, help="also stream a synthetic corpus of this many GB")
    parser.add_argument("--stream-only", action="store_true", help="run only the streaming-export measurements")
    parser.add_argument("--cli", type=int, default=0,
                        help="only time the whole export CLI on this many articles, one core and all, with the anchor")
    parser.add_argument("--profile", type=int, default=0,
                        help="only profile the whole export CLI on this many articles (cProfile, one core)")
    parser.add_argument("--scaling", type=int, default=0,
                        help="only time the whole export CLI on this many articles and ten times as many")
    args = parser.parse_args()
    if args.scaling:
        scaling(args.scaling)
        return
    if args.profile:
        profile_cli(args.profile)
        return
    if args.cli:
        cli_side_by_side(args.cli)
        return
    if args.stream:
        print(json.dumps(stream_export(args.stream, args.partition_size, args.format, args.jobs)))
        return
    if args.pipeline:
        print(json.dumps(pipeline(args.pipeline, args.limit)))
        return
    if args.partitioned:
        print(json.dumps(pipeline_in_partitions(args.partitioned, args.partition_size)))
        return
    if args.baselines:
        print(json.dumps(baselines(args.baselines, args.sample)))
        return

    sys.path.insert(0, str(HERE))
    from synthetic import build

    if args.stream_only or args.stream_gb:
        per_article = _child("--pipeline", str(build(args.sizes[0])))["bytes"] / args.sizes[0]
        sizes = ([int(args.mb * 1_000_000 / per_article)] if args.mb else []) + (
            [int(args.stream_gb * 1e9 / per_article)] if args.stream_gb else [])
        print("Streaming export (python -m vnmigration export):")
        for n in sizes:
            r = _child("--stream", str(build(n)), "--partition-size", str(args.partition_size), *_jobs(args),
                       "--format", args.format)
            _print_stream(r, args.partition_size)
        if args.stream_only:
            return
    if args.single_mb:
        r = single_file_export(args.single_mb)
        print(f"One article of {r['bytes'] / 1e6:.1f} MB through `export`: {r['seconds']:.1f} s (target < 60 s)")
    if args.consolidate:
        r = consolidate(build(1000), args.consolidate)
        print(f"build_timeline on {r['events']:,} distinct events: {r['seconds']:.1f} s -> {r['timeline']:,} rows "
              "(target < 60 s)")

    sizes = list(args.sizes)
    if args.mb:
        per_article = _child("--pipeline", str(build(sizes[0])))["bytes"] / sizes[0]
        sizes.append(int(args.mb * 1_000_000 / per_article))
    print(f"{'articles':>9} {'MB':>7} {'seconds':>8} {'articles/s':>11} {'MB/s':>6} {'peak MB':>8} "
          f"{'peak/bytes':>10}  stages (s)")
    runs = {}
    for n in sizes:
        r = _child("--pipeline", str(build(n)))
        runs[n] = r
        extra_mb = (r["rss_peak_kb"] - r["rss_before_kb"]) / 1024
        mb = r["bytes"] / 1e6
        print(f"{n:>9,} {mb:>7.1f} {r['total']:>8.2f} {n / r['total']:>11,.0f} {mb / r['total']:>6.2f} "
              f"{extra_mb:>8.0f} {extra_mb * 1024 * 1024 / r['bytes']:>10.2f}  "
              + ", ".join(f"{k} {v:.2f}" for k, v in r["seconds"].items()))
    print(f"\nThe same stages on partitions of {args.partition_size:,} articles (outputs kept, intermediates dropped):")
    for n in sizes:
        r = _child("--partitioned", str(build(n)), "--partition-size", str(args.partition_size))
        extra_mb = (r["rss_peak_kb"] - r["rss_before_kb"]) / 1024
        print(f"{n:>9,} {r['bytes'] / 1e6:>7.1f} {r['total']:>8.2f} {n / r['total']:>11,.0f} "
              f"{r['bytes'] / 1e6 / r['total']:>6.2f} {extra_mb:>8.0f} {extra_mb * 1024 * 1024 / r['bytes']:>10.2f}")
    print("\nStreaming export (python -m vnmigration export) of the same corpora:")
    for n in sizes[-1:]:
        _print_stream(_child("--stream", str(build(n)), "--partition-size", str(args.partition_size), *_jobs(args),
                             "--format", args.format), args.partition_size)
    small, large = sizes[0], sizes[1] if len(sizes) > 1 else sizes[0]
    scale = (runs[large]["total"] / runs[small]["total"]) / (large / small)
    print(f"\nScaling {small:,} -> {large:,} articles: time x{runs[large]['total'] / runs[small]['total']:.1f} "
          f"for data x{large / small:.0f} (x{scale * 10:.1f} per 10x data; target <= 10.5)")

    folder = build(sizes[0])
    base = _child("--baselines", str(folder), "--sample", str(args.sample))
    ours = _child("--pipeline", str(folder), "--limit", str(args.sample))
    theirs = base["spacy"] + base["dateparser"]
    same_job = sum(ours["seconds"][stage] for stage in ("sentences", "mentions", "dates", "events"))
    print(f"\nSame {base['articles']} articles ({base['bytes'] / 1e6:.2f} MB):")
    print(f"  vnmigration end to end (every stage)  {ours['total']:.3f} s; sentences+mentions+dates/events "
          f"{same_job:.3f} s")
    print(f"  spaCy sentencizer + EntityRuler       {base['spacy']:.3f} s ({base['spacy_entities']} entities)")
    print(f"  dateparser.search_dates               {base['dateparser']:.3f} s ({base['dateparser_dates']} dates)")
    print(f"  bare regex pass (floor)               {base['regex_floor']:.4f} s")
    print(f"  ratio spaCy+dateparser / vnmigration end to end: {theirs / ours['total']:.1f}x (target >= 20x)")
    print(f"  ratio vnmigration end to end / regex floor: {ours['total'] / base['regex_floor']:.0f}x "
          f"(target <= 15x)")


if __name__ == "__main__":
    main()
