"""Inviting all associations of a forum's municipalities in one action.

The request only records the batch (a couple of queries whatever the size of the city); the
background task finds the representatives and sends ONE email per person, listing every invited
association they represent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.associations.models import Association, Category
from kumppani.core.notifications import Email, email_render
from kumppani.forums.models import (
    Forum,
    ForumStatus,
    ForumType,
    InvitationBatch,
    InvitationDelivery,
)
from kumppani.forums.tasks import send_invitation_batch


def invited_associations(batch: InvitationBatch) -> QuerySet[Association]:
    """Active associations at home or active in the forum's municipalities (or its region)."""
    forum = batch.forum
    if forum.region_id is not None and not forum.municipalities.exists():
        place = Q(home_municipality__region_id=forum.region_id)
        active = Q(active_municipalities__region_id=forum.region_id)
    else:
        ids = list(forum.municipalities.values_list("pk", flat=True))
        place = Q(home_municipality_id__in=ids)
        active = Q(
            pk__in=Association.active_municipalities.through.objects.filter(
                municipality_id__in=ids
            ).values("association_id")
        )
    qs = Association.objects.filter(place | active, is_active=True)
    category_ids = list(batch.categories.values_list("pk", flat=True))
    if category_ids:
        qs = qs.filter(
            pk__in=Association.categories.through.objects.filter(
                category_id__in=category_ids
            ).values("association_id")
        )
    return qs.distinct()


@transaction.atomic
def invitation_batch_create(
    *, forum: Forum, created_by: User, categories: Iterable[Category] = ()
) -> InvitationBatch:
    if forum.status == ForumStatus.CANCELLED:
        raise ValidationError(_("The forum has been cancelled."))
    if forum.end < timezone.now():
        raise ValidationError(_("The forum is over; invitations can no longer be sent."))
    batch = InvitationBatch.objects.create(
        forum=forum,
        created_by=created_by,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:2],
    )
    chosen = list(categories)
    if chosen:
        batch.categories.set(chosen)
    audit_record(actor=created_by, action="forum.invite", target=forum, summary=f"batch {batch.pk}")
    transaction.on_commit(lambda: send_invitation_batch.enqueue(batch.pk))
    return batch


@dataclass
class _Recipient:
    email: str
    name: str
    associations: list[str] = field(default_factory=list)


def _network_recipients(batch: InvitationBatch) -> tuple[int, dict[int, _Recipient]]:
    """A liaison network meeting invites the liaisons of the region's municipalities."""
    region_id = batch.forum.region_id
    assert region_id is not None
    rows = (
        RoleAssignment.objects.filter(
            role=Role.LIAISON,
            municipality__region_id=region_id,
            user__is_active=True,
        )
        .order_by("user_id", "municipality__name_fi")
        .values_list("user_id", "user__email", "user__full_name", "municipality__name_fi")
    )
    people: dict[int, _Recipient] = {}
    for user_id, email, name, municipality_name in rows:
        person = people.setdefault(user_id, _Recipient(email=email, name=name or ""))
        person.associations.append(municipality_name)
    return 0, people


def _recipients(batch: InvitationBatch) -> tuple[int, dict[int, _Recipient]]:
    if batch.forum.type == ForumType.LIAISON_NETWORK and batch.forum.region_id is not None:
        return _network_recipients(batch)
    associations = invited_associations(batch)
    rows = (
        RoleAssignment.objects.filter(
            role=Role.REPRESENTATIVE,
            association_id__in=associations.values("pk"),
            user__is_active=True,
        )
        .order_by("user_id", "association__name_fi")
        .values_list("user_id", "user__email", "user__full_name", "association__name_fi")
    )
    people: dict[int, _Recipient] = {}
    for user_id, email, name, association_name in rows.iterator(chunk_size=2000):
        person = people.setdefault(user_id, _Recipient(email=email, name=name or ""))
        person.associations.append(association_name)
    return associations.count(), people


def invitation_batch_send(*, batch_id: int) -> int:
    """Send the batch's emails (background). Safe to run again: nobody gets a second email."""
    batch = InvitationBatch.objects.select_related("forum").get(pk=batch_id)
    InvitationBatch.objects.filter(pk=batch_id).update(status=InvitationBatch.Status.SENDING)
    association_count, people = _recipients(batch)
    InvitationDelivery.objects.bulk_create(
        [InvitationDelivery(batch=batch, user_id=user_id) for user_id in people],
        ignore_conflicts=True,
        batch_size=1000,
    )
    pending = list(
        InvitationDelivery.objects.filter(batch=batch, sent_at__isnull=True).values_list(
            "pk", "user_id"
        )
    )
    forum = batch.forum
    sent = 0
    domain = urlsplit(settings.SITE_ROOT).hostname or "kumppani"
    connection = get_connection()
    connection.open()
    try:
        for pk, user_id in pending:
            person = people.get(user_id)
            if person is None:
                continue
            message = email_render(
                Email(
                    to=[person.email],
                    subject=gettext_lazy("Invitation: %(title)s"),
                    subject_params={"title": forum},
                    template="forums/email/invitation.txt",
                    context={"forum": forum, "person": person},
                    language=batch.language,
                )
            )
            # The same id if ever sent again, so a duplicate can be recognised.
            message.extra_headers["Message-ID"] = f"<invitation.{batch.pk}.{user_id}@{domain}>"
            message.connection = connection
            # Claim, send, commit: a worker killed at any point resends at most this one
            # email, and two workers running the batch never send the same one.
            with transaction.atomic():
                claimed = InvitationDelivery.objects.filter(pk=pk, sent_at__isnull=True).update(
                    sent_at=timezone.now()
                )
                if claimed:
                    connection.send_messages([message])
                    sent += 1
    finally:
        connection.close()
    InvitationBatch.objects.filter(pk=batch_id).update(
        status=InvitationBatch.Status.SENT,
        association_count=association_count,
        recipient_count=len(people),
        sent_at=timezone.now(),
    )
    return sent
