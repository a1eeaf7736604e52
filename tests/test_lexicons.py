"""The bundled lexicons parse, agree with each other and answer the lookups the extractor
relies on. These checks read only korex/resources (no evaluation data)."""
import json
import re
from collections import Counter
from importlib.resources import files

import pytest

from korex import lexicons as L

RES = files("korex") / "resources"
ORG_KINDS = {
    "government", "agency", "court", "legislature", "university", "institute",
    "association", "international", "political_party", "foreign_government",
}
COMPANY_KINDS = {"company", "group", "public_corporation", "media"}


def jsonl(name):
    return [json.loads(line) for line in (RES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["companies.jsonl", "organizations.jsonl"])
def test_jsonl_files_parse_with_provenance_header(name):
    rows = jsonl(name)
    header, entries = rows[0], rows[1:]
    assert "name" not in header and header["_source"].strip()
    for rec in entries:
        assert isinstance(rec["name"], str) and rec["name"].strip() == rec["name"] != ""
        assert isinstance(rec["aliases"], list)
        assert all(isinstance(a, str) and a.strip() == a != "" for a in rec["aliases"])
        assert set(rec.get("ambiguous_aliases", [])) <= set(rec["aliases"]), rec["name"]


@pytest.mark.parametrize("name", ["titles.json", "org_suffixes.json", "surnames.json"])
def test_json_files_parse_with_source(name):
    data = json.loads((RES / name).read_text(encoding="utf-8"))
    assert data["_source"].strip()


def all_entries():
    return L.companies() + L.organizations()


def test_names_are_unique_across_both_files():
    counts = Counter(L.normalize(e.name) for e in all_entries())
    assert [n for n, c in counts.items() if c > 1] == []


def test_no_surface_form_belongs_to_two_entries():
    owner = {}
    clashes = []
    for e in all_entries():
        forms = [L.normalize(f) for f in e.forms]
        assert len(forms) == len(set(forms)), f"{e.name} repeats a form"
        for f in forms:
            if f in owner and owner[f] != e.name:
                clashes.append((f, owner[f], e.name))
            owner[f] = e.name
    assert clashes == []


def test_company_aliases_are_not_organization_aliases():
    company_forms = {L.normalize(f) for e in L.companies() for f in e.forms}
    org_forms = {L.normalize(f) for e in L.organizations() for f in e.forms}
    assert company_forms & org_forms == set()


def test_kinds_countries_and_types():
    for e in L.companies():
        assert e.type == "COMPANY" and e.kind in COMPANY_KINDS, e
        assert e.country is None or re.fullmatch(r"[A-Z]{2}", e.country), e
    for e in L.organizations():
        assert e.type == "ORGANIZATION" and e.kind in ORG_KINDS, e
        assert e.country is None or re.fullmatch(r"[A-Z]{2}", e.country), e


def test_sizes():
    korean = [e for e in L.companies() if e.country == "KR"]
    foreign = [e for e in L.companies() if e.country != "KR"]
    assert len(korean) >= 400
    assert len(foreign) >= 250
    assert len(L.organizations()) >= 250
    assert len(L.titles().all) >= 100


@pytest.mark.parametrize(
    "surface, name, type_",
    [
        ("현대차", "현대자동차", "COMPANY"),
        ("기아차", "기아", "COMPANY"),
        ("MS", "마이크로소프트", "COMPANY"),
        ("Microsoft", "마이크로소프트", "COMPANY"),
        ("구글", "구글", "COMPANY"),
        ("토요타", "도요타", "COMPANY"),
        ("훙하이", "폭스콘", "COMPANY"),
        ("아람코", "사우디아람코", "COMPANY"),
        ("한전", "한국전력공사", "COMPANY"),
        ("LH", "한국토지주택공사", "COMPANY"),
        ("POSCO", "포스코", "COMPANY"),
        ("삼성전자㈜", "삼성전자", "COMPANY"),
        ("삼성전자(주)", "삼성전자", "COMPANY"),
        ("삼성", "삼성그룹", "COMPANY"),
        ("SK", "SK그룹", "COMPANY"),
        ("LG", "LG그룹", "COMPANY"),
        ("산업부", "산업통상자원부", "ORGANIZATION"),
        ("산자부", "산업통상자원부", "ORGANIZATION"),
        ("기재부", "기획재정부", "ORGANIZATION"),
        ("과기정통부", "과학기술정보통신부", "ORGANIZATION"),
        ("금융위", "금융위원회", "ORGANIZATION"),
        ("공정위", "공정거래위원회", "ORGANIZATION"),
        ("금감원", "금융감독원", "ORGANIZATION"),
        ("서울대", "서울대학교", "ORGANIZATION"),
        ("대한상의", "대한상공회의소", "ORGANIZATION"),
        ("경총", "한국경영자총협회", "ORGANIZATION"),
        ("유엔", "국제연합", "ORGANIZATION"),
        ("청와대", "청와대", "ORGANIZATION"),
    ],
)
def test_known_lookups(surface, name, type_):
    entry = L.lookup(surface)
    assert entry is not None, surface
    assert (entry.name, entry.type) == (name, type_)


def test_group_short_names_belong_to_groups_not_flagships():
    assert L.lookup("삼성").kind == "group"
    assert "삼성" not in L.lookup("삼성전자").aliases


def test_name_index_covers_every_form_and_is_read_only():
    index = L.name_index()
    for e in all_entries():
        for f in e.forms:
            assert index[L.normalize(f)] is e
    with pytest.raises(TypeError):
        index["새이름"] = L.companies()[0]
    assert L.name_index() is index


def test_titles():
    t = L.titles()
    core = {
        "회장", "부회장", "사장", "부사장", "전무", "상무", "이사", "대표", "대표이사", "사외이사", "의장",
        "이사회 의장", "최고경영자", "최고재무책임자", "최고기술책임자", "최고정보책임자", "최고운영책임자",
        "CEO", "CFO", "CTO", "CIO", "COO", "본부장", "부문장", "사업부장", "실장", "팀장", "센터장", "소장",
        "원장", "총장", "교수", "연구원", "장관", "차관", "대통령", "총리", "국무총리", "부총리", "청장",
        "처장", "위원장", "의원", "지사", "도지사", "시장", "군수", "대사", "총재", "행장", "은행장",
        "이사장", "사무총장", "창업자", "창업주", "공동대표", "대표변호사", "감독", "단장", "지점장", "부장",
        "차장", "과장", "대리", "수석", "책임연구원",
    }
    assert core - t.all == set()
    assert t.all == set(t.corporate) | set(t.government) | set(t.other) | set(t.executive_abbrev)
    assert {"CEO", "CFO", "CTO", "CIO", "COO"} <= set(t.executive_abbrev)
    assert {"전", "前", "현", "공동", "수석", "부", "대표"} <= set(t.prefixes)
    assert {"사업부", "본부", "부문", "실", "팀", "센터", "연구소", "사업본부"} <= set(t.department_suffixes)
    assert t.category("부회장") == "corporate" and t.category("장관") == "government"
    assert t.category("교수") == "other" and t.category("없는직함") is None


def test_org_suffixes():
    s = L.org_suffixes()
    assert {"전자", "그룹", "은행", "증권", "홀딩스", "지주", "금융지주", "생명", "화재", "공사", "건설",
            "중공업", "바이오", "파트너스", "자산운용"} <= set(s.company)
    assert {"부", "처", "청", "원", "위원회", "대학교", "연구원", "협회", "재단", "법원", "공단", "노조",
            "당"} <= set(s.organization)
    assert {"㈜", "(주)", "주식회사"} <= set(s.company_prefix_marks)
    assert {"Inc.", "Corp.", "Ltd.", "LLC", "AG", "GmbH", "PLC"} <= set(s.foreign_company_suffixes)
    assert {"공사", "원", "은행"} <= set(s.ambiguous)


def test_surnames():
    names = L.surnames()
    assert names[:5] == ("김", "이", "박", "최", "정")
    assert len(names) == len(set(names)) >= 100
    assert {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"} <= set(names)
    assert all(1 <= len(n) <= 2 for n in names)
    assert L.surname_variants()["리"] == "이"


def test_sources_are_exposed():
    src = L.sources()
    assert set(src) == {"companies.jsonl", "organizations.jsonl", "companies_public.jsonl",
                        "organizations_public.jsonl", "titles.json", "org_suffixes.json", "surnames.json"}
    assert all(v.strip() for v in src.values())
    assert "KIND" in src["companies_public.jsonl"] and "2026-07-04" in src["companies_public.jsonl"]
    assert "2015" in src["surnames.json"]


def test_loaders_are_cached_and_lists_are_copies():
    assert L.titles() is L.titles()
    first = L.companies()
    first.clear()
    assert L.companies()


def test_a_former_name_is_a_company_of_its_own():
    # an article about KB금융 buying 현대증권 needs buyer and target apart
    old = L.lookup("현대증권")
    assert old.name == "현대증권" and old.type == "COMPANY" and old.successor == "KB증권"
    assert L.lookup("KB증권").name == "KB증권"
    assert "현대증권" not in L.lookup("KB증권").forms


def test_the_public_lists_hold_every_listed_company_of_their_source():
    """Every company of the KIND listing (KOSPI, KOSDAQ, KONEX, 2026-07-04) is a lexicon entry,
    under its listed name (the hand-written list may hold it with more aliases)."""
    import json
    from pathlib import Path

    listing = Path(__file__).parents[1] / "lists" / "out" / "krx_listed.jsonl"
    rows = [json.loads(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2760
    missing = [r["name"] for r in rows if L.lookup(r["name"].replace("(주)", "")) is None]
    assert missing == []


def test_a_name_that_is_also_an_ordinary_word_is_marked_ambiguous():
    entry = L.lookup("대상")
    assert entry is not None and entry.ambiguous
    assert not L.lookup("가온칩스").ambiguous

