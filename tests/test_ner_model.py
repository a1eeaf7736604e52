from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "models" / "ko_news_ner"
LABELS = {"PS", "LC", "OG", "DT", "TI", "QT"}

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not (MODEL / "config.cfg").exists(), reason="models/ko_news_ner is absent"),
]

TEXTS = [
    "삼성전자는 29일 이재용 회장이 서울 서초사옥에서 주주총회를 열었다고 밝혔다.",
    "현대자동차와 LG에너지솔루션은 지난해 인도네시아에 1조원 규모의 배터리 합작공장을 세웠다.",
    "문재인 대통령은 오후 3시 청와대에서 기자회견을 했다.",
    "카카오는 2021년 3월 1일 네이버와 업무협약을 맺었다고 발표했다.",
]


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(MODEL)


def test_spans_round_trip(nlp):
    for text, doc in zip(TEXTS, nlp.pipe(TEXTS)):
        assert doc.text == text
        for ent in doc.ents:
            assert text[ent.start_char : ent.end_char] == ent.text
            assert ent.label_ in LABELS


def test_obvious_entities(nlp):
    doc = nlp(TEXTS[0])
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("삼성전자", "OG") in found
    assert ("이재용", "PS") in found
    doc = nlp(TEXTS[2])
    assert ("문재인", "PS") in {(e.text, e.label_) for e in doc.ents}


def test_tokens_carry_kiwi_tags(nlp):
    doc = nlp(TEXTS[0])
    assert doc[0].tag_ == "NNP"
