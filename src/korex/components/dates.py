"""korex_dates: DATE, TIME and MONEY candidates from the date and money grammars.

Relative dates resolve against the document's reference date: the one the caller gave
(``doc._.korex_reference_date``), else the article's own date line at its top, which this
component finds and records (``doc._.korex_dateline``) and which is metadata, not a date the
story talks about.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from korex import dates as date_grammar
from korex import money as money_grammar
from korex.components import candidates
from korex.extensions import doc_text, reference_date


class DateFinder:
    def __init__(self, score: float = 0.95):
        self.score = score

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        dateline = date_grammar.find_dateline(text)
        if dateline is not None:
            doc._.korex_dateline = dateline[0]
        ref = reference_date(doc)
        for m in date_grammar.find_dates(text, ref):
            if dateline and dateline[1] <= m.start < dateline[2]:
                continue
            span = candidates.char_span(doc, m.start, m.end)
            if span is None:
                continue
            candidates.add(doc, span.start, span.end, m.kind, source="rule", score=self.score, rule=m.rule,
                           value=m.value, mod=m.mod)
        for m in money_grammar.find_money(text):
            span = candidates.char_span(doc, m.start, m.end)
            if span is None:
                continue
            candidates.add(doc, span.start, span.end, "MONEY", source="rule", score=self.score, rule=m.rule,
                           value=m.value, currency=m.currency)
        return doc


@Language.factory("korex_dates", assigns=["doc.spans", "doc._.korex_dateline"], default_config={"score": 0.95})
def make_date_finder(nlp: Language, name: str, score: float):
    return DateFinder(score)
