from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value: Decimal | int | float | None) -> str:
    """A value without needless trailing zeros, in the active language's format: 12,5 · 260."""
    if value is None:
        return "–"
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return number_format(d.quantize(Decimal(1)), 0)
    text = format(d.normalize(), "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(d, places)
