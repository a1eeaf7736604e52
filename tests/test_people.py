"""People as Korean business news names them."""
import pytest



def people(rules, text: str) -> set[str]:
    return {e.name for e in rules(text).entities if e.type == "PERSON"}


@pytest.mark.parametrize(
    "caption",
    [
        "김철수 한빛중공업 부사장(왼쪽에서 세 번째) 등 두 회사 임원들이 협약서에 서명한 뒤 기념 촬영을 하고 있다.",
        "홍길동 한빛금융그룹 회장이 창립기념식에서 기념사를 하고 있다. 뉴시스\n\n",
        "김철수 삼성전자 사장이 발표하고 있다. [사진=삼성전자]",
    ],
)
def test_a_person_named_only_in_a_photo_caption_is_not_in_the_story(rules, caption):
    text = caption + " 한빛금융지주가 가온손해보험을 인수한다고 3일 밝혔다."
    assert people(rules, text) == set()


def test_a_person_of_the_story_is_kept_though_a_caption_names_them_too(rules):
    text = ("홍길동 한빛금융그룹 회장이 기념사를 하고 있다. 뉴시스\n\n"
            "홍길동 한빛금융그룹 회장은 인수를 직접 챙겼다.")
    assert people(rules, text) == {"홍길동"}


@pytest.mark.parametrize(
    "text",
    [
        "전기차 충전기 시장은 완성차 시장 연간 성장률보다 빠르게 커질 것으로 보인다.",  # 시장: market, not mayor
        "양사 간 공동개발 분야 대표 실무진은 지난 9일 처음 만났다.",
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


def employers(doc) -> dict[str, tuple[str, str, list[str]]]:
    """Each person's employer as (name, type) with the person's titles."""
    by_id = {e.id: e for e in doc.entities}
    return {e.name: (by_id[e.affiliation].name, by_id[e.affiliation].type, e.titles)
            for e in doc.entities if e.type == "PERSON" and e.affiliation}


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a county and a city are their local governments, headed by 군수 and 시장
        ("한빛군(군수 홍길동)은 지난 3일 군청에서 회의를 열었다.", "홍길동", ("한빛군", "ORGANIZATION", ["군수"])),
        ("경기 다라시(시장 김철수)가 새 사업을 시작했다.", "김철수", ("경기 다라시", "ORGANIZATION", ["시장"])),
        # a head title no list holds: any noun ending in 장 (長)
        ("누리병원(병원장 박민수)이 수술 실적을 공개했다.", "박민수", ("누리병원", "ORGANIZATION", ["병원장"])),
        ("(사)한빛나눔재단(이사장 최영수)이 쌀을 기부했다.", "최영수", ("한빛나눔재단", "ORGANIZATION", ["이사장"])),
        # a firm's head makes it a company, though its name has no company ending
        ("라마바(대표 김준호)가 신제품을 내놨다.", "김준호", ("라마바", "COMPANY", ["대표"])),
        ("한빛군(군수 권한대행 박영호)이 발표했다.", "박영호", ("한빛군", "ORGANIZATION", ["군수 권한대행"])),
    ],
)
def test_the_head_of_a_body_in_parentheses_after_its_name(rules, text, person, employer):
    doc = rules(text)
    assert employers(doc)[person] == employer
    assert any(r.type == "EMPLOYEE_OF" for r in doc.relations)


def test_a_bracket_after_a_verb_names_no_body(rules):
    doc = rules("가나다라를 위해(위원장 김철수) 모였다.")
    assert not [e for e in doc.entities if e.type in ("COMPANY", "ORGANIZATION")]


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # NAME BODY TITLE, the body a name no list knows: a proper noun, or a body's ending
        ("홍길동 누리랩스 대표는 말했다.", "홍길동", ("누리랩스", "COMPANY", ["대표"])),
        ("김철수 누리도의회 의장은 말했다.", "김철수", ("누리도의회", "ORGANIZATION", ["의장"])),
        # BODY NAME TITLE
        ("누리도의회 김철수 의장은 말했다.", "김철수", ("누리도의회", "ORGANIZATION", ["의장"])),
        ("한빛유치원 박철민 원장은 말했다.", "박철민", ("한빛유치원", "ORGANIZATION", ["원장"])),
    ],
)
def test_a_body_no_list_knows_next_to_a_titled_name(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize("text", ["홍길동 마케팅 본부장은 말했다.", "홍길동 신임 대표는 말했다."])
def test_a_common_noun_or_a_title_prefix_between_name_and_title_is_no_body(rules, text):
    assert not [e for e in rules(text).entities if e.type in ("COMPANY", "ORGANIZATION")]


def test_a_party_named_between_a_name_and_a_title(rules):
    # Kiwi cuts 당 off the party's name; 담당, 식당 stay one word
    assert employers(rules("홍길동 새나라평화당 대표는 말했다."))["홍길동"] == ("새나라평화당", "ORGANIZATION", ["대표"])


def test_a_korean_full_name_is_one_word_even_when_the_model_reads_on(rules):
    from korex.names import holds_a_name, looks_like_person

    doc = rules.nlp.make_doc("조성민 누리코스메틱 대표가 출연했다.")
    assert [t.text for t in doc[0:2]] == ["조성민", "누리코스메틱"]
    assert not looks_like_person(doc[0:2])
    assert looks_like_person(doc[0:1])
    # a span the model calls one organisation but that holds a person's name is two things
    assert holds_a_name(doc[0:2]) and not holds_a_name(doc[1:2])


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a body written in an aside between the name and the title, or after the title
        ("홍길동(새나라평화당) 의원이 말했다.", "홍길동", ("새나라평화당", "ORGANIZATION", ["의원"])),
        # an aside that names no body (a district): the body before the name holds the title
        ("국민평화당 홍길동(누리 전주병) 대표가 말했다.", "홍길동", ("국민평화당", "ORGANIZATION", ["대표"])),
        # a known body glued to the title (산업부|장관) is still named
        ("홍길동 산업부장관은 말했다.", "홍길동", ("산업부", "ORGANIZATION", ["장관"])),
    ],
)
def test_asides_and_glued_titles(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize(
    "text, person, employer",
    [
        ("홍길동 소속사 누리엔터테인먼트는 30일 사실무근이라고 밝혔다.", "홍길동", ("누리엔터테인먼트", "COMPANY", [])),
        ("홍길동 씨 소속사 '누리스토리'는 열애를 인정했다.", "홍길동", ("누리스토리", "COMPANY", [])),
        ("누리FC 소속 홍길동이 골을 넣었다.", "홍길동", ("누리FC", "ORGANIZATION", [])),
        ("당시 누리대학교 소속이었던 김철수 박사가 썼다.", "김철수", ("누리대학교", "ORGANIZATION", ["박사"])),
    ],
)
def test_membership_without_a_title(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_a_noun_built_on_the_membership_word_is_not_it(rules):
    assert employers(rules("누리FC 소속팀 홍길동이 골을 넣었다.")) == {}


def test_a_lone_transliterated_word_can_be_a_name_but_a_derived_noun_cannot(rules):
    from korex.names import lone_foreign_name
    from korex.tokenizer import word_alone

    doc = rules.nlp.make_doc("링컨은 신사업을 홍길동에게 맡겼다.")
    words = {t.text: doc[t.i:t.i + 1] for t in doc}
    assert lone_foreign_name(words["링컨"])
    # out of context Kiwi builds 신사업 from known morphemes: a derived noun, not a name
    assert [tag for _, tag in word_alone("신사업")] != ["NNP"]
    assert word_alone("링컨") == (("링컨", "NNP"),)
    assert not lone_foreign_name(words["홍길동"])  # a Korean name is judged as one


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a university's short name (X대) is a body, not a three-syllable name
        ("누리대 홍길동 단장은 말했다.", "홍길동", ("누리대", "ORGANIZATION", ["단장"])),
        ("홍길동 누리대 사회봉사단장은 말했다.", "홍길동", ("누리대", "ORGANIZATION", ["사회봉사단장"])),
        # a department of a university belongs to the title
        ("이영희 누리대 사학과 명예교수를 강사로 모셨다.", "이영희", ("누리대", "ORGANIZATION", ["사학과 명예교수"])),
    ],
)
def test_universities_and_their_departments(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_a_name_kiwi_cuts_like_an_agency_is_still_a_name(rules):
    # 김|동|원: three syllables of a Korean name, not a body ending in 원
    doc = rules("한빛시(시장 홍길동)는 12일 김동원 부시장 주재로 점검 회의를 가졌다.")
    assert "김동원" in {e.name for e in doc.entities if e.type == "PERSON"}
    assert "김동원" not in {e.name for e in doc.entities if e.type in ("COMPANY", "ORGANIZATION")}


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a title in parentheses vouches for a name whose syllables are rare
        ("가온나눔(대표 김오번)이 연탄을 기부했다.", "김오번", ("가온나눔", "COMPANY", ["대표"])),
        # members and players
        ("그룹 누리밴드 멤버 홍길동(34)이 활동을 멈췄다.", "홍길동", ("누리밴드", "ORGANIZATION", [])),
        ("누리FC 홍길동 선수가 골을 넣었다.", "홍길동", ("누리FC", "ORGANIZATION", ["선수"])),
        # a former post: 전 between the name and the body
        ("가온증권은 박영수 전 삼성증권 부사장을 새 대표로 내정했다.", "박영수", ("삼성증권", "COMPANY", ["부사장"])),
    ],
)
def test_more_ways_to_name_a_post(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_a_unit_of_common_nouns_before_a_name_is_no_body(rules):
    assert employers(rules("마케팅팀 홍길동 팀장은 말했다.")) == {}


def test_a_deputy_serves_the_body_of_the_head_named_before(rules):
    doc = rules("한빛시(시장 홍길동)는 12일 김동원 부시장 주재로 점검 회의를 가졌다.")
    assert employers(doc)["김동원"] == ("한빛시", "ORGANIZATION", ["부시장"])


def test_body_then_its_title_then_the_name(rules):
    # ORG의 TITLE NAME
    assert employers(rules("누리전자의 사장 홍길동은 말했다."))["홍길동"] == ("누리전자", "COMPANY", ["사장"])


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a name written against its title, and a district aside glued to the title
        ("민주평화당 정동영대표는 18일 말했다.", "정동영", ("민주평화당", "ORGANIZATION", ["대표"])),
        ("자유한국당 홍길동(충주)의원이 말했다.", "홍길동", ("자유한국당", "ORGANIZATION", ["의원"])),
        ("새나라당 홍길동 후보(누리 동구)는 말했다.", "홍길동", ("새나라당", "ORGANIZATION", ["후보"])),
        # the head of a company whose name carries the company mark
        ("누리하이웨이(주)(사장 고지영)는 밝혔다.", "고지영", ("누리하이웨이", "COMPANY", ["사장"])),
        # NAME(TEAM) with no title: the team the person plays for
        ("축구선수 홍길동(누리FC)이 글을 올렸다.", "홍길동", ("누리FC", "ORGANIZATION", [])),
    ],
)
def test_how_politics_and_sports_write_posts(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize("text", ["홍길동(36)이 말했다.", "홍길동(洪吉童)이 말했다."])
def test_an_age_or_a_hanja_spelling_in_an_aside_is_no_body(rules, text):
    assert employers(rules(text)) == {}


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # an aside after the name: an age
        ("홍길동(45) 누리전자 사장은 말했다.", "홍길동", ("누리전자", "COMPANY", ["사장"])),
        # a prefix before the title (신임, 전, 현) is looked past
        ("누리전자 신임 사장 홍길동은 말했다.", "홍길동", ("누리전자", "COMPANY", ["사장"])),
        # the body's short form in an aside between the body and the title
        ("홍길동 누리공사(이하 '누리') 사장은 말했다.", "홍길동", ("누리공사", "COMPANY", ["사장"])),
        # a county head or a mayor works for the county or city the sentence names
        ("영월군은 지난 2일 군청에서 홍길동 군수 주재로 회의를 열었다.", "홍길동", ("영월군", "ORGANIZATION", ["군수"])),
        ("고령시는 17일 홍길동 시장을 비롯한 기관장이 참석한 가운데 행사를 열었다.", "홍길동",
         ("고령시", "ORGANIZATION", ["시장"])),
    ],
)
def test_asides_prefixes_and_local_governments(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # one proper-noun word after a Korean name is the body, not a transliterated name
        ("행사를 개최한 이정기 누리선급 회장은 말했다.", "이정기", ("누리선급", "COMPANY", ["회장"])),
        # a county head's title glued to the county's name
        ("영월군은 이날 홍길동 영월군수 등이 참석한 가운데 행사를 열었다.", "홍길동", ("영월군", "ORGANIZATION", ["영월군수"])),
    ],
)
def test_a_body_after_a_name_and_a_glued_county_head(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # 장 cut off a known body's name: the body and 장 make the title
        ("진옥동 신한은행장은 말했다.", "진옥동", ("신한은행", "COMPANY", ["신한은행장"])),
        # the short form first in the aside, then the head
        ("한국토지주택공사(LH, 사장 홍길동)는 협약을 맺었다.", "홍길동", ("한국토지주택공사", "COMPANY", ["사장"])),
        # a title and a name written as one word in the aside
        ("누리위아(대표이사김경배) 임직원들이 월급을 모았다.", "김경배", ("누리위아", "COMPANY", ["대표이사"])),
        # a party named in a later item of the aside
        ("홍길동 후보(누리 서구을, 새나라당 국회의원)가 말했다.", "홍길동", ("새나라당", "ORGANIZATION", ["후보"])),
        # a firm's name led by Latin letters is the body; a unit ending in them is a department
        ("홍길동 ADT누리 대표는 말했다.", "홍길동", ("ADT누리", "COMPANY", ["대표"])),
        ("이영희 한빛전자 미래사업TF 사장은 말했다.", "이영희", ("한빛전자", "COMPANY", ["미래사업TF 사장"])),
    ],
)
def test_heads_of_known_bodies_and_asides(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # 소속사 cut by Kiwi (소속|사), and an agency that ends like a firm (…미디어)
        ("측은 홍길동 소속사 누리미디어와 홍보 대행사를 고발할 예정이다.", "홍길동", ("누리미디어", "COMPANY", [])),
        # a compound noun before the head of a whole body is the body
        ("지난 14일 김철수 국가기후회의 의장이 밝혔다.", "김철수", ("국가기후회의", "ORGANIZATION", ["의장"])),
    ],
)
def test_agencies_and_bodies_named_by_compound_nouns(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_a_short_compound_before_a_chair_stays_in_the_title(rules):
    # 이사회 의장: the board's chair, the board no body of its own
    doc = rules("홍길동 이사회 의장이 말했다.")
    assert employers(doc) == {} and [e.titles for e in doc.entities if e.type == "PERSON"] == [["이사회 의장"]]


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # the sentence's topic holds, took or held the post (ORG TITLE을 지내다, …으로 선임되다)
        ("홍길동은 1990년 가온재단 이사장을 지냈다.", "홍길동", ("가온재단", "ORGANIZATION", ["이사장"])),
        ("홍길동은 삼성전자 사장으로 선임됐다.", "홍길동", ("삼성전자", "COMPANY", ["사장"])),
    ],
)
def test_the_topic_holds_the_post(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_meeting_a_post_holder_is_not_holding_the_post(rules):
    assert employers(rules("홍길동은 삼성전자 사장과 만났다.")) == {}


def test_names_joined_before_one_title_all_bear_it(rules):
    doc = rules("이재용·정의선 회장이 만났다.")
    assert {e.name: e.titles for e in doc.entities if e.type == "PERSON"} == {"이재용": ["회장"], "정의선": ["회장"]}


def test_a_reporter_who_speaks_in_the_story_is_in_it_and_a_byline_is_not(rules):
    doc = rules("이날 방송에서 홍길동 문화일보 기자는 \"두 사람 관계가 깊다\"고 말했다.")
    assert employers(doc)["홍길동"] == ("문화일보", "COMPANY", ["기자"])
    assert employers(rules("(서울=뉴시스) 홍길동 기자 = 삼성전자가 발표했다.")) == {}


def test_a_party_in_the_aside_is_a_second_post_beside_the_council(rules):
    doc = rules("누리도의회 홍길동 의원(새나라당, 누리 5)이 지난 23일 말했다.")
    by_id = {e.id: e.name for e in doc.entities}
    person = next(e for e in doc.entities if e.type == "PERSON")
    assert by_id[person.affiliation] == "누리도의회"
    assert {by_id[r.tail] for r in doc.relations if r.type == "EMPLOYEE_OF"} == {"누리도의회", "새나라당"}


@pytest.mark.parametrize(
    "text, person, employer",
    [
        ("홍길동 당시 삼성화재 감독의 권유로 입단했다.", "홍길동", ("삼성화재", "COMPANY", ["감독"])),
        ("그러자 김철수는 2003년 5월 한빛재단 이사장 퇴진 기자회견에서 말했다.", "김철수",
         ("한빛재단", "ORGANIZATION", ["이사장"])),
    ],
)
def test_then_and_leaving_a_post(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_council_members_named_together_share_the_council(rules):
    doc = rules("한빛군의회에서는 홍길동·김철수·이영희 군의원 등이 참석했다.")
    assert {p: e[0] for p, e in employers(doc).items()} == {"홍길동": "한빛군의회", "김철수": "한빛군의회",
                                                           "이영희": "한빛군의회"}


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # Kiwi reads the 대 of a university's short name as a prefix of the next word
        ("이날 행사에는 가온대 김민수 교무처장이 참석했다.", "김민수", ("가온대", "ORGANIZATION", ["교무처장"])),
        # a compound noun before a name whose title heads a whole body
        ("개혁추진위 이상민 위원장은 말했다.", "이상민", ("개혁추진위", "ORGANIZATION", ["위원장"])),
    ],
)
def test_bodies_before_titled_names(rules, text, person, employer):
    assert employers(rules(text))[person] == employer


def test_a_unit_before_a_unit_head_is_no_body(rules):
    assert employers(rules("마케팅본부 홍길동 본부장은 말했다.")) == {}


def test_a_college_named_after_its_university_leaves_the_university_the_employer(rules):
    assert employers(rules("고려대 약학대학 홍길동 학장은 말했다."))["홍길동"][0] == "고려대"


@pytest.mark.parametrize(
    "text, person, employer",
    [
        # a team of two words in the aside, and an agency of two words in quotes
        ("축구선수 홍길동(누리 FC)이 글을 올렸다.", "홍길동", ("누리 FC", "ORGANIZATION", [])),
        # 씨 vouches for a name of rare syllables
        ("홍다니엘 씨 소속사 '누리 엔터테인먼트'는 3일 밝혔다.", "홍다니엘", ("누리 엔터테인먼트", "COMPANY", [])),
    ],
)
def test_two_word_teams_and_agencies(rules, text, person, employer):
    assert employers(rules(text))[person] == employer
