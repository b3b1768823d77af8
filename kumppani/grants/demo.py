"""Demo grants: Kontiolahti and Joensuu each run a common spring period with programmes of three
branches (they open and close together), weighted criteria and a bonus for a theme of the
municipality's welfare plan; the applications are submitted (stored versions with their SHA-256,
as a real submit stores them), reviewed (one reviewer recused as a board member) and decided,
with instalments and use reports: one use report is overdue, so that association cannot apply
again until it reports. An autumn period is open now, for the demo representative to apply.

Written through the models (the services of applying, reviewing and deciding are other modules'),
keeping their rules: decisions within the budget, instalments within the granted amount.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign, user_get_or_create
from kumppani.associations.demo import DEMO_PASSWORD
from kumppani.associations.models import Association, BoardMember
from kumppani.geography.models import Municipality
from kumppani.grants.demo_data import (
    DECIDED_REASONS,
    DECLINED_REASONS,
    PEOPLE,
    QUESTIONS,
    SPRING_PROGRAMMES,
    WEIGHTED,
)
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationPeriod,
    ApplicationVersion,
    Criterion,
    Decision,
    Payment,
    Programme,
    ProgrammeReviewer,
    Question,
    Recusal,
    Review,
    Score,
    UseReport,
)
from kumppani.welfare.models import Theme

HELSINKI = ZoneInfo("Europe/Helsinki")
GENITIVE = {"276": "Kontiolahden", "167": "Joensuun"}
DEMO_REPRESENTATIVE_ASSOCIATION = "Ylä-Kuhan kyläyhdistys ry"  # the demo representative's


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


def _person(email: str, name: str) -> User:
    user = user_get_or_create(email=email, full_name=name)
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def canonical(content: dict[str, Any]) -> str:
    """Canonical JSON, as a stored version is hashed: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _content(application: Application, answers: dict[int, Any]) -> dict[str, Any]:
    return {
        "programme": application.programme_id,
        "association": application.association_id,
        "version": application.version,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "iban": application.iban,
        "purpose": application.purpose,
        "amount_eur": str(application.amount_eur),
        "welfare_themes": sorted(t.pk for t in application.welfare_themes.all()),
        "answers": {str(pk): value for pk, value in sorted(answers.items())},
    }


def _theme(municipality: Municipality, name_fi: str) -> Theme | None:
    themes = Theme.objects.filter(plan__municipality=municipality).order_by("plan_id", "order")
    return themes.filter(name_fi=name_fi).first() or themes.first()


def _programme(
    municipality: Municipality,
    period: ApplicationPeriod,
    spec: tuple[str, str, tuple[str, str, str], int, tuple[str, ...], str],
    reviewers: list[User],
) -> tuple[Programme, Theme | None]:
    branch, kind, (title_fi, title_sv, title_en), budget, _categories, theme_name = spec
    programme = Programme.objects.create(
        municipality=municipality,
        branch=branch,
        kind=kind,
        title_fi=title_fi,
        title_sv=title_sv,
        title_en=title_en,
        eligibility_fi=(
            f"Rekisteröidyt yhdistykset, jotka toimivat {GENITIVE[municipality.code]} alueella."
        ),
        eligibility_sv="Registrerade föreningar som är verksamma i kommunen.",
        eligibility_en="Registered associations active in the municipality.",
        attachments_fi="Toimintasuunnitelma\nTalousarvio\nEdellisen vuoden tilinpäätös",
        attachments_sv="Verksamhetsplan\nBudget\nFöregående års bokslut",
        attachments_en="Plan of activities\nBudget\nLast year's financial statements",
        budget_eur=Decimal(budget),
        period=period,
        opens_at=period.opens_at,
        closes_at=period.closes_at,
        use_report_due_days=365,
    )
    for order, ((fi, sv, en), weight) in enumerate(WEIGHTED):
        Criterion.objects.create(
            programme=programme, name_fi=fi, name_sv=sv, name_en=en, weight=weight, order=order
        )
    theme = _theme(municipality, theme_name)
    if theme is not None:
        Criterion.objects.create(
            programme=programme,
            kind="bonus",
            name_fi=f"Hyvinvointisuunnitelman teema: {theme.name_fi}",
            name_sv=f"Temat i välfärdsplanen: {theme.name_sv or theme.name_fi}",
            name_en=f"Welfare plan theme: {theme.name_en or theme.name_fi}",
            description_fi="Lisäpisteitä toiminnasta, joka edistää tätä hyvinvointisuunnitelman "
            "teemaa.",
            weight=Decimal("1"),
            max_points=3,
            welfare_theme=theme,
            order=len(WEIGHTED),
        )
    for order, (kind_, (fi, sv, en), required) in enumerate(QUESTIONS):
        Question.objects.create(
            programme=programme,
            kind=kind_,
            text_fi=fi,
            text_sv=sv,
            text_en=en,
            required=required,
            order=order,
        )
    for reviewer in reviewers:
        ProgrammeReviewer.objects.create(programme=programme, user=reviewer)
    return programme, theme


def _applicants(
    municipality: Municipality, categories: tuple[str, ...], taken: set[int], count: int
) -> list[Association]:
    """Associations of the municipality, those of the programme's categories first."""
    pool = Association.objects.filter(home_municipality=municipality, is_active=True).exclude(
        pk__in=taken
    )
    chosen = list(pool.filter(categories__slug__in=categories).distinct().order_by("name_fi"))
    chosen += [a for a in pool.order_by("name_fi") if a not in chosen]
    return chosen[:count]


def _submit(
    application: Application, answers: dict[int, Any], at: dt.datetime, by: User | None
) -> None:
    """Two saved versions, the second submitted: content, hash and receipt as a real submit."""
    for number in (1, 2):
        application.version = number
        text = canonical(_content(application, answers))
        ApplicationVersion.objects.create(
            application=application,
            number=number,
            content=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            submitted=number == 2,
            created_by=by,
        )
    last = application.versions.get(number=2)
    application.status = "submitted"
    application.submitted_at = at
    application.submitted_version = 2
    application.submitted_sha256 = last.sha256
    application.save()


def _apply(
    programme: Programme,
    association: Association,
    theme: Theme | None,
    rng: random.Random,
    submitted_at: dt.datetime,
) -> Application:
    representative = User.objects.filter(
        roles__association=association, roles__role=Role.REPRESENTATIVE
    ).first()
    application = Application.objects.create(
        programme=programme,
        association=association,
        contact_name=representative.full_name if representative else "Yhdistyksen sihteeri",
        contact_email=representative.email if representative else (association.email or ""),
        contact_phone="040 123 4567",
        iban="FI21 1234 5600 0007 85",
        purpose=association.purpose_fi or "Yhdistyksen vuoden toiminta.",
        amount_eur=Decimal(rng.randrange(15, 61) * 100),
        created_by=representative,
    )
    if theme is not None and rng.random() < 0.7:
        application.welfare_themes.set([theme])
    answers: dict[int, Any] = {}
    for question in programme.questions.all():
        if question.kind == "long_text":
            value: Any = association.purpose_fi or "Viikoittaiset kokoontumiset ja tapahtumat."
        elif question.kind == "number":
            value = rng.randrange(20, 400)
        else:
            value = "no"
        Answer.objects.create(application=application, question=question, value=value)
        answers[question.pk] = value
    _submit(application, answers, submitted_at, representative)
    return application


def _review(application: Application, reviewers: list[User], rng: random.Random) -> None:
    criteria = list(application.programme.criteria.all())
    for reviewer in reviewers:
        if Recusal.objects.filter(application=application, user=reviewer).exists():
            continue
        review = Review.objects.create(
            application=application,
            reviewer=reviewer,
            comment="Selkeä hakemus; toiminta on vakiintunutta.",
        )
        Score.objects.bulk_create(
            Score(review=review, criterion=c, points=rng.randint(2, c.max_points)) for c in criteria
        )


def _decide(
    application: Application,
    amount: Decimal,
    decided_at: dt.datetime,
    officer: User,
) -> Decision:
    application.status = "decided"
    application.save(update_fields=["status", "updated_at"])
    return Decision.objects.create(
        application=application,
        amount_eur=amount,
        reasons=DECIDED_REASONS if amount > 0 else DECLINED_REASONS,
        decided_by=officer,
        decided_at=decided_at,
        letter_sent_at=decided_at,
    )


def _pay_and_report(
    decision: Decision, officer: User, today: dt.date, *, overdue: bool = False
) -> None:
    """Instalments within the granted amount, and the use report."""
    decided_on = timezone.localtime(decision.decided_at, HELSINKI).date()
    if overdue:
        Payment.objects.create(
            decision=decision,
            amount_eur=decision.amount_eur,
            due_on=decided_on + dt.timedelta(days=14),
            paid_on=decided_on + dt.timedelta(days=14),
            note="Koko avustus",
            created_by=officer,
        )
        due_on = today - dt.timedelta(days=14)
        UseReport.objects.create(
            decision=decision,
            due_on=due_on,
            reminded_before_at=_at(due_on - dt.timedelta(days=14), 7),
        )
        return
    first = (decision.amount_eur * Decimal("0.6")).quantize(Decimal("1"))
    Payment.objects.create(
        decision=decision,
        amount_eur=first,
        due_on=decided_on + dt.timedelta(days=14),
        paid_on=decided_on + dt.timedelta(days=14),
        note="Ensimmäinen erä",
        created_by=officer,
    )
    Payment.objects.create(
        decision=decision,
        amount_eur=decision.amount_eur - first,
        due_on=today + dt.timedelta(days=30),
        note="Toinen erä",
        created_by=officer,
    )
    UseReport.objects.create(decision=decision, due_on=today + dt.timedelta(days=120))


def _spring(municipality: Municipality, officer: User, committee: User, rng: random.Random) -> None:
    today = timezone.localdate()
    year = today.year if today.month >= 6 else today.year - 1
    period = ApplicationPeriod.objects.create(
        municipality=municipality,
        name_fi=f"Kevään {year} avustushaku",
        name_sv=f"Vårens ansökningsomgång {year}",
        name_en=f"Spring {year} call",
        opens_at=_at(dt.date(year, 2, 1), 9),
        closes_at=_at(dt.date(year, 3, 15), 16),
        created_by=officer,
    )
    decided_at = _at(dt.date(year, 4, 22), 14)
    reviewers = [officer, committee]
    taken: set[int] = set()
    overdue_made = municipality.code != "276"  # the one overdue report is Kontiolahti's
    for index, spec in enumerate(SPRING_PROGRAMMES[municipality.code]):
        programme, theme = _programme(municipality, period, spec, reviewers)
        applicants = _applicants(municipality, spec[4], taken, 3)
        if index == 0 and municipality.code == "276":
            own = Association.objects.filter(
                name_fi=DEMO_REPRESENTATIVE_ASSOCIATION, home_municipality=municipality
            ).first()
            if own is not None and own not in applicants:
                applicants = [own, *applicants[:2]]
        taken.update(a.pk for a in applicants)
        applications = [
            _apply(programme, a, theme, rng, period.closes_at - dt.timedelta(hours=30 - 7 * i))
            for i, a in enumerate(applicants)
        ]
        if applications:
            # The committee member sits on the board of the first applicant: recused.
            BoardMember.objects.get_or_create(
                association=applications[0].association,
                email=committee.email,
                defaults={"name": committee.full_name, "user": committee, "role": "member"},
            )
            Recusal.objects.get_or_create(
                application=applications[0], user=committee, defaults={"reason": "board"}
            )
        for application in applications:
            _review(application, reviewers, rng)
        if municipality.code == "167" and spec[0] == "sports":
            continue  # still being reviewed: submitted, not decided
        left = programme.budget_eur
        for number, application in enumerate(applications):
            applied = application.amount_eur or Decimal("0")
            amount = Decimal("0") if number == 2 else min(applied * Decimal("0.8"), left)
            amount = amount.quantize(Decimal("1"))
            left -= amount
            decision = _decide(application, amount, decided_at, officer)
            if amount <= 0:
                continue
            is_own = application.association.name_fi == DEMO_REPRESENTATIVE_ASSOCIATION
            overdue = not overdue_made and not is_own
            _pay_and_report(decision, officer, today, overdue=overdue)
            overdue_made = overdue_made or overdue


def _autumn(municipality: Municipality, officer: User, committee: User) -> None:
    today = timezone.localdate()
    period = ApplicationPeriod.objects.create(
        municipality=municipality,
        name_fi="Syksyn avustushaku",
        name_sv="Höstens ansökningsomgång",
        name_en="Autumn call",
        opens_at=_at(today - dt.timedelta(days=5), 9),
        closes_at=_at(today + dt.timedelta(days=40), 16),
        created_by=officer,
    )
    _programme(
        municipality,
        period,
        (
            "culture",
            "event",
            (
                "Tapahtuma-avustus",
                "Evenemangsbidrag",
                "Event grant",
            ),
            15000,
            (),
            "Osallisuus ja yhteisöllisyys"
            if municipality.code == "276"
            else "Yksinäisyyden ehkäisy",
        ),
        [officer, committee],
    )


def seed(rng: random.Random) -> dict[str, str]:
    """Create the demo grants once; running again changes nothing."""
    logins = {
        "Grants officer (Joensuu)": PEOPLE["167"][0][0],
        "Grants committee member (Kontiolahti)": PEOPLE["276"][1][0],
    }
    if ApplicationPeriod.objects.filter(
        municipality__code__in=list(PEOPLE), name_fi__startswith="Kevään"
    ).exists():
        return logins
    for code, ((officer_email, officer_name), (member_email, member_name)) in PEOPLE.items():
        municipality = Municipality.objects.get(code=code)
        officer = _person(officer_email, officer_name)
        role_assign(user=officer, role=Role.OFFICER, municipality=municipality)
        committee = _person(member_email, member_name)
        _spring(municipality, officer, committee, rng)
        _autumn(municipality, officer, committee)
    return logins
