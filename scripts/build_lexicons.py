"""Build korex's public-data lexicons from lists/out/ (made by lists/build.py from lists/raw/).

    python lists/build.py && python scripts/build_lexicons.py [--klue ../shared/data/klue/ner-train.jsonl]

Writes src/korex/resources/companies_public.jsonl and organizations_public.jsonl:

- every company listed on KOSPI, KOSDAQ and KONEX (KIND, 2026-07-04), with former names seen
  at the same stock code in earlier snapshots;
- the affiliates of the business groups the Fair Trade Commission designated (2025-05-01);
- the public corporations (공기업) of ALIO's list as companies; its quasi-governmental and other
  public institutions, and the ministries, agencies and commissions of the government's
  organisation chart (data.go.kr), as organizations;
- large foreign companies (S&P 500, Nikkei 225, US-listed ADRs) under their Korean names in a
  Korean broker's master files.

The hand-written lists (companies.jsonl, organizations.jsonl) win: a public entry whose name
or alias they already hold is left out. A name that is also an ordinary word is marked
``ambiguous`` (the gazetteer then asks for context): Kiwi reads it alone as one common word,
or it is one syllable, or, with ``--klue``, KLUE-NER train writes it more often outside an
organisation than inside one.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from korex import lexicons
from korex.tokenizer import known_word, word_alone

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lists" / "out"
RES = ROOT / "src" / "korex" / "resources"
COMMON_TAGS = {"NNG", "NNB", "NP", "NR", "VV", "VA", "MAG", "MM", "XR", "IC"}
CORP = re.compile(r"^\(주\)|\(주\)$|^주식회사\s*|\s*주식회사$|^\(유\)|\(유\)$|\s*유한책임회사$|^\(사\)|^\(재\)")


def plain(name: str) -> str:
    return CORP.sub("", name).strip()


def read(name: str) -> list[dict]:
    path = OUT / name
    return [json.loads(line) for line in open(path, encoding="utf-8")] if path.exists() else []


def ambiguous(form: str, klue: dict | None) -> bool:
    if len(form) <= 1 or (form.isascii() and len(form) <= 2):
        return True
    tokens = word_alone(form)
    if len(tokens) == 1 and tokens[0][1] in COMMON_TAGS and known_word(form):
        return True  # Kiwi knows it as an ordinary word (대상, 진로, 유관), not as an unknown name
    if klue is not None and form in klue:
        inside, outside = klue[form]
        return outside > inside
    return False


def klue_counts(path: Path, forms: set[str]) -> dict[str, list[int]]:
    """For each form, how often KLUE-NER train writes it as a word inside an OG span and
    outside one."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for f in forms:
        if len(f) >= 2:
            auto.add_word(f, f)
    auto.make_automaton()
    out: dict[str, list[int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row["text"]
            og = [(s, e) for s, e, label in row["entities"] if label == "OG"]
            for end, form in auto.iter(text):
                start = end + 1 - len(form)
                before = text[start - 1] if start > 0 else " "
                if re.match(r"[가-힣A-Za-z0-9]", before):
                    continue  # inside a longer word
                inside = any(s <= start and end + 1 <= e for s, e in og)
                out.setdefault(form, [0, 0])[0 if inside else 1] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--klue", type=Path, default=None, help="KLUE-NER train (jsonl): evidence for ambiguity")
    args = ap.parse_args()
    # every form the hand-written lists hold (names, aliases, former names)
    taken = {lexicons.normalize(f) for name in ("companies.jsonl", "organizations.jsonl")
             for rec in lexicons._jsonl(name)[1]
             for f in [rec["name"], *(rec.get("aliases") or []), *(rec.get("former") or [])]}
    companies: dict[str, dict] = {}
    organizations: dict[str, dict] = {}

    def add(table: dict, name: str, **fields) -> None:
        name = plain(name)
        key = lexicons.normalize(name)
        if len(name) < 2 or key in taken or key in companies or key in organizations:
            return
        table[key] = {"name": name, **fields}

    for r in read("krx_listed.jsonl"):
        former = [plain(f) for f in r.get("former_names") or []
                  if lexicons.normalize(plain(f)) not in taken and plain(f) != plain(r["name"])]
        add(companies, r["name"], aliases=[], country="KR", market=r["market"], code=r["code"],
            kind="company", former=former, source="krx")
    for g in read("business_groups.jsonl"):
        for a in g.get("affiliates") or []:
            add(companies, a.get("name_plain") or a["name"], aliases=[], country="KR",
                market="listed" if a.get("listed") else "unlisted", group=g["group"], kind="company", source="ftc")
    for r in read("public_institutions.jsonl"):
        name = r.get("name_plain") or r["name"]
        if r["kind"] == "공기업":
            add(companies, name, aliases=[], country="KR", market=None, kind="public_corporation", source="alio")
        elif r["kind"] in ("준정부기관", "기타공공기관"):
            add(organizations, name, aliases=[], country="KR", kind="institute", source="alio")
        else:
            kind = {"agency": "agency", "commission": "agency"}.get(r["kind"], "government")
            add(organizations, name, aliases=[], country="KR", kind=kind, source="go_kr")
    for r in read("foreign_companies.jsonl"):
        if not r.get("korean_name"):
            continue  # an index member the broker's files give no Korean name
        add(companies, r["korean_name"], aliases=[], country=r.get("country"), market=r.get("exchange"),
            kind="company", english=r.get("english_name"), source="kis")

    # a former name is a company of its own (korex.lexicons): it must be no other entry's name
    used = set(taken) | set(companies) | set(organizations)
    for e in companies.values():
        kept = []
        for f in e.get("former", []):
            k = lexicons.normalize(f)
            if k not in used:
                used.add(k)
                kept.append(f)
        e["former"] = kept
    forms = {e["name"] for e in companies.values()} | {e["name"] for e in organizations.values()}
    forms |= {f for e in companies.values() for f in e.get("former", [])}
    klue = klue_counts(args.klue, forms) if args.klue else None
    flagged = 0
    for table in (companies, organizations):
        for e in table.values():
            if ambiguous(e["name"], klue):
                e["ambiguous"] = True
                flagged += 1
            e["former"] = [f for f in e.get("former", []) if not ambiguous(f, klue)] if "former" in e else None
            if e.get("former") is None:
                e.pop("former", None)
    header = {"_source": "Built by scripts/build_lexicons.py from lists/out/ (see lists/SOURCES.md: KIND 상장법인목록 "
                         "2026-07-04, FTC 공시대상기업집단 2025-05-01, ALIO 2026 and data.go.kr 정부조직 2025-10-01, "
                         "S&P 500 2026-08-08 / Nikkei 225 2026-01 with KIS Korean names). Names are public facts. "
                         "Entries the hand-written lists hold are left out; ambiguous marks names that are also "
                         "ordinary words (Kiwi, and KLUE-NER train when given).",
              "_compiled": "2026-12-06", "_klue_evidence": bool(args.klue)}
    for name, table in (("companies_public.jsonl", companies), ("organizations_public.jsonl", organizations)):
        with open(RES / name, "w", encoding="utf-8") as f:
            f.write(json.dumps(header, ensure_ascii=False) + "\n")
            for e in sorted(table.values(), key=lambda e: e["name"]):
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(f"companies {len(companies)}, organizations {len(organizations)}, marked ambiguous {flagged}")


if __name__ == "__main__":
    main()
