"""Where the grants app plugs into shared pages: annual cycle, panels, reminders, personal data.

Each domain module adds its own line to :func:`register_all`; nothing here imports a view.
"""

from __future__ import annotations


def register_all() -> None:
    pass
