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
from kumppani.associations.selectors import associations_by_name
from kumppani.geography.models import Municipality, Region


class RoleAssignForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    association_name = forms.CharField(
        label=_("Association"),
        required=False,
        max_length=200,
        help_text=_(
            "For a representative: the association's name, part of it, or its register number."
        ),
    )
    association = forms.ModelChoiceField(
        label=_("Matching associations"),
        queryset=Association.objects.none(),
        required=False,
        widget=forms.HiddenInput,
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
            data["association"] = self._association(data)
        else:
            data["association"] = None
        # Only the role's own scope is passed on; role_assign checks that it is given.
        if role not in MUNICIPALITY_ROLES:
            data["municipality"] = None
        if role not in REGION_ROLES:
            data["region"] = None
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matches: list[Association] = []
        if self.is_bound:
            self.matches = associations_by_name(self.data.get("association_name", ""))
            pks = [a.pk for a in self.matches]
            field = self.fields["association"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Association.objects.filter(pk__in=pks)
            if self.data.get("association") not in {str(pk) for pk in pks}:
                # a choice from an earlier search no longer applies
                self.data = {**dict(self.data.items()), "association": ""}

    def _association(self, data: dict[str, Any]) -> Association | None:
        """The association named, or a choice among several that match (a second step)."""
        chosen: Association | None = data.get("association")
        if chosen is not None:
            return chosen
        name = data.get("association_name", "")
        if len(self.matches) == 1:
            return self.matches[0]
        if not self.matches:
            self.add_error(
                "association_name",
                _("No association matches “%(name)s”.") % {"name": name}
                if name
                else _("Give the association's name."),
            )
            return None
        field = self.fields["association"]
        field.widget = forms.Select(
            choices=[("", "—")] + [(a.pk, f"{a} ({a.home_municipality})") for a in self.matches]
        )
        self.add_error("association", _("Several associations match: choose one."))
        return None


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


class SignupForm(forms.Form):
    """The extra field of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the person's name,
    shown wherever people are listed. The adapter stores it."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown to the associations and municipalities you work with."),
    )

    def signup(self, request: Any, user: User) -> None:
        """allauth calls this after saving the user; the adapter has stored the name."""


class NameForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown to the associations and municipalities you work with."),
    )
