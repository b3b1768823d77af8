from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.models import (
    ASSOCIATION_ROLES,
    MUNICIPALITY_ROLES,
    REGION_ROLES,
    Role,
    User,
)
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
        # Only the role's own scope is passed on; role_assign checks that it is given.
        if role not in MUNICIPALITY_ROLES:
            data["municipality"] = None
        if role not in REGION_ROLES:
            data["region"] = None
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Deleting the account cannot be undone."),
    )
    confirm = forms.BooleanField(label=_("I understand that my account is deleted for good."))

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
