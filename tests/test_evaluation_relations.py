"""`korex evaluate re`: the employment scorer on KLUE-RE-style records.

The fixture's sentences are made up. Most tests feed the scorer hand-made Documents from a
stub extractor, so they check the scoring, not the rules; one runs the real rules pipeline.
"""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import korex
from korex.cli import app
from korex.evaluation.relations import (
    evaluate_re,
    format_re_report,
    read_employment_pairs,
    spans_match,
)
from korex.schema import Document, Mention, NamedEntity, PersonEntity, Relation, Span

FIXTURE = Path(__file__).parent / "fixtures" / "re_small.jsonl"

T1 = "박민수 한빛전자 전무는 지난 3일 신제품 발표회에서 새 전략을 공개했다."
T2 = "한국물산은 최지영 대표 체제 아래 해외 사업을 넓혀 왔다."
T3 = "정하늘 의원은 미래당 대변인과 함께 기자회견을 열었다."
T4 = "오세진 교수는 누리대학교에서 강연했고, 이 자리에 푸른은행 관계자가 참석했다."


def _m(text, start, end):
    return Mention(start=start, end=end, text=text[start:end], source="rule", score=0.9)


def _ent(text, id, type, start, end, **kw):
    cls = PersonEntity if type == "PERSON" else NamedEntity
    return cls(id=id, type=type, name=text[start:end], mentions=[_m(text, start, end)], **kw)


def _span(text, s):
    i = text.index(s)
    return i, i + len(s)


DOCS = {
    # 박민수 → 한빛전자 by an EMPLOYEE_OF relation.
    T1: Document(
        entities=[_ent(T1, "E1", "PERSON", *_span(T1, "박민수")), _ent(T1, "E2", "COMPANY", *_span(T1, "한빛전자"))],
        relations=[Relation(head="E1", tail="E2", title="전무", evidence=Span(start=0, end=11))],
    ),
    # The person's only mention crosses the gold span "최지영 대표" (starts at "은"): found only
    # under "overlap". Not linked either way.
    T2: Document(entities=[_ent(T2, "E1", "COMPANY", 0, 4), _ent(T2, "E2", "PERSON", 4, 9)]),
    # The party is found as a LOCATION "미래", so the org is not found.
    T3: Document(entities=[_ent(T3, "E1", "PERSON", *_span(T3, "정하늘")),
                           _ent(T3, "E2", "LOCATION", *_span(T3, "미래"))]),
    # 오세진's affiliation is 푸른은행 (wrong: gold says no_relation), not 누리대학교.
    T4: Document(entities=[_ent(T4, "E1", "PERSON", *_span(T4, "오세진"), affiliation="E3"),
                           _ent(T4, "E2", "ORGANIZATION", *_span(T4, "누리대학교")),
                           _ent(T4, "E3", "COMPANY", *_span(T4, "푸른은행"))]),
}


class StubExtractor:
    """Returns the hand-made Documents above and records what it was asked."""

    nlp = None

    def __init__(self):
        self.calls = []

    def pipe(self, texts, *, batch_size=32, n_process=1):
        texts = list(texts)
        self.calls.append((texts, n_process))
        for t in texts:
            yield DOCS[t]


def test_reads_only_per_org_pairs_in_either_order():
    pairs = read_employment_pairs(FIXTURE)
    assert [p.id for p in pairs] == [f"re-test-{i}" for i in range(6)]
    p1 = pairs[1]  # ORG subject, PER object
    assert (p1.person.text, p1.org.text, p1.gold) == ("최지영 대표", "한국물산", True)
    assert [p.gold for p in pairs] == [True, True, True, False, False, False]
    assert len(read_employment_pairs(FIXTURE, limit=2)) == 2


def test_bad_offsets_are_an_error(tmp_path):
    rec = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    rec["subject"]["start"] += 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_employment_pairs(bad)


def test_spans_match_contain_and_overlap():
    text = "가나 다라 마바"
    assert spans_match(text, (0, 2), (0, 5))            # inside
    assert spans_match(text, (0, 6), (0, 5))            # trailing space trimmed: same span
    assert spans_match(text, (2, 5), (3, 5))            # leading space trimmed
    assert not spans_match(text, (1, 4), (3, 8))        # crossing
    assert spans_match(text, (1, 4), (3, 8), "overlap")
    assert not spans_match(text, (2, 3), (0, 8))        # all whitespace matches nothing
    assert not spans_match(text, (0, 2), (3, 5), "overlap")


def test_counts_with_a_stub_extractor():
    stub = StubExtractor()
    s = evaluate_re(FIXTURE, stub, n_process=3)
    # Each distinct text of the PER-ORG pairs once, in order; n_process passed through.
    assert stub.calls == [([T1, T2, T3, T4], 3)]
    assert (s["pairs"], s["positives"], s["negatives"], s["texts"]) == (6, 3, 3, 4)
    e = s["employment"]
    assert (e["tp"], e["fp"], e["fn"], e["tn"]) == (1, 1, 2, 2)
    assert (e["p"], e["r"]) == (0.5, 0.3333)
    assert s["gold_positives"] == {"both_found": 1, "person_only": 1, "org_only": 1, "neither_found": 0,
                                   "recall_upper_bound": 0.3333}
    assert s["false_negatives"] == {"person_not_found": 1, "org_not_found": 1, "neither_found": 0,
                                    "not_linked": 0}
    assert s["missed_as_other_type"] == {"person": {}, "org": {"LOCATION": 1}}
    assert s["false_positives_by_label"] == {"no_relation": 1}
    assert s["recall_by_label"]["per:employee_of"] == {"r": 0.5, "tp": 1, "fn": 1}
    assert s["recall_by_label"]["org:top_members/employees"] == {"r": 0.0, "tp": 0, "fn": 1}
    assert s["by_source"]["wikitree"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1, "pairs": 2}
    assert s["by_source"]["wikipedia"]["fp"] == 1 and s["by_source"]["wikipedia"]["pairs"] == 4
    assert s["seconds"] >= s["first_doc_s"] >= 0 and "texts_per_s" in s and "texts_per_s_after_first" in s
    report = format_re_report(s)
    assert "precision 0.5000" in report and "not linked 0" in report


def test_overlap_rule_credits_the_crossing_mention():
    s = evaluate_re(FIXTURE, StubExtractor(), match="overlap")
    assert s["false_negatives"]["not_linked"] == 1 and s["false_negatives"]["person_not_found"] == 0
    assert s["gold_positives"]["both_found"] == 2
    assert s["employment"]["tp"] == 1


def test_outcomes_are_kept_on_request():
    s = evaluate_re(FIXTURE, StubExtractor(), keep_outcomes=True)
    causes = [o.cause for o in s["outcomes"]]
    assert causes == [None, "person_not_found", "org_not_found", None, None, None]
    assert set(s["documents"]) == {T1, T2, T3, T4}


def test_cli_json(monkeypatch):
    monkeypatch.setattr(korex, "load", lambda model=None, **options: StubExtractor())
    result = CliRunner().invoke(app, ["evaluate", "re", str(FIXTURE), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert s["pairs"] == 3 and s["employment"]["tp"] == 1
    bad = CliRunner().invoke(app, ["evaluate", "re", str(FIXTURE), "--match", "exact"])
    assert bad.exit_code == 2


def test_rules_pipeline_on_an_easy_sentence(tmp_path):
    text = "이재용 삼성전자 부회장은 20일 서울 서초동 사옥에서 기자들과 만났다."
    recs = [
        {"id": "easy-0", "text": text, "label": "per:employee_of", "source": "wikitree",
         "subject": {"text": "이재용", "start": 0, "end": 3, "type": "PER"},
         "object": {"text": "삼성전자", "start": 4, "end": 8, "type": "ORG"}},
        {"id": "easy-1", "text": text, "label": "org:top_members/employees", "source": "wikitree",
         "subject": {"text": "삼성전자", "start": 4, "end": 8, "type": "ORG"},
         "object": {"text": "이재용 삼성전자 부회장", "start": 0, "end": 12, "type": "PER"}},
    ]
    path = tmp_path / "easy.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    s = evaluate_re(path, korex.load("rules"))
    assert s["texts"] == 1
    e = s["employment"]
    assert (e["tp"], e["fp"], e["fn"]) == (2, 0, 0)
