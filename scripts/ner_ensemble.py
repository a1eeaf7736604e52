"""Several NER pipelines voting on exact spans: does an ensemble of korex's model variants
beat each of them?

usage: python scripts/ner_ensemble.py --train ../shared/data/klue/ner-train.jsonl \
           --dev ../shared/data/klue/ner-dev.jsonl MODEL_DIR MODEL_DIR ...

Every model tags the held-out slice of KLUE-NER train (the one ``korex train ner`` keeps out,
seed 0, 2,000 sentences) and KLUE-NER dev; :func:`korex.evaluation.ner.vote_spans` keeps the
spans that at least k models predict. k is chosen on the held-out slice; dev is reported for
every k, marked where it is the chosen one.
"""
import argparse
from pathlib import Path

import spacy
from bench_ner import dir_size  # scripts/ is on the path when a script here runs

from korex.evaluation.ner import read_klue, score_ner, vote_spans
from korex.training import predict_spans, split_records


def _size_mb(path: Path) -> float:
    return dir_size(path) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--heldout", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("models", nargs="+", type=Path)
    a = ap.parse_args()
    _, held = split_records(a.train, a.heldout, a.seed)
    sets = {"held-out": held, "dev": read_klue(a.dev)}
    preds: dict[str, list] = {name: [] for name in sets}
    for model in a.models:
        nlp = spacy.load(model)
        for name, recs in sets.items():
            preds[name].append(predict_spans(nlp, [r.text for r in recs]))
    print(f"{'':34} {'held-out micro':>14} {'dev micro':>10} {'dev macro':>10} {'dev char':>9}")
    for i, model in enumerate(a.models):
        h, d = score_ner(held, preds["held-out"][i]), score_ner(sets["dev"], preds["dev"][i])
        print(f"{str(model)[-34:]:34} {h['micro_f']:14.4f} {d['micro_f']:10.4f} {d['macro_f']:10.4f} "
              f"{d['char_macro_f']:9.4f}  ({_size_mb(model):.1f} MB)")
    rows = []
    for k in range(1, len(a.models) + 1):
        h = score_ner(held, [vote_spans(p, k) for p in zip(*preds["held-out"])])
        d = score_ner(sets["dev"], [vote_spans(p, k) for p in zip(*preds["dev"])])
        rows.append((k, h, d))
    best = max(rows, key=lambda r: r[1]["micro_f"])[0]
    for k, h, d in rows:
        mark = "  <- chosen on held-out" if k == best else ""
        print(f"{f'vote >= {k} of {len(a.models)}':34} {h['micro_f']:14.4f} {d['micro_f']:10.4f} "
              f"{d['macro_f']:10.4f} {d['char_macro_f']:9.4f}  P {d['micro']['p']:.4f} R {d['micro']['r']:.4f}{mark}")
    print(f"ensemble size: {sum(_size_mb(m) for m in a.models):.1f} MB")


if __name__ == "__main__":
    main()
