"""Companies and organizations that no list holds, found by how Korean news writes them."""
import pytest

import korex


def companies(rules, text: str) -> set[str]:
    return {e.name for e in rules(text).entities if e.type == "COMPANY"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("지난 3월에는 일본 만화 업체 코미노를 인수했다.", "코미노"),
        ("한빛화학은 캐나다의 자원기업인 노던 마이닝의 지분을 인수한다.", "노던 마이닝"),
        ("한빛전자가 독일의 로봇 기업인 `로보틱`을 사들였다.", "로보틱"),
        ("신약 개발 기업 루미엘 제약이 협약을 맺었다.", "루미엘 제약"),
    ],
)
def test_a_name_after_a_kind_of_firm_is_a_company(rules, text, name):
    assert name in companies(rules, text)


@pytest.mark.parametrize(
    "text",
    [
        "유명 기업인 김철수가 강연했다.",  # a businessman, not a firm
        "업체 관계자는 말을 아꼈다.",
        "모회사는 자회사 지분 100%를 가졌다.",
    ],
)
def test_a_firm_word_before_a_person_or_a_common_noun_names_no_company(rules, text):
    assert companies(rules, text) == set()


def test_a_former_name_stays_apart_from_its_successor(rules):
    found = companies(rules, "한화케미칼은 한화솔루션으로 사명을 바꾸기로 했다.")
    assert {"한화케미칼", "한화솔루션"} <= found


def test_a_standard_or_a_treaty_is_no_body(rules):
    text = "삼성전자는 국제회계기준(IFRS)을 적용해 잠정 실적을 공시했다."
    assert companies(rules, text) == {"삼성전자"}


def test_a_news_agency_credited_under_a_photo_is_not_in_the_story(rules):
    text = "홍길동 한빛금융그룹 회장이 기념사를 하고 있다. 뉴시스  한빛금융지주가 가온손해보험을 인수한다. /연합뉴스"
    assert not {"뉴시스", "연합뉴스"} & companies(rules, text)


def test_a_techno_park_is_an_organization(rules):
    doc = rules("기아와 경북테크노파크는 협약을 맺었다.")
    assert ("ORGANIZATION", "경북테크노파크") in {(e.type, e.name) for e in doc.entities}


def test_a_place_before_a_latin_name_is_not_part_of_it():
    # the model reads "대만 ACER" as a place; the place and the name are two things
    found = korex.load()("태블릿 제조사 중에서는 LG전자와 함께 대만 ACER, 샤오미가 이름을 올렸다.")
    assert "대만 ACER" not in {e.name for e in found.entities}


def test_a_short_form_in_parentheses_joins_the_full_name_even_where_only_found_elsewhere():
    # the model finds the short form in the first sentence only
    text = ("SK온이 태평리사이클과 손잡았다. SK온은 푸젠태평리사이클링테크놀로지(태평리사이클)와 "
            "폐배터리 재활용 협약을 맺었다.")
    doc = korex.load()(text)
    firm = next(e for e in doc.entities if e.name == "푸젠태평리사이클링테크놀로지")
    assert "태평리사이클" in firm.aliases


def test_an_acronym_spelled_out_in_parentheses_is_one_body(rules):
    doc = rules("한국전력공사는 NGDC(네바다 지열사업 개발공사)와 손잡기로 했다.")
    firm = next(e for e in doc.entities if "NGDC" in e.aliases)
    assert "네바다 지열사업 개발공사" in firm.aliases and firm.type == "COMPANY"


def test_a_phrase_between_two_members_of_a_list_of_companies_is_one_too(rules):
    text = "한국전력은 BP와 블루 하이드로젠, 에퀴노르와 각각 협약을 맺었다."
    assert "블루 하이드로젠" in companies(rules, text)
    assert "반도체 부문" not in companies(rules, "삼성전자와 반도체 부문, 가전 부문이 컸다.")


def test_a_country_before_a_firm_named_only_by_description_is_part_of_its_name():
    doc = korex.load()("LIG넥스원은 이집트 국영방산그룹(EDG)과 업무협약을 체결했다. 일본 소프트뱅크와 KT가 협약했다.")
    names = {e.name for e in doc.entities if e.type == "COMPANY"}
    assert "이집트 국영방산그룹" in names and "소프트뱅크" in names


def test_a_name_found_once_is_a_mention_wherever_it_is_written(rules):
    # the descriptor rule finds 코미노 after 업체; the second occurrence has no descriptor
    text = "카카오는 일본 만화 업체 코미노를 인수했다. 코미노의 매출은 늘었다."
    firm = next(e for e in rules(text).entities if e.name == "코미노")
    assert [text[m.start:m.end] for m in firm.mentions] == ["코미노", "코미노"]


def test_a_group_named_as_a_group_stays_apart_from_its_firms(rules):
    found = companies(rules, "한화그룹의 지주사인 (주)한화와 한화솔루션이 발표했다.")
    assert {"한화그룹", "(주)한화", "한화솔루션"} <= found


def test_a_listed_name_written_in_two_words_is_still_the_listed_firm(rules):
    doc = rules("현대중공업은 사우디 아람코와 협약을 체결했다. 아람코는 환영했다.")
    firm = next(e for e in doc.entities if e.name == "사우디 아람코")
    assert firm.aliases == ["사우디 아람코", "아람코"]


def test_each_name_of_a_list_that_begins_with_a_company_is_a_company(rules):
    text = "삼성중공업은 노르웨이 에퀴노르, 오르카, 베릴과 해상풍력 계약서에 서명했다."
    assert {"오르카", "베릴"} <= companies(rules, text)


def test_two_spellings_of_one_foreign_name_are_one_company(rules):
    from korex.names import spelling_key

    assert spelling_key("제너럴 모터스") == spelling_key("제네럴모터스")
    assert spelling_key("이토추상사") == spelling_key("이토츄상사")
    assert spelling_key("대한") is None  # too short to compare safely
    doc = rules("제너럴 모터스(GM)는 12일 한빛전자와 합작법인을 세우기로 했다. "
                "제네럴모터스는 내년 양산을 시작한다.")
    gm = [e for e in doc.entities if e.type == "COMPANY" and "GM" in (e.name, *e.aliases)]
    assert len(gm) == 1
    assert {"제너럴 모터스", "제네럴모터스", "GM"} <= {m.text for m in gm[0].mentions}
