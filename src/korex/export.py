"""From a processed spaCy Doc to the pydantic records of the output contract."""
from __future__ import annotations

from spacy.tokens import Doc

from korex import schema


def _mention(m) -> schema.Mention:
    return schema.Mention(start=m.start, end=m.end, text=m.text, source=m.source,
                          score=round(min(1.0, max(0.0, m.score)), 4), rule=m.rule)


def _entity(e):
    common = dict(id=e.id, name=e.name, aliases=e.aliases,
                  mentions=[_mention(m) for m in sorted(e.mentions, key=lambda m: m.start)])
    if e.type == "PERSON":
        return schema.PersonEntity(type="PERSON", titles=e.titles,
                                   affiliation=e.affiliation.id if e.affiliation else None, **common)
    if e.type in ("DATE", "TIME"):
        return schema.DateEntity(type=e.type, value=e.value, mod=e.mod, **common)
    if e.type == "MONEY":
        return schema.MoneyEntity(type="MONEY", value=e.value, currency=e.currency, **common)
    return schema.NamedEntity(type=e.type, **common)


def doc_to_record(doc: Doc, *, id=None, meta=None) -> schema.Document:
    ref = doc._.korex_reference_date
    entities = doc._.korex_entities or []
    relations = [
        schema.Relation(head=r.person.id, tail=r.employer.id, title=r.title,
                        evidence=schema.Span(start=r.evidence[0], end=r.evidence[1]))
        for r in doc._.korex_relations or []
    ]
    deals = [d.to_record() for d in doc._.korex_deals or []]
    return schema.Document(
        id=id,
        reference_date=ref.isoformat() if ref else None,
        entities=[_entity(e) for e in entities],
        relations=relations,
        deals=deals,
        meta=dict(meta) if meta else None,
    )
