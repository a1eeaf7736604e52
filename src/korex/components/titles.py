"""Where a job title is in the text and what it holds: the title phrases the people finder
builds its patterns on (a mixin of :class:`korex.components.people.PeopleReading`).

- ``김병호 하나은행장``, ``경영지원실장``: a title Kiwi did not cut off its word;
- ``누리은행|장``: 장 (head) cut off a known body's name;
- ``최고경영자(CEO)``, ``SD본부장(부사장)``: a title restated in parentheses;
- ``생활가전사업부 사장``, ``대표이사 사장``, ``경영지원본부장 전무``: a department before the
  title, a chain of titles of one person;
- ``회장단``, ``사장실``: a title that goes on into a longer noun is none.
"""
from __future__ import annotations

from functools import cache
from typing import Optional

from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.components.posts import BODY_HEADS
from korex.words import is_break, word_before

ORG_LABELS = ("COMPANY", "ORGANIZATION")


@cache
def glue_titles() -> tuple[str, ...]:
    """Titles that Korean glues to the body's name (하나은행장, 서울시장, 국세청장, 영월군수),
    longest first."""
    t = lexicons.titles()
    return tuple(sorted((x for x in t.all if x.endswith("장") and len(x) >= 2 or x in lexicons.words("people")["glued_heads"]),
                        key=len, reverse=True))


class TitleSpans:
    def _glued_titles(self, doc: Doc) -> list[Span]:
        """``김병호 하나은행장``, ``경영지원실장``: a one-token word ending in a title that Kiwi did
        not cut off, after a person's name; the whole word is taken as the title."""
        out = []
        for tok in doc:
            if tok.tag_ not in ("NNP", "NNG") or len(tok.text) < 4 or tok.i == 0 or not doc[tok.i - 1].whitespace_:
                continue
            title = next((t for t in glue_titles() if tok.text.endswith(t) and len(tok.text) - len(t) >= 2), None)
            if title is None:
                continue
            # the name right before, or before a department word (김철수 MX사업부 전략기획실장)
            start = tok.i
            while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].tag_ in ("NNG", "NNP", "SL"):
                start -= 1
            for _ in range(2):
                name = word_before(doc, start)
                if name is None:
                    break
                if self.shapes.is_korean_name(name) or start in self._model_names:
                    out.append(doc[tok.i:tok.i + 1])
                    break
                start = name.start
        return out

    @staticmethod
    def _head_suffixes(doc: Doc) -> list[Span]:
        """``누리은행|장``, ``누리청|장``: 장 (head) that Kiwi cut off a known body's name glued
        before it; the body and 장 make the title (누리은행장), the body is the employer."""
        known = {s.end for s in candidates.of(doc, *ORG_LABELS) if s._.korex_source == "dictionary"}
        return [doc[t.i:t.i + 1] for t in doc
                if t.text == "장" and t.i in known and not doc[t.i - 1].whitespace_
                and (t.whitespace_ or t.i + 1 == len(doc) or doc[t.i + 1].tag_[:1] in ("J", "S"))]

    @staticmethod
    def _join_coordinated(doc: Doc, orgs: dict) -> None:
        """``현대·기아차 본부장``: bodies joined by a middle dot hold the title together; the
        span the employer patterns see runs from the first to the last."""
        for i in sorted(orgs):
            if i + 2 in orgs and doc[i + 1].text in ("·", "ㆍ") and orgs[i] is not orgs[i + 2]:
                first, second = orgs[i], orgs[i + 2]
                if first.end == i + 1 and second.start == i + 2:
                    joined = doc[first.start:second.end]
                    for k in range(joined.start, joined.end):
                        orgs[k] = joined

    def _inside_word(self, doc: Doc, title: Span) -> bool:
        """A title followed by more of its word is a longer noun (회장단, 사장실)."""
        return title.end < len(doc) and not doc[title.end - 1].whitespace_ and doc[title.end].tag_ in ("NNG", "NNP", "XSN")

    def _title_group(self, doc: Doc, t: Span, title_at: dict) -> list[Span]:
        """The title and its restatements: ``최고경영자(CEO)``, ``SD본부장(부사장)``."""
        group = [t]
        j = t.end
        if j < len(doc) and doc[j].text == "(" and j + 1 in title_at:
            inner = title_at[j + 1]
            if inner.end < len(doc) and doc[inner.end].text == ")":
                group.append(inner)
        return group

    def _title_start(self, doc: Doc, t: Span, orgs: dict, title_ends: dict) -> tuple[int, list[str]]:
        """Where the whole title begins, and the titles it holds: a department glued to it
        (``SD본부장``, ``제1차관``) or standing before it (``생활가전사업부 사장``), and a
        chain of titles (``대표이사 사장``, ``경영지원본부장 전무``)."""
        start, texts = t.start, []
        for _ in range(3):
            # glued to the word before: part of the title unless it is the employer
            j = start
            while j > 0 and not doc[j - 1].whitespace_ and not is_break(doc[j - 1]) \
                    and doc[j - 1].tag_[:1] not in ("J", "E") and j - 1 not in orgs:
                j -= 1
            if j < start and (j == 0 or doc[j - 1].whitespace_ or is_break(doc[j - 1])) \
                    and self._glued_name(doc, start) is None:
                start = j
            word = word_before(doc, start)
            if word is None or any(i in orgs for i in range(word.start, word.end)):
                break
            if word.end in title_ends:  # a title before this one: the same person's
                texts.insert(0, word.text)
                start = word.start
                continue
            if any(word.text.endswith(x) for x in self.lex.department_suffixes) and len(word.text) > 2 \
                    and not self.shapes.is_korean_name(word):
                start = word.start
            elif self._department_run(doc, word, orgs) is not None:
                # 한빛전자 차량 전장 부문 부사장: a department of several words after the body
                start = self._department_run(doc, word, orgs)
            elif self._is_department(word) and t.text not in BODY_HEADS:
                # 서정식 클라우드추진 본부장, 누리전자 사업지원TF 사장: a compound noun between a
                # name or a body and the title
                before = word_before(doc, word.start)
                if before is not None and (self.shapes.is_korean_name(before) or before.end - 1 in orgs):
                    start = word.start
            break
        return start, texts

    def _department_run(self, doc: Doc, last: Span, orgs: dict) -> Optional[int]:
        """Start of a run of up to three noun words ending in a department word (…부문,
        …본부) right after a known body, or None."""
        if not any(last.text.endswith(x) for x in self.lex.department_suffixes):
            return None
        first = last
        for _ in range(3):
            prev = word_before(doc, first.start)
            if prev is None:
                return None
            if prev.end - 1 in orgs:
                return first.start
            if not all(t.tag_ in ("NNG", "NNP", "SL") for t in prev) or self.shapes.is_korean_name(prev):
                return None
            first = prev
        return None

    def _is_department(self, word: Span) -> bool:
        """A compound of nouns (클라우드|추진) that is no name, place or known body, and does
        not end like one (누리도의회)."""
        return (len(word) >= 2 and len(word.text) >= 3 and all(t.tag_ in ("NNG", "NNP", "SL") for t in word)
                and not self.shapes.known_word(word.text) and not self.shapes.is_korean_name(word)
                and self.shapes.body_ending(word) is None
                and not (word[0].tag_ == "SL" and any(t.tag_ != "SL" for t in word)))
        # (a word led by Latin letters, ADT캡스, is a firm's name; a unit ends in them, 사업지원TF)
