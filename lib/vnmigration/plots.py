"""Chart style, set once, and chart helpers that draw on a given `ax` and put N in the title."""

from __future__ import annotations

import math
import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision, period_end
from .language import READ_LANGUAGES
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

def short_label(text: str, width: int = 48) -> str:
    """`text` cut at a word boundary to at most `width` characters, ellipsis included: every cut goes through here.

    `short_label("Prevent, combat and eradicate trafficking", 24)` -> `"Prevent, combat and…"`; a single word
    longer than `width` is the only thing cut inside a word.
    """
    if len(text) <= width:
        return text
    head = text[:width]  # one character more than is kept, to see whether the cut falls on a space
    kept = head[:-1] if head[-1] == " " else (head.rsplit(" ", 1)[0] if " " in head else head[:-1])
    return kept.rstrip(" ,;:·–-") + "…"


def wrap_label(text: str, width: int = 40) -> str:
    """`text` wrapped at word boundaries into lines of at most `width` characters, never cut:
    "10. Prevent, combat and eradicate trafficking in persons" -> two lines.

    >>> wrap_label("10. Prevent, combat and eradicate trafficking in persons", 32)
    '10. Prevent, combat and\\neradicate trafficking in persons'
    """
    import textwrap
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def make_room(ax: plt.Axes, labels: list[str], fontsize: float = 7.5) -> None:
    """Grow the figure's height until every row of wrapped tick labels fits its slot, so that no two touch:
    23 rows of up to 3 lines at 7.5 pt need about 8 in of axes.

    >>> fig, ax = plt.subplots(figsize=(6, 2))
    >>> make_room(ax, ["a\\nb\\nc"] * 23)
    >>> bool(fig.get_figheight() > 2)
    True
    >>> plt.close(fig)
    """
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    need = len(labels) * (lines * 1.2 + 0.5) * fontsize / 72  # inches of axes: each row its lines and a gap
    height = ax.get_position().height
    if need > height * ax.figure.get_figheight():
        ax.figure.set_figheight(float(need / height))


def no_data(ax: plt.Axes, message: str) -> None:
    """An axis that says, in its middle, why it has nothing to draw (no empty axis with a 1970 tick).

    >>> fig, ax = plt.subplots()
    >>> no_data(ax, "No dated articles")
    >>> ax.texts[0].get_text(), ax.axison
    ('No dated articles', False)
    >>> plt.close(fig)
    """
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=10, color="#555", wrap=True)
    ax.set_axis_off()


def event_caption(kind: str, participants, label: str, width: int = 48) -> str:
    """A timeline event named by its kind and who took part, not by a sentence fragment; the label only when
    no participant is known: ("meeting", ["IOM", "MOFA", "ILO", "UNDP"]) -> "meeting: IOM, MOFA, ILO +1".

    >>> event_caption("meeting", ["IOM", "MOFA", "ILO", "UNDP"], "According to the report")
    'meeting: IOM, MOFA, ILO +1'
    >>> event_caption("conference", [], "the Regional Review Forum")
    'conference: the Regional Review Forum'
    """
    names = [str(p) for p in (participants if isinstance(participants, list | tuple) else [])]
    who = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "") if names else label
    return short_label(f"{kind}: {who}", width)


def theme_labels(ids=None, width: int = 34) -> dict[str, str]:
    """Chart labels per theme id, `"10. Prevent, combat and…"` for a GCM objective, cut by `short_label`.

    >>> theme_labels(["gcm-10"])
    {'gcm-10': '10. Prevent, combat and eradicate…'}
    >>> theme_labels(["gcm-10"], width=24)
    {'gcm-10': '10. Prevent, combat and…'}
    """
    from .taxonomy import load_taxonomy
    return {t.id: short_label(f"{t.gcm_objective}. {t.label}" if t.gcm_objective else t.label, width)
            for t in load_taxonomy() if ids is None or t.id in set(ids)}


def recut(labels: dict[str, str]) -> dict[str, str]:
    """Theme labels as given, except that one already cut elsewhere (ending in "…") is cut again from the
    full taxonomy label at a word boundary, to the same length: "7. Address and reduce vulnerabi…" ->
    "7. Address and reduce…"."""
    cut = [k for k, v in labels.items() if v.endswith("…")]
    full = theme_labels(cut, width=10_000) if cut else {}
    return {k: short_label(full[k], len(v)) if k in full and full[k].startswith(v[:-1]) else v
            for k, v in labels.items()}


def _text_box(text, renderer):
    """The window extent of a text artist's glyphs only (an annotation's arrow left out)."""
    from matplotlib.text import Annotation, Text
    if isinstance(text, Annotation):
        text.update_positions(renderer)  # an annotation's text position follows its offset only once updated
    return Text.get_window_extent(text, renderer)


def widen_to_fit(ax: plt.Axes, notes) -> None:
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


def label_candidates(radius: float, gaps=(2, 7, 14, 24, 36, 50)):
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
                 optional_after: int | None = None, **text_kw) -> list:
    """Annotate each anchor (data x, y) with its text at the first candidate offset that stays inside the
    axes and overlaps no obstacle (display boxes) and no label placed before it; deterministic, no time limit.

    `candidates` is one list of `(dx, dy, ha, va)` offsets in points per anchor (or one list for all);
    labels are placed in the order given, so pass the most important first. When every candidate collides,
    the one with the least overlap wins, unless the label comes at or after `optional_after`: then it is left
    out (a crowded chart names fewer, never overlapping). A label more than `leader_gap` points from the edge of
    its marker (`radii`, in points, one per anchor) gets a thin leader line. The axes limits must be final before
    this is called.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(xlim=(0, 10), ylim=(0, 10))
    >>> notes = place_labels(ax, [(5, 5), (5.1, 5)], ["Hanoi", "Ho Chi Minh City"], label_candidates(4))
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
        if best_cost and optional_after is not None and k >= optional_after:
            continue
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


def short_id(article_id: str, width: int = 20) -> str:
    """An article id short enough for a chart label: a numbered file's number, else the id cut to `width`:
    `"004_e1b3"` -> `"004"`, `"baoquocte-iom-pope-visit-2024-03-14"` -> `"baoquocte-iom-pope-…"`.

    >>> short_id("004_e1b3"), short_id("baoquocte-iom-pope-visit-2024-03-14"), short_id("cp1")
    ('004', 'baoquocte-iom-pope-…', 'cp1')
    """
    numbered = re.match(r"\d+(?=_)", article_id)
    if numbered:
        return numbered.group()
    return article_id if len(article_id) <= width else article_id[:width - 1] + "…"


def article_tags(articles: pd.DataFrame) -> pd.Series:
    """Each article's chart tag (`short_id`), marked `not read` for a page in a language the package does not read:
    it is in the corpus, with no sentences, not an article about nothing.

    >>> article_tags(pd.DataFrame({"article_id": ["004_e1", "de-page"], "language": ["en", "de"]})).tolist()
    ['004', 'de-page · not read']
    """
    tags = articles["article_id"].map(short_id)
    if "language" not in articles:
        return tags
    return tags.where(articles["language"].isin(READ_LANGUAGES), tags + " · not read")


MAX_TAGGED = 20  # dated articles up to which `articles_over_time` writes each one's id beside its dot


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
    make_room(ax, ["id\nlane"] * len(lanes), fontsize=8)  # each lane with its dots' ids above
    for k, (outlet, group) in enumerate(dated.groupby(outlets, sort=True)):
        draw_dated_points(ax, group["published"], group["published_precision"],
                          [lanes[outlet]] * len(group), PALETTE[k % len(PALETTE)], label=outlet)
        for tag, (_, row) in zip(article_tags(group), group.iterrows(), strict=True):
            if len(dated) > MAX_TAGGED:
                break
            ax.annotate(f"{tag} ({row['published_precision']})", (row["published"], lanes[outlet]),
                        xytext=(0, 9), textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(list(lanes.values()), list(lanes.keys()))
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title(f"Articles by publication date and outlet (N = {len(dated)} dated of {len(articles)})")
    tagged = "" if len(dated) <= MAX_TAGGED else f" Article ids left out above {MAX_TAGGED} articles: see the table."
    ax.text(0, -0.18, "Filled dot: day known. Hollow dot on a band: only the year (or month) is known." + tagged,
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
    ids = article_tags(articles)
    make_room(ax, list(ids))
    ax.barh(ids, articles["n_words"], color=PALETTE[0], label="kept (body)")
    ax.barh(ids, articles["n_words_removed"], left=articles["n_words"], color=PALETTE[5],
            label="removed (chrome, captions, byline)")
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the axes: it can never cover a bar
    ax.set_title(f"Words kept and removed per article (N = {len(articles)} articles, "
                 f"{int(articles['n_words'].sum()):,} words kept)")


# --- timeline ---------------------------------------------------------------------------------------

MARKERS = "osDP^*hv<>pXd8H"  # one per event kind, in the order of data/en/event_rules.yaml


def event_kinds(timeline: pd.DataFrame) -> dict[str, str]:
    """The kinds present, in rule order, each with its marker: {"decision": "D", "meeting": "o", ...}.

    >>> import pandas as pd
    >>> event_kinds(pd.DataFrame({"kind": ["meeting", "decision", "rumour"]}))
    {'decision': '*', 'meeting': 'p', 'rumour': '.'}
    """
    from .event_kinds import load_event_rules

    order = list(load_event_rules()["order"])
    present = set(timeline["kind"])
    kinds = [k for k in order if k in present] + sorted(present - set(order))
    return {k: MARKERS[order.index(k) % len(MARKERS)] if k in order else "." for k in kinds}


MAX_EVENTS = 40  # events the cooperation timeline draws at most: beyond, the ones most sources tell


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
    everything = len(timeline)
    if timeline["date"].isna().all():
        old.set_axis_off()
        no_data(new, "No dated event: nothing to place on a timeline.")
        new.set_title(f"Viet Nam–IOM cooperation timeline (N = 0 dated events, from {len(articles)} articles)")
        return
    if everything > MAX_EVENTS:  # the happenings most sources tell; the key and the title say so
        timeline = (timeline.assign(_n=-timeline["n_sources"]).sort_values(["_n", "date", "event_id"])
                    .head(MAX_EVENTS).drop(columns="_n").sort_values(["date", "event_id"]))
    markers = event_kinds(timeline)
    kinds = list(markers)
    lanes = {k: i + 1 for i, k in enumerate(kinds)}
    pubs = articles.dropna(subset=["published"])
    _broken_axes(axes, timeline, pubs, split_year, kinds)  # limits first: ids are spaced in points
    offsets = _timeline_markers(axes, timeline, markers, lanes, split_year)
    # a lane holds its ids above and below it: grow the figure until the next lane's ids cannot reach them
    per_lane = max(offsets, default=9) + 7 - min(min(offsets, default=-16), -16) + 7 + 4
    make_room(new, ["lane"] * (len(kinds) + 2), fontsize=per_lane / 1.7)
    draw_dated_points(new, pubs["published"], pubs["published_precision"], [0] * len(pubs), "#444")
    key = "\n".join(f"{r.event_id}  {date_at_precision(r.date, r.precision):<10} "
                    f"{'(planned) ' if r.status == 'planned' else ''}"
                    f"{event_caption(r.kind, r.participants, r.label)}"
                    for r in timeline.itertuples())
    new.text(1.02, 1.0, key, transform=new.transAxes, va="top", fontsize=7, family="DejaVu Sans Mono")
    shown = f"{len(timeline)} events" if everything == len(timeline) else \
        f"the {len(timeline)} of {everything} events most sources tell"
    new.set_title(f"Viet Nam–IOM cooperation timeline (N = {shown}, from {len(articles)} articles)")
    new.text(0, -0.13, "Filled: known day. Hollow on a band: month or year only. Dashed ring: planned. "
             "Axis broken before the GCM era.", transform=new.transAxes, fontsize=7.5, color="#555")


NEAR_POINTS = 30  # two ids on one lane closer than this (in points) take different offsets
ID_OFFSETS = (9, -16, 19, -26, 29, -36)  # points above (+) or below (-) a marker for its id: close ids take turns


def _timeline_markers(axes: tuple[plt.Axes, plt.Axes], timeline: pd.DataFrame, markers: dict[str, str],
                      lanes: dict[str, int], split_year: int) -> list[int]:
    """Each event on its kind's lane, left of `split_year` on the narrow axis, with its id beside it; returns the
    ids' offsets in points (above +, below -)."""
    old, new = axes
    kinds = list(markers)
    placed: dict[tuple, list[tuple[float, int]]] = {}  # per lane: each id's x in points and its offset
    for ax, part in ((old, timeline[timeline["date"].dt.year < split_year]),
                     (new, timeline[timeline["date"].dt.year >= split_year])):
        points = 72 / ax.figure.dpi  # display pixels to points
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
            lane = placed.setdefault((ax, y), [])
            x = ax.transData.transform((mdates.date2num(mid), y))[0] * points
            taken = {dy for other, dy in lane if abs(x - other) < NEAR_POINTS}  # ids that would touch this one
            dy = next((o for o in ID_OFFSETS if o not in taken), ID_OFFSETS[len(lane) % len(ID_OFFSETS)])
            ax.annotate(r.event_id, (mid, y), xytext=(0, dy), textcoords="offset points", ha="center", fontsize=7)
            lane.append((x, dy))
    return [dy for lane in placed.values() for _, dy in lane]


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
    for ax in axes:  # the narrow left axis takes at most three ticks, so its years never touch
        ax.xaxis.set_major_locator(mdates.YearLocator(base=1) if ax is new else mdates.AutoDateLocator(maxticks=3))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    old.set_yticks(list(range(len(kinds) + 1)), ["published"] + kinds)
    old.set_ylim(-0.7, len(kinds) + 1.2)  # room above the top lane for an id placed over its marker
    old.spines["right"].set_visible(False)
    new.spines["left"].set_visible(False)
    new.tick_params(axis="y", left=False)
    for ax, x in ((old, 1), (new, 0)):  # the break marks
        ax.plot([x, x], [-0.015, 0.015], transform=ax.transAxes, color="k", clip_on=False, lw=3)


def grouped_barh(ax: plt.Axes, table: pd.DataFrame, n: pd.Series) -> None:
    """Horizontal bars on a 0-1 scale, one group per row of `table` (first row on top), one bar per column, each
    column labelled with its N from `n`.

    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> grouped_barh(ax, pd.DataFrame({"dev": [1.0]}, index=["title"]), pd.Series({"dev": 8}))
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_legend_handles_labels()[1]
    (['title'], ['dev (N = 8)'])
    >>> plt.close(fig)
    """
    rows = list(table.index)[::-1]
    height = 0.8 / max(len(table.columns), 1)
    for k, column in enumerate(table.columns):
        y = [i + (k - (len(table.columns) - 1) / 2) * height for i in range(len(rows))]
        ax.barh(y, table.loc[rows, column], height=height, label=f"{column} (N = {int(n.get(column, 0))})")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlim(0, 1)


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
    grouped_barh(ax, f1.drop(index="false dates", errors="ignore").fillna(0.0), n_articles)
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
