"""korex_relations: EMPLOYEE_OF between a person and the body where they hold a title.

The evidence is the title pattern that linked them (``이재용 삼성전자 부회장``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc


@dataclass
class Employment:
    person: object      # korex.components.entities.Entity
    employer: object
    title: Optional[str]
    evidence: tuple[int, int]


class RelationFinder:
    def __call__(self, doc: Doc) -> Doc:
        out: list[Employment] = []
        seen = set()
        for e in doc._.korex_entities or []:
            if e.type != "PERSON" or e.affiliation is None:
                continue
            for m in sorted(e.mentions, key=lambda m: m.start):
                for link in m.links:
                    if link.employer is None or not e.affiliation.covers(*link.employer):
                        continue
                    title = link.titles[0] if link.titles else None
                    key = (e.id, e.affiliation.id, title)
                    if key not in seen:
                        seen.add(key)
                        out.append(Employment(e, e.affiliation, title, link.evidence))
            if not any(r.person is e for r in out) and e.affiliation_evidence is not None:
                # employer inferred from the sentence: the sentence is the evidence; an employer
                # inferred from the article as a whole gets no relation, having no evidence span
                out.append(Employment(e, e.affiliation, e.titles[0] if e.titles else None, e.affiliation_evidence))
        doc._.korex_relations = out
        return doc


@Language.factory("korex_relations", assigns=["doc._.korex_relations"])
def make_relation_finder(nlp: Language, name: str):
    return RelationFinder()
