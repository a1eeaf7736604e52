"""The Extractor: text in, :class:`korex.schema.Document` out.

Data flows one way: text → Kiwi tokens → spaCy Doc → candidate spans (model, dictionaries,
grammars) → one resolver → entities → relations and deals → pydantic records. Every stage
after the tokenizer is a spaCy component, so ``extractor.nlp`` is a plain ``Language``.
"""
from __future__ import annotations

import datetime as dt
import itertools
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from korex import extensions  # noqa: F401  registers the spaCy attributes
from korex.bundled import bundled_model
from korex.schema import Document

DEFAULT_MODEL_NAME = "ko_news_ner"
RULES_ONLY = "rules"

# The rule components, in order; the statistical ``ner`` (when the model has one) runs first.
KOREX_COMPONENTS = (
    "korex_dates",
    "korex_gazetteer",
    "korex_org_rules",
    "korex_people",
    "korex_resolve",
    "korex_entities",
    "korex_relations",
    "korex_deals",
    "korex_select",
)

# KLUE-NER labels of korex's entity types, for `korex evaluate ner` on a rules-only pipeline.
KLUE_LABEL = {
    "PERSON": "PS", "COMPANY": "OG", "ORGANIZATION": "OG", "LOCATION": "LC",
    "DATE": "DT", "TIME": "TI", "MONEY": "QT", "QUANTITY": "QT",
}


def bundled_model_path() -> Optional[Path]:
    """The trained pipeline shipped in models/ (``KOREX_MODEL`` overrides)."""
    return bundled_model(DEFAULT_MODEL_NAME, "KOREX_MODEL")


def build_nlp(model: Union[str, Path, None] = None) -> Language:
    """A spaCy pipeline: the trained model (or a blank Kiwi pipeline) plus korex's components."""
    from korex import components  # noqa: F401  registers the factories

    if model is None:
        model = bundled_model_path()
        if model is None:
            warnings.warn("korex: no bundled model found; using rules only", stacklevel=3)
            model = RULES_ONLY
    if str(model) == RULES_ONLY:
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    else:
        path = Path(model)
        if not path.exists():
            raise FileNotFoundError(f"korex model not found: {path}")
        nlp = spacy.load(path)
    for name in KOREX_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def _parse_date(value: Union[str, dt.date, None], what: str = "reference_date") -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{what} must be YYYY-MM-DD, got {value!r}") from None


class Extractor:
    """Runs korex on texts. Loading is lazy; the object pickles without its pipeline."""

    def __init__(self, model: Union[str, Path, None] = None):
        self.model = model
        self._nlp: Optional[Language] = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = build_nlp(self.model)
        return self._nlp

    def __getstate__(self):
        return {"model": self.model, "_nlp": None}

    def __call__(self, text: str, *, reference_date=None, id: Optional[str] = None,
                 meta: Optional[Mapping[str, Any]] = None) -> Document:
        doc = self.make_doc(text, reference_date=reference_date)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self.to_document(doc, id=id, meta=meta)

    def make_doc(self, text: str, *, reference_date=None) -> Doc:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        doc = self.nlp.make_doc(text)
        ref = _parse_date(reference_date)
        doc._.korex_reference_date_given = ref is not None
        if ref is None:
            from korex.dates import find_reference_date

            ref = find_reference_date(text)
        doc._.korex_reference_date = ref
        return doc

    def to_document(self, doc: Doc, *, id=None, meta=None) -> Document:
        from korex.export import doc_to_record

        return doc_to_record(doc, id=id, meta=meta)

    def pipe(self, items: Iterable[Union[str, Mapping[str, Any]]], *, batch_size: int = 32,
             n_process: int = 1) -> Iterator[Document]:
        """Documents for texts or records (``{"text", "id", "reference_date", ...}``), lazily,
        in input order. With ``n_process > 1`` batches go to a process pool."""
        if n_process == 1:
            for item in items:
                yield self._one(item)
            return
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self,)) as pool:
            chunks = _batched(items, batch_size)
            for docs in pool.imap(_work, chunks):
                yield from docs

    def _one(self, item) -> Document:
        if isinstance(item, str):
            return self(item)
        rec = dict(item)
        text = rec.pop("text")
        id_ = rec.pop("id", None)
        ref = rec.pop("reference_date", None)
        return self(text, reference_date=ref, id=None if id_ is None else str(id_), meta=rec or None)

    def ner_spans(self, texts: Iterable[str]) -> Iterator[list[tuple[int, int, str]]]:
        """KLUE-labelled spans (PS, LC, OG, DT, TI, QT) per text: the statistical model's
        own output where the pipeline has one (``ner``, or ``spancat`` whose spans
        ``korex_span_entities`` makes entities), else korex's entities mapped to KLUE labels."""
        nlp = self.nlp
        model = [name for name in nlp.pipe_names if name not in KOREX_COMPONENTS]
        if model:
            with nlp.select_pipes(enable=model):
                for doc in nlp.pipe(texts):
                    yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            return
        for text in texts:
            record = self(text)
            yield [(m.start, m.end, KLUE_LABEL[e.type]) for e in record.entities
                   for m in e.mentions if e.type in KLUE_LABEL]


_WORKER: Optional[Extractor] = None


def _init_worker(extractor: Extractor) -> None:
    global _WORKER
    _WORKER = extractor


def _work(batch):
    return [_WORKER._one(item) for item in batch]


def _batched(items, n):
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk
