"""KiwiTokenizer: Kiwi's morphemes as spaCy tokens, and the input text kept to the character.

Every offset korex reports is an offset into the Doc, so a tokenizer that drops, doubles or
rewrites a single character (Kiwi normalises ``했`` to ``하`` + ``었`` and skips characters it
has no use for) would shift every mention after it. Hence the hostile strings below.
"""
import pickle
import subprocess
import sys

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kiwipiepy import Kiwi
from spacy.language import Language

from korex.tokenizer import KiwiTokenizer

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}}
SENTENCES = "KT는 30일 소프트뱅크와 양해각서를 맺었다. 두 회사는 올여름 데이터센터를 연다. 손정의 회장도 왔다."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("ko", config=CONFIG)


@pytest.fixture(scope="module")
def tokenize(nlp):
    return nlp.tokenizer


def assert_round_trip(doc, text: str) -> None:
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text
    for t in doc:
        assert t.text, f"empty token at {t.idx}"
        assert text[t.idx : t.idx + len(t.text)] == t.text


def texts(doc) -> list[str]:
    return [t.text for t in doc]


def analysis(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.tag_, t.lemma_, t.is_sent_start) for t in doc]


# --- the text survives --------------------------------------------------------------------

HOSTILE = {
    "empty": "",
    "one space": " ",
    "only whitespace": " \t\n\r\n  \u3000\xa0 ",
    "leading/trailing/multiple spaces": "   삼성전자는   MS와    손잡았다.   ",
    "emoji": "삼성전자 주가 📈🚀 급등😀",
    "emoji ZWJ family and skin tone": "가족 👨‍👩‍👧‍👦 과 👍🏽 그리고 🧑🏻‍💻 개발자",
    "flags": "🇰🇷 한국과 🇯🇵 일본, 🇺🇸🇨🇳 연속",
    "jamo alone": "ㅋㅋㅋ ㅠㅠ ㄱ ㅏ 각 초성ㅎㅎ",
    "hanja": "三星電子와 現代自動車는 協力했다. 李 회장",
    "latin and digits": "NTT docomo는 2011년 5월 30일 MOU를 3.5% 1,234억원에 맺었다 v2.0",
    "control characters": "삼성\x00전자\x01와\x1f MS\x7f\x85가\x0b\x0c 만났다",
    "tabs": "\t삼성전자\t\tMS\t",
    "CRLF": "첫 줄이다.\r\n둘째 줄이다.\r\n",
    "lone CR": "첫 줄\r둘째 줄\r\r셋째",
    "zero-width characters": "삼성\u200b전자\u200c와\u200d MS\ufeff가 \u2060만났다\u200b",
    "NBSP and ideographic space": "삼성전자\xa0부회장\u3000이재용\u202f씨",
    "combining marks": "Café e\u0301 n\u0303 가\u0301 한\u20dd 국\u0308",
    "astral characters": "𝐀𝐁𝐂 𠀀𠀁 𝄞 𓀀 한국 𝟙𝟚",
    "mixed scripts": "삼성Electronics三星 Самсунг サムスン 삼성전자(005930.KS) ٣ 🇰🇷 α-β",
    "unpaired brackets and quotes": "“삼성전자’는 (MS의 「협력」 ‘MOU’」)) 체결",
    "private use and noncharacters": "삼성\ue000전자\uffff \U000f0000 MS",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_tokens_with_whitespace_reproduce_the_input(tokenize, text):
    assert_round_trip(tokenize(text), text)


@pytest.mark.slow
def test_a_200000_character_line(tokenize):
    seed_like = "삼성전자는 22일 마이크로소프트(MS)와 내년 초 양해각서(MOU)를 맺는다고 밝혔다. 🇰🇷 NTT도코모 "
    text = (seed_like * (200_000 // len(seed_like) + 1))[:200_000]
    assert "\n" not in text
    assert_round_trip(tokenize(text), text)


@pytest.mark.slow
def test_a_line_of_50000_hangul_syllables_without_spaces(tokenize):
    # Real words run together, as in scraped text that lost its spacing: the tokenizer must
    # cut it into pieces for Kiwi even though there is no whitespace to cut at.
    words = "삼성전자와마이크로소프트의최고수뇌부가만나기업간거래협력방안을논의한다"
    text = (words * (50_000 // len(words) + 1))[:50_000]
    assert len(text) == 50_000 and all("가" <= ch <= "힣" for ch in text)
    doc = tokenize(text)
    assert_round_trip(doc, text)
    assert len(doc) > 1000  # analysed into morphemes, not passed through as one blob


# Arbitrary text (any code point but lone surrogates, which no UTF-8 input can hold), with
# the characters that have broken tokenizers drawn more often.
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
TRICKY = st.sampled_from(list("삼성전자와는가했다 .\n\r\t\x00\xa0\u3000\u200b\u200d\ufeffㄱㅏ漢\u0301👍🏽🇰🇷A1"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.one_of(ANY_CHARACTER, TRICKY), max_size=300))
def test_any_text_round_trips(tokenize, text):
    assert_round_trip(tokenize(text), text)


# --- what the tokens are ------------------------------------------------------------------


def test_particles_stand_apart_from_the_stem(tokenize):
    assert texts(tokenize("삼성전자와")) == ["삼성전자", "와"]
    assert texts(tokenize("KT는 소프트뱅크를")) == ["KT", "는", "소프트뱅크", "를"]


def test_tag_is_kiwis_tag_and_lemma_the_morpheme_form(tokenize):
    text = "삼성전자와 MS가 손잡았다."
    morphemes = tokenize.kiwi.tokenize(text)
    doc = tokenize(text)
    assert [(t.tag_, t.lemma_) for t in doc] == [(m.tag, m.form) for m in morphemes]
    # The surface stays in the text; the normalised form goes to lemma_.
    assert [(t.text, t.lemma_) for t in doc if t.tag_ == "EP"] == [("았", "었")]


def test_a_syllable_holding_two_morphemes_is_one_token(tokenize):
    doc = tokenize("했다")
    assert "".join(texts(doc)) == "했다"
    first = doc[0]
    assert first.text == "했"
    assert first.lemma_ == "하+었"  # both morphemes of 했, joined with "+" like the tag
    assert first.tag_.count("+") == 1


def test_ntt_docomo_reads_as_written(tokenize):
    # Kiwi's form for this name can be "NTT 도코모", with a space the text does not have.
    doc = tokenize("일본 NTT도코모를 의식했다")
    assert doc.text == "일본 NTT도코모를 의식했다"
    assert "".join(texts(doc)[1:3]) == "NTT도코모"
    assert all(" " not in t.text for t in doc)


@pytest.mark.slow  # a second Kiwi, with its multi-word dictionary, takes seconds to load
def test_a_morpheme_whose_form_differs_from_its_surface_is_cut_from_the_surface(nlp):
    # korex runs Kiwi without its multi-word dictionary, which splits NTT도코모 in two; with
    # the dictionary it is one morpheme whose form "NTT 도코모" has a space. The token must
    # still be the text as written.
    tokenizer = KiwiTokenizer(nlp.vocab)
    tokenizer._kiwi = Kiwi(load_multi_dict=True)
    doc = tokenizer("NTT도코모와 소프트뱅크")
    assert texts(doc) == ["NTT도코모", "와", "소프트뱅크"]
    assert doc[0].lemma_ == "NTT 도코모"


def test_sentence_starts_come_from_kiwis_splitter(tokenize):
    starts = [s.start for s in tokenize.kiwi.split_into_sents(SENTENCES)]
    doc = tokenize(SENTENCES)
    assert [t.idx for t in doc if t.is_sent_start] == starts
    assert [s.text for s in doc.sents] == [
        "KT는 30일 소프트뱅크와 양해각서를 맺었다.",
        "두 회사는 올여름 데이터센터를 연다.",
        "손정의 회장도 왔다.",
    ]


def test_the_first_token_starts_a_sentence_even_when_it_is_whitespace(tokenize):
    doc = tokenize("  \n삼성전자")
    assert doc[0].is_sent_start


def test_tokenizer_pipe_matches_calls(tokenize):
    batch = list(HOSTILE.values())
    assert [analysis(d) for d in tokenize.pipe(batch)] == [analysis(tokenize(t)) for t in batch]


# --- saving, loading, pickling ------------------------------------------------------------


def test_a_saved_pipeline_loads_back_with_spacy_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert isinstance(loaded.tokenizer, KiwiTokenizer)
    assert analysis(loaded(SENTENCES)) == analysis(nlp(SENTENCES))


@pytest.mark.slow
def test_a_saved_pipeline_loads_in_a_fresh_interpreter(nlp, tmp_path):
    # Nothing imports korex there: spaCy must find the tokenizer through its entry point.
    nlp.to_disk(tmp_path / "pipeline")
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); "
        "print(type(nlp.tokenizer).__name__, '|'.join(t.text for t in nlp(sys.argv[2])))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"), "삼성전자와 MS"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "KiwiTokenizer 삼성전자|와|MS"


def test_the_tokenizer_pickles_before_use(nlp, tokenize):
    copy = pickle.loads(pickle.dumps(KiwiTokenizer(nlp.vocab)))
    assert analysis(copy(SENTENCES)) == analysis(tokenize(SENTENCES))


def test_a_pipeline_pickles_after_use(nlp):
    # By now its tokenizer holds a loaded Kiwi, which cannot be pickled: the copy loads its own.
    expected = analysis(nlp(SENTENCES))
    copy = pickle.loads(pickle.dumps(nlp))
    assert isinstance(copy.tokenizer, KiwiTokenizer)
    assert analysis(copy(SENTENCES)) == expected
