"""Training the NER model: a tiny run of the same code path as the released model's."""
import json
from pathlib import Path

import pytest
import spacy

from korex.training import pretrain_encoder, train_ner

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG = Path(__file__).parents[1] / "src" / "korex" / "configs" / "ner_pretrained.cfg"


@pytest.fixture()
def tiny_config(tmp_path) -> Path:
    """The pretraining config, made small: no static vectors, a few steps."""
    text = CONFIG.read_text(encoding="utf-8")
    for old, new in [("include_static_vectors = true", "include_static_vectors = false"),
                     ("max_steps = 4800", "max_steps = 4"), ("eval_frequency = 400", "eval_frequency = 2"),
                     ("max_epochs = 3", "max_epochs = 1")]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "tiny.cfg"
    path.write_text(text, encoding="utf-8")
    return path


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
