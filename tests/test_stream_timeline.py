"""The streaming timeline (compact keys across partitions, rows read back from the spill) is build_timeline's."""

import numpy as np
import pandas as pd
import pytest

import vnmigration as vn
from vnmigration import stream
from vnmigration.timeline import _Happening


@pytest.fixture(scope="module")
def events(articles, sentences):
    """The seeds' events tiled three times: copies shift by a year, relabel, or repeat as they are."""
    mentions = vn.extract_mentions(sentences)
    one = vn.extract_events(sentences, vn.extract_dates(sentences, articles), mentions, articles)
    year = pd.DateOffset(years=1)
    copies = [one, one.assign(article_id=one["article_id"] + "-again"),
              one.assign(date=one["date"] + year, date_end=one["date_end"] + year, article_id=one["article_id"] + "-b",
                         label=one["label"] + " II")]
    return pd.concat(copies, ignore_index=True)


def _streamed(events: pd.DataFrame, rank: np.ndarray, parts: int, tmp_path) -> pd.DataFrame:
    timeline = stream._Timeline(tmp_path)
    for chunk in np.array_split(np.arange(len(events)), parts):
        timeline.add(events.iloc[chunk].reset_index(drop=True), rank[chunk])
    return timeline.table()


def test_compact_timeline_is_build_timeline_in_rank_order(events, tmp_path):
    rng = np.random.default_rng(0)
    rank = rng.integers(0, 40, len(events))  # partitions out of corpus order, as undated articles come last
    expected = vn.build_timeline(events.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True))
    got = _streamed(events, rank, 7, tmp_path)
    assert len(got) < len(events) and got["clues"].notna().any()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert not list(tmp_path.glob("events-*.pkl"))  # each spilled part is removed once read back


def test_compact_timeline_of_no_events_is_build_timeline(events, tmp_path):
    pd.testing.assert_frame_equal(stream._Timeline(tmp_path).table(), vn.build_timeline(events.iloc[:0]),
                                  check_index_type=False)


def test_happening_is_led_by_its_most_precise_earliest_first_member(events):
    members = events.iloc[[0, 1, 1, 0]].to_dict("records")
    members[2] = members[2] | {"kind": "other", "place": None, "evidence": "ties with the member before"}
    row = _Happening()
    for member in members:
        row.add(member)
    got = row.row(set())
    lead = min(members, key=lambda e: ({"day": 0, "month": 1, "year": 2}[e["precision"]], e["date"],
                                       e["article_id"], e["sentence_no"]))
    assert (got["date"], got["label"], got["certainty"]) == (lead["date"], lead["label"], lead["certainty"])
    assert got["n_mentions"] == 4 and got["clues"] is None
    assert got["evidence"] == " | ".join(dict.fromkeys(m["evidence"] for m in members))
