"""The snapshot's share of the tests and evaluations (activities.<kind>), one line
in state/sync.py: each kind as the viewer may see it."""

from __future__ import annotations

from typing import Any

from ..core.models import Workshop
from ..realtime.policy import Viewer
from . import evaluation, services
from .models import EVALUATION, POSTTEST, PRETEST


def snapshots(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """Nothing for a kind the agenda has no step of (most workshops: no query)."""
    kinds = {phase.kind for phase in workshop.phases}
    out: dict[str, Any] = {}
    for stage in (PRETEST, POSTTEST):
        if stage in kinds:
            out[stage] = services.snapshot(workshop, viewer, stage)
    if EVALUATION in kinds:
        out[EVALUATION] = evaluation.snapshot(workshop, viewer)
    return out
