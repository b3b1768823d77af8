"""Permission matrix of payments, use reports and the officer's list of use reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import OK, only

# Officers and liaisons of the programme's municipality (Kontiolahti) run it; the applicant is
# the world's association, represented by ``rep``.
RUNS = ("liaison", "admin")
SEES = ("rep", "liaison", "admin")


def granted(w: World) -> dict[str, Any]:
    """A decided application of the world's association, with an instalment and a submitted
    use report; made once per test (every role's request is rolled back)."""
    from kumppani.grants.models import Application, UseReport
    from kumppani.grants.tests.factories import (
        ApplicationFactory,
        DecisionFactory,
        PaymentFactory,
        UseReportFactory,
    )

    application = Application.objects.filter(association=w.association).first()
    if application is None:
        application = ApplicationFactory.create(association=w.association, status="decided")
        decision = DecisionFactory.create(application=application, amount_eur=Decimal("1000"))
        PaymentFactory.create(decision=decision, amount_eur=Decimal("400"))
        UseReportFactory.create(
            decision=decision,
            status="submitted",
            text="Kylätalon katto korjattiin.",
            spent_eur=Decimal("1000"),
            due_on=dt.date.today() + dt.timedelta(days=30),
        )
    report = UseReport.objects.select_related("decision").get(decision__application=application)
    payment = report.decision.payments.first()
    assert payment is not None
    return {"application": application, "payment": payment}


def _app(w: World) -> dict[str, int]:
    return {"pk": granted(w)["application"].pk}


def _payment(w: World) -> dict[str, int]:
    made = granted(w)
    return {"pk": made["application"].pk, "payment_id": made["payment"].pk}


PAGES: dict[str, Any] = {
    # The applicant sees the schedule read-only; those who run the programme schedule.
    "grants:payments": only(*SEES, kwargs=_app),
    "grants:payment_paid": only(
        *RUNS,
        ok=OK,
        method="post",
        kwargs=_payment,
        data=lambda w: {"paid_on": dt.date.today().isoformat()},
    ),
    # The confirmation page.
    "grants:payment_delete": only(*RUNS, kwargs=_payment),
    "grants:use_report": only(*SEES, kwargs=_app),
    "grants:use_report_review": only(*RUNS, kwargs=_app),
    "grants:use_reports": only(*RUNS, kwargs=lambda w: {"code": w.municipality.code}),
}
API: dict[str, Any] = {}
