"""Long texts in sections: a whole filing or report is read a section at a time and the
sections' records are merged into one document.

Why: every step of the pipeline is linear in the number of sentences, but a few steps that
need the whole document (aliases, repeated names, merging mentions into entities, deals
told in several places) look across all of it, and the statistical model holds the whole
Doc's activations at once. Sections of :data:`SECTION_CHARS` keep time and memory
proportional to the text's length, whatever its length.

What a section sees: itself only, and the reference date fixed once for the whole text (the
caller's, or the date line at its top). Across sections, entities of the same type and name
(or sharing a name form, for companies, organizations and people) become one entity, its
mentions in text order; relations and deals keep their offsets, shifted into the whole
text, and a deal of the same type between the same parties found in two sections is one
record. What sectioning loses: an alias introduced in one section (``A(이하 B)``) is not
known in another, and a deal whose parties are told in different sections is not found.
"""
from __future__ import annotations

import re
from typing import Optional

from korex import schema

# Measured (scripts/bench_length.py): time per character is flat up to sections of about
# this size, and a section's Doc stays well under 100 MB.
SECTION_CHARS = 20_000

_BREAKS = (
    re.compile(r"\n[ \t\u3000]*\n"),   # a blank line: between paragraphs
    re.compile(r"\n"),                 # a line break
    re.compile(r"(?<=[.!?。])\s"),      # after a sentence's end
    re.compile(r"\s"),                 # any space
)


def split(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Character ranges that cover ``text`` in order, each at most ``size`` long, cut at the
    strongest break (blank line, line break, sentence end, space) in the last half of a
    section, and at ``size`` characters only where the text has no break at all."""
    if size < 2:
        raise ValueError(f"section size must be at least 2 characters, got {size}")
    out = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        for pattern in _BREAKS:
            cuts = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
            if cuts:
                end = cuts[-1]
                break
        out.append((start, end))
        start = end
    if start < n or not out:
        out.append((start, n))
    return out


def merge(parts: list[tuple[int, schema.Document]], *, id: Optional[str] = None,
          reference_date: Optional[str] = None, meta=None) -> schema.Document:
    """One document from the documents of sections starting at the given offsets."""
    merged = _Merger()
    for offset, doc in parts:
        merged.add(offset, doc)
    return merged.document(id=id, reference_date=reference_date, meta=meta)


def _shift(span, offset: int):
    return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})


def _forms(e) -> set[str]:
    return {"".join(f.split()) for f in [e.name, *e.aliases]}


class _Merger:
    """Entities, relations and deals of the sections read so far, entities keyed by what
    makes two of them one thing."""

    def __init__(self) -> None:
        self.entities: list[dict] = []       # field dicts of the merged entities
        self.by_key: dict[tuple, int] = {}   # identity key -> index in self.entities
        self.relations: list[tuple] = []     # (head index, tail index, title, evidence)
        self.deals: list[dict] = []
        self.deal_keys: dict[tuple, dict] = {}  # (type, party indices) -> the deal

    def _identity(self, e) -> list[tuple]:
        if e.type in ("COMPANY", "ORGANIZATION", "PERSON"):
            return [(e.type, f) for f in _forms(e)]
        if e.type in ("DATE", "TIME"):
            return [(e.type, e.name, e.value, e.mod)]
        if e.type == "MONEY":
            return [(e.type, e.name, e.value, e.currency)]
        return [(e.type, "".join(e.name.split()))]

    def add(self, offset: int, doc: schema.Document) -> None:
        local: dict[str, int] = {}
        for e in doc.entities:
            keys = self._identity(e)
            index = next((self.by_key[k] for k in keys if k in self.by_key), None)
            fields = e.model_dump()
            fields["mentions"] = [_shift(m, offset) for m in e.mentions]
            if index is None:
                index = len(self.entities)
                fields["aliases"] = list(e.aliases)
                self.entities.append(fields)
            else:
                self._absorb(self.entities[index], fields)
            for k in keys:
                self.by_key.setdefault(k, index)
            local[e.id] = index
        for e in doc.entities:
            if getattr(e, "affiliation", None) is not None and self.entities[local[e.id]].get("_employer") is None:
                self.entities[local[e.id]]["_employer"] = local[e.affiliation]
        for r in doc.relations:
            if local[r.head] != local[r.tail]:
                self.relations.append((local[r.head], local[r.tail], r.title, _shift(r.evidence, offset)))
        for d in doc.deals:
            # two entities of a section can be one across sections (both share a form with an
            # entity of an earlier one): a party is then named once, and a deal needs two
            parties, seen = [], set()
            for p in d.parties:
                if local[p.entity] not in seen:
                    seen.add(local[p.entity])
                    parties.append((local[p.entity], p.role))
            if len(parties) < 2:
                continue
            record = {"type": d.type, "parties": parties, "status": d.status, "date": d.date,
                      "date_entity": None if d.date_entity is None else local[d.date_entity],
                      "amount": d.amount, "trigger": _shift(d.trigger, offset),
                      "evidence": _shift(d.evidence, offset), "score": d.score}
            key = (d.type, frozenset(i for i, _ in parties))
            same = self.deal_keys.get(key)
            if same is None:
                self.deals.append(record)
                self.deal_keys[key] = record
            else:  # the deal told again: what the first telling lacked
                if same["date"] is None and record["date"] is not None:
                    same["date"], same["date_entity"] = record["date"], record["date_entity"]
                if same["amount"] is None:
                    same["amount"] = record["amount"]
                same["score"] = max(same["score"], record["score"])

    @staticmethod
    def _absorb(into: dict, fields: dict) -> None:
        seen = {into["name"], *into["aliases"]}
        into["aliases"] += [f for f in [fields["name"], *fields["aliases"]] if f not in seen and not seen.add(f)]
        into["mentions"] += fields["mentions"]
        if "titles" in into:
            into["titles"] += [t for t in fields["titles"] if t not in into["titles"]]

    def document(self, *, id, reference_date, meta) -> schema.Document:
        order = sorted(range(len(self.entities)), key=lambda i: min(m.start for m in self.entities[i]["mentions"]))
        ids = {i: f"E{n}" for n, i in enumerate(order, 1)}
        entities = []
        for i in order:
            fields = dict(self.entities[i])
            employer = fields.pop("_employer", None)
            fields["id"] = ids[i]
            fields["mentions"] = sorted(fields["mentions"], key=lambda m: m.start)
            if fields["type"] == "PERSON":
                fields["affiliation"] = None if employer is None else ids[employer]
            entities.append(fields)
        relations = [schema.Relation(head=ids[h], tail=ids[t], title=title, evidence=ev)
                     for h, t, title, ev in self.relations]
        deals = [schema.Deal(id=f"D{n}", type=d["type"], status=d["status"], date=d["date"],
                             date_entity=None if d["date_entity"] is None else ids[d["date_entity"]],
                             parties=[schema.Party(entity=ids[i], role=role) for i, role in d["parties"]],
                             amount=d["amount"], trigger=d["trigger"], evidence=d["evidence"], score=d["score"])
                 for n, d in enumerate(self.deals, 1)]
        return schema.Document.model_validate({
            "id": id, "reference_date": reference_date, "entities": entities,
            "relations": [r.model_dump() for r in relations], "deals": [d.model_dump() for d in deals],
            "meta": dict(meta) if meta else None})
