"""Seasonal allocation rounds: the officer sets a round up and opens it, associations apply for
weekly slots, the officer adjusts the proposal (services/allocation.py) and confirms it, which
creates every booking series at once or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.core.i18n import localized
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.geography.models import Municipality
from kumppani.premises.models import (
    Allocation,
    AllocationRound,
    BookingSeries,
    CustomerType,
    RoundStatus,
    SlotRequest,
    Space,
)
from kumppani.premises.services.allocation import (
    overlaps,
    season_dates,
    season_occurrences,
    slot_of,
    tree_relations,
    within_hours,
)
from kumppani.premises.services.bookings import (
    BookingClash,
    clashes_for,
    hours_by_weekday,
    series_create,
)

__all__ = ["hours_by_weekday"]

ROUND_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "season_starts",
    "season_ends",
    "applications_open_at",
    "applications_close_at",
)


def weekday_name(weekday: int) -> str:
    return str(WEEKDAYS[weekday])


def slot_text(weekday: int, starts: dt.time, ends: dt.time) -> str:
    return _("%(weekday)s %(starts)s–%(ends)s") % {
        "weekday": weekday_name(weekday),
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
    }


# ---------------------------------------------------------------- the round


def _check_spaces(municipality: Municipality, spaces: Iterable[Space]) -> list[Space]:
    spaces = list(spaces)
    if not spaces:
        raise ValidationError({"spaces": _("Choose at least one space.")})
    for space in spaces:
        if space.municipality_id != municipality.pk or not space.bookable:
            raise ValidationError(
                {"spaces": _("%(space)s is not a bookable space of the municipality.")
                 % {"space": space}}
            )  # fmt: skip
    return spaces


def round_create(
    *, municipality: Municipality, actor: User, spaces: Iterable[Space], **fields: Any
) -> AllocationRound:
    """A new round in draft: nobody but the officers sees it until it is opened."""
    chosen = _check_spaces(municipality, spaces)
    with transaction.atomic():
        round = AllocationRound(
            municipality=municipality,
            created_by=actor,
            status=RoundStatus.DRAFT,
            **{k: v for k, v in fields.items() if k in ROUND_FIELDS},
        )
        round.full_clean()
        round.save()
        round.spaces.set(chosen)
        audit_record(actor=actor, action="premises.round_create", target=round, summary=str(round))
    return round


def round_update(
    *, round: AllocationRound, actor: User, spaces: Iterable[Space], **fields: Any
) -> AllocationRound:
    """Change a round that has not gone to allocation. A space with requests cannot be removed."""
    if round.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        raise ValidationError(_("A round that is being allocated or confirmed cannot be changed."))
    chosen = _check_spaces(round.municipality, spaces)
    with transaction.atomic():
        for key, value in fields.items():
            if key in ROUND_FIELDS:
                setattr(round, key, value)
        round.full_clean()
        removed = SlotRequest.objects.filter(round=round).exclude(space__in=chosen)
        if removed.exists():
            raise ValidationError(
                {"spaces": _("A space that associations have applied for cannot be removed.")}
            )
        round.save()
        round.spaces.set(chosen)
        audit_record(actor=actor, action="premises.round_update", target=round, summary=str(round))
    return round


def round_open(*, round: AllocationRound, actor: User) -> AllocationRound:
    """Draft → open: the round is public and accepts applications in its window."""
    with transaction.atomic():
        round = AllocationRound.objects.select_for_update().get(pk=round.pk)
        if round.status != RoundStatus.DRAFT:
            raise ValidationError(_("Only a draft round can be opened."))
        if not round.spaces.exists():
            raise ValidationError(_("Choose the round's spaces before opening it."))
        round.status = RoundStatus.OPEN
        round.save(update_fields=["status"])
        audit_record(actor=actor, action="premises.round_open", target=round, summary=str(round))
    return round


def accepts_applications(round: AllocationRound, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        round.status == RoundStatus.OPEN
        and round.applications_open_at <= now < round.applications_close_at
    )


# ---------------------------------------------------------------- slot requests


def _check_request(request: SlotRequest) -> None:
    round = request.round
    if not accepts_applications(round):
        raise ValidationError(_("The round does not accept applications now."))
    if not round.spaces.filter(pk=request.space_id).exists():
        raise ValidationError({"space": _("The space is not part of this round.")})
    request.full_clean(exclude=["round", "organisation", "submitted_by"])
    hours = hours_by_weekday(request.space)
    if not within_hours(hours, request.weekday, request.starts, request.ends):
        raise ValidationError(
            {
                "starts": _("%(space)s is not open on %(slot)s.")
                % {
                    "space": request.space,
                    "slot": slot_text(request.weekday, request.starts, request.ends),
                }
            }
        )


def slot_request_create(
    *, round: AllocationRound, organisation: Association, actor: User, **fields: Any
) -> SlotRequest:
    request = SlotRequest(
        round=round,
        organisation=organisation,
        submitted_by=actor,
        language=current_language(),
        **fields,
    )
    with transaction.atomic():
        _check_request(request)
        request.save()
    return request


REQUEST_FIELDS = ("space", "weekday", "starts", "ends", "priority", "purpose", "note")


def slot_request_update(*, request: SlotRequest, actor: User, **fields: Any) -> SlotRequest:
    for key, value in fields.items():
        if key in REQUEST_FIELDS:
            setattr(request, key, value)
    request.submitted_by = actor
    with transaction.atomic():
        _check_request(request)
        request.save()
    return request


def slot_request_delete(*, request: SlotRequest, actor: User) -> None:
    if not accepts_applications(request.round):
        raise ValidationError(_("The round does not accept changes now."))
    request.delete()


# ---------------------------------------------------------------- the officer's adjustments


def _check_adjustable(round: AllocationRound) -> None:
    if round.status != RoundStatus.ALLOCATING:
        raise ValidationError(_("The proposal can be adjusted only while the round is allocated."))


def _check_allocation(allocation: Allocation) -> None:
    round = allocation.round
    if not round.spaces.filter(pk=allocation.space_id).exists():
        raise ValidationError({"space": _("The space is not part of this round.")})
    allocation.full_clean(exclude=["round", "organisation", "request"])
    space = allocation.space
    slot = slot_text(allocation.weekday, allocation.starts, allocation.ends)
    if not within_hours(
        hours_by_weekday(space), allocation.weekday, allocation.starts, allocation.ends
    ):
        raise ValidationError(
            {"starts": _("%(space)s is not open on %(slot)s.") % {"space": space, "slot": slot}}
        )
    related = tree_relations(round.municipality_id)
    others = (
        Allocation.objects.filter(round=round, weekday=allocation.weekday)
        .exclude(pk=allocation.pk)
        .select_related("space", "organisation")
    )
    mine = slot_of(allocation)
    buffers = {space.pk: space.buffer_minutes}
    for other in others:
        buffers[other.space_id] = other.space.buffer_minutes
        if overlaps(mine, slot_of(other), related, buffers):
            raise ValidationError(
                {
                    "starts": _(
                        "This overlaps the slot of %(association)s in %(space)s on %(slot)s."
                    )
                    % {
                        "association": other.organisation,
                        "space": other.space,
                        "slot": slot_text(other.weekday, other.starts, other.ends),
                    }
                }
            )


def _check_bookings(allocation: Allocation) -> None:
    """The slot must not clash with an active booking anywhere in the season."""
    occurrences = season_occurrences(
        allocation.round, allocation.weekday, allocation.starts, allocation.ends
    )
    found = clashes_for(allocation.space, occurrences) if occurrences else {}
    if found:
        clash = next(iter(found.values()))[0]
        raise ValidationError(
            {
                "starts": _("This clashes with a booking in %(space)s at %(time)s.")
                % {
                    "space": clash.space_name,
                    "time": formats.date_format(
                        timezone.localtime(clash.starts_at), "SHORT_DATETIME_FORMAT"
                    ),
                }
            }
        )


def allocation_update(*, allocation: Allocation, actor: User, **fields: Any) -> Allocation:
    """Move an allocation (space, weekday, time); refused when it overlaps another allocation
    in the space tree or falls outside the opening hours."""
    _check_adjustable(allocation.round)
    for key in ("space", "weekday", "starts", "ends"):
        if key in fields:
            setattr(allocation, key, fields[key])
    allocation.adjusted = True
    with transaction.atomic():
        _check_allocation(allocation)
        _check_bookings(allocation)
        allocation.save()
        audit_record(
            actor=actor,
            action="premises.allocation_update",
            target=allocation,
            summary=slot_text(allocation.weekday, allocation.starts, allocation.ends),
        )
    return allocation


def allocation_create(*, round: AllocationRound, request: SlotRequest, actor: User) -> Allocation:
    """Grant a request by hand, as it was asked for."""
    _check_adjustable(round)
    if request.round_id != round.pk:
        raise ValidationError({"request": _("The request is not part of this round.")})
    if Allocation.objects.filter(round=round, request=request).exists():
        raise ValidationError({"request": _("This request has already been granted.")})
    allocation = Allocation(
        round=round,
        request=request,
        organisation_id=request.organisation_id,
        space=request.space,
        weekday=request.weekday,
        starts=request.starts,
        ends=request.ends,
        adjusted=True,
    )
    with transaction.atomic():
        _check_allocation(allocation)
        _check_bookings(allocation)
        allocation.save()
        audit_record(
            actor=actor,
            action="premises.allocation_create",
            target=allocation,
            summary=slot_text(allocation.weekday, allocation.starts, allocation.ends),
        )
    return allocation


def allocation_delete(*, allocation: Allocation, actor: User) -> None:
    _check_adjustable(allocation.round)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="premises.allocation_delete",
            target=allocation,
            summary=slot_text(allocation.weekday, allocation.starts, allocation.ends),
        )
        allocation.delete()


# ---------------------------------------------------------------- confirmation


@dataclass
class ConfirmFailed(Exception):
    """Confirming failed on one allocation; nothing was created."""

    allocation: Allocation
    reason: str

    def __str__(self) -> str:
        return self.reason


def _first_of_season(round: AllocationRound, allocation: Allocation) -> dt.date | None:
    dates = season_dates(round.season_starts, round.season_ends, allocation.weekday)
    return dates[0] if dates else None


def _failure_reason(error: Exception) -> str:
    if isinstance(error, BookingClash):
        if error.clashes:
            clash = error.clashes[0]
            return _("It clashes with a booking in %(space)s at %(time)s.") % {
                "space": clash.space_name,
                "time": formats.date_format(
                    timezone.localtime(clash.starts_at), "SHORT_DATETIME_FORMAT"
                ),
            }
        return str(error)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def round_confirm(*, round: AllocationRound, actor: User) -> list[BookingSeries]:
    """Create a booking series for the season from every allocation, all or nothing. Raises
    :class:`ConfirmFailed` naming the allocation that could not be booked (nothing is saved).
    After the commit each applicant's requesters get one email with what was granted and what
    was not."""
    with transaction.atomic():
        round = AllocationRound.objects.select_for_update().get(pk=round.pk)
        if round.status != RoundStatus.ALLOCATING:
            raise ValidationError(_("Only a round with a proposal can be confirmed."))
        allocations = list(
            Allocation.objects.filter(round=round)
            .select_related("space", "organisation", "request")
            .order_by("space__name_fi", "weekday", "starts", "pk")
        )
        if not allocations:
            raise ValidationError(_("The proposal grants nothing; make a proposal first."))
        until = round.season_ends.strftime("%Y%m%d")
        created = []
        for allocation in allocations:
            first = _first_of_season(round, allocation)
            if first is None:
                raise ConfirmFailed(allocation, _("The season has no such weekday."))
            try:
                result = series_create(
                    space=allocation.space,
                    starts_at=timezone.make_aware(dt.datetime.combine(first, allocation.starts)),
                    ends_at=timezone.make_aware(dt.datetime.combine(first, allocation.ends)),
                    purpose=(allocation.request.purpose if allocation.request else str(round)),
                    customer_type=CustomerType.ASSOCIATION,
                    rrule=f"FREQ=WEEKLY;UNTIL={until}T235959",
                    organisation=allocation.organisation,
                    booked_by=actor,
                    as_officer=True,
                    skip_clashes=False,
                    allocation_id=allocation.pk,
                )
            except (BookingClash, ValidationError) as error:
                transaction.set_rollback(True)
                raise ConfirmFailed(allocation, _failure_reason(error)) from error
            if result.series is not None:
                created.append(result.series)
        round.status = RoundStatus.CONFIRMED
        round.confirmed_at = timezone.now()
        round.confirmed_by = actor
        round.save(update_fields=["status", "confirmed_at", "confirmed_by"])
        audit_record(
            actor=actor,
            action="premises.round_confirm",
            target=round,
            summary=f"{len(created)} series",
        )
        email_send(*result_emails(round))
    return created


def _line(item: Allocation | SlotRequest) -> dict[str, Any]:
    """A slot for a template rendered later in another language (lazy names)."""
    return {
        "space": item.space,
        "weekday": WEEKDAYS[item.weekday],
        "starts": item.starts,
        "ends": item.ends,
        "purpose": getattr(item, "purpose", ""),
        "priority": getattr(item, "priority", None),
    }


RESULT_SUBJECT = gettext_lazy("Seasonal allocation %(round)s: your result")


def result_emails(round: AllocationRound) -> list[Email]:
    """One email per applicant association to the people who made its requests."""
    requests = list(
        SlotRequest.objects.filter(round=round)
        .select_related("space", "organisation", "submitted_by")
        .order_by("organisation_id", "priority", "pk")
    )
    allocations = list(
        Allocation.objects.filter(round=round).select_related("space").order_by("weekday", "starts")
    )
    granted_requests = {a.request_id for a in allocations if a.request_id}
    emails = []
    by_applicant: dict[int, list[SlotRequest]] = {}
    for request in requests:
        by_applicant.setdefault(request.organisation_id, []).append(request)
    for applicant, items in by_applicant.items():
        to = sorted(
            {r.submitted_by.email for r in items if r.submitted_by and r.submitted_by.email}
        )
        if not to:
            continue
        language = items[-1].language  # the latest request's writer's language
        emails.append(
            Email(
                to=to,
                subject=RESULT_SUBJECT,
                subject_params={"round": localized(round, "name", language)},
                template="premises/email/round_result.txt",
                language=language,
                context={
                    "round": round,
                    "association": items[0].organisation,
                    "granted": [_line(a) for a in allocations if a.organisation_id == applicant],
                    "unmet": [_line(r) for r in items if r.pk not in granted_requests],
                },
            )
        )  # fmt: skip
    return emails
