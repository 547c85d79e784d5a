"""The activity report (Laporan Kegiatan) as a Word document, in DOMAIN.md's outline:
basis and aims, participants, speakers, process, results per sector,
priorities, innovation ideas, follow-up, and the annexes (attendance list,
action-plan matrix)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table
from flask_babel import format_date
from flask_babel import gettext as _

from . import matrix
from .chart import fishbone, votes_per_sector
from .data import Results


def build(results: Results) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    w = results.workshop
    title = doc.add_heading(_("Activity report"), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = doc.add_paragraph(w.title)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _introduction(doc, results)
    _conduct(doc, results)
    _results(doc, results)
    _follow_up(doc)
    _annexes(doc, results)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _introduction(doc: DocxDocument, results: Results) -> None:
    doc.add_heading(_("I. Introduction"), level=1)
    doc.add_heading(_("A. Basis"), level=2)
    for line in (
        _("The policy of one agency, one innovation (satu instansi satu inovasi)."),
        _(
            "The Public Service Innovation Competition (KIPP) of the Ministry of State "
            "Apparatus Empowerment and Bureaucratic Reform (KemenPANRB)."
        ),
        _(
            "Community satisfaction survey elements, PermenPANRB 14/2017, and service "
            "standard components, PermenPANRB 15/2014."
        ),
    ):
        doc.add_paragraph(line, style="List Number")
    doc.add_heading(_("B. Aims"), level=2)
    doc.add_paragraph(
        _(
            "To identify, sector by sector, the bottlenecks in public services, to agree on "
            "alternative solutions, to set priorities, and to prepare the best ideas as "
            "public-service innovation proposals."
        )
    )


def _conduct(doc: DocxDocument, results: Results) -> None:
    w = results.workshop
    doc.add_heading(_("II. Conduct of the activity"), level=1)
    doc.add_heading(_("A. Time and place"), level=2)
    when = format_date(w.date, "long") if w.date else "-"
    doc.add_paragraph(f"{_('Date')}: {when}")
    doc.add_paragraph(f"{_('Place')}: {w.place or '-'}")
    doc.add_paragraph(f"{_('Organiser')}: {w.organiser or '-'}")
    doc.add_heading(_("B. Participants"), level=2)
    doc.add_paragraph(
        _(
            "%(n)d participants took part; the attendance list is in annex 1.",
            n=len(results.participants),
        )
    )
    table = _table(doc, [_("Sector"), _("Participants"), _("Bottlenecks"), _("Solutions")])
    for r in results.sectors:
        _add_row(table, [r.sector.name, r.participants, len(r.bottlenecks), r.solution_count])
    doc.add_heading(_("C. Speakers"), level=2)
    if results.speakers:
        for speaker in results.speakers:
            doc.add_paragraph(speaker, style="List Bullet")
    else:
        doc.add_paragraph("-")
    doc.add_heading(_("D. Process"), level=2)
    doc.add_paragraph(
        _(
            "Participants joined from their phones, chose their sector and wrote the bottlenecks "
            "of their services, each with its category from the community satisfaction survey "
            "elements. They then proposed alternative solutions, voted with dots, and scored the "
            "bottlenecks with USG (Urgency, Seriousness, Growth, 1-5 each)."
        )
    )
    for phase in w.phases:
        doc.add_paragraph(phase.name, style="List Number 2")


def _results(doc: DocxDocument, results: Results) -> None:
    doc.add_heading(_("III. Results"), level=1)
    doc.add_heading(_("A. Bottlenecks per sector"), level=2)
    for r in results.sectors:
        doc.add_heading(r.sector.name, level=3)
        if not r.bottlenecks:
            doc.add_paragraph(_("No bottlenecks were recorded for this sector."))
            continue
        table = _table(
            doc,
            [
                _("No."),
                _("Bottleneck"),
                _("Category"),
                _("Votes"),
                _("USG"),
                _("Rank"),
                _("Alternative solutions"),
            ],
        )
        for n, row in enumerate(r.bottlenecks, start=1):
            solutions = "\n".join(f"- {s.card.text}" for s in row.solutions)
            _add_row(
                table,
                [
                    n,
                    row.card.text,
                    matrix.category_label(row.card.category),
                    row.votes,
                    row.total if row.total is not None else "-",
                    row.rank or "-",
                    solutions,
                ],
            )
    doc.add_heading(_("B. Priorities"), level=2)
    priorities = results.priorities()
    if priorities:
        table = _table(doc, [_("Sector"), _("Rank"), _("Bottleneck"), "U", "S", "G", _("Total")])
        for r, row in priorities:
            a = row.card.assessment
            _add_row(
                table,
                [
                    r.sector.name,
                    row.rank,
                    row.card.text,
                    a.urgency if a else "",
                    a.seriousness if a else "",
                    a.growth if a else "",
                    row.total,
                ],
            )
    else:
        doc.add_paragraph(_("No bottleneck has been scored yet."))
    doc.add_heading(_("C. Innovation ideas"), level=2)
    best = results.best_solutions(10)
    if best:
        for r, row, solution in best:
            item = doc.add_paragraph(style="List Number")
            item.add_run(solution.card.text).bold = True
            item.add_run(
                " "
                + _(
                    "(%(sector)s; answers: %(bottleneck)s; votes: %(n)d)",
                    sector=r.sector.name,
                    bottleneck=row.card.text,
                    n=solution.votes,
                )
            )
    else:
        doc.add_paragraph(_("No solutions were proposed yet."))
    doc.add_heading(_("D. Votes per sector"), level=2)
    doc.add_picture(io.BytesIO(votes_per_sector(results)), width=Cm(15))
    _root_causes(doc, results)


def _root_causes(doc: DocxDocument, results: Results) -> None:
    """E. The fishbone and the cause list of every bottleneck the room analysed."""
    analysed = [(r, row) for r in results.sectors for row in r.bottlenecks if row.causes]
    doc.add_heading(_("E. Root causes"), level=2)
    if not analysed:
        doc.add_paragraph(_("No causes were recorded yet."))
        return
    bones = results.workshop.bones()
    names = {b["key"]: b["name"] for b in bones}
    for r, row in analysed:
        doc.add_heading(f"{r.sector.name}: {row.card.text}", level=3)
        doc.add_picture(io.BytesIO(fishbone(row, bones)), width=Cm(16))
        for cause in row.causes:
            item = doc.add_paragraph(style="List Bullet" if cause.depth == 1 else "List Bullet 2")
            if cause.depth == 1:
                item.add_run(f"{names.get(cause.card.bone or '', '')}: ").italic = True
            run = item.add_run(cause.card.text)
            if cause.card.is_root:
                run.bold = True
                item.add_run(" " + _("(root cause)"))


def _follow_up(doc: DocxDocument) -> None:
    doc.add_heading(_("IV. Follow-up"), level=1)
    for line in (
        _("Coaching of each agency in writing its innovation proposal."),
        _("Trial of the chosen innovations and documentation of their results."),
        _("Registration of the proposals in the KIPP timetable set by KemenPANRB."),
        _("Monitoring of the action plan by the organisation bureau."),
    ):
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(_("V. Closing"), level=1)
    doc.add_paragraph(_("This report is made to be used as appropriate."))


def _annexes(doc: DocxDocument, results: Results) -> None:
    doc.add_page_break()
    doc.add_heading(_("Annex 1. Attendance list"), level=1)
    sectors = {r.sector.id: r.sector.name for r in results.sectors}
    table = _table(
        doc, [_("No."), _("Name"), _("Agency"), _("Position"), _("Sector"), _("Signature")]
    )
    for n, person in enumerate(results.participants, start=1):
        _add_row(
            table,
            [
                n,
                person.name,
                person.agency,
                person.position or "",
                sectors.get(person.sector_id or 0, ""),
                "",
            ],
        )
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading(_("Annex 2. Action plan matrix"), level=1)
    keys = [
        "no",
        "sector",
        "bottleneck",
        "total",
        "rank",
        "solution",
        "steps",
        "indicator",
        "responsible",
        "timeframe",
        "resources",
    ]
    labels = {c.key: c.label for c in matrix.columns()}
    table = _table(doc, [labels[k] for k in keys])
    for row in matrix.rows(results):
        _add_row(table, [row[k] if row[k] is not None else "" for k in keys])


def _table(doc: DocxDocument, header: list[str]) -> Table:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(label)).bold = True
    return table


def _add_row(table: Table, values: list[object]) -> None:
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = "" if value is None else str(value)
