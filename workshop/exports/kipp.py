"""Innovation proposal drafts for KIPP (Kompetisi Inovasi Pelayanan Publik) in
Word, in the rubric's section order with each section's weight and word limit
(workshop/proposals/rubrics/), the facts Urai holds, and, for a proposal of
the workspace, its text as written, its checklist and its weighted score.

`build` is the facilitator's "KIPP drafts" export: one draft per proposal
being written, or, before any is promoted, starting drafts of the best-voted
solutions. `build_proposal` is one proposal's draft, from its page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor
from flask_babel import gettext as _

from ..core.models import Workshop
from ..proposals import rubric as rubrics
from ..proposals.facts import Facts, facts_for, facts_of, plan_labels, starting_text
from ..proposals.models import DRAFT, Proposal
from ..proposals.services import assessment_of, proposals_of, rubric_of
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


def build(results: Results, top: int = 3) -> bytes:
    """Every proposal being drafted; before any, the top solutions' starting drafts."""
    workshop = results.workshop
    drafts = [proposal_draft(workshop, p) for p in proposals_of(workshop) if p.status == DRAFT]
    if not drafts:
        rubric = rubrics.newest()
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
    )


def _document(workshop: Workshop, drafts: list[Draft]) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
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
    meta.add_run(f"{_('Workshop')}: {workshop.title}\n")
    meta.add_run(f"{draft.rubric.title.get(language)}\n")
    criteria = ", ".join(c.title.get(language) for c in draft.rubric.criteria)
    meta.add_run(_("KIPP criteria: %(criteria)s.", criteria=criteria)).italic = True
    _facts(doc, draft.facts)
    for number, section in enumerate(draft.rubric.sections, start=1):
        doc.add_heading(
            _(
                "%(n)d. %(title)s (weight %(weight)d%%)",
                n=number,
                title=section.title.get(language),
                weight=section.weight,
            ),
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
                " " + _("(%(n)d of at most %(limit)d words)", n=words, limit=section.word_limit)
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


def _facts(doc: DocxDocument, facts: Facts) -> None:
    doc.add_heading(_("What Urai knows"), level=2)
    rows: list[tuple[str, str]] = []
    if facts.bottleneck:
        rows.append((_("Bottleneck"), facts.bottleneck))
    if facts.category:
        rows.append((_("Category"), facts.category))
    if facts.service:
        rows.append((_("Service"), facts.service))
    if facts.root_causes:
        rows.append((_("Root causes"), "; ".join(facts.root_causes)))
    if facts.usg and facts.usg.get("total") is not None:
        u, s, g, total = (facts.usg.get(k) for k in ("u", "s", "g", "total"))
        rows.append((_("USG score"), f"U {u} · S {s} · G {g} = {total}"))
    if facts.rank:
        rows.append((_("Rank in its sector"), str(facts.rank)))
    if facts.votes is not None:
        rows.append(
            (
                _("Votes"),
                _(
                    "solution %(solution)d, bottleneck %(bottleneck)d",
                    solution=facts.votes["solution"],
                    bottleneck=facts.votes["bottleneck"],
                ),
            )
        )
    if facts.agency:
        rows.append((_("Agency"), facts.agency))
    labels = plan_labels()
    rows += [(labels[name], value) for name, value in facts.plan.items() if name in labels]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


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
        cells[1].text = f"{section.weight}%"
        cells[2].text = "-" if score is None else str(score)
    doc.add_paragraph(_("Weighted score: %(total)s of 100", total=assessment.get("total", 0))).runs[
        0
    ].bold = True
