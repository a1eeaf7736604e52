"""Reading KLUE-NER and scoring entity spans the way KLUE does.

KLUE's official scorer runs seqeval (strict IOB2) over the *characters* of a sentence with
whitespace characters dropped, so a span is compared by which non-whitespace characters it
covers: ``"삼성 전자"`` at 0-5 and the same characters tagged with a trailing space are equal.
Spans here are therefore mapped to non-whitespace character offsets before comparing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

LABELS = ("PS", "LC", "OG", "DT", "TI", "QT")

Span = tuple[int, int, str]


@dataclass
class KlueRecord:
    id: str
    text: str
    spans: list[Span]
    source: str
    # False where the train split's spans could not be projected exactly (see the data README).
    clean: bool = True
    meta: dict = field(default_factory=dict)


def _source(record_id: str) -> str:
    # Train ids end "_wikitree", dev ids "-wikitree": take whatever follows the last separator.
    for sep in ("-", "_"):
        tail = record_id.rsplit(sep, 1)[-1]
        if tail in ("wikitree", "nsmc"):
            return tail
    return "unknown"


def read_klue(path: str | Path) -> list[KlueRecord]:
    """Records from a KLUE-NER ``.jsonl`` (korex's format) or the official char-BIO ``.tsv``."""
    path = Path(path)
    if path.suffix == ".tsv":
        return _read_tsv(path)
    records = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            spans = [(int(s), int(e), str(lab)) for s, e, lab in obj.get("entities", [])]
            records.append(
                KlueRecord(
                    id=obj["id"],
                    text=obj["text"],
                    spans=sorted(spans),
                    source=_source(obj["id"]),
                    clean=bool(obj.get("clean", True)),
                )
            )
    return records


def _read_tsv(path: Path) -> list[KlueRecord]:
    records: list[KlueRecord] = []
    rec_id: str | None = None
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        nonlocal rec_id, chars, tags
        if rec_id is not None and chars:
            text = "".join(chars)
            records.append(KlueRecord(rec_id, text, bio_to_spans(tags), _source(rec_id)))
        rec_id, chars, tags = None, [], []

    with path.open(encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("##"):
                # Only the per-sentence comment carries "id<TAB>tagged sentence"; the file's
                # header comments have no tab.
                head = line[2:].strip().split("\t", 1)[0]
                if "\t" in line and head.startswith("klue-"):
                    flush()
                    rec_id = head
                continue
            if line == "":
                flush()
                continue
            # The character itself may be a space, so split from the right.
            char, tag = line.rsplit("\t", 1)
            chars.append(char)
            tags.append(tag)
    flush()
    return records


def bio_to_spans(tags: Sequence[str]) -> list[Span]:
    """Strict IOB2 spans from per-position tags (an I- that does not continue starts nothing)."""
    spans: list[Span] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and label == tag[2:]:
            continue
        if label is not None:
            spans.append((start, i, label))
            start, label = None, None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return spans


def _nonspace_index(text: str) -> list[int]:
    """For every character position (and len(text)), how many non-space chars precede it."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        if not ch.isspace():
            n += 1
    out[len(text)] = n
    return out


def _squeeze(text: str, spans: Iterable[Span], index: list[int]) -> set[Span]:
    squeezed = set()
    for start, end, label in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        s, e = index[start], index[end]
        if e > s:  # a span of only whitespace covers nothing KLUE can see
            squeezed.add((s, e, label))
    return squeezed


def _char_tags(n: int, spans: set[Span]) -> list[str]:
    tags = ["O"] * n
    for s, e, label in sorted(spans):
        tags[s] = "B-" + label
        for i in range(s + 1, e):
            tags[i] = "I-" + label
    return tags


def _prf(tp: int, n_pred: int, n_gold: int, zero_division: float = 0.0) -> dict:
    p = tp / n_pred if n_pred else zero_division
    r = tp / n_gold if n_gold else zero_division
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def _score(pairs: list[tuple[KlueRecord, Sequence[Span]]], labels: Sequence[str]) -> dict:
    tp = {l: 0 for l in labels}
    n_pred = {l: 0 for l in labels}
    n_gold = {l: 0 for l in labels}
    char_labels = [f"{p}-{l}" for l in labels for p in "BI"] + ["O"]
    char_tp = {t: 0 for t in char_labels}
    char_pred = {t: 0 for t in char_labels}
    char_gold = {t: 0 for t in char_labels}
    for gold, pred in pairs:
        index = _nonspace_index(gold.text)
        g = _squeeze(gold.text, gold.spans, index)
        p = _squeeze(gold.text, pred, index)
        for span in g:
            if span[2] in n_gold:
                n_gold[span[2]] += 1
        for span in p:
            if span[2] in n_pred:
                n_pred[span[2]] += 1
                if span in g:
                    tp[span[2]] += 1
        n = index[len(gold.text)]
        # Later spans overwrite earlier ones when predictions overlap; gold never overlaps.
        for gt, pt in zip(_char_tags(n, g), _char_tags(n, p)):
            if gt in char_gold:
                char_gold[gt] += 1
            if pt in char_pred:
                char_pred[pt] += 1
            if gt == pt and gt in char_tp:
                char_tp[gt] += 1
    per_label = {l: _prf(tp[l], n_pred[l], n_gold[l]) for l in labels}
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    # KLUE calls sklearn with zero_division=True: a tag absent from gold and prediction
    # alike scores 1 (only matters for small subsets; every tag occurs in the full dev set).
    char = {t: _prf(char_tp[t], char_pred[t], char_gold[t], 1.0) for t in char_labels}
    # seqeval averages over the entity types that occur in gold or prediction.
    seen = [l for l in labels if n_gold[l] or n_pred[l]]
    return {
        "n_records": len(pairs),
        "micro": micro,
        "micro_f": micro["f"],
        "macro_f": sum(per_label[l]["f"] for l in seen) / len(seen) if seen else 0.0,
        # KLUE's character measure: sklearn macro F1 over the B-/I- tags of every label and
        # O, on non-whitespace characters.
        "char_macro_f": sum(v["f"] for v in char.values()) / len(char),
        "per_label": per_label,
    }


def score_ner(
    golds: Sequence[KlueRecord],
    preds: Sequence[Sequence[Span]],
    labels: Sequence[str] = LABELS,
) -> dict:
    """Entity-level (exact span and label) and character-level scores, overall and by source.

    ``preds[i]`` are the (start, end, label) character spans predicted for ``golds[i].text``.
    """
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold records but {len(preds)} predictions")
    pairs = list(zip(golds, preds))
    scores = _score(pairs, labels)
    by_source = {}
    for source in sorted({g.source for g in golds}):
        by_source[source] = _score([pp for pp in pairs if pp[0].source == source], labels)
    scores["by_source"] = by_source
    return scores


def format_report(scores: dict, title: str | None = None) -> str:
    lines = []
    if title:
        lines += [title, "=" * len(title)]

    def block(s: dict, name: str) -> None:
        lines.append(
            f"{name}: {s['n_records']} records  entity micro F1 {s['micro_f']:.4f}  "
            f"macro F1 {s['macro_f']:.4f}  char macro F1 {s['char_macro_f']:.4f}"
        )

    block(scores, "all")
    lines.append(f"{'label':<6}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}")
    rows = list(scores["per_label"].items()) + [("micro", scores["micro"])]
    for label, v in rows:
        lines.append(
            f"{label:<6}{v['p']:>8.4f}{v['r']:>8.4f}{v['f']:>8.4f}{v['gold']:>8}{v['pred']:>8}"
        )
    for source, s in scores.get("by_source", {}).items():
        block(s, source)
        per = "  ".join(f"{l} {v['f']:.3f}" for l, v in s["per_label"].items())
        lines.append(f"  per label F1: {per}")
    return "\n".join(lines)
