from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.welfare import services
from kumppani.welfare.models import IndicatorKind, Measure, Observation, Plan
from kumppani.welfare.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    ThemeFactory,
    approve_plan,
)

pytestmark = pytest.mark.django_db


def _fill(plan: Plan, world: World, n: int) -> None:
    for t in range(n):
        theme = ThemeFactory.create(plan=plan)
        for g in range(n):
            goal = GoalFactory.create(theme=theme)
            for m in range(n):
                assoc = world.association if m % 2 else None
                MeasureFactory.create(goal=goal, progress=10 * m, responsible_association=assoc)
            ind = IndicatorFactory.create(theme=theme, goal=goal)
            services.indicator_value_set(indicator=ind, year=2025, value=Decimal(g))
        services.indicator_create(
            theme=theme,
            name_fi="Sote-yhdistykset kunnan tiloissa",
            kind=IndicatorKind.PLATFORM,
            metric="sote_premises_share",
            unit="%",
        )
        Observation.objects.create(
            theme=theme,
            association=world.association,
            text=f"Havainto {t}",
            observed_on=dt.date(2025, 2, 1),
        )
        services.review_save(plan=plan, year=2025 + t % 4, date=dt.date(2025, 1, 1), summary_fi="k")


def test_plan_pages_run_constant_queries(
    world: World, client: Any, django_assert_max_num_queries: Any
) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    _fill(plan, world, 2)
    theme = plan.themes.first()
    assert theme is not None
    urls = [
        reverse("welfare:plan", args=[plan.pk]),
        reverse("welfare:plan_current", args=[world.municipality.code]),
        reverse("welfare:theme", args=[theme.pk]),
        f"/api/v1/plans/{plan.pk}",
    ]
    small = []
    for url in urls:
        with django_assert_max_num_queries(20) as queries:
            assert client.get(url).status_code == 200
        small.append(len(queries.captured_queries))
    _fill(plan, world, 4)
    for url, before in zip(urls, small, strict=True):
        with django_assert_max_num_queries(20) as queries:
            assert client.get(url).status_code == 200
        assert len(queries.captured_queries) == before, url


def test_plan_page_shows_tree_progress_and_knowledge(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality, title_fi="Hyvinvointisuunnitelma")
    theme = ThemeFactory.create(plan=plan, name_fi="Yksinäisyys ja osallisuus")
    goal = GoalFactory.create(theme=theme, title_fi="Yksinäisyys vähenee")
    MeasureFactory.create(
        goal=goal,
        title_fi="Kylätalon kahvilat",
        progress=40,
        responsible_association=world.association,
    )
    IndicatorFactory.create(
        theme=theme, name_fi="Yksinäiseksi itsensä tuntevat", baseline_value=12, baseline_year=2023
    )
    services.observation_submit(
        theme=theme,
        association=world.association,
        actor=world.rep,
        text="Ikäihmiset <b>kaipaavat</b> kyytejä.",
        observed_on=dt.date(2025, 2, 3),
    )
    body = client.get(
        f"/fi/municipalities/{world.municipality.code}/welfare-plan/"
    ).content.decode()
    assert "Yksinäisyys ja osallisuus" in body
    assert "Kylätalon kahvilat" in body
    assert "Ylä-Kuhan kyläyhdistys ry" in body
    assert 'value="40"' in body and "40 %" in body
    assert "Yksinäiseksi itsensä tuntevat" in body
    assert "&lt;b&gt;kaipaavat&lt;/b&gt;" in body and "3.2.2025" in body
    theme_page = client.get(reverse("welfare:theme", args=[theme.pk])).content.decode()
    assert "Yksinäiseksi itsensä tuntevat" in theme_page and "kyytejä" in theme_page


def test_municipality_page_panel(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    MeasureFactory.create(goal__theme__plan=plan, progress=30)
    body = client.get(world.municipality.get_absolute_url()).content.decode()
    assert reverse("welfare:plan", args=[plan.pk]) in body
    assert "30 %" in body


def test_wellbeing_group_member_edits_and_bad_input_is_kept(world: World) -> None:
    from django.test import Client

    member = UserFactory.create(email="hyte@example.org")
    role_assign(user=member, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    client = Client()
    client.force_login(member)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    url = reverse("welfare:measure_create", args=[goal.pk])
    response = client.post(
        url, {"title_fi": "Liikuntareseptit", "status": "planned", "progress": "150", "weight": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Liikuntareseptit" in body  # what was typed is kept
    assert "Edistyminen on prosenttiluku 0–100." in body
    response = client.post(
        url, {"title_fi": "Liikuntareseptit", "status": "planned", "progress": "0", "weight": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nimeä vastuussa oleva kunnan yksikkö tai valitse vastuussa oleva yhdistys." in body
    assert not Measure.objects.filter(title_fi="Liikuntareseptit").exists()
    response = client.post(
        url,
        {
            "title_fi": "Liikuntareseptit",
            "responsible_unit": "Liikunta",
            "status": "ongoing",
            "progress": "20",
            "weight": "1",
        },
    )
    measure = Measure.objects.get(title_fi="Liikuntareseptit")
    assert response.status_code == 302 and measure.progress == 20
    # The wellbeing group of another municipality may not.
    other = UserFactory.create(email="hyte2@example.org")
    role_assign(user=other, role=Role.WELLBEING_GROUP, municipality=world.other_municipality)
    client.force_login(other)
    assert client.get(url).status_code == 403


def test_approval_page_records_stage_and_rejects_wrong_order(world: World, client_for: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    client = client_for("liaison")
    url = reverse("welfare:approvals", args=[plan.pk])
    client.post(url, {"body": "committee", "date": "2025-04-01", "decision": "Puollettu."})
    client.post(url, {"body": "board", "date": "2025-05-01", "decision": "Esitetään."})
    response = client.post(url, {"body": "committee", "date": "2025-06-01", "decision": "Myöhässä"})
    assert response.status_code == 200
    assert "Myöhässä" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "in_approval" and plan.approval_stages.count() == 2


def test_representative_submits_for_own_association_only(world: World, client_for: Any) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    stranger = AssociationFactory.create(home_municipality=world.municipality)
    client = client_for("rep")
    url = reverse("welfare:observation_create", args=[theme.pk])
    response = client.post(
        url, {"association": stranger.pk, "text": "Vieras", "observed_on": "2025-01-01"}
    )
    assert response.status_code == 200 and not Observation.objects.exists()
    response = client.post(
        url,
        {"association": world.association.pk, "text": "Oma havainto", "observed_on": "2025-01-01"},
    )
    assert response.status_code == 302
    assert Observation.objects.get().submitted_by == world.rep


def test_hidden_observation_not_public(world: World, client: Any, client_for: Any) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    o = Observation.objects.create(
        theme=theme,
        association=world.association,
        text="Loukkaava teksti",
        observed_on=dt.date(2025, 1, 1),
    )
    liaison = client_for("liaison")
    liaison.post(reverse("welfare:observation_hide", args=[o.pk]), {"hidden_reason": "Asiaton"})
    assert (
        "Loukkaava teksti"
        not in client.get(reverse("welfare:theme", args=[theme.pk])).content.decode()
    )
    body = liaison.get(reverse("welfare:theme", args=[theme.pk])).content.decode()
    assert "Loukkaava teksti" in body and "Asiaton" in body
    o.refresh_from_db()
    assert o.hidden and Observation.objects.count() == 1


def test_approved_version_page_shows_snapshot(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    m = MeasureFactory.create(goal__theme__plan=plan, title_fi="Alkuperäinen")
    approve_plan(plan, dt.date(2025, 6, 1), "Ok")
    services.measure_update(measure=m, title_fi="Muutettu")
    approved = client.get(reverse("welfare:plan_approved", args=[plan.pk])).content.decode()
    working = client.get(reverse("welfare:plan", args=[plan.pk])).content.decode()
    assert "Alkuperäinen" in approved and "Muutettu" not in approved
    assert "Muutettu" in working
    draft = PlanFactory.create(municipality=world.municipality, start_year=2021, end_year=2024)
    assert client.get(reverse("welfare:plan_approved", args=[draft.pk])).status_code == 404


def test_dashboard_lists_themes_for_representatives(world: World, client_for: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, name_fi="Liikunta ja ulkoilu")
    ThemeFactory.create(plan__municipality=world.far_municipality, name_fi="Tampereen teema")
    body = client_for("rep").get(reverse("core:dashboard")).content.decode()
    assert reverse("welfare:observation_create", args=[theme.pk]) in body
    assert "Tampereen teema" not in body
    body = client_for("liaison").get(reverse("core:dashboard")).content.decode()
    assert reverse("welfare:approvals", args=[plan.pk]) in body
    assert "Liikunta ja ulkoilu" not in body  # the liaison represents no association


def test_platform_indicator_value_form_is_prefilled(world: World, client_for: Any) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    ind = services.indicator_create(
        theme=theme,
        name_fi="Yhdistykset",
        kind=IndicatorKind.PLATFORM,
        metric="active_associations",
    )
    response = client_for("liaison").get(reverse("welfare:indicator_values", args=[ind.pk]))
    assert response.context["form"].initial["value"] == Decimal(1)


def test_plan_form_rejects_bad_years_and_keeps_input(world: World, client_for: Any) -> None:
    client = client_for("liaison")
    url = reverse("welfare:plan_create", args=[world.municipality.code])
    response = client.post(
        url,
        {"title_fi": "Suunnitelma", "start_year": "2028", "end_year": "2025", "rollup": "plain"},
    )
    assert response.status_code == 200 and "Suunnitelma" in response.content.decode()
    assert not Plan.objects.exists()
    response = client.post(
        url, {"title_fi": "Suunnitelma", "start_year": "25", "end_year": "2028", "rollup": "plain"}
    )
    assert response.status_code == 200 and not Plan.objects.exists()
    response = client.post(
        url,
        {"title_fi": "Suunnitelma", "start_year": "2025", "end_year": "2028", "rollup": "plain"},
    )
    assert response.status_code == 302 and Plan.objects.get().municipality == world.municipality


def test_plan_page_tells_whether_content_changed_since_approval(world: World, client: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    m = MeasureFactory.create(goal__theme__plan=plan, progress=10)
    approve_plan(plan, dt.date(2025, 6, 1), "Ok")
    url = reverse("welfare:plan", args=[plan.pk])
    services.measure_update(measure=m, progress=50, status="ongoing")
    assert client.get(url).context["changed"] is False
    services.measure_update(measure=m, title_fi="Uusi nimi")
    assert client.get(url).context["changed"] is True
