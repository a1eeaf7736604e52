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

from spacy.tokens import Doc, Span

from korex.records import Provenance

PROVENANCE_TABLE = "korex_provenance"


def provenance(span: Span) -> Optional[Provenance]:
    """What found this candidate span (None for a span no finder proposed)."""
    table = span.doc.user_data.get(PROVENANCE_TABLE)
    return None if table is None else table.get((span.start, span.end, span.label_, span.id_))


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
