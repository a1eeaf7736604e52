"""korex_dates: DATE, TIME and MONEY candidates from the date and money grammars."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from korex import dates as date_grammar
from korex import money as money_grammar
from korex.components import candidates


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        ref = doc._.korex_reference_date
        # the article's own dateline is metadata, not a date the story talks about
        dateline = date_grammar.find_dateline(doc.text)
        for m in date_grammar.find_dates(doc.text, ref):
            if dateline and dateline[1] <= m.start < dateline[2]:
                continue
            span = candidates.char_span(doc, m.start, m.end)
            if span is None:
                continue
            candidates.add(doc, span.start, span.end, m.kind, source="rule", score=0.95, rule=m.rule,
                           value=m.value, mod=m.mod)
        for m in money_grammar.find_money(doc.text):
            span = candidates.char_span(doc, m.start, m.end)
            if span is None:
                continue
            candidates.add(doc, span.start, span.end, "MONEY", source="rule", score=0.95, rule=m.rule,
                           value=m.value, currency=m.currency)
        return doc


@Language.factory("korex_dates", assigns=["doc.spans"])
def make_date_finder(nlp: Language, name: str):
    return DateFinder()
