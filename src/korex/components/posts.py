"""How regional, political and sports news name a person's post: the orders korex_people
reads beside the business-news ones (a mixin of :class:`korex.components.people.PeopleFinder`,
which supplies the name tests, the body endings and ``_person``).

- ``한빛군(군수 홍길동)``, ``누리공사(LH, 사장 홍길동)``   the head in parentheses after the body
- ``홍길동(가나당) 의원``, ``홍길동 의원(가나당, 다라 3)``, ``가나당 홍길동(다라)의원``   asides
- ``홍길동(누리FC)이``   NAME(TEAM) with no title
- ``홍길동 소속사 누리엔터``, ``누리FC 소속 홍길동``, ``누리밴드 멤버 홍길동``   membership words
- ``홍길동은 … 가온재단 이사장을 지냈다``   the sentence's topic holds the post
- ``영월군은 … 홍길동 군수``   a county head or mayor works for the county or city named
- ``누리대 약학대학 홍길동 학장``   a college leaves its university the employer
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.words import corp_mark_start, glued_start, in_a_name, is_break, is_hangul, word_before, words_of

# the word lists these orders read: resources/words.json's "posts"
WORDS = lexicons.words("posts")
BODY_HEADS = frozenset(WORDS["body_heads"])


def org_label(text: str, title: str) -> str:
    """COMPANY or ORGANIZATION for a body's name by its ending, else by its head's title: a
    대표 or 사장 heads a firm, a 군수 or 이사장 a public body or foundation."""
    for ending, label in lexicons.org_endings():
        if text.endswith(ending) and len(text) > len(ending) and (len(ending) >= 2 or label == "ORGANIZATION"):
            return label
    t = lexicons.titles()
    corporate = title in t.corporate and title not in t.government and title not in t.other
    return "COMPANY" if corporate else "ORGANIZATION"


class PostOrders:
    def _body_aside_names(self, doc: Doc, orgs: dict) -> None:
        """``홍길동(누리FC)이``: a body in an aside glued to a person's name, with no title,
        is the team or body the person plays or works for (sports and politics write
        ``NAME(TEAM)``, ``NAME(PARTY)``). An aside with a title after it is a title pattern's."""
        for i in range(1, len(doc)):
            if doc[i].text != "(" or doc[i - 1].whitespace_:
                continue
            close = self._closing(doc, i)
            if close is None or close + 1 < len(doc) and self._is_title_at(doc, close + 1):
                continue
            name = self._name_at_bracket(doc, i)
            if name is None:
                continue
            body = self._org_in_parentheses(doc, i, orgs)
            if body is not None and body.end == close:
                self._person(doc, name, [], body, name.start, close + 1, "person.name_body_aside")

    def _is_title_at(self, doc: Doc, i: int) -> bool:
        k = i + 1 if doc[i].is_space else i
        return k < len(doc) and any(doc[k:k + n].text in self.lex.all for n in (1, 2, 3))

    # --- membership without a title: 홍길동 소속사 누리엔터, 누리FC 소속 홍길동 ------------------
    def _memberships(self, doc: Doc, orgs: dict) -> None:
        agency = set(self.lex.membership.get("agency_after_person", ()))
        member = set(self.lex.membership.get("body_before_member", ()))
        for tok in doc:
            if tok.i == 0 or not doc[tok.i - 1].whitespace_:
                continue
            word_end = self._word_spelled(doc, tok.i, agency)
            if word_end:
                # the performer before (홍길동 씨 소속사), the agency after (소속|사: Kiwi may cut it)
                honorific = doc[tok.i - 1].text == "씨"
                end = tok.i - 1 if honorific else tok.i
                name = self._model_names.get(end) or word_before(doc, end)
                # (씨 vouches for a name of rare syllables: 홍다니엘 씨)
                if name is None or not (name.end in self._model_names or self.shapes.is_korean_name(name)
                                        or honorific and self.shapes.surname_first(name)):
                    continue
                org = self._body_after(doc, word_end, orgs)
                if org is not None:
                    self._person(doc, name, [], org, name.start, org.end, "person.agency")
            elif tok.text in member and (after := self._word_ends_after(doc, tok.i)):
                # 누리FC 소속 홍길동, 소속의 홍길동, 소속이었던 홍길동 (not 소속사, 소속팀:
                # other words)
                org = orgs.get(tok.i - 1)
                if org is None or org.end != tok.i:
                    body = word_before(doc, tok.i)
                    if body is None or self.shapes.known_word(body.text) or not all(in_a_name(t) for t in body):
                        continue
                    label = self.shapes.body_ending(body)
                    if not (any(t.tag_ in ("NNP", "SL") for t in body) or label):
                        continue
                    org = candidates.add(doc, body.start, body.end, label or "ORGANIZATION",
                                         source="rule", score=self.scores["org.membership"], rule="org.before_member")
                name = self._model_names.get(next((k for k in range(after + 1, after + 6) if k in self._model_names), -1))
                if name is None or name.start != after:
                    name = self.name_after(doc, after, orgs)
                if name is not None:
                    self._person(doc, name, [], org, org.start, name.end, "person.member")

    @staticmethod
    def _word_ends_after(doc: Doc, i: int) -> int:
        """Where the next word starts when token ``i`` ends its word, save for particles and
        the copula's endings (소속|의, 소속|이었던); 0 when a noun goes on (소속|사)."""
        k = i + 1
        while k < len(doc) and not doc[k - 1].whitespace_:
            if not doc[k].tag_.startswith(("J", "VCP", "E")):
                return 0
            k += 1
        return k if k < len(doc) else 0

    @staticmethod
    def _word_spelled(doc: Doc, i: int, words: set) -> int:
        """Where the word starting at token ``i`` ends when it is one of ``words`` (also when
        Kiwi cut it in pieces, 소속|사), else 0."""
        text, j = "", i
        while j < len(doc):
            text += doc[j].text
            j += 1
            if text in words and (j == len(doc) or doc[j - 1].whitespace_):
                return j
            if doc[j - 1].whitespace_ or len(text) > 6:
                return 0
        return 0

    def _body_after(self, doc: Doc, i: int, orgs: dict) -> Optional[Span]:
        """The body named at token ``i`` (quotes skipped): a known one, a word in quotes, a
        proper-noun word, or one that ends like a body's name (…미디어)."""
        quoted = i < len(doc) and doc[i].text in ("'", '"', "‘", "“")
        if quoted:
            i += 1
        if i in orgs and orgs[i].start == i:
            return orgs[i]
        j = i
        while j < len(doc) and doc[j].tag_ in ("NNP", "SL", "SN", "NNG") and (j == i or not doc[j - 1].whitespace_):
            j += 1
        if quoted:  # '누리 엔터테인먼트': the name runs to the closing quote
            close = next((k for k in range(i, min(i + 8, len(doc))) if doc[k].text in ("'", '"', "’", "”")), None)
            if close is not None and close > i and all(doc[k].tag_ in ("NNP", "SL", "SN", "NNG") for k in range(i, close)):
                j = close
        word = doc[i:j]
        if not len(word) or self.shapes.known_word(word.text):
            return None
        if not (quoted or any(t.tag_ in ("NNP", "SL") for t in word) or self.shapes.body_ending(word)):
            return None
        return candidates.add(doc, word.start, word.end, "COMPANY", source="rule", score=self.scores["org.membership"], rule="org.agency")

    # --- the head of a body, in parentheses after it -------------------------------------
    def _heads_in_parentheses(self, doc: Doc, orgs: dict) -> None:
        """``한빛군(군수 홍길동)은``, ``가나다병원(병원장 김철수)이``: Korean press releases and
        regional news name a body's head in parentheses right after the body's name. The
        word glued to the bracket is the body, even one no list knows; the person holds the
        title there."""
        for i in range(1, len(doc)):
            if doc[i].text != "(" or doc[i - 1].whitespace_:
                continue
            if is_break(doc[i - 1]) and corp_mark_start(doc, i) is None:
                continue
            close = next((k for k in range(i + 1, min(i + 10, len(doc))) if doc[k].text in (")", "(")), None)
            if close is None or doc[close].text != ")" or doc[close - 1].whitespace_:
                continue
            # (누리공사, 사장 홍길동): the short form first, then the head
            inner = max([i + 1] + [k + 1 for k in range(i + 1, close) if doc[k].text == ","])
            words = words_of(doc[inner:close]) if inner < close else []
            if len(words) == 1:
                words = self._title_then_name(words[0])  # (대표이사홍길동)
            name = self._model_names.get(close)
            if name is None or name.start <= inner:
                name = words[-1] if len(words) >= 2 and self.shapes.surname_first(words[-1]) else None
            if name is None:
                continue
            titles = [w for w in words if w.end <= name.start]
            if not titles or not self._is_head_title(titles[0]) or not all(
                    self._is_head_title(w) or w.text in self.lex.suffixes for w in titles):
                continue
            body = self._body_before(doc, i, orgs, titles[0].text)
            if body is None:
                continue
            self._person(doc, name, [" ".join(w.text for w in titles)], body, body.start, close + 1,
                         "person.head_in_parentheses")

    def _title_then_name(self, word: Span) -> list[Span]:
        """A title and a name written as one word (대표이사|홍길동): the two, where Kiwi's
        tokens fall between them; else the word alone."""
        for k in range(word.start + 1, word.end):
            head, tail = word.doc[word.start:k], word.doc[k:word.end]
            if head.text in self.lex.all and len(tail.text) == 3 and self.shapes.is_korean_name(tail):
                return [head, tail]
        return [word]

    def _is_head_title(self, word: Span) -> bool:
        """A title, or a noun ending in 장 (長, 'head of'): 병원장, 교육장, 사단장."""
        text = word.text
        if text in self.lex.all:
            return True
        return (is_hangul(text) and 2 <= len(text) <= 6 and text.endswith("장")
                and all(t.tag_ in ("NNG", "NNP", "XSN") for t in word) and not self.shapes.is_korean_name(word))

    def _body_before(self, doc: Doc, bracket: int, orgs: dict, title: str) -> Optional[Span]:
        """The body whose name ends right before ``bracket``: a known one, or the word
        glued to the bracket (with the place before it: 가나도 다라시)."""
        if bracket - 1 in orgs and orgs[bracket - 1].end == bracket:
            return orgs[bracket - 1]
        mark = corp_mark_start(doc, bracket)
        if mark is not None:
            bracket = mark  # 누리하이웨이(주)(사장 홍길동): the name before the mark
            if bracket - 1 in orgs and orgs[bracket - 1].end == bracket:
                return orgs[bracket - 1]
        j = glued_start(doc, bracket)
        word = doc[j:bracket]
        if len(word.text) < 2 or not all(in_a_name(t) for t in word):
            return None
        if self.shapes.known_word(word.text) and lexicons.lookup(word.text) is None \
                and not (word.text in self.shapes.places and word.text.endswith(WORDS["local_government_endings"])):
            return None  # a title, a word like 정부, a country: not a body's own name
        before = word_before(doc, j)
        if before is not None and before.text in self.shapes.places and word.text.endswith(WORDS["local_government_endings"]):
            word = doc[before.start:bracket]
        entry = lexicons.lookup(word.text)
        label = entry.type if entry is not None else org_label(word.text, title)
        return candidates.add(doc, word.start, word.end, label, source="rule", score=self.scores["org.headed"], rule="org.headed")

    def _local_government(self, doc: Doc, name: Span, title: str, orgs: dict) -> Optional[Span]:
        """``누리군은 … 홍길동 군수 주재로``: a county head (군수), a mayor (시장) or a district
        head (구청장) with no body named beside them works for the county, city or district
        the sentence names: the nearest word of that kind, a proper noun with its ending."""
        ending = next((e for t, e in WORDS["local_heads"] if title.endswith(t)), None)
        if ending is None:
            return None
        sent = doc[name.start].sent
        best = None
        for w in words_of(sent):
            core = w
            while len(core) > 1 and core[-1].tag_[:1] in ("J", "S") and core[-1].tag_ not in ("SL", "SN"):
                core = core[:-1]  # 누리군|은, 누리시|에
            text = core.text
            if not (text.endswith(ending) and len(text) >= 3 and core[0].tag_ == "NNP"
                    and all(t.tag_ in ("NNP", "NNG", "NNB", "XSN") for t in core)):
                continue
            if core.start <= name.start < core.end or text in self.lex.all:
                continue
            if best is None or abs(core.start - name.start) < abs(best.start - name.start):
                best = core
        if best is None:
            return None
        if best.start in orgs and orgs[best.start].end == best.end:
            return orgs[best.start]
        return candidates.add(doc, best.start, best.end, "ORGANIZATION", source="rule", score=self.scores["org.ending"],
                              rule="org.local_government")

    # --- asides in parentheses: 홍길동(가나당) 의원, 홍길동 의원(가나당, 다라 3) ----------------
    @staticmethod
    def _closing(doc: Doc, open_: int) -> Optional[int]:
        """The bracket that closes the one at ``open_``, within a short aside."""
        for k in range(open_ + 1, min(open_ + 16, len(doc))):
            if doc[k].text == "(":
                return None
            if doc[k].text == ")":
                return k
        return None

    def _org_in_parentheses(self, doc: Doc, open_: int, orgs: dict) -> Optional[Span]:
        """The body that an aside glued to a name or a title begins with: a known one, or a
        word that ends like a body's name. An age (36), a district (가나 다라구) or a hanja
        spelling is no body."""
        if open_ >= len(doc) or doc[open_].text != "(" or open_ == 0 or doc[open_ - 1].whitespace_:
            return None
        close = self._closing(doc, open_)
        if close is None or close == open_ + 1:
            return None
        starts = [open_ + 1] + [k + 1 for k in range(open_ + 1, close) if doc[k].text == ","]
        for first in starts:
            if first >= close:
                continue
            end = next((k for k in range(first, close) if doc[k].text in (",", "·", "/")), close)
            if first in orgs and orgs[first].start == first and (
                    orgs[first].end == end or doc[orgs[first].end - 1].whitespace_ and orgs[first].end < end):
                return orgs[first]  # (가나당), (다라 3, 가나당 의원), (가나당 다라·마바)
            item = doc[first:end]
            for word in (words_of(item)[0], item):  # (가나당 다라·마바), (누리 FC)
                if word.end == end or word[-1].whitespace_:
                    label = None if self.shapes.known_word(word.text) else self.shapes.body_ending(word)
                    if label is not None:
                        return candidates.add(doc, word.start, word.end, label, source="rule", score=self.scores["org.ending"],
                                              rule="org.aside")
        return None

    def _name_at_bracket(self, doc: Doc, open_: int) -> Optional[Span]:
        """The person's name glued to the bracket at ``open_`` (``홍길동(``), if a name."""
        if open_ == 0 or doc[open_ - 1].whitespace_:
            return None
        name = self._model_names.get(open_)
        if name is not None:
            return name
        j = glued_start(doc, open_)
        name = doc[j:open_]
        if not (j == 0 or doc[j - 1].whitespace_ or is_break(doc[j - 1])) or not self.shapes.is_korean_name(name):
            return None
        return name

    def _name_aside_title(self, doc: Doc, start: int, titles: list[str], last: int, orgs: dict) -> None:
        """NAME(ASIDE) TITLE: ``홍길동(가나당) 의원``, where the aside names the body, and
        ``가나당 홍길동(다라 3) 의원``, where it says something else (a district, an age) and the
        body stands before the name."""
        close = start - 1
        open_ = next((k for k in range(close - 1, max(close - 16, 0), -1) if doc[k].text in ("(", ")")), None)
        if open_ is None or doc[open_].text != "(" or open_ == 0 or doc[open_ - 1].whitespace_:
            return
        if open_ - 1 in orgs and orgs[open_ - 1].end == open_:
            # NAME BODY(ASIDE) TITLE: 홍길동 누리공사(이하 '누리') 사장, 홍길동 누리(누리공사) 사장
            org = orgs[open_ - 1]
            name = self.name_before(doc, org.start, orgs)
            if name is not None:
                self._person(doc, name, titles, org, name.start, last, "person.name_org_title")
            return
        name = self._name_at_bracket(doc, open_)
        if name is None:
            return
        org = self._org_in_parentheses(doc, open_, orgs)
        rule = "person.name_body_title"
        if org is None:
            k = name.start - 1
            if k >= 0 and doc[k].text == "의" and k - 1 in orgs:
                k -= 1
            org = orgs[k] if k >= 0 and k in orgs and orgs[k].end == k + 1 \
                else self._unknown_org_before(doc, name, titles[-1] if titles else "", orgs)
            rule = "person.org_name_title"
        self._person(doc, name, titles, org, org.start if org is not None and org.start < name.start else name.start,
                     last, rule if org is not None else "person.name_title")

    def _topic_holding(self, doc: Doc, org: Span, last: int, orgs: dict) -> Optional[Span]:
        """``홍길동은 … 누리재단 이사장으로 취임했다``, ``… 누리전자 사장을 지낸 홍길동은``: a post
        (ORG TITLE) that the sentence says its topic holds, took or held, with the post
        marked as such (…으로, …을 지내/역임/맡, …이다, …에 취임/선임/임명). The topic is
        the person named with 은/는 (or 이/가) in the sentence."""
        if last >= len(doc) or not self._holds_post(doc, last):
            return None
        sent = doc[org.start].sent
        best = None
        for k in range(sent.start, sent.end):
            if doc[k].text not in ("은", "는", "이", "가") or doc[k].tag_[:1] != "J" or doc[k - 1].whitespace_:
                continue
            name = self._model_names.get(k)
            if name is None:
                word = doc[glued_start(doc, k, sent.start):k]
                name = word if self.shapes.is_korean_name(word) else None
            if name is None or any(i in orgs for i in range(name.start, name.end)):
                continue
            if best is None or (doc[k].text in ("은", "는")) > (doc[best.end].text in ("은", "는")):
                best = name
        return best

    @staticmethod
    def _holds_post(doc: Doc, i: int) -> bool:
        """The words from token ``i`` say the title before is held or taken: 으로/로 (as),
        the copula, or 을/를 지내다, 역임하다, 맡다, or 에 취임/선임/임명."""
        first = doc[i]
        if first.text in ("으로", "로") and first.tag_.startswith("J") or first.tag_.startswith("VCP"):
            return True
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None:
            return False
        if first.text in ("을", "를", "직을") and nxt.lemma_.startswith(WORDS["holding_verbs"]):
            return True
        if first.text in WORDS["term_of_office"] and first.tag_.startswith("NN"):
            return True  # 누리재단 이사장 퇴진, 누리전자 사장 재임 시절
        return first.text == "에" and nxt.text in WORDS["appointed"]

    def _college_of(self, doc: Doc, unit: Span, orgs: dict) -> Optional[Span]:
        """``누리대 약학대학``: a college (…대학, …대학원) written right after its university is
        a unit of it; the university is where its dean works."""
        if not unit.text.endswith(WORDS["colleges"]):
            return None
        parent = word_before(doc, unit.start)
        return None if parent is None else self._body_of_word(doc, parent, orgs)
