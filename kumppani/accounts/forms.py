from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.models import ASSOCIATION_ROLES, MUNICIPALITY_ROLES, REGION_ROLES, Role
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality, Region


class RoleAssignForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    association = forms.IntegerField(
        label=_("Association number"),
        required=False,
        help_text=_("For a representative: the number in the association's web address."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        help_text=_("For a liaison, agent, officer or wellbeing group member."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name_fi"),
        required=False,
        help_text=_("For a regional coordinator."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role in ASSOCIATION_ROLES:
            association = Association.objects.filter(pk=data.get("association") or 0).first()
            if association is None:
                self.add_error("association", _("Give the number of an existing association."))
            data["association"] = association
        else:
            data["association"] = None
        if role in MUNICIPALITY_ROLES and not data.get("municipality"):
            self.add_error("municipality", _("Choose the municipality for this role."))
        if role not in MUNICIPALITY_ROLES:
            data["municipality"] = None
        if role in REGION_ROLES and not data.get("region"):
            self.add_error("region", _("Choose the region for this role."))
        if role not in REGION_ROLES:
            data["region"] = None
        return data
