"""Whatever the text and whatever the reference date, korex returns a document that keeps the
output contract: no exception, every offset exact, every id resolving, strict JSON that
parses back into the same pydantic document. (scripts/fuzz.py runs the same check on
100,000+ generated inputs; this suite runs a few hundred on every test run.)"""
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import korex
from korex.invariants import problems
from korex.io import dump_document
from korex.schema import Document

EXTRACTOR = korex.load()

# pieces that exercise korex's rules: company marks, brackets, money and date words,
# deal and title words, spaces and line breaks
PIECES = ["(주)", "㈜", "주식회사 ", "(", ")", "[", "]", "「", "」", "<", ">", "·", ", ", ". ", "\n", "\n\n", " ",
          "원", "억원", "조원", "만달러", "%", "년", "월", "일", "다음달", "내년", "지난해", "올해", "연말", "분기",
          "인수", "합병", "MOU", "양해각서", "투자", "지분", "계약", "체결", "합작", "대표", "회장", "사장", "씨",
          "삼성전자", "한빛전자", "가온소재", "김민수", "서울", "는 ", "가 ", "를 ", "와 ", "에 ", "했다", "밝혔다"]
HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
JAMO = st.characters(min_codepoint=0x1100, max_codepoint=0x11FF) | st.characters(min_codepoint=0x3131,
                                                                                  max_codepoint=0x318E)
CONTROL = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from(["\x7f", "\u200b", "\ufeff", "\u2028"])
ANY = st.characters(blacklist_categories=("Cs",))  # a lone surrogate is not text (its own test below)
NUMBERS = st.integers(min_value=0, max_value=10 ** 40).map(str) | st.sampled_from(["9" * 309, "1,234.5", "0.000001"])

piece = st.one_of(st.sampled_from(PIECES), NUMBERS, st.text(HANGUL, max_size=4), st.text(JAMO, max_size=3),
                  st.text(CONTROL, max_size=3), st.text(ANY, max_size=4))
texts = st.lists(piece, max_size=60).map("".join)
reference_dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _no_constants(name):
    raise ValueError(f"not strict JSON: {name}")


def check_contract(text, doc: Document):
    assert problems(doc, text) == []
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    line = dump_document(doc)
    assert json.loads(line, parse_constant=_no_constants) is not None
    assert Document.model_validate_json(line) == doc


@SETTINGS
@given(text=texts, reference_date=reference_dates)
def test_any_text_on_any_day_keeps_the_contract(text, reference_date):
    doc = EXTRACTOR(text, reference_date=reference_date, id="x")
    check_contract(text, doc)


@settings(max_examples=100, deadline=None)
@given(text=st.text(ANY, max_size=200))
def test_arbitrary_unicode_keeps_the_contract(text):
    check_contract(text, EXTRACTOR(text))


@settings(max_examples=50, deadline=None)
@given(day=st.dates(min_value=dt.date(9990, 1, 1), max_value=dt.date(9999, 12, 31)) |
       st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(10, 12, 31)),
       words=st.lists(st.sampled_from(["다음달", "내년", "지난해", "다음 해", "내후년", "작년", "전날", "이튿날",
                                       "3일", "12월 31일", "1월 1일", "연말", "내년 상반기"]), min_size=1, max_size=5))
def test_dates_at_the_calendars_edge_stay_open_instead_of_failing(day, words):
    text = "한빛전자는 " + " ".join(words) + " 가온소재를 인수한다고 밝혔다."
    doc = EXTRACTOR(text, reference_date=day)
    check_contract(text, doc)
    for e in doc.entities:
        if e.type == "DATE" and e.value:
            year = e.value[:4]
            assert len(year) == 4 and (year.isdigit() or "X" in year)


def test_a_lone_surrogate_is_refused_with_its_offset():
    import pytest

    with pytest.raises(ValueError, match="lone surrogate U\\+D800 at offset 3"):
        EXTRACTOR("한빛전\ud800자")
