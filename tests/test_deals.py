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
    found = deals(rules, "삼성전자와 네이버는 5일 인공지능 분야에서 손잡기로 하고 업무협약을 맺었다고 밝혔다.")
    assert found == [("MOU", ["네이버", "삼성전자"], "signed")]


def test_one_mou_with_each_partner_when_the_text_says_respectively(rules):
    found = deals(rules, "한국수력원자력은 BP, 에퀴노르와 각각 양해각서를 맺었다.")
    assert sorted(found) == [("MOU", ["BP", "한국수력원자력"], "signed"), ("MOU", ["에퀴노르", "한국수력원자력"], "signed")]


def test_a_merger_called_off(rules):
    found = deals(rules, "누리전자와 한빛전자의 합병이 무산됐다.")
    assert found == [("MERGER", ["누리전자", "한빛전자"], "cancelled")]


def test_buying_a_whole_firm_is_an_acquisition(rules):
    found = deals(rules, "한빛전자가 독일 로봇 기업 로보틱의 지분 100%를 5억 달러에 사들였다.")
    assert found == [("ACQUISITION", ["로보틱", "한빛전자"], "signed")]


def test_buying_a_minority_stake_is_an_investment(rules):
    assert parties(rules, "한빛전자는 칠레 리튬기업인 안데스 미네랄스의 지분 20%를 인수한다고 밝혔다.") == [("INVESTMENT", ["안데스 미네랄스", "한빛전자"])]


def test_an_order_backlog_is_no_contract(rules):
    assert deals(rules, "현대모비스와 LG전자의 수주 잔고는 20조원에 이른다.") == []


def test_cooperation_talked_about_without_an_agreement_is_no_deal(rules):
    assert deals(rules, "삼성전자는 반도체 시장에서 경쟁이 치열해지고 있다고 밝혔다.") == []


def test_the_target_is_the_name_an_acquisition_word_modifies(rules):
    assert parties(rules, "한빛금융은 지난 2016년 인수한 가온캐피탈을 자회사로 두고 있다.") == [("ACQUISITION", ["가온캐피탈", "한빛금융"])]


def test_a_parent_merging_two_subsidiaries_is_not_a_party(rules):
    assert parties(rules, "한빛금융은 가온손해보험과 한빛손해보험을 내년 1월 통합할 계획이다.") == [("MERGER", ["가온손해보험", "한빛손해보험"])]


def test_a_firm_named_inside_a_clause_about_the_target_is_no_party(rules):
    assert parties(rules, "한빛미디어는 가온TV 등의 채널을 운영하는 다온방송을 흡수합병하기로 했다.") == [("MERGER", ["다온방송", "한빛미디어"])]


def test_this_agreement_is_the_one_already_reported(rules):
    text = ("누리전자는 한빛화학과 업무협약을 맺었다고 12일 밝혔다. "
            "양사는 이번 협약에 따라 누리전자와 다온소재의 폐배터리를 함께 재활용할 계획이다.")
    assert parties(rules, text) == [("MOU", ["누리전자", "한빛화학"])]


def test_a_partner_named_after_the_deal_word_joins_only_an_incomplete_deal(rules):
    text = "한빛모터스는 지난 9일 가온에너지와 합작법인 설립 이후 다온화학과도 협력하게 됐다."
    found = parties(rules, text)
    assert ("JOINT_VENTURE", ["가온에너지", "한빛모터스"]) in found


def test_an_investment_told_by_the_side_that_receives_it(rules):
    assert roles(rules, "한빛페이는 가온투자증권으로부터 300억원을 투자받기로 했다.") == [
        ("INVESTMENT", [("가온투자증권", "investor"), ("한빛페이", "investee")])]


def test_a_list_agreeing_among_themselves_are_the_parties(rules):
    assert parties(rules, "특허 분쟁을 두고 LG전자, 소니, 파나소닉 3자간 소송을 모두 철회하기로 합의했다.") == [("SETTLEMENT", ["LG전자", "소니", "파나소닉"])]


def test_a_body_the_text_calls_no_party_is_none(rules):
    text = "누리전자와 한빛전자, 다온화학은 특허 분쟁을 마무리하기로 합의했다. 다온화학은 이 합의의 당사자가 아니다."
    assert parties(rules, text) == [("SETTLEMENT", ["누리전자", "한빛전자"])]


def test_the_deal_market_is_no_deal(rules):
    assert deals(rules, "한빛마트는 편의점 인수합병(M&A)시장에 나온 매물을 모두 사들였다.") == []


def test_buyers_named_after_the_deal_join_it(rules):
    text = ("한빛전자는 독일 센서 업체 라인센서를 인수한다고 4일 발표했다. "
            "지분 60%는 한빛전자, 40%는 지주사인 한빛홀딩스가 나눠 사들이는 방식이다.")
    assert parties(rules, text, "2023-09-05") == [("ACQUISITION", ["라인센서", "한빛전자", "한빛홀딩스"])]


def test_the_other_side_of_a_share_purchase_agreement_is_the_seller(rules):
    text = ("한빛금융지주가 가온손해보험을 인수한다고 3일 밝혔다. "
            "한빛금융지주는 이날 이사회 의결을 거쳐 영국 다온홀딩스와 주식매매계약을 맺었다.")
    assert roles(rules, text, "2023-05-03") == [
        ("ACQUISITION", [("한빛금융지주", "acquirer"), ("가온손해보험", "target"), ("다온홀딩스", "seller")])]


def test_the_topic_is_what_the_subject_bought(rules):
    assert parties(rules, "가온소프트는 한빛전자가 2019년 인수한 회사다.") == [("ACQUISITION", ["가온소프트", "한빛전자"])]


def test_the_client_of_an_order_may_be_named_in_the_next_sentence(rules):
    text = ("한빛건설이 필리핀에서 1800억원 규모의 교량 공사를 수주했다. "
            "한빛건설은 현지 공공사업청으로부터 착공 승인서를 받았다.")
    assert parties(rules, text) == [("CONTRACT", ["공공사업청", "한빛건설"])]
