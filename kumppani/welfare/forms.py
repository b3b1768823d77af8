from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association
from kumppani.associations.selectors import associations_in_municipality
from kumppani.core.limits import SHORT_TEXT
from kumppani.welfare.models import (
    ApprovalBody,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanReview,
    Theme,
)
from kumppani.welfare.selectors import metric_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    start_year = forms.IntegerField(label=capfirst(_("first year")), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=capfirst(_("last year")), min_value=2000, max_value=2100)

    class Meta:
        model = Plan
        fields = ["title_fi", "title_sv", "title_en", "start_year", "end_year", "rollup"]
        widgets = {"rollup": forms.RadioSelect}


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "order",
            "weight",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title_fi", "title_sv", "title_en", "weight", "order"]


class MeasureForm(forms.ModelForm):
    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_association"]
        field.queryset = associations_in_municipality(municipality_id)  # type: ignore[attr-defined]
        field.help_text = _("Leave empty when a municipal unit is responsible.")
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})

    class Meta:
        model = Measure
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "responsible_unit",
            "responsible_association",
            "resources",
            "schedule",
            "status",
            "progress",
            "weight",
        ]
        widgets = {"resources": forms.Textarea(attrs={"rows": 3})}


class IndicatorForm(forms.ModelForm):
    metric = forms.ChoiceField(
        label=capfirst(_("platform metric")),
        required=False,
        help_text=_("Only for indicators the platform counts."),
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "—"), *metric_choices()]  # type: ignore[attr-defined]
        goal = self.fields["goal"]
        goal.queryset = theme.goals.all()  # type: ignore[attr-defined]
        goal.help_text = _("Leave empty for an indicator of the whole theme.")

    class Meta:
        model = Indicator
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "goal",
            "unit",
            "kind",
            "source",
            "source_code",
            "metric",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "order",
        ]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"source": _("E.g. Sotkanet, School Health Promotion study.")}


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=capfirst(_("year")), min_value=1990, max_value=2100)
    value = forms.DecimalField(label=capfirst(_("value")), max_digits=14, decimal_places=2)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = ["year", "date", "summary_fi", "summary_sv", "summary_en"]
        widgets = {
            "date": DATE,
            "summary_fi": forms.Textarea(attrs={"rows": 4}),
            "summary_sv": forms.Textarea(attrs={"rows": 2}),
            "summary_en": forms.Textarea(attrs={"rows": 2}),
        }


class ApprovalStageForm(forms.Form):
    body = forms.ChoiceField(label=capfirst(_("body")), choices=ApprovalBody.choices)
    body_name = forms.CharField(
        label=capfirst(_("name of the body")),
        max_length=200,
        required=False,
        help_text=_("E.g. the name of the committee."),
    )
    date = forms.DateField(label=capfirst(_("date")), widget=DATE)
    decision = forms.CharField(
        label=capfirst(_("decision")),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Set by the confirmation step the council's decision goes through (see the view).
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def needs_confirmation(self) -> bool:
        """The council's decision approves the plan for good: it is confirmed on its own page."""
        data = self.cleaned_data
        return data.get("body") == ApprovalBody.COUNCIL and not data.get("confirmed")


class ObservationForm(forms.Form):
    association = forms.ModelChoiceField(
        queryset=Association.objects.none(), label=capfirst(_("association"))
    )
    text = forms.CharField(
        label=capfirst(_("observation")),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What have your association's members and activities shown you lately?"),
    )
    observed_on = forms.DateField(label=capfirst(_("observed on")), widget=DATE, required=False)

    def __init__(self, *args: Any, associations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations  # type: ignore[attr-defined]
        self.fields["observed_on"].initial = timezone.localdate()


class HideForm(forms.Form):
    hidden_reason = forms.CharField(label=capfirst(_("reason for hiding")), max_length=300)
