"""Amounts of money as each language writes them: one rule for pages, emails, letters and messages.

"1 500,00 €" in Finnish and Swedish, "€1,500.00" in English; the amount and its sign never part
at a line break (a no-break space), so a narrow phone never shows "€" alone on a line.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format

NBSP = "\u00a0"


def euros(value: Decimal | int | float | str | None, *, language: str | None = None) -> str:
    """The amount with two decimals, grouped, with the euro sign; "" for no amount."""
    if value is None or value == "":
        return ""
    lang = (language or translation.get_language() or "fi")[:2]
    with translation.override(lang):
        amount = number_format(Decimal(str(value)), decimal_pos=2, force_grouping=True)
    amount = amount.replace(" ", NBSP)
    if lang == "en":
        return f"€{amount}"
    return f"{amount}{NBSP}€"
