"""Forms of premises management (officers and liaisons of the municipality)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import EuroField
from kumppani.premises.models import CustomerType, PriceRule, Space

LANGS = ("fi", "sv", "en")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


def space_paths(spaces: QuerySet[Space]) -> dict[int, str]:
    """Each space's name with the spaces it is part of ("Sports hall › Court A"); one query."""
    rows = {s.pk: s for s in spaces}
    paths: dict[int, str] = {}
    for pk, space in rows.items():
        names, seen, current = [str(space)], {pk}, space
        while current.parent_id in rows and current.parent_id not in seen:
            seen.add(current.parent_id)
            current = rows[current.parent_id]
            names.append(str(current))
        paths[pk] = " › ".join(reversed(names))
    return paths


class SpaceChoiceField(forms.ModelChoiceField):
    paths: dict[int, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        return self.paths.get(obj.pk, str(obj))


def _space_choices(field: forms.Field, spaces: QuerySet[Space]) -> None:
    assert isinstance(field, SpaceChoiceField)
    field.queryset = spaces
    field.paths = space_paths(spaces)


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            "parent", "kind", "name_fi", "name_sv", "name_en", "address",
            "description_fi", "description_sv", "description_en", "capacity", "area_m2",
            "step_free", "accessible_toilet", "induction_loop",
            "accessibility_fi", "accessibility_sv", "accessibility_en",
            "equipment_fi", "equipment_sv", "equipment_en",
            "bookable", "for_associations", "needs_approval",
            "min_minutes", "max_minutes", "book_ahead_days", "buffer_minutes", "cancel_hours",
        ]  # fmt: skip
        field_classes = {"parent": SpaceChoiceField}
        widgets = {
            **{f"description_{c}": forms.Textarea(attrs={"rows": 3}) for c in LANGS},
            **{f"accessibility_{c}": forms.Textarea(attrs={"rows": 3}) for c in LANGS},
            **{f"equipment_{c}": forms.Textarea(attrs={"rows": 3}) for c in LANGS},
        }

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _space_choices(self.fields["parent"], spaces)
        self.fields["parent"].empty_label = _("— none: a building of its own —")  # type: ignore[attr-defined]
        self.fields["parent"].help_text = _(
            "Booking a space blocks the space it is part of for that time, and the other way round."
        )

    def _post_clean(self) -> None:
        # The service checks the model (and the tree rules) and reports on the fields.
        return None


class HoursForm(forms.Form):
    """Seven rows, Monday first; a row left empty is a closed day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, name in WEEKDAYS:
            self.fields[f"opens_{value}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": name}, required=False, widget=TIME
            )
            self.fields[f"closes_{value}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": name}, required=False, widget=TIME
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(name, self[f"opens_{v}"], self[f"closes_{v}"]) for v, name in WEEKDAYS]

    def hours(self) -> dict[int, tuple[dt.time | None, dt.time | None]]:
        data = self.cleaned_data
        return {int(v): (data.get(f"opens_{v}"), data.get(f"closes_{v}")) for v, _n in WEEKDAYS}


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP image of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_fi = forms.CharField(
        label=_("Description of the photo in Finnish"),
        required=False,
        max_length=300,
        help_text=_("Required: what the photo shows, for people who cannot see it."),
    )
    alt_sv = forms.CharField(
        label=_("Description of the photo in Swedish"), required=False, max_length=300
    )
    alt_en = forms.CharField(
        label=_("Description of the photo in English"), required=False, max_length=300
    )


class PrinciplesForm(forms.Form):
    text_fi = forms.CharField(
        label=_("Principles in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: # heading, **bold**, - list item, [link](https://…)."),
    )
    text_sv = forms.CharField(
        label=_("Principles in Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    text_en = forms.CharField(
        label=_("Principles in English"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class PriceRuleForm(forms.ModelForm):
    weekday_list = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every day."),
    )

    class Meta:
        model = PriceRule
        fields = [
            "customer_type", "space", "time_from", "time_to", "season_from", "season_to",
            "price_per_hour", "note_fi", "note_sv", "note_en",
        ]  # fmt: skip
        field_classes = {"space": SpaceChoiceField, "price_per_hour": EuroField}
        widgets = {"time_from": TIME, "time_to": TIME, "season_from": DATE, "season_to": DATE}

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _space_choices(self.fields["space"], spaces)
        self.fields["space"].empty_label = _("— every space of the municipality —")  # type: ignore[attr-defined]
        self.fields["price_per_hour"].help_text = _("0 means free of charge.")
        self.order_fields(["customer_type", "space", "weekday_list"])
        if self.instance.pk and self.instance.weekdays:
            self.initial["weekday_list"] = list(self.instance.weekdays)

    def _post_clean(self) -> None:
        return None

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["weekdays"] = "".join(sorted(data.pop("weekday_list", []) or []))
        return data


class TryPriceForm(forms.Form):
    space = SpaceChoiceField(label=_("Space"), queryset=Space.objects.none())
    customer_type = forms.ChoiceField(label=_("Customer type"), choices=CustomerType.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME, input_formats=DATETIME_FORMATS)

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _space_choices(self.fields["space"], spaces)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must be after the start."))
        elif start and end and end - start > dt.timedelta(days=7):
            self.add_error("ends_at", _("Try a time of at most a week."))
        return data


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection; the booker sees it in the email."),
    )
    whole_series = forms.BooleanField(
        label=_("Decide every time of the series awaiting approval alike"), required=False
    )
