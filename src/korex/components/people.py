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

Regional, political and sports news add their own orders, each a method below:

- ``한빛군(군수 홍길동)``, ``누리공사(LH, 사장 홍길동)``   the head in parentheses after the body
- ``홍길동(가나당) 의원``, ``홍길동 의원(가나당, 다라 3)``, ``가나당 홍길동(다라)의원``   asides
- ``홍길동(누리FC)이``   NAME(TEAM) with no title
- ``홍길동 소속사 누리엔터``, ``누리FC 소속 홍길동``, ``누리밴드 멤버 홍길동``   membership words
- ``홍길동은 … 가온재단 이사장을 지냈다``   the sentence's topic holds the post
- ``영월군은 … 홍길동 군수``   a county head or mayor works for the county or city named
- ``김철수·홍길동 의원``   names joined before one title

A body no list knows is read from its place in these orders: a proper noun, a word with a
body's ending (…의회, …유치원, 민주평화|당, 누리|대) or a compound noun before the head of a
whole body (국가교육회의 의장).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.components.org_rules import org_type
from korex.matching import TokenPhraseMatcher, longest_first
from korex.tokenizer import word_alone

ORG_LABELS = ("COMPANY", "ORGANIZATION")
# the tags of the pieces Kiwi cuts an unknown name into
NAME_PIECE_TAGS = {"NNP", "NNG", "NNB", "NR", "MM", "XPN", "XSN", "MAG", "VV", "VA", "XR"}




def _in_a_name(tok) -> bool:
    """A token that can be a piece of a name Kiwi does not know (한|빛|나눔|재단 is cut into
    a determiner, a noun and a verb's noun form): no particle, no ending standing alone,
    no punctuation."""
    parts = tok.tag_.split("+")
    if parts[0][:1] == "S":
        return parts[0] in ("SL", "SN", "SH")
    return not any(p[:1] == "J" or p[:1] == "E" and p != "ETN" for p in parts)
# a city, county, district or province is also the name of its local government
LOCAL_GOVERNMENT_ENDINGS = ("시", "군", "구", "도")


# titles that head a whole body, never a department of one: a compound noun between a
# name and one of them is the body (홍길동 국가교육회의 의장), not a unit (본부장, 팀장)
BODY_HEADS = frozenset({"의장", "위원장", "회장", "이사장", "총장", "원장", "청장", "관장"})
# nouns of taking, holding or leaving a post, written after it (이사장 취임, 사장 퇴진)
TERM_OF_OFFICE = ("취임", "퇴진", "사임", "재임", "재직", "시절", "퇴임", "연임")
# the heads of local governments, and the ending of the body each heads
LOCAL_HEADS = (("부군수", "군"), ("군수", "군"), ("부시장", "시"), ("시장", "시"), ("구청장", "구"),
               ("도지사", "도"))
# written between a name and the body where the title was or is held: 홍길동 전 누리증권 사장,
# 홍길동 당시 누리전력 감독
FORMER_OR_PRESENT = ("전", "前", "현", "現", "당시")


def org_label(text: str, title: str) -> str:
    """COMPANY or ORGANIZATION for a body's name by its ending, else by its head's title: a
    대표 or 사장 heads a firm, a 군수 or 이사장 a public body or foundation."""
    for ending, label in lexicons.org_endings():
        if text.endswith(ending) and len(text) > len(ending) and (len(ending) >= 2 or label == "ORGANIZATION"):
            return label
    t = lexicons.titles()
    corporate = title in t.corporate and title not in t.government and title not in t.other
    return "COMPANY" if corporate else "ORGANIZATION"


def words_of(span: Span) -> list[Span]:
    """The span cut at its spaces: Korean's words (eojeol), each one or more tokens."""
    doc = span.doc
    words, start = [], span.start
    for i in range(span.start, span.end):
        if doc[i].whitespace_ or i == span.end - 1:
            words.append(doc[start:i + 1])
            start = i + 1
    return words


def _corp_mark_start(doc: Doc, i: int) -> Optional[int]:
    """Where a company mark written right before token ``i`` begins (``(주)``, ``㈜``), if
    one is there and glued to a word before it."""
    if i >= 1 and doc[i - 1].text in ("㈜", "(주)", "(株)"):
        k = i - 1
    elif i >= 3 and doc[i - 1].text == ")" and doc[i - 2].text in ("주", "株") and doc[i - 3].text == "(":
        k = i - 3
    else:
        return None
    return k if k > 0 and not doc[k - 1].whitespace_ and not _is_break(doc[k - 1]) else None


def _is_break(tok) -> bool:
    """Tokens that end a word: spaces, line breaks, punctuation, brackets, quotes."""
    return tok.is_space or tok.tag_[:1] == "S" and tok.tag_ not in ("SL", "SN", "SH")


def is_hangul(text: str) -> bool:
    return bool(text) and all("가" <= ch <= "힣" for ch in text)


@dataclass
class PersonLink:
    """What a title pattern says about one person mention."""

    titles: list[str] = field(default_factory=list)
    employer: Optional[tuple[int, int]] = None  # token offsets of the employer span
    # token offsets of other bodies the pattern ties the person to: the party in
    # 누리도의회 홍길동 의원(새나라당, 누리 5), where the council is the employer
    also: list = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)            # character offsets of the whole pattern
    rule: str = ""


class PeopleFinder:
    def __reduce__(self):
        # the lexicons and matchers are rebuilt on first use; a pickle carries none of them
        return (type(self), ())

    def __init__(self):
        self._titles = None
        self._model_names: dict = {}

    def _load(self):
        if self._titles is None:
            t = lexicons.titles()
            self._titles = TokenPhraseMatcher((x, x) for x in t.all)
            self._lex = t
            self._surnames = set(lexicons.surnames())
            # the surnames of about nine Koreans in ten (the list is ordered by bearers)
            self._common_surnames = set(lexicons.surnames()[:30])
            self._stop = set(lexicons.non_names())
            self._places = lexicons.locations()
            self._given = lexicons.given_name_syllables()
            # titles that Korean glues to the body's name: 하나은행장, 서울시장, 국세청장, 영월군수
            self._glue_titles = sorted((x for x in t.all if x.endswith("장") and len(x) >= 2 or x in ("군수", "도지사")),
                                       key=len, reverse=True)
        return self._titles

    # --- what a word can be ------------------------------------------------------------
    # Kiwi often cuts a Korean name it does not know into pieces (허|인|철, 경계|현), so
    # names are recognised by the space-delimited word, not by the token.
    def word_before(self, doc: Doc, end: int) -> Optional[Span]:
        """The space-delimited word whose last token is ``end - 1``."""
        i = end - 1
        if i < 0 or _is_break(doc[i]) or not doc[i].whitespace_:
            return None
        j = i
        while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]):
            j -= 1
        return doc[j:end]

    def _known_word(self, text: str) -> bool:
        return (text in self._stop or text in self._lex.all or text in self._places
                or lexicons.lookup(text) is not None)

    def is_korean_name(self, word: Span, *, anchored: bool = True) -> bool:
        """Surname and given-name syllables in one word. ``anchored``: the word stands next
        to a title, which vouches for a three-syllable word Kiwi read as a common noun."""
        text = word.text
        if not (is_hangul(text) and 2 <= len(text) <= 4) or self._known_word(text):
            return False
        if text[:2] in self._surnames and len(text) >= 3:
            given = text[2:]
        elif text[0] in self._surnames and len(text) <= 3:
            given = text[1:]
        else:
            return False
        if not all(ch in self._given for ch in given):
            return False
        if len(text) == 3 and text.endswith("대") and text[0] not in self._common_surnames:
            return False  # 경남대, 동신대: a university's short name (X대학교), not 경|남대
        tags = [t.tag_ for t in word]
        if not all(tag in NAME_PIECE_TAGS for tag in tags):
            return False
        # a two-syllable common noun Kiwi knows (신임, 현지) is a word, not a name; three
        # syllables of surname and given-name syllables read as one noun (김인수: 인수 is
        # "acquisition") are a name, if the surname is a common one (not 자동차 시장)
        return "NNP" in tags or len(word) > 1 or (anchored and len(text) == 3 and text[0] in self._common_surnames)

    def _surname_first(self, word: Span) -> bool:
        """A Korean name where a title vouches for it (``(대표 김유번)``): a surname and one to
        three more syllables, any of them, in a word no list knows."""
        text = word.text
        if self.is_korean_name(word):
            return True
        return (is_hangul(text) and 2 <= len(text) <= 4 and not self._known_word(text)
                and (text[0] in self._surnames or text[:2] in self._surnames)
                and all(t.tag_ in NAME_PIECE_TAGS for t in word))

    def is_foreign_word(self, word: Span) -> bool:
        """A word that can be part of a transliterated name (사티아, 나델라, 팀, 쿡)."""
        text = word.text
        if not is_hangul(text) or self._known_word(text) or len(word) != 1 or len(text) > 5:
            return False
        return word[0].tag_ == "NNP" or (word[0].tag_ == "NNG" and len(text) <= 2)

    def _glued_name(self, doc: Doc, end: int) -> Optional[Span]:
        """A Korean full name written against the title after it (``홍길동대표``,
        ``홍길동의원``): the name, when the word up to ``end`` is one."""
        j = end
        while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]) \
                and doc[j - 1].tag_ in NAME_PIECE_TAGS:
            j -= 1
        if j == end or not (j == 0 or doc[j - 1].whitespace_ or _is_break(doc[j - 1])):
            return None
        piece = doc[j:end]
        model = self._model_names.get(end)
        if model is not None and model.start == j:
            return piece
        return piece if len(piece.text) == 3 and self.is_korean_name(piece) else None

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
        word = self.word_before(doc, end)
        if word is None or any(i in orgs for i in range(word.start, word.end)):
            return None
        if self.is_korean_name(word):
            return word
        if not self.is_foreign_word(word) or self._body_ending(word) is not None:
            return None  # (누리대, 새나라당: a body's name, not a transliterated one)
        if any(e.end == word.start for e in self._model_names.values()):
            return None  # 위르겐 클롭 가나FC 감독: the model's person ends before this word
        first = word
        for _ in range(2):
            prev = self.word_before(doc, first.start)
            if prev is None or any(i in orgs for i in range(prev.start, prev.end)) or not self.is_foreign_word(prev):
                break
            if len(prev.text) >= 3 and self.is_korean_name(prev):
                break  # a full Korean name is a different person (or an employer's owner)
            first = prev
        if first is word:
            # a foreign surname alone (나델라 CEO); not a common noun, not a bare surname,
            # and not the body after a Korean name (홍길동 누리선급 회장)
            if len(word.text) < 2 or word[0].tag_ != "NNP" or word.text in self._surnames:
                return None
            prev = self.word_before(doc, word.start)
            if prev is not None and len(prev.text) >= 3 and self.is_korean_name(prev):
                return None
        name = doc[first.start:word.end]
        if all(t.tag_ == "NNG" and len(t.text) >= 2 for t in name):
            return None  # 협업 분야 대표: words Kiwi knows as common nouns, not a foreign name
        return name

    def name_after(self, doc: Doc, start: int, orgs: dict) -> Optional[Span]:
        if start >= len(doc) or not doc[start - 1].whitespace_:
            return None
        j = start
        while j < len(doc) and not doc[j].whitespace_ and not _is_break(doc[j]) and doc[j].tag_ in NAME_PIECE_TAGS:
            j += 1
        if j < len(doc) and (_is_break(doc[j]) or doc[j].tag_[:1] == "J"):
            word = doc[start:j]  # the name, its particle or bracket left out
        elif j < len(doc):
            word = doc[start:j + 1]
        else:
            word = doc[start:j]
        if word and not any(i in orgs for i in range(word.start, word.end)) and self.is_korean_name(word):
            return word
        return None

    # --- the patterns --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        matcher = self._load()
        # persons the statistical ner found (it runs first) anchor title patterns too
        self._model_names = {e.end: e for e in doc.ents if e.label_ == "PS" and looks_like_person(e)}
        titles = longest_first([span for span, _ in matcher(doc)] + self._glued_titles(doc)
                               + self._head_suffixes(doc))
        titles = [t for t in titles if not self._inside_word(doc, t)]
        org_spans = candidates.of(doc, *ORG_LABELS)
        # the statistical ner's organisations can be employers too (미네랄 리소스 최고경영자)
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
        return doc

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
        return k < len(doc) and any(doc[k:k + n].text in self._lex.all for n in (1, 2, 3))

    # --- membership without a title: 홍길동 소속사 누리엔터, 누리FC 소속 홍길동 ------------------
    def _memberships(self, doc: Doc, orgs: dict) -> None:
        agency = set(self._lex.membership.get("agency_after_person", ()))
        member = set(self._lex.membership.get("body_before_member", ()))
        for tok in doc:
            if tok.i == 0 or not doc[tok.i - 1].whitespace_:
                continue
            word_end = self._word_spelled(doc, tok.i, agency)
            if word_end:
                # the performer before (홍길동 씨 소속사), the agency after (소속|사: Kiwi may cut it)
                honorific = doc[tok.i - 1].text == "씨"
                end = tok.i - 1 if honorific else tok.i
                name = self._model_names.get(end) or self.word_before(doc, end)
                # (씨 vouches for a name of rare syllables: 홍다니엘 씨)
                if name is None or not (name.end in self._model_names or self.is_korean_name(name)
                                        or honorific and self._surname_first(name)):
                    continue
                org = self._body_after(doc, word_end, orgs)
                if org is not None:
                    self._person(doc, name, [], org, name.start, org.end, "person.agency")
            elif tok.text in member and self._word_ends_after(doc, tok.i):
                # 누리FC 소속 홍길동, 소속의 홍길동, 소속이었던 홍길동 (not 소속사, 소속팀:
                # other words)
                org = orgs.get(tok.i - 1)
                if org is None or org.end != tok.i:
                    body = self.word_before(doc, tok.i)
                    if body is None or self._known_word(body.text) or not all(_in_a_name(t) for t in body) \
                            or not (any(t.tag_ in ("NNP", "SL") for t in body) or self._body_ending(body)):
                        continue
                    org = candidates.add(doc, body.start, body.end, self._body_ending(body) or "ORGANIZATION",
                                         source="rule", score=0.6, rule="org.before_member")
                after = self._word_ends_after(doc, tok.i)
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
        if not len(word) or self._known_word(word.text):
            return None
        if not (quoted or any(t.tag_ in ("NNP", "SL") for t in word) or self._body_ending(word)):
            return None
        return candidates.add(doc, word.start, word.end, "COMPANY", source="rule", score=0.6, rule="org.agency")

    # --- the head of a body, in parentheses after it -------------------------------------
    def _heads_in_parentheses(self, doc: Doc, orgs: dict) -> None:
        """``한빛군(군수 홍길동)은``, ``가나다병원(병원장 김철수)이``: Korean press releases and
        regional news name a body's head in parentheses right after the body's name. The
        word glued to the bracket is the body, even one no list knows; the person holds the
        title there."""
        for i in range(1, len(doc)):
            if doc[i].text != "(" or doc[i - 1].whitespace_:
                continue
            if _is_break(doc[i - 1]) and _corp_mark_start(doc, i) is None:
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
                name = words[-1] if len(words) >= 2 and self._surname_first(words[-1]) else None
            if name is None:
                continue
            titles = [w for w in words if w.end <= name.start]
            if not titles or not self._is_head_title(titles[0]) or not all(
                    self._is_head_title(w) or w.text in self._lex.suffixes for w in titles):
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
            if head.text in self._lex.all and len(tail.text) == 3 and self.is_korean_name(tail):
                return [head, tail]
        return [word]

    def _is_head_title(self, word: Span) -> bool:
        """A title, or a noun ending in 장 (長, 'head of'): 병원장, 교육장, 사단장."""
        text = word.text
        if text in self._lex.all:
            return True
        return (is_hangul(text) and 2 <= len(text) <= 6 and text.endswith("장")
                and all(t.tag_ in ("NNG", "NNP", "XSN") for t in word) and not self.is_korean_name(word))

    def _body_before(self, doc: Doc, bracket: int, orgs: dict, title: str) -> Optional[Span]:
        """The body whose name ends right before ``bracket``: a known one, or the word
        glued to the bracket (with the place before it: 가나도 다라시)."""
        if bracket - 1 in orgs and orgs[bracket - 1].end == bracket:
            return orgs[bracket - 1]
        mark = _corp_mark_start(doc, bracket)
        if mark is not None:
            bracket = mark  # 누리하이웨이(주)(사장 홍길동): the name before the mark
            if bracket - 1 in orgs and orgs[bracket - 1].end == bracket:
                return orgs[bracket - 1]
        j = bracket - 1
        while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]):
            j -= 1
        word = doc[j:bracket]
        if len(word.text) < 2 or not all(_in_a_name(t) for t in word):
            return None
        if self._known_word(word.text) and lexicons.lookup(word.text) is None \
                and not (word.text in self._places and word.text.endswith(LOCAL_GOVERNMENT_ENDINGS)):
            return None  # a title, a word like 정부, a country: not a body's own name
        before = self.word_before(doc, j)
        if before is not None and before.text in self._places and word.text.endswith(LOCAL_GOVERNMENT_ENDINGS):
            word = doc[before.start:bracket]
        entry = lexicons.lookup(word.text)
        label = entry.type if entry is not None else org_label(word.text, title)
        return candidates.add(doc, word.start, word.end, label, source="rule", score=0.8, rule="org.headed")

    def _glued_titles(self, doc: Doc) -> list[Span]:
        """``김병호 하나은행장``, ``경영지원실장``: a one-token word ending in a title that Kiwi did
        not cut off, after a person's name; the whole word is taken as the title."""
        out = []
        for tok in doc:
            if tok.tag_ not in ("NNP", "NNG") or len(tok.text) < 4 or tok.i == 0 or not doc[tok.i - 1].whitespace_:
                continue
            title = next((t for t in self._glue_titles if tok.text.endswith(t) and len(tok.text) - len(t) >= 2), None)
            if title is None:
                continue
            # the name right before, or before a department word (박학규 DS부문 경영지원실장)
            start = tok.i
            while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].tag_ in ("NNG", "NNP", "SL"):
                start -= 1
            for _ in range(2):
                name = self.word_before(doc, start)
                if name is None:
                    break
                if self.is_korean_name(name) or start in self._model_names:
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
        chain of titles (``대표이사 사장``, ``미래전략본부장 부사장``)."""
        start, texts = t.start, []
        for _ in range(3):
            # glued to the word before: part of the title unless it is the employer
            j = start
            while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]) \
                    and doc[j - 1].tag_[:1] not in ("J", "E") and j - 1 not in orgs:
                j -= 1
            if j < start and (j == 0 or doc[j - 1].whitespace_ or _is_break(doc[j - 1])) \
                    and self._glued_name(doc, start) is None:
                start = j
            word = self.word_before(doc, start)
            if word is None or any(i in orgs for i in range(word.start, word.end)):
                break
            if word.end in title_ends:  # a title before this one: the same person's
                texts.insert(0, word.text)
                start = word.start
                continue
            if any(word.text.endswith(x) for x in self._lex.department_suffixes) and len(word.text) > 2 \
                    and not self.is_korean_name(word):
                start = word.start
            elif self._department_run(doc, word, orgs) is not None:
                # 구글 모바일 플랫폼 부문 부사장: a department of several words after the body
                start = self._department_run(doc, word, orgs)
            elif self._is_department(word) and t.text not in BODY_HEADS:
                # 서정식 클라우드추진 본부장, 누리전자 사업지원TF 사장: a compound noun between a
                # name or a body and the title
                before = self.word_before(doc, word.start)
                if before is not None and (self.is_korean_name(before) or before.end - 1 in orgs):
                    start = word.start
            break
        return start, texts

    def _department_run(self, doc: Doc, last: Span, orgs: dict) -> Optional[int]:
        """Start of a run of up to three noun words ending in a department word (…부문,
        …본부) right after a known body, or None."""
        if not any(last.text.endswith(x) for x in self._lex.department_suffixes):
            return None
        first = last
        for _ in range(3):
            prev = self.word_before(doc, first.start)
            if prev is None:
                return None
            if prev.end - 1 in orgs:
                return first.start
            if not all(t.tag_ in ("NNG", "NNP", "SL") for t in prev) or self.is_korean_name(prev):
                return None
            first = prev
        return None

    def _is_department(self, word: Span) -> bool:
        """A compound of nouns (클라우드|추진) that is no name, place or known body, and does
        not end like one (누리도의회)."""
        return (len(word) >= 2 and len(word.text) >= 3 and all(t.tag_ in ("NNG", "NNP", "SL") for t in word)
                and not self._known_word(word.text) and not self.is_korean_name(word)
                and self._body_ending(word) is None
                and not (word[0].tag_ == "SL" and any(t.tag_ != "SL" for t in word)))
        # (a word led by Latin letters, ADT캡스, is a firm's name; a unit ends in them, 사업지원TF)

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
        prefix = self.word_before(doc, start)
        if prefix is not None and prefix.text in self._lex.prefixes and prefix.text not in self._lex.all:
            start = prefix.start  # 홍길동 신임 감독, 누리전자 신임 사장 홍길동: look past the prefix
        i = start - 1
        # ORG directly before the title: NAME ORG TITLE, or ORG TITLE NAME
        if i >= 0 and i in orgs:
            org = orgs[i]
            name = self.name_before(doc, org.start, orgs)
            marker = self.word_before(doc, org.start)
            if name is None and marker is not None and marker.text in FORMER_OR_PRESENT:
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
        word = self.word_before(doc, start)
        if word is not None and len(word) == 1 and word.text in self._surnames:
            ref = candidates.add(doc, word.start, word.end, "PERSON_REF", source="coref", score=0.7,
                                 rule="person.surname_title")
            candidates.provenance(ref).info = PersonLink(
                titles=title_texts, evidence=(word.start_char, doc[last - 1].idx + len(doc[last - 1].text)),
                rule="person.surname_title")
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

    def _local_government(self, doc: Doc, name: Span, title: str, orgs: dict) -> Optional[Span]:
        """``누리군은 … 홍길동 군수 주재로``: a county head (군수), a mayor (시장) or a district
        head (구청장) with no body named beside them works for the county, city or district
        the sentence names: the nearest word of that kind, a proper noun with its ending."""
        ending = next((e for t, e in LOCAL_HEADS if title.endswith(t)), None)
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
            if core.start <= name.start < core.end or text in self._lex.all:
                continue
            if best is None or abs(core.start - name.start) < abs(best.start - name.start):
                best = core
        if best is None:
            return None
        if best.start in orgs and orgs[best.start].end == best.end:
            return orgs[best.start]
        return candidates.add(doc, best.start, best.end, "ORGANIZATION", source="rule", score=0.7,
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
                    label = None if self._known_word(word.text) else self._body_ending(word)
                    if label is not None:
                        return candidates.add(doc, word.start, word.end, label, source="rule", score=0.7,
                                              rule="org.aside")
        return None

    def _name_at_bracket(self, doc: Doc, open_: int) -> Optional[Span]:
        """The person's name glued to the bracket at ``open_`` (``홍길동(``), if a name."""
        if open_ == 0 or doc[open_ - 1].whitespace_:
            return None
        name = self._model_names.get(open_)
        if name is not None:
            return name
        j = open_
        while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]):
            j -= 1
        name = doc[j:open_]
        if not (j == 0 or doc[j - 1].whitespace_ or _is_break(doc[j - 1])) or not self.is_korean_name(name):
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
                word = doc[k - 1:k]
                j = k - 1
                while j > sent.start and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]):
                    j -= 1
                word = doc[j:k]
                name = word if self.is_korean_name(word) else None
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
        if first.text in ("을", "를", "직을") and nxt.lemma_.startswith(("지내", "역임", "맡")):
            return True
        if first.text in TERM_OF_OFFICE and first.tag_.startswith("NN"):
            return True  # 누리재단 이사장 퇴진, 누리전자 사장 재임 시절
        return first.text == "에" and nxt.text in ("취임", "선임", "임명")

    def _college_of(self, doc: Doc, unit: Span, orgs: dict) -> Optional[Span]:
        """``누리대 약학대학``: a college (…대학, …대학원) written right after its university is
        a unit of it; the university is where its dean works."""
        if not unit.text.endswith(("대학", "대학원")):
            return None
        parent = self.word_before(doc, unit.start)
        if parent is None:
            return None
        if parent.end - 1 in orgs and orgs[parent.end - 1].end == parent.end:
            return orgs[parent.end - 1]
        if not self._known_word(parent.text) and self._body_ending(parent) is not None:
            return candidates.add(doc, parent.start, parent.end, self._body_ending(parent), source="rule",
                                  score=0.7, rule="org.ending_before_person")
        return None

    def _model_names_from(self, start: int) -> Optional[Span]:
        """The statistical ner's person that starts at token ``start``."""
        return next((e for e in self._model_names.values() if e.start == start), None)

    def _unknown_org_before(self, doc: Doc, name: Span, title: str = "", orgs: Optional[dict] = None) -> Optional[Span]:
        """``엔씨 김택진 대표``, ``누리도의회 홍길동 의장``: a word no list knows, right before a
        Korean name with a title, is where that person works when it is a proper noun or
        ends like a body's name."""
        if len(name) and " " in name.text:
            return None
        word = self.word_before(doc, name.start)
        if word is None or self._known_word(word.text) or self.is_korean_name(word):
            return None
        if word.start > 0 and not (doc[word.start - 1].whitespace_ or _is_break(doc[word.start - 1])):
            return None
        # 누리대 약학대학 홍길동 학장: a unit of the body before it; the body is the employer
        parent = self.word_before(doc, word.start)
        if parent is not None and self._body_ending(word) is not None:
            if orgs and parent.end - 1 in orgs and orgs[parent.end - 1].end == parent.end:
                return orgs[parent.end - 1]
            if not self._known_word(parent.text) and self._body_ending(parent) is not None:
                return candidates.add(doc, parent.start, parent.end, self._body_ending(parent), source="rule",
                                      score=0.7, rule="org.ending_before_person")
        if self._body_ending(word) is not None:
            return candidates.add(doc, word.start, word.end, self._body_ending(word), source="rule", score=0.7,
                                  rule="org.ending_before_person")
        if all(t.tag_ in ("NNP", "SL", "NNG", "SN") for t in word) and any(t.tag_ in ("NNP", "SL") for t in word) \
                and len(word.text) >= 2:
            # a proper noun or a Latin part (누리FC); all common nouns (마케팅팀) is a unit
            return candidates.add(doc, word.start, word.end, "COMPANY", source="rule", score=0.55,
                                  rule="org.before_person")
        if title in BODY_HEADS and len(word) >= 2 and len(word.text) >= 4 and all(t.tag_ in ("NNG", "NNP") for t in word) \
                and not word.text.endswith(self._lex.department_suffixes):
            # 누리혁신추진위 홍길동 위원장: the chair heads the whole body
            return candidates.add(doc, word.start, word.end, "ORGANIZATION", source="rule", score=0.6,
                                  rule="org.ending_before_person")
        return None

    def _body_ending(self, word: Span) -> Optional[str]:
        """COMPANY or ORGANIZATION when a word no list knows ends like a body's name
        (…의회, …유치원, …전자) after a name of its own; else None."""
        if not all(_in_a_name(t) for t in word):
            return None
        for ending, label in lexicons.org_endings():
            if len(ending) >= 2 and word.text.endswith(ending) and len(word.text) >= len(ending) + 2 \
                    and ending not in lexicons.org_suffixes().not_alone:
                return label
        # a party (민주|평화|당) or a university's short name (누리|대): 당 or 대 cut off by
        # Kiwi as a token of its own after two or more syllables of nouns, or a proper noun
        # Kiwi knows whole (새|누리|당: 새 read as a determiner; 광주|대: 대 read as a prefix);
        # 식당, 담당, 부대, 세대 are one common-noun token
        if word.text.endswith(("당", "대")) and len(word.text) >= 3 \
                and all(t.tag_ in ("NNG", "NNP", "XSN", "NNB", "XPN") or k == 0 and t.tag_ == "MM"
                        for k, t in enumerate(word)) \
                and (word[-1].text in ("당", "대") or len(word) == 1 and word[0].tag_ == "NNP"):
            return "ORGANIZATION"
        return None

    def _name_body_title(self, doc: Doc, start: int, titles: list[str], last: int, orgs: dict) -> None:
        """``홍길동 가나다 대표``, ``위르겐 클롭 가나FC 감독``: NAME BODY TITLE where the body is
        a name no list knows. The word between a person's name and a title is where the
        title is held when it is a proper noun, a Latin word or ends like a body's name;
        a common noun there (``마케팅``) is a department, a place (``서울``) is left alone."""
        body = self.word_before(doc, start)
        if body is None or any(i in orgs for i in range(body.start, body.end)) or len(body.text) < 2:
            return
        text = body.text
        if self._known_word(text) or text in self._lex.prefixes or self.is_korean_name(body):
            return
        if not all(_in_a_name(t) for t in body):
            return
        label = self._body_ending(body)
        if label is None and titles[-1] in BODY_HEADS and len(body) >= 2 and len(text) >= 4 \
                and all(t.tag_ in ("NNG", "NNP") for t in body) \
                and not text.endswith(self._lex.department_suffixes):
            label = "ORGANIZATION"  # 홍길동 국가교육회의 의장: the chair heads the whole body
        if label is None:
            if not any(t.tag_ in ("NNP", "SL", "SH") for t in body):
                return
            label = org_label(text, titles[-1])
        name = self._model_names.get(body.start)
        if name is None:
            name = self.word_before(doc, body.start)
            if name is None or not self.is_korean_name(name):
                return
        org = candidates.add(doc, body.start, body.end, label, source="rule", score=0.7, rule="org.between_name_title")
        self._person(doc, name, titles, org, name.start, last, "person.name_org_title")

    def _person(self, doc, name: Span, titles, org: Optional[Span], ev_start: int, ev_end: int, rule: str,
                also: Optional[Span] = None):
        if titles and all(any(t.endswith(b) for b in self._lex.byline) for t in titles) \
                and not (ev_end < len(doc) and doc[ev_end].text in ("은", "는", "이", "가", "에게")
                         and doc[ev_end].tag_.startswith("J")):
            # the writer of the article: bylines are not part of the story (a reporter who
            # speaks or acts in it, 홍길동 누리일보 기자는 …, is)
            return
        span = candidates.add(doc, name.start, name.end, "PERSON", source="rule", score=0.85, rule=rule)
        candidates.provenance(span).info = PersonLink(
            titles=list(titles),
            employer=(org.start, org.end) if org is not None else None,
            evidence=(doc[ev_start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)),
            rule=rule,
            also=[(also.start, also.end)] if also is not None and also is not org else [],
        )
        if titles and ev_start == name.start:
            self._coordinated_names(doc, name, titles, org, ev_end)

    def _coordinated_names(self, doc, name: Span, titles, org: Optional[Span], ev_end: int) -> None:
        """``김철수·이영희·홍길동 의원``: Korean names joined by a middle dot or a comma before one
        title all bear it, at the same body."""
        first = name
        while first.start >= 2 and doc[first.start - 1].text in ("·", "ㆍ", ",") \
                and not doc[first.start - 2].whitespace_:
            j = first.start - 1
            while j > 0 and not doc[j - 1].whitespace_ and not _is_break(doc[j - 1]):
                j -= 1
            prev = doc[j:first.start - 1]
            if not len(prev) or not (j == 0 or doc[j - 1].whitespace_ or _is_break(doc[j - 1])) \
                    or len(prev.text) != 3 or not self.is_korean_name(prev):
                break
            span = candidates.add(doc, prev.start, prev.end, "PERSON", source="rule", score=0.8,
                                  rule="person.coordinated")
            candidates.provenance(span).info = PersonLink(
                titles=list(titles), employer=(org.start, org.end) if org is not None else None,
                evidence=(prev.start_char, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)),
                rule="person.coordinated")
            first = prev


@Language.factory("korex_people", assigns=["doc.spans"])
def make_people_finder(nlp: Language, name: str):
    return PeopleFinder()


@lru_cache(maxsize=1)
def _shapes() -> PeopleFinder:
    finder = PeopleFinder()
    finder._load()
    return finder


def holds_a_name(span: Span) -> bool:
    """The span runs over a Korean full name into another word (홍길동 가나부, 가나대
    홍길동): a Korean name is a word of its own, so the span is a person and something
    else read as one."""
    words = words_of(span)
    return len(words) > 1 and any(len(w.text) >= 3 and _shapes().is_korean_name(w, anchored=False) for w in words)


def lone_foreign_name(span: Span) -> bool:
    """One Hangul word that Kiwi reads as a proper noun and no list knows (나델라, 링컨): a
    transliterated name, or as often a company or a product."""
    f = _shapes()
    words = words_of(span)
    if len(words) != 1:
        return False
    w = words[0]
    return (len(w) == 1 and w[0].tag_ == "NNP" and is_hangul(w.text) and 2 <= len(w.text) <= 6
            and not f._known_word(w.text) and w.text not in f._surnames and lexicons.lookup(w.text) is None
            and not f.is_korean_name(w, anchored=False) and not _before_byline(span)
            and [tag for _, tag in word_alone(w.text)] == ["NNP"])  # not 신|사업, a derived noun


def _before_byline(span: Span) -> bool:
    after = span.doc[span.end:span.end + 2].text
    return any(after.lstrip().startswith(b) for b in _shapes()._lex.byline)


def looks_like_person(span: Span) -> bool:
    """Whether a span has the shape of a person's name: one Korean name word (surname and
    given-name syllables), or two or three words of a transliterated name, and is not the
    byline of the article's writer (``홍길동 기자``)."""
    f = _shapes()
    words = words_of(span)
    if len(words) == 1:
        w = words[0]
        # one word: a Korean name (a lone transliterated word, 하만 or 바흐리, is as often a
        # company)
        ok = f.is_korean_name(w, anchored=False)
    else:
        ok = len(words) <= 3 and all(len(w) == 1 and is_hangul(w.text) and not f._known_word(w.text) for w in words)
        # a Korean full name is one word: what follows it is another word (its employer)
        ok = ok and not holds_a_name(span)
    if not ok:
        return False
    return not _before_byline(span)
