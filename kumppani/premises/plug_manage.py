"""Registrations of the premises app's manage domain."""

from __future__ import annotations


def register() -> None:
    return None
