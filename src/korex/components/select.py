"""korex_select: the last word on which entities the records report.

The statistical ner proposes organisation names no lexicon or rule knows; about a third of
those it proposes once in a passage, with nothing around them, are names of bodies (the
rest are brands, acronyms, facilities). A model-only organisation is reported when the text
gives it a part, as a deal party or a person's employer, or names it more than once.
Entity ids are given again in text order after the selection.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

ORG_TYPES = ("COMPANY", "ORGANIZATION")


class Selector:
    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.korex_entities or []
        used = {id(e) for d in doc._.korex_deals or [] for e, _ in d.parties}
        used |= {id(e.affiliation) for e in entities if e.type == "PERSON" and e.affiliation is not None}
        used |= {id(r.employer) for r in doc._.korex_relations or []}
        kept = [e for e in entities if e.type not in ORG_TYPES or id(e) in used or len(e.mentions) > 1
                or any(m.source != "model" for m in e.mentions)]
        for i, e in enumerate(sorted(kept, key=lambda e: e.first), 1):
            e.id = f"E{i}"
        doc._.korex_entities = sorted(kept, key=lambda e: e.first)
        return doc


@Language.factory("korex_select", assigns=["doc._.korex_entities"])
def make_selector(nlp: Language, name: str):
    return Selector()
