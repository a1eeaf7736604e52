"""Training the NER model: a tiny run of the released config (src/korex/configs/ner.cfg),
through the same code path as the released model's."""
from pathlib import Path

import spacy

from korex.evaluation.ner import KlueRecord
from korex.training.ner import DEFAULT_CONFIG, blank_nlp, records_to_docs, train_ner

FIXTURES = Path(__file__).parent / "fixtures"


def _few_steps(tmp_path: Path) -> Path:
    """The released config, with a few steps instead of thousands."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    import re

    for key, value in [("max_steps", 4), ("eval_frequency", 2)]:
        assert re.search(rf"^{key} = \d+$", text, re.M)
        text = re.sub(rf"^{key} = \d+$", f"{key} = {value}", text, flags=re.M)
    path = tmp_path / "ner.cfg"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_released_config_trains_and_saves_a_pipeline_that_loads(tmp_path):
    result = train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "model", config=_few_steps(tmp_path),
                       heldout=2)
    assert result["training"]["history"] and result["alignment"]["train"]["records"] > 0
    assert set(result["heldout"]) >= {"micro_f", "macro_f", "char_macro_f"}
    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == ["ner"]
    assert nlp("누리전자가 3일 발표했다.").text == "누리전자가 3일 발표했다."


def test_extra_records_join_the_training_side(tmp_path):
    extra = [KlueRecord("corpus-1", "도담전자 박서연 대표가 12일 밝혔다.", spans=[(0, 4, "OG"), (5, 8, "PS")],
                        source="corpus")]
    result = train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "model", config=_few_steps(tmp_path),
                       heldout=2, extra=extra)
    plain = train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "plain", config=_few_steps(tmp_path),
                      heldout=2)
    assert result["alignment"]["train"]["records"] == plain["alignment"]["train"]["records"] + 1


def test_a_span_that_ends_inside_a_token_is_left_unknown():
    # 삼성전자 is one Kiwi token: a span of 삼성 alone cannot be a token span, so the token
    # is neither that entity nor outside one
    text = "삼성전자가 3일 서울에서 발표했다."
    record = KlueRecord("x", text, spans=[(0, 2, "OG"), (6, 8, "DT")], source="wikitree")
    [doc], stats = records_to_docs(blank_nlp(), [record])
    assert stats["unaligned"] == 1 and [(e.text, e.label_) for e in doc.ents] == [("3일", "DT")]
    assert doc[0].ent_iob_ == ""  # missing
    assert any(t.ent_iob_ == "O" for t in doc)
