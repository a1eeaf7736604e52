from pathlib import Path

import pytest

from korex.evaluation.ner import LABELS, KlueRecord, bio_to_spans, format_report, read_klue, score_ner

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
KLUE = SHARED / "data" / "klue"


def test_tsv_and_jsonl_fixtures_agree():
    tsv = read_klue(FIXTURES / "klue_ner_sample.tsv")
    jsonl = read_klue(FIXTURES / "klue_ner_sample.jsonl")
    assert len(tsv) == len(jsonl) == 4
    for a, b in zip(tsv, jsonl):
        assert (a.id, a.text, a.spans, a.source) == (b.id, b.text, b.spans, b.source)
    first = tsv[0]
    assert first.text.startswith("검찰은 지난 3일")
    assert first.spans[0] == (0, 2, "OG")
    assert first.text[39:40] == "홍"
    assert [r.source for r in tsv] == ["wikitree", "wikitree", "nsmc", "nsmc"]


def test_train_style_ids_and_clean_flag(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text(
        '{"id": "klue-ner-v1_train_00000_wikitree", "text": "서울 간다", "entities": [[0, 2, "LC"]], "clean": false}\n',
        encoding="utf-8",
    )
    (rec,) = read_klue(p)
    assert rec.source == "wikitree" and rec.clean is False and rec.spans == [(0, 2, "LC")]


def test_bio_to_spans_is_strict():
    assert bio_to_spans(["B-PS", "I-PS", "O", "B-LC", "B-LC", "I-OG"]) == [
        (0, 2, "PS"),
        (3, 4, "LC"),
        (4, 5, "LC"),
    ]


def test_perfect_and_empty_predictions():
    golds = read_klue(FIXTURES / "klue_ner_sample.jsonl")
    perfect = score_ner(golds, [g.spans for g in golds])
    assert perfect["micro_f"] == 1.0 and perfect["char_macro_f"] == 1.0
    assert set(perfect["by_source"]) == {"wikitree", "nsmc"}
    empty = score_ner(golds, [[] for _ in golds])
    assert empty["micro_f"] == 0.0
    assert empty["micro"]["gold"] == sum(len(g.spans) for g in golds)
    assert "micro" in format_report(perfect)


def test_whitespace_is_ignored_and_labels_matter():
    gold = [KlueRecord("x-wikitree", "삼성 전자 LG", [(0, 5, "OG"), (6, 8, "OG")], "wikitree")]
    # A trailing space on the first span covers the same visible characters: still exact.
    s = score_ner(gold, [[(0, 6, "OG"), (6, 8, "PS")]])
    assert s["per_label"]["OG"]["tp"] == 1
    assert s["per_label"]["OG"]["r"] == 0.5
    assert s["per_label"]["PS"]["p"] == 0.0
    assert s["micro"]["p"] == 0.5 and s["micro"]["r"] == 0.5
    # Off by one character is a miss at entity level but mostly right at character level.
    t = score_ner(gold, [[(0, 4, "OG"), (6, 8, "OG")]])
    assert t["micro_f"] == 0.5
    assert 0.5 < t["char_macro_f"] < 1.0


def test_macro_is_mean_over_labels_seen_like_seqeval():
    gold = [KlueRecord("x-nsmc", "서울 김철수", [(0, 2, "LC"), (3, 6, "PS")], "nsmc")]
    s = score_ner(gold, [[(0, 2, "LC"), (3, 6, "OG")]])
    assert s["per_label"]["LC"]["f"] == 1.0
    # LC 1, PS 0 (missed), OG 0 (spurious); DT, TI, QT occur nowhere and do not count.
    assert s["macro_f"] == pytest.approx(1 / 3)
    assert len(LABELS) == 6


@pytest.mark.shared
@pytest.mark.skipif(not KLUE.joinpath("ner-dev.tsv").exists(), reason="../shared/data/klue is absent")
def test_official_dev_tsv_matches_jsonl():
    tsv = read_klue(KLUE / "ner-dev.tsv")
    jsonl = read_klue(KLUE / "ner-dev.jsonl")
    assert len(tsv) == len(jsonl) == 5000
    for a, b in zip(tsv, jsonl):
        assert (a.id, a.text, a.spans, a.source) == (b.id, b.text, b.spans, b.source)
