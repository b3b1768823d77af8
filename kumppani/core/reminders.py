"""Reminder kinds, run together once a day.

An app registers each kind of reminder in its ``AppConfig.ready()``::

    register_reminder("agreement_ending", agreement_reminders_send)

A kind is a function ``send(*, today)`` that emails what is due on ``today`` and returns how
many reminders it sent. It must be idempotent: it records each reminder it sends (a timestamp
or a row with a unique constraint) and never sends a recorded one again, so running it twice
a day, or after a missed day, sends nothing twice. ``manage.py send_reminders`` runs every kind;
``manage.py scheduler`` enqueues that run daily for the background worker.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Protocol

from django.utils import timezone

logger = logging.getLogger(__name__)


class ReminderSender(Protocol):
    def __call__(self, *, today: dt.date | None = None) -> int: ...


_kinds: dict[str, ReminderSender] = {}


def register_reminder(name: str, send: ReminderSender) -> None:
    _kinds[name] = send


def reminder_kinds() -> list[str]:
    return sorted(_kinds)


def reminders_send(
    *, today: dt.date | None = None, kinds: list[str] | None = None
) -> dict[str, int]:
    """Run every registered kind (or the named ones); returns the reminders sent per kind.
    A kind that fails does not stop the others; the failure is raised after they have run."""
    today = today or timezone.localdate()
    unknown = set(kinds or ()) - set(_kinds)
    if unknown:
        raise KeyError(f"unknown reminder kinds: {sorted(unknown)}")
    sent: dict[str, int] = {}
    failed: list[str] = []
    for name in kinds or reminder_kinds():
        try:
            sent[name] = _kinds[name](today=today)
        except Exception:
            logger.exception("reminder kind %s failed", name)
            failed.append(name)
    if failed:
        raise RuntimeError(f"reminder kinds failed: {failed} (sent: {sent})")
    return sent
