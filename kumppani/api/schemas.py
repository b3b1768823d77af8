"""Shapes shared by every part of the API: the error body and the answer to a create."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class Error(Schema):
    """Every error answer: a message, or (422) the messages of each field (``__all__``: none)."""

    detail: str | dict[str, list[str]] = Field(
        description="A message, or for 422 each field's messages (`__all__`: not one field's)."
    )


class Created(Schema):
    """What a create answers when it does not return the whole object."""

    id: int
    url: str = Field(description="The created object's page")
