#!/usr/bin/env python3
"""The korex deal corpus: marked passages in, checked records and mention offsets out.

A passage is written once with its annotation inline (``marked``) and its records beside it
(the news gold format of shared/data/news/GUIDE.md, plus ``roles`` for deal parties):

    ⟪한빛전자|C⟫는 ⟪12일|D⟫ ⟪가온소재|C⟫를 ⟪인수|T1⟫했다고 밝혔다.

``⟪form|C⟫`` a company, ``|O`` another organization, ``|P`` a person, ``|D`` a date
expression, ``|T<k>`` words that report deal number k of the record's ``deals`` (1-based).
Stripping the marks gives the passage text; their positions give character offsets that
always satisfy ``text[start:end] == form``.

usage:
  corpus.py check FILE.jsonl [--plain PLAIN.jsonl]    problems per passage (exit 1 if any)
  corpus.py strip FILE.jsonl OUT.jsonl                the bare texts, for an independent pass
  corpus.py agree A.jsonl B.jsonl [--json]            agreement of two passes on the same texts
  corpus.py stats FILE.jsonl ...                      counts of types, statuses, phenomena
  corpus.py guard FILE.jsonl ...                      shared/tools/overlap_guard.py on the bare texts
  corpus.py build [--from final|drafts] [--out DIR]  corpus/train.jsonl and corpus/heldout.jsonl
  corpus.py disputes BATCH                            the passages the two passes differ on, side by side

Plain Python, no korex import: the corpus is data the package learns from, not part of it.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

MARK = re.compile(r"⟪([^⟪⟫|]+)\|(C|O|P|D|T\d+)⟫")
KIND = {"C": "COMPANY", "O": "ORGANIZATION", "P": "PERSON", "D": "DATE"}
DEAL_TYPES = ("MOU", "PARTNERSHIP", "JOINT_VENTURE", "ACQUISITION", "MERGER", "INVESTMENT", "CONTRACT", "SETTLEMENT")
STATUSES = ("discussed", "planned", "signed", "cancelled")
ROLES = {
    "ACQUISITION": {"acquirer", "target", "seller"},
    "INVESTMENT": {"investor", "investee", "seller"},
    "CONTRACT": {"buyer", "seller", "party"},
}
GENRES = {"wire", "disclosure", "interview", "analysis", "roundup", "headline_lead", "feature", "brief",
          "press_release", "column", "caption_story"}
PHENOMENA = {
    # form of the page
    "headline", "byline", "photo_caption", "boilerplate", "dateline", "quote",
    # how the deal is told
    "active_voice", "passive_voice", "from_investor", "stake_percent", "idiom", "nominal",
    "consortium", "multi_party", "respectively", "subsidiary_signs", "group_named", "jv_named",
    "background_deal", "several_deals", "rumour", "denial", "talks", "preferred_bidder",
    "called_off", "planned_signing", "board_approval", "amount", "foreign_party",
    "public_body_party", "name_variants", "alias_intro", "person_acts", "commenter",
    # no deal
    "no_deal", "deal_words_no_deal", "own_investment", "market_talk", "policy", "personnel",
    "earnings", "litigation_ongoing", "role_takeover",
}
DATE_VALUE = re.compile(r"^(\d{4}|XXXX|\d{3}X)(-(\d{2}|XX)(-(\d{2}|XX))?|-(SP|SU|FA|WI)|-Q[1-4]|-H[12])?$")


# --- reading the marks ---------------------------------------------------------------------------
def parse(marked: str) -> tuple[str, list[dict]]:
    """The bare text and the marks: ``{start, end, text, kind}`` (kind C/O/P/D/T<k>)."""
    out, mentions, pos, last = [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        form, kind = m.group(1), m.group(2)
        mentions.append({"start": pos, "end": pos + len(form), "text": form, "kind": kind})
        out.append(form)
        pos += len(form)
        last = m.end()
    out.append(marked[last:])
    return "".join(out), mentions


def forms(entity: dict) -> list[str]:
    return [entity["name"], *(entity.get("aliases") or [])]


# --- checking a passage --------------------------------------------------------------------------
def problems(rec: dict, plain: str | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings) for one passage record. Errors must be fixed; a warning is fixed or,
    where the guide says so (a byline, a caption, a name inside another word), left."""
    err, warn = [], []
    marked = rec.get("marked")
    if not isinstance(marked, str):
        return ["no 'marked' text"], []
    text, marks = parse(marked)
    stray = [c for c in "⟪⟫" if c in text]
    if stray:
        i = text.find(stray[0])
        err.append(f"malformed mark near {text[max(0, i - 15):i + 15]!r}")
    if plain is not None and text != plain:
        i = next((k for k, (a, b) in enumerate(zip(text, plain)) if a != b), min(len(text), len(plain)))
        err.append(f"text differs from the given plain text at offset {i}: {text[i:i + 20]!r} vs {plain[i:i + 20]!r}")
    if not 300 <= len(text) <= 2000:
        err.append(f"text is {len(text)} characters (300-2000)")
    for m in marks:
        if m["text"] != m["text"].strip():
            err.append(f"mark {m['text']!r} has spaces at its edge")
    if rec.get("genre") not in GENRES:
        err.append(f"genre {rec.get('genre')!r} not one of {sorted(GENRES)}")
    bad = [p for p in rec.get("phenomena") or [] if p not in PHENOMENA]
    if bad:
        err.append(f"unknown phenomena {bad}")
    pub = rec.get("published")
    if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(pub)):
        err.append(f"published {pub!r} is not YYYY-MM-DD or null")

    ents = {"C": rec.get("companies") or [], "O": rec.get("organizations") or [], "P": rec.get("people") or []}
    owner: dict[tuple[str, str], int] = {}
    for k, lst in ents.items():
        for i, e in enumerate(lst):
            if not isinstance(e, dict) or not e.get("name"):
                err.append(f"{KIND[k]} entry {i} has no name")
                continue
            for f in forms(e):
                if (k, f) in owner and owner[(k, f)] != i:
                    err.append(f"form {f!r} belongs to two {KIND[k]} entries")
                owner[(k, f)] = i
    all_org_names = {e["name"] for k in "CO" for e in ents[k] if e.get("name")}
    clash = {e["name"] for e in ents["C"]} & {e["name"] for e in ents["O"]}
    if clash:
        err.append(f"names both company and organization: {sorted(clash)}")

    dates = rec.get("dates") or []
    date_texts = {}
    for d in dates:
        date_texts[d.get("text")] = d
        v = d.get("value")
        if v is not None and not DATE_VALUE.match(str(v)):
            err.append(f"date {d.get('text')!r} has value {v!r} (ISO as in the guide)")
        if d.get("mod") not in (None, "START", "MID", "END"):
            err.append(f"date {d.get('text')!r} has mod {d.get('mod')!r}")

    marked_forms: dict[str, set] = {k: set() for k in "COPD"}
    deals = rec.get("deals") or []
    trig_deals: set[int] = set()
    for m in marks:
        k = m["kind"]
        if k.startswith("T"):
            n = int(k[1:])
            if not 1 <= n <= len(deals):
                err.append(f"trigger {m['text']!r} marks deal {n}, but there are {len(deals)} deals")
            trig_deals.add(n)
            continue
        marked_forms[k].add(m["text"])
        if k == "D":
            if m["text"] not in date_texts:
                err.append(f"date mark {m['text']!r} has no entry in dates")
        elif (k, m["text"]) not in owner:
            err.append(f"{KIND[k]} mark {m['text']!r} is no name or alias of a {KIND[k].lower()} entry")
    for k in "COP":
        for e in ents[k]:
            for f in forms(e):
                if f not in marked_forms[k]:
                    err.append(f"{KIND[k]} form {f!r} is never marked in the text")
    for t in date_texts:
        if t not in marked_forms["D"]:
            err.append(f"date {t!r} is never marked in the text")

    # an unmarked occurrence of a known form outside every mark (a byline or caption may be one)
    covered = [False] * len(text)
    for m in marks:
        for i in range(m["start"], m["end"]):
            covered[i] = True
    for k in "COP":
        for e in ents[k]:
            for f in forms(e):
                for hit in re.finditer(re.escape(f), text):
                    if not any(covered[hit.start():hit.end()]):
                        warn.append(f"{KIND[k]} form {f!r} unmarked at {hit.start()}: "
                                    f"{text[max(0, hit.start() - 10):hit.end() + 10]!r}")

    for p in ents["P"]:
        if p.get("affiliation") is not None and p["affiliation"] not in all_org_names:
            err.append(f"person {p.get('name')!r}: affiliation {p['affiliation']!r} is no company or organization name")
        for t in p.get("titles") or []:
            if t not in text:
                err.append(f"person {p.get('name')!r}: title {t!r} not in the text")

    err += deal_problems(text, deals, all_org_names)
    err += [f"deal {n}: no words are marked |T{n}" for n in range(1, len(deals) + 1) if n not in trig_deals]
    return err, warn


DIRECTED = {"ACQUISITION": ("acquirer", "target"), "INVESTMENT": ("investor", "investee")}
ROLE_ORDER = {"acquirer": 0, "investor": 0, "target": 1, "investee": 1, "seller": 2}


def deal_problems(text: str, deals: list[dict], names: set[str]) -> list[str]:
    """The deal rules both passes follow: known types, parties among the passage's company and
    organization ``names``, one allowed role each in the guide's order, and well-formed
    status, date and amount."""
    err = []
    for n, d in enumerate(deals, 1):
        where = f"deal {n}"
        if d.get("type") not in DEAL_TYPES:
            err.append(f"{where}: type {d.get('type')!r}")
        alt = d.get("alt_types") or []
        if any(a not in DEAL_TYPES or a == d.get("type") for a in alt):
            err.append(f"{where}: alt_types {alt}")
        if d.get("type") == "MOU" and "PARTNERSHIP" not in alt:
            err.append(f"{where}: an MOU has PARTNERSHIP among its alt_types")
        parties = d.get("parties") or []
        if len(set(parties)) != len(parties) or len(parties) < 2:
            err.append(f"{where}: parties {parties} (two or more, distinct)")
        for p in parties:
            if p not in names:
                err.append(f"{where}: party {p!r} is no company or organization name")
        roles = d.get("roles") or []
        allowed = ROLES.get(d.get("type"), {"party"})
        if len(roles) != len(parties) or any(r not in allowed for r in roles):
            err.append(f"{where}: roles {roles} (one per party, from {sorted(allowed)})")
        elif d.get("type") in DIRECTED:
            lead, target = DIRECTED[d["type"]]
            if lead not in roles or target not in roles:
                err.append(f"{where}: an {d['type']} needs a {lead} and a {target}")
            order = [ROLE_ORDER[r] for r in roles]
            if order != sorted(order):
                err.append(f"{where}: parties in the guide's order ({lead}s, then the {target}, then the seller)")
        if d.get("status") not in STATUSES:
            err.append(f"{where}: status {d.get('status')!r}")
        date = d.get("date")
        if date is not None and not DATE_VALUE.match(str(date)):
            err.append(f"{where}: date {date!r}")
        amount = d.get("amount")
        if amount is not None:
            if not isinstance(amount, dict) or amount.get("text") not in text:
                err.append(f"{where}: amount text {amount!r} not in the text")
            elif not isinstance(amount.get("value"), (int, float)) or not amount.get("currency"):
                err.append(f"{where}: amount needs a number value and a currency")
    return err


# --- records for korex: text, mention offsets and the gold of GUIDE.md ------------------------
def compile_record(rec: dict) -> dict:
    """The corpus record korex trains and scores on: GUIDE.md's gold plus ``mentions``
    (character offsets of every company, organization, person and date) and ``triggers``."""
    text, marks = parse(rec["marked"])
    out = {k: rec.get(k) for k in ("id", "genre", "published")}
    out["text"] = text
    for k in ("companies", "organizations", "people", "dates", "deals"):
        out[k] = rec.get(k) or []
    out["mentions"] = [{"start": m["start"], "end": m["end"], "text": m["text"], "type": KIND[m["kind"]]}
                       for m in marks if not m["kind"].startswith("T")]
    out["triggers"] = [{"start": m["start"], "end": m["end"], "text": m["text"], "deal": int(m["kind"][1:])}
                       for m in marks if m["kind"].startswith("T")]
    out["phenomena"] = rec.get("phenomena") or []
    return out


# --- agreement between two passes ----------------------------------------------------------------
def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"\(주\)|㈜|주식회사", "", s)
    return re.sub(r"[\s·・.,'\"‘’“”]", "", s).lower()


def _names(e: dict) -> set:
    return {_norm(f) for f in forms(e)} - {""}


def agreement(a_recs: list[dict], b_recs: list[dict]) -> dict:
    """F1 of pass B against pass A (symmetric for F1): entities by name sets, deals by type
    (either side's type among the other's type and alt_types) and exact party sets, status
    and date over matched deals, and mentions by exact offsets and type."""
    # late: the other commands run with a bare python3, without korex installed
    from korex.evaluation.news import match

    tally = {k: [0, 0, 0] for k in ("COMPANY", "ORGANIZATION", "PERSON", "DEAL", "DEAL_PARTIES", "MENTION", "TRIGGER")}
    acc = {k: [0, 0] for k in ("deal_status", "deal_date", "affiliation")}
    per_passage = {}
    b_by = {r["id"]: r for r in b_recs}
    for a in a_recs:
        b = b_by.get(a["id"])
        if b is None:
            continue
        diff = []
        for key, typ in (("companies", "COMPANY"), ("organizations", "ORGANIZATION"), ("people", "PERSON")):
            ea, eb = a.get(key) or [], b.get(key) or []
            pairs = match([_names(e) for e in ea], [_names(e) for e in eb])
            tally[typ][0] += len(pairs)
            tally[typ][1] += len(eb)
            tally[typ][2] += len(ea)
            if len(pairs) != len(ea) or len(pairs) != len(eb):
                diff.append(typ)
            if typ == "PERSON":
                for i, j in pairs:
                    if ea[i].get("affiliation") or eb[j].get("affiliation"):
                        acc["affiliation"][1] += 1
                        acc["affiliation"][0] += _norm(ea[i].get("affiliation") or "") == _norm(eb[j].get("affiliation") or "")
        orgs_a = {_norm(e["name"]): _names(e) for k in ("companies", "organizations") for e in a.get(k) or []}
        orgs_b = {_norm(e["name"]): _names(e) for k in ("companies", "organizations") for e in b.get(k) or []}
        da, db = a.get("deals") or [], b.get("deals") or []
        pa = [[orgs_a.get(_norm(p), {_norm(p)}) for p in d.get("parties") or []] for d in da]
        pb = [[orgs_b.get(_norm(p), {_norm(p)}) for p in d.get("parties") or []] for d in db]
        for strict, key in ((True, "DEAL"), (False, "DEAL_PARTIES")):
            used, tp = set(), 0
            for i, x in enumerate(da):
                for j, y in enumerate(db):
                    if j in used or len(pa[i]) != len(pb[j]) or len(match(pa[i], pb[j])) != len(pa[i]):
                        continue
                    tx, ty = {x["type"], *(x.get("alt_types") or [])}, {y["type"], *(y.get("alt_types") or [])}
                    if strict and not (y["type"] in tx or x["type"] in ty):
                        continue
                    used.add(j)
                    tp += 1
                    if strict:
                        acc["deal_status"][1] += 1
                        acc["deal_status"][0] += x.get("status") == y.get("status")
                        acc["deal_date"][1] += 1
                        acc["deal_date"][0] += x.get("date") == y.get("date")
                        if x.get("status") != y.get("status") and "DEAL_STATUS" not in diff:
                            diff.append("DEAL_STATUS")
                        if x.get("date") != y.get("date") and "DEAL_DATE" not in diff:
                            diff.append("DEAL_DATE")
                    break
            tally[key][0] += tp
            tally[key][1] += len(db)
            tally[key][2] += len(da)
            if strict and (tp != len(da) or tp != len(db)):
                diff.append("DEAL")
        if "marked" not in b:  # a pass of records only (the independent second pass)
            per_passage[a["id"]] = diff
            continue
        ma = {(m["start"], m["end"], m["kind"]) for m in parse(a["marked"])[1] if not m["kind"].startswith("T")}
        mb = {(m["start"], m["end"], m["kind"]) for m in parse(b["marked"])[1] if not m["kind"].startswith("T")}
        tally["MENTION"][0] += len(ma & mb)
        tally["MENTION"][1] += len(mb)
        tally["MENTION"][2] += len(ma)
        if ma != mb:
            diff.append("MENTION")
        per_passage[a["id"]] = diff
    out = {}
    for k, (tp, npred, ngold) in tally.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[k] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                  "tp": tp, "b": npred, "a": ngold}
    for k, (ok, n) in acc.items():
        out[k] = {"acc": round(ok / n, 4) if n else None, "n": n}
    out["passages"] = len(per_passage)
    out["passages_differing"] = {k: sum(k in d for d in per_passage.values())
                                 for k in ("COMPANY", "ORGANIZATION", "PERSON", "DEAL", "DEAL_STATUS", "DEAL_DATE",
                                           "MENTION")}
    out["differing_ids"] = {i: d for i, d in per_passage.items() if d}
    return out


def stats(recs: list[dict]) -> dict:
    types, statuses, phen, genres = Counter(), Counter(), Counter(), Counter()
    lengths, ndeals = [], 0
    no_deal = 0
    for r in recs:
        text, _ = parse(r["marked"])
        lengths.append(len(text))
        genres[r.get("genre")] += 1
        deals = r.get("deals") or []
        ndeals += len(deals)
        no_deal += not deals
        for d in deals:
            types[d["type"]] += 1
            statuses[d["status"]] += 1
        for p in r.get("phenomena") or []:
            phen[p] += 1
    lengths.sort()
    return {"passages": len(recs), "deals": ndeals, "no_deal_passages": no_deal,
            "characters": sum(lengths), "length_min": lengths[0] if lengths else 0,
            "length_median": lengths[len(lengths) // 2] if lengths else 0,
            "length_max": lengths[-1] if lengths else 0,
            "types": dict(types.most_common()), "statuses": dict(statuses.most_common()),
            "genres": dict(genres.most_common()), "phenomena": dict(phen.most_common())}


# --- the split ----------------------------------------------------------------------------------
HELDOUT_PER_BATCH = 8  # of 40: 20% of every batch, so that the held-out split has every emphasis


def is_heldout(pid: str, batch_ids: list[str]) -> bool:
    """A passage is held out when its id is among the ``HELDOUT_PER_BATCH`` of its batch with
    the smallest SHA-1: fixed by the ids alone, never by content or results."""
    import hashlib

    ranked = sorted(batch_ids, key=lambda i: hashlib.sha1(i.encode("utf-8")).hexdigest())
    return pid in ranked[:HELDOUT_PER_BATCH]


def build(source: str = "final", out: Path | None = None) -> int:
    """Compile the batches of ``corpus/<source>/`` (the adjudicated records; ``drafts`` while
    they are not all adjudicated) into train.jsonl and heldout.jsonl in ``out`` (corpus/)."""
    root = Path(__file__).resolve().parents[1]
    out = Path(out) if out else root
    out.mkdir(parents=True, exist_ok=True)
    train, held = [], []
    for path in sorted((root / source).glob("b*.jsonl")):
        recs = read(path)
        ids = [r["id"] for r in recs]
        for r in recs:
            err, _ = problems(r)
            if err:
                print(f"{path.name} {r['id']}: not built: {err[0]}")
                continue
            (held if is_heldout(r["id"], ids) else train).append(compile_record(r))
    for name, recs in (("train", train), ("heldout", held)):
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"train {len(train)} passages, held out {len(held)} ({source})")
    return 0


def splits() -> tuple[Path, Path]:
    """corpus/train.jsonl and corpus/heldout.jsonl, built from final/ first where they are
    missing or older than a batch of final/ (they are not committed: the batches are)."""
    root = Path(__file__).resolve().parents[1]
    out = (root / "train.jsonl", root / "heldout.jsonl")
    newest = max(p.stat().st_mtime for p in (root / "final").glob("b*.jsonl"))
    if not all(p.exists() and p.stat().st_mtime >= newest for p in out):
        build("final")
    return out


# --- the command line ----------------------------------------------------------------------------
def read(path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON: {e}")
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd, args = argv[0], argv[1:]
    if cmd == "check":
        plain = {}
        if "--plain" in args:
            k = args.index("--plain")
            plain = {r["id"]: r["text"] for r in read(args[k + 1])}
            args = args[:k] + args[k + 2:]
        bad = 0
        seen = set()
        for path in args:
            for rec in read(path):
                if rec.get("id") in seen:
                    print(f"{path} {rec.get('id')}: ERROR duplicate id")
                    bad += 1
                seen.add(rec.get("id"))
                err, warn = problems(rec, plain.get(rec.get("id")) if plain else None)
                for e in err:
                    print(f"{path} {rec.get('id')}: ERROR {e}")
                for w in warn:
                    print(f"{path} {rec.get('id')}: warning {w}")
                bad += bool(err)
        print(f"{len(seen)} passages, {bad} with errors")
        return 1 if bad else 0
    if cmd == "strip":
        with open(args[1], "w", encoding="utf-8") as f:
            for rec in read(args[0]):
                text, _ = parse(rec["marked"])
                f.write(json.dumps({"id": rec["id"], "published": rec.get("published"), "text": text},
                                   ensure_ascii=False) + "\n")
        return 0
    if cmd == "agree":
        res = agreement(read(args[0]), read(args[1]))
        if "--json" in args:
            print(json.dumps(res, ensure_ascii=False, indent=1))
        else:
            for k, v in res.items():
                if k != "differing_ids":
                    print(k, v)
        return 0
    if cmd == "disputes":
        b = args[0]
        root = Path(__file__).resolve().parents[1]
        a_recs, b_recs = read(root / "drafts" / f"{b}.jsonl"), read(root / "second" / f"{b}.jsonl")
        res = agreement(a_recs, b_recs)
        by_b = {r["id"]: r for r in b_recs}
        out = []
        for r in a_recs:
            if r["id"] in res["differing_ids"]:
                text, _ = parse(r["marked"])
                keys = ("companies", "organizations", "people", "dates", "deals")
                out.append({"id": r["id"], "differ_on": res["differing_ids"][r["id"]], "published": r.get("published"),
                            "text": text, "first_pass": {k: r.get(k) for k in keys},
                            "second_pass": {k: by_b[r["id"]].get(k) for k in keys}})
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if cmd == "build":
        source = args[args.index("--from") + 1] if "--from" in args else "final"
        return build(source, args[args.index("--out") + 1] if "--out" in args else None)
    if cmd == "guard":
        import subprocess
        import tempfile

        guard = Path(__file__).resolve().parents[3] / "shared" / "tools" / "overlap_guard.py"
        if not guard.exists():
            print(f"no {guard}: the guard needs the development checkout's shared/")
            return 2
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
            for path in args:
                for rec in read(path):
                    text = parse(rec["marked"])[0] if "marked" in rec else rec.get("text", "")
                    f.write(json.dumps({"id": rec.get("id"), "text": text}, ensure_ascii=False) + "\n")
        return subprocess.call([sys.executable, str(guard), f.name])
    if cmd == "stats":
        recs = [r for p in args for r in read(p)]
        print(json.dumps(stats(recs), ensure_ascii=False, indent=1))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
