#!/usr/bin/env python3
"""Build normalized JSONL lists from the public raw files in lists/raw/.

Run from anywhere:  python3 lists/build.py
Reads only lists/raw/ (see lists/SOURCES.md for where each file came from) and
writes lists/out/*.jsonl.  Standard library only.  Nothing here is typed in by
hand: every name in the output comes from a raw file.
"""
import csv
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "out"

# ---------------------------------------------------------------- readers

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def read_xlsx(path, sheet_name=None, sheet_index=0):
    """Minimal .xlsx reader: list of rows, each a dict {column letters: text}."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root.iter(NS + "si"):
            shared.append("".join(t.text or "" for t in si.iter(NS + "t")))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [(s.get("name"), s.get(RELNS + "id")) for s in wb.iter(NS + "sheet")]
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    if sheet_name is not None:
        rid = dict(sheets)[sheet_name]
    else:
        rid = sheets[sheet_index][1]
    t = target[rid].lstrip("/")
    t = t if t.startswith("xl/") else "xl/" + t
    root = ET.fromstring(z.read(t))
    rows = []
    for row in root.iter(NS + "row"):
        d = {}
        for c in row.iter(NS + "c"):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.find(NS + "v")
            if c.get("t") == "s" and v is not None:
                val = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(NS + "t"))
            else:
                val = v.text if v is not None and v.text is not None else ""
            d[col] = val.strip()
        rows.append(d)
    return rows


def clean_cell(s):
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def read_kind_html(path):
    """KIND 상장법인목록 export: an HTML table saved as .xls, EUC-KR."""
    text = Path(path).read_bytes().decode("cp949", errors="replace")
    head = [clean_cell(x) for x in re.findall(r"<th[^>]*>(.*?)</th>", text, re.S)]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", text, re.S):
        tds = [clean_cell(x) for x in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(tds) == len(head):
            rows.append(dict(zip(head, tds)))
    return rows


def read_kind_xlsx(path):
    rows = read_xlsx(path)
    head = rows[0]
    cols = sorted(head, key=lambda c: (len(c), c))
    return [{head[c]: r.get(c, "") for c in cols} for r in rows[1:] if any(r.values())]


def read_csv(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


KIS_COLS = ["country", "exchange_id", "exchange_code", "exchange_name_ko", "symbol",
            "realtime_symbol", "name_ko", "name_en", "security_type", "currency"]


def read_kis_master(path):
    """Korea Investment & Securities overseas master file (*.COD): tab-separated, CP949.

    Only the first ten columns are named here; column 18/19 are kept as
    foreign_flag / country_code (not always filled)."""
    out = []
    for line in Path(path).read_bytes().decode("cp949", errors="replace").splitlines():
        f = line.split("\t")
        if len(f) < 10:
            continue
        d = dict(zip(KIS_COLS, [x.strip() for x in f[:10]]))
        d["foreign_flag"] = f[17].strip() if len(f) > 17 else ""
        d["country_code"] = f[18].strip() if len(f) > 18 else ""
        out.append(d)
    return out


def write_jsonl(name, records):
    OUT.mkdir(exist_ok=True)
    with open(OUT / name, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{name}: {len(records)} lines")


# ---------------------------------------------------------------- KRX

# (snapshot label = commit date of the raw file, file, reader).  Newest last.
KRX_SNAPSHOTS = [
    ("2021-07-11", "kind_corplist_2021-07-11_ALVHA_stock.xls", read_kind_html),
    ("2023-07-28", "kind_corplist_2023-07-28_Hannah-0111_stock_project.xls", read_kind_html),
    ("2023-12-18", "kind_corplist_2023-12-18_hyunj941031_Trade.xls", read_kind_html),
    ("2025-01-11", "kind_corplist_2025-01-11_FinanceData_corplist.csv", read_csv),
    ("2025-10-01", "kind_corplist_2025-10-01_jihyunyang1208-crypto_AUT.csv", read_csv),
    ("2026-02-26", "kind_corplist_2026-02-26_Jasogu_Dart_data_collect.xls", read_kind_html),
    ("2026-04-08", "kind_corplist_2026-04-08_kunhe0330_supply-dashboard.xls", read_kind_html),
    ("2026-05-13", "kind_corplist_2026-05-13_ashtarte96_ashu_chat_bot.xls", read_kind_html),
    ("2026-07-04", "kind_corplist_2026-07-04_Meeru7-cyber_asset.xlsx", read_kind_xlsx),
]
MARKET = {"유가": "KOSPI", "유가증권": "KOSPI", "코스닥": "KOSDAQ", "코넥스": "KONEX"}


def norm_code(code):
    code = (code or "").strip()
    return code.zfill(6) if code.isdigit() else code


def build_krx():
    snaps = []
    for label, fname, reader in KRX_SNAPSHOTS:
        by_code = {}
        for r in reader(RAW / "krx" / fname):
            code = norm_code(r.get("종목코드"))
            name = (r.get("회사명") or "").strip()
            if code and name and code not in by_code:
                by_code[code] = r
        snaps.append((label, fname, by_code))
        print(f"  KRX snapshot {label}: {len(by_code)} companies ({fname})")
    cur_label, cur_file, current = snaps[-1]
    records = []
    for code in sorted(current):
        r = current[code]
        name = r["회사명"].strip()
        rec = {"name": name, "market": MARKET.get(r.get("시장구분", "").strip(), r.get("시장구분")),
               "code": code}
        # details (업종, 상장일 ...) from the newest full KIND export that has this code
        for label, fname, by_code in reversed(snaps[:-1]):
            d = by_code.get(code)
            if d and d.get("업종") is not None and d.get("상장일") is not None:
                rec["industry"] = d.get("업종") or None
                rec["listing_date"] = d.get("상장일") or None
                rec["details_from"] = label
                break
        # names seen earlier at the same 종목코드 (a rename, or a listed shell that took a new name)
        hist = {}
        for label, fname, by_code in snaps:
            d = by_code.get(code)
            if d:
                n = d["회사명"].strip()
                h = hist.setdefault(n, [label, label])
                h[1] = label
        former = [{"name": n, "first_seen": a, "last_seen": b}
                  for n, (a, b) in sorted(hist.items(), key=lambda kv: kv[1][0]) if n != name]
        if former:
            rec["former_names"] = [f["name"] for f in former]
            rec["former_name_evidence"] = former
        rec["seen_since"] = min(a for a, b in hist.values())
        rec["src"] = "krx_kind_" + cur_label
        records.append(rec)
    write_jsonl("krx_listed.jsonl", records)
    return records


# ---------------------------------------------------------------- FTC groups

LEGAL_FORMS = r"(?:\(주\)|㈜|\(유\)|주식회사|유한회사|유한책임회사)"


def plain_company_name(name):
    """Strip legal-form marks and '(舊 ...)' notes; returns (plain name, [former names])."""
    former = []
    m = re.search(r"\(\s*舊\.?\s*(.*)$", name)
    if m:
        old = m.group(1).strip()
        if old.endswith(")"):
            old = old[:-1]          # the parenthesis that closes the 舊 note
        old = re.sub(LEGAL_FORMS, "", old).strip()
        if old:
            former.append(old)
        name = name[:m.start()]
    n = re.sub(r"^\s*농업회사법인\s*", "", name)
    n = re.sub(r"^\s*" + LEGAL_FORMS + r"\s*", "", n)
    n = re.sub(r"\s*" + LEGAL_FORMS + r"\s*$", "", n)
    n = re.sub(r"^(?:합자회사|농업회사법인)\s+", "", n)
    return n.strip(), former


def build_groups(krx_records):
    path = RAW / "ftc" / "ftc_2025_attachment2_internal_shareholding_by_group_company.xlsx"
    groups = {}
    for r in read_xlsx(path, sheet_name="집단별 내부지분율 현황"):
        if r.get("B", "").isdigit() and r.get("C"):
            groups[r["C"]] = {"group": r["C"], "rank": int(r["B"]),
                              "same_person_type": r.get("Y") or None,   # 총수 / 법인
                              "designation": r.get("Z") or None,        # 연속집단 / 신규집단
                              "affiliates": []}
    krx_by_name = {}
    for k in krx_records:
        krx_by_name.setdefault(k["name"], []).append(k["code"])
    for r in read_xlsx(path, sheet_name="소속회사별 내부지분율 현황"):
        g, name = r.get("B", ""), r.get("C", "")
        if not g or not name or g not in groups:
            continue
        plain, former = plain_company_name(name)
        a = {"name": name, "name_plain": plain,
             "listed": {"상장": True, "비상장": False}.get(r.get("Y")),
             "financial": {"금융보험업": True, "일반회사": False}.get(r.get("AA"))}
        if former:
            a["former_names"] = former
        if a["listed"] and len(krx_by_name.get(plain, [])) == 1:
            a["krx_code"] = krx_by_name[plain][0]
        groups[g]["affiliates"].append(a)
    recs = sorted(groups.values(), key=lambda g: g["rank"])
    for g in recs:
        g["n_affiliates"] = len(g["affiliates"])
        g["designation_date"] = "2025-05-01"
        g["src"] = "ftc_2025_att2"
    write_jsonl("business_groups.jsonl", recs)
    return recs


# ---------------------------------------------------------------- public bodies

ALIO_KIND = {"공기업(시장형)": "공기업", "공기업(준시장형)": "공기업",
             "준정부기관(기금관리형)": "준정부기관", "준정부기관(위탁집행형)": "준정부기관",
             "기타공공기관": "기타공공기관"}
GOV_KIND = {"부": "ministry", "처": "ministry_office", "청": "agency", "위원회": "commission",
            "실": "office", "원": "office", "대통령": "president", "국무총리": "prime_minister"}


def suffix_kind(name):
    for suf, kind in (("위원회", "commission"), ("부", "ministry"), ("처", "ministry_office"),
                      ("청", "agency")):
        if name.endswith(suf):
            return kind
    return "government_body"


def build_public():
    recs = []
    alio = json.loads((RAW / "public" / "alio_institutions_crawl4alio.json").read_text("utf-8"))
    y2025 = {r["기관명"]: r for r in read_csv(RAW / "public" / "public-institutions_kimtoma.csv")}
    alio_names = set()
    for o in alio:
        alio_names.add(o["name"])
        rec = {"name": o["name"]}
        plain = re.sub(r"^\s*(?:\((?:재|사|주)\)|㈜)\s*", "", o["name"])
        if plain != o["name"]:
            rec["name_plain"] = plain
        rec.update({"kind": ALIO_KIND.get(o["type"], o["type"]), "subtype": o["type"],
               "parent_ministry": o.get("ministry") or None, "region": o.get("region") or None,
               "homepage": o.get("homepage") or None, "alio_id": o.get("apba_id"),
               "status": "designated", "src": "alio_crawl4alio"})
        old = y2025.get(o["name"])
        if old:
            if old.get("상위기관"):
                rec["parent_institution"] = old["상위기관"]
            if old.get("주무부처") and old["주무부처"] != rec["parent_ministry"]:
                rec["parent_ministry_2025"] = old["주무부처"]
        recs.append(rec)
    for name, old in sorted(y2025.items()):
        if name in alio_names:
            continue
        recs.append({"name": name, "kind": ALIO_KIND.get(old["기관유형"], old["기관유형"]),
                     "subtype": old["기관유형"], "parent_ministry": old.get("주무부처") or None,
                     "parent_institution": old.get("상위기관") or None,
                     "status": "in_2025_list_not_in_2026_list", "src": "datagokr_designation_2025"})
    # central government bodies: 정부조직도 기구정보 (data.go.kr 15147671); one snapshot per law change
    rows = read_csv(RAW / "public" / "gov-org-info_kimtoma.csv")
    snaps = sorted({r["법령제정일자"] for r in rows})
    latest = snaps[-1]
    by_snap = {}
    for r in rows:
        by_snap.setdefault(r["법령제정일자"], []).append(r)
    latest_rows = by_snap[latest]
    code_name = {r["기관코드"]: r["기관명"] for r in latest_rows}
    seen = set()
    for r in latest_rows:
        if r["기관명"] in seen:
            continue
        seen.add(r["기관명"])
        kind = GOV_KIND.get(r["소분류"]) or "government_body"
        parent = code_name.get(r["상위기관코드"]) if r["상위기관코드"] != r["기관코드"] else None
        recs.append({"name": r["기관명"], "kind": kind, "gov_class": r["중분류"] or None,
                     "english_name": r["기관영문"] or None, "abbreviation": r["기관약어"] or None,
                     "parent": parent, "org_code": r["기관코드"], "status": "current",
                     "as_of_law": f'{r["법령명"]} {r["법령제정일자"]}', "src": "gov_org_info"})
    # bodies that appear only in earlier snapshots: former names / abolished bodies
    last_seen = {}
    for s in snaps[:-1]:
        for r in by_snap[s]:
            if r["기관명"] not in seen:
                last_seen[r["기관명"]] = (s, r)
    for name, (s, r) in sorted(last_seen.items()):
        recs.append({"name": name, "kind": GOV_KIND.get(r["소분류"]) or "government_body",
                     "gov_class": r["중분류"] or None, "english_name": r["기관영문"] or None,
                     "abbreviation": r["기관약어"] or None, "org_code": r["기관코드"],
                     "status": "former", "last_seen_law": f'{r["법령명"]} {s}', "src": "gov_org_info"})
    # ministries named as 주무부처 in the ALIO list but absent from the gov-org snapshot
    known = {r["name"] for r in recs}
    for m in sorted({o.get("ministry") for o in alio if o.get("ministry")} - known):
        recs.append({"name": m, "kind": suffix_kind(m), "status": "named_as_parent_in_alio",
                     "note": "주무부처 in the ALIO list; not in the 2025-10-01 gov-org snapshot",
                     "src": "alio_crawl4alio"})
    write_jsonl("public_institutions.jsonl", recs)
    return recs


# ---------------------------------------------------------------- foreign companies

def build_foreign():
    recs = []
    us = {}
    for ex, f in (("NYSE", "kis_NYSMST.COD"), ("NASDAQ", "kis_NASMST.COD"), ("NYSE American", "kis_AMSMST.COD")):
        for d in read_kis_master(RAW / "foreign" / f):
            d["exchange"] = ex
            us.setdefault(d["symbol"], d)
    sp = read_csv(RAW / "foreign" / "sp500_constituents.csv")
    done = set()
    for r in sp:
        sym = r["Symbol"].strip()
        d = us.get(sym) or us.get(sym.replace(".", "/"))
        rec = {"korean_name": d["name_ko"] if d else None, "english_name": r["Security"],
               "english_name_kis": d["name_en"] if d else None, "ticker": sym,
               "exchange": d["exchange"] if d else None, "country": "US", "lists": ["S&P 500"],
               "src": "sp500+kis_us"}
        if d:
            done.add(d["symbol"])
        recs.append(rec)
    # US-listed depositary receipts of non-US companies (KIS Korean name ends with "(ADR)")
    for sym, d in sorted(us.items()):
        if sym in done or "/" in sym or d["security_type"] != "2":
            continue
        m = re.match(r"^(.*\S)\s*\(ADR\)$", d["name_ko"])
        if not m or re.search(r"우선주|유닛|워런트|신주", d["name_ko"]):
            continue
        recs.append({"korean_name": m.group(1), "english_name": None, "english_name_kis": d["name_en"],
                     "ticker": sym, "exchange": d["exchange"], "country": d["country_code"] or None,
                     "lists": ["US-listed ADR"], "src": "kis_us_adr"})
    tse = {d["symbol"]: d for d in read_kis_master(RAW / "foreign" / "kis_TSEMST.COD")}
    for r in read_csv(RAW / "foreign" / "nikkei225_T-Nabeshima.csv"):
        d = tse.get(r["code"].strip())
        recs.append({"korean_name": d["name_ko"] if d else None, "english_name": None,
                     "english_name_kis": d["name_en"] if d else None, "japanese_name": r["name"],
                     "ticker": r["code"].strip(), "exchange": "TSE", "country": "JP",
                     "lists": ["Nikkei 225"], "src": "nikkei225+kis_tse"})
    write_jsonl("foreign_companies.jsonl", recs)
    return recs


def main():
    krx = build_krx()
    groups = build_groups(krx)
    pub = build_public()
    foreign = build_foreign()
    # short summary for SOURCES.md
    from collections import Counter
    print("KRX markets:", dict(Counter(r["market"] for r in krx)))
    print("KRX with former names:", sum(1 for r in krx if r.get("former_names")))
    print("groups:", len(groups), "affiliates:", sum(g["n_affiliates"] for g in groups),
          "listed affiliates linked to a KRX code:",
          sum(1 for g in groups for a in g["affiliates"] if a.get("krx_code")), "/",
          sum(1 for g in groups for a in g["affiliates"] if a.get("listed")))
    print("public bodies:", dict(Counter((r["status"], r["kind"]) for r in pub)))
    print("foreign:", dict(Counter(r["lists"][0] for r in foreign)),
          "without korean_name:", sum(1 for r in foreign if not r["korean_name"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
