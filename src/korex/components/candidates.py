"""Candidate spans: what every finder proposes and the resolver chooses among.

All finders write to ``doc.spans["korex_candidates"]``; each span remembers what found it
(``span._.korex_source``, ``korex_rule``, ``korex_score``) and, for dates and money, the
value the grammar computed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from spacy.tokens import Doc, Span

from korex import extensions  # noqa: F401  registers the attributes

CANDIDATES = "korex_candidates"
_TABLE = "korex_provenance"


@dataclass
class Provenance:
    """What found a candidate span, and what it found out about it."""

    source: str               # model, rule, dictionary, coref
    score: float
    rule: str                 # rule or lexicon id, also the span's id_
    entry: Optional[str] = None     # lexicon entry (canonical name) of a dictionary match
    value: Any = None               # DATE: ISO value; MONEY: number
    mod: Optional[str] = None       # DATE: START / MID / END
    currency: Optional[str] = None  # MONEY: ISO 4217
    info: Any = None                # PERSON: korex.components.people.PersonLink


def provenance(span: Span) -> Optional[Provenance]:
    table = span.doc.user_data.get(_TABLE)
    return None if table is None else table.get((span.start, span.end, span.label_, span.id_))


def add(doc: Doc, start: int, end: int, label: str, *, source: str, score: float, rule: str,
        **attrs) -> Span:
    span = Span(doc, start, end, label=label, span_id=rule)
    table = doc.user_data.setdefault(_TABLE, {})
    table[(start, end, label, rule)] = Provenance(source=source, score=score, rule=rule, **attrs)
    if CANDIDATES not in doc.spans:
        doc.spans[CANDIDATES] = []
    doc.spans[CANDIDATES].append(span)
    return span


def of(doc: Doc, *labels: str) -> list[Span]:
    spans = list(doc.spans[CANDIDATES]) if CANDIDATES in doc.spans else []
    return [s for s in spans if not labels or s.label_ in labels]


def char_span(doc: Doc, start: int, end: int):
    """The token span of a character range: exact when it falls on token boundaries,
    else the smallest span that covers it."""
    return doc.char_span(start, end) or doc.char_span(start, end, alignment_mode="expand")
