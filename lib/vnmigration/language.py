"""Knowledge by language: data/<language>/<name>.yaml, read once and handed out as an immutable value.

English is the first language (`data/en/`); a second is a second folder of the same files beside it
(dateparser's per-language data is the model). Every caller gets the same frozen value: tuples for lists and
read-only mappings for dicts, so no caller can change what another reads.
"""

from __future__ import annotations

import re
from functools import cache
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


@cache
def language_data(name: str, language: str = LANGUAGE) -> MappingProxyType:
    """data/<language>/<name>.yaml, read once, frozen: `language_data("calendar")["months"][4]` -> `("May",)`.

    >>> language_data("calendar")["months"][4]
    ('May',)
    """
    path = DATA / language / f"{name}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no {name} data for language {language!r}: {path} is missing")
    return frozen(yaml.safe_load(path.read_text(encoding="utf-8")))


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
