"""korex.money: amounts with Korean number units and currencies."""
import random

import pytest

from korex.money import find_money, korean_number

CASES = [
    ("5조원", "5조원", 5e12, "KRW"),
    ("3억 달러 규모", "3억 달러", 3e8, "USD"),
    ("1조2000억원에", "1조2000억원", 1.2e12, "KRW"),
    ("2조 3천억 원을", "2조 3천억 원", 2.3e12, "KRW"),
    ("80억달러", "80억달러", 8e9, "USD"),
    ("약 4,500억원을 투자", "4,500억원", 4.5e11, "KRW"),
    ("10억 유로", "10억 유로", 1e9, "EUR"),
    ("1000만 엔", "1000만 엔", 1e7, "JPY"),
    ("50억 위안", "50억 위안", 5e9, "CNY"),
    ("50억 위안화", "50억 위안화", 5e9, "CNY"),
    ("$3 billion deal", "$3 billion", 3e9, "USD"),
    ("3 billion dollars", "3 billion dollars", 3e9, "USD"),
    ("US$ 500 million", "US$ 500 million", 5e8, "USD"),
    ("1.5조원", "1.5조원", 1.5e12, "KRW"),
    ("1억2천만원", "1억2천만원", 1.2e8, "KRW"),
    ("2,500원", "2,500원", 2500, "KRW"),
    ("5조원대 매출", "5조원", 5e12, "KRW"),
    ("10억불", "10억불", 1e9, "USD"),
    ("수천억원", "수천억원", None, "KRW"),
]


@pytest.mark.parametrize("text,span,value,currency", CASES, ids=[c[0] for c in CASES])
def test_money_forms(text, span, value, currency):
    (m,) = find_money(text)
    assert (m.text, m.value, m.currency) == (span, value, currency)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", ["1억 명", "3억 주", "5조 규모", "20조 원전 수주", "10만 위안부", "100억엔진", "3개월", ""])
def test_not_money(text):
    assert find_money(text) == []


def test_korean_numerals():
    assert korean_number("1조2000억") == 1_200_000_000_000
    assert korean_number("3천5백만") == 35_000_000
    assert korean_number("1.1억") == 110_000_000


def test_several_amounts_in_order():
    found = find_money("매출 1조원, 영업이익 2,000억원, 순익 3억 달러")
    assert [(m.text, m.rule) for m in found] == [
        ("1조원", "money.korean"), ("2,000억원", "money.korean"), ("3억 달러", "money.korean")]


_PIECES = ["1", "5", ",", ".", "000", "조", "억", "만", "천", " ", "원", "달러", "$", "billion", "엔", "수", "\n", "을"]
_rng = random.Random(11)


@pytest.mark.parametrize("text", ["".join(_rng.choice(_PIECES) for _ in range(25)) for _ in range(100)])
def test_offsets_are_exact_sorted_and_disjoint(text):
    found = find_money(text)
    for m in found:
        assert text[m.start:m.end] == m.text == m.text.strip()
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
