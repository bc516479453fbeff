"""Hand corrections: corrections.yaml beside the corpus overrides the machine reading, on every run and engine."""

import pandas as pd
import pytest
import yaml

from vnmigration.corrections import CorrectionsError, load_corrections
from vnmigration.export import build_tables
from vnmigration.sinks import MemorySink
from vnmigration.stream import export

PAGES = {
    "a.txt": "Ministry and IOM open a migrant resource centre\n"
             "Hanoi, March 5, 2019 – The Ministry of Foreign Affairs and IOM Viet Nam opened a migrant resource "
             "centre in Hanoi on Tuesday. Deputy Minister Tran Van Nam said the centre would help workers.\n"
             "The two sides signed a memorandum of understanding on labour migration in Addis Ababa last year.",
    "b.txt": "Workers get a new centre\nHanoi, March 9, 2019 – A resource centre for migrant workers opened in "
             "Hanoi this week, IOM Viet Nam said, after a ceremony with the Ministry of Foreign Affairs.",
    "c.txt": "IOM Viet Nam staff met provincial officials in Hue to plan a survey of returnees.",
}


def corpus(tmp_path, corrections=None):
    """A folder of the three constructed pages, with a corrections.yaml when given."""
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if corrections is not None:
        (tmp_path / "corrections.yaml").write_text(yaml.safe_dump({"corrections": corrections}), encoding="utf-8")
    return tmp_path


def test_without_a_corrections_file_the_tables_are_the_machine_reading(tmp_path):
    tables = build_tables(corpus(tmp_path))
    assert "reading" not in tables["events"] and tables["corrections"].empty


def test_an_article_correction_applies_before_the_stages_and_is_marked(tmp_path):
    fix = [{"table": "articles", "where": {"article_id": "c"},
            "set": {"published": "2020-07-01", "outlet": "Hue Daily"}, "why": "the print edition's date"}]
    tables = build_tables(corpus(tmp_path, fix))
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["c", ["published", "outlet", "reading"]].tolist() == [pd.Timestamp("2020-07-01"),
                                                                             "Hue Daily", "corrected"]
    assert articles.loc["a", "reading"] == "machine"
    assert "c.txt" not in tables["problems"].query("reason == 'no-date'")["file"].tolist()  # now dated
    assert tables["corrections"][["table", "change", "rows"]].to_dict("records") == [
        {"table": "articles", "change": "set outlet, published", "rows": 1}]


def test_row_corrections_set_and_drop_and_survive_a_rerun(tmp_path):
    machine = build_tables(corpus(tmp_path))
    event = machine["events"].query("article_id == 'a'").iloc[0]
    fixes = [{"table": "events", "where": {"article_id": "a", "sentence_no": int(event["sentence_no"])},
              "set": {"kind": "agreement"}},
             {"table": "mentions", "where": {"article_id": "a", "surface": "Addis Ababa"}, "drop": True,
              "why": "no person"}]
    (tmp_path / "corrections.yaml").write_text(yaml.safe_dump({"corrections": fixes}), encoding="utf-8")
    first, again = build_tables(tmp_path), build_tables(tmp_path)
    corrected = first["events"].query("reading == 'corrected'")
    assert corrected[["article_id", "kind"]].drop_duplicates().values.tolist() == [["a", "agreement"]]
    assert "Addis Ababa" not in first["mentions"]["surface"].tolist()
    for name in ("events", "mentions", "timeline", "corrections"):
        pd.testing.assert_frame_equal(first[name], again[name])


def test_same_happening_joins_mentions_and_own_happening_parts_them(tmp_path):
    machine = build_tables(corpus(tmp_path))["events"]
    a, b = (machine.query(f"article_id == '{x}'").iloc[0] for x in "ab")
    ref = {"article_id": "a", "sentence_no": int(a["sentence_no"])}
    together = [{"same_happening": [ref, {"article_id": "b", "sentence_no": int(b["sentence_no"])}],
                 "why": "both tell the opening of the centre"}]
    timeline = build_timeline_of(tmp_path, together)
    row = timeline[timeline["reading"] == "corrected"]
    assert len(row) == 1 and row["article_ids"].iloc[0] == ["a", "b"]
    assert "placed by hand (correction 1)" in row["clues"].iloc[0]
    alone = build_timeline_of(tmp_path, [{"own_happening": ref}])
    assert alone.query("reading == 'corrected'")["article_ids"].tolist() == [["a"]]


def build_timeline_of(tmp_path, corrections):
    """The timeline of the constructed corpus with these corrections."""
    (tmp_path / "corrections.yaml").write_text(yaml.safe_dump({"corrections": corrections}), encoding="utf-8")
    return build_tables(corpus(tmp_path))["timeline"]


def test_the_streaming_export_applies_the_same_corrections(tmp_path):
    machine = build_tables(corpus(tmp_path))["events"]
    a = machine.query("article_id == 'a'").iloc[0]
    fixes = [{"table": "events", "where": {"article_id": "a", "sentence_no": int(a["sentence_no"])}, "drop": True},
             {"table": "articles", "where": {"article_id": "c"}, "set": {"published": "2020-07-01"}},
             {"own_happening": {"article_id": "b", "sentence_no": 1}}]
    memory = build_tables(corpus(tmp_path, fixes))
    sink = MemorySink()
    export(tmp_path / "out", tmp_path, sink=sink, progress=False, partition_size=1, jobs=1)
    streamed = sink.tables()
    for name in ("articles", "events", "timeline", "corrections"):
        left = memory[name].reset_index(drop=True)
        right = streamed[name][left.columns].reset_index(drop=True)
        assert left.astype(str).equals(right.astype(str)), name


@pytest.mark.parametrize("entry, says", [
    ({"table": "event", "where": {"article_id": "a"}, "drop": True}, "`table` must be one of"),
    ({"table": "events", "where": {"article_id": "a", "colour": "red"}, "drop": True}, "events has no column colour"),
    ({"table": "events", "where": {"sentence_no": 2}, "drop": True}, "must name the article_id"),
    ({"table": "events", "where": {"article_id": "a"}}, "either `set: {column: value}` or `drop: true`"),
    ({"same_happening": [{"article_id": "a", "sentence_no": 2}]}, "two or more event mentions"),
])
def test_a_bad_correction_is_one_clear_error_naming_it(tmp_path, entry, says):
    (tmp_path / "corrections.yaml").write_text(yaml.safe_dump({"corrections": [entry]}), encoding="utf-8")
    with pytest.raises(CorrectionsError, match="correction 1: ") as err:
        load_corrections(tmp_path)
    assert says in str(err.value)


def test_a_corrections_file_that_is_no_yaml_list_says_so(tmp_path):
    (tmp_path / "corrections.yaml").write_text("corrections: [unclosed", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="is not valid YAML"):
        load_corrections(tmp_path)
    (tmp_path / "corrections.yaml").write_text("just: words", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="must hold a list under `corrections:`"):
        load_corrections(tmp_path)
