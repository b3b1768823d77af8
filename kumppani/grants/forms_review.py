"""Forms of reviews, conflict declarations and decisions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import EuroField
from kumppani.core.limits import SHORT_TEXT
from kumppani.grants.models import Criterion, CriterionKind


class ReviewForm(forms.Form):
    """One field per criterion (``criterion_<id>``, 0–max points) and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=SHORT_TEXT,
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment = self.fields.pop("comment")
        for criterion in criteria:
            if criterion.kind == CriterionKind.BONUS:
                help_text = _("Bonus for the welfare plan theme “%(theme)s”, 0–%(max)s points.") % {
                    "theme": criterion.welfare_theme,
                    "max": criterion.max_points,
                }
            else:
                help_text = _("Weight %(weight)s, 0–%(max)s points.") % {
                    "weight": criterion.weight.normalize(),
                    "max": criterion.max_points,
                }
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=str(criterion),
                min_value=0,
                max_value=criterion.max_points,
                help_text=help_text,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.fields["comment"] = comment

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What is the conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("For example: a family member sits on the applicant's board."),
    )


class DecisionForm(forms.Form):
    amount_eur = EuroField(
        label=_("Amount granted (€)"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=_("0 if the grant is not given."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 6}), max_length=SHORT_TEXT
    )
