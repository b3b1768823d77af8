"""Demo cooperation structures for the municipalities the source articles name.

Pohjois-Karjala: liaisons in 7 municipalities from the start and 3 more later (10 of 13), agents,
paikallis-JANE in Nurmes and Joensuu; Keski-Suomi: Joutsa's partnership table adopted by
Konnevesi; published guides for Kontiolahti (two versions), Joutsa and bilingual Porvoo.
Idempotent: every object is looked up by its natural key first.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.cooperation import demo_texts
from kumppani.cooperation.models import (
    Adoption,
    AgentPairing,
    Body,
    BodyKind,
    BodyMember,
    CycleEntry,
    GoodPractice,
    Guide,
    GuideStatus,
    GuideTemplate,
    GuideVersion,
    Liaison,
    MemberRole,
    PartnershipAgreement,
)
from kumppani.geography.models import Municipality

# code: (name, email, unit, hours per month)
LIAISONS = {
    "276": ("Kaisa Kuntalainen", "yhdyshenkilo.kontiolahti@example.org", "Hyvinvointipalvelut", 30),
    "426": ("Leena Liperiläinen", "yhdyshenkilo.liperi@example.org", "Vapaa-aikapalvelut", 20),
    "309": ("Olli Outinen", "yhdyshenkilo.outokumpu@example.org", "Sivistyspalvelut", 16),
    "176": ("Jussi Juvonen", "yhdyshenkilo.juuka@example.org", "Elinvoimapalvelut", 12),
    "260": ("Kirsi Kiteeläinen", "yhdyshenkilo.kitee@example.org", "Hyvinvointipalvelut", 16),
    "167": ("Joni Joensalo", "yhdyshenkilo.joensuu@example.org", "Osallisuusyksikkö", 60),
    "541": ("Niko Nurmela", "yhdyshenkilo.nurmes@example.org", "Hyvinvointipalvelut", 24),
    # named later (P6: "7 at start, more later")
    "707": ("Riikka Rääkkyläinen", "yhdyshenkilo.raakkyla@example.org", "Vapaa-aikatoimi", 8),
    "146": ("Iida Ilomäki", "yhdyshenkilo.ilomantsi@example.org", "Elinvoimapalvelut", 10),
    "422": ("Lauri Lieksalainen", "yhdyshenkilo.lieksa@example.org", "Hyvinvointipalvelut", 12),
    # Keski-Suomi
    "172": ("Jaana Joutsenlahti", "yhdyshenkilo.joutsa@example.org", "Hyvinvointipalvelut", 20),
    "435": ("Lotta Luhtanen", "yhdyshenkilo.luhanka@example.org", "Kunnanvirasto", 8),
    "850": ("Toni Toivanen", "yhdyshenkilo.toivakka@example.org", "Vapaa-aikapalvelut", 10),
    "275": ("Konsta Konttinen", "yhdyshenkilo.konnevesi@example.org", "Hyvinvointipalvelut", 10),
    # bilingual
    "638": ("Sara Strandberg", "kontaktperson.borga@example.org", "Välfärdstjänster", 30),
    "257": ("Kim Kyrklund", "yhdyshenkilo.kirkkonummi@example.org", "Hyvinvointipalvelut", 20),
}
LATER = {"707", "146", "422"}
ROLE_FI = (
    "Järjestöyhdyshenkilö kutsuu kunnan järjestöt koolle säännöllisesti, huolehtii "
    "järjestöjen toimintaedellytyksistä ja välittää tietoa kunnan ja järjestöjen välillä."
)
ROLE_SV = (
    "Föreningskontaktpersonen sammankallar kommunens föreningar regelbundet och förmedlar "
    "information mellan kommunen och föreningarna."
)
ROLE_EN = (
    "The liaison convenes the municipality's associations regularly, looks after their "
    "operating conditions and passes information between the municipality and associations."
)
# code: (agent name, agent login email or "")
AGENTS = {
    "276": ("Aatu Agentti", "agentti.kontiolahti@example.org"),
    "426": ("Elli Esikko", ""),
    "541": ("Matti Myllymäki", ""),
    "167": ("Sanni Saarelainen", ""),
    "172": ("Raili Rantanen", ""),
}
MEMBER_NAMES = [
    "Anna Aaltonen", "Pekka Pesonen", "Marja Miettinen", "Tuomas Turunen", "Heli Hakkarainen",
    "Veikko Vartiainen", "Sirpa Savolainen", "Janne Jäntti",
]  # fmt: skip
FIELDS = ["sosiaali- ja terveysala", "liikunta ja urheilu", "kulttuuri", "kylätoiminta"]


def _associations(code: str, n: int) -> list[Association]:
    return list(
        Association.objects.filter(home_municipality__code=code, is_active=True).order_by(
            "name_fi", "id"
        )[:n]
    )


def _liaisons() -> None:
    users = {u.email: u for u in User.objects.filter(email__in=[v[1] for v in LIAISONS.values()])}
    agents = {u.email: u for u in User.objects.filter(email__in=[v[1] for v in AGENTS.values()])}
    for order, (code, (name, email, unit, hours)) in enumerate(LIAISONS.items()):
        municipality = Municipality.objects.get(code=code)
        liaison, created = Liaison.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={
                "email": email,
                "phone": f"040 555 {1000 + order:04d}",
                "unit": unit,
                "hours_per_month": hours,
                "role_description_fi": ROLE_FI,
                "role_description_sv": ROLE_SV if municipality.needs_swedish else "",
                "role_description_en": ROLE_EN,
                "user": users.get(email),
                # Pohjois-Karjala: seven named at the start, three more later (P6).
                "named_on": dt.date(2026, 3, 1) if code in LATER else dt.date(2024, 9, 1),
            },
        )
        if not created and liaison.named_on is None:  # databases seeded before the field
            liaison.named_on = dt.date(2026, 3, 1) if code in LATER else dt.date(2024, 9, 1)
            liaison.save(update_fields=["named_on"])
        if code in AGENTS:
            agent_name, agent_email = AGENTS[code]
            found = _associations(code, 1)
            AgentPairing.objects.get_or_create(
                liaison=liaison,
                agent_name=agent_name,
                defaults={
                    "agent": agents.get(agent_email),
                    "association": found[0] if found else None,
                    "since": dt.date(2025, 9, 1),
                },
            )


def _bodies() -> None:
    specs = [
        ("541", BodyKind.ADVISORY_COUNCIL, "Nurmeksen paikallis-JANE", "Nurmes lokala JANE"),
        ("167", BodyKind.ADVISORY_COUNCIL, "Joensuun järjestöneuvottelukunta", ""),
        ("541", BodyKind.EXTENDED_MANAGEMENT_GROUP, "Nurmeksen laajennettu johtoryhmä", ""),
        ("276", BodyKind.WELLBEING_GROUP, "Kontiolahden hyte-työryhmä", ""),
    ]
    for code, kind, name_fi, name_sv in specs:
        municipality = Municipality.objects.get(code=code)
        body, created = Body.objects.get_or_create(
            municipality=municipality,
            name_fi=name_fi,
            defaults={
                "kind": kind,
                "name_sv": name_sv,
                "description_fi": "Elin, jossa järjestöjen edustajat ja kunta käyvät "
                "säännöllistä vuoropuhelua.",
            },
        )
        if not created:
            continue
        count = 6 if kind == BodyKind.ADVISORY_COUNCIL else 2
        for index, association in enumerate(_associations(code, count)):
            BodyMember.objects.create(
                body=body,
                person_name=MEMBER_NAMES[index % len(MEMBER_NAMES)],
                association=association,
                field=FIELDS[index % len(FIELDS)],
                role=MemberRole.CHAIR if index == 0 else MemberRole.MEMBER,
                term_start=dt.date(2025, 1, 1),
                term_end=dt.date(2026, 12, 31),
            )


def _agreements() -> None:
    today = timezone.localdate()
    specs = [
        ("276", "Kylätalon ylläpito ja avoimet kylätapahtumat", dt.date(2025, 1, 1),
         today + dt.timedelta(days=45)),
        ("276", "Ikäihmisten liikuntaryhmät", dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
        ("172", "Kumppanuuspöydän tapahtumat", dt.date(2025, 6, 1), dt.date(2027, 5, 31)),
        ("167", "Nuorten kohtaamispaikka", dt.date(2024, 8, 1), dt.date(2026, 12, 31)),
    ]  # fmt: skip
    for code, title, start, end in specs:
        association = _associations(code, 2)[-1:]
        if not association:
            continue
        PartnershipAgreement.objects.get_or_create(
            municipality=Municipality.objects.get(code=code),
            title=title,
            defaults={
                "association": association[0],
                "scope": "Yhdistys järjestää sovittua toimintaa kuntalaisille.",
                "start": start,
                "end": end,
                "obligations_municipality": "Kunta tarjoaa tilat maksutta ja tiedottaa "
                "toiminnasta kanavissaan.",
                "obligations_association": "Yhdistys järjestää toiminnan ja raportoi siitä "
                "kerran vuodessa.",
            },
        )


def _guides() -> None:
    template, _created = GuideTemplate.objects.get_or_create(
        name="Järjestöyhteistyön ohjeen pohja",
        defaults={"narrative": demo_texts.TEMPLATE, "is_default": True},
    )
    published = {
        "276": [(demo_texts.KONTIOLAHTI_V1, dt.datetime(2025, 9, 15, 10, tzinfo=dt.UTC)),
                (demo_texts.KONTIOLAHTI_V2, dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC))],
        "172": [(demo_texts.JOUTSA, dt.datetime(2026, 1, 12, 10, tzinfo=dt.UTC))],
        "638": [(demo_texts.PORVOO, dt.datetime(2025, 11, 3, 10, tzinfo=dt.UTC))],
    }  # fmt: skip
    for code, versions in published.items():
        municipality = Municipality.objects.get(code=code)
        guide, created = Guide.objects.get_or_create(municipality=municipality)
        if not created:
            continue
        liaison = Liaison.objects.filter(municipality=municipality).first()
        user = liaison.user if liaison else None
        for number, (narrative, when) in enumerate(versions, start=1):
            merged = {k: v for k, v in demo_texts.TEMPLATE.items() if k not in narrative}
            merged = {k: {"fi": v["fi"]} for k, v in merged.items()} if code != "638" else merged
            GuideVersion.objects.create(
                guide=guide,
                number=number,
                status=GuideStatus.PUBLISHED,
                narrative={**merged, **narrative},
                created_by=user,
                published_at=when,
                published_by=user,
            )
    del template


def _cycle() -> None:
    entries: dict[str, list[tuple[str, str, int, int, int | None, int | None]]] = {
        "276": [
            ("Järjestöavustusten hakuaika", "Föreningsunderstöd kan sökas", 2, 1, 2, 28),
            ("Hyvinvointihytinä (kevät)", "", 3, 15, None, None),
            ("Järjestöilta hyvinvointikertomuksesta", "", 9, 20, None, None),
            ("Hyvinvointihytinä (syksy)", "", 11, 10, None, None),
        ],
        "172": [
            ("Kumppanuuspöytä kokoontuu", "", 4, 10, None, None),
            ("Avustushaku", "", 3, 1, 3, 31),
        ],
        "638": [("Föreningskväll / Järjestöilta", "Föreningskväll", 4, 22, None, None)],
    }
    for code, rows in entries.items():
        municipality = Municipality.objects.get(code=code)
        for title_fi, title_sv, month, day, end_month, end_day in rows:
            CycleEntry.objects.get_or_create(
                municipality=municipality,
                title_fi=title_fi,
                defaults={
                    "title_sv": title_sv,
                    "month": month,
                    "day": day,
                    "end_month": end_month,
                    "end_day": end_day,
                },
            )


def _practices() -> None:
    specs = [
        ("172", "Kumppanuuspöytä", "Partnerskapsbord", "Partnership table",
         "Kunta ja järjestöt kokoontuvat säännöllisesti saman pöydän ääreen sopimaan "
         "yhteisistä tapahtumista ja hyvinvointityön painopisteistä.", ["275", "435"]),
        ("276", "Hyvinvointihytinä", "Välfärdsträff", "Wellbeing meetup",
         "Kolmesti vuodessa pidettävä kunnan ja järjestöjen tapaaminen, jossa jaetaan "
         "ajankohtaiset asiat ja sovitaan yhteisistä toimista.", ["426", "309"]),
        ("426", "Hyvinvointitupa", "Välfärdsstuga", "Wellbeing hut",
         "Matalan kynnyksen kohtaamispaikka, jossa järjestöjen vapaaehtoiset ja kunnan "
         "hyvinvointipalvelut tapaavat asukkaita viikoittain.", ["167", "707"]),
        ("541", "Yhdistysilta", "Föreningskväll", "Association evening",
         "Ilta, jossa yhdistykset ja kunta kohtaavat ja ideoivat yhdessä "
         "hyvinvointisuunnitelman toimenpiteitä.", ["176", "850"]),
    ]  # fmt: skip
    for code, fi, sv, en, description, adopters in specs:
        origin = Municipality.objects.get(code=code)
        practice, _created = GoodPractice.objects.get_or_create(
            title_fi=fi,
            defaults={
                "title_sv": sv,
                "title_en": en,
                "description_fi": description,
                "origin_municipality": origin,
            },
        )
        for index, adopter in enumerate(adopters):
            Adoption.objects.get_or_create(
                practice=practice,
                municipality=Municipality.objects.get(code=adopter),
                defaults={
                    "adopted_on": dt.date(2025, 10 + index, 1),
                    "note": "Otettiin käyttöön hankkeen järjestämän verkostotapaamisen jälkeen.",
                },
            )


def seed(rng: random.Random) -> dict[str, str]:
    _liaisons()
    _bodies()
    _agreements()
    _guides()
    _cycle()
    _practices()
    return {}
