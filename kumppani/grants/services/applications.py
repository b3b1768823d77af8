"""The association's one application path: start, save (versioned) and submit.

Every change locks the application row (``select_for_update``), bumps ``Application.version`` and
stores an immutable :class:`ApplicationVersion` whose ``content`` is canonical JSON and ``sha256``
the hash of its UTF-8 bytes; a receipt names the submitted version and its hash. The deadline is
checked to the second against the programme's ``closes_at`` as read in the same transaction (or
``reopened_until`` for an application an officer reopened).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.associations.models import Association
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.grants import access
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationStatus,
    ApplicationVersion,
    Attachment,
    Programme,
    Question,
)
from kumppani.grants.selectors_apply import (
    application_existing,
    overdue_use_report,
    welfare_themes_for,
)
from kumppani.grants.services.application_values import (
    answer_canonical,
    answer_clean,
    answer_fingerprint,
    answer_is_empty,
    empty_answer,
    field_canonical,
    field_fingerprint,
    question_key,
)
from kumppani.grants.services.reviews import recusals_apply

TEXT_FIELDS = ("contact_name", "contact_email", "contact_phone", "iban", "purpose")


class StaleVersion(ValidationError):
    """A save based on a version that is no longer the current one (HTTP 409)."""


class ApplicationClosed(ValidationError):
    """Saving or submitting when the application can no longer be changed (HTTP 409)."""


@dataclass
class SaveResult:
    application: Application
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)


def _when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- rules ----------------------------------------------------------------------------------


def deadline_of(application: Application) -> dt.datetime | None:
    """Until when the application may be changed and submitted, or None when it may not."""
    if application.status == ApplicationStatus.DRAFT:
        return application.programme.closes_at
    if application.status == ApplicationStatus.REOPENED:
        return application.reopened_until
    return None


def editable_error(application: Application, now: dt.datetime) -> ApplicationClosed | None:
    """Why the application cannot be changed now, or None when it can."""
    programme = application.programme
    if application.status == ApplicationStatus.SUBMITTED:
        return ApplicationClosed(
            _("The application was submitted on %(date)s and can no longer be changed.")
            % {"date": _when(application.submitted_at or now)}
        )
    if application.status == ApplicationStatus.DECIDED:
        return ApplicationClosed(_("The application has been decided and cannot be changed."))
    if application.status == ApplicationStatus.WITHDRAWN:
        return ApplicationClosed(_("The application was withdrawn and cannot be changed."))
    if now < programme.opens_at:
        return ApplicationClosed(
            _("The application period opens on %(date)s.") % {"date": _when(programme.opens_at)}
        )
    deadline = deadline_of(application)
    if deadline is None or now >= deadline:
        return ApplicationClosed(
            _(
                "The deadline passed on %(date)s: the application can no longer be changed or "
                "submitted."
            )
            % {"date": _when(deadline or programme.closes_at)}
        )
    return None


def locked(application: Application) -> Application:
    """The application row locked for this transaction, with its programme as now stored."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme", "association")
        .get(pk=application.pk)
    )


def require_editor(user: User, application: Application) -> None:
    if not access.can_edit_application(user, application):
        raise PermissionDenied


def application_content(application: Application) -> dict[str, Any]:
    """Everything the applicant wrote, as plain JSON values (three queries)."""
    answers = {
        str(qid): value
        for qid, value in Answer.objects.filter(application=application)
        .order_by("question_id")
        .values_list("question_id", "value")
        if value not in (None, "", [])
    }
    themes = sorted(application.welfare_themes.values_list("pk", flat=True))
    attachments = [
        {"id": a.pk, "title": a.title, "file": a.file.name}
        for a in Attachment.objects.filter(application=application).order_by("id")
    ]
    amount = application.amount_eur
    return {
        "application": application.pk,
        "programme": application.programme_id,
        "association": application.association_id,
        "version": application.version,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "iban": application.iban,
        "purpose": application.purpose,
        "amount_eur": None if amount is None else format(Decimal(amount), ".2f"),
        "welfare_themes": themes,
        "language": application.language,
        "answers": answers,
        "attachments": attachments,
    }


def canonical_json(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _version_store(
    application: Application, user: User | None, *, submitted: bool = False
) -> ApplicationVersion:
    data = canonical_json(application_content(application))
    return ApplicationVersion.objects.create(
        application=application,
        number=application.version,
        content=data.decode("utf-8"),
        sha256=hashlib.sha256(data).hexdigest(),
        submitted=submitted,
        created_by=user,
    )


def bump(
    application: Application, user: User | None, *, submitted: bool = False
) -> ApplicationVersion:
    application.version += 1
    application.save(update_fields=["version", "updated_at"])
    return _version_store(application, user, submitted=submitted)


# --- start ----------------------------------------------------------------------------------


@transaction.atomic
def application_start(
    *, programme: Programme, association: Association, user: User, now: dt.datetime | None = None
) -> Application:
    """The association's application in the programme: an existing one is continued, else a
    draft is made from the association's profile."""
    if not access.can_apply_for(user, association.pk):
        raise PermissionDenied
    # One first start at a time per association, so two representatives get the same draft.
    Association.objects.select_for_update().filter(pk=association.pk).exists()
    existing = application_existing(programme=programme, association=association)
    if existing is not None:
        return existing
    now = now or timezone.now()
    if not programme.published or not programme.is_open(now):
        raise ValidationError(
            _(
                "The programme is not open for applications: it is open from %(opens)s to "
                "%(closes)s."
            )
            % {"opens": _when(programme.opens_at), "closes": _when(programme.closes_at)}
        )
    overdue = overdue_use_report(association_id=association.pk, today=timezone.localdate(now))
    if overdue is not None:
        raise ValidationError(
            _(
                "%(association)s cannot apply for a new grant: the use report of the grant "
                "from “%(programme)s” has been overdue since %(date)s. Submit the use report "
                "first."
            )
            % {
                "association": association,
                "programme": overdue.decision.application.programme,
                "date": formats.date_format(overdue.due_on, "DATE_FORMAT"),
            }
        )
    application = Application(
        programme=programme,
        association=association,
        contact_name=user.display_name if user.full_name.strip() else "",
        contact_email=association.email or user.email,
        contact_phone=association.phone,
        language=current_language(),
        created_by=user,
    )
    application.full_clean()
    application.save()
    _version_store(application, user)
    audit_record(actor=user, action="grant_application.start", target=application)
    return application


# --- save -----------------------------------------------------------------------------------


def _field_value(application: Application, name: str, theme_ids: list[int]) -> Any:
    if name == "welfare_themes":
        return theme_ids
    return getattr(application, name)


def _clean_field(name: str, value: Any, allowed_themes: set[int]) -> Any:
    if name == "amount_eur":
        if value in (None, ""):
            return None
        try:
            amount = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError({name: _("Enter the amount in euros, e.g. 1500.")}) from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
            raise ValidationError({name: _("Enter the amount in euros, e.g. 1500.")})
        return amount.quantize(Decimal("0.01"))
    if name == "welfare_themes":
        try:
            ids = sorted({int(v) for v in value or []})
        except (TypeError, ValueError):
            raise ValidationError({name: _("Choose themes of the welfare plan.")}) from None
        if set(ids) - allowed_themes:
            raise ValidationError({name: _("Choose themes of the municipality's welfare plan.")})
        return ids
    if name in TEXT_FIELDS:
        return str(value or "").strip()
    raise ValidationError({name: _("Unknown field.")})


@transaction.atomic
def application_save(
    *,
    application: Application,
    user: User,
    fields: dict[str, Any],
    answers: dict[int, Any],
    fingerprints: dict[str, str] | None = None,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> SaveResult:
    """Save some fields and answers.

    With ``fingerprints`` (the form), a value equal to what the form showed is left alone, and a
    changed value that someone else changed meanwhile is not written but reported in
    ``conflicts`` (the form keeps what the person typed). With ``version`` (the API), a save
    based on another version raises :class:`StaleVersion`. A bad value refuses the whole save.
    """
    require_editor(user, application)
    app = locked(application)
    now = now or timezone.now()
    error = editable_error(app, now)
    if error is not None:
        raise error
    if version is not None and version != app.version:
        raise StaleVersion(
            _(
                "The application has changed since version %(yours)s (it is now version "
                "%(current)s). Load it again and repeat your change."
            )
            % {"yours": version, "current": app.version}
        )
    questions = {q.pk: q for q in Question.objects.filter(programme_id=app.programme_id)}
    stored = {a.question_id: a for a in Answer.objects.filter(application=app)}
    theme_ids = sorted(app.welfare_themes.values_list("pk", flat=True))
    allowed_themes = (
        {t.pk for t in welfare_themes_for(programme=app.programme)}
        if "welfare_themes" in fields
        else set()
    )
    result = SaveResult(application=app)
    errors: dict[str, list[str]] = {}

    def decide(
        key: str, shown_print: str | None, new_print: str, same: bool, old_print: str
    ) -> bool:
        """True when the new value is to be written."""
        if shown_print is not None and shown_print == new_print:
            result.fingerprints[key] = shown_print  # untouched by this person
            return False
        if same:
            result.fingerprints[key] = new_print
            return False
        if shown_print is not None and shown_print != old_print:
            result.conflicts.append(key)  # changed by someone else since it was shown
            result.fingerprints[key] = old_print
            return False
        result.fingerprints[key] = new_print
        return True

    prints = fingerprints
    field_updates: dict[str, Any] = {}
    for name, raw in fields.items():
        try:
            value = _clean_field(name, raw, allowed_themes)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        old = _field_value(app, name, theme_ids)
        if decide(
            name,
            None if prints is None else prints.get(name),
            field_fingerprint(name, value),
            field_canonical(name, old) == field_canonical(name, value),
            field_fingerprint(name, old),
        ):
            field_updates[name] = value
    answer_updates: dict[int, Any] = {}
    for qid, raw in answers.items():
        question = questions.get(int(qid))
        if question is None:
            errors[question_key(int(qid))] = [_("There is no such question in this programme.")]
            continue
        try:
            value = answer_clean(question, raw)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        old_row = stored.get(question.pk)
        old = old_row.value if old_row is not None else empty_answer(question)
        key = question_key(question.pk)
        if decide(
            key,
            None if prints is None else prints.get(key),
            answer_fingerprint(question, value),
            answer_canonical(question, old) == answer_canonical(question, value),
            answer_fingerprint(question, old),
        ):
            answer_updates[question.pk] = value
    if errors:
        raise ValidationError(errors)
    for name, value in field_updates.items():
        if name != "welfare_themes":
            setattr(app, name, value)
    if field_updates.keys() - {"welfare_themes"}:
        app.full_clean(exclude=["programme", "association", "welfare_themes", "created_by"])
        app.save()
    if "welfare_themes" in field_updates:
        app.welfare_themes.set(field_updates["welfare_themes"])
    # The row is locked, so the answers read above are still the stored ones: update those that
    # exist and insert the rest in one statement.
    for qid, value in answer_updates.items():
        if qid in stored:
            Answer.objects.filter(pk=stored[qid].pk).update(
                value=value, updated_by=user, updated_at=now
            )
    Answer.objects.bulk_create(
        [
            Answer(application=app, question_id=qid, value=value, updated_by=user)
            for qid, value in answer_updates.items()
            if qid not in stored
        ]
    )
    result.changed = [*field_updates, *(question_key(q) for q in answer_updates)]
    if result.changed or version is not None:
        bump(app, user)
    return result


# --- submit ---------------------------------------------------------------------------------


def missing_required(application: Application) -> list[Question]:
    answers = dict(
        Answer.objects.filter(application=application).values_list("question_id", "value")
    )
    return [
        q
        for q in Question.objects.filter(programme_id=application.programme_id, required=True)
        if answer_is_empty(q, answers.get(q.pk))
    ]


def applicant_emails(application: Application, *also: str) -> list[str]:
    emails = list(
        RoleAssignment.objects.filter(
            association_id=application.association_id, role=Role.REPRESENTATIVE
        ).values_list("user__email", flat=True)
    )
    out: list[str] = []
    for email in [*also, *emails, application.contact_email]:
        if email and email.lower() not in {e.lower() for e in out}:
            out.append(email)
    return out


@transaction.atomic
def application_submit(
    *, application: Application, user: User, now: dt.datetime | None = None
) -> ApplicationVersion:
    """Submit before the deadline (to the second): stores the submitted version and emails a
    receipt with its time and hash to the submitter and the contact address."""
    require_editor(user, application)
    app = locked(application)
    now = now or timezone.now()
    error = editable_error(app, now)
    if error is not None:
        raise error
    problems = []
    if app.amount_eur is None:
        problems.append(_("Enter the amount applied for."))
    missing = missing_required(app)
    if missing:
        problems.append(
            _("Answer the required questions: %(questions)s")
            % {"questions": "; ".join(str(q) for q in missing)}
        )
    if problems:
        raise ValidationError(problems)
    app.status = ApplicationStatus.SUBMITTED
    app.submitted_at = now
    app.version += 1
    app.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    stored = _version_store(app, user, submitted=True)
    app.submitted_version = stored.number
    app.submitted_sha256 = stored.sha256
    app.save(update_fields=["submitted_version", "submitted_sha256"])
    audit_record(
        actor=user,
        action="grant_application.submit",
        target=app,
        summary=f"v{stored.number} sha256 {stored.sha256}",
    )
    # The reviewers with a conflict are recused as soon as the application is in, so the audit
    # log has the recusal before anyone opens a review page.
    programme = app.programme
    transaction.on_commit(lambda: recusals_apply(programme=programme, application_ids=[app.pk]))
    recipients: list[str] = []
    for email in (user.email, app.contact_email):
        if email and email.lower() not in [r.lower() for r in recipients]:
            recipients.append(email)
    email_send(
        Email(
            to=recipients,
            subject=gettext_lazy("Receipt: your application to %(programme)s was submitted"),
            subject_params={"programme": app.programme},
            template="grants/apply/email/receipt.txt",
            language=app.language,
            context={
                "application": app,
                "association": app.association,
                "programme": app.programme,
                "submitted_at": now,
                "submitted_at_exact": timezone.localtime(now).strftime("%Y-%m-%d %H:%M:%S %Z"),
                "version": stored.number,
                "sha256": stored.sha256,
            },
        )
    )
    application.status = app.status
    application.version = app.version
    application.submitted_at = app.submitted_at
    application.submitted_version = app.submitted_version
    application.submitted_sha256 = app.submitted_sha256
    return stored
