"""Deals from the deal model's decisions: the proposals of a document
(:mod:`korex.components.deal_proposals`) are typed, their parties chosen and their status read
by the model (:mod:`korex.deal_model`), then assembled into one record per agreement.

Assembly, in text order:

- a mention with two or more parties is a deal mention; ``A는 B, C, D와 각각`` splits it
  into one per partner (for deals without a direction);
- a mention of a directed deal (an acquisition, an investment) that names no target (the
  share purchase agreement with the seller: ``A는 C와 주식매매계약을 맺었다``) adds its
  parties to the deal of that type told before that shares one of them;
- a mention with fewer than two parties that points back (``이번 계약``, ``양사``) is the
  deal of its type told before, told again: it may carry its status or date;
- mentions of one agreement (the same parties and a compatible type, or parties among
  another's) become one deal (:meth:`korex.components.deals.DealFinder._merge`), whose status
  is the furthest the text reports.
"""
from __future__ import annotations

import dataclasses


from korex.components.deal_grammar import STATUS_RANK, DealDraft
from korex.components.deal_proposals import Proposer, role_words, status_words, trigger_words
from korex.deal_model import NONE, ROLE_NONE, DealModel, best

TYPES = ("MOU", "PARTNERSHIP", "JOINT_VENTURE", "ACQUISITION", "MERGER", "INVESTMENT", "CONTRACT", "SETTLEMENT")
ROLES = {
    "ACQUISITION": {"acquirer", "target", "seller"},
    "INVESTMENT": {"investor", "investee", "seller"},
    "CONTRACT": {"buyer", "seller", "party"},
}
TARGET = {"ACQUISITION": "target", "INVESTMENT": "investee"}


def decide_batch(items: list, model: DealModel, proposer: Proposer) -> list[list]:
    """The deals (drafts, before merging) of several documents (``(doc, entities, employers,
    text)`` each), as the model decides their proposals: each classifier runs once over the
    proposals of all of them."""
    proposals = [proposer(doc, entities, employers, text) for doc, entities, employers, text in items]
    flat = [(n, p) for n, ps in enumerate(proposals) for p in ps]
    kept = []
    trigger_probs = model.probs("trigger", [trigger_words(items[n][0], p) for n, p in flat])
    for (n, p), probs in zip(flat, trigger_probs):
        if probs.get(NONE, 0.0) >= model.trigger_none_below:
            continue
        dtype, _ = best(probs, set(TYPES))
        kept.append((n, p, dtype, 1.0 - probs.get(NONE, 0.0)))
    statuses = model.probs("status", [status_words(items[n][0], p) for n, p, _, _ in kept])
    pairs = [(k, c) for k, (_, p, _, _) in enumerate(kept) for c in p.candidates]
    roles = model.probs("role", [role_words(items[kept[k][0]][0], kept[k][1], c, kept[k][2]) for k, c in pairs])
    chosen: dict[int, dict[int, tuple]] = {}
    for (k, c), probs in zip(pairs, roles):
        dtype = kept[k][2]
        if probs.get(ROLE_NONE, 0.0) >= model.role_none_below:
            continue
        role, _ = best(probs, ROLES.get(dtype, {"party"}))
        conf = 1.0 - probs.get(ROLE_NONE, 0.0)
        mine = chosen.setdefault(k, {})
        if c.entity.key not in mine or conf > mine[c.entity.key][2]:
            mine[c.entity.key] = (c.entity, role, conf)
    found: list[list] = [[] for _ in items]
    for k, ((n, p, dtype, conf), sprobs) in enumerate(zip(kept, statuses)):
        parties = sorted(chosen.get(k, {}).values(), key=lambda x: -x[2])
        status, _ = best(sprobs)
        mention = DealDraft(type=dtype, parties=[(e, r) for e, r, _ in parties], status=status,
                            date_entity=p.date_entity, amount_entity=p.amount_entity,
                            trigger=(p.trig.start_char, p.trig.end_char, p.trig.text),
                            evidence=(p.sent.start_char, p.sent.end_char), score=min(0.99, conf))
        _place(mention, p, found[n], items[n][3])
    return found


def _place(mention, p, found: list, text: str) -> None:
    """Add a mention to the deals found so far, by the rules of the module docstring."""
    keys = {e.key for e, _ in mention.parties}
    earlier = next((d for d in reversed(found) if d.type == mention.type), None)
    target = TARGET.get(mention.type)
    if len(keys) >= 2:
        if target and not any(r == target for _, r in mention.parties) and earlier is not None \
                and keys & earlier.party_ids:
            have = earlier.party_ids
            earlier.parties += [(e, r) for e, r in mention.parties if e.key not in have]
            return
        sentence = text[p.sent.start_char:p.sent.end_char]
        if "각각" in sentence and len(keys) >= 3 and mention.type not in TARGET:
            lead, others = mention.parties[0], mention.parties[1:]
            for other in others:
                found.append(_copy(mention, [lead, other]))
            return
        found.append(mention)
        return
    if earlier is not None and ("BACK" in p.flags or not keys or keys <= earlier.party_ids):
        # the deal told before, told again: its status and date may be here
        if STATUS_RANK[mention.status] > STATUS_RANK[earlier.status]:
            earlier.status = mention.status
        if earlier.date_entity is None and mention.date_entity is not None:
            earlier.date_entity = mention.date_entity


def _copy(mention, parties):
    return dataclasses.replace(mention, parties=list(parties))
