"""Small spaCy text classifiers over word lists that korex builds itself.

korex's decision models (who works where, is this a deal and of what kind, who is what in it)
are spaCy ``textcat`` pipelines whose input is not a sentence but a list of words korex
builds: the words around a span, with marker words for what matters (⟦PER⟧, ⟦ORG⟧, ⟦T⟧ …).
Built from token offsets alone, the input is the same at training time and at run time.
A bag of n-grams over such words is a linear model on hashed features: small, fast, and
saved and loaded with spaCy.
"""
from __future__ import annotations

from typing import Sequence

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc


def words_doc(vocab, words: list[str]) -> Doc:
    return Doc(vocab, words=words, spaces=[True] * len(words))


def blank() -> Language:
    """A pipeline for such classifiers: no tokenizer of note, words come in as lists."""
    return spacy.blank("xx")


def predict(nlp: Language, inputs: Sequence[list[str]], batch_size: int = 512) -> numpy.ndarray:
    """Class probabilities, one row per input (columns in ``labels(nlp)`` order)."""
    textcat = nlp.get_pipe("textcat")
    if not inputs:
        return numpy.zeros((0, len(textcat.labels)), dtype="float32")
    rows = []
    for i in range(0, len(inputs), batch_size):
        docs = [words_doc(nlp.vocab, w) for w in inputs[i:i + batch_size]]
        rows.append(textcat.model.ops.to_numpy(textcat.model.predict(docs)))
    return numpy.concatenate(rows)


def labels(nlp: Language) -> tuple[str, ...]:
    return tuple(nlp.get_pipe("textcat").labels)


def bow_config(ngram_size: int = 2, length: int = 131072) -> dict:
    """A textcat of one bag of n-grams, exclusive classes."""
    return {"threshold": 0.5, "model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                                        "ngram_size": ngram_size, "no_output_layer": False, "length": length,
                                        "nO": None}}
