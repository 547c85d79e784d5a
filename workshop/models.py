"""Every model, imported in one place so the mappers and Alembic see them all."""

from .assessments.models import (
    EvaluationForm,
    EvaluationReceipt,
    EvaluationResponse,
    QuizAnswer,
    QuizClosure,
    QuizQuestion,
)
from .attendance.models import Signature
from .core.cards import ActionPlan, Assessment, Card, PlanUpdate
from .core.models import AccessKey, Participant, Phase, Sector, Workshop
from .core.votes import Support, Vote
from .moderation.models import Cluster, MergeRecord
from .polls.models import Poll, PollAnswer  # poll, wordcloud
from .proposals.models import Proposal, ProposalRevision, ProposalSection
from .questions.models import Question, QuestionSession, QuestionVote  # questions
from .realtime.models import Event
from .similar.models import Dismissal

__all__ = [
    "AccessKey",
    "ActionPlan",
    "Assessment",
    "Card",
    "Cluster",
    "Dismissal",
    "EvaluationForm",
    "EvaluationReceipt",
    "EvaluationResponse",
    "Event",
    "MergeRecord",
    "Participant",
    "Phase",
    "PlanUpdate",
    "Poll",
    "PollAnswer",
    "Proposal",
    "ProposalRevision",
    "ProposalSection",
    "Question",
    "QuestionSession",
    "QuestionVote",
    "QuizAnswer",
    "QuizClosure",
    "QuizQuestion",
    "Sector",
    "Signature",
    "Support",
    "Vote",
    "Workshop",
]
