"""korex_select: the last word on which entities the records report.

The statistical ner proposes names no lexicon or rule knows; about a third of the
organisations it proposes once in a passage, with nothing around them, are names of bodies
(the rest are brands, acronyms, facilities), and its lone persons are as often places and
companies. A model-only organisation is reported when the text gives it a part, as a deal
party or a person's employer, or names it more than once; a model-only person when it has a
title or an employer (a name repeated in quotes is as often a place or a firm).
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
        kept = [e for e in entities if self._keep(e, used)]
        for i, e in enumerate(sorted(kept, key=lambda e: e.first), 1):
            e.id = f"E{i}"
        doc._.korex_entities = sorted(kept, key=lambda e: e.first)
        return doc


    @staticmethod
    def _keep(e, used: set) -> bool:
        if all(m.source != "model" for m in e.mentions):
            return True
        if e.type in ORG_TYPES:
            # the name found twice by the finders, not merely written twice
            found = [m for m in e.mentions if m.rule != "org.name_repeat"]
            return id(e) in used or len(found) > 1
        if e.type == "PERSON":
            return bool(e.titles) or e.affiliation is not None
        return True


@Language.factory("korex_select", assigns=["doc._.korex_entities"])
def make_selector(nlp: Language, name: str):
    return Selector()
