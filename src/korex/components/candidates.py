"""Candidate spans: what every finder proposes and the resolver chooses among.

All finders write to ``doc.spans["korex_candidates"]``; each span remembers what found it
(``span._.korex_source``, ``korex_rule``, ``korex_score``) and, for dates and money, the
value the grammar computed, for a person the title pattern (``korex_link``). A candidate,
once added, is never changed.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from korex.extensions import PROVENANCE_TABLE, provenance  # noqa: F401  (provenance: re-exported)
from korex.records import Provenance

CANDIDATES = "korex_candidates"


def add(doc: Doc, start: int, end: int, label: str, *, source: str, score: float, rule: str,
        **attrs) -> Span:
    """Propose tokens ``start:end`` as a ``label`` span; ``attrs`` are the other fields of
    :class:`korex.records.Provenance` (``entry``, ``value``, ``mod``, ``currency``, ``link``)."""
    span = Span(doc, start, end, label=label, span_id=rule)
    table = doc.user_data.setdefault(PROVENANCE_TABLE, {})
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


class ScoredFinder:
    """A finder whose scores live in its config: ``DEFAULT_SCORES`` updated by the factory's
    ``scores``. Its lexicons and matchers are rebuilt on first use, so a pickle carries only
    the scores."""

    DEFAULT_SCORES: dict = {}

    def __init__(self, scores: Optional[dict] = None):
        self.scores = {**self.DEFAULT_SCORES, **(scores or {})}

    def __reduce__(self):
        return (type(self), (self.scores,))
