"""korex_gazetteer: COMPANY and ORGANIZATION candidates from the bundled lexicons.

A match names its lexicon entry (``span._.korex_entry``), so that aliases of one company
(``현대차``, ``현대자동차``) later merge into one entity.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from korex import lexicons
from korex.components import candidates
from korex.extensions import doc_text
from korex.matching import TokenPhraseMatcher


def _is_short_latin(form: str) -> bool:
    return form.isascii() and len(form) <= 4


def _glued_to_noun(doc: Doc, span) -> bool:
    """A known name that is only the start of a longer word (삼성 in 삼성SNS) names the
    longer word, not itself; the longer one is left to the other finders."""
    after = span.end < len(doc) and not doc[span.end - 1].whitespace_ \
        and doc[span.end].tag_ in ("NNP", "NNG", "SL", "SN", "SH") and not _title_follows(doc, span.end)
    # KEB하나은행: a longer name ending in a known one (not 日소프트뱅크: one-letter hanja)
    before = span.start > 0 and not doc[span.start - 1].whitespace_ \
        and doc[span.start - 1].tag_ in ("NNP", "NNG", "SL") and len(doc[span.start - 1].text) >= 2
    return after or before


def _title_follows(doc: Doc, i: int) -> bool:
    """The rest of the word from token ``i`` is a job title (산업부|장관, 가나은행|부행장,
    가나은행|장): Korean glues a title to the body where it is held, and the body is still
    named."""
    j = i
    while j < len(doc) and doc[j].tag_[:1] not in ("J", "S"):
        j += 1
        if doc[j - 1].whitespace_:
            break
    title = doc[i:j].text
    if title == "장":
        return True  # 누리은행|장, 누리청|장: the head of the body
    if title not in lexicons.titles().all:
        return False
    # 신한|은행장: the title begins with the rest of a longer known name (신한은행); that
    # name is the body, and the short one is not matched
    k = i
    while k > 0 and not doc[k - 1].whitespace_ and not doc[k - 1].is_space:
        k -= 1
    name = doc[k:i].text  # the word up to the title, not the whole text before it
    return not any(lexicons.lookup(name + title[:k]) is not None for k in range(1, len(title)))


STOCK_CODE = re.compile(r"\s*\((?:[A-Z]{0,2}\d{6}|[A-Z]{1,5})\)")


def _named_as_a_firm(text: str, span, model_orgs: set) -> bool:
    """Context that a name which is also an ordinary word (대상, 경우) names the firm here: its
    stock code after it (``대상(001680)``), a company mark against it (``㈜대상``,
    ``대상(주)``), or the statistical model reading it as an organisation."""
    if (span.start, span.end) in model_orgs:
        return True
    after = text[span.end_char:span.end_char + 12]
    before = text[max(0, span.start_char - 4):span.start_char]
    return bool(STOCK_CODE.match(after)) or after.startswith(("(주)", "㈜")) or before.endswith(("㈜", "(주)", "주식회사 "))


def _spaced_form(doc: Doc, span):
    """``사우디 아람코`` for the listed ``사우디아람코``: the word before a match and the match,
    written apart, are one listed name."""
    if span.start == 0 or not doc[span.start - 1].whitespace_:
        return None
    before = doc[span.start - 1]
    entry = lexicons.lookup(before.text + span.text)
    if entry is None or before.tag_ not in ("NNP", "NNG", "SL"):
        return None
    return doc[span.start - 1:span.end], [(entry, before.text + span.text, False)]


class Gazetteer:
    def __reduce__(self):
        # the lexicons and matchers are rebuilt on first use; a pickle carries none of them
        return (type(self), (self.score,))

    def __init__(self, score: float = 0.9):
        self.score = score
        self._matcher = None

    @property
    def matcher(self) -> TokenPhraseMatcher:
        if self._matcher is None:
            phrases = []
            for entry in (*lexicons.companies(), *lexicons.organizations()):
                for form in (entry.name, *entry.aliases):
                    # one syllable is too ambiguous to match on its own; a name that is also an
                    # ordinary word (대상, 경우) is matched, and kept only with context
                    if len(form) >= 2:
                        ambiguous = entry.ambiguous or form in entry.ambiguous_aliases
                        phrases.append((form, (entry, form, ambiguous)))
                        if "㈜" in form:  # ㈜LG is written (주)LG as often
                            phrases.append((form.replace("㈜", "(주)"), (entry, form, ambiguous)))
            self._matcher = TokenPhraseMatcher(phrases)
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        model_orgs = {(e.start, e.end) for e in doc.ents if e.label_ == "OG"}
        for span, payloads in self.matcher(doc):
            if _glued_to_noun(doc, span):
                continue
            payloads = [p for p in payloads if not p[2] or _named_as_a_firm(text, span, model_orgs)]
            if not payloads:
                continue
            spaced = _spaced_form(doc, span)
            if spaced is not None:
                span, payloads = spaced
            for entry, form, _ in payloads:
                # short Latin forms (MS, LG, SK) only in their own case: "ms" is a unit
                if _is_short_latin(form) and span.text != form:
                    continue
                kind = "companies" if entry.type == "COMPANY" else "organizations"
                candidates.add(doc, span.start, span.end, entry.type, source="dictionary", score=self.score,
                               rule=f"{kind}.{entry.name}", entry=entry.name)
                break
        return doc


@Language.factory("korex_gazetteer", assigns=["doc.spans"], default_config={"score": 0.9})
def make_gazetteer(nlp: Language, name: str, score: float):
    return Gazetteer(score)
