"""Korean date and time expressions: a regex grammar over plain strings.

``find_dates`` returns every calendar expression with its ISO value resolved against a
reference date (the article's publication date); ``find_reference_date`` digs that date out
of an article's header lines. The word lists live in ``resources/dates.json``; the grammar
below is assembled from them, one named pattern per form, so that rule ids stay stable.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib.resources import files

from dateutil.relativedelta import relativedelta

from korex.matching import longest_char_matches

__all__ = ["DateMatch", "find_dates", "find_reference_date"]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str | None
    mod: str | None
    rule: str
    kind: str = "DATE"


LEX = json.loads(files("korex").joinpath("resources/dates.json").read_text("utf-8"))

# A bare day borrows its month from an explicit month-day at most this many sentences back.
ANCHOR_SENTENCES = 3


def _key(word: str) -> str:
    return re.sub(r"\s+", "", word)


def _table(name: str) -> dict:
    return {_key(k): v for k, v in LEX[name].items()}


REL_YEARS, STORY_YEARS = _table("relative_years"), _table("story_years")
REL_MONTHS, SEASONS, HALVES = _table("relative_months"), _table("seasons"), _table("halves")
YEAR_PARTS, MODS = _table("year_parts"), _table("mods")
DEICTIC = {_key(w) for w in LEX["deictic"]}

# ---------------------------------------------------------------- grammar pieces
SP = r"[^\S\n]?"  # one optional space; never across a line break


def _alt(words, suffix_ban: dict[str, list[str]] | None = None) -> str:
    """An alternation, longest first; spaces inside words are optional."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", SP)
        bans = (suffix_ban or {}).get(w)
        if bans:
            pat += "(?!" + "|".join(re.escape(b).replace(r"\ ", SP) for b in bans) + ")"
        out.append(pat)
    return "(?:" + "|".join(out) + ")"


def _mod_bans() -> dict[str, list[str]]:
    # "초과" (excess) or "중도" (midway) start with a mod word followed by a particle syllable.
    bans: dict[str, list[str]] = {}
    for ff in LEX["mod_false_friends"]:
        for w in LEX["mods"]:
            if ff.startswith(w) and len(ff) > len(w):
                bans.setdefault(w, []).append(ff[len(w):])
    return bans


# A form ending in a plain word ("말", "여름", "내달") must end the word there: a particle may
# follow, any other syllable means we are inside a longer word ("말레이시아", "내달리다").
WEND = rf"(?:(?![가-힣])|(?={_alt(LEX['particles'])}))"
# After a number+unit, an attached duration suffix ("30일간", "1990년생") is never a date ...
NEND = rf"(?!{_alt(LEX['duration_attached'])})"
# ... and after a day count, a duration word ("48일 동안", "10일 만에") makes it a span of days.
DEND = rf"{NEND}(?!{SP}{_alt(LEX['duration_words'])}{WEND})"

LB_WORD = r"(?<![가-힣])"
LB_NUM = r"(?<![\d.,])"
Y = rf"{LB_NUM}(?P<y>(?:1[89]|20)\d\d)년{NEND}"
M = rf"{LB_NUM}(?P<m>1[0-2]|0?[1-9])월{NEND}"
D = rf"{LB_NUM}(?P<d>3[01]|[12]\d|0?[1-9])일{DEND}"
MOD = rf"(?P<mod>{_alt(LEX['mods'], _mod_bans())}){WEND}"
RY = rf"(?P<ry>{_alt(list(LEX['relative_years']) + list(LEX['story_years']))})"
RM = rf"(?P<rm>{_alt(LEX['relative_months'])})"
PAST, NEXT = _alt(LEX["past_prefixes"]), _alt(LEX["future_prefixes"])
YEAR_PREFIX = rf"(?:(?:{Y}|{LB_WORD}{RY}){SP})?"
PREFIXED = rf"(?:(?:{Y}|{LB_WORD}{RY}){SP}|{LB_WORD})"  # "내년 ", "2014년 " or a word start
OPT_MOD = rf"(?:{SP}{MOD})?"
DOTS = "·ㆍ‧・･"  # the middle dots news sites use in "3·11"
DOT = f"[{DOTS}]"

# rule id -> (kind, pattern). Order breaks ties between equally long matches.
PATTERNS: dict[str, tuple[str, str]] = {
    "date.ymd": ("DATE", rf"{Y}{SP}{M}{SP}{D}"),
    "date.ymd_numeric": ("DATE", rf"{LB_NUM}(?P<y>(?:1[89]|20)\d\d)(?P<sep>[.\-/]){SP}(?P<m>1[0-2]|0?[1-9])"
                                 rf"(?P=sep){SP}(?P<d>3[01]|[12]\d|0?[1-9])(?![\d]|\.\d)"),
    "date.ym": ("DATE", rf"{Y}{SP}{M}{OPT_MOD}"),
    "date.year": ("DATE", rf"{Y}{OPT_MOD}"),
    "date.decade": ("DATE", rf"{LB_NUM}(?P<dec>(?:1[89]|20)\d)0년대{OPT_MOD}"),
    "date.past_md": ("DATE", rf"{LB_WORD}{PAST}{SP}{M}{SP}{D}"),
    "date.past_month": ("DATE", rf"{LB_WORD}{PAST}{SP}{M}{OPT_MOD}"),
    "date.past_day": ("DATE", rf"{LB_WORD}{PAST}{SP}{D}"),
    "date.next_md": ("DATE", rf"{LB_WORD}{NEXT}{SP}{M}{SP}{D}"),
    "date.next_month": ("DATE", rf"{LB_WORD}{NEXT}{SP}{M}{OPT_MOD}"),
    "date.next_day": ("DATE", rf"{LB_WORD}{NEXT}{SP}{D}"),
    "date.relative_year_md": ("DATE", rf"{LB_WORD}{RY}{SP}{M}{SP}{D}"),
    "date.relative_year_month": ("DATE", rf"{LB_WORD}{RY}{SP}{M}{OPT_MOD}"),
    # "올" alone is no date ("올 들어"), so it must carry a mod ("올 초").
    "date.relative_year": ("DATE", rf"{LB_WORD}{RY}(?:{SP}{MOD}|(?<!올){WEND})"),
    "date.relative_month_day": ("DATE", rf"{LB_WORD}{RM}{SP}{D}"),
    "date.relative_month": ("DATE", rf"{LB_WORD}{RM}(?:{SP}{MOD}|{WEND})"),
    "date.year_part": ("DATE", rf"{LB_WORD}(?:{RY}{SP})?(?P<yp>{_alt(LEX['year_parts'])}){WEND}"),
    "date.quarter": ("DATE", rf"{YEAR_PREFIX}{LB_NUM}(?P<q>[1-4])(?:{SP}[{DOTS}/]{SP}4)?{SP}분기"
                             rf"(?:{SP}{MOD}|{WEND})"),
    "date.half": ("DATE", rf"{PREFIXED}(?P<h>{_alt(LEX['halves'])})(?:{SP}{MOD}|{WEND})"),
    "date.season": ("DATE", rf"{PREFIXED}(?P<season>{_alt(LEX['seasons'])}){WEND}"),
    "date.md": ("DATE", rf"{M}{SP}{D}"),
    "date.month": ("DATE", rf"{M}{OPT_MOD}"),
    "date.day": ("DATE", D),
    # Event names like "3·11" or "5·18"; "1·2위", "3·4월" are lists of numbers, not dates.
    "date.event_md": ("DATE", rf"(?<![\d.,제]|{DOT})(?P<m>1[0-2]|[1-9]){SP}{DOT}{SP}(?P<d>3[01]|[12]\d|[1-9])"
                              rf"(?![\d.,]|{SP}{DOT})(?!{_alt(LEX['event_counters'])})"),
    "time.clock": ("TIME", rf"(?:{LB_WORD}(?P<ampm>오전|오후|새벽|아침|낮|저녁|밤){SP})?{LB_NUM}"
                           rf"(?P<hh>2[0-4]|1\d|0?\d)시(?:{SP}(?P<mm>[0-5]?\d)분|{SP}(?P<half>반))?{WEND}"),
    "time.hhmm": ("TIME", r"(?<![\d:.])(?P<hh>2[0-3]|[01]?\d):(?P<mm>[0-5]\d)(?![\d:])"),
}
_COMPILED = [(rule, kind, re.compile(p)) for rule, (kind, p) in PATTERNS.items()]


# ---------------------------------------------------------------- resolution
def _x(v: int | None, width: int) -> str:
    """Digits of a value, or X's where it is open or off the calendar (a year past 9999)."""
    if v is None or v < 1 or len(str(v)) > width:
        return "X" * width
    return f"{v:0{width}d}"


def _iso(y: int | None, m: int | None = None, d: int | None = None, *, month_open: bool = False) -> str:
    s = _x(y, 4)
    if m is not None or month_open:
        s += "-" + _x(m, 2)
    if d is not None:
        s += "-" + _x(d, 2)
    return s


def _walk_to_day(ref: dt.date, day: int, step: int) -> dt.date:
    """The nearest date with this day-of-month on or before (step -1) / after (+1) ref."""
    first = ref.replace(day=1)
    if (step < 0 and day > ref.day) or (step > 0 and day < ref.day):
        first += relativedelta(months=step)
    while day > calendar.monthrange(first.year, first.month)[1]:
        first += relativedelta(months=step)
    return first.replace(day=day)


_PAST_NEXT = {"past_md", "next_md", "past_month", "next_month", "past_day", "next_day", "event_md"}
# Forms that fix a month and a day and so set the story month for later bare days.
_ANCHORS = {"ymd", "ymd_numeric", "md", "relative_year_md", "relative_month_day", "past_md", "next_md"}


_STORY_STEP = re.compile(r"(하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|\d+\s*일|일주일)\s*(뒤|후|전|만)(인|에|의)?\s*$")


class _Resolver:
    """Resolves matches in text order; it carries the story's month and year forward."""

    def __init__(self, text: str, ref: dt.date | None):
        self.ref = ref
        self.text = text
        self.sent_starts = [0] + [m.end() for m in re.finditer(r"[.!?。](?=\s)|\n", text)]
        self.anchor: tuple[str, int] | None = None  # ("YYYY-MM", sentence) of the last month-day
        self.story_year: int | None = None

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def __call__(self, rule: str, g: dict, pos: int) -> tuple[str | None, str | None]:
        kind, _, form = rule.partition(".")
        if kind == "time":
            return _clock(g), None
        mod = MODS.get(g.get("mod")) or YEAR_PARTS.get(g.get("yp"))
        try:
            value, year = self._value(form, g, pos)
        except (ValueError, OverflowError):
            # the reference date's neighbour is off the calendar (다음달 of 9999-12-31): the
            # expression stays as open as it would be without a reference date
            ref, self.ref = self.ref, None
            try:
                value, year = self._value(form, g, pos)
            finally:
                self.ref = ref
        if year is not None and not 1 <= year <= 9999:
            year = None
        if year is not None and (g.get("y") or g.get("ry")):
            self.story_year = year
        if form in _ANCHORS:
            self.anchor = (value[:7], self.sentence(pos))
        return value, mod

    def year(self, g: dict) -> int | None:
        ref_year = self.ref.year if self.ref else None
        if g.get("y"):
            return int(g["y"])
        word = _key(g["ry"]) if g.get("ry") else None
        if word in STORY_YEARS:
            base = self.story_year if self.story_year is not None else ref_year
            return None if base is None else base + STORY_YEARS[word]
        if word in REL_YEARS:
            return None if ref_year is None else ref_year + REL_YEARS[word]
        return ref_year

    def _value(self, form: str, g: dict, pos: int) -> tuple[str, int | None]:
        ref = self.ref
        m = int(g["m"]) if g.get("m") else None
        d = int(g["d"]) if g.get("d") else None
        if form == "decade":
            return g["dec"] + "X", None
        if form == "day":
            near = self.anchor and self.sentence(pos) - self.anchor[1] <= ANCHOR_SENTENCES
            # "이틀 뒤인 14일": a day counted from the story's last date keeps its month
            counted = self.anchor and _STORY_STEP.search(self.text[max(0, pos - 12):pos])
            if near or counted:
                return f"{self.anchor[0]}-{d:02d}", None
            return _iso(ref and ref.year, ref and ref.month, d, month_open=True), None
        if form in _PAST_NEXT:
            step = 1 if form.startswith("next") else -1
            if ref is None:
                return _iso(None, m, d, month_open=True), None
            if m is None:
                hit = _walk_to_day(ref, d, step)
                return _iso(hit.year, hit.month, d), hit.year
            here, now = (m, d or 0), (ref.month, ref.day if d else 0)
            ahead = (here > now) - (here < now)  # -1, 0, +1: before, at, after the reference
            y = ref.year if ahead in (0, step) else ref.year + step
            return _iso(y, m, d), y
        if form in ("relative_month", "relative_month_day"):
            if ref is None:
                return _iso(None, None, d, month_open=True), None
            t = ref + relativedelta(months=REL_MONTHS[_key(g["rm"])])
            return _iso(t.year, t.month, d), t.year
        y = self.year(g)
        if form in ("ymd", "ymd_numeric", "md", "relative_year_md", "ym", "month", "relative_year_month"):
            return _iso(y, m, d), y
        if form == "quarter":
            return f"{_x(y, 4)}-Q{g['q']}", y
        if form == "half":
            return f"{_x(y, 4)}-{HALVES[_key(g['h'])]}", y
        if form == "season":
            return f"{_x(y, 4)}-{SEASONS[g['season']]}", y
        return _x(y, 4), y  # year, relative_year, year_part


def _clock(g: dict) -> str:
    hh = int(g["hh"])
    if g.get("ampm") in ("오후", "저녁", "밤") and hh < 12:
        hh += 12
    mm = 30 if g.get("half") else int(g.get("mm") or 0)
    return f"T{hh:02d}:{mm:02d}"


# ---------------------------------------------------------------- public API
def find_dates(text: str, reference_date: dt.date | None = None) -> list[DateMatch]:
    """Date (and clock-time) expressions in ``text``, sorted, non-overlapping, longest first."""
    cands = []
    for prio, (rule, kind, rx) in enumerate(_COMPILED):
        for m in rx.finditer(text):
            if _key(m.group()) not in DEICTIC:
                cands.append((m.start(), m.end(), prio, rule, kind, m))
    taken = longest_char_matches(cands)
    resolve = _Resolver(text, reference_date)
    out = []
    for start, end, _, rule, kind, m in taken:
        value, mod = resolve(rule, m.groupdict(), start)
        out.append(DateMatch(start, end, text[start:end], value, mod, rule, kind))
    return out


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_reference_date(value) -> dt.date | None:
    """The reference date a caller gave: ``YYYY-MM-DD`` (or a ``date``/``datetime``), None for
    none; ``ValueError`` naming the value otherwise. The library and the command line both
    read it here."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # fromisoformat alone would also take "20140923" and datetimes: the contract is a plain day
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"reference_date must be YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"reference_date is not a calendar day: {value!r}") from None


_REF_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?[.\-/년]\s?(\d{1,2})\s?[.\-/월]\s?(\d{1,2})(?!\d)")
_REF_CUE = re.compile(r"입력|등록|작성|송고|게재|발행|승인|수정|기사|posted|updated|published|\d{1,2}:\d\d", re.I)


def find_dateline(text: str, max_lines: int = 5) -> tuple[dt.date, int, int] | None:
    """The publication date from a header line near the top, with the line's character
    span: a line that holds little besides dates, times and words like 입력/수정, never a
    date inside a running sentence."""
    pos = 0
    for line in text.splitlines(keepends=True)[:max_lines]:
        start, pos = pos, pos + len(line)
        if not _REF_DATE.search(line):
            continue
        # a story sentence that happens to carry a date ("계약 만료일인 2021년 6월 30일")
        # holds more than a header line does
        rest = _REF_CUE.sub("", _REF_DATE.sub("", line))
        rest = re.sub(r"[\s\W\d]|기자|오전|오후|by", "", rest, flags=re.I)
        if len(rest) > 12:
            continue
        for m in _REF_DATE.finditer(line):
            try:
                return dt.date(*map(int, m.groups())), start, start + len(line.rstrip("\r\n"))
            except ValueError:
                continue
    return None


def find_reference_date(text: str, max_lines: int = 5) -> dt.date | None:
    """The publication date from the article's dateline (see :func:`find_dateline`)."""
    found = find_dateline(text, max_lines)
    return found[0] if found else None
