"""Registration, cancellation and the waiting list (promotion when someone cancels)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.associations.models import Association
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
    now: dt.datetime | None = None,
) -> Registration:
    """Register; beyond the capacity the registration goes to the waiting list."""
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
        if someone_waiting or _confirmed_participants(locked) + participants > locked.capacity:
            registration.status = RegistrationStatus.WAITING
    registration.full_clean()
    registration.save()
    audit_record(
        actor=user, action="registration.create", target=locked, summary=_who(registration)
    )
    return registration


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
    language = translation.get_language() or settings.LANGUAGE_CODE
    for pk in promoted:
        transaction.on_commit(lambda pk=pk: _send_promoted(pk, language))  # type: ignore[misc]
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


def _send_promoted(registration_id: int, language: str) -> None:
    registration = Registration.objects.select_related("forum", "user").get(pk=registration_id)
    with translation.override(language):
        url = settings.SITE_ROOT + registration.forum.get_absolute_url()
        send_mail(
            subject=_("You have a place: %(title)s") % {"title": registration.forum},
            message=render_to_string(
                "forums/email/promoted.txt", {"registration": registration, "url": url}
            ),
            from_email=None,
            recipient_list=[registration.user.email],
        )
