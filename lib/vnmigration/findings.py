"""Synthesis across notebooks: stages of the relationship, outlet coverage, and conflicts between sources."""

from __future__ import annotations

import re

import pandas as pd

from .corpus import outlet_label
from .dates import date_at_precision
from .persons import honorific_pattern
from .schema import ARTICLES, CLAIMS, MENTIONS, PROFILE, ROLES, SENTENCES, THEMES, TIMELINE, require

NUMBER_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "several": None}
HONORIFIC = re.compile(rf"^(?:the|{honorific_pattern()})\s+", re.IGNORECASE)  # "Ms. Pope" ~ "Pope"
DURATION = re.compile(r"\b(?P<hedge>nearly|almost|about|around|over|more than|some)?\s*"
                      r"(?P<n>\d+|one|a|two|three|four|five|six|seven|eight|nine|ten)\s+"
                      r"(?P<unit>decades?|years?)\s+of\s+(?P<what>cooperation|partnership|presence|collaboration)",
                      re.IGNORECASE)


def stage_summary(articles: pd.DataFrame, mentions: pd.DataFrame, themes: pd.DataFrame, timeline: pd.DataFrame,
                  top: int = 3) -> pd.DataFrame:
    """Per publication year: articles, events dated that year, the most-mentioned people and the main themes.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> summary = stage_summary(t["articles"], t["mentions"], t["themes"], t["timeline"])
    >>> summary.columns.tolist()
    ['year', 'articles', 'outlets', 'events_that_year', 'people', 'themes']
    >>> summary["year"].is_monotonic_increasing
    True
    """
    require(articles, ARTICLES, "stage_summary", ["article_id", "published"])
    require(mentions, MENTIONS, "stage_summary", ["article_id", "actor", "kind"])
    require(themes, THEMES, "stage_summary", ["article_id", "sentence_no", "theme", "label"])
    require(timeline, TIMELINE, "stage_summary", ["event_id", "date", "status"])
    years = articles.set_index("article_id")["published"].dt.year
    people = mentions[mentions["kind"] == "person"].assign(year=lambda d: d["article_id"].map(years))
    tagged = themes.drop_duplicates(["article_id", "sentence_no", "theme"]).assign(
        year=lambda d: d["article_id"].map(years))
    rows = []
    for year in sorted(years.dropna().unique()):
        ids = years.index[years == year]
        top_people = people[people["year"] == year]["actor"].value_counts()
        top_themes = tagged[tagged["year"] == year]["label"].value_counts()
        happened = timeline[(timeline["date"].dt.year == year) & (timeline["status"] == "happened")]
        rows.append({
            "year": int(year), "articles": ", ".join(ids), "outlets": ", ".join(sorted(set(outlet_label(
                articles[articles["article_id"].isin(ids)])))),
            "events_that_year": ", ".join(happened["event_id"]),
            "people": ", ".join(f"{p} ({n})" for p, n in top_people.sort_index().sort_values(
                ascending=False, kind="stable").head(top).items()),
            "themes": ", ".join(f"{t} ({n})" for t, n in top_themes.sort_index().sort_values(
                ascending=False, kind="stable").head(top).items()),
        })
    return pd.DataFrame(rows)


def outlet_coverage(profile: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Mean sentence share per theme for each outlet; a 0 where other outlets cover the theme is a gap.

    >>> import pandas as pd
    >>> profile = pd.DataFrame({"article_id": ["a", "b", "c"], "gcm-10": [0.5, 0.0, 0.2]})
    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["VNA", "VNA", None]})
    >>> outlet_coverage(profile, articles, {"gcm-10": "Trafficking"})
    outlet        VNA  outlet not named
    Trafficking  0.25               0.2
    """
    require(profile, PROFILE, "outlet_coverage", ["article_id", *labels])
    require(articles, ARTICLES, "outlet_coverage", ["article_id"])
    outlets = outlet_label(articles).set_axis(articles["article_id"])
    shares = profile.set_index("article_id")[list(labels)]
    table = shares.groupby(shares.index.map(outlets)).mean().round(3).rename(columns=labels).T
    table.columns.name = "outlet"
    return table


def outlet_gaps(coverage: pd.DataFrame) -> pd.DataFrame:
    """Themes an outlet never touches although at least two other outlets do: outlet, theme, covered_by.

    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"VNA": [0.0], "VNS": [0.2], "IOM": [0.4]}, index=["Trafficking"])
    >>> outlet_gaps(coverage)
      outlet        theme covered_by
    0    VNA  Trafficking   VNS, IOM
    """
    rows = []
    for outlet in coverage.columns:
        for theme, share in coverage[outlet].items():
            others = [o for o in coverage.columns if o != outlet and coverage.loc[theme, o] > 0]
            if share == 0 and len(others) >= 2:
                rows.append((outlet, theme, ", ".join(others)))
    return pd.DataFrame(rows, columns=["outlet", "theme", "covered_by"])


def duration_claims(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Claims like `"nearly two decades of cooperation"`, with the start year they imply from publication.

    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a"], "sentence_no": [3],
    ...                           "text": ["It marks nearly two decades of cooperation with IOM."]})
    >>> articles = pd.DataFrame({"article_id": ["a"], "published": [pd.Timestamp("2021-11-22")]})
    >>> duration_claims(sentences, articles)[["claim", "hedge", "years", "implied_start"]]
                                   claim   hedge  years  implied_start
    0  nearly two decades of cooperation  nearly     20           2001
    """
    require(sentences, SENTENCES, "duration_claims", ["article_id", "sentence_no", "text"])
    require(articles, ARTICLES, "duration_claims", ["article_id", "published"])
    published = articles.set_index("article_id")["published"]
    rows = []
    for r in sentences.itertuples():
        for m in DURATION.finditer(r.text):
            n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
            years = n * (10 if m["unit"].lower().startswith("decade") else 1)
            pub = published.get(r.article_id)
            rows.append((r.article_id, r.sentence_no, m.group().strip(), m["hedge"], years,
                         None if pd.isna(pub) else pub.year - years, r.text))
    return pd.DataFrame(rows, columns=["article_id", "sentence_no", "claim", "hedge", "years", "implied_start",
                                       "evidence"])


def source_conflicts(claims: pd.DataFrame, timeline: pd.DataFrame, roles: pd.DataFrame,
                     mentions: pd.DataFrame, tolerance: int = 5) -> pd.DataFrame:
    """Where sources disagree: durations against dated milestones, and one person's role or name written differently.

    A duration claim conflicts with a located milestone (`presence in Viet Nam since 1987`) whose place
    and one participant the claim's sentence also names, when the implied start year differs by more
    than `tolerance` years.

    >>> from vnmigration import build_tables
    >>> t = build_tables()
    >>> claims = duration_claims(t["sentences"], t["articles"])
    >>> conflicts = source_conflicts(claims, t["timeline"], t["roles"], t["mentions"])
    >>> sorted(set(conflicts["conflict"]))
    ['duration vs dated start', 'one person, several spellings', 'same role, different wording']
    """
    require(claims, CLAIMS, "source_conflicts", [*CLAIMS.columns, "sentence_no"])
    require(timeline, TIMELINE, "source_conflicts",
            ["date", "precision", "kind", "label", "place", "participants", "article_ids"])
    require(roles, ROLES, "source_conflicts", [*ROLES.columns, "role_normalized"])
    require(mentions, MENTIONS, "source_conflicts", ["article_id", "sentence_no", "actor", "kind", "surface"])
    rows = _duration_conflicts(claims, timeline, mentions, tolerance)
    rows += _wording_conflicts(roles)
    rows += _spelling_conflicts(mentions)
    return pd.DataFrame(rows, columns=["conflict", "source_a", "claim_a", "source_b", "claim_b", "size"])


def _duration_conflicts(claims: pd.DataFrame, timeline: pd.DataFrame, mentions: pd.DataFrame,
                        tolerance: int) -> list[tuple]:
    """Duration claims more than `tolerance` years off a located milestone their sentence names."""
    rows = []
    milestones = timeline[(timeline["kind"] == "milestone") & timeline["place"].notna()]
    for c in claims.itertuples():
        named = set(mentions.loc[(mentions["article_id"] == c.article_id)
                                 & (mentions["sentence_no"] == c.sentence_no), "actor"])
        for m in milestones.itertuples():
            if c.implied_start is None or not (set(m.participants) & named and set(m.place.split(", ")) & named):
                continue
            gap = c.implied_start - m.date.year
            if abs(gap) > tolerance:
                rows.append(("duration vs dated start", c.article_id, f"'{c.claim}' (→ about {c.implied_start})",
                             ", ".join(m.article_ids), f"{m.label} since {date_at_precision(m.date, m.precision)}",
                             f"{abs(gap)} years apart"))
    return rows


def _wording_conflicts(roles: pd.DataFrame) -> list[tuple]:
    """One person's one role written in different words by different articles."""
    rows = []
    wording = roles.groupby("person")["role"].agg(lambda s: sorted(set(s)))
    normal = roles.groupby("person")["role_normalized"].nunique()
    for person, written in wording.items():
        if normal[person] == 1 and len({w.replace("-", " ") for w in written}) > 1:
            arts = roles[roles["person"] == person].groupby("role")["article_id"].agg(
                lambda s: ", ".join(sorted(set(s))))
            first, second = written[0], written[-1]
            if arts[first] == arts[second]:
                continue
            rows.append(("same role, different wording", arts[first], f"{person}: '{first}'", arts[second],
                         f"{person}: '{second}'", "wording only"))
    return rows


def _spelling_conflicts(mentions: pd.DataFrame) -> list[tuple]:
    """One person's full name spelt more than one way (honorifics aside)."""
    rows = []
    spellings = mentions[mentions["kind"] == "person"].groupby("actor")["surface"].agg(lambda s: sorted(set(s)))
    for written in spellings:
        full = list({HONORIFIC.sub("", w).lower(): w for w in written if len(HONORIFIC.sub("", w).split()) > 1}
                    .values())
        if len(full) > 1:
            where = mentions[mentions["surface"].isin(full)].groupby("surface")["article_id"].agg(
                lambda s: ", ".join(sorted(set(s))))
            rows.append(("one person, several spellings", where[full[0]], full[0], where[full[-1]], full[-1],
                         f"{len(full)} spellings"))
    return rows


PERIOD_SPLIT = 2023  # the year the research question asks about: did the agenda shift from 2023 on?


MIN_PERIOD_ARTICLES = 5  # dated articles a period needs before a comparison across periods is read as a trend


def caution(n_before: int, n_after: int) -> str:
    """A warning to print beside a before/after finding resting on few dated articles, else "".

    >>> caution(2, 14)
    ' Caution: only 2 dated articles before the split; read this as what these articles say, not as a trend.'
    >>> caution(6, 9)
    ''
    """
    few = [f"{n} dated article{'s' if n != 1 else ''} {side}" for n, side in
           ((n_before, "before the split"), (n_after, "from the split")) if n < MIN_PERIOD_ARTICLES]
    if not few:
        return ""
    return f" Caution: only {' and '.join(few)}; read this as what these articles say, not as a trend."


def period_split(articles: pd.DataFrame, preferred: int = PERIOD_SPLIT) -> int | None:
    """The year that splits a corpus into before and from: `preferred` when dated articles fall on both sides,
    else the median publication year; None when fewer than two years are dated.

    Seeds published 2020-2025 -> 2023; a corpus of 2011-2015 articles -> its median year.

    >>> import pandas as pd
    >>> period_split(pd.DataFrame({"published": pd.to_datetime(["2020-01-01", "2024-06-01"])}))
    2023
    >>> period_split(pd.DataFrame({"published": pd.to_datetime(["2011-01-01", "2013-01-01", "2015-01-01"])}))
    2013
    >>> period_split(pd.DataFrame({"published": pd.to_datetime(["2020-01-01", None])})) is None
    True
    """
    years = sorted(articles["published"].dropna().dt.year.unique())
    if len(years) < 2:
        return None
    return preferred if years[0] < preferred <= years[-1] else int(years[len(years) // 2])


def carriers_by_period(mentions: pd.DataFrame, roles: pd.DataFrame, articles: pd.DataFrame,
                       split_year: int) -> pd.DataFrame:
    """People's mentions in dated articles before and from `split_year`, with every role the texts give them.

    >>> import pandas as pd
    >>> mentions = pd.DataFrame({"article_id": ["a", "b", "b"], "kind": "person",
    ...                          "actor": ["Park Mihyung", "Park Mihyung", "To Anh Dung"]})
    >>> roles = pd.DataFrame({"person": ["Park Mihyung"], "role_normalized": ["Chief of Mission"]})
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2021-01-01", "2024-01-01"])})
    >>> carriers_by_period(mentions, roles, articles, 2023).reset_index()
             person  before 2023  from 2023                  role
    0  Park Mihyung            1          1      Chief of Mission
    1   To Anh Dung            0          1  no title in the text
    """
    require(mentions, MENTIONS, "carriers_by_period", ["article_id", "actor", "kind"])
    require(roles, ROLES, "carriers_by_period", ["person", "role_normalized"])
    require(articles, ARTICLES, "carriers_by_period", ["article_id", "published"])
    years = articles.set_index("article_id")["published"].dt.year
    people = mentions[mentions["kind"] == "person"]
    year = people["article_id"].map(years).astype("Float64")
    early, late = (year < split_year).fillna(False).to_numpy(bool), (year >= split_year).fillna(False).to_numpy(bool)
    before, after = f"before {split_year}", f"from {split_year}"
    table = pd.DataFrame({before: people[early]["actor"].value_counts(),
                          after: people[late]["actor"].value_counts()},
                         columns=[before, after]).fillna(0).astype(int)
    titles = roles.groupby("person")["role_normalized"].agg(lambda s: " / ".join(sorted(set(s))))
    table = table.assign(role=table.index.map(lambda p: titles.get(p, "no title in the text")))
    table.index.name = "person"
    return table.sort_index().sort_values([before, after], ascending=False, kind="stable")


def lead_carriers(carriers: pd.DataFrame, column: str, n: int = 2) -> str:
    """`"Park Mihyung (Chief of Mission), To Anh Dung (Deputy Minister)"`: the n most-mentioned in a period.

    >>> import pandas as pd
    >>> carriers = pd.DataFrame({"from 2023": [3, 1, 0],
    ...                          "role": ["Chief of Mission", "Deputy Minister", "no title in the text"]},
    ...                         index=["Park Mihyung", "To Anh Dung", "Amy Pope"])
    >>> lead_carriers(carriers, "from 2023")
    'Park Mihyung (Chief of Mission), To Anh Dung (Deputy Minister)'
    """
    top = carriers[carriers[column] > 0].sort_values(column, ascending=False, kind="stable").head(n)
    return ", ".join(f"{p} ({r})" for p, r in top["role"].items())


def share_by_language(hits: pd.DataFrame, articles: pd.DataFrame, column: str, top: int = 12) -> pd.DataFrame:
    """The share of each language's articles in which each value of `hits[column]` occurs (a theme, an actor), the
    `top` values by articles overall: what English and Vietnamese sources each cover.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "language": ["en", "en", "vi"]})
    >>> hits = pd.DataFrame({"article_id": ["a", "c", "c"], "theme": ["gcm-10", "gcm-10", "gcm-06"]})
    >>> share_by_language(hits, articles, "theme").to_dict("index")
    {'gcm-10': {'en': 0.5, 'vi': 1.0}, 'gcm-06': {'en': 0.0, 'vi': 1.0}}
    """
    require(articles, ARTICLES, "share_by_language", ["article_id", "language"])
    language = dict(zip(articles["article_id"], articles["language"], strict=True))
    per_language = articles["language"].value_counts()
    found = hits[["article_id", column]].drop_duplicates().assign(language=lambda t: t["article_id"].map(language))
    counts = found.groupby([column, "language"]).size().unstack("language", fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
    shares = counts.loc[order].div(per_language.reindex(counts.columns)).reindex(columns=sorted(per_language.index))
    return shares.fillna(0.0).round(3).rename_axis(index=column, columns="language")
