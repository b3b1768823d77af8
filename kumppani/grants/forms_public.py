"""The filter of the public register of awards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.geography.models import Municipality
from kumppani.geography.selectors import name_sort_key
from kumppani.grants.models import Programme
from kumppani.grants.selectors_public import AwardFilter, award_programmes, award_years


class AwardFilterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        chosen = str(self.data.get("municipality", ""))[:3] if self.is_bound else ""
        # municipalities with awards, and the one asked for (its page links here, awards or not)
        municipalities = sorted(
            Municipality.objects.filter(
                Q(grant_programmes__applications__decision__amount_eur__gt=0) | Q(code=chosen)
            ).distinct(),
            key=lambda m: name_sort_key(str(m)),
        )
        self.fields["municipality"].choices = everything + [  # type: ignore[attr-defined]
            (m.code, str(m)) for m in municipalities
        ]
        self.fields["year"].choices = everything + [  # type: ignore[attr-defined]
            (str(year), str(year)) for year in award_years()
        ]
        programmes: list[Programme] = list(award_programmes(chosen)) if chosen else []
        self.fields["programme"].choices = everything + [  # type: ignore[attr-defined]
            (str(p.pk), str(p)) for p in programmes
        ]
        if not programmes:
            self.fields["programme"].help_text = _("Choose a municipality to see its programmes.")

    def filters(self) -> AwardFilter:
        """The valid choices (an invalid one filters nothing; the form shows its error)."""
        if not self.is_bound:
            return AwardFilter()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AwardFilter(
            municipality=data.get("municipality") or "",
            year=data.get("year"),
            programme=data.get("programme"),
        )
