"""Companies and organizations that no list holds, found by how Korean news writes them."""
import pytest

import korex


def companies(rules, text: str) -> set[str]:
    return {e.name for e in rules(text).entities if e.type == "COMPANY"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("지난 5월에는 북미 웹툰 업체 타파스를 인수했다.", "타파스"),
        ("포스코홀딩스는 호주의 광산기업인 미네랄 리소스의 지분을 인수한다.", "미네랄 리소스"),
        ("삼성전자가 미국의 전장 기업인 `하만`을 사들였다.", "하만"),
        ("의약 전문 기업 비보존 제약이 협약을 맺었다.", "비보존 제약"),
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
    found = companies(rules, "CJ오쇼핑은 CJ E&M을 흡수합병하기로 했다.")
    assert {"CJ오쇼핑", "CJ E&M"} <= found


def test_a_standard_or_a_treaty_is_no_body(rules):
    text = "LG전자는 한국채택 국제회계기준(IFRS)에 따라 실적을 발표했다."
    assert companies(rules, text) == {"LG전자"}


def test_a_news_agency_credited_under_a_photo_is_not_in_the_story(rules):
    text = "윤종규 KB금융그룹 회장이 신년사를 하고 있다. 뉴시스  KB금융지주가 푸르덴셜생명을 인수한다. /연합뉴스"
    assert not {"뉴시스", "연합뉴스"} & companies(rules, text)


def test_a_techno_park_is_an_organization(rules):
    doc = rules("기아와 경북테크노파크는 협약을 맺었다.")
    assert ("ORGANIZATION", "경북테크노파크") in {(e.type, e.name) for e in doc.entities}


def test_a_place_before_a_latin_name_is_not_part_of_it():
    # the model reads "대만 HTC" as a place; the place and the name are two things
    found = korex.load()("휴대폰 제조사로는 삼성전자를 비롯해 대만 HTC, 모토로라가 참여했다.")
    assert "대만 HTC" not in {e.name for e in found.entities}


def test_a_short_form_in_parentheses_joins_the_full_name_even_where_only_found_elsewhere():
    # the model finds the short form in the first sentence only
    text = ("현대차그룹이 화유리사이클과 협약을 맺었다. 현대차그룹은 저장화유리사이클링테크놀로지(화유리사이클)와 "
            "협약을 체결했다.")
    doc = korex.load()(text)
    firm = next(e for e in doc.entities if e.name == "저장화유리사이클링테크놀로지")
    assert "화유리사이클" in firm.aliases


def test_an_acronym_spelled_out_in_parentheses_is_one_body(rules):
    doc = rules("한국가스공사는 AGDC(알라스카 가스사업 개발공사)와 협력하기로 했다.")
    firm = next(e for e in doc.entities if "AGDC" in e.aliases)
    assert "알라스카 가스사업 개발공사" in firm.aliases and firm.type == "COMPANY"


def test_a_phrase_between_two_members_of_a_list_of_companies_is_one_too(rules):
    text = "한국가스공사는 엑손모빌과 에너지 트랜스퍼, 셰브런과 각각 협약을 맺었다."
    assert "에너지 트랜스퍼" in companies(rules, text)
    assert "반도체 부문" not in companies(rules, "삼성전자와 반도체 부문, 가전 부문이 컸다.")


def test_a_country_before_a_firm_named_only_by_description_is_part_of_its_name():
    doc = korex.load()("현대로템은 폴란드 국영방산그룹(PGZ)과 업무협약을 맺었다. 일본 소프트뱅크와 KT가 협약했다.")
    names = {e.name for e in doc.entities if e.type == "COMPANY"}
    assert "폴란드 국영방산그룹" in names and "소프트뱅크" in names


def test_a_name_found_once_is_a_mention_wherever_it_is_written(rules):
    # the descriptor rule finds 타파스 after 업체; the second occurrence has no descriptor
    text = "카카오는 북미 웹툰 업체 타파스를 인수했다. 타파스의 매출은 늘었다."
    firm = next(e for e in rules(text).entities if e.name == "타파스")
    assert [text[m.start:m.end] for m in firm.mentions] == ["타파스", "타파스"]


def test_a_group_named_as_a_group_stays_apart_from_its_firms(rules):
    found = companies(rules, "LG그룹의 지주사인 (주)LG와 LG전자가 발표했다.")
    assert {"LG그룹", "(주)LG", "LG전자"} <= found


def test_a_listed_name_written_in_two_words_is_still_the_listed_firm(rules):
    doc = rules("현대중공업은 사우디 아람코와 협약을 체결했다. 아람코는 환영했다.")
    firm = next(e for e in doc.entities if e.name == "사우디 아람코")
    assert firm.aliases == ["사우디 아람코", "아람코"]


def test_each_name_of_a_list_that_begins_with_a_company_is_a_company(rules):
    text = "현대중공업은 사우디 아람코, 람프렐, 바흐리와 합작조선소 계약서에 서명했다."
    assert {"람프렐", "바흐리"} <= companies(rules, text)
