#!/usr/bin/env python3
"""Checks a records-only annotation (the independent second pass) against the bare texts.

usage: second.py check PLAIN.jsonl SECOND.jsonl

The same record rules as corpus.py's check, without inline marks: every name, alias, title,
date text and amount text occurs in the passage; affiliations and parties are names of the
passage's companies or organizations; types, roles, statuses and values are well formed.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import DATE_VALUE, deal_problems, forms, read  # noqa: E402


def problems(text: str, rec: dict) -> list[str]:
    err = []
    names = set()
    for key in ("companies", "organizations", "people"):
        for e in rec.get(key) or []:
            if not isinstance(e, dict) or not e.get("name"):
                err.append(f"{key}: an entry without a name")
                continue
            for f in forms(e):
                if f not in text:
                    err.append(f"{key}: {f!r} does not occur in the text")
            if key != "people":
                names.add(e["name"])
    for p in rec.get("people") or []:
        if p.get("affiliation") is not None and p["affiliation"] not in names:
            err.append(f"person {p.get('name')!r}: affiliation {p['affiliation']!r} is no company/organization name")
        for t in p.get("titles") or []:
            if t not in text:
                err.append(f"person {p.get('name')!r}: title {t!r} not in the text")
    for d in rec.get("dates") or []:
        if d.get("text") not in text:
            err.append(f"date {d.get('text')!r} not in the text")
        if d.get("value") is not None and not DATE_VALUE.match(str(d["value"])):
            err.append(f"date {d.get('text')!r}: value {d.get('value')!r}")
        if d.get("mod") not in (None, "START", "MID", "END"):
            err.append(f"date {d.get('text')!r}: mod {d.get('mod')!r}")
    err += deal_problems(text, rec.get("deals") or [], names)
    return err


def main(argv) -> int:
    if len(argv) != 3 or argv[0] != "check":
        print(__doc__)
        return 2
    plain = {r["id"]: r["text"] for r in read(argv[1])}
    recs = read(argv[2])
    bad = 0
    for r in recs:
        if r.get("id") not in plain:
            print(f"{r.get('id')}: ERROR no such passage")
            bad += 1
            continue
        errs = problems(plain[r["id"]], r)
        for e in errs:
            print(f"{r['id']}: ERROR {e}")
        bad += bool(errs)
    missing = set(plain) - {r.get("id") for r in recs}
    for m in sorted(missing):
        print(f"{m}: ERROR not annotated yet")
    print(f"{len(recs)} passages, {bad} with errors, {len(missing)} not annotated")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
