"""``email_date``: one way to write a date in an email, in the recipient's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from kumppani.core.notifications import email_date

CHRISTMAS_EVENING = dt.datetime(2026, 12, 25, 15, 0, tzinfo=ZoneInfo("UTC"))  # 17.00 in Helsinki


@pytest.mark.parametrize(
    ("language", "time", "date"),
    [
        ("fi", "25.12.2026 klo 17.00", "25.12.2026"),
        ("sv", "25.12.2026 kl. 17.00", "25.12.2026"),
        ("en", "25 December 2026, 17:00", "25 December 2026"),
    ],
)
def test_email_date_follows_the_language_and_the_site_time_zone(
    language: str, time: str, date: str
) -> None:
    with translation.override(language):
        assert email_date(CHRISTMAS_EVENING) == time
        assert email_date(dt.date(2026, 12, 25)) == date
    assert email_date(None) == ""
