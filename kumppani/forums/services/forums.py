"""Creating and editing forums, recording what happened at them, regularity targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.cooperation.models import Body
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.forums.models import (
    ACTIVE_STATUSES,
    Attendance,
    Forum,
    ForumStatus,
    RegularityTarget,
)
from kumppani.geography.models import Municipality, Region


class ForumFields(TypedDict, total=False):
    type: str
    title_fi: str
    title_sv: str
    description_fi: str
    description_sv: str
    start: dt.datetime | None  # required: None is reported as a field error
    end: dt.datetime | None  # required: None is reported as a field error
    place: str
    registration_closes_at: dt.datetime | None
    capacity: int | None
    region: Region | None
    body: Body | None
    liaison: User | None  # left out on create: the creating liaison
    co_organiser: User | None
    themes: str
    status: str


def _check_names(fields: Mapping[str, object]) -> None:
    """Callers spreading a dict get a TypeError for a name ForumFields does not have."""
    unknown = set(fields) - ForumFields.__optional_keys__
    if unknown:
        raise TypeError(f"unknown forum fields: {sorted(unknown)}")


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
    actor: User | None,
    municipalities: Iterable[Municipality] = (),
    **fields: Unpack[ForumFields],
) -> Forum:
    _check_names(fields)
    forum = Forum(created_by=actor, **fields)
    if "liaison" not in fields and actor is not None:
        forum.liaison = actor
    chosen = list(municipalities)
    forum.full_clean()
    _check_scope(forum, chosen)
    forum.save()
    forum.municipalities.set(chosen)
    audit_record(actor=actor, action="forum.create", target=forum, summary=forum.title_fi)
    return forum


@transaction.atomic
def forum_update(
    *,
    forum: Forum,
    actor: User | None = None,
    municipalities: Iterable[Municipality] | None = None,
    **fields: Unpack[ForumFields],
) -> Forum:
    _check_names(fields)
    # Compare with the stored row: a bound ModelForm has already changed the instance.
    stored = Forum.objects.filter(pk=forum.pk).values_list("status", flat=True).first()
    cancelling = fields.get("status") == ForumStatus.CANCELLED and stored != ForumStatus.CANCELLED
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
    if cancelling:
        active = forum.registrations.filter(status__in=ACTIVE_STATUSES)
        emails = sorted(set(active.values_list("user__email", flat=True)))
        active.update(status="cancelled", cancelled_at=timezone.now())
        email_send(*_cancelled_emails(forum, emails))
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
def forum_record_outcome(
    *, forum: Forum, minutes: str, outcomes: str, actor: User | None = None
) -> Forum:
    before = audit_snapshot(forum, ["minutes", "outcomes", "status"])
    forum.minutes = minutes
    forum.outcomes = outcomes
    if forum.start <= timezone.now() and forum.status != ForumStatus.CANCELLED:
        forum.status = ForumStatus.HELD
    forum.full_clean()
    forum.save()
    changes = audit_changes(before, forum)
    audit_record(actor=actor, action="forum.minutes", target=forum, changes=changes)
    return forum


def _cancelled_emails(forum: Forum, emails: list[str]) -> list[Email]:
    """One email to each person who had registered, in the canceller's language."""
    language = current_language()
    return [
        Email(
            to=[email],
            subject=gettext_lazy("Cancelled: %(title)s"),
            subject_params={"title": forum},
            template="forums/email/cancelled.txt",
            context={"forum": forum},
            language=language,
        )
        for email in emails
    ]


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
