"""Knowledge by language: data/<language>/*.yaml read once, frozen, with a clear error for a missing language."""

import textwrap

import pandas as pd
import pytest

import vnmigration as vn
from vnmigration.language import language_data, language_of, languages, script_language
from vnmigration.paths import DATA, EVAL_ARTICLES, EVAL_VI_ARTICLES, SEEDS


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


def test_every_language_file_has_an_english_twin_and_its_keys():
    english = {p.name: language_data(p.stem) for p in (DATA / "en").glob("*.yaml")}
    assert set(english) >= {"calendar.yaml", "persons.yaml", "speech.yaml", "chrome.yaml", "event_rules.yaml",
                            "taxonomy.yaml"}
    for folder in (p for p in DATA.iterdir() if p.is_dir() and p.name != "en"):
        for path in folder.glob("*.yaml"):
            assert path.name in english, f"{folder.name}/{path.name} has no English twin"
            assert set(language_data(path.stem, folder.name)) >= set(english[path.name]), path  # and its own


def test_chrome_words_of_every_language_reach_every_page():
    from vnmigration.chrome import is_furniture
    from vnmigration.language import all_languages

    assert "Chia sẻ" in all_languages("chrome")["share_words"]  # data/vi/chrome.yaml
    assert is_furniture("Chia sẻ") and is_furniture("Share")


def test_chrome_picks_its_words_by_letters_as_the_language_guess_would():
    """split_chrome chooses its label words by the page's letters (script_language), not by py3langid, before the body
    is known; on every eval page, English and Vietnamese, and every seed, both choose the same language's words."""
    pages = [*SEEDS.glob("*.txt"), *EVAL_ARTICLES.glob("*.txt"), *EVAL_VI_ARTICLES.glob("*.txt")]
    assert len(pages) > 150
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        guess = language_of(text)
        assert script_language(text) == (guess if guess in languages() else "en"), page.name


def test_letters_tell_the_two_languages_and_leave_others_to_english_words():
    """A French page is not Vietnamese by its letters: it gets the English label words, as it did by the guess."""
    assert script_language("Chia sẻ bài viết: Bộ Lao động tiếp đoàn Tổ chức Di cư quốc tế tại Hà Nội") == "vi"
    assert script_language("Le ministère a reçu une délégation de l'OIM à Hanoï pour la migration sûre.") == "en"


def test_a_wrapped_vietnamese_export_keeps_its_masthead_address_and_date_apart_from_the_headline(tmp_path):
    # session 6: a web address ends a wrapped line of its own, "Xuất bản:" labels the page's date, and the masthead's
    # "Cơ quan ngôn luận của ..." is furniture, so the headline under the date line is the title
    body = ("Hỗ trợ người lao động về nước tái hòa nhập thị trường việc làm trong nước: nhiều địa phương "
            "đã chủ động kết nối doanh nghiệp với lao động trở về và mở lớp đào tạo nghề ngắn hạn. ") * 4
    wrapped = "\n".join(textwrap.wrap(body, 72))
    head = ("TẠP CHÍ VIỆC LÀM\nCơ quan ngôn luận của Hội Nghề nghiệp\n"
            "https://vieclam.example.vn/tin-tuc/ho-tro-nguoi-lao-dong-ve-nuoc-tai-hoa-nhap-thi-truong-viec-lam\n"
            "Xuất bản: 12/03/2026\n\nLao động về nước: cần một điểm tựa\nđể bắt đầu lại\n\n")
    (tmp_path / "v.txt").write_text(head + wrapped + "\n", encoding="utf-8")
    articles, _ = vn.read_corpus(tmp_path)
    row = articles.iloc[0]
    assert (row["title"], row["published"]) == ("Lao động về nước: cần một điểm tựa để bắt đầu lại",
                                                pd.Timestamp("2026-03-12"))
    assert "Cơ quan ngôn luận" not in row["text"] and "https://" not in row["text"]
