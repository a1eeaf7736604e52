"""Companies and organizations that no list holds, found by how Korean news writes them."""
import pytest

import korex


@pytest.fixture(scope="module")
def extractor():
    return korex.load("rules")


def companies(extractor, text: str) -> set[str]:
    return {e.name for e in extractor(text).entities if e.type == "COMPANY"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("지난 5월에는 북미 웹툰 업체 타파스를 인수했다.", "타파스"),
        ("포스코홀딩스는 호주의 광산기업인 미네랄 리소스의 지분을 인수한다.", "미네랄 리소스"),
        ("삼성전자가 미국의 전장 기업인 `하만`을 사들였다.", "하만"),
        ("의약 전문 기업 비보존 제약이 협약을 맺었다.", "비보존 제약"),
    ],
)
def test_a_name_after_a_kind_of_firm_is_a_company(extractor, text, name):
    assert name in companies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "유명 기업인 김철수가 강연했다.",  # a businessman, not a firm
        "업체 관계자는 말을 아꼈다.",
        "모회사는 자회사 지분 100%를 가졌다.",
    ],
)
def test_a_firm_word_before_a_person_or_a_common_noun_names_no_company(extractor, text):
    assert companies(extractor, text) == set()


def test_a_former_name_stays_apart_from_its_successor(extractor):
    found = companies(extractor, "CJ오쇼핑은 CJ E&M을 흡수합병하기로 했다.")
    assert {"CJ오쇼핑", "CJ E&M"} <= found
