"""Permission-matrix entries of the premises app's stats domain."""

from typing import Any

PAGES: dict[str, Any] = {}
API: dict[str, Any] = {}
