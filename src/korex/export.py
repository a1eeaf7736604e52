"""From a processed spaCy Doc to the pydantic records of the output contract: the one place
where the output's entities are chosen and numbered.

Selection: the statistical ner proposes names no lexicon or rule knows; about a third of the
organisations it proposes once in a passage, with nothing around them, are names of bodies
(the rest are brands, acronyms, facilities), and its lone persons are as often places and
companies. A model-only organisation is reported when the text gives it a part, as a deal
party or a person's employer, or names it more than once; a model-only person when it has a
title or an employer. A person named only in a photo caption is not in the story. What an
entity left out was part of goes with it: its relations, and any deal that would be left
with fewer than two parties or without its date or amount.

Ids: entities are numbered ``E1``, ``E2``, … in text order and deals ``D1``, … in the
order found, after the selection, so that every id the output holds points at an entity
it reports. :func:`korex.invariants.problems` checks that on every document.
"""
from __future__ import annotations

from functools import cache
from typing import Optional

from spacy.tokens import Doc

from korex import lexicons, schema
from korex.extensions import doc_text, reference_date
from korex.records import Deal, Employment, Entity

ORG_TYPES = ("COMPANY", "ORGANIZATION")


def doc_to_record(doc: Doc, *, id: Optional[str] = None, meta=None) -> schema.Document:
    """The output document of a Doc that went through korex's pipeline."""
    entities = list(doc._.korex_entities or ())
    employment = list(doc._.korex_employment or ())
    deals = list(doc._.korex_deals or ())
    kept = select(doc, entities, employment, deals)
    ids = {e.key: f"E{i}" for i, e in enumerate(sorted(kept, key=lambda e: e.first), 1)}
    employment = [r for r in employment if r.person in ids and r.employer in ids]
    affiliation = {r.person: ids[r.employer] for r in employment if r.primary}
    by_key = {e.key: e for e in entities}
    out_deals = []
    for d in deals:
        record = _deal(d, ids, by_key, f"D{len(out_deals) + 1}")
        if record is not None:
            out_deals.append(record)
    ref = reference_date(doc)
    return schema.Document(
        id=id,
        reference_date=ref.isoformat() if ref else None,
        entities=[_entity(e, ids[e.key], affiliation.get(e.key)) for e in sorted(kept, key=lambda e: e.first)],
        relations=[_relation(r, ids) for r in employment if r.evidence is not None],
        deals=out_deals,
        meta=dict(meta) if meta else None,
    )


# --- which entities the output reports ------------------------------------------------------------
def select(doc: Doc, entities: list[Entity], employment: list[Employment], deals: list[Deal]) -> list[Entity]:
    used = {key for d in deals for key, _ in d.parties}
    used |= {r.employer for r in employment}
    employed = {r.person for r in employment if r.primary}
    captions = caption_spans(doc)
    return [e for e in entities if _keep(e, used, employed)
            and not (e.type == "PERSON" and all(_inside(m, captions) for m in e.mentions))]


def _keep(e: Entity, used: set, employed: set) -> bool:
    if all(m.source != "model" for m in e.mentions):
        return True
    if e.type in ORG_TYPES:
        # the name found twice by the finders, not merely written twice
        found = [m for m in e.mentions if m.rule != "org.name_repeat"]
        return e.key in used or len(found) > 1
    if e.type == "PERSON":
        return bool(e.titles) or e.key in employed
    return True


def caption_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of photo captions: sentences that place people in the picture
    (``(왼쪽에서 세 번째)``), or that end right before a photo credit (``…하고 있다.
    뉴시스``, ``[사진=…]``). The guide keeps captions out of the records: a person named only
    there is not in the story."""
    words = lexicons.words("captions")
    credits = words["photo_credits"]
    media = _media_names()
    whole = doc_text(doc)
    out = []
    for sent in doc.sents:
        text = whole[sent.start_char:sent.end_char]
        after = whole[sent.end_char:sent.end_char + 30].lstrip()
        credited = after.startswith(credits) or any(
            after.startswith(m) and _set_apart(after[len(m):len(m) + 2]) for m in media)
        credited = credited or any(c in text.lstrip()[1:] for c in credits)  # "…있다. [사진=…]"
        if any(p in text for p in words["position_marks"]) or credited:
            out.append((sent.start_char, sent.end_char))
    return out


@cache
def _media_names() -> tuple[str, ...]:
    return tuple(e.name for e in lexicons.companies() if e.kind == "media")


def _set_apart(gap: str) -> bool:
    """What follows a credit: the end of the text, a line break or a wide gap."""
    return gap == "" or gap.startswith("\n") or gap == "  "


def _inside(m, spans) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


# --- the records ---------------------------------------------------------------------------------
def _mention(m) -> schema.Mention:
    return schema.Mention(start=m.start, end=m.end, text=m.text, source=m.source,
                          score=round(min(1.0, max(0.0, m.score)), 4), rule=m.rule)


def _entity(e: Entity, id_: str, affiliation: Optional[str]):
    common = dict(id=id_, name=e.name, aliases=e.aliases,
                  mentions=[_mention(m) for m in sorted(e.mentions, key=lambda m: m.start)])
    if e.type == "PERSON":
        return schema.PersonEntity(type="PERSON", titles=list(e.titles), affiliation=affiliation, **common)
    if e.type in ("DATE", "TIME"):
        return schema.DateEntity(type=e.type, value=e.value, mod=e.mod, **common)
    if e.type == "MONEY":
        return schema.MoneyEntity(type="MONEY", value=e.value, currency=e.currency, **common)
    return schema.NamedEntity(type=e.type, **common)


def _relation(r: Employment, ids: dict) -> schema.Relation:
    return schema.Relation(head=ids[r.person], tail=ids[r.employer], title=r.title,
                           evidence=schema.Span(start=r.evidence[0], end=r.evidence[1]))


def _deal(d: Deal, ids: dict, by_key: dict, id_: str) -> Optional[schema.Deal]:
    """The output deal, or None when the selection left out what it stands on."""
    parties = [(ids[k], role) for k, role in d.parties if k in ids]
    if len({p for p, _ in parties}) < 2:
        return None
    date = by_key.get(d.date) if d.date is not None and d.date in ids else None
    money = by_key.get(d.amount) if d.amount is not None and d.amount in ids else None
    amount = None if money is None else schema.Amount(text=money.name, value=money.value, currency=money.currency)
    return schema.Deal(
        id=id_, type=d.type,
        parties=[schema.Party(entity=p, role=role) for p, role in parties],
        status=d.status,
        date=date.value if date is not None else None,
        date_entity=ids[date.key] if date is not None else None,
        amount=amount,
        trigger=schema.TextSpan(start=d.trigger[0], end=d.trigger[1], text=d.trigger[2]),
        evidence=schema.Span(start=d.evidence[0], end=d.evidence[1]),
        score=d.score,
    )
