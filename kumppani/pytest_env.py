"""pytest plugin (``-p kumppani.pytest_env`` in pyproject.toml), loaded before Django's settings.

Tests run as development: the settings then accept the development ``SECRET_KEY``.
"""

import os

os.environ.setdefault("KUMPPANI_ENV", "development")
