"""Charts of themes: shares per article, themes over time, the GCM objectives covered and the agenda shift.
Each takes an `ax`; the style is set once in `plots.use_style`."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision
from .plots import (
    PALETTE,
    article_tags,
    grouped_barh,
    make_room,
    no_data,
    recut,
    theme_labels,
    widen_to_fit,
    wrap_label,
)

MIN_TREND = 2  # articles a year needs on each side before a line joins two years in `themes_over_time`

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
    make_room(ax, list(article_labels(articles)), fontsize=8)
    ax.grid(False)
    ax.set_title(f"Share of each article's sentences per theme (N = {len(order)} articles, {len(labels)} themes)")


def themes_over_time(ax: plt.Axes, profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> None:
    """Each chosen theme's mean share of an article's sentences per year of publication, N articles per year.

    A year's point is the mean over its dated articles, its N under the year; a line joins two consecutive years
    only when each rests on at least `MIN_TREND` articles, so single articles never look like a trend. A corpus
    with no dated article gets a panel that says so instead of an empty axis.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> fig, ax = plt.subplots()
    >>> from vnmigration.plots import theme_labels
    >>> themes_over_time(ax, t["theme_profile"], t["articles"], theme_labels(["gcm-10", "covid-19"]))
    >>> ax.get_title().split(" (N = ")[0]
    'Themes per year'
    >>> plt.close(fig)
    """
    from matplotlib.lines import Line2D
    labels = recut(labels)
    data = articles.dropna(subset=["published"]).merge(profile, on="article_id")
    if data.empty:
        no_data(ax, f"No dated articles: {len(articles)} articles, none with a publication date,\n"
                "so no theme can be drawn over time.")
        ax.set_title(f"Themes per year (N = 0 of {len(articles)} articles dated)")
        return
    yearly = data.assign(year=data["published"].dt.year).groupby("year")
    shares, n = yearly[list(labels)].mean(), yearly.size()
    years = n.index.tolist()
    trend = [(a, b) for a, b in zip(years, years[1:], strict=False) if b == a + 1 and min(n[a], n[b]) >= MIN_TREND]
    handles = []
    for k, (theme, label) in enumerate(labels.items()):
        color = PALETTE[k % len(PALETTE)]
        ax.plot(years, shares[theme], "o", color=color, ms=6)
        for a, b in trend:
            ax.plot([a, b], shares.loc[[a, b], theme], "-", color=color, alpha=0.7, lw=1.5)
        handles.append(Line2D([], [], color=color, marker="o", lw=1.5, label=label))
    handles.append(Line2D([], [], color="#666", lw=1.5,
                          label=f"line: consecutive years with\n≥ {MIN_TREND} articles each"))
    ax.set_xticks(years, [f"{y}\nN = {n[y]}" for y in years])
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.set_ylabel("mean share of an article's sentences")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    undated = len(articles) - articles["article_id"].isin(data["article_id"]).sum()
    ax.set_title(f"Themes per year (N = {len(data)} dated articles in {len(years)} years"
                 + (f"; {undated} undated left out)" if undated else ")"))


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
    y = [wrap_label(f"{r.objective:>2}. {r.title}", 52) for r in coverage.itertuples()]
    make_room(ax, y)
    ax.barh(y, coverage["n_sentences"], color=[PALETTE[0] if n else "#ddd" for n in coverage["n_sentences"]])
    ax.tick_params(axis="y", labelsize=7.5)
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
    full = theme_labels(list(labels), width=10_000)  # the whole title, wrapped: never cut
    labels = {k: wrap_label(full.get(k, v).replace("…", ""), 40) for k, v in labels.items()}
    data = periods[periods["theme"].isin(labels)].iloc[::-1]
    before, after = data.columns[1], data.columns[2]
    split = before.rsplit("_", 1)[-1]
    published = articles["published"].dropna().dt.year if articles is not None else None
    if published is not None and split.isdigit() and min((published < int(split)).sum(),
                                                          (published >= int(split)).sum()) == 0:
        no_data(ax, f"No agenda shift to draw: no dated article on one side of {split}.")
        ax.set_title(f"Agenda shift by theme (N = {len(published)} dated articles, none on one side of {split})")
        return
    y = range(len(data))
    ax.hlines(y, data[before], data[after], color="#bbb", lw=2)
    ax.plot(data[before], y, "o", color=PALETTE[1], label=before.replace("_", " "))
    ax.plot(data[after], y, "o", color=PALETTE[0], label=after.replace("_", " "))
    ax.set_yticks(list(y), [labels[t] for t in data["theme"]], fontsize=7.5)
    make_room(ax, [labels[t] for t in data["theme"]])
    ax.set_xlabel("mean share of an article's sentences")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the axes: it can never hide a point
    title = f"Agenda shift by theme (N = {len(data)} themes"
    if published is not None and split.isdigit():
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
