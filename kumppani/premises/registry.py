"""Where the premises app plugs into shared pages: guide, annual cycle, panels, statistics.

Each domain keeps its registrations in its own ``plug_<domain>.py``.
"""

from __future__ import annotations


def register_all() -> None:
    from kumppani.premises import plug_book, plug_manage, plug_rounds, plug_stats

    for module in (plug_manage, plug_book, plug_rounds, plug_stats):
        module.register()
