"""Demo associations: invented, with plausible Finnish and Swedish names, in real municipalities.

Concentrated in the municipalities the source articles name (Pohjois-Karjala, Keski-Suomi), with
some in Pirkanmaa, Pohjois-Pohjanmaa and bilingual municipalities.
"""

from __future__ import annotations

import random

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign, user_get_or_create
from kumppani.associations.models import ActivityLanguage, Association, Category
from kumppani.associations.search import index_associations
from kumppani.associations.services import association_create
from kumppani.geography.models import Municipality

# Finnish name: (genitive, number of associations)
FINNISH_MUNICIPALITIES: dict[str, tuple[str, int]] = {
    "Liperi": ("Liperin", 40),
    "Outokumpu": ("Outokummun", 30),
    "Kontiolahti": ("Kontiolahden", 45),
    "Juuka": ("Juuan", 25),
    "Kitee": ("Kiteen", 30),
    "Joensuu": ("Joensuun", 60),
    "Nurmes": ("Nurmeksen", 32),
    "Rääkkylä": ("Rääkkylän", 15),
    "Joutsa": ("Joutsan", 20),
    "Luhanka": ("Luhangan", 10),
    "Toivakka": ("Toivakan", 12),
    "Konnevesi": ("Konneveden", 12),
    "Jyväskylä": ("Jyväskylän", 25),
    "Tampere": ("Tampereen", 25),
    "Nokia": ("Nokian", 10),
    "Kangasala": ("Kangasalan", 10),
    "Oulu": ("Oulun", 25),
    "Kempele": ("Kempeleen", 8),
    "Kuusamo": ("Kuusamon", 8),
}
# Finnish name: (Swedish name in genitive, count)
SWEDISH_MUNICIPALITIES: dict[str, tuple[str, int]] = {
    "Kirkkonummi": ("Kyrkslätts", 8),
    "Porvoo": ("Borgås", 8),
    "Raasepori": ("Raseborgs", 6),
    "Närpiö": ("Närpes", 6),
}
# The same bilingual municipalities' Finnish genitives: their associations have both names.
BILINGUAL_FINNISH_GENITIVES = {
    "Kirkkonummi": "Kirkkonummen",
    "Porvoo": "Porvoon",
    "Raasepori": "Raaseporin",
    "Närpiö": "Närpiön",
}
VILLAGES = [
    ("Ylä-Kuha", "Ylä-Kuhan"),
    ("Mäntylä", "Mäntylän"),
    ("Koivikko", "Koivikon"),
    ("Rantala", "Rantalan"),
    ("Honkaniemi", "Honkaniemen"),
    ("Kuusela", "Kuuselan"),
    ("Pajula", "Pajulan"),
    ("Haapasaari", "Haapasaaren"),
    ("Lehtovaara", "Lehtovaaran"),
    ("Kivimäki", "Kivimäen"),
    ("Salmenkylä", "Salmenkylän"),
    ("Ahonpää", "Ahonpään"),
    ("Vaarala", "Vaaralan"),
    ("Lammasjärvi", "Lammasjärven"),
]
# category: [(name pattern, purpose)], {m} = municipality genitive, {v} = village genitive
FINNISH_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "residents-village": [
        (
            "{v} kyläyhdistys ry",
            "Kyläyhdistys pitää yllä kylätaloa, järjestää kylätapahtumia ja "
            "hakee avustuksia kylän yhteisiin hankkeisiin.",
        ),
        (
            "{v} asukasyhdistys ry",
            "Asukasyhdistys edistää asuinalueen viihtyisyyttä ja "
            "yhteisöllisyyttä sekä tekee yhteistyötä kunnan kanssa.",
        ),
    ],
    "sports": [
        (
            "{v} Urheilijat ry",
            "Urheiluseura tarjoaa liikuntaa lapsille, nuorille ja aikuisille: "
            "hiihtoa, yleisurheilua ja salibandyä.",
        ),
        (
            "{m} Palloseura ry",
            "Palloseura järjestää jalkapallo- ja futsalharjoituksia kaikenikäisille.",
        ),
        ("{m} Hiihtoseura ry", "Hiihtoseura ylläpitää latuja ja järjestää hiihtokouluja."),
    ],
    "social-health": [
        (
            "{m} Mielenterveysyhdistys ry",
            "Mielenterveysyhdistys tarjoaa vertaistukea ja kohtaamispaikan kunnan tiloissa.",
        ),
        ("{m} Sydänyhdistys ry", "Sydänyhdistys järjestää terveysluentoja ja kuntoliikuntaa."),
        ("{m} Omaishoitajat ry", "Omaishoitajien yhdistys järjestää vertaisryhmiä ja virkistystä."),
        ("{m} Muistiyhdistys ry", "Muistiyhdistys tukee muistisairaita ja heidän läheisiään."),
    ],
    "seniors": [
        ("{m} Eläkeläiset ry", "Eläkeläisyhdistys järjestää kerhoja, retkiä ja liikuntaa."),
        ("{v} Seniorit ry", "Seniorit kokoontuvat viikoittain kylätalolla."),
    ],
    "culture": [
        (
            "{m} Kotiseutuyhdistys ry",
            "Kotiseutuyhdistys vaalii paikallista perinnettä ja ylläpitää museoaittaa.",
        ),
        ("{m} Teatteriyhdistys ry", "Harrastajateatteri tekee kesäteatteria ja lastennäytelmiä."),
        ("{v} Kuoro ry", "Sekakuoro esiintyy kunnan juhlissa ja kirkoissa."),
    ],
    "youth": [
        (
            "{v} Nuorisoseura ry",
            "Nuorisoseura järjestää nuorille kerhoja ja ylläpitää seurantaloa.",
        ),
        ("{m} Partiolaiset ry", "Partiolippukunta tarjoaa retkiä ja leirejä lapsille ja nuorille."),
    ],
    "families": [
        (
            "{m} Perheyhdistys ry",
            "Perheyhdistys järjestää perhekahviloita ja vertaistukea lapsiperheille.",
        ),
    ],
    "disability": [
        (
            "{m} Invalidit ry",
            "Yhdistys ajaa vammaisten ihmisten etuja ja järjestää virkistystoimintaa.",
        ),
        (
            "{m} Näkövammaiset ry",
            "Näkövammaisten yhdistys tarjoaa vertaistukea ja apuvälineneuvontaa.",
        ),
    ],
    "environment": [
        ("{v} Metsästysseura ry", "Metsästysseura hoitaa riistakantoja ja ylläpitää laavuja."),
        ("{m} Luonnonystävät ry", "Yhdistys järjestää luontoretkiä ja talkoita."),
    ],
    "education": [
        ("{m} Kansalaisopiston kannatusyhdistys ry", "Yhdistys tukee vapaata sivistystyötä."),
    ],
    "multicultural": [
        (
            "{m} Monikulttuurinen yhdistys ry",
            "Yhdistys tukee maahan muuttaneiden kotoutumista ja järjestää kielikahviloita.",
        ),
    ],
    "veterans-defence": [
        (
            "{m} Reserviläiset ry",
            "Reserviläisyhdistys järjestää ammuntaa ja maanpuolustuskoulutusta.",
        ),
    ],
    "hobbies": [
        ("{v} Kalastusseura ry", "Kalastusseura hoitaa vesialueita ja järjestää pilkkikisoja."),
        ("{m} Käsityöyhdistys ry", "Käsityöyhdistys pitää kudontapiiriä ja näyttelyitä."),
    ],
}
SWEDISH_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "residents-village": [
        ("{m} byaförening r.f.", "Byaföreningen driver byagården och ordnar evenemang.")
    ],
    "sports": [("{m} Idrottsförening r.f.", "Idrottsföreningen erbjuder motion för alla åldrar.")],
    "seniors": [("{m} Pensionärer r.f.", "Pensionärsföreningen ordnar klubbar och resor.")],
    "culture": [("{m} Hembygdsförening r.f.", "Hembygdsföreningen vårdar lokal tradition.")],
    "social-health": [("{m} Hjärtförening r.f.", "Föreningen ordnar kamratstöd och motion.")],
    "youth": [("{m} Ungdomsförening r.f.", "Ungdomsföreningen driver ungdomslokalen.")],
}
# The Finnish name and purpose of each Swedish pattern, for a bilingual association.
SWEDISH_PATTERNS_IN_FINNISH: dict[str, tuple[str, str]] = {
    "residents-village": (
        "{m} kyläyhdistys ry",
        "Kyläyhdistys ylläpitää kylätaloa ja järjestää tapahtumia.",
    ),
    "sports": ("{m} Urheiluseura ry", "Urheiluseura tarjoaa liikuntaa kaikenikäisille."),
    "seniors": ("{m} Eläkeläiset ry", "Eläkeläisyhdistys järjestää kerhoja ja matkoja."),
    "culture": ("{m} Kotiseutuyhdistys ry", "Kotiseutuyhdistys vaalii paikallista perinnettä."),
    "social-health": ("{m} Sydänyhdistys ry", "Yhdistys järjestää vertaistukea ja liikuntaa."),
    "youth": ("{m} Nuorisoseura ry", "Nuorisoseura ylläpitää nuorisotilaa."),
}
DEMO_PASSWORD = "kumppani-demo"  # noqa: S105 - demo accounts only


def seed(rng: random.Random) -> dict[str, str]:
    """Create the demo associations and one representative login; returns demo logins."""
    if Association.objects.filter(role_assignments__user__email="edustaja@example.org").exists():
        return {"Association representative": "edustaja@example.org"}
    categories = {c.slug: c for c in Category.objects.all()}
    languages = {lang.code: lang for lang in ActivityLanguage.objects.all()}
    municipalities = {m.name_fi: m for m in Municipality.objects.all()}
    created: list[Association] = []
    relations: list[tuple[Association, list[Category], list[ActivityLanguage]]] = []
    used: set[tuple[str, str]] = set()
    number = 100_000
    for muni_name, (genitive, count) in FINNISH_MUNICIPALITIES.items():
        made = 0
        attempts = 0
        while made < count and attempts < count * 20:
            attempts += 1
            slug = rng.choice(list(FINNISH_PATTERNS))
            pattern, purpose = rng.choice(FINNISH_PATTERNS[slug])
            _village, village_gen = rng.choice(VILLAGES)
            name = pattern.format(m=genitive, v=village_gen)
            if (name, muni_name) in used:
                continue
            used.add((name, muni_name))
            made += 1
            number += rng.randint(1, 50)
            association = Association(
                name_fi=name,
                registration_number=f"{number // 1000}.{number % 1000:03d}"
                if rng.random() < 0.85
                else "",
                home_municipality=municipalities[muni_name],
                purpose_fi=purpose,
                member_count=rng.randint(8, 400),
                uses_municipal_premises=rng.random() < (0.62 if slug == "social-health" else 0.4),
                email=f"yhdistys{len(created) + 1}@example.org",
            )
            created.append(association)
            langs = [languages["fi"]] + ([languages["en"]] if slug == "multicultural" else [])
            relations.append((association, [categories[slug]], langs))
    for muni_name, (genitive, count) in SWEDISH_MUNICIPALITIES.items():
        for slug in list(SWEDISH_PATTERNS)[:count]:
            pattern, purpose = SWEDISH_PATTERNS[slug][0]
            pattern_fi, purpose_fi = SWEDISH_PATTERNS_IN_FINNISH[slug]
            number += rng.randint(1, 50)
            association = Association(
                name_fi=pattern_fi.format(m=BILINGUAL_FINNISH_GENITIVES[muni_name]),
                name_sv=pattern.format(m=genitive),
                registration_number=f"{number // 1000}.{number % 1000:03d}",
                home_municipality=municipalities[muni_name],
                purpose_fi=purpose_fi,
                purpose_sv=purpose,
                member_count=rng.randint(8, 300),
                uses_municipal_premises=rng.random() < 0.5,
                email=f"forening{len(created) + 1}@example.org",
            )
            created.append(association)
            relations.append((association, [categories[slug]], [languages["sv"], languages["fi"]]))
    Association.objects.bulk_create(created)
    saved = {(a.name_fi, a.home_municipality_id): a for a in Association.objects.all()}
    for association, cats, langs in relations:
        stored = saved[(association.name_fi, association.home_municipality_id)]
        stored.categories.set(cats)
        stored.languages.set(langs)
    index_associations([a.pk for a in saved.values()])
    rep = user_get_or_create(email="edustaja@example.org", full_name="Eeva Edustaja")
    rep.set_password(DEMO_PASSWORD)
    rep.save()
    village = Association.objects.filter(
        name_fi="Ylä-Kuhan kyläyhdistys ry", home_municipality__code="276"
    ).first()
    if village is None:
        village = association_create(
            actor=None,
            name_fi="Ylä-Kuhan kyläyhdistys ry",
            home_municipality=municipalities["Kontiolahti"],
            purpose_fi=FINNISH_PATTERNS["residents-village"][0][1],
            categories=[categories["residents-village"]],
            languages=[languages["fi"]],
        )
    role_assign(user=rep, role=Role.REPRESENTATIVE, association=village)
    return {"Association representative": "edustaja@example.org"}
