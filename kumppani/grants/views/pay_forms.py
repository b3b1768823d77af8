"""Forms of the payments and use report pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import EuroField
from kumppani.core.limits import SHORT_TEXT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class PaymentForm(forms.Form):
    amount_eur = EuroField(
        label=_("Amount (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=MONEY,
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE, initial=timezone.localdate)


class UseReportForm(forms.Form):
    text = forms.CharField(
        label=_("What the grant was used for"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Tell what was done with the grant, and how it served its purpose."),
    )
    spent_eur = EuroField(
        label=_("Amount used (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=MONEY,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept the use report")),
            ("return", _("Return it for changes")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the applicant"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when the report is returned: tell what to change."),
    )


class UseReportFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All use reports")),
            ("due", _("Due")),
            ("overdue", _("Overdue")),
            ("submitted", _("Submitted, waiting for review")),
        ],
    )
