"""Finding phrases in a Doc by characters, kept only where they fall on token boundaries.

Korean names and titles are often several Kiwi morphemes (``최고|경영자``), and a phrase
list tokenized on its own may cut differently from the same words in context. Matching the
characters and then requiring both ends on token boundaries is robust to both, and it still
refuses a match inside a word (``MS`` in ``MSCI``).
"""
from __future__ import annotations

import unicodedata
from typing import Iterable

import ahocorasick
from spacy.tokens import Doc, Span


def fold(text: str) -> str:
    """The form phrases are matched in: NFKC and lower case; one character per character,
    so offsets in the folded text are offsets in the original."""
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

    def __call__(self, doc: Doc) -> list[tuple[Span, list]]:
        """(token span, payloads) for each match on token boundaries; overlaps included."""
        if not self._ready:
            return []
        starts = {t.idx: t.i for t in doc}
        ends = {t.idx + len(t.text): t.i + 1 for t in doc}
        out = []
        for end_idx, (length, payloads) in self._auto.iter(fold(doc.text)):
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
