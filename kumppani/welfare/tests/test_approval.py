"""Approval stages: in order, never in the future, the council's decision confirmed first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.accounts.testing import World
from kumppani.welfare import services
from kumppani.welfare.models import ApprovalStage, PlanStatus
from kumppani.welfare.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _record(plan: Any, body: str, date: dt.date) -> None:
    services.approval_stage_record(actor=None, plan=plan, body=body, date=date, decision="Ok")


def test_a_later_stage_needs_the_earlier_one(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    for body in ("board", "council"):
        with pytest.raises(ValidationError) as error:
            _record(plan, body, dt.date(2025, 5, 1))
        assert "body" in error.value.message_dict
    _record(plan, "committee", dt.date(2025, 4, 1))  # the working group's stage is optional
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _record(plan, "council", dt.date(2025, 5, 1))
    assert error.value.message_dict["body"] == [
        "Record the decision of Municipal board before Council."
    ]
    _record(plan, "committee", dt.date(2025, 4, 2))  # several committees
    _record(plan, "board", dt.date(2025, 5, 1))
    _record(plan, "council", dt.date(2025, 6, 1))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_no_stage_in_the_future(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        _record(plan, "committee", tomorrow)
    assert list(error.value.message_dict) == ["date"]
    assert not ApprovalStage.objects.exists()


def test_council_stage_is_confirmed_on_a_separate_step(world: World, client_for: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    _record(plan, "committee", dt.date(2025, 4, 1))
    _record(plan, "board", dt.date(2025, 5, 1))
    client = client_for("liaison")
    url = reverse("welfare:approvals", args=[plan.pk])
    data = {"body": "council", "date": "2025-06-10", "decision": "Valtuusto hyväksyi."}
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["confirming"] is True
    assert 'name="confirmed"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_APPROVAL  # nothing recorded yet
    response = client.post(url, {**data, "confirmed": "on"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_on == dt.date(2025, 6, 10)


def test_council_out_of_order_is_refused_before_the_confirmation(
    world: World, client_for: Any
) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    url = reverse("welfare:approvals", args=[plan.pk])
    data = {"body": "council", "date": "2025-06-10", "decision": "Hyväksytty"}
    response = client_for("liaison").post(url, data)
    assert response.context["confirming"] is False
    assert response.context["form"].errors["body"]
    assert "Hyväksytty" in response.content.decode()  # the input is kept


def test_public_page_is_not_approved_while_an_earlier_stage_is_open(
    world: World, client: Any
) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    _record(plan, "committee", dt.date(2025, 4, 1))
    response = client.get(reverse("welfare:plan", args=[plan.pk]))
    steps = {step.value: state for step, state in response.context["steps"]}
    # The working group's optional stage is left out once the committees have decided.
    assert steps == {"committee": "done", "board": "open", "council": "open"}
    body = response.content.decode()
    assert "Hyväksytty" not in body and "Hyväksyttävänä" in body
