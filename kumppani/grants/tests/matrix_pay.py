from typing import Any

PAGES: dict[str, Any] = {}
API: dict[str, Any] = {}
