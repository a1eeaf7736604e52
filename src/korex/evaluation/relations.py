"""Scoring korex's employment relation (``EMPLOYEE_OF``) end to end against KLUE-RE.

KLUE-RE labels one (subject, object) pair of gold entity spans per record. This module keeps
the records whose two entities are a ``PER`` and an ``ORG`` (in either order) and turns each
into a binary question: *is this person employed by / a member of this organisation?*

* **Gold**: positive when the label is ``per:employee_of`` (PER subject) or
  ``org:top_members/employees`` (ORG subject); every other label, ``no_relation`` included,
  is negative (``org:founded_by`` and ``per:schools_attended`` included: korex linking a
  founder or an alumnus is a false positive here). KLUE labels one pair per record, so
  korex's other relations in the same text are neither credited nor counted against it.
* **Prediction**: korex runs once on each distinct text (``extractor.pipe``, so
  ``n_process`` works). The pair is predicted positive when korex has a ``PERSON`` entity that
  *matches* the gold PER span and a ``COMPANY`` or ``ORGANIZATION`` entity that *matches* the
  gold ORG span, and links the two: an ``EMPLOYEE_OF`` relation with that person as head and
  that organisation as tail, or the person's ``affiliation`` set to the organisation's id.
  An entity matches a gold span when **any one of its mentions** matches it, so korex is
  credited at the entity level: linking a person to another mention of the same organisation
  counts.

Span matching (``match="contain"``, the default): both spans are first trimmed of whitespace
at their ends, then one must lie inside the other (either direction). Containment, not
exact match, because KLUE's spans and korex's mentions draw boundaries differently on
purpose: KLUE often takes a title or honorific into a PER span (``심 의원``, ``김 씨``) and
short forms into ORG spans, while korex's mention is the bare name; those are the same
entity and should count. Containment, not mere overlap, because a crossing span (korex's
ORG mention running on into the person's name, or a PERSON mention swallowing part of the
organisation) means korex found a different, mis-bounded thing, and crediting it would
inflate the "entity found" figures this report uses to separate detection errors from
linking errors. ``match="overlap"`` (trimmed spans share a character) is available to see
how much that choice matters.

Reported: precision, recall and F1 of the positive class over the pairs with tp/fp/fn/tn;
for the gold positives, how many had both entities found by korex (an upper bound on what
linking alone could reach), one of them, or neither; the false negatives split by cause
(person not found, organisation not found, neither found, both found but not linked); the
false positives by their gold label; recall per gold label and scores per KLUE source; and
the extraction time with texts per second (overall, and after the start-up
that the first text pays).
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional, Sequence

POSITIVE_LABELS = ("per:employee_of", "org:top_members/employees")
ORG_TYPES = ("COMPANY", "ORGANIZATION")
MATCH_RULES = ("contain", "overlap")
FN_CAUSES = ("person_not_found", "org_not_found", "neither_found", "not_linked")


@dataclass(frozen=True)
class GoldSpan:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EmploymentPair:
    """One KLUE-RE record reduced to a person, an organisation and a yes/no label."""

    id: str
    text: str
    label: str
    source: str
    person: GoldSpan
    org: GoldSpan

    @property
    def gold(self) -> bool:
        return self.label in POSITIVE_LABELS


@dataclass
class PairOutcome:
    """What korex did on one pair: the ids of the entities matching each gold span, whether
    any of them are linked, and the types of other entities that matched a span."""

    pair: EmploymentPair
    persons: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    linked: bool = False
    person_other_types: list[str] = field(default_factory=list)
    org_other_types: list[str] = field(default_factory=list)

    @property
    def predicted(self) -> bool:
        return self.linked

    @property
    def cause(self) -> Optional[str]:
        """For a false negative, why: one of :data:`FN_CAUSES`; else None."""
        if not self.pair.gold or self.predicted:
            return None
        if not self.persons and not self.orgs:
            return "neither_found"
        if not self.persons:
            return "person_not_found"
        if not self.orgs:
            return "org_not_found"
        return "not_linked"


def read_employment_pairs(path: str | Path, *, limit: Optional[int] = None) -> list[EmploymentPair]:
    """The PER–ORG records (either order) of a KLUE-RE ``.jsonl``, in file order; with
    ``limit``, only the first ``limit`` of them."""
    pairs: list[EmploymentPair] = []
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            subj, obj = rec["subject"], rec["object"]
            types = (subj["type"], obj["type"])
            if types == ("PER", "ORG"):
                per, org = subj, obj
            elif types == ("ORG", "PER"):
                org, per = subj, obj
            else:
                continue
            text = rec["text"]
            for ent in (per, org):
                if text[ent["start"]:ent["end"]] != ent["text"]:
                    raise ValueError(f"{path}:{n}: span {ent['start']}-{ent['end']} is not {ent['text']!r}")
            pairs.append(EmploymentPair(
                id=str(rec.get("id", n)), text=text, label=rec["label"], source=rec.get("source", "unknown"),
                person=GoldSpan(per["text"], per["start"], per["end"]),
                org=GoldSpan(org["text"], org["start"], org["end"]),
            ))
            if limit and len(pairs) >= limit:
                break
    return pairs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def spans_match(text: str, a: tuple[int, int], b: tuple[int, int], rule: str = "contain") -> bool:
    """Whether spans ``a`` and ``b`` of ``text`` match under ``rule`` (see the module doc):
    after trimming whitespace at their ends, ``contain``: one lies inside the other;
    ``overlap``: they share a character. An all-whitespace span matches nothing."""
    a0, a1 = _trim(text, *a)
    b0, b1 = _trim(text, *b)
    if a0 >= a1 or b0 >= b1:
        return False
    if rule == "contain":
        return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    if rule == "overlap":
        return a0 < b1 and b0 < a1
    raise ValueError(f"unknown match rule {rule!r}; one of {MATCH_RULES}")


def judge_pair(pair: EmploymentPair, document, match: str = "contain") -> PairOutcome:
    """Compare korex's ``document`` for ``pair.text`` with the gold pair."""
    out = PairOutcome(pair)
    text = pair.text
    per_span, org_span = (pair.person.start, pair.person.end), (pair.org.start, pair.org.end)
    for ent in document.entities:
        hits_per = any(spans_match(text, (m.start, m.end), per_span, match) for m in ent.mentions)
        hits_org = any(spans_match(text, (m.start, m.end), org_span, match) for m in ent.mentions)
        if hits_per:
            (out.persons if ent.type == "PERSON" else out.person_other_types).append(
                ent.id if ent.type == "PERSON" else ent.type)
        if hits_org:
            (out.orgs if ent.type in ORG_TYPES else out.org_other_types).append(
                ent.id if ent.type in ORG_TYPES else ent.type)
    if out.persons and out.orgs:
        persons, orgs = set(out.persons), set(out.orgs)
        links = {(r.head, r.tail) for r in document.relations if r.type == "EMPLOYEE_OF"}
        links |= {(e.id, e.affiliation) for e in document.entities
                  if e.type == "PERSON" and getattr(e, "affiliation", None)}
        out.linked = any(h in persons and t in orgs for h, t in links)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_outcomes(outcomes: Sequence[PairOutcome]) -> dict:
    """The figures of the module doc from judged pairs (no timing)."""
    tp = fp = fn = tn = 0
    found = Counter()
    causes = Counter({c: 0 for c in FN_CAUSES})
    fp_labels: Counter = Counter()
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_source: dict[str, Counter] = defaultdict(Counter)
    other_types = {"person": Counter(), "org": Counter()}
    for o in outcomes:
        gold, pred = o.pair.gold, o.predicted
        key = "tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"
        by_source[o.pair.source][key] += 1
        if gold:
            by_label[o.pair.label][key] += 1
            p_ok, o_ok = bool(o.persons), bool(o.orgs)
            found["both_found" if p_ok and o_ok else "person_only" if p_ok
                  else "org_only" if o_ok else "neither_found"] += 1
            if not p_ok:
                other_types["person"].update(set(o.person_other_types))
            if not o_ok:
                other_types["org"].update(set(o.org_other_types))
        if key == "tp":
            tp += 1
        elif key == "fp":
            fp += 1
            fp_labels[o.pair.label] += 1
        elif key == "fn":
            fn += 1
            causes[o.cause] += 1
        else:
            tn += 1
    n_pos = tp + fn
    gold_pos = {k: found[k] for k in ("both_found", "person_only", "org_only", "neither_found")}
    return {
        "pairs": len(outcomes),
        "positives": n_pos,
        "negatives": len(outcomes) - n_pos,
        "employment": {**_prf(tp, fp, fn), "tn": tn},
        "gold_positives": {**gold_pos, "recall_upper_bound": round(found["both_found"] / n_pos, 4) if n_pos else 0.0},
        "false_negatives": dict(causes),
        # Among gold positives whose person (org) korex did not find as a PERSON (COMPANY or
        # ORGANIZATION): how many had the span matched by an entity of this other type.
        "missed_as_other_type": {k: dict(v.most_common()) for k, v in other_types.items()},
        "false_positives_by_label": dict(fp_labels.most_common()),
        "recall_by_label": {lab: {"r": round(c["tp"] / (c["tp"] + c["fn"]), 4) if c["tp"] + c["fn"] else 0.0,
                                  "tp": c["tp"], "fn": c["fn"]} for lab, c in sorted(by_label.items())},
        "by_source": {src: _prf(c["tp"], c["fp"], c["fn"]) | {"pairs": sum(c.values())}
                      for src, c in sorted(by_source.items())},
    }


def evaluate_re(path: str | Path, extractor, *, limit: Optional[int] = None, n_process: int = 1,
                batch_size: int = 32, match: str = "contain", keep_outcomes: bool = False) -> dict:
    """Run ``extractor`` on the KLUE-RE file at ``path`` and score its employment relation.

    Only the PER–ORG records are used (the first ``limit`` of them with ``limit``); each
    distinct text goes through ``extractor.pipe(..., n_process=n_process)`` once. Returns the
    dict of :func:`score_outcomes` plus ``file``, ``match``, ``texts``, ``n_process``,
    ``seconds`` (extraction wall time: lazy start-up, i.e. loading the tokenizer's model on
    the first text or starting the workers, included), ``texts_per_s`` (over all of it),
    ``first_doc_s`` (time to the first Document, mostly that start-up) and
    ``texts_per_s_after_first`` (the steady rate, start-up left out); with
    ``keep_outcomes`` also ``outcomes`` (the :class:`PairOutcome` list) and ``documents``
    (text → korex Document), for looking at the errors.
    """
    if match not in MATCH_RULES:
        raise ValueError(f"unknown match rule {match!r}; one of {MATCH_RULES}")
    pairs = read_employment_pairs(path, limit=limit)
    texts = list(dict.fromkeys(p.text for p in pairs))
    documents = {}
    first: Optional[float] = None
    t0 = time.perf_counter()
    for text, doc in zip(texts, extractor.pipe(texts, batch_size=batch_size, n_process=n_process)):
        documents[text] = doc
        if first is None:
            first = time.perf_counter() - t0
    seconds = time.perf_counter() - t0
    first = first or 0.0
    rest = seconds - first
    outcomes = [judge_pair(p, documents[p.text], match) for p in pairs]
    scores = {"file": str(path), "match": match, "texts": len(texts), **score_outcomes(outcomes),
              "n_process": n_process, "seconds": round(seconds, 2),
              "texts_per_s": round(len(texts) / seconds, 2) if seconds > 0 else 0.0,
              "first_doc_s": round(first, 2),
              "texts_per_s_after_first": round((len(texts) - 1) / rest, 2) if rest > 0 and len(texts) > 1 else 0.0}
    if keep_outcomes:
        scores["outcomes"] = outcomes
        scores["documents"] = documents
    return scores


def format_re_report(s: dict) -> str:
    """A plain-text report of :func:`evaluate_re`'s figures."""
    e, g, fn = s["employment"], s["gold_positives"], s["false_negatives"]
    lines = [
        f"KLUE-RE employment (EMPLOYEE_OF) on {s.get('file', '?')}  [span match: {s.get('match', 'contain')}]",
        f"  PER-ORG pairs {s['pairs']}: {s['positives']} positive "
        f"(per:employee_of, org:top_members/employees), {s['negatives']} negative; {s.get('texts', '?')} distinct texts",
        f"  precision {e['p']:.4f}  recall {e['r']:.4f}  F1 {e['f1']:.4f}   "
        f"tp {e['tp']}  fp {e['fp']}  fn {e['fn']}  tn {e['tn']}",
        f"  gold positives with both entities found: {g['both_found']} "
        f"(recall upper bound {g['recall_upper_bound']:.4f}); person only {g['person_only']}, "
        f"org only {g['org_only']}, neither {g['neither_found']}",
        "  false negatives: " + ", ".join(f"{k.replace('_', ' ')} {fn[k]}" for k in FN_CAUSES),
    ]
    other = s.get("missed_as_other_type") or {}
    for k in ("person", "org"):
        if other.get(k):
            lines.append(f"  missed {k} spans found as another type: "
                         + ", ".join(f"{t} {n}" for t, n in other[k].items()))
    if s.get("false_positives_by_label"):
        lines.append("  false positives by gold label: "
                     + ", ".join(f"{k} {v}" for k, v in s["false_positives_by_label"].items()))
    for lab, c in s.get("recall_by_label", {}).items():
        lines.append(f"  recall on {lab}: {c['r']:.4f} ({c['tp']}/{c['tp'] + c['fn']})")
    for src, c in s.get("by_source", {}).items():
        lines.append(f"  {src:<16} pairs {c['pairs']:>4}  P {c['p']:.4f}  R {c['r']:.4f}  "
                     f"tp {c['tp']} fp {c['fp']} fn {c['fn']}")
    if "seconds" in s:
        lines.append(f"  extraction: {s.get('texts', '?')} texts in {s['seconds']:.2f} s "
                     f"({s['texts_per_s']:.2f} texts/s, n_process {s.get('n_process', 1)}); "
                     f"first text after {s.get('first_doc_s', 0):.2f} s (start-up), "
                     f"then {s.get('texts_per_s_after_first', 0):.2f} texts/s")
    return "\n".join(lines)


def outcome_record(o: PairOutcome, document=None) -> dict:
    """One judged pair as a plain dict (for dumping errors to look at)."""
    d = {"id": o.pair.id, "label": o.pair.label, "gold": o.pair.gold, "pred": o.predicted,
         "cause": o.cause, "text": o.pair.text,
         "person": asdict(o.pair.person), "org": asdict(o.pair.org),
         "persons": o.persons, "orgs": o.orgs,
         "person_other_types": o.person_other_types, "org_other_types": o.org_other_types}
    if document is not None:
        d["korex"] = [
            {"id": e.id, "type": e.type, "name": e.name,
             "mentions": [(m.start, m.end) for m in e.mentions],
             **({"titles": e.titles, "affiliation": e.affiliation} if e.type == "PERSON" else {})}
            for e in document.entities if e.type in ("PERSON", *ORG_TYPES, "LOCATION")]
        d["relations"] = [(r.head, r.tail, r.title) for r in document.relations]
    return d
