"""The report index (headline findings, then links to every notebook's HTML, figure and table) and alt text
for every image in the HTML report.

Alt text: `make report` converts the notebooks with this module's `alt_text_preprocessor`
(`jupyter nbconvert ... --HTMLExporter.preprocessors=vnmigration.report.alt_text_preprocessor`), which turns
each PNG output into an `<img>` carrying the chart's title; `write_index` also fills in any image that
nbconvert left with its placeholder, so a page converted without the preprocessor still gets alt text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from .paths import NOTEBOOKS, ROOT, SEEDS, figures_dir, reports_dir

COLUMNS_PAGE = "columns.html"  # the README's column dictionaries, rendered into the report
SAVE_CALL = re.compile(r"""plots\.save\(\s*\w+\s*,\s*["']([^"']+)["']""")
NBCONVERT_PLACEHOLDER = 'alt="No description has been provided for this image"'


def _title(notebook: Path) -> str:
    """The first Markdown heading of a notebook: `# 02 · Timeline: ...` -> `02 · Timeline: ...`."""
    import nbformat
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("# ").strip()
    return notebook.stem


# --- alt text -------------------------------------------------------------------------------------------

def figure_title(path: str | Path) -> str:
    """The chart title `plots.save` stored in a PNG's `Title` field, or "" for a file without one.

    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Articles (N = 5)")
    >>> path = Path(tempfile.mkdtemp()) / "articles.png"
    >>> fig.savefig(path, metadata={"Title": "Articles (N = 5)"}); plt.close(fig)
    >>> figure_title(path), figure_title(path.with_name("missing.png"))
    ('Articles (N = 5)', '')
    """
    from PIL import Image
    try:
        with Image.open(path) as image:
            return str(image.info.get("Title", ""))
    except (OSError, ValueError):
        return ""


def alt_text(name: str, figures: str | Path | None = None) -> str:
    """`"Chart: Articles by publication date and outlet (N = 5 dated of 5)"` for figure `name`, from the
    title stored in figures/<name>.png; the file name in words when the file has no title.

    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> figures = Path(tempfile.mkdtemp())
    >>> fig = plt.figure()
    >>> fig.savefig(figures / "articles.png", metadata={"Title": "Articles (N = 5)"})
    >>> plt.close(fig)
    >>> alt_text("articles", figures), alt_text("actor-network", figures)
    ('Chart: Articles (N = 5)', 'Chart: actor network')
    """
    title = figure_title(Path(figures or figures_dir()) / f"{name}.png")
    return f"Chart: {title}" if title else f"Chart: {name.replace('-', ' ')}"


def alt_text_preprocessor(nb, resources):
    """An nbconvert preprocessor (runs after execution): each PNG output becomes an `<img>` with alt text.

    The alt text comes from the `plots.save(fig, "name")` call in the same cell (the saved figure's
    title); a PNG from a cell without one is described by notebook and cell number.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell('plots.save(fig, "scratch-chart")', outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})])
    >>> nb, _ = alt_text_preprocessor(nbformat.v4.new_notebook(cells=[cell]), {"metadata": {"name": "01-corpus"}})
    >>> nb.cells[0].outputs[0]["data"]["text/html"][-46:]
    'se64,iVBORw0KGgo=" alt="Chart: scratch chart">'
    """
    notebook = (resources or {}).get("metadata", {}).get("name", "notebook")
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        names = SAVE_CALL.findall(cell.source)
        pngs = [out for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]
        for k, out in enumerate(pngs):
            alt = alt_text(names[k]) if k < len(names) else f"Figure from {notebook}, cell {number}"
            png = "".join(out["data"].pop("image/png").split())
            size = out.get("metadata", {}).get("image/png", {})
            extra = "".join(f' {key}="{int(size[key])}"' for key in ("width", "height") if key in size)
            out["data"]["text/html"] = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}"{extra}>'
    return nb, resources


def add_alt_text(page: str | Path, figures: str | Path | None = None) -> int:
    """Replace nbconvert's placeholder alt text in one HTML page with each figure's title; returns how
    many images it described. The figure is found from the `plots.save` call shown before the image.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "01-corpus.html"
    >>> _ = page.write_text('<pre>plots.save(fig, "articles")</pre><img src="a.png" ' + NBCONVERT_PLACEHOLDER + ">")
    >>> add_alt_text(page, page.parent / "figures"), page.read_text()[-45:]
    (1, '</pre><img src="a.png" alt="Chart: articles">')
    """
    path = Path(page)
    text = path.read_text(encoding="utf-8")
    parts, done, start = [], 0, 0
    for match in re.finditer(re.escape(NBCONVERT_PLACEHOLDER), text):
        before = html.unescape(re.sub(r"<[^>]+>", "", text[start:match.start()]))
        names = SAVE_CALL.findall(before)
        alt = alt_text(names[-1], figures) if names else f"Figure from {path.stem}"
        parts += [text[start:match.start()], f'alt="{html.escape(alt)}"']
        start, done = match.end(), done + 1
    if done:
        path.write_text("".join(parts) + text[start:], encoding="utf-8")
    return done


# --- headline findings ----------------------------------------------------------------------------------

def headline_findings(tables: dict[str, pd.DataFrame], split_year: int | None = None) -> list[str]:
    """The report's headline findings as sentences, each computed from the tables of `build_tables()`;
    the period split defaults to `findings.period_split` of the articles.

    >>> from vnmigration import build_tables
    >>> lines = headline_findings(build_tables())
    >>> lines[0].split(":")[0].endswith("sources")
    True
    >>> any("GCM objectives are touched" in line for line in lines)
    True
    """
    from . import findings
    from .network import actor_centrality, actor_graph
    articles, mentions, timeline = tables["articles"], tables["mentions"], tables["timeline"]
    lines = [_corpus_line(tables), *_timeline_lines(tables)]
    split_year = split_year or findings.period_split(articles)
    lines += _theme_lines(tables, split_year)
    if len(mentions):
        central = actor_centrality(actor_graph(tables["actor_edges"], mentions)).iloc[0]
        lines.append(f"{len(mentions)} mentions of {mentions['actor'].nunique()} actors; {central['actor']} has the "
                     "highest betweenness in the sentence co-occurrence network.")
    if split_year is not None and (mentions["kind"] == "person").any():
        carried = findings.carriers_by_period(mentions, tables["roles"], articles, split_year)
        years = articles["published"].dt.year
        lines.append(f"Before {split_year} the most-mentioned people are "
                     f"{findings.lead_carriers(carried, f'before {split_year}')}; from {split_year}, "
                     f"{findings.lead_carriers(carried, f'from {split_year}')}."
                     + findings.caution(int((years < split_year).sum()), int((years >= split_year).sum())))
    claims = findings.duration_claims(tables["sentences"], articles)
    conflicts = findings.source_conflicts(claims, timeline, tables["roles"], mentions)
    if len(conflicts):
        top = conflicts.iloc[0]
        lines.append(f"{len(conflicts)} points where the sources disagree or differ; the largest: "
                     f"{top['claim_a']} against '{top['claim_b']}' ({top['size']}).")
    return lines


def _corpus_line(tables: dict[str, pd.DataFrame]) -> str:
    """`"5 texts (2020–2025) from 4 sources: 120 sentences, 3,000 words of body text after removing ..."`."""
    from .corpus import outlet_label
    articles = tables["articles"]
    years = articles["published"].dt.year
    span = f"{int(years.min())}–{int(years.max())}" if years.notna().any() else "none dated"
    return (f"{len(articles)} texts ({span}) from "
            f"{outlet_label(articles).nunique()} sources: {len(tables['sentences'])} sentences, "
            f"{int(articles['n_words'].sum()):,} words of body text after removing "
            f"{int(articles['n_words_removed'].sum()):,} words of site chrome, captions and bylines.")


def _timeline_lines(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The distinct happenings and those more than one article tells (nothing for an undated timeline)."""
    from .dates import date_at_precision
    timeline = tables["timeline"]
    dated = timeline.dropna(subset=["date"])
    shared = dated[dated["n_sources"] > 1]
    if not len(dated):
        return []
    return [f"{len(timeline)} distinct happenings from {len(tables['events'])} event mentions, "
            f"{int(dated['date'].dt.year.min())}–{int(dated['date'].dt.year.max())}; {len(shared)} "
            f"told by more than one article" + (": " if len(shared) else ".") + "; ".join(
                f"{r.label} ({date_at_precision(r.date, r.precision)})" for r in shared.itertuples())
            + ("." if len(shared) else "")]


def _theme_lines(tables: dict[str, pd.DataFrame], split_year: int | None) -> list[str]:
    """GCM objectives touched, and (given a split year) the themes that rise and fall most across it."""
    from . import taxonomy as th
    from .findings import caution
    articles = tables["articles"]
    years = articles["published"].dt.year
    coverage = th.gcm_coverage(tables["themes"])
    touched = int((coverage["n_sentences"] > 0).sum())
    lines = [f"{touched} of the {len(coverage)} GCM objectives are touched; {len(coverage) - touched} are "
             "never mentioned."]
    if split_year is not None:
        periods = th.compare_periods(tables["theme_profile"], articles, split_year)
        names = {t.id: t.label for t in th.load_taxonomy()}
        rise, fall = periods.iloc[0], periods.iloc[-1]
        n_before, n_after = int((years < split_year).sum()), int((years >= split_year).sum())
        lines.append(f"Agenda shift from {split_year} (mean sentence share over {n_before} articles before and "
                     f"{n_after} from {split_year}): {names.get(rise['theme'], rise['theme'])} rises most "
                     f"({rise.iloc[1]:.2f} → {rise.iloc[2]:.2f}), {names.get(fall['theme'], fall['theme'])} "
                     f"falls most ({fall.iloc[1]:.2f} → {fall.iloc[2]:.2f})." + caution(n_before, n_after))
    return lines


# --- the index page -------------------------------------------------------------------------------------

def write_index(reports: str | Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write REPORTS/index.html: headline findings computed from `tables` (default: `build_tables()` on the
    seeds), then links to the notebook HTML, figures/*.png, tables/*.csv and the README's column dictionary.
    Images in the notebook HTML that nbconvert left without alt text get one (see `add_alt_text`).

    >>> import tempfile
    >>> from vnmigration import build_tables
    >>> reports = Path(tempfile.mkdtemp())
    >>> index = write_index(reports, build_tables())
    >>> index.name, "<h2>Headline findings</h2>" in index.read_text()
    ('index.html', True)
    """
    from .export import build_tables
    reports = Path(reports)
    tables = build_tables() if tables is None else tables
    items = []
    for page in sorted(reports.glob("*.html")):
        if page.name == "index.html":
            continue
        add_alt_text(page, reports / "figures")
        source = NOTEBOOKS / f"{page.stem}.ipynb"
        title = _title(source) if source.exists() else page.stem
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a></li>')
    figures = []
    for png in sorted((reports / "figures").glob("*.png")):
        title = figure_title(png)
        label = f"{png.stem}: {title}" if title else png.stem
        figures.append(f'<li><a href="figures/{html.escape(png.name)}">{html.escape(label)}</a></li>')
    csvs = [f'<li><a href="tables/{html.escape(p.name)}">{html.escape(p.name)}</a></li>'
            for p in sorted((reports / "tables").glob("*.csv"))]
    headlines = "".join(f"<li>{html.escape(line)}</li>" for line in headline_findings(tables))
    columns = write_columns(reports)
    dictionary = (f'the <a href="{COLUMNS_PAGE}">column dictionary</a>' if columns else
                  "the column dictionary of the README")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Viet Nam–IOM cooperation on the GCM: report</title>
<style>body{{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.5}}</style></head>
<body><h1>Viet Nam–IOM cooperation on the GCM: report</h1>
<h2>Headline findings</h2>
<p>Computed from the tables of this build; read them as what this corpus says, not as a trend.</p>
<ul>{headlines}</ul>
<p>Built by <code>make report</code>. Every table's columns are described in {dictionary}.</p>
{corrections_html(tables.get("corrections"))}
<h2>Notebooks ({len(items)})</h2><ul>{''.join(items)}</ul>
<h2>Figures ({len(figures)})</h2><ul>{''.join(figures)}</ul>
<h2>Tables ({len(csvs)})</h2><ul>{''.join(csvs)}</ul>
</body></html>
"""
    path = reports / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def corrections_html(corrections: pd.DataFrame | None) -> str:
    """The report's list of hand corrections (corrections.yaml), or "" when there is none.

    >>> corrections_html(pd.DataFrame({"correction": [1], "table": ["events"], "where": ["article_id=a"],
    ...                                "change": ["drop"], "why": ["not an event"], "rows": [1]}))[:44]
    '<h2>Hand corrections (1)</h2><p>Applied from'
    """
    if corrections is None or corrections.empty:
        return ""
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in corrections.fillna("").itertuples(index=False))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in corrections.columns)
    unmatched = int((corrections["rows"] == 0).sum())
    warning = f" <strong>{unmatched} matched no row</strong>: check them against the tables." if unmatched else ""
    return (f"<h2>Hand corrections ({len(corrections)})</h2><p>Applied from the corpus's corrections.yaml after "
            f"the machine reading; corrected rows say <code>reading: corrected</code>.{warning}</p>"
            f"<table><tr>{head}</tr>{rows}</table>")


def write_columns(reports: Path, readme: Path | None = None) -> Path | None:
    """Render the README's "Column dictionaries" section as REPORTS/columns.html; None without a README.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "R.md").write_text("# X\\n## Column dictionaries\\n| a |\\n|---|\\n| 1 |\\n## Next\\n")
    >>> "<td>1</td>" in write_columns(folder, folder / "R.md").read_text()
    True
    """
    import mistune

    readme = ROOT / "README.md" if readme is None else readme
    if not readme.is_file():
        return None
    text = readme.read_text(encoding="utf-8")
    start = text.find("## Column dictionaries")
    if start < 0:
        return None
    end = text.find("\n## ", start + 3)
    section = text[start:end if end > 0 else None]
    body = mistune.create_markdown(plugins=["table"])(section)
    path = Path(reports) / COLUMNS_PAGE
    path.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Column dictionaries</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
td,th{{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}}table{{border-collapse:collapse}}</style></head>
<body>{body}</body></html>
""", encoding="utf-8")
    return path


# --- the report build -----------------------------------------------------------------------------------

class ReportError(RuntimeError):
    """A notebook failed while the report was built; the message names it."""


REPORT_OUTPUTS = ("figures", "tables")  # what a report folder holds besides its HTML pages


def _clean(out: Path) -> None:
    """Remove an earlier report from `out` (its HTML pages, figures/ and tables/), so no stale page survives."""
    import shutil

    for page in out.glob("*.html"):
        page.unlink()
    for folder in REPORT_OUTPUTS:
        shutil.rmtree(out / folder, ignore_errors=True)


def default_out(corpus: Path) -> Path:
    """Where a corpus's report goes by default: reports/ for the seeds, reports/<folder name> for any other corpus,
    so a report on your pages never overwrites the seeds report: ~/pages -> reports/pages.

    >>> from vnmigration.paths import SEEDS
    >>> default_out(SEEDS) == reports_dir().resolve(), default_out(Path("/data/pages")).name
    (True, 'pages')
    """
    base = reports_dir().resolve()
    return base if Path(corpus).resolve() == SEEDS.resolve() else base / Path(corpus).resolve().name


def build_report(corpus: str | Path | None = None, out: str | Path | None = None, timeout: int = 600,
                 notebooks: list[Path] | None = None, jobs: int | None = None) -> Path:
    """Execute every notebook against `corpus` into `out` (HTML with alt text, figures, tables, index.html).

    The committed notebooks are not touched: each runs in a fresh kernel with `$VNMIGRATION_CORPUS` and
    `$VNMIGRATION_REPORTS` set, every cell under `timeout` seconds. A failing notebook raises ReportError
    with its name. The tables are built once (in `jobs` worker processes for a large corpus; default every core)
    and cached, so each notebook reads them from the cache. Returns the index page.

    >>> import nbformat, tempfile
    >>> work = Path(tempfile.mkdtemp())
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 00 · Check"),
    ...                                              nbformat.v4.new_code_cell("1 + 1")]), work / "00-check.ipynb")
    >>> index = build_report(out=work / "report", notebooks=[work / "00-check.ipynb"], timeout=120)
    >>> sorted(p.name for p in index.parent.glob("*.html"))
    ['00-check.html', 'columns.html', 'index.html']
    """
    import os
    import subprocess
    import sys

    from .api import build_tables
    from .export import write_tables
    from .paths import CORPUS_VARIABLE, REPORTS_VARIABLE, corpus_dir

    corpus = Path(corpus).resolve() if corpus is not None else corpus_dir().resolve()
    out = Path(out).resolve() if out is not None else default_out(corpus)
    out.mkdir(parents=True, exist_ok=True)
    _clean(out)
    tables = build_tables(corpus, jobs=jobs)
    write_tables(tables, out / "tables")
    env = os.environ | {CORPUS_VARIABLE: str(corpus), REPORTS_VARIABLE: str(out)}
    for notebook in notebooks or sorted(NOTEBOOKS.glob("*.ipynb")):
        done = subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
             f"--ExecutePreprocessor.timeout={timeout}",
             "--HTMLExporter.preprocessors=vnmigration.report.alt_text_preprocessor", "--output-dir", str(out),
             str(notebook)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-8:])
            raise ReportError(f"notebook {notebook.name} failed on corpus {corpus}:\n{tail}")
    return write_index(out, tables)
