"""The working group's journey: the goal list by theme, scales, the board's search and filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kumppani.core.testing import World
from kumppani.proposals.models import Criterion, Proposal
from kumppani.proposals.services import criterion_save
from kumppani.proposals.tests.factories import ProposalFactory
from kumppani.welfare.models import Measure
from kumppani.welfare.tests.factories import GoalFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_goal_must_belong_to_the_chosen_theme(world: World) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality, name_fi="Liikunta")
    other = GoalFactory.create(
        theme__plan=theme.plan, theme__name_fi="Turvallisuus", title_fi="Turvallinen koulutie"
    )
    own = GoalFactory.create(theme=theme, title_fi="Arkiliikunta lisääntyy")
    proposal = ProposalFactory.create(theme=theme)
    client = _client(world.liaison)
    page = client.get(reverse("proposals:proposal", args=[proposal.pk])).content.decode()
    # The theme is preselected and each goal says its theme, for the script to filter.
    assert f'<option value="{theme.pk}" selected>' in page
    assert f'data-theme="{own.theme_id}"' in page and f'data-theme="{other.theme_id}"' in page
    url = reverse("proposals:proposal_decide", args=[proposal.pk])
    data = {
        "decision": "adopted",
        "reason": "Hyvä ehdotus.",
        "theme": theme.pk,
        "goal": other.pk,
        "responsible_unit": "Liikuntapalvelut",
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tavoite ”Turvallinen koulutie” ei ole teeman ”Liikunta” tavoite." in body, (
        "a clear message on the goal"
    )
    assert not Measure.objects.exists()
    response = client.post(url, {**data, "goal": own.pk})
    assert response.status_code == 302
    assert Measure.objects.get().goal == own
    assert Proposal.objects.get().decision == "adopted"


def test_scoring_scales_say_which_end_is_good(world: World) -> None:
    proposal = ProposalFactory.create()
    with translation.override("en"):
        page = _client(world.liaison).get(f"/en/proposals/{proposal.pk}/").content.decode()
        assert "1 = expensive, 5 = cheap: 5 is the best score." in page
        assert "5 (cheap)" in page and "1 (expensive)" in page
    cost = Criterion.objects.get(municipality=world.municipality, name_en="Cost")
    with translation.override("fi"):
        assert cost.scale == "1 = kallis, 5 = edullinen"
    custom = criterion_save(municipality=world.municipality, name_fi="Ilo")
    with translation.override("en"):
        assert custom.scale == "1 = weak, 5 = strong"  # the general scale when none is given
