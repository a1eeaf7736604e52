"""korex_resolve: the one place where candidates from the model, the dictionaries and the
grammars meet, and overlaps are settled.

Policy ``korex.rank_then_longest.v1``: each candidate is ranked by what found it, then by
length, then by score; the best is kept and every candidate overlapping it is dropped.

  rank 5  date and money grammars   they compute a value, which the model cannot
  rank 4  dictionary; person-title patterns   exact known names, and names anchored by a title
          (a body named by its head in parentheses, ``한빛군(군수 홍길동)``, included)
  rank 3  company/organization endings (``…전자``, ``…위원회``), ``㈜``, a firm descriptor
          before a name (``만화 업체 코미노``), an acronym spelled out (``NGDC(… 개발공사)``)
  rank 2  the statistical model     finds what no list knows, but its boundaries are softer
  rank 1  weak context rules (a partner in coordination)

Model spans that agree with a kept candidate raise its score (``agreement_bonus``). The kept
spans go to ``doc.spans["korex_resolved"]`` with their provenance and the resolver's score of
each (:func:`resolved_score`; the finders' own scores are never changed), and to ``doc.ents``
for displaCy and other spaCy tools.
"""
from __future__ import annotations

from functools import cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from korex import lexicons
from korex.components import candidates
from korex.components.org_rules import org_type
from korex.names import holds_a_name, lone_foreign_name, looks_like_person

RESOLVED = "korex_resolved"
REFS = "korex_refs"
_SCORES = "korex_resolved_scores"

DEFAULT_CONFIG = {
    "policy": "korex.rank_then_longest.v1",
    # KLUE labels of the statistical ner, as korex types; OG is decided by the rule layer
    # (org_type), and DT, TI, QT are left to the grammars, which compute values
    "model_labels": {"PS": "PERSON", "OG": "ORG", "LC": "LOCATION", "DT": "DATE", "TI": "TIME", "QT": "QUANTITY"},
    # the transition-based ner gives no probability per span: a model span's score is the
    # held-out precision of its label where the model's meta has it, else this
    "model_score": 0.8,
    # a lone transliterated word the model calls a person (나델라, 하만) is as often a company
    # or a product: a weak candidate, reported only where the text ties it to a body
    "lone_person_score": 0.5,
    # a model span that agrees exactly with a kept candidate raises its score by this
    "agreement_bonus": 0.05,
}


def resolved_score(span: Span) -> float:
    """The resolver's score of a span it kept (its finder's, raised where the model agreed);
    the finder's score for a span it did not see."""
    table = span.doc.user_data.get(_SCORES) or {}
    key = (span.start, span.end, span.label_, span.id_)
    if key in table:
        return table[key]
    return float(span._.korex_score or 0.5)


def rank(span: Span) -> int:
    source, rule = span._.korex_source, span._.korex_rule or ""
    if span.label_ in ("DATE", "TIME", "MONEY") and source == "rule":
        return 5
    if source == "dictionary" or rule.startswith("person.") or rule in ("org.group_of_known", "org.headed"):
        return 4
    if rule.startswith("org.suffix") or rule in ("org.corp_mark", "org.sa_marker", "org.described", "org.spelled_out",
                                                                "org.between_name_title", "org.ending_before_person",
                                                                "org.aside", "org.agency", "org.before_member",
                                                                "org.local_government"):
        return 3
    if source == "model" and rule != "ner.PS.lone":
        return 2
    return 1


class Resolver:
    def __init__(self, policy: str, model_labels: dict, model_score: float, lone_person_score: float,
                 agreement_bonus: float, label_precision: Optional[dict] = None):
        self.policy = policy
        self.model_labels = dict(model_labels)
        self.model_score = model_score
        self.lone_person_score = lone_person_score
        self.agreement_bonus = agreement_bonus
        self.label_precision = label_precision or {}

    def add_model_candidates(self, doc: Doc) -> None:
        """The statistical ner's spans (doc.ents, KLUE labels) as candidates of korex types.

        Dates, times and quantities are left to the grammars, which compute their values;
        a bare surname (박 of 박씨) names no one in the records."""
        for ent in doc.ents:
            label = self.model_labels.get(ent.label_)
            if label in (None, "DATE", "TIME", "QUANTITY"):
                continue
            if ent.label_ == "OG":
                ent = _with_glued_ending(ent)  # 미래한국|당: the model stopped before the ending
            if cuts_a_word(ent):
                continue  # 삼성 of 삼성SNS: the name goes on past the model's span
            if label != "PERSON" and holds_a_name(ent):
                continue  # 홍길동 가나부, 가나대 홍길동: a person's name and a body, read as one
            if label == "LOCATION" and _place_then_name(ent):
                continue  # 대만 HTC: a place and the name of something in it
            if ent.text in lexicons.locations():
                label = "LOCATION"
            elif label == "PERSON" and not looks_like_person(ent):
                if lone_foreign_name(ent):
                    # 나델라, 하만: as often a company or a product as a person; a weak
                    # candidate, reported only when the text ties it to a body (korex_select)
                    candidates.add(doc, ent.start, ent.end, label, source="model", score=self.lone_person_score,
                                   rule="ner.PS.lone")
                continue  # a company or a product the model read as a person, or a byline
            elif label == "ORG":
                label = org_type(ent)
                if label is None:
                    continue
            score = float(self.label_precision.get(ent.label_, self.model_score))
            candidates.add(doc, ent.start, ent.end, label, source="model", score=score, rule=f"ner.{ent.label_}")

    def __call__(self, doc: Doc) -> Doc:
        self.add_model_candidates(doc)
        cands = [s for s in candidates.of(doc) if s.label_ != "PERSON_REF"]
        refs = candidates.of(doc, "PERSON_REF")
        order = sorted(cands, key=lambda s: (-rank(s), -(s.end - s.start), -(s._.korex_score or 0), s.start))
        taken: dict[int, Span] = {}
        kept: list[Span] = []
        scores: dict[tuple, float] = {}
        for span in order:
            clash = {taken[i] for i in range(span.start, span.end) if i in taken}
            if clash:
                for other in clash:
                    if span._.korex_source == "model" and (other.start, other.end) == (span.start, span.end):
                        # the model agrees with a rule: more confidence, the same provenance
                        key = (other.start, other.end, other.label_, other.id_)
                        scores[key] = min(1.0, scores[key] + self.agreement_bonus)
                continue
            kept.append(span)
            scores[(span.start, span.end, span.label_, span.id_)] = float(span._.korex_score or 0.5)
            for i in range(span.start, span.end):
                taken[i] = span
        kept.sort(key=lambda s: s.start)
        doc.user_data[_SCORES] = scores
        doc.spans[RESOLVED] = kept
        doc.spans[REFS] = [r for r in refs if r.start not in taken]
        doc.ents = filter_spans([Span(doc, s.start, s.end, label=s.label_) for s in kept])
        return doc


def _with_glued_ending(span: Span) -> Span:
    """An OG span followed, with no space, by a token that is a body's ending (당, 위원회,
    그룹) is that body's name cut short: take the ending in."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end - 1].whitespace_:
        return span
    nxt = doc[span.end]
    if nxt.text in _endings() and (span.end + 1 == len(doc) or nxt.whitespace_
                                   or doc[span.end + 1].tag_.startswith(("J", "S"))):
        return Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def _place_then_name(span: Span) -> bool:
    """A country written before a Latin name (대만 HTC, 미국 GE) that no list knows as a place."""
    doc = span.doc
    first = doc[span.start]
    rest = doc[span.start + 1:span.end]
    return len(rest) > 0 and first.whitespace_ and first.text in lexicons.countries() \
        and rest.text not in lexicons.locations() and all(t.tag_ == "SL" or t.text in "-&" for t in rest)


@cache
def _endings() -> frozenset:
    return frozenset(x for x, _ in lexicons.org_endings())


def cuts_a_word(span: Span) -> bool:
    """The span is only part of a longer word (삼성 of 삼성SDI, 전자 of LG전자)."""
    doc = span.doc
    glued_after = span.end < len(doc) and not doc[span.end - 1].whitespace_ \
        and doc[span.end].tag_ in ("NNP", "NNG", "SL", "SN", "SH")
    glued_before = span.start > 0 and not doc[span.start - 1].whitespace_ \
        and doc[span.start - 1].tag_ in ("NNP", "NNG", "SL", "SN", "SH")
    return glued_after or glued_before


def _label_precision(nlp: Language) -> dict:
    per_type = (nlp.meta.get("performance") or {}).get("ents_per_type") or {}
    return {label: round(float(v.get("p", 0.8)), 3) for label, v in per_type.items() if isinstance(v, dict)}


@Language.factory("korex_resolve", assigns=["doc.ents", "doc.spans"], default_config=DEFAULT_CONFIG)
def make_resolver(nlp: Language, name: str, policy: str, model_labels: dict, model_score: float,
                  lone_person_score: float, agreement_bonus: float):
    return Resolver(policy, model_labels, model_score, lone_person_score, agreement_bonus, _label_precision(nlp))
