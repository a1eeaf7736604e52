"""Where the pipeline's time goes: each stage as a multiple of Kiwi's own analysis of the
same texts, measured side by side in one process (issue 13's table).

    .venv/bin/python scripts/profile_stages.py [--data FILE.jsonl] [--model PATH|rules] [--repeat 3] [--batch-size 32]

FILE.jsonl holds records with "text" (default: the news dev set if ../shared is there, else
the corpus written for korex). Every stage runs as ``Extractor.pipe`` runs it: the texts in
batches, each component's ``pipe`` over the batch. Stages are timed in turn, each on the
previous stage's output, and the whole is timed again end to end, so that the sum can be
checked against it.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT / ".." / "shared" / "data" / "news" / "dev.jsonl"


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=None, help="default: news dev, else corpus/heldout.jsonl")
    ap.add_argument("--model", default=None)
    ap.add_argument("--deal-model", default=None, help="a deal model directory, or none (default: the bundled one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if args.data is None:
        from corpus_splits import splits

        args.data = NEWS_DEV if NEWS_DEV.exists() else splits()[1]

    import korex
    from korex.parallel import batched

    deal_model = None if args.deal_model is None else (False if args.deal_model == "none" else args.deal_model)
    extractor = korex.load(args.model, deal_model=deal_model)
    nlp = extractor.nlp
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")  # build and warm everything
    texts = texts_of(args.data) * args.repeat
    tok = nlp.tokenizer
    kiwi = tok.kiwi
    chars = sum(map(len, texts))

    t = time.perf_counter()
    for text in texts:
        kiwi.tokenize(text)
    t_kiwi = time.perf_counter() - t

    rows: list[tuple[str, float]] = []
    t = time.perf_counter()
    analysed = [tok._analyse(text) for text in texts]
    rows.append(("Kiwi analysis inside korex", time.perf_counter() - t))
    t = time.perf_counter()
    docs = [tok._make_doc(text, m) for text, m in zip(texts, analysed)]
    rows.append(("Kiwi tokens -> spaCy Doc", time.perf_counter() - t))
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        out = []
        for batch in batched(docs, args.batch_size):
            out.extend(proc.pipe(batch) if hasattr(proc, "pipe") else (proc(d) for d in batch))
        docs = out
        rows.append((name, time.perf_counter() - t))
    t = time.perf_counter()
    for d in docs:
        extractor.to_document(d)
    rows.append(("records (export and contract check)", time.perf_counter() - t))

    t = time.perf_counter()
    for _ in extractor.pipe(texts, batch_size=args.batch_size):
        pass
    t_whole = time.perf_counter() - t

    rules = sum(s for n, s in rows if n.startswith("korex_"))
    print(f"texts {len(texts)} ({chars} characters) from {args.data.name}, model {args.model or 'bundled'}, "
          f"batch size {args.batch_size}")
    print(f"Kiwi's own tokenize: {t_kiwi:.2f} s ({chars / t_kiwi:.0f} chars/s)")
    print()
    print(f"{'stage':40s} {'seconds':>8s} {'x Kiwi':>7s}")
    for name, s in rows:
        print(f"{name:40s} {s:8.2f} {s / t_kiwi:7.2f}")
    print(f"{'all rule components (korex_*)':40s} {rules:8.2f} {rules / t_kiwi:7.2f}")
    print(f"{'sum of stages':40s} {sum(s for _, s in rows):8.2f} {sum(s for _, s in rows) / t_kiwi:7.2f}")
    print(f"{'whole pipeline (Extractor.pipe)':40s} {t_whole:8.2f} {t_whole / t_kiwi:7.2f}  "
          f"({chars / t_whole:.0f} chars/s)")


if __name__ == "__main__":
    main()
