"""Every chart helper drawn on the seed tables (Agg): no two labels overlap or touch, data labels stay inside the
axes, legends hide no data, titles carry N, long labels are cut at word boundaries, placed labels are the same
every run; and the HTML report gives every image alt text and opens with computed findings."""

import itertools
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

import vnmigration as vn  # noqa: E402
from vnmigration import plots, plots_actors, plots_themes, report  # noqa: E402
from vnmigration import taxonomy as th  # noqa: E402
from vnmigration.export import build_tables  # noqa: E402

SPLIT = 2023
WATCH = ["covid-19", "gcm-implementation", "climate-disasters", "gcm-10", "humanitarian"]


@pytest.fixture(scope="module")
def tables(seed_dir):
    return build_tables(seed_dir)


@pytest.fixture(scope="module")
def cut_labels(tables):
    """Theme labels cut mid-word, as notebooks 03 and 05 build them: the helpers must cut them again."""
    return {t.id: (f"{t.gcm_objective}. {t.label[:28]}…" if t.gcm_objective else t.label)
            for t in th.load_taxonomy() if t.id in tables["theme_profile"].columns}


def _charts(tables, labels):
    """(name, figsize, draw) for every chart helper, called as the notebooks call it."""
    t = tables
    articles, profile = t["articles"], t["theme_profile"]
    graph = vn.actor_graph(t["actor_edges"], t["mentions"])
    return [
        ("articles-over-time", (9, 3.2), lambda ax: plots.articles_over_time(ax, articles)),
        ("words-kept-removed", (9, 2.8), lambda ax: plots.words_kept_removed(ax, articles)),
        ("cooperation-timeline", (11, 5), lambda axes: plots.cooperation_timeline(axes, t["timeline"], articles)),
        ("theme-heatmap", (11, 4), lambda ax: plots_themes.theme_heatmap(ax, profile, articles, labels)),
        ("themes-over-time", (10, 4),
         lambda ax: plots_themes.themes_over_time(ax, profile, articles, {k: labels[k] for k in WATCH})),
        ("objective-coverage", (10, 6.5), lambda ax: plots_themes.objective_coverage(ax, th.gcm_coverage(t["themes"]))),
        ("mentions-by-actor", (9, 7), lambda ax: plots_actors.mentions_by_actor(ax, t["mentions"], top=30)),
        ("actor-network", (11, 8), lambda ax: plots_actors.actor_network(ax, graph)),
        ("presence-by-year", (8, 9), lambda ax: plots_actors.presence_by_year(ax, t["mentions"], articles)),
        ("roles-over-time", (10, 4.5), lambda ax: plots_actors.roles_over_time(ax, t["roles"])),
        ("agenda-shift", (9, 6),
         lambda ax: plots_themes.period_shift(ax, th.compare_periods(profile, articles, SPLIT), articles, labels)),
    ]


NAMES = ["articles-over-time", "words-kept-removed", "cooperation-timeline", "theme-heatmap", "themes-over-time",
         "objective-coverage", "mentions-by-actor", "actor-network", "presence-by-year", "roles-over-time",
         "agenda-shift"]


def _draw(tables, labels, name):
    plots.use_style()
    _, size, draw = next(c for c in _charts(tables, labels) if c[0] == name)
    if name == "cooperation-timeline":
        fig, ax = plt.subplots(1, 2, sharey=True, figsize=size, gridspec_kw={"width_ratios": [1, 5], "wspace": 0.04})
    else:
        fig, ax = plt.subplots(figsize=size)
    draw(ax)
    fig.canvas.draw()
    return fig


def _box(artist, renderer):
    """The glyphs' window extent (an annotation's leader line left out)."""
    return Text.get_window_extent(artist, renderer)


def _corners(text, renderer):
    """The four corners of a text's glyph box in display space, turned with the text when it is rotated."""
    box = _box(text, renderer)
    angle = math.radians(text.get_rotation())
    if abs(math.sin(2 * angle)) < 1e-9:  # 0, 90, 180, 270 degrees: the window extent is the box itself
        return [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
    rotation = text.get_rotation()
    text.set_rotation(0)
    flat = _box(text, renderer)
    text.set_rotation(rotation)
    c, s = math.cos(angle), math.sin(angle)
    w, h = flat.width, flat.height
    pts = [(0, 0), (w * c, w * s), (w * c - h * s, w * s + h * c), (-h * s, h * c)]
    dx, dy = box.x0 - min(x for x, _ in pts), box.y0 - min(y for _, y in pts)
    return [(x + dx, y + dy) for x, y in pts]


def _polygons_overlap(a, b, tol=-1.0):
    """Separating-axis test for two convex quadrilaterals: True when they overlap or come within 1 pixel
    (texts that abut read as one collided label)."""
    for poly in (a, b):
        for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
            nx, ny = y0 - y1, x1 - x0
            norm = math.hypot(nx, ny) or 1
            pa = [(x * nx + y * ny) / norm for x, y in a]
            pb = [(x * nx + y * ny) / norm for x, y in b]
            if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= tol:
                return False
    return True


def _drawn_ticklabels(axis):
    """Tick labels actually drawn: visible, non-empty, at a tick inside the view interval."""
    lo, hi = sorted(axis.get_view_interval())
    locs = axis.get_majorticklocs()
    out = []
    for loc, tick in zip(locs, axis.get_major_ticks(len(locs)), strict=True):
        label = tick.label1
        if label.get_visible() and tick.get_visible() and label.get_text() and lo - 1e-9 <= loc <= hi + 1e-9:
            out.append(label)
    return out


def _labels(fig, renderer):
    """(description, box, corners, is_data_label, axes) for every text drawn; a legend counts as one box."""
    out = []

    def add(what, text, data, ax):
        out.append((what, _box(text, renderer), _corners(text, renderer), data, ax))

    for ax in fig.axes:
        for title in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label):
            if title.get_visible() and title.get_text():
                add(f"title/axis label {title.get_text()!r}", title, False, ax)
        for tick in _drawn_ticklabels(ax.xaxis) + _drawn_ticklabels(ax.yaxis):
            add(f"tick label {tick.get_text()!r}", tick, False, ax)
        for text in ax.texts:
            if not text.get_visible() or not text.get_text().strip():
                continue
            data = (text.xycoords == "data") if isinstance(text, Annotation) else text.get_transform() == ax.transData
            add(f"text {text.get_text()[:40]!r}", text, data, ax)
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            out.append(("legend", box, [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)],
                        False, ax))
    return out


def _overlaps(a, b, tol=-1.0):
    """Whether two display boxes overlap or come within 1 pixel of each other (with the default `tol`)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol


def _data_boxes(ax, renderer):
    """Display boxes of the data drawn: markers (lines and scatter collections) and bars."""
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Bbox
    scale = ax.figure.dpi / 72
    boxes = []
    for line in ax.lines:
        if line.get_marker() in (None, "None", "", " ") or line.get_transform() != ax.transData:
            continue
        r = line.get_markersize() / 2 * scale
        for x, y in line.get_transform().transform(line.get_xydata()):
            boxes.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    for patch in ax.patches:
        if isinstance(patch, Rectangle):  # bars (and spans): the axes background is not in ax.patches
            boxes.append(patch.get_window_extent(renderer))
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            sizes = coll.get_sizes()
            for k, (x, y) in enumerate(coll.get_offset_transform().transform(coll.get_offsets())):
                r = (sizes[k % len(sizes)] ** 0.5) / 2 * scale if len(sizes) else 0
                boxes.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    return boxes


@pytest.mark.parametrize("name", NAMES)
def test_no_two_labels_overlap(tables, cut_labels, name):
    fig = _draw(tables, cut_labels, name)
    renderer = fig.canvas.get_renderer()
    labels = _labels(fig, renderer)
    clashes = [(a[0], b[0]) for a, b in itertools.combinations(labels, 2)
               if _overlaps(a[1], b[1]) and _polygons_overlap(a[2], b[2])]
    plt.close(fig)
    assert not clashes, f"{name}: overlapping labels {clashes}"


@pytest.fixture(scope="module", params=["eval set", "undated"])
def other_tables(request, tables):
    """Beyond the seeds: the 237 constructed eval pages read as one corpus (many outlets, actors and events), and
    the seeds with every publication date removed (what a corpus of undated exports gives the charts)."""
    if request.param == "undated":
        return tables | {"articles": tables["articles"].assign(published=pd.NaT, published_precision=pd.NA)}
    from vnmigration.paths import EVAL_ARTICLES
    return build_tables(EVAL_ARTICLES)


@pytest.mark.parametrize("name", NAMES)
def test_charts_hold_on_a_large_and_on_an_undated_corpus(other_tables, name):
    labels = plots.theme_labels(other_tables["theme_profile"].columns)
    fig = _draw(other_tables, labels, name)
    renderer = fig.canvas.get_renderer()
    found = _labels(fig, renderer)
    clashes = [(a[0], b[0]) for a, b in itertools.combinations(found, 2)
               if _overlaps(a[1], b[1]) and _polygons_overlap(a[2], b[2])]
    title = plots.figure_title(fig)
    plt.close(fig)
    assert not clashes, f"{name}: overlapping labels {clashes[:5]}"
    assert "N = " in title and "…" not in title


@pytest.mark.parametrize("name", NAMES)
def test_data_labels_stay_inside_the_axes(tables, cut_labels, name):
    fig = _draw(tables, cut_labels, name)
    renderer = fig.canvas.get_renderer()
    outside = []
    for what, box, _, data, ax in _labels(fig, renderer):
        frame = ax.get_window_extent(renderer)
        if data and (box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1
                     or box.y1 > frame.y1 + 1):
            outside.append(what)
    plt.close(fig)
    assert not outside, f"{name}: labels leave the axes: {outside}"


@pytest.mark.parametrize("name", NAMES)
def test_legends_and_labels_hide_no_data(tables, cut_labels, name):
    fig = _draw(tables, cut_labels, name)
    renderer = fig.canvas.get_renderer()
    hidden = []
    for ax in fig.axes:
        data = _data_boxes(ax, renderer)
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            hidden += [f"legend over data at {d.x0:.0f},{d.y0:.0f}" for d in data if _overlaps(box, d)]
        if name in ("actor-network", "roles-over-time"):  # the labels placed around markers
            for text in ax.texts:
                box = _box(text, renderer)
                hidden += [f"{text.get_text()!r} over a marker" for d in data if _overlaps(box, d, tol=1)]
    plt.close(fig)
    assert not hidden, f"{name}: {hidden}"


@pytest.mark.parametrize("name", NAMES)
def test_titles_carry_n(tables, cut_labels, name):
    fig = _draw(tables, cut_labels, name)
    title = plots.figure_title(fig)
    plt.close(fig)
    assert re.search(r"\(N = \d", title), title


def test_long_labels_are_cut_at_word_boundaries(tables, cut_labels):
    full = {f"{t.gcm_objective}. {t.label}" if t.gcm_objective else t.label for t in th.load_taxonomy()}
    full |= {f"{t.gcm_objective:>2}. {t.label}" for t in th.load_taxonomy() if t.gcm_objective}
    seen = []
    for name in ("theme-heatmap", "agenda-shift", "themes-over-time", "objective-coverage"):
        fig = _draw(tables, cut_labels, name)
        ax = fig.axes[0]
        texts = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend() is not None:
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
        plt.close(fig)
        for text in texts:
            if text.endswith("…"):
                seen.append(text)
                head = text[:-1]
                match = [f for f in full if f.startswith(head)]
                assert match, text
                assert all(f[len(head)] in " ,;:" for f in match), f"cut inside a word: {text!r}"
    assert len(seen) >= 10  # enough cut labels to test (10 on the seeds since the 2026-12-06 themes guideline)


def test_short_cuts_at_a_word_boundary():
    assert plots.short_label("Prevent, combat and eradicate trafficking", 24) == "Prevent, combat and…"
    assert plots.short_label("abc def", 7) == "abc def"
    assert plots.short_label("abc def ghi", 8) == "abc def…"  # the cut falls on a space: "def" is whole
    assert len(plots.short_label("x" * 30, 10)) == 10


def test_themes_over_time_draws_years_with_their_n_and_no_line_from_single_articles(tables):
    """One point per year of publication, N under each year; lines only between consecutive years of >= 2."""
    plots.use_style()
    articles, profile = tables["articles"], tables["theme_profile"]
    fig, ax = plt.subplots()
    plots_themes.themes_over_time(ax, profile, articles, {"covid-19": "COVID-19"})
    n = articles["published"].dt.year.value_counts().sort_index()
    points = [line for line in ax.lines if line.get_marker() == "o"]
    assert [int(x) for x in points[0].get_xdata()] == n.index.tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{y}\nN = {k}" for y, k in n.items()]
    joins = [line for line in ax.lines if line.get_marker() in ("None", None, "")]
    pairs = zip(n.index, n.index[1:], strict=False)
    expected = [(a, b) for a, b in pairs if b == a + 1 and min(n[a], n[b]) >= 2]
    assert [tuple(int(x) for x in line.get_xdata()) for line in joins] == expected
    plt.close(fig)


def test_themes_over_time_on_an_undated_corpus_says_so(tables):
    articles = tables["articles"].assign(published=pd.NaT)
    fig, ax = plt.subplots()
    plots_themes.themes_over_time(ax, tables["theme_profile"], articles, {"covid-19": "COVID-19"})
    assert "No dated articles" in ax.texts[0].get_text() and not ax.axison and not ax.lines
    assert ax.get_title() == f"Themes per year (N = 0 of {len(articles)} articles dated)"
    plt.close(fig)


def test_network_leaves_places_out_and_explains_size_and_width(tables):
    from vnmigration import actor_graph
    graph = actor_graph(tables["actor_edges"], tables["mentions"])
    places = [n for n in graph if graph.nodes[n]["side"] == "place"]
    fig, ax = plt.subplots()
    plots_actors.actor_network(ax, graph)
    drawn = {t.get_text() for t in ax.texts}
    assert places and not drawn & set(places)
    assert any(t.startswith("Node size: mentions") and f"{len(places)} place" in t for t in drawn)
    plt.close(fig)


def test_objective_titles_are_wrapped_never_cut(tables):
    from vnmigration.taxonomy import gcm_coverage
    fig, ax = plt.subplots(figsize=(10, 4))
    plots_themes.objective_coverage(ax, gcm_coverage(tables["themes"]))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert not any("…" in label for label in labels) and any("\n" in label for label in labels)
    assert fig.get_figheight() > 4  # grown to fit the wrapped rows
    plt.close(fig)


def test_timeline_key_names_events_by_kind_and_participants(tables):
    fig, axes = plt.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 5]})
    plots.cooperation_timeline(axes, tables["timeline"], tables["articles"])
    key = [t.get_text() for t in axes[1].texts if t.get_text().startswith("E01")][0]
    first = tables["timeline"].iloc[0]
    assert f"{first['kind']}: " in key.splitlines()[0]
    plt.close(fig)


def test_agenda_shift_title_counts_the_articles_of_each_mean(tables, cut_labels):
    fig = _draw(tables, cut_labels, "agenda-shift")
    years = tables["articles"]["published"].dt.year
    n_before, n_after = int((years < SPLIT).sum()), int((years >= SPLIT).sum())
    assert f"means over {n_before} articles before {SPLIT} vs {n_after} from {SPLIT}" in plots.figure_title(fig)
    plt.close(fig)


def test_placed_labels_are_the_same_every_run(tables, cut_labels):
    runs = []
    for _ in range(2):
        fig = _draw(tables, cut_labels, "actor-network")
        runs.append([(t.get_text(), tuple(round(v, 6) for v in t.xyann)) for t in fig.axes[0].texts
                     if hasattr(t, "xyann")])  # the placed labels (the note under the chart is plain text)
        plt.close(fig)
    assert runs[0] == runs[1]


def test_saved_png_carries_the_title_the_report_uses_for_alt_text(tables, cut_labels, tmp_path, monkeypatch):
    monkeypatch.setenv("VNMIGRATION_REPORTS", str(tmp_path))
    fig = _draw(tables, cut_labels, "words-kept-removed")
    name = plots.save(fig, "words")
    plt.close(fig)
    assert name == "words.png" and (tmp_path / "figures" / "words.png").is_file()
    assert report.alt_text("words") == f"Chart: {plots.figure_title(fig)}"
    assert report.alt_text("no-such-figure") == "Chart: no such figure"


def test_alt_text_preprocessor_gives_every_png_an_alt(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "alt_text", lambda name, figures=None: f"Chart: {name}")
    png = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0K\nGgo=", "text/plain": "x"}}
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('plots.save(fig, "articles-over-time")', outputs=[nbformat.from_dict(png)]),
        nbformat.v4.new_code_cell("plt.plot([1])", outputs=[nbformat.from_dict(png)])])
    nb, _ = report.alt_text_preprocessor(nb, {"metadata": {"name": "01-corpus"}})
    imgs = [c.outputs[0].data["text/html"] for c in nb.cells]
    assert imgs[0] == '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Chart: articles-over-time">'
    assert 'alt="Figure from 01-corpus, cell 2"' in imgs[1]
    assert all("image/png" not in c.outputs[0].data for c in nb.cells)


def test_index_fills_missing_alt_text_and_opens_with_computed_findings(tables, tmp_path):
    (tmp_path / "figures").mkdir()
    placeholder = report.NBCONVERT_PLACEHOLDER
    (tmp_path / "01-corpus.html").write_text(
        '<pre><span class="n">plots</span>.save(fig, <span>&quot;articles-over-time&quot;</span>)</pre>'
        f'<img src="data:x" {placeholder}><pre>plt.show()</pre><img src="data:y" {placeholder}>')
    page = report.write_index(tmp_path, tables).read_text()
    notebook = (tmp_path / "01-corpus.html").read_text()
    assert 'alt="Chart: articles over time"' in notebook and 'alt="Figure from 01-corpus"' in notebook
    assert placeholder not in notebook
    findings = page.split("<h2>Headline findings</h2>")[1].split("<h2>")[0]
    touched = int((th.gcm_coverage(tables["themes"])["n_sentences"] > 0).sum())
    assert f"{len(tables['articles'])} texts" in findings and f"{touched} of the 23 GCM objectives" in findings
    assert page.index("Headline findings") < page.index("<h2>Notebooks")
    assert 'href="columns.html"' in page and "<th>column</th>" in (tmp_path / "columns.html").read_text()


def test_a_corpus_with_no_event_and_no_role_still_draws_and_exports(tmp_path):
    """Two short pages with no dated event and no title: the tables keep their dtypes, the charts say so."""
    from vnmigration.export import write_tables
    for name, text in (("a.txt", "IOM Viet Nam and the ministry talked about migrant workers."),
                       ("b.txt", "Workers asked IOM Viet Nam about safe migration.")):
        (tmp_path / name).write_text(text)
    small = build_tables(tmp_path)
    assert small["timeline"].empty and str(small["timeline"]["date"].dtype) == "datetime64[ns]"
    assert small["roles"].empty and str(small["roles"]["published"].dtype) == "datetime64[ns]"
    assert len(write_tables(small, tmp_path / "out")) == len(small)
    fig, axes = plt.subplots(1, 2)
    plots.cooperation_timeline(axes, small["timeline"], small["articles"])
    assert "No dated event" in axes[1].texts[0].get_text()
    fig2, ax = plt.subplots()
    plots_actors.roles_over_time(ax, small["roles"])
    plt.close(fig)
    plt.close(fig2)
