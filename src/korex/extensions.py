"""The custom attributes korex keeps on spaCy objects, registered once on import.

Doc attributes, each written by one component:

- ``korex_reference_date`` (the caller: the day relative dates resolve against, or None)
- ``korex_dateline`` (``korex_dates``: the date line at the top of an article, when there is one)
- ``korex_entities``, ``korex_employment``, ``korex_deals`` (``korex_entities``,
  ``korex_relations``, ``korex_deals``): tuples of :mod:`korex.records`

A candidate span's provenance lives in a table on its Doc (``doc.user_data``), read through
the span getters below (``span._.korex_source``, ``korex_rule``, ``korex_score``, …): spaCy
keys span attributes by offsets alone, so two finders proposing the same characters would
overwrite each other's provenance.
"""
from __future__ import annotations

from typing import Optional

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from korex.records import Provenance

PROVENANCE_TABLE = "korex_provenance"


def provenance(span: Span) -> Optional[Provenance]:
    """What found this candidate span (None for a span no finder proposed)."""
    table = span.doc.user_data.get(PROVENANCE_TABLE)
    return None if table is None else table.get((span.start, span.end, span.label_, span.id_))


SENTENCES = "korex_sentence_bounds"
TEXT = "korex_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept on the Doc by korex's tokenizer: spaCy's Doc.text joins every token
    anew at each access, and every component needs the text."""
    text = doc.user_data.get(TEXT)
    if text is None or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws)):
        text = doc.user_data[TEXT] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, their bounds read once from its arrays and kept on the Doc:
    ``doc.sents`` walks every token each time it is asked, and several components ask."""
    bounds = doc.user_data.get(SENTENCES)
    if bounds is None or (bounds and bounds[-1][1] != len(doc)):
        starts = [i for i, flag in enumerate(doc.to_array([SENT_START]).tolist()) if flag == 1] or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        bounds = doc.user_data[SENTENCES] = tuple(zip(starts, starts[1:] + [len(doc)])) if len(doc) else ()
    return [doc[s:e] for s, e in bounds]


def reference_date(doc: Doc):
    """The day the document's relative dates resolve against: the one the caller gave, else
    the article's date line."""
    return doc._.korex_reference_date or doc._.korex_dateline


def _getter(name: str):
    def get(span):
        info = provenance(span)
        return None if info is None else getattr(info, name)

    return get


def register() -> None:
    for name in ("korex_reference_date", "korex_dateline", "korex_entities", "korex_employment", "korex_deals"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("source", "score", "rule", "value", "mod", "currency", "entry", "link"):
        attr = f"korex_{name}"
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_getter(name))


register()
