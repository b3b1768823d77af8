from kumppani.premises.models.booking import (
    ACTIVE_STATUSES,
    Booking,
    BookingBlock,
    BookingSeries,
    BookingStatus,
)
from kumppani.premises.models.rounds import Allocation, AllocationRound, RoundStatus, SlotRequest
from kumppani.premises.models.space import (
    CustomerType,
    OpeningHours,
    PriceRule,
    Space,
    SpaceKind,
    SpacePhoto,
    UsagePrinciples,
)

__all__ = [
    "ACTIVE_STATUSES",
    "Allocation",
    "AllocationRound",
    "Booking",
    "BookingBlock",
    "BookingSeries",
    "BookingStatus",
    "CustomerType",
    "OpeningHours",
    "PriceRule",
    "RoundStatus",
    "SlotRequest",
    "Space",
    "SpaceKind",
    "SpacePhoto",
    "UsagePrinciples",
]
