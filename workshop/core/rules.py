"""The rules the browser is told once, in each page's config (docs/PROTOCOL.md).

Limits, enumerations and transitions are defined beside the tables they
belong to; this module only gathers them, so that no rule is typed again in
JavaScript. Labels stay with each page's translated strings.
"""

from __future__ import annotations

from typing import Any

from . import cards, lifecycle, models
from .categories import category_labels

# How many proposals the KIPP export drafts at most.
KIPP_TOP_RANGE = (1, 50)


def rules() -> dict[str, Any]:
    return {
        "limits": {
            "text": cards.TEXT_MAX,
            "service": cards.SERVICE_MAX,
            "note": cards.NOTE_MAX,
            "plan": cards.PLAN_MAX,
            "cluster_title": cards.CLUSTER_TITLE_MAX,
            "similar_query": cards.SIMILAR_QUERY_MIN,
            "title": models.TITLE_MAX,
            "field": models.FIELD_MAX,
            "speakers": models.SPEAKERS_MAX,
            "sector_name": models.SECTOR_NAME_MAX,
            "phase_name": models.PHASE_NAME_MAX,
            "prompt": models.PROMPT_MAX,
            "participant_name": models.NAME_MAX,
            "agency": models.AGENCY_MAX,
            "position": models.POSITION_MAX,
            "bone_name": models.BONE_NAME_MAX,
            "bones": models.MAX_BONES,
        },
        "ranges": {
            "vote_budget": list(models.VOTE_RANGE),
            "vote_cap": list(models.VOTE_RANGE),
            "timer_seconds": [1, models.MAX_TIMER],
            "score": list(cards.SCORE_RANGE),
            "cause_depth": list(models.CAUSE_DEPTH_RANGE),
            "choose_top": [1, models.MAX_CHOSEN],
            "kipp_top": list(KIPP_TOP_RANGE),
            "days": list(models.DAYS_RANGE),
        },
        "categories": category_labels(),
        "kinds": list(cards.KINDS),
        # A list, in the order the buttons are shown (a page config's keys are sorted).
        "transitions": [
            {"action": action, "from": list(sources), "to": target}
            for action, (sources, target) in cards.TRANSITIONS.items()
        ],
        # Two cards merge when both carry the `merge` action and share these fields.
        "merge_same": list(cards.MERGE_SAME),
        # A card may be spotlit in these statuses, while this setting is off.
        "spotlight": {
            "statuses": list(cards.SPOTLIGHT_STATUSES),
            "off_when": cards.SPOTLIGHT_OFF_WHEN,
        },
        "scores": list(cards.SCORES),
        "apkl": list(cards.APKL),
        "plan_fields": list(cards.PLAN_FIELDS),
        "settings": list(models.FLAG_SETTINGS),
        "snapshot_settings": list(models.SNAPSHOT_SETTINGS),
        "phase_kinds": list(models.PHASE_KINDS),
        "phase_flags": list(models.PHASE_FLAGS),
        "vote_on": list(models.VOTE_ON),
        "follow_up_statuses": list(cards.FOLLOW_UP_STATUSES),
        "lifecycle": [
            {"action": action, "from": list(sources), "to": target}
            for action, (sources, target) in lifecycle.TRANSITIONS.items()
        ],
    }
