"""The eval set read page by page and as one corpus: the timeline gold (`same_happenings`) and the pairwise
scores of the timeline's merges, what each page says in either reading, and scores per site group."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml

from .chrome import lead_of
from .dates import period_end
from .evaluate import FIELDS, as_date, gold_files, prf, score
from .paths import EVAL_ARTICLES, EVAL_TIMELINE, EVAL_VI_ARTICLES, EVAL_VI_GOLD


def same_happenings(path: str | Path | None = None) -> list[dict]:
    """The timeline gold (eval/gold_timeline.yaml): each happening that several eval pages tell, whichever gold
    file holds them, with its members (article, date words).

    >>> happening = same_happenings()[0]
    >>> sorted(happening), sorted(happening["members"][0])
    (['date', 'kind', 'members'], ['article', 'evidence'])
    """
    items = yaml.safe_load(Path(path or EVAL_TIMELINE).read_text(encoding="utf-8")).get("same_happenings") or []
    return [{"date": as_date(item["date"]), "kind": item["kind"],
             "members": [{"article": m["article"], "evidence": m["evidence"]} for m in item["members"]]}
            for item in items]



def split_happenings(happenings: list[dict], gold: dict[str, dict], split: str) -> list[dict]:
    """The timeline gold of one split: each happening's members in that split, where two or more pages are left.

    >>> gold = {"a": {"split": "dev"}, "b": {"split": "dev"}, "c": {"split": "heldback"}}
    >>> h = [{"members": [{"article": "a"}, {"article": "b"}, {"article": "c"}]}]
    >>> [len(x["members"]) for x in split_happenings(h, gold, "dev")], split_happenings(h, gold, "heldback")
    ([2], [])
    """
    kept = [h | {"members": [m for m in h["members"] if gold[m["article"]]["split"] == split]} for h in happenings]
    return [h for h in kept if len({m["article"] for m in h["members"]}) > 1]


def eval_readings(corpus: str | Path | None = None) -> dict[str, dict[str, pd.DataFrame]]:
    """Every table of the eval folder in both readings, built once: {"alone": tables, "corpus": tables}.

    >>> sorted(eval_readings())
    ['alone', 'corpus']
    """
    from .export import READINGS, build_tables

    return {reading: build_tables(corpus if corpus is not None else EVAL_ARTICLES, reading=reading)
            for reading in sorted(READINGS)}


def readings_side_by_side(readings: dict[str, dict[str, pd.DataFrame]], gold: dict[str, dict], happenings: list[dict],
                          split: str) -> pd.DataFrame:
    """F1 per field of a split read page by page (`alone`) and as one corpus, and each reading's timeline merges.

    >>> from vnmigration.evaluate import load_gold
    >>> table = readings_side_by_side(eval_readings(), load_gold(), same_happenings(), "dev")
    >>> table.columns.tolist(), "timeline merges" in table.index
    (['alone', 'corpus', 'difference'], True)
    """
    happenings = split_happenings(happenings, gold, split)
    columns = {}
    for reading, tables in readings.items():
        f1 = score(tables, gold, split)[0].set_index("field")["f1"]
        merges = timeline_merges(tables, happenings, {a for a, g in gold.items() if g["split"] == split})["f1"]
        columns[reading] = pd.concat([f1, pd.Series({"timeline merges": merges})])
    table = pd.DataFrame(columns)[["alone", "corpus"]]
    return table.assign(difference=(table["corpus"] - table["alone"]).round(3))


def site_group(article_id: str, style: str | None) -> str | None:
    """The site group of a site-group or wrapped eval page, from its id: `"e98-sitegroup-iomvn"` -> `"iomvn"`.

    >>> site_group("e98-sitegroup-iomvn", "sitegroup"), site_group("e01-wire-vna", "wire")
    ('iomvn', None)
    """
    if style not in ("sitegroup", "wrapped"):
        return None
    return article_id.split(f"-{style}-", 1)[-1]


def group_scores(tables: dict[str, pd.DataFrame], gold: dict[str, dict], split: str) -> pd.DataFrame:
    """F1 per field for each site group of a split (the pages of one site read together), one row per group.

    >>> from vnmigration import build_tables
    >>> from vnmigration.evaluate import load_gold
    >>> groups = group_scores(build_tables(EVAL_ARTICLES), load_gold(), "dev")
    >>> "iomvn" in groups.index and "publication date" in groups.columns
    True
    """
    rows = {}
    for group in sorted({site_group(a, g.get("style")) for a, g in gold.items() if g["split"] == split} - {None}):
        members = {a: g for a, g in gold.items() if site_group(a, g.get("style")) == group}
        scores, _ = score(tables, members, split)
        rows[group] = {"pages": len(members), **scores.set_index("field")["f1"].to_dict()}
    return pd.DataFrame(rows).T.reindex(columns=["pages", *FIELDS])


def timeline_merges(tables: dict[str, pd.DataFrame], happenings: list[dict],
                    pages: set[str] | None = None) -> dict[str, float]:
    """Pairwise scores of the timeline's cross-article merges against the timeline gold (`same_happenings`).

    A pair is two articles that tell one happening. Gold pairs come from the happenings; predicted pairs from the
    timeline rows that cite two of the scored `pages` (default: every article of the tables). The gold lists every
    happening any two eval pages share, so a merge of two pages it does not pair is wrong. A predicted pair is right
    when a gold happening holds both articles and its date lies in the row's dates (for a happening with a
    `date_end`, such as a bilingual pair dated to a month, when its period meets them); a gold pair is found when
    such a row exists. Precision, recall and F1 over pairs (pairwise F1, not B-cubed).

    >>> from vnmigration import build_tables
    >>> merges = timeline_merges(build_tables(EVAL_ARTICLES), same_happenings())
    >>> sorted(merges)
    ['f1', 'found', 'gold_pairs', 'precision', 'predicted_pairs', 'recall', 'tp']
    """
    pages = set(tables["articles"]["article_id"]) if pages is None else set(pages)
    gold_dates, row_spans = {}, {}  # by article pair: the gold happenings' dates, the predicted rows' spans
    for h in happenings:
        for a, b in combinations(sorted({m["article"] for m in h["members"]} & pages), 2):
            gold_dates.setdefault((a, b), []).append((h["date"], h.get("date_end", h["date"])))
    for r in tables["timeline"].itertuples():
        for a, b in combinations(sorted(set(r.article_ids) & pages), 2):
            row_spans.setdefault((a, b), []).append((r.date, r.date_end))
    right = sum(any(start <= last and first <= end for first, last in gold_dates.get(pair, []))
                for pair, spans in row_spans.items() for start, end in spans)
    n_predicted = sum(map(len, row_spans.values()))
    n_gold = sum(map(len, gold_dates.values()))
    found = sum(any(start <= last and first <= end for start, end in row_spans.get(pair, []))
                for pair, dates in gold_dates.items() for first, last in dates)
    p, _, _ = prf(right, n_predicted, n_gold)
    r = found / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_predicted and n_gold and p + r else 0.0
    return {"gold_pairs": n_gold, "predicted_pairs": n_predicted, "tp": right, "found": found,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


READING_FIELDS = ("title", "published", "precision", "dateline", "outlet", "lead", "persons", "events")


def page_readings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What each page says, one row per article (`READING_FIELDS`): for comparing one page's readings alone and
    among other pages, which must be equal. `persons` and `events` are sorted tuples, `lead` the first prose line.

    >>> from vnmigration import build_tables
    >>> readings = page_readings(build_tables(EVAL_ARTICLES))
    >>> readings.loc["e01-wire-vna", "title"], readings.columns.tolist() == list(READING_FIELDS)
    ('Viet Nam, IOM take stock of safe migration cooperation', True)
    """
    articles = tables["articles"].set_index("article_id")
    people = tables["mentions"].query("kind == 'person'").groupby("article_id")["actor"].agg(
        lambda names: tuple(sorted(set(names))))
    events = tables["events"].assign(key=lambda e: list(zip(e["date"].dt.strftime("%Y-%m-%d").fillna("undated"),
                                                            e["precision"].astype(str), e["kind"].astype(str),
                                                            strict=True)))
    happenings = events.groupby("article_id")["key"].agg(lambda keys: tuple(sorted(set(keys))))
    return pd.DataFrame({
        "title": articles["title"], "published": articles["published"].dt.strftime("%Y-%m-%d"),
        "precision": articles["published_precision"], "dateline": articles["dateline"],
        "outlet": articles["outlet"], "lead": articles["text"].map(lead_of),
        "persons": people.reindex(articles.index).map(lambda v: v if isinstance(v, tuple) else ()),
        "events": happenings.reindex(articles.index).map(lambda v: v if isinstance(v, tuple) else ()),
    }).astype(object).where(lambda t: t.notna(), None)


def reading_differences(one: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """The (article, field) cells where two `page_readings` of the same pages disagree: equal readings -> no rows.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"title": ["T", "U"]}, index=["e1", "e2"])
    >>> reading_differences(a, a.assign(title=["T", "V"])).to_dict("records")
    [{'article_id': 'e2', 'field': 'title', 'one': 'U', 'other': 'V'}]
    """
    rows = []
    for article_id in one.index.intersection(other.index):
        for field in one.columns:
            x, y = one.at[article_id, field], other.at[article_id, field]
            if x != y:
                rows.append({"article_id": article_id, "field": field, "one": x, "other": y})
    return pd.DataFrame(rows, columns=["article_id", "field", "one", "other"])


def bilingual_pairs(path: str | Path | None = None) -> list[dict]:
    """The happenings a Vietnamese eval page and an English one both tell (`bilingual_pairs` of eval/vi/gold_vi.yaml
    and the batches beside it), as timeline happenings of two members:
    [{"date": ..., "members": [{"article": "v04-..."}, {"article": "e99-..."}]}].

    >>> pairs = bilingual_pairs()
    >>> len(pairs) > 0 and all(len(p["members"]) == 2 and p["date"] <= p["date_end"] for p in pairs)
    True
    """
    found = [pair for part in gold_files(path or EVAL_VI_GOLD)
             for pair in yaml.safe_load(part.read_text(encoding="utf-8")).get("bilingual_pairs") or []]
    # a pair's last day is the end of its range, else of the period its precision allows (2024-09 -> 2024-09-30)
    return [{"date": pd.Timestamp(p["date"]), "kind": p["kind"], "split": p.get("split"),
             "date_end": pd.Timestamp(p["date_end"]) if p.get("date_end") else
             period_end(pd.Timestamp(p["date"]), p.get("precision", "day")),
             "members": [{"article": p["vi"]}, {"article": p["en"]}]} for p in found]


def both_languages(folder: str | Path) -> Path:
    """A folder holding the English and the Vietnamese eval pages side by side (links), as a researcher loads them.

    >>> import tempfile
    >>> len(list(both_languages(tempfile.mkdtemp()).glob("*.txt"))) > 141
    True
    """
    folder = Path(folder)
    for page in [*EVAL_ARTICLES.glob("*.txt"), *EVAL_VI_ARTICLES.glob("*.txt")]:
        if not (folder / page.name).exists():
            (folder / page.name).symlink_to(page.resolve())
    return folder


def bilingual_recall(tables: dict[str, pd.DataFrame], pairs: list[dict], pages: set[str] | None = None) -> dict:
    """How many of the happenings both languages tell are one timeline row citing both pages (`timeline_merges`'s
    recall over the pairs; the pairs list only some shared happenings, so their precision means nothing).

    >>> bilingual_recall({"timeline": pd.DataFrame({"article_ids": [], "date": [], "date_end": []}),
    ...                   "articles": pd.DataFrame({"article_id": []})}, [])["gold_pairs"]
    0
    """
    merges = timeline_merges(tables, pairs, pages)
    return {"gold_pairs": merges["gold_pairs"], "found": merges["found"], "recall": merges["recall"]}
