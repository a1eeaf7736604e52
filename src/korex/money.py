"""Money amounts in Korean and English news text: "1조2000억원", "3억 달러", "$3 billion".

Currency words, symbols and number units live in ``resources/currencies.json``. Values are
computed with Decimal, with as many digits as the text has, so that "1.1억" is exactly
110000000 and a run of 300 nines before 원 is exactly that number: a whole amount is handed out
as an int of any size, a fraction as a float where the float is the decimal written (at most
15 significant digits: "3.25달러"), else the value stays unknown (None) rather than inexact.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from importlib.resources import files

from korex.matching import longest_char_matches

__all__ = ["MoneyMatch", "find_money"]


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    text: str
    value: int | float | None
    currency: str | None
    rule: str


LEX = json.loads(files("korex").joinpath("resources/currencies.json").read_text("utf-8"))
BIG = {k: Decimal(v) for k, v in LEX["korean_units"].items()}
SMALL = {k: Decimal(v) for k, v in LEX["korean_small_units"].items()}
SCALES = {k.lower(): Decimal(v) for k, v in LEX["english_scales"].items()}

SP = r"[^\S\n]?"


def _norm(word: str) -> str:
    return re.sub(r"\s+", "", word)


def _alt(words, bans: list[str] = ()) -> str:
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", SP)
        tails = [b[len(w):] for b in bans if b.startswith(w) and len(b) > len(w)]
        if tails:  # "원전" (a nuclear plant) is no won
            pat += "(?!" + "|".join(map(re.escape, tails)) + ")"
        if w[-1].isascii() and w[-1].isalpha():
            pat += "(?![A-Za-z])"
        out.append(pat)
    return "(?:" + "|".join(out) + ")"


KO_CUR = {_norm(k): v for k, v in LEX["korean"].items()}
EN_CUR = {k.lower(): v for k, v in LEX["english"].items()}
SYMBOLS = LEX["symbols"]

NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_small = "[" + "".join(SMALL) + "]"
_big = "[" + "".join(BIG) + "]"
SECTION = rf"{NUM}(?:{_small}(?:\d+{_small}?)?)?"  # "3", "3천", "3천5백", "3천500"
# Sections joined by big units in falling order: "1조2000억", "2조 3천억", "1억2천만".
KAMOUNT = rf"(?P<amt>{SECTION}(?:{SP}{_big}(?:{SP}{SECTION}{SP}{_big})*(?:{SP}{SECTION})?)?)"
EAMOUNT = rf"(?P<num>{NUM})(?:{SP}(?P<scale>(?i:{_alt(SCALES)})))?"

PATTERNS = {
    "money.korean": rf"{KAMOUNT}{SP}(?P<cur>{_alt(LEX['korean'], LEX['false_friends'])})",
    # "수천억원": an amount no number fixes; the value stays open.
    "money.vague": rf"(?<![가-힣])(?P<vague>{_alt(LEX['vague_numbers'])}){_big}{SP}"
                   rf"(?P<cur>{_alt(LEX['korean'], LEX['false_friends'])})",
    "money.symbol": rf"(?<![A-Za-z])(?P<sym>{_alt(SYMBOLS)}){SP}{EAMOUNT}",
    "money.english": rf"{EAMOUNT}{SP}(?P<cur>(?i:{_alt(EN_CUR)}))",
}
_COMPILED = [(rule, re.compile(p)) for rule, p in PATTERNS.items()]


def korean_number(amount: str) -> Decimal:
    """Value of a numeral with Korean units: "1조2000억" -> 1200000000000."""
    total = section = Decimal(0)
    num: Decimal | None = None
    for tok in re.findall(r"\d[\d,]*(?:\.\d+)?|\D", amount):
        if tok[0].isdigit():
            num = Decimal(tok.replace(",", ""))
        elif tok in SMALL:
            section += (1 if num is None else num) * SMALL[tok]
            num = None
        elif tok in BIG:
            total += ((section + (num or 0)) or 1) * BIG[tok]
            section, num = Decimal(0), None
    return total + section + (num or 0)


def exact_value(d: Decimal) -> int | float | None:
    """A Decimal as JSON can carry it exactly: an int when whole, a float when the float is
    the same decimal, else None."""
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else None


def _resolve(rule: str, g: dict) -> tuple[int | float | None, str | None]:
    if rule == "money.vague":
        return None, KO_CUR[_norm(g["cur"])]
    # enough digits that no sum or product of the text's numbers is rounded
    with localcontext() as ctx:
        ctx.prec = max(28, 2 * sum(len(v) for v in g.values() if isinstance(v, str)) + 40)
        if rule == "money.korean":
            return exact_value(korean_number(g["amt"])), KO_CUR[_norm(g["cur"])]
        scale = SCALES[g["scale"].lower()] if g.get("scale") else 1
        value = exact_value(Decimal(g["num"].replace(",", "")) * scale)
    return value, (SYMBOLS[g["sym"]] if rule == "money.symbol" else EN_CUR[g["cur"].lower()])


def find_money(text: str) -> list[MoneyMatch]:
    """Money amounts with a stated currency, sorted, non-overlapping, longest first.
    A hedge before the number ("약 4,500억원") is left out of the span."""
    cands = [(m.start(), m.end(), prio, rule, m)
             for prio, (rule, rx) in enumerate(_COMPILED) for m in rx.finditer(text)]
    out = []
    for start, end, _, rule, m in longest_char_matches(cands):
        value, currency = _resolve(rule, m.groupdict())
        out.append(MoneyMatch(start, end, text[start:end], value, currency, rule))
    return out
