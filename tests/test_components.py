"""Each component after the finders on its own: the resolver, the entity merger, the relation
finder and the export, fed by hand; and the pipeline saved and loaded as spaCy does it."""
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import korex
from korex.components import candidates
from korex.components.entities import EntityMerger
from korex.components.relations import RelationFinder
from korex.components.resolve import RESOLVED, resolved_score
from korex.export import doc_to_record
from korex.invariants import problems
from korex.records import Deal, Employment, Entity, Mention, PersonLink


@pytest.fixture(scope="module")
def nlp():
    return korex.load("rules").nlp


def _span(doc, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return doc.char_span(start, start + len(text))


def _propose(doc, text, label, *, source="rule", score=0.7, rule="test.rule", **attrs):
    s = _span(doc, text)
    return candidates.add(doc, s.start, s.end, label, source=source, score=score, rule=rule, **attrs)


# --- the resolver ---------------------------------------------------------------------------------
def test_the_resolver_keeps_the_dictionary_over_the_model_and_credits_the_agreement(nlp):
    doc = nlp.make_doc("한빛전자와 누리소재는 계약을 맺었다.")
    _propose(doc, "한빛전자", "COMPANY", source="dictionary", score=0.9, rule="companies.한빛전자")
    _propose(doc, "한빛전자", "ORGANIZATION", source="model", score=0.8, rule="ner.OG")
    _propose(doc, "누리소재", "COMPANY", source="rule", score=0.75, rule="org.suffix.소재")
    nlp.get_pipe("korex_resolve")(doc)
    kept = list(doc.spans[RESOLVED])
    assert [(s.text, s.label_, s._.korex_source) for s in kept] == [
        ("한빛전자", "COMPANY", "dictionary"), ("누리소재", "COMPANY", "rule")]
    # the model agreed: the resolver's score is higher, the finder's own is unchanged
    assert resolved_score(kept[0]) == pytest.approx(0.95)
    assert kept[0]._.korex_score == pytest.approx(0.9)


def test_the_resolver_takes_its_thresholds_from_config():
    pipe = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    resolver = pipe.add_pipe("korex_resolve", config={"agreement_bonus": 0.01, "model_score": 0.6})
    assert resolver.agreement_bonus == 0.01 and resolver.model_score == 0.6


# --- the entity merger ----------------------------------------------------------------------------
def test_mentions_of_one_body_and_one_person_become_one_entity_each(nlp):
    doc = nlp.make_doc("마이크로소프트(MS)의 사티아 나델라 CEO는 말했다. 나델라는 MS가 성장한다고 했다.")
    _propose(doc, "마이크로소프트", "COMPANY", source="dictionary", rule="companies.마이크로소프트",
             entry="마이크로소프트")
    ms = _span(doc, "MS")
    candidates.add(doc, ms.start, ms.end, "COMPANY", source="dictionary", score=0.9, rule="companies.마이크로소프트",
                   entry="마이크로소프트")
    _propose(doc, "사티아 나델라", "PERSON", rule="person.org_name_title",
             link=PersonLink(titles=("CEO",), evidence=(0, 0)))
    nlp.get_pipe("korex_resolve")(doc)
    EntityMerger()(doc)
    ents = doc._.korex_entities
    assert isinstance(ents, tuple) and [e.key for e in ents] == list(range(1, len(ents) + 1))
    company = next(e for e in ents if e.type == "COMPANY")
    person = next(e for e in ents if e.type == "PERSON")
    assert company.name == "마이크로소프트" and {"MS", "마이크로소프트"} <= set(company.aliases)
    assert person.name == "사티아 나델라" and "나델라" in person.aliases and person.titles == ("CEO",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.titles = ()


# --- the relation finder --------------------------------------------------------------------------
def _doc_with_entities(nlp, text, entities):
    doc = nlp.make_doc(text)
    doc._.korex_entities = tuple(entities)
    return doc


def _entity(doc, key, type_, form, *, nth=0, links=()):
    s = _span(doc, form, nth)
    titles = tuple(t for link in links for t in link.titles)
    return Entity(key, type_, (Mention(s.start_char, s.end_char, s.text, "rule", 0.8, "test", True, s.start, s.end,
                                       tuple(links)),), titles=titles)


def test_a_title_pattern_makes_the_affiliation_and_its_evidence(nlp):
    text = "홍길동 한빛전자 사장은 누리소재와의 협력을 밝혔다."
    doc = nlp.make_doc(text)
    org = _span(doc, "한빛전자")
    link = PersonLink(titles=("사장",), employer=(org.start, org.end), evidence=(0, 12), rule="person.name_org_title")
    ents = [_entity(doc, 1, "PERSON", "홍길동", links=[link]), _entity(doc, 2, "COMPANY", "한빛전자"),
            _entity(doc, 3, "COMPANY", "누리소재")]
    doc = _doc_with_entities(nlp, text, ents)
    RelationFinder()(doc)
    assert doc._.korex_employment == (Employment(1, 2, "사장", (0, 12), "pattern", None, True),)


def test_a_titled_person_without_a_named_body_works_for_the_sentences_body(nlp):
    text = "한빛전자는 신제품을 공개했다. 김철수 사장이 직접 발표했다."
    doc = nlp.make_doc(text)
    link = PersonLink(titles=("사장",), evidence=(16, 22), rule="person.name_title")
    ents = [_entity(doc, 1, "COMPANY", "한빛전자"), _entity(doc, 2, "PERSON", "김철수", links=[link])]
    doc = _doc_with_entities(nlp, text, ents)
    RelationFinder()(doc)
    # no body in the person's sentence: the one company of the article, with no evidence span
    [employment] = doc._.korex_employment
    assert (employment.person, employment.employer, employment.primary) == (2, 1, True)
    assert employment.evidence is None and employment.source == "article"


# --- the export -----------------------------------------------------------------------------------
def test_the_export_numbers_what_it_reports_and_drops_what_points_at_what_it_left_out(nlp):
    text = "누리소재는 한빛전자를 인수했다. 홍길동 가온랩 대표가 말했다."
    doc = nlp.make_doc(text)
    buyer, target = _entity(doc, 1, "COMPANY", "누리소재"), _entity(doc, 2, "COMPANY", "한빛전자")
    lab = _span(doc, "가온랩")
    # a body only the statistical model found once, and that nothing else needs
    model_only = Entity(4, "COMPANY", (Mention(lab.start_char, lab.end_char, "가온랩", "model", 0.8, "ner.OG", True,
                                               lab.start, lab.end),))
    person = _entity(doc, 3, "PERSON", "홍길동")
    doc._.korex_entities = (buyer, target, person, model_only)
    doc._.korex_employment = (Employment(3, 4, "대표", (17, 33), "model", 0.9, False),)
    at = text.index("인수")
    doc._.korex_deals = (Deal("ACQUISITION", ((1, "acquirer"), (2, "target")), "signed", None, None,
                              (at, at + 2, "인수"), (0, 16), 0.9),)
    record = doc_to_record(doc, id="x")
    assert [(e.id, e.name) for e in record.entities] == [("E1", "누리소재"), ("E2", "한빛전자"), ("E3", "홍길동"),
                                                          ("E4", "가온랩")]
    # the model-only body is kept: a relation needs it; the deal points at E1 and E2
    assert [(r.head, r.tail) for r in record.relations] == [("E3", "E4")]
    assert [(p.entity, p.role) for p in record.deals[0].parties] == [("E1", "acquirer"), ("E2", "target")]
    assert problems(record, text) == []

    # without the relation, the body is dropped and nothing points at it
    doc._.korex_employment = ()
    record = doc_to_record(doc, id="x")
    assert [e.name for e in record.entities] == ["누리소재", "한빛전자", "홍길동"] and record.relations == []


def test_the_contract_check_names_what_is_broken():
    from korex.schema import Document, NamedEntity, PersonEntity, Relation, Span

    doc = Document(entities=[NamedEntity(id="E1", type="COMPANY", name="가", aliases=["가"]),
                             PersonEntity(id="E2", type="PERSON", name="나", aliases=["나"])],
                   relations=[Relation(head="E1", tail="E1", evidence=Span(start=0, end=1))])
    found = problems(doc)
    assert any("head E1 is no person" in p for p in found)
    assert any("head and tail are one entity" in p for p in found)


# --- config and saving ----------------------------------------------------------------------------
def test_a_user_changes_a_threshold_in_config(nlp):
    pipe = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    for name in korex.pipeline.KOREX_COMPONENTS:
        pipe.add_pipe(name, config={"scores": {"cap": 0.6, "repeated_cap": 0.6}} if name == "korex_deals" else {})
    text = "한빛전자와 누리소재는 23일 배터리 합작법인 설립을 위한 양해각서를 체결했다."
    default = korex.Extractor("rules")(text, reference_date="2024-03-05")
    capped = korex.Extractor.to_document(pipe(text))
    assert default.deals and max(d.score for d in default.deals) > 0.6
    assert capped.deals and max(d.score for d in capped.deals) <= 0.6


SAVED_RUN = """
import json, sys
import spacy
from korex.export import doc_to_record
nlp = spacy.load(sys.argv[1])
doc = nlp.make_doc(sys.argv[2])
for _, proc in nlp.pipeline:
    doc = proc(doc)
print(json.dumps([nlp.pipe_names, doc_to_record(doc).model_dump(mode="json")], ensure_ascii=False))
"""
PASSAGE = ("[2014.09.23] 이재용 삼성전자 부회장은 23일 사티아 나델라 마이크로소프트 CEO와 만나 "
           "클라우드 사업 협력을 위한 양해각서를 체결했다고 밝혔다.")


@pytest.mark.parametrize("model", ["rules", None])
def test_a_saved_pipeline_loads_in_a_fresh_process_with_plain_spacy(tmp_path, model):
    if model is None and korex.pipeline.bundled_model_path() is None:
        pytest.skip("models/ko_news_ner is absent")
    extractor = korex.load(model)
    extractor.nlp.to_disk(tmp_path / "pipeline")
    run = subprocess.run([sys.executable, "-c", SAVED_RUN, str(tmp_path / "pipeline"), PASSAGE],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    names, record = json.loads(run.stdout)
    assert names == extractor.nlp.pipe_names
    assert record == extractor(PASSAGE).model_dump(mode="json")
    if model is None:
        assert (tmp_path / "pipeline" / "korex_relations" / "classifier" / "config.cfg").exists()
