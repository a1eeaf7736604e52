"""korex_deals: agreements between named parties, one record per agreement.

A deal is found from its trigger words (``양해각서``, ``인수``, ``합작법인`` ...), then:

- **parties** come from the grammar of the trigger's sentence: the topic or subject
  (``A는``, ``A가``), the partner (``B와``), coordinated names (``A·B``, ``A와 B는``) and, for
  an acquisition or an investment, the object (``C를 인수``, ``C에 투자``). A person acting
  in the sentence stands for their employer (``이 부회장은 … 팀 쿡 CEO와 … 합의``). Where the
  sentence names no party, ``양사``/``두 회사`` point back to the last parties, and a deal named
  without parties takes those of the sentence before;
- **status** from the words around the trigger: called off (``무산``, ``철회``), talks
  (``논의``, ``협상``), ahead (``체결할``, ``예정``, a date after the reference date), else
  signed when a verb of conclusion or the past tense says so;
- **date** and **amount** from the DATE and MONEY entities of the same sentence.

Mentions of one agreement (same parties, same or compatible type) merge into one deal, whose
status is the furthest the text reports. A deal told again (``이번 협약``) is not a new one;
buyers named in a later sentence without the target (``지분 70%는 A, 30%는 B가 인수``) and
the seller on the other side of a share purchase agreement join the acquisition already told.

Who is what in a directed deal: the target is the object (``C를 인수``), the name a deal word
modifies (``인수한 C``) or, in ``C는 A가 인수한 기업``, the topic; less than half of a firm or
a count of its shares bought is an investment in it (``지분 30%를 인수``); ``A로부터
투자받았다`` makes A the investor. Two firms joined before a merger word (``A와 B를 통합``)
are its parties, not the parent that decides it. Words that name the market or the trend
(``M&A 시장``) and a body the text calls no party (``당사자가 아니다``) make no deal.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons, schema
from korex.matching import TokenPhraseMatcher, longest_first

ORG_TYPES = ("COMPANY", "ORGANIZATION")
STATUS_RANK = {"discussed": 0, "planned": 1, "signed": 2, "cancelled": 3}
DECIDED = ("기로 했", "기로 결정", "기로 합의", "키로 했", "키로 결정", "기로 의결", "하기로 결의")
SIGNING_VERBS = ("체결", "서명", "조인")
ANNOUNCED = ("밝혔다", "발표했다", "공시했다", "전했다", "알렸다")
# deal types a government body can be a party to (it approves mergers, it does not merge)
PUBLIC_PARTY_TYPES = {"MOU", "CONTRACT", "PARTNERSHIP", "INVESTMENT"}
# a PARTNERSHIP mentioned beside an MOU or a joint venture of the same parties is that deal
ABSORBS = {"MOU": {"PARTNERSHIP", "JOINT_VENTURE"}, "JOINT_VENTURE": {"PARTNERSHIP"}}
DIRECTED = {"ACQUISITION": ("acquirer", "target"), "INVESTMENT": ("investor", "investee")}


def load_lexicon() -> dict:
    return json.loads(resources.files("korex.resources").joinpath("deals.json").read_text("utf-8"))


@dataclass
class Arg:
    entity: object   # korex.components.entities.Entity (a company or organization)
    marker: str      # subj, with, coord, obj, to, from, gen, none
    start: int       # character offset of the mention
    via_person: bool = False


@dataclass
class DealRecord:
    type: str
    parties: list[tuple[object, str]]
    status: str
    date_entity: Optional[object]
    amount_entity: Optional[object]
    trigger: tuple[int, int, str]
    evidence: tuple[int, int]
    score: float
    id: str = ""
    mentions: list = field(default_factory=list)

    @property
    def party_ids(self) -> frozenset:
        return frozenset(e.id for e, _ in self.parties)

    def to_record(self) -> schema.Deal:
        amount = None
        if self.amount_entity is not None:
            a = self.amount_entity
            amount = schema.Amount(text=a.name, value=a.value, currency=a.currency)
        return schema.Deal(
            id=self.id, type=self.type,
            parties=[schema.Party(entity=e.id, role=role) for e, role in self.parties],
            status=self.status,
            date=self.date_entity.value if self.date_entity is not None else None,
            date_entity=self.date_entity.id if self.date_entity is not None else None,
            amount=amount,
            trigger=schema.TextSpan(start=self.trigger[0], end=self.trigger[1], text=self.trigger[2]),
            evidence=schema.Span(start=self.evidence[0], end=self.evidence[1]),
            score=round(self.score, 3),
        )


def _marker(doc: Doc, i: int) -> str:
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
        return _marker(doc, i + 1)  # A사와, A 측은, A 등과
    if tag == "SN" and doc[i:i + 3].text.replace(" ", "").startswith((text + "자간", text + "사간")):
        return "with"  # A, B, C 3자간 합의: the list is the parties, each with the others
    return "none"


class DealFinder:
    def __reduce__(self):
        # the lexicons and matchers are rebuilt on first use; a pickle carries none of them
        return (type(self), ())

    def __init__(self):
        self._lex = None

    def _load(self):
        if self._lex is None:
            lex = load_lexicon()
            self._lex = lex
            self._triggers = TokenPhraseMatcher(
                (word, dtype) for dtype, words in lex["triggers"].items() for word in words)
            self._status_words = {k: tuple(v) for k, v in lex["status"].items()}
            self._anaphora = TokenPhraseMatcher((w, w) for w in lex["anaphora"])
            self._disputes = tuple(lex["dispute_words"])
        return self._lex

    def __call__(self, doc: Doc) -> Doc:
        self._load()
        entities = doc._.korex_entities or []
        found: list[DealRecord] = []
        matches = self._triggers(doc)
        hits = longest_first([span for span, _ in matches])
        types = {(s.start, s.end): payloads for s, payloads in matches}
        anaphora = {s.sent.start for s, _ in self._anaphora(doc)}
        last_parties: list = []
        prev_sent_args: list[Arg] = []
        for sent in doc.sents:
            args = self._args(doc, sent, entities)
            for trig in [h for h in hits if sent.start <= h.start < sent.end]:
                dtype = self._type(doc, sent, trig, types[(trig.start, trig.end)][0], args)
                if dtype is None:
                    continue
                if self._negated(doc, sent, trig):
                    continue
                if any(d.type == dtype for d in found) and _points_back(doc, sent, trig):
                    continue  # 이번 협약을 통해: the agreement already reported, told again
                if _market(doc, trig):
                    continue  # 인수합병(M&A) 시장: deals in general
                parties = self._parties(doc, dtype, trig, args)
                if len({e.id for e, _ in parties}) < 2 and (sent.start in anaphora or not args):
                    pool = last_parties or self._as_parties("PARTNERSHIP", None, prev_sent_args)
                    parties = self._merge_parties(parties, pool)
                if dtype not in PUBLIC_PARTY_TYPES:
                    parties = [(e, r) for e, r in parties if not _public_body(e)]
                if dtype == "CONTRACT" and _sale_contract(doc, trig):
                    earlier = next((d for d in reversed(found) if d.type == "ACQUISITION"), None)
                    if earlier is not None:
                        # "… 다온홀딩스와 주식매매계약을 맺었다": the buyer's contract is
                        # with the seller of the acquisition already told
                        have = {e.id for e, _ in earlier.parties}
                        before = [a for a in args if a.start < trig.start_char]
                        last = before[-1] if before else None
                        if last is not None and last.marker == "with" and not last.via_person \
                                and last.entity.id not in have and trig.start_char - last.start < 20:
                            earlier.parties.append((last.entity, "seller"))
                        continue
                if dtype in DIRECTED and parties and not any(r == DIRECTED[dtype][1] for _, r in parties):
                    earlier = next((d for d in reversed(found) if d.type == dtype), None)
                    if earlier is not None:
                        # "지분 60%는 한빛전자, 40%는 한빛홀딩스가 나눠 사들이는 방식": buyers of the deal told
                        # before, whose target this sentence does not repeat
                        have = {e.id for e, _ in earlier.parties}
                        earlier.parties += [(e, r) for e, r in parties if e.id not in have]
                        continue
                if dtype == "CONTRACT" and len({e.id for e, _ in parties}) == 1:
                    parties = _dedupe(parties + self._client_next(doc, sent, parties[0][0], entities))
                if len({e.id for e, _ in parties}) < 2:
                    continue
                for group in self._respectively(sent, dtype, parties):
                    deal = self._deal(doc, sent, trig, dtype, group, entities)
                    if deal is not None:
                        found.append(deal)
                        last_parties = deal.parties
            if args:
                prev_sent_args = args
        deals = self._merge(self._without_non_parties(doc, entities, found))
        for d in deals:
            if d.date_entity is None and d.status in ("signed", "cancelled"):
                d.date_entity = self._announced_on(doc, d, entities)
        for i, d in enumerate(deals, 1):
            d.id = f"D{i}"
        doc._.korex_deals = deals
        return doc

    def _client_next(self, doc: Doc, sent: Span, winner, entities) -> list:
        """``A가 공사를 수주했다. A는 B로부터 …``: the body the winner got it from, named in
        the next sentence about the winner, is the client."""
        nxt = next((s for s in doc.sents if s.start == sent.end), None)
        if nxt is None:
            return []
        args = self._args(doc, nxt, entities)
        if not any(a.entity is winner and a.marker == "subj" for a in args):
            return []
        return [(a.entity, "party") for a in args if a.marker == "from" and not a.via_person][:1]

    @staticmethod
    def _without_non_parties(doc: Doc, entities, deals: list[DealRecord]) -> list[DealRecord]:
        """``다온화학은 이 합의의 당사자가 아니다``: a body the text says is no party is none."""
        out_of = set()
        for sent in doc.sents:
            if "당사자가 아니" not in sent.text and "당사자는 아니" not in sent.text:
                continue
            for e in entities:
                if e.type in ORG_TYPES and any(sent.start_char <= m.start < sent.end_char
                                               and _marker(doc, doc.char_span(m.start, m.end, alignment_mode="expand").end) == "subj"
                                               for m in e.mentions):
                    out_of.add(e.id)
        kept = []
        for d in deals:
            d.parties = [(e, r) for e, r in d.parties if e.id not in out_of]
            if len({e.id for e, _ in d.parties}) >= 2:
                kept.append(d)
        return kept

    # --- which entities the sentence involves, and how ------------------------------
    def _args(self, doc: Doc, sent: Span, entities) -> list[Arg]:
        out: list[Arg] = []
        for e in entities:
            for m in e.mentions:
                if not (sent.start_char <= m.start < sent.end_char):
                    continue
                if e.type in ORG_TYPES:
                    tok = doc.char_span(m.start, m.end, alignment_mode="expand")
                    out.append(Arg(e, _marker(doc, tok.end), m.start))
                elif e.type == "PERSON" and e.affiliation is not None:
                    # the particle follows the whole "NAME (ORG) TITLE" pattern
                    end = max([l.evidence[1] for l in m.links] + [m.end])
                    tok = doc.char_span(m.start, end, alignment_mode="expand")
                    out.append(Arg(e.affiliation, _marker(doc, tok.end), m.start, via_person=True))
        out.sort(key=lambda a: a.start)
        # a name in a list shares the role of the list's last name: A, B, C 등과; A·B가
        for k in range(len(out) - 2, -1, -1):
            if out[k].marker == "coord" and out[k + 1].marker in ("with", "subj", "obj", "gen", "to"):
                out[k].marker = out[k + 1].marker
        return out

    def _as_parties(self, dtype, trig, args) -> list:
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

    def _parties(self, doc: Doc, dtype: str, trig: Span, args: list[Arg]) -> list:
        # a name inside a modifier clause of its own ("애플-IBM 연합을 견제할 강력한 동맹")
        # is not a party of the deal that clause modifies
        # (the subject, the partner and a list of partners belong to the main verb, whatever
        # stands between)
        args = [a for a in args if a.start >= trig.start_char or a.marker in ("subj", "with", "coord")
                or not self._barrier(doc, a, trig)]
        before = [a for a in args if a.start < trig.start_char]
        after = [a for a in args if a.start >= trig.end_char]
        if dtype == "INVESTMENT" and _received(doc, trig, args):
            # "B는 A로부터 투자받았다": A invests, B receives
            investors = [a for a in before if a.marker == "from" and not a.via_person]
            others = [a for a in before if a.marker != "from"]
            investee = next((a for a in others if a.marker == "subj"), others[0] if others else None)
            if investee is not None:
                return _dedupe([(a.entity, "investor") for a in investors] + [(investee.entity, "investee")])
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
            return _dedupe(out)
        if dtype == "MERGER":
            joined = _joined_pair(before, trig)
            if joined:
                return _dedupe([(a.entity, "party") for a in joined])
        parties = self._as_parties(dtype, trig, before)
        if len({e.id for e, _ in parties}) < 2:
            # "A는 B와 합작법인 설립 이후 C와도 협력": names after the deal word belong to it
            # only when those before it do not already make the deal
            parties = self._as_parties(dtype, trig, before + [a for a in after if a.marker in ("with", "obj")])
        if len({e.id for e, _ in parties}) < 2:
            pool = [a for a in args if a.marker not in ("adv", "from") or a.via_person]
            if 2 <= len({a.entity.id for a in pool}) <= 4:
                parties = [(a.entity, "party") for a in pool]
        return _dedupe(parties)

    def _barrier(self, doc: Doc, arg: Arg, trig: Span) -> bool:
        tok = doc.char_span(arg.start, arg.start + 1, alignment_mode="expand")
        for t in doc[tok.end:trig.start]:
            if "ETM" in t.tag_ and t.tag_.split("+")[0] in ("VV", "VA", "XSV", "XSA"):
                if not any(w in t.sent.text[max(0, t.idx - t.sent.start_char - 4):t.idx - t.sent.start_char + 2]
                           for w in self._status_words["signed"] + ("추진", "예정")):
                    return True
        return False

    @staticmethod
    def _nested(deals: list[DealRecord]) -> list[DealRecord]:
        """A deal whose parties are among another's of the same type, on the same or an
        unstated day, is that deal told twice (``현대차·기아차`` then ``현대차``); the mention
        with the more precise date stands for both."""
        def value(d):
            return d.date_entity.value if d.date_entity is not None and d.date_entity.value else ""

        kept = list(deals)
        for d in deals:
            for o in kept:
                if o is d or o.type != d.type or d not in kept:
                    continue
                small, big = (d, o) if d.party_ids <= o.party_ids else (o, d)
                if not small.party_ids <= big.party_ids or small.party_ids == big.party_ids:
                    continue
                a, b = value(small), value(big)
                if a and b and not (a.startswith(b) or b.startswith(a)):
                    continue  # two agreements on different days
                drop = big if len(a) > len(b) else small
                kept.remove(drop)
                break
        return kept

    @staticmethod
    def _respectively(sent: Span, dtype: str, parties: list) -> list[list]:
        """``A는 B, C, D와 각각 MOU를 체결``: one agreement with each partner."""
        if "각각" not in sent.text or len(parties) < 3 or dtype in DIRECTED:
            return [parties]
        lead, others = parties[0], parties[1:]
        return [[lead, other] for other in others]

    @staticmethod
    def _merge_parties(parties, pool):
        return _dedupe(list(parties) + [(e, "party") for e, _ in pool])

    @staticmethod
    def _negated(doc: Doc, sent: Span, trig: Span) -> bool:
        """``본계약 없이``, ``체결하지 않고``: the text says there is no such deal."""
        after = doc[trig.end:min(trig.end + 5, sent.end)]
        return any(t.lemma_.startswith(("않", "없")) or t.text in ("없이", "안", "못") for t in after)

    # --- what kind of deal, and how far it got ---------------------------------------
    def _type(self, doc: Doc, sent: Span, trig: Span, dtype: str, args) -> Optional[str]:
        text = trig.text
        after = doc[trig.end:min(trig.end + 4, sent.end)].text
        if text == "협력":
            if not any(w in after for w in ("하기로", "키로", "방안", "관계", "협약", "할 ", "하자")):
                return None
        if text == "통합" and not any(a.marker in ("with", "coord") for a in args):
            return None
        if text == "투자" and not any(a.marker == "to" and 0 < trig.start_char - a.start < 30 for a in args) \
                and not _received(doc, trig, args):
            return None
        if text == "합의":
            return "SETTLEMENT" if any(w in sent.text for w in self._disputes) else None
        if text == "경영권" and "인수" not in sent.text and "매각" not in sent.text:
            return None
        if text == "수주" and not (doc[trig.end:trig.end + 1].text[:1] in ("했", "한", "하", "해")
                                  or any(a.marker == "from" for a in args)):
            return None  # 수주 잔고, 수주까지: orders in general, not a contract won from someone
        if dtype == "ACQUISITION" and _minority_stake(doc, sent, trig):
            return "INVESTMENT"
        if dtype == "SETTLEMENT" and "합의" not in sent.text and "화해" not in text and "취하" not in sent.text:
            return None
        return dtype

    def _status(self, doc: Doc, sent: Span, trig: Span, dtype: str, date_entity, ref) -> str:
        window = doc[trig.end:min(trig.end + 10, sent.end)].text
        lead = doc[max(sent.start, trig.start - 3):trig.start]
        s = self._status_words
        cancelled = s["cancelled"]
        if dtype == "SETTLEMENT":  # 소송을 철회하기로 합의: the withdrawal is the deal
            cancelled = tuple(w for w in cancelled if w not in ("철회", "취하"))
        if any(w in window for w in cancelled) or any(w in sent.text for w in ("무산", "결렬")):
            return "cancelled"
        done = doc[trig.end:min(trig.end + 3, sent.end)]
        # 통합한, 체결한, 인수된: a past modifier right after the deal word
        if any(t.tag_.endswith("ETM") and t.text.endswith(("한", "된")) for t in done):
            return "signed"
        future_date = bool(date_entity is not None and ref is not None and _after(date_entity.value, ref))
        # a modifier clause before the trigger: 체결할 MOU (ahead) / 체결한 MOU (done)
        if any(t.tag_.endswith("ETM") and t.text.endswith(("할", "될", "을")) for t in lead) or future_date:
            return "planned"
        if any(w in window for w in s["planned"]) or any(w in doc[max(sent.start, trig.start - 6):trig.start].text for w in ("이르면",)):
            # an investor announcing the money it will put in has decided the investment;
            # what is still ahead is a signing, or a date after the reference
            if dtype == "INVESTMENT" and not any(w in window for w in SIGNING_VERBS):
                return "signed"
            return "planned"
        # "~하기로 했다/결정했다": a decision is the deal itself (투자하기로, 인수하기로), except
        # where the verb is the signing, which is then still ahead (체결하기로 했다)
        if any(w in window[:16] for w in DECIDED):
            signing_ahead = any(w + "하기로" in window or w + "키로" in window for w in SIGNING_VERBS)
            return "planned" if signing_ahead else "signed"
        head = window[:12]
        if any(w in head for w in s["discussed"]) or any(w in lead.text for w in ("논의", "협상")):
            if not any(w in head for w in ("합의했", "체결했", "마쳤")):
                return "discussed"
        # otherwise the text reports the deal as a fact (인수하며, 이번 합의로, 협약 후): signed
        return "signed"

    def _deal(self, doc, sent, trig, dtype, parties, entities) -> Optional[DealRecord]:
        ref = doc._.korex_reference_date
        dates = [e for e in entities if e.type == "DATE" and e.value
                 for m in e.mentions if sent.start_char <= m.start < sent.end_char]
        date_entity = None
        if dates:
            def distance(e):
                m = min(e.mentions, key=lambda m: abs(m.start - trig.start_char))
                return (m.start > trig.start_char, abs(m.start - trig.start_char))
            # a date after the deal word belongs to it only close by ("MOU … 내년 1호 매장" is
            # about the store)
            dates = [e for e in dates if any(m.start < trig.start_char or m.start - trig.end_char < 12
                                             for m in e.mentions if sent.start_char <= m.start < sent.end_char)]
            date_entity = min(dates, key=distance) if dates else None
        money = [e for e in entities if e.type == "MONEY"
                 for m in e.mentions if sent.start_char <= m.start < sent.end_char]
        status = self._status(doc, sent, trig, dtype, date_entity, ref)
        score = 0.55 + 0.1 * (trig.text not in self._lex["weak"]) + 0.05 * min(3, len(parties))
        return DealRecord(type=dtype, parties=parties, status=status, date_entity=date_entity,
                          amount_entity=money[0] if money else None,
                          trigger=(trig.start_char, trig.end_char, trig.text),
                          evidence=(sent.start_char, sent.end_char), score=min(score, 0.95))

    @staticmethod
    def _announced_on(doc: Doc, deal: DealRecord, entities) -> Optional[object]:
        """A deal reported without a date of its own is dated by the day the article says a
        party announced it (``…체결했다고 10일 밝혔다``): the first sentence with an
        announcing verb, one of the parties, and a date that fixes the day."""
        parties = {id(e) for e, _ in deal.parties}
        days = [(m.start, e) for e in entities if e.type == "DATE" and e.value and len(e.value) == 10
                for m in e.mentions]
        for sent in doc.sents:
            if not any(w in sent.text for w in ANNOUNCED):
                continue
            if not any(sent.start_char <= m.start < sent.end_char for e in entities if id(e) in parties
                       for m in e.mentions):
                continue
            here = sorted((start, e) for start, e in days if sent.start_char <= start < sent.end_char)
            if here:
                return here[0][1]
        return None

    # --- one record per agreement ----------------------------------------------------
    def _merge(self, deals: list[DealRecord]) -> list[DealRecord]:
        # a bare 계약 between parties that have another deal is that deal's contract
        # (합작 계약, 인수 계약), not a second agreement
        generic = [d for d in deals if d.type == "CONTRACT" and d.trigger[2] == "계약"]
        deals = [d for d in deals if d not in generic or not any(
            o.party_ids == d.party_ids and o.type != "CONTRACT" for o in deals)]
        out: list[DealRecord] = []
        for d in self._nested(deals):
            same = next((o for o in out if o.party_ids == d.party_ids and
                         (o.type == d.type or d.type in ABSORBS.get(o.type, ()) or o.type in ABSORBS.get(d.type, ()))),
                        None)
            if same is None:
                out.append(d)
                continue
            if same.type in ABSORBS.get(d.type, ()):
                same.type, same.trigger = d.type, d.trigger
            if STATUS_RANK[d.status] > STATUS_RANK[same.status]:
                same.status, same.evidence = d.status, d.evidence
                if d.date_entity is not None:
                    same.date_entity = d.date_entity
            elif same.date_entity is None or (
                    STATUS_RANK[d.status] == STATUS_RANK[same.status] and d.date_entity is not None
                    and len(d.date_entity.value or "") > len(same.date_entity.value or "")):
                # of equally advanced mentions, the one with the most precise date
                same.date_entity = d.date_entity
            same.amount_entity = same.amount_entity or d.amount_entity
            same.score = min(0.99, max(same.score, d.score) + 0.05)
        return out


def _received(doc: Doc, trig: Span, args) -> bool:
    """``A로부터 투자받기로``, ``A로부터 투자를 유치``: an investment told from the side
    that receives it, with the investor named."""
    after = doc[trig.end:trig.end + 3].text
    return (after.startswith(("받", "를 받", "을 받", "유치", "를 유치")) or trig.text == "투자 유치") \
        and any(a.marker == "from" and a.start < trig.start_char for a in args)


def _sale_contract(doc: Doc, trig: Span) -> bool:
    """``주식매매계약``, ``매매 계약``, ``영업양수도 계약``: the contract by which a firm is sold."""
    lead = doc[max(0, trig.start - 2):trig.start].text.replace(" ", "")
    return trig.text == "계약" and lead.endswith(("매매", "양수도", "양도"))


def _market(doc: Doc, trig: Span) -> bool:
    """A deal word naming a market or a trend, not a deal: ``M&A 시장``, ``인수합병(M&A)시장``."""
    nxt = doc[trig.end:trig.end + 9]
    i = 0
    while i < len(nxt) and (nxt[i].text in ("(", ")") or nxt[i].tag_ == "SL" or nxt[i].text in ("합병", "인수", "&")):
        i += 1  # past 합병 of 인수합병, a parenthesis (M&A)
    return i < len(nxt) and nxt[i].text in ("시장", "시장의", "열풍", "바람")


def _points_back(doc: Doc, sent: Span, trig: Span) -> bool:
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
    before = [x for i, x in enumerate(before) if i == 0 or x.entity.id != before[i - 1].entity.id]
    if len(before) < 2:
        return []
    a, b = before[-2], before[-1]
    if a.marker in ("with", "coord") and b.marker in ("obj", "gen") and trig.start_char - b.start < 25 \
            and a.entity.id != b.entity.id:
        chain = [a, b]
        for c in reversed(before[:-2]):  # A, B와 C를
            if c.marker != "coord":
                break
            chain.insert(0, c)
        return chain
    return []


_STAKE = re.compile(r"지분\s*(?:율\s*)?(\d+(?:\.\d+)?)\s*(?:%|퍼센트)|자사주|(\d[\d,]*)\s*만?\s*주(?:를|식)")


def _minority_stake(doc: Doc, sent: Span, trig: Span) -> bool:
    """``지분 30%를 인수``, ``자사주 56만주를 사들일``: buying less than half of a firm, or a
    number of its shares, is an investment in it, not its acquisition (``지분 100%를
    인수`` stays one)."""
    before = doc[max(sent.start, trig.start - 12):trig.start].text
    for m in _STAKE.finditer(before):
        if m.group(1) is None or float(m.group(1)) < 50:
            return True
    return False


def _public_body(entity) -> bool:
    """Ministries, regulators, courts: bodies that approve or judge deals of others."""
    if entity.type != "ORGANIZATION":
        return False
    entry = lexicons.lookup(entity.entry) if entity.entry else None
    return entry is None or entry.kind in ("government", "agency", "court", "legislature", "foreign_government")


def _dedupe(parties):
    seen, out = set(), []
    for e, role in parties:
        if e.id not in seen:
            seen.add(e.id)
            out.append((e, role))
    return out


def _after(value: str, ref) -> bool:
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


@Language.factory("korex_deals", assigns=["doc._.korex_deals"])
def make_deal_finder(nlp: Language, name: str):
    return DealFinder()
