"""Forms of the application path: the application itself, an attachment, a reopening."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.grants.models import Application, Question
from kumppani.grants.services.application_values import (
    LONG_ANSWER,
    SHORT_ANSWER,
    answer_fingerprint,
    field_fingerprint,
    question_key,
)
from kumppani.welfare.models import Theme

FIELD_NAMES = ("contact_name", "contact_email", "contact_phone", "iban", "purpose", "amount_eur")


def hash_name(key: str) -> str:
    return f"h-{key}"


def _amount_shown(value: Any) -> str:
    return "" if value in (None, "") else formats.number_format(value, 2)


class ApplicationForm(forms.Form):
    """The whole application on one page. Drafts are never refused for missing answers."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    iban = forms.CharField(label=_("Bank account (IBAN)"), max_length=34, required=False)
    amount_eur = forms.CharField(
        label=_("Amount applied for (€)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    purpose = forms.CharField(
        label=_("Purpose of the grant"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    welfare_themes = forms.MultipleChoiceField(
        label=_("Themes of the welfare plan your work serves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        application: Application,
        questions: list[Question],
        themes: list[Theme],
        answers: dict[int, Any],
        theme_ids: list[int],
        disabled: bool = False,
        language: str = "fi",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["welfare_themes"].choices = [(str(t.pk), str(t)) for t in themes]  # type: ignore[attr-defined]
        values: dict[str, Any] = {name: getattr(application, name) for name in FIELD_NAMES}
        values["welfare_themes"] = theme_ids
        for name, value in values.items():
            shown = _amount_shown(value) if name == "amount_eur" else value
            if name == "welfare_themes":
                shown = [str(v) for v in value]
            self.initial[name] = shown
            self.fields[hash_name(name)] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=field_fingerprint(name, value)
            )
        for q in questions:
            key = question_key(q.pk)
            value = answers.get(q.pk)
            self.fields[key] = self._question_field(q, value, language)
            self.fields[hash_name(key)] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=answer_fingerprint(q, value)
            )
        if disabled:
            for f in self.fields.values():
                f.disabled = True

    @staticmethod
    def _question_field(q: Question, value: Any, language: str) -> forms.Field:
        common: dict[str, Any] = {
            "label": str(q),
            "required": False,
            "help_text": localized(q, "help", language),
        }
        if q.kind == "short_text":
            return forms.CharField(max_length=SHORT_ANSWER, initial=value, **common)
        if q.kind == "long_text":
            return forms.CharField(
                max_length=LONG_ANSWER,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=value,
                **common,
            )
        if q.kind == "number":
            return forms.CharField(
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                initial=value,
                **common,
            )
        if q.kind == "scale":
            choices = [(str(v), str(v)) for v in range(q.scale_min, q.scale_max + 1)]
            return forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, initial=value, **common
            )
        if q.kind == "yes_no":
            return forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                initial=value,
                **common,
            )
        choices = [(str(i), label) for i, label in enumerate(q.choice_labels(language))]
        if q.kind == "single":
            return forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, initial=value, **common
            )
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, initial=value or [], **common
        )

    def field_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {name: data.get(name) or "" for name in FIELD_NAMES}
        if "welfare_themes" in self.fields and self.fields["welfare_themes"].choices:  # type: ignore[attr-defined]
            out["welfare_themes"] = data.get("welfare_themes") or []
        return out

    def answer_values(self) -> dict[int, Any]:
        data = self.cleaned_data
        return {q.pk: data.get(question_key(q.pk)) for q in self.questions}

    def fingerprints(self) -> dict[str, str]:
        return {
            name[2:]: self.cleaned_data.get(name) or ""
            for name in self.fields
            if name.startswith("h-")
        }

    def question_groups(self) -> list[dict[str, Any]]:
        return [
            {
                "question": q,
                "field": self[question_key(q.pk)],
                "hash": self[hash_name(question_key(q.pk))],
            }
            for q in self.questions
        ]

    def hashes(self) -> list[forms.BoundField]:
        return [self[hash_name(n)] for n in (*FIELD_NAMES, "welfare_themes")]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title of the attachment"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, ODT, DOCX or PPTX, at most 10 MB."))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    until = forms.DateTimeField(
        label=_("Open for changes until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
