"""The report index: one HTML page linking every notebook's HTML, every figure and every table."""

from __future__ import annotations

import html
from pathlib import Path

from .paths import NOTEBOOKS


def _title(notebook: Path) -> str:
    """The first Markdown heading of a notebook: `# 02 · Timeline: ...` -> `02 · Timeline: ...`."""
    import nbformat
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("# ").strip()
    return notebook.stem


def write_index(reports: str | Path) -> Path:
    """Write REPORTS/index.html from what is in REPORTS (notebook HTML, figures/*.png, tables/*.csv)."""
    reports = Path(reports)
    items = []
    for page in sorted(reports.glob("*.html")):
        if page.name == "index.html":
            continue
        source = NOTEBOOKS / f"{page.stem}.ipynb"
        title = _title(source) if source.exists() else page.stem
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a></li>')
    figures = [f'<li><a href="figures/{html.escape(p.name)}">{html.escape(p.stem)}</a></li>'
               for p in sorted((reports / "figures").glob("*.png"))]
    tables = [f'<li><a href="tables/{html.escape(p.name)}">{html.escape(p.name)}</a></li>'
              for p in sorted((reports / "tables").glob("*.csv"))]
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Viet Nam–IOM cooperation on the GCM: report</title>
<style>body{{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.5}}</style></head>
<body><h1>Viet Nam–IOM cooperation on the GCM: report</h1>
<p>Built by <code>make report</code>. The column dictionary of every table is in the repository README.</p>
<h2>Notebooks ({len(items)})</h2><ul>{''.join(items)}</ul>
<h2>Figures ({len(figures)})</h2><ul>{''.join(figures)}</ul>
<h2>Tables ({len(tables)})</h2><ul>{''.join(tables)}</ul>
</body></html>
"""
    path = reports / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
