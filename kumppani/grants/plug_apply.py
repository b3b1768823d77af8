"""Registrations of this domain of grants (annual cycle, panels, reminders, ...)."""

from __future__ import annotations


def register() -> None:
    pass
