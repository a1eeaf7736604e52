"""korex_org_rules: companies and organizations that no lexicon lists.

Evidence about how Korean writes names of bodies:
- the ending of a proper-noun word: ``삼성전자``, ``하나은행``, ``㈜한화``, ``국가정보원``
  (the ending decides company versus organization); a known name and an ending written
  apart (``콘티넨탈 오토모티브``, ``현대차 그룹``);
- coordination with a known company: in ``현대모비스와 콘티넨탈 오토모티브가 합작법인을``
  the partner of a company is a company, and so, in turn, is every name of the list;
  a phrase between two companies of a list is one too;
- a word for a kind of firm just before a name: ``일본 만화 업체 코미노``,
  ``자원기업인 노던 마이닝``;
- an acronym spelled out in parentheses with a body's ending: ``NGDC(네바다 지열사업
  개발공사)``.

``org_type`` makes the same company-versus-organization decision for the spans the
statistical ner calls OG.
"""
from __future__ import annotations

from functools import cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.components import candidates
from korex.matching import TokenPhraseMatcher
from korex.names import looks_like_person, name_shaped

NAME_TAGS = {"NNP", "SL", "SN", "SH"}
NOUN_TAGS = NAME_TAGS | {"NNG", "XSN", "XPN"}
WORD_TAGS = NOUN_TAGS | {"SW"}  # what a word's leading noun part is made of
COORDINATORS = {"와", "과", "·", ",", "및", "-", "/"}
# one-syllable agency endings Kiwi cuts off names it does not know: resources/words.json
GOV_ENDINGS = frozenset(lexicons.words("org_rules")["agency_endings"])


def _unknown_word(span: Span, suffix: str) -> bool:
    """A word Kiwi does not know: one token it could not cut (it knows its compounds), or a
    long word it cut into three or more common-noun pieces (골든|브릿지|투자|증권)."""
    if len(span) == 1:
        return len(span.text) >= len(suffix) + 3
    return len(span) >= 3 and len(span.text) >= 7 and all(t.tag_ == "NNG" for t in span)


def word_spans(doc: Doc):
    """Each space-free word's leading noun part, as a token span (particles left out)."""
    # each token's first tag, text and trailing space read once (a Token is built per access)
    first_tags = [t.tag_.split("+")[0] for t in doc]
    texts = [t.text for t in doc]
    spaced = [bool(t.whitespace_) for t in doc]
    i = 0
    n = len(doc)
    while i < n:
        j = i
        while j < n and first_tags[j] in WORD_TAGS and texts[j] not in COORDINATORS:
            j += 1
            if spaced[j - 1]:
                break
        if j > i:
            yield doc[i:j]
            i = j
        else:
            i += 1
        # skip the rest of the word (particles, endings)
        while i < n and i > 0 and not spaced[i - 1] and first_tags[i - 1] not in NOUN_TAGS:
            i += 1


def has_name_part(span: Span) -> bool:
    return any(t.tag_ in NAME_TAGS for t in span)


# scores of what these rules propose, by what each rests on
DEFAULT_SCORES = {
    "corp_mark": 0.8,        # ㈜한빛, 한빛(주)
    "suffix": 0.75,          # a proper noun with a body's ending: 한빛전자, 누리위원회
    "agency_suffix": 0.65,   # 전력|청: an agency ending Kiwi cut off a name it does not know
    "spelled_out": 0.7,      # NGDC(… 개발공사)
    "coordinated": 0.6,      # the partner of a company in a list
    "described": 0.6,        # 만화 업체 코미노
    "sa_marker": 0.7,        # CCPC사
    "group_of_known": 0.85,  # 현대차 그룹, 콘티넨탈 오토모티브
    "deal_argument": 0.5,    # 파인펄스를 인수했다: a proper noun a deal sentence gives a part
}


class OrgRules(candidates.ScoredFinder):
    DEFAULT_SCORES = DEFAULT_SCORES

    def __init__(self, scores: Optional[dict] = None):
        super().__init__(scores)
        self._suffixes = None

    @property
    def suffixes(self):
        if self._suffixes is None:
            s = lexicons.org_suffixes()
            # an ambiguous ending of one syllable (부, 원, 청) or one that also ends facilities
            # and slogans (센터, 코리아) is left to the lexicon and the model
            weak = {x for x in s.ambiguous if len(x) < 2} | set(s.not_alone)
            table = [(x, label) for x, label in lexicons.org_endings()
                     if x not in weak or (label == "ORGANIZATION" and x in GOV_ENDINGS)]
            # the endings of each length, each with its place in the table: a word is looked up
            # by its last 1, 2, … characters instead of testing every ending
            by_end: dict[str, list] = {}
            for i, (x, label) in enumerate(table):
                by_end.setdefault(x, []).append((i, x, label))
            self._suffixes = (by_end, sorted({len(x) for x in by_end}), tuple(s.company_prefix_marks))
        return self._suffixes

    def __call__(self, doc: Doc) -> Doc:
        by_end, lengths, corp_marks = self.suffixes
        for span in word_spans(doc):
            text = span.text
            bare = text
            for m in corp_marks:
                bare = bare.replace(m, "")
            if bare != text and len(bare.strip()) >= 2:
                candidates.add(doc, span.start, span.end, "COMPANY", source="rule", score=self.scores["corp_mark"], rule="org.corp_mark")
                continue
            # the endings the word has, in the table's order
            endings = sorted(e for k in lengths if k <= len(text) for e in by_end.get(text[-k:], ()))
            for _, suffix, label in endings:
                stem = text[: -len(suffix)]
                if not stem or len(stem) < 2:
                    continue  # a bare ending (은행, 그룹) names nothing
                if len(suffix) >= 2 and (has_name_part(span) or _unknown_word(span, suffix)):
                    # a proper-noun stem (삼성전자), or one word Kiwi does not know (심천메인럭제약);
                    # a compound of common nouns (이동통신) is no name
                    candidates.add(doc, span.start, span.end, label, source="rule", score=self.scores["suffix"],
                                   rule=f"org.suffix.{suffix}")
                    break
                if len(suffix) == 1 and label == "ORGANIZATION" and suffix in GOV_ENDINGS \
                        and span[-1].text == suffix and len(span) >= 2 and not name_shaped(span):
                    # 전력|청, 군비|청: Kiwi cuts the agency ending off a name it does not know,
                    # while the common words (정부, 직원, 수뇌부) stay whole
                    candidates.add(doc, span.start, span.end, label, source="rule", score=self.scores["agency_suffix"],
                                   rule=f"org.suffix.{suffix}")
                    break
            self._group_of_known(doc, span)
        self._sa_marked(doc)
        self._described(doc)
        self._spelled_out(doc)
        self._coordinated(doc)
        self._between_members(doc)
        self._deal_arguments(doc)
        return doc

    def _deal_arguments(self, doc: Doc) -> None:
        """``파인펄스를 인수했다``, ``비트리버는 … 투자를 유치했다``: a proper noun that a
        sentence with a deal word gives a part (subject, object, partner, source) is the name
        of a firm or a body, even one no list knows; a weak candidate, which the resolver
        keeps only where nothing stronger claims the words."""
        matcher = _deal_words()
        sents_with_deal = {doc[s.start].sent.start for s, _ in matcher(doc)}
        if not sents_with_deal:
            return
        for span in word_spans(doc):
            if span.sent.start not in sents_with_deal or span.end >= len(doc):
                continue
            k = span.end
            if doc[k].text in STAKE_NOUNS and span[-1].whitespace_ and k + 1 < len(doc):
                k += 1  # 파인펄스 주식을, 파인펄스 지분을: the firm whose shares change hands
            nxt = doc[k]
            if not nxt.tag_.startswith(("JKS", "JKO", "JKB", "JX", "JC")) or nxt.text not in DEAL_ROLE_PARTICLES:
                continue
            if not all(t.tag_ in NAME_TAGS for t in span) or len(span.text) < 2 or span.start > 0 and \
                    not (doc[span.start - 1].whitespace_ or doc[span.start - 1].tag_.startswith("S")):
                continue
            text = span.text
            if text in lexicons.locations() or text in lexicons.non_names() or text in lexicons.acronyms() \
                    or lexicons.lookup(text) is not None or looks_like_person(span) or text.isdigit():
                continue
            candidates.add(doc, span.start, span.end, "COMPANY", source="rule", score=self.scores["deal_argument"],
                           rule="org.deal_argument")

    def _spelled_out(self, doc: Doc) -> None:
        """``NGDC(네바다 지열사업 개발공사)``: an acronym with its Korean name spelled out in
        parentheses, the name ending like a body's, is that body; both forms are found."""
        endings = [(x, label) for x, label in lexicons.org_endings() if len(x) >= 2]
        for tok in doc:
            if tok.tag_ != "SL" or not tok.text.isupper() or len(tok.text) < 2 \
                    or tok.i + 3 >= len(doc) or doc[tok.i + 1].text != "(":
                continue
            close = next((k for k in range(tok.i + 2, min(tok.i + 10, len(doc))) if doc[k].text == ")"), None)
            if close is None or close == tok.i + 2:
                continue
            inner = doc[tok.i + 2:close]
            if tok.text in lexicons.acronyms() or not all(t.tag_ in NOUN_TAGS for t in inner):
                continue
            label = next((lab for x, lab in endings if inner.text.endswith(x) and len(inner.text) > len(x)), None)
            if label is None:
                continue
            candidates.add(doc, tok.i, tok.i + 1, label, source="rule", score=self.scores["spelled_out"], rule="org.spelled_out")
            candidates.add(doc, inner.start, inner.end, label, source="rule", score=self.scores["spelled_out"], rule="org.spelled_out")

    def _between_members(self, doc: Doc) -> None:
        """``BP와 블루 하이드로젠, 에퀴노르와``: a noun phrase between two companies of one
        list is a member of the list too."""
        known = sorted(candidates.of(doc, "COMPANY"), key=lambda c: c.start)
        ends = {c.end: c for c in known}
        starts = {c.start: c for c in known}
        for left_end in sorted(ends):
            if left_end >= len(doc) or doc[left_end].text not in COORDINATORS:
                continue
            i = left_end + 1
            j = i
            while j < len(doc) and j - i < 4 and doc[j].tag_ in NOUN_TAGS and doc[j].text not in COORDINATORS:
                j += 1
            if j == i or j + 1 >= len(doc) or doc[j].text not in COORDINATORS or (j + 1) not in starts:
                continue
            item = doc[i:j]
            if i in starts or len(item.text) < 3 or item.text in lexicons.locations() \
                    or item.text in lexicons.non_names() or item.text in lexicons.acronyms():
                continue
            candidates.add(doc, i, j, "COMPANY", source="rule", score=self.scores["coordinated"], rule="org.coordinated")

    def _described(self, doc: Doc) -> None:
        """``만화 업체 코미노를``, ``로봇 기업인 `로보틱`의``: Korean news introduces a firm it
        expects the reader not to know by the kind of firm, then its name."""
        descriptors = lexicons.org_suffixes().descriptors
        for tok in doc:
            if tok.tag_ not in ("NNG", "NNP") or not tok.text.endswith(descriptors):
                continue
            i = tok.i + 1
            copula = i < len(doc) and doc[i].text == "인" and doc[i].tag_.startswith("VCP")
            if copula:
                i += 1  # 기업인 로보틱: "a firm that is 로보틱"
            if not tok.whitespace_ and i == tok.i + 1:
                continue  # 기업가치, 업체별: the descriptor begins a longer word
            quoted = i < len(doc) and doc[i].text in QUOTES
            if quoted:
                i += 1
            name = _described_name(doc, i)
            if name is None:
                continue
            after = doc[name.end] if name.end < len(doc) else None
            if after is not None and not (after.tag_.startswith(("J", "S")) or after.text in QUOTES
                                          or after.text in ("등", "(")):
                continue  # the name must end where the noun phrase ends: 업체 대표, 기업 총수
            if copula and not quoted and _reads_as_person(name):
                continue  # 기업인 김철수: "businessman Kim", not a firm called 김철수
            candidates.add(doc, name.start, name.end, "COMPANY", source="rule", score=self.scores["described"], rule="org.described")

    def _sa_marked(self, doc: Doc) -> None:
        """``CCPC사가``, ``퀄컴사는``: a proper noun with 사 (社) glued after it is a company."""
        for tok in doc:
            if tok.text != "사" or tok.i == 0 or doc[tok.i - 1].whitespace_:
                continue
            if tok.i + 1 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].tag_[:1] not in ("J", "S"):
                continue  # 사 begins a longer word (사업, 사장)
            j = tok.i
            while j > 0 and doc[j - 1].tag_ in ("NNP", "SL") and (j == tok.i or not doc[j - 1].whitespace_):
                j -= 1
            name = doc[j:tok.i]
            if len(name) and len(name.text) >= 2 and name.text not in lexicons.acronyms() \
                    and name.text not in lexicons.locations():
                candidates.add(doc, name.start, name.end, "COMPANY", source="rule", score=self.scores["sa_marker"], rule="org.sa_marker")

    def _group_of_known(self, doc: Doc, span: Span) -> None:
        """``현대차 그룹``: a known company and the word 그룹 after a space are the group;
        ``콘티넨탈 오토모티브``: a known company and a company ending written apart are one
        name, the same firm's fuller one."""
        if span.start == 0 or not doc[span.start - 1].whitespace_:
            return
        group = span.text == "그룹"
        if not group and (len(span.text) < 3 or span.text not in _endings_alone()):
            return
        if span.end < len(doc):
            glued_on = not doc[span.end - 1].whitespace_ and not doc[span.end].tag_.startswith(("J", "S"))
            if glued_on or (doc[span.end - 1].whitespace_ and not group):
                # the word or the phrase goes on (그룹사, LG전자 자동차 부품): a modifier; 그룹
                # is a name's own word also before a title (현대차 그룹 회장)
                return
        for c in candidates.of(doc, "COMPANY"):
            if c.end == span.start and c._.korex_source == "dictionary":
                candidates.add(doc, c.start, span.end, "COMPANY", source="dictionary", score=self.scores["group_of_known"],
                               rule="org.group_of_known", entry=None if group else c._.korex_entry)
                return

    def _coordinated(self, doc: Doc) -> None:
        # a partner found joins the list in turn: 에퀴노르, 오르카, 베릴과
        for _ in range(6):
            before = len(candidates.of(doc, "COMPANY"))
            self._coordinated_once(doc)
            if len(candidates.of(doc, "COMPANY")) == before:
                return

    def _coordinated_once(self, doc: Doc) -> None:
        known = [s for s in candidates.of(doc, "COMPANY")]
        starts = {s.start: s for s in known}
        ends = {s.end: s for s in known}
        for span in known:
            # partner after: COMPANY와 NAME / COMPANY·NAME
            if span.end < len(doc) and doc[span.end].text in COORDINATORS:
                partner = _name_run(doc, span.end + 1, forward=True)
                if partner is not None and partner.start not in starts:
                    candidates.add(doc, partner.start, partner.end, "COMPANY", source="rule", score=self.scores["coordinated"],
                                   rule="org.coordinated")
            # partner before: NAME와 COMPANY
            if span.start >= 2 and doc[span.start - 1].text in COORDINATORS:
                partner = _name_run(doc, span.start - 2, forward=False)
                if partner is not None and partner.end not in ends:
                    candidates.add(doc, partner.start, partner.end, "COMPANY", source="rule", score=self.scores["coordinated"],
                                   rule="org.coordinated")


@cache
def _endings_alone() -> frozenset:
    """Company endings that can stand as a word of their own after a known name."""
    s = lexicons.org_suffixes()
    return frozenset(x for x in s.company if x not in s.not_alone and x not in s.ambiguous)


# the particles by which a deal sentence gives a name a part: subject, topic, object, partner,
# the one given to or taken from
DEAL_ROLE_PARTICLES = frozenset({"이", "가", "은", "는", "을", "를", "와", "과", "에", "로부터", "으로부터", "에서"})
# nouns of a firm's shares written after its name (파인펄스 주식을 취득): resources/words.json
STAKE_NOUNS = frozenset(lexicons.words("org_rules")["stake_nouns"])


@cache
def _deal_words():
    """A matcher of every word of the deal lexicon (resources/deals.json), triggers and
    proposal words alike."""
    import json
    from importlib.resources import files

    lex = json.loads(files("korex.resources").joinpath("deals.json").read_text("utf-8"))
    words = [w for group in ("triggers", "proposal_triggers") for ws in lex.get(group, {}).values() for w in ws]
    return TokenPhraseMatcher((w, w) for w in words)


QUOTES = {"`", "'", "‘", "’", '"', "“", "”", "「", "」", "<", ">", "《", "》"}


def _described_name(doc: Doc, i: int, max_tokens: int = 4) -> Optional[Span]:
    """The name right after a firm descriptor: up to ``max_tokens`` noun tokens of one or
    two words with a proper noun among them (노던|마이닝), or a run ending in a company
    ending written apart (루미엘 제약)."""
    endings = lexicons.org_suffixes().company
    j = i
    while j < len(doc) and j - i < max_tokens and doc[j].tag_ in NAME_TAGS | {"NNG", "XPN"} \
            and doc[j].text not in COORDINATORS:
        j += 1
        if doc[j - 1].whitespace_ and (j >= len(doc) or (doc[j].tag_ not in NAME_TAGS and doc[j].text not in endings)):
            break  # a common noun after a space starts a new phrase (코미노 인수)
    if j == i:
        return None
    span = doc[i:j]
    ends_as_company = len(span) >= 2 and span[-1].text in endings
    proper = any(t.tag_ in ("NNP", "SL", "SH") for t in span)  # a number names no firm (자회사 지분 100%)
    if not (proper or ends_as_company) or len(span.text) < 2:
        return None
    if span.text in lexicons.acronyms() or span.text in lexicons.locations() or span.text in lexicons.non_names():
        return None
    return span


def _reads_as_person(span: Span) -> bool:
    """One word shaped like a Korean name (a name of several words after a firm descriptor
    is a foreign firm's: 노던 마이닝)."""
    return not any(t.whitespace_ for t in span[:-1]) and looks_like_person(span)


def _name_run(doc: Doc, i: int, *, forward: bool, max_tokens: int = 4):
    """Proper-noun tokens from i (up to max_tokens, spaces allowed between them)."""
    if not (0 <= i < len(doc)) or doc[i].tag_ not in NAME_TAGS:
        return None
    lo = hi = i
    step = 1 if forward else -1
    j = i + step
    # a place before a name (대만 HTC) says where the body is, it is not part of the name
    while 0 <= j < len(doc) and abs(j - i) < max_tokens and doc[j].tag_ in NAME_TAGS \
            and doc[j].text not in lexicons.locations() \
            and not doc[j].text.endswith(lexicons.org_suffixes().descriptors):
        if forward:
            hi = j
        else:
            lo = j
        j += step
    span = doc[lo:hi + 1]
    # a lone number, a one-syllable word or a technical acronym (AI, 5G) is no company name
    if all(t.tag_ == "SN" for t in span) or len(span.text) < 2 or span.text in lexicons.acronyms():
        return None
    if span.text in lexicons.locations() or span.text in lexicons.non_names():
        return None
    return span


def org_type(span: Span) -> Optional[str]:
    """COMPANY or ORGANIZATION for a span the model calls OG: the lexicon if it knows the
    name, else the name's ending (…전자 a company, …위원회 an organization), else a company,
    the usual body in business news. None for a bare common noun (정부, 경찰)."""
    text = span.text  # Span.text joins its tokens anew at each access
    entry = lexicons.lookup(text)
    if entry is not None:
        return entry.type
    if span[0].tag_ not in ("NNP", "SL", "SH", "SN") or any(t.text in ("및", "와", "과", "·", ",") for t in span):
        return None  # 이 데이터센터, 서버 및 데이터센터: a noun phrase, not a name
    if any(text.endswith(x) for x in lexicons.titles().department_suffixes):
        return None  # 시스템LSI사업부: a department, part of the title of the person before it
    if _after_person(span):
        return None  # 사티아 나델라(Satya Nadella): the person's name again
    endings = lexicons.org_endings()
    if span[-1].tag_ == "NNG" and not any(text.endswith(x) for x, _ in endings):
        return None  # "… ABC 인수", "… 광산": a phrase ending in a common noun that ends no name
    if text.endswith(lexicons.document_endings()):
        return None  # 국제회계기준, 북미자유무역협정: a standard or a treaty, not a body
    if text in lexicons.acronyms() or (text.isascii() and len(text) <= 2):
        return None  # MOU, IT, LNG; and two Latin letters no lexicon knows
    if all(t.tag_ == "NNG" for t in span) and len(span) <= 2 and len(text) <= 4:
        return None  # 대주주, 신사업: a common noun Kiwi knows
    last = span[-1].text
    for ending, label in endings:
        # a one-syllable ending (대, 부, 원) is too often the end of an ordinary word, unless
        # Kiwi cut it off a proper noun as a token of its own (미래한국|당)
        alone = len(ending) == 1 and len(span) >= 2 and last == ending and span[-2].tag_ == "NNP"
        if (len(ending) >= 2 or alone) and text.endswith(ending) and len(text) > len(ending):
            return label
    return "COMPANY"


def _after_person(span: Span) -> bool:
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "(":
        return False
    before = doc[span.start - 2]
    return any(c.start <= before.i < c.end for c in candidates.of(doc, "PERSON")) or \
        any(e.start <= before.i < e.end and e.label_ == "PS" for e in doc.ents)


@Language.factory("korex_org_rules", assigns=["doc.spans"], default_config={"scores": DEFAULT_SCORES})
def make_org_rules(nlp: Language, name: str, scores: dict):
    return OrgRules(scores)
