"""The Extractor: text in, :class:`korex.schema.Document` out.

Data flows one way: text → Kiwi tokens → spaCy Doc → candidate spans (the statistical
``ner``, ``korex_dates``, ``korex_gazetteer``, ``korex_org_rules``, ``korex_people``) → one
resolver (``korex_resolve``) → entities (``korex_entities``) → employment (``korex_relations``)
and deals (``korex_deals``) → the export (:mod:`korex.export`), which chooses the entities the
output reports and numbers them, and the contract's check (:mod:`korex.invariants`). Every
stage after the tokenizer is a spaCy component registered through the ``spacy_factories``
entry point, so ``extractor.nlp`` is a plain ``Language`` that ``nlp.to_disk()`` saves and
``spacy.load()`` loads again, the relation classifier inside it.
"""
from __future__ import annotations

import itertools
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from korex import extensions  # noqa: F401  registers the spaCy attributes
from korex.bundled import bundled_model
from korex.dates import parse_reference_date
from korex.export import doc_to_record
from korex.invariants import check
from korex.schema import Document

DEFAULT_MODEL_NAME = "ko_news_ner"
RELATION_MODEL_NAME = "ko_re_employment"
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
)

# KLUE-NER labels of korex's entity types, for `korex evaluate ner` on a rules-only pipeline.
KLUE_LABEL = {
    "PERSON": "PS", "COMPANY": "OG", "ORGANIZATION": "OG", "LOCATION": "LC",
    "DATE": "DT", "TIME": "TI", "MONEY": "QT", "QUANTITY": "QT",
}


def bundled_model_path() -> Optional[Path]:
    """The trained NER pipeline shipped in models/ (``KOREX_MODEL`` overrides)."""
    return bundled_model(DEFAULT_MODEL_NAME, "KOREX_MODEL")


def bundled_relation_model_path() -> Optional[Path]:
    """The trained employment classifier shipped in models/."""
    return bundled_model(RELATION_MODEL_NAME, None)


def build_nlp(model: Union[str, Path, None] = None, *,
              relation_model: Union[str, Path, bool, None] = None) -> Language:
    """A spaCy pipeline with every korex component.

    ``model``: None for the bundled NER model, ``"rules"`` for none, or the path of a trained
    NER pipeline or of a saved korex pipeline (which has the components already).
    ``relation_model``: None for the bundled employment classifier (none with ``"rules"``),
    False for none, or the path of one (``korex train re``'s output)."""
    if model is None:
        model = bundled_model_path()
        if model is None:
            warnings.warn("korex: no bundled model found; using rules only", stacklevel=3)
            model = RULES_ONLY
    rules_only = str(model) == RULES_ONLY
    if rules_only:
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    else:
        path = Path(model)
        if not path.exists():
            raise FileNotFoundError(f"korex model not found: {path}")
        nlp = spacy.load(path)
    fresh = "korex_relations" not in nlp.pipe_names
    for name in KOREX_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if relation_model is None and fresh and not rules_only:
        relation_model = bundled_relation_model_path() or False
    if relation_model is False:
        nlp.get_pipe("korex_relations").classifier = None
    elif relation_model is not None:
        nlp.get_pipe("korex_relations").load_classifier(relation_model)
    return nlp


class Extractor:
    """Runs korex on texts. Loading is lazy; the object pickles without its pipeline."""

    def __init__(self, model: Union[str, Path, None] = None, *,
                 relation_model: Union[str, Path, bool, None] = None):
        self.model = model
        self.relation_model = relation_model
        self._nlp: Optional[Language] = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = build_nlp(self.model, relation_model=self.relation_model)
        return self._nlp

    def __getstate__(self):
        return {"model": self.model, "relation_model": self.relation_model, "_nlp": None}

    def __call__(self, text: str, *, reference_date=None, id: Optional[str] = None,
                 meta: Optional[Mapping[str, Any]] = None) -> Document:
        doc = self.make_doc(text, reference_date=reference_date)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self.to_document(doc, id=id, meta=meta)

    def make_doc(self, text: str, *, reference_date=None) -> Doc:
        """The tokenised Doc, with the reference date the caller gave (YYYY-MM-DD, a date, or
        None: then the article's date line, if any, is used)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        doc = self.nlp.make_doc(text)
        doc._.korex_reference_date = parse_reference_date(reference_date)
        return doc

    @staticmethod
    def to_document(doc: Doc, *, id=None, meta=None) -> Document:
        """The output document of a processed Doc, checked against the contract."""
        return check(doc_to_record(doc, id=id, meta=meta), doc.text)

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
        own output where the pipeline has one, else korex's entities mapped to KLUE labels."""
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
