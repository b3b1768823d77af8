"""Two representatives saving at the same moment (PostgreSQL row locks; skipped on SQLite)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import ApplicationVersion
from kumppani.grants.services.application_values import answer_fingerprint
from kumppani.grants.services.applications import application_save, application_start
from kumppani.grants.tests.factories import ProgrammeFactory, QuestionFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_different_questions_both_survive(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    programme = ProgrammeFactory.create()
    questions = [QuestionFactory.create(programme=programme) for _ in range(2)]
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    second = UserFactory.create(email="second@example.org")
    role_assign(user=second, role=Role.REPRESENTATIVE, association=world.association)
    shown = {f"q{q.pk}": answer_fingerprint(q, None) for q in questions}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(user: Any, index: int) -> None:
        try:
            barrier.wait()
            values = {q.pk: "" for q in questions}
            values[questions[index].pk] = f"Teksti {index}"
            application_save(
                application=application, user=user, fields={}, answers=values, fingerprints=shown
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(world.rep, 0)),
        threading.Thread(target=save, args=(second, 1)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    answers = dict(application.answers.values_list("question_id", "value"))
    assert answers == {questions[0].pk: "Teksti 0", questions[1].pk: "Teksti 1"}
    numbers = list(
        ApplicationVersion.objects.filter(application=application).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3]
