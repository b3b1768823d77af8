"""Demo welfare plans: Nurmes 2025–2028 approved by the council (article 003), Joensuu's in
approval and Kontiolahti's draft. Statistic values are illustrative, not real THL figures.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign, user_get_or_create
from kumppani.associations.demo import DEMO_PASSWORD
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.welfare import services
from kumppani.welfare.demo_data import NURMES_THEMES, OBSERVATIONS, PLATFORM, STATISTICS
from kumppani.welfare.models import Goal, IndicatorKind, Plan, RollupMethod, Theme
from kumppani.welfare.selectors import metric_values

NURMES_REP = "edustaja.nurmes@example.org"


def _association(municipality: Municipality, slug: str, rng: random.Random) -> Association | None:
    found = list(
        Association.objects.filter(
            home_municipality=municipality, categories__slug=slug, is_active=True
        ).order_by("id")[:5]
    )
    if not found:
        found = list(Association.objects.filter(home_municipality=municipality).order_by("id")[:5])
    return rng.choice(found) if found else None


def _nurmes(rng: random.Random) -> Association | None:
    nurmes = Municipality.objects.get(code="541")
    plan = services.plan_create(
        municipality=nurmes,
        title_fi="Nurmeksen hyvinvointisuunnitelma",
        title_sv="Välfärdsplan för Nurmes",
        title_en="Welfare plan of Nurmes",
        start_year=2025,
        end_year=2028,
        rollup=RollupMethod.WEIGHTED,
    )
    themes: list[Theme] = []
    for (name_fi, name_sv, name_en), goals in NURMES_THEMES:
        theme = services.theme_create(plan=plan, name_fi=name_fi, name_sv=name_sv, name_en=name_en)
        themes.append(theme)
        for goal_title, measures in goals:
            goal: Goal = services.goal_create(theme=theme, title_fi=goal_title)
            for title, responsible, status, progress, schedule in measures:
                association = None
                unit = responsible
                if responsible.startswith("assoc:"):
                    association = _association(nurmes, responsible[6:], rng)
                    unit = "" if association else "Hyvinvointipalvelut"
                services.measure_create(
                    actor=None,
                    goal=goal,
                    title_fi=title,
                    responsible_unit=unit,
                    responsible_association=association,
                    resources=rng.choice(
                        [
                            "Oma työ",
                            "Avustus 2 000 €/v",
                            "Kaupungin tilat",
                            "Hyte-kerroin -rahoitus",
                        ]
                    ),
                    schedule=schedule,
                    status=status,
                    progress=progress,
                    weight=rng.choice([1, 1, 2]),
                )
    for index, rows in STATISTICS.items():
        for name, unit, source, base, target, values in rows:
            indicator = services.indicator_create(
                theme=themes[index],
                name_fi=name,
                unit=unit,
                source=source,
                kind=IndicatorKind.STATISTICAL,
                baseline_value=Decimal(base),
                baseline_year=2023,
                target_value=Decimal(target),
                target_year=2028,
            )
            for year, value in values.items():
                services.indicator_value_set(indicator=indicator, year=year, value=Decimal(value))
    rep_association = _association(nurmes, "social-health", random.Random(541))
    for index, slug, text in OBSERVATIONS:
        association = _association(nurmes, slug, rng)
        if association is None:
            continue
        services.observation_submit(
            theme=themes[index],
            association=association,
            actor=None,
            text=text,
            observed_on=dt.date(2025, rng.randint(1, 10), rng.randint(1, 28)),
        )
    live = metric_values(
        nurmes, {key for rows in PLATFORM.values() for _n, _u, key, _b, _t in rows}
    )
    for index, platform_rows in PLATFORM.items():
        for name, unit, key, pbase, ptarget in platform_rows:
            indicator = services.indicator_create(
                theme=themes[index],
                name_fi=name,
                unit=unit,
                kind=IndicatorKind.PLATFORM,
                metric=key,
                baseline_value=Decimal(pbase) if pbase else None,
                baseline_year=2024 if pbase else None,
                target_value=Decimal(ptarget) if ptarget else None,
                target_year=2028 if ptarget else None,
            )
            if live.get(key) is not None:
                services.indicator_value_set(indicator=indicator, year=2025, value=live[key])  # type: ignore[arg-type]
    stages = [
        (
            "working_group",
            "Hyte-työryhmä",
            dt.date(2025, 3, 12),
            "Hyte-työryhmä arvioi 833 toimenpide-ehdotuksen vaikuttavuuden ja valitsi "
            "suunnitelmaan soveltuvimmat.",
        ),
        (
            "committee",
            "Vaikuttamistoimielimet (vanhus-, vammais- ja nuorisovaltuusto)",
            dt.date(2025, 4, 2),
            "Lausunnot annettiin; nuorisovaltuusto korosti harrastuskokeiluja.",
        ),
        (
            "committee",
            "Hyvinvointilautakunta",
            dt.date(2025, 4, 23),
            "Lautakunta puolsi suunnitelmaa.",
        ),
        (
            "board",
            "Kaupunginhallitus",
            dt.date(2025, 5, 12),
            "Kaupunginhallitus esittää suunnitelman valtuuston hyväksyttäväksi.",
        ),
        (
            "council",
            "Kaupunginvaltuusto",
            dt.date(2025, 6, 16),
            "Valtuusto hyväksyi hyvinvointisuunnitelman 2025–2028.",
        ),
    ]
    for body, body_name, date, decision in stages:
        services.approval_stage_record(
            actor=None, plan=plan, body=body, body_name=body_name, date=date, decision=decision
        )
    services.review_save(
        plan=plan,
        year=2025,
        date=dt.date(2026, 4, 20),
        summary_fi="Ensimmäisen vuoden aikana järjestöillat ja turvakävelyt toteutuivat. "
        "Ikäihmisten kyytipalvelu viivästyi vapaaehtoisten puutteen vuoksi.",
        summary_sv="Under det första året genomfördes föreningskvällarna och "
        "trygghetspromenaderna.",
    )
    # Progress has moved on since the council approved the plan: the working version differs.
    first = plan.themes.order_by("order").first()
    if first is not None:
        for measure in first.goals.order_by("order").first().measures.all():  # type: ignore[union-attr]
            services.measure_update(measure=measure, progress=min(100, measure.progress + 20))
    return rep_association


def _joensuu(rng: random.Random) -> None:
    joensuu = Municipality.objects.get(code="167")
    plan = services.plan_create(
        municipality=joensuu,
        title_fi="Joensuun hyvinvointisuunnitelma",
        title_en="Welfare plan of Joensuu",
        start_year=2025,
        end_year=2028,
    )
    for name_fi, goal_title, measure_title, unit in [
        (
            "Yksinäisyyden ehkäisy",
            "Kohtaamispaikkatoiminta vahvistuu",
            "Kohtaamispaikkojen verkosto ja yhteinen viestintä",
            "Hyvinvointikoordinaattori",
        ),
        (
            "Arjen turvallisuus",
            "Asukkaat kokevat asuinalueensa turvalliseksi",
            "Asukasyhdistysten turvallisuuskävelyt",
            "Kaupunkirakennepalvelut",
        ),
        (
            "Terveyden ja hyvinvoinnin edistäminen järjestöjen kanssa",
            "Järjestöjen ja kaupungin vuoropuhelu on säännöllistä",
            "Järjestötapaamiset hyvinvointikertomuksen valmistelussa",
            "Järjestöyhdyshenkilö",
        ),
    ]:
        theme = services.theme_create(plan=plan, name_fi=name_fi)
        goal = services.goal_create(theme=theme, title_fi=goal_title)
        services.measure_create(
            actor=None,
            goal=goal,
            title_fi=measure_title,
            responsible_unit=unit,
            status="planned",
            progress=rng.choice([0, 10]),
        )
    services.approval_stage_record(
        actor=None,
        plan=plan,
        body="working_group",
        body_name="Hyvinvointiryhmä",
        date=dt.date(2025, 9, 10),
        decision="Luonnos valmis lautakuntakäsittelyyn.",
    )
    services.approval_stage_record(
        actor=None,
        plan=plan,
        body="committee",
        body_name="Sivistyslautakunta",
        date=dt.date(2025, 10, 8),
        decision="Lautakunta puolsi luonnosta.",
    )


def _kontiolahti() -> None:
    kontiolahti = Municipality.objects.get(code="276")
    plan = services.plan_create(
        municipality=kontiolahti,
        title_fi="Kontiolahden hyvinvointisuunnitelma",
        start_year=2025,
        end_year=2028,
    )
    theme = services.theme_create(plan=plan, name_fi="Osallisuus ja yhteisöllisyys")
    services.goal_create(theme=theme, title_fi="Kylien yhteisöllisyys vahvistuu")
    services.theme_create(plan=plan, name_fi="Liikunta ja ulkoilu")


def seed(rng: random.Random) -> dict[str, str]:
    """Create the demo plans once; running again changes nothing."""
    logins = {"Association representative (Nurmes)": NURMES_REP}
    if Plan.objects.filter(municipality__code="541", start_year=2025).exists():
        return logins
    rep_association = _nurmes(rng)
    _joensuu(rng)
    _kontiolahti()
    rep = user_get_or_create(email=NURMES_REP, full_name="Noora Nurmilainen")
    rep.set_password(DEMO_PASSWORD)
    rep.save()
    if rep_association is not None:
        role_assign(user=rep, role=Role.REPRESENTATIVE, association=rep_association)
    return logins
