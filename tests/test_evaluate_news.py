"""korex.evaluation.news must score exactly as shared/tools/score_news.py does.

The fixtures are synthetic passages written for these tests. They cover corporate markers and
spacing in names (㈜한빛전자, 미래 화학), aliases (산업부, MS, Satya Nadella), titles that
contain one another (사장 in 대표이사 사장), right and wrong affiliations, deictic day words
that are dropped (이날, 오늘) or kept because gold has them (당일), date texts matched by
containment with right and wrong values and mods, and deals with roles, alt_types, a party
given by name, and a right party set under a wrong type.
"""
import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korex.cli import app
from korex.evaluation.news import (
    align_predictions,
    evaluate_news,
    format_news_report,
    norm,
    read_jsonl,
    score_news,
)
from korex.schema import Document

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "news_gold.jsonl"
PRED = FIXTURES / "news_pred.jsonl"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE = SHARED / "tools" / "score_news.py"

# What the reference scorer gives on the fixtures: pinned so the test still means something
# where ../shared is absent.
EXPECTED = {
    "COMPANY": {"p": 0.6, "r": 0.75, "f1": 0.6667, "tp": 3, "pred": 5, "gold": 4},
    "ORGANIZATION": {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "pred": 2, "gold": 2},
    "PERSON": {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 4, "pred": 4, "gold": 4},
    "DATE": {"p": 0.75, "r": 1.0, "f1": 0.8571, "tp": 6, "pred": 8, "gold": 6},
    "DATE_VALUE": {"p": 0.5, "r": 0.6667, "f1": 0.5714, "tp": 4, "pred": 8, "gold": 6},
    "DEAL": {"p": 0.4, "r": 0.5, "f1": 0.4444, "tp": 2, "pred": 5, "gold": 4},
    "DEAL_PARTIES": {"p": 0.6, "r": 0.75, "f1": 0.6667, "tp": 3, "pred": 5, "gold": 4},
    "title": {"acc": 0.25, "n": 4},
    "affiliation": {"acc": 0.5, "n": 4},
    "date_value": {"acc": 0.6667, "n": 6},
    "deal_status": {"acc": 0.5, "n": 2},
    "deal_date": {"acc": 1.0, "n": 2},
}


@pytest.fixture(scope="module")
def reference():
    """The reference scorer, imported from ../shared."""
    if not REFERENCE.exists():
        pytest.skip("../shared/tools/score_news.py is absent")
    spec = importlib.util.spec_from_file_location("score_news_reference", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_scores(reference, gold_path, pred_path):
    # The reference's main() pairs by id; do the same before calling its score().
    golds, preds = reference.load(gold_path), reference.load(pred_path)
    by_id = {p.get("id"): p for p in preds}
    if all(g["id"] in by_id for g in golds):
        preds = [by_id[g["id"]] for g in golds]
    scores, _ = reference.score(golds, preds)
    return scores


def test_fixtures_score_as_pinned():
    assert evaluate_news(GOLD, pred_path=PRED) == EXPECTED


@pytest.mark.shared
def test_fixtures_score_as_the_reference(reference):
    assert evaluate_news(GOLD, pred_path=PRED) == reference_scores(reference, GOLD, PRED)


@pytest.mark.shared
def test_pinned_numbers_are_the_reference_numbers(reference):
    assert reference_scores(reference, GOLD, PRED) == EXPECTED


def as_prediction(gold: dict, keep) -> dict:
    """A korex document built from a gold record, keeping only what ``keep(i)`` allows: a way to
    get realistic, partly wrong predictions for the shared dev passages."""
    entities, by_name = [], {}

    def add(type_, e, **extra):
        eid = f"E{len(entities) + 1}"
        entities.append({"id": eid, "type": type_, "name": e["name"], "aliases": e.get("aliases", []),
                         "mentions": [], **extra})
        by_name[e["name"]] = eid

    for key, type_ in (("companies", "COMPANY"), ("organizations", "ORGANIZATION")):
        for i, e in enumerate(gold.get(key) or []):
            if keep(i):
                add(type_, e)
    for i, p in enumerate(gold.get("people") or []):
        if keep(i):
            add("PERSON", p, titles=p.get("titles", [])[:1], affiliation=by_name.get(p.get("affiliation")))
    for i, d in enumerate(gold.get("dates") or []):
        if keep(i):
            text = d["text"][-3:]  # a shorter text still matches by containment
            add("DATE", {"name": text}, value=d["value"] if i % 3 else None, mod=d.get("mod"))
            entities[-1]["mentions"] = [{"start": 0, "end": len(text), "text": text, "source": "rule", "score": 1.0}]
    deals = []
    for i, d in enumerate(gold.get("deals") or []):
        parties = [{"entity": by_name[n], "role": "party"} for n in d["parties"] if n in by_name]
        deals.append({"id": f"D{i + 1}", "type": d["type"] if keep(i) else "MERGER", "parties": parties,
                      "status": d["status"], "date": d.get("date") if i % 2 else None})
    return {"id": gold["id"], "entities": entities, "relations": [], "deals": deals}


@pytest.mark.shared
@pytest.mark.parametrize("gold_path", ["data/news/dev.jsonl", "seeds/gold.jsonl"])
def test_shared_gold_scores_as_the_reference(reference, tmp_path, gold_path):
    gold_path = SHARED / gold_path
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    pred_path = tmp_path / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as f:
        for n, gold in enumerate(read_jsonl(gold_path)):
            doc = as_prediction(gold, keep=lambda i, n=n: (i + n) % 4 != 1)
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    ours = evaluate_news(gold_path, pred_path=pred_path)
    assert ours == reference_scores(reference, gold_path, pred_path)
    assert ours["COMPANY"]["tp"] > 0  # the comparison exercised matching, not just zeros


def test_names_are_compared_after_normalisation():
    assert norm("㈜한빛 전자") == norm("한빛전자(주)") == norm("주식회사 한빛전자") == "한빛전자"
    assert norm("“MS”") == norm("ms") == "ms"
    assert norm("Ｓ.Ｋ") == "sk"  # NFKC turns full-width letters into ASCII


def test_predictions_pair_with_gold_by_id_else_by_position():
    golds = [{"id": "a"}, {"id": "b"}]
    assert align_predictions(golds, [{"id": "b", "n": 2}, {"id": "a", "n": 1}]) == [
        {"id": "a", "n": 1}, {"id": "b", "n": 2}]
    assert align_predictions(golds, [{"n": 1}, {"n": 2}]) == [{"n": 1}, {"n": 2}]
    with pytest.raises(ValueError, match="2 gold records but 1 predictions"):
        align_predictions(golds, [{"id": "x"}])


def test_empty_gold_and_prediction_score_zero_not_crash():
    scores = score_news([{"id": "a", "text": ""}], [{"id": "a"}])
    assert scores["COMPANY"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 0}
    assert scores["title"] == {"acc": None, "n": 0}


def test_without_a_prediction_file_the_extractor_runs_on_each_gold_text():
    calls = []

    def extractor(text, *, reference_date=None, id=None, meta=None):
        calls.append((id, reference_date))
        return Document(id=id, reference_date=reference_date)

    scores = evaluate_news(GOLD, extractor=extractor)
    assert calls == [("fx-1", "2014-09-23"), ("fx-2", None), ("fx-3", "2014-09-17")]
    assert scores["COMPANY"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 4}
    assert scores.keys() == EXPECTED.keys()


def test_report_lists_every_score():
    report = format_news_report(EXPECTED)
    for key in EXPECTED:
        assert key in report
    assert "0.4444" in report and "(n=2)" in report


def test_cli_json_output_is_the_score_dict():
    result = CliRunner().invoke(app, ["evaluate", "news", str(GOLD), "--pred", str(PRED), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED


def test_cli_reports_a_prediction_file_that_does_not_fit(tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "other"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "news", str(GOLD), "--pred", str(pred)])
    assert result.exit_code == 1
    assert "3 gold records but 1 predictions" in result.stderr


def test_cli_missing_gold_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", "news", str(tmp_path / "none.jsonl"), "--pred", str(PRED)])
    assert result.exit_code == 2
