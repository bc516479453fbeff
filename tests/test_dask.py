"""The stages are pure functions of DataFrame partitions: Dask's map_partitions gives the pandas tables."""

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import vnmigration as vn


def _same(left: pd.DataFrame, right: pd.DataFrame, keys: list[str]) -> None:
    """Equal after sorting by keys, ignoring index and string dtype flavour."""
    def norm(frame):
        return frame.sort_values(keys, ignore_index=True).astype({c: "object" for c in frame.columns
                                                                  if frame[c].dtype.kind in "OUT"
                                                                  or str(frame[c].dtype).startswith("str")})
    pd.testing.assert_frame_equal(norm(left), norm(right), check_dtype=False)


@pytest.fixture(scope="module")
def partitions(articles):
    with dask.config.set(scheduler="synchronous"):
        yield dd.from_pandas(articles.drop(columns=["boilerplate"]), npartitions=3, sort=False)


def test_dask_path_gives_the_pandas_tables(articles, sentences, partitions):
    with dask.config.set(scheduler="threads", num_workers=2):
        d_sentences = partitions.map_partitions(vn.split_sentences, meta=vn.split_sentences(articles.iloc[:0]))
        d_mentions = d_sentences.map_partitions(vn.extract_mentions, meta=vn.extract_mentions(sentences.iloc[:0]))
        d_themes = d_sentences.map_partitions(vn.tag_themes, meta=vn.tag_themes(sentences.iloc[:0]))
        d_dates = d_sentences.map_partitions(vn.extract_dates, articles,
                                             meta=vn.extract_dates(sentences.iloc[:0], articles))
        got = dask.compute(d_sentences, d_mentions, d_themes, d_dates)
    assert partitions.npartitions == 3
    _same(got[0], sentences, ["article_id", "sentence_no"])
    _same(got[1], vn.extract_mentions(sentences), ["article_id", "start", "actor"])
    _same(got[2], vn.tag_themes(sentences), ["article_id", "start", "theme"])
    _same(got[3], vn.extract_dates(sentences, articles), ["article_id", "start"])
