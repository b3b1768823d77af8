"""Content of the demo plans (Finnish; statistic values are illustrative)."""

from __future__ import annotations

# Theme (fi, sv, en): goals (fi) → measures (fi, responsible unit or "assoc:<category slug>",
# status, progress, schedule)
NURMES_THEMES: list[
    tuple[tuple[str, str, str], list[tuple[str, list[tuple[str, str, str, int, str]]]]]
] = [
    (
        (
            "Mielen hyvinvointi ja päihteettömyys",
            "Psykiskt välbefinnande och drogfrihet",
            "Mental wellbeing and substance abuse prevention",
        ),
        [
            (
                "Mielenterveyden ensiapu tunnetaan koko kaupungissa",
                [
                    (
                        "Mielenterveyden ensiapukurssit (MTEA 1) järjestöjen vapaaehtoisille",
                        "assoc:social-health",
                        "ongoing",
                        60,
                        "2025–2026",
                    ),
                    (
                        "Matalan kynnyksen keskusteluapu kirjastolla kerran viikossa",
                        "Hyvinvointipalvelut",
                        "ongoing",
                        45,
                        "2025–2028",
                    ),
                ],
            ),
            (
                "Nuorten päihdekokeilut vähenevät",
                [
                    (
                        "Päihteettömät nuorten illat nuorisotilassa",
                        "Nuorisopalvelut",
                        "ongoing",
                        50,
                        "2025–2028",
                    ),
                    (
                        "Vanhempainillat päihteistä yhdessä koulujen kanssa",
                        "Sivistyspalvelut",
                        "planned",
                        0,
                        "2026",
                    ),
                ],
            ),
        ],
    ),
    (
        (
            "Osallisuus ja yksinäisyyden ehkäisy",
            "Delaktighet och förebyggande av ensamhet",
            "Inclusion and preventing loneliness",
        ),
        [
            (
                "Jokaisella on kohtaamispaikka lähellä",
                [
                    (
                        "Kylätalojen avoimet kahvilat kerran kuussa",
                        "assoc:residents-village",
                        "ongoing",
                        70,
                        "2025–2028",
                    ),
                    (
                        "Ikäihmisten ystäväpalvelu ja kyydit harrastuksiin",
                        "assoc:seniors",
                        "delayed",
                        20,
                        "2025–2027",
                    ),
                ],
            ),
            (
                "Järjestöt osallistuvat päätösten valmisteluun",
                [
                    (
                        "Järjestöillat kahdesti vuodessa hyvinvointikertomuksen teemoista",
                        "Järjestöyhdyshenkilö",
                        "done",
                        100,
                        "2025",
                    ),
                    (
                        "Järjestöjen kokemustieto hyvinvointikertomuksen rinnalle",
                        "Hyte-työryhmä",
                        "ongoing",
                        40,
                        "2025–2028",
                    ),
                ],
            ),
        ],
    ),
    (
        (
            "Liikunta ja terveelliset elintavat",
            "Motion och hälsosamma levnadsvanor",
            "Physical activity and healthy lifestyles",
        ),
        [
            (
                "Liikkumattomuus vähenee kaikissa ikäryhmissä",
                [
                    (
                        "Liikuntaneuvonnan polku terveysasemalta seurojen ryhmiin",
                        "Liikuntapalvelut",
                        "ongoing",
                        35,
                        "2025–2028",
                    ),
                    (
                        "Maksuttomat harrastuskokeilut lapsille ja nuorille",
                        "assoc:sports",
                        "ongoing",
                        55,
                        "2025–2028",
                    ),
                    (
                        "Lähiliikuntapaikkojen kunnostus kylille",
                        "Tekninen toimi",
                        "planned",
                        10,
                        "2026–2027",
                    ),
                ],
            ),
        ],
    ),
    (
        ("Arjen turvallisuus", "Trygghet i vardagen", "Safety in everyday life"),
        [
            (
                "Kaatumiset ja kotitapaturmat vähenevät",
                [
                    (
                        "Kaatumisten ehkäisyn tasapainoryhmät",
                        "assoc:seniors",
                        "ongoing",
                        50,
                        "2025–2028",
                    ),
                    ("Turvakävelyt keskustassa ja kylillä", "Tekninen toimi", "done", 100, "2025"),
                ],
            ),
        ],
    ),
    (
        (
            "Järjestöyhteistyö ja toimintaedellytykset",
            "Samarbete med föreningar",
            "Cooperation with associations",
        ),
        [
            (
                "Yhdistysten toimitilat ja avustukset turvataan",
                [
                    (
                        "Kaupungin tilojen maksuton käyttö sote-yhdistyksille",
                        "Tilapalvelut",
                        "ongoing",
                        60,
                        "2025–2028",
                    ),
                    (
                        "Yhteinen avustushaku kaikille hallintokunnille",
                        "Talouspalvelut",
                        "ongoing",
                        30,
                        "2026",
                    ),
                ],
            ),
        ],
    ),
]

# Theme index → indicators: (name, unit, source, baseline, target, values by year)
STATISTICS: dict[int, list[tuple[str, str, str, str, str, dict[int, str]]]] = {
    0: [
        (
            "Psyykkisesti kuormittuneet, 20–64-vuotiaat",
            "%",
            "Sotkanet",
            "13.0",
            "11.0",
            {2023: "13.0", 2024: "12.6", 2025: "12.4"},
        )
    ],
    1: [
        (
            "Itsensä yksinäiseksi tuntevat, 8. ja 9. lk",
            "%",
            "Kouluterveyskysely (THL)",
            "12.5",
            "10.0",
            {2023: "12.5", 2025: "11.8"},
        )
    ],
    2: [
        (
            "Vapaa-ajallaan liikuntaa harrastamattomat, 20–64-vuotiaat",
            "%",
            "Sotkanet",
            "21.0",
            "18.0",
            {2023: "21.0", 2024: "20.4", 2025: "19.9"},
        )
    ],
    3: [
        (
            "Kaatumisiin ja putoamisiin liittyvät hoitojaksot, 65 vuotta täyttäneet",
            "/10 000",
            "Sotkanet",
            "260",
            "230",
            {2023: "260", 2024: "251", 2025: "247"},
        )
    ],
}
PLATFORM: dict[int, list[tuple[str, str, str, str | None, str | None]]] = {
    4: [
        (
            "Sote-yhdistykset, jotka toimivat kaupungin tiloissa",
            "%",
            "sote_premises_share",
            "60",
            "70",
        ),
        ("Aktiiviset yhdistykset", "", "active_associations", None, None),
    ],
    1: [("Teemaan saatu kokemustieto", "", "observations", None, None)],
}

OBSERVATIONS = [
    (
        0,
        "social-health",
        "Vertaistukiryhmiimme on tullut syksyllä selvästi enemmän nuoria "
        "aikuisia. Moni kertoo jonottaneensa pitkään ammattiapua.",
    ),
    (
        1,
        "residents-village",
        "Kylätalon kahvilaan tulee joka kerta 20–30 ihmistä. Ilman "
        "kyytiä moni ikäihminen ei pääsisi lainkaan.",
    ),
    (
        1,
        "seniors",
        "Jäsenemme toivovat iltapäiväkerhoja myös talvikuukausina; yksinäisyys "
        "korostuu pimeänä aikana.",
    ),
    (
        2,
        "sports",
        "Maksuttomiin kokeiluihin osallistui 64 lasta, joista 22 jatkoi seuran ryhmissä.",
    ),
    (
        3,
        "seniors",
        "Tasapainoryhmän osallistujat kertovat liukastumisten vähentyneen, kun "
        "nastakenkiä jaettiin yhdessä kaupungin kanssa.",
    ),
    (
        4,
        "social-health",
        "Kaupungin tilojen maksuttomuus on toimintamme edellytys; vuokraan ei olisi varaa.",
    ),
]
