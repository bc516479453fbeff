"""An interactive explorer: pick an actor or a theme, see its sentences, timeline rows and co-occurring actors.

`explore(tables)` returns an ipywidgets panel for JupyterLab. `static_view(tables, choice)` draws the same
view as plain tables, which is what the HTML report and strict nbval see.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display

from .paths import in_report_run


def _sentences_for(tables: dict[str, pd.DataFrame], choice: str) -> pd.DataFrame:
    """Keys (article_id, sentence_no) of the sentences that mention an actor or carry a theme."""
    mentions, themes = tables["mentions"], tables["themes"]
    hits = mentions[mentions["actor"] == choice] if choice in set(mentions["actor"]) else themes[
        (themes["theme"] == choice) | (themes["label"] == choice)]
    return hits[["article_id", "sentence_no"]].drop_duplicates()


def view(tables: dict[str, pd.DataFrame], choice: str) -> dict[str, pd.DataFrame]:
    """The three tables for one actor or theme: its sentences, its timeline rows, and who appears beside it.

    >>> from vnmigration import build_tables
    >>> parts = view(build_tables(), "Park Mihyung")
    >>> list(parts), parts["sentences"].columns.tolist()
    (['sentences', 'timeline', 'co_occurring_actors'], ['article_id', 'sentence_no', 'text'])
    """
    keys = _sentences_for(tables, choice)
    sentences = keys.merge(tables["sentences"], on=["article_id", "sentence_no"])[
        ["article_id", "sentence_no", "text"]]
    timeline = tables["timeline"]
    events = timeline[timeline["participants"].map(lambda ps: choice in ps)
                      | timeline["evidence"].apply(lambda e: any(s in e for s in sentences["text"]))]
    beside = keys.merge(tables["mentions"], on=["article_id", "sentence_no"])
    beside = beside[beside["actor"] != choice].groupby("actor").size().rename("shared_sentences")
    return {
        "sentences": sentences.reset_index(drop=True),
        "timeline": events[["event_id", "date", "precision", "kind", "status", "label"]].reset_index(drop=True),
        "co_occurring_actors": beside.sort_values(ascending=False, kind="stable").reset_index(),
    }


def static_view(tables: dict[str, pd.DataFrame], choice: str) -> None:
    """Display the explorer's view for `choice` as plain tables (no widgets).

    >>> import pandas as pd
    >>> tables = {"mentions": pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "actor": ["IOM"]}),
    ...           "themes": pd.DataFrame(columns=["article_id", "sentence_no", "theme", "label"]),
    ...           "sentences": pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "text": ["IOM met."]}),
    ...           "timeline": pd.DataFrame(columns=["event_id", "date", "precision", "kind", "status", "label",
    ...                                             "participants", "evidence"])}
    >>> static_view(tables, "IOM")
    <IPython.core.display.HTML object>
      article_id  sentence_no      text
    0          a            1  IOM met.
    <IPython.core.display.HTML object>
    Empty DataFrame
    Columns: [event_id, date, precision, kind, status, label]
    Index: []
    <IPython.core.display.HTML object>
    Empty DataFrame
    Columns: [actor, shared_sentences]
    Index: []
    """
    for name, table in view(tables, choice).items():
        display(HTML(f"<h4>{choice}: {name.replace('_', ' ')} ({len(table)})</h4>"))
        display(table)


def choices(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Everything the explorer can show: actors by mentions, then theme labels by hits.

    >>> import pandas as pd
    >>> tables = {"mentions": pd.DataFrame({"actor": ["IOM", "Amy Pope", "IOM"]}),
    ...           "themes": pd.DataFrame({"label": ["Trafficking"]})}
    >>> choices(tables)
    ['IOM', 'Amy Pope', 'Trafficking']
    """
    actors = tables["mentions"]["actor"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    themes = tables["themes"]["label"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return list(actors.index) + list(themes.index)


def explore(tables: dict[str, pd.DataFrame], default: str | None = None):
    """An ipywidgets panel: a dropdown of actors and themes above the explorer's view of the choice.

    In a report run (`python -m vnmigration report`) no widget is made: a report has no kernel to answer
    it, and the static view of the default choice is what the report shows.

    >>> import contextlib, io, pandas as pd
    >>> tables = {"mentions": pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "actor": ["IOM"]}),
    ...           "themes": pd.DataFrame(columns=["article_id", "sentence_no", "theme", "label"]),
    ...           "sentences": pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "text": ["IOM met."]}),
    ...           "timeline": pd.DataFrame(columns=["event_id", "date", "precision", "kind", "status", "label",
    ...                                             "participants", "evidence"])}
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a notebook the panel prints its first view
    ...     panel = explore(tables)
    >>> type(panel).__name__ if not in_report_run() else "VBox"
    'VBox'
    """
    options = choices(tables)
    if in_report_run():
        return static_view(tables, default or options[0])
    import ipywidgets as widgets
    picker = widgets.Dropdown(options=options, value=default or options[0], description="Show:")
    search = widgets.Text(placeholder="a word, a name or a regex: every sentence it is in",
                          description="Search:", continuous_update=False)
    out = widgets.Output()

    def redraw(_=None):
        out.clear_output()
        with out:
            static_view(tables, picker.value)

    def find(_=None):
        out.clear_output()
        with out:
            show_search(tables, search.value)

    picker.observe(redraw, names="value")
    search.observe(find, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([picker, search]), out])


def show_search(tables: dict[str, pd.DataFrame], term: str, limit: int = 50) -> None:
    """Print the explorer's search: the keyword-in-context lines of `term` (`api.kwic`), at most `limit`.

    >>> tables = {"sentences": pd.DataFrame({"article_id": ["a"], "sentence_no": [1], "text": ["IOM met MOLISA."]}),
    ...           "articles": pd.DataFrame({"article_id": ["a"], "published": [None], "outlet": ["VNA"]})}
    >>> show_search(tables, "molisa")
    1 sentences match 'molisa' in 1 articles
    article_id  sentence_no outlet     left  match right
             a            1    VNA IOM met  MOLISA     .
    """
    from .api import kwic

    if not term.strip():
        return
    hits = kwic(term, tables, window=50)
    print(f"{len(hits)} sentences match {term!r} in {hits['article_id'].nunique()} articles")
    if len(hits):
        print(hits.drop(columns=["published", "language"]).head(limit).to_string(index=False))
