"""Background work: invitation emails (many recipients go through the task queue)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kumppani.surveys.models import Invitation


def send_invitations(*, invitation_ids: list[int], language: str) -> int:
    from kumppani.surveys.services.invitations import invitation_recipients

    sent = 0
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "survey", "association"
    )
    with translation.override(language):
        for invitation in invitations:
            recipients = invitation_recipients(invitation)
            if not recipients:
                continue
            url = settings.SITE_ROOT + reverse("surveys:respond", args=[invitation.token])
            context = {"invitation": invitation, "survey": invitation.survey, "url": url}
            send_mail(
                subject=_("Survey: %(title)s") % {"title": invitation.survey},
                message=render_to_string("surveys/email/invitation.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
            sent += 1
    return sent


@task()
def send_invitation_emails(invitation_ids: list[int], language: str) -> int:
    return send_invitations(invitation_ids=invitation_ids, language=language)
