"""The date grammar, year resolution, event kinds, and the merge rules of the timeline."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnmigration as vn
from vnmigration.dates import find_dates, resolve
from vnmigration.event_kinds import classify, make_label
from vnmigration.sentences import split_sentences
from vnmigration.timeline import build_timeline


def one(text, published=None, precision="day"):
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    return resolve(m, pd.Timestamp(published) if published else None, precision), m.precision, m.resolution


@pytest.mark.parametrize("text, published, expected", [
    ("signed on March 20, 2020.", None, ("2020-03-20", "day", "absolute")),
    ("signed on 20 March 2020.", None, ("2020-03-20", "day", "absolute")),
    ("held in Hanoi on November 30.", "2020-11-30", ("2020-11-30", "day", "year-from-publication")),
    ("held on Nov. 22.", "2021-11-25", ("2021-11-22", "day", "year-from-publication")),
    ("approved the GCM in December 2018.", None, ("2018-12-01", "month", "absolute")),
    ("presented in March 2021.", None, ("2021-03-01", "month", "absolute")),
    ("took part in May this year.", "2022-01-01", ("2022-05-01", "month", "this-year")),
    ("took effect in July this year.", "2025-08-01", ("2025-07-01", "month", "this-year")),
    ("promoting since 1951 humane migration", None, ("1951-01-01", "year", "since")),
    ("a presence since 1987.", None, ("1987-01-01", "year", "since")),
    ("rolled out since December 2018.", None, ("2018-12-01", "month", "since")),
    ("a forum scheduled for May 2022 in New York.", None, ("2022-05-01", "month", "scheduled")),
    ("during the 2020-2021 period.", None, ("2020-01-01", "year", "period")),
    ("date 2023-11-20 on the site.", None, ("2023-11-20", "day", "absolute")),
    ("It will take place every four years beginning in 2022.", None, ("2022-01-01", "year", "scheduled")),
    # a season or the end of a year; New Year's Day; a day of this or last month; a day range without a year
    ("The pilot started towards the end of 2023.", None, ("2023-01-01", "year", "absolute")),
    ("They moved in the spring of 2024.", None, ("2024-01-01", "year", "absolute")),
    ("in force since New Year's Day 2016.", None, ("2016-01-01", "day", "since")),
    ("They met on the 12th of last month.", "2025-04-20", ("2025-03-12", "day", "this-month")),
    ("At the closing session on the 25th, IOM spoke.", "2025-04-20", ("2025-03-25", "day", "day-of-month")),
    ("On the 3rd, they met again.", "2025-04-20", ("2025-04-03", "day", "day-of-month")),
    ("a course held on 9-11/4 in Vinh.", "2025-04-20", ("2025-04-09", "day", "year-from-publication")),
    ("held in the first week of March.", "2025-04-20", ("2025-03-01", "month", "year-from-publication")),
    # a yearly observance named without a date: the one nearest the page's date (data/en/calendar.yaml fixed_days)
    ("In a fortnight, on International Migrants Day, we will publish a guide.", "2026-12-03",
     ("2026-12-18", "day", "nearest")),
    ("On International Migrants' Day, the exhibition opened.", "2027-01-05", ("2026-12-18", "day", "nearest")),
    ("On 18 December, International Migrants Day, the forum opened.", "2026-12-20",
     ("2026-12-18", "day", "year-from-publication")),
])
def test_date_forms(text, published, expected):
    date, precision, resolution = one(text, published)
    assert (date, precision, resolution) == (pd.Timestamp(expected[0]), expected[1], expected[2])


@pytest.mark.parametrize("text", [
    "the achievement of the 2030 Agenda", "Decision No. 402/QD-TTg was signed", "with 175 member states",
    "approximately 281 million people", "Hotline: 0913.378.918", "COVID-19 spread", "in 2030 Agenda terms",
    "March 45 is no day", "May I ask", "the Vietnam Times 2022 Awards", "the desk is open on Saturday mornings",
    # a plan's span names the plan: no date of a happening
    "under the ASEAN Work Programme 2021-2025, with funding", "a cooperation plan for the 2024-2025 period",
    "about 3/4 of the workers paid fees", "on 3/4 of the routes", "by 20/30 votes",
    "the goal is to send 500,000 workers abroad in the 2021-2025 period",
    "to sign a memorandum of understanding on cooperation for the 2025-2027 period",
    "the National Program on Human Trafficking Prevention and Combat for 2021-2025", "the 2021-2030 strategy",
])
def test_non_dates(text):
    assert find_dates(text) == []


def test_a_period_that_is_no_plan_span_is_a_period():
    found = find_dates("Nationals migrating abroad during the 2020-2021 period, the plan said, rose in number.")
    assert [(d.date_text, d.resolution) for d in found] == [("2020-2021 period", "period")]


@pytest.mark.parametrize("text, published, expected", [
    # a day without a year up to two months after the page is ahead in its year; later, it is last year's
    ("a consultation on 8-9 April in Hanoi.", "2019-03-05", ("2019-04-08", "2019-04-09")),
    ("a consultation on 8-9 June in Hanoi.", "2019-03-05", ("2018-06-08", "2018-06-09")),
    ("the law took effect last July.", "2026-05-06", ("2025-07-01", "2025-07-31")),  # "last": never ahead
    ("a consultation is scheduled for 8-9 April in Hanoi.", "2019-03-05", ("2019-04-08", "2019-04-09")),  # ahead
    ("a workshop on June 21-22 in Ca Mau.", "2023-06-23", ("2023-06-21", "2023-06-22")),
    ("a visit from 5th to 8th November.", "2019-11-07", ("2019-11-05", "2019-11-08")),
    ("the workshop of 10-11 December last year.", "2019-12-17", ("2018-12-10", "2018-12-11")),
    ("the report released in June.", "2020-12-18", ("2020-06-01", "2020-06-30")),
    ("talks last month in Geneva.", "2022-05-18", ("2022-04-01", "2022-04-30")),
    ("received the guest on Wednesday.", "2019-11-07", ("2019-11-06", "2019-11-06")),
    ("- 1994 - IOM opened its office in Hanoi.", None, ("1994-01-01", "1994-12-31")),
    ("2013: Viet Nam signed the agreement.", None, ("2013-01-01", "2013-12-31")),
    ("COP28, which runs from 30 November to 12 December.", "2023-11-18", ("2023-11-30", "2023-12-12")),
    ("the revised law, which takes effect from July 1,", "2025-03-06", ("2025-07-01", "2025-07-01")),
    ("fieldwork carried out between March and June this year.", "2024-09-18", ("2024-03-01", "2024-06-30")),
    ("the visit from Nov. 28 to Dec. 2, 2022.", None, ("2022-11-28", "2022-12-02")),
    ("the roundtable on Friday, 18 August 2023.", None, ("2023-08-18", "2023-08-18")),
    ("Vietnam and Japan agreed Tuesday to curb fees.", "2024-10-10", ("2024-10-08", "2024-10-08")),  # a wire's weekday
    ("a report released last week by IOM.", "2023-12-05", ("2023-11-01", "2023-11-30")),  # the week before: November
    ("the review takes place next week.", "2025-02-27", ("2025-03-01", "2025-03-31")),
    ("On the afternoon of 20/5, the minister received the guests.", "2024-05-21", ("2024-05-20", "2024-05-20")),
    ("centres will open before the end of the year.", "2026-11-13", ("2026-01-01", "2026-12-31")),
    ("the largest group as of the end of June.", "2026-11-13", ("2026-06-01", "2026-06-30")),
    ("The 2020 Law on Vietnamese Guest Workers banned fees.", "2026-11-13", ("2020-01-01", "2020-12-31")),
    # "next" and "last" never name the page's own weekday; a weekday's possessive names the latest one
    ("the ministry will co-host the forum next Wednesday.", "2026-11-13", ("2026-11-18", "2026-11-18")),
    ("said that next Friday the centre opens.", "2026-11-13", ("2026-11-20", "2026-11-20")),
    ("last Friday, the centre marked its anniversary.", "2026-11-13", ("2026-11-06", "2026-11-06")),
    ("who had addressed Wednesday's National Forum in Hanoi.", "2026-11-13", ("2026-11-11", "2026-11-11")),
])
def test_ranges_relative_dates_and_list_items(text, published, expected):
    from vnmigration.dates import period_end

    m = find_dates(text)[0]
    start = resolve(m, pd.Timestamp(published) if published else None, "day")
    end = period_end(start, m.precision, m.year_end, m.day_end, m.month_end)
    assert (start, end) == tuple(map(pd.Timestamp, expected))


@pytest.mark.parametrize("text, precision", [("received the guest on Wednesday.", "month"),
                                             ("talks last month in Geneva.", "year"),
                                             ("a workshop on August 20-22.", None)])
def test_relative_dates_need_a_precise_enough_publication(text, precision):
    published = None if precision is None else pd.Timestamp("2022-05-01")
    assert pd.isna(resolve(find_dates(text)[0], published, precision))


def test_period_has_an_end():
    assert find_dates("the 2020-2021 period")[0].year_end == 2021


@pytest.mark.parametrize("text, published, expected", [
    ("on Dec. 28", "2021-01-05", "2020-12-28"),   # rolls back over New Year
    ("on Jan. 3", "2021-01-05", "2021-01-03"),
    ("on Dec. 31", "2020-12-31", "2020-12-31"),   # the publication day itself is not rolled back
    ("on Jan. 1", "2020-12-31", "2020-01-01"),
])
def test_year_resolution_around_new_year(text, published, expected):
    assert one(text, published)[0] == pd.Timestamp(expected)


def test_year_precision_publication_does_not_roll_back():
    assert one("on Nov. 22", "2022-01-01", precision="year")[0] == pd.Timestamp("2022-11-22")


def test_unresolvable_relative_date_is_nat():
    assert pd.isna(one("in May this year")[0])


@pytest.mark.parametrize("text, kind", [
    ("The Prime Minister signed a decision on March 20, 2020.", "decision"),
    ("The Law on Prevention of Human Trafficking took effect in July 2025.", "law"),
    ("Pope assumed the post of Director General in October 1, 2023.", "appointment"),
    ("They held a conference in Hanoi on November 30, 2020.", "conference"),
    ("Long led a meeting with Pope on July 30, 2025.", "meeting"),
    ("It was presented at the Asia-Pacific Regional Review meeting in March 2021.", "review"),
    ("Floods hit the central provinces in October 2020.", "milestone"),
    ("In March we signed a cooperation plan with IOM.", "agreement"),
    ("- 1994 - IOM opened a liaison office in Hanoi.", "founding"),
    # a facility opened is a founding, even when a project runs it (event-kind decision 3)
    ("The province opened a resource centre in 2022 and now receives 300 visitors a month.", "founding"),
    ("It helped build 12 storm shelters in October 2022.", "founding"),  # a shelter built (decision 3)
    ("In the Mekong Delta, which I visited in April 2022, I met families.", "visit"),
    ("On 30 November 2023, the project held a career forum in Vinh.", "conference"),
    ("They will meet at a regional dialogue in Bangkok in March 2024.", "meeting"),
    ("Officials went on a study tour to the Philippines in October 2023.", "visit"),
    ("A revised law is expected to go before the National Assembly in October 2024.", "law"),
    ("The GCM, adopted at an intergovernmental conference in Marrakech in December 2018, has 23 objectives.",
     "agreement"),
    ("IOM spoke at the conference in Marrakech in December 2018.", "conference"),
    ("The Law on Vietnamese Guest Workers, adopted on 13 November 2020, drew on objective 6.", "law"),
    ("It applies the ASEAN Convention against Trafficking, which entered into force in March 2017.", "agreement"),
    ("Our Can Tho sub-office, which opened in late 2023, works with provinces.", "founding"),
    ("The new ambassador presented his credentials to the President on 5 May 2023.", "appointment"),
    # news idiom (added 2026-12-06, session 4)
    ("Viet Nam and Japan inked a labour deal on 5 May 2025.", "agreement"),
    ("The two ministries put pen to paper on 5 May 2025.", "agreement"),
    ("She was tapped to lead the office in March 2024.", "appointment"),
    ("The ministry gave the green light to the plan on 5 May 2025.", "decision"),
    ("The survey was unveiled in Hanoi in May 2025.", "report"),
    ("The guidelines, first published in 2014, are used at every border post.", "report"),
    ("A webinar for journalists will follow on 21 January 2025.", "workshop"),
    ("She was first elected in 2017.", "appointment"),
    ("In December 2024 the ministry revoked the licences of three companies.", "decision"),
    ("In June 2025, the province broke ground on 40 houses.", "project"),
    ("The database came on stream in all provinces at the end of 2020.", "project"),
    ("She chaired the hybrid briefing on 13 November 2026.", "conference"),
    ("Decree 12/2025/ND-CP was signed on 2 May 2025 and limits the fees.", "decision"),
    ("Circular 04/2025/TT-NHNN came into force on 1 March 2025.", "decision"),
    ("The two countries raised their ties to a Comprehensive Strategic Partnership in March 2025.", "agreement"),
    ("In 2021 the chamber agreed a letter of intent with IOM on recruitment.", "agreement"),
    ("A mid-term evaluation is planned for April 2029.", "review"),
    ("Our centre in Thanh Hoa opens in May 2027, the chief said.", "founding"),
    ("The two ministers held a phone call on 5 May 2023.", "meeting"),
    ("More than 300 workers were repatriated from Angola in June 2020.", "milestone"),
    ("On Monday, the project opened its fourth pre-departure class in Ky Anh.", "workshop"),
    ("Vietnam plans to present the pilot at the Asia-Pacific regional review in March 2025.", "review"),
    ("His cousin, who signed up with the same broker, has not been heard from since 2022.", None),
    ("Viet Nam became a member state of IOM in 1988.", "membership"),
    ("The two sides signed a memorandum of understanding on 2nd July 2015.", "agreement"),
    ("A training workshop for border guards was held from 18th to 20th September 2017.", "workshop"),
    ("The Regional Director is on a working visit to Viet Nam from 5th to 8th November 2019.", "visit"),
    ("IOM launched a project on climate migration in 2016.", "project"),
    ("The ministry released its annual report on labour migration in June 2020.", "report"),
    ("The Global Compact for Safe, Orderly and Regular Migration, which Viet Nam endorsed in December 2018, asks much.",
     "agreement"),  # the compact is named well before the verb
    ("Japan enacted a law in June 2024 to replace the trainee programme.", "law"),
    ("The signing ceremony took place on 12 July 2024 in Hanoi.", "agreement"),
    ("- December 2018: Viet Nam votes in favour of Resolution 73/195 endorsing the GCM.", "agreement"),
    ("In November 2023 the two countries upgraded their relations to a strategic partnership.", "agreement"),
    ("A new memorandum would be negotiated in 2025.", "agreement"),
    ("Viet Nam has been a member of the Colombo Process since 2003.", "membership"),
    ("The Global Compact, which Viet Nam supported in 2018, calls on countries to plan ahead.", "agreement"),
    ("On 16 April 2026, at the regular press briefing of the ministry, the spokesperson answered.", "conference"),
    ("The city named a focal point on climate mobility in each district in January 2025.", "appointment"),
    ("The pooled fund set up in 2019 supports the compact.", "founding"),
    ("Hanoi has 1.2 million internal migrants, according to the 2019 census.", "project"),
    ("The survey was carried out in April 2024 in six provinces.", "project"),
    ("The ministry released a survey on recruitment costs in May 2024.", "report"),
    ("The department held a job fair for returnees on 15 December 2023.", "conference"),
    ("The 13th National Party Congress, held in January 2021, set the policy.", "conference"),
    # a relative clause takes the kind of the noun before its comma
    ("The report goes to the UN Climate Change Conference in Dubai, which runs from 30 November 2023.", "conference"),
    # handovers: goods are a project, people a milestone (event-kind decision 4)
    ("Staff handed over 14 registration kits to the border post on 18 June 2024.", "project"),
    ("Police on the border handed over 45 Vietnamese citizens on 3 May 2024.", "milestone"),
    ("The second distribution of repair kits took place on 2 October 2024.", "project"),
    # rules added 2026-12-06 with the fresh dev pages (sentences written for this test)
    ("Laos rejoined the ASEAN working group in 2011.", "membership"),
    ("Thailand, a WTO member since 1995, hosted the talks.", "membership"),
    ("- 2004: The country joins the Colombo Process.", "membership"),
    ("- March 2012: The Institute for Labour Studies is founded in Hue.", "founding"),
    ("The Abu Dhabi Dialogue, set up in January 2008, meets every two years.", "founding"),
    ("The Embassy of Finland in Hanoi opened in 1974.", "founding"),
    ("The governor led a provincial delegation to Busan from 3 to 6 June 2025.", "visit"),
    ("The partners will sit down again in April 2026 to take stock.", "meeting"),
    ("The ministry will submit a draft decree on fees in the second quarter of 2027.", "decision"),
    ("Its findings were published in May 2025.", "report"),
    ("Researchers interviewed 900 returnees in three provinces in August 2024.", "project"),
    ("The first phase of the programme began in Quang Tri in October 2018.", "project"),
    ("The two ministries renewed their memorandum in July 2025 for three more years.", "agreement"),
    ("The ministers spoke on the margins of the 29th session of the ASEAN Labour Committee on 4 May 2025.", "meeting"),
    ("Mr. Hoa told the meeting that the district had opened a migrant resource centre in 2022.", "founding"),
    ("Under the plan, a second migrant resource centre will open in Hue next month.", "founding"),
    ("The task force the two ministries set up last October meets every quarter.", "founding"),
    ("The institute grew out of a teaching programme founded in Hue in 1998.", "founding"),
    ("A sub-decree on labour brokers, signed by the Prime Minister in March 2025, took effect in May.", "decision"),
    ("The two countries became Comprehensive Strategic Partners in September 2023.", "agreement"),
    ("When I presented my credentials in March 2025, I spoke of our workers.", "appointment"),
    ("The ministries will take stock at the Joint Committee in Tokyo in May 2027.", "meeting"),
    ("Korea plans to fold its Industrial Training Program into a new scheme in 2028.", "project"),
])
def test_event_kinds(text, kind):
    m = find_dates(text)[0]
    assert classify(text, m.start, m.end)[0] == kind


def test_label_drops_the_date_and_keeps_the_name():
    text = "It looked into the report for the International Migration Review Forum scheduled for May 2022 in New York."
    m = find_dates(text)[0]
    _, trigger = classify(text, m.start, m.end)
    label = make_label(text, trigger, [(m.start, m.end)])
    assert label.startswith("International Migration Review Forum") and "2022" not in label


def events_from(**texts):
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()), "title": pd.NA,
                             "published": pd.Timestamp("2025-08-01"), "published_precision": "day"})
    sentences = split_sentences(articles)
    mentions = vn.extract_mentions(sentences)
    dates = vn.extract_dates(sentences, articles)
    return vn.extract_events(sentences, dates, mentions, articles)


@pytest.mark.parametrize("text, expected", [
    ("The forum opened in Hanoi on 17 July. Earlier the same day, the minister received the IOM chief.",
     ["2025-07-17", "2025-07-17"]),
    ("On 3 June the two sides signed a memorandum. That same day, the centre opened.", ["2025-06-03", "2025-06-03"]),
    ("The same day, the minister received the IOM chief.", ["2025-08-01"]),  # no day before it: the page's own
    # a plan's day is not the story's: the same day is the last day named that is not ahead of the page
    ("On 29 July the ministry held a forum. A course will run on 13 August. Earlier the same day, the minister met.",
     ["2025-07-29", "2025-08-13", "2025-07-29"]),
    # a document's old date between them is not the story's day; on a page of history it is the last day named
    ("On 24 July the forum opened. Decision 12 of 21 September 2020 set up the fund. Earlier the same day, they met.",
     ["2025-07-24", "2020-09-21", "2025-07-24"]),
    ("On 19 September 2016, the summit adopted the declaration. That same day, IOM joined the UN system.",
     ["2016-09-19", "2016-09-19"]),
    # the day before or after the day the text last named
    ("The forum opened on 11 July. The previous day, 70 officials attended a course.", ["2025-07-11", "2025-07-10"]),
    ("IOM signed the memorandum on 3 June. A day later, the centre opened.", ["2025-06-03", "2025-06-04"]),
    ("Sáng 12/6, Bộ Nội vụ tổ chức hội thảo về di cư lao động. Cùng ngày, Thứ trưởng tiếp Trưởng Phái đoàn IOM.",
     ["2025-06-12", "2025-06-12"]),
])
def test_the_same_day_is_the_day_the_text_last_named(text, expected):
    articles = pd.DataFrame({"article_id": ["a"], "text": [text], "title": pd.NA, "language": [
        "vi" if "ngày" in text else "en"], "published": pd.Timestamp("2025-08-01"), "published_precision": "day"})
    dates = vn.extract_dates(split_sentences(articles), articles)
    assert [d.date().isoformat() for d in dates["date"]] == expected
    assert set(dates["precision"]) == {"day"}


def test_a_study_presented_at_a_gathering_is_a_report_on_that_day_too():
    ev = events_from(a="IOM presented a study on the skills of returned workers at a seminar in Hue on 3 July.")
    assert sorted(ev["kind"]) == ["report", "workshop"] and ev["date"].nunique() == 1
    ev = events_from(b="Preliminary findings were presented at the second National Forum in Hanoi on 18 July.")
    assert sorted(ev["kind"]) == ["conference", "report"]


def test_an_adoption_in_the_city_of_its_gathering_is_also_that_gathering():
    ev = events_from(a="When the compact was adopted in Marrakech in December 2018, few expected much. "
                       "The plan was adopted in Hanoi in March 2020.")
    assert sorted(ev[["kind", "precision"]].astype(str).agg(" ".join, axis=1)) == [
        "agreement month", "conference month", "decision month"]


def test_undated_meeting_takes_the_publication_date_with_lower_certainty():
    ev = events_from(a="At a recent working session with Amy Pope, the ambassador spoke.")
    assert ev[["kind", "precision", "certainty"]].values.tolist() == [["meeting", "month", "before-publication"]]
    assert ev.loc[0, "date"] == pd.Timestamp("2025-08-01")


def test_a_dated_statement_without_a_trigger_is_a_milestone_labelled_by_its_clause():
    ev = events_from(a="IOM has had a presence in Viet Nam since 1987. In 2008 alone, 87,000 workers left. "
                       "How many left in 2009?")
    assert ev[["kind", "label"]].values.tolist() == [["milestone", "IOM has had a presence in Viet Nam"],
                                                      ["milestone", "87,000 workers left"]]


def test_a_gathering_dates_no_act_that_the_sentence_sets_before_or_after_it():
    ev = events_from(a="The union opened a photo exhibition on 3 March 2025, two weeks after the ministers signed "
                       "a memorandum on labour migration.",
                     b="The ministers held talks on 3 March 2025 and signed a memorandum on labour migration.")
    assert sorted(ev.loc[ev["article_id"] == "a", "kind"]) == ["conference"]
    assert sorted(ev.loc[ev["article_id"] == "b", "kind"]) == ["agreement", "meeting"]


def test_an_instrument_is_named_by_the_same_parties_within_a_month():
    ev = events_from(a="The Ministry of Home Affairs and IOM signed a memorandum on 22 July 2025 in Hanoi.",
                     b="In July, the Ministry of Home Affairs signed a memorandum with IOM on recruitment costs.",
                     c="The Ministry of Public Security and IOM signed a memorandum on migrant data on 10 July 2025.")
    rows = build_timeline(ev)
    cited = sorted(sorted(ids) for ids in rows.loc[rows["kind"] == "agreement", "article_ids"])
    assert cited == [["a", "b"], ["c"]]


def test_a_bare_statement_dated_like_another_happening_of_its_article_is_that_happening():
    ev = events_from(a="Since 1994, IOM has worked with Viet Nam.\n- 1994 - IOM opened its office in Hanoi.")
    assert ev[["kind", "date"]].values.tolist() == [["founding", pd.Timestamp("1994-01-01")]]


def test_a_dated_speech_page_records_its_occasion_from_the_title():
    articles = pd.DataFrame({"article_id": ["s"], "text": ["Excellencies, I am glad to be here."],
                             "title": ["Remarks by the Chief of Mission at the Workshop on Safe Migration"],
                             "published": pd.Timestamp("2019-03-12"), "published_precision": "day"})
    sentences = split_sentences(articles)
    ev = vn.extract_events(sentences, vn.extract_dates(sentences, articles), None, articles)
    assert ev[["sentence_no", "date", "kind", "label"]].values.tolist() == [
        [0, pd.Timestamp("2019-03-12"), "workshop", "Workshop on Safe Migration"]]


def test_a_bare_head_word_takes_the_kind_of_the_happening_the_article_named():
    ev = events_from(a="Viet Nam spoke at the International Migration Review Forum, held in May 2022. "
                       "It will report again at the next forum in 2026.",
                     b="It will report again at the next forum in 2026.")
    assert ev[["article_id", "kind"]].values.tolist() == [["a", "review"], ["a", "review"], ["b", "conference"]]


def test_a_year_in_a_name_is_not_an_event():
    assert events_from(b="The 2030 Agenda matters.").empty


# --- merge rules on made-up pairs -------------------------------------------------------------------

def event(article, date, precision, kind, label, status="happened", evidence=None, participants=()):
    start = pd.Timestamp(date)
    end = {"day": start, "month": start + pd.offsets.MonthEnd(0), "year": pd.Timestamp(start.year, 12, 31)}
    return {"article_id": article, "sentence_no": 1, "date": start, "date_end": end[precision],
            "precision": precision, "kind": kind, "label": label, "place": None, "participants": list(participants),
            "status": status, "certainty": "stated", "date_text": "", "evidence": evidence or label}


def timeline_of(*events):
    return build_timeline(pd.DataFrame(list(events)))


def test_merge_same_decision_from_two_outlets():
    t = timeline_of(
        event("a", "2020-03-20", "day", "decision", "Prime Minister signed a decision on the implementation plan"),
        event("b", "2020-03-20", "day", "decision", "Prime Minister's Decision No. 402/QD-TTg"))
    assert len(t) == 1 and t.loc[0, "n_sources"] == 2 and t.loc[0, "article_ids"] == ["a", "b"]


def test_one_day_one_kind_and_one_figure_merge_across_languages_and_two_figures_do_not():
    same = timeline_of(event("v", "2025-05-19", "day", "workshop", "lớp tập huấn cho 60 cán bộ xã"),
                       event("e", "2025-05-19", "day", "workshop", "A training course for 60 commune officials"))
    assert len(same) == 1 and same.loc[0, "article_ids"] == ["e", "v"]
    other = timeline_of(event("v", "2025-05-19", "day", "workshop", "lớp tập huấn cho 60 cán bộ xã"),
                        event("e", "2025-05-19", "day", "workshop", "A training course for 45 commune officials"))
    assert len(other) == 2


def test_merge_a_year_with_a_month_when_they_name_the_same_object_and_keep_the_more_precise_date():
    t = timeline_of(event("a", "2002-02-01", "month", "founding", "the Bali Process was initiated in February 2002"),
                    event("b", "2002-01-01", "year", "founding", "the Bali Process, set up in 2002"))
    assert len(t) == 1 and t.loc[0, "precision"] == "month" and t.loc[0, "kind"] == "founding"


@pytest.mark.parametrize("a, b", [
    # happenings of different kinds in one month or year stay apart, whatever they share
    (event("a", "2018-12-01", "month", "decision", "Vietnam approved the GCM"),
     event("b", "2018-01-01", "year", "milestone", "GCM has been rolled out")),
    (event("a", "2002-02-01", "month", "founding", "the Bali Process was initiated in February 2002"),
     event("b", "2002-01-01", "year", "membership", "Viet Nam joined the Bali Process in 2002")),
    (event("a", "2021-11-29", "day", "workshop", "closing workshop of the project", participants=["IOM"]),
     event("b", "2021-01-01", "year", "appointment", "Prior to joining IOM, she served as adviser in 2021",
           participants=["IOM"])),
    # a shared year, kind and actor alone never merge: no named object in common
    (event("a", "2021-03-10", "day", "workshop", "IOM workshop on safe migration in Hanoi", participants=["IOM"]),
     event("b", "2021-01-01", "year", "workshop", "IOM workshop for returnees on migration", participants=["IOM"])),
])
def test_no_merge_for_lookalikes_that_share_only_a_year_or_differ_in_kind(a, b):
    assert len(timeline_of(a, b)) == 2


def test_a_draft_law_submitted_and_the_law_passed_in_its_year_stay_two_rows():
    t = timeline_of(event("a", "2019-01-01", "year", "law", "submit the draft Law on Overseas Workers to the National "
                          "Assembly", "planned"),
                    event("b", "2019-06-14", "day", "law", "the Law on Overseas Workers, passed by the Assembly"))
    assert len(t) == 2 and t["clues"].str.contains("draft law submitted").all()


def test_an_instrument_adopted_and_the_same_instrument_endorsed_are_two_acts():
    """Event-kind decision 1: the compact adopted at a conference and the Assembly's endorsement nine days later are
    two happenings; a month's mention joins the one whose verb stands before its date."""
    adopted = event("a", "2018-12-10", "day", "agreement", "the Compact adopted at the Marrakech Conference",
                    evidence="The Compact was adopted at the Marrakech Conference on 10-11 December 2018.")
    endorsed = event("b", "2018-12-19", "day", "agreement", "the Assembly's endorsement of the Compact",
                     evidence="On 19 December 2018 the UN Assembly endorsed the Compact in New York.")
    coarse = event("c", "2018-12-01", "month", "agreement", "the Compact",
                   evidence="The Compact, adopted in Marrakech in December 2018 and later endorsed at the UN Assembly "
                            "in New York through Resolution 73/195, has 23 objectives.")
    for e, words in ((adopted, "10-11 December 2018"), (endorsed, "19 December 2018"), (coarse, "December 2018")):
        e["date_text"] = words
    t = timeline_of(adopted, endorsed, coarse)
    assert sorted(map(sorted, t["article_ids"])) == [["a", "c"], ["b"]]


def test_days_within_a_visit_join_the_visit_on_every_page():
    """A page that gives the visit's days and pages that give one day of it are one row, whichever page joins first:
    "13-15 March" holds "on 13 March" and "on 14 March", which share no day with each other."""
    t = timeline_of(event("a", "2024-03-13", "day", "visit", "Director General Pope's visit to Viet Nam",
                          participants=["Amy Pope"]),
                    event("b", "2024-03-14", "day", "visit", "visit to Viet Nam by Director General Pope",
                          participants=["Amy Pope"]),
                    event("c", "2024-03-13", "day", "visit", "Pope's visit to Viet Nam, 13-15 March",
                          participants=["Amy Pope"]) | {"date_end": pd.Timestamp("2024-03-15")})
    assert len(t) == 1 and sorted(t["article_ids"].iloc[0]) == ["a", "b", "c"]


def test_no_merge_for_lookalike_conferences_a_year_apart():
    t = timeline_of(
        event("a", "2021-11-22", "day", "conference", "conference on reviewing the implementation of the GCM"),
        event("b", "2022-01-01", "year", "conference", "conference on reviewing the implementation of the GCM"))
    assert len(t) == 2
    assert t["clues"].str.contains("dates do not overlap").all()


def test_a_plan_and_the_happening_it_became_are_one_row():
    t = timeline_of(event("a", "2022-05-01", "month", "review", "International Migration Review Forum", "planned"),
                    event("b", "2022-05-01", "month", "review", "International Migration Review Forum"))
    assert len(t) == 1 and t["article_ids"].iloc[0] == ["a", "b"]


def test_a_coarse_mention_joins_one_day_and_never_chains_two_days():
    # "endorsed the GCM in 2018" matches both December days; it joins one, and the two days stay two rows
    t = timeline_of(event("a", "2018-12-10", "day", "agreement", "GCM adopted at the Marrakech Conference"),
                    event("b", "2018-12-19", "day", "agreement", "GCM endorsed at the General Assembly"),
                    event("c", "2018-01-01", "year", "agreement", "Viet Nam endorsed the GCM at the General Assembly"))
    assert len(t) == 2
    assert sorted(map(sorted, t["article_ids"])) == [["a"], ["b", "c"]]


def test_two_statistics_of_one_year_with_different_figures_are_two_rows():
    t = timeline_of(event("a", "2023-01-01", "year", "milestone", "Viet Nam sent 155,300 Overseas Labour workers"),
                    event("b", "2023-01-01", "year", "milestone", "Viet Nam sent 151,240 Overseas Labour workers"))
    assert len(t) == 2 and t["clues"].str.contains("different figures").all()


def test_no_merge_for_different_kinds_on_one_day():
    t = timeline_of(event("a", "2020-03-20", "day", "decision", "signed a decision on migration"),
                    event("b", "2020-03-20", "day", "meeting", "meeting on migration"))
    assert len(t) == 2


def test_no_merge_without_shared_terms():
    t = timeline_of(event("a", "2020-03-20", "day", "decision", "decision on fisheries quotas"),
                    event("b", "2020-03-20", "day", "decision", "decision on migration plan"))
    assert len(t) == 2


def test_seed_timeline(articles, sentences):
    from vnmigration.events import statement_events

    mentions = vn.extract_mentions(sentences)
    dates = vn.extract_dates(sentences, articles)
    site_dates, site_events = statement_events(vn.corpus.site_statements(articles))
    timeline = build_timeline(pd.concat([vn.extract_events(sentences, dates, mentions, articles), site_events],
                                        ignore_index=True))
    rows = {(r.date.strftime("%Y-%m-%d"), r.precision, r.kind, r.status): r for r in timeline.itertuples()}
    assert rows[("2020-03-20", "day", "decision", "happened")].n_sources == 2
    # Viet Nam's approval (an agreement, December 2018) and the GCM "rolled out since December 2018" (milestone)
    # are two kinds: two rows
    assert rows[("2018-12-01", "month", "agreement", "happened")].n_sources == 1
    assert ("2018-12-01", "month", "milestone", "happened") in rows
    assert ("2021-11-22", "day", "review", "happened") in rows  # a conference reviewing implementation
    assert ("2022-01-01", "year", "conference", "happened") in rows
    # the IMRF that one article plans and another reports is one row
    assert rows[("2022-05-01", "month", "review", "happened")].n_sources == 2
    assert ("2022-05-01", "month", "review", "planned") not in rows
    assert ("1951-01-01", "year", "milestone", "happened") in rows
    assert ("1987-01-01", "year", "milestone", "happened") in rows
    # IOM's menu blurbs are the site's statements, cited once for the site, not as article 003's sentences.
    assert rows[("1987-01-01", "year", "milestone", "happened")].article_ids == ["site: IOM Viet Nam"]
    assert not (dates["date_text"].str.contains("2030|402|175|281")).any()
    assert timeline["date"].between(pd.Timestamp("1951-01-01"), articles["published"].max()).all()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_dates_have_precision(text):
    articles = pd.DataFrame({"article_id": ["x"], "text": [text], "title": [pd.NA],
                             "published": [pd.Timestamp("2021-06-01")], "published_precision": ["day"]})
    sentences = split_sentences(articles)
    dates = vn.extract_dates(sentences, articles)
    assert dates["precision"].isin(["day", "month", "year"]).all()
    build_timeline(vn.extract_events(sentences, dates, vn.extract_mentions(sentences), articles))


DATE_WORDS = ["in", "In", "since", "early", "mid-", "the end of", "the first quarter of", "on", "On", "from", "to",
              "-", "and", "last", "This", "next", "year", "month", "ago", "two", "years", "Today", "Tuesday", "a",
              "survey", "March", "Nov.", "2019", "2020", "12", "3rd", "25/5/2020", "2018-12-10", ",", ".", "  ",
              "Law No. 12/2019/QH14", "IOM", "\n- 1994 -"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=40))
def test_find_dates_tries_the_grammar_only_near_a_date_yet_finds_what_a_full_scan_finds(words):
    from vnmigration.dates import DATE_PATTERN, _mention
    text = " ".join(words)
    scanned = [_mention(m, text) for m in DATE_PATTERN.finditer(text)]
    assert find_dates(text) == [d for d in scanned if d is not None]


def test_unseen_style_article():
    text = ("Hanoi (VNA) – Deputy Minister Do Hung Viet and Park Mihyung, IOM Chief of Mission, signed a memorandum "
            "of understanding on safe labour migration in Hanoi on March 5, 2024. "
            "Park said IOM will help Viet Nam prepare for the International Migration Review Forum in 2026.")
    ev = events_from(a=text)
    mou = ev[ev["date"] == pd.Timestamp("2024-03-05")].iloc[0]
    assert mou["label"].startswith("signed a memorandum") and mou["place"] == "Hanoi"
    assert ev.loc[ev["date"] == pd.Timestamp("2026-01-01"), "status"].tolist() == ["planned"]


def _tiled_seed_events(articles, sentences) -> pd.DataFrame:
    """Three copies of the seed events, two shifted in time by less than a year, and a duplicate: equal keys,
    overlapping periods and look-alikes, as in a corpus that retells the same happenings."""
    mentions = vn.extract_mentions(sentences)
    events = vn.extract_events(sentences, vn.extract_dates(sentences, articles), mentions, articles)
    copies = [events.assign(article_id=events["article_id"] + f"-{k}", date=events["date"] + pd.Timedelta(days=40 * k),
                            date_end=events["date_end"] + pd.Timedelta(days=40 * k)) for k in (0, 1, 2)]
    return pd.concat(copies + [copies[0].assign(article_id=copies[0]["article_id"] + "-dup")], ignore_index=True)


def test_the_date_sweep_finds_every_pair_that_pairwise_comparison_merges(articles, sentences):
    from itertools import combinations

    from vnmigration.timeline import _compare, _merge_candidates, keys_of

    keys = list(dict.fromkeys(keys_of(_tiled_seed_events(articles, sentences))))
    terms = [k.terms() for k in keys]
    swept = {tuple(sorted(p)) for p in _merge_candidates(keys, terms) if _compare(keys[p[0]], keys[p[1]])[0]}
    reference = {(i, j) for i, j in combinations(range(len(keys)), 2) if _compare(keys[i], keys[j])[0]}
    assert swept == reference and reference


def test_every_timeline_row_has_a_date_all_its_mentions_allow(articles, sentences):
    tiled = _tiled_seed_events(articles, sentences)
    timeline = build_timeline(tiled)
    for row in timeline.itertuples():
        members = tiled[tiled["article_id"].isin(row.article_ids) & (tiled["kind"] == row.kind)
                        & (tiled["date"] <= row.date_end) & (tiled["date_end"] >= row.date)]
        assert members["date"].max() <= members["date_end"].min(), row.label


@pytest.mark.parametrize("text, expected", [
    ("The forum opened yesterday.", "2023-06-11"),
    ("Marsh is due to meet officials on Wednesday.", "2023-06-14"),
    ("They met on Wednesday.", "2023-06-07"),
    ("IOM will hold a dialogue in Bangkok next March.", "2024-03-01"),
    ("The centre has been open since last December.", "2022-12-01"),
    ("Firms were preparing for the system, which parliament approved in June.", "2023-06-01"),
    ("Firms prepare for the system, which parliament approved in June and which will replace another.", "2023-06-01"),
])
def test_relative_dates_resolve_against_a_monday_publication(text, expected):
    assert resolve(find_dates(text)[0], pd.Timestamp("2023-06-12"), "day") == pd.Timestamp(expected)


def test_a_projects_anniversary_dates_the_project_and_a_fronted_date_before_will_is_a_plan():
    ev = events_from(a="This year marks the 20th anniversary of Australia's first counter-trafficking project. "
                       "In May, a delegation will visit Canberra.")
    assert ("project", pd.Timestamp("2005-01-01")) in set(zip(ev["kind"], ev["date"], strict=True))
    visit = ev[ev["kind"] == "visit"].iloc[0]
    assert (visit["date"], visit["status"]) == (pd.Timestamp("2026-05-01"), "planned")


def test_a_date_without_a_year_in_a_dated_table_row_takes_the_rows_year():
    text = "Milestones\n2018 | On 10-11 December, Viet Nam attended the conference. On 19 December, it voted.\n"
    text += "Later, on 20 May, the forum met."
    articles = pd.DataFrame({"article_id": ["a"], "text": [text], "title": [pd.NA],
                             "published": [pd.Timestamp("2023-08-18")], "published_precision": ["day"]})
    dates = vn.extract_dates(split_sentences(articles), articles)
    assert dates["date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-01-01", "2018-12-10", "2018-12-19", "2023-05-20"]


def test_a_gathering_told_in_the_present_tense_is_ahead_of_the_page():
    text = "The report goes to COP28 in Dubai, which runs from 30 November to 12 December."
    assert resolve(find_dates(text)[0], pd.Timestamp("2023-11-18")) == pd.Timestamp("2023-11-30")


def test_work_going_on_since_a_date_is_a_project_but_a_count_or_a_force_is_a_milestone():
    ev = events_from(a="Since 2018, the union and IOM have run safe migration clubs in 120 communes. "
                       "Since 2019, 2,000 workers have returned home. "
                       "Riverbank erosion has forced hundreds of families to relocate since 2020.")
    assert ev[["date", "kind"]].values.tolist() == [[pd.Timestamp("2018-01-01"), "project"],
                                                    [pd.Timestamp("2019-01-01"), "milestone"],
                                                    [pd.Timestamp("2020-01-01"), "milestone"]]


def test_a_period_in_which_nothing_else_happened_is_a_milestone():
    ev = events_from(a="During the drought of 2015-2016, saltwater crept far inland. "
                       "More than a million people left the delta between 2009 and 2019. "
                       "The conference focused on nationals migrating abroad during the 2020-2021 period.")
    assert ev[["date", "date_end", "kind"]].values.tolist() == [
        [pd.Timestamp("2015-01-01"), pd.Timestamp("2016-12-31"), "milestone"],
        [pd.Timestamp("2009-01-01"), pd.Timestamp("2019-12-31"), "milestone"]]


def test_an_observance_day_is_a_milestone_beside_what_happens_on_it():
    on_the_day = events_from(a="IOM opened a photo exhibition in Hanoi on 18 December 2024, International Migrants "
                                   "Day.")
    assert sorted(on_the_day["kind"]) == ["conference", "milestone"]
    before = events_from(a="The study was launched on 17 December 2024, a day before International Migrants Day.")
    assert "milestone" not in set(before["kind"])


def test_a_gathering_and_what_it_signed_on_that_day_are_two_events():
    ev = events_from(a="At a meeting in Hanoi on 12 March 2024, both sides signed an MoU on safe migration.")
    assert sorted(ev["kind"]) == ["agreement", "meeting"]


def test_a_span_end_and_a_coarse_date_around_a_finer_one_date_nothing_of_their_own():
    span = events_from(a="The partners will carry out the pilot from July 2024 to June 2027 in four provinces.")
    assert "2027-06-01" not in set(span["date"].dt.strftime("%Y-%m-%d"))
    coarse = events_from(a="Five years ago, on 20 March 2020, the Prime Minister approved the plan.")  # from 2025
    assert coarse["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-03-20"]


@pytest.mark.parametrize("text, year", [
    ("The data will go to the 2030 Global Refugee Forum in Geneva.", "2030"),
    ("The 2021 Agricultural and Rural Census counted farm households.", "2021"),
    ("Results of the 2022 Household Living Standards Survey were shared.", "2022"),
])
def test_a_year_that_names_a_gathering_or_a_survey_is_its_date(text, year):
    assert [d.date_text for d in find_dates(text)] == [year]


def test_a_sentence_opening_the_forum_refers_back_to_the_named_forum_of_its_page():
    ev = events_from(a="Officials discussed the coming Asia-Pacific Regional Review Forum. "
                       "The Forum is due in Bangkok in 2027.")
    assert ev[["date", "kind"]].values.tolist() == [[pd.Timestamp("2027-01-01"), "review"]]


@pytest.mark.parametrize("text", [
    "The compact was adopted by world leaders at a summit in Lisbon on 3 May 2019.",
    "The Protocol, a binding U.N. treaty that the country endorsed in May 2019, sets out duties.",
])
def test_a_state_act_on_an_international_text_named_before_the_verb_is_an_agreement(text):
    assert classify(text, text.index("May"), text.index("May") + 8)[0] == "agreement"


def test_a_gathering_that_supported_the_adoption_of_a_compact_is_two_events():
    ev = events_from(a="At the regional conference in Bangkok on 4-5 March 2019, the delegation supported the "
                       "adoption of the GCM.")
    assert sorted(ev["kind"]) == ["agreement", "conference"]


def test_a_law_called_by_a_bare_noun_takes_the_name_the_page_gave_it_and_merges_across_pages():
    named = events_from(a="Parliament passed the Law on Domestic Workers as Law No. 12/2023/QH15. "
                          "The law will take effect on 1 March 2024.")
    dated = named[named["date"] == pd.Timestamp("2024-03-01")]
    assert dated["label"].tolist() == ["Law No. 12/2023/QH15"]
    cited = events_from(b="Law No. 12/2023/QH15, which takes effect on 1 March 2024, protects domestic workers.")
    timeline = build_timeline(pd.concat([dated, cited], ignore_index=True))
    assert timeline["n_sources"].tolist() == [2]


def test_a_vietnamese_law_called_this_law_takes_the_name_the_page_gave_it():
    articles = pd.DataFrame({"article_id": ["v"], "title": pd.NA, "language": "vi",
                             "published": pd.Timestamp("2025-08-01"), "published_precision": "day",
                             "text": ["Quốc hội khóa XV đã thông qua Luật số 12/2023/QH15 về lao động giúp việc "
                                      "gia đình. Luật này có hiệu lực từ ngày 1/3/2024."]})
    sentences = split_sentences(articles)
    events = vn.extract_events(sentences, vn.extract_dates(sentences, articles), None, articles)
    assert events[["kind", "label"]].values.tolist() == [["law", "Luật số 12/2023/QH15"]]


@pytest.mark.parametrize("language, text", [
    ("vi", "Ngày 5/6, tại Hà Nội, Bộ Ngoại giao và IOM tổ chức hội thảo về di cư an toàn."),
    ("en", "On 5 June, in Hanoi, the Ministry of Foreign Affairs and IOM held a workshop on safe migration."),
])
def test_the_place_of_a_happening_is_read_in_both_languages(language, text):
    articles = pd.DataFrame({"article_id": ["a"], "title": pd.NA, "language": language,
                             "published": pd.Timestamp("2025-06-06"), "published_precision": "day", "text": [text]})
    sentences = split_sentences(articles)
    events = vn.extract_events(sentences, vn.extract_dates(sentences, articles), vn.extract_mentions(sentences),
                               articles)
    assert events[["kind", "place"]].values.tolist() == [["workshop", "Hanoi"]]


@pytest.mark.parametrize("text, kind", [
    ("Ms. Lan, who became Head of Programmes at the agency in March 2024, spoke first.", "appointment"),
    ("Mr. Binh, a project officer at the agency, said the pilot began in March 2024.", "project"),
])
def test_a_job_title_that_names_a_programme_or_project_is_no_programme_of_work(text, kind):
    assert classify(text, text.index("March"), text.index("March") + 10)[0] == kind


def test_overlapping_spans_that_start_in_different_months_are_two_happenings():
    fieldwork = events_from(a="Interviews with 800 returnees in six provinces were carried out from March to "
                              "August 2024.")
    project = events_from(b="IOM will carry out the returnees project in six provinces from July 2024 to June 2027.")
    assert set(fieldwork["kind"]) == set(project["kind"]) == {"project"}
    timeline = build_timeline(pd.concat([fieldwork, project], ignore_index=True))
    assert timeline["n_sources"].tolist() == [1, 1]


def test_consultations_on_a_page_about_a_review_consultation_are_steps_of_the_review():
    ev = events_from(a="The ministry held a national consultation on the GCM's implementation in Hue on 3 June 2025. "
                       "It will hold regional consultations in Can Tho and Vinh in July.")
    assert ev[["date", "kind"]].values.tolist() == [[pd.Timestamp("2025-06-03"), "review"],
                                                    [pd.Timestamp("2026-07-01"), "review"]]
    other = events_from(b="The two ministries will hold consultations in Vientiane in July.")
    assert other["kind"].tolist() == ["meeting"]


def test_a_consultation_named_after_the_compact_is_a_step_of_its_review():
    text = "She spoke of the country's work on the Compact, including a provincial consultation in Hue in May 2025."
    assert classify(text, text.index("May"), text.index("May") + 8)[0] == "review"


@pytest.mark.parametrize("text, kind, year", [
    ("This year the country marks the 20th anniversary of its membership of the Council.", "membership", 2005),
    ("Last year the two states celebrated the 30th anniversary of the establishment of diplomatic relations.",
     "agreement", 1994),
    ("This year also marks the 25th anniversary of the World Conference on Women in Beijing.", "conference", 2000),
    ("This year the centre marks its 10th anniversary.", "founding", 2015),
])
def test_an_anniversary_dates_its_origin_with_the_origins_kind(text, kind, year):
    ev = events_from(a=text)
    assert (kind, pd.Timestamp(year, 1, 1)) in set(zip(ev["kind"], ev["date"], strict=True))


@pytest.mark.parametrize("text", ["The country joined the Abu Dhabi Process in 2008.",
                                  "It works through the Abu Dhabi Dialogue, which the country joined in 2008."])
def test_joining_a_regional_process_is_a_membership(text):
    assert classify(text, text.index("2008"), text.index("2008") + 4)[0] == "membership"


@pytest.mark.parametrize("text, when, kind", [
    ("In May this year, the Diet adopted a law on foreign trainees.", "May", "law"),
    ("The draft law, which the National Assembly is expected to pass in May, covers forced criminality.", "May",
     "law"),
    ("Speaking at the handover ceremony on May 4, the colonel thanked the donors.", "May", "project"),
    ("The agency plans to launch a driver-training programme for 40 firms in May.", "May", "project"),
    ("The returnee register, built with the ministry, went live in May.", "May", "project"),
    ("A regional study carried out in May in six states found high fees.", "May", "project"),
    ("It will run from May 2025 to April 2027 in two provinces.", "May", "project"),
    ("The paper goes to the UN Ocean Conference, which runs from 9 May to 13 May.", "9 May", "conference"),
])
def test_kinds_of_laws_handovers_launches_fieldwork_and_programme_spans(text, when, kind):
    assert classify(text, text.index(when), text.index(when) + len(when))[0] == kind


@pytest.mark.parametrize("text, when, kind", [
    ("The agency today opened a photo exhibition in Hue on migrant fishers.", "today", "conference"),
    ("A joint committee set up by the two provinces last October meets every month.", "last October", "founding"),
    ("2017 – The first Migrant Support Centres in the province opened in Hue.", "2017", "founding"),
    ("The families moved to the Song Hau resettlement area, which the province opened in 2018.", "2018", "founding"),
    ("The minister congratulated her on taking office on 1 May 2024.", "1 May 2024", "appointment"),
    ("The country submitted its voluntary national review of the GCM in August.", "August", "review"),
    ("Participants will visit a vocational training centre on 5 May, before the course closes.", "5 May", "visit"),
    ("In March, the ministry held a national conference to review five years of implementation.", "March", "review"),
    ("Officials met in Hue on 5 May for a regional workshop on return.", "5 May", "workshop"),
    ("Officials met in Hue on 5 May to discuss return.", "5 May", "meeting"),
])
def test_kinds_of_openings_offices_reviews_visits_and_gatherings_met_at(text, when, kind):
    assert classify(text, text.index(when), text.index(when) + len(when))[0] == kind


def test_a_year_mention_joins_the_row_it_shares_most_names_with_before_a_finer_one():
    # The year's mention shares the compact's name with a day's row, and the compact and the review's name with a
    # month's row: it is the month's happening.
    t = timeline_of(event("a", "2025-02-01", "month", "review", "Pacific Regional Review of the Global Compact, Suva"),
                    event("b", "2025-03-20", "day", "review", "conference reviewing the Global Compact"),
                    event("c", "2025-01-01", "year", "review", "Pacific Regional Review of the Global Compact"))
    assert sorted(map(sorted, t["article_ids"])) == [["a", "c"], ["b"]]


def test_one_statistic_told_by_several_pages_is_one_row_and_two_statistics_never_chain():
    sent = "Remittances to the province reached 2.1 billion USD in 2022, and 41,000 residents worked abroad."
    t = timeline_of(event("a", "2022-01-01", "year", "milestone", "Remittances reached 2.1 billion USD"),
                    event("b", "2022-01-01", "year", "milestone", "remittances reached 2.1 billion USD"),
                    event("c", "2022-01-01", "year", "milestone", "Remittances reached 2.1 billion USD", evidence=sent),
                    event("d", "2022-01-01", "year", "milestone", "41,000 residents worked abroad"))
    assert sorted(map(sorted, t["article_ids"])) == [["a", "b", "c"], ["d"]]


@pytest.mark.parametrize("text, resolution", [
    ("First, on 5 May, the minister will visit Hue.", "ahead-of-publication"),
    ("Second, in May, the ministry will open a desk in Hue.", "ahead-of-publication"),
    ("On 5 May, the minister visited Hue.", "year-from-publication"),
])
def test_a_date_after_a_list_word_that_opens_its_sentence_reads_the_verb_after_it(text, resolution):
    assert find_dates(text)[0].resolution.value == resolution


def test_a_gathering_today_to_mark_an_observance_day_named_after_it_is_also_the_day():
    articles = pd.DataFrame({"article_id": ["a"], "title": pd.NA, "published": pd.Timestamp("2025-12-18"),
                             "published_precision": "day",
                             "text": ["The agency and the ministry today held a forum in Hue to mark International "
                                      "Migrants Day."]})
    sentences = split_sentences(articles)
    ev = vn.extract_events(sentences, vn.extract_dates(sentences, articles), None, articles)
    assert sorted(ev["kind"]) == ["conference", "milestone"]


def test_a_year_that_only_marks_an_anniversary_dates_its_origin_and_a_celebration_is_a_milestone():
    marks = events_from(a="This year the province marks the 10th anniversary of its first shelter project.")
    assert marks[["date", "kind"]].values.tolist() == [[pd.Timestamp("2015-01-01"), "project"]]
    celebrated = events_from(b="Last year the two states celebrated the 30th anniversary of diplomatic relations, "
                               "and in May last year they upgraded their relations to a strategic partnership.")
    assert sorted(zip(celebrated["date"].dt.strftime("%Y-%m"), celebrated["kind"], strict=True)) == [
        ("1994-01", "agreement"), ("2024-01", "milestone"), ("2024-05", "agreement")]


@pytest.mark.parametrize("text, expected", [
    ("The delegation will visit the border gate tomorrow.", ["2025-08-02"]),
    ("World Refugee Day falls tomorrow, 2 August.", ["2025-08-02", "2025-08-02"]),
])
def test_tomorrow_is_the_day_after_the_page_and_a_date_beside_it_is_ahead(text, expected):
    found = find_dates(text)
    assert [str(resolve(d, pd.Timestamp("2025-08-01"), "day"))[:10] for d in found] == expected


@pytest.mark.parametrize("text, expected", [
    ("The ministry will inspect 30 agencies in the third quarter.", ("2025-01-01", "year", "this-year")),
    ("About 90,000 workers left in the first nine months of 2024.", ("2024-01-01", "year", "absolute")),
])
def test_quarters_and_the_first_months_of_a_year_are_that_year(text, expected):
    date, precision, resolution = one(text, "2025-08-01")
    assert (str(date)[:10], precision, resolution.value) == expected


@pytest.mark.parametrize("text, kind", [
    ("The agency presented a new handbook for returnees, which will be published in May.", "report"),
    ("In May, the university will start a study on remittances.", "project"),
    ("Ms. Lan, who became the agency's Head of Office in May, spoke first.", "appointment"),
])
def test_guides_published_studies_begun_and_heads_appointed(text, kind):
    assert classify(text, text.index("May"), text.index("May") + 3)[0] == kind


@pytest.mark.parametrize("text, kind", [
    ("The provincial team carried out a rapid assessment in 30 communes in May.", "project"),
    ("The institute surveyed 800 returned workers in three provinces in May.", "project"),
    ("In May, the relief fund allocated USD 1.5 million for shelter repairs.", "project"),
    ("The two countries established their Strategic Partnership in May 2012.", "agreement"),
    ("The deputy minister was in Geneva in May for three days.", "visit"),
    ("The deputy minister was in Geneva in May to sign a memorandum.", "agreement"),  # a weak trigger gives way
    ("He thanked IOM for handing over 200,000 face masks to the department in May.", "project"),
    ("IOM will train 120 commune officials on evacuation planning in May.", "workshop"),
    ("In May, 30 health workers were trained in counselling migrant women.", "workshop"),
    ("The circular, signed in May, lets banks pay remittances into wallets.", "decision"),
    ("Decree 5/2025/ND-CP was signed on 2 April and takes effect in May.", "decision"),
    ("The Prime Minister signed off on the updated national plan in May.", "decision"),
    ("The association adopted a new code of conduct in May.", "agreement"),
    ("In May, delegations from 21 countries adopted a set of key messages for the forum.", "agreement"),
])
def test_fieldwork_allocations_partnerships_trips_and_instruments(text, kind):
    assert classify(text, text.index("May"), text.index("May") + 3)[0] == kind


def test_a_statistic_of_a_year_stays_beside_a_happening_of_that_year():
    ev = events_from(a="The province sent 8,400 workers abroad in 2024. In 2024, it also held its first job fair.")
    assert sorted(ev["kind"]) == ["conference", "milestone"]
    one_happening = events_from(b="Since 1994, IOM has helped the province.\n- 1994 - IOM opened an office in Hue.")
    assert one_happening["kind"].tolist() == ["founding"]


def test_a_span_end_alone_and_a_count_of_documents_issued_are_no_happening_of_their_own():
    """"would run until 2029" names the end of a span and no start; "issued 9,850 visas in 2025" is a figure."""
    assert events_from(a="The new phase would run until 2029 and add a helpline.").empty
    counted = events_from(b="In the first ten months of 2025 the embassy issued 9,850 employment visas.")
    assert counted["kind"].tolist() == ["milestone"]


def test_a_figure_belongs_to_the_period_after_it_and_a_launch_before_it_stays_a_project():
    """The tally rule (event-kind decision 8) turns into a milestone only the period it counts."""
    events = events_from(a="The pilot, launched in Da Nang in 2021, trained 1,640 recruiters between 2021 and 2024.")
    kinds = set(zip(events["date_text"], events["kind"], strict=True))
    assert ("in 2021", "project") in kinds and ("between 2021 and 2024", "milestone") in kinds


@pytest.mark.parametrize("text, kind", [
    # rules added 2026-12-06 with the Vietnamese dev pages v33-v44 (sentences written for this test)
    ("Lào là thành viên Tiến trình Colombo từ năm 2004.", "membership"),
    ("Sáng 12/9/2024, Ủy ban Pháp luật tổ chức phiên giải trình về việc thi hành Luật Cư trú.", "review"),
    ("Sở sẽ tổ chức Phiên giao dịch việc làm cho lao động về nước vào ngày 15/12/2024.", "conference"),
    ("Kết quả Tổng điều tra dân số năm 2019 cho thấy nhiều người di cư.", "project"),
    ("Tháng 6/2023, anh Tùng được giải cứu và đưa về nước an toàn.", "milestone"),
    # rules added 2026-12-06 (session 5) after the fifth Vietnamese batch, twins of the English ones
    ("Năm 2019, Sở Lao động và Công an tỉnh đã ký quy chế phối hợp về hỗ trợ nạn nhân.", "agreement"),
    ("Ngày 20/11, Bộ trưởng đã ký quyết định thu hồi giấy phép của hai doanh nghiệp.", "decision"),
    ("Tháng 11 tới, IOM sẽ trao 40 suất hỗ trợ sinh kế cho phụ nữ trở về.", "project"),
    ("Từ ngày 15/4 đến 15/5, Đoàn Thanh niên sẽ tổ chức cuộc thi sáng tác video về di cư an toàn.", "project"),
    # session 6, after the sixth Vietnamese batch, each with its English twin below
    ("Hiệp định lao động giữa hai nước có hiệu lực từ ngày 1/3/2024, mở thêm ngành nghề.", "agreement"),
    ("Thông tư số 7 có hiệu lực từ ngày 1/6/2025, quy định mức trần phí dịch vụ.", "decision"),
    ("Ngày 20/7, Hội Nông dân tổ chức ngày hội tư vấn cho thanh niên.", "conference"),
    ("Campuchia tham gia Tiến trình Bali từ năm 2003.", "membership"),
    ("Tháng 5 vừa qua, bệnh viện huyện đã đưa vào hoạt động phòng khám cho người di cư.", "founding"),
    ("Ngày 3/6, Đồn Biên phòng tiếp nhận 4 máy soi giấy tờ do IOM tài trợ.", "project"),
])
def test_vietnamese_event_kinds(text, kind):
    assert _first_kind(text, "vi") == kind


def _first_kind(text: str, language: str) -> str | None:
    """The kind of the first event of a one-sentence page of 1 August 2025 in `language`."""
    articles = pd.DataFrame({"article_id": ["a"], "title": pd.NA, "language": language,
                             "published": pd.Timestamp("2025-08-01"), "published_precision": "day", "text": [text]})
    sentences = split_sentences(articles)
    events = vn.extract_events(sentences, vn.extract_dates(sentences, articles), None, articles)
    return events["kind"].tolist()[0] if len(events) else None


@pytest.mark.parametrize("text, kind", [
    ("The labour agreement between the two countries came into force on 1 March 2024.", "agreement"),
    ("Circular No. 7 takes effect on 1 June 2025 and caps service fees.", "decision"),
    ("On 20 July, the Farmers' Union held an advice festival for young people.", "conference"),
    ("Cambodia has taken part in the Bali Process since 2003.", "membership"),
    ("Last May, the district hospital put a clinic for migrants into operation.", "founding"),
    ("On 3 June, the border post received four document scanners funded by IOM.", "project"),
])
def test_english_twins_of_the_vietnamese_event_kinds(text, kind):
    assert _first_kind(text, "en") == kind


@pytest.mark.parametrize("text, expected", [
    # Vietnamese day forms added 2026-12-06 (session 4) with the dev pages v55-v66 (sentences written for this test)
    ("Từ ngày 8 đến 12/7, lớp tập huấn diễn ra tại Vinh.", ("2025-07-08", 12)),
    ("Nhân Ngày Quốc tế Phụ nữ 8/3 tới, Hội tổ chức diễn đàn.", ("2025-03-08", None)),
    ("Đoàn công dân đã về đến sân bay Nội Bài chiều qua.", ("2025-03-05", None)),
])
def test_vietnamese_day_forms(text, expected):
    from vnmigration.dates_vi import find_dates as find_vi_dates
    (found,) = find_vi_dates(text)
    assert (str(resolve(found, pd.Timestamp("2025-03-06"), "day").date()), found.day_end) == expected
