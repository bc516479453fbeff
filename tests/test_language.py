"""Knowledge by language: data/<language>/*.yaml read once, frozen, with a clear error for a missing language."""

import pytest

from vnmigration.language import language_data
from vnmigration.paths import DATA


def test_language_data_is_frozen_for_every_caller():
    months = language_data("calendar")["months"]
    with pytest.raises(TypeError):
        language_data("calendar")["months"] = ()
    with pytest.raises(AttributeError):
        months.append(("Thirteenth",))
    assert language_data("calendar") is language_data("calendar")  # read once


def test_a_language_without_the_file_gets_one_clear_sentence():
    with pytest.raises(FileNotFoundError, match="no calendar data for language 'xx'"):
        language_data("calendar", "xx")


def test_every_language_folder_has_the_english_files():
    english = {p.name for p in (DATA / "en").glob("*.yaml")}
    assert english >= {"calendar.yaml", "persons.yaml", "speech.yaml"}
    for folder in (p for p in DATA.iterdir() if p.is_dir()):
        assert {p.name for p in folder.glob("*.yaml")} == english, folder.name
