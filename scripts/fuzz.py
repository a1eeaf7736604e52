"""Fuzz korex: N generated inputs through the bundled pipeline, each checked against the
output contract (issue 14). Not a test: it takes minutes; its result goes in BENCHMARKS.

    .venv/bin/python scripts/fuzz.py [--n 100000] [--seed 0] [--processes 2] [--model PATH|rules]

Inputs mix what breaks extractors: Hangul, jamo, control characters, random Unicode,
brackets and company marks, long digit runs before money units, date words, deal and title
words; each gets a reference date drawn from the whole calendar (or none). Checked on every
input: no exception, strict JSON (no NaN or Infinity), the pydantic round trip, every
offset exact and every id resolving (korex.invariants.problems). Prints the counts, the
slowest inputs, and the first failures with a reproducer.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import time

PIECES = ["(주)", "㈜", "주식회사 ", "(", ")", "[", "]", "「", "」", "<", ">", "·", ", ", ". ", "\n", "\n\n", " ", "  ",
          "원", "억원", "조원", "만달러", "유로", "엔", "%", "년", "월", "일", "분기", "상반기", "다음달", "내년", "지난해",
          "올해", "연말", "이달 초", "전날", "인수", "합병", "MOU", "양해각서", "투자", "지분", "계약", "체결", "합작",
          "매각", "협약", "대표", "회장", "사장", "부사장", "씨", "삼성전자", "한빛전자", "가온소재", "마이크로소프트",
          "김민수", "홍길동", "서울", "는 ", "가 ", "를 ", "와 ", "에 ", "로부터 ", "했다", "밝혔다", "\u200b", "\ufeff"]


def random_piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return rng.choice(PIECES)
    if kind < 0.55:
        return str(rng.randint(0, 10 ** rng.randint(1, 40))) if rng.random() < 0.9 else "9" * rng.randint(100, 400)
    if kind < 0.7:
        return "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 4)))
    if kind < 0.77:
        return "".join(chr(rng.randint(0x1100, 0x11FF)) for _ in range(rng.randint(1, 3)))
    if kind < 0.85:
        return "".join(chr(rng.randint(0, 31)) for _ in range(rng.randint(1, 3)))
    out = []
    while len(out) < rng.randint(1, 4):
        c = rng.randint(0, 0x10FFFF)
        if not 0xD800 <= c <= 0xDFFF:  # a lone surrogate is refused by design (tested on its own)
            out.append(chr(c))
    return "".join(out)


def random_input(rng: random.Random, n: int) -> dict:
    text = "".join(random_piece(rng) for _ in range(rng.randint(0, 80)))
    day = None
    if rng.random() < 0.8:
        day = (dt.date(1, 1, 1) + dt.timedelta(days=rng.randint(0, 3652058))).isoformat()
    return {"id": str(n), "text": text, "reference_date": day}


def _no_constants(name):
    raise ValueError(f"not strict JSON: {name}")


def check_batch(extractor, batch: list) -> list:
    """For each input: (id, failure kind or None, message, seconds)."""
    from korex.invariants import problems
    from korex.io import dump_document
    from korex.schema import Document

    out = []
    for item in batch:
        t = time.perf_counter()
        try:
            doc = extractor(item["text"], reference_date=item["reference_date"], id=item["id"])
        except Exception as e:  # what the fuzzer is looking for
            out.append((item["id"], "exception", f"{type(e).__name__}: {e}", time.perf_counter() - t))
            continue
        seconds = time.perf_counter() - t
        try:
            line = dump_document(doc)
            json.loads(line, parse_constant=_no_constants)
        except ValueError as e:
            out.append((item["id"], "invalid JSON", str(e), seconds))
            continue
        if Document.model_validate_json(line) != doc:
            out.append((item["id"], "round trip", "the JSON parses into another document", seconds))
            continue
        broken = problems(doc, item["text"])
        kind = None if not broken else ("inexact offset" if any("input's text" in p for p in broken) else "contract")
        out.append((item["id"], kind, "; ".join(broken[:3]), seconds))
    return out


def _make(model):
    import korex

    extractor = korex.load(model)
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")  # loads everything: not a fuzz input's time
    return extractor


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    from korex.parallel import ordered_map

    rng = random.Random(args.seed)
    inputs = [random_input(rng, n) for n in range(args.n)]
    chars = sum(len(i["text"]) for i in inputs)
    t0 = time.perf_counter()
    results = list(ordered_map(functools.partial(_make, args.model), check_batch, inputs,
                               batch_size=64, n_process=args.processes))
    wall = time.perf_counter() - t0
    counts: dict = {}
    for _, kind, _, _ in results:
        counts[kind] = counts.get(kind, 0) + 1
    slow = sorted(results, key=lambda r: -r[3])[:5]
    print(f"inputs            {args.n} ({chars} characters), seed {args.seed}, {args.processes} processes, "
          f"{wall:.0f} s")
    print(f"ok                {counts.get(None, 0)}")
    for kind in ("exception", "invalid JSON", "round trip", "inexact offset", "contract"):
        print(f"{kind:17s} {counts.get(kind, 0)}")
    print("slowest           " + ", ".join(f"#{i} {s:.2f}s ({len(inputs[int(i)]['text'])} chars)" for i, _, _, s in slow))
    failures = [r for r in results if r[1] is not None]
    for id_, kind, message, _ in failures[:10]:
        item = inputs[int(id_)]
        print(f"\n{kind}: {message}\n  reproduce: korex.load()({item['text']!r}, reference_date={item['reference_date']!r})")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
