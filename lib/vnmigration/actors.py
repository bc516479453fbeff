"""Actors: codebook mentions, uncoded names, roles, statements and the co-occurrence network."""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING

import ahocorasick
import pandas as pd

from .codebook import Codebook, load_codebook
from .dates import MONTHS
from .matching import automaton, word_matches
from .persons import ENDS_IN_CONJUNCTION, detect_persons, fold_diacritics, person_rules, title_after, title_before
from .schema import ARTICLES, MENTIONS, ROLES, SENTENCES, require
from .sentences import by_article

if TYPE_CHECKING:  # networkx loads only when a graph is built (0.1 s of import time otherwise)
    import networkx as nx

SPEAKING_KINDS = ("person", "office", "organization")  # the kinds of actor that say things
MENTION_COLUMNS = ["article_id", "sentence_no", "start", "end", "surface", "actor", "kind", "side", "match", "gender"]
QUOTE_COLUMNS = ["article_id", "sentence_no", "speaker", "quote", "kind", "cue"]
ROLE_COLUMNS = ["article_id", "sentence_no", "published", "person", "role", "role_normalized", "organization",
                "source", "evidence"]
SPEECH_VERBS = (r"said|says|stated|states|added|adds|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es"
                r"|highlighted|highlights|remarked|remarks|explained|acknowledged|welcomed|proposed|suggested"
                r"|affirmed|underlined|underscored|pointed (?:to|out)|told|called (?:on|for)|appreciated"
                r"|spoke highly of|spoke|expressed|urged|asked|reiterated|confirmed|praised|recommended"
                r"|announced|declared")
ADVERB = r"(?:(?:also|further|then|once again|\w+ly)\s+)?"
PRONOUNS = {"he": "male", "she": "female", "they": None}
DESCRIPTOR = (r"[Tt]he (?:official|(?:[Dd]eputy |[Vv]ice |[Aa]ssistant )?[Mm]inister|[Aa]mbassador|[Cc]hief"
              r"|(?:[Dd]eputy )?[Dd]irector(?:[- ][Gg]eneral)?|[Hh]ead|[Cc]hairman|[Ss]pokesperson|diplomat)")
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|my|me|we|We|our|Our|us)\b")
SPEECH_TITLE = re.compile(r"\b(?:[Rr]emarks?|[Ss]peech|[Ss]tatement|[Aa]ddress|[Kk]eynote)\s+(?:by|of)\b")
DEFAULT = object()


@cache
def default_codebook() -> Codebook:
    """The package codebook, loaded once.

    >>> default_codebook() is default_codebook()
    True
    """
    return load_codebook()


def _alternation(texts) -> str:
    """A regex that prefers the longest of `texts` at any position: ["IOM", "IOM Vietnam"] -> IOM Vietnam|IOM."""
    return "|".join(re.escape(t) for t in sorted(set(texts), key=lambda t: (-len(t), t)))


@cache
def _matchers(codebook: Codebook) -> tuple[ahocorasick.Automaton, dict, ahocorasick.Automaton, dict]:
    r"""Aho-Corasick automata for the full surfaces and the short forms of one codebook, with their lookups.

    `matching.word_matches` finds with them what `(?<!\w)(?:surface|...)(?!\w)`, longest first, found.
    """
    full = {s.text: s for s in codebook.surfaces if s.match != "short-form"}
    short: dict[str, list[str]] = {}
    for s in codebook.surfaces:
        if s.match == "short-form":
            short.setdefault(s.text, []).append(s.actor)
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
HONORIFICS = tuple(sorted(person_rules()["honorifics"], key=len, reverse=True))
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
    non_actor_re = re.compile(rf"(?<!\w)(?:{_alternation(codebook.non_actors)})(?!\w)")
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


def _title_run(before: str, codebook: Codebook) -> int:
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
    title = before[_title_run(before, codebook):].strip()
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
    rows = []
    for article_id, sentence_no, start, end, actor in zip(persons["article_id"], persons["sentence_no"],
                                                          persons["start"], persons["end"], persons["actor"],
                                                          strict=True):
        text, offset, source = text_of[(article_id, sentence_no)]
        a, b = start - offset, end - offset
        found = _titles_of(text, a, b, [p - offset for p in person_starts[(article_id, sentence_no)]], codebook)
        for role in found:
            in_role = [org for org, surface in orgs_in.get((article_id, sentence_no), []) if surface in role]
            rows.append((article_id, sentence_no, published.get(article_id), actor, role,
                         _normalise_role(role, codebook), in_role[0] if in_role else None, source, text))
    roles = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    return roles.drop_duplicates(["article_id", "sentence_no", "person", "role"]).reset_index(drop=True)


def _titles_of(text: str, a: int, b: int, person_starts: list[int], codebook: Codebook) -> list[str]:
    """Every title written with the name at text[a:b]: before it, as an appositive after it, or as the post it took.

    `"Deputy Minister Le Thanh Long"` -> ["Deputy Minister"]; `"Erik Berg, IOM programme manager, said"` ->
    ["IOM programme manager"]; codebook role words first, then the offices and title words of data/persons.yaml.
    """
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


# --- statements -------------------------------------------------------------------------------------

QUOTE_SPAN = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
MIN_QUOTE, MIN_CUED_QUOTE = 6, 3  # words of a quoted passage with no speech cue, and of one with a cue
NAME_FILLERS = frozenset("a an and at for from in of on the to with".split())


def quoted_name(quote: str) -> bool:
    """A quoted passage that is a name (of a project, report or event), not speech: its words are capitalised
    but for function words, and it does not end like a clause.

    >>> quoted_name("Tackling Modern Slavery from Viet Nam"), quoted_name("We will protect every migrant worker,")
    (True, False)
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", quote) if w.lower() not in NAME_FILLERS]
    return bool(words) and all(w[0].isupper() for w in words) and not quote.rstrip().endswith((",", ".", "!", "?"))


def _article_text(spans: list[tuple]) -> str:
    """An article's text rebuilt from its sentences (sentence_no, start, end, text) and their offsets."""
    size = max(end for _, _, end, _ in spans) if spans else 0
    chars = [" "] * size
    for _, start, end, text in spans:
        chars[start:end] = text
    return "".join(chars)


class _Hits:
    """One article's mentions in reading order, searchable by offset in logarithmic time."""

    def __init__(self, rows: list[tuple[int, int, str, str]]):
        self.rows = sorted(rows, key=lambda r: r[:2])  # (start, end, actor, kind, gender)
        self.starts = [r[0] for r in self.rows]
        self.people = [r for r in self.rows if r[3] == "person"]
        self.people_starts = [r[0] for r in self.people]

    def speaker_between(self, start: int, end: int) -> str | None:
        """The person, office or organisation mentioned first between two article offsets."""
        for i in range(bisect.bisect_left(self.starts, start), len(self.rows)):
            a, b, actor, kind, _ = self.rows[i]
            if a >= end:
                break
            if b <= end and kind in SPEAKING_KINDS:
                return actor
        return None

    def person_between(self, start: int, end: int) -> str | None:
        """The person mentioned first between two article offsets."""
        i = bisect.bisect_left(self.people_starts, start)
        return self.people[i][2] if i < len(self.people) and self.people[i][1] <= end else None

    def person_before(self, before: int, pronoun: str) -> str | None:
        """Who `he`/`she` is: ("she", 120) -> "Amy Pope".

        One rule for every person: the most recent person before the pronoun whose known gender (codebook,
        or an honorific such as Ms.) is the pronoun's; if there is none, the most recent person whose gender
        is unknown. `they` and descriptors take the most recent person.
        """
        gender = PRONOUNS.get(pronoun.lower())
        earlier = range(bisect.bisect_left(self.people_starts, before) - 1, -1, -1)
        if gender is None:
            return self.people[earlier[0]][2] if len(earlier) else None
        unknown = None
        for i in earlier:
            _, _, actor, _, known = self.people[i]
            if known == gender:
                return actor
            if unknown is None and pd.isna(known):
                unknown = actor
        return unknown


def _mentions_by_article(mentions: pd.DataFrame) -> dict[str, _Hits]:
    """Each article's mentions as `_Hits`, built in one pass over the mentions table."""
    rows: dict[str, list] = {}
    genders = mentions["gender"] if "gender" in mentions else [None] * len(mentions)
    for key in zip(mentions["article_id"], mentions["start"], mentions["end"], mentions["actor"], mentions["kind"],
                   genders, strict=True):
        rows.setdefault(key[0], []).append(key[1:])
    return {article_id: _Hits(found) for article_id, found in rows.items()}


def extract_quotes(sentences: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame | None = None,
                   roles: pd.DataFrame | None = None, codebook: Codebook | None = None) -> pd.DataFrame:
    """Direct quotes, reported speech, interview answers and first-person speech, each with its speaker.

    With `roles`, "the Deputy Minister said" is the person who holds that title in the article.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> extract_quotes(sentences, extract_mentions(sentences))[["sentence_no", "speaker", "kind", "cue"]]
       sentence_no       speaker    kind   cue
    0            2  Park Mihyung  direct  said
    """
    require(sentences, SENTENCES, "extract_quotes")
    require(mentions, MENTIONS, "extract_quotes", ["article_id", "start", "end", "actor", "kind"])
    if articles is not None:
        require(articles, ARTICLES, "extract_quotes", ["article_id", "title"])
    if roles is not None:
        require(roles, ROLES, "extract_quotes")
    codebook = codebook or default_codebook()
    rows = []
    speech_speakers = _speech_speakers(articles, codebook) if articles is not None else {}
    hits_of = _mentions_by_article(mentions)
    titles_of: dict[str, list[tuple[str, str]]] = {}
    if roles is not None:
        for article_id, person, role in zip(roles["article_id"], roles["person"], roles["role"], strict=True):
            titles_of.setdefault(article_id, []).append((person, fold_diacritics(role).lower()))
    no_hits = _Hits([])
    for article_id, spans in by_article(sentences, ["sentence_no", "start", "end", "text"]):
        hits = hits_of.get(article_id, no_hits)
        direct, quoted_sentences = _direct_quotes(article_id, _article_text(spans), spans, hits, codebook)
        rows += direct
        for sentence_no, start, _end, sentence in spans:
            if sentence_no in quoted_sentences:
                continue
            reported = _answer(sentence, int(start), hits) or _reported(sentence, int(start), hits, codebook,
                                                                         titles_of.get(article_id, []))
            if reported:
                rows.append((article_id, sentence_no, *reported))
            elif article_id in speech_speakers and FIRST_PERSON.search(sentence):
                rows.append((article_id, sentence_no, speech_speakers[article_id], sentence, "speech", "title"))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def _direct_quotes(article_id: str, text: str, spans: list[tuple], hits: _Hits,
                   codebook: Codebook) -> tuple[list[tuple], set[int]]:
    """Quotes rows of one article's quoted passages of six words or more, and the sentence numbers they cover."""
    rows = []
    starts = [sp[1] for sp in spans]
    quoted_sentences: set[int] = set()
    for q in QUOTE_SPAN.finditer(text):
        quote = q.group(1) or q.group(2)
        if len(quote.split()) < MIN_CUED_QUOTE:
            continue
        first = bisect.bisect_right(starts, q.start()) - 1
        last = bisect.bisect_left(starts, q.end()) - 1
        speaker, cue = _attribute(text, q.start(), q.end(), int(spans[last][2]), int(spans[first][1]), hits,
                                  codebook)
        if cue is None and (len(quote.split()) < MIN_QUOTE or quoted_name(quote)):
            continue
        rows.append((article_id, int(spans[first][0]), speaker, quote.strip(" ,"), "direct", cue))
        quoted_sentences.update(sp[0] for sp in spans[first:last + 1])
    return rows, quoted_sentences


def _attribute(text, q_start, q_end, s_end, s_start, hits: _Hits, codebook) -> tuple[str | None, str | None]:
    """Who speaks a quote: a cue after it (`," he stated`) or before it (`Long said: "`)."""
    after = text[q_end:s_end]
    if m := re.match(rf"[\s,]*(he|she|they)\s+{ADVERB}({SPEECH_VERBS})\b", after, re.IGNORECASE):
        return hits.person_before(q_start, m.group(1)), m.group(0).strip(" ,")
    if m := re.match(rf"[\s,]*{ADVERB}({SPEECH_VERBS})\b", after):
        # "said IOM Chief of Mission Anna Berg": the person the title run ends in, not the body it opens with
        clause_end = q_end + m.end() + re.match(r"[^,;]*", after[m.end():]).end()
        return (hits.person_between(q_end + m.end(), clause_end) or hits.speaker_between(q_end + m.end(), s_end),
                m.group(0).strip(" ,"))
    if (m := re.match(r"[\s,]*", after)) and (speaker := hits.speaker_between(q_end + m.end(), q_end + m.end() + 60)):
        verb = re.search(rf"\b({SPEECH_VERBS})\b", after[m.end():m.end() + 120])
        if verb:
            return speaker, verb.group(0)
    before = text[s_start:q_start]
    if m := re.search(rf"\b(he|she|they)\s+{ADVERB}({SPEECH_VERBS})(?:\s+that)?[\s,:]*$", before, re.IGNORECASE):
        return hits.person_before(q_start, m.group(1)), m.group(0).strip(" ,:")
    if m := re.search(rf"{ADVERB}({SPEECH_VERBS})(?:\s+that)?[\s,:]*$", before):
        return hits.speaker_between(s_start, s_start + m.start()), m.group(0).strip(" ,:")
    return None, None


def _answer(text: str, start: int, hits: _Hits) -> tuple | None:
    """An interview answer: a sentence that opens with a person's name, after an honorific or not, and a colon:
    `"Anna Berg: We ..."`, `"Ms. Anna Berg: We ..."`."""
    honorific = ANSWER_HONORIFIC.match(text)
    name_at = start + (honorific.end() if honorific else 0)
    i = bisect.bisect_left(hits.starts, name_at)
    if i < len(hits.rows) and hits.rows[i][0] == name_at and hits.rows[i][3] == "person":
        b = hits.rows[i][1] - start
        if text[b:b + 1] == ":" and len(text[b + 1:].split()) >= 3:
            return hits.rows[i][2], text[b + 1:].strip(), "interview", text[:b + 1]
    return None


ANSWER_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof|Madame)\.?\s+")


def _holder(titles: list[tuple[str, str]], descriptor: str) -> str | None:
    """The one person in an article whose title holds a descriptor: "the Deputy Minister" -> that person."""
    office = descriptor.lower().removeprefix("the ").strip()
    holders = {person for person, role in titles if office in role}
    return holders.pop() if len(holders) == 1 else None


def _reported(text: str, start: int, hits: _Hits, codebook: Codebook,
              titles: list[tuple[str, str]] = ()) -> tuple | None:
    """Reported speech in one sentence: `"Dung stressed"` or `"she said"` -> (speaker, clause, "reported", cue)."""
    verb = rf"(?:\s*,[^.;:\"“”]{{1,160}}?,)?\s+{ADVERB}({SPEECH_VERBS})\b(?:\s+that\b)?"
    end = start + len(text)
    for i in range(bisect.bisect_left(hits.starts, start), len(hits.rows)):
        a, b, actor, kind, _ = hits.rows[i]
        if a >= end:
            break
        if b > end or kind not in SPEAKING_KINDS:
            continue
        if m := re.match(verb, text[b - start:]):
            cue_start = _title_run(text[:a - start], codebook)
            cue_end = b - start + m.end()
            return actor, _reported_clause(text, cue_start, cue_end), "reported", text[cue_start:cue_end].strip()
    pronoun = re.search(rf"\b(he|she|He|She|{DESCRIPTOR}){verb}", text)
    if pronoun:
        word = pronoun.group(1).split()[-1] if pronoun.group(1).lower() in PRONOUNS else "they"
        speaker = (word == "they" and _holder(list(titles), pronoun.group(1))) \
            or hits.person_before(start + pronoun.start(), word)
        return (speaker, _reported_clause(text, pronoun.start(), pronoun.end()), "reported",
                pronoun.group(0).strip())
    return None


def _reported_clause(text: str, a: int, b: int) -> str:
    """What was said, without the cue: after it (`"Long said that X."`), before it (`"X, Dung stressed."`),
    or around it when the cue is parenthetical (`"X, he said, Y."` -> `"X, Y."`)."""
    before, after = text[:a].rstrip(), text[b:].strip()
    if len(after.rstrip(".").split()) < 2:
        out = before.rstrip(",") + "."
    elif before.endswith(",") and after.startswith(","):
        out = before + " " + after.lstrip(", ")
    else:
        out = after
    return re.sub(r"\s+", " ", out).strip(" ,")


def _speech_speakers(articles: pd.DataFrame, codebook: Codebook) -> dict[str, str]:
    """Speeches whose title names the speaker: `"Opening remark by ... Park Mihyung"` -> {id: "Park Mihyung"}."""
    titles = title_sentences(articles)
    titles = titles[titles["text"].str.contains(SPEECH_TITLE)]
    found = extract_mentions(titles, codebook)
    people = found[found["kind"] == "person"].drop_duplicates("article_id")
    return dict(zip(people["article_id"], people["actor"], strict=True))


# --- network ----------------------------------------------------------------------------------------

def actor_edges(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors that share a sentence or an article: source, target, sentences, articles.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> edges = actor_edges(extract_mentions(sentences))
    >>> edges[edges["source"] == "Nguyen Van Lam"]
               source        target  sentences  articles
    5  Nguyen Van Lam  Park Mihyung          1         1
    """
    require(mentions, MENTIONS, "actor_edges", ["article_id", "sentence_no", "actor"])
    pairs: dict[tuple[str, str], list[int]] = {}
    for level, keys in (("sentences", ["article_id", "sentence_no"]), ("articles", ["article_id"])):
        for _, group in mentions.groupby(keys, sort=True):
            for a, b in combinations(sorted(set(group["actor"])), 2):
                pairs.setdefault((a, b), [0, 0])[0 if level == "sentences" else 1] += 1
    rows = [(a, b, s, n) for (a, b), (s, n) in sorted(pairs.items())]
    return pd.DataFrame(rows, columns=["source", "target", "sentences", "articles"])


def actor_graph(edges: pd.DataFrame, mentions: pd.DataFrame, level: str = "sentences") -> nx.Graph:
    """A weighted graph at one level (`sentences` or `articles`): `weight` counts the shared units.

    Nodes carry kind, side and mention count; pairs that never share a unit at that level get no edge.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> mentions = extract_mentions(sentences)
    >>> graph = actor_graph(actor_edges(mentions), mentions)
    >>> sorted(graph.edges(data="weight"))[:2]
    [('Hanoi', 'International Organization for Migration', 1), ('Hanoi', 'Nguyen Van Lam', 1)]
    """
    require(mentions, MENTIONS, "actor_graph", ["actor", "kind", "side"])
    import networkx as nx

    graph = nx.Graph()
    counts = mentions.groupby("actor").agg(n=("actor", "size"), kind=("kind", "first"), side=("side", "first"))
    for actor, r in counts.iterrows():
        graph.add_node(actor, mentions=int(r["n"]), kind=r["kind"], side=r["side"])
    for r in edges[edges[level] > 0].itertuples():
        weight = getattr(r, level)
        graph.add_edge(r.source, r.target, weight=weight, sentences=r.sentences, articles=r.articles,
                       distance=1 / weight)
    return graph


def actor_centrality(graph: nx.Graph) -> pd.DataFrame:
    """Degree, weighted degree and betweenness (on 1/weight distances) per actor, most central first.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> mentions = extract_mentions(sentences)
    >>> actor_centrality(actor_graph(actor_edges(mentions), mentions))[["actor", "degree", "side", "mentions"]]
                                          actor  degree     side  mentions
    0                                     Hanoi       3    place         1
    1  International Organization for Migration       3      iom         1
    2                            Nguyen Van Lam       3  unknown         1
    3                              Park Mihyung       3      iom         2
    """
    import networkx as nx

    between = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    rows = [(a, graph.degree(a), graph.degree(a, weight="weight"), round(between[a], 4),
             graph.nodes[a]["side"], graph.nodes[a]["mentions"]) for a in graph.nodes]
    return (pd.DataFrame(rows, columns=["actor", "degree", "weighted_degree", "betweenness", "side", "mentions"])
            .sort_values(["betweenness", "degree", "actor"], ascending=[False, False, True], ignore_index=True))
