"""Score the pipeline against the hand-made gold of eval/: precision, recall and F1 per field, and every error.

The matching rules (eval/README.md repeats them for readers):

- publication date: the predicted date equals the gold date at the gold precision, and the predicted
  precision is the gold precision (a day invented for a month-only date is wrong);
- outlet and title: equal after whitespace is collapsed (outlet also reports accuracy, NA = NA counting);
- chrome: every gold chrome line, caption line and dateline that stays in `text` is missed; every removed
  line of five or more words of letters (so not a date line) that the gold does not list as chrome, caption
  or title is a body line lost;
- persons: a person matches by normalised name (diacritics folded, case and spacing ignored);
- roles: a (person, title) pair matches when the names match and one title contains the other;
- speakers: a quote speaker that is not an organisation matches by normalised name, once per article;
- events: an event matches by its date at the gold precision, and by its kind (each distinct
  article, date, precision and kind counts once); `event dates` ignores the kind;
- themes: a theme id matches when the article has at least one hit of it;
- false dates: any dated row whose words overlap a phrase the gold says carries no year (`undated`) or is
  not a date at all (`traps`), plus any publication date given to an article the gold leaves undated.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from .dates import date_at_precision
from .outlets import OUTLETS, outlet_of_site_name
from .paths import EVAL_ARTICLES, EVAL_GOLD, EVAL_TIMELINE, EVAL_VI_ARTICLES, EVAL_VI_GOLD
from .persons import fold_diacritics

SPLITS = ("dev", "heldback")
FIELDS = ("publication date", "outlet", "outlet, listed site", "outlet, unlisted site", "title", "chrome", "persons",
          "roles", "speakers", "events", "event dates", "themes", "false dates")
NO_KIND = "none"  # the kind column or row of an event that one side does not have
SCORE_COLUMNS = ["split", "field", "n_gold", "n_pred", "tp", "fp", "fn", "precision", "recall", "f1"]
ERROR_COLUMNS = ["split", "article_id", "field", "error", "expected", "got", "evidence"]
BODY_LINE_WORDS = 5  # a removed line with this many words of letters that the gold does not list is a lost body line
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


class GoldError(ValueError):
    """The gold file is malformed; the message names the article and field."""


def fold(text: str) -> str:
    """A name for matching: diacritics folded, lower case, single spaces: `"Lê  Thành Long"` -> `"le thanh long"`.

    >>> fold("Lê  Thành Long")
    'le thanh long'
    """
    return re.sub(r"\s+", " ", fold_diacritics(text)).strip().lower()


def gold_files(path: str | Path | None = None) -> list[Path]:
    """The article gold files: a main gold file (`path`, else eval/gold.yaml) and every `<its name>_*.yaml` beside it
    (the later batches, the site groups), but not the timeline gold: gold_vi.yaml -> gold_vi.yaml, gold_vi_dev_i.yaml.

    >>> [p.name for p in gold_files()][:2]
    ['gold.yaml', 'gold_dev_c.yaml']
    """
    main = Path(path) if path is not None else EVAL_GOLD
    return [main, *sorted(p for p in main.parent.glob(f"{main.stem}_*.yaml") if p != EVAL_TIMELINE)]


def load_gold(path: str | Path | None = None) -> dict[str, dict]:
    """The gold annotation by article id, checked: `eval/gold.yaml` -> {"e01-wire-vna": {"split": "dev", ...}}.

    >>> gold = load_gold()
    >>> gold["e01-wire-vna"]["split"], gold["e01-wire-vna"]["outlet"]
    ('dev', 'Vietnam News Agency')
    """
    articles = {}
    for part in gold_files(path):
        found = yaml.safe_load(part.read_text(encoding="utf-8")).get("articles")
        if not isinstance(found, dict) or not found:
            raise GoldError(f"{part}: needs a mapping of articles under 'articles'")
        articles |= found
    for article_id, g in articles.items():
        if g.get("split") not in SPLITS:
            raise GoldError(f"{article_id}: split must be one of {SPLITS}, not {g.get('split')!r}")
        for e in g.get("events") or []:
            if e.get("precision") not in ("day", "month", "year") or not e.get("kind"):
                raise GoldError(f"{article_id}: event {e.get('evidence')!r} needs a precision and a kind")
    return articles


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts: (1, 2, 1) -> (0.5, 1.0, 0.667); NaN where undefined."""
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and p + r else (0.0 if n_pred or n_gold else float("nan"))
    return p, r, f


def as_date(value) -> pd.Timestamp:
    """A gold date (a `datetime.date` from YAML, an ISO string or None) as a Timestamp: None -> NaT."""
    return pd.Timestamp(value) if isinstance(value, date | str) else pd.NaT


def _match_sets(gold: list, pred: list, same) -> tuple[list, list, list]:
    """Greedy one-to-one matching: (matched pairs, unmatched gold, unmatched predictions)."""
    left = list(pred)
    pairs, missed = [], []
    for g in gold:
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
            pairs.append((g, hit))
    return pairs, missed, left


SCORED_TABLES = ("articles", "mentions", "roles", "quotes", "events", "themes", "dates")


def _by_article(tables: dict[str, pd.DataFrame]) -> dict[str, tuple[dict, pd.DataFrame]]:
    """Each scored table split by article once, so scoring stays linear: {"roles": ({"e01": rows}, no rows)}."""
    return {name: (dict(iter(tables[name].groupby("article_id", sort=False))), tables[name].iloc[:0])
            for name in SCORED_TABLES}


def _per_article(by_article: dict[str, tuple[dict, pd.DataFrame]], name: str, article_id: str) -> pd.DataFrame:
    """Rows of one table for one article (an empty table when it has none)."""
    groups, empty = by_article[name]
    return groups.get(article_id, empty)


class _Tally:
    """Counts and error rows for one split."""

    def __init__(self, split: str):
        self.split = split
        self.counts = {f: [0, 0, 0] for f in FIELDS}  # n_gold, n_pred, tp
        self.errors: list[tuple] = []

    def add(self, field: str, n_gold: int, n_pred: int, tp: int) -> None:
        c = self.counts[field]
        c[0], c[1], c[2] = c[0] + n_gold, c[1] + n_pred, c[2] + tp

    def error(self, article_id: str, field: str, error: str, expected, got, evidence=None) -> None:
        self.errors.append((self.split, article_id, field, error, expected, got, evidence))

    def matched(self, article_id: str, field: str, gold: list, pred: list, same, show=str) -> None:
        """Score one article's list field and record what was missed and what was invented."""
        pairs, missed, extra = _match_sets(gold, pred, same)
        self.add(field, len(gold), len(pred), len(pairs))
        for g in missed:
            self.error(article_id, field, "missed", show(g), None)
        for p in extra:
            self.error(article_id, field, "spurious", None, show(p))


def _score_published(t: _Tally, article_id: str, g: dict, row) -> None:
    gold_date, gold_precision = as_date(g.get("published")), g.get("precision")
    pred_date, pred_precision = row["published"], row["published_precision"]
    has_gold, has_pred = not pd.isna(gold_date), not pd.isna(pred_date)
    ok = has_gold and has_pred and pred_precision == gold_precision and \
        date_at_precision(pred_date, gold_precision) == date_at_precision(gold_date, gold_precision)
    t.add("publication date", int(has_gold), int(has_pred), int(ok))
    if not ok and (has_gold or has_pred):
        t.error(article_id, "publication date", "wrong" if has_gold and has_pred else
                ("missed" if has_gold else "invented"),
                date_at_precision(gold_date, gold_precision) if has_gold else None,
                date_at_precision(pred_date, pred_precision) if has_pred else None, row["published_evidence"])
    if has_pred and not has_gold:
        t.add("false dates", 0, 1, 0)
        t.error(article_id, "false dates", "publication date on an undated page", None,
                date_at_precision(pred_date, pred_precision), row["published_evidence"])


def _score_label(t: _Tally, article_id: str, field: str, expected, got, evidence=None) -> None:
    expected = re.sub(r"\s+", " ", expected).strip() if isinstance(expected, str) else None
    got = re.sub(r"\s+", " ", got).strip() if isinstance(got, str) else None
    t.add(field, int(expected is not None), int(got is not None), int(expected is not None and expected == got))
    if expected != got:
        t.error(article_id, field, "wrong" if expected and got else ("missed" if expected else "invented"),
                expected, got, evidence)


OUTLET_CLUTTER = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\b(?:19|20)\d\d\b|^the\s+"
                            r"|\s+[-–—|]\s+\S+\.[a-z]{2,}(?:\.[a-z]{2,})?$|[.,;:]+$")
LISTED_OUTLETS = frozenset(o["name"] for o in OUTLETS)


def outlet_key(name: str) -> str:
    """An outlet name for matching (outlet decision, point 3): folded, lower case, without copyright words, years,
    a leading "The" or a trailing domain: `"© 2024 The Saigon Times - thesaigontimes.vn"` -> `"saigon times"`.

    >>> outlet_key("© 2024 The Saigon Times - thesaigontimes.vn"), outlet_key("HA TINH PROVINCIAL PORTAL")
    ('saigon times', 'ha tinh provincial portal')
    """
    key = fold(name)
    for _ in range(3):  # "© 2024 The ..." takes more than one pass
        key = re.sub(r"\s+", " ", OUTLET_CLUTTER.sub(" ", key)).strip()
    return key


def _score_outlet(t: _Tally, article_id: str, g: dict, row) -> None:
    """Right when the prediction is the canonical name or a form the page prints; counted again by listed site. A
    gold outlet that is one of a listed outlet's names ("Báo Quốc tế") also takes that outlet's canonical name."""
    expected, got = g.get("outlet"), row["outlet"] if isinstance(row["outlet"], str) else None
    canonical = outlet_of_site_name(expected)
    forms = {outlet_key(f) for f in [expected, canonical, *(g.get("outlet_forms") or [])] if f}
    ok = expected is not None and got is not None and outlet_key(got) in forms
    site = "outlet, listed site" if canonical in LISTED_OUTLETS else "outlet, unlisted site"
    for field in ("outlet", site):
        t.add(field, int(expected is not None), int(got is not None), int(ok))
    if not ok and (expected or got):
        t.error(article_id, "outlet", "wrong" if expected and got else ("missed" if expected else "invented"),
                expected, got, row["outlet_evidence"])


def _score_chrome(t: _Tally, article_id: str, g: dict, row) -> None:
    body_lines = {line.strip() for line in str(row["text"]).split("\n")}
    gold_chrome = [c for c in (g.get("chrome") or []) + (g.get("captions") or [])]
    missed = [c for c in gold_chrome if c.strip() in body_lines]
    if g.get("dateline") and g["dateline"] in str(row["text"]):
        missed.append(g["dateline"])
    n_gold = len(gold_chrome) + int(bool(g.get("dateline")))
    known = {c.strip() for c in gold_chrome} | {str(g.get("title") or "").strip()}
    # the gold counts a credit line (`byline`) as neither chrome nor body: taking it out is neither a hit nor a loss
    removed = [line.strip() for col in ("boilerplate", "captions") if isinstance(row[col], str)
               for line in row[col].split("\n") if line.strip()]
    own_date = row.get("published_evidence")  # the line the page's date was read from is furniture, not body
    lost = [line for line in removed if line not in known and len(LETTER_WORD.findall(line)) >= BODY_LINE_WORDS
            and not (g.get("dateline") and g["dateline"] in line)
            and not (isinstance(own_date, str) and line in own_date)]
    t.add("chrome", n_gold, n_gold - len(missed) + len(lost), n_gold - len(missed))
    for line in missed:
        t.error(article_id, "chrome", "left in text", line, None)
    for line in lost:
        t.error(article_id, "chrome", "body line removed", None, line)


def _roles_match(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """(person, title) pairs match: same folded name, and one folded title inside the other."""
    gt, pt = fold(g[1]).removeprefix("the "), fold(p[1]).removeprefix("the ")
    return fold(g[0]) == fold(p[0]) and bool(gt) and bool(pt) and (gt in pt or pt in gt)


def _event_same(g: tuple, p: tuple, with_kind: bool = True) -> bool:
    """A gold (date, precision, kind) and a prediction: same date at the gold precision, same kind."""
    return date_at_precision(p[0], g[1]) == date_at_precision(g[0], g[1]) and (not with_kind or g[2] == p[2])


def event_kind_pairs(gold_events: list[tuple], predicted: list[tuple]) -> list[tuple[tuple, tuple]]:
    """Gold and predicted (date, precision, kind) events paired for a kind confusion matrix: first those of the same
    date and kind, then those of the same date, then each one left over against a `NO_KIND` stand-in.

    >>> day = pd.Timestamp("2024-03-14")
    >>> [(g[2], p[2]) for g, p in event_kind_pairs([(day, "day", "review")], [(day, "day", "meeting")])]
    [('review', 'meeting')]
    """
    same_kind, missed, left = _match_sets(gold_events, predicted, _event_same)
    same_day, missed, left = _match_sets(missed, left, lambda a, b: _event_same(a, b, with_kind=False))
    return [*same_kind, *same_day, *[(g, (g[0], g[1], NO_KIND)) for g in missed],
            *[((p[0], p[1], NO_KIND), p) for p in left]]


def kind_confusion(tables: dict[str, pd.DataFrame], gold: dict[str, dict], split: str = "all") -> pd.DataFrame:
    """Events counted by gold kind (rows) and predicted kind (columns), `none` where one side has no event on that
    date: which kinds a researcher can trust.

    >>> from vnmigration import build_tables
    >>> matrix = kind_confusion(build_tables(EVAL_ARTICLES), load_gold(), "dev")
    >>> matrix.index.name, matrix.columns.name, int(matrix.loc["none", "none"])
    ('gold kind', 'predicted kind', 0)
    """
    by_article = _by_article(tables)
    present = set(tables["articles"]["article_id"])
    pairs = []
    for article_id, g in sorted(gold.items()):
        if split not in ("all", g["split"]) or article_id not in present:
            continue
        pairs += [(a[2], b[2]) for a, b in event_kind_pairs(*_event_tuples(by_article, article_id, g))]
    kinds = sorted({k for pair in pairs for k in pair} - {NO_KIND}) + [NO_KIND]
    counts = pd.DataFrame(pairs, columns=["gold kind", "predicted kind"]).value_counts()
    matrix = counts.unstack(fill_value=0).reindex(index=kinds, columns=kinds, fill_value=0)
    return matrix.rename_axis(index="gold kind", columns="predicted kind")


def _event_tuples(by_article: dict, article_id: str, g: dict) -> tuple[list[tuple], list[tuple]]:
    """One page's gold events and its distinct dated predicted events, each as (date, precision, kind)."""
    events = _per_article(by_article, "events", article_id).dropna(subset=["date"])
    predicted = sorted(set(zip(events["date"], events["precision"], events["kind"], strict=True)))
    return [(as_date(e["date"]), e["precision"], e["kind"]) for e in g.get("events") or []], predicted


def _event_show(e: tuple) -> str:
    return f"{date_at_precision(e[0], e[1])} {e[2]}"


def _false_dates(t: _Tally, article_id: str, g: dict, text: str, dates: pd.DataFrame) -> None:
    """Dated rows that overlap a phrase the gold says carries no year, or is no date at all."""
    spans = [(m.start(), m.end(), phrase) for phrase in (g.get("undated") or []) + (g.get("traps") or [])
             for m in re.finditer(re.escape(phrase), text)]
    dated = dates.dropna(subset=["date"])
    false = 0
    for r in dated.itertuples():
        hit = next((p for a, b, p in spans if r.start < b and a < r.end), None)
        if hit is not None:
            false += 1
            t.error(article_id, "false dates", "dated a phrase with no year", hit,
                    date_at_precision(r.date, r.precision), r.date_text)
    t.add("false dates", 0, len(dated), len(dated) - false)


def _score_article(t: _Tally, tables: dict[str, tuple[dict, pd.DataFrame]], article_id: str, g: dict) -> None:
    row = _per_article(tables, "articles", article_id).iloc[0]
    _score_published(t, article_id, g, row)
    _score_outlet(t, article_id, g, row)
    _score_label(t, article_id, "title", g.get("title"), row["title"])
    _score_chrome(t, article_id, g, row)
    mentions = _per_article(tables, "mentions", article_id)
    authors = row["authors"].split("; ") if isinstance(row.get("authors"), str) else []  # bylined writers are persons
    persons = sorted(set(mentions.loc[mentions["kind"] == "person", "actor"]) | set(authors))
    gold_persons = [p["name"] for p in g.get("persons") or []]
    t.matched(article_id, "persons", gold_persons, persons, lambda a, b: fold(a) == fold(b))
    roles = _per_article(tables, "roles", article_id)
    t.matched(article_id, "roles", [(p["name"], title) for p in g.get("persons") or [] for title in p["titles"]],
              sorted(set(zip(roles["person"], roles["role"], strict=True))), _roles_match,
              show=lambda r: f"{r[0]}: {r[1]}")
    quotes = _per_article(tables, "quotes", article_id)
    # the gold lists named persons, not "IOM said" or "the Prime Minister said"
    bodies = set(mentions.loc[mentions["kind"].isin(["organization", "office"]), "actor"])
    speakers = sorted(set(quotes["speaker"].dropna()) - bodies)
    t.matched(article_id, "speakers", list(g.get("speakers") or []), speakers, lambda a, b: fold(a) == fold(b))
    gold_events, predicted = _event_tuples(tables, article_id, g)
    t.matched(article_id, "events", gold_events, predicted, _event_same, show=_event_show)
    for g_event, p_event in event_kind_pairs(gold_events, predicted):
        if NO_KIND not in (g_event[2], p_event[2]) and g_event[2] != p_event[2]:
            t.error(article_id, "event kind", "wrong kind", g_event[2], p_event[2], _event_show(g_event))
    dated_only = sorted({(d, p, "") for d, p, _ in predicted})
    t.matched(article_id, "event dates", gold_events, dated_only, lambda a, b: _event_same(a, b, with_kind=False),
              show=_event_show)
    themes = sorted(set(_per_article(tables, "themes", article_id)["theme"]))
    t.matched(article_id, "themes", list(g.get("themes") or []), themes, lambda a, b: a == b)
    _false_dates(t, article_id, g, str(row["text"]), _per_article(tables, "dates", article_id))


def score(tables: dict[str, pd.DataFrame], gold: dict[str, dict], split: str = "all") -> tuple[pd.DataFrame,
                                                                                             pd.DataFrame]:
    """Per-field scores and the error rows for the gold articles of a split: a perfect run -> every F1 is 1.0.

    >>> from vnmigration import build_tables
    >>> scores, errors = score(build_tables(EVAL_ARTICLES), load_gold(), "dev")
    >>> scores.columns.tolist()
    ['split', 'field', 'n_gold', 'n_pred', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1']
    >>> set(scores["split"])
    {'dev'}
    """
    splits = SPLITS if split == "all" else (split,)
    present = set(tables["articles"]["article_id"])
    by_article = _by_article(tables)
    score_rows, errors = [], []
    for name in splits:
        t = _Tally(name)
        for article_id, g in sorted(gold.items()):
            if g["split"] != name:
                continue
            if article_id not in present:
                t.error(article_id, "article", "not loaded", article_id, None)
                continue
            _score_article(t, by_article, article_id, g)
        for field, (n_gold, n_pred, tp) in t.counts.items():
            fp, fn = n_pred - tp, n_gold - tp
            if field == "false dates":  # a count of wrong dated rows: precision is the share of dated rows right
                fn, (p, r, f) = 0, ((tp / n_pred if n_pred else float("nan")), float("nan"), float("nan"))
            else:
                p, r, f = prf(tp, n_pred, n_gold)
            score_rows.append((name, field, n_gold, n_pred, tp, fp, fn, round(p, 3), round(r, 3), round(f, 3)))
        errors += t.errors
    return pd.DataFrame(score_rows, columns=SCORE_COLUMNS), pd.DataFrame(errors, columns=ERROR_COLUMNS)


def evaluate(gold: str | Path | None = None, corpus: str | Path | None = None,
             split: str = "all", reading: str = "corpus") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the whole pipeline on the evaluation folder and score it: -> (scores, errors).

    >>> import shutil, tempfile, yaml
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = shutil.copy(EVAL_ARTICLES / "e01-wire-vna.txt", folder)
    >>> gold = folder.parent / (folder.name + "-gold.yaml")
    >>> _ = gold.write_text(yaml.safe_dump({"articles": {"e01-wire-vna": load_gold()["e01-wire-vna"]}}))
    >>> scores, errors = evaluate(gold, folder, "dev")
    >>> scores.set_index("field").loc["outlet", ["n_gold", "tp", "f1"]].tolist()
    [1.0, 1.0, 1.0]
    """
    from .export import build_tables

    tables = build_tables(corpus if corpus is not None else EVAL_ARTICLES, reading=reading)
    return score(tables, load_gold(gold), split)


# Each language's evaluation set: its pages and its gold (None: eval/gold.yaml and the site-group gold beside it)
EVAL_SETS = {"en": (EVAL_ARTICLES, None), "vi": (EVAL_VI_ARTICLES, EVAL_VI_GOLD)}


def scores_by_language(split: str = "all") -> pd.DataFrame:
    """`evaluate` on each language's eval set (`EVAL_SETS`), one table with a `language` column.

    >>> scores = scores_by_language("dev")
    >>> sorted(set(scores["language"])), set(scores["split"])
    (['en', 'vi'], {'dev'})
    """
    return pd.concat([evaluate(gold, corpus, split)[0].assign(language=language)
                      for language, (corpus, gold) in EVAL_SETS.items()], ignore_index=True)


def language_side_by_side(scores: pd.DataFrame, measure: str = "f1") -> pd.DataFrame:
    """One row per field, one column per language and split ("en heldback", "vi heldback", ...): the `measure`.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"language": ["en", "vi"], "split": "dev", "field": "title", "f1": [0.96, 0.93]})
    >>> language_side_by_side(scores).loc["title"].to_dict()
    {'en dev': 0.96, 'vi dev': 0.93}
    """
    wide = scores.assign(column=scores["language"] + " " + scores["split"])
    table = wide.pivot(index="field", columns="column", values=measure).reindex(list(FIELDS))
    table.columns.name = None
    return table


def outlet_accuracy(errors: pd.DataFrame, gold: dict[str, dict], split: str) -> float:
    """Share of a split's articles whose outlet is right, NA for NA included: 1 wrong of 8 -> 0.875.

    >>> import pandas as pd
    >>> gold = {f"e{i}": {"split": "dev"} for i in range(8)}
    >>> errors = pd.DataFrame({"split": ["dev"], "field": ["outlet"], "article_id": ["e3"]})
    >>> outlet_accuracy(errors, gold, "dev")
    0.875
    """
    ids = [a for a, g in gold.items() if g["split"] == split]
    wrong = errors[(errors["split"] == split) & (errors["field"] == "outlet")]["article_id"].nunique()
    return round(1 - wrong / len(ids), 3) if ids else float("nan")


def side_by_side(scores: pd.DataFrame, measure: str = "f1") -> pd.DataFrame:
    """One row per field, one column per split: the `measure` (f1, precision or recall).

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"split": ["dev", "heldback"], "field": "outlet", "f1": [1.0, 0.875]})
    >>> side_by_side(scores).loc["outlet"].to_dict()
    {'dev': 1.0, 'heldback': 0.875}
    """
    table = scores.pivot(index="field", columns="split", values=measure).reindex(list(FIELDS))
    table.columns.name = None
    return table


def instructive_errors(errors: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """`n` errors that teach the most: one per field and kind of error in turn, dev before heldback.

    >>> import pandas as pd
    >>> errors = pd.DataFrame({"split": "dev", "article_id": ["e1", "e2", "e3"], "field": ["title", "title", "outlet"],
    ...                        "error": ["missed", "missed", "wrong"]})
    >>> instructive_errors(errors, n=2)
      split article_id   field   error
    0   dev         e3  outlet   wrong
    1   dev         e1   title  missed
    """
    ranked = errors.assign(
        field_order=errors["field"].map({f: i for i, f in enumerate(FIELDS)}),
        nth=errors.groupby(["field", "error"]).cumcount(),
    ).sort_values(["nth", "field_order", "split", "article_id"], kind="stable")
    return ranked.head(n).drop(columns=["field_order", "nth"]).reset_index(drop=True)
