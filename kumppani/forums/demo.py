"""Demo forums for the municipalities the source articles name.

Kontiolahti's Hyvinvointihytinä in March at the Kotiseutukeskus (about 40 participants from
about 25 associations), forums 2–3 times a year over two years in Pohjois-Karjala (Juuka and
Kitee below target), the Pohjois-Karjala liaison network with two meetings a year and shared
materials, the Joutsa vitality workshop with a cooperation plan and an implementation team from
Joutsa, Luhanka, Toivakka and Konnevesi, and a municipal tour. Idempotent: forums are found by
title and start, so running again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign, user_get_or_create
from kumppani.associations.demo import DEMO_PASSWORD
from kumppani.associations.models import Association
from kumppani.cooperation.models import Body
from kumppani.forums.models import (
    Attendance,
    CooperationPlan,
    Forum,
    ForumStatus,
    ForumType,
    NetworkMaterial,
    PlanStep,
    Registration,
    RegularityTarget,
    StepStatus,
    TeamMember,
)
from kumppani.geography.models import Municipality, Region

TZ = timezone.get_default_timezone()

# Finnish genitives are not "name + n" (Nurmes → Nurmeksen, Outokumpu → Outokummun), and towns
# have a "kaupungintalo", not a "kunnantalo": an explicit table for the demo's municipalities.
GENITIVES = {
    "Joensuu": "Joensuun",
    "Juuka": "Juuan",
    "Kitee": "Kiteen",
    "Kontiolahti": "Kontiolahden",
    "Liperi": "Liperin",
    "Nurmes": "Nurmeksen",
    "Outokumpu": "Outokummun",
}
TOWNS = {"Joensuu", "Kitee", "Nurmes", "Outokumpu"}


def next_date(today: dt.date, month: int, day: int) -> dt.date:
    """The next such day after today, so a forum named for a season is held in that season."""
    this_year = dt.date(today.year, month, day)
    return this_year if this_year > today else dt.date(today.year + 1, month, day)


def town_hall(name: str) -> str:
    """ "Nurmeksen kaupungintalo", "Liperin kunnantalo"."""
    return f"{GENITIVES[name]} {'kaupungintalo' if name in TOWNS else 'kunnantalo'}"


def _at(day: dt.date, hour: int = 17) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _forum(
    *,
    title: str,
    type: str,
    day: dt.date,
    place: str,
    municipalities: list[Municipality] = (),  # type: ignore[assignment]
    region: Region | None = None,
    hours: int = 3,
    **extra: Any,
) -> Forum:
    start = _at(day, extra.pop("hour", 17))
    forum = Forum.objects.filter(title_fi=title, start=start).first()
    if forum is not None:
        return forum
    past = start < timezone.now()
    forum = Forum.objects.create(
        title_fi=title,
        type=type,
        start=start,
        end=start + dt.timedelta(hours=hours),
        place=place,
        region=region,
        status=ForumStatus.HELD if past else ForumStatus.OPEN,
        registration_closes_at=None if past else start - dt.timedelta(days=3),
        **extra,
    )
    forum.municipalities.set(list(municipalities))
    return forum


def _register_many(forum: Forum, associations: list[Association], rng: random.Random) -> None:
    if forum.registrations.exists():
        return
    diets = ["", "", "", "gluteeniton", "laktoositon", "kasvis", ""]
    for index, association in enumerate(associations):
        email = f"edustaja.{association.pk}@example.org"
        person = user_get_or_create(email=email, full_name=f"Edustaja {association.pk}")
        if not person.has_usable_password():
            person.set_password(DEMO_PASSWORD)
            person.save()
        role_assign(user=person, role=Role.REPRESENTATIVE, association=association)
        Registration.objects.create(
            forum=forum,
            user=person,
            association=association,
            participants=2 if index % 5 in (0, 2, 4) else 1,
            dietary_needs=rng.choice(diets),
            accessibility_needs="pyörätuoli" if index == 3 else "",
            status="confirmed",
        )
    if forum.start < timezone.now():
        Attendance.objects.bulk_create(
            [Attendance(forum=forum, association=a) for a in associations[:-2]],
            ignore_conflicts=True,
        )
        forum.attendance_recorded_at = forum.end
        forum.save(update_fields=["attendance_recorded_at"])


def _kontiolahti(today: dt.date, rng: random.Random) -> None:
    kontiolahti = Municipality.objects.get(name_fi="Kontiolahti")
    liaison = _user("yhdyshenkilo.kontiolahti@example.org")
    agent = _user("agentti.kontiolahti@example.org")
    march = dt.date(today.year if today.month > 3 else today.year - 1, 3, 19)
    hytina = _forum(
        title="Hyvinvointihytinä Kontiolahdella",
        type=ForumType.WELLBEING_MEETUP,
        day=march,
        place="Kontiolahden Kotiseutukeskus",
        municipalities=[kontiolahti],
        liaison=liaison,
        co_organiser=agent,
        capacity=45,
        description_fi="Kunnan ja järjestöjen yhteinen tapaaminen: aitoa kohtaamista ja "
        "keskustelua yhteistyöstä.",
        themes="- Kunnan tehtävien muutos ja järjestöjen rooli\n- Järjestöyhteistyön ohjeen "
        "luonnos\n- Avustusten hakuajat ja yhden luukun periaate",
        minutes="**Läsnä lähes 40 järjestötoimijaa.**\n\n- Käytiin läpi järjestöyhteistyön "
        "ohjeen luonnos.\n- Toivottiin avustusten hakuaikojen yhtenäistämistä.\n- Seuraava "
        "hytinä syksyllä.",
        outcomes="Ohjeen luonnos viimeistellään kesään mennessä; seuraava hytinä syyskuussa.",
    )
    associations = list(
        Association.objects.filter(home_municipality=kontiolahti, is_active=True).order_by("pk")[
            :25
        ]
    )
    _register_many(hytina, associations, rng)
    # Earlier and upcoming Kontiolahti forums.
    _forum(
        title="Järjestöilta: avustukset ja tilat",
        type=ForumType.ASSOCIATION_EVENING,
        day=today - dt.timedelta(days=70),
        place="Kontiolahden kunnantalo",
        municipalities=[kontiolahti],
        liaison=liaison,
    )
    _forum(
        title="Syksyn Hyvinvointihytinä",
        type=ForumType.WELLBEING_MEETUP,
        day=next_date(today, 9, 17),  # "the next hytinä in September", as the minutes say
        place="Kontiolahden Kotiseutukeskus",
        municipalities=[kontiolahti],
        liaison=liaison,
        co_organiser=agent,
        capacity=40,
        themes="Järjestöyhteistyön ohjeen julkaisu ja vuosikello.",
    )


def _pohjois_karjala(today: dt.date) -> None:
    # name: (forums a year in the last two years, type)
    plan = {
        "Liperi": 3,
        "Outokumpu": 2,
        "Joensuu": 3,
        "Juuka": 1,
        "Kitee": 0,
        "Nurmes": 2,
    }
    for name, per_year in plan.items():
        municipality = Municipality.objects.get(name_fi=name)
        for year_back in (0, 1):
            for n in range(per_year):
                day = today - dt.timedelta(days=40 + 365 * year_back + n * 120)
                kind = [ForumType.WELLBEING_MEETUP, ForumType.ASSOCIATION_EVENING][n % 2]
                label = (
                    "Hyvinvointihytinä" if kind == ForumType.WELLBEING_MEETUP else "Järjestöilta"
                )
                _forum(
                    title=f"{label} – {name} {day.year}",
                    type=kind,
                    day=day,
                    place=town_hall(name) if name != "Joensuu" else "Carelicum",
                    municipalities=[municipality],
                )
    for name in ("Outokumpu", "Liperi"):
        _forum(
            title=f"Kevään Hyvinvointihytinä – {name}",
            type=ForumType.WELLBEING_MEETUP,
            day=next_date(today, 4, 15) if name == "Outokumpu" else next_date(today, 5, 6),
            place=f"{GENITIVES[name]} kirjasto",
            municipalities=[Municipality.objects.get(name_fi=name)],
            capacity=40,
        )
    joensuu = Municipality.objects.get(name_fi="Joensuu")
    RegularityTarget.objects.get_or_create(
        municipality=joensuu, defaults={"per_year_min": 3, "per_year_max": 4}
    )
    council = Body.objects.filter(municipality=joensuu, name_fi__icontains="neuvottelu").first()
    if council is not None:
        for months in (2, 8):
            _forum(
                title="Järjestöneuvottelukunnan kokous",
                type=ForumType.COUNCIL_MEETING,
                day=today - dt.timedelta(days=30 * months),
                place="Joensuun kaupungintalo",
                municipalities=[joensuu],
                body=council,
                hours=2,
                hour=15,
            )


def _network(today: dt.date) -> None:
    region = Region.objects.get(code="12")
    coordinator = _user("koordinaattori.pk@example.org")
    themes = [
        "Järjestöavustuskriteerien uudistaminen",
        "Järjestöjen mahdollisuudet käyttää kunnan tiloja",
        "Viestintä: järjestötoiminta kunnan kanavissa",
        "Järjestöjen asiantuntijuus palvelujen kehittämisessä",
    ]
    meetings = []
    for index, theme in enumerate(themes):
        day = today - dt.timedelta(days=90 + 182 * index)
        meetings.append(
            _forum(
                title=f"Järjestöyhdyshenkilöiden verkostotapaaminen {day.month}/{day.year}",
                type=ForumType.LIAISON_NETWORK,
                day=day,
                place="Pohjois-Karjalan kansanterveyden keskus, Joensuu",
                region=region,
                liaison=coordinator,
                themes=theme,
                hour=9,
                hours=4,
            )
        )
    upcoming = today + dt.timedelta(days=75)
    _forum(
        title=f"Järjestöyhdyshenkilöiden verkostotapaaminen {upcoming.month}/{upcoming.year}",
        type=ForumType.LIAISON_NETWORK,
        day=upcoming,
        place="Etäyhteys ja Joensuu",
        region=region,
        liaison=coordinator,
        themes="Hyvät käytännöt: Hyvinvointihytinät viidessä pilottikunnassa",
        hour=9,
    )
    materials = [
        ("Tapaamisen muistio: avustuskriteerit", "https://example.org/verkosto/avustukset.pdf", 0),
        ("Esimerkki: tilojen käyttöperiaatteet", "https://example.org/verkosto/tilat.pdf", 1),
        ("Viestintäopas yhdistyksille", "https://example.org/verkosto/viestinta", 2),
    ]
    for title, url, index in materials:
        NetworkMaterial.objects.get_or_create(
            region=region,
            title=title,
            defaults={"url": url, "forum": meetings[index], "added_by": coordinator},
        )
    _forum(
        title="Kuntakierros: hyvinvointisuunnittelu ja järjestöt",
        type=ForumType.MUNICIPAL_TOUR,
        day=today - dt.timedelta(days=50),
        place="Nurmes, Lieksa ja Juuka",
        region=region,
        municipalities=list(Municipality.objects.filter(name_fi__in=["Nurmes", "Lieksa", "Juuka"])),
        liaison=coordinator,
        themes="Hyvinvointikertomuksen valmistelu ja järjestöjen kokemustieto.",
        hour=10,
        hours=6,
    )


def _keski_suomi(today: dt.date) -> None:
    names = ["Joutsa", "Luhanka", "Toivakka"]
    municipalities = list(Municipality.objects.filter(name_fi__in=names))
    workshop = _forum(
        title="Hyppää mukaan hyvän kierteeseen! – elinvoimapaja",
        type=ForumType.VITALITY_WORKSHOP,
        day=today - dt.timedelta(days=35),
        place="Joutsan Hyvinvointitupa",
        municipalities=municipalities,
        liaison=_user("yhdyshenkilo.joutsa@example.org"),
        description_fi="Kuntakohtainen työpaja: järjestökartoituksen tulokset ja "
        "konkreettiset yhteistyön askeleet.",
        outcomes="Osallistujat tekivät yhteistyön suunnitelman ja nimesivät toteuttajatiimin. "
        "Konnevesi päätti kokeilla Joutsan kumppanuuspöytää syksyllä.",
    )
    if workshop.plans.exists():
        return
    plan = CooperationPlan.objects.create(
        forum=workshop,
        title="Kumppanuuspöytä säännölliseksi",
        goal="Kumppanuuspöytä säännölliseksi yhteistyön muodoksi Joutsassa, Luhangassa, "
        "Toivakassa ja Konnevedellä.",
        follow_up="Ensimmäinen yhteinen pöytä pidetty Joutsassa; Konnevesi valmistelee omaansa.",
    )
    steps = [
        ("Kumppanuuspöydän malli kirjataan yhteiseksi ohjeeksi", -10, StepStatus.DONE),
        ("Ensimmäinen kumppanuuspöytä Konnevedellä", 5, StepStatus.IN_PROGRESS),
        (
            "Järjestökartoituksen kuntakohtaiset tulokset esitellään valtuustoille",
            40,
            StepStatus.PLANNED,
        ),
        ("Yhteinen vuosikello kunnille ja yhdistyksille", 120, StepStatus.PLANNED),
    ]
    for title, days, status in steps:
        PlanStep.objects.create(
            plan=plan, title=title, deadline=today + dt.timedelta(days=days), status=status
        )
    team = [
        ("Joutsa", "Jaana Joutsenlahti", "yhdyshenkilo.joutsa@example.org", "Hyvinvointipalvelut"),
        ("Luhanka", "Lauri Lahdenperä", "lauri.tiimi@example.org", ""),
        ("Toivakka", "Tuula Toivanen", "tuula.tiimi@example.org", ""),
        ("Konnevesi", "Kalle Kononen", "kalle.tiimi@example.org", "Sivistystoimi"),
    ]
    for municipality_name, name, email, unit in team:
        association = (
            None
            if unit
            else Association.objects.filter(home_municipality__name_fi=municipality_name)
            .order_by("pk")
            .first()
        )
        TeamMember.objects.create(
            plan=plan,
            name=name,
            email=email,
            association=association,
            unit=unit or "",
        )


def seed(rng: random.Random) -> dict[str, str]:
    today = timezone.localdate()
    _kontiolahti(today, rng)
    _pohjois_karjala(today)
    _network(today)
    _keski_suomi(today)
    # The demo representative is registered for the upcoming Kontiolahti forum.
    rep = _user("edustaja@example.org")
    upcoming = Forum.objects.filter(title_fi="Syksyn Hyvinvointihytinä").order_by("-start").first()
    if rep is not None and upcoming is not None:
        association = Association.objects.filter(role_assignments__user=rep).first()
        if association and not upcoming.registrations.filter(association=association).exists():
            Registration.objects.create(
                forum=upcoming,
                user=rep,
                association=association,
                participants=2,
                dietary_needs="kasvis",
                status="confirmed",
            )
    return {}
