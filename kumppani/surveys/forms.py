from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Category
from kumppani.geography.models import Municipality
from kumppani.surveys.models import (
    ANSWER_TEXT_LIMIT,
    CHOICE_KINDS,
    PROPOSAL_TEXT_LIMIT,
    ProposalMode,
    Question,
    QuestionKind,
    RespondentKind,
    Section,
    Survey,
)
from kumppani.surveys.values import Value, fingerprint
from kumppani.welfare.models import Plan, Theme

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title_fi", "title_sv", "title_en", "intro_fi", "intro_sv", "intro_en",
            "opens_at", "closes_at", "anonymous", "open_link_enabled", "plan",
        ]  # fmt: skip
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "intro_fi": forms.Textarea(attrs={"rows": 4}),
            "intro_sv": forms.Textarea(attrs={"rows": 2}),
            "intro_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, plans: Any = None, name_municipality: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]
        self.fields["closes_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]
        plan = self.fields["plan"]
        plan.queryset = plans if plans is not None else Plan.objects.none()  # type: ignore[attr-defined]
        plan.help_text = _("Only the welfare plans of the survey's municipality can be chosen.")
        if name_municipality:  # the person makes surveys for several municipalities
            plan.label_from_instance = lambda p: f"{p.municipality}: {p}"  # type: ignore[attr-defined]


class ScopeForm(forms.Form):
    """Where a new survey belongs: one of the person's municipalities or regions."""

    area = forms.ChoiceField(label=_("Area of the survey"))

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title_fi", "title_sv", "title_en", "theme", "intro_fi", "intro_sv", "intro_en"]
        widgets = {f"intro_{c}": forms.Textarea(attrs={"rows": 3}) for c in ("fi", "sv", "en")}

    def __init__(self, *args: Any, themes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes if themes is not None else Theme.objects.none()  # type: ignore[attr-defined]


class QuestionKindForm(forms.Form):
    """The first step of adding a question: its type decides which fields the next step has."""

    kind = forms.ChoiceField(
        label=_("Type of the question"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )


SCALE_FIELDS = (
    "scale_min", "scale_max",
    "scale_min_label_fi", "scale_min_label_sv", "scale_min_label_en",
    "scale_max_label_fi", "scale_max_label_sv", "scale_max_label_en",
)  # fmt: skip
# The fields only some types have; the rest are common to every question.
FIELDS_OF_KIND: dict[str, tuple[str, ...]] = {
    QuestionKind.SINGLE: ("choices_fi", "choices_sv", "choices_en"),
    QuestionKind.MULTIPLE: ("choices_fi", "choices_sv", "choices_en"),
    QuestionKind.SCALE: SCALE_FIELDS,
    QuestionKind.PROPOSALS: ("max_proposals",),
    QuestionKind.YES_NO: ("is_premises_question",),
}
KIND_SPECIFIC = {name for names in FIELDS_OF_KIND.values() for name in names}


class QuestionForm(forms.ModelForm):
    """The second step: the fields of one question type (the type is a hidden field)."""

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
            "kind", "text_fi", "text_sv", "text_en", "help_fi", "help_sv", "help_en", "required",
            *SCALE_FIELDS, "max_proposals", "is_premises_question",
        ]  # fmt: skip
        widgets = {
            "kind": forms.HiddenInput,
            **{f"help_{c}": forms.Textarea(attrs={"rows": 2}) for c in ("fi", "sv", "en")},
        }
        help_texts = {
            "scale_min_label_fi": _('What the lowest value means, e.g. "not at all".'),
            "scale_max_label_fi": _('What the highest value means, e.g. "very much".'),
        }

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.initial["kind"] = kind
        if self.is_bound:  # the type of this step, whatever the request says
            data = self.data.copy()  # type: ignore[attr-defined]
            data[self.add_prefix("kind")] = kind
            self.data = data
        for name in KIND_SPECIFIC - set(FIELDS_OF_KIND.get(kind, ())):
            del self.fields[name]
        if self.instance.pk and not self.is_bound and kind in CHOICE_KINDS:
            options = list(self.instance.choices.all())
            for code in ("fi", "sv", "en"):
                self.initial[f"choices_{code}"] = "\n".join(
                    getattr(c, f"text_{code}") for c in options
                )

    def choice_texts(self) -> list[tuple[str, str, str]]:
        lines = {
            code: [t.strip() for t in self.cleaned_data.get(f"choices_{code}", "").splitlines()]
            for code in ("fi", "sv", "en")
        }
        fi = [t for t in lines["fi"] if t]
        sv = [t for t in lines["sv"] if t]
        en = [t for t in lines["en"] if t]
        return [
            (text, sv[i] if i < len(sv) else "", en[i] if i < len(en) else "")
            for i, text in enumerate(fi)
        ]


class AudienceForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        required=False,
        label=_("Only associations of this category"),
        empty_label=_("All categories"),
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=_("Only associations of this municipality"),
        empty_label=_("Every municipality of the area"),
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Municipality.objects.filter(region_id=survey.region_id).order_by("name_fi")
        if survey.municipality_id is not None:
            qs = qs.filter(pk=survey.municipality_id)
        self.fields["municipality"].queryset = qs  # type: ignore[attr-defined]


class NamedInvitationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Respondent type"),
        choices=[
            (RespondentKind.TEAM.value, RespondentKind.TEAM.label),
            (RespondentKind.STAKEHOLDER.value, RespondentKind.STAKEHOLDER.label),
        ],
    )
    name = forms.CharField(label=_("Name of the team or stakeholder"), max_length=200)
    email = forms.EmailField(label=_("Email address for the link"), required=False)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False, label=_("Municipality")
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if survey.municipality_id is not None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
                region_id=survey.region_id
            ).order_by("name_fi")


# --- answering ------------------------------------------------------------------------------


def _label(question: Question) -> str:
    return str(question)


class AnswerForm(forms.Form):
    """The questions of one section. Drafts are never rejected for missing required answers."""

    def __init__(
        self, *args: Any, section: Section, values: dict[int, Value], disabled: bool = False,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.section = section
        self.questions = list(section.questions.all())
        self.groups: list[dict[str, Any]] = []
        for q in self.questions:
            names = self._add_fields(q, values.get(q.pk), disabled)
            self.fields[f"h{q.pk}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=fingerprint(q, values.get(q.pk))
            )
            self.groups.append({"question": q, "names": names})

    def _add_fields(self, q: Question, value: Value, disabled: bool) -> list[str]:
        name = f"q{q.pk}"
        common: dict[str, Any] = {"label": _label(q), "required": False, "disabled": disabled}
        kind = q.kind
        if kind == QuestionKind.SHORT_TEXT:
            field: forms.Field = forms.CharField(max_length=1000, initial=value, **common)
        elif kind == QuestionKind.LONG_TEXT:
            field = forms.CharField(
                max_length=ANSWER_TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=value,
                **common,
            )
        elif kind == QuestionKind.NUMBER:
            field = forms.DecimalField(max_digits=14, decimal_places=2, initial=value, **common)
        elif kind == QuestionKind.SCALE:
            field = forms.TypedChoiceField(
                choices=[
                    (str(v), q.scale_step_label(v)) for v in range(q.scale_min, q.scale_max + 1)
                ],
                widget=forms.RadioSelect,
                coerce=Decimal,
                empty_value=None,
                initial=None if value is None else str(int(value)),
                **common,
            )
        elif kind == QuestionKind.YES_NO:
            field = forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                initial=value,
                **common,
            )
        elif kind == QuestionKind.SINGLE:
            field = forms.ChoiceField(
                choices=[(str(c.pk), str(c)) for c in q.choices.all()],
                widget=forms.RadioSelect,
                initial=value,
                **common,
            )
        elif kind == QuestionKind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(str(c.pk), str(c)) for c in q.choices.all()],
                widget=forms.CheckboxSelectMultiple,
                initial=value,
                **common,
            )
        else:
            names = []
            value = value or {}
            for mode in (ProposalMode.OWN, ProposalMode.TOGETHER):
                texts = list(value.get(mode, []))
                for i in range(q.max_proposals):
                    n = f"q{q.pk}_{mode}_{i + 1}"
                    self.fields[n] = forms.CharField(
                        label=_("Proposal %(number)s") % {"number": i + 1},
                        max_length=PROPOSAL_TEXT_LIMIT,
                        required=False,
                        disabled=disabled,
                        initial=texts[i] if i < len(texts) else "",
                    )
                    names.append(n)
            return names
        self.fields[name] = field
        return [name]

    def values(self) -> dict[int, Value]:
        data = self.cleaned_data
        out: dict[int, Value] = {}
        for q in self.questions:
            if q.kind == QuestionKind.PROPOSALS:
                out[q.pk] = {
                    mode: [data.get(f"q{q.pk}_{mode}_{i + 1}", "") for i in range(q.max_proposals)]
                    for mode in (ProposalMode.OWN, ProposalMode.TOGETHER)
                }
            else:
                value = data.get(f"q{q.pk}")
                out[q.pk] = value if value is not None else ("" if q.kind not in (
                    QuestionKind.NUMBER, QuestionKind.SCALE) else None)  # fmt: skip
        return out

    def fingerprints(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"h{q.pk}", "") for q in self.questions}

    def bound_groups(self) -> list[dict[str, Any]]:
        out = []
        for group in self.groups:
            q = group["question"]
            fields = [self[n] for n in group["names"]]
            entry: dict[str, Any] = {"question": q, "fields": fields, "hash": self[f"h{q.pk}"]}
            if q.kind == QuestionKind.PROPOSALS:
                half = len(fields) // 2
                entry["own"], entry["together"] = fields[:half], fields[half:]
            out.append(entry)
        return out
