"""korex_deals: agreements between named parties, one record per agreement.

It reads the entities (``doc._.korex_entities``) and each person's employer
(``doc._.korex_employment``), and writes ``doc._.korex_deals``: a tuple of
:class:`korex.records.Deal` that point at entities by key. The grammar of deal sentences (roles
from particles, who is what in a directed deal) is :mod:`korex.components.deal_grammar`.

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
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons
from korex.matching import TokenPhraseMatcher, longest_first
from korex.components import candidates
from korex.components.deal_grammar import (
    DIRECTED,
    STATUS_RANK,
    Arg,
    DealDraft,
    after_reference,
    as_parties,
    deal_parties,
    dedupe,
    marker,
    minority_stake,
    names_a_market,
    points_back,
    public_body,
    received,
    sale_contract,
    sentence_args,
)
from korex.components.deal_assembly import decide_batch
from korex.components.deal_proposals import Proposer
from korex.deal_model import DealModel
from korex.extensions import doc_text, reference_date, sentences
from korex.parallel import batched

ORG_TYPES = ("COMPANY", "ORGANIZATION")
# the words of decisions, signings, announcements and denials: resources/words.json's "deals"
WORDS = lexicons.words("deals")
# deal types a government body can be a party to (it approves mergers, it does not merge)
PUBLIC_PARTY_TYPES = {"MOU", "CONTRACT", "PARTNERSHIP", "INVESTMENT"}
# a PARTNERSHIP mentioned beside an MOU or a joint venture of the same parties is that deal
ABSORBS = {"MOU": {"PARTNERSHIP", "JOINT_VENTURE"}, "JOINT_VENTURE": {"PARTNERSHIP"}}


def load_lexicon() -> dict:
    return json.loads(resources.files("korex.resources").joinpath("deals.json").read_text("utf-8"))


# a deal's score: a base, more for a trigger that is no weak word (협력, 계약), more for each
# party up to three, never above the cap; each further mention of one deal adds a little
DEFAULT_SCORES = {"base": 0.55, "strong_trigger": 0.1, "per_party": 0.05, "cap": 0.95,
                  "repeated": 0.05, "repeated_cap": 0.99}


class DealFinder(candidates.ScoredFinder):
    DEFAULT_SCORES = DEFAULT_SCORES

    def __init__(self, scores: Optional[dict] = None):
        super().__init__(scores)
        self._lex = None
        self.model = None

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

    # --- the model: it travels with the pipeline ---------------------------------------------
    @property
    def model(self) -> Optional[DealModel]:
        return getattr(self, "_model", None)

    @model.setter
    def model(self, value: Optional[DealModel]) -> None:
        self._model = value
        self._proposer = None

    def load_model(self, path) -> "DealFinder":
        """Take the trained deal model at ``path`` (``korex train deals``'s output) into the pipeline."""
        self.model = DealModel.from_disk(path)
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            self.model.to_disk(path / "model")

    def from_disk(self, path, *, exclude=()) -> "DealFinder":
        path = Path(path) / "model"
        self.model = DealModel.from_disk(path) if (path / "deal_model.json").exists() else None
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Deals of each Doc; with a model, its classifiers run once a batch (the proposals of
        ``batch_size`` documents together), which is most of what the model costs."""
        self._load()
        for batch in batched(docs, batch_size):
            items = []
            for doc in batch:
                entities = doc._.korex_entities or ()
                by_key = {e.key: e for e in entities}
                employers = {r.person: by_key[r.employer] for r in doc._.korex_employment or () if r.primary}
                items.append((doc, entities, employers, doc_text(doc)))
            if self.model is None:
                found = [self._rule_drafts(*item) for item in items]
            else:
                if self._proposer is None:
                    self._proposer = Proposer(self, self._lex.get("proposal_triggers", {}))
                found = decide_batch(items, self.model, self._proposer)
                if self.model.with_rules:
                    for item, drafts in zip(items, found):
                        # the rules' deals between parties the model gave no deal of their own
                        have = [d.party_ids for d in drafts]
                        drafts += [d for d in self._rule_drafts(*item) if not any(d.party_ids <= h for h in have)]
            for (doc, entities, _, text), drafts in zip(items, found):
                yield self._finish(doc, entities, drafts, text)

    def _rule_drafts(self, doc: Doc, entities, employers: dict, text: str) -> list[DealDraft]:
        """The deals the trigger-and-grammar rules alone find."""
        found: list[DealDraft] = []
        matches = self._triggers(doc)
        hits = longest_first([span for span, _ in matches])
        types = {(s.start, s.end): payloads for s, payloads in matches}
        anaphora = {s.sent.start for s, _ in self._anaphora(doc)}
        last_parties: list = []
        prev_sent_args: list[Arg] = []
        for sent in doc.sents:
            args = sentence_args(doc, sent, entities, employers)
            for trig in [h for h in hits if sent.start <= h.start < sent.end]:
                dtype = self._type(doc, sent, trig, types[(trig.start, trig.end)][0], args)
                if dtype is None:
                    continue
                if self._negated(doc, sent, trig):
                    continue
                if any(d.type == dtype for d in found) and points_back(doc, sent, trig):
                    continue  # 이번 협약을 통해: the agreement already reported, told again
                if names_a_market(doc, trig):
                    continue  # 인수합병(M&A) 시장: deals in general
                parties = deal_parties(doc, dtype, trig, args, self._status_words["signed"], text, sent)
                if len({e.key for e, _ in parties}) < 2 and (sent.start in anaphora or not args):
                    pool = last_parties or as_parties("PARTNERSHIP", None, prev_sent_args)
                    parties = self._merge_parties(parties, pool)
                if dtype not in PUBLIC_PARTY_TYPES:
                    parties = [(e, r) for e, r in parties if not public_body(e)]
                if dtype == "CONTRACT" and sale_contract(doc, trig):
                    earlier = next((d for d in reversed(found) if d.type == "ACQUISITION"), None)
                    if earlier is not None:
                        # "… 다온홀딩스와 주식매매계약을 맺었다": the buyer's contract is
                        # with the seller of the acquisition already told
                        have = {e.key for e, _ in earlier.parties}
                        before = [a for a in args if a.start < trig.start_char]
                        last = before[-1] if before else None
                        if last is not None and last.marker == "with" and not last.via_person \
                                and last.entity.key not in have and trig.start_char - last.start < 20:
                            earlier.parties.append((last.entity, "seller"))
                        continue
                if dtype in DIRECTED and parties and not any(r == DIRECTED[dtype][1] for _, r in parties):
                    earlier = next((d for d in reversed(found) if d.type == dtype), None)
                    if earlier is not None:
                        # "지분 60%는 한빛전자, 40%는 한빛홀딩스가 나눠 사들이는 방식": buyers of the deal told
                        # before, whose target this sentence does not repeat
                        have = {e.key for e, _ in earlier.parties}
                        earlier.parties += [(e, r) for e, r in parties if e.key not in have]
                        continue
                if dtype == "CONTRACT" and len({e.key for e, _ in parties}) == 1:
                    parties = dedupe(parties + self._client_next(doc, sent, parties[0][0], entities, employers))
                if len({e.key for e, _ in parties}) < 2:
                    continue
                for group in self._respectively(sent, dtype, parties):
                    deal = self._deal(doc, sent, trig, dtype, group, entities)
                    if deal is not None:
                        found.append(deal)
                        last_parties = deal.parties
            if args:
                prev_sent_args = args
        return found

    def _finish(self, doc: Doc, entities, found: list[DealDraft], text: str) -> Doc:
        sents = sentences(doc) if found else []
        deals = self._merge(self._without_non_parties(doc, entities, found, sents, text))
        for d in deals:
            if d.date_entity is None and d.status in ("signed", "cancelled"):
                d.date_entity = self._announced_on(d, entities, sents, text)
        doc._.korex_deals = tuple(d.freeze() for d in deals)
        return doc

    def _client_next(self, doc: Doc, sent: Span, winner, entities, employers: dict) -> list:
        """``A가 공사를 수주했다. A는 B로부터 …``: the body the winner got it from, named in
        the next sentence about the winner, is the client."""
        nxt = next((s for s in doc.sents if s.start == sent.end), None)
        if nxt is None:
            return []
        args = sentence_args(doc, nxt, entities, employers)
        if not any(a.entity is winner and a.marker == "subj" for a in args):
            return []
        return [(a.entity, "party") for a in args if a.marker == "from" and not a.via_person][:1]

    @staticmethod
    def _without_non_parties(doc: Doc, entities, deals: list[DealDraft], sents, text: str) -> list[DealDraft]:
        """``다온화학은 이 합의의 당사자가 아니다``: a body the text says is no party is none."""
        out_of = set()
        for sent in sents if any(w in text for w in WORDS["no_party"]) else ():
            if not any(w in text[sent.start_char:sent.end_char] for w in WORDS["no_party"]):
                continue
            for e in entities:
                if e.type in ORG_TYPES and any(sent.start_char <= m.start < sent.end_char
                                               and marker(doc, doc.char_span(m.start, m.end, alignment_mode="expand").end) == "subj"
                                               for m in e.mentions):
                    out_of.add(e.key)
        kept = []
        for d in deals:
            d.parties = [(e, r) for e, r in d.parties if e.key not in out_of]
            if len({e.key for e, _ in d.parties}) >= 2:
                kept.append(d)
        return kept

    # --- which entities the sentence involves, and how ------------------------------
    @staticmethod
    def _nested(deals: list[DealDraft]) -> list[DealDraft]:
        """A deal whose parties are among another's of the same type, on the same or an
        unstated day, is that deal told twice (``현대차·기아차`` then ``현대차``); the mention
        with the more precise date stands for both."""
        def value(d):
            return d.date_entity.value if d.date_entity is not None and d.date_entity.value else ""

        ids = {id(d): d.party_ids for d in deals}  # computed once: a round-up has hundreds
        dropped: set[int] = set()
        for d in deals:
            if id(d) in dropped:
                continue
            for o in deals:
                if o is d or id(o) in dropped or o.type != d.type:
                    continue
                small, big = (d, o) if ids[id(d)] <= ids[id(o)] else (o, d)
                if not ids[id(small)] <= ids[id(big)] or ids[id(small)] == ids[id(big)]:
                    continue
                a, b = value(small), value(big)
                if a and b and not (a.startswith(b) or b.startswith(a)):
                    continue  # two agreements on different days
                dropped.add(id(big if len(a) > len(b) else small))
                break
        return [d for d in deals if id(d) not in dropped]

    @staticmethod
    def _respectively(sent: Span, dtype: str, parties: list) -> list[list]:
        """``A는 B, C, D와 각각 MOU를 체결``: one agreement with each partner."""
        if "각각" not in sent.text or len(parties) < 3 or dtype in DIRECTED:
            return [parties]
        lead, others = parties[0], parties[1:]
        return [[lead, other] for other in others]

    @staticmethod
    def _merge_parties(parties, pool):
        return dedupe(list(parties) + [(e, "party") for e, _ in pool])

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
                and not received(doc, trig, args):
            return None
        if text == "합의":
            return "SETTLEMENT" if any(w in sent.text for w in self._disputes) else None
        if text == "경영권" and "인수" not in sent.text and "매각" not in sent.text:
            return None
        if text == "수주" and not (doc[trig.end:trig.end + 1].text[:1] in ("했", "한", "하", "해")
                                  or any(a.marker == "from" for a in args)):
            return None  # 수주 잔고, 수주까지: orders in general, not a contract won from someone
        if dtype == "ACQUISITION" and minority_stake(doc, sent, trig):
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
        sent_text = sent.text  # Span.text joins the tokens anew at each access
        if any(w in window for w in cancelled) or any(w in sent_text for w in ("무산", "결렬")):
            return "cancelled"
        done = doc[trig.end:min(trig.end + 3, sent.end)]
        # 통합한, 체결한, 인수된: a past modifier right after the deal word
        if any(t.tag_.endswith("ETM") and t.text.endswith(("한", "된")) for t in done):
            return "signed"
        future_date = bool(date_entity is not None and ref is not None and after_reference(date_entity.value, ref))
        # a modifier clause before the trigger: 체결할 MOU (ahead) / 체결한 MOU (done)
        if any(t.tag_.endswith("ETM") and t.text.endswith(("할", "될", "을")) for t in lead) or future_date:
            return "planned"
        if any(w in window for w in s["planned"]) or any(w in doc[max(sent.start, trig.start - 6):trig.start].text for w in ("이르면",)):
            # an investor announcing the money it will put in has decided the investment;
            # what is still ahead is a signing, or a date after the reference
            if dtype == "INVESTMENT" and not any(w in window for w in WORDS["signing_verbs"]):
                return "signed"
            return "planned"
        # "~하기로 했다/결정했다": a decision is the deal itself (투자하기로, 인수하기로), except
        # where the verb is the signing, which is then still ahead (체결하기로 했다)
        if any(w in window[:16] for w in WORDS["decided"]):
            signing_ahead = any(w + "하기로" in window or w + "키로" in window for w in WORDS["signing_verbs"])
            return "planned" if signing_ahead else "signed"
        head = window[:12]
        if any(w in head for w in s["discussed"]) or any(w in lead.text for w in ("논의", "협상")):
            if not any(w in head for w in ("합의했", "체결했", "마쳤")):
                return "discussed"
        # otherwise the text reports the deal as a fact (인수하며, 이번 합의로, 협약 후): signed
        return "signed"

    def _deal(self, doc, sent, trig, dtype, parties, entities) -> Optional[DealDraft]:
        ref = reference_date(doc)
        lo, hi, at, end = sent.start_char, sent.end_char, trig.start_char, trig.end_char  # Span computes each
        dates = [e for e in entities if e.type == "DATE" and e.value for m in e.mentions if lo <= m.start < hi]
        date_entity = None
        if dates:
            def distance(e):
                m = min(e.mentions, key=lambda m: abs(m.start - at))
                return (m.start > at, abs(m.start - at))
            # a date after the deal word belongs to it only close by ("MOU … 내년 1호 매장" is
            # about the store)
            dates = [e for e in dates if any(m.start < at or m.start - end < 12
                                             for m in e.mentions if lo <= m.start < hi)]
            date_entity = min(dates, key=distance) if dates else None
        money = [e for e in entities if e.type == "MONEY" for m in e.mentions if lo <= m.start < hi]
        status = self._status(doc, sent, trig, dtype, date_entity, ref)
        sc = self.scores
        score = sc["base"] + sc["strong_trigger"] * (trig.text not in self._lex["weak"]) \
            + sc["per_party"] * min(3, len(parties))
        return DealDraft(type=dtype, parties=parties, status=status, date_entity=date_entity,
                          amount_entity=money[0] if money else None,
                          trigger=(trig.start_char, trig.end_char, trig.text),
                          evidence=(sent.start_char, sent.end_char), score=min(score, sc["cap"]))

    @staticmethod
    def _announced_on(deal: DealDraft, entities, sents, text: str) -> Optional[object]:
        """A deal reported without a date of its own is dated by the day the article says a
        party announced it (``…체결했다고 10일 밝혔다``): the first sentence with an
        announcing verb, one of the parties, and a date that fixes the day."""
        parties = {id(e) for e, _ in deal.parties}
        days = [(m.start, e) for e in entities if e.type == "DATE" and e.value and len(e.value) == 10
                for m in e.mentions]
        for sent in sents:
            if not any(w in text[sent.start_char:sent.end_char] for w in WORDS["announced"]):
                continue
            if not any(sent.start_char <= m.start < sent.end_char for e in entities if id(e) in parties
                       for m in e.mentions):
                continue
            here = sorted((start, e) for start, e in days if sent.start_char <= start < sent.end_char)
            if here:
                return here[0][1]
        return None

    # --- one record per agreement ----------------------------------------------------
    def _merge(self, deals: list[DealDraft]) -> list[DealDraft]:
        # a bare 계약 between parties that have another deal is that deal's contract
        # (합작 계약, 인수 계약), not a second agreement
        generic = [d for d in deals if d.type == "CONTRACT" and d.trigger[2] == "계약"]
        deals = [d for d in deals if d not in generic or not any(
            o.party_ids == d.party_ids and o.type != "CONTRACT" for o in deals)]
        out: list[DealDraft] = []
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
            same.score = min(self.scores["repeated_cap"], max(same.score, d.score) + self.scores["repeated"])
        return out


@Language.factory("korex_deals", assigns=["doc._.korex_deals"],
                  requires=["doc._.korex_entities", "doc._.korex_employment"],
                  default_config={"scores": DEFAULT_SCORES})
def make_deal_finder(nlp: Language, name: str, scores: dict):
    return DealFinder(scores)
