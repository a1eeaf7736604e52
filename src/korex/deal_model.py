"""The deal model: three small classifiers that decide what the rules propose
(:mod:`korex.components.deal_proposals`).

- **trigger**: is this word a deal, and of which type (``NONE`` or one of the eight types);
- **status**: how far the deal has got (discussed, planned, signed, cancelled);
- **role**: who each company or organization of the sentence is in the deal (``none``,
  ``party``, ``acquirer``, ``target``, ``seller``, ``investor``, ``investee``, ``buyer``).

Each is a spaCy ``textcat`` over the word lists the proposals build (:mod:`korex.textcat`).
They are trained on korex's deal corpus by ``korex train deals`` (:mod:`korex.training.deals`)
and travel with the pipeline inside the ``korex_deals`` component (``to_disk``/``from_disk``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

import spacy
from spacy.language import Language

from korex import textcat

PARTS = ("trigger", "status", "role")
NONE = "NONE"
ROLE_NONE = "none"


class DealModel:
    def __init__(self, trigger: Language, status: Language, role: Language, meta: Optional[dict] = None):
        self.nlps = {"trigger": trigger, "status": status, "role": role}
        self.meta = dict(meta or {})
        # a proposal is a deal where P(NONE) is below this, a candidate a party where P(none) is
        # below this: the probability of no deal against that of all types together, which
        # share it out among themselves (chosen on passages kept out of training)
        self.trigger_none_below = float(self.meta.get("trigger_none_below", 0.5))
        self.role_none_below = float(self.meta.get("role_none_below", 0.5))
        # also keep the rules' deals between parties the model found no deal for
        self.with_rules = bool(self.meta.get("with_rules", False))

    def probs(self, part: str, inputs: Sequence[list[str]]) -> list[dict[str, float]]:
        nlp = self.nlps[part]
        labels = textcat.labels(nlp)
        table = textcat.predict(nlp, inputs)
        return [dict(zip(labels, map(float, row))) for row in table]

    @classmethod
    def from_disk(cls, path) -> "DealModel":
        path = Path(path)
        meta = json.loads((path / "deal_model.json").read_text(encoding="utf-8"))
        return cls(*(spacy.load(path / part) for part in PARTS), meta=meta)

    def to_disk(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for part in PARTS:
            self.nlps[part].to_disk(path / part)
        (path / "deal_model.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=1), encoding="utf-8")

    def size_bytes(self, path) -> int:
        return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def best(probs: dict[str, float], allowed: Optional[set] = None) -> tuple[str, float]:
    """The most probable label (among ``allowed``), and its probability."""
    items = [(k, v) for k, v in probs.items() if allowed is None or k in allowed]
    return max(items, key=lambda kv: kv[1]) if items else (NONE, 0.0)
