"""Write the held-out slice of KLUE-RE train, the one ``korex train re`` keeps out, as KLUE-RE
JSONL, so that the whole pipeline can be measured on it without touching KLUE-RE dev.

usage: python scripts/re_heldout.py ../shared/data/klue/re-train.jsonl OUT.jsonl [--seed 0] [--heldout 0.1]
then:  korex evaluate re OUT.jsonl

The split is :func:`korex.training.relations.split_pairs` (a text goes wholly to one side, by a
hash of the text and the seed), so the classifier never saw these texts. Choices about how
korex links people to bodies are made on this slice; KLUE-RE dev only reports.
"""
import argparse
import json

from korex.training.relations import read_pairs, split_pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--heldout", type=float, default=0.1)
    a = ap.parse_args()
    _, held = split_pairs(read_pairs(a.train), a.heldout, a.seed)
    texts = {p.text for p in held}
    n = 0
    with open(a.train, encoding="utf-8") as f, open(a.output, "w", encoding="utf-8") as out:
        for line in f:
            if line.strip() and json.loads(line)["text"] in texts:
                out.write(line)
                n += 1
    print(f"{n} records of {len(texts)} held-out texts -> {a.output}")


if __name__ == "__main__":
    main()
