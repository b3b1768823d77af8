"""Where the grants app plugs into shared pages: annual cycle, panels, reminders, personal data.

Each domain keeps its registrations in its own ``plug_<domain>.py``.
"""

from __future__ import annotations


def register_all() -> None:
    from kumppani.grants import plug_apply, plug_manage, plug_pay, plug_public, plug_review

    for module in (plug_manage, plug_public, plug_apply, plug_review, plug_pay):
        module.register()
