"""Every model, imported in one place so the mappers and Alembic see them all."""

from .boards.models import Card
from .facilitation.models import Phase
from .moderation.models import Cluster
from .participants.models import Participant
from .plans.models import ActionPlan
from .realtime.models import Event
from .scoring.models import Assessment
from .voting.models import Vote
from .workshops.models import AccessKey, Sector, Workshop

__all__ = [
    "AccessKey",
    "ActionPlan",
    "Assessment",
    "Card",
    "Cluster",
    "Event",
    "Participant",
    "Phase",
    "Sector",
    "Vote",
    "Workshop",
]
