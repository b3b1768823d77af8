from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kumppani.accounts.testing import World
from kumppani.core.spreadsheets import safe_cell
from kumppani.welfare.tests.factories import (
    MeasureFactory,
    PlanFactory,
    ThemeFactory,
    approve_plan,
)

pytestmark = pytest.mark.django_db


def _approved(world: World) -> Any:
    plan = PlanFactory.create(municipality=world.municipality, title_fi="Hyvinvointisuunnitelma")
    theme = ThemeFactory.create(plan=plan, name_fi="Mielen hyvinvointi")
    MeasureFactory.create(goal__theme=theme, title_fi="Mielenterveyden ensiapukurssit")
    MeasureFactory.create(
        goal__theme=theme,
        title_fi='=HYPERLINK("http://evil")',
        responsible_unit="+358 40 123",
        resources="-10 €",
        schedule="@now",
    )
    approve_plan(plan, dt.date(2025, 6, 16), "Valtuusto hyväksyi suunnitelman.")
    return plan


def test_pdf_contains_the_approved_plan(world: World, client: Any) -> None:
    plan = _approved(world)
    response = client.get(reverse("welfare:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())  # cells wrap
    assert "Hyvinvointisuunnitelma" in text
    assert "Mielen hyvinvointi" in text
    assert "Mielenterveyden ensiapukurssit" in text
    assert "16.6.2025" in text
    assert "Valtuusto hyväksyi suunnitelman." in text


def test_xlsx_is_formula_safe(world: World, client: Any) -> None:
    plan = _approved(world)
    response = client.get(reverse("welfare:plan_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 3
    evil = next(r for r in rows if "HYPERLINK" in str(r[2]))
    assert evil[2] == '\'=HYPERLINK("http://evil")'
    assert evil[3] == "'+358 40 123" and evil[5] == "'-10 €" and evil[6] == "'@now"
    for row in rows:
        for value in row:
            assert not (isinstance(value, str) and value[:1] in "=+-@")
    assert safe_cell(5) == 5 and safe_cell("ok") == "ok"


def _pdf_text(response: Any) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_draft_plan_exports_marked_as_a_draft(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality, title_fi="Luonnossuunnitelma")
    MeasureFactory.create(goal__theme__plan=plan, title_fi="Kävelyreitit kuntoon")
    response = client.get(reverse("welfare:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and "-draft.pdf" in response["Content-Disposition"]
    text = _pdf_text(response)
    assert "LUONNOS – valtuusto ei ole hyväksynyt" in text
    assert "Kävelyreitit kuntoon" in text and "hyväksyi" not in text
    response = client.get(reverse("welfare:plan_xlsx", args=[plan.pk]))
    assert response.status_code == 200 and "-draft-" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "Toimenpiteet (luonnos)"
    assert "luonnos" in workbook.properties.title
    assert any(
        "Kävelyreitit kuntoon" in str(row) for row in workbook.active.iter_rows(values_only=True)
    )


def test_approved_pdf_shows_its_progress_beside_todays(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    measure = MeasureFactory.create(goal__theme__plan=plan, progress=20)
    approve_plan(plan, dt.date(2025, 6, 16))
    measure.progress = 70
    measure.save()
    text = _pdf_text(client.get(reverse("welfare:plan_pdf", args=[plan.pk])))
    today = timezone.localdate()
    assert "Kokonaisedistyminen hyväksyttäessä (16.6.2025) 20 %" in text
    assert f"Kokonaisedistyminen tänään ({today.day}.{today.month}.{today.year}) 70 %" in text
    assert "20 %" in text and "70 %" in text
