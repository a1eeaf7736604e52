"""People the corpus annotates only in photo captions, which the news guide
(shared/data/news/GUIDE.md) leaves out of the records and korex does not report: how many there
are in a corpus split, and korex's PERSON scores with and without them in the gold.

    .venv/bin/python scripts/caption_people.py [--gold corpus/heldout.jsonl]

A caption line here is a line of the passage with 왼쪽, 오른쪽 or 사진 in it (the corpus's
captions are written `(왼쪽부터) …`, `(사진 설명) …`, `사진=… 제공`).
"""
from __future__ import annotations

import argparse
from pathlib import Path

CAPTION_WORDS = ("왼쪽", "오른쪽", "사진")


def caption_only(rec: dict) -> set[str]:
    """Names of the gold people all of whose mentions are on caption lines."""
    lines, pos = [], 0
    for line in rec["text"].split("\n"):
        lines.append((pos, pos + len(line), any(w in line for w in CAPTION_WORDS)))
        pos += len(line) + 1

    def on_caption(m) -> bool:
        return any(a <= m["start"] < b and cap for a, b, cap in lines)

    out = set()
    for p in rec["people"]:
        forms = {p["name"], *(p.get("aliases") or [])}
        mentions = [m for m in rec["mentions"] if m["type"] == "PERSON" and m["text"] in forms]
        if mentions and all(on_caption(m) for m in mentions):
            out.add(p["name"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=None, help="default: corpus/heldout.jsonl")
    args = ap.parse_args()
    if args.gold is None:
        from corpus_splits import splits

        args.gold = splits()[1]

    import korex
    from korex.evaluation.news import predict_news, read_jsonl, score_news

    gold = read_jsonl(args.gold)
    preds = predict_news(gold, korex.load())
    without = []
    dropped = 0
    for rec in gold:
        names = caption_only(rec)
        dropped += len(names)
        without.append({**rec, "people": [p for p in rec["people"] if p["name"] not in names]})
    people = sum(len(r["people"]) for r in gold)
    print(f"{args.gold}: {people} gold people, {dropped} of them only in photo captions")
    for label, g in (("all gold people", gold), ("caption-only people left out", without)):
        s = score_news(g, preds)["PERSON"]
        print(f"PERSON, {label:30s} P {s['p']:.4f}  R {s['r']:.4f}  F1 {s['f1']:.4f}  (gold {s['gold']})")


if __name__ == "__main__":
    main()
