from __future__ import annotations

from typing import Any

import pytest

from kumppani.accounts.testing import World
from kumppani.surveys.tests.factories import build_survey

pytestmark = pytest.mark.django_db


def test_published_results_are_public_but_per_respondent_exports_are_not(
    world: World, client_for: Any
) -> None:
    survey = build_survey(results_published=True).survey
    anonymous = client_for("anonymous")
    assert anonymous.get(f"/fi/surveys/{survey.pk}/results/").status_code == 200
    response = anonymous.get(f"/fi/surveys/{survey.pk}/results.csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for("other_rep").get(f"/fi/surveys/{survey.pk}/results.xlsx").status_code == 403
    assert client_for("liaison").get(f"/fi/surveys/{survey.pk}/results.csv").status_code == 200
