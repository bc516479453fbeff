"""Hand corrections: a researcher's `corrections.yaml` in the corpus folder, applied after every machine reading.

The tables are machine readings. A researcher who finds a wrong date, outlet, kind, person or merge writes the fix
into `corrections.yaml` beside the articles; every run (`build_tables`, `export`, `report`) reads the corpus again
and applies the file after the machine, so the fix survives reruns. Schema (README, "Hand corrections"):

    corrections:
      - table: articles                     # articles, events, mentions, roles or quotes
        where: {article_id: 003_iom, …}     # article_id and any other columns: the rows to correct
        set: {published: 2012-06-05}        # the new values, or
        drop: true                          # the rows are false readings
        why: the dateline says Can Tho, 5 June 2012
      - same_happening:                     # timeline: these event mentions are one happening
          - {article_id: a, sentence_no: 3}
          - {article_id: b, sentence_no: 5}
      - own_happening: {article_id: a, sentence_no: 9}   # timeline: this mention is a happening of its own

With a corrections file, the correctable tables and the timeline gain a `reading` column: `machine`, or `corrected`
for a row a correction set or placed; `corrections.csv` lists each correction and how many rows it matched.
Article corrections apply before the per-article stages, so a corrected publication date dates the events too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .actors import MENTION_COLUMNS, ROLE_COLUMNS
from .corpus import ARTICLE_COLUMNS
from .events import EVENT_COLUMNS
from .paths import CORRECTIONS_FILE
from .quotes import QUOTE_COLUMNS

COLUMNS = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS,
           "roles": ROLE_COLUMNS, "quotes": QUOTE_COLUMNS}
READING = "reading"  # the column a corrected table gains: "machine" or "corrected"
CORRECTION_COLUMNS = ["correction", "table", "where", "change", "why", "rows"]
TIMELINE_KEYS = ("same_happening", "own_happening")


class CorrectionsError(ValueError):
    """A corrections file that cannot be applied; the message names the file, the correction and what is wrong."""


@dataclass(frozen=True)
class Correction:
    """One hand correction: `Correction(1, "events", (("article_id", "a"),), set=(("kind", "agreement"),))`;
    a timeline correction has table "timeline" and its mentions in `refs`."""

    number: int
    table: str
    where: tuple[tuple[str, object], ...] = ()
    set: tuple[tuple[str, object], ...] = ()
    drop: bool = False
    refs: tuple[tuple[tuple[str, object], ...], ...] = ()
    why: str | None = None

    @property
    def change(self) -> str:
        """What it does, in a word or a list: "drop", "set kind", "same_happening"."""
        if self.table == "timeline":
            return "same_happening" if len(self.refs) > 1 else "own_happening"
        return "drop" if self.drop else "set " + ", ".join(k for k, _ in self.set)


def load_corrections(folder: str | Path | None) -> tuple[Correction, ...]:
    """The corrections of a corpus folder's corrections.yaml, checked; () when there is none.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "corrections.yaml").write_text("corrections:\\n- table: events\\n  where: {article_id: a}\\n"
    ...                                              "  set: {kind: agreement}\\n")
    >>> [c.change for c in load_corrections(folder)]
    ['set kind']
    """
    path = Path(folder) / CORRECTIONS_FILE if folder is not None and not isinstance(folder, list | tuple) else None
    if path is None or not path.is_file():
        return ()
    try:
        found = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise CorrectionsError(f"{path} is not valid YAML: {e}") from e
    items = found.get("corrections") if isinstance(found, dict) else found
    if not isinstance(items, list):
        raise CorrectionsError(f"{path} must hold a list under `corrections:` (see the README, Hand corrections)")
    return tuple(_checked(item, n, path) for n, item in enumerate(items, start=1))


def _checked(item: object, n: int, path: Path) -> Correction:
    """One entry of the file as a Correction, or a CorrectionsError naming it: "correction 2: no `where`"."""
    def fail(why: str) -> CorrectionsError:
        return CorrectionsError(f"{path}, correction {n}: {why}")

    if not isinstance(item, dict):
        raise fail("each correction is a mapping (table, where, set or drop, why)")
    why = item.get("why")
    timeline = [k for k in TIMELINE_KEYS if k in item]
    if timeline:
        refs = item[timeline[0]]
        refs = [refs] if isinstance(refs, dict) else refs
        least = 2 if timeline == ["same_happening"] else 1
        if not isinstance(refs, list) or len(refs) < least:
            raise fail(f"`{timeline[0]}` names {'two or more event mentions' if least == 2 else 'an event mention'}: "
                       "{article_id: ..., sentence_no: ...}")
        return Correction(n, "timeline", refs=tuple(_where(r, "events", fail) for r in refs), why=why)
    table = item.get("table")
    if table not in COLUMNS:
        raise fail(f"`table` must be one of {', '.join(COLUMNS)} (or the correction `same_happening` or "
                   f"`own_happening`), not {table!r}")
    if ("set" in item) == bool(item.get("drop")):
        raise fail("give either `set: {column: value}` or `drop: true`")
    changes = _where(item["set"], table, fail, key="set") if "set" in item else ()
    return Correction(n, table, _where(item.get("where"), table, fail), changes, bool(item.get("drop")), why=why)


def _where(mapping: object, table: str, fail: Callable[[str], Exception], key: str = "where") -> tuple:
    """A `where` or `set` mapping as sorted (column, value) pairs, its columns checked against the table's."""
    if not isinstance(mapping, dict) or not mapping:
        raise fail(f"`{key}` must be a mapping of {table} columns to values")
    unknown = sorted(set(mapping) - set(COLUMNS[table]))
    if unknown:
        raise fail(f"{table} has no column {', '.join(unknown)}; its columns are {', '.join(COLUMNS[table])}")
    if key == "where" and "article_id" not in mapping:
        raise fail("`where` must name the article_id: a correction applies to one article's rows")
    return tuple(sorted((str(k), v) for k, v in mapping.items()))


def _same(value: object, wanted: object) -> bool:
    """Whether a cell holds the value a correction names, read as the cell's type: Timestamp("2018-12-01") ==
    "2018-12-01", 7 == "7", ["IOM", "MOFA"] == ["IOM", "MOFA"]."""
    if isinstance(value, pd.Timestamp) or isinstance(wanted, pd.Timestamp):
        return not pd.isna(value) and pd.Timestamp(value) == pd.Timestamp(str(wanted))
    if isinstance(value, list | tuple):
        return list(value) == list(wanted) if isinstance(wanted, list | tuple) else False
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return wanted is None
    return str(value) == str(wanted)


def matches(record: Mapping, where: tuple) -> bool:
    """Whether one row (a dict or a Series) is what a `where` names.

    >>> matches({"article_id": "a", "sentence_no": 7, "kind": "meeting"}, (("article_id", "a"), ("sentence_no", "7")))
    True
    """
    return all(_same(record.get(column), value) for column, value in where)


def _value(column: pd.Series, value: object) -> object:
    """A `set` value in its column's type: "2012-06-05" in a datetime column -> Timestamp("2012-06-05")."""
    if value is None:
        return None
    if pd.api.types.is_datetime64_any_dtype(column):
        return pd.Timestamp(str(value))
    if pd.api.types.is_integer_dtype(column):
        return int(value)
    return value if isinstance(value, list) else str(value)


def correct_table(table: pd.DataFrame, name: str, corrections: tuple[Correction, ...],
                  counts: dict[int, int] | None = None) -> pd.DataFrame:
    """The table with its corrections applied and a `reading` column; each correction's matched rows go into
    `counts`. No corrections: the table as it is, without the column.

    >>> events = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [1, 2], "kind": ["meeting", "visit"]})
    >>> fix = Correction(1, "events", (("article_id", "a"), ("sentence_no", 2)), set=(("kind", "agreement"),))
    >>> correct_table(events, "events", (fix,))
      article_id  sentence_no       kind    reading
    0          a            1    meeting    machine
    1          a            2  agreement  corrected
    """
    if not corrections:
        return table
    out = table.assign(**{READING: "machine"})
    keep = pd.Series(True, index=out.index)
    for fix in (c for c in corrections if c.table == name):
        hit = [i for i, row in zip(out.index, out.to_dict("records"), strict=True) if matches(row, fix.where)]
        if counts is not None:
            counts[fix.number] = counts.get(fix.number, 0) + len(hit)
        if fix.drop:
            keep[hit] = False
            continue
        for column, value in fix.set:
            out[column] = out[column].astype(object) if isinstance(value, list) else out[column]
            for i in hit:
                out.at[i, column] = _value(out[column], value)
        out.loc[hit, READING] = "corrected"
    return out[keep].reset_index(drop=True)


CORRECTED_AFTER_STAGES = ("events", "mentions", "roles", "quotes")  # the articles are corrected before the stages


def correct_stages(tables: dict[str, pd.DataFrame], corrections: tuple[Correction, ...],
                   counts: dict[int, int]) -> dict[str, pd.DataFrame]:
    """The stages' tables with their corrections (those of `CORRECTED_AFTER_STAGES` that are there), and the event
    mentions the timeline corrections name counted: the one correction step of `build_tables` and of each part of
    the streaming export.

    >>> fix = Correction(1, "events", (("article_id", "a"),), drop=True)
    >>> counts = {}
    >>> len(correct_stages({"events": pd.DataFrame({"article_id": ["a", "b"], "sentence_no": [1, 1]})},
    ...                    (fix,), counts)["events"]), counts
    (1, {1: 1})
    """
    out = tables | {name: correct_table(tables[name], name, corrections, counts)
                    for name in CORRECTED_AFTER_STAGES if name in tables}
    if "events" in out:
        count_placed(out["events"], corrections, counts)
    return out


def happening_of(corrections: tuple[Correction, ...]) -> Callable[[Mapping], str | None] | None:
    """For the timeline: a function that tells which hand-made happening an event record belongs to, or None.

    >>> place = happening_of((Correction(3, "timeline", refs=((("article_id", "a"), ("sentence_no", 9)),)),))
    >>> place({"article_id": "a", "sentence_no": 9}), place({"article_id": "b", "sentence_no": 9})
    ('correction 3', None)
    """
    placed = [(f"correction {c.number}", ref) for c in corrections if c.table == "timeline" for ref in c.refs]
    if not corrections:
        return None
    return lambda record: next((tag for tag, ref in placed if matches(record, ref)), None)


def count_placed(events: pd.DataFrame, corrections: tuple[Correction, ...], counts: dict[int, int]) -> None:
    """Add to `counts` how many of these events each timeline correction names (1 event mention each, usually).

    >>> counts = {}
    >>> count_placed(pd.DataFrame({"article_id": ["a"], "sentence_no": [9]}),
    ...              (Correction(3, "timeline", refs=((("article_id", "a"), ("sentence_no", 9)),)),), counts)
    >>> counts
    {3: 1}
    """
    fixes = [c for c in corrections if c.table == "timeline"]
    if not fixes or events.empty:
        return
    for record in events.to_dict("records"):
        for fix in fixes:
            if any(matches(record, ref) for ref in fix.refs):
                counts[fix.number] = counts.get(fix.number, 0) + 1


def corrections_table(corrections: tuple[Correction, ...], counts: Mapping[int, int]) -> pd.DataFrame:
    """One row per correction: its number, table, where (as written), change, why and the rows it matched.

    >>> fix = Correction(1, "events", (("article_id", "a"),), drop=True, why="not an event")
    >>> corrections_table((fix,), {1: 2}).to_dict("records")
    [{'correction': 1, 'table': 'events', 'where': 'article_id=a', 'change': 'drop', 'why': 'not an event', 'rows': 2}]
    """
    rows = [(c.number, c.table, " | ".join(", ".join(f"{k}={v}" for k, v in w) for w in (c.refs or (c.where,))),
             c.change, c.why, counts.get(c.number, 0)) for c in corrections]
    return pd.DataFrame(rows, columns=CORRECTION_COLUMNS).astype({"rows": "int64"})
