"""Reviews of grant applications and conflict-of-interest recusals (esteellisyys).

A reviewer of a programme is a named :class:`ProgrammeReviewer` or an officer or liaison of the
municipality that runs it (administrators too, as in ``access.is_reviewer``). A reviewer who
represents the applicant association, or sits on its board (matched by account or by email
address), is recused automatically by :func:`recusals_apply`; others declare a conflict of
interest themselves with :func:`conflict_declare`. Every recusal is in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.associations.models import BoardMember
from kumppani.grants import access
from kumppani.grants.models import (
    Application,
    ApplicationStatus,
    Criterion,
    Programme,
    Recusal,
    RecusalReason,
    Review,
    Score,
)

# Applications that have been submitted and are (or were) under review.
REVIEWABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.DECIDED)


def _reviewer_users(programme: Programme, extra: Iterable[User] = ()) -> dict[int, str]:
    """``{user id: lower-case email}`` of the programme's reviewers (one query)."""
    rows = (
        User.objects.filter(
            Q(grant_reviewer_of__programme=programme)
            | Q(
                roles__role__in=(Role.OFFICER, Role.LIAISON),
                roles__municipality_id=programme.municipality_id,
            )
        )
        .distinct()
        .values_list("pk", "email")
    )
    reviewers = {pk: (email or "").lower() for pk, email in rows}
    for user in extra:
        if user.pk:
            reviewers[user.pk] = (user.email or "").lower()
    return reviewers


def _conflicts(
    programme: Programme, reviewers: Mapping[int, str], only: list[int] | None = None
) -> dict[tuple[int, int], str]:
    """``{(application id, user id): reason}`` of every automatic conflict (three queries)."""
    reviewable = Application.objects.filter(programme=programme, status__in=REVIEWABLE)
    if only is not None:
        reviewable = reviewable.filter(pk__in=only)
    applications = reviewable.values_list("pk", "association_id")
    by_association: dict[int, list[int]] = {}
    for application_id, association_id in applications:
        by_association.setdefault(association_id, []).append(application_id)
    if not by_association or not reviewers:
        return {}
    user_ids = list(reviewers)
    found: dict[tuple[int, int], str] = {}
    board = (
        BoardMember.objects.filter(association_id__in=list(by_association))
        .annotate(lower_email=Lower("email"))
        .filter(
            Q(user_id__in=user_ids)
            | Q(lower_email__in=[email for email in reviewers.values() if email])
        )
        .values_list("association_id", "user_id", "lower_email")
        .distinct()
    )
    by_email: dict[str, list[int]] = {}
    for user_id, email in reviewers.items():
        if email:
            by_email.setdefault(email, []).append(user_id)
    for association_id, member_user_id, email in board:
        matched = set(by_email.get(email or "", []))
        if member_user_id in reviewers:
            matched.add(member_user_id)
        for user_id in matched:
            for application_id in by_association.get(association_id, []):
                found[(application_id, user_id)] = RecusalReason.BOARD
    representatives = RoleAssignment.objects.filter(
        role=Role.REPRESENTATIVE,
        user_id__in=user_ids,
        association_id__in=list(by_association),
    ).values_list("association_id", "user_id")
    for association_id, user_id in representatives:
        for application_id in by_association.get(association_id, []):
            found[(application_id, user_id)] = RecusalReason.REPRESENTATIVE
    return found


def recusals_apply(
    *,
    programme: Programme,
    extra_reviewers: Iterable[User] = (),
    application_ids: Iterable[int] | None = None,
) -> int:
    """Create the automatic recusals of the programme's submitted applications that are missing.

    Idempotent and cheap (four queries when nothing is new); each new recusal is audited.
    ``extra_reviewers`` adds people who review without being named or municipal (an
    administrator). ``application_ids`` limits the work to those applications (a submit checks
    only its own). Returns the number of recusals created."""
    only = None if application_ids is None else list(application_ids)
    reviewers = _reviewer_users(programme, extra_reviewers)
    conflicts = _conflicts(programme, reviewers, only)
    if not conflicts:
        return 0
    recorded = Recusal.objects.filter(application__programme=programme)
    if only is not None:
        recorded = recorded.filter(application_id__in=only)
    existing = set(recorded.values_list("application_id", "user_id"))
    created = 0
    for (application_id, user_id), reason in sorted(conflicts.items()):
        if (application_id, user_id) in existing:
            continue
        try:
            with transaction.atomic():
                recusal = Recusal(application_id=application_id, user_id=user_id, reason=reason)
                recusal.full_clean(validate_unique=False, validate_constraints=False)
                recusal.save()
                audit_record(
                    actor=None,
                    action="grants.recusal_automatic",
                    target=recusal,
                    summary=f"application {application_id}: user {user_id} recused ({reason})",
                )
        except IntegrityError:  # made at the same moment by another request
            continue
        created += 1
    return created


def recusals_apply_for(*, application: Application, user: User) -> None:
    """The automatic recusals of the application's programme, counting ``user`` as a reviewer
    when they review it (an administrator is not a reviewer of every programme by name)."""
    extra = [user] if access.is_reviewer(user, application.programme) else []
    recusals_apply(programme=application.programme, extra_reviewers=extra)


@transaction.atomic
def conflict_declare(*, application: Application, user: User, note: str) -> Recusal:
    """The reviewer declares a conflict of interest: they are recused from the application."""
    if not access.is_reviewer(user, application.programme):
        raise PermissionDenied
    existing = Recusal.objects.filter(application=application, user=user).first()
    if existing is not None:
        raise ValidationError(_("You are already recused from reviewing this application."))
    recusal = Recusal(
        application=application, user=user, reason=RecusalReason.DECLARED, note=note.strip()
    )
    recusal.full_clean()
    recusal.save()
    # A review the person already made no longer counts.
    Review.objects.filter(application=application, reviewer=user).delete()
    audit_record(
        actor=user,
        action="grants.recusal_declared",
        target=recusal,
        summary=f"application {application.pk}: conflict of interest declared",
    )
    return recusal


def review_save(
    *,
    application: Application,
    reviewer: User,
    scores: Mapping[int, int] | Mapping[str, int],
    comment: str = "",
) -> Review:
    """Store the reviewer's scores (one review per reviewer, updated in place).

    The automatic recusals are made first, outside the review's transaction, so that a recusal
    found now stays recorded when the review is refused."""
    programme = application.programme
    if not access.is_reviewer(reviewer, programme):
        raise PermissionDenied
    recusals_apply_for(application=application, user=reviewer)
    return _review_store(application=application, reviewer=reviewer, scores=scores, comment=comment)


@transaction.atomic
def _review_store(
    *,
    application: Application,
    reviewer: User,
    scores: Mapping[int, int] | Mapping[str, int],
    comment: str,
) -> Review:
    programme = application.programme
    if access.is_recused(reviewer, application):  # also after a declared conflict
        raise PermissionDenied
    if application.status not in REVIEWABLE:
        raise ValidationError(_("Only a submitted application can be reviewed."))
    criteria = {c.pk: c for c in Criterion.objects.filter(programme=programme)}
    points: dict[int, int] = {}
    errors: list[str] = []
    for key, value in scores.items():
        try:
            criterion_id = int(key)
        except (TypeError, ValueError):
            criterion_id = 0
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors.append(_("Criterion %(id)s is not one of this programme's.") % {"id": key})
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                errors.append(
                    _("Give the points of “%(criterion)s” as a whole number.")
                    % {"criterion": criterion}
                )
                continue
        if not 0 <= value <= criterion.max_points:
            errors.append(
                _("The points of “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criterion, "max": criterion.max_points}
            )
            continue
        points[criterion_id] = value
    missing = [criteria[cid] for cid in criteria if cid not in points and str(cid) not in scores]
    for criterion in missing:
        errors.append(_("Score “%(criterion)s”.") % {"criterion": criterion})
    if errors:
        raise ValidationError(errors)
    review, _created = Review.objects.get_or_create(application=application, reviewer=reviewer)
    review.comment = comment.strip()
    review.full_clean(validate_unique=False)
    review.save()
    Score.objects.filter(review=review).delete()
    Score.objects.bulk_create(
        [Score(review=review, criterion_id=cid, points=value) for cid, value in points.items()]
    )
    audit_record(
        actor=reviewer,
        action="grants.review_saved",
        target=review,
        summary=f"application {application.pk} reviewed",
    )
    return review
