"""Cooperation structures: liaisons and agents, bodies, agreements, the guide, the annual cycle,
and the library of good practices."""

from kumppani.cooperation.models.agreements import PartnershipAgreement
from kumppani.cooperation.models.bodies import Body, BodyKind, BodyMember, MemberRole
from kumppani.cooperation.models.cycle import CycleEntry
from kumppani.cooperation.models.guide import (
    SECTION_KEYS,
    Guide,
    GuideStatus,
    GuideTemplate,
    GuideVersion,
)
from kumppani.cooperation.models.liaisons import AgentPairing, Liaison
from kumppani.cooperation.models.practices import Adoption, GoodPractice

__all__ = [
    "SECTION_KEYS",
    "Adoption",
    "AgentPairing",
    "Body",
    "BodyKind",
    "BodyMember",
    "CycleEntry",
    "GoodPractice",
    "Guide",
    "GuideStatus",
    "GuideTemplate",
    "GuideVersion",
    "Liaison",
    "MemberRole",
    "PartnershipAgreement",
]
