"""Statements: direct quotes, reported speech, interview answers and first-person speech, each with its
speaker (`extract_quotes`)."""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from .actors import default_codebook, extract_mentions, title_run, title_sentences
from .codebook import Codebook
from .language import LANGUAGE, language_data
from .persons import fold_diacritics, honorific_pattern
from .schema import ARTICLES, MENTIONS, ROLES, SENTENCES, require
from .sentences import by_article, language_by_article

if TYPE_CHECKING:  # networkx loads only when a graph is built (0.1 s of import time otherwise)
    pass

# --- statements -------------------------------------------------------------------------------------

SPEAKING_KINDS = ("person", "office", "organization")  # the kinds of actor that say things
QUOTE_COLUMNS = ["article_id", "sentence_no", "speaker", "quote", "kind", "cue"]
SPEECH_VERBS = "|".join(language_data("speech")["verbs"])  # data/en/speech.yaml: "said", "stressed", ...
ADVERB = r"(?:(?:also|further|then|once again|\w+ly)\s+)?"
PRONOUNS = {"he": "male", "she": "female", "they": None}
PRONOUN_OF_GENDER = {gender: pronoun for pronoun, gender in PRONOUNS.items()}
DESCRIPTOR = (r"[Tt]he (?:official|(?:[Dd]eputy |[Vv]ice |[Aa]ssistant )?[Mm]inister|[Aa]mbassador|[Cc]hief"
              r"|(?:[Dd]eputy )?[Dd]irector(?:[- ][Gg]eneral)?|[Hh]ead|[Cc]hairman|[Ss]pokesperson|diplomat)")
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|my|me|we|We|our|Our|us)\b")
SPEECH_TITLE = re.compile(r"\b(?:[Rr]emarks?|[Ss]peech|[Ss]tatement|[Aa]ddress|[Kk]eynote)\s+(?:by|of)\b")
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

    def last_speaker_before(self, start: int, end: int) -> str | None:
        """The person, office or organisation mentioned last between two article offsets, a person first."""
        between = self.rows[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]
        inside = [r for r in between if r[1] <= end]
        people = [r for r in inside if r[3] == "person"]
        spoken = people or [r for r in inside if r[3] in SPEAKING_KINDS]
        return spoken[-1][2] if spoken else None

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
    languages = language_by_article(sentences)
    for article_id, spans in by_article(sentences, ["sentence_no", "start", "end", "text"]):
        hits = hits_of.get(article_id, no_hits)
        if languages.get(article_id, LANGUAGE) != LANGUAGE:  # the speaker before the verb: data/<language>/speech
            rows += [(article_id, sentence_no, *found) for sentence_no, start, _end, sentence in spans
                     if (found := _speaker_first(sentence, int(start), hits, languages[article_id]))]
            continue
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


ANSWER_HONORIFIC = re.compile(rf"{honorific_pattern()}\s+")  # "Ms. Anna Berg: We ..."


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
            cue_start = title_run(text[:a - start], codebook)
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


@cache
def _speaker_first_cues(language: str) -> tuple[re.Pattern, re.Pattern, dict]:
    """A language's speech verbs, its "according to" opener and its pronouns (data/<language>/speech.yaml)."""
    data = language_data("speech", language)
    verbs = "|".join(sorted((re.escape(v) for v in data["verbs"]), key=len, reverse=True))
    return (re.compile(rf"(?<!\w)(?:{verbs})(?!\w)"), re.compile(rf"^\W*(?:{'|'.join(data['according'])})\s"),
            dict(data["pronouns"]))


def _speaker_first(sentence: str, start: int, hits: _Hits, language: str) -> tuple | None:
    """A statement of a language that puts its speaker first, with the speaker: "Thứ trưởng Tô Anh Dũng khẳng định
    ..." -> (Tô Anh Dũng's id, the sentence, "reported", "khẳng định"); "Theo bà X, ..." -> X, "according"; a
    pronoun before the verb ("Bà cho biết") -> the last person of its gender; a direct quote is "direct"."""
    verbs, according, pronouns = _speaker_first_cues(language)
    if according.match(sentence) and (speaker := hits.person_between(start, start + min(len(sentence), 60))):
        return speaker, sentence, "according", according.match(sentence).group().strip()
    quotes = [q.span() for q in QUOTE_SPAN.finditer(sentence)]
    masked = QUOTE_SPAN.sub(lambda q: " " * len(q.group()), sentence)  # a verb inside a quote is the quote's
    verb = verbs.search(masked)
    if verb is None:
        return None
    kind = "direct" if quotes else "reported"
    pronoun = re.search(r"(\w+)\s+$", masked[:verb.start()])
    if pronoun and pronoun.group(1) in pronouns:
        speaker = hits.person_before(start + pronoun.start(1), PRONOUN_OF_GENDER[pronouns[pronoun.group(1)]])
    else:  # after a quote, the speaker is named after it: "“...”, ông Khang kể"
        since = max((b for a, b in quotes if b <= verb.start()), default=0)
        speaker = hits.last_speaker_before(start + since, start + verb.start())
    return (speaker, sentence, kind, verb.group()) if speaker else None
