"""Hard-wrapped plain-text exports are re-flowed before any line rule reads them."""

import textwrap

from conftest import write

import vnmigration as vn
from vnmigration.reflow import reflow, wrap_width

STORY = ("A forum on labour migration in Can Tho on Tuesday was opened by IOM Director General William Swing and "
         "Deputy Minister of Foreign Affairs Tran Van Nam, who thanked the donors for their support to the "
         "provinces of the Mekong Delta since the floods of 2011. “Safe migration begins at home, with accurate "
         "information before departure,” said Tran Van Nam. The two sides signed a memorandum of understanding on "
         "14 March 2023 and agreed to review it every two years.")


def _export(width: int) -> str:
    return "PRESS RELEASE\nHa Noi, 14 March 2023\n\n" + "\n".join(textwrap.wrap(STORY, width)) + "\n"


def _reading(folder, name: str, text: str) -> dict:
    folder.mkdir()
    write(folder, name, text)
    tables = vn.build_tables(folder, cache=False)
    return {"text": tables["articles"]["text"].tolist(),
            "persons": set(tables["mentions"].query("kind == 'person'")["actor"]),
            "speakers": set(tables["quotes"]["speaker"].dropna()), "dates": tables["dates"]["date_text"].tolist()}


def test_a_wrapped_export_reads_like_the_same_text_unwrapped(corpus_dir):
    flowed = _reading(corpus_dir / "flowed", "a.txt", "PRESS RELEASE\nHa Noi, 14 March 2023\n\n" + STORY + "\n")
    assert {"William Swing", "Tran Van Nam"} <= flowed["persons"] and "Tran Van Nam" in flowed["speakers"]
    for width in (60, 68, 72, 78):
        assert _reading(corpus_dir / str(width), "a.txt", _export(width)) == flowed, width
    # the same text in one folder is one article: the wrapped copy is a duplicate of the flowed one
    write(corpus_dir, "flowed.txt", "PRESS RELEASE\nHa Noi, 14 March 2023\n\n" + STORY + "\n")
    write(corpus_dir, "wrapped.txt", _export(70))
    assert vn.read_corpus(corpus_dir)[1]["reason"].tolist() == ["duplicate"]


def test_short_lines_and_list_items_keep_their_breaks():
    text = "\n".join(textwrap.wrap(STORY, 70)) + "\n\nContacts:\n- Nguyen Lan, IOM Viet Nam\n- Tran Minh, MOFA"
    flowed = reflow(text)
    assert flowed.endswith("\n\nContacts:\n- Nguyen Lan, IOM Viet Nam\n- Tran Minh, MOFA")
    assert flowed.split("\n")[0] == STORY


def test_a_scraped_page_is_not_wrapped():
    page = "Home | News\nIOM opens an office in Can Tho\n" + STORY + "\nRelated news\nFloods hit the delta again"
    assert wrap_width(page.split("\n")) is None and reflow(page) == page
