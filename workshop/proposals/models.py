"""The tables of the proposal workspace: a proposal per promoted solution, its
sections (text with a version number), every revision of a section (for the
three-way merge and for audit), and the self-assessment (checklist and scores)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.timeutil import utcnow
from ..extensions import Base

DRAFT = "draft"
WITHDRAWN = "withdrawn"  # unpromoted; kept, and promoted again as it was
STATUSES = (DRAFT, WITHDRAWN)

# What became of one save (ProposalRevision.outcome).
START = "start"  # the starting text written from what Urai knows
SAVED = "saved"  # on the current version
MERGED = "merged"  # on an older version, merged onto the current one
REFUSED = "refused"  # overlapped another save: kept here, not made current

TITLE_MAX = 200
SECTION_MAX = 6000  # characters; word limits only warn (docs/PROTOCOL.md)


class Proposal(Base):
    __tablename__ = "proposal"
    __table_args__ = (UniqueConstraint("workshop_id", "solution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    solution_id: Mapped[int] = mapped_column(ForeignKey("card.id"))
    bottleneck_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    rubric: Mapped[str] = mapped_column(String(40))  # the rubric file it started with
    checklist: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    # The rubric's group it enters (KIPP 2025: "umum" or "replikasi"), if the rubric has groups.
    kipp_group: Mapped[str | None] = mapped_column(String(20))
    # The Indeks Inovasi Daerah profile fields saved so far (proposals/iid.py); the
    # others are shown pre-filled from what the workshop knows.
    iid: Mapped[dict[str, str] | None] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    sections: Mapped[list[ProposalSection]] = relationship(
        order_by="ProposalSection.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    def section(self, key: str) -> ProposalSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sector_id": self.sector_id,
            "solution_id": self.solution_id,
            "bottleneck_id": self.bottleneck_id,
            "title": self.title,
            "status": self.status,
            "rubric": self.rubric,
            "group": self.kipp_group,
        }


class ProposalSection(Base):
    __tablename__ = "proposal_section"
    __table_args__ = (UniqueConstraint("proposal_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    # One higher for every accepted save; a save names the version it started from.
    version: Mapped[int] = mapped_column(default=1)
    score: Mapped[int | None]  # the group's self-assessment, 0-100
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProposalRevision(Base):
    """One save of a section, accepted or not: the merge base and the audit trail."""

    __tablename__ = "proposal_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("proposal_section.id", ondelete="CASCADE"), index=True
    )
    # The version this text became (start, saved, merged), or the one it was based on (refused).
    version: Mapped[int]
    base_version: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    by_staff: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
