"""Score the NER model on KLUE-NER dev and measure its size, load time and speed.

    .venv/bin/python scripts/bench_ner.py [--model models/ko_news_ner] [--data ../shared/data/klue/ner-dev.tsv]

Speed is reported as a ratio to Kiwi's own ``tokenize`` on the same texts, timed in the
same process, so that it means something on any machine.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "ko_news_ner")
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data" / "klue" / "ner-dev.tsv")
    args = ap.parse_args()

    import spacy
    from kiwipiepy import Kiwi

    from korex.evaluation.ner import format_report, read_klue, score_ner

    t = time.perf_counter()
    nlp = spacy.load(args.model)
    nlp("모델을 불러온다.")  # Kiwi loads lazily: count its start-up as loading
    load_s = time.perf_counter() - t

    golds = read_klue(args.data)
    texts = [g.text for g in golds]
    n_words = sum(len(t.split()) for t in texts)

    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    model_s = time.perf_counter() - t
    preds = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]

    kiwi = Kiwi(load_multi_dict=False)  # the same analyser settings as the tokenizer
    kiwi.tokenize("워밍업")
    t = time.perf_counter()
    for text in texts:
        kiwi.tokenize(text, split_sents=True)
    kiwi_s = time.perf_counter() - t

    scores = score_ner(golds, preds)
    print(format_report(scores, title=f"{args.model.name} on {args.data.name}"))
    print()
    print(f"model size: {dir_size(args.model) / 1e6:.1f} MB")
    print(f"load time: {load_s:.2f} s (spacy.load + Kiwi start-up)")
    print(
        f"speed: {n_words / model_s:,.0f} words/s (pipeline) vs {n_words / kiwi_s:,.0f} words/s "
        f"(Kiwi tokenize alone), ratio {kiwi_s / model_s:.2f}"
    )


if __name__ == "__main__":
    main()
