"""Bounded time on hostile text (issue 14): inputs up to 10,000 characters built to be hard
(dense company marks, brackets and deal words; control characters; nested brackets; digit
runs; jamo), each timed on a warm pipeline. Not a test: timings go in BENCHMARKS.

    .venv/bin/python scripts/bench_hostile.py [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import resource
import time

PARTS = ["(주)", "㈜", "(", ")", "[", "]", "인수", "합병", "MOU", "투자", "한빛전자", "가온소재", "와 ", "는 ", "을 ",
         "·", ", ", "지분 30%", "계약", "체결", "양해각서", "\n", " ", "사장", "홍길동", "23일", "1조원"]


def dense(rng: random.Random, n: int) -> str:
    out: list[str] = []
    size = 0
    while size < n:
        out.append(rng.choice(PARTS))
        size += len(out[-1])
    return "".join(out)[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    import korex

    extractor = korex.load()
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")
    cases = [
        ("dense deal words, 5,000 chars", dense(rng, 5000)),
        ("dense deal words, 10,000 chars", dense(rng, 10000)),
        ("control characters, 10,000", "".join(chr(rng.randint(0, 31)) for _ in range(10000))),
        ("control characters, 128 KB", "".join(chr(rng.randint(0, 31)) for _ in range(128_000))),
        ("nested brackets, 10,000", "(" * 5000 + ")" * 5000),
        ("digits before 원, 10,000", "9" * 9999 + "원"),
        ("jamo, 10,000", "".join(chr(rng.randint(0x1100, 0x11FF)) for _ in range(10000))),
        ("one company name repeated, 10,000", ("한빛전자(주)는 " * 1000)[:10000]),
    ]
    print(f"{'input':36s} {'seconds':>8s} {'entities':>8s} {'deals':>6s} {'peak MB':>8s}")
    for name, text in cases:
        t = time.perf_counter()
        doc = extractor(text)
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:36s} {seconds:8.2f} {len(doc.entities):8d} {len(doc.deals):6d} {peak:8.0f}")


if __name__ == "__main__":
    main()
