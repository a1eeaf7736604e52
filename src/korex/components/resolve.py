"""korex_resolve: the one place where candidates from the model, the dictionaries and the
grammars meet, and overlaps are settled.

Policy ``korex.rank_then_longest.v1``: each candidate is ranked by what found it, then by
length, then by score; the best is kept and every candidate overlapping it is dropped.

  rank 5  date and money grammars   they compute a value, which the model cannot
  rank 4  dictionary; person-title patterns   exact known names, and names anchored by a title
  rank 3  company/organization endings (``…전자``, ``…위원회``), ``㈜``
  rank 2  the statistical model     finds what no list knows, but its boundaries are softer
  rank 1  weak context rules (a partner in coordination)

Model spans that agree with a kept candidate raise its score. The kept spans go to
``doc.spans["korex_resolved"]`` with their provenance, and to ``doc.ents`` for displaCy
and other spaCy tools.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from korex.components import candidates

RESOLVED = "korex_resolved"
REFS = "korex_refs"

# KLUE labels of the statistical ner, as korex types; OG is decided by the rule layer
MODEL_LABELS = {"PS": "PERSON", "OG": "ORG", "LC": "LOCATION", "DT": "DATE", "TI": "TIME", "QT": "QUANTITY"}


def rank(span: Span) -> int:
    source, rule = span._.korex_source, span._.korex_rule or ""
    if span.label_ in ("DATE", "TIME", "MONEY") and source == "rule":
        return 5
    if source == "dictionary" or rule.startswith("person.") or rule == "org.group_of_known":
        return 4
    if rule.startswith("org.suffix") or rule == "org.corp_mark":
        return 3
    if source == "model":
        return 2
    return 1


class Resolver:
    def __init__(self, policy: str = "korex.rank_then_longest.v1"):
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        cands = [s for s in candidates.of(doc) if s.label_ != "PERSON_REF"]
        refs = candidates.of(doc, "PERSON_REF")
        order = sorted(cands, key=lambda s: (-rank(s), -(s.end - s.start), -(s._.korex_score or 0), s.start))
        taken: dict[int, Span] = {}
        kept: list[Span] = []
        for span in order:
            clash = {taken[i] for i in range(span.start, span.end) if i in taken}
            if clash:
                for other in clash:
                    if span._.korex_source == "model" and (other.start, other.end) == (span.start, span.end):
                        # the model agrees with a rule: more confidence, same provenance
                        info = candidates.provenance(other)
                        info.score = min(1.0, info.score + 0.05)
                continue
            kept.append(span)
            for i in range(span.start, span.end):
                taken[i] = span
        kept.sort(key=lambda s: s.start)
        doc.spans[RESOLVED] = kept
        doc.spans[REFS] = [r for r in refs if r.start not in taken]
        doc.ents = filter_spans([Span(doc, s.start, s.end, label=s.label_) for s in kept])
        return doc


@Language.factory("korex_resolve", assigns=["doc.ents", "doc.spans"],
                  default_config={"policy": "korex.rank_then_longest.v1"})
def make_resolver(nlp: Language, name: str, policy: str):
    return Resolver(policy)
