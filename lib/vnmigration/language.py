"""Knowledge by language: data/<language>/<name>.yaml, read once and handed out as an immutable value.

English is the first language (`data/en/`); a second is a second folder of the same files beside it
(dateparser's per-language data is the model). Every caller gets the same frozen value: tuples for lists and
read-only mappings for dicts, so no caller can change what another reads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from .paths import DATA

LANGUAGE = "en"  # the language the package reads today


def frozen(value):
    """A YAML value made immutable, all the way down: lists -> tuples, dicts -> read-only mappings.

    >>> frozen({"months": [["May"]]})["months"]
    (('May',),)
    """
    if isinstance(value, dict):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    return value


def language_path(name: str, language: str = LANGUAGE) -> Path:
    """Where a language keeps one kind of knowledge: ("event_rules", "vi") -> data/vi/event_rules.yaml.

    >>> language_path("event_rules", "vi").relative_to(DATA).as_posix()
    'vi/event_rules.yaml'
    """
    return DATA / language / f"{name}.yaml"


@cache
def language_data(name: str, language: str = LANGUAGE) -> MappingProxyType:
    """data/<language>/<name>.yaml, read once, frozen: `language_data("calendar")["months"][4]` -> `("May",)`.

    >>> language_data("calendar")["months"][4]
    ('May',)
    """
    path = language_path(name, language)
    if not path.is_file():
        raise FileNotFoundError(f"no {name} data for language {language!r}: {path} is missing")
    return frozen(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def languages() -> tuple[str, ...]:
    """The languages the package has data for, English first: `("en", "vi")`.

    >>> languages()[0]
    'en'
    """
    others = sorted(p.name for p in DATA.iterdir() if p.is_dir() and p.name != LANGUAGE)
    return (LANGUAGE, *others)


@cache
def all_languages(name: str) -> MappingProxyType:
    """Every language's data/<language>/<name>.yaml, one list per key, English first: for knowledge that crosses
    languages on one page (an English page of a Vietnamese site keeps "Chia sẻ" in its share bar).

    >>> words = all_languages("chrome")["share_words"]
    >>> "Share" in words and "Chia sẻ" in words
    True
    """
    merged: dict[str, list] = {}
    for language in languages():
        if (DATA / language / f"{name}.yaml").is_file():
            for key, items in language_data(name, language).items():
                if items is None or isinstance(items, tuple):  # lists merge; a language's own numbers do not
                    merged.setdefault(key, []).extend(items or ())
    return frozen(merged)


# The languages whose pages the package reads: those with a date grammar's calendar (data/<language>/calendar.yaml).
# A page in another language is kept, with an `unread-language` problem, and has no sentences.
READ_LANGUAGES = tuple(language for language in languages() if (DATA / language / "calendar.yaml").is_file())


# The old ("hoà", "thoả", "uỷ") and the modern ("hòa", "thỏa", "ủy") placement of a Vietnamese tone mark in "oa",
# "oe" and "uy": both are in use, and data/vi/ writes the modern one. Each pair is two characters either way.
_OLD_TONES = {"o" + old: new + "a" for old, new in zip("àáảãạ", "òóỏõọ", strict=True)} | \
    {"o" + old: new + "e" for old, new in zip("èéẻẽẹ", "òóỏõọ", strict=True)} | \
    {"u" + old: new + "y" for old, new in zip("ỳýỷỹỵ", "ùúủũụ", strict=True)}
_OLD_TONE = re.compile("|".join(_OLD_TONES))


def vietnamese_lower(text: str) -> str:
    """Vietnamese text lower-cased, tone marks in their modern place, every offset kept: "Hoà nhập" -> "hòa nhập".

    >>> vietnamese_lower("Thoả thuận về Tái hoà nhập")
    'thỏa thuận về tái hòa nhập'
    """
    lowered = text.lower()
    return _OLD_TONE.sub(lambda m: _OLD_TONES[m.group()], lowered) if len(lowered) == len(text) else text


# A page's language is py3langid's guess (a naive Bayes model over byte n-grams, 97 languages, shipped inside the
# package) from the first LANGUAGE_SAMPLE characters of its body: on the 173 eval pages (141 English-set, 32
# Vietnamese) it named all 173 right from 500 characters on, 0.035 s for all. Under LANGUAGE_MIN_WORDS words the guess
# is unsure (80 characters of an English lead gave "bcl"), so a short text is Vietnamese when a fifth of its words
# carry letters only Vietnamese writes, else English, as before.
LANGUAGE_SAMPLE, LANGUAGE_MIN_WORDS = 1000, 30
LETTER_RUN = re.compile(r"[^\W\d_]+")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def language_of(text: str) -> str:
    """The ISO 639-1 code of a page's language: "The ministry and IOM met in Hanoi ..." -> "en"; "Bộ Ngoại giao
    tiếp ..." -> "vi".

    >>> language_of("The ministry and the IOM met in Hanoi to discuss the plan for migrants.")
    'en'
    >>> language_of("Chiều 14/11, Bộ Ngoại giao tiếp đoàn IOM")
    'vi'
    """
    words = _sample_words(text)
    if len(words) < LANGUAGE_MIN_WORDS:
        return _by_letters(words)
    import py3langid
    return py3langid.classify(text[:LANGUAGE_SAMPLE])[0]


def _sample_words(text: str) -> list[str]:
    """The words of a page's first LANGUAGE_SAMPLE characters, letters only: "Bộ 12 Ngoại" -> ["Bộ", "Ngoại"]."""
    return LETTER_RUN.findall(text[:LANGUAGE_SAMPLE])


def _by_letters(words: list[str]) -> str:
    """"vi" when a fifth of the words carry letters only Vietnamese writes, else "en": ["Bộ", "Ngoại"] -> "vi"."""
    return "vi" if words and sum(bool(VIETNAMESE_LETTERS.search(w)) for w in words) >= len(words) / 5 else "en"


def script_language(text: str) -> str:
    """Which of the package's two languages a raw page is written in, by its letters alone: "Chia sẻ bài viết của Bộ
    Ngoại giao" -> "vi". For knowledge chosen before the body is known (chrome's label words), where the page's
    furniture is still in it and a guess among 97 languages would be wasted: on the 3,178 pages of the seeds, the
    eval sets and 3,000 synthetic articles it chose what `language_of` chose every time, at a sixth of the cost
    (0.17 s against 0.97 s for the 3,000).

    >>> script_language("The ministry and the IOM met in Hanoi"), script_language("Bộ Ngoại giao tiếp đoàn IOM")
    ('en', 'vi')
    """
    return _by_letters(_sample_words(text))
