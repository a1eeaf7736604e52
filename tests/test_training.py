"""Training the NER model: a tiny run of the same code path as the released model's."""
import json
from pathlib import Path

import pytest
import spacy

from korex.training import pretrain_encoder, train_ner

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG = Path(__file__).parents[1] / "src" / "korex" / "configs" / "ner_pretrained.cfg"


def _small(config_name: str, tmp_path: Path, more: list[tuple[str, str]] = ()) -> Path:
    """A config of src/korex/configs made small: no static vectors, a few steps."""
    text = (CONFIG.parent / config_name).read_text(encoding="utf-8")
    for old, new in [("include_static_vectors = true", "include_static_vectors = false"),
                     ("max_steps = 4800", "max_steps = 4"), ("eval_frequency = 400", "eval_frequency = 2"),
                     *more]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / config_name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def tiny_config(tmp_path) -> Path:
    """The pretraining config, made small: no static vectors, a few steps, one epoch."""
    return _small("ner_pretrained.cfg", tmp_path, [("max_epochs = 3", "max_epochs = 1")])


def test_the_pretrained_encoder_is_what_training_starts_from(tiny_config, tmp_path):
    texts = [json.loads(line)["text"] for line in open(FIXTURES / "klue_ner_sample.jsonl", encoding="utf-8")]
    report = pretrain_encoder(tiny_config, texts, tmp_path / "encoder.bin", epochs=1)
    assert report["texts"] == len(texts) and len(report["epochs"]) == 1

    from spacy.training.initialize import init_nlp
    from spacy.util import load_config

    from korex.training import prepare

    prepare(FIXTURES / "klue_ner_sample.jsonl", tmp_path, heldout=2)
    cfg = load_config(tiny_config, interpolate=False, overrides={
        "paths.init_tok2vec": str(tmp_path / "encoder.bin"),
        "paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "heldout.spacy")})
    nlp = init_nlp(cfg)
    encoder = nlp.get_pipe("ner").model.get_ref("encoder")
    assert encoder.to_bytes() == (tmp_path / "encoder.bin").read_bytes()


def test_train_ner_with_pretraining_saves_a_pipeline_that_loads(tiny_config, tmp_path):
    result = train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "model", config=tiny_config,
                       heldout=2, pretrain_texts=[FIXTURES / "klue_ner_sample.jsonl"])
    assert result["pretraining"]["epochs"]
    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == ["ner"]
    assert nlp("삼성전자가 발표했다.").text == "삼성전자가 발표했다."


def test_character_embeddings_sit_beside_the_hash_embeddings(tmp_path):
    result = train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "model",
                       config=_small("ner_chars.cfg", tmp_path), heldout=2)
    assert result["training"]["history"]
    nlp = spacy.load(tmp_path / "model")
    names = [node.name for node in nlp.get_pipe("ner").model.walk()]
    assert "charembed" in names and any(name.startswith("hashembed") for name in names)
    doc = nlp("누리전자가 3일 발표했다.")
    assert doc.text == "누리전자가 3일 발표했다."


def test_a_span_categoriser_model_gives_its_spans_as_entities(tmp_path):
    train_ner(FIXTURES / "klue_ner_sample.jsonl", tmp_path / "model",
              config=_small("ner_spancat.cfg", tmp_path), heldout=2)
    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == ["spancat", "span_entities"]
    doc = nlp("누리전자 홍길동 대표는 3일 서울에서 발표했다.")
    assert list(doc.ents) == sorted(doc.spans["sc"], key=lambda span: span.start)
    for ent in doc.ents:
        assert doc.text[ent.start_char:ent.end_char] == ent.text


def test_span_entities_keep_the_best_of_overlapping_spans():
    from korex.span_entities import SpanEntities
    from korex.training import blank_nlp

    doc = blank_nlp().make_doc("누리전자 홍길동 대표")
    doc.spans["sc"] = [doc.char_span(0, 4, "OG"), doc.char_span(0, 8, "PS")]
    SpanEntities("span_entities", "sc", None)(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("누리전자 홍길동", "PS")]


MODEL = Path(__file__).parents[1] / "models" / "ko_news_ner"


@pytest.mark.skipif(not (MODEL / "config.cfg").exists(), reason="models/ko_news_ner is absent")
def test_teachers_that_agree_label_a_text_for_the_student():
    from korex.training import distillation_records

    texts = ["누리전자는 3일 서울에서 신제품을 발표했다."]
    [record] = distillation_records([MODEL, MODEL], texts)
    own = [(e.start_char, e.end_char, e.label_) for e in spacy.load(MODEL)(texts[0]).ents]
    assert record.spans == own and record.meta["unsure"] == []


def test_spans_the_teachers_disagree_on_are_left_unknown():
    from korex.evaluation.ner import KlueRecord
    from korex.training import blank_nlp, records_to_docs

    text = "누리전자는 3일 서울에서 발표했다."
    record = KlueRecord("distil-0", text, spans=[(6, 8, "DT")], source="distil",
                        meta={"unsure": [(0, 4), (9, 11)]})
    [doc], _ = records_to_docs(blank_nlp(), [record])
    assert [(e.text, e.label_) for e in doc.ents] == [("3일", "DT")]
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["누리전자"] == "" and iob["서울"] == ""  # missing: neither entity nor outside
    assert iob["발표"] == "O"
