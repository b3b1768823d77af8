"""Permission-matrix entries of the premises app's book domain."""

from typing import Any

PAGES: dict[str, Any] = {}
API: dict[str, Any] = {}
