"""korex_relations: who works where (EMPLOYEE_OF), and each person's affiliation.

This component alone decides employment; it reads the entities and the title patterns their
mentions carry, and writes :class:`korex.records.Employment` records, one of them per person
marked ``primary`` (the person's affiliation). In order of trust:

1. **pattern**: a title pattern that names the body (``이재용 삼성전자 부회장``); the body most
   of a person's patterns name is the affiliation, each pattern the evidence of a relation.
   A pattern may tie the person to a second body (the party in ``누리도의회 홍길동
   의원(새나라당, …)``): a relation of its own, the affiliation unchanged.
2. **context**: a titled person whose patterns name no body works, in Korean news, for the
   one listed just before them (``KT의 김일영 부사장, 서정식 본부장``), else for the body the
   sentence is about (``삼성전자는 … 한종희 사장이``), else for the one company the article is
   about (an affiliation with no evidence span, so no relation).
3. **model**: the employment classifier (:mod:`korex.relation_model`), when the component
   has one: every person–body pair of a sentence that nothing above links is scored, and one
   at or above its threshold is linked with the sentence as evidence; a person without an
   affiliation takes the best. With the classifier the context rule is also checked: a
   sentence-level guess is wrong mostly where the sentence mentions the body for another
   reason (an analyst quoted about a company, a professor and their alma mater), so a guess
   the classifier scores below ``veto_below`` is dropped.

A second employer needs its own evidence: a body that is another person's pattern employer
in the same sentence (``이재용 삼성전자 부회장과 사티아 나델라 마이크로소프트 CEO``) is that
person's, and the classifier does not give it to the first as a second post.

The classifier is part of the component: saved with the pipeline (``to_disk``) and loaded
with it, never looked up elsewhere.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from korex.extensions import doc_text
from korex.records import Employment, Entity
from korex.relation_model import EmploymentClassifier

ORG_TYPES = ("COMPANY", "ORGANIZATION")
LIST_JOINS = (",", "·", "와", "과", "및", "")

DEFAULT_CONFIG = {
    # a context-inferred employer is dropped when the classifier gives the pair less than this.
    # The rule is right more often than not, so the bar to overrule it sits below the bar to
    # link: under 0.5 the model, trained where 78% of pairs are employment, finds it more
    # likely not. On a held-out tenth of KLUE-RE train, end to end with the NER model, this
    # veto took out 3 false links and 3 true ones; vetoing below the link threshold (0.80)
    # took out 12 false but 22 true; 0.6 (4 more false, 1 more true) drops a right employer
    # in the seed articles where titles are coordinated (KT의 김일영 부사장, 서정식 본부장: 0.59)
    "veto_below": 0.5,
    # the classifier links a pair at or above this; null: the threshold saved with the model
    # (chosen on held-out KLUE-RE train at a class-balanced precision of 0.90)
    "link_threshold": None,
}


class RelationFinder:
    def __init__(self, veto_below: float = 0.5, link_threshold: Optional[float] = None,
                 classifier: Optional[EmploymentClassifier] = None):
        self.veto_below = veto_below
        self.link_threshold = link_threshold
        self.classifier = classifier

    @property
    def threshold(self) -> Optional[float]:
        if self.classifier is None:
            return None
        return self.classifier.threshold if self.link_threshold is None else self.link_threshold

    # --- saving and loading: the classifier travels with the pipeline ----------------------
    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.classifier is not None:
            self.classifier.to_disk(path / "classifier")

    def from_disk(self, path, *, exclude=()) -> "RelationFinder":
        path = Path(path) / "classifier"
        self.classifier = EmploymentClassifier.from_disk(path) if (path / "config.cfg").exists() else None
        return self

    def load_classifier(self, path) -> "RelationFinder":
        """Take the trained classifier at ``path`` (``korex train re``'s output) into the pipeline."""
        self.classifier = EmploymentClassifier.from_disk(path)
        return self

    # --- the decisions ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.korex_entities or ()
        people = [e for e in entities if e.type == "PERSON"]
        orgs = [e for e in entities if e.type in ORG_TYPES]
        text = doc_text(doc)
        # person key -> (employer, evidence of the choice or None, what chose it)
        affiliation: dict[int, tuple[Entity, Optional[tuple[int, int]], str]] = {}
        for e in people:
            employer = _pattern_employer(e, orgs)
            if employer is not None:
                affiliation[e.key] = (employer, None, "pattern")
        # the titled people no pattern linked, after all the patterns, so that a body another
        # person's title already claims is not given twice
        for e in people:
            if e.key not in affiliation and e.titles:
                employer, evidence = _employer_in_context(doc, text, e, orgs, people, affiliation)
                if employer is not None:
                    affiliation[e.key] = (employer, evidence, "context" if evidence else "article")
        out: list[Employment] = []
        for e in people:
            if e.key in affiliation:
                self._rule_links(doc, e, affiliation, out)
        _other_posts(people, orgs, out)
        if self.classifier is not None:
            self._model_links(doc, people, orgs, affiliation, out)
        doc._.korex_employment = tuple(_mark_primary(out, affiliation))
        return doc

    def _rule_links(self, doc: Doc, e: Entity, affiliation: dict, out: list[Employment]) -> None:
        employer, evidence, _ = affiliation[e.key]
        seen = {(r.person, r.employer, r.title) for r in out}
        for m in sorted(e.mentions, key=lambda m: m.start):
            for link in m.links:
                if link.employer is None or not employer.covers(*link.employer):
                    continue
                title = link.titles[0] if link.titles else None
                if (e.key, employer.key, title) not in seen:
                    seen.add((e.key, employer.key, title))
                    out.append(Employment(e.key, employer.key, title, link.evidence, "pattern"))
        if any(r.person == e.key for r in out) or evidence is None:
            # an employer inferred from the article as a whole gets no relation, having no
            # evidence span
            return
        if self.classifier is not None:
            score = self._pair_score(doc, e, employer, evidence)
            if score is not None and score < self.veto_below:
                del affiliation[e.key]
                return
        out.append(Employment(e.key, employer.key, e.titles[0] if e.titles else None, evidence, "context"))

    # --- the classifier -------------------------------------------------------------------
    def _pair_score(self, doc: Doc, person: Entity, org: Entity, sentence: tuple[int, int]) -> Optional[float]:
        """The best score of the pair's mentions within the sentence at character offsets
        ``sentence``; None when they do not both appear there."""
        span = doc.char_span(*sentence, alignment_mode="expand")
        if span is None:
            return None
        sent = doc[span.start].sent
        pm = _mentions_by_sentence(doc, person).get(sent.start, [])
        om = _mentions_by_sentence(doc, org).get(sent.start, [])
        pairs = [(p, o) for p in pm for o in om if p[1] <= o[0] or o[1] <= p[0]]
        if not pairs:
            return None
        return max(self.classifier.score_spans(sent, pairs))

    def _model_links(self, doc: Doc, people, orgs, affiliation: dict, out: list[Employment]) -> None:
        if not people or not orgs:
            return
        linked = {(r.person, r.employer) for r in out}
        org_sents = {o.key: _mentions_by_sentence(doc, o) for o in orgs}
        claimed = _claimed(doc, people, affiliation)
        for e in people:
            per_sents = _mentions_by_sentence(doc, e)
            best: Optional[Employment] = None
            for o in orgs:
                if (e.key, o.key) in linked:
                    continue
                found: Optional[tuple[float, int]] = None
                for s_start, pm in per_sents.items():
                    om = org_sents[o.key].get(s_start)
                    if not om:
                        continue
                    if e.key in affiliation and claimed.get((s_start, o.key), e.key) != e.key:
                        continue  # another person's body in this sentence: not a second post of this one
                    pairs = [(p, q) for p in pm for q in om if p[1] <= q[0] or q[1] <= p[0]]
                    if not pairs:
                        continue
                    score = max(self.classifier.score_spans(doc[s_start].sent, pairs))
                    if found is None or score > found[0]:
                        found = (score, s_start)
                if found is None or found[0] < self.threshold:
                    continue
                sent = doc[found[1]].sent
                rel = Employment(e.key, o.key, _title_in(e, sent), (sent.start_char, sent.end_char), "model", found[0])
                out.append(rel)
                linked.add((e.key, o.key))
                if best is None or rel.score > best.score:
                    best = rel
            if best is not None and e.key not in affiliation:
                affiliation[e.key] = (next(o for o in orgs if o.key == best.employer), best.evidence, "model")


def _pattern_employer(e: Entity, orgs: list[Entity]) -> Optional[Entity]:
    """The body most of the person's title patterns name (the first named, of equals)."""
    votes: dict[int, int] = {}
    for m in sorted(e.mentions, key=lambda m: m.start):
        for link in m.links:
            org = None
            if link.employer is not None:
                org = next((o for o in orgs if o.covers(*link.employer)), None)
            else:
                # 하나은행장: the title begins with the body's name
                org = next((o for t in link.titles for o in orgs
                            if any(t.startswith(a) and len(t) > len(a) for a in o.aliases)), None)
            if org is not None:
                votes[org.key] = votes.get(org.key, 0) + 1
    if not votes:
        return None
    best = max(votes, key=votes.get)
    return next(o for o in orgs if o.key == best)


def _employer_in_context(doc: Doc, text: str, person: Entity, orgs: list[Entity], people: list[Entity],
                         affiliation: dict):
    """A titled person whose pattern named no employer works, in Korean news, for the body
    the sentence is about (``삼성전자는 … 한종희 사장이``), else for the one company the
    article is about. Returns the employer and the evidence span (None for the article)."""
    titled = [m for m in sorted(person.mentions, key=lambda m: m.start) if m.links]
    if not titled:
        return None, None
    m = titled[0]
    sent = doc[m.token_start].sent
    # a list of people (KT의 김일영 부사장, 서정식 본부장): the one before shares the employer
    for p in people:
        if p is person or p.key not in affiliation:
            continue
        for pm in p.mentions:
            for link in pm.links:
                gap = text[link.evidence[1]:m.start]
                if 0 < len(gap) <= 3 and gap.strip() in LIST_JOINS:
                    return affiliation[p.key][0], (sent.start_char, sent.end_char)
    # a body already named as another titled person's employer in this sentence is not
    # this one's (홍길동 한빛전자 사장이 … 김철수 회장이)
    # (unless the title is the deputy's of that person's: 시장 and 부시장 serve one city)
    # (nor when both bear the same title: 김철수·홍길동 시의원 sit on one council)
    claimed = {affiliation[p.key][0].key for p in people if p is not person and p.key in affiliation
               and any(sent.start_char <= pm.start < sent.end_char for pm in p.mentions)
               and not any(t == "부" + u for t in person.titles for u in p.titles)
               and p.titles != person.titles}
    in_sent = [(om.start, o) for o in orgs for om in o.mentions
               if sent.start_char <= om.start < sent.end_char and not (m.start <= om.start < m.end)
               and o.key not in claimed]
    before = [x for x in in_sent if x[0] < m.start]
    if before:
        return max(before, key=lambda x: x[0])[1], (sent.start_char, sent.end_char)
    if in_sent:
        return min(in_sent, key=lambda x: x[0])[1], (sent.start_char, sent.end_char)
    companies = sorted((o for o in orgs if o.type == "COMPANY"), key=lambda o: -len(o.mentions))
    if companies and (len(companies) == 1 or len(companies[0].mentions) >= 2 * len(companies[1].mentions)):
        return companies[0], None
    return None, None


def _other_posts(people, orgs, out: list[Employment]) -> None:
    """The other bodies a pattern ties a person to (the party in ``누리도의회 홍길동
    의원(새나라당, …)``): a relation each, the pattern as evidence; the affiliation stays."""
    seen = {(r.person, r.employer) for r in out}
    for e in people:
        for m in e.mentions:
            for link in m.links:
                for span in link.also:
                    org = next((o for o in orgs if o.covers(*span)), None)
                    if org is not None and (e.key, org.key) not in seen:
                        seen.add((e.key, org.key))
                        out.append(Employment(e.key, org.key, link.titles[0] if link.titles else None,
                                              link.evidence, "pattern"))


def _claimed(doc: Doc, people, affiliation: dict) -> dict:
    """(sentence start token, body key) -> the person whose title patterns name that body as
    their employer, for each sentence where that person is mentioned."""
    claimed = {}
    for p in people:
        if p.key not in affiliation or affiliation[p.key][2] != "pattern":
            continue
        employer = affiliation[p.key][0].key
        for s_start in _mentions_by_sentence(doc, p):
            claimed.setdefault((s_start, employer), p.key)
    return claimed


def _mark_primary(out: list[Employment], affiliation: dict) -> list[Employment]:
    """The relations, the first one to each person's affiliation marked ``primary``; an
    affiliation that no relation carries (inferred from the article as a whole) added as an
    employment without evidence."""
    primary = {k: employer.key for k, (employer, _, _) in affiliation.items()}
    result, done = [], set()
    for r in out:
        is_primary = primary.get(r.person) == r.employer and r.person not in done
        if is_primary:
            done.add(r.person)
        result.append(Employment(r.person, r.employer, r.title, r.evidence, r.source, r.score, is_primary))
    for person, (employer, _, source) in affiliation.items():
        if person not in done:
            result.append(Employment(person, employer.key, None, None, source, None, True))
    return result


def _tokens(doc: Doc, m) -> Optional[tuple[int, int]]:
    if 0 <= m.token_start < m.token_end:
        return m.token_start, m.token_end
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _mentions_by_sentence(doc: Doc, ent: Entity) -> dict[int, list[tuple[int, int]]]:
    """The entity's mentions as token ranges, keyed by the start token of their sentence."""
    out: dict[int, list[tuple[int, int]]] = {}
    for m in ent.mentions:
        t = _tokens(doc, m)
        if t is None:
            continue
        sent = doc[t[0]].sent
        if t[1] > sent.end:  # a mention across a sentence break belongs to neither
            continue
        out.setdefault(sent.start, []).append(t)
    return out


def _title_in(person: Entity, sent) -> Optional[str]:
    """The title the person bears in this sentence without a named employer
    (``손정의 회장``): the one that goes with an employer found by the classifier."""
    for m in sorted(person.mentions, key=lambda m: m.start):
        if sent.start_char <= m.start < sent.end_char:
            for link in m.links:
                if link.employer is None and link.titles:
                    return link.titles[0]
    return None


@Language.factory("korex_relations", assigns=["doc._.korex_employment"], requires=["doc._.korex_entities"],
                  default_config=DEFAULT_CONFIG)
def make_relation_finder(nlp: Language, name: str, veto_below: float, link_threshold: Optional[float]):
    return RelationFinder(veto_below=veto_below, link_threshold=link_threshold)
