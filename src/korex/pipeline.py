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

import functools
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from korex import extensions  # noqa: F401  registers the spaCy attributes
from korex.extensions import doc_text, reference_date as reference_date_of
from korex.bundled import bundled_model
from korex.dates import parse_reference_date
from korex.export import doc_to_record
from korex.invariants import check
from korex.parallel import batched, ordered_map
from korex.schema import Document
from korex.sections import SECTION_CHARS, merge, split

DEFAULT_MODEL_NAME = "ko_news_ner"
RELATION_MODEL_NAME = "ko_re_employment"
DEAL_MODEL_NAME = "ko_news_deals"
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


class ModelNotFound(FileNotFoundError):
    """A trained model korex was asked to use is not there; the message says how to get it."""


def bundled_deal_model_path() -> Optional[Path]:
    """The trained deal model shipped in models/."""
    return bundled_model(DEAL_MODEL_NAME, None, marker="deal_model.json")


def build_nlp(model: Union[str, Path, None] = None, *,
              relation_model: Union[str, Path, bool, None] = None,
              deal_model: Union[str, Path, bool, None] = None) -> Language:
    """A spaCy pipeline with every korex component.

    ``model``: None for the bundled NER model, ``"rules"`` for none, or the path of a trained
    NER pipeline or of a saved korex pipeline (which has the components already).
    ``relation_model``: None for the bundled employment classifier (none with ``"rules"``),
    False for none, or the path of one (``korex train re``'s output); ``deal_model`` the same
    for the deal model (``korex train deals``); without one, deals come from the rules alone."""
    if model is None:
        model = bundled_model_path()
        if model is None:
            raise ModelNotFound(
                f"korex's NER model ({DEFAULT_MODEL_NAME}) is not installed with this korex. Install korex from its "
                "repository (pip install -e .) or from a wheel built there, which carry models/; or point "
                "KOREX_MODEL at a model directory; or ask for the rules alone: korex.load('rules'), --model rules.")
    rules_only = str(model) == RULES_ONLY
    if rules_only:
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    else:
        path = Path(model)
        if not path.exists():
            raise ModelNotFound(f"korex model not found: {path}")
        nlp = spacy.load(path)
    fresh = "korex_relations" not in nlp.pipe_names
    for name in KOREX_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if relation_model is None and fresh and not rules_only:
        relation_model = bundled_relation_model_path()
        if relation_model is None:
            raise ModelNotFound(
                f"korex's employment classifier ({RELATION_MODEL_NAME}) is not installed with this korex. Install "
                "korex with its models (see above), pass relation_model=PATH (--relation-model PATH), or run "
                "without it: relation_model=False (--relation-model none).")
    if relation_model is False:
        nlp.get_pipe("korex_relations").classifier = None
    elif relation_model is not None:
        nlp.get_pipe("korex_relations").load_classifier(relation_model)
    if deal_model is None and fresh and not rules_only:
        deal_model = bundled_deal_model_path() or False
    if deal_model is False:
        nlp.get_pipe("korex_deals").model = None
    elif deal_model is not None:
        nlp.get_pipe("korex_deals").load_model(deal_model)
    return nlp


class Extractor:
    """Runs korex on texts. Loading is lazy; the object pickles without its pipeline.

    A text longer than ``section_chars`` is read in sections (:mod:`korex.sections`), so that
    time and memory grow with its length and no faster."""

    def __init__(self, model: Union[str, Path, None] = None, *,
                 relation_model: Union[str, Path, bool, None] = None,
                 deal_model: Union[str, Path, bool, None] = None,
                 section_chars: int = SECTION_CHARS):
        self.model = model
        self.relation_model = relation_model
        self.deal_model = deal_model
        self.section_chars = section_chars
        self._nlp: Optional[Language] = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = build_nlp(self.model, relation_model=self.relation_model, deal_model=self.deal_model)
        return self._nlp

    def unloaded(self) -> "Extractor":
        """A copy with the same settings and no pipeline yet: what goes to another process,
        which then loads its own."""
        return Extractor(self.model, relation_model=self.relation_model, deal_model=self.deal_model,
                         section_chars=self.section_chars)

    def __getstate__(self):
        return {"model": self.model, "relation_model": self.relation_model, "deal_model": self.deal_model,
                "section_chars": self.section_chars, "_nlp": None}

    def __call__(self, text: str, *, reference_date=None, id: Optional[str] = None,
                 meta: Optional[Mapping[str, Any]] = None) -> Document:
        if isinstance(text, str) and len(text) > self.section_chars:
            return self._sectioned(text, reference_date=reference_date, id=id, meta=meta)
        doc = self.make_doc(text, reference_date=reference_date)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return self.to_document(doc, id=id, meta=meta)

    def _sectioned(self, text: str, *, reference_date, id, meta) -> Document:
        """A long text a section at a time, the sections' records merged. The reference date
        is fixed once: the caller's, or the date line at the top of the first section."""
        spans = split(text, self.section_chars)
        parts = []
        ref = parse_reference_date(reference_date)
        for n, (start, end) in enumerate(spans):
            doc = self.make_doc(text[start:end], reference_date=ref)
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            if n == 0:
                ref = reference_date_of(doc)
            parts.append((start, doc_to_record(doc)))
        return check(merge(parts, id=id, reference_date=ref.isoformat() if ref else None, meta=meta), text)

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
        return check(doc_to_record(doc, id=id, meta=meta), doc_text(doc))

    def pipe(self, items: Iterable[Union[str, Mapping[str, Any]]], *, batch_size: int = 32,
             n_process: int = 1) -> Iterator[Document]:
        """Documents for texts or records (``{"text", "id", "reference_date", ...}``), lazily,
        in input order, ``batch_size`` at a time through the pipeline (the statistical model
        takes each batch at once). With ``n_process > 1`` the batches go to worker processes
        (:mod:`korex.parallel`), each loading its own pipeline. A record without a string
        ``text`` raises ValueError naming it; so does the first document that fails."""
        if n_process > 1:
            results: Iterable = ordered_map(functools.partial(_fresh, self), _extract_batch, items,
                                            batch_size=batch_size, n_process=n_process)
        else:
            results = (r for batch in batched(items, batch_size) for r in self.extract_batch(batch))
        for result in results:
            if isinstance(result, Exception):
                raise result
            yield result

    def extract_batch(self, items: list) -> list[Union[Document, Exception]]:
        """A Document for each text or record of ``items``, or the exception its extraction
        raised: one document's failure never loses the others'."""
        prepared: list = []
        for n, item in enumerate(items):
            try:
                text, kwargs = _as_call(item, n)
                if len(text) > self.section_chars:
                    prepared.append(self(text, **kwargs))  # sectioned: a Document already
                    continue
                prepared.append((self.make_doc(text, reference_date=kwargs.pop("reference_date")), kwargs))
            except Exception as e:  # a record without text, a bad reference date, a lone surrogate
                prepared.append(e)
        docs = [p[0] for p in prepared if isinstance(p, tuple)]
        try:
            processed = iter(list(self.nlp.pipe(docs, batch_size=max(1, len(docs)))))
        except Exception:
            processed = None  # one document broke the batch: take them one by one to find it
        out: list = []
        for p in prepared:
            if not isinstance(p, tuple):  # an error, or a sectioned text's Document
                out.append(p)
                continue
            doc, kwargs = p
            try:
                if processed is None:
                    for _, proc in self.nlp.pipeline:
                        doc = proc(doc)
                else:
                    doc = next(processed)
                out.append(self.to_document(doc, **kwargs))
            except Exception as e:
                out.append(e)
        return out

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


def _as_call(item, n: int) -> tuple[str, dict]:
    """(text, keyword arguments of :meth:`Extractor.__call__`) of a text or a record."""
    if isinstance(item, str):
        return item, {"reference_date": None}
    if not isinstance(item, Mapping):
        raise TypeError(f"item {n}: expected a text or a record (a mapping with 'text'), got {type(item).__name__}")
    rec = dict(item)
    text = rec.pop("text", None)
    id_ = rec.pop("id", None)
    if not isinstance(text, str):
        what = "no 'text' field" if text is None else f"'text' is {type(text).__name__}, not str"
        raise ValueError(f"record {id_ if id_ is not None else n}: {what}")
    ref = rec.pop("reference_date", None)
    return text, {"reference_date": ref, "id": None if id_ is None else str(id_), "meta": rec or None}


def _fresh(extractor: Extractor) -> Extractor:
    return extractor.unloaded()


def _extract_batch(extractor: Extractor, batch: list) -> list:
    return extractor.extract_batch(batch)
