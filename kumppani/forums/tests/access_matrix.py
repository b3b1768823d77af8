import datetime as dt

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    CREATED,
    LIAISON,
    OK,
    Case,
    api_only,
    api_public,
    only,
    public,
    roles_expect,
)
from kumppani.forums.models import NetworkMaterial, Registration
from kumppani.forums.tests.factories import ForumFactory, PlanFactory, StepFactory

MANAGERS = LIAISON  # Kontiolahti's liaison, the Pohjois-Karjala coordinator, admin


def _forum(w: World) -> dict[str, int]:
    return {"pk": ForumFactory.create(municipalities=[w.municipality]).pk}


def _past_forum(w: World) -> dict[str, int]:
    start = timezone.now() - dt.timedelta(days=2)
    forum = ForumFactory.create(
        municipalities=[w.municipality], start=start, end=start + dt.timedelta(hours=2)
    )
    return {"pk": forum.pk}


def _registration(w: World) -> dict[str, int]:
    forum = ForumFactory.create(municipalities=[w.municipality])
    registration = Registration.objects.create(
        forum=forum, user=w.rep, association=w.association, status="confirmed"
    )
    return {"pk": registration.pk}


def _plan(w: World) -> dict[str, int]:
    return {"pk": PlanFactory.create(forum=ForumFactory.create(municipalities=[w.municipality])).pk}


def _step(w: World) -> dict[str, int]:
    forum = ForumFactory.create(municipalities=[w.municipality])
    return {"pk": StepFactory.create(plan=PlanFactory.create(forum=forum)).pk}


def _material(w: World) -> dict[str, int]:
    material = NetworkMaterial.objects.create(
        region=w.region, title="Muistio", url="https://example.org/muistio"
    )
    return {"pk": material.pk}


def _api_payload(w: World) -> dict[str, object]:
    start = timezone.now() + dt.timedelta(days=30)
    return {
        "type": "association_evening",
        "title_fi": "Yhdistysilta",
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=2)).isoformat(),
        "place": "Kunnantalo",
        "municipality": w.municipality.code,
    }


_network_roles = ("liaison", "coordinator", "admin")

PAGES = {
    "forums:list": public(),
    "forums:detail": public(kwargs=_forum),
    "forums:create": only("other_liaison", *MANAGERS),
    "forums:edit": only(*MANAGERS, kwargs=_forum),
    "forums:register": only("rep", "other_rep", "admin", kwargs=_forum),
    "forums:invite": only(*MANAGERS, kwargs=_forum),
    "forums:registrations": only(*MANAGERS, kwargs=_forum),
    "forums:attendance": only(*MANAGERS, kwargs=_past_forum),
    "forums:outcome": only(*MANAGERS, kwargs=_past_forum),
    "forums:plan_create": only(*MANAGERS, kwargs=_forum),
    "forums:registration_edit": only("rep", kwargs=_registration),
    "forums:cancel_registration": only(
        "rep", *MANAGERS, ok=OK, method="post", kwargs=_registration
    ),
    "forums:plan": public(kwargs=_plan),
    "forums:plans": public(kwargs=lambda w: {"code": w.municipality.code}),
    "forums:plan_edit": only(
        *MANAGERS,
        ok=OK,
        method="post",
        kwargs=_plan,
        data=lambda w: {
            "plan-title": "Uusi",
            "plan-goal": "Uusi tavoite",
            "plan-status": "active",
            "plan-follow_up": "",
        },
    ),
    "forums:step_add": only(
        *MANAGERS,
        ok=OK,
        method="post",
        kwargs=_plan,
        data=lambda w: {"step-title": "Ensimmäinen pöytä", "step-deadline": "2030-09-15"},
    ),
    "forums:team_add": only(
        *MANAGERS,
        ok=OK,
        method="post",
        kwargs=_plan,
        data=lambda w: {"team-name": "Tiina Tiimiläinen", "team-unit": "Sivistyspalvelut"},
    ),
    "forums:step_status": only(
        *MANAGERS, ok=OK, method="post", kwargs=_step, data=lambda w: {"status": "done"}
    ),
    "forums:network": only(*_network_roles, kwargs=lambda w: {"code": w.region.code}),
    # A link-only material has no file to download: 404 for members, 403 for others.
    "forums:material": Case(expect=roles_expect(_network_roles, ok=404), kwargs=_material),
    "forums:target": only(*MANAGERS, kwargs=lambda w: {"code": w.municipality.code}),
}
API = {
    "GET /api/v1/forums": api_public(query="?municipality=276"),
    "GET /api/v1/forums/{pk}": api_public(kwargs=_forum),
    "GET /api/v1/forums/{pk}.ics": api_public(kwargs=_forum),
    "POST /api/v1/forums": api_only(*MANAGERS, ok=CREATED, data=_api_payload),
}
