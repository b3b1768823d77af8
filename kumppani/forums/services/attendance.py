"""People who came to a forum without registering (walk-ins)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.forums.models import Forum, ForumStatus, WalkIn


@transaction.atomic
def walk_in_add(
    *, forum: Forum, name: str, association_name: str = "", actor: User | None = None
) -> WalkIn:
    """Add a participant who did not register; the forum counts as held."""
    if forum.start > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the forum has started."))
    walk_in = WalkIn(forum=forum, name=name.strip(), association_name=association_name.strip())
    walk_in.full_clean()
    walk_in.save()
    forum.attendance_recorded_at = timezone.now()
    if forum.status != ForumStatus.CANCELLED:
        forum.status = ForumStatus.HELD
    forum.save(update_fields=["attendance_recorded_at", "status", "updated_at"])
    audit_record(actor=actor, action="forum.walk_in", target=forum, summary=walk_in.name)
    return walk_in


@transaction.atomic
def walk_in_delete(*, walk_in: WalkIn, actor: User | None = None) -> None:
    forum = walk_in.forum
    audit_record(actor=actor, action="forum.walk_in_delete", target=forum, summary=walk_in.name)
    walk_in.delete()
