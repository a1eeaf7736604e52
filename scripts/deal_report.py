"""Deals on a gold set, overall and per type, with the deal model and with the rules alone,
side by side (issue 11). The held-out split of the corpus is the default set.

    .venv/bin/python scripts/deal_report.py [--gold corpus/heldout.jsonl] [--model PATH] [--deal-model PATH]

Per type: the gold deals of that type against the predicted deals of that type, scored as
the news scorer scores all deals (exact party set; the type must be the same, so a deal
predicted with another of the gold's alt_types counts here as a miss and a false one).
"""
from __future__ import annotations

import argparse
from pathlib import Path

TYPES = ("ACQUISITION", "CONTRACT", "INVESTMENT", "MOU", "JOINT_VENTURE", "MERGER", "PARTNERSHIP", "SETTLEMENT")


def only(records, type_, key="deals"):
    out = []
    for r in records:
        r = dict(r)
        r[key] = [d for d in r.get(key) or [] if d.get("type") == type_]
        out.append(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=None, help="default: corpus/heldout.jsonl")
    ap.add_argument("--model", default=None)
    ap.add_argument("--deal-model", default=None)
    args = ap.parse_args()
    if args.gold is None:
        from corpus_splits import splits

        args.gold = splits()[1]

    import korex
    from korex.evaluation.news import predict_news, read_jsonl, score_news

    gold = read_jsonl(args.gold)
    runs = {"model": korex.load(args.model, deal_model=args.deal_model),
            "rules": korex.load(args.model, deal_model=False)}
    preds = {name: predict_news(gold, ex) for name, ex in runs.items()}
    print(f"{args.gold} ({len(gold)} passages, {sum(len(g['deals']) for g in gold)} deals)")
    print(f"{'':15s} {'model P':>8s} {'R':>6s} {'F1':>6s}   {'rules P':>8s} {'R':>6s} {'F1':>6s}   {'gold':>5s}")
    rows = [("DEAL", gold, preds), ("DEAL_PARTIES", gold, preds)]
    for name, g, p in rows:
        s = {k: score_news(g, v)[name] for k, v in p.items()}
        print(f"{name:15s} {s['model']['p']:8.4f} {s['model']['r']:6.4f} {s['model']['f1']:6.4f}   "
              f"{s['rules']['p']:8.4f} {s['rules']['r']:6.4f} {s['rules']['f1']:6.4f}   {s['model']['gold']:5d}")
    for type_ in TYPES:
        g = only(gold, type_)
        s = {k: score_news(g, only(v, type_))["DEAL"] for k, v in preds.items()}
        print(f"{type_:15s} {s['model']['p']:8.4f} {s['model']['r']:6.4f} {s['model']['f1']:6.4f}   "
              f"{s['rules']['p']:8.4f} {s['rules']['r']:6.4f} {s['rules']['f1']:6.4f}   {s['model']['gold']:5d}")
    for k, v in preds.items():
        s = score_news(gold, v)
        print(f"{k}: deal_status acc {s['deal_status']['acc']:.4f} (n={s['deal_status']['n']}), "
              f"deal_date acc {s['deal_date']['acc']:.4f} (n={s['deal_date']['n']})")


if __name__ == "__main__":
    main()
