"""Length limits for free text, one rule for every app.

A model ``TextField``'s ``max_length`` only sizes the form widget; Django does not enforce it in
``full_clean()``. ``limited_text`` adds the validator too, so a service (which calls
``full_clean()``), a form and the API all refuse an over-long text with the same translated
message ("Ensure this value has at most 4000 characters (it has 4012).").
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

# A short free text: a purpose, a description, a note, a help text.
SHORT_TEXT = 4000
# A long free text: minutes, a plan's or a guide's section, an agreement's obligations.
LONG_TEXT = 20000


def limited_text(
    verbose_name: Any = None, *, limit: int = SHORT_TEXT, **kwargs: Any
) -> models.TextField:
    """A ``TextField`` whose length is checked by forms, services and the API alike."""
    validators = [*kwargs.pop("validators", []), MaxLengthValidator(limit)]
    return models.TextField(verbose_name, max_length=limit, validators=validators, **kwargs)
