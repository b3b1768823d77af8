"""``UNSET``: the default of an update service's parameters, meaning "leave this field as it is".

``None`` cannot mean that, because clearing a field (an optional foreign key, a number) is a real
change. Update services declare each field ``T | Unset = UNSET`` so mypy checks every call, and
pass them to :func:`apply_changes`.
"""

from __future__ import annotations

import enum
from typing import Final


class Unset(enum.Enum):
    UNSET = "unset"


UNSET: Final = Unset.UNSET


def apply_changes(obj: object, **changes: object) -> None:
    """Set on ``obj`` every attribute whose new value is not ``UNSET``."""
    for name, value in changes.items():
        if value is not UNSET:
            setattr(obj, name, value)
