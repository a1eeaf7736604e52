"""korex.dates: Korean date expressions, their ISO values and exact offsets."""
import datetime as dt
import random

import pytest

from korex.dates import find_dates, find_reference_date

SEP_2014 = dt.date(2014, 9, 23)
MAY_2011 = dt.date(2011, 5, 31)


def dates(text, ref=None):
    return [(m.text, m.value, m.mod) for m in find_dates(text, ref) if m.kind == "DATE"]


CASES = [
    # absolute dates
    ("2012년 7월 11일 체결했다", SEP_2014, [("2012년 7월 11일", "2012-07-11", None)]),
    ("2012.7.11 발표", None, [("2012.7.11", "2012-07-11", None)]),
    ("2012-07-11 09:51", None, [("2012-07-11", "2012-07-11", None)]),
    ("2012년 7월부터", SEP_2014, [("2012년 7월", "2012-07", None)]),
    ("1992년 설립된 회사", SEP_2014, [("1992년", "1992", None)]),
    ("2015년 말까지", SEP_2014, [("2015년 말", "2015", "END")]),
    ("1990년대 후반", SEP_2014, [("1990년대 후반", "199X", "END")]),
    ("1990년대에", SEP_2014, [("1990년대", "199X", None)]),
    ("2020년대 초", SEP_2014, [("2020년대 초", "202X", "START")]),
    # month and day without a year take the reference year
    ("4월12일 열린 회의", SEP_2014, [("4월12일", "2014-04-12", None)]),
    ("4월 12일 열린 회의", SEP_2014, [("4월 12일", "2014-04-12", None)]),
    ("7월 출시", SEP_2014, [("7월", "2014-07", None)]),
    ("7월 출시", None, [("7월", "XXXX-07", None)]),
    ("5월 중 출시", MAY_2011, [("5월 중", "2011-05", "MID")]),
    ("5월 중순께", MAY_2011, [("5월 중순", "2011-05", "MID")]),
    ("5월말 완공", MAY_2011, [("5월말", "2011-05", "END")]),
    ("12월 초에", SEP_2014, [("12월 초", "2014-12", "START")]),
    # a bare day: the reference month, or the story month of a recent month-day
    ("23일 밝혔다", SEP_2014, [("23일", "2014-09-23", None)]),
    ("23일에 열린다", None, [("23일", "XXXX-XX-23", None)]),
    ("4월12일 회담했다. 이틀 뒤인 14일 합의했다.", SEP_2014,
     [("4월12일", "2014-04-12", None), ("14일", "2014-04-14", None)]),
    ("2010년 4월 12일 만났고 14일 합의했다.", None,
     [("2010년 4월 12일", "2010-04-12", None), ("14일", "2010-04-14", None)]),
    ("4월12일 회담했다. 둘. 셋. 넷. 다섯. 14일 합의했다.", SEP_2014,
     [("4월12일", "2014-04-12", None), ("14일", "2014-09-14", None)]),
    ("지난 8월 발표했다. 14일 합의했다.", SEP_2014,
     [("지난 8월", "2014-08", None), ("14일", "2014-09-14", None)]),
    ("금일(17일) 오후 발표", SEP_2014, [("17일", "2014-09-17", None)]),
    # 지난 / 오는: the nearest such day or month before / after the reference
    ("지난 3일 발표했다", SEP_2014, [("지난 3일", "2014-09-03", None)]),
    ("지난 25일 발표했다", SEP_2014, [("지난 25일", "2014-08-25", None)]),
    ("지난 31일", dt.date(2014, 5, 2), [("지난 31일", "2014-03-31", None)]),
    ("지난 3일", None, [("지난 3일", "XXXX-XX-03", None)]),
    ("지난 2월", SEP_2014, [("지난 2월", "2014-02", None)]),
    ("지난 8월", SEP_2014, [("지난 8월", "2014-08", None)]),
    ("지난 11월", SEP_2014, [("지난 11월", "2013-11", None)]),
    ("지난 12월 25일", MAY_2011, [("지난 12월 25일", "2010-12-25", None)]),
    ("오는 15일", SEP_2014, [("오는 15일", "2014-10-15", None)]),
    ("오는 30일", SEP_2014, [("오는 30일", "2014-09-30", None)]),
    ("오는 2월", SEP_2014, [("오는 2월", "2015-02", None)]),
    # relative years
    ("내년 초 출시", SEP_2014, [("내년 초", "2015", "START")]),
    ("내년 초 출시", None, [("내년 초", "XXXX", "START")]),
    ("올 초 발표", SEP_2014, [("올 초", "2014", "START")]),
    ("내년 중 완공", SEP_2014, [("내년 중", "2015", "MID")]),
    ("작년 4월", SEP_2014, [("작년 4월", "2013-04", None)]),
    ("지난해 말", SEP_2014, [("지난해 말", "2013", "END")]),
    ("지난해 12월", SEP_2014, [("지난해 12월", "2013-12", None)]),
    ("내년 3월 1일", SEP_2014, [("내년 3월 1일", "2015-03-01", None)]),
    ("금년 매출", SEP_2014, [("금년", "2014", None)]),
    ("전년 대비 늘었다", SEP_2014, [("전년", "2013", None)]),
    ("2010년 진출했고 이듬해 철수했다", SEP_2014, [("2010년", "2010", None), ("이듬해", "2011", None)]),
    ("이듬해", SEP_2014, [("이듬해", "2015", None)]),
    # quarters, halves, seasons, year parts
    ("올해 1분기", SEP_2014, [("올해 1분기", "2014-Q1", None)]),
    ("1·4분기 실적", SEP_2014, [("1·4분기", "2014-Q1", None)]),
    ("2014년 3분기 말", None, [("2014년 3분기 말", "2014-Q3", "END")]),
    ("내년 상반기", SEP_2014, [("내년 상반기", "2015-H1", None)]),
    ("하반기에는", SEP_2014, [("하반기", "2014-H2", None)]),
    ("올여름", SEP_2014, [("올여름", "2014-SU", None)]),
    ("올가을 출시", SEP_2014, [("올가을", "2014-FA", None)]),
    ("여름에 나온다", SEP_2014, [("여름", "2014-SU", None)]),
    ("내년 봄", SEP_2014, [("내년 봄", "2015-SP", None)]),
    ("작년 겨울", SEP_2014, [("작년 겨울", "2013-WI", None)]),
    ("연말까지", SEP_2014, [("연말", "2014", "END")]),
    ("연초 계획", SEP_2014, [("연초", "2014", "START")]),
    ("올 연말", SEP_2014, [("올 연말", "2014", "END")]),
    # relative months
    ("다음 달 출시", SEP_2014, [("다음 달", "2014-10", None)]),
    ("지난달 발표", SEP_2014, [("지난달", "2014-08", None)]),
    ("이달 말", SEP_2014, [("이달 말", "2014-09", "END")]),
    ("다음달 초", SEP_2014, [("다음달 초", "2014-10", "START")]),
    ("지난달 29일", SEP_2014, [("지난달 29일", "2014-08-29", None)]),
    ("다음 달", None, [("다음 달", "XXXX-XX", None)]),
    # month·day event names
    ("3·11 대지진 이후", MAY_2011, [("3·11", "2011-03-11", None)]),
    ("3 · 11 대지진", MAY_2011, [("3 · 11", "2011-03-11", None)]),
    ("3·11", None, [("3·11", "XXXX-03-11", None)]),
    # several in one text, particles left out
    ("2012년 7월 11일에 체결했고 23일엔 발표", dt.date(2012, 7, 23),
     [("2012년 7월 11일", "2012-07-11", None), ("23일", "2012-07-23", None)]),
]


@pytest.mark.parametrize("text,ref,expected", CASES, ids=[c[0] for c in CASES])
def test_date_forms(text, ref, expected):
    assert dates(text, ref) == expected


NOT_DATES = [
    "48일 동안", "3년 기한", "보름", "30일간", "3개월", "2년 만에", "10일 만에", "3일째", "15일 내 처리",
    "1990년생", "23세", "오늘", "이날", "전날", "다음날", "이튿날", "당일", "금일", "어제",
    "15일 내외", "말레이시아", "돌봄 서비스", "올 들어", "1·2위", "1·2차 협상", "제1·2공장",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert dates(text, SEP_2014) == []


@pytest.mark.parametrize("text,expected", [
    ("5월 중국 출장", [("5월", "2014-05", None)]),
    ("내년 중국 진출", [("내년", "2015", None)]),
    ("올해 초과 달성", [("올해", "2014", None)]),
    ("15일 만나 합의", [("15일", "2014-09-15", None)]),
    ("15일 전면 시행", [("15일", "2014-09-15", None)]),
    ("15일 만도는", [("15일", "2014-09-15", None)]),
])
def test_look_alike_words_do_not_swallow_or_cancel_a_date(text, expected):
    assert dates(text, SEP_2014) == expected


def test_clock_times_are_time_not_date():
    found = [(m.text, m.kind, m.value) for m in find_dates("17일 오전 9시 개장, 09:51 공시. 5시간 회의")]
    assert found == [("17일", "DATE", "XXXX-XX-17"), ("오전 9시", "TIME", "T09:00"), ("09:51", "TIME", "T09:51")]


def test_rule_ids_are_reported():
    rules = {m.rule for m in find_dates("2012년 7월 11일 지난해 말 올해 1분기 3·11 지난 3일", SEP_2014)}
    assert rules == {"date.ymd", "date.relative_year", "date.quarter", "date.event_md", "date.past_day"}


@pytest.mark.parametrize("header,expected", [
    ("삼성 MOU 체결\n2012-07-11 09:51\n본문", dt.date(2012, 7, 11)),
    ("제목\n입력 2014.09.23 03:00 | 수정 2014.09.24 10:00\n본문", dt.date(2014, 9, 23)),
    ("2011년 05월 31일\n본문", dt.date(2011, 5, 31)),
    ("삼성전자는 2010년 3월 5일 새 공장을 지었다고 밝혔으며 이 공장은 매우 큰 규모의 공장이다.\n", None),
    ("하나\n둘\n셋\n넷\n다섯\n2012-07-11", None),
    ("날짜 없음", None),
])
def test_reference_date(header, expected):
    assert find_reference_date(header) == expected


HOSTILE = [
    "2012년2012년 7월7월 11일11일에", "지난지난 3일에는\n오는\n15일", "내년 초초 올 초에 올\n초", "3·11·12 ·3· 1·",
    "\u00a02012.7.11.\t23일\u200b에", "😀23일😀 올여름😀", "((17일))", "월일년 분기 상반기하반기", "",
]
_PIECES = ["2012", "년", "월", "일", " ", "\n", "7", "1", "3", "·", "지난", "오는", "내년", "올", "초", "말", "중",
           "에", "는", "분기", "상반기", "여름", "연말", ".", "-", ":", "(", "시", "오전", "간", "동안"]
_rng = random.Random(7)
HOSTILE += ["".join(_rng.choice(_PIECES) for _ in range(30)) for _ in range(150)]


@pytest.mark.parametrize("text", HOSTILE)
def test_offsets_are_exact_sorted_and_disjoint(text):
    found = find_dates(text, SEP_2014)
    for m in found:
        assert text[m.start:m.end] == m.text and m.text == m.text.strip() and m.text
        assert m.text[-1] not in "에는은을를의가" and m.kind in ("DATE", "TIME")
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
