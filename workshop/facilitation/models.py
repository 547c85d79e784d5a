"""Phases of a session: what participants may do at each step."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base


class Phase(Base):
    """A step of the session; what participants may do while it is current."""

    __tablename__ = "phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    prompt: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    allow_bottlenecks: Mapped[bool] = mapped_column(default=False)
    allow_solutions: Mapped[bool] = mapped_column(default=False)
    # None, "bottleneck" or "solution": which cards take dot votes in this phase.
    vote_on: Mapped[str | None] = mapped_column(String(20))
    allow_scoring: Mapped[bool] = mapped_column(default=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "prompt": self.prompt,
            "position": self.position,
            "allow_bottlenecks": self.allow_bottlenecks,
            "allow_solutions": self.allow_solutions,
            "vote_on": self.vote_on,
            "allow_scoring": self.allow_scoring,
        }
