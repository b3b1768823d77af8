"""Grants in the browser, in Finnish at 390 px and 1280 px: axe finds nothing, nothing overflows.

The walk drives the real pages: programme → application in two sittings by two representatives
→ deadline → reviews with a recusal → decision letter → payment → use report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World, build_world
from kumppani.associations.models import BoardMember
from kumppani.associations.tests.factories import UserFactory
from kumppani.core.role_pages import WIDTHS
from kumppani.grants.models import Application, ApplicationPeriod, Programme
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    ApplicationPeriodFactory,
    CriterionFactory,
    DecisionFactory,
    ProgrammeFactory,
    ProgrammeReviewerFactory,
    QuestionFactory,
    UseReportFactory,
)
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "Kylä" * 40
LONG_NAME = "Kylä" * 20  # fits the 120 characters of a name


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def _check(page: Any) -> None:
    assert_fits_and_accessible(page)


def _visit(page: Any, live_server: Any, path: str, *, expect: str | None = None) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, path
    if expect is not None:
        assert expect in page.inner_text("main"), path
    _check(page)


def _submit(page: Any, field: str) -> None:
    """Click the submit button of the form that holds the named field."""
    page.click(f"form:has([name='{field}']) button[type=submit] >> nth=0")


def _main(page: Any) -> str:
    """The main text with no-break spaces as plain ones (amounts are written "1 500,00 €")."""
    return str(page.inner_text("main")).replace("\xa0", " ").replace("\u202f", " ")


def _as(page: Any, live_server: Any, email: str) -> None:
    page.context.clear_cookies()
    login(page, live_server, email)


# --- the whole path ---------------------------------------------------------------------------


def _set_up_programme(page: Any, live_server: Any, world: World, theme_pk: int) -> Programme:
    """Step 1: the liaison sets a spring period, a programme, criteria, questions, reviewers."""
    login(page, live_server, "liaison@example.org")
    code = world.municipality.code
    _visit(page, live_server, _fi("grants:periods", code))
    now = timezone.localtime()
    page.fill("[name=name_fi]", "Kevään yhteinen haku")
    page.fill("[name=opens_at]", (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=closes_at]", (now + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"))
    _submit(page, "name_fi")
    assert "Kevään yhteinen haku" in _main(page)
    _check(page)
    period = ApplicationPeriod.objects.get(name_fi="Kevään yhteinen haku")

    _visit(page, live_server, _fi("grants:programme_new", code))
    page.select_option("[name=branch]", "culture")
    page.select_option("[name=kind]", "operating")
    page.fill("[name=title_fi]", "Kulttuuriyhdistysten toiminta-avustus")
    page.fill("[name=budget_eur]", "10 000")
    page.select_option("[name=period]", str(period.pk))
    page.fill("[name=eligibility_fi]", "Kontiolahtelaiset kulttuuriyhdistykset.")
    page.check("[name=published]")
    _submit(page, "title_fi")
    programme = Programme.objects.get(title_fi="Kulttuuriyhdistysten toiminta-avustus")
    assert programme.period == period
    assert page.url.endswith(_fi("grants:criteria", programme.pk)), page.url
    _check(page)

    page.select_option("[name=kind]", "weighted")
    page.fill("[name=name_fi]", "Toiminnan laajuus")
    page.fill("[name=weight]", "2")
    page.fill("[name=max_points]", "5")
    _submit(page, "name_fi")
    assert "Toiminnan laajuus" in _main(page)
    page.select_option("[name=kind]", "bonus")
    page.fill("[name=name_fi]", "Hyvinvointisuunnitelman teema")
    page.fill("[name=weight]", "1")
    page.fill("[name=max_points]", "3")
    page.select_option("[name=welfare_theme]", str(theme_pk))
    _submit(page, "name_fi")
    assert "Hyvinvointisuunnitelman teema" in _main(page)
    _check(page)

    _visit(page, live_server, _fi("grants:questions", programme.pk))
    for text in ("Mitä yhdistys tekee?", "Keitä toiminta tavoittaa?"):
        page.select_option("[name=kind]", "long_text")
        page.fill("[name=text_fi]", text)
        _submit(page, "text_fi")
        assert text in _main(page)
    _check(page)

    _visit(page, live_server, _fi("grants:reviewers", programme.pk))
    for email in ("hallitus@example.org", "arvioija@example.org"):
        page.fill("[name=email]", email)
        _submit(page, "email")
        assert programme.reviewers.filter(user__email=email).exists()
    _check(page)
    return programme


def _apply_in_two_sittings(page: Any, live_server: Any, programme: Programme) -> Application:
    """Step 2: A starts and saves half, B fills the rest, A submits and gets the receipt."""
    _as(page, live_server, "rep@example.org")
    _visit(page, live_server, _fi("grants:programme", programme.pk), expect=programme.title_fi)
    page.click("main a.button")
    if page.locator("input[name=association]").count():
        page.click("main form button[type=submit]")
    application = Application.objects.get(programme=programme)
    _check(page)
    questions = list(programme.questions.order_by("order", "id"))
    page.fill("[name=contact_name]", "Aino Edustaja")
    page.fill("[name=contact_email]", "aino@example.org")
    page.fill("[name=amount_eur]", "3 000")
    page.fill(f"[name=q{questions[0].pk}]", f"Kuorolaulua ja konsertteja. {LONG_WORD}")
    page.click("button[name=action][value=save]")
    _check(page)

    _as(page, live_server, "toinen@example.org")
    _visit(page, live_server, _fi("grants:application", application.pk))
    assert page.input_value("[name=contact_name]") == "Aino Edustaja"
    page.fill("[name=iban]", "FI21 1234 5600 0007 85")
    page.fill("[name=purpose]", "Kevätkonsertti ja harjoitukset.")
    page.check("[name=welfare_themes] >> nth=0")
    page.fill(f"[name=q{questions[1].pk}]", "Kylän lapsia ja ikäihmisiä.")
    page.click("button[name=action][value=save]")
    _check(page)

    _as(page, live_server, "rep@example.org")
    _visit(page, live_server, _fi("grants:application", application.pk))
    assert page.input_value(f"[name=q{questions[1].pk}]") == "Kylän lapsia ja ikäihmisiä."
    assert page.input_value("[name=purpose]") == "Kevätkonsertti ja harjoitukset."
    page.click("button[name=action][value=submit]")
    _check(page)
    if "/receipt/" not in page.url:
        page.click("main form button[type=submit]")
    assert "/receipt/" in page.url, page.url
    application.refresh_from_db()
    assert application.submitted_at is not None
    digest = application.versions.order_by("-number").first().sha256  # type: ignore[union-attr]
    assert digest in _main(page)
    _check(page)
    return application


def _deadline_passes(
    page: Any, live_server: Any, programme: Programme, app: Application, world: World
) -> None:
    """Step 3: after the deadline nothing can be changed, a late draft cannot be sent."""
    late = ApplicationFactory.create(
        programme=programme, association=world.other_association, purpose="Kesken jäänyt"
    )
    past = timezone.now() - dt.timedelta(hours=1)
    ApplicationPeriod.objects.filter(programmes=programme).update(
        opens_at=past - dt.timedelta(days=20), closes_at=past
    )
    Programme.objects.filter(pk=programme.pk).update(
        opens_at=past - dt.timedelta(days=20), closes_at=past
    )
    _visit(page, live_server, _fi("grants:application", app.pk), expect="voi enää muuttaa")
    assert page.locator("button[name=action]").count() == 0

    _as(page, live_server, "other_rep@example.org")
    _visit(page, live_server, _fi("grants:application", late.pk), expect="Määräaika päättyi")
    assert page.locator("button[name=action]").count() == 0
    token = page.input_value("[name=csrfmiddlewaretoken]")
    response = page.request.post(
        f"{live_server.url}{_fi('grants:application', late.pk)}",
        form={"csrfmiddlewaretoken": token, "action": "save", "purpose": "Myöhästynyt muutos"},
    )
    assert "Mitään ei tallennettu" in response.text()
    response = page.request.post(
        f"{live_server.url}{_fi('grants:submit', late.pk)}", form={"csrfmiddlewaretoken": token}
    )
    late.refresh_from_db()
    assert late.status == "draft" and late.purpose == "Kesken jäänyt"
    assert late.submitted_at is None
    app.refresh_from_db()
    assert app.purpose == "Kevätkonsertti ja harjoitukset."


def _review(page: Any, live_server: Any, programme: Programme, app: Application) -> None:
    """Step 4: the board member is recused; the other reviewer scores; the liaison ranks."""
    _as(page, live_server, "hallitus@example.org")
    _visit(page, live_server, _fi("grants:review_list", programme.pk), expect="esteellinen")
    response = page.goto(f"{live_server.url}{_fi('grants:review', app.pk)}")
    assert response is not None and response.status == 403

    _as(page, live_server, "arvioija@example.org")
    _visit(page, live_server, _fi("grants:review_list", programme.pk))
    page.click(f"main a[href='{_fi('grants:review', app.pk)}']")
    _check(page)
    for criterion, points in zip(
        programme.criteria.order_by("order", "id"), ("4", "2"), strict=True
    ):
        page.fill(f"[name=criterion_{criterion.pk}]", points)
    page.fill("[name=comment]", "Hyvin perusteltu hakemus.")
    _submit(page, "comment")
    _check(page)
    assert app.reviews.filter(reviewer__email="arvioija@example.org").exists()

    _as(page, live_server, "liaison@example.org")
    _visit(page, live_server, _fi("grants:ranking", programme.pk))
    # 4 of 5 points at weight 2 (the only weighted criterion) is 80 of 100; 2 bonus points;
    # one reviewer, so no spread.
    cells = page.locator("main tbody tr >> nth=0").locator("td").all_inner_texts()
    assert cells[1:4] == ["80,0", "2,0", "0,0"], cells
    assert "Jäljellä\n10 000,00 €" in _main(page)


def _decide(page: Any, live_server: Any, programme: Programme, app: Application) -> None:
    """Step 5: the liaison decides; the letter is a PDF and goes by email."""
    _visit(page, live_server, _fi("grants:decide", app.pk))
    assert "10 000,00 €" in _main(page), _main(page)
    page.fill("[name=amount_eur]", "2 500")
    page.fill("[name=reasons]", "Toiminta tukee kunnan hyvinvointisuunnitelmaa.")
    mail.outbox.clear()
    _submit(page, "reasons")
    _check(page)
    assert "7 500,00 €" in _main(page), _main(page)
    response = page.request.get(f"{live_server.url}{_fi('grants:letter', app.pk)}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    letters = [m for m in mail.outbox if any(a[2] == "application/pdf" for a in m.attachments)]
    assert letters, [m.subject for m in mail.outbox]


def _pay(page: Any, live_server: Any, app: Application) -> None:
    """Step 6: two instalments, the first paid; the representative sees them."""
    _visit(page, live_server, _fi("grants:payments", app.pk))
    today = timezone.localdate()
    for amount, due in (("1 500", today), ("1000,00 €", today + dt.timedelta(days=90))):
        page.fill("[name=amount_eur]", amount)
        page.fill("[name=due_on]", due.isoformat())
        _submit(page, "due_on")
        _check(page)
    assert app.decision.payments.count() == 2
    page.click("main form:has([name=paid_on]) button[type=submit] >> nth=0")
    _check(page)
    assert app.decision.payments.filter(paid_on__isnull=False).count() == 1

    _as(page, live_server, "rep@example.org")
    _visit(page, live_server, _fi("grants:cases", app.association_id))
    text = _main(page)
    assert "1 500,00 €" in text and "1 000,00 €" in text, text


def _use_report(page: Any, live_server: Any, app: Application) -> None:
    """Step 7: the representative reports the use; the liaison accepts it."""
    _visit(page, live_server, _fi("grants:use_report", app.pk))
    page.fill("[name=text]", f"Konsertti pidettiin toukokuussa. {LONG_WORD}")
    page.fill("[name=spent_eur]", "2 500")
    _submit(page, "text")
    _check(page)
    app.decision.use_report.refresh_from_db()
    assert app.decision.use_report.status == "submitted", _main(page)

    _as(page, live_server, "liaison@example.org")
    _visit(page, live_server, _fi("grants:use_report_review", app.pk))
    page.check("[name=decision][value=accept]")
    _submit(page, "decision")
    _check(page)
    app.decision.use_report.refresh_from_db()
    assert app.decision.use_report.status == "accepted"


def test_the_whole_path_from_programme_to_use_report(page: Any, live_server: Any) -> None:
    page.set_viewport_size({"width": WIDTHS[0], "height": 844})
    world = build_world()
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, name_fi="Liikkuva ja osallistuva arki")
    UserFactory.create(email="arvioija@example.org", full_name="Arvo Arvioija")
    board = UserFactory.create(email="hallitus@example.org", full_name="Hilkka Hallitus")
    BoardMember.objects.create(
        association=world.association, name="Hilkka Hallitus", email=board.email
    )
    second = UserFactory.create(email="toinen@example.org", full_name="Toivo Toinen")
    role_assign(user=second, role=Role.REPRESENTATIVE, association=world.association)

    programme = _set_up_programme(page, live_server, world, theme.pk)
    app = _apply_in_two_sittings(page, live_server, programme)
    _deadline_passes(page, live_server, programme, app, world)
    _review(page, live_server, programme, app)
    _decide(page, live_server, programme, app)
    app = Application.objects.get(pk=app.pk)
    _pay(page, live_server, app)
    _use_report(page, live_server, app)


# --- every public and officer page with data --------------------------------------------------


def _data(world: World) -> Programme:
    """A programme in a spring period with questions, criteria, reviewers and a decided award."""
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, name_fi="Osallisuus " + LONG_NAME)
    period = ApplicationPeriodFactory.create(name_fi="Kevään haku " + LONG_NAME)
    programme = ProgrammeFactory.create(
        period=period,
        opens_at=period.opens_at,
        closes_at=period.closes_at,
        title_fi="Kulttuuriyhdistysten toiminta-avustus " + LONG_NAME,
        eligibility_fi="Rekisteröidyt yhdistykset. " + LONG_WORD,
        attachments_fi="Toimintasuunnitelma\nTalousarvio",
    )
    QuestionFactory.create(programme=programme, text_fi="Mitä teette? " + LONG_WORD)
    CriterionFactory.create(programme=programme, name_fi="Laajuus " + LONG_NAME)
    CriterionFactory.create(
        programme=programme, kind="bonus", name_fi="Teema", max_points=3, welfare_theme=theme
    )
    ProgrammeReviewerFactory.create(
        programme=programme, user=UserFactory.create(full_name="Arvo " + LONG_NAME)
    )
    ApplicationFactory.create(
        programme=programme,
        status="submitted",
        submitted_at=timezone.now(),
        amount_eur=Decimal("123456.78"),
        purpose="Kevätkonsertti " + LONG_WORD,
    )
    decided = ApplicationFactory.create(
        programme=programme,
        association=world.association,
        status="decided",
        submitted_at=timezone.now(),
        purpose="Kuoron harjoitukset " + LONG_WORD,
    )
    decision = DecisionFactory.create(application=decided, reasons="Perustelut " + LONG_WORD)
    UseReportFactory.create(
        decision=decision,
        status="submitted",
        text="Käytettiin " + LONG_WORD,
        spent_eur=Decimal("1000.00"),
        submitted_at=timezone.now(),
    )
    return programme


def test_public_and_officer_grant_pages_with_data(page: Any, live_server: Any) -> None:
    page.set_viewport_size({"width": WIDTHS[0], "height": 844})
    world = build_world()
    programme = _data(world)
    _visit(
        page,
        live_server,
        _fi("grants:municipality", world.municipality.code),
        expect="Kulttuuriyhdistysten toiminta-avustus",
    )
    _visit(page, live_server, _fi("grants:programme", programme.pk), expect="Toimintasuunnitelma")
    _visit(page, live_server, _fi("grants:region", world.region.code), expect="Kontiolahti")
    _visit(page, live_server, _fi("grants:awards"), expect=world.association.name_fi)
    login(page, live_server, "liaison@example.org")
    code = world.municipality.code
    _visit(page, live_server, _fi("grants:manage", code), expect="Kulttuuriyhdistysten")
    _visit(page, live_server, _fi("grants:questions", programme.pk), expect="Mitä teette?")
    _visit(page, live_server, _fi("grants:criteria", programme.pk), expect="Laajuus")
    _visit(page, live_server, _fi("grants:reviewers", programme.pk), expect="Arvo")
    _visit(page, live_server, _fi("grants:periods", code), expect="Kevään haku")
    _visit(page, live_server, _fi("grants:use_reports", code), expect=world.association.name_fi)
    _visit(page, live_server, _fi("grants:ranking", programme.pk), expect=world.association.name_fi)
