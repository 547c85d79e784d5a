"""The activity report (Laporan Kegiatan) as a Word document, in the common
layout of such reports and DOMAIN.md's outline: a cover with the organiser and
date; I. Pendahuluan (basis, aims), II. Pelaksanaan (time and place,
participants, speakers, process), III. Hasil (results per sector, priorities,
innovation ideas, votes, root causes), IV. Penutup (conclusion, follow-up and
the signature block), then the annexes (attendance list, and the action-plan
matrix on landscape pages). A4 pages, numbered; every table has set column
widths and repeats its header row on each page."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from flask_babel import gettext as _

from ..assessments import report as assessments
from ..attendance import report as attendance
from ..core.categories import CATEGORIES
from ..core.models import Workshop
from ..core.timeutil import utcnow
from ..polls import report as polls
from ..questions import report as questions_report  # issue 28: speakers' questions
from . import docx_layout as layout
from . import matrix
from .chart import FISHBONE_WIDTH_CM, fishbones, votes_per_sector
from .data import Results, SectorResult, votes_and_supports
from .docx_layout import NumberedList, add_row

# Column weights (relative widths) of each table, in the order of its header.
SECTOR_COUNTS = (7, 3, 3, 3)
BOTTLENECKS = (0.9, 4.4, 2.4, 1.0, 1.0, 1.6, 4.7)
PRIORITIES = (3.0, 1.6, 7.5, 0.8, 0.8, 0.8, 1.5)
ATTENDANCE = (0.9, 4.0, 3.4, 3.0, 2.5, 2.2)
# The annexed matrix: the columns a filed plan needs, on a landscape page.
MATRIX_KEYS = (
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
)
MATRIX = (1.0, 2.6, 3.8, 1.1, 1.6, 3.8, 3.5, 2.4, 2.2, 2.1, 2.5)
UNFILLED = "...................................."
CITY_UNFILLED = "................"
DATE_UNFILLED = "......................."
NO_BREAK = "\u00a0"


def build(results: Results) -> bytes:
    doc = Document()
    layout.set_up(doc)
    _cover(doc, results)
    body = layout.new_section(doc)
    layout.page_numbers(body, start=1)
    _introduction(doc, results)
    _conduct(doc, results)
    _results(doc, results)
    _closing(doc, results)
    annex = Annexes(doc)
    _annexes(doc, results, annex)
    properties(doc, results.workshop)
    attendance.add_to_report(doc, results.workshop, annex)  # the signed lists (issue 28)
    questions_report.add_to_report(doc, results.workshop, annex)  # the speakers' questions
    polls.add_to_report(doc, results.workshop, annex)  # poll, wordcloud: each step's results
    assessments.add_to_report(doc, results.workshop, annex)  # pretest, posttest, evaluation
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class Annexes:
    """Each annex, whichever feature writes it, starts here: on a new A4 page of
    its own orientation (portrait but for the matrix; the pages go on counting),
    under a heading numbered in the order they are written: "Lampiran 3. Daftar
    hadir hari ke-1"."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.count = 0

    def __call__(self, title: str, *, landscape: bool = False) -> Paragraph:
        self.count += 1
        layout.new_section(self.doc, landscape=landscape)
        return self.doc.add_heading(_("Annex %(n)d. %(title)s", n=self.count, title=title), 1)


def properties(doc: DocxDocument, w: Workshop) -> None:
    """The file's own details (File > Properties): the workshop's title, and its
    organiser as the author, the office that files the report; never the program
    that wrote it (python-docx's template says "python-docx")."""
    core = doc.core_properties
    core.title = w.title
    core.author = core.last_modified_by = w.organiser or ""
    core.comments = core.subject = core.keywords = core.category = ""
    core.created = core.modified = utcnow()  # the file format's times are UTC
    core.revision = 1


def _cover(doc: DocxDocument, results: Results) -> None:
    """The cover: what, for whom, where and when, and who organised it; no page number."""
    w = results.workshop
    title = doc.add_heading(_("Activity report"), level=0)
    title.runs[0].font.all_caps = True
    title.runs[0].bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Cm(5)
    _centred(doc, w.title, size=16, bold=True, before=Cm(1))
    when = results.dates_text()
    _centred(doc, w.place or "", size=12, before=Cm(3))
    _centred(doc, when, size=12)
    if w.organiser:
        _centred(doc, _("Organiser"), size=11, before=Cm(5))
        _centred(doc, w.organiser.upper(), size=13, bold=True)
    if w.date:
        _centred(doc, str(w.date.year), size=13, bold=True)


def _centred(
    doc: DocxDocument, text: str, *, size: int, bold: bool = False, before: Cm | None = None
) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if before is not None:
        paragraph.paragraph_format.space_before = before
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def _introduction(doc: DocxDocument, results: Results) -> None:
    doc.add_heading(_("I. Introduction"), level=1)
    doc.add_heading(_("A. Basis"), level=2)
    references = NumberedList(doc)
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
        references.item(line)
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
    when = results.dates_text() or "-"
    doc.add_paragraph(f"{_('Date')}: {when}")
    doc.add_paragraph(f"{_('Place')}: {w.place or '-'}")
    doc.add_paragraph(f"{_('Organiser')}: {w.organiser or '-'}")
    doc.add_heading(_("B. Participants"), level=2)
    if attendance.signed(results.workshop):
        said = _(
            "%(n)d participants took part; the signed attendance lists are annexed.",
            n=len(results.participants),
        )
    else:
        said = _(
            "%(n)d participants took part; the attendance list is in annex 1.",
            n=len(results.participants),
        )
    doc.add_paragraph(said)
    table = layout.table(
        doc, [_("Sector"), _("Participants"), _("Bottlenecks"), _("Solutions")], SECTOR_COUNTS
    )
    for r in results.sectors:
        add_row(table, [r.sector.name, r.participants, len(r.bottlenecks), r.solution_count])
    doc.add_heading(_("C. Speakers"), level=2)
    if results.speakers:
        for speaker in results.speakers:
            doc.add_paragraph(speaker, style="List Bullet")
    else:
        doc.add_paragraph("-")
    doc.add_heading(_("D. Process"), level=2)
    doc.add_paragraph(process_text(results))
    days = sorted({phase.day or 1 for phase in w.phases})
    for day in days:
        if len(days) > 1:  # a Bimtek of several days: its agenda day by day
            date = w.date_of(day)
            title = _("Day %(n)d", n=day)
            heading = doc.add_paragraph()
            heading.add_run(f"{title}, {results.date_text(date)}" if date else title).bold = True
            heading.paragraph_format.keep_with_next = True
        for phase in w.phases:
            if (phase.day or 1) == day:
                doc.add_paragraph(phase.name, style="List Number 2")


def process_text(results: Results) -> str:
    """What the room did, as the results show it: a step is named only if it left
    something (categories on the bottlenecks, solutions, votes, causes, scores)."""
    rows = [row for r in results.sectors for row in r.bottlenecks]
    if results.categorised:
        wrote = _(
            "Participants joined from their phones, chose their sector and wrote the "
            "bottlenecks of their services, each with its category from the community "
            "satisfaction survey elements."
        )
    else:
        wrote = _(
            "Participants joined from their phones, chose their sector and wrote the "
            "bottlenecks of their services."
        )
    steps = [
        (any(row.solutions for row in rows), _("proposed alternative solutions")),
        (
            any(row.votes or any(s.votes for s in row.solutions) for row in rows),
            _("voted with dots"),
        ),
        (any(row.causes for row in rows), _("traced the causes of the bottlenecks (fishbone)")),
        (
            any(row.rank is not None for row in rows),
            _("scored the bottlenecks with USG (Urgency, Seriousness, Growth, 1-5 each)"),
        ),
    ]
    done = [text for happened, text in steps if happened]
    if not done:
        return wrote
    listed = (
        done[0]
        if len(done) == 1
        else _("%(first)s and %(last)s", first=", ".join(done[:-1]), last=done[-1])
    )
    return f"{wrote} {_('They then %(steps)s.', steps=listed)}"


def _clause(text: str) -> str:
    """A card's text inside a sentence: without its closing full stop or comma."""
    return text.strip().rstrip(".,;:").rstrip()


def _idea_note(sector: str, bottleneck: str, votes: int) -> str:
    """The note after an idea, (sector; answers “bottleneck”; 3 votes): no votes
    while there are none."""
    parts = [sector, _("answers “%(bottleneck)s”", bottleneck=_clause(bottleneck))]
    if votes:
        parts.append(_("1 vote") if votes == 1 else _("%(n)d votes", n=votes))
    return f"({'; '.join(parts)})"


def _results(doc: DocxDocument, results: Results) -> None:
    doc.add_heading(_("III. Results"), level=1)
    doc.add_heading(_("A. Bottlenecks per sector"), level=2)
    for r in results.sectors:
        doc.add_heading(r.sector.name, level=3)
        if not r.bottlenecks:
            doc.add_paragraph(_("No bottlenecks were recorded for this sector."))
            continue
        _bottleneck_table(doc, r, categorised=results.categorised)
    doc.add_heading(_("B. Priorities"), level=2)
    priorities = results.priorities()
    if priorities:
        table = layout.table(
            doc, [_("Sector"), _("Rank"), _("Bottleneck"), "U", "S", "G", _("Total")], PRIORITIES
        )
        for r, row in priorities:
            a = row.card.assessment
            add_row(
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
        ideas = NumberedList(doc)
        for r, row, solution in best:
            item = ideas.item()
            item.add_run(solution.card.text).bold = True
            item.add_run(" " + _idea_note(r.sector.name, row.card.text, solution.votes))
    else:
        doc.add_paragraph(_("No solutions were proposed yet."))
    doc.add_heading(_("D. Votes per sector"), level=2)
    doc.add_picture(io.BytesIO(votes_per_sector(results)), width=Cm(15))
    _root_causes(doc, results)


def _bottleneck_table(doc: DocxDocument, r: SectorResult, *, categorised: bool) -> None:
    """A sector's bottlenecks; the category column only where the room categorised
    them (a card without one says so)."""
    header = [_("No."), _("Bottleneck"), _("Category"), _("Votes"), _("USG"), _("Rank")]
    header.append(_("Alternative solutions"))
    weights = list(BOTTLENECKS)
    whole = {2: [*(matrix.category_label(code) for code in CATEGORIES), _("No category")]}
    if not categorised:
        del header[2], weights[2]
        whole = {}
    table = layout.table(doc, header, weights, whole=whole)
    for n, row in enumerate(r.bottlenecks, start=1):
        values: list[object] = [
            n,
            row.card.text,
            matrix.category_cell(row.card.category),
            votes_and_supports(row.votes, row.supports),
            row.total if row.total is not None else "-",
            row.rank or "-",
            "\n".join(f"- {s.card.text}" for s in row.solutions),
        ]
        if not categorised:
            del values[2]
        add_row(table, values)


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
        for picture in fishbones(row, bones):
            doc.add_picture(io.BytesIO(picture), width=Cm(FISHBONE_WIDTH_CM))
        for cause in row.causes:
            item = doc.add_paragraph(style="List Bullet" if cause.depth == 1 else "List Bullet 2")
            if cause.depth == 1:
                item.add_run(f"{names.get(cause.card.bone or '', '')}: ").italic = True
            run = item.add_run(cause.card.text)
            if cause.card.is_root:
                run.bold = True
                item.add_run(" " + _("(root cause)"))


def _closing(doc: DocxDocument, results: Results) -> None:
    """IV. Penutup: what came out, what follows, and the signature block."""
    doc.add_heading(_("IV. Closing"), level=1)
    doc.add_heading(_("A. Conclusion"), level=2)
    bottlenecks = sum(len(r.bottlenecks) for r in results.sectors)
    doc.add_paragraph(
        _(
            "%(n)d bottlenecks were identified in %(sectors)d sectors, with %(solutions)d "
            "alternative solutions; %(scored)d bottlenecks were scored with USG.",
            n=bottlenecks,
            sectors=sum(1 for r in results.sectors if r.bottlenecks),
            solutions=sum(r.solution_count for r in results.sectors),
            scored=sum(1 for r in results.sectors for b in r.bottlenecks if b.rank is not None),
        )
    )
    doc.add_heading(_("B. Follow-up"), level=2)
    for line in (
        _("Coaching of each agency in writing its innovation proposal."),
        _("Trial of the chosen innovations and documentation of their results."),
        _("Registration of the proposals in the KIPP timetable set by KemenPANRB."),
        _("Monitoring of the action plan by the organisation bureau."),
    ):
        doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph(_("This report is made to be used as appropriate."))
    _signature(doc, results)


def _signature(doc: DocxDocument, results: Results) -> None:
    """Tempat, tanggal, jabatan, room to sign, nama and NIP, on the right half of the
    page, in a borderless table; dotted lines where the workshop names nobody yet."""
    w = results.workshop
    day: dt.date | None = w.report_date or w.date
    block = doc.add_table(rows=1, cols=2)
    block.autofit = False
    half = layout.text_width(doc.sections[-1]) // 2
    for column in block.columns:
        column.width = half
    layout.keep_whole(block.rows[0])
    left, right = block.rows[0].cells
    left.width = right.width = half
    right.paragraphs[0].paragraph_format.space_before = Cm(1)
    when = results.date_text(day) if day else None
    right.paragraphs[0].add_run(signed_at(w.report_place, when))
    right.add_paragraph(f"{w.signer_position}," if w.signer_position else UNFILLED)
    signed = right.add_paragraph()
    signed.paragraph_format.space_before = Cm(2.2)
    name = signed.add_run(w.signer_name or UNFILLED)
    name.bold = True
    name.underline = bool(w.signer_name)
    right.add_paragraph(f"NIP. {w.signer_nip or UNFILLED}")
    for paragraph in right.paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def signed_at(city: str | None, when: str | None) -> str:
    """ "Maros, 8 Desember 2026": the city the report is signed in (a line to fill in
    when none is set: the venue is no place to sign a letter in) and the date,
    whose words never part at the end of a line."""
    return f"{city or CITY_UNFILLED}, {(when or DATE_UNFILLED).replace(' ', NO_BREAK)}"


def _annexes(doc: DocxDocument, results: Results, annex: Annexes) -> None:
    """The attendance list to sign on paper (unless the agenda's attendance was
    signed on the phones: those lists follow the matrix, one a day) and the matrix."""
    if not attendance.signed(results.workshop):
        _paper_attendance(doc, results, annex)
    annex(_("Action plan matrix"), landscape=True)
    labels = {c.key: c.label for c in matrix.columns()}
    small = layout.SMALL_TABLE_STYLE
    names = [r.sector.name for r in results.sectors]
    table = layout.table(
        doc, [labels[k] for k in MATRIX_KEYS], MATRIX, style=small, whole={1: names}
    )
    for row in matrix.rows(results):
        add_row(table, [row[k] if row[k] is not None else "" for k in MATRIX_KEYS], style=small)


def _paper_attendance(doc: DocxDocument, results: Results, annex: Annexes) -> None:
    annex(_("Attendance list"))
    sectors = {r.sector.id: r.sector.name for r in results.sectors}
    table = layout.table(
        doc,
        [_("No."), _("Name"), _("Agency"), _("Position"), _("Sector"), _("Signature")],
        ATTENDANCE,
        whole={4: sectors.values()},
    )
    for n, person in enumerate(results.participants, start=1):
        add_row(
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
        table.rows[-1].height = Cm(0.9)  # room to sign
