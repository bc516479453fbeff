"""Load and validate the actor codebook (data/codebook.yaml); errors name the bad entry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .paths import CODEBOOK

KINDS = {"person", "office", "organization", "place"}  # an office: a post whose holder the text does not name
SIDES = {"viet-nam-government", "iom", "un-system", "other-government", "regional-forum", "place", "other"}
REQUIRED = ("name", "kind", "side")


class CodebookError(ValueError):
    """The codebook is malformed; the message names the entry."""


@dataclass(frozen=True)
class Surface:
    """One way of writing an actor: `Surface("IMO", "International Organization for Migration", "typo", ...)`."""

    text: str
    actor: str
    match: str  # exact | alias | short-form | typo
    context: re.Pattern | None = None  # must match right after the surface (typos only)


@dataclass(frozen=True, eq=False)
class Codebook:
    """The validated codebook: actors by name, every surface form, and the role vocabulary."""

    actors: dict[str, dict]
    surfaces: tuple[Surface, ...]
    non_actors: frozenset[str]
    role_words: frozenset[str]
    word_typos: dict[str, str]
    role_synonyms: dict[str, str]

    def attributes(self, actor: str) -> dict:
        """`"Amy Pope"` -> {"kind": "person", "side": "iom", "gender": "female"}.

        >>> load_codebook().attributes("Amy Pope")
        {'kind': 'person', 'side': 'iom', 'gender': 'female'}
        """
        a = self.actors[actor]
        return {"kind": a["kind"], "side": a["side"], "gender": a.get("gender")}


def _variants(text: str) -> list[str]:
    """Spellings to match for one alias: `"the foreign ministry"` -> also `"The foreign ministry"`."""
    out = [text]
    if text.startswith("the "):
        out.append("The " + text[4:])
    return out


def parse_codebook(data: dict) -> Codebook:
    """Validate a parsed codebook dict and index its surfaces; raise CodebookError naming the bad entry.

    >>> book = parse_codebook({"actors": [{"name": "IOM", "kind": "organization", "side": "iom",
    ...                                     "aliases": ["the Organization"]}]})
    >>> [(s.text, s.match) for s in book.surfaces]
    [('IOM', 'exact'), ('the Organization', 'alias'), ('The Organization', 'alias')]
    >>> parse_codebook({"actors": [{"name": "IOM", "kind": "agency", "side": "iom"}]})
    Traceback (most recent call last):
    ...
    vnmigration.codebook.CodebookError: actor 'IOM': kind 'agency' is not one of [...]
    """
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise CodebookError("codebook must be a mapping with a list under 'actors'")
    actors, owner, surfaces = {}, {}, []
    for i, entry in enumerate(data["actors"]):
        label = entry.get("name", f"#{i + 1}") if isinstance(entry, dict) else f"#{i + 1}"
        _check_entry(label, entry, actors)
        actors[label] = entry
        for text, match, context in _forms(label, entry):
            if not isinstance(text, str) or not text.strip():
                raise CodebookError(f"actor {label!r}: empty alias")
            text = text.replace("’", "'")
            for variant in _variants(text):
                if match != "short-form":
                    if variant in owner and owner[variant] != label:
                        raise CodebookError(f"alias {variant!r} is claimed by both {owner[variant]!r} and {label!r}")
                    owner[variant] = label
                surfaces.append(Surface(variant, label, match, context))
    return Codebook(
        actors=actors, surfaces=tuple(surfaces), non_actors=frozenset(data.get("non_actors", [])),
        role_words=frozenset(data.get("role_words", [])), word_typos=dict(data.get("word_typos") or {}),
        role_synonyms=dict(data.get("role_synonyms", {})),
    )


def _check_entry(label: str, entry: object, actors: dict) -> None:
    """Raise CodebookError unless one actor entry is a mapping with valid fields, new to `actors`."""
    if not isinstance(entry, dict):
        raise CodebookError(f"actor {label}: entry must be a mapping")
    for key in REQUIRED:
        if not entry.get(key):
            raise CodebookError(f"actor {label!r}: missing field {key!r}")
    if entry["kind"] not in KINDS:
        raise CodebookError(f"actor {label!r}: kind {entry['kind']!r} is not one of {sorted(KINDS)}")
    if entry["side"] not in SIDES:
        raise CodebookError(f"actor {label!r}: side {entry['side']!r} is not one of {sorted(SIDES)}")
    if label in actors:
        raise CodebookError(f"actor {label!r}: listed twice")
    if entry.get("short_forms") and entry["kind"] != "person":
        raise CodebookError(f"actor {label!r}: short_forms are for persons only")


def _forms(label: str, entry: dict) -> list[tuple[str, str, re.Pattern | None]]:
    """Every written form of one actor: (text, match, context) for its name, aliases, typos (checked), short forms."""
    forms = [(label, "exact", None)] + [(a, "alias", None) for a in entry.get("aliases", [])]
    for typo in entry.get("typos", []):
        if not isinstance(typo, dict) or "alias" not in typo:
            raise CodebookError(f"actor {label!r}: each typo needs an 'alias'")
        try:
            context = re.compile(typo["context"]) if typo.get("context") else None
        except re.error as e:
            raise CodebookError(f"actor {label!r}: typo {typo['alias']!r} has a bad context regex: {e}") from e
        forms.append((typo["alias"], "typo", context))
    forms += [(s, "short-form", None) for s in entry.get("short_forms", [])]
    return forms


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The codebook at `path` (default: the package's data/codebook.yaml), loaded with yaml.safe_load.

    >>> book = load_codebook()
    >>> book.attributes("IOM Viet Nam")["side"]
    'iom'
    """
    path = Path(path) if path is not None else CODEBOOK
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise CodebookError(f"{path}: not valid YAML: {e}") from e
    return parse_codebook(data)
