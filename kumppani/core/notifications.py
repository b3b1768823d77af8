"""Email notifications: the one way the platform sends email.

A feature app describes an email as an :class:`Email` (recipients, the recipient's language, a
subject with named placeholders and a body template) and hands it to :func:`email_send`, which
sends it after the current transaction commits. Background tasks that already run after the
commit and send many emails call :func:`emails_deliver` directly.

Subject and body are rendered in ``language`` (fi, sv or en): the body template
(``<app>/email/<name>.txt``) gets ``site_root`` for absolute links and builds its URLs itself,
so links carry the recipient's language prefix. The recipient's language is decided by the
caller: the language of the person who acted (captured with :func:`current_language` when the
action happened), or the municipality's language for messages to its liaisons.

:func:`emails_deliver` is the only place that talks to the mail backend; per-person digests or
preferences can be added there later without touching the callers.

Dates and times in an email (body or subject) are written by :func:`email_date` (the template
filter ``email_date`` of the ``kumppani`` library, or a ``date``/``datetime`` passed as a subject
parameter): the recipient's language's format (``kumppani.core.formats``) in the site's time
zone, e.g. "25.12.2026 klo 17.00", "25.12.2026 kl. 17.00", "25 December 2026, 17:00".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Email:
    to: Sequence[str]
    subject: str | Promise  # a gettext_lazy msgid with %(name)s placeholders
    template: str  # body, e.g. "forums/email/promoted.txt"
    language: str
    subject_params: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    # files attached as they are: (filename, content, mimetype)
    attachments: Sequence[tuple[str, bytes, str]] = ()


def current_language() -> str:
    """The active language (fi, sv or en): the language of the person acting now."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def email_date(value: dt.date | dt.datetime | None) -> str:
    """A date or a date and time as an email writes it: in the active language (the recipient's,
    while :func:`email_render` renders) and, for a time, in the site's time zone."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        return formats.date_format(value, "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def _subject_param(value: Any) -> str:
    return email_date(value) if isinstance(value, dt.date) else str(value)


def email_render(email: Email) -> EmailMessage:
    """Subject and body in the recipient's language."""
    language = email.language if email.language in LANGUAGES else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = str(email.subject)
        if email.subject_params:
            subject = subject % {k: _subject_param(v) for k, v in email.subject_params.items()}
        context = {"site_root": settings.SITE_ROOT, **email.context}
        body = render_to_string(email.template, context)
    message = EmailMessage(subject=subject, body=body, to=list(email.to))
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    return message


def emails_deliver(emails: Iterable[Email]) -> int:
    """Render and send now, through one connection; emails without recipients are skipped.
    Returns the number of messages sent. Call it only after the commit (tasks, on_commit)."""
    messages = [email_render(email) for email in emails if email.to]
    if not messages:
        return 0
    connection = get_connection()
    return connection.send_messages(messages) or 0


def email_send(*emails: Email) -> None:
    """Send after the current transaction commits (at once when there is none)."""
    if emails:
        transaction.on_commit(lambda: emails_deliver(emails))
