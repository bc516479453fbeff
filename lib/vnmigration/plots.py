"""Chart style, set once, and chart helpers that draw on a given `ax` and put N in the title."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision, period_end
from .paths import figures_dir

SIDE_COLORS = {
    "viet-nam-government": "#c0392b", "iom": "#1f5fa8", "un-system": "#5dade2",
    "other-government": "#8e44ad", "regional-forum": "#16a085", "place": "#7f8c8d", "other": "#b7950b",
    "unknown": "#d5d8dc",  # persons found outside the codebook: no side until a researcher codes them
}
PALETTE = ["#1f5fa8", "#c0392b", "#16a085", "#8e44ad", "#b7950b", "#7f8c8d", "#e67e22", "#2c3e50"]


def use_style() -> None:
    """Set the package's chart style for every later figure (call once, at the top of a notebook).

    >>> use_style()
    >>> plt.rcParams["axes.spines.top"], plt.rcParams["savefig.bbox"]
    (False, 'tight')
    """
    plt.rcParams.update({
        "figure.figsize": (9, 4), "figure.dpi": 100, "savefig.dpi": 120, "savefig.bbox": "tight",
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
        "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9, "xtick.labelsize": 8,
        "ytick.labelsize": 8, "legend.fontsize": 8, "legend.frameon": False, "font.family": "DejaVu Sans",
        "svg.hashsalt": "vnmigration",
    })


def figure_title(fig: plt.Figure) -> str:
    """The chart's title as drawn (the first non-empty axes title, else the suptitle), or "" when it has none.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Articles (N = 5)")
    >>> figure_title(fig)
    'Articles (N = 5)'
    >>> plt.close(fig)
    """
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    if titles:
        return titles[0]
    return fig.get_suptitle()


def save(fig: plt.Figure, name: str) -> str:
    """Write `fig` to `paths.figures_dir()`/<name>.png and return the file name: `"articles-over-time"`.

    The chart title goes into the PNG's `Title` field, where the HTML report finds it for the image's alt text.

    >>> import os, tempfile
    >>> from unittest import mock
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Articles (N = 5)")
    >>> with mock.patch.dict(os.environ, {"VNMIGRATION_REPORTS": tempfile.mkdtemp()}):
    ...     print(save(fig, "articles"), (figures_dir() / "articles.png").is_file())
    articles.png True
    >>> plt.close(fig)
    """
    figures = figures_dir()
    figures.mkdir(parents=True, exist_ok=True)
    fig.savefig(figures / f"{name}.png", metadata={"Software": None, "Title": figure_title(fig) or name})
    return f"{name}.png"


# --- labels: one way to cut, one way to place -------------------------------------------------------

def _short(text: str, width: int = 48) -> str:
    """`text` cut at a word boundary to at most `width` characters, ellipsis included: every cut goes through here.

    `_short("Prevent, combat and eradicate trafficking", 24)` -> `"Prevent, combat and…"`; a single word
    longer than `width` is the only thing cut inside a word.
    """
    if len(text) <= width:
        return text
    head = text[:width]  # one character more than is kept, to see whether the cut falls on a space
    kept = head[:-1] if head[-1] == " " else (head.rsplit(" ", 1)[0] if " " in head else head[:-1])
    return kept.rstrip(" ,;:·–-") + "…"


def theme_labels(ids=None, width: int = 34) -> dict[str, str]:
    """Chart labels per theme id, `"10. Prevent, combat and…"` for a GCM objective, cut by `_short`.

    >>> theme_labels(["gcm-10"])
    {'gcm-10': '10. Prevent, combat and eradicate…'}
    >>> theme_labels(["gcm-10"], width=24)
    {'gcm-10': '10. Prevent, combat and…'}
    """
    from .taxonomy import load_taxonomy
    return {t.id: _short(f"{t.gcm_objective}. {t.label}" if t.gcm_objective else t.label, width)
            for t in load_taxonomy() if ids is None or t.id in set(ids)}


def _recut(labels: dict[str, str]) -> dict[str, str]:
    """Theme labels as given, except that one already cut elsewhere (ending in "…") is cut again from the
    full taxonomy label at a word boundary, to the same length: "7. Address and reduce vulnerabi…" ->
    "7. Address and reduce…"."""
    cut = [k for k, v in labels.items() if v.endswith("…")]
    full = theme_labels(cut, width=10_000) if cut else {}
    return {k: _short(full[k], len(v)) if k in full and full[k].startswith(v[:-1]) else v
            for k, v in labels.items()}


def _text_box(text, renderer):
    """The window extent of a text artist's glyphs only (an annotation's arrow left out)."""
    from matplotlib.text import Annotation, Text
    if isinstance(text, Annotation):
        text.update_positions(renderer)  # an annotation's text position follows its offset only once updated
    return Text.get_window_extent(text, renderer)


def _widen_to_fit(ax: plt.Axes, notes) -> None:
    """Move a linear x axis's right limit out just far enough that every annotation in `notes` ends inside
    the axes (an annotation keeps its offset in points, so the data span grows until the text fits)."""
    renderer = ax.figure.canvas.get_renderer()
    x0, right = ax.get_xlim()
    frame = ax.get_window_extent(renderer)
    for note in notes:
        box = _text_box(note, renderer)
        reach = box.x1 - ax.transData.transform((note.xy[0], 0))[0] + 2  # pixels right of the anchor, + margin
        if box.x1 + 2 > frame.x1 and reach < frame.width:
            right = max(right, x0 + (note.xy[0] - x0) * frame.width / (frame.width - reach))
    ax.set_xlim(x0, right)


def _overlap(a, b) -> float:
    """The area two display boxes share (0 when they only touch)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _candidates(radius: float, gaps=(2, 7, 14, 24, 36, 50)):
    """Offsets in points around a marker of `radius` points: (dx, dy, ha, va), nearest ring first,
    each ring tried right, left, above, below, then the diagonals."""
    out = []
    for gap in gaps:
        for deg in (0, 180, 90, 270, 45, 135, 315, 225):
            c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
            ha = "left" if c > 0.3 else "right" if c < -0.3 else "center"
            va = "bottom" if s > 0.3 else "top" if s < -0.3 else "center"
            out.append(((radius + gap) * c, (radius + gap) * s, ha, va))
    return out


def place_labels(ax: plt.Axes, anchors, texts, candidates, obstacles=(), radii=None, leader_gap: float = 5,
                 **text_kw) -> list:
    """Annotate each anchor (data x, y) with its text at the first candidate offset that stays inside the
    axes and overlaps no obstacle (display boxes) and no label placed before it; deterministic, no time limit.

    `candidates` is one list of `(dx, dy, ha, va)` offsets in points per anchor (or one list for all);
    labels are placed in the order given, so pass the most important first. When every candidate collides,
    the one with the least overlap wins. A label more than `leader_gap` points from the edge of its marker
    (`radii`, in points, one per anchor) gets a thin leader line. The axes limits must be final before this
    is called.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(xlim=(0, 10), ylim=(0, 10))
    >>> notes = place_labels(ax, [(5, 5), (5.1, 5)], ["Hanoi", "Ho Chi Minh City"], _candidates(4))
    >>> [n.get_text() for n in notes], notes[0].get_position() != notes[1].get_position()
    (['Hanoi', 'Ho Chi Minh City'], True)
    >>> plt.close(fig)
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken = list(obstacles)
    placed = []
    radii = list(radii) if radii is not None else [0.0] * len(texts)
    for k, ((x, y), text) in enumerate(zip(anchors, texts, strict=True)):
        options = candidates[k] if candidates and isinstance(candidates[0], list) else candidates
        note = ax.annotate(text, (x, y), xytext=options[0][:2], textcoords="offset points",
                           ha=options[0][2], va=options[0][3], **text_kw)
        best, best_cost = options[0], None
        for dx, dy, ha, va in options:
            note.xyann = (dx, dy)
            note.set_ha(ha)
            note.set_va(va)
            box = _text_box(note, renderer)
            outside = (max(frame.x0 - box.x0, 0) + max(box.x1 - frame.x1, 0) + max(frame.y0 - box.y0, 0)
                       + max(box.y1 - frame.y1, 0))
            cost = outside * 1e6 + sum(_overlap(box, other) for other in taken)
            if best_cost is None or cost < best_cost:
                best, best_cost = (dx, dy, ha, va), cost
            if cost == 0:
                break
        dx, dy, ha, va = best
        note.remove()
        leader = {"arrowstyle": "-", "color": "#555", "lw": 0.7, "shrinkA": 0, "shrinkB": radii[k]} \
            if (dx * dx + dy * dy) ** 0.5 > radii[k] + leader_gap else None
        note = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                           arrowprops=leader, **text_kw)
        box = _text_box(note, renderer)
        taken.append(box.expanded(1.0, 1.0).padded(1.5))
        placed.append(note)
    return placed


def dated_x(when: pd.Series, precision: pd.Series, year_end: pd.Series | None = None) -> pd.Series:
    """Where a date is drawn: a known day on the day, a month or year in the middle of its period.

    >>> import pandas as pd
    >>> dated_x(pd.Series(pd.to_datetime(["2021-11-22", "2022-05-01"])), pd.Series(["day", "month"])).tolist()
    [Timestamp('2021-11-22 00:00:00'), Timestamp('2022-05-16 00:00:00')]
    """
    ends = year_end if year_end is not None else pd.Series(pd.NA, index=when.index)
    xs = []
    for i in when.index:
        start, prec = when[i], precision[i]
        if pd.isna(start) or prec == "day":
            xs.append(start)
        else:
            end = period_end(start, prec, None if pd.isna(ends[i]) else int(ends[i]))
            xs.append(start + (end - start) / 2)
    return pd.Series(xs, index=when.index, dtype="datetime64[ns]")


def draw_dated_points(ax: plt.Axes, when: pd.Series, precision: pd.Series, y, color: str,
                      label: str | None = None, year_end: pd.Series | None = None, band: float = 6) -> None:
    """Draw day-precise dates as filled dots and month/year dates as hollow dots mid-period on a band
    spanning the whole period (`band` is its width in points); every chart draws dates this way.

    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> when = pd.Series(pd.to_datetime(["2021-11-22", "2022-05-01"]))
    >>> draw_dated_points(ax, when, pd.Series(["day", "month"]), 0, "k")
    >>> [line.get_markerfacecolor() for line in ax.lines if line.get_marker() == "o"]
    ['k', 'white']
    >>> plt.close(fig)
    """
    ys = pd.Series(y, index=when.index) if not isinstance(y, pd.Series) else y
    ends = year_end if year_end is not None else pd.Series(pd.NA, index=when.index)
    xs = dated_x(when, precision, year_end)
    labelled = False
    for i in when.index:
        start, prec = when[i], precision[i]
        if pd.isna(start):
            continue
        tag = None if labelled else label
        labelled = True
        if prec == "day":
            ax.plot(start, ys[i], "o", color=color, ms=7, label=tag, zorder=3)
        else:
            end = period_end(start, prec, None if pd.isna(ends[i]) else int(ends[i]))
            ax.plot([start, end], [ys[i], ys[i]], "-", color=color, lw=band, alpha=0.35, solid_capstyle="butt")
            ax.plot(xs[i], ys[i], "o", mfc="white", mec=color, mew=1.5, ms=7, label=tag, zorder=3)


def articles_over_time(ax: plt.Axes, articles: pd.DataFrame) -> None:
    """Each article on its outlet's lane: a filled dot for a known day, a hollow span for a year or month.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> articles_over_time(ax, t["articles"])
    >>> ax.get_title().split(" (N = ")[0]
    'Articles by publication date and outlet'
    >>> plt.close(fig)
    """
    dated = articles.dropna(subset=["published"]).sort_values("published")
    outlets = outlet_label(dated)
    lanes = {o: i for i, o in enumerate(sorted(outlets.unique()))}
    for k, (outlet, group) in enumerate(dated.groupby(outlets, sort=True)):
        draw_dated_points(ax, group["published"], group["published_precision"],
                          [lanes[outlet]] * len(group), PALETTE[k % len(PALETTE)], label=outlet)
        for _, row in group.iterrows():
            ax.annotate(f"{row['article_id'][:3]} ({row['published_precision']})", (row["published"], lanes[outlet]),
                        xytext=(0, 9), textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(list(lanes.values()), list(lanes.keys()))
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title(f"Articles by publication date and outlet (N = {len(dated)} dated of {len(articles)})")
    ax.text(0, -0.18, "Filled dot: day known. Hollow dot on a band: only the year (or month) is known.",
            transform=ax.transAxes, fontsize=8, color="#555")


def words_kept_removed(ax: plt.Axes, articles: pd.DataFrame) -> None:
    """Stacked bars per article: words kept as body against words removed as chrome, captions and bylines.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> words_kept_removed(ax, t["articles"])
    >>> ax.get_title().split(" (N = ")[0]
    'Words kept and removed per article'
    >>> plt.close(fig)
    """
    ids = articles["article_id"].str[:3]
    ax.barh(ids, articles["n_words"], color=PALETTE[0], label="kept (body)")
    ax.barh(ids, articles["n_words_removed"], left=articles["n_words"], color=PALETTE[5],
            label="removed (chrome, captions, byline)")
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the axes: it can never cover a bar
    ax.set_title(f"Words kept and removed per article (N = {len(articles)} articles, "
                 f"{int(articles['n_words'].sum()):,} words kept)")


# --- actors -----------------------------------------------------------------------------------------

def side_legend(ax: plt.Axes, sides) -> None:
    """A legend with one coloured patch per side present.

    >>> fig, ax = plt.subplots()
    >>> side_legend(ax, ["iom", "iom", "viet-nam-government"])
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['iom', 'viet-nam-government']
    >>> plt.close(fig)
    """
    from matplotlib.patches import Patch
    handles = [Patch(color=SIDE_COLORS[s], label=s) for s in sorted(set(sides))]
    ax.legend(handles=handles, loc="lower right")


def mentions_by_actor(ax: plt.Axes, mentions: pd.DataFrame, top: int = 25) -> None:
    """Horizontal bars of mention counts per actor, coloured by side, most mentioned on top.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> mentions_by_actor(ax, t["mentions"], top=10)
    >>> ax.get_title().split(" (N = ")[0]
    'Mentions per actor'
    >>> plt.close(fig)
    """
    counts = (mentions.groupby(["actor", "side"]).size().rename("n").reset_index()
              .sort_values(["n", "actor"], ascending=[False, True]).head(top))
    ax.barh(counts["actor"], counts["n"], color=counts["side"].map(SIDE_COLORS))
    ax.invert_yaxis()
    ax.set_xlabel("mentions in body text")
    side_legend(ax, counts["side"])
    ax.set_title(f"Mentions per actor (N = {len(mentions)} mentions of {mentions['actor'].nunique()} actors; "
                 f"top {len(counts)})")


def _marker_boxes(ax: plt.Axes, xy, radii_pt) -> list:
    """Display boxes of round markers centred on data points `xy` with radii in points."""
    from matplotlib.transforms import Bbox
    scale = ax.figure.dpi / 72
    boxes = []
    for (x, y), r in zip(xy, radii_pt, strict=True):
        cx, cy = ax.transData.transform((x, y))
        boxes.append(Bbox.from_extents(cx - r * scale, cy - r * scale, cx + r * scale, cy + r * scale))
    return boxes


def actor_network(ax: plt.Axes, graph, seed: int = 7) -> None:
    """Co-occurrence network: node size = mentions, colour = side, edge width = shared sentences.

    Labels are placed by `place_labels` (most-mentioned actors first), clear of every node, the other
    labels and the legend; the layout is seeded, so the chart is the same on every run.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> from vnmigration import actor_graph
    >>> actor_network(ax, actor_graph(t["actor_edges"], t["mentions"]))
    >>> ax.get_title().split(" (N = ")[0]
    'Actors named in the same sentence'
    >>> plt.close(fig)
    """
    import networkx as nx
    pos = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2)
    widths = [0.5 + 0.7 * d["weight"] for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, alpha=0.3, edge_color="#555")
    nodes = list(graph.nodes)
    sizes = [40 + 12 * graph.nodes[n]["mentions"] for n in nodes]
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes, node_size=sizes,
                           node_color=[SIDE_COLORS[graph.nodes[n]["side"]] for n in nodes], alpha=0.9)
    ax.set_axis_off()
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    dx, dy = max(xs) - min(xs) or 1, max(ys) - min(ys) or 1
    ax.set_xlim(min(xs) - 0.12 * dx, max(xs) + 0.12 * dx)
    ax.set_ylim(min(ys) - 0.06 * dy, max(ys) + 0.06 * dy)
    side_legend(ax, [graph.nodes[n]["side"] for n in nodes])
    ax.get_legend().set_loc("upper left")
    ax.get_legend().set_bbox_to_anchor((1.0, 1.0))  # beside the network, so it hides no node
    radii = [s ** 0.5 / 2 for s in sizes]  # node_size is an area in points²
    nodes_boxes = _marker_boxes(ax, [pos[n] for n in nodes], [r + 2 for r in radii])  # a label keeps clear
    order = sorted(range(len(nodes)), key=lambda i: (-graph.nodes[nodes[i]]["mentions"], nodes[i]))
    place_labels(ax, [pos[nodes[i]] for i in order], [nodes[i] for i in order],
                 [_candidates(radii[i]) for i in order], obstacles=nodes_boxes, radii=[radii[i] for i in order],
                 leader_gap=4, fontsize=7,
                 bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_title(f"Actors named in the same sentence (N = {graph.number_of_nodes()} actors, "
                 f"{graph.number_of_edges()} links)")


def presence_by_year(ax: plt.Axes, mentions: pd.DataFrame, articles: pd.DataFrame, min_articles: int = 1) -> None:
    """Actor-by-year grid: mentions per year of publication, actors ordered by first appearance.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> presence_by_year(ax, t["mentions"], t["articles"])
    >>> ax.get_title().split(" (N = ")[0]
    'Who appears when: mentions per year of publication'
    >>> plt.close(fig)
    """
    years = articles.set_index("article_id")["published"].dt.year
    data = mentions.assign(year=mentions["article_id"].map(years)).dropna(subset=["year"])
    if data.empty:
        ax.text(0.5, 0.5, "No dated article names an actor.", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("Who appears when (N = 0 dated mentions)")
        return
    grid = data.pivot_table(index="actor", columns="year", values="start", aggfunc="count", fill_value=0)
    keep = data.groupby("actor")["article_id"].nunique() >= min_articles
    grid = grid[keep.reindex(grid.index, fill_value=False)]
    first = grid.apply(lambda row: row[row > 0].index.min(), axis=1)
    grid = grid.loc[sorted(grid.index, key=lambda a: (first[a], -grid.loc[a].sum(), a))]
    span = range(int(grid.columns.min()), int(grid.columns.max()) + 1)
    empty = [y for y in span if y not in grid.columns]  # a year with no article is shown, not skipped
    grid = grid.reindex(columns=list(span), fill_value=0)
    ax.imshow(grid.to_numpy(), aspect="auto", cmap="Blues")
    for j, year in enumerate(grid.columns):
        if year in empty:
            ax.axvspan(j - 0.5, j + 0.5, color="#eee", zorder=2)
    for (i, j), v in pd.DataFrame(grid.to_numpy()).stack().items():
        if v:
            ax.text(j, i, int(v), ha="center", va="center", fontsize=7, color="white" if v > 8 else "black")
    ax.set_xticks(range(len(grid.columns)), [f"{c}\n(no article)" if c in empty else str(c) for c in grid.columns])
    ax.set_yticks(range(len(grid)), grid.index)
    ax.grid(False)
    ax.set_title(f"Who appears when: mentions per year of publication (N = {len(grid)} actors, "
                 f"{int(grid.to_numpy().sum())} mentions)")


ROLE_OFFSETS = [(4, 4, "left", "bottom"), (4, -4, "left", "top"), (-4, 4, "right", "bottom"),
                (-4, -4, "right", "top"), (0, 6, "center", "bottom"), (0, -6, "center", "top"),
                (4, 12, "left", "bottom"), (-4, 12, "right", "bottom"), (4, -12, "left", "top"),
                (-4, -12, "right", "top")]


def roles_over_time(ax: plt.Axes, roles: pd.DataFrame) -> None:
    """One lane per person; each article year marked with the roles the text gives them.

    One label per person and year (several roles joined by "; "); a role unchanged since the person's
    previous point reads "same role". Labels are placed by `place_labels`, inside the axes and clear of
    the markers, the lanes and each other.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> roles_over_time(ax, t["roles"])
    >>> ax.get_title().split(" (N = ")[0]
    'Roles over time'
    >>> plt.close(fig)
    """
    data = roles.dropna(subset=["published"]).assign(year=lambda d: d["published"].dt.year)
    data = data.drop_duplicates(["person", "year", "role_normalized"]).sort_values(["person", "year"])
    if data.empty:
        ax.text(0.5, 0.5, "No dated article gives a person a title.", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_title("Roles over time (N = 0 person-year-role rows)")
        return
    people = sorted(data["person"].unique(), key=lambda p: (data.loc[data["person"] == p, "year"].min(), p))
    lanes = {p: i for i, p in enumerate(people)}
    points, texts = [], []
    for k, (person, group) in enumerate(data.groupby("person", sort=True)):
        y = lanes[person]
        years = sorted(group["year"].unique())
        ax.plot(years, [y] * len(years), "-o", color=PALETTE[k % len(PALETTE)], ms=6, zorder=3)
        previous = None
        for year in years:
            said = "; ".join(sorted(r.role_normalized + (f" ({r.organization})" if isinstance(r.organization, str)
                                                         else "") for r in group[group["year"] == year].itertuples()))
            points.append((year, y))
            texts.append("same role" if said == previous else said)
            previous = said
    ax.set_yticks(range(len(people)), people)
    ax.set_ylim(-0.6, len(people) - 0.3)
    ax.set_xlim(data["year"].min() - 0.6, data["year"].max() + 0.6)
    ax.xaxis.set_major_locator(plt.MultipleLocator(1))
    from matplotlib.transforms import Bbox
    lane_boxes = []
    for person, y in lanes.items():
        years = data.loc[data["person"] == person, "year"]
        (x0, y0), (x1, _) = ax.transData.transform([(years.min(), y), (years.max(), y)])
        lane_boxes.append(Bbox.from_extents(x0, y0 - 1.5, x1, y0 + 1.5))
    order = sorted(range(len(points)), key=lambda i: (points[i][1], points[i][0]))
    place_labels(ax, [points[i] for i in order], [texts[i] for i in order], ROLE_OFFSETS,
                 obstacles=_marker_boxes(ax, points, [3.5] * len(points)) + lane_boxes, radii=[3] * len(points),
                 leader_gap=12, fontsize=7)
    ax.set_title(f"Roles over time (N = {len(data)} person-year-role rows, {len(people)} people)")


# --- timeline ---------------------------------------------------------------------------------------

MARKERS = "osDP^*hv<>pXd8H"  # one per event kind, in the order of data/event_rules.yaml


def event_kinds(timeline: pd.DataFrame) -> dict[str, str]:
    """The kinds present, in rule order, each with its marker: {"decision": "D", "meeting": "o", ...}.

    >>> import pandas as pd
    >>> event_kinds(pd.DataFrame({"kind": ["meeting", "decision", "rumour"]}))
    {'decision': '*', 'meeting': 'p', 'rumour': '.'}
    """
    from .event_kinds import load_event_rules

    order = list(dict.fromkeys(kind for kind, _ in load_event_rules()["kinds"]))
    present = set(timeline["kind"])
    kinds = [k for k in order if k in present] + sorted(present - set(order))
    return {k: MARKERS[order.index(k) % len(MARKERS)] if k in order else "." for k in kinds}


def cooperation_timeline(axes: tuple[plt.Axes, plt.Axes], timeline: pd.DataFrame, articles: pd.DataFrame,
                         split_year: int = 2010) -> None:
    """A broken-axis timeline: early milestones on the narrow left axis, the GCM era on the right.

    One lane per event kind plus a lane of publication dates; a day is a filled marker, a month or year
    a hollow marker on a band across the whole period, a planned event a dashed ring. Markers carry
    their event id; the key beside the chart gives each id's label, so no label overlaps another.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, axes = plt.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 5]})
    >>> cooperation_timeline(axes, t["timeline"], t["articles"])
    >>> axes[1].get_title().split(" (N = ")[0]
    'Viet Nam–IOM cooperation timeline'
    >>> plt.close(fig)
    """
    old, new = axes
    markers = event_kinds(timeline)
    kinds = list(markers)
    lanes = {k: i + 1 for i, k in enumerate(kinds)}
    _timeline_markers(axes, timeline, markers, lanes, split_year)
    pubs = articles.dropna(subset=["published"])
    draw_dated_points(new, pubs["published"], pubs["published_precision"], [0] * len(pubs), "#444")
    _broken_axes(axes, timeline, pubs, split_year, kinds)
    key = "\n".join(f"{r.event_id}  {date_at_precision(r.date, r.precision):<10} "
                    f"{'(planned) ' if r.status == 'planned' else ''}{_short(r.label)}" for r in timeline.itertuples())
    new.text(1.02, 1.0, key, transform=new.transAxes, va="top", fontsize=7, family="DejaVu Sans Mono")
    new.set_title(f"Viet Nam–IOM cooperation timeline (N = {len(timeline)} events from {len(articles)} articles)")
    new.text(0, -0.13, "Filled: known day. Hollow on a band: month or year only. Dashed ring: planned. "
             "Axis broken before the GCM era.", transform=new.transAxes, fontsize=7.5, color="#555")


def _timeline_markers(axes: tuple[plt.Axes, plt.Axes], timeline: pd.DataFrame, markers: dict[str, str],
                      lanes: dict[str, int], split_year: int) -> None:
    """Each event on its kind's lane, left of `split_year` on the narrow axis, with its id beside it."""
    old, new = axes
    kinds = list(markers)
    last_x: dict[tuple, pd.Timestamp] = {}
    for ax, part in ((old, timeline[timeline["date"].dt.year < split_year]),
                     (new, timeline[timeline["date"].dt.year >= split_year])):
        span_days = 3650 if ax is old else 180
        for r in part.sort_values("date").itertuples():
            y, color = lanes[r.kind], PALETTE[kinds.index(r.kind) % len(PALETTE)]
            if r.precision != "day":
                ax.plot([r.date, r.date_end], [y, y], "-", color=color, lw=6, alpha=0.3, solid_capstyle="butt")
            mid = r.date + (r.date_end - r.date) / 2
            filled = r.precision == "day" and r.status == "happened"
            ax.plot(mid, y, markers[r.kind], ms=9, mec=color, mfc=color if filled else "white", mew=1.6,
                    ls="none", zorder=3)
            if r.status == "planned":
                ax.scatter([mid], [y], s=330, facecolors="none", edgecolors=color, linestyles="--", lw=1)
            crowded = (ax, y) in last_x and (mid - last_x[(ax, y)]).days < span_days
            ax.annotate(r.event_id, (mid, y), xytext=(0, -16 if crowded else 9), textcoords="offset points",
                        ha="center", fontsize=7)
            last_x[(ax, y)] = mid


def _broken_axes(axes: tuple[plt.Axes, plt.Axes], timeline: pd.DataFrame, pubs: pd.DataFrame, split_year: int,
                 kinds: list[str]) -> None:
    """Limits, year ticks, lane names and break marks of the two axes of `cooperation_timeline`."""
    old, new = axes
    left_years = timeline.loc[timeline["date"].dt.year < split_year, "date"].dt.year
    if len(left_years):
        old.set_xlim(pd.Timestamp(left_years.min() - 4, 1, 1), pd.Timestamp(left_years.max() + 5, 1, 1))
    recent = timeline.loc[timeline["date"].dt.year >= split_year, "date"]
    starts = [d for d in (recent.min(), pubs["published"].min()) if pd.notna(d)]
    ends = [d for d in (recent.max(), pubs["published"].max()) if pd.notna(d)]
    if starts:  # an undated corpus with no recent event keeps the default axis
        new.set_xlim(pd.Timestamp(min(starts).year, 1, 1) - pd.Timedelta(days=60),
                     pd.Timestamp(max(ends).year + 1, 1, 1) + pd.Timedelta(days=60))
    for ax in axes:
        ax.xaxis.set_major_locator(mdates.YearLocator(base=1 if ax is new else 20))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    old.set_yticks(list(range(len(kinds) + 1)), ["published"] + kinds)
    old.set_ylim(-0.7, len(kinds) + 0.8)
    old.spines["right"].set_visible(False)
    new.spines["left"].set_visible(False)
    new.tick_params(axis="y", left=False)
    for ax, x in ((old, 1), (new, 0)):  # the break marks
        ax.plot([x, x], [-0.015, 0.015], transform=ax.transAxes, color="k", clip_on=False, lw=3)


# --- themes -----------------------------------------------------------------------------------------

def article_labels(articles: pd.DataFrame) -> pd.Series:
    """`"Vietnam Times · 2021-11-22"`, with the date only as precise as it is known, per article id.

    >>> import pandas as pd
    >>> article_labels(pd.DataFrame({"article_id": ["004_e1b3"], "outlet": ["Vietnam Times"],
    ...                             "published": [pd.Timestamp("2021-11-01")],
    ...                             "published_precision": ["month"]})).tolist()
    ['Vietnam Times · 2021-11 (004)']
    """
    from .dates import date_at_precision
    return pd.Series([f"{o} · {date_at_precision(d, p)} ({a[:3]})" for a, o, d, p in zip(
        articles["article_id"], outlet_label(articles), articles["published"], articles["published_precision"],
        strict=True)], index=articles["article_id"])


def theme_heatmap(ax: plt.Axes, profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> None:
    """Articles (rows, oldest first) by themes (columns): the share of each article's sentences that carry it.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> theme_heatmap(ax, t["theme_profile"], t["articles"], theme_labels(t["theme_profile"].columns))
    >>> ax.get_title().split(" (N = ")[0]
    "Share of each article's sentences per theme"
    >>> plt.close(fig)
    """
    labels = _recut(labels)
    order = articles.sort_values("published")["article_id"]
    data = profile.set_index("article_id").loc[order, list(labels)]
    ax.imshow(data.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=max(0.4, float(data.to_numpy().max())))
    for (i, j), v in pd.DataFrame(data.to_numpy()).stack().items():
        if v > 0:
            ax.text(j, i, f"{v:.2f}".lstrip("0"), ha="center", va="center", fontsize=6.5,
                    color="white" if v > 0.25 else "black")
    ax.set_xticks(range(len(labels)), list(labels.values()), rotation=60, ha="right")
    ax.set_yticks(range(len(order)), article_labels(articles).loc[order])
    ax.grid(False)
    ax.set_title(f"Share of each article's sentences per theme (N = {len(order)} articles, {len(labels)} themes)")


def themes_over_time(ax: plt.Axes, profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> None:
    """Each chosen theme's share per article, dated as `articles_over_time` dates them.

    A known day is a filled dot; a year- or month-only date a hollow dot in the middle of its period, on a
    band spanning it. Lines join articles only when no calendar year without an article lies between them.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> themes_over_time(ax, t["theme_profile"], t["articles"], theme_labels(["gcm-10", "covid-19"]))
    >>> ax.get_title().split(" (N = ")[0]
    'Themes per article over time'
    >>> plt.close(fig)
    """
    from matplotlib.lines import Line2D
    labels = _recut(labels)
    data = articles.dropna(subset=["published"]).merge(profile, on="article_id")
    data = data.assign(x=dated_x(data["published"], data["published_precision"]))
    data = data.sort_values(["x", "article_id"], ignore_index=True)
    years = data["published"].dt.year
    joined = [i for i in range(1, len(data)) if years[i] - years[i - 1] <= 1]
    handles = []
    for k, (theme, label) in enumerate(labels.items()):
        color = PALETTE[k % len(PALETTE)]
        for i in joined:
            ax.plot(data["x"][i - 1:i + 1], data[theme][i - 1:i + 1], "-", color=color, alpha=0.6, lw=1.5)
        draw_dated_points(ax, data["published"], data["published_precision"], data[theme], color, band=3)
        handles.append(Line2D([], [], color=color, marker="o", lw=1.5, label=label))
    grey = "#666"
    handles += [
        Line2D([], [], ls="none", marker="o", color=grey, label="day known"),
        Line2D([], [], color=grey, lw=3, alpha=0.5, marker="o", mfc="white", mec=grey, mew=1.5,
               label="year (or month) only: hollow dot\nmid-period, band = the period"),
        Line2D([], [], color=grey, lw=1.5,
               label="line: articles in consecutive years;\nnone across a year with no article"),
    ]
    ax.set_ylabel("share of the article's sentences")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    counts = data["published_precision"].value_counts()
    dated = ", ".join(f"{counts[p]} to the {p}" for p in ("day", "month", "year") if p in counts)
    ax.set_title(f"Themes per article over time (N = {len(data)} articles, dated {dated})")


def objective_coverage(ax: plt.Axes, coverage: pd.DataFrame) -> None:
    """All 23 GCM objectives: sentences touching each; objectives never mentioned are marked.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> from vnmigration.taxonomy import gcm_coverage
    >>> objective_coverage(ax, gcm_coverage(t["themes"]))
    >>> ax.get_title().split(" (N = ")[0]
    'GCM objectives in the coverage'
    >>> plt.close(fig)
    """
    y = [_short(f"{r.objective:>2}. {r.title}", 64) for r in coverage.itertuples()]
    ax.barh(y, coverage["n_sentences"], color=[PALETTE[0] if n else "#ddd" for n in coverage["n_sentences"]])
    notes = [ax.annotate(f"{r.n_sentences} sent., {r.n_articles} art." if r.n_sentences else "never mentioned",
                         (max(r.n_sentences, 0), i), xytext=(4, 0), textcoords="offset points", va="center",
                         fontsize=7, color="#333" if r.n_sentences else "#999")
             for i, r in enumerate(coverage.itertuples())]
    ax.invert_yaxis()
    _widen_to_fit(ax, notes)
    ax.set_xlabel("sentences")
    touched = int((coverage["n_sentences"] > 0).sum())
    ax.set_title(f"GCM objectives in the coverage (N = {len(coverage)} objectives, {touched} touched)")


def period_shift(ax: plt.Axes, periods: pd.DataFrame, articles: pd.DataFrame | None,
                 labels: dict[str, str]) -> None:
    """Dumbbells: each theme's mean share before and after the split year, biggest changes at the ends.

    With `articles`, the title says how many articles each mean is over (counted, as `compare_periods`
    splits them, by year of publication).

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> from vnmigration.taxonomy import compare_periods
    >>> periods = compare_periods(t["theme_profile"], t["articles"], 2023)
    >>> period_shift(ax, periods, t["articles"], theme_labels())
    >>> ax.get_title().split(" (")[0]
    'Agenda shift by theme'
    >>> plt.close(fig)
    """
    labels = _recut(labels)
    data = periods[periods["theme"].isin(labels)].iloc[::-1]
    before, after = data.columns[1], data.columns[2]
    y = range(len(data))
    ax.hlines(y, data[before], data[after], color="#bbb", lw=2)
    ax.plot(data[before], y, "o", color=PALETTE[1], label=before.replace("_", " "))
    ax.plot(data[after], y, "o", color=PALETTE[0], label=after.replace("_", " "))
    ax.set_yticks(list(y), [labels[t] for t in data["theme"]])
    ax.set_xlabel("mean share of an article's sentences")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the axes: it can never hide a point
    title = f"Agenda shift by theme (N = {len(data)} themes"
    split = before.rsplit("_", 1)[-1]
    if articles is not None and split.isdigit():
        published = articles["published"].dropna().dt.year
        n_before, n_after = int((published < int(split)).sum()), int((published >= int(split)).sum())
        title += f"; means over {n_before} articles {before.replace('_', ' ')} vs {n_after} {after.replace('_', ' ')}"
    ax.set_title(title + ")")


def scores_by_field(ax: plt.Axes, f1: pd.DataFrame, n_articles: pd.Series) -> None:
    """Horizontal bars of F1 per field (rows) and split (columns), titled with the articles per split.

    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> f1 = pd.DataFrame({"dev": [1.0, 0.8], "heldback": [0.9, 0.7]}, index=["outlet", "title"])
    >>> scores_by_field(ax, f1, pd.Series({"dev": 8, "heldback": 8}))
    >>> ax.get_title()
    'How well the package reads unseen-style articles (N = 16)'
    >>> plt.close(fig)
    """
    table = f1.drop(index="false dates", errors="ignore").fillna(0.0)
    fields = list(table.index)[::-1]
    height = 0.8 / max(len(table.columns), 1)
    for k, split in enumerate(table.columns):
        y = [i + (k - (len(table.columns) - 1) / 2) * height for i in range(len(fields))]
        ax.barh(y, table.loc[fields, split], height=height, label=f"{split} (N = {int(n_articles.get(split, 0))})")
    ax.set_yticks(range(len(fields)), fields)
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1 (0 where nothing was found)")
    ax.set_title(f"How well the package reads unseen-style articles (N = {int(n_articles.sum())})")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def kind_confusion_matrix(ax: plt.Axes, matrix: pd.DataFrame) -> None:
    """Events by gold kind (rows) and predicted kind (columns), each row shaded by its share, counts printed:
    which kinds a researcher can trust (`evaluate.kind_confusion`).

    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> matrix = pd.DataFrame([[3, 1], [0, 0]], index=["meeting", "none"], columns=["meeting", "none"])
    >>> kind_confusion_matrix(ax, matrix)
    >>> ax.get_title()
    'Event kinds: gold (rows) against the package (columns) (N = 4 events)'
    >>> plt.close(fig)
    """
    shares = matrix.div(matrix.sum(axis=1).where(lambda n: n > 0), axis=0).fillna(0.0)
    ax.imshow(shares.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    for (i, j), n in pd.DataFrame(matrix.to_numpy()).stack().items():
        if n:
            ax.text(j, i, str(int(n)), ha="center", va="center", fontsize=7,
                    color="white" if shares.iat[i, j] > 0.5 else "black")
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=60, ha="right")
    ax.set_yticks(range(len(matrix.index)), list(matrix.index))
    ax.set_xlabel("predicted kind (none: no event on that date)")
    ax.set_ylabel("gold kind (none: no gold event on that date)")
    ax.grid(False)
    ax.set_title(f"Event kinds: gold (rows) against the package (columns) (N = {int(matrix.to_numpy().sum())} events)")
