from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Tests read English messages: URLs reversed under /en/, emails rendered in English."""
    with translation.override("en"):
        yield
