"""korex_org_rules: companies and organizations that no lexicon lists.

Two kinds of evidence, both about how Korean writes names of bodies:
- the ending of a proper-noun word: ``삼성전자``, ``하나은행``, ``㈜한화``, ``국가정보원``
  (the ending decides company versus organization);
- coordination with a known company: in ``현대모비스와 콘티넨탈 오토모티브가 합작법인을``
  the partner of a company is a company.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates

NAME_TAGS = {"NNP", "SL", "SN", "SH"}
NOUN_TAGS = NAME_TAGS | {"NNG", "XSN", "XPN"}
COORDINATORS = {"와", "과", "·", ",", "및", "-", "/"}


def word_spans(doc: Doc):
    """Each space-free word's leading noun part, as a token span (particles left out)."""
    i = 0
    n = len(doc)
    while i < n:
        j = i
        while j < n and doc[j].tag_.split("+")[0] in NOUN_TAGS | {"SW"} and doc[j].text not in COORDINATORS:
            j += 1
            if doc[j - 1].whitespace_:
                break
        if j > i:
            yield doc[i:j]
            i = j
        else:
            i += 1
        # skip the rest of the word (particles, endings)
        while i < n and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].tag_.split("+")[0] not in NOUN_TAGS:
            i += 1


def has_name_part(span: Span) -> bool:
    return any(t.tag_ in NAME_TAGS for t in span)


class OrgRules:
    def __init__(self):
        self._suffixes = None

    @property
    def suffixes(self):
        if self._suffixes is None:
            s = lexicons.org_suffixes()
            # the longest ending decides: 금융지주 before 지주, 대학교 before 대학
            # an ambiguous ending of one syllable (부, 원, 청) or one that also ends facilities
            # and slogans (센터, 코리아) is left to the lexicon and the model
            weak = {x for x in s.ambiguous if len(x) < 2} | set(s.not_alone)
            table = [(x, "COMPANY") for x in s.company if x not in weak]
            table += [(x, "ORGANIZATION") for x in s.organization if x not in weak]
            self._suffixes = (sorted(table, key=lambda p: -len(p[0])), tuple(s.company_prefix_marks))
        return self._suffixes

    def __call__(self, doc: Doc) -> Doc:
        table, corp_marks = self.suffixes
        for span in word_spans(doc):
            text = span.text
            if any(text.startswith(m) or text.endswith(m) for m in corp_marks) and len(text) > 3:
                candidates.add(doc, span.start, span.end, "COMPANY", source="rule", score=0.8, rule="org.corp_mark")
                continue
            for suffix, label in table:
                stem = text[: -len(suffix)] if text.endswith(suffix) else None
                # a bare ending (은행, 그룹) or a common-noun stem (이동통신) names nothing
                if stem and len(stem) >= 2 and has_name_part(span) and len(suffix) >= 2:
                    candidates.add(doc, span.start, span.end, label, source="rule", score=0.75,
                                   rule=f"org.suffix.{suffix}")
                    break
        self._coordinated(doc)
        return doc

    def _coordinated(self, doc: Doc) -> None:
        known = [s for s in candidates.of(doc, "COMPANY")]
        starts = {s.start: s for s in known}
        ends = {s.end: s for s in known}
        for span in known:
            # partner after: COMPANY와 NAME / COMPANY·NAME
            if span.end < len(doc) and doc[span.end].text in COORDINATORS:
                partner = _name_run(doc, span.end + 1, forward=True)
                if partner is not None and partner.start not in starts:
                    candidates.add(doc, partner.start, partner.end, "COMPANY", source="rule", score=0.6,
                                   rule="org.coordinated")
            # partner before: NAME와 COMPANY
            if span.start >= 2 and doc[span.start - 1].text in COORDINATORS:
                partner = _name_run(doc, span.start - 2, forward=False)
                if partner is not None and partner.end not in ends:
                    candidates.add(doc, partner.start, partner.end, "COMPANY", source="rule", score=0.6,
                                   rule="org.coordinated")


def _name_run(doc: Doc, i: int, *, forward: bool, max_tokens: int = 4):
    """Proper-noun tokens from i (up to max_tokens, spaces allowed between them)."""
    if not (0 <= i < len(doc)) or doc[i].tag_ not in NAME_TAGS:
        return None
    lo = hi = i
    step = 1 if forward else -1
    j = i + step
    while 0 <= j < len(doc) and abs(j - i) < max_tokens and doc[j].tag_ in NAME_TAGS:
        if forward:
            hi = j
        else:
            lo = j
        j += step
    span = doc[lo:hi + 1]
    # a lone number or a one-syllable word is no company name
    if all(t.tag_ == "SN" for t in span) or len(span.text) < 2:
        return None
    return span


@Language.factory("korex_org_rules", assigns=["doc.spans"])
def make_org_rules(nlp: Language, name: str):
    return OrgRules()
