"""The two articles korex started from (seeds/), and the records that matter in them.

seed-000 (중앙일보, 2014-09-23): Samsung Electronics and Microsoft plan an MOU for early next
year; Satya Nadella, Microsoft's CEO, visits. seed-004 (한국경제, 2011-05-31): KT and
SoftBank signed an MOU on May 30; KT's chairman 이석채 flew to Tokyo. The expected records
are in seeds/gold.jsonl; dates are resolved against each article's ``published`` day.
"""
from pathlib import Path

import pytest

import korex
from korex import Document
from korex.evaluation.news import read_jsonl, score_news
from korex.pipeline import bundled_model_path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = read_jsonl(SEEDS / "gold.jsonl")


@pytest.fixture(scope="module", params=[
    "rules",
    pytest.param("bundled", marks=pytest.mark.model),
])
def extractor(request):
    if request.param == "bundled":
        if bundled_model_path() is None:
            pytest.skip("no bundled model in models/")
        return korex.load()
    return korex.load("rules")


@pytest.fixture(scope="module")
def documents(extractor) -> dict[str, Document]:
    out = {}
    for gold in GOLD:
        text = (SEEDS / gold["source"]).read_text(encoding="utf-8")
        out[gold["id"]] = extractor(text, reference_date=gold["published"], id=gold["id"])
    return out


def named(document: Document, name: str):
    """The entity called ``name`` (its name or one of its aliases)."""
    found = [e for e in document.entities if name == e.name or name in e.aliases]
    assert found, f"no entity named {name!r} among {[e.name for e in document.entities]}"
    return found[0]


def deals_between(document: Document, *parties: str):
    return [d for d in document.deals
            if sorted(document.entity(p.entity).name for p in d.parties) == sorted(parties)]


def test_samsung_and_microsoft_plan_an_mou_for_early_next_year(documents):
    seed = documents["seed-000"]
    [deal] = deals_between(seed, "삼성전자", "마이크로소프트")
    assert deal.type == "MOU"
    assert deal.status == "planned"
    assert deal.date == "2015"
    # The date is the DATE entity the deal was dated from: "내년 초", early next year.
    when = seed.entity(deal.date_entity)
    assert (when.name, when.value, when.mod) == ("내년 초", "2015", "START")


def test_kt_and_softbank_signed_an_mou_on_may_30(documents):
    seed = documents["seed-004"]
    [deal] = deals_between(seed, "KT", "소프트뱅크")
    assert deal.type == "MOU"
    assert deal.status == "signed"
    assert deal.date == "2011-05-30"


def test_lee_suk_chae_is_the_chairman_of_kt(documents):
    seed = documents["seed-004"]
    lee = named(seed, "이석채")
    assert lee.type == "PERSON"
    assert "회장" in lee.titles
    assert seed.entity(lee.affiliation).name == "KT"


def test_satya_nadella_is_the_ceo_of_microsoft_alias_ms(documents):
    seed = documents["seed-000"]
    nadella = named(seed, "사티아 나델라")
    assert {"CEO", "최고경영자"} & set(nadella.titles)
    assert "나델라" in nadella.aliases
    microsoft = seed.entity(nadella.affiliation)
    assert microsoft.name == "마이크로소프트"
    assert "MS" in microsoft.aliases


@pytest.mark.parametrize("gold_id, date", [(g["id"], d) for g in GOLD for d in g["dates"]],
                         ids=[f"{g['id']}:{d['text']}" for g in GOLD for d in g["dates"]])
def test_every_gold_date_is_found_with_its_value_and_mod(documents, gold_id, date):
    # A predicted date matches when one text holds the other: korex may keep "지난" with
    # "4월12일", as the scorer allows.
    found = [(m.text, e.value, e.mod)
             for e in documents[gold_id].entities if e.type == "DATE"
             for m in e.mentions if date["text"] in m.text or m.text in date["text"]]
    assert (date["value"], date["mod"]) in [(value, mod) for _, value, mod in found], found


def test_the_news_scorer_finds_the_entities_and_every_deal_found_is_right(documents):
    scores = score_news(GOLD, [documents[g["id"]].model_dump(mode="json") for g in GOLD])
    assert scores["COMPANY"]["f1"] >= 0.8, scores["COMPANY"]
    assert scores["PERSON"]["f1"] >= 0.8, scores["PERSON"]
    assert scores["DEAL"]["p"] == 1.0, scores["DEAL"]


def test_every_seed_deal_is_found(documents, request):
    if request.node.callspec.params["extractor"] == "bundled":
        # The deal model (models/ko_news_deals) does not take "삼성SDS와 삼성SNS를 통합한 것도" for
        # a merger: the corpus it learned from has 13 mergers told with 통합, none like this
        # one, a past merger recalled without its actor. Known, and reported (issue 11); the
        # rules alone find it.
        request.applymarker(pytest.mark.xfail(strict=True, reason="the deal model misses the 통합 merger"))
    scores = score_news(GOLD, [documents[g["id"]].model_dump(mode="json") for g in GOLD])
    assert scores["DEAL"]["r"] == 1.0, scores["DEAL"]
