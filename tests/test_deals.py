"""Deals as Korean business news phrases them, each sentence an example of use."""



def deals(rules, text: str, reference_date: str = "2024-03-05") -> list[tuple]:
    doc = rules(text, reference_date=reference_date)
    names = {e.id: e.name for e in doc.entities}
    return [(d.type, sorted(names[p.entity] for p in d.parties), d.status) for d in doc.deals]


def parties(rules, text: str, reference_date: str = "2024-03-05") -> list[tuple]:
    """(type, sorted party names) of each deal, status left out."""
    return [(t, names) for t, names, _ in deals(rules, text, reference_date)]


def roles(rules, text: str, reference_date: str = "2024-03-05") -> list[tuple]:
    """(type, [(party name, role), ...]) of each deal, parties in the record's order."""
    doc = rules(text, reference_date=reference_date)
    names = {e.id: e.name for e in doc.entities}
    return [(d.type, [(names[p.entity], p.role) for p in d.parties]) for d in doc.deals]


def test_an_mou_between_two_companies(rules):
    found = deals(rules, "삼성전자와 네이버는 5일 인공지능 협력을 위한 업무협약을 체결했다고 밝혔다.")
    assert found == [("MOU", ["네이버", "삼성전자"], "signed")]


def test_one_mou_with_each_partner_when_the_text_says_respectively(rules):
    found = deals(rules, "한국전력공사는 엑손모빌, 셰브런과 각각 양해각서를 체결했다.")
    assert sorted(found) == [("MOU", ["셰브런", "한국전력공사"], "signed"), ("MOU", ["엑손모빌", "한국전력공사"], "signed")]


def test_a_merger_called_off(rules):
    found = deals(rules, "삼성중공업과 삼성엔지니어링의 합병이 무산됐다.")
    assert found == [("MERGER", ["삼성엔지니어링", "삼성중공업"], "cancelled")]


def test_buying_a_whole_firm_is_an_acquisition(rules):
    found = deals(rules, "삼성전자가 미국 전장 기업 하만의 지분 100%를 80억 달러에 사들였다.")
    assert found == [("ACQUISITION", ["삼성전자", "하만"], "signed")]


def test_buying_a_minority_stake_is_an_investment(rules):
    assert parties(rules, "포스코홀딩스는 호주 광산기업인 미네랄 리소스의 지분 30%를 인수한다고 밝혔다.") == [("INVESTMENT", ["미네랄 리소스", "포스코홀딩스"])]


def test_an_order_backlog_is_no_contract(rules):
    assert deals(rules, "현대모비스와 LG전자의 수주 잔고는 20조원에 이른다.") == []


def test_cooperation_talked_about_without_an_agreement_is_no_deal(rules):
    assert deals(rules, "삼성전자는 반도체 시장에서 경쟁이 치열해지고 있다고 밝혔다.") == []


def test_the_target_is_the_name_an_acquisition_word_modifies(rules):
    assert parties(rules, "신한금융은 지난 2018년 인수한 오렌지라이프를 자회사로 두고 있다.") == [("ACQUISITION", ["신한금융", "오렌지라이프"])]


def test_a_parent_merging_two_subsidiaries_is_not_a_party(rules):
    assert parties(rules, "신한금융은 오렌지라이프와 신한생명을 내년 7월 통합할 계획이다.") == [("MERGER", ["신한생명", "오렌지라이프"])]


def test_a_firm_named_inside_a_clause_about_the_target_is_no_party(rules):
    assert parties(rules, "CJ오쇼핑은 tvN 등의 채널을 운영하는 CJ E&M을 흡수합병하기로 했다.") == [("MERGER", ["CJ E&M", "CJ오쇼핑"])]


def test_this_agreement_is_the_one_already_reported(rules):
    text = ("현대차그룹은 포스코와 업무협약을 체결했다고 12일 밝혔다. "
            "양사는 이번 협약을 통해 현대차그룹과 LG에너지솔루션의 배터리 스크랩을 회수할 계획이다.")
    assert parties(rules, text) == [("MOU", ["포스코", "현대차그룹"])]


def test_a_partner_named_after_the_deal_word_joins_only_an_incomplete_deal(rules):
    text = "스텔란티스는 지난 18일 LG에너지솔루션과 합작법인 설립 이후 삼성SDI와도 협력하게 됐다."
    found = parties(rules, text)
    assert ("JOINT_VENTURE", ["LG에너지솔루션", "스텔란티스"]) in found


def test_an_investment_told_by_the_side_that_receives_it(rules):
    assert roles(rules, "네이버파이낸셜은 미래에셋대우로부터 5000억원을 투자받기로 했다.") == [
        ("INVESTMENT", [("미래에셋대우", "investor"), ("네이버파이낸셜", "investee")])]


def test_a_list_agreeing_among_themselves_are_the_parties(rules):
    assert parties(rules, "분쟁을 두고 삼성전자, 애플, 구글 3자간 소송을 취하하기로 합의했다.") == [("SETTLEMENT", ["구글", "삼성전자", "애플"])]


def test_a_body_the_text_calls_no_party_is_none(rules):
    text = "삼성전자와 애플, 구글은 특허 소송을 끝내기로 합의했다. 구글은 이번 합의 당사자가 아니다."
    assert parties(rules, text) == [("SETTLEMENT", ["삼성전자", "애플"])]


def test_the_deal_market_is_no_deal(rules):
    assert deals(rules, "롯데쇼핑은 유통가 인수합병(M&A)시장의 매물을 싹쓸이했다.") == []


def test_buyers_named_after_the_deal_join_it(rules):
    text = ("LG전자는 오스트리아 조명 업체 ZKW를 인수한다고 26일 발표했다. "
            "지분 70%는 LG전자, 30%는 LG그룹의 지주사인 (주)LG가 인수하는 구조다.")
    assert parties(rules, text, "2018-04-27") == [("ACQUISITION", ["(주)LG", "LG전자", "ZKW"])]


def test_the_other_side_of_a_share_purchase_agreement_is_the_seller(rules):
    text = ("KB금융지주가 푸르덴셜생명보험을 인수한다고 10일 밝혔다. "
            "KB금융지주 이사회는 안건을 결의하고 미국 푸르덴셜파이낸셜과 주식매매계약을 체결했다.")
    assert roles(rules, text, "2020-04-10") == [
        ("ACQUISITION", [("KB금융지주", "acquirer"), ("푸르덴셜생명보험", "target"), ("푸르덴셜파이낸셜", "seller")])]


def test_the_topic_is_what_the_subject_bought(rules):
    assert parties(rules, "엔비디아는 삼성전자가 2015년 인수한 기업이다.") == [("ACQUISITION", ["삼성전자", "엔비디아"])]


def test_the_client_of_an_order_may_be_named_in_the_next_sentence(rules):
    text = ("두산중공업이 인도네시아에서 4700억원 규모의 발전소 공사를 수주했다. "
            "두산중공업은 현지 전력청으로부터 착수 지시서를 받았다.")
    assert parties(rules, text) == [("CONTRACT", ["두산중공업", "전력청"])]
