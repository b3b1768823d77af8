"""Reviewers with a conflict of interest: automatic recusal, declared conflicts, and scoring."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import AuditEvent, Role, User
from kumppani.accounts.services import api_token_create, role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import Criterion, Recusal, Review
from kumppani.grants.services.reviews import conflict_declare, recusals_apply, review_save
from kumppani.grants.tests.factories import (
    AnswerFactory,
    AttachmentFactory,
    BoardMemberFactory,
    CriterionFactory,
    ProgrammeReviewerFactory,
    QuestionFactory,
)
from kumppani.grants.tests.matrix_review import programme_with_criteria, submitted

pytestmark = pytest.mark.django_db


def _reviewer(programme, **kwargs) -> User:
    user: User = UserFactory.create(**kwargs)
    ProgrammeReviewerFactory.create(programme=programme, user=user)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _scores(programme) -> dict[str, int]:
    return {str(c.pk): 4 for c in Criterion.objects.filter(programme=programme)}


def _api_post(user: User, application_id: int, body: dict[str, Any]) -> Any:
    token = api_token_create(user=user)
    return Client().post(
        f"/api/v1/grant-applications/{application_id}/reviews",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_reviewer_who_represents_the_applicant_is_recused_on_page_and_api(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    reviewer = _reviewer(programme)
    role_assign(user=reviewer, role=Role.REPRESENTATIVE, association=world.association)

    page = _client(reviewer).get(reverse("grants:review", args=[application.pk]))
    assert page.status_code == 403
    response = _api_post(reviewer, application.pk, {"scores": _scores(programme)})
    assert response.status_code == 403

    recusal = Recusal.objects.get(application=application, user=reviewer)
    assert recusal.reason == "representative"
    event = AuditEvent.objects.get(action="grants.recusal_automatic")
    assert event.target_id == str(recusal.pk)
    assert not Review.objects.filter(reviewer=reviewer).exists()


@pytest.mark.parametrize("match", ["user", "email"])
def test_reviewer_on_the_applicants_board_is_recused(world: World, match: str) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    reviewer = _reviewer(programme, email="hallitus.jasen@example.org")
    if match == "user":
        BoardMemberFactory.create(association=world.association, user=reviewer, email="")
    else:  # no account linked: matched by the address, whatever its case
        BoardMemberFactory.create(association=world.association, email="Hallitus.Jasen@Example.org")

    response = _api_post(reviewer, application.pk, {"scores": _scores(programme)})
    assert response.status_code == 403
    assert Recusal.objects.get(application=application, user=reviewer).reason == "board"
    assert AuditEvent.objects.filter(action="grants.recusal_automatic").count() == 1


def test_recusals_are_idempotent_and_only_for_the_applicant(world: World) -> None:
    programme = programme_with_criteria(world)
    own = submitted(programme, association=world.association)
    other = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    role_assign(user=reviewer, role=Role.REPRESENTATIVE, association=world.association)

    assert recusals_apply(programme=programme) == 1
    assert recusals_apply(programme=programme) == 0
    assert AuditEvent.objects.filter(action="grants.recusal_automatic").count() == 1
    assert not Recusal.objects.filter(application=other).exists()
    assert Recusal.objects.filter(application=own, user=reviewer).exists()
    # The other application can still be reviewed.
    response = _api_post(reviewer, other.pk, {"scores": _scores(programme)})
    assert response.status_code == 201


def test_municipal_officer_is_a_reviewer_and_recused_too(world: World) -> None:
    """The liaison runs Kontiolahti's grants; on the applicant's board they are recused."""
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    BoardMemberFactory.create(association=world.association, email=world.liaison.email)
    assert recusals_apply(programme=programme) == 1
    assert Recusal.objects.filter(application=application, user=world.liaison).exists()


def test_recused_reviewer_sees_none_of_the_reviews(world: World, client_for) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    colleague = _reviewer(programme)
    review_save(
        application=application,
        reviewer=colleague,
        scores={c.pk: 5 for c in Criterion.objects.filter(programme=programme)},
        comment="Erinomainen ja vaikuttava hanke",
    )
    BoardMemberFactory.create(association=world.association, user=world.liaison)
    client = client_for("liaison")

    assert client.get(reverse("grants:review", args=[application.pk])).status_code == 403
    listing = client.get(reverse("grants:review_list", args=[programme.pk])).content.decode()
    assert "recused" in listing or "esteellinen" in listing
    assert reverse("grants:review", args=[application.pk]) not in listing
    ranking = client.get(reverse("grants:ranking", args=[programme.pk])).content.decode()
    assert "100,0" not in ranking  # the colleague's total of that application is not shown
    assert "Erinomainen" not in ranking
    decide = client.get(reverse("grants:decide", args=[application.pk]))
    assert decide.status_code == 403


def test_declared_conflict_recuses_and_is_audited(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    review_save(application=application, reviewer=reviewer, scores=_scores(programme))
    client = _client(reviewer)

    response = client.post(
        reverse("grants:conflict", args=[application.pk]), {"note": "Sisareni on hallituksessa."}
    )
    assert response.status_code == 302
    recusal = Recusal.objects.get(application=application, user=reviewer)
    assert recusal.reason == "declared"
    assert recusal.note == "Sisareni on hallituksessa."
    assert AuditEvent.objects.filter(
        action="grants.recusal_declared", target_id=str(recusal.pk)
    ).exists()
    assert not Review.objects.filter(application=application, reviewer=reviewer).exists()
    assert client.get(reverse("grants:review", args=[application.pk])).status_code == 403
    with pytest.raises(ValidationError):
        conflict_declare(application=application, user=reviewer, note="Uudelleen")


def test_conflict_needs_a_note_and_keeps_the_page(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    response = _client(reviewer).post(
        reverse("grants:conflict", args=[application.pk]), {"note": ""}
    )
    assert response.status_code == 400
    assert not Recusal.objects.exists()


def test_review_rules(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    first, second = Criterion.objects.filter(programme=programme)
    foreign = CriterionFactory.create()

    with pytest.raises(ValidationError):
        review_save(application=application, reviewer=reviewer, scores={first.pk: 6, second.pk: 1})
    with pytest.raises(ValidationError):
        review_save(application=application, reviewer=reviewer, scores={first.pk: -1, second.pk: 1})
    with pytest.raises(ValidationError):
        review_save(
            application=application,
            reviewer=reviewer,
            scores={first.pk: 1, second.pk: 1, foreign.pk: 1},
        )
    with pytest.raises(PermissionDenied):
        review_save(application=application, reviewer=UserFactory.create(), scores={first.pk: 1})
    draft = submitted(programme_with_criteria(world), association=world.association)
    draft.status = "draft"
    draft.save()
    with pytest.raises(ValidationError):
        review_save(application=draft, reviewer=world.liaison, scores=_scores(draft.programme))

    review = review_save(
        application=application, reviewer=reviewer, scores={first.pk: 1, second.pk: 2}
    )
    again = review_save(
        application=application,
        reviewer=reviewer,
        scores={first.pk: 5, second.pk: 4},
        comment="Päivitetty",
    )
    assert again.pk == review.pk
    assert Review.objects.filter(application=application).count() == 1
    assert dict(again.scores.values_list("criterion_id", "points")) == {first.pk: 5, second.pk: 4}


def test_review_page_scores_and_keeps_bad_input(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    first, second = Criterion.objects.filter(programme=programme)
    client = _client(reviewer)
    url = reverse("grants:review", args=[application.pk])

    question = QuestionFactory.create(programme=programme, text_fi="Mitä teette?")
    AnswerFactory.create(application=application, question=question, value="Kylätalon remontti")
    attachment = AttachmentFactory.create(application=application, title="Talousarvio 2027")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vaikuttavuus" in html and "Mitä teette?" in html and "Kylätalon remontti" in html
    assert reverse("grants:attachment_download", args=[attachment.pk]) in html

    bad = client.post(
        url, {f"criterion_{first.pk}": "9", f"criterion_{second.pk}": "3", "comment": "Kesken"}
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'value="9"' in html and "Kesken" in html
    assert not Review.objects.exists()

    good = client.post(
        url, {f"criterion_{first.pk}": "4", f"criterion_{second.pk}": "3", "comment": "Hyvä"}
    )
    assert good.status_code == 302
    review = Review.objects.get(application=application, reviewer=reviewer)
    assert review.comment == "Hyvä"
    listing = client.get(reverse("grants:review_list", args=[programme.pk])).content.decode()
    assert "arvioitu" in listing or "reviewed" in listing


def test_api_review_created_and_bad_points_refused(world: World) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    reviewer = _reviewer(programme)
    scores = _scores(programme)

    created = _api_post(reviewer, application.pk, {"scores": scores, "comment": "OK"})
    assert created.status_code == 201
    body = created.json()
    assert body["scores"] == scores and body["application"] == application.pk

    too_many = {key: 99 for key in scores}
    assert _api_post(reviewer, application.pk, {"scores": too_many}).status_code == 422
    outsider = UserFactory.create()
    assert _api_post(outsider, application.pk, {"scores": scores}).status_code == 403


def test_dashboard_lists_programmes_to_review_and_data_export(world: World, client_for) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.other_association)
    review_save(application=application, reviewer=world.liaison, scores=_scores(programme))
    submitted(programme, association=world.association)

    html = client_for("liaison").get(reverse("core:dashboard")).content.decode()
    assert reverse("grants:review_list", args=[programme.pk]) in html
    assert "1 / 2" in html or "1 of 2" in html or "1/2" in html or "arvioinut 1" in html
    rep_html = client_for("rep").get(reverse("core:dashboard")).content.decode()
    assert reverse("grants:review_list", args=[programme.pk]) not in rep_html

    from kumppani.accounts.personal_data import personal_data_export

    data = personal_data_export(user=world.liaison)["grants"]
    assert data["reviews"][0]["application"] == application.pk


def test_recusals_apply_runs_a_constant_number_of_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kumppani.associations.tests.factories import AssociationFactory

    counts = []
    for size in (5, 15):
        programme = programme_with_criteria(world)
        for _ in range(size):
            association = AssociationFactory.create()
            submitted(programme, association=association)
            BoardMemberFactory.create(association=association)
        _reviewer(programme)
        recusals_apply(programme=programme)
        with CaptureQueriesContext(connection) as queries:
            assert recusals_apply(programme=programme) == 0
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4
