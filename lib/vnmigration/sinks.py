"""The exported tables: their names, row keys, label and list columns, and the sinks that write them (CSV
files, Parquet folders of part files, or tables in memory)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from . import corpus as cp
from .actors import (
    MENTION_COLUMNS,
    ROLE_COLUMNS,
    UNCODED_COLUMNS,
)
from .corrections import CORRECTION_COLUMNS
from .events import DATE_COLUMNS, EVENT_COLUMNS
from .export import CSV_OPTIONS, list_cell
from .quotes import QUOTE_COLUMNS
from .sentences import SENTENCE_COLUMNS
from .taxonomy import THEME_COLUMNS
from .timeline import TIMELINE_COLUMNS

# The tables, in the order of export.build_tables.
TABLES = ("articles", "sentences", "problems", "site_statements", "mentions", "uncoded", "roles", "quotes",
          "actor_edges", "dates", "events", "timeline", "themes", "theme_profile", "distinctive_terms", "corrections")
PER_PARTITION = ("articles", "sentences", "mentions", "roles", "quotes", "dates", "events", "themes")
# Row keys: each table sorted by these is the same however the corpus was partitioned.
KEYS = {
    "articles": ["article_id"], "sentences": ["article_id", "sentence_no"], "problems": ["file", "reason"],
    "site_statements": ["source_id", "statement"],
    "mentions": ["article_id", "start", "end", "actor", "match"], "uncoded": ["candidate"],
    "roles": ["article_id", "sentence_no", "person", "role"],
    "quotes": ["article_id", "sentence_no", "kind", "speaker", "quote"], "actor_edges": ["source", "target"],
    "dates": ["article_id", "start", "end"], "events": ["article_id", "sentence_no", "date_text", "kind", "label"],
    "timeline": ["event_id"], "themes": ["article_id", "sentence_no", "start", "theme"],
    "theme_profile": ["article_id"], "distinctive_terms": ["article_id", "rank"], "corrections": ["correction"],
}
# Label columns: few distinct values, written as categoricals (Parquet: dictionary-encoded).
LABELS = {
    "articles": ["outlet", "published_precision", "published_source", "encoding"],
    "problems": ["reason"],
    "site_statements": ["source_id", "outlet"],
    "mentions": ["actor", "kind", "side", "match"],
    "roles": ["person", "role_normalized", "organization", "source"],
    "quotes": ["speaker", "kind"],
    "actor_edges": ["source", "target"],
    "dates": ["precision", "resolution"],
    "events": ["precision", "kind", "status", "certainty", "language"],
    "timeline": ["precision", "kind", "status", "certainty"],
    "themes": ["theme", "label"],
}
# Columns whose cells are lists: `;`-joined in CSV (as export.write_tables does), list columns in Parquet.
LIST_COLUMNS = {"events": ["participants"], "timeline": ["participants", "article_ids", "languages"],
                "theme_profile": ["gcm_objectives"]}
EMPTY_COLUMNS = {
    "articles": cp.ARTICLE_COLUMNS, "sentences": SENTENCE_COLUMNS, "problems": cp.PROBLEM_COLUMNS,
    "site_statements": cp.STATEMENT_COLUMNS,
    "mentions": MENTION_COLUMNS, "uncoded": UNCODED_COLUMNS,
    "roles": ROLE_COLUMNS, "quotes": QUOTE_COLUMNS, "actor_edges": ["source", "target", "sentences", "articles"],
    "dates": DATE_COLUMNS, "events": EVENT_COLUMNS, "timeline": TIMELINE_COLUMNS, "themes": THEME_COLUMNS,
    "theme_profile": ["article_id", "n_sentences", "gcm_objectives", "n_gcm_objectives"],
    "distinctive_terms": ["article_id", "rank", "term", "tfidf"], "corrections": CORRECTION_COLUMNS,
}
PROFILE_TAIL = ["n_sentences", "gcm_objectives", "n_gcm_objectives"]
N_TERMS = 10  # distinctive terms per article, as taxonomy.distinctive_terms


# --- outputs ----------------------------------------------------------------------------------------

def labelled(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """The table with its label columns as categoricals.

    >>> import pandas as pd
    >>> labelled("problems", pd.DataFrame({"file": ["a.txt"], "reason": ["duplicate"]}))["reason"].dtype.name
    'category'
    """
    cols = [c for c in LABELS.get(name, []) if c in table.columns]
    return table.astype(dict.fromkeys(cols, "category")) if cols else table


class CsvSink:
    """OUT/<table>.csv, written as export.write_tables writes them: header once, lists `;`-joined, ISO dates."""

    def __init__(self, outdir: str | Path):
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.started: set[str] = set()

    def write(self, name: str, table: pd.DataFrame) -> None:
        """Append `table` to OUT/<name>.csv (the header with the first part only).

        >>> import pandas as pd, tempfile
        >>> sink = CsvSink(tempfile.mkdtemp())
        >>> sink.write("events", pd.DataFrame({"participants": [["IOM", "MOFA"]]}))
        >>> sink.write("events", pd.DataFrame({"participants": [["Viet Nam"]]}))
        >>> (sink.outdir / "events.csv").read_text()
        'participants\\nIOM;MOFA\\nViet Nam\\n'
        """
        flat = table.copy()
        for col in LIST_COLUMNS.get(name, []):
            flat[col] = flat[col].map(list_cell)
        first = name not in self.started
        self.started.add(name)
        flat.to_csv(self.outdir / f"{name}.csv", mode="w" if first else "a", header=first, **CSV_OPTIONS)

    def close(self) -> list[Path]:
        """The path of every table's CSV file, in table order.

        >>> import tempfile
        >>> sink = CsvSink(tempfile.mkdtemp())
        >>> [p.name for p in sink.close()][:3]
        ['articles.csv', 'sentences.csv', 'problems.csv']
        """
        return [self.outdir / f"{name}.csv" for name in TABLES]


class ParquetSink:
    """OUT/<table>/part-NNNNN.parquet through pyarrow, one schema per table (`pd.read_parquet(OUT/<table>)`).

    Empty parts are not written; a table that never has a row gets one empty part at the end.
    """

    def __init__(self, outdir: str | Path):
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.schemas: dict = {}
        self.parts: dict[str, int] = {}
        self.empty: dict[str, pd.DataFrame] = {}

    @property
    def started(self) -> set[str]:
        """The tables that have had a part, written or (while empty) held back.

        >>> import pandas as pd, tempfile
        >>> sink = ParquetSink(tempfile.mkdtemp())
        >>> sink.write("problems", pd.DataFrame({"file": [], "reason": []}))
        >>> sink.started
        {'problems'}
        """
        return set(self.parts) | set(self.empty)

    def write(self, name: str, table: pd.DataFrame) -> None:
        """Write `table` as the next part of OUT/<name>/; an empty part is held back until `close`.

        >>> import pandas as pd, tempfile
        >>> sink = ParquetSink(tempfile.mkdtemp())
        >>> sink.write("mentions", pd.DataFrame({"article_id": ["a"], "actor": ["IOM"]}))
        >>> pd.read_parquet(sink.outdir / "mentions")
          article_id actor
        0          a   IOM
        """
        if table.empty and name not in self.parts:
            self.empty.setdefault(name, table)
        elif not table.empty:
            self._write(name, table)

    def _write(self, name: str, table: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        folder = self.outdir / name
        if name not in self.parts:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            self.parts[name] = 0
        arrow = pa.Table.from_pandas(table, preserve_index=False)
        schema = self.schemas.setdefault(name, _settled(arrow.schema))
        pq.write_table(_cast(arrow, schema), folder / f"part-{self.parts[name]:05d}.parquet")
        self.parts[name] += 1

    def close(self) -> list[Path]:
        """Write one empty part for each table that never had a row; return every table's folder.

        >>> import pandas as pd, tempfile
        >>> sink = ParquetSink(tempfile.mkdtemp())
        >>> sink.write("problems", pd.DataFrame({"file": ["x"], "reason": ["y"]}).iloc[:0])
        >>> paths = sink.close()
        >>> len(paths), pd.read_parquet(sink.outdir / "problems").columns.tolist()
        (16, ['file', 'reason'])
        """
        for name, table in self.empty.items():
            if name not in self.parts:
                self._write(name, table)
        return [self.outdir / name for name in TABLES]


def _settled(schema):
    """A part's schema with the types a later part could disagree on fixed: null -> string, dictionaries
    indexed by int32, large strings as strings."""
    import pyarrow as pa

    def fix(field_type, column):
        if pa.types.is_null(field_type):
            return pa.string()
        if pa.types.is_large_string(field_type) or pa.types.is_string_view(field_type):
            return pa.string()
        if pa.types.is_dictionary(field_type):
            return pa.dictionary(pa.int32(), pa.string())
        if pa.types.is_list(field_type) or pa.types.is_large_list(field_type):
            inner = field_type.value_type
            if pa.types.is_null(inner):
                inner = pa.int64() if column == "gcm_objectives" else pa.string()
            return pa.list_(fix(inner, column))
        return field_type

    return pa.schema([pa.field(f.name, fix(f.type, f.name)) for f in schema], metadata=schema.metadata)


def _cast(arrow, schema):
    """Cast a part to its table's schema (null columns to strings, dictionary indexes to int32)."""
    import pyarrow as pa

    columns = []
    for field in schema:
        column = arrow.column(field.name)
        if column.type != field.type:
            if pa.types.is_dictionary(field.type) and pa.types.is_dictionary(column.type):
                column = pa.chunked_array([c.dictionary_decode() for c in column.chunks], column.type.value_type)
            column = column.cast(field.type)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


class MemorySink:
    """Keeps every written part: `tables()` concatenates them (for tests and small corpora)."""

    def __init__(self):
        self.parts: dict[str, list[pd.DataFrame]] = {}

    def write(self, name: str, table: pd.DataFrame) -> None:
        """Keep `table` as the next part of table `name`.

        >>> import pandas as pd
        >>> sink = MemorySink()
        >>> sink.write("mentions", pd.DataFrame({"actor": ["IOM"]}))
        >>> len(sink.parts["mentions"])
        1
        """
        self.parts.setdefault(name, []).append(table)

    def close(self) -> list:
        """No files: an empty list of paths.

        >>> MemorySink().close()
        []
        """
        return []

    def tables(self) -> dict[str, pd.DataFrame]:
        """Each table's parts concatenated, in table order.

        >>> import pandas as pd
        >>> sink = MemorySink()
        >>> sink.write("mentions", pd.DataFrame({"actor": ["IOM"]}))
        >>> sink.write("mentions", pd.DataFrame({"actor": ["MOFA"]}))
        >>> sink.tables()["mentions"]["actor"].tolist()
        ['IOM', 'MOFA']
        """
        return {name: pd.concat(self.parts[name], ignore_index=True) for name in TABLES if name in self.parts}
