"""People as Korean business news names them."""
import pytest



def people(rules, text: str) -> set[str]:
    return {e.name for e in rules(text).entities if e.type == "PERSON"}


@pytest.mark.parametrize(
    "caption",
    [
        "정기선 현대중공업 부사장(왼쪽에서 여섯 번째) 등 양사 경영진이 서명 후 사진 촬영을 하고 있다.",
        "윤종규 KB금융그룹 회장이 시무식에서 신년사를 하고 있다. 뉴시스\n\n",
        "김철수 삼성전자 사장이 발표하고 있다. [사진=삼성전자]",
    ],
)
def test_a_person_named_only_in_a_photo_caption_is_not_in_the_story(rules, caption):
    text = caption + " KB금융지주가 푸르덴셜생명을 인수한다고 10일 밝혔다."
    assert people(rules, text) == set()


def test_a_person_of_the_story_is_kept_though_a_caption_names_them_too(rules):
    text = ("윤종규 KB금융그룹 회장이 신년사를 하고 있다. 뉴시스\n\n"
            "윤종규 KB금융그룹 회장은 인수를 직접 챙겼다.")
    assert people(rules, text) == {"윤종규"}


@pytest.mark.parametrize(
    "text",
    [
        "헤드라이트 시장은 자동차 시장 연평균 성장률을 뛰어넘을 것으로 보인다.",  # 시장: market, not mayor
        "양사 간 협업 분야 대표 임원진은 26일 만났다.",
    ],
)
def test_common_nouns_before_a_title_are_no_name(rules, text):
    assert people(rules, text) == set()


@pytest.mark.parametrize(
    "text, name",
    [("김인수 삼성전자 사장은 말했다.", "김인수"), ("팀 쿡 애플 CEO는 말했다.", "팀 쿡")],
)
def test_names_that_read_as_words_are_still_names_before_a_title(rules, text, name):
    assert name in people(rules, text)
