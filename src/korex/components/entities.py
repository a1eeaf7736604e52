"""korex_entities: mentions merged into one entity per real-world thing in the document.

- Companies and organizations merge when the lexicon says they are one (``현대차`` and
  ``현대자동차``; a former name stays apart), when the text defines a short form or a former
  name in parentheses (``마이크로소프트(MS)``, ``한빛생명(옛 가온생명)``), and when a short
  form is the beginning of exactly the name it abbreviates in this text (``삼성`` beside
  ``삼성전자``; not a group the text names as a group, ``LG그룹``). A body's name written
  again anywhere in the text is a mention of it. News outlets named only in credits, and
  standards and treaties (``국제회계기준(IFRS)``), are dropped.
- People merge by name; a single word of a foreign name (``나델라``) and a Latin spelling in
  parentheses (``사티아 나델라(Satya Nadella)``) are aliases; ``이 회장`` is a later mention of
  the person with that surname and title (a mention, not an alias).
- Every distinct date expression is its own entity, as the contract asks.

It reads the resolver's spans (``doc.spans["korex_resolved"]``, ``korex_refs``) and writes
``doc._.korex_entities``: a tuple of :class:`korex.records.Entity`, numbered by ``key`` in text
order, each person with the titles its mentions' patterns give. Who works where is not its
business: ``korex_relations`` decides that from these records.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from korex import lexicons, records
from korex.components.resolve import REFS, RESOLVED, cuts_a_word, resolved_score
from korex.extensions import doc_text
from korex.names import spelling_key, spelling_pattern

ORG_TYPES = ("COMPANY", "ORGANIZATION")
# a reporter who speaks or acts in the story (누리일보 기자는 …) is no byline
IN_STORY_REPORTER = re.compile(r"(기자|특파원)(은|는|이|가|에게)(?=\s)")
WORDS = lexicons.words("entities")


@dataclass
class EntityDraft:
    """An entity while mentions are merged into it; :meth:`freeze` gives the record."""

    type: str
    mentions: list[records.Mention]
    entry: Optional[str] = None        # lexicon name, for companies and organizations
    value: object = None
    mod: Optional[str] = None
    currency: Optional[str] = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def name(self) -> str:
        return records.entity_name(self.mentions)

    @property
    def aliases(self) -> list[str]:
        return records.entity_aliases(self.mentions)

    def freeze(self, key: int) -> records.Entity:
        mentions = tuple(self.mentions)
        titles: list[str] = []
        for m in sorted(mentions, key=lambda m: m.start):
            for link in m.links:
                titles += [t for t in link.titles if t not in titles]
        return records.Entity(key, self.type, mentions, self.entry, self.value, self.mod, self.currency,
                              tuple(titles))


def _without_glued_particle(text: str, m: records.Mention) -> records.Mention:
    """Kiwi sometimes reads a particle into a name it does not know (중국화능집단공사과, one
    token); where the rest ends like a body's name, or the text also has the name without
    it, the mention ends before the particle."""
    if len(m.text) < 4 or not m.text.endswith(WORDS["glued_particles"]) or m.text.isascii():
        return m
    bare = m.text[:-1]
    if any(bare.endswith(x) for x, _ in lexicons.org_endings() if len(x) >= 2):
        # …공사과: the name ends with a body's ending, the particle after it
        return dataclasses.replace(m, end=m.end - 1, text=bare)
    at = text.find(bare)
    while at >= 0:
        nxt = text[at + len(bare):at + len(bare) + 1]
        if at != m.start and nxt != m.text[-1]:
            return dataclasses.replace(m, end=m.end - 1, text=bare)
        at = text.find(bare, at + 1)
    return m


def _mention(span: Span, source=None, is_name=True) -> records.Mention:
    link = span._.korex_link
    return records.Mention(span.start_char, span.end_char, span.text, source or span._.korex_source or "rule",
                           resolved_score(span), span._.korex_rule, is_name, span.start, span.end,
                           (link,) if link is not None else ())


def _add_repeats(doc: Doc, owners: dict, taken: set, rule: str, accept) -> None:
    """Each occurrence of a form that one entity alone owns, on token boundaries, outside
    the tokens already taken and ``accept``-ed, becomes a mention of it (longest forms first)."""
    text = doc_text(doc)
    for form, who in sorted(owners.items(), key=lambda kv: -len(kv[0])):
        if len(who) != 1:
            continue  # two entities share the form: leave it
        start = text.find(form)
        while start >= 0:
            span = doc.char_span(start, start + len(form))
            if span is not None and not any(i in taken for i in range(span.start, span.end)) and accept(span):
                who[0].mentions.append(records.Mention(span.start_char, span.end_char, span.text, "rule", 0.7,
                                               rule, True, span.start, span.end))
                taken.update(range(span.start, span.end))
            start = text.find(form, start + len(form))


def _described_only(words) -> bool:
    """A company named by a description that begins with a common noun (국영|방산|그룹:
    "state defence group"), not by a name of its own."""
    return len(words) > 1 and words[0].tag_ == "NNG"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A name set apart after a finished sentence, followed by a line break, a wide gap or
    the end of the text: the credit under a photo caption (``…하고 있다. 뉴시스``)."""
    before = text[:start].rstrip()
    after = text[end:end + 2]
    return (not before or before[-1] in ".!?\"'”’)]") and (after == "" or after.isspace() and (
        len(after) == 2 or "\n" in after or end + len(after) == len(text)))


class EntityMerger:
    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[RESOLVED]) if RESOLVED in doc.spans else []
        entities: list[EntityDraft] = []
        entities += self._orgs(doc, [s for s in spans if s.label_ in ORG_TYPES])
        entities += self._people(doc, [s for s in spans if s.label_ == "PERSON"],
                                 list(doc.spans[REFS]) if REFS in doc.spans else [])
        entities += self._values(spans)
        entities += self._by_form(spans, ("LOCATION", "QUANTITY"))
        entities = [e for e in entities if e.mentions]
        entities.sort(key=lambda e: e.first)
        doc._.korex_entities = tuple(e.freeze(key) for key, e in enumerate(entities, 1))
        return doc

    # --- companies and organizations ---------------------------------------------------
    def _orgs(self, doc: Doc, spans: list[Span]) -> list[EntityDraft]:
        by_key: dict[str, EntityDraft] = {}
        for s in spans:
            key = s._.korex_entry or s.text
            ent = by_key.get(key)
            if ent is None:
                ent = by_key[key] = EntityDraft(s.label_, [], entry=s._.korex_entry)
            ent.mentions.append(_mention(s))
        ents = [e for e in by_key.values() if not self._only_credited(doc, e)]
        text = doc_text(doc)
        for e in ents:
            e.mentions = [_without_glued_particle(text, m) for m in e.mentions]
        for e in ents:
            self._country_of_agency(doc, e)
        ents = self._merge_parenthetical(doc, ents)
        ents = self._merge_prefixes(ents)
        ents = self._merge_spellings(ents)
        self._org_repeats(doc, ents)
        return ents

    @staticmethod
    def _merge_spellings(ents: list[EntityDraft]) -> list[EntityDraft]:
        """``제너럴 모터스`` and ``제네럴 모터스`` in one text: two spellings of one foreign
        name (:func:`korex.names.spelling_key`) are one body, unless the lexicon knows them
        as two."""
        by_key: dict[str, EntityDraft] = {}
        kept = []
        for e in ents:
            keys = {k for k in (spelling_key(m.text) for m in e.mentions if m.is_name) if k}
            same = next((by_key[k] for k in keys if k in by_key and by_key[k].type == e.type), None)
            if same is not None and (same.entry is None or e.entry is None or same.entry == e.entry):
                same.mentions += e.mentions
                same.entry = same.entry or e.entry
                continue
            kept.append(e)
            for k in keys:
                by_key.setdefault(k, e)
        return kept

    @staticmethod
    def _org_repeats(doc: Doc, ents: list[EntityDraft]) -> None:
        """Every other occurrence of a body's name in the text is a mention of it too: a name
        found once (by the model, by a rule that needed context) is the same name where the
        context is missing (``금융기업 상상인의 … 인수``)."""
        taken = {i for s in doc.spans.get(RESOLVED, []) for i in range(s.start, s.end)}
        taken |= {i for e in ents for m in e.mentions for i in range(m.token_start, m.token_end)}
        owners: dict[str, list[EntityDraft]] = {}
        for e in ents:
            for form in {m.text for m in e.mentions if m.is_name}:
                if len(form) >= 2 and not (form.isascii() and len(form) <= 2):
                    owners.setdefault(form, []).append(e)
        _add_repeats(doc, owners, taken, "org.name_repeat", lambda span: not cuts_a_word(span))
        # 제네럴 모터스 where 제너럴 모터스 was found: another spelling of the same name
        variants: dict[str, list[EntityDraft]] = {}
        text = doc_text(doc)
        for form, who in owners.items():
            pattern = spelling_pattern(form) if len(who) == 1 else None
            for hit in pattern.finditer(text) if pattern else ():
                if hit.group() != form:
                    variants.setdefault(hit.group(), []).extend(w for w in who if w not in variants.get(hit.group(), []))
        _add_repeats(doc, variants, taken, "org.spelling_variant", lambda span: not cuts_a_word(span))

    @staticmethod
    def _country_of_agency(doc: Doc, ent: EntityDraft) -> None:
        """``폴란드 군비청``: a country's name before a government body is part of its name
        (the body of that country); the bare form stays an alias. A company keeps its own
        name (``일본 소프트뱅크`` is SoftBank of Japan), unless its name only describes it
        (``폴란드 국영방산그룹``: the state defence group of Poland)."""
        for m in list(ent.mentions):
            if m.token_start < 1 or not doc[m.token_start - 1].whitespace_:
                continue
            if ent.type != "ORGANIZATION" and not _described_only(doc[m.token_start:m.token_end]):
                continue
            country = doc[m.token_start - 1]
            if country.text in lexicons.countries() and country.text not in ent.name:
                ent.mentions.append(records.Mention(country.idx, m.end, doc_text(doc)[country.idx:m.end], m.source, m.score,
                                            m.rule, True, country.i, m.token_end))
                return

    @staticmethod
    def _only_credited(doc: Doc, ent: EntityDraft) -> bool:
        """A news outlet named only in a byline, a photo credit, a copyright line or the page's
        menus (``[뉴시스]``, ``이데일리 홍길동 기자``, ``ⓒ 연합뉴스``) is not part of the story."""
        entry = lexicons.lookup(ent.entry) if ent.entry else None
        if entry is None or entry.kind != "media":
            return False
        text = doc_text(doc)
        for m in ent.mentions:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            # a reporter who speaks or acts in the story (누리일보 기자는 …) is no byline
            line = IN_STORY_REPORTER.sub("", line)
            bracketed = text[max(0, m.start - 1):m.start] in "[(【</=" and m.start > 0
            if not bracketed and not _stands_alone(text, m.start, m.end) \
                    and not any(w in line for w in WORDS["credit_marks"]):
                return False
        return True

    @staticmethod
    def _find(ents, token_start, token_end):
        for e in ents:
            for m in e.mentions:
                if m.token_start == token_start and m.token_end == token_end:
                    return e
        return None

    def _merge_parenthetical(self, doc: Doc, ents: list[EntityDraft]) -> list[EntityDraft]:
        """``마이크로소프트(MS)``, ``한빛생명(옛 가온생명)``: the form in parentheses is the
        same body."""
        for e in list(ents):
            for m in list(e.mentions):
                j = m.token_end
                if j + 2 < len(doc) and doc[j].text == "(":
                    close = next((k for k in range(j + 1, min(j + 10, len(doc))) if doc[k].text == ")"), None)
                    if close is None or close == j + 1:
                        continue
                    inner = j + 1
                    if doc[inner].text in WORDS["former_marks"] and close > inner + 1:
                        inner += 1  # 한빛생명(옛 가온생명): the name it had before
                    other = self._find(ents, inner, close)
                    if other is None:
                        # the short form found elsewhere in the text but not here
                        short = doc[inner:close].text
                        other = next((o for o in ents if o is not e and any(x.text == short for x in o.mentions)),
                                     None)
                    if other is not None and other is not e and other.type == e.type:
                        e.mentions += other.mentions
                        ents.remove(other)
        taken = {i for e in ents for m in e.mentions for i in range(m.token_start, m.token_end)}
        documents = []
        for e in ents:
            for m in list(e.mentions):
                full = self._name_before_parenthesis(doc, m, taken)
                if full is not None and full.text.endswith(lexicons.document_endings()):
                    documents.append(e)  # 국제회계기준(IFRS): the short form of a standard
                    break
                if full is not None:
                    e.mentions.append(records.Mention(full.start_char, full.end_char, full.text, "rule", 0.7,
                                              "org.parenthetical_full", True, full.start, full.end))
                    taken.update(range(full.start, full.end))
        return [e for e in ents if e not in documents]

    @staticmethod
    def _name_before_parenthesis(doc: Doc, m: records.Mention, taken: set):
        """``리튬사우스(LIS)`` where only the short form was found: the proper-noun word
        right before the parenthesis is the same body's full name."""
        j = m.token_start
        if j < 2 or m.token_end >= len(doc) or doc[j - 1].text != "(" or doc[m.token_end].text != ")":
            return None
        k = j - 1
        start = k
        while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].tag_ in ("NNP", "SL", "NNG") \
                and start - 1 not in taken:
            start -= 1
        if start == k or doc[k - 1].whitespace_:
            return None
        word = doc[start:k]
        if not any(t.tag_ in ("NNP", "SL") for t in word) or len(word.text) < 2:
            return None
        if any(s.label_ == "PERSON" and s.start < word.end and word.start < s.end
               for s in doc.spans.get("korex_resolved", [])):
            return None  # 홍길동(누리당): a person and the body they belong to
        return word

    def _merge_prefixes(self, ents: list[EntityDraft]) -> list[EntityDraft]:
        """``삼성`` beside ``삼성전자``: a short form that begins longer names of this text
        joins the one mentioned most, unless the lexicon knows it as a company of its own."""
        for short in sorted(ents, key=lambda e: len(e.name)):
            if short.type != "COMPANY" or (short.entry and not short.entry.endswith("그룹")):
                continue
            forms = {m.text for m in short.mentions}
            if short.entry and any(f.endswith("그룹") for f in forms):
                continue  # the text names the group as a group (LG그룹): not one of its firms
            longer = [e for e in ents if e is not short and e.type == "COMPANY"
                      and any(e.name.startswith(f) and len(e.name) > len(f) for f in forms)
                      and not e.name.endswith("그룹")]
            if not longer:
                continue
            target = max(longer, key=lambda e: (len(e.mentions), -e.first))
            target.mentions += short.mentions
            ents.remove(short)
        return ents

    # --- people ----------------------------------------------------------------------
    def _people(self, doc: Doc, spans: list[Span], refs: list[Span]) -> list[EntityDraft]:
        by_name: dict[str, EntityDraft] = {}
        for s in spans:
            # 앤디루빈 and 앤디 루빈 are one name, spaced or not
            ent = by_name.setdefault(s.text.replace(" ", ""), EntityDraft("PERSON", []))
            ent.mentions.append(_mention(s))
        ents = list(by_name.values())
        # a single word of a multi-word name (나델라 of 사티아 나델라) is that person
        multi = [e for e in ents if " " in e.name]
        for e in list(ents):
            if " " in e.name:
                continue
            owner = [m for m in multi if e.name in m.name.split(" ")]
            if len(owner) == 1:
                owner[0].mentions += e.mentions
                ents.remove(e)
        self._more_mentions(doc, ents)
        self._latin_aliases(doc, ents)
        for r in refs:
            self._attach_ref(r, ents)
        return ents

    def _more_mentions(self, doc: Doc, ents: list[EntityDraft]) -> None:
        """Later occurrences of a known name without a title: the full name, or the last
        word of a foreign name (나델라 for 사티아 나델라)."""
        taken = {i for e in ents for m in e.mentions for i in range(m.token_start, m.token_end)}
        taken |= {i for s in doc.spans.get(RESOLVED, []) for i in range(s.start, s.end)}
        forms: dict[str, list[EntityDraft]] = {}
        for e in ents:
            for form in {e.name, e.name.split(" ")[-1]}:
                if len(form) >= 2:
                    forms.setdefault(form, []).append(e)
        _add_repeats(doc, forms, taken, "person.name_repeat",
                     lambda span: span[-1].tag_ in ("NNP", "NNG") and (
                         span.start == 0 or doc[span.start - 1].whitespace_ or doc[span.start - 1].is_punct))

    def _latin_aliases(self, doc: Doc, ents: list[EntityDraft]) -> None:
        """``사티아 나델라(Satya Nadella)``: a Latin spelling in parentheses is an alias."""
        for e in ents:
            for m in list(e.mentions):
                j = m.token_end
                if j < len(doc) and doc[j].text == "(":
                    k = j + 1
                    while k < len(doc) and doc[k].tag_ == "SL":
                        k += 1
                    if k > j + 1 and k < len(doc) and doc[k].text == ")":
                        span = doc[j + 1:k]
                        e.mentions.append(records.Mention(span.start_char, span.end_char, span.text, "rule", 0.8,
                                                  "person.latin_alias", True, span.start, span.end))

    def _attach_ref(self, ref: Span, ents: list[EntityDraft]) -> None:
        """``이 회장``: the latest person before it with that surname, and that title if any."""
        surname = ref.text
        link = ref._.korex_link
        want = set(link.titles) if link else set()
        best = None
        for e in ents:
            if not e.name.startswith(surname) or " " in e.name:
                continue
            before = [m.start for m in e.mentions if m.start < ref.start_char]
            if not before:
                continue
            titles = {t for m in e.mentions for l in m.links for t in l.titles}
            key = (bool(want & titles), max(before))
            if best is None or key > best[0]:
                best = (key, e)
        if best is not None:
            m = _mention(ref, source="coref", is_name=False)
            # the mention is the surname and its title: "이 회장"
            if link is not None:
                m = dataclasses.replace(m, end=link.evidence[1], text=doc_text(ref.doc)[m.start:link.evidence[1]])
            best[1].mentions.append(m)

    # --- dates and money -------------------------------------------------------------
    @staticmethod
    def _by_form(spans: list[Span], labels: tuple) -> list[EntityDraft]:
        """A place (한국, 일본) or a quantity is one entity however often it is written: its
        mentions are those of one form (spaces aside)."""
        out: dict[tuple, EntityDraft] = {}
        for s in spans:
            if s.label_ in labels:
                key = (s.label_, "".join(s.text.split()))
                out.setdefault(key, EntityDraft(s.label_, [])).mentions.append(_mention(s))
        return list(out.values())

    def _values(self, spans: list[Span]) -> list[EntityDraft]:
        out: dict[tuple, EntityDraft] = {}
        for s in spans:
            if s.label_ not in ("DATE", "TIME", "MONEY"):
                continue
            key = (s.label_, s.text, s._.korex_value, s._.korex_mod)
            ent = out.get(key)
            if ent is None:
                ent = out[key] = EntityDraft(s.label_, [], value=s._.korex_value, mod=s._.korex_mod,
                                        currency=s._.korex_currency)
            ent.mentions.append(_mention(s))
        return list(out.values())


@Language.factory("korex_entities", assigns=["doc._.korex_entities"])
def make_entity_merger(nlp: Language, name: str):
    return EntityMerger()
