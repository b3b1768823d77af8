from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association
from kumppani.associations.selectors import associations_in_municipality
from kumppani.cooperation.guide_render import SECTION_TITLES
from kumppani.cooperation.models import (
    SECTION_KEYS,
    Body,
    BodyMember,
    CycleEntry,
    GoodPractice,
    GuideVersion,
    Liaison,
    PartnershipAgreement,
)
from kumppani.core.limits import LONG_TEXT, SHORT_TEXT
from kumppani.geography.models import Municipality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LiaisonForm(forms.ModelForm):
    class Meta:
        model = Liaison
        fields = [
            "name",
            "email",
            "phone",
            "unit",
            "hours_per_month",
            "role_description_fi",
            "role_description_sv",
            "role_description_en",
            "named_on",
            "is_public",
            "order",
        ]
        widgets = {
            "named_on": DATE,
            "role_description_fi": forms.Textarea(attrs={"rows": 4}),
            "role_description_sv": forms.Textarea(attrs={"rows": 3}),
            "role_description_en": forms.Textarea(attrs={"rows": 3}),
        }


class AgentForm(forms.Form):
    agent_name = forms.CharField(label=_("Agent's name"), max_length=150)
    association = forms.ModelChoiceField(
        queryset=Association.objects.none(), required=False, label=_("Association")
    )
    since = forms.DateField(label=_("Since"), required=False, widget=DATE)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations_in_municipality(municipality.pk)  # type: ignore[attr-defined]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name_fi", "name_sv", "description_fi", "description_sv"]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
        }


class BodyMemberForm(forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["person_name", "role", "association", "field", "unit", "term_start", "term_end"]
        widgets = {"term_start": DATE, "term_end": DATE}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations_in_municipality(municipality.pk)  # type: ignore[attr-defined]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = PartnershipAgreement
        fields = [
            "association",
            "title",
            "scope",
            "start",
            "end",
            "obligations_municipality",
            "obligations_association",
            "attachment",
            "is_public",
        ]
        widgets = {
            "start": DATE,
            "end": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "obligations_municipality": forms.Textarea(attrs={"rows": 4}),
            "obligations_association": forms.Textarea(attrs={"rows": 4}),
            "attachment": forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations_in_municipality(municipality.pk)  # type: ignore[attr-defined]


class CycleEntryForm(forms.ModelForm):
    class Meta:
        model = CycleEntry
        fields = [
            "title_fi",
            "title_sv",
            "month",
            "day",
            "end_month",
            "end_day",
            "recurring",
            "year",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GuideForm(forms.Form):
    """One Markdown text area per section and language."""

    def __init__(
        self, *args: Any, version: GuideVersion | None, swedish: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        languages = ("fi", "sv") if swedish else ("fi",)
        self.languages = languages
        for key in SECTION_KEYS:
            for language in languages:
                label = (
                    _("%(section)s – Finnish") if language == "fi" else _("%(section)s – Swedish")
                ) % {"section": SECTION_TITLES[key]}
                self.fields[f"{key}_{language}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=LONG_TEXT,
                    initial=version.text(key, language) if version else "",
                    widget=forms.Textarea(attrs={"rows": 6, "lang": language}),
                )

    def narrative(self) -> dict[str, dict[str, str]]:
        return {
            key: {lang: self.cleaned_data.get(f"{key}_{lang}", "") for lang in self.languages}
            for key in SECTION_KEYS
        }

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (key, str(SECTION_TITLES[key]), [self[f"{key}_{lang}"] for lang in self.languages])
            for key in SECTION_KEYS
        ]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "origin_municipality",
            "material_url",
            "material_file",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "material_file": forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin_municipality"].queryset = Municipality.objects.order_by("name_fi")  # type: ignore[attr-defined]


class AdoptionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), label=_("Municipality")
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
