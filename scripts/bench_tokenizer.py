"""Tokenizer figures on KLUE-NER dev: round trip, entity boundaries, sentences, speed.

usage: python scripts/bench_tokenizer.py [../shared/data/klue/ner-dev.jsonl]

- round trip: how many texts come back with ``doc.text == text``;
- boundary share: the share of gold entities whose both ends fall on token boundaries,
  beside the same share for plain Kiwi morphemes (``Kiwi.tokenize`` offsets);
- speed: korex's tokenizer against ``Kiwi.tokenize`` on the same texts, as a ratio from
  one run (absolute times on shared machines are noise).
"""
import json
import sys
import time
from pathlib import Path

import spacy

import korex.tokenizer  # noqa: F401  registers the tokenizer


def main(path: str) -> None:
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})
    kiwi = nlp.tokenizer.kiwi
    texts = [r["text"] for r in records]
    nlp(texts[0]), kiwi.tokenize(texts[0])  # warm up both

    t0 = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    t_korex = time.perf_counter() - t0
    t0 = time.perf_counter()
    morphs = [kiwi.tokenize(t) for t in texts]
    t_kiwi = time.perf_counter() - t0

    from kiwipiepy import Kiwi

    default_kiwi = Kiwi()  # with its multi-word dictionary, as korex does not use it
    morphs_default = [default_kiwi.tokenize(t) for t in texts]
    same = sum(d.text == t for d, t in zip(docs, texts))
    n = ok = ok_kiwi = ok_default = 0
    sentences = 0
    for r, doc, ms, md in zip(records, docs, morphs, morphs_default):
        d_starts = {m.start for m in md}
        d_ends = {m.start + m.len for m in md}
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        k_starts = {m.start for m in ms}
        k_ends = {m.start + m.len for m in ms}
        sentences += sum(1 for _ in doc.sents)
        for s, e, _ in r["entities"]:
            n += 1
            ok += s in starts and e in ends
            ok_kiwi += s in k_starts and e in k_ends
            ok_default += s in d_starts and e in d_ends
    print(f"texts                 {len(texts)}")
    print(f"doc.text == text      {same}/{len(texts)}")
    print(f"entity boundaries     {ok / n:.4f} korex tokens, {ok_kiwi / n:.4f} plain Kiwi morphemes, "
          f"{ok_default / n:.4f} default Kiwi() morphemes ({n} entities)")
    print(f"sentences (Kiwi)      {sentences}")
    print(f"tokens                {sum(len(d) for d in docs)}")
    print(f"time ratio            korex/kiwi.tokenize = {t_korex / t_kiwi:.2f} ({t_korex:.1f}s vs {t_kiwi:.1f}s)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/klue/ner-dev.jsonl")
