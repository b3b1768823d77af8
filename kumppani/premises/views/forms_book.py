"""The booking form: for whom, the date and times, the purpose and an optional weekly repeat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association
from kumppani.premises.models import CustomerType

AS_MUNICIPALITY = "municipality"
# What an officer booking for someone other than an association may choose.
OTHER_CUSTOMERS = [
    (CustomerType.GROUP.value, CustomerType.GROUP.label),
    (CustomerType.RESIDENT.value, CustomerType.RESIDENT.label),
    (CustomerType.COMPANY.value, CustomerType.COMPANY.label),
]


class BookingForm(forms.Form):
    booker = forms.ChoiceField(label=_("Book for"))
    customer_type = forms.ChoiceField(
        label=_("Customer type (when not booking for an association)"),
        choices=OTHER_CUSTOMERS,
        required=False,
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("What the space is booked for, e.g. “Chair exercise”."),
    )
    until = forms.DateField(
        label=_("Repeat weekly until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a single booking."),
    )

    def __init__(
        self,
        *args: Any,
        associations: list[Association],
        as_municipality: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.associations = {str(a.pk): a for a in associations}
        choices: list[tuple[str, str]] = [(str(a.pk), str(a)) for a in associations]
        if as_municipality:
            choices.append((AS_MUNICIPALITY, str(_("The municipality (not an association)"))))
        else:
            del self.fields["customer_type"]
        booker = self.fields["booker"]
        assert isinstance(booker, forms.ChoiceField)
        booker.choices = choices
        if len(choices) == 1:
            booker.initial = choices[0][0]
            if self.is_bound and not self.data.get("booker"):
                self.data = {**dict(self.data.items()), "booker": choices[0][0]}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date, start, end = data.get("date"), data.get("start"), data.get("end")
        until = data.get("until")
        if date and start and end and end <= start and end != dt.time(0):
            self.add_error("end", _("The end must be after the start."))
        if date and until and until < date:
            self.add_error("until", _("The repeat cannot end before the first date."))
        return data

    @property
    def organisation(self) -> Association | None:
        return self.associations.get(self.cleaned_data["booker"])

    @property
    def customer(self) -> str:
        if self.organisation is not None:
            return CustomerType.ASSOCIATION
        return self.cleaned_data.get("customer_type") or CustomerType.GROUP

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["start"])
        )

    @property
    def ends_at(self) -> dt.datetime:
        end = self.cleaned_data["end"]
        day = self.cleaned_data["date"]
        if end == dt.time(0):  # until midnight
            day += dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, end))
