"""core and geography are the ground floor: they import no feature app.

Only their API modules (``api.py``) may use the API app's shared pieces (pagination, errors),
as every app's API module does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GROUND_FLOOR = ("core", "geography")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("app", GROUND_FLOOR)
def test_ground_floor_imports_no_feature_app(app: str) -> None:
    allowed = tuple(f"kumppani.{name}" for name in GROUND_FLOOR)
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts
        for name in _imports(path)
        if name.startswith("kumppani.")
        and not name.startswith(allowed)
        and not (path.name == "api.py" and name.startswith("kumppani.api."))
    }
    assert offending == set()
