"""The region page with its map and charts, and a survey results page with paired bars, at
390 px and 1280 px: axe finds nothing and nothing overflows the viewport."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.cooperation.tests.factories import GuideVersionFactory, LiaisonFactory
from kumppani.forums.tests.factories import ForumFactory
from kumppani.surveys.models import Invitation, Scope
from kumppani.surveys.services import invitations_for_associations, response_save, response_submit
from kumppani.surveys.tests.factories import build_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_region_page_and_survey_results_fit_and_are_accessible(page: Any, live_server: Any) -> None:
    world = build_world()
    LiaisonFactory()
    GuideVersionFactory()
    for days in (20, 200, 500):
        ForumFactory(start=timezone.now() - dt.timedelta(days=days))
    built = build_survey(scope=Scope.REGION, municipality=None, region=world.region)
    invitations_for_associations(survey=built.survey)
    for invitation in Invitation.objects.filter(survey=built.survey):
        response_save(
            invitation=invitation,
            values={built.text.pk: "Kylätalo", built.yes_no.pk: "yes", built.scale.pk: "4"},
        )
        response_submit(invitation=invitation)
    for indicator in ("liaison", "guide", "forums"):
        page.goto(f"{live_server.url}/fi/regions/{world.region.code}/?indicator={indicator}")
        assert page.locator(".region-map-svg a").count() == 13
        assert_fits_and_accessible(page)
    # The map's shapes are links: following one opens the municipality.
    page.locator('.region-map-svg a[href$="/municipalities/276/"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/fi/municipalities/276/")
    login(page, live_server, "coordinator@example.org")
    page.goto(f"{live_server.url}/fi/surveys/{built.survey.pk}/results/?municipality=276")
    assert page.locator("figure.chart-paired").count() >= 2
    assert_fits_and_accessible(page)
