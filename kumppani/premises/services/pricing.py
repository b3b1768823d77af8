"""The price the municipality's price list gives a booking.

Each quarter hour of the booking takes the price of the most specific rule that matches it: a
rule of the space itself before one of the space it is part of, before one for every space; then
a rule limited to times of day before one for the whole day, one limited to weekdays before one
for every day, and one limited to a season before one for the whole year. No matching rule for
some quarter hour: the price is unknown (``None``) and the booking says it will be confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from kumppani.premises.models import PriceRule, Space
from kumppani.premises.selectors_tree import ancestor_ids

STEP = dt.timedelta(minutes=15)
CENT = Decimal("0.01")


def rules_for(
    space: Space, customer_type: str, ancestors: list[int] | None = None
) -> list[PriceRule]:
    """The rules that can apply to bookings of ``space`` by ``customer_type``, most specific
    first (one query; ``ancestors`` if the caller has read them)."""
    chain = [space.pk, *(ancestor_ids(space) if ancestors is None else ancestors)]
    rules = list(
        PriceRule.objects.filter(
            Q(space_id__in=chain) | Q(space__isnull=True),
            municipality_id=space.municipality_id,
            customer_type=customer_type,
        )
    )
    depth = {pk: i for i, pk in enumerate(chain)}
    rules.sort(key=lambda rule: _specificity(rule, depth))
    return rules


def _specificity(rule: PriceRule, depth: dict[int, int]) -> tuple[int, int, int, int, int]:
    place = depth.get(rule.space_id, len(depth)) if rule.space_id else len(depth) + 1
    return (
        place,
        0 if rule.time_from is not None else 1,
        0 if rule.weekdays else 1,
        0 if rule.season_from or rule.season_to else 1,
        rule.pk,
    )


def _matches(rule: PriceRule, moment: dt.datetime) -> bool:
    day = moment.date()
    if rule.season_from and day < rule.season_from:
        return False
    if rule.season_to and day > rule.season_to:
        return False
    if rule.weekdays and str(moment.weekday()) not in rule.weekdays:
        return False
    if rule.time_from is not None and rule.time_to is not None:
        return rule.time_from <= moment.time() < rule.time_to
    return True


def price_with_rules(
    rules: Sequence[PriceRule], starts_at: dt.datetime, ends_at: dt.datetime
) -> Decimal | None:
    """The price of ``[starts_at, ends_at)`` by already-fetched ``rules`` (most specific first)."""
    total = Decimal(0)
    moment = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    while moment < end:
        step_end = min(moment + STEP, end)
        rule = next((r for r in rules if _matches(r, moment)), None)
        if rule is None:
            return None
        hours = Decimal((step_end - moment).total_seconds()) / Decimal(3600)
        total += rule.price_per_hour * hours
        moment = step_end
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def booking_price(
    *, space: Space, customer_type: str, starts_at: dt.datetime, ends_at: dt.datetime
) -> Decimal | None:
    return price_with_rules(rules_for(space, customer_type), starts_at, ends_at)
