"""The demo premises' fixed texts: buildings and spaces, usage principles, price lists, the
bookings and the seasonal round's applications (Finnish; Swedish and English names where a
name is a description rather than a proper name)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

JOUTSA = "172"
KONTIOLAHTI = "276"

JOUTSA_BUILDING = "Hyvinvointitupa"
KONTIOLAHTI_BUILDING = "Kontiolahden urheilutalo"
HALL = "Palloiluhalli"
COURTS = ("Kenttä 1", "Kenttä 2")

PRINCIPLES = {
    JOUTSA: (
        "## Hyvinvointituvan käyttö\n\n"
        "Hyvinvointitupa on tarkoitettu joutsalaisten yhdistysten, vertaistukiryhmien ja "
        "asukkaiden yhteiseen käyttöön. Rekisteröityneet yhdistykset saavat kokoushuoneen ja "
        "keittiön käyttöönsä maksutta, kun toiminta on avointa kaikille kuntalaisille tai "
        "tukee hyvinvointia.\n\n"
        "- Varaa tila viimeistään kaksi päivää etukäteen.\n"
        "- Jätä tila siistiksi ja astiat pestyiksi; keittiön siivousvälineet ovat kaapissa.\n"
        "- Peru varaus, jos se jää käyttämättä, jotta tila vapautuu muille.\n"
        "- Säännöllisten vuorojen jaosta päätetään kausittain hyvinvointipalveluissa.\n"
    ),
    KONTIOLAHTI: (
        "## Liikuntatilojen käyttövuorot\n\n"
        "Kontiolahden kunta tukee yhdistysten liikuntatoimintaa edullisilla vuorohinnoilla. "
        "Kontiolahtelaiset rekisteröityneet yhdistykset maksavat urheilutalon kentistä "
        "yhdistyshinnan; lasten ja nuorten vuorot ovat etusijalla arki-iltaisin klo 16–20.\n\n"
        "- Säännölliset vuorot jaetaan kausivarauksella kahdesti vuodessa (syys- ja "
        "kevätkausi). Hakemuksessa kerrotaan toivotut vuorot tärkeysjärjestyksessä.\n"
        "- Vuoron voi perua maksutta viimeistään 24 tuntia ennen sen alkua.\n"
        "- Koko hallin varaus varaa molemmat kentät; yhden kentän varaus jättää toisen "
        "kentän vapaaksi.\n"
        "- Käyttämättä jääneet kausivuorot vapautetaan muiden varattaviksi.\n"
    ),
}

# code: [(kind, name_fi, name_sv, name_en, capacity, area, parent name or None, description)]
SPACES: dict[str, list[tuple[str, str, str, str, int, int, str | None, str]]] = {
    JOUTSA: [
        (
            "building",
            JOUTSA_BUILDING,
            "",
            "",
            40,
            180,
            None,
            "Esteetön kohtaamispaikka Joutsan keskustassa: kokoushuone ja opetuskeittiö.",
        ),
        (
            "meeting_room",
            "Kokoushuone",
            "Mötesrum",
            "Meeting room",
            20,
            45,
            JOUTSA_BUILDING,
            "Pöytäryhmät 20 hengelle, näyttö ja induktiosilmukka.",
        ),
        (
            "kitchen",
            "Opetuskeittiö",
            "Undervisningskök",
            "Teaching kitchen",
            12,
            40,
            JOUTSA_BUILDING,
            "Neljä liesipistettä, astianpesukone ja astiasto 40 hengelle.",
        ),
    ],
    KONTIOLAHTI: [
        (
            "building",
            KONTIOLAHTI_BUILDING,
            "",
            "",
            300,
            2400,
            None,
            "Urheilutalo palloiluhalleineen ja pukuhuoneineen Kontiolahden keskustassa.",
        ),
        (
            "hall",
            HALL,
            "Bollhall",
            "Ball games hall",
            200,
            1200,
            KONTIOLAHTI_BUILDING,
            "Jaettava palloiluhalli: koko halli tai jompikumpi kenttä väliverhon ansiosta.",
        ),
        (
            "court",
            COURTS[0],
            "Plan 1",
            "Court 1",
            60,
            600,
            HALL,
            "Salibandy-, futsal- ja koripallokenttä; katsomo 50 hengelle.",
        ),
        (
            "court",
            COURTS[1],
            "Plan 2",
            "Court 2",
            60,
            600,
            HALL,
            "Salibandy-, lentopallo- ja sulkapallokenttä.",
        ),
    ],
}

# (weekday 0 Monday .. 6 Sunday, opens, closes) of the building; the spaces inside follow it
OPENING = {
    JOUTSA: [(d, dt.time(8), dt.time(21)) for d in range(5)] + [(5, dt.time(9), dt.time(16))],
    KONTIOLAHTI: [(d, dt.time(7), dt.time(22)) for d in range(5)]
    + [(d, dt.time(9), dt.time(20)) for d in (5, 6)],
}

EVENING = (dt.time(16), dt.time(22))
WEEKDAYS = "01234"
# Price per hour by customer type: (all day, weekday evenings 16–22 or None)
Prices = dict[str, tuple[Decimal, Decimal | None]]
JOUTSA_PRICES: Prices = {
    "association": (Decimal("0"), None),
    "group": (Decimal("0"), None),
    "resident": (Decimal("12"), None),
    "company": (Decimal("30"), None),
}
COURT_PRICES: Prices = {
    "association": (Decimal("8"), Decimal("10")),
    "group": (Decimal("10"), Decimal("12")),
    "resident": (Decimal("15"), Decimal("18")),
    "company": (Decimal("35"), Decimal("40")),
}
# the whole hall (both courts at once)
HALL_PRICES: Prices = {
    kind: (day * 2, evening * 2 if evening else None)
    for kind, (day, evening) in COURT_PRICES.items()
}
PRICE_NOTES = {
    "free": "Maksuton rekisteröidyille yhdistyksille ja vertaisryhmille",
    "evening": "Arki-illat klo 16–22",
}

# category slugs, in the order the demo looks for an association of the municipality
KONTIOLAHTI_CLUBS = (("sports",), ("youth", "families"), ("seniors", "social-health"))
JOUTSA_GROUPS = (("social-health", "seniors"), ("residents-village", "culture"))

# weekly series: (space name, weekday, start, end, purpose, weeks)
VILLAGE_SERIES = (COURTS[0], 2, dt.time(18), dt.time(19, 30), "Kylän sählyvuoro", 12)
JOUTSA_SERIES = ("Kokoushuone", 0, dt.time(13), dt.time(15), "Vertaistukiryhmän tapaaminen", 10)
# single bookings: (space name, weeks ahead, weekday, start, end, purpose)
Single = tuple[str, int, int, dt.time, dt.time, str]
SINGLES: dict[str, list[Single]] = {
    KONTIOLAHTI: [
        (HALL, 3, 5, dt.time(10), dt.time(14), "Seniorien liikuntapäivä"),
        (COURTS[1], 1, 3, dt.time(16), dt.time(17, 30), "Perheliikuntakerho"),
    ],
    JOUTSA: [
        ("Opetuskeittiö", 2, 2, dt.time(17), dt.time(20), "Kokkikerho: kasvisruokaa arkeen"),
        (JOUTSA_BUILDING, 4, 5, dt.time(10), dt.time(15), "Avoimien ovien päivä"),
    ],
}
# the past spring season (for the statistics): (space name, weekday, start, end, purpose)
Past = tuple[str, int, dt.time, dt.time, str]
PAST_SERIES: dict[str, list[Past]] = {
    KONTIOLAHTI: [
        (COURTS[0], 1, dt.time(17), dt.time(18, 30), "Junioreiden salibandyharjoitukset"),
        (HALL, 4, dt.time(17), dt.time(19), "Perheiden pallokerho"),
    ],
    JOUTSA: [("Kokoushuone", 3, dt.time(10), dt.time(12), "Muistikahvila")],
}
PAST_WEEKS = 20

ROUND_NAME = ("Kevätkauden vuorojako", "Turfördelning för vårsäsongen", "Spring season allocation")
# competing applications: (club index, space name, weekday, start, end, priority, purpose)
REQUESTS = [
    (0, COURTS[0], 1, dt.time(17), dt.time(18, 30), 1, "Junioreiden salibandyharjoitukset"),
    (0, COURTS[0], 3, dt.time(17), dt.time(18, 30), 2, "Junioreiden salibandyharjoitukset"),
    (0, HALL, 5, dt.time(10), dt.time(13), 3, "Salibandyturnaus, kotiottelut"),
    (1, COURTS[0], 1, dt.time(17, 30), dt.time(19), 1, "Tyttöjen futsal"),
    (1, COURTS[1], 3, dt.time(17), dt.time(18, 30), 2, "Tyttöjen futsal"),
    (2, HALL, 1, dt.time(18), dt.time(19, 30), 1, "Kuntoliikuntaa ikäihmisille"),
    (2, COURTS[1], 3, dt.time(17, 30), dt.time(19), 1, "Tuolijumppa ja kävelyfutis"),
]
