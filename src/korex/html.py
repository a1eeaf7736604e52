"""korex documents as one self-contained HTML page: ``korex extract --format html``.

Each document gets a heading, tables of its deals, people, companies/organizations and
relations, and its text with every entity mention highlighted displaCy-style, deal triggers
underlined, and deal and relation evidence anchored. Table rows link to those anchors.

The page loads nothing: CSS is inlined (``resources/html/korex.css``), a few lines of script
only widen a link's highlight to every piece of a span, and a Content-Security-Policy forbids
any fetch. The text is not part of a :class:`~korex.schema.Document`, so callers pass it along.

Spans nest and overlap freely (a trigger inside a deal's evidence, one relation's evidence
across another's), so the text is cut at every span boundary into non-overlapping segments,
and each segment opens and closes all the spans covering it. The markup is well-formed
whatever the spans are; a span cut into pieces carries its id on the first piece only and a
``data-span`` key on all of them.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import IO, Optional, Sequence

from korex import __version__
from korex.schema import Document

__all__ = ["render_html", "HtmlWriter", "render_document", "page_start", "page_end", "ENTITY_TYPES"]

# Types with a colour of their own in korex.css; any other type is drawn in a neutral grey.
ENTITY_TYPES = ("COMPANY", "ORGANIZATION", "PERSON", "LOCATION", "DATE", "TIME", "MONEY", "QUANTITY")
_ORG_TYPES = ("COMPANY", "ORGANIZATION")

# Nesting order inside a segment: evidence outermost, then triggers, then entity marks, so a
# mark's box is never cut by an underline or a highlight.
_EVIDENCE, _TRIGGER, _MENTION = 0, 1, 2

# Widens a followed link's highlight from the first piece of a span (which :target alone
# reaches) to all its pieces. Without script the page still works, just less highlighted.
_SCRIPT = (
    "(function(){function hl(){var o=document.querySelectorAll('.hit');"
    "for(var i=0;i<o.length;i++)o[i].classList.remove('hit');"
    "var h=decodeURIComponent(location.hash.slice(1));if(!h)return;"
    "var e=document.querySelectorAll('[data-span=\"'+CSS.escape(h)+'\"]');"
    "for(var j=0;j<e.length;j++)e[j].classList.add('hit');}"
    "addEventListener('hashchange',hl);hl();})();"
)
# The page is meant to open anywhere offline; the policy makes any accidental external
# reference fail loudly instead of phoning out.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=False)


def _attr(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=1)
def _css() -> str:
    return (files("korex") / "resources" / "html" / "korex.css").read_text(encoding="utf-8")


# --- the page -------------------------------------------------------------------------------


def page_start(title: str = "korex") -> str:
    """Everything before the first document: head, inline CSS, the colour legend."""
    version = __version__
    legend = "".join(f'<span class="chip {t}">{t}</span>' for t in ENTITY_TYPES)
    legend += '<span class="chip"><u class="trigger">deal trigger</u></span>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_attr(_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="korex {_attr(version)}">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n"
        f"<header><h1>{_esc(title)}</h1>\n<div class=\"legend\">{legend}</div></header>\n"
    )


def page_end(count: Optional[int] = None) -> str:
    """Everything after the last document; ``count`` documents were rendered."""
    empty = '<p class="empty">No documents.</p>\n' if count == 0 else ""
    return f"{empty}<footer>Written by korex.</footer>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"


def render_html(documents: Sequence[Document], texts: Sequence[Optional[str]], *,
                title: str = "korex") -> str:
    """One self-contained HTML page for ``documents``; ``texts[i]`` is the input text of
    ``documents[i]`` (None where unknown: its tables are shown, its text is not)."""
    if len(documents) != len(texts):
        raise ValueError(f"{len(documents)} documents but {len(texts)} texts")
    parts = [page_start(title)]
    parts.extend(render_document(doc, text, i) for i, (doc, text) in enumerate(zip(documents, texts)))
    parts.append(page_end(len(documents)))
    return "".join(parts)


class HtmlWriter:
    """Writes documents into one page as they come, so a long run holds one document at a
    time. Same shape as :class:`korex.io.DocumentWriter`, with the text passed alongside."""

    format = "html"

    def __init__(self, stream: IO[str], *, single: bool = False, title: str = "korex"):
        self.stream = stream
        self.single = single
        self.title = title
        self.count = 0

    def write(self, doc: Document, text: Optional[str] = None) -> None:
        if self.count == 0:
            self.stream.write(page_start(self.title))
        self.stream.write(render_document(doc, text, self.count))
        self.count += 1

    def close(self) -> None:
        if self.empty:
            # As --format json: one failed input document leaves no output rather than a
            # page that says nothing.
            self.stream.flush()
            return
        if self.count == 0:
            self.stream.write(page_start(self.title))
        self.stream.write(page_end(self.count))
        self.stream.flush()

    @property
    def empty(self) -> bool:
        return self.single and self.count == 0


# --- one document ---------------------------------------------------------------------------


@dataclass
class _Span:
    start: int
    end: int
    rank: int
    key: str  # the anchor id of the span; every piece carries it as data-span
    tag: str
    classes: str
    title: str = ""
    label: str = ""  # drawn after the span's last character
    label_class: str = "lbl"
    order: int = 0


@dataclass
class _Anchors:
    """Ids of the spans the text actually rendered, so that no row links to nothing."""

    ids: set[str] = field(default_factory=set)

    def link(self, key: str, inner_html: str, title: str = "") -> str:
        if key not in self.ids:
            return inner_html
        t = f' title="{_attr(title)}"' if title else ""
        return f'<a href="#{_attr(key)}"{t}>{inner_html}</a>'


def render_document(doc: Document, text: Optional[str], index: int = 0) -> str:
    """One ``<article>``: heading, tables, marked-up text. ``index`` makes its ids unique in
    the page (ids come from positions, not from document or entity ids, which may be any
    string)."""
    p = f"d{index}"
    entities = {e.id: e for e in doc.entities}
    spans = _spans(doc, text, p) if text is not None else []
    body, anchors = _mark_up(text, spans) if text is not None else ("", _Anchors())

    heading = doc.id if doc.id is not None else f"document {index + 1}"
    facts = [f"reference date: {doc.reference_date or 'none'}",
             f"{len(doc.entities)} entities", f"{len(doc.relations)} relations", f"{len(doc.deals)} deals"]
    if text is not None:
        facts.append(f"{len(text)} characters")
    out = [f'<article class="doc" id="{p}">\n<h2>{_esc(heading)}</h2>\n'
           f'<p class="docmeta">{_esc(" · ".join(facts))}</p>\n']
    out.append(_deals_table(doc, entities, anchors, p))
    first = _first_mentions(doc, p)
    out.append(_people_table(doc, entities, first, anchors, p))
    out.append(_orgs_table(doc, entities, first, anchors))
    out.append(_relations_table(doc, entities, anchors, p))
    out.append("<h3>Text</h3>\n")
    if text is None:
        out.append('<p class="empty">The input text was not given.</p>\n')
    else:
        out.append(f'<div class="text" lang="ko">{body}</div>\n')
    out.append("</article>\n")
    return "".join(out)


def _mention_key(p: str, ent_index: int, mention_index: int) -> str:
    return f"{p}-e{ent_index}-m{mention_index}"


def _spans(doc: Document, text: str, p: str) -> list[_Span]:
    spans: list[_Span] = []
    for i, ent in enumerate(doc.entities):
        kind = ent.type if ent.type in ENTITY_TYPES else "OTHER"
        for j, m in enumerate(ent.mentions):
            tip = f"{ent.type} {ent.id}: {ent.name} · {m.source} {m.score:.2f}"
            if m.rule:
                tip += f" ({m.rule})"
            spans.append(_Span(m.start, m.end, _MENTION, _mention_key(p, i, j), "mark",
                               f"ent {kind}", tip, label=ent.type))
    for i, deal in enumerate(doc.deals):
        tip = f"{deal.id} {deal.type} ({deal.status})"
        spans.append(_Span(deal.trigger.start, deal.trigger.end, _TRIGGER, f"{p}-deal{i}-trigger", "u",
                           "trigger", f"trigger of {tip}", label=f"{deal.id} {deal.type}", label_class="tlbl"))
        spans.append(_Span(deal.evidence.start, deal.evidence.end, _EVIDENCE, f"{p}-deal{i}-evidence",
                           "span", "ev ev-deal", f"evidence of {tip}"))
    for i, rel in enumerate(doc.relations):
        spans.append(_Span(rel.evidence.start, rel.evidence.end, _EVIDENCE, f"{p}-rel{i}-evidence",
                           "span", "ev ev-rel", f"evidence of {rel.type} {rel.head} → {rel.tail}"))
    for n, s in enumerate(spans):
        s.order = n
    # A span outside the text (wrong text passed, or a bug upstream) is left out rather than
    # clipped: a clipped highlight would claim characters the extractor never pointed at.
    return [s for s in spans if 0 <= s.start <= s.end <= len(text)]


def _mark_up(text: str, spans: list[_Span]) -> tuple[str, _Anchors]:
    anchors = _Anchors()
    points: dict[int, list[_Span]] = {}
    starting: dict[int, list[_Span]] = {}
    for s in spans:
        (points if s.start == s.end else starting).setdefault(s.start, []).append(s)
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    active: list[_Span] = []

    def emit_points(pos: int) -> None:
        # An empty span still gets its anchor, so a link to it lands in the right place.
        for s in points.get(pos, ()):
            anchors.ids.add(s.key)
            out.append(f'<span id="{_attr(s.key)}" data-span="{_attr(s.key)}" class="{s.classes}" '
                       f'title="{_attr(s.title)}"></span>')

    for a, b in zip(bounds, bounds[1:]):
        emit_points(a)
        active = [s for s in active if s.end > a] + starting.get(a, [])
        nested = sorted(active, key=lambda s: (s.rank, s.start, -s.end, s.order))
        for s in nested:
            out.append(_open(s, first=(s.start == a), last=(s.end == b)))
            if s.start == a:
                anchors.ids.add(s.key)
        out.append(_esc(text[a:b]))
        for s in reversed(nested):
            if s.end == b and s.label:
                out.append(f'<span class="{s.label_class}">{_esc(s.label)}</span>')
            out.append(f"</{s.tag}>")
    emit_points(len(text))
    return "".join(out), anchors


def _open(s: _Span, *, first: bool, last: bool) -> str:
    classes = s.classes + ("" if first else " cut-l") + ("" if last else " cut-r")
    ident = f' id="{_attr(s.key)}"' if first else ""
    return (f'<{s.tag}{ident} class="{classes}" data-span="{_attr(s.key)}" '
            f'title="{_attr(s.title)}">')


# --- tables ---------------------------------------------------------------------------------


def _table(caption: str, cls: str, headers: Sequence[str], rows: list[str], none: str) -> str:
    if not rows:
        return f'<h3>{_esc(caption)}</h3>\n<p class="empty">{_esc(none)}</p>\n'
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    return (f'<h3>{_esc(caption)}</h3>\n<table class="{cls}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "".join(rows) + "</tbody>\n</table>\n")


def _name_of(entities: dict, entity_id: Optional[str]) -> str:
    ent = entities.get(entity_id) if entity_id is not None else None
    return ent.name if ent is not None else (entity_id or "")


def _first_mentions(doc: Document, p: str) -> dict[str, str]:
    """Entity id -> anchor key of its earliest mention in the text."""
    keys: dict[str, str] = {}
    for i, ent in enumerate(doc.entities):
        if ent.mentions and ent.id not in keys:
            j = min(range(len(ent.mentions)), key=lambda k: (ent.mentions[k].start, ent.mentions[k].end))
            keys[ent.id] = _mention_key(p, i, j)
    return keys


def _entity_link(entities: dict, first: dict, entity_id: str, anchors: _Anchors) -> str:
    name = _esc(_name_of(entities, entity_id))
    key = first.get(entity_id)
    return anchors.link(key, name, "first mention") if key else name


def _deals_table(doc: Document, entities: dict, anchors: _Anchors, p: str) -> str:
    rows = []
    for i, d in enumerate(doc.deals):
        parties = "<br>".join(
            f'<span class="party">{_esc(_name_of(entities, pt.entity))}</span> '
            f'<span class="role">({_esc(pt.role)})</span>' for pt in d.parties)
        date = _esc(d.date or "")
        if d.date_entity and d.date_entity in entities:
            date += f' <span class="note">({_esc(entities[d.date_entity].name)})</span>'
        amount = ""
        if d.amount is not None:
            amount = _esc(d.amount.text)
            if d.amount.value is not None:
                amount += f' <span class="note">({d.amount.value:,.0f} {_esc(d.amount.currency or "")})</span>'
        rows.append(
            f'<tr data-deal="{_attr(d.id)}">'
            f"<td>{anchors.link(f'{p}-deal{i}-evidence', _esc(d.id), 'evidence')}</td>"
            f'<td class="deal-type">{_esc(d.type)}</td>'
            f'<td class="parties">{parties}</td>'
            f'<td class="status status-{_attr(d.status)}">{_esc(d.status)}</td>'
            f"<td>{date}</td><td>{amount}</td>"
            f"<td>{anchors.link(f'{p}-deal{i}-trigger', _esc(d.trigger.text), 'trigger')}</td>"
            f'<td class="num">{d.score:.2f}</td></tr>\n')
    return _table("Deals", "deals", ("Deal", "Type", "Parties", "Status", "Date", "Amount", "Trigger", "Score"),
                  rows, "No deals found.")


def _people_table(doc: Document, entities: dict, first: dict, anchors: _Anchors, p: str) -> str:
    evidence = {(r.head, r.tail): f"{p}-rel{i}-evidence" for i, r in reversed(list(enumerate(doc.relations)))}
    rows = []
    for ent in doc.entities:
        if ent.type != "PERSON":
            continue
        aff = ""
        if ent.affiliation is not None:
            aff = _esc(_name_of(entities, ent.affiliation))
            key = evidence.get((ent.id, ent.affiliation))
            if key:
                aff = anchors.link(key, aff, "relation evidence")
        rows.append(
            f'<tr data-entity="{_attr(ent.id)}">'
            f"<td>{_entity_link(entities, first, ent.id, anchors)}</td>"
            f"<td>{_esc(', '.join(ent.titles))}</td><td>{aff}</td>"
            f'<td class="num">{len(ent.mentions)}</td></tr>\n')
    return _table("People", "people", ("Name", "Titles", "Affiliation", "Mentions"), rows, "No people found.")


def _orgs_table(doc: Document, entities: dict, first: dict, anchors: _Anchors) -> str:
    rows = []
    for ent in doc.entities:
        if ent.type not in _ORG_TYPES:
            continue
        rows.append(
            f'<tr data-entity="{_attr(ent.id)}">'
            f"<td>{_entity_link(entities, first, ent.id, anchors)}</td>"
            f'<td><span class="chip {ent.type}">{_esc(ent.type)}</span></td>'
            f"<td>{_esc(', '.join(ent.aliases))}</td>"
            f'<td class="num">{len(ent.mentions)}</td></tr>\n')
    return _table("Companies and organizations", "orgs", ("Name", "Type", "Aliases", "Mentions"), rows,
                  "No companies or organizations found.")


def _relations_table(doc: Document, entities: dict, anchors: _Anchors, p: str) -> str:
    rows = []
    for i, r in enumerate(doc.relations):
        rows.append(
            f"<tr><td>{anchors.link(f'{p}-rel{i}-evidence', _esc(r.type), 'evidence')}</td>"
            f"<td>{_esc(_name_of(entities, r.head))}</td><td>{_esc(r.title or '')}</td>"
            f"<td>{_esc(_name_of(entities, r.tail))}</td></tr>\n")
    return _table("Relations", "relations", ("Relation", "Person", "Title", "Employer"), rows,
                  "No relations found.")
