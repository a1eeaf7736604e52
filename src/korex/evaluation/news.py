"""Scoring korex documents against the gold news records of shared/data/news/GUIDE.md.

This is the reference scorer (shared/tools/score_news.py) as library code, and it must give
the same numbers to the last digit: the same normalisation, the same greedy one-to-one
matching in the same order, the same rounding. Where the reference makes a choice that looks
arbitrary (greedy rather than optimal matching, which date prediction a gold date takes),
the choice is kept on purpose and said so.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

import korex

ENTITY_KEYS = (("companies", "COMPANY"), ("organizations", "ORGANIZATION"), ("people", "PERSON"))
TALLIES = ("COMPANY", "ORGANIZATION", "PERSON", "DATE", "DATE_VALUE", "DEAL", "DEAL_PARTIES")
ACCURACIES = ("title", "affiliation", "date_value", "deal_status", "deal_date")

_CORPORATE = re.compile(r"\(주\)|㈜|주식회사")
_PUNCT = re.compile(r"[\s·・.,'\"‘’“”]")
# Day words that place an event only through the story: gold leaves them out, and a predicted
# one is neither right nor wrong unless gold has that very text.
DEICTIC = frozenset({"오늘", "어제", "내일", "이날", "전날", "다음날", "이튿날", "당일", "금일", "그날", "익일", "당시"})

NameSet = set[str]  # the normalised names of one entity


def norm(s: Optional[str]) -> str:
    """A name as the scorer compares it: NFKC, no corporate marker, space or punctuation, lower."""
    s = unicodedata.normalize("NFKC", s or "")
    s = _CORPORATE.sub("", s)
    return _PUNCT.sub("", s).lower()


def names(entity: dict) -> NameSet:
    """The normalised ``name`` and ``aliases`` of a gold or predicted entity."""
    out = {norm(entity.get("name", ""))}
    out |= {norm(a) for a in entity.get("aliases") or []}
    out.discard("")
    return out


def match(gold_sets: Sequence[NameSet], pred_sets: Sequence[NameSet]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index): each gold, in order, takes the first
    unused prediction whose names meet its own. Greedy, not optimal, to agree with the reference."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_sets):
        for pi, p in enumerate(pred_sets):
            if pi not in used and g & p:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


class Tally:
    """Counts for precision, recall and F1."""

    def __init__(self) -> None:
        self.tp = self.n_pred = self.n_gold = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "pred": self.n_pred, "gold": self.n_gold}


class Accuracy:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, ok: Any) -> None:
        self.n += 1
        self.ok += bool(ok)

    def value(self) -> dict:
        return {"acc": round(self.ok / self.n, 4) if self.n else None, "n": self.n}


def title_ok(gold_titles: Iterable[str], pred_titles: Optional[Iterable[str]]) -> bool:
    """Some gold title and some predicted title contain one another (사장 in 대표이사 사장)."""
    gt = [norm(t) for t in gold_titles]
    pt = [norm(t) for t in pred_titles or []]
    return any(g and p and (g in p or p in g) for g in gt for p in pt)


def score_news(golds: Sequence[dict], preds: Sequence[dict]) -> dict:
    """Scores over all passages; ``preds[i]`` is the korex document (as a dict) for ``golds[i]``.

    Keys: COMPANY, ORGANIZATION, PERSON, DATE, DATE_VALUE, DEAL, DEAL_PARTIES (each
    ``{p, r, f1, tp, pred, gold}``) and title, affiliation, date_value, deal_status, deal_date
    (each ``{acc, n}``, acc None when n is 0)."""
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold records but {len(preds)} predictions")
    tallies = {k: Tally() for k in TALLIES}
    accs = {k: Accuracy() for k in ACCURACIES}
    for gold, pred in zip(golds, preds):
        _score_one(gold, pred, tallies, accs)
    out = {k: v.prf() for k, v in tallies.items()}
    out.update({k: v.value() for k, v in accs.items()})
    return out


def _score_one(gold: dict, pred: dict, tallies: dict, accs: dict) -> None:
    entities = {e["id"]: e for e in pred.get("entities", [])}
    by_type: dict[Any, list[dict]] = {}
    for e in pred.get("entities", []):
        by_type.setdefault(e.get("type"), []).append(e)
    # Gold refers to companies and organizations by name (affiliations, deal parties); this
    # maps such a name to the entity's full name set. An organization wins a name clash.
    gold_orgs = {norm(e["name"]): names(e)
                 for key in ("companies", "organizations") for e in gold.get(key) or []}

    _score_entities(gold, by_type, entities, gold_orgs, tallies, accs)
    _score_dates(gold, by_type, tallies, accs)
    _score_deals(gold, pred, entities, gold_orgs, tallies, accs)


def _score_entities(gold, by_type, entities, gold_orgs, tallies, accs) -> None:
    for key, typ in ENTITY_KEYS:
        gold_ents = gold.get(key) or []
        pred_ents = by_type.get(typ, [])
        pairs = match([names(e) for e in gold_ents], [names(e) for e in pred_ents])
        tallies[typ].add(len(pairs), len(pred_ents), len(gold_ents))
        if typ != "PERSON":
            continue
        for gi, pi in pairs:
            gp, pp = gold_ents[gi], pred_ents[pi]
            if gp.get("titles"):
                accs["title"].add(title_ok(gp["titles"], pp.get("titles")))
            if gp.get("affiliation"):
                want = gold_orgs.get(norm(gp["affiliation"]), {norm(gp["affiliation"])})
                employer = entities.get(pp.get("affiliation") or "")
                accs["affiliation"].add(bool(employer) and bool(names(employer) & want))


def _score_dates(gold, by_type, tallies, accs) -> None:
    # Dates count as distinct mentions (text, value, mod), not entities.
    gold_dates = [(norm(d["text"]), d.get("value"), d.get("mod")) for d in gold.get("dates") or []]
    pred_dates = set()
    for e in by_type.get("DATE", []):
        for m in e.get("mentions", []):
            pred_dates.add((norm(m.get("text", "")), e.get("value"), e.get("mod")))
    gold_texts = {t for t, _, _ in gold_dates}
    # Sorted, so that which of several fitting predictions a gold date takes is reproducible.
    candidates = sorted((d for d in pred_dates if d[0] not in DEICTIC or d[0] in gold_texts),
                        key=lambda d: (d[0], str(d[1])))
    used: set[int] = set()
    tp = tp_value = 0
    for g_text, g_value, g_mod in gold_dates:
        best = None
        for i, (p_text, p_value, _) in enumerate(candidates):
            if i in used or not p_text or not (g_text in p_text or p_text in g_text):
                continue
            # The first fitting text, unless a later one also has the right value.
            if best is None or (p_value == g_value and candidates[best][1] != g_value):
                best = i
        if best is None:
            continue
        used.add(best)
        tp += 1
        _, p_value, p_mod = candidates[best]
        ok = p_value == g_value and (p_mod or None) == (g_mod or None)
        tp_value += ok
        accs["date_value"].add(ok)
    tallies["DATE"].add(tp, len(candidates), len(gold_dates))
    tallies["DATE_VALUE"].add(tp_value, len(candidates), len(gold_dates))


def _score_deals(gold, pred, entities, gold_orgs, tallies, accs) -> None:
    gold_deals = gold.get("deals") or []
    pred_deals = pred.get("deals", [])
    gold_parties = [[gold_orgs.get(norm(x), {norm(x)}) for x in d["parties"]] for d in gold_deals]
    pred_parties = [_party_sets(d, entities) for d in pred_deals]

    def same_parties(gp, pp) -> bool:
        return len(gp) == len(pp) and len(match(gp, pp)) == len(gp)

    # DEAL needs the type right too (any of type and alt_types); DEAL_PARTIES only the parties.
    for strict, tally in ((True, tallies["DEAL"]), (False, tallies["DEAL_PARTIES"])):
        used: set[int] = set()
        tp = 0
        for gi, gd in enumerate(gold_deals):
            types = {gd["type"], *(gd.get("alt_types") or [])}
            for pi, pd in enumerate(pred_deals):
                if pi in used or not same_parties(gold_parties[gi], pred_parties[pi]):
                    continue
                if strict and pd.get("type") not in types:
                    continue
                used.add(pi)
                tp += 1
                if strict:
                    accs["deal_status"].add(pd.get("status") == gd.get("status"))
                    if gd.get("date"):
                        accs["deal_date"].add(pd.get("date") == gd.get("date"))
                break
        tally.add(tp, len(pred_deals), len(gold_deals))


def _party_sets(deal: dict, entities: dict) -> list[NameSet]:
    # A korex party points at an entity; a bare name (or a dict with a name) is taken as is.
    out = []
    for party in deal.get("parties", []):
        if isinstance(party, dict):
            e = entities.get(party.get("entity"))
            out.append(names(e) if e else {norm(party.get("name", ""))})
        else:
            out.append({norm(party)})
    return out


# --- files and the extractor ----------------------------------------------------------------


def read_jsonl(path: Union[str, Path]) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def align_predictions(golds: Sequence[dict], preds: Sequence[dict]) -> list[dict]:
    """Predictions in gold order: by ``id`` when every gold id has one, else as given."""
    by_id = {p.get("id"): p for p in preds}
    if all(g["id"] in by_id for g in golds):
        return [by_id[g["id"]] for g in golds]
    if len(preds) != len(golds):
        raise ValueError(f"{len(golds)} gold records but {len(preds)} predictions, "
                         "and the predictions' ids do not cover the gold ids")
    return list(preds)


def predict_news(golds: Sequence[dict], extractor) -> list[dict]:
    """korex documents (as dicts) for the gold passages, dated by each passage's ``published``."""
    return [extractor(g["text"], reference_date=g.get("published"), id=g["id"]).model_dump(mode="json")
            for g in golds]


def evaluate_news(gold_path: Union[str, Path], extractor=None,
                  pred_path: Union[str, Path, None] = None) -> dict:
    """Scores of ``pred_path``'s documents, or (without one) of ``extractor`` run on the gold
    passages (the bundled model when ``extractor`` is None), against ``gold_path``."""
    golds = read_jsonl(gold_path)
    if pred_path is not None:
        preds = align_predictions(golds, read_jsonl(pred_path))
    else:
        if extractor is None:
            extractor = korex.load()
        preds = predict_news(golds, extractor)
    return score_news(golds, preds)


def format_news_report(scores: dict, title: Optional[str] = None) -> str:
    """A table of the scores, P/R/F1 rows then accuracies."""
    lines = [title, "=" * len(title)] if title else []
    lines.append(f"{'':14s}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'pred':>6}{'gold':>6}")
    for key in TALLIES:
        if key in scores:
            v = scores[key]
            lines.append(f"{key:14s}{v['p']:>8.4f}{v['r']:>8.4f}{v['f1']:>8.4f}"
                         f"{v['tp']:>6}{v['pred']:>6}{v['gold']:>6}")
    for key in ACCURACIES:
        if key in scores:
            v = scores[key]
            acc = "    -" if v["acc"] is None else f"{v['acc']:.4f}"
            lines.append(f"{key:14s}acc {acc}  (n={v['n']})")
    return "\n".join(lines)
