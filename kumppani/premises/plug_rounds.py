"""Registrations of the premises app's rounds domain."""

from __future__ import annotations


def register() -> None:
    return None
