"""The demo grants' fixed texts: people, programmes, criteria and questions (Finnish, Swedish,
English)."""

from __future__ import annotations

from decimal import Decimal

# code: officer (email, name), committee member (email, name)
PEOPLE = {
    "276": (
        ("viranhaltija.kontiolahti@example.org", "Ville Virkamies"),
        ("lautakunta.kontiolahti@example.org", "Kerttu Kivelä"),
    ),
    "167": (
        ("viranhaltija.joensuu@example.org", "Jenni Järvelä"),
        ("lautakunta.joensuu@example.org", "Matti Mäkeläinen"),
    ),
}
# branch, kind, (title fi, sv, en), budget, preferred categories, bonus theme (fi) per municipality
SPRING_PROGRAMMES: dict[str, list[tuple[str, str, tuple[str, str, str], int, tuple[str, ...], str]]]
SPRING_PROGRAMMES = {
    "276": [
        (
            "culture",
            "operating",
            (
                "Kulttuuritoiminnan toiminta-avustus",
                "Verksamhetsbidrag för kulturverksamhet",
                "Operating grant for cultural activities",
            ),
            30000,
            ("culture", "residents-village"),
            "Osallisuus ja yhteisöllisyys",
        ),
        (
            "sports",
            "operating",
            (
                "Liikuntajärjestöjen toiminta-avustus",
                "Verksamhetsbidrag för idrottsföreningar",
                "Operating grant for sports associations",
            ),
            40000,
            ("sports",),
            "Liikunta ja ulkoilu",
        ),
        (
            "youth",
            "project",
            (
                "Nuorisotoiminnan hankeavustus",
                "Projektbidrag för ungdomsverksamhet",
                "Project grant for youth work",
            ),
            20000,
            ("youth", "families", "education"),
            "Osallisuus ja yhteisöllisyys",
        ),
    ],
    "167": [
        (
            "culture",
            "operating",
            (
                "Kulttuuriyhdistysten toiminta-avustus",
                "Verksamhetsbidrag för kulturföreningar",
                "Operating grant for cultural associations",
            ),
            45000,
            ("culture", "residents-village"),
            "Yksinäisyyden ehkäisy",
        ),
        (
            "sports",
            "operating",
            (
                "Urheiluseurojen toiminta-avustus",
                "Verksamhetsbidrag för idrottsklubbar",
                "Operating grant for sports clubs",
            ),
            60000,
            ("sports",),
            "Terveyden ja hyvinvoinnin edistäminen järjestöjen kanssa",
        ),
        (
            "social_health",
            "project",
            (
                "Sosiaali- ja terveysjärjestöjen hankeavustus",
                "Projektbidrag för social- och hälsoorganisationer",
                "Project grant for social and health associations",
            ),
            35000,
            ("social-health", "seniors", "disability", "families"),
            "Yksinäisyyden ehkäisy",
        ),
    ],
}
WEIGHTED = [
    (
        ("Toiminnan laajuus ja tavoittavuus", "Verksamhetens omfattning och räckvidd", "Reach"),
        Decimal("2"),
    ),
    (
        (
            "Toiminnan laatu ja suunnitelmallisuus",
            "Verksamhetens kvalitet och planering",
            "Quality and planning",
        ),
        Decimal("1.5"),
    ),
    (("Talousarvion realistisuus", "Budgetens realism", "A realistic budget"), Decimal("1")),
]
QUESTIONS = [
    (
        "long_text",
        (
            "Kuvaile toimintaa, johon avustusta haetaan.",
            "Beskriv verksamheten som bidraget söks för.",
            "Describe the activities the grant is applied for.",
        ),
        True,
    ),
    (
        "number",
        (
            "Kuinka monta osallistujaa toiminta tavoittaa vuodessa?",
            "Hur många deltagare når verksamheten per år?",
            "How many participants do the activities reach in a year?",
        ),
        True,
    ),
    (
        "yes_no",
        (
            "Onko yhdistys saanut samaan toimintaan muuta julkista avustusta?",
            "Har föreningen fått annat offentligt bidrag för samma verksamhet?",
            "Has the association received other public funding for the same activities?",
        ),
        False,
    ),
]
DECIDED_REASONS = (
    "Toiminta on laajaa ja vakiintunutta, ja se tukee hyvinvointisuunnitelman tavoitteita. "
    "Avustus myönnetään määrärahan puitteissa haetun toiminnan kuluihin."
)
DECLINED_REASONS = (
    "Määräraha ei riittänyt kaikkiin hakemuksiin. Hakemus sai arvioinnissa vähemmän pisteitä "
    "kuin avustusta saaneet hakemukset."
)
