"""What a word can be, by its shape and the lexicons: a Korean name, a piece of a
transliterated one, a word every reader knows, a body's name by its ending.

Kiwi often cuts a Korean name it does not know into pieces (허|인|철, 경계|현), so names are
recognised by the space-delimited word, not by the token. The people finder, the org rules
and the resolver all ask these questions; they share one :class:`NameShapes` over the
bundled lexicons (:func:`shapes`).
"""
from __future__ import annotations

import re
from functools import cache
from typing import Optional

from spacy.tokens import Span

from korex import lexicons
from korex.tokenizer import word_alone
from korex.words import NAME_PIECE_TAGS, in_a_name, is_hangul, words_of

# of the surnames, most frequent first, those of about nine Koreans in ten
COMMON_SURNAMES = 30


class NameShapes:
    """Questions about a word's shape, answered from the lexicons it is built on."""

    def __init__(self):
        self.titles = lexicons.titles()
        self.surnames = set(lexicons.surnames())
        self.common_surnames = set(lexicons.surnames()[:COMMON_SURNAMES])
        self.non_names = set(lexicons.non_names())
        self.places = lexicons.locations()
        self.given = lexicons.given_name_syllables()

    def known_word(self, text: str) -> bool:
        return (text in self.non_names or text in self.titles.all or text in self.places
                or lexicons.lookup(text) is not None)

    def is_korean_name(self, word: Span, *, anchored: bool = True) -> bool:
        """Surname and given-name syllables in one word. ``anchored``: the word stands next
        to a title, which vouches for a three-syllable word Kiwi read as a common noun."""
        text = word.text
        if not (is_hangul(text) and 2 <= len(text) <= 4) or self.known_word(text):
            return False
        if text[:2] in self.surnames and len(text) >= 3:
            given = text[2:]
        elif text[0] in self.surnames and len(text) <= 3:
            given = text[1:]
        else:
            return False
        if not all(ch in self.given for ch in given):
            return False
        if len(text) == 3 and text.endswith("대") and text[0] not in self.common_surnames:
            return False  # 경남대, 동신대: a university's short name (X대학교), not 경|남대
        tags = [t.tag_ for t in word]
        if not all(tag in NAME_PIECE_TAGS for tag in tags):
            return False
        # a two-syllable common noun Kiwi knows (신임, 현지) is a word, not a name; three
        # syllables of surname and given-name syllables read as one noun (김인수: 인수 is
        # "acquisition") are a name, if the surname is a common one (not 자동차 시장)
        return "NNP" in tags or len(word) > 1 or (anchored and len(text) == 3 and text[0] in self.common_surnames)

    def surname_first(self, word: Span) -> bool:
        """A Korean name where a title vouches for it (``(대표 김유번)``): a surname and one to
        three more syllables, any of them, in a word no list knows."""
        text = word.text
        if self.is_korean_name(word):
            return True
        return (is_hangul(text) and 2 <= len(text) <= 4 and not self.known_word(text)
                and (text[0] in self.surnames or text[:2] in self.surnames)
                and all(t.tag_ in NAME_PIECE_TAGS for t in word))

    def is_foreign_word(self, word: Span) -> bool:
        """A word that can be part of a transliterated name (사티아, 나델라, 팀, 쿡)."""
        text = word.text
        if not is_hangul(text) or self.known_word(text) or len(word) != 1 or len(text) > 5:
            return False
        return word[0].tag_ == "NNP" or (word[0].tag_ == "NNG" and len(text) <= 2)

    def body_ending(self, word: Span) -> Optional[str]:
        """COMPANY or ORGANIZATION when a word no list knows ends like a body's name
        (…의회, …유치원, …전자) after a name of its own; else None."""
        if not all(in_a_name(t) for t in word):
            return None
        for ending, label in lexicons.org_endings():
            if len(ending) >= 2 and word.text.endswith(ending) and len(word.text) >= len(ending) + 2 \
                    and ending not in lexicons.org_suffixes().not_alone:
                return label
        # a party (민주|평화|당) or a university's short name (누리|대): 당 or 대 cut off by
        # Kiwi as a token of its own after two or more syllables of nouns, or a proper noun
        # Kiwi knows whole (새|누리|당: 새 read as a determiner; 광주|대: 대 read as a prefix);
        # 식당, 담당, 부대, 세대 are one common-noun token
        if word.text.endswith(("당", "대")) and len(word.text) >= 3 \
                and all(t.tag_ in ("NNG", "NNP", "XSN", "NNB", "XPN") or k == 0 and t.tag_ == "MM"
                        for k, t in enumerate(word)) \
                and (word[-1].text in ("당", "대") or len(word) == 1 and word[0].tag_ == "NNP"):
            return "ORGANIZATION"
        return None


@cache
def shapes() -> NameShapes:
    """The one :class:`NameShapes` of the process (the lexicons are loaded once)."""
    return NameShapes()


def holds_a_name(span: Span) -> bool:
    """The span runs over a Korean full name into another word (홍길동 가나부, 가나대
    홍길동): a Korean name is a word of its own, so the span is a person and something
    else read as one."""
    words = words_of(span)
    return len(words) > 1 and any(len(w.text) >= 3 and shapes().is_korean_name(w, anchored=False) for w in words)


def lone_foreign_name(span: Span) -> bool:
    """One Hangul word that Kiwi reads as a proper noun and no list knows (나델라, 링컨): a
    transliterated name, or as often a company or a product."""
    f = shapes()
    words = words_of(span)
    if len(words) != 1:
        return False
    w = words[0]
    return (len(w) == 1 and w[0].tag_ == "NNP" and is_hangul(w.text) and 2 <= len(w.text) <= 6
            and not f.known_word(w.text) and w.text not in f.surnames and lexicons.lookup(w.text) is None
            and not f.is_korean_name(w, anchored=False) and not before_byline(span)
            and [tag for _, tag in word_alone(w.text)] == ["NNP"])  # not 신|사업, a derived noun


def before_byline(span: Span) -> bool:
    """A byline title follows the span (홍길동 기자): the writer of the article."""
    after = span.doc[span.end:span.end + 2].text
    return any(after.lstrip().startswith(b) for b in shapes().titles.byline)


def looks_like_person(span: Span) -> bool:
    """Whether a span has the shape of a person's name: one Korean name word (surname and
    given-name syllables), or two or three words of a transliterated name, and is not the
    byline of the article's writer (``홍길동 기자``)."""
    f = shapes()
    words = words_of(span)
    if len(words) == 1:
        w = words[0]
        # one word: a Korean name (a lone transliterated word, 로보틱 or 오르카, is as often a
        # company)
        ok = f.is_korean_name(w, anchored=False)
    else:
        ok = len(words) <= 3 and all(len(w) == 1 and is_hangul(w.text) and not f.known_word(w.text) for w in words)
        # a Korean full name is one word: what follows it is another word (its employer)
        ok = ok and not holds_a_name(span)
    if not ok:
        return False
    return not before_byline(span)


def name_shaped(span: Span) -> bool:
    """Three syllables of a Korean name that Kiwi cut apart (김|명|원): a person, not an
    agency with a one-syllable ending."""
    return len(span.text) == 3 and shapes().is_korean_name(span, anchored=False)


# Vowels that Korean spellings of one foreign name trade (제너럴/제네럴 모터스, 이토추/이토츄
# 상사): ㅐ/ㅔ/ㅓ, their y- and w- forms, and the y-glide after ㅈ ㅊ ㅉ (쥬/주, 죠/조), which
# Korean does not pronounce. Over the 1,520 passages of the corpus written for korex, no two
# different bodies of one passage share a key; names of two or three syllables are left out
# all the same, where one vowel more often makes another word (대한/더한).
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_SAME_VOWEL = {"ㅐ": "ㅔ", "ㅓ": "ㅔ", "ㅒ": "ㅖ", "ㅕ": "ㅖ", "ㅙ": "ㅞ", "ㅚ": "ㅞ"}
_NO_GLIDE = {"ㅠ": "ㅜ", "ㅛ": "ㅗ", "ㅑ": "ㅏ", "ㅕ": "ㅓ", "ㅒ": "ㅐ", "ㅖ": "ㅔ"}
_PALATAL = (12, 13, 14)  # ㅈ ㅉ ㅊ as initial consonants
MIN_VARIANT_SYLLABLES = 4


def _vowel_key(initial: int, vowel: str) -> str:
    if initial in _PALATAL:
        vowel = _NO_GLIDE.get(vowel, vowel)
    return _SAME_VOWEL.get(vowel, vowel)


def spelling_key(name: str) -> Optional[str]:
    """A key that two spellings of one transliterated name share, or None for a name too
    short to compare safely: letters and digits only, Latin in lower case, and Hangul
    syllables with their interchangeable vowels made one."""
    out = []
    syllables = 0
    for ch in name.lower():
        if not ch.isalnum():
            continue
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        syllables += 1
        initial, vowel, final = code // 588, _VOWELS[(code % 588) // 28], code % 28
        out.append(f"{initial}{_vowel_key(initial, vowel)}{final}.")
    return "".join(out) if syllables >= MIN_VARIANT_SYLLABLES else None


def spelling_pattern(name: str) -> Optional[re.Pattern]:
    """A regular expression for every spelling of ``name`` with the same :func:`spelling_key`,
    spaced as written or not at all; None where the key is."""
    if spelling_key(name) is None:
        return None
    parts = []
    for ch in name:
        code = ord(ch) - 0xAC00
        if ch.isspace():
            parts.append(r"\s?")
        elif 0 <= code < 11172:
            initial, final = code // 588, code % 28
            key = _vowel_key(initial, _VOWELS[(code % 588) // 28])
            parts.append("[" + "".join(chr(0xAC00 + initial * 588 + i * 28 + final) for i, v in enumerate(_VOWELS)
                                       if _vowel_key(initial, v) == key) + "]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))
