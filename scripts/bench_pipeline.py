"""The whole extractor: load time, first-document latency, throughput and memory.

    .venv/bin/python scripts/bench_pipeline.py [--model PATH|rules] [--data ../shared/data/news/dev.jsonl] [--repeat 3]

Throughput is reported beside Kiwi's own ``tokenize`` on the same texts in the same process,
as a ratio, so that it means something on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data" / "news" / "dev.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    import korex

    extractor = korex.load(args.model)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.", reference_date="2014-09-23")
    t_first = time.perf_counter() - t0

    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in records] * args.repeat
    chars = sum(len(t) for t in texts)
    kiwi = extractor.nlp.tokenizer.kiwi

    t0 = time.perf_counter()
    for text in texts:
        kiwi.tokenize(text)
    t_kiwi = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in extractor.pipe(texts):
        pass
    t_korex = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"model                 {args.model or 'bundled'} ({', '.join(extractor.nlp.pipe_names)})")
    print(f"korex.load()          {t_load:.2f} s (lazy: imports only)")
    print(f"first document        {t_first:.2f} s (builds the pipeline, starts Kiwi)")
    print(f"texts                 {len(texts)} ({chars} characters)")
    print(f"korex / kiwi.tokenize {t_korex / t_kiwi:.1f}x the time of Kiwi's analysis alone")
    print(f"throughput            {len(texts) / t_korex:.1f} texts/s, {chars / t_korex:.0f} chars/s (this run)")
    print(f"peak memory           {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
