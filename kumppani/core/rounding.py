"""One rounding rule for every figure shown: halves round up (away from zero).

Shares are whole percentages, averages have one decimal. Python's ``round()`` rounds halves to
the even neighbour (12.5 -> 12, 13.5 -> 14), which made the same share differ between pages.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MEAN_PLACES = 1


def round_half_up(value: Decimal | float | int, places: int = 0) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage (0 when there is nothing to divide)."""
    if not whole:
        return 0
    return int(round_half_up(Decimal(100 * part) / Decimal(whole)))


def mean(value: Decimal | float | int) -> Decimal:
    """An average as shown: one decimal, halves up."""
    return round_half_up(value, MEAN_PLACES)
