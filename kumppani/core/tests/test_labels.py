"""Every form label people see starts with a capital letter, in every language."""

from __future__ import annotations

import importlib
import inspect
import re
from html import unescape
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.utils import translation

pytestmark = pytest.mark.django_db

LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
TAG = re.compile(r"<[^>]+>")


def _form_classes() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kumppani."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and cls not in (forms.Form, forms.ModelForm)
            ):
                found.append(cls)
    return found


def _buildable() -> list[type[forms.BaseForm]]:
    built = []
    for cls in _form_classes():
        try:
            cls()
        except TypeError:  # needs arguments (a user, a municipality...): pages test those
            continue
        built.append(cls)
    return built


def _labels(form: forms.BaseForm) -> list[str]:
    texts = [unescape(TAG.sub("", text)).strip() for text in LABEL.findall(str(form))]
    return [text for text in texts if text]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_form_labels_start_with_a_capital_letter(language: str) -> None:
    classes = _buildable()
    assert len(classes) > 20  # the test really renders the apps' forms
    lowercase = []
    with translation.override(language):
        for cls in classes:
            for text in _labels(cls()):
                if text[0].isalpha() and not text[0].isupper():
                    lowercase.append(f"{cls.__module__}.{cls.__name__}: {text}")
    assert lowercase == []


# Form pages whose forms need a user or a municipality to be built.
FORM_PAGES = [
    "/fi/associations/new/",
    "/fi/forums/new/",
    "/fi/municipalities/276/contacts/manage/",
    "/fi/municipalities/276/bodies/new/",
    "/fi/municipalities/276/agreements/new/",
    "/fi/municipalities/276/annual-cycle/new/",
    "/fi/practices/new/",
    "/fi/municipalities/276/proposals/new/",
    "/fi/municipalities/276/welfare-plan/new/",
    "/sv/municipalities/276/proposals/new/",
    "/en/municipalities/276/proposals/new/",
]


@pytest.mark.parametrize("path", FORM_PAGES)
def test_form_page_labels_start_with_a_capital_letter(client_for: Any, path: str) -> None:
    response = client_for("admin").get(path)
    assert response.status_code == 200, path
    texts = [unescape(TAG.sub("", text)).strip() for text in LABEL.findall(response.text)]
    lowercase = [text for text in texts if text and text[0].isalpha() and not text[0].isupper()]
    assert lowercase == []
