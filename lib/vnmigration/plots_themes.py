"""Charts of themes: shares per article, themes over time, the GCM objectives covered and the agenda shift.
Each takes an `ax`; the style is set once in `plots.use_style`."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision
from .plots import PALETTE, article_tags, dated_x, draw_dated_points, grouped_barh, recut, short_label, widen_to_fit

# --- themes -----------------------------------------------------------------------------------------

def article_labels(articles: pd.DataFrame) -> pd.Series:
    """`"Vietnam Times · 2021-11-22"`, with the date only as precise as it is known, per article id.

    >>> import pandas as pd
    >>> article_labels(pd.DataFrame({"article_id": ["004_e1b3"], "outlet": ["Vietnam Times"],
    ...                             "published": [pd.Timestamp("2021-11-01")],
    ...                             "published_precision": ["month"]})).tolist()
    ['Vietnam Times · 2021-11 (004)']
    """
    return pd.Series([f"{o} · {date_at_precision(d, p)} ({tag})" for tag, o, d, p in zip(
        article_tags(articles), outlet_label(articles), articles["published"], articles["published_precision"],
        strict=True)], index=articles["article_id"])



def theme_heatmap(ax: plt.Axes, profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> None:
    """Articles (rows, oldest first) by themes (columns): the share of each article's sentences that carry it.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> from vnmigration.plots import theme_labels
    >>> theme_heatmap(ax, t["theme_profile"], t["articles"], theme_labels(t["theme_profile"].columns))
    >>> ax.get_title().split(" (N = ")[0]
    "Share of each article's sentences per theme"
    >>> plt.close(fig)
    """
    labels = recut(labels)
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
    >>> from vnmigration.plots import theme_labels
    >>> themes_over_time(ax, t["theme_profile"], t["articles"], theme_labels(["gcm-10", "covid-19"]))
    >>> ax.get_title().split(" (N = ")[0]
    'Themes per article over time'
    >>> plt.close(fig)
    """
    from matplotlib.lines import Line2D
    labels = recut(labels)
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
    y = [short_label(f"{r.objective:>2}. {r.title}", 64) for r in coverage.itertuples()]
    ax.barh(y, coverage["n_sentences"], color=[PALETTE[0] if n else "#ddd" for n in coverage["n_sentences"]])
    notes = [ax.annotate(f"{r.n_sentences} sent., {r.n_articles} art." if r.n_sentences else "never mentioned",
                         (max(r.n_sentences, 0), i), xytext=(4, 0), textcoords="offset points", va="center",
                         fontsize=7, color="#333" if r.n_sentences else "#999")
             for i, r in enumerate(coverage.itertuples())]
    ax.invert_yaxis()
    widen_to_fit(ax, notes)
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
    >>> from vnmigration.plots import theme_labels
    >>> period_shift(ax, periods, t["articles"], theme_labels())
    >>> ax.get_title().split(" (")[0]
    'Agenda shift by theme'
    >>> plt.close(fig)
    """
    labels = recut(labels)
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


def shares_by_language(ax: plt.Axes, shares: pd.DataFrame, n_articles: pd.Series, what: str) -> None:
    """Horizontal bars: for each theme or actor (rows), the share of each language's articles (columns) that name it;
    the legend carries each language's N.

    >>> import pandas as pd
    >>> fig, ax = plt.subplots()
    >>> shares = pd.DataFrame({"en": [0.5], "vi": [1.0]}, index=pd.Index(["gcm-10"], name="theme"))
    >>> shares_by_language(ax, shares, pd.Series({"en": 2, "vi": 1}), "themes")
    >>> ax.get_title()
    'What English and Vietnamese sources cover: themes (N = 3 articles)'
    >>> plt.close(fig)
    """
    grouped_barh(ax, shares, n_articles)
    ax.set_xlabel("share of the language's articles")
    ax.set_title(f"What English and Vietnamese sources cover: {what} (N = {int(n_articles.sum())} articles)")
    ax.legend(loc="lower right", frameon=False)
