from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import (
    ActivityLanguage,
    Association,
    BoardMember,
    Category,
    RepresentationRequest,
)
from kumppani.geography.models import Municipality


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return str(obj)


class CapitalisedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Choices shown as labels of their own start with a capital ("Suomi", not "suomi")."""

    def label_from_instance(self, obj: object) -> str:
        return capfirst(str(obj))


class AssociationForm(forms.ModelForm):
    home_municipality = MunicipalityChoiceField(
        queryset=Municipality.objects.order_by("name_fi"), label=capfirst(_("home municipality"))
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(_("categories")),
        error_messages={"required": _("Choose at least one category.")},
    )
    languages = CapitalisedMultipleChoiceField(
        queryset=ActivityLanguage.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=capfirst(_("languages of activity")),
    )
    active_municipalities = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        label=capfirst(_("also active in")),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Association
        fields = [
            "name_fi",
            "name_sv",
            "registration_number",
            "categories",
            "home_municipality",
            "active_municipalities",
            "purpose_fi",
            "purpose_sv",
            "purpose_en",
            "email",
            "phone",
            "website",
            "languages",
            "member_count",
            "uses_municipal_premises",
        ]
        widgets = {
            "purpose_fi": forms.Textarea(attrs={"rows": 5}),
            "purpose_sv": forms.Textarea(attrs={"rows": 3}),
            "purpose_en": forms.Textarea(attrs={"rows": 3}),
        }


def duplicate_confirmation_field() -> forms.BooleanField:
    """Added to the registration form when the association may already be registered."""
    return forms.BooleanField(
        required=False,
        label=_("This is a different association: register it anyway"),
    )


class RepresentationRequestForm(forms.ModelForm):
    class Meta:
        model = RepresentationRequest
        fields = ["message"]
        labels = {"message": _("Message to the association's representatives (optional)")}
        help_texts = {
            "message": _("For example your role in the association (chair, secretary, member).")
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class BoardMemberForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["name", "email", "role"]
        help_texts = {
            "email": _(
                "If the person has an account with this address, the member is linked to it."
            )
        }


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the new representative"))


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.ChoiceField(label=_("Language of activity"), required=False)

    def __init__(
        self, *args: object, choices: dict[str, list[tuple[str, str]]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        everything = [("", _("All"))]
        for name, options in choices.items():
            self.fields[name].choices = everything + options  # type: ignore[attr-defined]
