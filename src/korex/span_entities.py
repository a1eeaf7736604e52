"""A span categoriser's spans as ``doc.ents``, for NER models trained with ``spancat``.

korex reads entities from ``doc.ents``. A pipeline whose statistical tagger is a span
categoriser (``spancat_singlelabel``, one label per candidate n-gram, overlaps removed by
score) writes its spans to ``doc.spans[key]``; this component, placed after it, makes them the
document's entities, so both kinds of model drive korex the same way. It also scores
``doc.ents`` like spaCy's ``ner`` does, so training runs of either kind early-stop on the same
``ents_f``.
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans


class SpanEntities:
    def __init__(self, name: str, spans_key: str, scorer: Optional[Callable]):
        self.name = name
        self.spans_key = spans_key
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans[self.spans_key] if self.spans_key in doc.spans else []
        # The categoriser already drops overlaps; filter_spans keeps this safe for one that
        # is configured to allow them (longest span first).
        doc.ents = filter_spans(spans)
        return doc

    def score(self, examples, **kwargs):
        return self.scorer(examples, **kwargs) if self.scorer else {}


@Language.factory(
    "korex_span_entities",
    default_config={"spans_key": "sc", "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
)
def make_span_entities(nlp: Language, name: str, spans_key: str, scorer: Optional[Callable]) -> SpanEntities:
    return SpanEntities(name, spans_key, scorer)
