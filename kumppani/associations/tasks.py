"""Background work: telling liaisons that an association was left without a representative."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.associations.models import Association


def orphaned_notices(*, association_ids: list[int], language: str) -> int:
    """One email per association to the liaisons of its home municipality."""
    sent = 0
    associations = Association.objects.filter(pk__in=association_ids).select_related(
        "home_municipality"
    )
    with translation.override(language):
        for association in associations:
            recipients = sorted(
                set(
                    RoleAssignment.objects.filter(
                        role=Role.LIAISON,
                        municipality_id=association.home_municipality_id,
                        user__is_active=True,
                    ).values_list("user__email", flat=True)
                )
            )
            if not recipients:
                continue
            path = reverse("geography:municipality", args=[association.home_municipality.code])
            context = {"association": association, "url": settings.SITE_ROOT + path}
            send_mail(
                subject=_("%(name)s has no representative") % {"name": association},
                message=render_to_string("associations/email/orphaned.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
            sent += 1
    return sent


@task()
def send_orphaned_notices(association_ids: list[int], language: str) -> int:
    return orphaned_notices(association_ids=association_ids, language=language)
