"""Dates in emails are written in the recipient's language and the site's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation

from kumppani.accounts.testing import World
from kumppani.forums.models import ForumStatus
from kumppani.forums.services.forums import forum_update
from kumppani.forums.services.registrations import registration_create
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

# 17:00 in Helsinki, given in UTC: the email shows the site's time, not UTC's 15:00.
START = dt.datetime(2026, 12, 25, 15, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("fi", "25.12.2026 klo 17.00"),
        ("sv", "25.12.2026 kl. 17.00"),
        ("en", "25 December 2026, 17:00"),
    ],
)
def test_a_cancellation_email_shows_the_start_in_the_recipients_language(
    world: World, django_capture_on_commit_callbacks: Any, language: str, shown: str
) -> None:
    forum = ForumFactory.create(
        municipalities=[world.municipality], start=START, end=START + dt.timedelta(hours=2)
    )
    registration_create(
        forum=forum, user=world.rep, association=world.association, now=START - dt.timedelta(days=9)
    )
    # The registrants get the canceller's language.
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        forum_update(forum=forum, actor=world.liaison, status=ForumStatus.CANCELLED)
    assert len(mail.outbox) == 1
    assert shown in mail.outbox[0].body
