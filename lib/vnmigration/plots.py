"""Chart style, set once, and chart helpers that draw on a given `ax` and put N in the title."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision, period_end
from .paths import FIGURES

SIDE_COLORS = {
    "viet-nam-government": "#c0392b", "iom": "#1f5fa8", "un-system": "#5dade2",
    "other-government": "#8e44ad", "regional-forum": "#16a085", "place": "#7f8c8d", "other": "#b7950b",
}
PALETTE = ["#1f5fa8", "#c0392b", "#16a085", "#8e44ad", "#b7950b", "#7f8c8d", "#e67e22", "#2c3e50"]


def use_style() -> None:
    """Set the package's chart style for every later figure (call once, at the top of a notebook)."""
    plt.rcParams.update({
        "figure.figsize": (9, 4), "figure.dpi": 100, "savefig.dpi": 120, "savefig.bbox": "tight",
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
        "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9, "xtick.labelsize": 8,
        "ytick.labelsize": 8, "legend.fontsize": 8, "legend.frameon": False, "font.family": "DejaVu Sans",
        "svg.hashsalt": "vnmigration",
    })


def save(fig: plt.Figure, name: str) -> str:
    """Write `fig` to reports/figures/<name>.png and return the file name: `"articles-over-time"`."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    fig.savefig(FIGURES / f"{name}.png", metadata={"Software": None})
    return f"{name}.png"


def draw_dated_points(ax: plt.Axes, when: pd.Series, precision: pd.Series, y, color: str,
                      label: str | None = None, year_end: pd.Series | None = None) -> None:
    """Draw day-precise dates as filled dots and month/year dates as hollow spans over the whole period."""
    ys = pd.Series(y, index=when.index) if not isinstance(y, pd.Series) else y
    ends = year_end if year_end is not None else pd.Series(pd.NA, index=when.index)
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
            ax.plot([start, end], [ys[i], ys[i]], "-", color=color, lw=6, alpha=0.35, solid_capstyle="butt")
            ax.plot(start + (end - start) / 2, ys[i], "o", mfc="white", mec=color, mew=1.5, ms=7, label=tag,
                    zorder=3)


def articles_over_time(ax: plt.Axes, articles: pd.DataFrame) -> None:
    """Each article on its outlet's lane: a filled dot for a known day, a hollow span for a year or month."""
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
    """Stacked bars per article: words kept as body against words removed as chrome, captions and bylines."""
    ids = articles["article_id"].str[:3]
    ax.barh(ids, articles["n_words"], color=PALETTE[0], label="kept (body)")
    ax.barh(ids, articles["n_words_removed"], left=articles["n_words"], color=PALETTE[5],
            label="removed (chrome, captions, byline)")
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.legend(loc="lower right")
    ax.set_title(f"Words kept and removed per article (N = {len(articles)})")


# --- actors -----------------------------------------------------------------------------------------

def side_legend(ax: plt.Axes, sides) -> None:
    """A legend with one coloured patch per side present."""
    from matplotlib.patches import Patch
    handles = [Patch(color=SIDE_COLORS[s], label=s) for s in sorted(set(sides))]
    ax.legend(handles=handles, loc="lower right")


def mentions_by_actor(ax: plt.Axes, mentions: pd.DataFrame, top: int = 25) -> None:
    """Horizontal bars of mention counts per actor, coloured by side, most mentioned on top."""
    counts = (mentions.groupby(["actor", "side"]).size().rename("n").reset_index()
              .sort_values(["n", "actor"], ascending=[False, True]).head(top))
    ax.barh(counts["actor"], counts["n"], color=counts["side"].map(SIDE_COLORS))
    ax.invert_yaxis()
    ax.set_xlabel("mentions in body text")
    side_legend(ax, counts["side"])
    ax.set_title(f"Mentions per actor (N = {len(mentions)} mentions of {mentions['actor'].nunique()} actors; "
                 f"top {len(counts)})")


def actor_network(ax: plt.Axes, graph, seed: int = 7) -> None:
    """Co-occurrence network: node size = mentions, colour = side, edge width = shared sentences."""
    import networkx as nx
    from adjustText import adjust_text
    pos = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2)
    widths = [0.5 + 0.7 * d["weight"] for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, alpha=0.3, edge_color="#555")
    nodes = list(graph.nodes)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes,
                           node_size=[40 + 12 * graph.nodes[n]["mentions"] for n in nodes],
                           node_color=[SIDE_COLORS[graph.nodes[n]["side"]] for n in nodes], alpha=0.9)
    texts = [ax.text(*pos[n], n, fontsize=7) for n in nodes]
    # An iteration limit, not adjustText's default one-second time limit, so the layout is the same every run.
    adjust_text(texts, ax=ax, iter_lim=200, arrowprops={"arrowstyle": "-", "color": "#999", "lw": 0.5})
    ax.set_axis_off()
    side_legend(ax, [graph.nodes[n]["side"] for n in nodes])
    ax.get_legend().set_loc("upper left")
    ax.set_title(f"Actors named in the same sentence (N = {graph.number_of_nodes()} actors, "
                 f"{graph.number_of_edges()} links)")


def presence_by_year(ax: plt.Axes, mentions: pd.DataFrame, articles: pd.DataFrame, min_articles: int = 1) -> None:
    """Actor-by-year grid: mentions per year of publication, actors ordered by first appearance."""
    years = articles.set_index("article_id")["published"].dt.year
    data = mentions.assign(year=mentions["article_id"].map(years)).dropna(subset=["year"])
    grid = data.pivot_table(index="actor", columns="year", values="start", aggfunc="count", fill_value=0)
    keep = data.groupby("actor")["article_id"].nunique() >= min_articles
    grid = grid[keep.reindex(grid.index, fill_value=False)]
    first = grid.apply(lambda row: row[row > 0].index.min(), axis=1)
    grid = grid.loc[sorted(grid.index, key=lambda a: (first[a], -grid.loc[a].sum(), a))]
    ax.imshow(grid.to_numpy(), aspect="auto", cmap="Blues")
    for (i, j), v in pd.DataFrame(grid.to_numpy()).stack().items():
        if v:
            ax.text(j, i, int(v), ha="center", va="center", fontsize=7, color="white" if v > 8 else "black")
    ax.set_xticks(range(len(grid.columns)), [str(int(c)) for c in grid.columns])
    ax.set_yticks(range(len(grid)), grid.index)
    ax.grid(False)
    ax.set_title(f"Who appears when: mentions per year of publication (N = {len(grid)} actors)")


def roles_over_time(ax: plt.Axes, roles: pd.DataFrame) -> None:
    """One lane per person; each article year marked with the role the text gives them."""
    data = roles.dropna(subset=["published"]).assign(year=lambda d: d["published"].dt.year)
    data = data.drop_duplicates(["person", "year", "role_normalized"]).sort_values(["person", "year"])
    people = sorted(data["person"].unique(), key=lambda p: (data.loc[data["person"] == p, "year"].min(), p))
    lanes = {p: i for i, p in enumerate(people)}
    for k, (person, group) in enumerate(data.groupby("person", sort=True)):
        y = lanes[person]
        ax.plot(group["year"], [y] * len(group), "-o", color=PALETTE[k % len(PALETTE)], ms=6)
        for j, r in enumerate(group.itertuples()):
            org = f" ({r.organization})" if isinstance(r.organization, str) else ""
            ax.annotate(r.role_normalized + org, (r.year, y), xytext=(4, 5 + 8 * (j % 2)),
                        textcoords="offset points", fontsize=7)
    ax.set_yticks(range(len(people)), people)
    ax.set_ylim(-0.6, len(people) - 0.2)
    ax.set_xlim(data["year"].min() - 0.5, data["year"].max() + 1.5)
    ax.xaxis.set_major_locator(plt.MultipleLocator(1))
    ax.set_title(f"Roles over time (N = {len(data)} person-year-role rows, {len(people)} people)")


# --- timeline ---------------------------------------------------------------------------------------

KIND_MARKERS = {"meeting": "o", "conference": "s", "decision": "D", "law": "P", "review": "^",
                "appointment": "*", "founding": "h", "milestone": "v", "other": "."}


def _short(text: str, width: int = 48) -> str:
    """`text` cut at a word boundary to `width` characters, with an ellipsis when cut."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + "…"


def cooperation_timeline(axes: tuple[plt.Axes, plt.Axes], timeline: pd.DataFrame, articles: pd.DataFrame,
                         split_year: int = 2010) -> None:
    """A broken-axis timeline: early milestones on the narrow left axis, the GCM era on the right.

    One lane per event kind plus a lane of publication dates; a day is a filled marker, a month or year
    a hollow marker on a band across the whole period, a planned event a dashed ring. Markers carry
    their event id; the key beside the chart gives each id's label, so no label overlaps another.
    """
    old, new = axes
    kinds = [k for k in KIND_MARKERS if k in set(timeline["kind"])]
    lanes = {k: i + 1 for i, k in enumerate(kinds)}
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
            ax.plot(mid, y, KIND_MARKERS[r.kind], ms=9, mec=color, mfc=color if filled else "white", mew=1.6,
                    ls="none", zorder=3)
            if r.status == "planned":
                ax.scatter([mid], [y], s=330, facecolors="none", edgecolors=color, linestyles="--", lw=1)
            crowded = (ax, y) in last_x and (mid - last_x[(ax, y)]).days < span_days
            ax.annotate(r.event_id, (mid, y), xytext=(0, -16 if crowded else 9), textcoords="offset points",
                        ha="center", fontsize=7)
            last_x[(ax, y)] = mid
    pubs = articles.dropna(subset=["published"])
    draw_dated_points(new, pubs["published"], pubs["published_precision"], [0] * len(pubs), "#444")
    left_years = timeline.loc[timeline["date"].dt.year < split_year, "date"].dt.year
    if len(left_years):
        old.set_xlim(pd.Timestamp(left_years.min() - 4, 1, 1), pd.Timestamp(left_years.max() + 5, 1, 1))
    new_start = min(timeline.loc[timeline["date"].dt.year >= split_year, "date"].min(), pubs["published"].min())
    new.set_xlim(pd.Timestamp(new_start.year, 1, 1) - pd.Timedelta(days=60),
                 pd.Timestamp(pubs["published"].max().year + 1, 1, 1) + pd.Timedelta(days=60))
    for ax in axes:
        ax.xaxis.set_major_locator(mdates.YearLocator(base=1 if ax is new else 20))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    old.set_yticks([0] + list(lanes.values()), ["published"] + kinds)
    old.set_ylim(-0.7, len(kinds) + 0.8)
    old.spines["right"].set_visible(False)
    new.spines["left"].set_visible(False)
    new.tick_params(axis="y", left=False)
    for ax, x in ((old, 1), (new, 0)):  # the break marks
        ax.plot([x, x], [-0.015, 0.015], transform=ax.transAxes, color="k", clip_on=False, lw=3)
    key = "\n".join(f"{r.event_id}  {date_at_precision(r.date, r.precision):<10} "
                    f"{'(planned) ' if r.status == 'planned' else ''}{_short(r.label)}" for r in timeline.itertuples())
    new.text(1.02, 1.0, key, transform=new.transAxes, va="top", fontsize=7, family="DejaVu Sans Mono")
    new.set_title(f"Viet Nam–IOM cooperation timeline (N = {len(timeline)} events from {len(articles)} articles)")
    new.text(0, -0.13, "Filled: known day. Hollow on a band: month or year only. Dashed ring: planned. "
             "Axis broken before the GCM era.", transform=new.transAxes, fontsize=7.5, color="#555")


# --- themes -----------------------------------------------------------------------------------------

def article_labels(articles: pd.DataFrame) -> pd.Series:
    """`"Vietnam Times · 2021-11-22"`, with the date only as precise as it is known, per article id."""
    from .dates import date_at_precision
    return pd.Series([f"{o} · {date_at_precision(d, p)} ({a[:3]})" for a, o, d, p in zip(
        articles["article_id"], outlet_label(articles), articles["published"], articles["published_precision"],
        strict=True)], index=articles["article_id"])


def theme_heatmap(ax: plt.Axes, profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> None:
    """Articles (rows, oldest first) by themes (columns): the share of each article's sentences that carry it."""
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
    """One line per chosen theme across articles in publication order; year-only dates drawn hollow."""
    data = articles.sort_values("published").merge(profile, on="article_id")
    for k, (theme, label) in enumerate(labels.items()):
        color = PALETTE[k % len(PALETTE)]
        ax.plot(data["published"], data[theme], "-", color=color, alpha=0.6, label=label)
        day = data["published_precision"] == "day"
        ax.plot(data.loc[day, "published"], data.loc[day, theme], "o", color=color)
        ax.plot(data.loc[~day, "published"], data.loc[~day, theme], "o", mfc="white", mec=color)
    ax.set_ylabel("share of the article's sentences")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(loc="upper left", ncols=2)
    ax.set_title(f"Themes across articles in publication order (N = {len(data)} articles)")


def objective_coverage(ax: plt.Axes, coverage: pd.DataFrame) -> None:
    """All 23 GCM objectives: sentences touching each; objectives never mentioned are marked."""
    y = [f"{r.objective:>2}. {_short(r.title, 60)}" for r in coverage.itertuples()]
    ax.barh(y, coverage["n_sentences"], color=[PALETTE[0] if n else "#ddd" for n in coverage["n_sentences"]])
    for i, r in enumerate(coverage.itertuples()):
        ax.text(max(r.n_sentences, 0) + 0.2, i, f"{r.n_sentences} sent., {r.n_articles} art." if r.n_sentences
                else "never mentioned", va="center", fontsize=7, color="#333" if r.n_sentences else "#999")
    ax.invert_yaxis()
    ax.set_xlabel("sentences")
    touched = int((coverage["n_sentences"] > 0).sum())
    ax.set_title(f"GCM objectives in the coverage (N = {len(coverage)} objectives, {touched} touched)")


def period_shift(ax: plt.Axes, periods: pd.DataFrame, labels: dict[str, str]) -> None:
    """Dumbbells: each theme's mean share before and after the split year, biggest changes at the ends."""
    data = periods[periods["theme"].isin(labels)].iloc[::-1]
    before, after = data.columns[1], data.columns[2]
    y = range(len(data))
    ax.hlines(y, data[before], data[after], color="#bbb", lw=2)
    ax.plot(data[before], y, "o", color=PALETTE[1], label=before.replace("_", " "))
    ax.plot(data[after], y, "o", color=PALETTE[0], label=after.replace("_", " "))
    ax.set_yticks(list(y), [labels[t] for t in data["theme"]])
    ax.set_xlabel("mean share of an article's sentences")
    ax.legend(loc="lower right")
    ax.set_title(f"Agenda shift by theme (N = {len(data)} themes)")
