from kumppani.forums.models.forum import (
    DEFAULT_TARGET,
    REGION_TYPES,
    REGULARITY_TYPES,
    Forum,
    ForumStatus,
    ForumType,
    RegularityTarget,
)
from kumppani.forums.models.network import NetworkMaterial
from kumppani.forums.models.plan import (
    CooperationPlan,
    PlanStatus,
    PlanStep,
    StepReminder,
    StepStatus,
    TeamMember,
)
from kumppani.forums.models.registration import (
    ACTIVE_STATUSES,
    Attendance,
    InvitationBatch,
    InvitationDelivery,
    Registration,
    RegistrationStatus,
    WalkIn,
)

__all__ = [
    "ACTIVE_STATUSES",
    "DEFAULT_TARGET",
    "REGION_TYPES",
    "REGULARITY_TYPES",
    "Attendance",
    "CooperationPlan",
    "Forum",
    "ForumStatus",
    "ForumType",
    "InvitationBatch",
    "InvitationDelivery",
    "NetworkMaterial",
    "PlanStatus",
    "PlanStep",
    "Registration",
    "RegistrationStatus",
    "RegularityTarget",
    "StepReminder",
    "StepStatus",
    "TeamMember",
    "WalkIn",
]
