"""What a Korean word is in Kiwi's tokens: where words end, which tokens can be pieces of a
name Kiwi does not know, and the company marks written against a name.

Korean writes a word (eojeol) as a stem and its particles with no space, and Kiwi cuts it into
morphemes; names are recognised by the space-delimited word, not by the token.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

# the tags of the pieces Kiwi cuts an unknown name into
NAME_PIECE_TAGS = {"NNP", "NNG", "NNB", "NR", "MM", "XPN", "XSN", "MAG", "VV", "VA", "XR"}


def is_break(tok) -> bool:
    """Tokens that end a word: spaces, line breaks, punctuation, brackets, quotes."""
    return tok.is_space or tok.tag_[:1] == "S" and tok.tag_ not in ("SL", "SN", "SH")


def is_hangul(text: str) -> bool:
    return bool(text) and all("가" <= ch <= "힣" for ch in text)


def word_before(doc: Doc, end: int) -> Optional[Span]:
    """The space-delimited word whose last token is ``end - 1`` (None when that token is a
    break or has no space after it)."""
    i = end - 1
    if i < 0 or is_break(doc[i]) or not doc[i].whitespace_:
        return None
    j = i
    while j > 0 and not doc[j - 1].whitespace_ and not is_break(doc[j - 1]):
        j -= 1
    return doc[j:end]


def glued_start(doc: Doc, end: int, floor: int = 0) -> int:
    """Where the word that ends at token ``end`` (exclusive) begins: back over the tokens
    written against it, to a space or a bracket, quote or punctuation mark (not below
    ``floor``)."""
    j = end
    while j > floor and not doc[j - 1].whitespace_ and not is_break(doc[j - 1]):
        j -= 1
    return j


def in_a_name(tok) -> bool:
    """A token that can be a piece of a name Kiwi does not know (한|빛|나눔|재단 is cut into
    a determiner, a noun and a verb's noun form): no particle, no ending standing alone,
    no punctuation."""
    parts = tok.tag_.split("+")
    if parts[0][:1] == "S":
        return parts[0] in ("SL", "SN", "SH")
    return not any(p[:1] == "J" or p[:1] == "E" and p != "ETN" for p in parts)


def words_of(span: Span) -> list[Span]:
    """The span cut at its spaces: Korean's words (eojeol), each one or more tokens."""
    doc = span.doc
    words, start = [], span.start
    for i in range(span.start, span.end):
        if doc[i].whitespace_ or i == span.end - 1:
            words.append(doc[start:i + 1])
            start = i + 1
    return words


def corp_mark_start(doc: Doc, i: int) -> Optional[int]:
    """Where a company mark written right before token ``i`` begins (``(주)``, ``㈜``), if
    one is there and glued to a word before it."""
    if i >= 1 and doc[i - 1].text in ("㈜", "(주)", "(株)"):
        k = i - 1
    elif i >= 3 and doc[i - 1].text == ")" and doc[i - 2].text in ("주", "株") and doc[i - 3].text == "(":
        k = i - 3
    else:
        return None
    return k if k > 0 and not doc[k - 1].whitespace_ and not is_break(doc[k - 1]) else None
