"""What the rules propose about deals, for the deal model to decide: every word that may report
a deal, with every company and organization that may be its party, and what the grammar of
:mod:`korex.components.deal_grammar` says of each.

A :class:`Proposal` is one trigger word (from the deal lexicon and its wider list of
proposal words: ``넘어갔다``, ``품에 안았다``, ``취득``, ``양수`` …) in its sentence, with

- the lexicon's type for the word and the rules' own decision (a type, or none), the rules'
  status, and flags (negated, pointing back to a deal told before, naming a market, a stake
  under half, a dispute);
- its :class:`Candidate` parties: each company or organization of the sentence (a person
  acting stands for their employer), with its grammatical role and the rules' role for it,
  and, where the sentence names fewer than two, those of the sentence before;
- the date and the amount the rules give it.

Nothing here decides: the deal component keeps, types and assembles (with the model when it
has one). The work is bounded by the sentence: a trigger sees the names of its own sentence
and of the one before, at most ``MAX_CANDIDATES`` of them, the nearest first.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span

from korex.components.deal_grammar import (
    DIRECTED,
    Arg,
    deal_parties,
    minority_stake,
    names_a_market,
    points_back,
    public_body,
    sentence_args,
)
from korex.extensions import sentences
from korex.matching import TokenPhraseMatcher, longest_first
from korex.records import Entity

MAX_CANDIDATES = 8


@dataclass
class Candidate:
    """A company or organization that may be a party of a proposed deal."""

    entity: Entity
    arg: Arg                       # its grammatical role in its sentence (particle marker)
    where: str                     # sent (the trigger's sentence) or prev (the one before)
    rule_role: Optional[str] = None


@dataclass
class Proposal:
    trig: Span
    sent: Span
    lex_type: str
    rule_type: Optional[str]
    rule_status: Optional[str]
    date_entity: Optional[Entity]
    amount_entity: Optional[Entity]
    flags: tuple[str, ...] = ()
    candidates: list[Candidate] = field(default_factory=list)
    headline: bool = False
    headline_keys: frozenset = frozenset()   # the bodies the headline names


class Proposer:
    """Proposals of one document. ``finder`` is the deal component, whose lexicon, type and
    status rules the proposals report."""

    def __init__(self, finder, proposal_words: dict):
        self.finder = finder
        lex = finder._load()
        words = [(w, t) for t, ws in lex["triggers"].items() for w in ws]
        words += [(w, t) for t, ws in proposal_words.items() for w in ws]
        self.matcher = TokenPhraseMatcher(words)

    def __call__(self, doc: Doc, entities, employers: dict, text: str) -> list[Proposal]:
        finder = self.finder
        matches = self.matcher(doc, text)
        hits = longest_first([span for span, _ in matches])
        types = {(s.start, s.end): payloads for s, payloads in matches}
        signed = finder._status_words["signed"]
        sents = sentences(doc)
        starts = [sent.start for sent in sents]
        first_line_end = text.find("\n")
        headline_keys = frozenset(e.key for e in entities if 0 < first_line_end < 80
                                  and any(m.start < first_line_end for m in e.mentions))
        out: list[Proposal] = []
        prev_args: list[Arg] = []
        by_sent: dict[int, list] = {}
        for h in hits:
            # the sentence by bisection: Token.sent walks the Doc's sentence starts each time
            by_sent.setdefault(starts[bisect.bisect_right(starts, h.start) - 1], []).append(h)
        sent_args = [sentence_args(doc, sent, entities, employers) for sent in sents]
        for n, sent in enumerate(sents):
            trigs = by_sent.get(sent.start, [])
            args = sent_args[n]
            nxt = sent_args[n + 1] if n + 1 < len(sents) and not by_sent.get(sents[n + 1].start) else []
            for trig in trigs:
                lex_type = types[(trig.start, trig.end)][0]
                rule_type = finder._type(doc, sent, trig, lex_type, args)
                flags = []
                if finder._negated(doc, sent, trig):
                    flags.append("NEG")
                if points_back(doc, sent, trig):
                    flags.append("BACK")
                if names_a_market(doc, trig):
                    flags.append("MARKET")
                if minority_stake(doc, sent, trig):
                    flags.append("MINORITY")
                if any(w in text[sent.start_char:sent.end_char] for w in finder._disputes):
                    flags.append("DISPUTE")
                kind = rule_type or lex_type
                rule_parties = deal_parties(doc, kind, trig, args, signed, text, sent)
                rule_roles = {id(e): r for e, r in rule_parties}
                cands = _candidates(trig, args, prev_args if len({a.entity.key for a in args}) < 2 else [],
                                    rule_roles, nxt)
                draft = finder._deal(doc, sent, trig, kind, rule_parties, entities)
                out.append(Proposal(
                    trig=trig, sent=sent, lex_type=lex_type, rule_type=rule_type,
                    rule_status=draft.status if draft is not None else None,
                    date_entity=draft.date_entity if draft is not None else None,
                    amount_entity=draft.amount_entity if draft is not None else None,
                    flags=tuple(flags), candidates=cands,
                    headline=first_line_end > 0 and sent.start_char < first_line_end and first_line_end < 80,
                    headline_keys=headline_keys,
                ))
            if args:
                prev_args = args
        return out


def _candidates(trig: Span, args: list[Arg], prev: list[Arg], rule_roles: dict,
                nxt: list[Arg] = ()) -> list[Candidate]:
    """The sentence's bodies (each once, at its mention nearest the trigger), then the
    previous sentence's, then those of the next sentence when it reports no deal of its own
    (``매도인은 C다``), nearest first, at most MAX_CANDIDATES."""
    best: dict[int, tuple[int, Arg, str]] = {}
    for where, pool, far in (("sent", args, 0), ("prev", prev, 10_000), ("next", nxt, 20_000)):
        for a in pool:
            key = a.entity.key
            dist = abs(a.start - trig.start_char) + far
            if key not in best or dist < best[key][0]:
                best[key] = (dist, a, where)
    ranked = sorted(best.values(), key=lambda x: x[0])[:MAX_CANDIDATES]
    return [Candidate(a.entity, a, where, rule_roles.get(id(a.entity))) for _, a, where in ranked]


# --- the classifiers' inputs -----------------------------------------------------------------------
WINDOW = 6
_NUM = re.compile(r"\d")


def _words(doc: Doc, start: int, end: int) -> list[str]:
    """Token texts of doc[start:end], spaces left out, digits folded (amounts are noise)."""
    return [_NUM.sub("0", t.text) for t in doc[max(0, start):min(len(doc), end)] if not t.is_space]


def trigger_words(doc: Doc, p: Proposal) -> list[str]:
    """Is this word a deal, and of which type: the words around it, the word itself, and
    what the lexicon and the rules say."""
    t = p.trig
    words = _words(doc, max(p.sent.start, t.start - WINDOW), t.start)
    words += ["⟦T"] + _words(doc, t.start, t.end) + ["T⟧"]
    words += _words(doc, t.end, min(p.sent.end, t.end + WINDOW))
    parties = {c.entity.key for c in p.candidates if c.rule_role}
    here = [c for c in p.candidates if c.where == "sent"]
    words += [f"⟦LEX={p.lex_type}⟧", f"⟦RULE={p.rule_type or 'NONE'}⟧", f"⟦RULEPARTIES={min(len(parties), 3)}⟧",
              f"⟦NAMES={min(len(here), 4)}⟧"] + [f"⟦{f}⟧" for f in p.flags]
    words += [f"⟦{p.lex_type}|{p.rule_type or 'NONE'}⟧", f"⟦{p.trig.text}|{p.rule_type or 'NONE'}⟧",
              f"⟦{p.trig.text}|NAMES={min(len(here), 2)}⟧"]
    if p.headline:
        words.append("⟦HEAD⟧")
    if p.amount_entity is not None:
        words.append("⟦MONEY⟧")
    return words


def status_words(doc: Doc, p: Proposal) -> list[str]:
    """How far the deal has got: the words after the trigger (the verb and its endings),
    a few before, and the rules' status."""
    t = p.trig
    words = _words(doc, max(p.sent.start, t.start - 4), t.start)
    words += ["⟦T"] + _words(doc, t.start, t.end) + ["T⟧"]
    words += _words(doc, t.end, min(p.sent.end, t.end + 12))
    words += [f"⟦RSTATUS={p.rule_status or 'NONE'}⟧"] + [f"⟦{f}⟧" for f in p.flags if f in ("NEG", "BACK")]
    if p.headline:
        words.append("⟦HEAD⟧")
    return words


def role_words(doc: Doc, p: Proposal, c: Candidate, dtype: str) -> list[str]:
    """Who this body is in the deal: the words around it and between it and the trigger, the
    body itself as one marker (names are noise), its particle, the order and distance, and
    what the rules say of it."""
    t = p.trig
    span = doc.char_span(c.arg.start, c.arg.start + 1, alignment_mode="expand")
    e_start = span.start if span is not None else t.start
    e_end = e_start + 1
    while e_end < len(doc) and not doc[e_end - 1].whitespace_ and doc[e_end].tag_ in ("NNP", "NNG", "SL", "SN"):
        e_end += 1  # to the end of the name
    words: list[str] = []
    if c.where == "sent":
        lo, hi = sorted((e_start, t.start))
        between = _words(doc, min(e_end, t.end) if e_start < t.start else t.end, max(e_start, t.start))
        if len(between) > 12:
            between = between[:6] + ["⟦GAP⟧"] + between[-6:]
        words += _words(doc, lo - 3, lo)
        words += (["⟦E⟧"] + _words(doc, e_end, e_end + 2) + between + ["⟦T"] + _words(doc, t.start, t.end) + ["T⟧"]
                  if e_start < t.start else
                  ["⟦T"] + _words(doc, t.start, t.end) + ["T⟧"] + between + ["⟦E⟧"] + _words(doc, e_end, e_end + 2))
        words += _words(doc, max(e_end, t.end), max(e_end, t.end) + 3)
        gap = abs(e_start - t.start)
        words.append(f"⟦DIST={next(b for b in (0, 2, 4, 8, 16, 32, 10**9) if gap <= b)}⟧")
        words.append("⟦E<T⟧" if e_start < t.start else "⟦T<E⟧")
    else:
        words += ["⟦PREV⟧" if c.where == "prev" else "⟦NEXT⟧", "⟦E⟧"] + _words(doc, e_end, e_end + 2)
        words += ["⟦T"] + _words(doc, t.start, t.end) + ["T⟧"] + _words(doc, t.end, t.end + 3)
    words += [f"⟦M={c.arg.marker}⟧", f"⟦TYPE={dtype}⟧", f"⟦RROLE={c.rule_role or 'none'}⟧",
              f"⟦KIND={c.entity.type}⟧", f"⟦NCANDS={min(len(p.candidates), 5)}⟧",
              f"⟦NMENTIONS={min(len(c.entity.mentions), 4)}⟧"]
    here = [x for x in p.candidates if x.where == "sent"]
    before = [x for x in here if x.arg.start < t.start_char]
    after = [x for x in here if x.arg.start >= t.end_char]
    if before and max(before, key=lambda x: x.arg.start) is c:
        words.append("⟦NEAREST_BEFORE⟧")
    if after and min(after, key=lambda x: x.arg.start) is c:
        words.append("⟦NEAREST_AFTER⟧")
    subjects = [x for x in here if x.arg.marker == "subj"]
    if subjects and min(subjects, key=lambda x: x.arg.start) is c:
        words.append("⟦FIRST_SUBJ⟧")
    if c.entity.name.endswith("그룹"):
        words.append("⟦GROUP⟧")
    if public_body(c.entity):
        words.append("⟦PUBLIC_BODY⟧")
    if p.headline_keys and c.entity.key in p.headline_keys:
        words.append("⟦IN_HEADLINE⟧")
    if c.arg.via_person:
        words.append("⟦VIA_PERSON⟧")
    if dtype in DIRECTED:
        words.append("⟦DIRECTED⟧")
    # conjunctions: a bag of words is linear, and who is who depends on several things at once
    order = "before" if c.arg.start < t.start_char else "after"
    words += [f"⟦{c.arg.marker}|{order}|{dtype}⟧", f"⟦{c.rule_role or 'none'}|{dtype}⟧",
              f"⟦{c.where}|{c.arg.marker}|{dtype}⟧", f"⟦{c.rule_role or 'none'}|{c.arg.marker}|{order}⟧"]
    return words
