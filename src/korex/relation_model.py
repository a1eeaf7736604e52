"""A statistical classifier for employment: does this person work for this organisation?

Given a sentence, a person mention and an organisation mention in it, the classifier returns
P(employment): the person holds a position at, or is a member or employee of, the body.
It is trained on KLUE-RE's PER–ORG records (either order): positive when the label is
``per:employee_of`` or ``org:top_members/employees``, negative for every other label,
``no_relation``, ``org:founded_by`` and ``per:schools_attended`` included, exactly as
``korex evaluate re`` counts them.

The model is a spaCy ``textcat`` (binary, exclusive) over Kiwi tokens of the sentence with
the two mentions marked. The person's name is replaced by one marker token (names are
noise that a small model would memorise), the organisation keeps its tokens between two
markers (``대학교``, ``당``, ``전자`` say what kind of body it is), and only a window of
tokens around the pair is kept, because most of a long sentence is about other things.
Two extra tokens give the order of the pair and the distance between them. Built this way
the input comes from token offsets alone, so training (KLUE's character spans, widened to
Kiwi tokens) and run time (korex's mentions, which are Kiwi tokens already) see the same
thing.

78% of KLUE-RE train's PER–ORG pairs are positive, against 45% in KLUE-RE dev and fewer
still among the pairs of running news text, so the decision threshold is chosen on the
held-out slice with the two classes weighted equally
(:func:`korex.training.relations.choose_threshold`, which also trains the model).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import korex.tokenizer  # noqa: F401  registers korex.KiwiTokenizer.v1, which the classifier's config names

POSITIVE_LABELS = ("per:employee_of", "org:top_members/employees")
LABEL, OTHER = "EMPLOYEE", "OTHER"
# Marker tokens: the model sees them as words, so they must be strings news never contains.
PER_MARK = "⟦PER⟧"
ORG_OPEN, ORG_CLOSE = "⟦ORG", "ORG⟧"
DISTANCE_BUCKETS = (0, 1, 2, 4, 8, 16)
CONTEXT_TAGS = {"NNG", "VV", "VA", "XR"}


@dataclass(frozen=True)
class RePair:
    """One KLUE-RE PER–ORG record: character spans of the person and the organisation."""

    id: str
    text: str
    label: str
    per: tuple[int, int]
    org: tuple[int, int]

    @property
    def gold(self) -> bool:
        return self.label in POSITIVE_LABELS


# --- the model's input ---------------------------------------------------------------
def _distance_token(n: int) -> str:
    bucket = max(b for b in DISTANCE_BUCKETS if n >= b)
    return f"⟦DIST{bucket}⟧"


def marked_words(words: Sequence[str], per: tuple[int, int], org: tuple[int, int],
                 window: Optional[int], gap: Optional[int] = None) -> list[str]:
    """The classifier's input: ``words`` (token texts, no whitespace tokens) with the person
    at token offsets ``per`` replaced by one marker and the organisation at ``org``
    bracketed, cut to ``window`` tokens either side of the pair, plus order and distance
    tokens. With ``gap``, a stretch between the two longer than twice that keeps only
    ``gap`` tokens at each end. Offsets are end-exclusive."""
    if per[0] < org[1] and org[0] < per[1]:
        # overlapping spans (a mis-cut name swallowed into the organisation): no real pair
        lo, hi = min(per[0], org[0]), max(per[1], org[1])
        return ["⟦OVERLAP⟧", *words[lo:hi]]
    first, second = sorted((per, org))
    lo = 0 if window is None else max(0, first[0] - window)
    hi = len(words) if window is None else min(len(words), second[1] + window)

    def piece(a: int, b: int) -> list[str]:
        if a == per[0]:
            return [PER_MARK]
        return [ORG_OPEN, *words[a:b], ORG_CLOSE]

    between = list(words[first[1]:second[0]])
    if gap is not None and len(between) > 2 * gap:
        between = between[:gap] + ["⟦GAP⟧"] + between[len(between) - gap:]
    out = [*words[lo:first[0]], *piece(*first), *between, *piece(*second), *words[second[1]:hi]]
    out.append("⟦P<O⟧" if per[0] < org[0] else "⟦O<P⟧")
    out.append(_distance_token(second[0] - first[1]))
    return out


def _drop_spaces(doc_or_span) -> tuple[list[str], list[str], dict[int, int]]:
    """Token texts and tags without whitespace tokens, and the map from token index (in the
    Doc) to position in those lists."""
    words: list[str] = []
    tags: list[str] = []
    index: dict[int, int] = {}
    for tok in doc_or_span:
        if tok.is_space:
            continue
        index[tok.i] = len(words)
        words.append(tok.text)
        tags.append(tok.tag_)
    return words, tags, index


def _compact(index: dict[int, int], start: int, end: int) -> Optional[tuple[int, int]]:
    kept = [index[i] for i in range(start, end) if i in index]
    return (kept[0], kept[-1] + 1) if kept else None


def _context_words(words, tags, per, org) -> list[str]:
    """The sentence's common nouns, verbs and adjectives outside the two mentions, once
    each, marked as coming from the sentence: the window holds how the pair is joined,
    these say what the sentence is about (졸업, 입사, 전망)."""
    out: list[str] = []
    for i, (w, t) in enumerate(zip(words, tags)):
        if per[0] <= i < per[1] or org[0] <= i < org[1]:
            continue
        if t.split("+")[0] in CONTEXT_TAGS:
            token = "⟦S⟧" + w
            if token not in out:
                out.append(token)
    return out


def words_for_span(sent, per_tokens: tuple[int, int], org_tokens: tuple[int, int],
                   setting: dict, prepared=None) -> Optional[list[str]]:
    """The classifier input for mentions at Doc token offsets inside sentence ``sent``
    (``prepared``: ``_drop_spaces(sent)``, when the caller scores several pairs of it)."""
    words, tags, index = prepared or _drop_spaces(sent)
    p = _compact(index, *per_tokens)
    o = _compact(index, *org_tokens)
    if p is None or o is None:
        return None
    out = marked_words(words, p, o, setting["window"], setting.get("gap"))
    if setting.get("context"):
        out += _context_words(words, tags, p, o)
    return out


def words_for_pair(doc, pair: RePair, setting: dict) -> Optional[list[str]]:
    """The classifier input for a KLUE-RE pair, ``doc`` being its Kiwi-tokenised text; the
    character spans are widened to whole tokens (``기아차는`` when the entity is ``기아차``)."""
    ps = doc.char_span(*pair.per, alignment_mode="expand")
    os_ = doc.char_span(*pair.org, alignment_mode="expand")
    if ps is None or os_ is None:
        return None
    return words_for_span(doc, (ps.start, ps.end), (os_.start, os_.end), setting)


# --- the classifier ---------------------------------------------------------------------
def _doc(vocab, words: list[str]):
    return Doc(vocab, words=words, spaces=[True] * len(words))


def predict_proba(nlp, inputs: Sequence[list[str]], batch_size: int = 256) -> list[float]:
    """P(employment) for each classifier input (a list of words, see :func:`marked_words`)."""
    if not inputs:
        return []
    textcat = nlp.get_pipe("textcat")
    col = textcat.labels.index(LABEL)
    out: list[float] = []
    for i in range(0, len(inputs), batch_size):
        docs = [_doc(nlp.vocab, w) for w in inputs[i:i + batch_size]]
        scores = textcat.model.predict(docs)
        out += [float(x) for x in textcat.model.ops.to_numpy(scores)[:, col]]
    return out


class EmploymentClassifier:
    """A trained textcat pipeline: ``score_spans(sent, pairs)`` → P(employment) per pair.

    The relation component holds one and saves it with the pipeline it serves
    (:meth:`to_disk`, :meth:`from_disk`); ``korex train re`` writes one to a directory."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        meta = self.nlp.meta.get("korex_re", {})
        self.threshold = float(meta.get("threshold", 0.5))
        self.setting = meta.get("setting", {"window": None})

    def proba(self, inputs: Sequence[list[str]]) -> list[float]:
        return predict_proba(self.nlp, inputs)

    def score_spans(self, sent, pairs: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> list[float]:
        """P(employment) for (person, organisation) Doc token ranges in sentence ``sent``;
        0.0 for a pair that cannot be built (a mention made only of whitespace)."""
        inputs, where = [], []
        pairs = list(pairs)
        prepared = _drop_spaces(sent)  # once for all the pairs of the sentence
        for k, (p, o) in enumerate(pairs):
            w = words_for_span(sent, p, o, self.setting, prepared)
            if w is not None:
                inputs.append(w)
                where.append(k)
        out = [0.0] * len(pairs)
        for k, s in zip(where, self.proba(inputs)):
            out[k] = s
        return out

    def score_text(self, text: str, per: tuple[int, int], org: tuple[int, int]) -> float:
        """P(employment) for character spans of ``text`` (the whole text as the sentence)."""
        doc = self.nlp.make_doc(text)
        w = words_for_pair(doc, RePair("", text, "", per, org), self.setting)
        return self.proba([w])[0] if w is not None else 0.0

    @classmethod
    def from_disk(cls, path: str | Path) -> "EmploymentClassifier":
        return cls(spacy.load(Path(path)))

    def to_disk(self, path: str | Path) -> None:
        self.nlp.to_disk(Path(path))
