"""Registration, cancellation and the waiting list (promotion when someone cancels)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.forums.models import (
    ACTIVE_STATUSES,
    Forum,
    ForumStatus,
    Registration,
    RegistrationStatus,
)


def registration_closes(forum: Forum) -> dt.datetime:
    return forum.registration_closes_at or forum.start


def _confirmed_participants(forum: Forum) -> int:
    total = forum.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
        n=Sum("participants")
    )["n"]
    return int(total or 0)


@transaction.atomic
def registration_create(
    *,
    forum: Forum,
    user: User,
    association: Association | None,
    participants: int = 1,
    dietary_needs: str = "",
    accessibility_needs: str = "",
    waiting_list: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Register. A registration that does not fit the free places is refused with the number
    of free places, unless the registrant chose ``waiting_list``: then it waits in the queue."""
    now = now or timezone.now()
    locked = Forum.objects.select_for_update().get(pk=forum.pk)
    if locked.status in (ForumStatus.CANCELLED, ForumStatus.HELD):
        raise ValidationError(_("This forum does not take registrations."))
    closes = registration_closes(locked)
    if now > closes:
        raise ValidationError(
            _("Registration closed on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(closes), "SHORT_DATETIME_FORMAT")}
        )
    active = locked.registrations.filter(status__in=ACTIVE_STATUSES)
    if association is not None and active.filter(association=association).exists():
        raise ValidationError(
            {"association": _("%(name)s is already registered.") % {"name": association}}
        )
    if association is None and active.filter(user=user, association__isnull=True).exists():
        raise ValidationError(_("You are already registered."))
    registration = Registration(
        forum=locked,
        user=user,
        association=association,
        participants=participants,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        status=RegistrationStatus.CONFIRMED,
    )
    if locked.capacity is not None:
        someone_waiting = active.filter(status=RegistrationStatus.WAITING).exists()
        free = max(0, locked.capacity - _confirmed_participants(locked))
        if someone_waiting or participants > free:
            if not waiting_list:
                raise ValidationError({"participants": _does_not_fit(free, someone_waiting)})
            registration.status = RegistrationStatus.WAITING
    registration.full_clean()
    registration.save()
    audit_record(
        actor=user, action="registration.create", target=locked, summary=_who(registration)
    )
    return registration


def _does_not_fit(free: int, someone_waiting: bool) -> str:
    if someone_waiting or not free:
        return _(
            "The forum is full. Choose to join the waiting list and we will email you if a "
            "place frees up."
        )
    return ngettext(
        "Only %(free)s place is free. Register at most %(free)s participant, or choose to "
        "join the waiting list.",
        "Only %(free)s places are free. Register at most %(free)s participants, or choose to "
        "join the waiting list.",
        free,
    ) % {"free": free}


def _who(registration: Registration) -> str:
    return str(registration.association or registration.user or "")


def _promote(forum: Forum) -> list[int]:
    """Confirm waiting registrations in order while they fit (the forum row is locked)."""
    if forum.capacity is None:
        waiting = list(forum.registrations.filter(status=RegistrationStatus.WAITING))
    else:
        free = forum.capacity - _confirmed_participants(forum)
        waiting = []
        for registration in forum.registrations.filter(status=RegistrationStatus.WAITING):
            if registration.participants > free:
                break  # first come, first served: nobody jumps the queue
            free -= registration.participants
            waiting.append(registration)
    now = timezone.now()
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return [r.pk for r in waiting]


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: User | None = None) -> list[int]:
    """Cancel; returns the ids of waiting registrations promoted into the freed places."""
    locked = Forum.objects.select_for_update().get(pk=registration.forum_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("The registration was already cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = _promote(locked)
    audit_record(
        actor=actor, action="registration.cancel", target=locked, summary=_who(registration)
    )
    email_send(*_promoted_emails(promoted))
    return promoted


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    participants: int,
    dietary_needs: str,
    accessibility_needs: str,
    actor: User | None = None,
) -> Registration:
    locked = Forum.objects.select_for_update().get(pk=registration.forum_id)
    if timezone.now() > registration_closes(locked):
        raise ValidationError(_("Registration has closed; contact the organiser."))
    grows = participants > registration.participants
    before = audit_snapshot(registration, ["participants"])  # not the needs: personal data
    registration.participants = participants
    registration.dietary_needs = dietary_needs
    registration.accessibility_needs = accessibility_needs
    registration.full_clean()
    registration.save()
    if (
        grows
        and registration.status == RegistrationStatus.CONFIRMED
        and locked.capacity is not None
        and _confirmed_participants(locked) > locked.capacity
    ):
        raise ValidationError(
            {"participants": _("There are not enough places left for that many participants.")}
        )
    _promote(locked)
    changes = audit_changes(before, registration)
    audit_record(
        actor=actor,
        action="registration.update",
        target=locked,
        summary=_who(registration),
        changes=changes,
    )
    return registration


def _promoted_emails(registration_ids: list[int]) -> list[Email]:
    """A place freed up: tell each promoted person, in the canceller's language."""
    language = current_language()
    registrations = Registration.objects.filter(pk__in=registration_ids).select_related(
        "forum", "user"
    )
    return [
        Email(
            to=[registration.user.email],
            subject=gettext_lazy("You have a place: %(title)s"),
            subject_params={"title": registration.forum},
            template="forums/email/promoted.txt",
            context={"registration": registration},
            language=language,
        )
        for registration in registrations
    ]
