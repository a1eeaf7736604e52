"""What every output document must satisfy, checked on every document korex returns.

The checks are cheap (one pass over the records) and stay on in production: a broken
document is an error that names the rule it breaks, never silent output.
"""
from __future__ import annotations

import math
from typing import Optional

from korex.schema import Document

ORG_TYPES = ("COMPANY", "ORGANIZATION")
# what each deal party's role may be
ROLES = {
    "ACQUISITION": {"acquirer", "target", "seller", "party"},
    "INVESTMENT": {"investor", "investee", "seller", "party"},
    "CONTRACT": {"buyer", "seller", "party"},
}


class InvariantError(ValueError):
    """A document breaks the output contract (a bug in korex, not in the input)."""


def problems(doc: Document, text: Optional[str] = None) -> list[str]:
    """The ways ``doc`` breaks the contract; empty when it keeps it. With ``text`` (the input),
    every mention, trigger and evidence span is checked against it."""
    out: list[str] = []
    by_id = {}
    for e in doc.entities:
        if e.id in by_id:
            out.append(f"entity id {e.id} given twice")
        by_id[e.id] = e
        if not e.mentions:
            out.append(f"{e.id} has no mention")
        for m in e.mentions:
            if not 0 <= m.start < m.end or (text is not None and (m.end > len(text) or text[m.start:m.end] != m.text)):
                out.append(f"{e.id}: mention {m.text!r} at {m.start}:{m.end} is not the input's text there")
        if e.type == "PERSON" and e.affiliation is not None:
            employer = by_id.get(e.affiliation) or next((x for x in doc.entities if x.id == e.affiliation), None)
            if employer is None or employer.type not in ORG_TYPES:
                out.append(f"{e.id}: affiliation {e.affiliation} is no company or organization")
        if e.type == "MONEY" and isinstance(e.value, float) and not math.isfinite(e.value):
            out.append(f"{e.id}: amount {e.value} is not a finite number")
    for r in doc.relations:
        head, tail = by_id.get(r.head), by_id.get(r.tail)
        if head is None or head.type != "PERSON":
            out.append(f"relation head {r.head} is no person")
        if tail is None or tail.type not in ORG_TYPES:
            out.append(f"relation tail {r.tail} is no company or organization")
        if r.head == r.tail:
            out.append(f"relation {r.head} -> {r.tail}: head and tail are one entity")
        out += _span_problems(f"relation {r.head}->{r.tail} evidence", r.evidence, text)
    deal_ids = set()
    for d in doc.deals:
        if d.id in deal_ids:
            out.append(f"deal id {d.id} given twice")
        deal_ids.add(d.id)
        parties = [p.entity for p in d.parties]
        if len(set(parties)) < 2 or len(set(parties)) != len(parties):
            out.append(f"{d.id}: parties {parties} (two or more, distinct)")
        for p in d.parties:
            e = by_id.get(p.entity)
            if e is None or e.type not in ORG_TYPES:
                out.append(f"{d.id}: party {p.entity} is no company or organization")
            if p.role not in ROLES.get(d.type, {"party"}):
                out.append(f"{d.id}: role {p.role} in a {d.type}")
        if d.date_entity is not None:
            date = by_id.get(d.date_entity)
            if date is None or date.type != "DATE" or date.value != d.date:
                out.append(f"{d.id}: date_entity {d.date_entity} is no DATE of value {d.date}")
        elif d.date is not None:
            out.append(f"{d.id}: a date without its date_entity")
        out += _span_problems(f"{d.id} trigger", d.trigger, text)
        out += _span_problems(f"{d.id} evidence", d.evidence, text)
        if text is not None and text[d.trigger.start:d.trigger.end] != d.trigger.text:
            out.append(f"{d.id}: trigger {d.trigger.text!r} is not the input's text there")
    return out


def _span_problems(what: str, span, text: Optional[str]) -> list[str]:
    if span.start < 0 or span.end < span.start or (text is not None and span.end > len(text)):
        return [f"{what} {span.start}:{span.end} lies outside the input"]
    return []


def check(doc: Document, text: Optional[str] = None) -> Document:
    """``doc`` when it keeps the contract; else :class:`InvariantError` naming every breach."""
    found = problems(doc, text)
    if found:
        raise InvariantError(f"document {doc.id or ''} breaks the output contract: " + "; ".join(found))
    return doc
