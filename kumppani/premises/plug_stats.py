"""Registrations of the premises app's stats domain."""

from __future__ import annotations


def register() -> None:
    return None
