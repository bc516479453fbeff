"""The loader: seed dates, titles and chrome; bad input reported, never lost."""

import warnings

import pandas as pd
import pytest
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration import datelines as dg
from vnmigration.chrome import split_chrome
from vnmigration.corpus import decode, read_corpus
from vnmigration.headlines import find_title
from vnmigration.published import infer_published

EXPECTED = {  # article -> (published, precision, source)
    "000": ("2023-11-20", "day", "header"),
    "001": ("2025-08-01", "day", "dateline"),
    "002": ("2020-11-30", "day", "header"),
    "003": ("2022-01-01", "year", "content"),
    "004": ("2021-11-22", "day", "content"),
}


def by_prefix(articles, prefix):
    return articles[articles["article_id"].str.startswith(prefix)].iloc[0]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_publication_dates(articles, prefix):
    row = by_prefix(articles, prefix)
    date, precision, source = EXPECTED[prefix]
    assert (row["published"], row["published_precision"], row["published_source"]) == (
        pd.Timestamp(date), precision, source)
    assert row["published_evidence"]


def test_seed_titles(articles):
    titles = dict(zip(articles["article_id"].str[:3], articles["title"], strict=True))
    assert pd.isna(titles["000"]) and pd.isna(titles["001"])  # a lead sentence is not a title
    assert titles["002"] == "Vietnam fulfilling commitments on ensuring safe migration: Conference"
    assert titles["003"].startswith("Opening remark by IOM Chief of Mission Park Mihyung")
    assert titles["004"] == "Vietnam Contributes to Ratification of Global Migration Compact"


def test_seed_outlets_only_where_named(articles):
    outlets = dict(zip(articles["article_id"].str[:3], articles["outlet"], strict=True))
    assert outlets["001"] == "Vietnam Agriculture News"
    assert pd.isna(outlets["000"]) and pd.isna(outlets["002"])


def test_article_ids_are_unique_and_columns_typed(articles):
    assert articles["article_id"].is_unique
    assert str(articles["published"].dtype).startswith("datetime64")
    assert set(articles["published_precision"].dropna()) <= {"day", "month", "year"}


@pytest.mark.parametrize("chrome", [
    "Tram Chim", "Quang Ninh", "Gia Lai", "EUDR", "Agent Orange", "Hotline", "GMT +7", "Take Action",
    "Data and Resources", "Who We Are", "IOM Global", "Cross-cutting", "Photo:", "Translated by",
    "Cao Bang", "An overview of the conference", "Vietnam Times",
])
def test_no_chrome_in_text(articles, chrome):
    assert not articles["text"].str.contains(chrome, regex=False).any()


def test_chrome_is_kept_where_it_belongs(articles):
    a001 = by_prefix(articles, "001")
    assert "Tram Chim National Park" in a001["boilerplate"]
    assert "Photo: VDDMA." in a001["captions"]
    assert a001["byline"] == "Translated by Phuong Linh"
    assert "(Photo: VNA)" in by_prefix(articles, "002")["captions"]
    assert "An overview of the conference. |" in by_prefix(articles, "004")["captions"]


def test_glued_header_and_menu_blurbs(articles):
    assert by_prefix(articles, "000")["text"].startswith("Vietnam has supported")
    a003 = by_prefix(articles, "003")
    assert a003["text"].startswith("His Excellency Mr. Nguyen Minh Vu")  # the salutation after the speech title
    assert "WHO WE ARE" not in a003["text"] and "since 1987" not in a003["text"]
    assert "IOM has had a presence in Viet Nam since 1987." in a003["site_statements"]


def test_site_statements_are_cited_once_per_outlet(articles):
    statements = vn.corpus.site_statements(articles)
    assert set(statements["source_id"]) == {"site: IOM Viet Nam"}
    assert statements["statement"].is_unique


def test_inference_from_content_needs_both_bounds():
    date, precision, evidence = infer_published("They met on Nov. 22. A forum is scheduled for May 2022. "
                                                "It covered the 2020-2021 period.")
    assert (date, precision) == (pd.Timestamp("2021-11-22"), "day")
    assert "Nov. 22" in evidence
    assert pd.isna(infer_published("They met on Nov. 22.")[0])


# --- bad input -----------------------------------------------------------------------------------

GOOD = "date 2021-03-04 Ministers met in Hanoi.\nThey agreed to cooperate on migration.\n"


def load_quietly(folder, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return vn.load_articles(folder, **kw)


def test_empty_and_whitespace_files_are_reported(corpus_dir):
    write(corpus_dir, "a.txt", GOOD)
    write(corpus_dir, "b.txt", "")
    write(corpus_dir, "c.txt", " \n\t\n")
    with pytest.warns(UserWarning, match="2 problem"):
        articles = vn.load_articles(corpus_dir)
    problems = vn.problems_of(articles)
    assert list(articles["article_id"]) == ["a"]
    assert problems.set_index("file")["reason"].to_dict() == {"b.txt": "empty", "c.txt": "empty"}


def test_binary_file_is_reported(corpus_dir):
    write(corpus_dir, "bin.txt", b"\x89PNG\x00\x00\x01")
    articles, problems = read_corpus(corpus_dir)
    assert articles.empty and problems.loc[0, "reason"] == "binary"


def test_cp1252_is_decoded_with_a_flag(corpus_dir):
    write(corpus_dir, "w.txt", b"date 2021-03-04 The minister\x92s caf\xe9 talk.\n")
    articles, problems = read_corpus(corpus_dir)
    assert articles.loc[0, "text"] == "The minister’s café talk."
    assert articles.loc[0, "encoding"] == "cp1252"
    assert problems.loc[0, "reason"] == "not-utf8" and bool(problems.loc[0, "kept"])


def test_bom_and_crlf(corpus_dir):
    write(corpus_dir, "bom.txt", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    articles, problems = read_corpus(corpus_dir)
    assert problems.empty
    assert articles.loc[0, "published"] == pd.Timestamp("2021-03-04")
    assert "\r" not in articles.loc[0, "text"] and articles.loc[0, "encoding"] == "utf-8-sig"


def test_exact_duplicate_is_reported(corpus_dir):
    write(corpus_dir, "a.txt", GOOD)
    write(corpus_dir, "b.txt", GOOD)
    articles, problems = read_corpus(corpus_dir)
    assert len(articles) == 1
    assert problems.loc[0, "reason"] == "duplicate" and "a.txt" in problems.loc[0, "detail"]


def test_no_date_gives_nat_and_a_note(corpus_dir):
    write(corpus_dir, "nodate.txt", "Officials met to discuss migration.\n")
    articles, problems = read_corpus(corpus_dir)
    assert pd.isna(articles.loc[0, "published"])
    assert problems.loc[0, "reason"] == "no-date" and bool(problems.loc[0, "kept"])


def test_strict_raises(corpus_dir):
    write(corpus_dir, "b.txt", "")
    with pytest.raises(vn.CorpusError, match="b.txt: empty"):
        vn.load_articles(corpus_dir, strict=True)


def test_missing_folder_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        vn.load_articles(tmp_path / "no-such-folder")


def test_twenty_megabyte_file_loads(corpus_dir):
    paragraph = "Vietnam and IOM met in Hanoi on Nov. 22 to review the GCM. Ms. Pope spoke.\n"
    write(corpus_dir, "big.txt", "date 2021-11-25 " + paragraph * (20_000_000 // len(paragraph)))
    articles, problems = read_corpus(corpus_dir)
    assert len(articles) == 1 and articles.loc[0, "n_words"] > 3_000_000
    assert problems.empty


def test_decode_never_raises_on_latin1_only_bytes():
    assert decode(b"\x81\x8d")[1] == "latin-1"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=5))
def test_arbitrary_bytes_never_raise_and_nothing_is_lost(tmp_path_factory, blobs):
    folder = tmp_path_factory.mktemp("fuzz")
    for i, blob in enumerate(blobs):
        write(folder, f"{i:02d}.txt", blob)
    articles, problems = read_corpus(folder)
    lost = problems.loc[~problems["kept"], "file"]
    assert len(articles) + lost.nunique() == len(blobs)
    assert set(articles["file"]) | set(lost) == {f"{i:02d}.txt" for i in range(len(blobs))}


def test_agency_dateline_names_the_outlet(corpus_dir):
    write(corpus_dir, "v.txt", "Hanoi (VNA) – Officials met IOM.\n")
    articles, _ = read_corpus(corpus_dir)
    assert articles.loc[0, "outlet"] == "Vietnam News Agency"
    assert articles.loc[0, "outlet_evidence"].startswith("Hanoi (VNA)")


@pytest.mark.parametrize("line, expected, precision", [
    ("August 1, 2025 | 11:37 GMT +7", "2025-08-01", "day"),
    ("Updated: August 1, 2025 | 11:37 GMT+7", "2025-08-01", "day"),
    ("Posted on 3 March 2021", "2021-03-03", "day"),
    ("Hanoi, 2nd and 3rd May 2015", "2015-05-02", "day"),
    ("Da Nang, 8-9 April 2013", "2013-04-08", "day"),
    ("Friday, 25/09/2020 10:05", "2020-09-25", "day"),
    ("25/09/2020", "2020-09-25", "day"),
    ("Monday, 05/10/2020 08:00", "2020-10-05", "day"),  # the weekday settles it: 5 October 2020 was a Monday
    ("Ha Noi, 11/2022", "2022-11-01", "month"),
    ("Last updated: March 2024", "2024-03-01", "month"),
    ("2019-03-05 10:22", "2019-03-05", "day"),
    ("2023-06-12T09:15:00+07:00", "2023-06-12", "day"),
    ("Update: 12/06/2023 09:15", "2023-06-12", "day"),
    ("Published on June 12, 2023", "2023-06-12", "day"),
    ("Published: 18:05 3/12/2023", "2023-12-03", "day"),
    ("By Minh Anh | June 12, 2023", "2023-06-12", "day"),
    ("12-06-2023", "2023-06-12", "day"),
    ("Monday, June 12, 2023 9:15 AM", "2023-06-12", "day"),
    # the time first, seconds and zones, and other labels: forms of sites the eval set does not imitate
    ("Thursday, 07:05, 07/03/2024", "2024-03-07", "day"),
    ("Last updated: 14:05 | 03/07/2023", "2023-07-03", "day"),
    ("Thu, March 7, 2024 | 2:05:00 PM GMT+7", "2024-03-07", "day"),
    ("07/03/2024 14:05 (GMT+07:00)", "2024-03-07", "day"),
    ("Sunday, March 3, 2024, 10:30 am (PT)", "2024-03-03", "day"),
    ("Release date: 3 July 2023", "2023-07-03", "day"),
    ("Issued on: 07 Mar 2024", "2024-03-07", "day"),
    ("Publish date: Thursday, 07 March 2024", "2024-03-07", "day"),
    ("Date published: 12 May 2023", "2023-05-12", "day"),
    ("2023/07/03", "2023-07-03", "day"),
    ("Thursday, 3/7/2024 10:41:00 AM", "2024-03-07", "day"),  # the weekday settles it: month first here
    ("KYODO NEWS - Oct 8, 2024 - 18:05 | World, All", "2024-10-08", "day"),  # a site name before, sections after
    ("By Hoang Phong   March 6, 2025 | 08:20 am PT", "2025-03-06", "day"),  # a byline set off by spaces
    ("November 14, 2024 at 4:30 pm", "2024-11-14", "day"),
    ("Last update: 14/11/2024 at 16:30", "2024-11-14", "day"),
    ("(14/11/2024)", "2024-11-14", "day"),
    ("14/11/2024 (GMT+7)", "2024-11-14", "day"),
    ("Thu, 14 Nov 2024 16:30:00 +0700", "2024-11-14", "day"),
    # any zone abbreviation in capitals ending in T after a clock time (Malaysia, Japan, Australia)
    ("Thursday, 18 Jun 2026 8:15 PM MYT", "2026-06-18", "day"),
    ("26/11/2026 09:00 JST", "2026-11-26", "day"),
    ("June 5, 2024 10:30 AEST", "2024-06-05", "day"),
    # a reading time, places in a row with the date in brackets, a series number, an e-mail's Sent:, other bylines
    ("3 Mar 2025 · 4 min read", "2025-03-03", "day"),
    ("HANOI / GENEVA (5 May 2025) –", "2025-05-05", "day"),
    ("WORKING PAPER No. 7/2025 | June 2025", "2025-06-01", "month"),
    ("Sent: Friday, March 7, 2025 9:12 AM", "2025-03-07", "day"),
    ("By Lan Anh // 4 April 2025", "2025-04-04", "day"),
    ("Author(s): Lan Anh and Tom Berg | 4 April 2025", "2025-04-04", "day"),
    ("Friday, 9 May 2025 10:05 WIB", "2025-05-09", "day"),
    ("Writer Support Desk | Date 2025.05.09 | Hit 1,204", "2025-05-09", "day"),
    ("by Lan Anh on 4 April 2025", "2025-04-04", "day"),
    ("Date modified: 2025-04-04", "2025-04-04", "day"),
])
def test_dateline_forms(line, expected, precision):
    found = dg.parse_dateline(line)
    assert (found.date, found.precision) == (pd.Timestamp(expected), precision)


def test_a_day_first_reading_is_recorded_when_day_and_month_are_both_twelve_or_less():
    assert "read day first" in dg.parse_dateline("09/06/2021").evidence
    assert "read day first" not in dg.parse_dateline("23/06/2023 09:15").evidence


def test_a_wrong_weekday_is_no_dateline():
    assert dg.parse_dateline("Tuesday, 25/09/2020 10:05") is None


def test_a_lead_dateline_leaves_the_sentence(corpus_dir):
    write(corpus_dir, "a.txt", "Menu\nHome\n\nA headline about migration and cooperation\n\n"
          "HA NOI, 18 December 2020 - The United Nations in Viet Nam called on partners to act today.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert (row["published"], row["dateline"]) == (pd.Timestamp("2020-12-18"), "HA NOI, 18 December 2020")
    assert "18 December 2020" not in row["text"]
    assert "The United Nations in Viet Nam called on partners to act today." in row["text"].split("\n")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["Law No. {a}/{y}/QH14", "Decision {a}/QD-TTg", "hotline 1800 {a}", "(+84) 24 {a} {y}",
                        "{a}.{b} billion USD", "{a} member states", "Resolution {a}/{b}", "{y} Agenda",
                        "Decree {a}/{y}/ND-CP", "{a} percent"]),
       st.integers(1, 9999), st.integers(1, 999), st.integers(1900, 2099))
def test_numbers_that_are_not_dates_are_never_datelines(template, a, b, y):
    line = template.format(a=a, b=b, y=y)
    assert dg.parse_dateline(line) is None
    assert dg.parse_dateline(line + " - The ministry said", lead=True) is None


PAGE = """VIETNAM NEWS PORTAL
Home
Politics | Society | World
Home > Society > Migration
Province trains officials to spot trafficking at border gates
Friday, 25/09/2020 10:05
Officials from six districts finished a three-day course on identifying victims of trafficking on Friday.
IMG_2041.JPG
![]() |
Trainees at the course in the provincial capital. (Source: IOM) |
![Trainees practise an interview](https://cdn.example.vn/2020/09/a.jpg)
The course is part of a project that has trained more than 600 officers since it began.
Share
Print
Tags: IOM  trafficking  border
Related news
Ministry steps up protection of workers abroad
Storm shelters finished ahead of the rainy season
© 2020 Vietnam News Portal
"""


def test_site_furniture_leaves_the_text_and_the_story_stays(corpus_dir):
    write(corpus_dir, "page.txt", PAGE)
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == "Province trains officials to spot trafficking at border gates"
    assert row["text"].split("\n") == [
        "Officials from six districts finished a three-day course on identifying victims of trafficking on Friday.",
        "The course is part of a project that has trained more than 600 officers since it began."]
    removed = (row["boilerplate"] + "\n" + row["captions"]).split("\n")
    for line in ("VIETNAM NEWS PORTAL", "Politics | Society | World", "Home > Society > Migration", "IMG_2041.JPG",
                 "![]() |", "Related news", "Storm shelters finished ahead of the rainy season",
                 "© 2020 Vietnam News Portal", "Trainees at the course in the provincial capital. (Source: IOM) |"):
        assert line in removed, line


def test_a_contact_line_every_page_of_a_site_repeats_stays_in_each_story(corpus_dir):
    for n, topic in enumerate(["hotline for returnees", "course for border officers", "study on remittances"]):
        write(corpus_dir, f"p{n}.txt", f"Province and IOM launch a {topic}\n2021-05-0{n + 1}\n"
              f"The province and IOM launched a {topic} on Monday, officials said in a statement.\n"
              "For more information, please contact:\nDinh Bao Chau, Press Officer, IOM Hanoi Office\n"
              "IOM Viet Nam | vietnam.iom.int\nPrivacy Policy\n")
    texts = vn.load_articles(corpus_dir)["text"]
    assert texts.str.endswith("Dinh Bao Chau, Press Officer, IOM Hanoi Office").all()


def test_a_contact_name_before_the_footer_stays_in_the_story(corpus_dir):
    write(corpus_dir, "release.txt", "Viet Nam and IOM open a resource centre for migrants in the north\n2021-05-04\n"
          "The centre will give migrants information on safe and regular channels before they leave home.\n"
          "For more information, please contact:\nNguyen Thi Lan, Communications Officer, IOM Viet Nam\n"
          "IOM Viet Nam | vietnam.iom.int\nPrivacy Policy\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["text"].endswith("Nguyen Thi Lan, Communications Officer, IOM Viet Nam")
    assert "Privacy Policy" in row["boilerplate"]


def test_template_lines_need_two_pages_of_one_outlet_or_three_of_any():
    from vnmigration.chrome import template_lines

    pages = ["Site banner line here\nA story sentence that is long enough to be prose in any article.",
             "Site banner line here\nAnother story sentence that is long enough to be prose in any article.",
             "Other banner\nA story sentence that is long enough to be prose in any article."]
    assert "Site banner line here" in template_lines(pages, ["X", "X", None])
    assert "Site banner line here" not in template_lines(pages, ["X", "Y", None])
    assert not any("story sentence" in line for line in template_lines(pages * 3, [None] * 9))


@pytest.mark.parametrize("page, outlet", [
    ("HCM CITY (VNS) — Families in the delta are moving to the city as salinity rises this year.", "Viet Nam News"),
    ("NDO - Deputies passed the revised law on workers abroad on Friday afternoon.", "Nhan Dan"),
    ("(VOVWORLD) - Viet Nam and IOM signed a memorandum on safe migration in Hanoi on Monday.", "VOV World"),
    ("A story sentence about migration that is long enough to be prose.\n© 2024 Nhan Dan Online", "Nhan Dan"),
    ("A story sentence about migration that is long enough to be prose.\nIOM Viet Nam | vietnam.iom.int",
     "IOM Viet Nam"),
    ("VGP – The Deputy Minister received the IOM delegation in Hanoi on Wednesday.\nSource: VGP",
     "Vietnam Government Portal"),
    ("MANILA, April 2 (PNA) -- The Philippines and Viet Nam will share data on seafarers this year.", "PNA"),
    ("HANOI, June 12 (Reuters) - Vietnam said on Monday it would tighten rules on labour brokers.", "Reuters"),
    # a masthead its copyright line repeats names the site, before its parent ministry's name under it
    ("HỌC VIỆN NGOẠI GIAO\nBộ Ngoại giao\nTin tức\nHọc viện tổ chức tọa đàm về di cư lao động.\n© Học viện Ngoại giao",
     "Học viện Ngoại giao"),
    ("Tin tức\nHội nghị về di cư lao động diễn ra tại Hà Nội.\n© Bản quyền thuộc Báo Thanh tra - thanhtra.com.vn",
     "Báo Thanh tra"),
])
def test_outlets_are_named_by_their_own_markers(page, outlet):
    assert vn.outlets.find_outlet(page)[0] == outlet


@pytest.mark.parametrize("page", [
    "Delegates at the workshop in Hanoi. (Photo: VNA)",
    "Houses built with IOM support in Ha Tinh. (Source: qdnd.vn) |",
    "The Ministry of Foreign Affairs of Viet Nam and IOM held a conference on the GCM in Hanoi.",
    "Nhan Dan newspaper reported the meeting, and VnExpress International ran a photo story on it.",
    "Delegates at the workshop in Hanoi (Photo: VNA) - more pictures below",
    "The International Organization for Migration (IOM) - the UN migration agency - opened an office.",
])
def test_a_credit_or_a_mention_is_not_an_outlet(page):
    assert vn.outlets.find_outlet(page) == (None, None)


def test_a_saved_web_page_is_read_through_its_markup(corpus_dir):
    from pathlib import Path

    write(corpus_dir, "page.html", (Path(__file__).parent / "fixtures" / "page.html").read_bytes())
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == "Viet Nam and IOM open a migrant resource centre"
    assert (row["published"], row["published_source"]) == (pd.Timestamp("2021-06-14"), "html-meta")
    assert row["outlet"] == "Vietnam News Agency"  # og:site_name "VietnamPlus" is VNA's own site
    assert row["text"].startswith("The Ministry of Foreign Affairs") and "Related news" not in row["text"]
    assert "Politics" not in row["text"] and "All rights reserved" not in row["text"]


def test_every_file_becomes_a_row_or_a_problem(corpus_dir):
    write(corpus_dir, "a.txt", "date 2021-05-04 The ministry and IOM met in Hanoi to review the national plan.\n")
    write(corpus_dir, "report.pdf", b"%PDF-1.4 binary")
    write(corpus_dir, "notes.docx", b"PK\x03\x04")
    articles, problems = vn.read_corpus(corpus_dir)
    assert articles["file"].tolist() == ["a.txt"]
    assert problems.set_index("file")["reason"].to_dict() == {"notes.docx": "unsupported-format",
                                                               "report.pdf": "unsupported-format"}


def test_a_file_or_an_empty_folder_is_one_clear_error(corpus_dir, capsys):
    from vnmigration.__main__ import main

    page = write(corpus_dir, "a.txt", "Some text.\n")
    with pytest.raises(vn.CorpusError, match="is a file"):
        vn.read_corpus(page)
    empty = corpus_dir / "empty"
    empty.mkdir()
    with pytest.raises(vn.CorpusError, match="no article to analyse"):
        vn.build_tables(empty)
    assert main(["report", "--corpus", str(empty), "--out", str(corpus_dir / "out")]) == 2
    assert "no article to analyse" in capsys.readouterr().err


@pytest.mark.parametrize("page, title", [
    ("MINISTRY OF LABOUR, INVALIDS AND SOCIAL AFFAIRS\nHome\nLABOUR EXPORTS REBOUND, BUT COSTS STILL BITE\n"
     "Vietnam sent over 100,000 workers abroad in the first eight months, the ministry said.",
     "LABOUR EXPORTS REBOUND, BUT COSTS STILL BITE"),
    ("News\nFive years of the Global Compact: what has changed for Viet Nam?\n"
     "Scholars and officials met in Hanoi on Friday to take stock of five years of the compact.",
     "Five years of the Global Compact: what has changed for Viet Nam?"),
    ("Q: What has changed for Viet Nam since the compact?\nA: A great deal, and it shows in the law and in data.",
     None),
    ("VietnamNet Global\nNews, views and analysis from Viet Nam\nPolitics\nViet Nam, IOM sign deal on migrant data\n"
     "Viet Nam and IOM signed an agreement on Monday to share data on returning migrants, officials said.",
     "Viet Nam, IOM sign deal on migrant data"),
    ("Home > News > Viet Nam, IOM sign deal on migrant data\nViet Nam, IOM sign deal on migrant data\n"
     "Viet Nam and IOM signed an agreement on Monday to share data on returning migrants, officials said.",
     "Viet Nam, IOM sign deal on migrant data"),
    ("Viet Nam, IOM sign deal on migrant data\nShare\nTweet\nDelegates at the signing in Hanoi\n"
     "Viet Nam and IOM signed an agreement on Monday to share data on returning migrants, officials said.",
     "Viet Nam, IOM sign deal on migrant data"),
    # a headline as short as a menu label, under a breadcrumb and over the story
    ("About us\nOur work\nNews\nHome > About us > History\nHistory of our mission\n"
     "The organization opened its first office in Hanoi in 1991, with a staff of four.",
     "History of our mission"),
    # a section label (kicker) over a long headline: the headline, not the label
    ("Home\nSociety\nLaw\nMigration and climate change\nFamilies from the delta rebuild their lives in the city "
     "after the floods of last year\nWhen the river took their land, the Nguyen family moved to the city with a bag.",
     "Families from the delta rebuild their lives in the city after the floods of last year"),
    # but a short headline over a longer subtitle stays the headline
    ("Home\nSociety\nViet Nam and IOM sign migrant data deal\nThe two sides agree to share records on returning "
     "workers from next year onwards\nViet Nam and IOM signed an agreement on Monday to share data, officials said.",
     "Viet Nam and IOM sign migrant data deal"),
    # a list of teasers over the headline, which stands over the page's own date line
    ("Home\nNews\nRelated\nProvince opens a second counselling centre for workers\nA new app helps returnees find "
     "jobs at home\nBrokers fined for charging workers illegal fees\nWhy young workers still trust the brokers\n"
     "10/04/2025 - 18:20\nThe offers came by text message, promising 1,500 dollars a month for easy office work.",
     "Why young workers still trust the brokers"),
    # a headline as short as a menu label, right over the page's own date line, with nothing else headline-like
    ("Home\nAbout\nNews\nStories\nNine came home\n18 December 2026\n"
     "Today is International Migrants Day, and nine young people have just come home from a scam compound.",
     "Nine came home"),
    # long entries among a site's sections, one right after another, are sections too
    ("Home\nSociety\nEconomy\nCulture\nDefence, security and foreign affairs of the state\n"
     "World affairs: issues and events\nResearch\nPractice\nDefence, security and foreign affairs of the state\n"
     "Migration cooperation in a new context and some recommendations for policy\n"
     "The article reviews how the compact has been carried out since 2018, and what should come next.",
     "Migration cooperation in a new context and some recommendations for policy"),
    # a section name printed in the menu and again over the headline is neither
    ("Home\nPolicy and international affairs of the state\nEconomy\nPolicy and international affairs of the state\n"
     "Migration cooperation in a new context and some recommendations for policy\n"
     "The article reviews how the compact has been carried out since 2018, and what should come next.",
     "Migration cooperation in a new context and some recommendations for policy"),
])
def test_headlines_and_not_mastheads_taglines_breadcrumbs_or_interview_questions(page, title):
    assert find_title(split_chrome(page))[0] == title


def test_a_month_then_day_and_year_date_line_is_the_pages_date():
    line = vn.datelines.parse_dateline("Update: December, 19/2020 - 08:12")  # Viet Nam News's template
    assert (str(line.date.date()), line.precision) == ("2020-12-19", "day")


def test_a_span_is_no_lead_dateline():
    assert dg.parse_dateline("July 1, 2024 - June 30, 2025", lead=True) is None


@pytest.mark.parametrize("page, published", [
    # a page that writes month first reads its ambiguous date line month first
    ("Chamber news\nPosted on 06/02/2025\nBreakfast briefing on labour mobility\n"
     "Date: Thursday, 06/19/2025\nMembers will hear from the ministry on the new rules for recruitment fees.\n",
     "2025-06-02"),
    # a date line under a standfirst is the page's own
    ("Recruiters retool as the new scheme looms\n"
     "Recruiters are rewriting contracts and trimming fees before the new scheme starts next year.\n"
     "Thursday, January 30, 2025 | 15:42 (GMT+7)\n"
     "Vietnamese recruitment firms are preparing for the change, their association said on Wednesday.\n",
     "2025-01-30"),
])
def test_the_page_own_date_line_month_first_or_under_a_standfirst(corpus_dir, page, published):
    write(corpus_dir, "a.txt", page)
    row = vn.load_articles(corpus_dir).iloc[0]
    assert (row["published"], row["published_source"]) == (pd.Timestamp(published), "dateline")


def test_a_photo_caption_that_ends_with_a_copyright_credit_is_a_caption(corpus_dir):
    write(corpus_dir, "a.txt", "Officials trained on safe migration\nPosted: 3 March 2025\n"
          "Forty officials from three provinces finished a course on safe migration in Hanoi on Friday.\n"
          "Trainees at the closing session in Hanoi. © UN Viet Nam/Lan Anh\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["captions"] == "Trainees at the closing session in Hanoi. © UN Viet Nam/Lan Anh"
    assert "Lan Anh" in row["authors"] and "©" not in row["text"]


def test_an_umbrella_masthead_yields_to_the_office_site_that_carries_it():
    from vnmigration.outlets import find_outlet
    page = "IOM UN MIGRATION\nOfficials met in Bangkok.\nIOM Asia and the Pacific | roasiapacific.iom.int\n"
    assert find_outlet(page)[0] == "IOM Asia and the Pacific"
    assert find_outlet("IOM UN MIGRATION\nOfficials met in Geneva.\n")[0] == "International Organization for Migration"


def test_a_wire_lead_without_a_year_and_a_wire_photo_credit_leave_the_text():
    page = split_chrome("Vietnam signs a deal with IOM on data\nHANOI, June 12 (Reuters) - Vietnam and IOM signed a "
                        "letter of intent on Monday, officials said.\nA man waits at the Moc Bai gate in Tay Ninh "
                        "province. REUTERS/Staff\nHe said the data would be shared/used widely.")
    assert page.body[1].startswith("Vietnam and IOM signed") and page.boilerplate == ["HANOI, June 12 (Reuters) -"]
    assert page.captions == ["A man waits at the Moc Bai gate in Tay Ninh province. REUTERS/Staff"]
    assert page.body[-1] == "He said the data would be shared/used widely."


def test_a_headline_that_ends_in_a_quotation_keeps_the_page_head_open_for_its_date():
    page = split_chrome('News\nIOM\'s new envoy: "Viet Nam\'s next test is to count who comes back"\n'
                        "February 20th, 2025 08:45 GMT+7\nThe new chief of mission arrived in Hanoi in January, "
                        "he said in an interview.")
    assert find_title(page)[0].startswith("IOM's new envoy") and str(page.dateline.date)[:10] == "2025-02-20"


@pytest.mark.parametrize("line", ["© 2024", "(c) VNA", "Copyright 2023", "© Vietnam News Agency"])
def test_any_copyright_line_is_furniture_whether_or_not_it_names_a_holder(line):
    from vnmigration.chrome import is_furniture
    assert is_furniture(line)


@pytest.mark.parametrize("line, authors", [
    ("By Bich Thao", ["Bich Thao"]),
    ("Reporting by Tran Khanh Vy in Hanoi; Additional reporting by Oliver Hastings; Editing by Clara Whitby",
     ["Tran Khanh Vy", "Oliver Hastings", "Clara Whitby"]),
    ("Story and photos: Hoàng Bích", ["Hoàng Bích"]),
    ("Story: Le Thu Ha | Photos: Pham Minh", ["Le Thu Ha", "Pham Minh"]),
    ("Author: Dr. Nguyen Van Binh", ["Nguyen Van Binh"]),
    ("By Thu Hang - VET", ["Thu Hang"]),
    ("By Tuoi Tre News", []),
    ("Interview by Quang Huy", ["Quang Huy"]),
])
def test_credit_lines_name_their_authors_and_no_outlet(line, authors):
    from vnmigration.chrome import authors_of, is_credit_line

    assert is_credit_line(line)
    assert authors_of(line) == authors


@pytest.mark.parametrize("line", [
    "By the end of the year, IOM will open two more centres in the delta.",
    "By 2030, Viet Nam aims to send 120,000 workers abroad each year.",
    "Reporter: What has changed since the compact was adopted?",
    "Story of a returnee: how Lan rebuilt her life in Nghe An after six years in Taiwan",
])
def test_a_sentence_that_starts_like_a_credit_is_no_credit_line(line):
    assert not vn.chrome.is_credit_line(line)


def test_a_byline_before_the_date_names_the_author_and_stays_out_of_the_text(corpus_dir):
    write(corpus_dir, "a.txt", "Returnees find work at home\nBy Minh Anh | October 30, 2024\n"
          "Hundreds of workers who came back from Japan this year found jobs through a new service centre.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert (row["authors"], row["published"]) == ("Minh Anh", pd.Timestamp("2024-10-30"))
    assert "Minh Anh" not in row["text"]


@pytest.mark.parametrize("line, furniture", [
    ("Like us on Facebook to read more stories from the site", True),
    ("Follow us on Zalo", True),
    ("Comments (3)", True),
    ("Write a comment...", True),
    ("Watch more: Border guards on the front line against trafficking (Video, 05:12)", True),
    ("Video: Handover ceremony at the border gate (02:47)", True),
    ("Read also: Ministry steps up protection of workers abroad", True),
    ("Check against delivery", True),
    ("Enjoying this article? Subscribe for full access to our analysis.", True),
    ("Advertisement", True),
    ("Get the latest business news from Vietnam in your inbox every morning.", True),
    ("Attached file: Pre-departure orientation curriculum 2024 (PDF, 4.2 MB)", True),
    ("Follow the ministry on many channels, said Lan, who works on Facebook outreach.", False),
    ("See: the table below lists the projects.", False),
    ("Comments from returnees shaped the new guidance, the ministry said.", False),
])
def test_social_prompts_comment_boxes_media_teasers_and_delivery_notes_are_furniture(line, furniture):
    assert vn.chrome.is_furniture(line) is furniture


def test_a_caption_credit_may_carry_a_copyright_sign_or_be_an_agency_in_brackets():
    assert vn.chrome.CAPTION.search("Families wait to move to a resettlement site. Photo: © IOM 2024")
    assert vn.chrome.CAPTION.search("Trainees attend a Japanese language class in Hanoi. (Kyodo)")
    assert vn.chrome.CAPTION.search("Returnees complete paperwork at Noi Bai airport. Photo by VnExpress/Hoang Phong")
    assert vn.chrome.CAPTION.search("Residents attend a counselling session. Photo courtesy of IOM")
    assert vn.chrome.CAPTION.search("Workers receive health checks at a factory on Friday. VNS Photo Đoàn Tùng")
    assert not vn.chrome.CAPTION.search("The survey was run by the GSO. IOM Photo exhibitions open next week in Hue.")
    assert not vn.chrome.CAPTION.search("The plan was drafted with the International Organization for Migration (IOM).")


def test_the_lines_above_the_headline_that_are_not_prose_leave_the_text(corpus_dir):
    write(corpus_dir, "a.txt", "THE REGIONAL MONITOR\nThe weekly magazine for the region\nPolicy | Society\n"
          "Viet Nam counts its returnees for the first time\nMarch 4, 2024\n"
          "The ministry said on Monday that it would publish data on returnees every quarter from now on.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == "Viet Nam counts its returnees for the first time"
    assert row["text"].startswith("The ministry said on Monday")
    assert "The weekly magazine for the region" in row["boilerplate"]


def test_a_date_line_under_a_byline_dates_the_page_even_after_a_standfirst(corpus_dir):
    write(corpus_dir, "a.txt", "Viet Nam's migration compact test\n"
          "Hanoi has built a framework for safe migration, but the harder part is still ahead of it.\n"
          "By Le Hoang Anh and Kristoffer Saari\nMarch 19, 2025\n"
          "Last month, governments from across the region gathered in Bangkok for the regional review.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert (row["published"], row["authors"]) == (pd.Timestamp("2025-03-19"), "Le Hoang Anh; Kristoffer Saari")
    assert "March 19, 2025" not in row["text"]


def test_a_title_bar_a_menu_under_it_and_a_breadcrumb_leave_the_text(corpus_dir):
    write(corpus_dir, "a.txt", "Viet Nam: Implementing the Compact | Regional Migration Network\nSkip to main content\n"
          "Regional Migration Network\nAbout\nThe Compact\nCountry Networks\nMigration Hub\n"
          "Country Networks > Asia and the Pacific > Viet Nam\nUpdated: 3 March 2025\n"
          "The network in Viet Nam brings together twelve UN entities to support the Government.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == "Viet Nam: Implementing the Compact"
    assert row["text"] == "The network in Viet Nam brings together twelve UN entities to support the Government."


def test_a_title_bar_over_a_masthead_a_kicker_and_the_headline_leaves_the_story_alone(corpus_dir):
    headline = "Tập huấn phòng, chống mua bán người cho cán bộ xã biên giới"
    write(corpus_dir, "a.txt", f"{headline} - Cổng thông tin điện tử tỉnh Lào Cai\n"
          "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LÀO CAI\nTrang chủ\nTin tức\nKinh tế\nVĂN HÓA - XÃ HỘI\n"
          f"{headline}\n22-11-2024 | 15:30\n"
          "Sở Lao động tỉnh đã tổ chức lớp tập huấn hai ngày cho 40 cán bộ xã biên giới vào tuần trước.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == headline
    assert row["text"] == "Sở Lao động tỉnh đã tổ chức lớp tập huấn hai ngày cho 40 cán bộ xã biên giới vào tuần trước."


def test_the_headline_follows_the_navigation_not_a_label_under_it(corpus_dir):
    write(corpus_dir, "a.txt", "REGIONAL COMMISSION\nThe Commission for the Region and Its Peoples\nAbout\nOur Work\n"
          "Events\nPublications\nHome › News › Press Releases\n"
          "Countries compare migration data ahead of the 2026 review of the Compact\nPress Release\n"
          "Issued on: 15 Oct 2025\nReference No: PR/2025/47\n"
          "Government officials from ten countries today concluded a two-day consultation on data.\n")
    row = vn.load_articles(corpus_dir).iloc[0]
    assert row["title"] == "Countries compare migration data ahead of the 2026 review of the Compact"


def test_a_lead_in_to_a_contact_block_is_no_template_line():
    from vnmigration.chrome import drop_templates

    templates = frozenset({"For more information, please contact:", "Our partners"})
    body, removed = drop_templates(["IOM opened an office in Hanoi on Monday, the agency said in a statement.",
                                    "Our partners", "For more information, please contact:",
                                    "Nguyen Lan, IOM Viet Nam"], templates)
    assert "For more information, please contact:" in body and removed == ["Our partners"]


def test_a_site_menu_heading_repeated_on_every_page_still_frees_its_glued_blurb(corpus_dir):
    # Pages of one site share a menu whose heading a scraper glued to its blurb; the page's headline and date line
    # stand under it. One page alone and the same page beside its siblings read the same.
    menu = ("Home\nWHO WE ARE\nWHO WE AREThe agency is part of the United Nations system and works with "
            "governments on migration.\nOUR WORK\nOUR WORKAs the leading organization, it promotes orderly "
            "migration for all.\n")
    stories = [("Delta farmers talk about moving with the seasons", "Can Tho, 5 June 2012",
                "Farmers from three provinces met officials in Can Tho to discuss seasonal migration and floods."),
               ("Returnees share their stories at a Hanoi workshop", "Ha Noi, 14 March 2019",
                "Forty returned migrant workers told officials in Hanoi what they had needed before departure."),
               ("A new guide for workers going abroad is released", "Da Nang, 2 October 2021",
                "A guide for workers preparing to leave for jobs abroad was released in Da Nang by the province.")]
    for i, (title, dateline, lead) in enumerate(stories):
        write(corpus_dir, f"p{i}.txt", f"{menu}{title}\n{dateline}\n{lead}\nContact us\n© The agency 2024\n")
    together = vn.load_articles(corpus_dir).set_index("article_id")
    for i, (title, dateline, lead) in enumerate(stories):
        alone = vn.load_articles(_alone(corpus_dir, f"p{i}.txt"))
        row = together.loc[f"p{i}"]
        assert (row["title"], row["dateline"], row["text"].split("\n")[0]) == (title, dateline, lead)
        assert row["site_statements"].startswith("The agency is part of the United Nations system")
        assert alone.iloc[0][["title", "dateline", "site_statements"]].tolist() == \
            row[["title", "dateline", "site_statements"]].tolist()


def _alone(folder, name):
    """A folder holding only folder/name."""
    single = folder / f"alone-{name}"
    single.mkdir()
    (single / name).write_bytes((folder / name).read_bytes())
    return single


def test_a_body_that_meets_every_year_does_not_anchor_an_undated_article():
    from vnmigration.published import anchor_this_year

    articles = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2024-06-01", None]),
                             "text": ["The National Assembly will debate the law in October 2024.",
                                      "The National Assembly will debate the bill in October this year."],
                             "published_precision": ["day", None], "published_source": ["header", None],
                             "published_evidence": [None, None]})
    assert anchor_this_year(articles)["published"].isna().tolist() == [False, True]


def test_a_menu_shared_by_pages_of_one_site_still_marks_where_the_headline_starts(corpus_dir):
    menu = "News\nBusiness\nTravel\nLife\nSports\n"
    write(corpus_dir, "a.txt", "VnExpress International\nLatest news from Vietnam and the world\n" + menu
          + "218 Vietnamese released from scam compounds flown home\nMarch 6, 2025\n"
          "The group of 218 people arrived at Noi Bai International Airport on two flights on Wednesday.\n")
    write(corpus_dir, "b.txt", "VnExpress International\n" + menu
          + "Returnees find work through a new service centre\nMarch 7, 2025\n"
          "Hundreds of workers who came back from Japan found jobs through a new service centre this year.\n")
    titles = vn.load_articles(corpus_dir).set_index("file")["title"]
    assert titles["a.txt"] == "218 Vietnamese released from scam compounds flown home"


@pytest.mark.parametrize("mark", ["-- NEWSWIRE", "==Newswire", "(END)", "###", "Enditem"])
def test_a_wire_end_mark_on_its_own_line_is_chrome_and_one_glued_to_the_last_sentence_stays(mark):
    story = ("HANOI, May 9 -- Viet Nam and IOM agreed on Thursday to extend their cooperation on safe migration "
             "for three more years, officials said.\n")
    own_line = split_chrome(story + mark + "\n")
    assert mark not in own_line.body and mark in own_line.boilerplate
    glued = split_chrome(story.rstrip() + " " + mark + "\n")
    assert any(line.endswith(mark) for line in glued.body)


def test_a_page_that_names_no_site_takes_its_outlet_from_its_masthead_else_from_a_wire_end_mark():
    assert vn.outlets.find_outlet("HA NAM PROVINCIAL PORTAL\nHome\nNews\nThe province met IOM on Monday.")[0] == \
        "Ha Nam Provincial Portal"
    assert vn.outlets.find_outlet("HANOI, May 9 -- The talks ended on Thursday.\n-- NEWSWIRE\n") == \
        ("Newswire", "-- NEWSWIRE")
    # a body sentence that opens with a listed body's name and holds a year is no self-reference of the site
    assert vn.outlets.find_outlet("VietnamPlus\nDOLAB and IOM have cooperated since 2017 on ethical recruitment "
                                 "among Vietnamese companies.\n")[0] == "Vietnam News Agency"


def test_a_list_of_files_is_read_as_given_and_a_missing_one_is_named(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("IOM opens an office in Hanoi\nHanoi, March 5, 2019 – IOM Viet Nam opened it.\n")
    assert vn.load_articles([page])["article_id"].tolist() == ["a"]
    with pytest.raises(FileNotFoundError, match="not a file: .*b.txt"):
        vn.load_articles([page, tmp_path / "b.txt"])
    assert vn.build_tables([page])["articles"]["article_id"].tolist() == ["a"]  # every entry point takes a list
    assert vn.kwic("IOM", vn.build_tables([str(page)]))["article_id"].tolist() == ["a"]  # the body, not the title


@pytest.mark.parametrize("call", [lambda t: vn.build_tables(t["articles"]), lambda t: vn.timeline(t["sentences"]),
                                  lambda t: vn.kwic("IOM", {"articles": t["articles"]}),
                                  lambda t: vn.kwic("IOM", t["sentences"])])
def test_a_table_where_a_folder_is_expected_is_one_clear_sentence(call, seed_dir):
    from vnmigration.schema import SchemaError
    with pytest.raises(SchemaError, match="takes a corpus folder"):
        call(vn.build_tables(seed_dir))


def test_sentences_given_for_articles_get_one_clear_sentence():
    sentences = vn.split_sentences(pd.DataFrame({"article_id": ["a"], "text": ["IOM met. It ended."]}))
    with pytest.raises(ValueError, match="takes the articles table"):
        vn.split_sentences(sentences)


def test_a_capitals_heading_glued_to_its_blurb_is_freed_though_no_menu_lists_it():
    # A scraper glued a section heading in capitals to the sentence under it, and the page's menu names the section
    # otherwise ("About Us"); the blurb is the site's statement, and the headline and date line under it are read.
    page = split_chrome("Home\nAbout Us\nOur Work\nABOUT THE AGENCYThe agency works with governments on migration.\n"
                        "Fishing villages prepare for the storm season\nHue, 4 May 2021\n"
                        "Fishing families in three coastal communes met officials in Hue to plan for the storms.\n")
    assert page.statements == ["The agency works with governments on migration."]
    assert page.dateline is not None and page.dateline.date.day == 4
    assert find_title(page)[0] == "Fishing villages prepare for the storm season"


def test_a_long_section_name_amid_a_menu_is_not_the_headline_but_a_headline_over_a_label_is():
    menu = "Home\nAbout\nOur Work\nResources\nSafe Labour Migration and Decent Work Abroad\nHealth\nNews\n"
    story = "Returnees in Nghe An open small businesses with new grants\nReturnees in Nghe An said the grants helped."
    assert find_title(split_chrome(menu + story))[0] == story.split("\n")[0]
    assert find_title(split_chrome("Home\nAbout\nNews\n" + story.replace("\n", "\nPress Release\nNo. 12\n")))[0] \
        == story.split("\n")[0]
