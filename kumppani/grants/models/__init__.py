from kumppani.grants.models.application import (
    Answer,
    Application,
    ApplicationStatus,
    ApplicationVersion,
    Attachment,
    Reopening,
)
from kumppani.grants.models.award import Decision, Payment, UseReport, UseReportStatus
from kumppani.grants.models.programme import (
    QUESTION_KINDS,
    ApplicationPeriod,
    Branch,
    Criterion,
    CriterionKind,
    Programme,
    ProgrammeKind,
    ProgrammeReviewer,
    Question,
)
from kumppani.grants.models.review import Recusal, RecusalReason, Review, Score

__all__ = [
    "QUESTION_KINDS",
    "Answer",
    "Application",
    "ApplicationPeriod",
    "ApplicationStatus",
    "ApplicationVersion",
    "Attachment",
    "Branch",
    "Criterion",
    "CriterionKind",
    "Decision",
    "Payment",
    "Programme",
    "ProgrammeKind",
    "ProgrammeReviewer",
    "Question",
    "Recusal",
    "RecusalReason",
    "Reopening",
    "Review",
    "Score",
    "UseReport",
    "UseReportStatus",
]
