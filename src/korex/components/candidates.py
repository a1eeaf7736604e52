"""Candidate spans: what every finder proposes and the resolver chooses among.

All finders write to ``doc.spans["korex_candidates"]``; each span remembers what found it
(``span._.korex_source``, ``korex_rule``, ``korex_score``) and, for dates and money, the
value the grammar computed.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from korex import extensions  # noqa: F401  registers the attributes

CANDIDATES = "korex_candidates"


def add(doc: Doc, start: int, end: int, label: str, *, source: str, score: float, rule: str,
        **attrs) -> Span:
    span = Span(doc, start, end, label=label, span_id=rule)
    span._.korex_source = source
    span._.korex_score = score
    span._.korex_rule = rule
    for key, value in attrs.items():
        setattr(span._, f"korex_{key}", value)
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
