"""The pipeline's internal records: what each component after the tokenizer decides, frozen.

Data flows one way and each record has one owner:

- :class:`Provenance` (a finder, through :func:`korex.components.candidates.add`): what found a
  candidate span, with the value a grammar computed and, for a person, the :class:`PersonLink`
  a title pattern read;
- ``doc.spans["korex_resolved"]`` and its scores (``korex_resolve``): which candidates stand;
- :class:`Entity` with its :class:`Mention` s (``korex_entities``): one per real-world thing;
- :class:`Employment` (``korex_relations``): who works where, with the evidence and whether it
  is the person's affiliation;
- :class:`Deal` (``korex_deals``): agreements between entities.

Records point at entities by :attr:`Entity.key`, a number fixed by ``korex_entities``; the ids
of the output (``E1``, ``D1``) are given once, by the export (:mod:`korex.export`), after it
has chosen which entities the output reports. A component may build its records step by step,
but what it writes to the Doc it never changes again, and no other component changes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

TokenRange = tuple[int, int]
CharRange = tuple[int, int]


@dataclass(frozen=True)
class PersonLink:
    """What a title pattern says about one person mention."""

    titles: tuple[str, ...] = ()
    employer: Optional[TokenRange] = None   # token offsets of the employer span
    # token offsets of other bodies the pattern ties the person to: the party in
    # 누리도의회 홍길동 의원(새나라당, 누리 5), where the council is the employer
    also: tuple[TokenRange, ...] = ()
    evidence: CharRange = (0, 0)            # character offsets of the whole pattern
    rule: str = ""


@dataclass(frozen=True)
class Provenance:
    """What found a candidate span, and what it found out about it."""

    source: str                      # model, rule, dictionary, coref
    score: float
    rule: str                        # rule or lexicon id, also the span's id_
    entry: Optional[str] = None      # lexicon entry (canonical name) of a dictionary match
    value: Any = None                # DATE: ISO value; MONEY: number (int or Decimal)
    mod: Optional[str] = None        # DATE: START / MID / END
    currency: Optional[str] = None   # MONEY: ISO 4217
    link: Optional[PersonLink] = None  # PERSON and PERSON_REF: the title pattern


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    source: str
    score: float
    rule: Optional[str]
    is_name: bool = True             # 이 회장 is a mention of a person, not one of its names
    token_start: int = -1
    token_end: int = -1
    links: tuple[PersonLink, ...] = ()


@dataclass(frozen=True)
class Entity:
    """One real-world thing of the document and all its mentions."""

    key: int
    type: str
    mentions: tuple[Mention, ...]
    entry: Optional[str] = None       # lexicon name, for companies and organizations
    value: Any = None
    mod: Optional[str] = None
    currency: Optional[str] = None
    titles: tuple[str, ...] = ()      # PERSON: the titles its mentions' patterns give

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def name(self) -> str:
        return entity_name(self.mentions)

    @property
    def aliases(self) -> list[str]:
        return entity_aliases(self.mentions)

    def covers(self, token_start: int, token_end: int) -> bool:
        return any(m.token_start <= token_start and token_end <= m.token_end for m in self.mentions)


def entity_aliases(mentions) -> list[str]:
    """Every distinct form among the mentions that is a name, in text order."""
    out: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.is_name and m.text not in out:
            out.append(m.text)
    return out


def entity_name(mentions) -> str:
    """The fullest name among the mentions: the longest Hangul one (spaces not counted),
    the earliest of equals; the longest of all where none has Hangul."""
    names = [m.text for m in mentions if m.is_name] or [m.text for m in mentions]
    hangul = [n for n in names if any("가" <= c <= "힣" for c in n)]
    pool = hangul or names
    first = {}
    for m in mentions:
        first[m.text] = min(first.get(m.text, m.start), m.start)
    return max(pool, key=lambda n: (len(n.replace(" ", "")), -first[n]))


@dataclass(frozen=True)
class Employment:
    """A person working for a company or organization (EMPLOYEE_OF)."""

    person: int                       # Entity.key
    employer: int                     # Entity.key
    title: Optional[str]
    evidence: Optional[CharRange]     # None: inferred from the article as a whole (no relation)
    source: str                       # pattern, context, article, model
    score: Optional[float] = None     # the classifier's P(employment), when it decided
    primary: bool = False             # the person's affiliation


@dataclass(frozen=True)
class Deal:
    """An agreement between entities, one per agreement however often the text tells it."""

    type: str
    parties: tuple[tuple[int, str], ...]   # (Entity.key, role)
    status: str
    date: Optional[int]                    # Entity.key of its DATE
    amount: Optional[int]                  # Entity.key of its MONEY
    trigger: tuple[int, int, str]
    evidence: CharRange
    score: float
