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

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

ORG_TYPES = ("COMPANY", "ORGANIZATION")
# where a photo caption says who stands where
POSITION_MARKS = ("(왼쪽", "(오른쪽", "왼쪽에서", "왼쪽부터", "오른쪽부터", "왼쪽 두 번째", "왼쪽 세 번째")
PHOTO_CREDITS = ("[사진", "(사진", "사진=", "사진제공", "/사진")


def caption_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of photo captions: sentences that place people in the picture
    (``(왼쪽에서 세 번째)``), or that end right before a photo credit (``…하고 있다.
    뉴시스``, ``[사진=…]``). The guide keeps captions out of the records: a person named only
    there is not in the story."""
    media = _media_names()
    whole = doc.text
    out = []
    for sent in doc.sents:
        text = sent.text
        after = whole[sent.end_char:sent.end_char + 30].lstrip()
        credited = after.startswith(PHOTO_CREDITS) or any(
            after.startswith(m) and _set_apart(after[len(m):len(m) + 2]) for m in media)
        credited = credited or any(c in text.lstrip()[1:] for c in PHOTO_CREDITS)  # "…있다. [사진=…]"
        if any(p in text for p in POSITION_MARKS) or credited:
            out.append((sent.start_char, sent.end_char))
    return out


@cache
def _media_names() -> tuple[str, ...]:
    from korex import lexicons

    return tuple(e.name for e in lexicons.companies() if e.kind == "media")


def _set_apart(gap: str) -> bool:
    """What follows a credit: the end of the text, a line break or a wide gap."""
    return gap == "" or gap.startswith("\n") or gap == "  "


def _inside(m, spans) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


class Selector:
    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.korex_entities or []
        used = {id(e) for d in doc._.korex_deals or [] for e, _ in d.parties}
        used |= {id(e.affiliation) for e in entities if e.type == "PERSON" and e.affiliation is not None}
        used |= {id(r.employer) for r in doc._.korex_relations or []}
        captions = caption_spans(doc)
        kept = [e for e in entities if self._keep(e, used)
                and not (e.type == "PERSON" and e.mentions and all(_inside(m, captions) for m in e.mentions))]
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
