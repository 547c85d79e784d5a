"""Innovation proposal drafts for KIPP (Kompetisi Inovasi Pelayanan Publik) in
Word, on A4, in the rubric's section order with each section's weight and word
limit (workshop/proposals/rubrics/: the competition's name, year and groups
come from the rubric file), the workshop's findings, and, for a proposal of
the workspace, its text as written, its checklist and its weighted score.

A draft is a document an office files: it names no program, and a figure goes
in only when it says something (no "0 votes", no "weight 0%").

`build` is the facilitator's "KIPP drafts" export: one draft per proposal
being written, or, before any is promoted, starting drafts of the best-voted
solutions. `build_proposal` is one proposal's draft, from its page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt, RGBColor
from flask_babel import gettext as _

from ..core.models import Workshop
from ..core.timeutil import format_date_id
from ..proposals import rubric as rubrics
from ..proposals.facts import Facts, facts_for, facts_of, plan_labels, starting_text
from ..proposals.models import DRAFT, Proposal
from ..proposals.services import assessment_of, proposals_of, rubric_for, rubric_of
from ..proposals.words import count_words
from ..realtime.policy import REPORT_VIEW
from .data import Results

GUIDE = RGBColor(0x55, 0x55, 0x55)
WARN = RGBColor(0xB0, 0x00, 0x20)
TICKED, UNTICKED = "\u2611", "\u2610"


@dataclass(frozen=True)
class Draft:
    title: str
    facts: Facts
    rubric: rubrics.Rubric
    texts: dict[str, str]
    assessment: dict[str, object] | None = None  # a workspace proposal's checklist and scores
    group: str | None = None  # the rubric group's key (KIPP 2025: umum, replikasi)


def build(results: Results, top: int = 3) -> bytes:
    """Every proposal being drafted; before any, the top solutions' starting drafts."""
    workshop = results.workshop
    drafts = [proposal_draft(workshop, p) for p in proposals_of(workshop) if p.status == DRAFT]
    if not drafts:
        rubric = rubric_for(workshop)
        for _result, _bottleneck, solution in results.best_solutions(top):
            facts = facts_for(workshop, solution.card, REPORT_VIEW)
            texts = {s.key: starting_text(s.starts_with, facts) for s in rubric.sections}
            drafts.append(Draft(solution.card.text, facts, rubric, texts))
    return _document(workshop, drafts)


def build_proposal(workshop: Workshop, proposal: Proposal) -> bytes:
    return _document(workshop, [proposal_draft(workshop, proposal)])


def proposal_draft(workshop: Workshop, proposal: Proposal) -> Draft:
    return Draft(
        title=proposal.title,
        facts=facts_of(workshop, proposal, REPORT_VIEW),
        rubric=rubric_of(proposal),
        texts={s.key: s.text for s in proposal.sections},
        assessment=assessment_of(proposal),
        group=proposal.kipp_group,
    )


def _document(workshop: Workshop, drafts: list[Draft]) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    for section in doc.sections:  # the template's pages are US Letter
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    properties = doc.core_properties
    properties.author = workshop.organiser or ""
    properties.title = _("Innovation proposal drafts") if len(drafts) != 1 else drafts[0].title
    properties.comments = ""
    if not drafts:
        doc.add_heading(_("Innovation proposal drafts"), level=0)
        doc.add_paragraph(_("No solutions were proposed yet."))
    for index, draft in enumerate(drafts):
        if index:
            doc.add_page_break()
        _draft(doc, workshop, draft)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _draft(doc: DocxDocument, workshop: Workshop, draft: Draft) -> None:
    language = workshop.language
    doc.add_heading(_("Innovation proposal draft"), level=0)
    doc.add_paragraph(draft.title).runs[0].bold = True
    meta = doc.add_paragraph()
    meta.add_run(f"{_('Sector')}: {draft.facts.sector}\n")
    if draft.facts.agency:
        meta.add_run(f"{_('Agency')}: {draft.facts.agency}\n")
    meta.add_run(f"{_('Workshop')}: {_held(workshop)}\n")
    meta.add_run(f"{draft.rubric.title.get(language)}\n")
    if draft.rubric.groups:
        group = draft.rubric.group(draft.group)
        chosen = (
            group.title.get(language)
            if group
            else _(
                "%(choices)s (choose one)",
                choices=" / ".join(g.title.get(language) for g in draft.rubric.groups),
            )
        )
        meta.add_run(f"{_('KIPP group')}: {chosen}\n")
    criteria = ", ".join(c.title.get(language) for c in draft.rubric.criteria)
    meta.add_run(_("KIPP criteria: %(criteria)s.", criteria=criteria)).italic = True
    _facts(doc, draft.facts)
    for number, section in enumerate(draft.rubric.sections, start=1):
        title, weight = section.title.get(language), section.weight
        doc.add_heading(
            _("%(n)d. %(title)s (weight %(weight)d%%)", n=number, title=title, weight=weight)
            if weight
            else f"{number}. {title}",
            level=1,
        )
        text = draft.texts.get(section.key, "")
        guide = doc.add_paragraph()
        run = guide.add_run(section.guidance.get(language))
        run.italic = True
        run.font.color.rgb = GUIDE
        words = count_words(text)
        if section.word_limit:
            count = guide.add_run(
                " "
                + (
                    _("(%(n)d of at most %(limit)d words)", n=words, limit=section.word_limit)
                    if words
                    else _("(at most %(limit)d words)", limit=section.word_limit)
                )
            )
            count.font.color.rgb = WARN if words > section.word_limit else GUIDE
        lines = [line for line in text.split("\n") if line.strip()]
        for line in lines or [_("[To be written by the agency.]")]:
            doc.add_paragraph(line)
        if section.word_limit and words > section.word_limit:
            over = doc.add_paragraph().add_run(
                _("Over the limit by %(n)d words.", n=words - section.word_limit)
            )
            over.bold = True
            over.font.color.rgb = WARN
    if draft.assessment is not None:
        _assessment(doc, draft, language)


def _held(workshop: Workshop) -> str:
    """The workshop's title, place and date, as a letter writes them."""
    parts = [workshop.title, workshop.place or ""]
    if workshop.date:
        d = workshop.date
        parts.append(
            f"{d.day} {d.strftime('%B')} {d.year}"
            if workshop.language == "en"
            else format_date_id(d)
        )
    return ", ".join(p for p in parts if p)


def _facts(doc: DocxDocument, facts: Facts) -> None:
    doc.add_heading(_("Findings of the workshop"), level=2)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in _fact_rows(facts):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


def _fact_rows(facts: Facts) -> list[tuple[str, str]]:
    """Each fact that is known, as (label, value): an unknown one or a zero is left out."""
    usg = facts.usg if facts.usg and facts.usg.get("total") is not None else None
    votes = facts.votes or {}
    labels = plan_labels()
    rows = [
        (_("Bottleneck"), facts.bottleneck),
        (_("Category"), facts.category),
        (_("Service"), facts.service),
        (_("Root causes"), "; ".join(facts.root_causes)),
        (_("USG score"), usg and "U {u} · S {s} · G {g} = {total}".format(**usg)),
        (_("Rank in its sector"), str(facts.rank or "")),
        (_("Votes for the bottleneck"), str(votes.get("bottleneck") or "")),
        (_("Votes for the solution"), str(votes.get("solution") or "")),
        (_("Agency"), facts.agency),
        *((labels[name], value) for name, value in facts.plan.items() if name in labels),
    ]
    return [(label, value) for label, value in rows if value]


def _assessment(doc: DocxDocument, draft: Draft, language: str) -> None:
    assessment = draft.assessment or {}
    checklist = assessment.get("checklist")
    scores = assessment.get("scores")
    doc.add_heading(_("Self-assessment"), level=1)
    if isinstance(checklist, dict):
        for criterion in draft.rubric.criteria:
            mark = TICKED if checklist.get(criterion.key) else UNTICKED
            doc.add_paragraph(f"{mark} {criterion.title.get(language)}")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text, head[2].text = _("Section"), _("Weight"), _("Score (0-100)")
    for section in draft.rubric.sections:
        score = scores.get(section.key) if isinstance(scores, dict) else None
        cells = table.add_row().cells
        cells[0].text = section.title.get(language)
        cells[1].text = f"{section.weight}%" if section.weight else ""
        cells[2].text = "-" if score is None else str(score)
    if isinstance(scores, dict) and any(v is not None for v in scores.values()):
        total = _("Weighted score: %(total)s of 100", total=assessment.get("total", 0))
        doc.add_paragraph().add_run(total).bold = True
