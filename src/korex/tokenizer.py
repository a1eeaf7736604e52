"""A spaCy tokenizer built on Kiwi morphemes.

Tokens are cut from Kiwi's character offsets on the original string, never from its
morpheme forms: forms are normalised (``했다`` → ``하/었/다``; with Kiwi's multi-word
dictionary ``NTT도코모`` comes back as the form ``NTT 도코모``) and would not reproduce the
input. Morphemes whose surfaces overlap (``했`` carries both
``하`` and ``었``) become one token, and any character Kiwi skipped becomes a token of its
own, so ``doc.text == text`` for every input.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from korex.extensions import TEXT

# Kiwi analyses one string at a time; very long lines are cut at whitespace near this many
# characters so that analysis time and memory stay linear.
MAX_CHUNK = 20_000
_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _load_kiwi():
    """One Kiwi per process, shared by the tokenizers and :func:`word_alone`."""
    try:
        from kiwipiepy import Kiwi
    except ImportError as err:  # pragma: no cover - kiwipiepy is a hard dependency
        raise ImportError("korex needs kiwipiepy: pip install kiwipiepy") from err
    # The multi-word dictionary makes single tokens of titles with spaces inside
    # ("응답하라 1994"), which hides the names within them; without it more entity
    # boundaries fall on token boundaries (97.9% vs 97.6% on KLUE-NER dev).
    return Kiwi(load_multi_dict=False)


UNKNOWN = "Unknown=Yes"


@cache
def unknown_noun_ids() -> frozenset:
    """Kiwi's ids for a noun its dictionary does not hold (the placeholder morphemes of the
    noun tags, which have no form of their own)."""
    kiwi = _load_kiwi()
    out = set()
    for i in range(64):
        try:
            m = kiwi.morpheme(i)
        except Exception:  # past the placeholders
            break
        if m.form == "" and m.tag in ("NNG", "NNP"):
            out.add(i)
    return frozenset(out)


def is_unknown(token) -> bool:
    """Kiwi read this token as a noun its dictionary does not hold."""
    return token.morph.get("Unknown") == ["Yes"]


def known_word(text: str) -> bool:
    """Kiwi reads ``text`` alone as one word of its dictionary (대상, 진로), not as an unknown
    noun (파인펄스) or as several pieces."""
    tokens = _load_kiwi().tokenize(text)
    return len(tokens) == 1 and tokens[0].id not in unknown_noun_ids()


def reset_kiwi() -> None:
    """Forget the process's Kiwi (a forked worker must not use its parent's: Kiwi's threads
    do not survive a fork)."""
    _load_kiwi.cache_clear()
    word_alone.cache_clear()
    unknown_noun_ids.cache_clear()


@lru_cache(maxsize=4096)
def word_alone(text: str) -> tuple[tuple[str, str], ...]:
    """Kiwi's (form, tag) analysis of one word out of context: whether Kiwi knows it as a
    word of its own, or builds it from known morphemes (신사업: 신|XPN 사업|NNG)."""
    return tuple((t.form, t.tag) for t in _load_kiwi().tokenize(text))


class KiwiTokenizer:
    """Callable tokenizer: ``KiwiTokenizer(vocab)(text) -> Doc``.

    Sets ``token.tag_`` to Kiwi's POS tag (``VV+EP`` for merged morphemes), ``token.lemma_``
    to the morpheme form(s) and ``token.is_sent_start`` from Kiwi's sentence splitter.
    Kiwi itself is created on first use and dropped on pickling: it cannot be pickled.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._kiwi = None

    @property
    def kiwi(self):
        if self._kiwi is None:
            self._kiwi = _load_kiwi()
        return self._kiwi

    def __reduce__(self):
        return (type(self), (self.vocab,))

    def __call__(self, text: str) -> Doc:
        return self._make_doc(text, self._analyse(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # spaCy calls these when saving and loading a pipeline; the tokenizer has no state.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "KiwiTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "KiwiTokenizer":
        return self

    def _analyse(self, text: str) -> list[tuple[int, int, str, str, bool, int]]:
        """Morphemes as (start, end, tag, form, starts_sentence, kiwi_id), offsets into ``text``."""
        out: list[tuple[int, int, str, str, bool, int]] = []
        bad = _SURROGATE.search(text)
        if bad:
            # a JSON "\ud800" escape makes one; neither Kiwi nor spaCy can encode it
            raise ValueError(f"text has a lone surrogate U+{ord(bad.group()):04X} at offset {bad.start()}: "
                             "not valid Unicode text")
        for offset, chunk in _chunks(text):
            if not chunk.strip():
                continue
            for sentence in self.kiwi.tokenize(chunk, split_sents=True):
                first = True
                for m in sentence:
                    if m.len <= 0:
                        continue
                    out.append((offset + m.start, offset + m.start + m.len, m.tag, m.form, first, m.id))
                    first = False
        return out

    def _make_doc(self, text: str, morphemes) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        lemmas: list[str] = []
        sent_starts: list[bool] = []
        pos = 0  # end of the text covered so far

        def add_gap(gap: str) -> None:
            # Text Kiwi did not cover: whitespace becomes trailing space or space tokens,
            # anything else a token of its own.
            i = 0
            while i < len(gap):
                j = i
                is_ws = gap[i].isspace()
                while j < len(gap) and gap[j].isspace() == is_ws:
                    j += 1
                run = gap[i:j]
                if is_ws:
                    if words and not spaces[-1] and run[0] == " ":
                        spaces[-1] = True
                        run = run[1:]
                    if run:
                        words.append(run)
                        spaces.append(False)
                        tags.append("_SP")
                        lemmas.append(run)
                        sent_starts.append(False)
                else:
                    words.append(run)
                    spaces.append(False)
                    tags.append("SW")
                    lemmas.append(run)
                    sent_starts.append(False)
                i = j

        unknown_ids = unknown_noun_ids()
        unknown: list[int] = []
        for group, group_end in overlapping_groups(morphemes):
            start = group[0][0]
            if start < pos:  # overlaps an earlier group (never seen; be safe)
                start = pos
            if start > pos:
                add_gap(text[pos:start])
            if group_end > start:
                words.append(text[start:group_end])
                spaces.append(False)
                tags.append("+".join(g[2] for g in group))
                lemmas.append("+".join(g[3] for g in group))
                sent_starts.append(group[0][4])
                if len(group) == 1 and group[0][5] in unknown_ids:
                    unknown.append(len(words) - 1)
                pos = group_end
        if pos < len(text):
            add_gap(text[pos:])

        if sent_starts:
            sent_starts[0] = True
            _cap_sentences(sent_starts, spaces, tags)
        # one constructor call: setting is_sent_start token by token rescans the Doc each
        # time, which made long texts quadratic
        morphs = None
        if unknown:
            # a noun Kiwi's dictionary does not know (an unknown name: 파인펄스, 가온칩스) says so
            morphs = [""] * len(words)
            for i in unknown:
                morphs[i] = UNKNOWN
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, sent_starts=sent_starts,
                  morphs=morphs)
        doc.user_data[TEXT] = text  # doc.text == text; kept so that no component joins the tokens again
        return doc


def overlapping_groups(morphemes: list) -> Iterator[tuple[list, int]]:
    """The morphemes (``(start, end, …)``, in order) that share characters, grouped, with the
    end of each group: ``했`` is ``하`` and ``었``, one token."""
    group: list = []
    group_end = 0
    for m in morphemes:
        if group and m[0] < group_end:
            group.append(m)
            group_end = max(group_end, m[1])
            continue
        if group:
            yield group, group_end
        group, group_end = [m], m[1]
    if group:
        yield group, group_end


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split text into pieces of about MAX_CHUNK characters, at line breaks or spaces."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + MAX_CHUNK)
        if end < n:
            cut = text.rfind("\n", start + MAX_CHUNK // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + MAX_CHUNK // 2, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


@registry.tokenizers("korex.KiwiTokenizer.v1")
def create_kiwi_tokenizer():
    def make(nlp):
        return KiwiTokenizer(nlp.vocab)

    return make


# A sentence of the corpus written for korex has at most 158 tokens (99.9% have at most 100,
# corpus/ drafts, 21,547 sentences); text Kiwi cannot split (a table, a list of names, noise)
# can make one "sentence" of thousands. Every per-sentence step (argument scans, deal
# proposals, the relation model's pairs) costs more than linear time in a sentence's length,
# so longer runs are cut here, at a space where one is near.
MAX_SENTENCE_TOKENS = 160


def _cap_sentences(sent_starts: list[bool], spaces: list[bool], tags: list[str],
                   limit: int = MAX_SENTENCE_TOKENS) -> None:
    """Start a new sentence in any run longer than ``limit`` tokens: at the last token after
    a space in the run's final quarter, else at the limit itself."""
    last = 0
    for i in range(1, len(sent_starts)):
        if sent_starts[i]:
            last = i
        elif i - last >= limit:
            cut = next((j for j in range(i, i - limit // 4, -1)
                        if spaces[j - 1] or tags[j - 1] == "_SP"), i)
            sent_starts[cut] = True
            last = cut
