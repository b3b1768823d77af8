from django import forms
from django.core.exceptions import ValidationError

from kumppani.core.forms import apply_validation_error


class _NameForm(forms.Form):
    name = forms.CharField()


def test_field_errors_go_to_their_field_and_others_to_the_top() -> None:
    form = _NameForm(data={"name": "x"})
    assert form.is_valid()
    apply_validation_error(
        form, ValidationError({"name": "Too short.", "hidden": "Not shown.", "__all__": "Whole."})
    )
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == ["Not shown.", "Whole."]


def test_message_without_field_goes_to_the_top() -> None:
    form = _NameForm(data={"name": "x"})
    assert form.is_valid()
    apply_validation_error(form, ValidationError("Not allowed."))
    assert form.non_field_errors() == ["Not allowed."]
    assert "name" not in form.errors
