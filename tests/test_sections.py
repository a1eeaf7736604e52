"""Long texts are read in sections: what a section finds is what it finds alone, offsets point
into the whole text, and one company named in two sections is one entity."""
import pytest

import korex
from korex.invariants import problems
from korex.sections import split

PARAGRAPHS = [
    "[서울=누리통신] 한빛전자는 12일 가온소재를 인수했다고 밝혔다. 인수 금액은 1200억원이다.",
    "김민수 한빛전자 사장은 \"소재 경쟁력을 높이겠다\"고 말했다.",
    "누리바이오는 미래제약과 기술이전 계약을 맺었다. 계약금은 30억원이다.",
    "동해해운은 다음 달 부산항만공사와 양해각서를 체결할 예정이다.",
    "한빛전자는 내년 상반기 베트남 공장을 증설하기로 했다.",
]


@pytest.fixture(scope="module")
def rules():
    return korex.load("rules", section_chars=120)


def long_text(n=12):
    return "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(n))


def test_sections_cover_the_text_and_cut_at_paragraphs():
    text = long_text()
    spans = split(text, 120)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(end - start <= 120 for start, end in spans)
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])


def test_a_text_without_breaks_is_still_cut_at_the_size():
    assert split("가" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


def test_each_section_finds_what_it_finds_alone(rules):
    text = long_text()
    whole = rules(text, reference_date="2024-03-12")
    assert problems(whole, text) == []
    for start, end in split(text, 120):
        alone = rules.unloaded()
        alone.section_chars = 10 ** 9
        part = alone(text[start:end], reference_date="2024-03-12")
        found = {(e.type, m.start + start, m.end + start) for e in part.entities for m in e.mentions}
        merged = {(e.type, m.start, m.end) for e in whole.entities for m in e.mentions if start <= m.start < end}
        assert found == merged
        names = {e.id: e.name for e in part.entities}
        deals = {(d.type, frozenset(names[p.entity] for p in d.parties)) for d in part.deals}
        names_w = {e.id: e.name for e in whole.entities}
        in_whole = {(d.type, frozenset(names_w[p.entity] for p in d.parties)) for d in whole.deals}
        assert deals <= in_whole


def test_one_company_in_many_sections_is_one_entity(rules):
    text = long_text()
    doc = rules(text, reference_date="2024-03-12")
    hanbit = [e for e in doc.entities if "한빛전자" in (e.name, *e.aliases)]
    assert len(hanbit) == 1
    sections = split(text, 120)
    found_in = {n for n, (start, end) in enumerate(sections) for m in hanbit[0].mentions if start <= m.start < end}
    assert len(found_in) >= 3
    assert [m.start for m in hanbit[0].mentions] == sorted(m.start for m in hanbit[0].mentions)
    # a deal told again in a later section is still one record
    assert sum(1 for d in doc.deals if d.type == "ACQUISITION") == 1


def test_the_date_line_at_the_top_dates_every_section():
    text = "2024.03.12 [서울=누리통신]\n\n" + long_text()
    doc = korex.load("rules", section_chars=120)(text)
    assert doc.reference_date == "2024-03-12"
    next_month = [e for e in doc.entities if e.type == "DATE" and e.name == "다음 달"]
    assert next_month and next_month[0].value == "2024-04"


def test_entities_that_meet_across_sections_leave_no_deal_with_one_party():
    from korex.schema import Document
    from korex.sections import merge

    def company(id_, name, aliases, start):
        return {"id": id_, "type": "COMPANY", "name": name, "aliases": aliases,
                "mentions": [{"start": start, "end": start + len(name), "text": name, "source": "rule", "score": 0.9}]}

    first = Document.model_validate({"entities": [company("E1", "한빛전자", ["한빛"], 0)]})
    # in the second section 한빛 and 한빛전자 were two bodies, both one body of the first
    second = Document.model_validate({
        "entities": [company("E1", "한빛", [], 0), company("E2", "한빛전자", [], 10)],
        "deals": [{"id": "D1", "type": "MERGER", "parties": [{"entity": "E1"}, {"entity": "E2"}],
                   "status": "signed", "trigger": {"start": 20, "end": 22, "text": "합병"},
                   "evidence": {"start": 0, "end": 30}, "score": 0.8}]})
    doc = merge([(0, first), (100, second)])
    assert len(doc.entities) == 1 and len(doc.entities[0].mentions) == 3
    assert doc.deals == []
