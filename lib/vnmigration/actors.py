"""Actors: codebook mentions, uncoded names and the roles people hold."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick
import pandas as pd

from .codebook import Codebook, load_codebook
from .dates import MONTHS
from .language import LANGUAGE
from .matching import automaton, literal_alternation, word_matches
from .persons import (
    ENDS_IN_CONJUNCTION,
    detect_persons,
    fold_diacritics,
    gloss_title,
    person_rules,
    title_after,
    title_before,
)
from .schema import ARTICLES, MENTIONS, ROLES, SENTENCES, require
from .sentences import by_article, language_by_article

if TYPE_CHECKING:  # networkx loads only when a graph is built (0.1 s of import time otherwise)
    pass

MENTION_COLUMNS = ["article_id", "sentence_no", "start", "end", "surface", "actor", "kind", "side", "match", "gender"]
ROLE_COLUMNS = ["article_id", "sentence_no", "published", "person", "role", "role_normalized", "organization",
                "source", "evidence", "role_en"]
DEFAULT = object()


@cache
def default_codebook() -> Codebook:
    """The package codebook, loaded once.

    >>> default_codebook() is default_codebook()
    True
    """
    return load_codebook()


@cache
def _matchers(codebook: Codebook) -> tuple[ahocorasick.Automaton, dict, ahocorasick.Automaton, dict]:
    r"""Aho-Corasick automata for the full surfaces and the short forms of one codebook, with their lookups.

    `matching.word_matches` finds with them what `(?<!\w)(?:surface|...)(?!\w)`, longest first, found. The text is
    matched with its diacritics folded, so the surfaces are too ("Bộ Ngoại giao" -> "Bo Ngoai giao"); where two
    fold alike, the one written without diacritics is kept.
    """
    full: dict[str, object] = {}
    short: dict[str, list[str]] = {}
    for s in sorted(codebook.surfaces, key=lambda s: not s.text.isascii()):
        if s.match == "short-form":
            owners = short.setdefault(fold_diacritics(s.text), [])
            owners += [s.actor] if s.actor not in owners else []
        else:
            full.setdefault(fold_diacritics(s.text), s)
    return automaton(full), full, automaton(short), short


def mask_actors(texts: pd.Series, codebook: Codebook | None = None) -> pd.Series:
    """Texts with every codebook name blanked out, for topic models: `"IOM met in Hanoi"` -> `"  met in  "`.

    >>> import pandas as pd
    >>> mask_actors(pd.Series(["IOM met in Hanoi"])).tolist()
    ['    met in      ']
    """
    full = _matchers(codebook or default_codebook())[0]
    return texts.map(lambda t: _blank(_normalise(t), full))


def _blank(text: str, full: ahocorasick.Automaton) -> str:
    """`text` with each codebook surface replaced by as many spaces: "IOM met" -> "    met".

    >>> _blank("IOM met", _matchers(default_codebook())[0])
    '    met'
    """
    parts, pos = [], 0
    for a, b, _ in word_matches(full, text):
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    return "".join(parts) + text[pos:]


def _normalise(text: str) -> str:
    """Curly apostrophes to straight and diacritics folded, keeping every offset: `"Lê’s"` -> `"Le's"`."""
    return fold_diacritics(text.replace("’", "'"))


def _article_mentions(article_id: str, rows, codebook: Codebook) -> list[tuple]:
    """Mentions in one article's sentences, in reading order, with short forms resolved within the article."""
    full_words, full, short_words, short = _matchers(codebook)
    seen: set[str] = set()
    out = []
    for sentence_no, text, offset in rows:
        norm = _normalise(text)
        found = []
        for a, b, word in word_matches(full_words, norm):
            surface = full[word]
            if surface.context is not None and not surface.context.match(norm, b):
                continue
            found.append((a, b, word, surface.actor, surface.match))
        found += _listed_ministries(norm, full)
        taken = [(a, b) for a, b, *_ in found]
        for start, end, word in word_matches(short_words, norm):
            owners = [p for p in short[word] if p in seen or any(f[3] == p and f[0] < start for f in found)]
            if len(owners) == 1 and not any(a < end and start < b for a, b in taken):
                found.append((start, end, word, owners[0], "short-form"))
        for a, b, _, actor, match in sorted(found):
            attrs = codebook.attributes(actor)
            out.append((article_id, sentence_no, offset + a, offset + b, text[a:b], actor, attrs["kind"],
                        attrs["side"], match, attrs["gender"]))
            if match != "short-form":
                seen.add(actor)
    return out


LISTED = re.compile(r"\bMinistries of ([^.]*)")


def _listed_ministries(text: str, full: dict) -> list[tuple]:
    """Ministries named in a list: `"Ministries of Justice; and Public Security"` -> Ministry of Justice, ..."""
    found = []
    for m in LISTED.finditer(text):
        pos = m.start(1)
        for item in m.group(1).split(";"):
            lead = len(item) - len(item.lstrip())
            body = re.sub(r"^and\s+", "", item.lstrip())
            start = pos + lead + (len(item.lstrip()) - len(body))
            words = list(re.finditer(r"\S+", body))
            for k in range(len(words), 0, -1):
                name = body[:words[k - 1].end()].rstrip(",")
                surface = full.get("Ministry of " + name)
                if surface is not None:
                    found.append((start, start + len(name), name, surface.actor, "alias"))
                    break
            pos += len(item) + 1
    return found


def extract_mentions(sentences: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Actors in the body, one row per mention: `"IOM Vietnam said"` -> IOM Viet Nam (alias).

    Codebook actors first (names matched with or without diacritics); then persons the codebook lacks,
    found from title cues and name shape (`match` = detected or short-form, side unknown; `persons.py`).

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> extract_mentions(sentences)[["sentence_no", "surface", "kind", "match"]]
       sentence_no         surface          kind     match
    0            1  Nguyen Van Lam        person  detected
    1            1             IOM  organization     alias
    2            1    Park Mihyung        person     exact
    3            1           Hanoi         place     exact
    4            2    Park Mihyung        person     exact
    """
    require(sentences, SENTENCES, "extract_mentions", ["article_id", "sentence_no", "text", "start"])
    codebook = codebook or default_codebook()
    rows = []
    for article_id, group in by_article(sentences, ["sentence_no", "text", "start"]):
        rows += _article_mentions(article_id, group, codebook)
    coded = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    detected = detect_persons(sentences, coded)
    both = pd.concat([coded, detected], ignore_index=True) if len(detected) else coded
    return both.sort_values(["article_id", "sentence_no", "start"], kind="stable", ignore_index=True).astype(
        {"article_id": "string", "sentence_no": "int64", "start": "int64", "end": "int64"})


# --- uncoded candidates -----------------------------------------------------------------------------

NAME_LIKE = re.compile(r"[A-Z][\w'’.-]*(?:(?:\s+(?:of|for|on|and|the|in|to)){0,2}\s+[A-Z][\w'’-]*)*")
STOP_CAPITALS = person_rules()["not_name_words"]
MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS)
HONORIFICS = tuple(h for h, _ in person_rules()["honorifics_longest_first"])  # data/en/persons.yaml, longest first
HONORIFIC_WORD = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?!\w)")


def _trim_candidate(tokens: list[str], codebook: Codebook) -> list[str]:
    """Drop leading/trailing titles, months and function words: ["The", "Deputy", "Minister"] -> []."""
    skip = STOP_CAPITALS | MONTH_NAMES | codebook.role_words | {"of", "for", "on", "and", "the", "in", "to"}
    while tokens and (tokens[0] in skip or tokens[0].rstrip(".") + "." in HONORIFICS):
        tokens = tokens[1:]
    while tokens and (tokens[-1] in skip or tokens[-1].rstrip(".") + "." in HONORIFICS):
        tokens = tokens[:-1]
    return tokens


UNCODED_COLUMNS = ["candidate", "kind", "titles", "n_mentions", "n_articles", "first_article", "example"]


def uncoded_candidates(sentences: pd.DataFrame, mentions: pd.DataFrame, roles: pd.DataFrame | None = None,
                       codebook: Codebook | None = None) -> pd.DataFrame:
    """Candidates for the codebook, with counts: detected persons with their titles (`Tran Van Nam`, "Deputy
    Minister"), and capitalised name-like phrases no entry covers (`World Migration Report`).

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> mentions = extract_mentions(sentences)
    >>> uncoded_candidates(sentences, mentions)[["candidate", "kind", "n_mentions"]]
            candidate               kind  n_mentions
    0  Nguyen Van Lam  person (detected)           1
    """
    return merge_uncoded([uncoded_part(sentences, mentions, roles, codebook)])


def uncoded_part(sentences: pd.DataFrame, mentions: pd.DataFrame, roles: pd.DataFrame | None = None,
                 codebook: Codebook | None = None) -> dict[str, list]:
    """One partition's candidates: {name: [n_mentions, n_articles, first_article, example, kind, titles]}.

    Articles never span partitions, so `merge_uncoded` sums the counts of several parts.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> part = uncoded_part(sentences, extract_mentions(sentences))
    >>> part["Nguyen Van Lam"][:4]
    [1, 1, 'a1', 'Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi.']
    """
    require(sentences, SENTENCES, "uncoded_candidates", ["article_id", "sentence_no", "text", "start"])
    require(mentions, MENTIONS, "uncoded_candidates", [*MENTIONS.columns, "side", "match"])
    if roles is not None:
        require(roles, ROLES, "uncoded_candidates", ["person", "role"])
    codebook = codebook or default_codebook()
    covered: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for r in mentions.itertuples():
        covered.setdefault((r.article_id, r.sentence_no), []).append((r.start, r.end))
    non_actor_re = re.compile(rf"(?<!\w)(?:{literal_alternation(codebook.non_actors)})(?!\w)")
    found: dict[str, list] = {}
    for r in sentences.itertuples():
        spans = covered.get((r.article_id, r.sentence_no), [])
        spans = spans + [(r.start + m.start(), r.start + m.end()) for m in non_actor_re.finditer(r.text)]
        for m in NAME_LIKE.finditer(r.text):
            a, b = r.start + m.start(), r.start + m.end()
            if any(x < b and a < y for x, y in spans) or (m.start() and not r.text[m.start() - 1].isspace()
                                                           and r.text[m.start() - 1] not in "(“\"'‘"):
                continue
            tokens = _trim_candidate(re.sub(r"['’]s$", "", m.group()).split(), codebook)
            name = " ".join(tokens)
            if not name or name in codebook.non_actors or (m.start() == 0 and len(tokens) == 1):
                continue
            found.setdefault(name, []).append((r.article_id, r.sentence_no, r.text))
    part = {name: [len(hits), len({h[0] for h in hits}), hits[0][0], hits[0][2], "name", set()]
            for name, hits in found.items()}
    return part | _detected_part(sentences, mentions, roles)


def _detected_part(sentences: pd.DataFrame, mentions: pd.DataFrame, roles: pd.DataFrame | None) -> dict[str, list]:
    """Persons found outside the codebook, as codebook candidates with every title the texts give them."""
    detected = mentions[mentions["match"].isin(["detected", "short-form"]) & (mentions["side"] == "unknown")]
    if detected.empty:
        return {}
    keys = zip(sentences["article_id"], sentences["sentence_no"], strict=True)
    text_of = dict(zip(keys, sentences["text"], strict=True))
    titles: dict[str, set] = {}
    if roles is not None:
        for person, role in zip(roles["person"], roles["role"], strict=True):
            titles.setdefault(person, set()).add(role)
    part = {}
    for actor, group in detected.groupby("actor", sort=True):
        first = group.iloc[0]
        part[actor] = [len(group), group["article_id"].nunique(), first["article_id"],
                       text_of.get((first["article_id"], first["sentence_no"])), "person (detected)",
                       titles.get(actor, set())]
    return part


def merge_uncoded(parts, rank=None) -> pd.DataFrame:
    """The uncoded candidates table from `uncoded_part` results, in reading order.

    The first article and example come from the earliest part, or, given `rank` (article_id -> position),
    from the part whose first article ranks lowest.

    >>> part = {"Tran Van Nam": [2, 1, "a1", "Tran Van Nam spoke.", "person (detected)", {"Deputy Minister"}]}
    >>> merge_uncoded([part, part])[["candidate", "titles", "n_mentions", "n_articles"]]
          candidate           titles  n_mentions  n_articles
    0  Tran Van Nam  Deputy Minister           4           2
    """
    merged: dict[str, list] = {}
    for part in parts:
        fold_uncoded(merged, part, rank)
    # A single ordinary capitalised word (`States`) counts only when it recurs; acronyms and persons always count.
    rows = [(name, kind, "; ".join(sorted(titles)) or None, n, n_articles, first, example)
            for name, (n, n_articles, first, example, kind, titles) in merged.items()
            if kind != "name" or " " in name or re.search(r"[A-Z].*[A-Z]", name) or n > 1]
    return (pd.DataFrame(rows, columns=UNCODED_COLUMNS)
            .sort_values(["n_mentions", "candidate"], ascending=[False, True], ignore_index=True))


def fold_uncoded(merged: dict[str, list], part: dict[str, list], rank=None) -> dict[str, list]:
    """Add one `uncoded_part` into a running part, in place (and return it): counts add up, the first stays.

    >>> part = {"Tran Van Nam": [2, 1, "a1", "Tran Van Nam spoke.", "person (detected)", set()]}
    >>> fold_uncoded(fold_uncoded({}, part), part)
    {'Tran Van Nam': [4, 2, 'a1', 'Tran Van Nam spoke.', 'person (detected)', set()]}
    """
    for name, (n, n_articles, first, example, kind, titles) in part.items():
        row = merged.get(name)
        if row is None:
            merged[name] = [n, n_articles, first, example, kind, set(titles)]
            continue
        row[0] += n
        row[1] += n_articles
        row[5] |= titles
        if rank is not None and rank(first) < rank(row[2]):
            row[2], row[3] = first, example
    return merged


# --- roles ------------------------------------------------------------------------------------------

CONNECTORS = frozenset({"of", "and", "for", "the", "at", "to"})


def title_run(before: str, codebook: Codebook) -> int:
    """Where the run of capitalised words right before a name starts: `"with IOM General Director "` -> 5."""
    end = len(before.rstrip())
    pos = end
    for m in reversed(list(re.finditer(r"\S+", before[:end]))):
        token = m.group()
        honorific = token.rstrip(".") + "." in HONORIFICS
        if (token[-1] in ",;:.(" and not honorific) or not (token[0].isupper() or token in CONNECTORS):
            break
        pos = m.start()
    return pos


def _title_before(before: str, codebook: Codebook) -> str | None:
    """The title right before a name: `"...with IOM General Director "` -> `"IOM General Director"`."""
    title = before[title_run(before, codebook):].strip()
    last = title.split(" and ")[-1]
    if set(re.split(r"[\s-]", last)) & codebook.role_words:  # "X Do Hung Viet and IOM Chief of Mission"
        title = last
    title = HONORIFIC_WORD.sub(" ", title)
    kept = title.split()
    while kept and (kept[0] in CONNECTORS or kept[0] in STOP_CAPITALS):
        kept = kept[1:]
    title = " ".join(kept)
    if ENDS_IN_CONJUNCTION.search(title):
        return None
    words = set(re.split(r"[\s-]", title)) | {title}
    return title if title and words & codebook.role_words else None


def _own_part(title: str, codebook: Codebook) -> str:
    """The part of a title before a name that is the name's own: after " to " when that part is an office
    itself, since the office before " to " is the sentence subject's.

    >>> _own_part("Senior Migration Advisor to US President", default_codebook())
    'US President'
    >>> _own_part("Australian Ambassador to Viet Nam", default_codebook())
    'Australian Ambassador to Viet Nam'
    """
    _, to, own = title.rpartition(" to ")
    own = own.removeprefix("the ")
    return own if to and set(re.split(r"[\s-]", own)) & codebook.role_words else title


@cache
def _appositive(codebook: Codebook) -> re.Pattern:
    """A capitalised title right after a name (`", Head of the Permanent Mission to the UN"`), read through the
    codebook's misspelt function words (`eth` for `the`)."""
    connectors = "|".join(["of", "and", "for", "the", "at", "to", "in"] + [re.escape(t) for t in codebook.word_typos])
    return re.compile(rf"^\s*(?:,|\s-|–)\s*((?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w'’-]*|{connectors}))*)")
ASSUMED = re.compile(r"\b(?:assumed|took up|took|was appointed to|was appointed as|was elected)\s+(?:the\s+)?"
                     r"(?:post|office|position|role)\s+of\s+(?:the\s+)?"
                     r"([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|and))*)")


def _normalise_role(role: str, codebook: Codebook) -> str:
    """`"IOM General Director"` -> `"Director General"`: drop organisation words, map synonyms."""
    for old, new in codebook.role_synonyms.items():
        role = role.replace(old, new)
    words = role.split()
    while words and words[0] not in codebook.role_words:
        words = words[1:]
    core = []
    for w in words:
        if w in codebook.role_words or (core and w in CONNECTORS):
            core.append(w)
        else:
            break
    while core and core[-1] in CONNECTORS:
        core.pop()
    return " ".join(core) or role


def extract_roles(sentences: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame,
                  codebook: Codebook | None = None) -> pd.DataFrame:
    """Titles attached to persons, dated by the article: `"Deputy Prime Minister Le Thanh Long"` -> role.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": [pd.Timestamp("2021-11-25")], "title": [None]})
    >>> extract_roles(sentences, extract_mentions(sentences), articles)[["person", "role", "role_normalized"]]
               person                  role   role_normalized
    0  Nguyen Van Lam       Deputy Minister   Deputy Minister
    1    Park Mihyung  IOM Chief of Mission  Chief of Mission
    """
    require(sentences, SENTENCES, "extract_roles", ["article_id", "sentence_no", "text", "start"])
    require(mentions, MENTIONS, "extract_roles", [*MENTIONS.columns, "surface"])
    require(articles, ARTICLES, "extract_roles", ["article_id", "published", "title"])
    codebook = codebook or default_codebook()
    titles = title_sentences(articles)
    title_mentions = extract_mentions(titles, codebook)
    both = pd.concat([sentences.assign(source="body"), titles.assign(source="title")], ignore_index=True)
    all_mentions = pd.concat([mentions, title_mentions], ignore_index=True)
    published = dict(zip(articles["article_id"], articles["published"], strict=True))
    text_of = {key[:2]: key[2:] for key in zip(both["article_id"], both["sentence_no"], both["text"], both["start"],
                                                 both["source"], strict=True)}
    persons = all_mentions[all_mentions["kind"] == "person"]
    person_starts: dict[tuple, list[int]] = {}
    for key in zip(persons["article_id"], persons["sentence_no"], persons["start"], strict=True):
        person_starts.setdefault(key[:2], []).append(key[2])
    orgs = all_mentions[all_mentions["kind"] == "organization"]
    orgs_in: dict[tuple, list[tuple[str, str]]] = {}
    for key in zip(orgs["article_id"], orgs["sentence_no"], orgs["actor"], orgs["surface"], strict=True):
        orgs_in.setdefault(key[:2], []).append(key[2:])
    languages = language_by_article(sentences)
    rows = []
    for article_id, sentence_no, start, end, actor in zip(persons["article_id"], persons["sentence_no"],
                                                          persons["start"], persons["end"], persons["actor"],
                                                          strict=True):
        text, offset, source = text_of[(article_id, sentence_no)]
        a, b = start - offset, end - offset
        language = languages.get(article_id, LANGUAGE)
        found = _titles_of(text, a, b, [p - offset for p in person_starts[(article_id, sentence_no)]], codebook,
                           language)
        for role in found:
            in_role = [org for org, surface in orgs_in.get((article_id, sentence_no), []) if surface in role]
            gloss = gloss_title(role, language)
            rows.append((article_id, sentence_no, published.get(article_id), actor, role,
                         _normalise_role(gloss or role, codebook), in_role[0] if in_role else None, source, text,
                         gloss))
    roles = pd.DataFrame(rows, columns=ROLE_COLUMNS).astype({"published": "datetime64[ns]"})  # typed when empty too
    return roles.drop_duplicates(["article_id", "sentence_no", "person", "role"]).reset_index(drop=True)


def _titles_of(text: str, a: int, b: int, person_starts: list[int], codebook: Codebook,
               language: str = LANGUAGE) -> list[str]:
    """Every title written with the name at text[a:b]: before it, as an appositive after it, or as the post it took.

    `"Deputy Minister Le Thanh Long"` -> ["Deputy Minister"]; `"Erik Berg, IOM programme manager, said"` ->
    ["IOM programme manager"]; codebook role words first, then the offices and title words of data/en/persons.yaml.
    """
    if language != LANGUAGE:  # the office before the name, the appositive after it: data/<language>/persons.yaml
        before = title_before(text, a, language)
        before = before if before and not any(a - len(before) - 1 <= p < a for p in person_starts) else None
        return [t for t in (before, title_after(text, b, language)) if t]
    found = []
    if title := _title_before(text[:a], codebook) or title_before(text, a):
        found.append(_own_part(title, codebook))
    app = _appositive(codebook).match(text[b:])
    if app and set(re.split(r"[\s-]", app.group(1))) & codebook.role_words and not any(
            b < p < b + app.end() for p in person_starts):
        found.append(app.group(1).strip())
    elif (after := title_after(text, b)) and not any(b < p < b + len(after) + 4 for p in person_starts):
        found.append(after)
    if (assumed := ASSUMED.search(text, b)) and assumed.start() - b < 40:
        found.append(assumed.group(1).strip())
    return found


def title_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Article titles shaped like sentences (sentence_no 0, offsets into the title) for matching.

    >>> import pandas as pd
    >>> title_sentences(pd.DataFrame({"article_id": ["a1", "a2"], "title": ["IOM opens an office", None]}))
      article_id  sentence_no                 text  start  end
    0         a1            0  IOM opens an office      0   19
    """
    titled = articles.dropna(subset=["title"])
    return pd.DataFrame({"article_id": titled["article_id"].astype("string"), "sentence_no": 0,
                         "text": titled["title"].astype("string"), "start": 0,
                         "end": titled["title"].str.len()}).reset_index(drop=True)
