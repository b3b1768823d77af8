"""Creating and editing forums, recording what happened at them, regularity targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.forums.models import (
    ACTIVE_STATUSES,
    Attendance,
    Forum,
    ForumStatus,
    RegularityTarget,
)
from kumppani.geography.models import Municipality

FORUM_FIELDS = (
    "type",
    "title_fi",
    "title_sv",
    "description_fi",
    "description_sv",
    "start",
    "end",
    "place",
    "registration_closes_at",
    "capacity",
    "region",
    "body",
    "liaison",
    "co_organiser",
    "themes",
    "status",
)


def _check_scope(forum: Forum, municipalities: list[Municipality]) -> None:
    if forum.region_id is None and not municipalities:
        raise ValidationError(
            {"municipalities": _("Choose at least one municipality, or a region.")}
        )
    if forum.region_id is not None and any(m.region_id != forum.region_id for m in municipalities):
        raise ValidationError(
            {"municipalities": _("The municipalities must be in the forum's region.")}
        )


@transaction.atomic
def forum_create(
    *,
    created_by: User | None,
    municipalities: Iterable[Municipality] = (),
    **fields: Any,
) -> Forum:
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown forum fields: {sorted(unknown)}")
    forum = Forum(created_by=created_by, **fields)
    if "liaison" not in fields and created_by is not None:
        forum.liaison = created_by
    chosen = list(municipalities)
    forum.full_clean()
    _check_scope(forum, chosen)
    forum.save()
    forum.municipalities.set(chosen)
    audit_record(actor=created_by, action="forum.create", target=forum, summary=forum.title_fi)
    return forum


@transaction.atomic
def forum_update(
    *,
    forum: Forum,
    actor: User | None = None,
    municipalities: Iterable[Municipality] | None = None,
    **fields: Any,
) -> Forum:
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown forum fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(forum, key, value)
    forum.full_clean()
    chosen = (
        list(municipalities) if municipalities is not None else list(forum.municipalities.all())
    )
    _check_scope(forum, chosen)
    forum.save()
    if municipalities is not None:
        forum.municipalities.set(chosen)
    audit_record(actor=actor, action="forum.update", target=forum, summary=forum.title_fi)
    return forum


@transaction.atomic
def attendance_record(
    *, forum: Forum, associations: Iterable[Association], actor: User | None = None
) -> int:
    """Replace the list of associations that came; the forum counts as held."""
    if forum.start > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the forum has started."))
    chosen = {a.pk for a in associations}
    Attendance.objects.filter(forum=forum).exclude(association_id__in=chosen).delete()
    existing = set(Attendance.objects.filter(forum=forum).values_list("association_id", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(forum=forum, association_id=pk) for pk in chosen - existing]
    )
    forum.attendance_recorded_at = timezone.now()
    if forum.status != ForumStatus.CANCELLED:
        forum.status = ForumStatus.HELD
    forum.save(update_fields=["attendance_recorded_at", "status", "updated_at"])
    audit_record(
        actor=actor, action="forum.attendance", target=forum, summary=f"{len(chosen)} associations"
    )
    return len(chosen)


@transaction.atomic
def forum_record_outcome(*, forum: Forum, minutes: str, outcomes: str) -> Forum:
    forum.minutes = minutes
    forum.outcomes = outcomes
    if forum.start <= timezone.now() and forum.status != ForumStatus.CANCELLED:
        forum.status = ForumStatus.HELD
    forum.full_clean()
    forum.save()
    return forum


@transaction.atomic
def forum_cancel(*, forum: Forum) -> Forum:
    forum.status = ForumStatus.CANCELLED
    forum.save(update_fields=["status", "updated_at"])
    forum.registrations.filter(status__in=ACTIVE_STATUSES).update(
        status="cancelled", cancelled_at=timezone.now()
    )
    return forum


@transaction.atomic
def target_set(
    *, municipality: Municipality, per_year_min: int, per_year_max: int
) -> RegularityTarget:
    target, _created = RegularityTarget.objects.get_or_create(municipality=municipality)
    target.per_year_min = per_year_min
    target.per_year_max = per_year_max
    target.full_clean()
    target.save()
    return target
