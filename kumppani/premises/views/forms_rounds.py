"""Forms of seasonal allocation rounds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association
from kumppani.premises.models import Allocation, AllocationRound, SlotRequest, Space

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def weekday_choices() -> list[tuple[int, Any]]:
    return [(day, WEEKDAYS[day]) for day in range(7)]


class SpaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Space) -> str:
        return str(obj)


class RoundForm(forms.ModelForm):
    spaces = SpaceChoiceField(
        queryset=Space.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Spaces"),
        help_text=_("The municipality's bookable spaces that associations can apply for."),
    )

    class Meta:
        model = AllocationRound
        fields = [
            "name_fi", "name_sv", "name_en", "season_starts", "season_ends",
            "applications_open_at", "applications_close_at",
        ]  # fmt: skip
        widgets = {
            "season_starts": DATE,
            "season_ends": DATE,
            "applications_open_at": DATETIME,
            "applications_close_at": DATETIME,
        }

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spaces"].queryset = spaces  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["spaces"].initial = list(self.instance.spaces.values_list("pk", flat=True))
        for name in ("applications_open_at", "applications_close_at"):
            self.fields[name].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]
        self.fields["applications_close_at"].help_text = _("Europe/Helsinki time.")


class SlotRequestForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Association.objects.none(), label=_("Association"), empty_label=None
    )
    weekday = forms.TypedChoiceField(coerce=int, choices=weekday_choices, label=_("Weekday"))

    class Meta:
        model = SlotRequest
        fields = ["organisation", "space", "weekday", "starts", "ends", "priority", "purpose"]
        widgets = {"starts": TIME, "ends": TIME}

    def __init__(
        self,
        *args: Any,
        spaces: QuerySet[Space],
        associations: list[Association],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces  # type: ignore[attr-defined]
        self.fields["space"].empty_label = None  # type: ignore[attr-defined]
        organisation = self.fields["organisation"]
        organisation.queryset = Association.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in associations]
        )
        if self.instance.pk:
            del self.fields["organisation"]
        elif len(associations) == 1:
            organisation.initial = associations[0].pk
        self.fields["priority"].help_text = _("1 is the slot you want most; at most 20.")
        self.fields["priority"].widget.attrs.update({"min": 1, "max": 20})


class AllocationForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(coerce=int, choices=weekday_choices, label=_("Weekday"))

    class Meta:
        model = Allocation
        fields = ["space", "weekday", "starts", "ends"]
        widgets = {"starts": TIME, "ends": TIME}

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces  # type: ignore[attr-defined]
        self.fields["space"].empty_label = None  # type: ignore[attr-defined]


class RequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SlotRequest) -> str:
        return _(
            "%(association)s: %(space)s, %(weekday)s %(starts)s–%(ends)s, priority %(priority)d"
        ) % {
            "association": obj.organisation,
            "space": obj.space,
            "weekday": WEEKDAYS[obj.weekday],
            "starts": obj.starts.strftime("%H:%M"),
            "ends": obj.ends.strftime("%H:%M"),
            "priority": obj.priority,
        }


class GrantForm(forms.Form):
    request = RequestChoiceField(
        queryset=SlotRequest.objects.none(), label=_("Request to grant"), empty_label=None
    )

    def __init__(self, *args: Any, requests: QuerySet[SlotRequest], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = requests  # type: ignore[attr-defined]
