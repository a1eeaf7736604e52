"""Finding phrases in a Doc by characters, kept only where they fall on token boundaries.

Korean names and titles are often several Kiwi morphemes (``최고|경영자``), and a phrase
list tokenized on its own may cut differently from the same words in context. Matching the
characters and then requiring both ends on token boundaries is robust to both, and it still
refuses a match inside a word (``MS`` in ``MSCI``).
"""
from __future__ import annotations

import unicodedata
from typing import Iterable, Optional

import ahocorasick
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from korex.extensions import doc_text


def fold(text: str) -> str:
    """The form phrases are matched in: NFKC and lower case; one character per character,
    so offsets in the folded text are offsets in the original."""
    if unicodedata.is_normalized("NFKC", text):
        lower = text.lower()
        if len(lower) == len(text):  # the usual case, without a loop over the characters
            return lower
    out = []
    for ch in text:
        f = unicodedata.normalize("NFKC", ch).lower()
        out.append(f if len(f) == 1 else ch)
    return "".join(out)


class TokenPhraseMatcher:
    """Phrases matched on characters, kept where both ends are token boundaries."""

    def __init__(self, phrases: Iterable[tuple[str, object]]):
        self._auto = ahocorasick.Automaton()
        for phrase, payload in phrases:
            key = fold(phrase)
            if not key.strip():
                continue
            if key in self._auto:
                self._auto.get(key)[1].append(payload)
            else:
                self._auto.add_word(key, (len(key), [payload]))
        self._ready = len(self._auto) > 0
        if self._ready:
            self._auto.make_automaton()

    def __call__(self, doc: Doc, text: Optional[str] = None) -> list[tuple[Span, list]]:
        """(token span, payloads) for each match on token boundaries; overlaps included.
        ``text``: the Doc's text where the caller has it."""
        if not self._ready:
            return []
        # token offsets from the Doc's arrays: iterating Tokens costs a Python object each
        where = doc.to_array([IDX, LENGTH]).tolist()
        starts = {idx: i for i, (idx, _) in enumerate(where)}
        ends = {idx + length: i + 1 for i, (idx, length) in enumerate(where)}
        out = []
        for end_idx, (length, payloads) in self._auto.iter(fold(doc_text(doc) if text is None else text)):
            s, e = end_idx + 1 - length, end_idx + 1
            if s in starts and e in ends:
                out.append((doc[starts[s]:ends[e]], payloads))
        return out


def longest_first(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (earliest on ties)."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def longest_char_matches(cands: list[tuple]) -> list[tuple]:
    """Of regex matches given as ``(start, end, priority, ...)``, keep the longest of each
    overlapping group (lower priority number first on ties), in text order."""
    ordered = sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = []
    used: set[int] = set()
    for c in ordered:
        if not used.intersection(range(c[0], c[1])):
            taken.append(c)
            used.update(range(c[0], c[1]))
    return sorted(taken, key=lambda c: (c[0], c[1], c[2]))
