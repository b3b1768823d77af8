"""Creating forums, the list page, attendance, minutes, plans, regularity, network, panels."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kumppani.accounts.testing import World
from kumppani.core.cycle import cycle_items
from kumppani.forums.models import (
    Attendance,
    CooperationPlan,
    Forum,
    ForumType,
    NetworkMaterial,
    Registration,
    RegularityTarget,
    StepReminder,
    WalkIn,
)
from kumppani.forums.selectors import region_regularity
from kumppani.forums.services.plans import team_member_add
from kumppani.forums.tests.factories import (
    ForumFactory,
    PlanFactory,
    StepFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


def _form(world: World, **extra: Any) -> dict[str, Any]:
    data = {
        "type": "wellbeing_meetup",
        "title_fi": "Hyvinvointihytinä",
        "municipalities": [world.municipality.pk],
        "start": "2030-03-12T17:00",
        "end": "2030-03-12T20:00",
        "place": "Kotiseutukeskus",
        "capacity": "40",
        "status": "open",
    }
    data.update(extra)
    return data


def test_liaison_creates_forum(world: World, client_for: Any) -> None:
    response = client_for("liaison").post(reverse("forums:create"), _form(world))
    assert response.status_code == 302
    forum = Forum.objects.get()
    assert forum.liaison == world.liaison
    assert forum.co_organiser is None
    assert list(forum.municipalities.all()) == [world.municipality]


def test_bad_input_keeps_what_was_typed(world: World, client_for: Any) -> None:
    response = client_for("liaison").post(
        reverse("forums:create"), _form(world, end="2030-03-11T20:00", place="Kylätalo <b>")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "cannot end before it starts" in body
    assert "Kylätalo &lt;b&gt;" in body
    assert not Forum.objects.exists()


def test_liaison_cannot_create_in_another_municipality(world: World, client_for: Any) -> None:
    data = _form(world, municipalities=[world.far_municipality.pk])
    response = client_for("liaison").post(reverse("forums:create"), data)
    assert response.status_code == 200  # not a choice offered to them
    assert not Forum.objects.exists()


def test_list_filters_and_constant_queries(
    world: World, client: Any, django_assert_max_num_queries: Any
) -> None:
    ForumFactory.create(municipalities=[world.municipality], title_fi="Kontiolahden hytinä")
    ForumFactory.create(municipalities=[world.far_municipality], title_fi="Tampereen ilta")
    url = reverse("forums:list")
    body = client.get(url, {"municipality": "276"}).content.decode()
    assert "Kontiolahden hytinä" in body and "Tampereen ilta" not in body
    body = client.get(url, {"type": "vitality_workshop"}).content.decode()
    assert "Kontiolahden hytinä" not in body
    client.get(url)  # warm the choice cache
    with django_assert_max_num_queries(6) as small:
        client.get(url)
    for _n in range(25):
        ForumFactory.create(municipalities=[world.municipality, world.other_municipality])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_list_shows_upcoming_forums_soonest_first_and_past_ones_apart(
    world: World, client: Any
) -> None:
    now = timezone.now()
    for title, days in [("Ensi viikon ilta", 7), ("Huomisen ilta", 1), ("Viime kuun ilta", -30)]:
        start = now + dt.timedelta(days=days)
        ForumFactory.create(
            municipalities=[world.municipality],
            title_fi=title,
            start=start,
            end=start + dt.timedelta(hours=2),
        )
    url = reverse("forums:list")
    upcoming = client.get(url).content.decode()
    assert "2 upcoming forums" in upcoming and "Viime kuun ilta" not in upcoming
    assert upcoming.index("Huomisen ilta") < upcoming.index("Ensi viikon ilta")
    past = client.get(url, {"when": "past", "municipality": "276"}).content.decode()
    assert "1 past forum" in past and "Viime kuun ilta" in past
    assert "Huomisen ilta" not in past and "Ensi viikon ilta" not in past


def test_attendance_minutes_are_sanitised(world: World, client_for: Any) -> None:
    start = timezone.now() - dt.timedelta(days=1)
    forum = ForumFactory.create(
        municipalities=[world.municipality], start=start, end=start + dt.timedelta(hours=2)
    )
    Registration.objects.create(
        forum=forum, user=world.rep, association=world.association, status="confirmed"
    )
    client = client_for("liaison")
    response = client.post(
        reverse("forums:attendance", args=[forum.pk]), {"associations": [world.association.pk]}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(forum=forum).count() == 1
    client.post(
        reverse("forums:outcome", args=[forum.pk]),
        {"minutes": "**Sovittiin** <script>alert(1)</script>", "outcomes": "Kumppanuuspöytä"},
    )
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "<strong>Sovittiin</strong>" in page
    assert "<script>alert" not in page
    assert "1 association came" in page
    forum.refresh_from_db()
    assert forum.status == "held"


def test_walk_ins_are_added_to_the_attendance(world: World, client_for: Any) -> None:
    start = timezone.now() - dt.timedelta(days=1)
    forum = ForumFactory.create(
        municipalities=[world.municipality], start=start, end=start + dt.timedelta(hours=2)
    )
    client = client_for("liaison")
    url = reverse("forums:attendance", args=[forum.pk])
    empty = client.post(url, {"action": "walk_in", "walk_in-name": " "})
    assert empty.status_code == 200 and empty.context["walk_in_form"].errors["name"]
    client.post(url, {"action": "walk_in", "walk_in-name": "Maija Meikäläinen"})
    client.post(
        url,
        {"action": "walk_in", "walk_in-name": "Pekka", "walk_in-association_name": "Kyläseura"},
    )
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "2 people came without registering" in page
    assert "Maija Meikäläinen" in page and "Pekka (Kyläseura)" in page
    forum.refresh_from_db()
    assert forum.status == "held"
    pekka = WalkIn.objects.get(name="Pekka")
    client.post(url, {"action": "remove_walk_in", "walk_in": str(pekka.pk)})
    assert list(WalkIn.objects.values_list("name", flat=True)) == ["Maija Meikäläinen"]


def test_walk_ins_wait_until_the_forum_has_started(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = client_for("liaison").post(
        reverse("forums:attendance", args=[forum.pk]),
        {"action": "walk_in", "walk_in-name": "Maija"},
    )
    assert response.status_code in (200, 302)
    assert not WalkIn.objects.exists()


def test_municipality_lists_its_cooperation_plans_by_title(world: World, client: Any) -> None:
    own = ForumFactory.create(municipalities=[world.municipality])
    PlanFactory.create(forum=own, title="Kumppanuuspöytä syksyllä")
    elsewhere = ForumFactory.create(municipalities=[world.other_municipality])
    PlanFactory.create(forum=elsewhere, title="Joensuun pöytä")
    municipality_page = client.get(world.municipality.get_absolute_url()).content.decode()
    url = reverse("forums:plans", args=[world.municipality.code])
    assert url in municipality_page
    page = client.get(url).content.decode()
    assert "Kumppanuuspöytä syksyllä" in page and "Joensuun pöytä" not in page
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    PlanFactory.create_batch(3, forum=ForumFactory.create(municipalities=[world.municipality]))
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).content.decode().count("<tr>") == 5
    assert len(after.captured_queries) == len(before.captured_queries)


def test_agenda_is_rendered_like_the_minutes(world: World, client: Any) -> None:
    forum = ForumFactory.create(
        municipalities=[world.municipality],
        themes="1. **Avustukset**\n2. Tilat <script>alert(1)</script>",
    )
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "<strong>Avustukset</strong>" in page
    assert "<ol>" in page
    assert "<script>alert" not in page


def test_plan_reminder_is_sent_once(world: World, django_capture_on_commit_callbacks: Any) -> None:
    plan = PlanFactory.create(forum=ForumFactory.create(municipalities=[world.municipality]))
    StepFactory.create(plan=plan, title="Ensimmäinen pöytä")
    StepFactory.create(plan=plan, deadline=timezone.localdate() + dt.timedelta(days=60))
    StepFactory.create(plan=plan, status="done")
    TeamMemberFactory.create(plan=plan, email="tiina@example.org")
    TeamMemberFactory.create(plan=plan, email="TIINA@example.org")
    TeamMemberFactory.create(plan=plan, email="")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--kind", "plan_step_due", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tiina@example.org"]
    assert "Ensimmäinen pöytä" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert StepReminder.objects.count() == 1


def test_plan_page_team_and_steps(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    client = client_for("liaison")
    response = client.post(
        reverse("forums:plan_create", args=[forum.pk]), {"title": "Pöytä", "goal": "Pöytä"}
    )
    plan = CooperationPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    client.post(
        reverse("forums:team_add", args=[plan.pk]),
        {
            "team-name": "Anu",
            "team-association": world.association.pk,
            "team-email": "a@example.org",
        },
    )
    bad = client.post(reverse("forums:team_add", args=[plan.pk]), {"team-name": "Ei yksikköä"})
    assert bad.status_code == 400
    assert bad.context["team_form"].non_field_errors() == [
        str(_("Give the member's association or municipal unit."))
    ]
    assert not plan.team.filter(name="Ei yksikköä").exists()
    client.post(
        reverse("forums:step_add", args=[plan.pk]),
        {"step-title": "Kutsu koolle", "step-deadline": "2030-09-01"},
    )
    public = client_for("anonymous").get(plan.get_absolute_url()).content.decode()
    assert "Kutsu koolle" in public and "Anu, Ylä-Kuhan kyläyhdistys ry" in public
    assert "a@example.org" not in public


def test_regularity_table_for_coordinator(world: World, client_for: Any) -> None:
    now = timezone.now()
    for days in (30, 200):
        ForumFactory.create(
            municipalities=[world.municipality],
            start=now - dt.timedelta(days=days),
            end=now - dt.timedelta(days=days) + dt.timedelta(hours=2),
        )
    ForumFactory.create(  # too old
        municipalities=[world.other_municipality],
        start=now - dt.timedelta(days=400),
        end=now - dt.timedelta(days=400) + dt.timedelta(hours=2),
    )
    RegularityTarget.objects.create(municipality=world.other_municipality, per_year_min=1)
    rows = {r.municipality.code: r for r in region_regularity(world.region)}
    assert (rows["276"].held, rows["276"].status) == (2, "on")
    assert (rows["167"].held, rows["167"].status) == (0, "below")
    page = client_for("coordinator").get(world.region.get_absolute_url()).content.decode()
    assert "Below target" in page and "On target" in page
    assert (
        "Below target"
        not in client_for("rep").get(world.region.get_absolute_url()).content.decode()
    )
    municipality_page = client_for("liaison").get(world.municipality.get_absolute_url())
    assert "Forums held in the last 12 months: 2" in municipality_page.content.decode()


def test_cycle_items_include_region_and_joint_forums(world: World) -> None:
    start = timezone.now() + dt.timedelta(days=10)
    own = ForumFactory.create(municipalities=[world.municipality], start=start)
    joint = ForumFactory.create(
        municipalities=[world.municipality, world.other_municipality], start=start
    )
    region = ForumFactory.create(type=ForumType.LIAISON_NETWORK, region=world.region, start=start)
    elsewhere = ForumFactory.create(municipalities=[world.far_municipality], start=start)
    today = timezone.localdate()
    items = [i for i in cycle_items(world.municipality, today, today + dt.timedelta(days=30))]
    uids = {i.uid for i in items if i.kind == "forum"}
    assert {f"forum-{f.pk}@kumppani" for f in (own, joint, region)} <= uids
    assert f"forum-{elsewhere.pk}@kumppani" not in uids


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_network_materials_upload_validation(
    world: World, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for("coordinator")
    url = reverse("forums:network", args=[world.region.code])
    fake = SimpleUploadedFile("muistio.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {"material-title": "Muistio", "material-file": fake})
    assert response.status_code == 400
    assert "does not match its type" in response.content.decode()
    exe = SimpleUploadedFile("ohjelma.exe", b"MZ")
    response = client.post(url, {"material-title": "Ohjelma", "material-file": exe})
    assert "Only PDF, ODT, DOCX and PPTX" in response.content.decode()
    good = SimpleUploadedFile("tapaaminen.docx", _docx())
    response = client.post(url, {"material-title": "Tapaamisen muistio", "material-file": good})
    assert response.status_code == 302
    material = NetworkMaterial.objects.get()
    download = client_for("liaison").get(reverse("forums:material", args=[material.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert (
        client_for("other_liaison").get(reverse("forums:material", args=[material.pk])).status_code
        == 403
    )
    # A network member who does not run it cannot add materials.
    assert (
        client_for("liaison")
        .post(url, {"material-title": "x", "material-url": "https://example.org"})
        .status_code
        == 403
    )


def test_dashboard_panels(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality], title_fi="Kevään hytinä")
    Registration.objects.create(
        forum=forum, user=world.rep, association=world.association, status="confirmed"
    )
    rep_page = client_for("rep").get(reverse("core:dashboard")).content.decode()
    assert "My registrations" in rep_page and "Kevään hytinä" in rep_page
    liaison_page = client_for("liaison").get(reverse("core:dashboard")).content.decode()
    assert "My forums" in liaison_page and "Kevään hytinä" in liaison_page
    assert reverse("forums:plans", args=[world.municipality.code]) in liaison_page
    assert reverse("surveys:create") in liaison_page
    assert reverse("surveys:create") not in rep_page


def test_agent_co_organises_but_does_not_set_the_target(world: World) -> None:
    from django.test import Client

    from kumppani.accounts.models import Role
    from kumppani.accounts.services import role_assign
    from kumppani.associations.tests.factories import UserFactory

    agent = UserFactory.create(email="agentti@example.org")
    role_assign(user=agent, role=Role.AGENT, municipality=world.municipality)
    client = Client()
    client.force_login(agent)
    forum = ForumFactory.create(municipalities=[world.municipality])
    assert client.get(reverse("forums:edit", args=[forum.pk])).status_code == 200
    assert client.get(reverse("forums:registrations", args=[forum.pk])).status_code == 200
    assert client.post(reverse("forums:create"), _form(world)).status_code == 302
    created = Forum.objects.latest("pk")
    assert (created.co_organiser, created.liaison) == (agent, None)
    assert client.get(reverse("forums:target", args=["276"])).status_code == 403
    page = client.get(world.municipality.get_absolute_url()).content.decode()
    assert "Forums held in the last 12 months" in page  # sees the municipal summary
    other = ForumFactory.create(municipalities=[world.other_municipality])
    assert client.get(reverse("forums:edit", args=[other.pk])).status_code == 403


def test_liaison_edits_a_joint_forum(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality, world.other_municipality])
    data = _form(world, municipalities=[world.municipality.pk, world.other_municipality.pk])
    data["title_fi"] = "Yhteinen järjestöilta"
    response = client_for("liaison").post(reverse("forums:edit", args=[forum.pk]), data)
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.title_fi == "Yhteinen järjestöilta"
    assert forum.municipalities.count() == 2


def test_body_panel_lists_council_meetings(world: World, rf: Any) -> None:
    from kumppani.cooperation.models import Body
    from kumppani.core.panels import panels_for

    body = Body.objects.create(
        municipality=world.municipality, kind="advisory_council", name_fi="Paikallis-JANE"
    )
    ForumFactory.create(
        municipalities=[world.municipality],
        type=ForumType.COUNCIL_MEETING,
        body=body,
        title_fi="JANE:n kevätkokous",
    )
    request = rf.get("/")
    request.user = world.rep
    panels = [
        p for p in panels_for("body", request, body) if p.template == "forums/panels/body.html"
    ]
    assert [f.title_fi for f in panels[0].context["meetings"]] == ["JANE:n kevätkokous"]


def test_date_range_filter_and_pagination(world: World, client: Any) -> None:
    march = timezone.make_aware(dt.datetime(2030, 3, 12, 17))
    for n in range(25):
        ForumFactory.create(
            municipalities=[world.municipality],
            start=march + dt.timedelta(days=n),
            end=march + dt.timedelta(days=n, hours=2),
        )
    url = reverse("forums:list")
    body = client.get(url, {"date_from": "2030-04-01", "date_to": "2030-04-30"}).content.decode()
    assert "5 upcoming forums" in body
    first = client.get(url).content.decode()
    assert "25 upcoming forums" in first and 'rel="next"' in first
    assert client.get(url, {"page": 2}).status_code == 200


def test_team_member_needs_an_association_or_a_unit(world: World) -> None:
    plan = PlanFactory.create(forum__municipalities=[world.municipality])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        team_member_add(plan=plan, name="Ei taustaa", unit="  ")
    assert error.value.messages == ["Give the member's association or municipal unit."]
    assert team_member_add(plan=plan, name="Anu", unit="Nuorisopalvelut").unit == "Nuorisopalvelut"
