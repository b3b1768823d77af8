"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``.

    Messages keyed by a field the form has go to that field; the rest (non-field errors and
    fields the form does not show) go to the top of the form, so no message is lost.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class EuroField(forms.DecimalField):
    """An amount typed as people write it: "12 000,50", "12000.50" or "12 000 €"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
        return super().to_python(value)
