"""Innovation proposal drafts for KIPP (Kompetisi Inovasi Pelayanan Publik),
one per chosen solution, in KIPP 2023's section order with each section's
weight, prefilled from the workshop; what is left to write is marked."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor
from flask_babel import gettext as _

from .data import BottleneckRow, Results, SectorResult, SolutionRow
from .matrix import category_label

SUMMARY_WORDS = 200
GUIDE = RGBColor(0x55, 0x55, 0x55)


@dataclass(frozen=True)
class Section:
    title: Callable[[], str]
    weight: int
    guide: Callable[[], str]
    draft: Callable[[SectorResult, BottleneckRow, SolutionRow], str]


def _summary(r: SectorResult, b: BottleneckRow, s: SolutionRow) -> str:
    text = _(
        "%(solution)s. An innovation of the %(sector)s sector answering a bottleneck in its "
        "services: %(bottleneck)s",
        solution=s.card.text.rstrip("."),
        sector=r.sector.name,
        bottleneck=b.card.text,
    )
    words = text.split()
    return " ".join(words[:SUMMARY_WORDS])


def _background(r: SectorResult, b: BottleneckRow, s: SolutionRow) -> str:
    a = b.card.assessment
    parts = [_("Bottleneck: %(text)s", text=b.card.text)]
    if b.card.category:
        parts.append(_("Category: %(category)s", category=category_label(b.card.category)))
    if b.card.service:
        parts.append(_("Service: %(service)s", service=b.card.service))
    roots = [c.card.text for c in b.root_causes]
    if roots:
        parts.append(_("Root causes: %(causes)s", causes="; ".join(roots)))
    if a and a.cause:
        parts.append(_("Cause: %(cause)s", cause=a.cause))
    if a and a.impact:
        parts.append(_("Impact on the public: %(impact)s", impact=a.impact))
    if b.total is not None:
        parts.append(
            _(
                "USG score %(total)d, rank %(rank)s in its sector; %(votes)d votes.",
                total=b.total,
                rank=b.rank or "-",
                votes=b.votes,
            )
        )
    return "\n".join(parts)


def _plan_field(name: str, label: Callable[[], str]) -> Callable[[SolutionRow], str]:
    def read(s: SolutionRow) -> str:
        value = getattr(s.card.plan, name, None) if s.card.plan else None
        return f"{label()}: {value}" if value else ""

    return read


_steps = _plan_field("steps", lambda: _("Activity steps"))
_time = _plan_field("timeframe", lambda: _("Timeframe"))
_who = _plan_field("responsible", lambda: _("Responsible"))
_indicator = _plan_field("indicator", lambda: _("Success indicator"))
_resources = _plan_field("resources", lambda: _("Resources/budget"))
_partners = _plan_field("stakeholders", lambda: _("Related parties"))


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


SECTIONS = (
    Section(
        lambda: _("Summary"),
        0,
        lambda: _("At most 200 words: the problem, the innovation, and its result."),
        _summary,
    ),
    Section(
        lambda: _("Background and aims"),
        10,
        lambda: _("The problem before the innovation, with data, and what the innovation aims at."),
        _background,
    ),
    Section(
        lambda: _("Novelty and added value"),
        15,
        lambda: _("What is new compared with how the service worked before, and elsewhere."),
        lambda r, b, s: s.card.text,
    ),
    Section(
        lambda: _("Implementation"),
        5,
        lambda: _("How and when it is carried out, and by whom."),
        lambda r, b, s: _join(_steps(s), _time(s), _who(s)),
    ),
    Section(
        lambda: _("Significance"),
        30,
        lambda: _("The results and benefits for the public, shown with data (before and after)."),
        lambda r, b, s: _join(_indicator(s), _("Votes in the workshop: %(n)d", n=s.votes)),
    ),
    Section(
        lambda: _("Adaptability"),
        20,
        lambda: _("How other agencies or regions can adopt it (transferable)."),
        lambda r, b, s: "",
    ),
    Section(
        lambda: _("Resources"),
        5,
        lambda: _("The people, budget and facilities it uses."),
        lambda r, b, s: _join(_resources(s), _who(s)),
    ),
    Section(
        lambda: _("Sustainability strategy"),
        15,
        lambda: _("Institutional, social and financial: rules, budget lines, partners."),
        lambda r, b, s: _partners(s),
    ),
)


def build(results: Results, top: int = 3) -> bytes:
    chosen = results.best_solutions(top)
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    if not chosen:
        doc.add_heading(_("Innovation proposal drafts"), level=0)
        doc.add_paragraph(_("No solutions were proposed yet."))
    for index, (result, bottleneck, solution) in enumerate(chosen):
        if index:
            doc.add_page_break()
        _proposal(doc, results, result, bottleneck, solution)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _proposal(
    doc: DocxDocument, results: Results, r: SectorResult, b: BottleneckRow, s: SolutionRow
) -> None:
    doc.add_heading(_("Innovation proposal draft"), level=0)
    doc.add_paragraph(s.card.text).runs[0].bold = True
    meta = doc.add_paragraph()
    meta.add_run(f"{_('Sector')}: {r.sector.name}\n")
    meta.add_run(f"{_('Workshop')}: {results.workshop.title}\n")
    criteria = _(
        "KIPP criteria: novelty, effectiveness, usefulness, transferability, sustainability."
    )
    meta.add_run(criteria).italic = True
    for number, section in enumerate(SECTIONS, start=1):
        doc.add_heading(
            _(
                "%(n)d. %(title)s (weight %(weight)d%%)",
                n=number,
                title=section.title(),
                weight=section.weight,
            ),
            level=1,
        )
        guide = doc.add_paragraph().add_run(section.guide())
        guide.italic = True
        guide.font.color.rgb = GUIDE
        draft = section.draft(r, b, s)
        doc.add_paragraph(draft if draft else _("[To be written by the agency.]"))
