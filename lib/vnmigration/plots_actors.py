"""Charts of actors: mentions, the co-occurrence network, presence by year and titles over time. Each takes an
`ax`; the style is set once in `plots.use_style`."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .plots import PALETTE, SIDE_COLORS, label_candidates, make_room, no_data, place_labels

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


MAX_NAMED = 30  # the most-mentioned actors the network names; the rest are unnamed nodes (the note says so)
ALWAYS_NAMED = 5  # of those, the ones named even where no free spot is left; the others only where one is


def actor_network(ax: plt.Axes, graph, seed: int = 7) -> None:
    """Co-occurrence network: node size = mentions, colour = side, edge width = shared sentences.

    Places are left out (they are where things happen, not who acts; the note under the chart counts them), and
    the note gives the mentions behind the smallest and largest node and the sentences behind the thinnest and
    widest link. Labels are placed by `place_labels` (most-mentioned actors first), clear of every node, the
    other labels and the legend; the layout is seeded, so the chart is the same on every run.

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
    places = [n for n in graph if graph.nodes[n].get("side") == "place"]
    graph = graph.subgraph([n for n in graph if n not in set(places)])
    if graph.number_of_nodes() == 0:
        no_data(ax, "No actor is named in a sentence with another.")
        return
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
    order = sorted(range(len(nodes)), key=lambda i: (-graph.nodes[nodes[i]]["mentions"], nodes[i]))[:MAX_NAMED]
    place_labels(ax, [pos[nodes[i]] for i in order], [nodes[i] for i in order],
                 [label_candidates(radii[i]) for i in order], obstacles=nodes_boxes, radii=[radii[i] for i in order],
                 leader_gap=4, fontsize=7, optional_after=ALWAYS_NAMED,
                 bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_title(f"Actors named in the same sentence (N = {graph.number_of_nodes()} actors, "
                 f"{graph.number_of_edges()} links)")
    ax.text(0, -0.04, network_note(graph, len(places)), transform=ax.transAxes, va="top", fontsize=7.5, color="#555")


def network_note(graph, n_places: int) -> str:
    """What node size and edge width mean in `actor_network`, in this graph's own numbers.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("IOM", mentions=9); g.add_node("MOFA", mentions=2); g.add_edge("IOM", "MOFA", weight=3)
    >>> network_note(g, 1)
    'Node size: mentions (2 to 9). Link width: sentences naming both (3 to 3). 1 place left out.'
    """
    mentions = [graph.nodes[n]["mentions"] for n in graph]
    weights = [d["weight"] for *_, d in graph.edges(data=True)] or [0]
    places = f" {n_places} place{'s' if n_places != 1 else ''} left out." if n_places else ""
    named = f" Named: of the {MAX_NAMED} most-mentioned, those with room." if len(mentions) > MAX_NAMED else ""
    return (f"Node size: mentions ({min(mentions)} to {max(mentions)}). Link width: sentences naming both "
            f"({min(weights)} to {max(weights)}).{places}{named}")


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
    ax.set_xticks(range(len(grid.columns)), [f"{c}\n(no article)" if c in empty else str(c) for c in grid.columns],
                  rotation=90 if len(grid.columns) > 8 else 0)  # many years: upright labels never touch
    ax.set_yticks(range(len(grid)), grid.index)
    make_room(ax, list(grid.index), fontsize=8)
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
    the markers, the lanes and each other; on a crowded chart a label with no free place is left out.

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
    make_room(ax, ["role above\nlane\nrole below"] * len(people), fontsize=7)  # a lane and its labels either side
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
                 leader_gap=12, optional_after=0, fontsize=7)  # a crowded chart names fewer, never overlapping
    ax.set_title(f"Roles over time (N = {len(data)} person-year-role rows, {len(people)} people)")
