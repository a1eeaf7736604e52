"""The bundled word lists (``korex/resources``): companies, organizations, titles, name
suffixes and surnames, loaded once and shared.

Everything returned is immutable (tuples, frozensets, read-only mappings) because the
loaders are cached: a caller that changed a list would change it for every other caller.
Files are read through ``importlib.resources`` so that the lists load the same way from a
wheel, a zip or an editable checkout. See ``resources/README.md`` for what each file holds
and where it came from.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Iterator, Literal, Mapping, Optional

__all__ = [
    "LexEntry",
    "Titles",
    "OrgSuffixes",
    "companies",
    "organizations",
    "titles",
    "org_suffixes",
    "surnames",
    "surname_variants",
    "name_index",
    "lookup",
    "normalize",
    "sources",
    "words",
]

EntryType = Literal["COMPANY", "ORGANIZATION"]


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One company or organization of the lexicon.

    ``ambiguous`` marks a name that is also an ordinary word or another referent (대상,
    비자, 경기도); ``ambiguous_aliases`` does the same for single aliases (산은, 예보). A
    dictionary matcher should ask for context before accepting those.
    """

    name: str
    aliases: tuple[str, ...]
    type: EntryType
    kind: Optional[str]
    country: Optional[str]
    market: Optional[str] = None
    group: Optional[str] = None
    ambiguous: bool = False
    ambiguous_aliases: tuple[str, ...] = ()
    note: Optional[str] = None
    successor: Optional[str] = None  # set on a former name's own entry: who it became

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Titles:
    """Job titles as Korean news writes them.

    ``all`` is the union of the four categories; a few titles (의장, 실장, 차장) sit in two
    categories on purpose, so ``category`` answers with the first of corporate, government,
    other, executive_abbrev that holds the title.
    """

    all: frozenset[str]
    corporate: tuple[str, ...]
    government: tuple[str, ...]
    other: tuple[str, ...]
    executive_abbrev: tuple[str, ...]
    executive_abbrev_meaning: Mapping[str, str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    department_suffixes: tuple[str, ...]
    source: str
    byline: frozenset[str] = frozenset()  # titles of the article's writers (기자, 특파원)
    # words that tie a person to a body without a title: 소속사 (agency), 소속 (member of)
    membership: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def category(self, title: str) -> Optional[str]:
        for name in ("corporate", "government", "other", "executive_abbrev"):
            if title in getattr(self, name):
                return name
        return None


@dataclass(frozen=True, slots=True)
class OrgSuffixes:
    """Name endings that make a noun run a company or an organization.

    ``ambiguous`` maps an ending to a note on why it cannot decide alone (원 is also the
    currency, 공사 also construction work); both lists may hold such endings.
    """

    company: tuple[str, ...]
    organization: tuple[str, ...]
    company_prefix_marks: tuple[str, ...]
    foreign_company_suffixes: tuple[str, ...]
    ambiguous: Mapping[str, str]
    source: str
    not_alone: tuple[str, ...] = ()  # endings that also end facilities and slogans
    descriptors: tuple[str, ...] = ()  # kinds of firm written before a name (업체 코미노)


def normalize(text: str) -> str:
    """The key form used by ``name_index``: NFKC (so ㈜ and (주), full-width and half-width
    letters meet) with runs of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _read_text(filename: str) -> str:
    return (files("korex") / "resources" / filename).read_text(encoding="utf-8")


def _read_json(filename: str) -> dict[str, Any]:
    return json.loads(_read_text(filename))


def _jsonl_records(filename: str) -> Iterator[dict[str, Any]]:
    for lineno, line in enumerate(_read_text(filename).splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{filename}:{lineno}: {exc}") from exc


@cache
def _jsonl(filename: str) -> tuple[Mapping[str, Any], tuple[Mapping[str, Any], ...]]:
    """(provenance header, entries) of a JSONL lexicon; the header is the record that has
    ``_source`` and no ``name``."""
    header: dict[str, Any] = {}
    rows = []
    for rec in _jsonl_records(filename):
        if "name" not in rec and "_source" in rec:
            header.update(rec)
        else:
            rows.append(MappingProxyType(rec))
    return MappingProxyType(header), tuple(rows)


def _entry(rec: Mapping[str, Any], type_: EntryType) -> LexEntry:
    return LexEntry(
        name=rec["name"],
        aliases=tuple(rec.get("aliases") or ()),
        type=type_,
        kind=rec.get("kind"),
        country=rec.get("country"),
        market=rec.get("market"),
        group=rec.get("group"),
        ambiguous=bool(rec.get("ambiguous", False)),
        ambiguous_aliases=tuple(rec.get("ambiguous_aliases") or ()),
        note=rec.get("note"),
    )


def _former_entries(rec: Mapping[str, Any], type_: EntryType) -> Iterator[LexEntry]:
    """One entry per former name (``former`` field), each a company of its own.

    A former name names the firm as it was when the story happened, and business news
    tells exactly those stories: 현대증권 bought by KB금융, CJ오쇼핑 merging with CJ E&M
    into CJ ENM. Were 현대증권 an alias of KB증권, buyer and target, or both sides of a
    merger, would collapse into one entity."""
    for former in rec.get("former") or ():
        yield LexEntry(
            name=former,
            aliases=(),
            type=type_,
            kind=rec.get("kind"),
            country=rec.get("country"),
            market=None,
            group=rec.get("group"),
            note=f"former name; now {rec['name']}",
            successor=rec["name"],
        )


# the hand-written lists, then those built from public data (scripts/build_lexicons.py), which
# leave out every name the hand-written ones hold
COMPANY_FILES = ("companies.jsonl", "companies_public.jsonl")
ORGANIZATION_FILES = ("organizations.jsonl", "organizations_public.jsonl")


@cache
def _companies() -> tuple[LexEntry, ...]:
    out: list[LexEntry] = []
    for name in COMPANY_FILES:
        for rec in _jsonl(name)[1]:
            out.append(_entry(rec, "COMPANY"))
            out.extend(_former_entries(rec, "COMPANY"))
    return tuple(out)


@cache
def _organizations() -> tuple[LexEntry, ...]:
    return tuple(_entry(r, "ORGANIZATION") for name in ORGANIZATION_FILES for r in _jsonl(name)[1])


def companies() -> list[LexEntry]:
    """Korean and foreign companies, business groups, public corporations and news outlets.

    A new list each call (the entries themselves are shared and frozen)."""
    return list(_companies())


def organizations() -> list[LexEntry]:
    """Government bodies, agencies, courts, legislatures, parties, universities, institutes,
    associations and international bodies."""
    return list(_organizations())


@cache
def titles() -> Titles:
    data = _read_json("titles.json")
    cats = {k: tuple(data[k]) for k in ("corporate", "government", "other", "executive_abbrev")}
    return Titles(
        all=frozenset(t for ts in cats.values() for t in ts),
        executive_abbrev_meaning=MappingProxyType(dict(data.get("executive_abbrev_meaning", {}))),
        prefixes=tuple(data["prefixes"]),
        suffixes=tuple(data.get("suffixes", ())),
        department_suffixes=tuple(data["department_suffixes"]),
        source=data["_source"],
        byline=frozenset(data.get("byline", ())),
        membership=MappingProxyType({k: tuple(v) for k, v in data.get("membership", {}).items()}),
        **cats,
    )


@cache
def org_suffixes() -> OrgSuffixes:
    data = _read_json("org_suffixes.json")
    return OrgSuffixes(
        company=tuple(data["company"]),
        organization=tuple(data["organization"]),
        company_prefix_marks=tuple(data["company_prefix_marks"]),
        foreign_company_suffixes=tuple(data["foreign_company_suffixes"]),
        ambiguous=MappingProxyType(dict(data.get("ambiguous", {}))),
        source=data["_source"],
        not_alone=tuple(data.get("not_alone", ())),
        descriptors=tuple(data.get("company_descriptors", ())),
    )


@cache
def surnames() -> tuple[str, ...]:
    """Korean surnames, most frequent first, two-syllable ones (남궁, 황보) included."""
    return tuple(_read_json("surnames.json")["surnames"])


@cache
def surname_variants() -> Mapping[str, str]:
    """Spellings without the initial-sound law (리, 림, 로 ...) mapped to the usual one."""
    return MappingProxyType(dict(_read_json("surnames.json").get("spelling_variants", {})))


@cache
def name_index() -> Mapping[str, LexEntry]:
    """Every name and alias of companies and organizations, ``normalize``d, to its entry.

    Raises ``ValueError`` if two entries claim one key: a lookup must never depend on file
    order. Read-only because it is shared.
    """
    index: dict[str, LexEntry] = {}
    for entry in (*_companies(), *_organizations()):
        for form in entry.forms:
            key = normalize(form)
            other = index.get(key)
            if other is not None and other is not entry:
                raise ValueError(
                    f"lexicon key {key!r} belongs to both {other.name!r} and {entry.name!r}"
                )
            index[key] = entry
    return MappingProxyType(index)


def lookup(surface: str) -> Optional[LexEntry]:
    """The entry whose name or alias is ``surface`` (after ``normalize``), else None."""
    return name_index().get(normalize(surface))


@cache
def sources() -> Mapping[str, str]:
    """Each resource file's ``_source`` provenance text, by file name."""
    out = {name: _jsonl(name)[0].get("_source", "") for name in COMPANY_FILES + ORGANIZATION_FILES}
    for name in ("titles.json", "org_suffixes.json", "surnames.json"):
        out[name] = _read_json(name).get("_source", "")
    return MappingProxyType(out)


@cache
def non_names() -> frozenset[str]:
    """Words that stand before a title the way a name does (신임 사장) but are no name."""
    return frozenset(_read_json("non_names.json")["words"])


@cache
def locations() -> frozenset[str]:
    """Names of countries, regions and cities, as Korean news writes them."""
    data = _read_json("locations.json")
    return frozenset(n for key, names in data.items() if not key.startswith("_") for n in names)


@cache
def given_name_syllables() -> frozenset[str]:
    """Syllables of Korean given names: what tells 이재용 from 나델라."""
    return frozenset(_read_json("surnames.json")["given_name_syllables"])


@cache
def acronyms() -> frozenset[str]:
    """Latin acronyms that are no company name (AI, 5G, MOU)."""
    return frozenset(_read_json("non_names.json")["acronyms"])


@cache
def document_endings() -> tuple[str, ...]:
    """Endings of names of agreements, laws and standards (…협정, …법, …기준)."""
    return tuple(_read_json("non_names.json").get("document_endings", ()))


@cache
def countries() -> frozenset[str]:
    """Names of countries (a subset of :func:`locations`)."""
    return frozenset(_read_json("locations.json")["countries"])


@cache
def words(section: str) -> Mapping[str, tuple]:
    """The word lists one component's grammar reads (``resources/words.json``): each list a
    tuple (pairs as tuples), read-only."""
    data = _read_json("words.json")[section]

    def frozen(v):
        return tuple(tuple(x) if isinstance(x, list) else x for x in v)

    return MappingProxyType({k: frozen(v) for k, v in data.items() if not k.startswith("_")})


@cache
def org_endings() -> tuple[tuple[str, str], ...]:
    """(ending, COMPANY or ORGANIZATION), longest first: the longest ending decides
    (금융지주 before 지주, 대학교 before 대학)."""
    s = org_suffixes()
    table = [(x, "COMPANY") for x in s.company] + [(x, "ORGANIZATION") for x in s.organization]
    return tuple(sorted(table, key=lambda p: -len(p[0])))
