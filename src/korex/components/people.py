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

Regional, political and sports news add their own orders (``한빛군(군수 홍길동)``, asides,
membership words, the topic holding a post): :mod:`korex.components.posts`, a mixin of the
finder. A body no list knows is read from its place in these orders: a proper noun, a word
with a body's ending (…의회, …유치원, 민주평화|당, 누리|대) or a compound noun before the head
of a whole body (국가교육회의 의장). What a word is (its end, the pieces of a name) is
:mod:`korex.components.words`.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.components.org_rules import org_type
from korex.components.posts import BODY_HEADS, PostOrders, org_label
from korex.components.titles import TitleSpans
from korex.matching import TokenPhraseMatcher, longest_first
from korex.names import holds_a_name, looks_like_person, shapes
from korex.records import PersonLink
from korex.words import NAME_PIECE_TAGS, in_a_name, is_break, word_before

ORG_LABELS = ("COMPANY", "ORGANIZATION")


# scores of what this finder proposes (a person named by a title pattern, and the bodies
# the patterns read where no list knows them), by what each rests on
DEFAULT_SCORES = {
    "person": 0.85,                  # a name with its title (and body)
    "person.coordinated": 0.8,       # a name joined to a titled one before one title
    "person.surname_title": 0.7,     # 이 회장: a later mention of someone named
    "org.headed": 0.8,               # 한빛군(군수 홍길동): the body named by its head
    "org.ending": 0.7,               # a word ending like a body's name, between a name and a title
    "org.head_of_body": 0.6,         # 누리혁신추진위 홍길동 위원장: a compound noun before the head of a body
    "org.proper_before_person": 0.55,  # a proper noun before a titled Korean name
    "org.membership": 0.6,           # 누리FC 소속, 소속사 누리엔터
}


class PeopleFinder(candidates.ScoredFinder):
    """The component: title patterns read one document at a time (:class:`PeopleReading`)."""

    DEFAULT_SCORES = DEFAULT_SCORES

    def __init__(self, scores: Optional[dict] = None):
        super().__init__(scores)
        self._matcher = None

    @property
    def matcher(self) -> TokenPhraseMatcher:
        if self._matcher is None:
            self._matcher = TokenPhraseMatcher((x, x) for x in lexicons.titles().all)
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        PeopleReading(self, doc).run()
        return doc


class PeopleReading(PostOrders, TitleSpans):
    """One document's title patterns: the state of a reading lives here, not on the
    component, and is dropped with it."""

    def __init__(self, finder: PeopleFinder, doc: Doc):
        self.doc = doc
        self.scores = finder.scores
        self.matcher = finder.matcher
        self.lex = lexicons.titles()
        self.shapes = shapes()
        # persons the statistical ner found (it runs first) anchor title patterns too
        self._model_names = {e.end: e for e in doc.ents if e.label_ == "PS" and looks_like_person(e)}

    # --- what a word can be ------------------------------------------------------------
    # Kiwi often cuts a Korean name it does not know into pieces (허|인|철, 경계|현), so
    # names are recognised by the space-delimited word, not by the token.
    def _glued_name(self, doc: Doc, end: int) -> Optional[Span]:
        """A Korean full name written against the title after it (``홍길동대표``,
        ``홍길동의원``): the name, when the word up to ``end`` is one."""
        j = end
        while j > 0 and not doc[j - 1].whitespace_ and not is_break(doc[j - 1]) \
                and doc[j - 1].tag_ in NAME_PIECE_TAGS:
            j -= 1
        if j == end or not (j == 0 or doc[j - 1].whitespace_ or is_break(doc[j - 1])):
            return None
        piece = doc[j:end]
        model = self._model_names.get(end)
        if model is not None and model.start == j:
            return piece
        return piece if len(piece.text) == 3 and self.shapes.is_korean_name(piece) else None

    def name_before(self, doc: Doc, end: int, orgs: dict) -> Optional[Span]:
        """The person name ending at token ``end`` (exclusive): one Korean name word, or up
        to three words of a foreign name (``사티아 나델라``, ``팀 쿡``), or a Korean name
        glued to the title (``홍길동대표``)."""
        glued = self._glued_name(doc, end)
        if glued is not None and not any(i in orgs for i in range(glued.start, glued.end)):
            return glued
        if end >= 3 and doc[end - 1].text == ")" and doc[end - 1].whitespace_:
            # 홍길동(45) 누리전자 사장: an aside (an age, a hanja spelling) after the name
            open_ = next((k for k in range(end - 2, max(end - 8, 0), -1) if doc[k].text in ("(", ")")), None)
            if open_ is not None and doc[open_].text == "(":
                return self._name_at_bracket(doc, open_)
            return None
        model_name = self._model_names.get(end)
        if model_name is not None and not any(i in orgs for i in range(model_name.start, model_name.end)):
            return model_name  # the statistical ner's person ending here
        word = word_before(doc, end)
        if word is None or any(i in orgs for i in range(word.start, word.end)):
            return None
        if self.shapes.is_korean_name(word):
            return word
        if not self.shapes.is_foreign_word(word) or self.shapes.body_ending(word) is not None:
            return None  # (누리대, 새나라당: a body's name, not a transliterated one)
        if any(e.end == word.start for e in self._model_names.values()):
            return None  # 위르겐 클롭 가나FC 감독: the model's person ends before this word
        first = word
        for _ in range(2):
            prev = word_before(doc, first.start)
            if prev is None or any(i in orgs for i in range(prev.start, prev.end)) or not self.shapes.is_foreign_word(prev):
                break
            if len(prev.text) >= 3 and self.shapes.is_korean_name(prev):
                break  # a full Korean name is a different person (or an employer's owner)
            first = prev
        if first is word:
            # a foreign surname alone (나델라 CEO); not a common noun, not a bare surname,
            # and not the body after a Korean name (홍길동 누리선급 회장)
            if len(word.text) < 2 or word[0].tag_ != "NNP" or word.text in self.shapes.surnames:
                return None
            prev = word_before(doc, word.start)
            if prev is not None and len(prev.text) >= 3 and self.shapes.is_korean_name(prev):
                return None
        name = doc[first.start:word.end]
        if all(t.tag_ == "NNG" and len(t.text) >= 2 for t in name):
            return None  # 협업 분야 대표: words Kiwi knows as common nouns, not a foreign name
        return name

    def name_after(self, doc: Doc, start: int, orgs: dict) -> Optional[Span]:
        if start >= len(doc) or not doc[start - 1].whitespace_:
            return None
        j = start
        while j < len(doc) and not doc[j].whitespace_ and not is_break(doc[j]) and doc[j].tag_ in NAME_PIECE_TAGS:
            j += 1
        if j < len(doc) and (is_break(doc[j]) or doc[j].tag_[:1] == "J"):
            word = doc[start:j]  # the name, its particle or bracket left out
        elif j < len(doc):
            word = doc[start:j + 1]
        else:
            word = doc[start:j]
        if word and not any(i in orgs for i in range(word.start, word.end)) and self.shapes.is_korean_name(word):
            return word
        return None

    # --- the patterns --------------------------------------------------------------------
    def run(self) -> None:
        doc = self.doc
        titles = longest_first([span for span, _ in self.matcher(doc)] + self._glued_titles(doc)
                               + self._head_suffixes(doc))
        titles = [t for t in titles if not self._inside_word(doc, t)]
        org_spans = candidates.of(doc, *ORG_LABELS)
        # the statistical ner's organisations can be employers too (노던 마이닝 최고경영자)
        # (not one that runs on over a title standing as a word: 홍길동 가나증권 연구원)
        model_orgs = [e for e in doc.ents if e.label_ == "OG" and org_type(e) is not None and not holds_a_name(e)
                      and not any(e.start < t.start < e.end and doc[t.start - 1].whitespace_ for t in titles)]
        orgs = {}  # token index -> org span covering it
        for s in model_orgs + org_spans:
            for i in range(s.start, s.end):
                orgs[i] = s
        self._join_coordinated(doc, orgs)
        title_at = {t.start: t for t in titles}
        title_ends = {t.end: t for t in titles}
        seen_titles: set[int] = set()
        for t in titles:
            if t.start in seen_titles:
                continue
            group = self._title_group(doc, t, title_at)
            for g in group:
                seen_titles.add(g.start)
            # the first title of a chain (대표이사 in "대표이사 사장") waits for the last one
            if t.end < len(doc) and doc[t.end - 1].whitespace_ and t.end in title_at:
                continue
            self._match(doc, t, group, orgs, title_ends)
        self._heads_in_parentheses(doc, orgs)
        self._memberships(doc, orgs)
        self._body_aside_names(doc, orgs)

    def _match(self, doc: Doc, t: Span, group: list[Span], orgs: dict, title_ends: dict) -> None:
        title_texts = [g.text for g in group]
        start, chain = self._title_start(doc, t, orgs, title_ends)
        if start < t.start:
            title_texts[0] = doc[start:t.end].text
            # a chain keeps each title: "대표이사 사장" gives 대표이사 and 사장
            if chain:
                title_texts = chain + [doc[t.start:t.end].text] + title_texts[1:]
        last = group[-1].end + (1 if len(group) > 1 else 0)
        if t.text == "장" and t.start - 1 in orgs:
            title_texts[0] = doc[orgs[t.start - 1].start:t.end].text  # 누리은행장
        prefix = word_before(doc, start)
        if prefix is not None and prefix.text in self.lex.prefixes and prefix.text not in self.lex.all:
            start = prefix.start  # 홍길동 신임 감독, 누리전자 신임 사장 홍길동: look past the prefix
        i = start - 1
        # ORG directly before the title: NAME ORG TITLE, or ORG TITLE NAME
        if i >= 0 and i in orgs:
            org = orgs[i]
            name = self.name_before(doc, org.start, orgs)
            marker = word_before(doc, org.start)
            if name is None and marker is not None and marker.text in lexicons.words("people")["former_or_present"]:
                name = self.name_before(doc, marker.start, orgs)  # 홍길동 전 누리증권 부사장
            if name is not None:
                self._person(doc, name, title_texts, org, name.start, last, "person.name_org_title")
                return
            name = self.name_after(doc, last, orgs)
            if name is not None:
                self._person(doc, name, title_texts, org, org.start, name.end, "person.org_title_name")
                return
            name = self._topic_holding(doc, org, last, orgs)
            if name is not None:
                lo, hi = min(name.start, org.start), max(name.end, last)
                self._person(doc, name, title_texts, org, lo, hi, "person.topic_org_title")
                return
        # ORG의 TITLE NAME: 누리전자의 사장 홍길동, 누리구단의 감독 나가시마 시게오
        if i >= 1 and doc[i].text == "의" and i - 1 in orgs and orgs[i - 1].end == i:
            org = orgs[i - 1]
            name = self._model_names_from(last) or self.name_after(doc, last, orgs)
            if name is not None:
                self._person(doc, name, title_texts, org, org.start, name.end, "person.org_title_name")
                return
        # a surname alone: 이 회장
        word = word_before(doc, start)
        if word is not None and len(word) == 1 and word.text in self.shapes.surnames:
            link = PersonLink(titles=tuple(title_texts),
                              evidence=(word.start_char, doc[last - 1].idx + len(doc[last - 1].text)),
                              rule="person.surname_title")
            candidates.add(doc, word.start, word.end, "PERSON_REF", source="coref",
                           score=self.scores["person.surname_title"], rule="person.surname_title", link=link)
            return
        if start >= 2 and doc[start - 1].text == ")":
            self._name_aside_title(doc, start, title_texts, last, orgs)  # 홍길동(가나당) 의원, …(다라)의원
            return
        name = self.name_before(doc, start, orgs)
        if name is None:
            self._name_body_title(doc, start, title_texts, last, orgs)
            return
        # ORG(의) NAME TITLE
        k = name.start - 1
        if k >= 0 and doc[k].text == "의" and k - 1 in orgs:
            k -= 1
        if k >= 0 and k in orgs:
            org = self._college_of(doc, orgs[k], orgs) or orgs[k]
            self._person(doc, name, title_texts, org, org.start, last, "person.org_name_title",
                         also=self._org_in_parentheses(doc, last, orgs))
            return
        org = self._unknown_org_before(doc, name, title_texts[-1], orgs)
        if org is not None:
            self._person(doc, name, title_texts, org, org.start, last, "person.org_name_title",
                         also=self._org_in_parentheses(doc, last, orgs))
            return
        org = self._org_in_parentheses(doc, last, orgs) or self._local_government(doc, name, title_texts[-1], orgs)
        if org is not None and org.start > name.start:
            # NAME TITLE(BODY, …): 홍길동 의원(가나당, 다라 3)
            close = self._closing(doc, last) if doc[last].text == "(" else None
            if close is None:  # the local government later in the sentence
                self._person(doc, name, title_texts, org, name.start, org.end, "person.local_head")
            else:
                self._person(doc, name, title_texts, org, name.start, close + 1, "person.name_title_body")
            return
        if org is not None:  # the local government earlier in the sentence
            self._person(doc, name, title_texts, org, org.start, last, "person.local_head")
            return
        self._person(doc, name, title_texts, None, name.start, last, "person.name_title")

    def _model_names_from(self, start: int) -> Optional[Span]:
        """The statistical ner's person that starts at token ``start``."""
        return next((e for e in self._model_names.values() if e.start == start), None)

    def _unknown_org_before(self, doc: Doc, name: Span, title: str, orgs: dict) -> Optional[Span]:
        """``엔씨 김택진 대표``, ``누리도의회 홍길동 의장``: a word no list knows, right before a
        Korean name with a title, is where that person works when it is a proper noun or
        ends like a body's name."""
        if len(name) and " " in name.text:
            return None
        word = word_before(doc, name.start)
        if word is None or self.shapes.known_word(word.text) or self.shapes.is_korean_name(word):
            return None
        if word.start > 0 and not (doc[word.start - 1].whitespace_ or is_break(doc[word.start - 1])):
            return None
        label = self.shapes.body_ending(word)
        # 누리대 약학대학 홍길동 학장: a unit of the body before it; the body is the employer
        parent = word_before(doc, word.start)
        if parent is not None and label is not None:
            body = self._body_of_word(doc, parent, orgs)
            if body is not None:
                return body
        if label is not None:
            return candidates.add(doc, word.start, word.end, label, source="rule", score=self.scores["org.ending"],
                                  rule="org.ending_before_person")
        if all(t.tag_ in ("NNP", "SL", "NNG", "SN") for t in word) and any(t.tag_ in ("NNP", "SL") for t in word) \
                and len(word.text) >= 2:
            # a proper noun or a Latin part (누리FC); all common nouns (마케팅팀) is a unit
            return candidates.add(doc, word.start, word.end, "COMPANY", source="rule", score=self.scores["org.proper_before_person"],
                                  rule="org.before_person")
        if title in BODY_HEADS and len(word) >= 2 and len(word.text) >= 4 and all(t.tag_ in ("NNG", "NNP") for t in word) \
                and not word.text.endswith(self.lex.department_suffixes):
            # 누리혁신추진위 홍길동 위원장: the chair heads the whole body
            return candidates.add(doc, word.start, word.end, "ORGANIZATION", source="rule", score=self.scores["org.head_of_body"],
                                  rule="org.ending_before_person")
        return None

    def _body_of_word(self, doc: Doc, word: Span, orgs: dict) -> Optional[Span]:
        """The body a word names: the known one that ends with it, or, for a word no list
        knows that ends like a body's name, a new candidate."""
        if word.end - 1 in orgs and orgs[word.end - 1].end == word.end:
            return orgs[word.end - 1]
        label = None if self.shapes.known_word(word.text) else self.shapes.body_ending(word)
        if label is None:
            return None
        return candidates.add(doc, word.start, word.end, label, source="rule", score=self.scores["org.ending"],
                              rule="org.ending_before_person")

    def _name_body_title(self, doc: Doc, start: int, titles: list[str], last: int, orgs: dict) -> None:
        """``홍길동 가나다 대표``, ``위르겐 클롭 가나FC 감독``: NAME BODY TITLE where the body is
        a name no list knows. The word between a person's name and a title is where the
        title is held when it is a proper noun, a Latin word or ends like a body's name;
        a common noun there (``마케팅``) is a department, a place (``서울``) is left alone."""
        body = word_before(doc, start)
        if body is None or any(i in orgs for i in range(body.start, body.end)) or len(body.text) < 2:
            return
        text = body.text
        if self.shapes.known_word(text) or text in self.lex.prefixes or self.shapes.is_korean_name(body):
            return
        if not all(in_a_name(t) for t in body):
            return
        label = self.shapes.body_ending(body)
        if label is None and titles[-1] in BODY_HEADS and len(body) >= 2 and len(text) >= 4 \
                and all(t.tag_ in ("NNG", "NNP") for t in body) \
                and not text.endswith(self.lex.department_suffixes):
            label = "ORGANIZATION"  # 홍길동 국가교육회의 의장: the chair heads the whole body
        if label is None:
            if not any(t.tag_ in ("NNP", "SL", "SH") for t in body):
                return
            label = org_label(text, titles[-1])
        name = self._model_names.get(body.start)
        if name is None:
            name = word_before(doc, body.start)
            if name is None or not self.shapes.is_korean_name(name):
                return
        org = candidates.add(doc, body.start, body.end, label, source="rule", score=self.scores["org.ending"], rule="org.between_name_title")
        self._person(doc, name, titles, org, name.start, last, "person.name_org_title")

    def _person(self, doc, name: Span, titles, org: Optional[Span], ev_start: int, ev_end: int, rule: str,
                also: Optional[Span] = None):
        if titles and all(any(t.endswith(b) for b in self.lex.byline) for t in titles) \
                and not (ev_end < len(doc) and doc[ev_end].text in ("은", "는", "이", "가", "에게")
                         and doc[ev_end].tag_.startswith("J")):
            # the writer of the article: bylines are not part of the story (a reporter who
            # speaks or acts in it, 홍길동 누리일보 기자는 …, is)
            return
        link = PersonLink(
            titles=tuple(titles),
            employer=(org.start, org.end) if org is not None else None,
            evidence=(doc[ev_start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)),
            rule=rule,
            also=((also.start, also.end),) if also is not None and also is not org else (),
        )
        candidates.add(doc, name.start, name.end, "PERSON", source="rule", score=self.scores["person"], rule=rule,
                       link=link)
        if titles and ev_start == name.start:
            self._coordinated_names(doc, name, titles, org, ev_end)

    def _coordinated_names(self, doc, name: Span, titles, org: Optional[Span], ev_end: int) -> None:
        """``김철수·이영희·홍길동 의원``: Korean names joined by a middle dot or a comma before one
        title all bear it, at the same body."""
        first = name
        while first.start >= 2 and doc[first.start - 1].text in ("·", "ㆍ", ",") \
                and not doc[first.start - 2].whitespace_:
            j = first.start - 1
            while j > 0 and not doc[j - 1].whitespace_ and not is_break(doc[j - 1]):
                j -= 1
            prev = doc[j:first.start - 1]
            if not len(prev) or not (j == 0 or doc[j - 1].whitespace_ or is_break(doc[j - 1])) \
                    or len(prev.text) != 3 or not self.shapes.is_korean_name(prev):
                break
            link = PersonLink(
                titles=tuple(titles), employer=(org.start, org.end) if org is not None else None,
                evidence=(prev.start_char, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)),
                rule="person.coordinated")
            candidates.add(doc, prev.start, prev.end, "PERSON", source="rule", score=self.scores["person.coordinated"],
                           rule="person.coordinated", link=link)
            first = prev


@Language.factory("korex_people", assigns=["doc.spans"], default_config={"scores": DEFAULT_SCORES})
def make_people_finder(nlp: Language, name: str, scores: dict):
    return PeopleFinder(scores)
