"""What the public company and organization lists add, and what their ambiguity filter saves:
dictionary matches on KLUE-NER dev and news dev that are no company or organization of the
gold (issue 12). Report-only data: nothing here is chosen on these sets.

    .venv/bin/python scripts/lexicon_report.py [--klue ../shared/data/klue/ner-dev.jsonl] [--news ../shared/data/news/dev.jsonl]

Three gazetteers, each run after the bundled statistical model (whose organisation spans are
one kind of context the filter accepts):

- ``hand``: the hand-written lists only (resources/companies.jsonl, organizations.jsonl);
- ``public, unfiltered``: with the public lists, every name matched wherever it occurs;
- ``public, filtered``: as shipped, a name marked ambiguous matched only with context.

A match is false on KLUE-NER dev when no gold OG span overlaps it, and on news dev when its
text is no name or alias of a gold company or organization of the passage.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"


def _norm(s: str) -> str:
    return re.sub(r"\s|\(주\)|㈜|주식회사", "", s)


def gazetteer_spans(nlp, gazetteer, texts):
    from korex.extensions import provenance

    ner = nlp.get_pipe("ner")
    for text in texts:
        doc = ner(nlp.make_doc(text))
        doc = gazetteer(doc)
        out = []
        for group in doc.spans.values():
            for span in group:
                info = provenance(span)
                if info is not None and info.source == "dictionary":
                    out.append((span.start_char, span.end_char, span.text))
        yield sorted(set(out))


def make_gazetteers():
    from korex import lexicons
    from korex.components.gazetteer import Gazetteer
    from korex.matching import TokenPhraseMatcher

    def with_entries(entries, filtered: bool) -> Gazetteer:
        g = Gazetteer()
        phrases = []
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                if len(form) >= 2:
                    ambiguous = filtered and (entry.ambiguous or form in entry.ambiguous_aliases)
                    phrases.append((form, (entry, form, ambiguous)))
                    if "㈜" in form:
                        phrases.append((form.replace("㈜", "(주)"), (entry, form, ambiguous)))
        g._matcher = TokenPhraseMatcher(phrases)
        return g

    hand = [lexicons._entry(r, "COMPANY") for r in lexicons._jsonl("companies.jsonl")[1]] + \
        [lexicons._entry(r, "ORGANIZATION") for r in lexicons._jsonl("organizations.jsonl")[1]]
    full = lexicons.companies() + lexicons.organizations()
    return {"hand": with_entries(hand, True), "public, unfiltered": with_entries(full, False),
            "public, filtered": Gazetteer()}


def klue_false(nlp, gazetteer, records):
    matches = false = 0
    examples = {}
    for rec, spans in zip(records, gazetteer_spans(nlp, gazetteer, [r["text"] for r in records])):
        gold = [(s, e) for s, e, label in rec["entities"] if label == "OG"]
        for s, e, text in spans:
            matches += 1
            if not any(s < ge and gs < e for gs, ge in gold):
                false += 1
                examples[text] = examples.get(text, 0) + 1
    return matches, false, examples


def news_false(nlp, gazetteer, records):
    matches = false = 0
    examples = {}
    for rec, spans in zip(records, gazetteer_spans(nlp, gazetteer, [r["text"] for r in records])):
        names = {_norm(f) for k in ("companies", "organizations") for e in rec.get(k) or []
                 for f in [e["name"], *(e.get("aliases") or [])]}
        for s, e, text in spans:
            matches += 1
            if _norm(text) not in names:
                false += 1
                examples[text] = examples.get(text, 0) + 1
    return matches, false, examples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--klue", type=Path, default=SHARED / "klue" / "ner-dev.jsonl")
    ap.add_argument("--news", type=Path, default=SHARED / "news" / "dev.jsonl")
    args = ap.parse_args()

    import korex

    nlp = korex.load().nlp
    read = lambda p: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]  # noqa: E731
    sets = {"KLUE-NER dev": (read(args.klue), klue_false), "news dev": (read(args.news), news_false)}
    gazetteers = make_gazetteers()
    print(f"{'data':14s} {'gazetteer':20s} {'matches':>8s} {'false':>6s}  most frequent false matches")
    for data, (records, count) in sets.items():
        for name, gazetteer in gazetteers.items():
            matches, false, examples = count(nlp, gazetteer, records)
            top = ", ".join(f"{t} {n}" for t, n in sorted(examples.items(), key=lambda kv: -kv[1])[:8])
            print(f"{data:14s} {name:20s} {matches:8d} {false:6d}  {top}")


if __name__ == "__main__":
    main()
