"""``korex extract --format html``: the page must show every document's text exactly as given,
with each mention highlighted over its own characters, every table link landing on an anchor,
and nothing in the page reaching outside it.

The page is read back with html.parser, which also proves it well-formed; the last test opens
it in headless Chromium (skipped where /usr/bin/chromium is absent) to check what a reader
sees. None of the tests judges what the pipeline extracts, only how it is shown, except that
the demo passage's MOU between 삼성전자 and 마이크로소프트 must reach the deals table.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import korex
from korex.cli import app
from korex.html import HtmlWriter, render_html
from korex.io import open_writer
from korex.schema import Document

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
DEMO = ("삼성전자와 마이크로소프트(MS)는 23일 클라우드 사업에서 손잡기로 하고 양해각서(MOU)를 맺었다고 밝혔다. "
        "이재용 삼성전자 부회장과 사티아 나델라 MS 최고경영자(CEO)가 서명했다.")
SEED_NAME = "000_7bb0864059b2851e.txt"
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


def _seed() -> Path | None:
    for place in (ROOT / "seeds", ROOT.parent / "shared" / "seeds"):
        if (place / SEED_NAME).is_file():
            return place / SEED_NAME
    return None


class Page(HTMLParser):
    """What the tests read off a page: ids, links, each document's text (labels left out),
    the text under each ``data-span`` key, and the rows of each document's tables. Raises on
    any end tag that does not close the innermost open element."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.texts: dict[str, str] = {}  # article id -> its text
        self.spans: dict[str, str] = {}  # data-span key -> the text under it
        self.tables: dict[tuple[str, str], list[list[str]]] = {}  # (article, class) -> rows of cells
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)
        self.close()
        assert not self.stack, f"unclosed: {[t for t, _ in self.stack]}"

    def _inside(self, tag=None, cls=None):
        for t, a in reversed(self.stack):
            if (tag is None or t == tag) and (cls is None or cls in (a.get("class") or "").split()):
                return a
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "tr":
            art, table = self._inside("article"), self._inside("table")
            if art is not None and table is not None and self._inside("tbody") is not None:
                self.tables.setdefault((art["id"], table.get("class")), []).append([])
        if tag == "td":
            self._cell = []
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        if tag == "td":
            art, table = self._inside("article"), self._inside("table")
            self.tables[(art["id"], table.get("class"))][-1].append("".join(self._cell).strip())
        self.stack.pop()

    def handle_data(self, data):
        if self._inside("td") is not None:
            self._cell.append(data)
        art = self._inside("article")
        if art is None or self._inside("div", "text") is None:
            return
        if self._inside(cls="lbl") is not None or self._inside(cls="tlbl") is not None:
            return
        self.texts[art["id"]] = self.texts.get(art["id"], "") + data
        for _, a in self.stack:
            if "data-span" in a:
                self.spans[a["data-span"]] = self.spans.get(a["data-span"], "") + data


# --- a document built by hand -------------------------------------------------------------

# Escapes, a line break, and spans that cross: the relation's evidence starts inside the
# deal's evidence and ends after it, the trigger sits inside the deal's evidence, and the deal's
# evidence ends in the middle of the mention "C>D 홀딩스", which has to be cut there.
TEXT = 'A&B <Corp>는 "C>D 홀딩스"와 합병 계약을 맺었다.\n김철수 A&B 대표가 밝혔다. 5 < 7 && x > y'


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def _mention(sub: str, nth: int = 0, source="rule", score=0.9) -> dict:
    s, e = _span(sub, nth)
    return {"start": s, "end": e, "text": sub, "source": source, "score": score}


@pytest.fixture
def doc() -> Document:
    cd_start, cd_end = _span("C>D 홀딩스")
    return Document.model_validate({
        "id": "hand<1>&",
        "reference_date": "2014-09-23",
        "entities": [
            {"id": "E1", "type": "COMPANY", "name": "A&B", "aliases": ["A&B", "<Corp>"],
             "mentions": [_mention("A&B", 1), _mention("<Corp>"), _mention("A&B", 0)]},
            {"id": "E2", "type": "COMPANY", "name": "C>D 홀딩스", "aliases": ["C>D 홀딩스"],
             "mentions": [_mention("C>D 홀딩스")]},
            {"id": "E3", "type": "PERSON", "name": "김철수", "aliases": ["김철수"], "titles": ["대표"],
             "affiliation": "E1", "mentions": [_mention("김철수")]},
            {"id": "E4", "type": "LOCATION", "name": "x", "mentions": [_mention("x")]},
            {"id": "E5", "type": "QUANTITY", "name": "5", "mentions": [_mention("5")]},
        ],
        "relations": [
            {"type": "EMPLOYEE_OF", "head": "E3", "tail": "E1", "title": "대표",
             "evidence": {"start": _span("<Corp>")[0], "end": _span("밝혔다")[1]}},
        ],
        "deals": [
            {"id": "D1", "type": "MERGER", "status": "signed", "score": 0.8,
             "parties": [{"entity": "E1", "role": "acquirer"}, {"entity": "E2", "role": "target"}],
             "trigger": {"start": _span("합병")[0], "end": _span("합병")[1], "text": "합병"},
             "evidence": {"start": 0, "end": cd_start + 3},
             "amount": {"text": "1조<원>", "value": 1e12, "currency": "KRW"}},
        ],
    })


def test_page_escapes_and_highlights_every_mention_exactly(doc):
    markup = render_html([doc], [TEXT])
    page = Page(markup)

    # The text reads back character for character: escaping undone, "\n" kept, labels apart.
    assert page.texts == {"d0": TEXT}
    assert ">A&amp;B<" in markup and ">&lt;Corp&gt;<" in markup and "<Corp>" not in markup
    assert " &lt; 7 &amp;&amp; " in markup and " &gt; " in markup
    assert "hand&lt;1&gt;&amp;" in markup  # the document id in the heading
    assert "1조&lt;원&gt;" in markup

    marks = [(t, a) for t, a in page.tags if t == "mark"]
    for i, ent in enumerate(doc.entities):
        for j, m in enumerate(ent.mentions):
            key = f"d0-e{i}-m{j}"
            assert page.spans[key] == m.text == TEXT[m.start:m.end]
            pieces = [a for t, a in marks if a["data-span"] == key]
            assert pieces and all(ent.type in a["class"].split() or "OTHER" in a["class"].split()
                                  for a in pieces)
    # The deal's evidence ends inside "C>D 홀딩스": its mark is cut in two, one box drawn.
    cut = [a["class"].split() for t, a in marks if a["data-span"] == "d0-e1-m0"]
    assert len(cut) == 2 and "cut-r" in cut[0] and "cut-l" in cut[1]
    assert page.spans["d0-deal0-trigger"] == "합병"
    assert page.spans["d0-deal0-evidence"] == TEXT[doc.deals[0].evidence.start:doc.deals[0].evidence.end]
    rel = doc.relations[0].evidence
    assert page.spans["d0-rel0-evidence"] == TEXT[rel.start:rel.end]


def test_links_and_anchors_pair_up(doc):
    page = Page(render_html([doc], [TEXT]))
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    targets = {h[1:] for h in page.hrefs}
    assert all(h.startswith("#") for h in page.hrefs), "a link leaves the page"
    assert targets <= set(page.ids)
    # every deal and relation anchor is reachable from a table row
    assert {"d0-deal0-evidence", "d0-deal0-trigger", "d0-rel0-evidence"} <= targets
    # entities link to their earliest mention, not the first listed
    assert "d0-e0-m2" in targets and "d0-e0-m0" not in targets
    assert "d0-e2-m0" in targets
    deals = page.tables[("d0", "deals")]
    assert deals[0][:4] == ["D1", "MERGER", "A&B (acquirer)C>D 홀딩스 (target)", "signed"]
    assert page.tables[("d0", "people")][0][:3] == ["김철수", "대표", "A&B"]
    assert [r[0] for r in page.tables[("d0", "orgs")]] == ["A&B", "C>D 홀딩스"]


def test_page_reaches_nothing_outside_itself(doc):
    markup = render_html([doc], [TEXT])
    assert not re.search(r"<link|<img|<iframe|\bsrc=|url\(|@import|https?://", markup)
    assert "Content-Security-Policy" in markup


def test_documents_without_text_or_with_bad_spans():
    bad = Document.model_validate({
        "id": "x", "entities": [{"id": "E1", "type": "COMPANY", "name": "삼성",
                                 "mentions": [{"start": 10, "end": 12, "text": "삼성", "source": "rule",
                                               "score": 0.5}]}]})
    page = Page(render_html([bad, bad], ["짧다", None]))
    # a span past the end of the text is dropped, and so is the link to it
    assert page.texts == {"d0": "짧다"} and page.hrefs == []
    assert [r[0] for r in page.tables[("d1", "orgs")]] == ["삼성"]
    assert Page(render_html([], [])).texts == {}
    with pytest.raises(ValueError):
        render_html([bad], [])


def test_writer_is_atomic_and_single_empty_leaves_nothing(tmp_path, doc):
    path = tmp_path / "page.html"
    with open_writer(path, "html") as w:
        w.write(doc, TEXT)
        w.write(doc, TEXT)
    page = Page(path.read_text(encoding="utf-8"))
    assert page.texts == {"d0": TEXT, "d1": TEXT}
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    # like --format json: one input document that failed gives no file
    with open_writer(tmp_path / "none.html", "html", single=True):
        pass
    assert not (tmp_path / "none.html").exists()
    stream = io.StringIO()
    writer = HtmlWriter(stream)
    writer.close()
    assert "No documents." in stream.getvalue()


# --- end to end ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor():
    try:
        real = korex.load("rules")
        real(DEMO, reference_date="2014-09-23")
    except Exception as e:  # pragma: no cover - only while the pipeline is broken
        pytest.fail(f"rules pipeline unavailable: {type(e).__name__}: {e}")
    return real


@pytest.fixture(scope="module")
def korex_cli(extractor):
    """Runs ``korex ARGS...`` in-process, on a pipeline loaded once for the module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(korex, "load", lambda model=None, **options: extractor)
        runner = CliRunner()
        yield lambda *args, input=None: runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def run_both(korex_cli, tmp_path_factory):
    """The inputs (the demo passage, and the seed article where the checkout has it), and the
    html page and JSON documents ``korex extract`` gives for them."""
    tmp_path = tmp_path_factory.mktemp("e2e")
    demo = tmp_path / "demo.txt"
    demo.write_text(DEMO, encoding="utf-8")
    inputs = [demo] + ([_seed()] if _seed() else [])
    page, js = tmp_path / "page.html", tmp_path / "docs.json"
    for fmt, out in (("html", page), ("json", js)):
        result = korex_cli("extract", *inputs, "--format", fmt, "-o", out, "-d", "2014-09-23", "-m", "rules")
        assert result.exit_code == 0, result.output
    docs = json.loads(js.read_text(encoding="utf-8"))
    docs = docs if isinstance(docs, list) else [docs]
    texts = [p.read_bytes().decode("utf-8-sig") for p in inputs]
    return page, docs, texts


def _check_deals_shown(page: Page, docs: list[dict]) -> None:
    for i, d in enumerate(docs):
        names = {e["id"]: e["name"] for e in d["entities"]}
        rows = page.tables.get((f"d{i}", "deals"), [])
        assert len(rows) == len(d["deals"])
        for row, deal in zip(rows, d["deals"]):
            assert row[1] == deal["type"] and row[3] == deal["status"]
            for party in deal["parties"]:
                assert f"{names[party['entity']]} ({party['role']})" in row[2]
    demo_rows = page.tables[("d0", "deals")]
    assert any(r[1] == "MOU" and "삼성전자" in r[2] and "마이크로소프트" in r[2] and r[3] == "signed"
               for r in demo_rows), demo_rows


def test_extract_format_html(run_both, korex_cli):
    page_path, docs, texts = run_both
    page = Page(page_path.read_text(encoding="utf-8"))
    assert [page.texts[f"d{i}"] for i in range(len(texts))] == texts
    for i, d in enumerate(docs):
        for j, ent in enumerate(d["entities"]):
            for k, m in enumerate(ent["mentions"]):
                assert page.spans[f"d{i}-e{j}-m{k}"] == m["text"]
    assert {h[1:] for h in page.hrefs} <= set(page.ids)
    _check_deals_shown(page, docs)
    # without --output the page goes to stdout
    result = korex_cli("extract", "-", "--format", "html", "-d", "2014-09-23", "-m", "rules", input=DEMO)
    assert result.exit_code == 0 and Page(result.stdout).texts == {"d0": DEMO}


def test_text_pairs_with_its_document_across_failed_inputs(korex_cli, tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text("\n".join([json.dumps({"id": "one", "text": "한빛전자는 23일 밝혔다."}, ensure_ascii=False),
                               "{not json",
                               json.dumps({"id": "two", "text": "둘째 <문서>"}, ensure_ascii=False)]),
                    encoding="utf-8")
    out = tmp_path / "p.html"
    result = korex_cli("extract", tmp_path / "missing.txt", good, "--format", "html", "-o", out, "-m", "rules")
    assert result.exit_code == 1
    assert Page(out.read_text(encoding="utf-8")).texts == {"d0": "한빛전자는 23일 밝혔다.", "d1": "둘째 <문서>"}


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (Debian package chromium)")
def test_page_renders_in_chromium(run_both, tmp_path):
    page_path, docs, _ = run_both
    profile = tmp_path / "profile"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--dump-dom", page_path.as_uri()]
    # Chromium's D-Bus and GPU complaints go to stderr; only the DOM on stdout counts.
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(cmd, capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    dom = done.stdout.decode("utf-8")
    assert dom.strip(), done.stderr.decode(errors="replace")[-2000:]
    page = Page(dom)
    _check_deals_shown(page, docs)
    assert page.spans["d0-deal0-trigger"] == docs[0]["deals"][0]["trigger"]["text"]
