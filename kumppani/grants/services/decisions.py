"""Decisions on grant applications, within the programme's budget, and their decision letters.

The letter is a PDF in the applicant's language with the appeal instructions (oikaisuvaatimus-
ohje, Kuntalaki 410/2015 134 §); it is rendered and emailed by a background task after the
decision is committed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.core.i18n import localized
from kumppani.core.money import euros
from kumppani.core.notifications import LANGUAGES, Email, emails_deliver
from kumppani.grants import access
from kumppani.grants.models import (
    Application,
    ApplicationStatus,
    Decision,
    Programme,
    UseReport,
)

LETTER_TEMPLATE = "grants/review/letter_pdf.html"
LETTER_SUBJECT = gettext_lazy("Grant decision: %(programme)s")


@transaction.atomic
def decision_make(
    *, application: Application, user: User, amount_eur: Decimal, reasons: str
) -> Decision:
    """Decide the application: ``amount_eur`` (0 = not granted) within what is left of the
    programme's budget and at most the amount applied for; the letter is sent after the commit."""
    if not access.can_handle_application(user, application):  # no conflict of interest either
        raise PermissionDenied
    # One decision at a time per programme: the budget check and the insert are serialised.
    programme = Programme.objects.select_for_update().get(pk=application.programme_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        if Decision.objects.filter(application=application).exists():
            raise ValidationError(_("This application has already been decided."))
        raise ValidationError(_("Only a submitted application can be decided."))
    amount = Decimal(amount_eur)
    errors: dict[str, str] = {}
    if amount < 0:
        errors["amount_eur"] = _("The amount cannot be negative.")
    elif application.amount_eur is not None and amount > application.amount_eur:
        errors["amount_eur"] = _(
            "The amount cannot exceed the amount applied for, %(applied)s."
        ) % {"applied": euros(application.amount_eur)}
    else:
        decided = Decision.objects.filter(application__programme=programme).aggregate(
            total=Sum("amount_eur")
        )["total"] or Decimal(0)
        left = programme.budget_eur - decided
        if amount > left:
            errors["amount_eur"] = _(
                "The amount exceeds the programme's budget: %(left)s is left of %(budget)s."
            ) % {"left": euros(max(left, Decimal(0))), "budget": euros(programme.budget_eur)}
    if not reasons.strip():
        errors["reasons"] = _("Give the reasons for the decision.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    decision = Decision(
        application=application,
        amount_eur=amount,
        reasons=reasons.strip(),
        decided_by=user,
        decided_at=now,
    )
    decision.full_clean()
    decision.save()
    application.status = ApplicationStatus.DECIDED
    application.save(update_fields=["status", "updated_at"])
    if decision.granted:
        decided_on = timezone.localdate(now)
        report = UseReport(
            decision=decision,
            due_on=decided_on + dt.timedelta(days=programme.use_report_due_days),
        )
        report.full_clean()
        report.save()
    audit_record(
        actor=user,
        action="grants.decision_made",
        target=decision,
        summary=f"application {application.pk}: {amount} €",
    )
    from kumppani.grants.tasks_review import send_decision_letter

    transaction.on_commit(lambda: send_decision_letter.enqueue(decision.pk))
    return decision


def _decision_for_letter(decision_id: int) -> Decision:
    return Decision.objects.select_related(
        "application__programme__municipality",
        "application__association",
        "decided_by",
    ).get(pk=decision_id)


def decision_letter_html(*, decision: Decision, language: str) -> str:
    """The decision letter as HTML in ``language`` (what the PDF is printed from)."""
    language = language if language in LANGUAGES else "fi"
    application = decision.application
    programme = application.programme
    with translation.override(language):
        return render_to_string(
            LETTER_TEMPLATE,
            {
                "decision": decision,
                "application": application,
                "programme": programme,
                "municipality": programme.municipality,
                "association": application.association,
                "decided_on": timezone.localdate(decision.decided_at),
                "decider": decision.decided_by,
                "language": language,
            },
        )


def decision_letter_pdf(*, decision: Decision, language: str) -> bytes:
    from weasyprint import HTML  # imported lazily: Pango loads on first use

    html = decision_letter_html(decision=decision, language=language)
    return bytes(HTML(string=html, base_url="http://localhost/").write_pdf())


def letter_recipients(application: Application) -> list[str]:
    """The application's contact email and the association's representatives, once each."""
    emails = [application.contact_email] if application.contact_email else []
    emails += list(
        RoleAssignment.objects.filter(
            role=Role.REPRESENTATIVE, association_id=application.association_id
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    seen: set[str] = set()
    unique = []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def decision_letter_send(*, decision_id: int) -> bool:
    """Render the letter and email it to the applicant (after the commit, from a task).
    Idempotent: a letter already sent is not sent again. Returns whether it was sent."""
    decision = _decision_for_letter(decision_id)
    if decision.letter_sent_at is not None:
        return False
    application = decision.application
    language = application.language if application.language in LANGUAGES else "fi"
    recipients = letter_recipients(application)
    pdf = decision_letter_pdf(decision=decision, language=language)
    with translation.override(language):
        filename = _("decision-%(id)s.pdf") % {"id": application.pk}
    if not recipients:
        return False
    sent = emails_deliver(
        [
            Email(
                to=recipients,
                subject=LETTER_SUBJECT,
                subject_params={"programme": _programme_title(application, language)},
                template="grants/review/email/decision.txt",
                language=language,
                context={"application": application, "decision": decision},
                attachments=[(filename, pdf, "application/pdf")],
            )
        ]
    )
    if not sent:
        return False
    Decision.objects.filter(pk=decision.pk).update(letter_sent_at=timezone.now())
    return True


def _programme_title(application: Application, language: str) -> str:
    return localized(application.programme, "title", language)
