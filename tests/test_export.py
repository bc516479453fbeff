"""The streaming export (vnmigration.stream) gives the tables of export.build_tables, however it partitions."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import vnmigration as vn
from vnmigration import engines, sinks, stream
from vnmigration.__main__ import main
from vnmigration.actors import merge_uncoded, uncoded_part
from vnmigration.export import build_tables, write_tables
from vnmigration.paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import build as build_synthetic  # noqa: E402


def _plain(value):
    return list(value) if isinstance(value, list | tuple | np.ndarray) else value


def _sorted(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by the table's keys; categoricals and string flavours as plain objects, lists as lists."""
    table = table.copy()
    for col in table.columns:
        dtype = table[col].dtype
        if isinstance(dtype, pd.CategoricalDtype) or dtype.kind in "OUT" or str(dtype) in ("str", "string"):
            table[col] = table[col].astype(object).where(table[col].notna(), None).map(_plain)
    keys = [k for k in sinks.KEYS[name] if k in table.columns]
    order = table[keys].astype(str).sort_values(keys, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def assert_same_tables(expected: dict, got: dict) -> None:
    assert list(got) == list(expected) == list(sinks.TABLES)
    for name in expected:
        pd.testing.assert_frame_equal(_sorted(name, got[name]), _sorted(name, expected[name]), check_dtype=False,
                                      check_exact=True, obj=name)


def streamed(corpus, tmp_path, size: int, runner=None, jobs: int | None = None) -> dict:
    sink = sinks.MemorySink()
    stream.export(tmp_path / "spill", corpus, partition_size=size, sink=sink, runner=runner, progress=False, jobs=jobs)
    return sink.tables()


@pytest.fixture(scope="module")
def seed_tables(seed_dir):
    return build_tables(seed_dir)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = build_synthetic(90, out=tmp_path_factory.mktemp("synthetic"))
    return folder, build_tables(folder)


def test_seeds_in_partitions_of_two_give_the_build_tables(seed_tables, seed_dir, tmp_path):
    assert_same_tables(seed_tables, streamed(seed_dir, tmp_path, 2))


def test_synthetic_corpus_in_partitions_gives_the_build_tables(synthetic, tmp_path):
    folder, expected = synthetic
    assert len(expected["articles"]) == 90 and len(expected["problems"]) > 0  # undated articles are anchored late
    assert_same_tables(expected, streamed(folder, tmp_path, 16))


def test_two_worker_processes_write_the_tables_of_one_process(synthetic, tmp_path):
    folder, _ = synthetic
    one, two = streamed(folder, tmp_path / "one", 16, jobs=1), streamed(folder, tmp_path / "two", 16, jobs=2)
    for name in sinks.TABLES:  # the same rows in the same order, not only the same rows
        pd.testing.assert_frame_equal(two[name], one[name], check_exact=True, obj=name)


def test_duplicates_across_partitions_are_found_as_in_one_read(seed_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted(seed_dir.glob("*.txt")):
        (corpus / src.name).write_bytes(src.read_bytes())
    (corpus / "zz_copy.txt").write_bytes(sorted(seed_dir.glob("*.txt"))[0].read_bytes())
    (corpus / "zz_empty.txt").write_bytes(b"")
    got = streamed(corpus, tmp_path, 2)
    assert_same_tables(build_tables(corpus), got)
    assert set(got["problems"]["reason"]) == {"duplicate", "empty"}


def test_label_columns_are_categoricals_in_the_stream(seed_dir, tmp_path):
    sink = sinks.MemorySink()
    stream.export(tmp_path, seed_dir, partition_size=5, sink=sink, progress=False)
    for name, columns in sinks.LABELS.items():
        for part in sink.parts[name]:
            for col in columns:
                assert isinstance(part[col].dtype, pd.CategoricalDtype), (name, col)


def test_csv_export_writes_the_same_cells_as_write_tables(seed_tables, seed_dir, tmp_path):
    write_tables(seed_tables, tmp_path / "whole")
    assert main(["export", str(tmp_path / "streamed"), "--corpus", str(seed_dir), "--partition-size", "2"]) == 0
    for name in sinks.TABLES:
        expected = pd.read_csv(tmp_path / "whole" / f"{name}.csv", dtype=str, keep_default_na=False)
        got = pd.read_csv(tmp_path / "streamed" / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(_sorted(name, got), _sorted(name, expected), obj=name)
    assert not list((tmp_path / "streamed").glob(".vnmigration-spill-*"))  # the spill is cleaned up


def test_parquet_round_trip(seed_dir, tmp_path):
    memory = streamed(seed_dir, tmp_path, 2)
    paths = stream.export(tmp_path / "pq", seed_dir, fmt="parquet", partition_size=2, progress=False)
    assert [p.name for p in paths] == list(sinks.TABLES)
    for name, folder in zip(sinks.TABLES, paths, strict=True):
        assert list(folder.glob("part-*.parquet")), name
        back = pd.read_parquet(folder)
        pd.testing.assert_frame_equal(_sorted(name, back), _sorted(name, memory[name]), check_dtype=False,
                                      check_exact=True, obj=name)
    events = pd.read_parquet(tmp_path / "pq" / "events")
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype)
    assert events["date"].dtype.kind == "M"


def test_dask_on_two_process_workers_gives_the_pandas_tables(synthetic, tmp_path):
    folder, _ = synthetic
    runner = engines.DaskEngine(n_workers=2)
    try:
        got = streamed(folder, tmp_path / "dask", 16, runner=runner)
    finally:
        runner.close()
    assert_same_tables(streamed(folder, tmp_path / "pandas", 16), got)


def test_twenty_megabyte_article_goes_through_export(seed_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = sorted(seed_dir.glob("*.txt"))[-1].read_text(encoding="utf-8")
    (corpus / "big.txt").write_text(seed * (20_000_000 // len(seed.encode()) + 1), encoding="utf-8")
    assert main(["export", str(tmp_path / "out"), "--corpus", str(corpus)]) == 0
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert len(articles) == 1 and articles.loc[0, "n_words"] > 2_000_000
    assert len(pd.read_csv(tmp_path / "out" / "sentences.csv")) > 50_000


def test_uncoded_parts_merge_to_the_single_call(articles, sentences):
    mentions = vn.extract_mentions(sentences)
    ids = articles["article_id"].tolist()
    parts = [uncoded_part(sentences[sentences["article_id"].isin(half)], mentions[mentions["article_id"].isin(half)])
             for half in (ids[3:], ids[:3])]  # later articles first: the rank restores reading order
    rank = {a: i for i, a in enumerate(ids)}.__getitem__
    pd.testing.assert_frame_equal(merge_uncoded(parts, rank=rank), vn.uncoded_candidates(sentences, mentions))


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch):
    items = [1, 2]
    monkeypatch.setenv("CI", "true")
    assert stream._progress(items, 2, "x", None) is items
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert stream._progress(items, 2, "x", None) is items
    assert list(stream._progress(items, 2, "x", True)) == items


def test_export_command_reports_a_missing_corpus(tmp_path, capsys):
    assert main(["export", str(tmp_path / "out"), "--corpus", str(tmp_path / "nope")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_web_pages_and_unsupported_files_stream_as_in_one_read(seed_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted(seed_dir.glob("*.txt"))[:2]:
        (corpus / src.name).write_bytes(src.read_bytes())
    (corpus / "page.html").write_bytes((Path(__file__).parent / "fixtures" / "page.html").read_bytes())
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    got = streamed(corpus, tmp_path, 2)
    assert_same_tables(build_tables(corpus), got)
    assert set(got["problems"]["reason"]) == {"unsupported-format"}
    assert "page" in set(got["articles"]["article_id"])


def test_build_tables_in_a_pool_of_two_gives_the_tables_of_one_process(tmp_path):
    """The English and Vietnamese eval pages' stages in two worker processes, 30 articles a partition: every table
    exactly as in one process, row order and dtypes included."""
    from vnmigration.corpus import corpus_files, read_files
    from vnmigration.export import tables_of
    from vnmigration.readings import both_languages

    articles, problems = read_files(corpus_files(both_languages(tmp_path)))
    one = tables_of(articles, problems, jobs=1)
    two = tables_of(articles, problems, jobs=2, partition_size=30)
    for name in one:
        pd.testing.assert_frame_equal(two[name], one[name], check_exact=True, obj=name)


def test_reading_in_a_pool_of_two_gives_the_articles_and_problems_of_one_read(tmp_path):
    """The eval pages of both languages, a duplicate and an empty file, read 30 at a time in two processes."""
    from vnmigration.corpus import corpus_files, read_files
    from vnmigration.readings import both_languages
    from vnmigration.stream import read_in_pool

    folder = both_languages(tmp_path)
    (folder / "zz-copy.txt").write_bytes(next(folder.glob("e01*.txt")).read_bytes())
    (folder / "zz-empty.txt").write_text("")
    one = read_files(corpus_files(folder))
    two = read_in_pool(corpus_files(folder), jobs=2, partition_size=30)
    for got, expected in zip(two, one, strict=True):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("chosen, expected", [(None, "system"), ("mimalloc", "mimalloc")])
def test_the_export_takes_arrow_memory_from_the_system_unless_the_user_chose_a_pool(chosen, expected):
    """Arrow's default pool keeps freed memory; the export uses the system allocator, and a user's choice stands."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if chosen:
        env["ARROW_DEFAULT_MEMORY_POOL"] = chosen
    code = ("from vnmigration.stream import system_arrow_memory; import pyarrow; system_arrow_memory(); "
            "print(pyarrow.default_memory_pool().backend_name)")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == expected
