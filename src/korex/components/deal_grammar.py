"""The grammar of deal sentences: which companies and organizations a sentence names, in
which grammatical role (the particle after each name), and which of them a deal word makes
its parties, with what role. :mod:`korex.components.deals` assembles deals from these.

Who is what in a directed deal: the target is the object (``C를 인수``), the name a deal word
modifies (``인수한 C``) or, in ``C는 A가 인수한 기업``, the topic; ``A로부터 투자받았다`` makes
A the investor. Two firms joined before a merger word (``A와 B를 통합``) are its parties, not
the parent that decides it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from korex import lexicons
from korex.records import Deal, Entity

ORG_TYPES = ("COMPANY", "ORGANIZATION")
DIRECTED = {"ACQUISITION": ("acquirer", "target"), "INVESTMENT": ("investor", "investee")}
STATUS_RANK = {"discussed": 0, "planned": 1, "signed": 2, "cancelled": 3}


@dataclass
class Arg:
    entity: object   # korex.components.entities.Entity (a company or organization)
    marker: str      # subj, with, coord, obj, to, from, gen, none
    start: int       # character offset of the mention
    via_person: bool = False


@dataclass
class DealDraft:
    """A deal while the finder assembles it (later mentions may add parties or a date);
    :meth:`freeze` gives the record."""

    type: str
    parties: list[tuple[Entity, str]]
    status: str
    date_entity: Optional[Entity]
    amount_entity: Optional[Entity]
    trigger: tuple[int, int, str]
    evidence: tuple[int, int]
    score: float

    @property
    def party_ids(self) -> frozenset:
        return frozenset(e.key for e, _ in self.parties)

    def freeze(self) -> Deal:
        return Deal(self.type, tuple((e.key, role) for e, role in self.parties), self.status,
                    self.date_entity.key if self.date_entity is not None else None,
                    self.amount_entity.key if self.amount_entity is not None else None,
                    self.trigger, self.evidence, round(self.score, 3))


def marker(doc: Doc, i: int) -> str:
    """The grammatical role of the noun phrase ending before token i, from its particle."""
    # skip a parenthesis right after the name: 마이크로소프트(MS)의
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 8, len(doc))) if doc[k].text == ")"), None)
        if close is not None:
            i = close + 1
            # and the rest of the name glued after it: 누리투자(NT)증권에
            while i < len(doc) and not doc[i - 1].whitespace_ and doc[i].tag_ in ("NNG", "NNP", "SL"):
                i += 1
    if i >= len(doc):
        return "none"
    tok = doc[i]
    text, tag = tok.text, tok.tag_
    if text in ("·", ",", "및", "-", "/", "ㆍ", "、") or (tag == "SP" and text == ","):
        return "coord"
    if tag.startswith("JX") and text in ("은", "는", "도"):
        return "subj"
    if tag.startswith("JKS"):
        return "subj"
    if text in ("와", "과", "랑", "이랑") and (tag.startswith("JC") or tag.startswith("JKB")):
        return "with"
    if tag.startswith("JKO"):
        return "obj"
    if tag.startswith("JKG"):
        if i + 2 < len(doc) and doc[i + 1].tag_.startswith("NN") and doc[i + 2].text == "인" \
                and doc[i + 2].tag_.startswith("VCP"):
            return "adv"  # 한화그룹의 지주사인 ㈜한화: it describes the next name, takes no part
        return "gen"
    if tag.startswith("JKB"):
        if text in ("에", "에게", "에게서"):
            return "to"
        if text in ("로부터", "으로부터", "에서"):
            return "from"
        return "adv"
    if tag.startswith("NNB") and text in ("사", "측", "등"):
        return marker(doc, i + 1)  # A사와, A 측은, A 등과
    if tag == "SN" and doc[i:i + 3].text.replace(" ", "").startswith((text + "자간", text + "사간")):
        return "with"  # A, B, C 3자간 합의: the list is the parties, each with the others
    return "none"


def sentence_args(doc: Doc, sent: Span, entities, employers: dict) -> list[Arg]:
    """The companies and organizations the sentence names, each with its grammatical role;
    a person acting stands for their employer (``employers``: person key -> entity)."""
    out: list[Arg] = []
    for e in entities:
        for m in e.mentions:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            if e.type in ORG_TYPES:
                tok = doc.char_span(m.start, m.end, alignment_mode="expand")
                out.append(Arg(e, marker(doc, tok.end), m.start))
            elif e.type == "PERSON" and e.key in employers:
                # the particle follows the whole "NAME (ORG) TITLE" pattern
                end = max([l.evidence[1] for l in m.links] + [m.end])
                tok = doc.char_span(m.start, end, alignment_mode="expand")
                out.append(Arg(employers[e.key], marker(doc, tok.end), m.start, via_person=True))
    out.sort(key=lambda a: a.start)
    # a name in a list shares the role of the list's last name: A, B, C 등과; A·B가
    for k in range(len(out) - 2, -1, -1):
        if out[k].marker == "coord" and out[k + 1].marker in ("with", "subj", "obj", "gen", "to"):
            out[k].marker = out[k + 1].marker
    return out

def as_parties(dtype, trig, args) -> list:
    def after_partner(a):  # "A와 B를", "A와 B의": B shares A's part in the deal
        prev = [b for b in args if b.start < a.start]
        return bool(prev) and prev[-1].marker in ("with", "coord")

    def object_of_trigger(a):  # "A는 B를 흡수합병": the object right before the deal word
        if trig is None or a.marker != "obj" or a.start >= trig.start_char:
            return False
        later = [b for b in args if a.start < b.start < trig.start_char]
        return not later and trig.start_char - a.start < 25

    keep = [a for a in args if a.marker in ("subj", "with", "coord")
            or (a.marker in ("gen", "obj") and after_partner(a)) or object_of_trigger(a)]
    return [(a.entity, "party") for a in keep]

def deal_parties(doc: Doc, dtype: str, trig: Span, args: list[Arg], signed_words: tuple, text: str,
                 sent: Span) -> list:
    """The parties of a deal of type ``dtype`` named by trigger ``trig`` in sentence ``sent``,
    with their roles (``text``: the document's text, read once by the caller)."""
    # a name inside a modifier clause of its own ("애플-IBM 연합을 견제할 강력한 동맹")
    # is not a party of the deal that clause modifies
    # (the subject, the partner and a list of partners belong to the main verb, whatever
    # stands between)
    args = [a for a in args if a.start >= trig.start_char or a.marker in ("subj", "with", "coord")
            or not _barrier(doc, a, trig, signed_words, text, sent)]
    before = [a for a in args if a.start < trig.start_char]
    after = [a for a in args if a.start >= trig.end_char]
    if dtype == "INVESTMENT" and received(doc, trig, args):
        # "B는 A로부터 투자받았다": A invests, B receives
        investors = [a for a in before if a.marker == "from" and not a.via_person]
        others = [a for a in before if a.marker != "from"]
        investee = next((a for a in others if a.marker == "subj"), others[0] if others else None)
        if investee is not None:
            return dedupe([(a.entity, "investor") for a in investors] + [(investee.entity, "investee")])
    if dtype in DIRECTED:
        lead_role, target_role = DIRECTED[dtype]
        leads = [a for a in before if a.marker in ("subj", "with", "coord")]
        wanted = ("obj", "gen", "none") if dtype == "ACQUISITION" else ("to", "gen")
        targets = [a for a in before if a.marker in wanted and not a.via_person
                   and trig.start_char - a.start < 40]
        modified = _modified_by(doc, trig, after)
        if dtype == "ACQUISITION" and modified is not None:
            targets = [modified]  # "지난해 인수한 가온캐피탈": the noun the deal word modifies
        if not targets and dtype == "ACQUISITION":
            targets = [a for a in after if a.marker in ("obj",) and a.start - trig.end_char < 20]
        if not targets and dtype == "ACQUISITION" and _adnominal(doc, trig):
            # "가온소프트는 한빛전자가 2019년 인수한 회사": the topic is what the subject bought
            topic = [a for a in leads if _particle(doc, a) in ("은", "는")]
            subject = [a for a in leads if _particle(doc, a) in ("이", "가")]
            if topic and subject and topic[0].start < subject[-1].start:
                targets = topic[:1]
                leads = subject[-1:]
        out = [(a.entity, lead_role) for a in leads if a not in targets]
        out += [(a.entity, target_role) for a in targets[-1:]]
        if dtype == "ACQUISITION":
            out += [(a.entity, "seller") for a in before if a.marker == "from" and not a.via_person]
        return dedupe(out)
    if dtype == "MERGER":
        joined = _joined_pair(before, trig)
        if joined:
            return dedupe([(a.entity, "party") for a in joined])
    parties = as_parties(dtype, trig, before)
    if len({e.key for e, _ in parties}) < 2:
        # "A는 B와 합작법인 설립 이후 C와도 협력": names after the deal word belong to it
        # only when those before it do not already make the deal
        parties = as_parties(dtype, trig, before + [a for a in after if a.marker in ("with", "obj")])
    if len({e.key for e, _ in parties}) < 2:
        pool = [a for a in args if a.marker not in ("adv", "from") or a.via_person]
        if 2 <= len({a.entity.key for a in pool}) <= 4:
            parties = [(a.entity, "party") for a in pool]
    return dedupe(parties)

def _barrier(doc: Doc, arg: Arg, trig: Span, signed_words: tuple, text: str, sent: Span) -> bool:
    """A modifier clause of its own stands between the name and the deal word (the name and
    the trigger are in ``sent``)."""
    tok = doc.char_span(arg.start, arg.start + 1, alignment_mode="expand")
    for t in doc[tok.end:trig.start]:
        if "ETM" in t.tag_ and t.tag_.split("+")[0] in ("VV", "VA", "XSV", "XSA"):
            around = text[max(sent.start_char, t.idx - 4):min(sent.end_char, t.idx + 2)]
            if not any(w in around for w in signed_words + ("추진", "예정")):
                return True
    return False


def received(doc: Doc, trig: Span, args) -> bool:
    """``A로부터 투자받기로``, ``A로부터 투자를 유치``: an investment told from the side
    that receives it, with the investor named."""
    after = doc[trig.end:trig.end + 3].text
    return (after.startswith(("받", "를 받", "을 받", "유치", "를 유치")) or trig.text == "투자 유치") \
        and any(a.marker == "from" and a.start < trig.start_char for a in args)


def sale_contract(doc: Doc, trig: Span) -> bool:
    """``주식매매계약``, ``매매 계약``, ``영업양수도 계약``: the contract by which a firm is sold."""
    lead = doc[max(0, trig.start - 2):trig.start].text.replace(" ", "")
    return trig.text == "계약" and lead.endswith(("매매", "양수도", "양도"))


def names_a_market(doc: Doc, trig: Span) -> bool:
    """A deal word naming a market or a trend, not a deal: ``M&A 시장``, ``인수합병(M&A)시장``."""
    nxt = doc[trig.end:trig.end + 9]
    i = 0
    while i < len(nxt) and (nxt[i].text in ("(", ")") or nxt[i].tag_ == "SL" or nxt[i].text in ("합병", "인수", "&")):
        i += 1  # past 합병 of 인수합병, a parenthesis (M&A)
    return i < len(nxt) and nxt[i].text in ("시장", "시장의", "열풍", "바람")


def points_back(doc: Doc, sent: Span, trig: Span) -> bool:
    """``이번 협약``, ``이 계약``, ``해당 MOU``: a demonstrative before the deal word."""
    lead = doc[max(sent.start, trig.start - 2):trig.start]
    return any(t.text in ("이번", "해당", "이", "동") and t.tag_ in ("NNG", "MM", "NP", "XPN") for t in lead)


def _adnominal(doc: Doc, trig: Span) -> bool:
    """The deal word modifies a noun: ``인수한``, ``인수할``."""
    nxt = doc[trig.end:trig.end + 1]
    return bool(len(nxt)) and "ETM" in nxt[0].tag_


def _particle(doc: Doc, arg: Arg) -> str:
    tok = doc.char_span(arg.start, arg.start + 1, alignment_mode="expand")
    i = tok.end
    while i < len(doc) and doc[i].tag_ in ("NNP", "NNG", "SL", "SN") and not doc[i - 1].whitespace_:
        i += 1  # to the end of the name
    return doc[i].text if i < len(doc) else ""


def _modified_by(doc: Doc, trig: Span, after: list) -> Optional[Arg]:
    """The name that a deal word in adnominal form modifies: ``인수한 가온캐피탈``."""
    if not after or not _adnominal(doc, trig):
        return None
    etm = doc[trig.end]
    first = after[0]
    return first if first.start - etm.idx <= len(etm.text) + 1 else None


def _joined_pair(before: list, trig: Span) -> list:
    """``A와 B를 통합``, ``A와 B의 합병``: the two names joined right before a merger word are
    the merging firms; a subject before them (the parent group) only decides it."""
    # 한빛생명(옛 가온생명)과: a name and its alias in parentheses are one argument
    before = [x for i, x in enumerate(before) if i == 0 or x.entity.key != before[i - 1].entity.key]
    if len(before) < 2:
        return []
    a, b = before[-2], before[-1]
    if a.marker in ("with", "coord") and b.marker in ("obj", "gen") and trig.start_char - b.start < 25 \
            and a.entity.key != b.entity.key:
        chain = [a, b]
        for c in reversed(before[:-2]):  # A, B와 C를
            if c.marker != "coord":
                break
            chain.insert(0, c)
        return chain
    return []


_STAKE = re.compile(r"지분\s*(?:율\s*)?(\d+(?:\.\d+)?)\s*(?:%|퍼센트)|자사주|(\d[\d,]*)\s*만?\s*주(?:를|식)")


def minority_stake(doc: Doc, sent: Span, trig: Span) -> bool:
    """``지분 30%를 인수``, ``자사주 56만주를 사들일``: buying less than half of a firm, or a
    number of its shares, is an investment in it, not its acquisition (``지분 100%를
    인수`` stays one)."""
    before = doc[max(sent.start, trig.start - 12):trig.start].text
    for m in _STAKE.finditer(before):
        if m.group(1) is None or float(m.group(1)) < 50:
            return True
    return False


def public_body(entity) -> bool:
    """Ministries, regulators, courts: bodies that approve or judge deals of others."""
    if entity.type != "ORGANIZATION":
        return False
    entry = lexicons.lookup(entity.entry) if entity.entry else None
    return entry is None or entry.kind in ("government", "agency", "court", "legislature", "foreign_government")


def dedupe(parties):
    seen, out = set(), []
    for e, role in parties:
        if e.key not in seen:
            seen.add(e.key)
            out.append((e, role))
    return out


def after_reference(value: str, ref) -> bool:
    """Whether an ISO date value lies after the reference date (at its own precision)."""
    if not value or "X" in value[:4]:
        return False
    try:
        year = int(value[:4])
    except ValueError:
        return False
    if year != ref.year:
        return year > ref.year
    if len(value) >= 7 and value[5:7].isdigit():
        month = int(value[5:7])
        if month != ref.month:
            return month > ref.month
        if len(value) >= 10 and value[8:10].isdigit():
            return int(value[8:10]) > ref.day
    return False
