"""The Extractor: load lazily, pickle, run on one text or a stream of texts and records."""
import pickle
import re

import pytest
from spacy.language import Language

import korex
import korex.pipeline
from korex import Document

# Korean news-like passages, some with characters that shift offsets if anything counts
# code units instead of code points or drops what it cannot read: emoji (astral, ZWJ,
# flags), NUL, CR and CRLF, zero-width spaces, NBSP, ideographic space, combining marks.
PASSAGES = [
    "🇰🇷👨‍👩‍👧 삼성전자와 마이크로소프트(MS)는 23일 서울에서 클라우드 사업을 함께 하기로 하고 양해각서(MOU)를 "
    "체결했다고 밝혔다. 이재용 삼성전자 부회장과 사티아 나델라 MS 최고경영자(CEO)가 참석했다.",
    "KT는\r\n30일 일본 소프트뱅크와 데이터센터 합작법인을 세우기로 했다.\r이석채 KT 회장은 "
    "\"올여름 착공한다\"고 말했다.\x00",
    "현대자동차\u200b는 지난 3월\xa0LG에너지솔루션과 1조원 규모의 배터리 합작공장 설립 계약을 맺었다."
    "\u3000정의선 현대차그룹 회장은 \t\t 내년 초 가동을 목표로 한다고 했다.",
    "카카오𝐀𝐁𝐂는 2021년 3월 1일 네이버와 업무협약을 맺었다. 한 관계자는 “Café e\u0301 協力”이라며 👍🏽 웃었다.",
    "   SK하이닉스가 미국 인텔의 낸드 사업부를 10조3천억원에 인수한다고 20일 발표했다. 박정호 SK하이닉스 "
    "부회장은 \ufeff“인수는 연말에 끝난다”고 말했다.   ",
]
REFERENCE_DATE = "2024-03-05"


@pytest.fixture(scope="module")
def extractor():
    return korex.load("rules")


def assert_offsets(document: Document, text: str) -> None:
    for entity in document.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text, (entity.id, m)
    for deal in document.deals:
        assert text[deal.trigger.start : deal.trigger.end] == deal.trigger.text
        assert 0 <= deal.evidence.start < deal.evidence.end <= len(text)
    for relation in document.relations:
        assert 0 <= relation.evidence.start < relation.evidence.end <= len(text)


def test_load_builds_no_pipeline_until_used(extractor, monkeypatch):
    built = []
    nlp = extractor.nlp  # handed out again below: building another would only cost time

    def build_nlp(model=None, **options):
        built.append(model)
        return nlp

    monkeypatch.setattr(korex.pipeline, "build_nlp", build_nlp)
    lazy = korex.load("rules")
    assert built == []
    lazy(PASSAGES[0])
    lazy(PASSAGES[1])
    assert built == ["rules"]


def test_nlp_is_a_spacy_pipeline(extractor):
    nlp = extractor.nlp
    assert isinstance(nlp, Language)
    assert set(korex.pipeline.KOREX_COMPONENTS) <= set(nlp.pipe_names)
    doc = nlp(PASSAGES[0])
    assert doc.text == PASSAGES[0]


def test_extractor_pickles_before_and_after_use(extractor):
    unused = pickle.dumps(korex.load("rules"))
    expected = extractor(PASSAGES[0], reference_date=REFERENCE_DATE)
    used = pickle.dumps(extractor)
    # The pipeline stays behind (Kiwi cannot be pickled) and the copy builds its own, so a
    # used extractor pickles to just what an unused one does.
    assert used == unused
    assert len(used) < 1000
    copy = pickle.loads(used)
    assert copy(PASSAGES[0], reference_date=REFERENCE_DATE) == expected


def test_pipe_yields_documents_lazily_a_batch_at_a_time_in_input_order(extractor):
    taken = []

    def texts():
        for text in PASSAGES:
            taken.append(text)
            yield text

    documents = extractor.pipe(texts(), batch_size=2)
    assert taken == []
    first = next(documents)
    assert taken == PASSAGES[:2]
    assert [first, *documents] == [extractor(text) for text in PASSAGES]


def test_a_record_without_text_is_an_error_that_names_it(extractor):
    with pytest.raises(ValueError, match="record 7: no 'text' field"):
        list(extractor.pipe([{"id": 7, "body": PASSAGES[0]}]))


def test_pipe_takes_records_with_id_reference_date_and_extra_fields(extractor):
    records = [
        {"id": 7, "text": PASSAGES[1], "reference_date": "2011-05-31", "source": "한국경제", "page": 3},
        {"text": PASSAGES[0]},
    ]
    first, second = extractor.pipe(records)

    assert first.id == "7"
    assert first.reference_date == "2011-05-31"
    assert first.meta == {"source": "한국경제", "page": 3}
    thirtieth = next(e for e in first.entities if e.type == "DATE" and e.name == "30일")
    assert thirtieth.value == "2011-05-30"

    assert second.id is None and second.meta is None


@pytest.mark.slow
def test_pipe_with_two_processes_gives_what_one_process_gives(extractor):
    records = [{"id": i, "text": text, "reference_date": REFERENCE_DATE} for i, text in enumerate(PASSAGES)]
    assert list(extractor.pipe(records, n_process=2, batch_size=2)) == list(extractor.pipe(records))


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "2024/03/05"])
def test_a_bad_reference_date_is_a_value_error_naming_it(extractor, bad):
    with pytest.raises(ValueError, match=re.escape(bad)):
        extractor(PASSAGES[0], reference_date=bad)
    with pytest.raises(ValueError, match=re.escape(bad)):
        list(extractor.pipe([{"text": PASSAGES[0], "reference_date": bad}]))


@pytest.mark.parametrize("text", PASSAGES, ids=[f"passage{i}" for i in range(len(PASSAGES))])
def test_every_mention_is_the_text_at_its_offsets(extractor, text):
    document = extractor(text, reference_date=REFERENCE_DATE)
    assert document.entities
    assert_offsets(document, text)


def test_offsets_count_code_points_after_astral_characters(extractor):
    text = PASSAGES[0]
    document = extractor(text, reference_date=REFERENCE_DATE)
    samsung = next(e for e in document.entities if e.name == "삼성전자")
    # Two flag halves, then a ZWJ family of five code points and a space.
    assert samsung.mentions[0].start == text.index("삼성전자") == 8
