"""Registrations of the premises app's book domain."""

from __future__ import annotations


def register() -> None:
    return None
