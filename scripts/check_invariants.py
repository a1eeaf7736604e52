"""The output contract's invariants (korex.invariants) on every document of the seeds, news dev
and the distinct texts of KLUE-RE dev: relation heads are people and tails companies or
organizations, head != tail, every party, date and amount an entity of the right type, every
offset exact. Prints the counts; exits 1 if any document breaks one.

usage: python scripts/check_invariants.py [--model PATH|rules]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import korex
from korex.invariants import problems

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts():
    for g in (json.loads(l) for l in open(ROOT / "seeds" / "gold.jsonl", encoding="utf-8")):
        yield "seeds", g["text"], g.get("published")
    for g in (json.loads(l) for l in open(SHARED / "data" / "news" / "dev.jsonl", encoding="utf-8")):
        yield "news dev", g["text"], g.get("published")
    seen = set()
    for r in (json.loads(l) for l in open(SHARED / "data" / "klue" / "re-dev.jsonl", encoding="utf-8")):
        if r["text"] not in seen:
            seen.add(r["text"])
            yield "KLUE-RE dev", r["text"], None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    extractor = korex.load(args.model)
    counts: dict = {}
    broken = 0
    t0 = time.time()
    for name, text, ref in texts():
        c = counts.setdefault(name, [0, 0, 0, 0])
        doc = extractor(text, reference_date=ref)  # raises korex.invariants.InvariantError on a breach
        found = problems(doc, text)
        c[0] += 1
        c[1] += len(doc.relations)
        c[2] += len(doc.deals)
        c[3] += bool(found)
        broken += bool(found)
    for name, (n, rels, deals, bad) in counts.items():
        print(f"{name:12s} documents {n:5d}  relations {rels:5d}  deals {deals:4d}  breaking the contract {bad}")
    print(f"({time.time() - t0:.0f} s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
