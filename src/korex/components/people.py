"""korex_people: people named next to their job titles, and their employers.

Korean news introduces a person with a title and, usually, the body where they hold it, in
a few fixed orders:

- ``이재용 삼성전자 부회장``      NAME ORG TITLE
- ``KT 김일영 부사장``, ``SAP의 하소 플래트너 회장``   ORG(의) NAME TITLE
- ``삼성전자 부회장 이재용``      ORG TITLE NAME
- ``나델라 CEO``, ``손정의 회장``  NAME TITLE (the employer named earlier in the sentence)
- ``이 회장``, ``손 회장``        SURNAME TITLE: a later mention of someone already named

Titles are found by the lexicon on characters (``최고|경영자`` is two morphemes), a title in
parentheses after another is the same title written twice (``최고경영자(CEO)``), and a
department word right before the title belongs to it (``생활가전사업부 사장``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.matching import TokenPhraseMatcher, longest_first

ORG_LABELS = ("COMPANY", "ORGANIZATION")


def is_hangul(text: str) -> bool:
    return bool(text) and all("가" <= ch <= "힣" for ch in text)


@dataclass
class PersonLink:
    """What a title pattern says about one person mention."""

    titles: list[str] = field(default_factory=list)
    employer: Optional[tuple[int, int]] = None  # token offsets of the employer span
    evidence: tuple[int, int] = (0, 0)            # character offsets of the whole pattern
    rule: str = ""


class PeopleFinder:
    def __init__(self):
        self._titles = None

    def _load(self):
        if self._titles is None:
            t = lexicons.titles()
            self._titles = TokenPhraseMatcher((x, x) for x in t.all)
            self._lex = t
            self._surnames = set(lexicons.surnames())
            self._stop = set(lexicons.non_names())
        return self._titles

    # --- what a token can be -------------------------------------------------------------
    def is_korean_name(self, tok) -> bool:
        text = tok.text
        if not (tok.tag_ == "NNP" and is_hangul(text) and 2 <= len(text) <= 4):
            return False
        if text in self._stop or text in self._lex.all:
            return False
        return text[0] in self._surnames or text[:2] in self._surnames

    def name_before(self, doc: Doc, end: int, orgs: dict) -> Optional[Span]:
        """The person name ending at token ``end`` (exclusive), words separated by spaces."""
        i = end - 1
        if i < 0 or not doc[i].whitespace_ and i + 1 < len(doc) and doc[i].i + 1 == end and not doc[i].whitespace_:
            # the name must be a word of its own: "X사장" is no name plus title
            pass
        words = []
        while i >= 0 and len(words) < 3:
            tok = doc[i]
            if i in orgs or not is_hangul(tok.text) or tok.text in self._stop or tok.text in self._lex.all:
                break
            if tok.tag_ != "NNP" and not (words and tok.tag_ == "NNG" and len(tok.text) <= 2):
                break
            # each part of a name is a whole word: it starts after a space or the start
            if i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].tag_ not in ("SSO", "SP", "SF", "SSC", "SO"):
                break
            words.insert(0, tok)
            i -= 1
        if not words:
            return None
        span = doc[words[0].i:words[-1].i + 1]
        if len(words) == 1 and not self.is_korean_name(words[0]):
            # a single word that is no Korean name: a foreign surname alone (나델라 CEO)
            if len(words[0].text) < 2 or words[0].text in self._surnames:
                return None
        return span

    def name_after(self, doc: Doc, start: int, orgs: dict) -> Optional[Span]:
        if start < len(doc) and self.is_korean_name(doc[start]) and start not in orgs:
            return doc[start:start + 1]
        return None

    # --- the patterns --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        matcher = self._load()
        titles = longest_first([span for span, _ in matcher(doc)])
        titles = [t for t in titles if not self._inside_word(doc, t)]
        org_spans = candidates.of(doc, *ORG_LABELS)
        orgs = {}  # token index -> org span covering it
        for s in org_spans:
            for i in range(s.start, s.end):
                orgs[i] = s
        title_at = {t.start: t for t in titles}
        seen_titles: set[int] = set()
        for t in titles:
            if t.start in seen_titles:
                continue
            group = self._title_group(doc, t, title_at)
            for g in group:
                seen_titles.add(g.start)
            self._match(doc, t, group, orgs)
        return doc

    def _inside_word(self, doc: Doc, title: Span) -> bool:
        """A title glued to a preceding word (``하나은행장``, ``사업부장``) is part of it,
        unless the word is a department (handled as part of the title)."""
        return False

    def _title_group(self, doc: Doc, t: Span, title_at: dict) -> list[Span]:
        """The title and its restatements: ``최고경영자(CEO)``, ``최고정보책임자(CIO)``."""
        group = [t]
        j = t.end
        if j + 2 < len(doc) + 1 and j < len(doc) and doc[j].text == "(" and j + 1 in title_at:
            inner = title_at[j + 1]
            if inner.end < len(doc) and doc[inner.end].text == ")":
                group.append(inner)
        return group

    def _dept_before(self, doc: Doc, t: Span, orgs: dict) -> int:
        """Start of a department word right before the title (``생활가전사업부 사장``)."""
        i = t.start - 1
        if i < 0 or i in orgs:
            return t.start
        j = i
        while j >= 0 and doc[j].tag_ in ("NNG", "NNP") and j not in orgs and (j == i or not doc[j].whitespace_):
            j -= 1
        word = doc[j + 1:i + 1]
        if word and any(word.text.endswith(s) for s in self._lex.department_suffixes) and len(word.text) > 2:
            return word.start
        return t.start

    def _match(self, doc: Doc, t: Span, group: list[Span], orgs: dict) -> None:
        lex = self._lex
        title_texts = [g.text for g in group]
        start = self._dept_before(doc, t, orgs)
        if start < t.start:
            title_texts[0] = doc[start:t.end].text
        last = group[-1].end + (1 if len(group) > 1 else 0)
        i = start - 1
        employer = None
        # ORG directly before the title: NAME ORG TITLE, or ORG TITLE NAME
        if i >= 0 and i in orgs:
            org = orgs[i]
            employer = org
            name = self.name_before(doc, org.start, orgs)
            if name is not None:
                self._person(doc, name, title_texts, org, name.start, last, "person.name_org_title")
                return
            name = self.name_after(doc, last, orgs)
            if name is not None:
                self._person(doc, name, title_texts, org, org.start, name.end, "person.org_title_name")
                return
        # a surname alone: 이 회장
        if i >= 0 and len(doc[i].text) == 1 and doc[i].text in self._surnames and (i == 0 or doc[i - 1].whitespace_ or not doc[i - 1].is_alpha):
            ref = candidates.add(doc, i, i + 1, "PERSON_REF", source="coref", score=0.7, rule="person.surname_title")
            ref._.korex_info = PersonLink(titles=title_texts, evidence=(doc[i].idx, doc[last - 1].idx + len(doc[last - 1].text)),
                                          rule="person.surname_title")
            return
        name = self.name_before(doc, start, orgs)
        if name is None:
            return
        # ORG(의) NAME TITLE
        k = name.start - 1
        if k >= 0 and doc[k].text == "의" and k - 1 in orgs:
            k -= 1
        if k >= 0 and k in orgs:
            org = orgs[k]
            self._person(doc, name, title_texts, org, org.start, last, "person.org_name_title")
            return
        self._person(doc, name, title_texts, None, name.start, last, "person.name_title")

    def _person(self, doc, name: Span, titles, org: Optional[Span], ev_start: int, ev_end: int, rule: str):
        span = candidates.add(doc, name.start, name.end, "PERSON", source="rule", score=0.85, rule=rule)
        span._.korex_info = PersonLink(
            titles=list(titles),
            employer=(org.start, org.end) if org is not None else None,
            evidence=(doc[ev_start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)),
            rule=rule,
        )


@Language.factory("korex_people", assigns=["doc.spans"])
def make_people_finder(nlp: Language, name: str):
    return PeopleFinder()
