from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association, Category
from kumppani.forums.models import (
    CooperationPlan,
    Forum,
    ForumType,
    NetworkMaterial,
    PlanStatus,
    PlanStep,
    Registration,
    RegularityTarget,
    StepStatus,
    TeamMember,
    WalkIn,
)
from kumppani.geography.models import Municipality, Region

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ForumForm(forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=capfirst(_("municipalities")),
        help_text=_("One, or several for a joint forum. Hold Ctrl (or Cmd) to choose several."),
    )
    region = NamedChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=capfirst(_("region")),
        help_text=_("Only for region-level forums (liaison network, municipal tour)."),
    )

    class Meta:
        model = Forum
        fields = [
            "type",
            "title_fi",
            "title_sv",
            "municipalities",
            "region",
            "body",
            "co_organiser",
            "start",
            "end",
            "place",
            "registration_closes_at",
            "capacity",
            "description_fi",
            "description_sv",
            "themes",
            "status",
        ]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        municipalities: Any,
        regions: Any,
        bodies: Any,
        agents: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["co_organiser"].queryset = agents  # type: ignore[attr-defined]
        self.fields["co_organiser"].help_text = _(
            "The association agent paired with the liaison, if they co-organise."
        )
        for name in ("start", "end", "registration_closes_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]


class ForumFilterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["municipality"].choices = everything + municipalities  # type: ignore[attr-defined]
        self.fields["type"].choices = everything + list(ForumType.choices)  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Only associations of these categories"),
        help_text=_("Leave empty to invite every association of the municipality."),
    )


class RegistrationForm(forms.ModelForm):
    association = NamedChoiceField(
        queryset=Association.objects.none(), required=False, label=capfirst(_("association"))
    )
    waiting_list = forms.BooleanField(
        label=_("Join the waiting list if there are not enough free places"), required=False
    )

    class Meta:
        model = Registration
        fields = ["association", "participants", "dietary_needs", "accessibility_needs"]
        widgets = {
            "dietary_needs": forms.TextInput(),
            "accessibility_needs": forms.TextInput(),
        }

    def __init__(
        self, *args: Any, associations: Any, association_required: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["association"]
        field.queryset = associations  # type: ignore[attr-defined]
        field.required = association_required
        if association_required:
            field.error_messages["required"] = _("Choose the association you register.")
            only = list(associations[:2])
            if len(only) == 1:  # a representative of one association: preselected
                field.initial = only[0].pk
        self.fields["participants"].widget.attrs.update({"min": 1, "max": 50})


class RegistrationEditForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["participants", "dietary_needs", "accessibility_needs"]
        widgets = {
            "dietary_needs": forms.TextInput(),
            "accessibility_needs": forms.TextInput(),
        }


class AttendanceForm(forms.Form):
    associations = forms.ModelMultipleChoiceField(
        queryset=Association.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Associations that came"),
    )

    def __init__(self, *args: Any, associations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["associations"].queryset = associations  # type: ignore[attr-defined]


class WalkInForm(forms.ModelForm):
    class Meta:
        model = WalkIn
        fields = ["name", "association_name"]


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Forum
        fields = ["minutes", "outcomes"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 12}),
            "outcomes": forms.Textarea(attrs={"rows": 5}),
        }


class PlanForm(forms.ModelForm):
    class Meta:
        model = CooperationPlan
        fields = ["title", "goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}


class PlanUpdateForm(forms.ModelForm):
    status = forms.ChoiceField(choices=PlanStatus.choices, label=capfirst(_("status")))

    class Meta:
        model = CooperationPlan
        fields = ["title", "goal", "status", "follow_up"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 4}),
        }


class StepForm(forms.ModelForm):
    class Meta:
        model = PlanStep
        fields = ["title", "deadline"]
        widgets = {"deadline": DateInput()}


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices, label=capfirst(_("status")))


class TeamMemberForm(forms.ModelForm):
    association = NamedChoiceField(
        queryset=Association.objects.none(), required=False, label=capfirst(_("association"))
    )

    class Meta:
        model = TeamMember
        fields = ["name", "email", "association", "unit"]

    def __init__(self, *args: Any, associations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations  # type: ignore[attr-defined]


class TargetForm(forms.ModelForm):
    class Meta:
        model = RegularityTarget
        fields = ["per_year_min", "per_year_max"]


class MaterialForm(forms.ModelForm):
    file = forms.FileField(
        required=False,
        label=capfirst(_("file")),
        help_text=_("PDF, ODT, DOCX or PPTX, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx,.pptx"}),
    )

    class Meta:
        model = NetworkMaterial
        fields = ["title", "url", "file", "forum"]

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = meetings  # type: ignore[attr-defined]
