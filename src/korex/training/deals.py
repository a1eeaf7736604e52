"""Training the deal model (:mod:`korex.deal_model`) on korex's deal corpus (corpus/).

Each corpus passage is run through korex up to the relations, exactly as at run time, and the
deal proposals (:mod:`korex.components.deal_proposals`) are labelled from its gold:

- a proposal whose trigger overlaps words the corpus marks as reporting deal *k* (``|Tk``) is
  a mention of deal *k*: its trigger label is that deal's type, its status label that deal's
  status; any other proposal is ``NONE``;
- each candidate party of a mention of deal *k* is labelled with its role in that deal when
  one of its names is one of the gold party's names, else ``none``.

A tenth of the training passages (by a hash of the id and the seed) is kept out to stop
training and to choose the trigger's margin; the corpus's held-out split is only scored.
"""
from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path
from typing import Optional, Sequence

from spacy.training import Example
from spacy.util import minibatch
from thinc.api import fix_random_seed

from korex import textcat
from korex.components.deal_assembly import TYPES
from korex.components.deal_proposals import Proposer, role_words, status_words, trigger_words
from korex.deal_model import NONE, PARTS, ROLE_NONE, DealModel
from korex.evaluation.news import names, norm

STATUSES = ("discussed", "planned", "signed", "cancelled")
ROLE_LABELS = (ROLE_NONE, "party", "acquirer", "target", "seller", "investor", "investee", "buyer")
LABELS = {"trigger": (NONE,) + TYPES, "status": STATUSES, "role": ROLE_LABELS}


def read_corpus(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def examples(extractor, records: Sequence[dict]) -> dict:
    """(input words, label) per classifier for the passages ``records``, and coverage counts."""
    nlp = extractor.nlp
    finder = nlp.get_pipe("korex_deals")
    proposer = Proposer(finder, finder._load().get("proposal_triggers", {}))
    out = {part: [] for part in PARTS}
    stats = {"passages": 0, "proposals": 0, "gold_mentions": 0, "gold_mentions_proposed": 0,
             "gold_parties": 0, "gold_parties_proposed": 0}
    with nlp.select_pipes(disable=["korex_deals"]):
        for rec in records:
            doc = extractor.make_doc(rec["text"], reference_date=rec.get("published"))
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            _label(doc, rec, proposer, out, stats)
    return {"examples": out, "stats": stats}


def _label(doc, rec: dict, proposer: Proposer, out: dict, stats: dict) -> None:
    entities = doc._.korex_entities or ()
    by_key = {e.key: e for e in entities}
    employers = {r.person: by_key[r.employer] for r in doc._.korex_employment or () if r.primary}
    text = doc.text
    proposals = proposer(doc, entities, employers, text)
    gold_names = {norm(e["name"]): names(e) for key in ("companies", "organizations") for e in rec.get(key) or []}
    triggers = rec.get("triggers") or []
    stats["passages"] += 1
    stats["proposals"] += len(proposals)
    stats["gold_mentions"] += len(triggers)
    stats["gold_mentions_proposed"] += sum(
        any(p.trig.start_char < t["end"] and t["start"] < p.trig.end_char for p in proposals) for t in triggers)
    for p in proposals:
        hit = next((t for t in triggers if p.trig.start_char < t["end"] and t["start"] < p.trig.end_char), None)
        if hit is None:
            out["trigger"].append((trigger_words(doc, p), NONE))
            continue
        deal = rec["deals"][hit["deal"] - 1]
        out["trigger"].append((trigger_words(doc, p), deal["type"]))
        out["status"].append((status_words(doc, p), deal["status"]))
        parties = [(gold_names.get(norm(name), {norm(name)}), role) for name, role in zip(deal["parties"], deal["roles"])]
        stats["gold_parties"] += len(parties)
        found = set()
        for c in p.candidates:
            mine = {norm(n) for n in [c.entity.name, *c.entity.aliases]}
            role = next((r for n, r in parties if n & mine), ROLE_NONE)
            if role != ROLE_NONE:
                found.add(role + str(sorted(mine)))
            out["role"].append((role_words(doc, p, c, deal["type"]), role))
        stats["gold_parties_proposed"] += len(found)


def _held(pid: str, seed: int, fraction: float) -> bool:
    h = hashlib.sha1(f"{seed}\t{pid}".encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big") / 2 ** 64 < fraction


def fit(part: str, train: list, held: list, *, seed: int, max_epochs: int = 20, patience: int = 3,
        batch_size: int = 32, ngram_size: int = 3, log=None):
    """One textcat on (words, label) pairs; the weights with the best held-out accuracy."""
    fix_random_seed(seed)
    labels = LABELS[part]
    nlp = textcat.blank()
    cat = nlp.add_pipe("textcat", config=textcat.bow_config(ngram_size))
    for label in labels:
        cat.add_label(label)
    def example(words, y):
        return Example.from_dict(textcat.words_doc(nlp.vocab, words), {"cats": {l: float(l == y) for l in labels}})
    train_ex = [example(w, y) for w, y in train]
    optimizer = nlp.initialize(lambda: train_ex[:1000])
    rng = random.Random(seed)
    best, bad, history = (-1.0, None, 0), 0, []
    t0 = time.time()
    for epoch in range(1, max_epochs + 1):
        order = list(train_ex)
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch(order, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses)
        with nlp.use_params(optimizer.averages):
            acc = accuracy(nlp, held)
            if acc > best[0]:
                best, bad = (acc, nlp.to_bytes(), epoch), 0
            else:
                bad += 1
        row = {"part": part, "epoch": epoch, "loss": round(losses.get("textcat", 0.0), 3), "heldout_acc": round(acc, 4),
               "seconds": round(time.time() - t0, 1)}
        history.append(row)
        if log:
            log(row)
        if bad >= patience:
            break
    nlp.from_bytes(best[1])
    return nlp, {"best_epoch": best[2], "heldout_accuracy": round(best[0], 4), "history": history,
                 "train_examples": len(train), "heldout_examples": len(held)}


def accuracy(nlp, pairs: list) -> float:
    if not pairs:
        return 0.0
    labels = textcat.labels(nlp)
    table = textcat.predict(nlp, [w for w, _ in pairs])
    return sum(labels[int(row.argmax())] == y for row, (_, y) in zip(table, pairs)) / len(pairs)


def choose_none_below(nlp, pairs: list, none_label: str) -> float:
    """The threshold on P(none) below which a proposal is a deal (a candidate a party), for the
    best F1 of deals (parties) on the passages kept out of training."""
    labels = textcat.labels(nlp)
    col = labels.index(none_label)
    table = textcat.predict(nlp, [w for w, _ in pairs])
    best = (-1.0, 0.5)
    for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        tp = sum(row[col] < t and y != none_label for row, (_, y) in zip(table, pairs))
        fp = sum(row[col] < t and y == none_label for row, (_, y) in zip(table, pairs))
        fn = sum(row[col] >= t and y != none_label for row, (_, y) in zip(table, pairs))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, t)
    return best[1]


def train_deals(train: str | Path, output: str | Path, *, seed: int = 0, heldout_fraction: float = 0.1,
                model: Optional[str] = None, max_epochs: int = 20, choose_on: Optional[str | Path] = None,
                log=None) -> dict:
    """Train the deal model on the corpus passages at ``train`` (corpus/train.jsonl) and save it
    to ``output``. ``model``: the NER pipeline korex runs with (the bundled one by default).
    ``choose_on``: the corpus's held-out split (corpus/heldout.jsonl), on which the two
    thresholds and the rules' share are chosen for the best DEAL F1 of whole documents;
    without it they are chosen per decision on the tenth of ``train`` kept out."""
    import korex  # here: the training module is imported by the CLI, which loads no pipeline until asked

    t0 = time.time()
    records = read_corpus(train)
    extractor = korex.load(model, deal_model=False)
    tr = [r for r in records if not _held(r["id"], seed, heldout_fraction)]
    ho = [r for r in records if _held(r["id"], seed, heldout_fraction)]
    data_tr, data_ho = examples(extractor, tr), examples(extractor, ho)
    parts, info = {}, {}
    for part in PARTS:
        parts[part], info[part] = fit(part, data_tr["examples"][part], data_ho["examples"][part], seed=seed,
                                      max_epochs=max_epochs, log=log)
    meta = {"seed": seed,
            "trigger_none_below": choose_none_below(parts["trigger"], data_ho["examples"]["trigger"], NONE),
            "role_none_below": choose_none_below(parts["role"], data_ho["examples"]["role"], ROLE_NONE),
            "with_rules": False, "train_passages": len(tr), "heldout_passages": len(ho),
            "corpus": str(train), "coverage": data_tr["stats"], "fit": {k: {x: v for x, v in i.items() if x != "history"}
                                                                           for k, i in info.items()}}
    dm = DealModel(parts["trigger"], parts["status"], parts["role"], meta)
    if choose_on is not None:
        meta["chosen_on"] = choose_settings(dm, extractor, read_corpus(choose_on), log=log)
        meta.update({k: meta["chosen_on"]["best"][k] for k in ("trigger_none_below", "role_none_below", "with_rules")})
        dm = DealModel(parts["trigger"], parts["status"], parts["role"], meta)
    output = Path(output)
    dm.to_disk(output)
    return {**meta, "size_bytes": dm.size_bytes(output), "wall_minutes": round((time.time() - t0) / 60, 2)}


GRID = {"with_rules": (False, True), "trigger_none_below": (0.3, 0.4, 0.5, 0.6, 0.7),
        "role_none_below": (0.3, 0.4, 0.5, 0.6)}


def choose_settings(dm: DealModel, extractor, records: Sequence[dict], log=None) -> dict:
    """The settings of :data:`GRID` with the best DEAL F1 (type and exact party set, the news
    scorer's) on ``records``, the documents run once up to the deals and the deals again per
    setting."""
    import itertools

    from korex.evaluation.news import score_news  # here: only this choice scores documents

    nlp = extractor.nlp
    finder = nlp.get_pipe("korex_deals")
    docs = []
    with nlp.select_pipes(disable=["korex_deals"]):
        for rec in records:
            doc = extractor.make_doc(rec["text"], reference_date=rec.get("published"))
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            docs.append(doc)
    finder.model = dm
    tried = []
    for with_rules, t, r in itertools.product(*GRID.values()):
        dm.with_rules, dm.trigger_none_below, dm.role_none_below = with_rules, t, r
        preds = [json.loads(extractor.to_document(d, id=rec["id"]).model_dump_json())
                 for rec, d in zip(records, finder.pipe(docs))]
        f1 = score_news(records, preds)["DEAL"]["f1"]
        tried.append({"with_rules": with_rules, "trigger_none_below": t, "role_none_below": r, "deal_f1": f1})
        if log:
            log(tried[-1])
    finder.model = None
    return {"passages": len(records), "best": max(tried, key=lambda x: x["deal_f1"]), "tried": tried}
