"""People the codebook lacks: detection, title splitting, short forms, diacritics, pronouns, other languages."""

import pandas as pd
import pytest
from conftest import write

import vnmigration as vn
from vnmigration.persons import detect_persons, fold_diacritics, title_before


def tables(**texts):
    """Sentences, mentions, roles and quotes of small made-up articles (published 2024-05-02)."""
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()), "title": pd.NA,
                             "published": pd.Timestamp("2024-05-02"), "published_precision": "day"})
    sentences = vn.split_sentences(articles)
    mentions = vn.extract_mentions(sentences)
    roles = vn.extract_roles(sentences, mentions, articles)
    return sentences, mentions, roles, vn.extract_quotes(sentences, mentions, articles, roles=roles)


def test_the_title_is_split_from_the_name():
    _, mentions, roles, _ = tables(a="Deputy Minister of Foreign Affairs Tran Van Nam met the delegation in Hanoi.")
    assert mentions.loc[mentions["match"] == "detected", "actor"].tolist() == ["Tran Van Nam"]
    assert roles[["person", "role"]].values.tolist() == [["Tran Van Nam", "Deputy Minister of Foreign Affairs"]]


@pytest.mark.parametrize("text", [
    "Foreign Affairs Tran Van Nam opened the meeting on migration.",
    "Deputy Minister of Labour, Invalids and Social Affairs Tran Van Nam opened the meeting.",
])
def test_an_organisation_is_never_part_of_a_name(text):
    _, mentions, _, _ = tables(a=text)
    assert set(mentions.loc[mentions["kind"] == "person", "actor"]) == {"Tran Van Nam"}


@pytest.mark.parametrize("text", [
    "Law No. 12/2019/QH14 takes effect and the Resource Centre opens in Ho Chi Minh City next week.",
    "Delegates from Ha Noi, Ha Tinh and Quang Ninh attended the Regional Review in Bangkok.",
    "The Ministry of Labour, Invalids and Social Affairs and the Women's Union signed a plan.",
])
def test_ordinary_phrases_and_places_are_never_persons(text):
    _, mentions, _, _ = tables(a=text)
    assert (mentions["match"] != "detected").all(), mentions


def test_western_names_need_a_cue_and_keep_their_appositive_title():
    _, mentions, roles, _ = tables(
        a="Erik Lund, IOM programme manager for climate migration, said salinity drives people to the cities. "
          "Peter Hall arrived later.")
    assert set(mentions.loc[mentions["match"] == "detected", "actor"]) == {"Erik Lund"}
    assert roles.loc[roles["person"] == "Erik Lund", "role"].tolist() == ["IOM programme manager for climate migration"]


def test_a_speech_verb_or_the_body_spoken_for_is_a_cue_but_not_for_an_outlet_or_a_rank():
    _, mentions, _, _ = tables(
        a="Marta Kowalczyk says the hard part is making fair recruitment real. "
          "Jonas Berg, for the International Labour Organization (ILO), said the forum would open next week. "
          "Thanh Nien said the ministry would publish the data. Lt. Gen Sophal said the border was calm.")
    assert set(mentions.loc[mentions["match"] == "detected", "actor"]) == {"Marta Kowalczyk", "Jonas Berg"}


def test_short_forms_resolve_within_the_article_only():
    _, mentions, _, quotes = tables(
        a="Ambassador Nguyen Thi Lan met IOM officials. Lan said the plan was ready.",
        b="Lan said nothing about the plan to the press.")
    short = mentions[mentions["match"] == "short-form"]
    assert short[["article_id", "actor"]].values.tolist() == [["a", "Nguyen Thi Lan"]]
    assert quotes.loc[quotes["article_id"] == "a", "speaker"].tolist() == ["Nguyen Thi Lan"]


def test_viet_nam_is_not_a_short_form_of_nam():
    _, mentions, _, _ = tables(a="Minister Tran Van Nam spoke. Viet Nam will host the forum.")
    assert not ((mentions["surface"] == "Nam") & (mentions["match"] == "short-form")).any()


def test_diacritics_match_the_codebook_and_offsets_stay():
    text = "Phó Thủ tướng Lê Thành Long met IOM. Deputy Minister Tô Anh Dũng spoke in Hà Nội."
    _, mentions, _, _ = tables(a=text)
    coded = mentions[mentions["match"] != "detected"]
    assert {"Le Thanh Long", "To Anh Dung"} <= set(coded["actor"])
    for r in coded.itertuples():
        assert text[r.start:r.end] == r.surface
    assert fold_diacritics("Lê Thành Long") == "Le Thanh Long" and len(fold_diacritics(text)) == len(text)


def test_the_codebook_wins_over_detection():
    _, mentions, _, _ = tables(a="Deputy Prime Minister Le Thanh Long received Director General Amy Pope.")
    people = mentions[mentions["kind"] == "person"]
    assert set(people["match"]) == {"exact"} and set(people["side"]) != {"unknown"}


def test_pronouns_follow_one_gender_rule():
    # Ms. states a gender: "she" is the most recent woman; with no man known, "he" is the most recent person of
    # unknown gender.
    _, _, _, quotes = tables(
        a="Ms. Anna Berg met Minister Tran Van Hai. She said the plan was ready.",
        b="Minister Tran Van Hai met Ms. Anna Berg. He said the plan was ready.",
        c="Ms. Anna Berg met Minister Tran Van Hai. She said the plan was ready for the ministry.")
    speakers = dict(zip(quotes["article_id"], quotes["speaker"], strict=True))
    assert speakers["a"] == "Anna Berg"
    assert speakers["b"] == "Tran Van Hai"  # "he": Anna Berg is female, Tran Van Hai unknown


def test_the_official_title_names_its_holder():
    _, _, _, quotes = tables(
        a="Deputy Minister Tran Van Hai met IOM Chief of Mission Anna Berg. The Deputy Minister said the plan was "
          "ready for approval.")
    assert quotes["speaker"].tolist() == ["Tran Van Hai"]


def test_an_interview_answer_names_its_speaker():
    _, _, _, quotes = tables(
        a="Reporter Mai Thi Hoa spoke to IOM Chief of Mission Anna Berg. Anna Berg: We work with six provinces "
          "on safe migration.")
    assert ("Anna Berg", "interview") in set(zip(quotes["speaker"], quotes["kind"], strict=True))


def test_a_vietnamese_page_is_read_as_vietnamese(corpus_dir):
    write(corpus_dir, "vi.txt", "Ngày 14/11, tại Hà Nội, Thứ trưởng Bộ Ngoại giao đã tiếp Tổng Giám đốc Tổ chức "
          "Di cư Quốc tế. Hai bên trao đổi về hợp tác di cư an toàn, trật tự và hợp pháp; hỗ trợ người lao động "
          "Việt Nam ở nước ngoài và về ứng phó với biến đổi khí hậu ở Đồng bằng sông Cửu Long trong thời gian tới.\n")
    articles, problems = vn.read_corpus(corpus_dir)
    assert articles["language"].tolist() == ["vi"]
    assert "unread-language" not in problems["reason"].tolist()
    sentences = vn.split_sentences(articles)
    assert set(sentences["language"]) == {"vi"} and len(sentences) == 2


def test_a_page_in_a_language_the_package_cannot_read_is_kept_and_not_mined(corpus_dir):
    write(corpus_dir, "de.txt", "Die Internationale Organisation für Migration und die Regierung von Vietnam haben am "
          "Donnerstag in Hanoi eine neue Vereinbarung über sichere Migration unterzeichnet. Die Behörden wollen damit "
          "Arbeitsmigranten besser schützen, die in andere Länder der Region gehen, und Menschenhandel bekämpfen.\n")
    articles, problems = vn.read_corpus(corpus_dir)
    assert articles["language"].tolist() == ["de"]
    assert "unread-language" in problems["reason"].tolist() and problems["kept"].all()
    sentences = vn.split_sentences(articles)
    assert sentences.empty
    assert vn.uncoded_candidates(sentences, vn.extract_mentions(sentences)).empty


def test_detected_persons_and_short_forms_on_made_up_sentences():
    sentences = vn.split_sentences(pd.DataFrame({"article_id": ["x"], "text": [
        "His Excellency Mr. Jean-Pierre Dubois met IOM Chief of Mission Richard Calloway. Calloway noted progress."]}))
    found = detect_persons(sentences)
    assert found[["actor", "match", "gender"]].fillna("unknown").values.tolist() == [
        ["Jean-Pierre Dubois", "detected", "male"], ["Richard Calloway", "detected", "unknown"],
        ["Richard Calloway", "short-form", "unknown"]]


def test_detected_persons_are_codebook_candidates_with_their_titles():
    sentences, mentions, roles, _ = tables(
        a="Deputy Minister of Foreign Affairs Tran Van Nam met IOM. Nam said the plan was ready.",
        b="Tran Van Nam, Director General of the Consular Department, opened the workshop in Hanoi.")
    uncoded = vn.uncoded_candidates(sentences, mentions, roles=roles).set_index("candidate")
    nam = uncoded.loc["Tran Van Nam"]
    assert (nam["kind"], nam["n_mentions"], nam["n_articles"]) == ("person (detected)", 3, 2)
    assert nam["titles"] == "Deputy Minister of Foreign Affairs; Director General of the Consular Department"


def test_a_local_government_office_before_a_name_is_its_title():
    text = "Vice Chairman of the provincial People's Committee Trinh Huu Khang received the delegation."
    assert title_before(text, text.index("Trinh")) == "Vice Chairman of the provincial People's Committee"


def test_an_ethnic_minority_family_name_starts_a_name_and_a_division_is_no_person():
    text = ("Lieutenant Colonel Sung Seo Lu said so. Gabriela Ortiz, Director of the Labour Mobility and Social "
            "Inclusion Division at IOM, spoke.")
    sentences = pd.DataFrame({"article_id": ["a1"], "sentence_no": [1], "start": [0], "text": [text]})
    names = set(detect_persons(sentences)["actor"])
    assert "Sung Seo Lu" in names and "Seo Lu" not in names and "Inclusion Division" not in names


def test_an_irish_family_name_with_an_apostrophe_is_one_name():
    _, mentions, _, _ = tables(a="Ms. Sarah O'Connell, Head of Labour Mobility at IOM Viet Nam, opened the course.")
    assert set(mentions.loc[mentions["match"] == "detected", "actor"]) == {"Sarah O'Connell"}


def test_a_rank_before_a_name_is_a_title_and_a_month_is_no_name():
    _, mentions, roles, _ = tables(
        a="Lieutenant General Prak Sophal, deputy commissioner of the national police, said the raid was planned. "
          "In June, the Prime Minister approved a plan. "
          "Mr. David Whitfield, Chief Technical Adviser of the programme, noted the progress. "
          "Ms. Tran Thi Thu Ha, Director of the department, opened the meeting.")
    assert set(mentions.loc[mentions["match"] == "detected", "actor"]) == {
        "Prak Sophal", "David Whitfield", "Tran Thi Thu Ha"}
    assert "Lieutenant General" in set(roles.loc[roles["person"] == "Prak Sophal", "role"])


def test_a_stroked_letter_folds_like_a_diacritic():
    assert fold_diacritics("Ingrid Sørensen, Łukasz Đặng") == "Ingrid Sorensen, Lukasz Dang"


@pytest.mark.parametrize("place", ["Addis Ababa", "Kuala Lumpur", "Phnom Penh", "Nghe An", "Da Nang"])
def test_a_place_of_the_gazetteer_is_never_a_person_even_after_a_cue(place):
    _, mentions, _, _ = tables(a=f"The delegation met Ms. {place}, the city's host, and the envoy of {place} said "
                                 "nothing new.")
    assert (mentions["match"] != "detected").all(), mentions


def test_an_office_before_to_and_a_named_holder_belongs_to_the_subject():
    _, mentions, roles, _ = tables(
        a="Before joining IOM, Anna Berg served as Senior Migration Adviser to US President Peter Hall and as "
          "Deputy Security Adviser to President Tom Reed. The Ambassador to Viet Nam, Karl Moss, attended.")
    assert dict(roles[["person", "role"]].values.tolist()) == {
        "Peter Hall": "US President", "Tom Reed": "President", "Karl Moss": "Ambassador to Viet Nam"}


def test_an_appositive_after_a_relation_names_a_person():
    _, mentions, _, _ = tables(a="She succeeded her predecessor, Erik Lund of Norway, who served two terms.")
    assert mentions.loc[mentions["match"] == "detected", "actor"].tolist() == ["Erik Lund"]


def test_a_short_quote_with_a_cue_is_attributed_to_the_person_the_title_run_ends_in():
    _, _, _, quotes = tables(a="“Safe migration starts at home,” said IOM Chief of Mission Anna Berg.")
    assert quotes[["speaker", "kind"]].values.tolist() == [["Anna Berg", "direct"]]


def test_a_quoted_name_without_a_cue_is_no_quote():
    _, _, _, quotes = tables(a="The project “Safe Journeys for Workers from the Delta Provinces” ran for two years.")
    assert quotes.empty, quotes


def test_vietnamese_names_of_every_people_and_writers_who_sign_alone(corpus_dir):
    write(corpus_dir, "vi.txt", "Hội thảo về di cư lao động an toàn tại Hà Nội\nThứ Hai, 11/11/2024 19:30 (GMT+7)\n"
          "Sáng 11/11, tại Hà Nội, Bộ Nội vụ phối hợp với Tổ chức Di cư quốc tế (IOM) tổ chức hội thảo về di cư lao "
          "động an toàn dành cho người đi làm việc ở nước ngoài.\n"
          "Phát biểu khai mạc, Đại tá Lường Văn Thắng, Phó Cục trưởng Cục Cảnh sát, cho biết lực lượng công an đã "
          "phối hợp chặt chẽ với IOM.\n"
          "Chị Hồ Thị Ngân (41 tuổi), có chồng đang làm việc ở Nhật Bản, chia sẻ về khoản nợ của gia đình.\n"
          "Ông Mattias Sjöberg, Điều phối viên chương trình của IOM, cho biết dự án sẽ kéo dài ba năm.\n"
          "Anh Tẩn A Chiêu (24 tuổi), từng làm công nhân ở Hàn Quốc, đã trở về quê và mở xưởng may.\n"
          "Thu Giang\nTin liên quan\nHà Nội mở trung tâm tư vấn cho người lao động\n")
    articles, _ = vn.read_corpus(corpus_dir)
    assert articles.loc[0, "authors"] == "Thu Giang"  # a name alone on the story's last line signs it
    mentions = vn.extract_mentions(vn.split_sentences(articles))
    persons = set(mentions.loc[mentions["kind"] == "person", "surface"])
    assert {"Lường Văn Thắng", "Hồ Thị Ngân", "Mattias Sjöberg", "Tẩn A Chiêu"} <= persons
    assert not {"Hà Nội", "Nhật Bản", "Hàn Quốc"} & persons


def test_a_family_name_that_is_also_a_place_word_needs_a_middle_name():
    from vnmigration.persons import person_rules
    names = person_rules()["vietnamese"]  # English pages, folded
    assert names.search("said Vi Thi Thanh Nhan, head of the unit").group() == "Vi Thi Thanh Nhan"
    assert names.search("at the Ma Lu Thang international border gate") is None


def test_a_name_after_a_nationality_and_an_office_in_one_capitalised_run():
    _, mentions, _, _ = tables(a="Canadian Ambassador Sophie Tremblay said Canada would fund the second phase.")
    assert "Sophie Tremblay" in set(mentions.loc[mentions["kind"] == "person", "actor"])



def test_a_foreign_name_after_an_office_and_its_place_in_vietnamese(corpus_dir):
    # session 6: lower-case connectors between an office and the name ("tại"), and the place's last word left out
    write(corpus_dir, "vi.txt", "Hợp tác về di cư lao động\nThứ Hai, 11/11/2024 19:30 (GMT+7)\n"
          "Theo Đại sứ Canada tại Việt Nam Claire Dubois, dự án ưu tiên lao động nữ.\n"
          "Đại sứ Hàn Quốc tại Việt Nam Kim Min-jun cho biết chương trình sẽ mở rộng.\n")
    articles, _ = vn.read_corpus(corpus_dir)
    sentences = vn.split_sentences(articles)
    roles = vn.extract_roles(sentences, vn.extract_mentions(sentences), articles)
    assert sorted(zip(roles["person"], roles["role"], strict=True)) == [
        ("Claire Dubois", "Đại sứ Canada tại Việt Nam"), ("Kim Min-jun", "Đại sứ Hàn Quốc tại Việt Nam")]
