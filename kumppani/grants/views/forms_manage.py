"""Forms of programme management (officers) and common periods (liaisons)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import EuroField
from kumppani.grants.models import (
    QUESTION_KINDS,
    ApplicationPeriod,
    Criterion,
    Programme,
    Question,
)
from kumppani.surveys.models import QuestionKind
from kumppani.welfare.models import Theme

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LANGS = ("fi", "sv", "en")


def _datetimes(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        form.fields[name].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ApplicationPeriod
        fields = ["name_fi", "name_sv", "name_en", "opens_at", "closes_at"]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _datetimes(self, "opens_at", "closes_at")
        self.fields["closes_at"].help_text = _(
            "Europe/Helsinki time. Every programme attached to the period moves with it."
        )


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "branch", "kind", "title_fi", "title_sv", "title_en",
            "budget_eur", "period", "opens_at", "closes_at",
            "eligibility_fi", "eligibility_sv", "eligibility_en",
            "attachments_fi", "attachments_sv", "attachments_en",
            "use_report_due_days", "published",
        ]  # fmt: skip
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            **{f"eligibility_{c}": forms.Textarea(attrs={"rows": 3}) for c in LANGS},
            **{f"attachments_{c}": forms.Textarea(attrs={"rows": 3}) for c in LANGS},
        }
        field_classes = {"budget_eur": EuroField}

    def __init__(
        self, *args: Any, periods: QuerySet[ApplicationPeriod] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _datetimes(self, "opens_at", "closes_at")
        period = self.fields["period"]
        period.queryset = periods if periods is not None else ApplicationPeriod.objects.none()  # type: ignore[attr-defined]
        period.help_text = _(
            "A programme attached to a common period opens and closes with it; "
            "its own times below are then not used."
        )
        self.fields["opens_at"].required = False
        self.fields["closes_at"].required = False
        self.fields["opens_at"].help_text = _("Europe/Helsinki time, when there is no period.")

    def clean(self) -> dict[str, Any]:
        """The period's times when one is chosen (the service sets them again)."""
        data = super().clean() or {}
        period = data.get("period")
        if period is not None:
            data["opens_at"], data["closes_at"] = period.opens_at, period.closes_at
            for name in ("opens_at", "closes_at"):
                self.errors.pop(name, None)
        else:
            for name in ("opens_at", "closes_at"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Give the time or choose a common period."))
        return data


def question_kind_choices() -> list[tuple[str, str]]:
    labels = dict(QuestionKind.choices)
    return [(kind, str(labels[kind])) for kind in QUESTION_KINDS]


class QuestionForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Type of the question"), choices=question_kind_choices)
    choices_fi = forms.CharField(
        label=_("Options in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one option per line."),
    )
    choices_sv = forms.CharField(
        label=_("Options in Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Same lines in the same order."),
    )  # fmt: skip
    choices_en = forms.CharField(
        label=_("Options in English"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Same lines in the same order."),
    )  # fmt: skip

    class Meta:
        model = Question
        fields = [
            "kind", "text_fi", "text_sv", "text_en", "help_fi", "help_sv", "help_en",
            "required", "scale_min", "scale_max",
        ]  # fmt: skip
        widgets = {f"help_{c}": forms.Textarea(attrs={"rows": 2}) for c in LANGS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            for code in LANGS:
                self.initial[f"choices_{code}"] = "\n".join(
                    str(choice.get(code) or "") if isinstance(choice, dict) else str(choice)
                    for choice in self.instance.choices or []
                )

    def choice_list(self) -> list[dict[str, str]]:
        lines = {
            code: [t.strip() for t in self.cleaned_data.get(f"choices_{code}", "").splitlines()]
            for code in LANGS
        }
        fi = [t for t in lines["fi"] if t]
        sv = [t for t in lines["sv"] if t]
        en = [t for t in lines["en"] if t]
        return [
            {"fi": text, "sv": sv[i] if i < len(sv) else "", "en": en[i] if i < len(en) else ""}
            for i, text in enumerate(fi)
        ]

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("choices_")}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "kind", "name_fi", "name_sv", "name_en", "weight", "max_points", "welfare_theme",
            "description_fi", "description_sv", "description_en",
        ]  # fmt: skip
        widgets = {f"description_{c}": forms.Textarea(attrs={"rows": 2}) for c in LANGS}
        field_classes = {"weight": EuroField}

    def __init__(self, *args: Any, themes: QuerySet[Theme] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = self.fields["welfare_theme"]
        # Every theme may be posted (the service refuses another municipality's with a message);
        # the list offers the municipality's own.
        theme.queryset = Theme.objects.select_related("plan")  # type: ignore[attr-defined]
        offered = list(themes) if themes is not None else []
        theme.choices = [("", "–"), *((t.pk, f"{t.plan}: {t}") for t in offered)]  # type: ignore[attr-defined]
        theme.help_text = _(
            "Only for a bonus: the theme of the municipality's welfare plan this criterion rewards."
        )
        self.fields["weight"].help_text = _(
            "A weighted criterion counts points ÷ maximum points × weight toward the total."
        )


class ReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the reviewer"),
        help_text=_("The person must already have an account on the service."),
    )
