"""Permission-matrix entries of the premises app's manage domain."""

from typing import Any

PAGES: dict[str, Any] = {}
API: dict[str, Any] = {}
