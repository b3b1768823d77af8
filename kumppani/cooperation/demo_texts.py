"""Finnish and Swedish demo texts: the guide template and the published guides."""

from __future__ import annotations

TEMPLATE: dict[str, dict[str, str]] = {
    "strategy": {
        "fi": "Kuntastrategiassa järjestöt nähdään kumppaneina, jotka edistävät asukkaiden "
        "hyvinvointia, osallisuutta ja kunnan elinvoimaa.\n\n"
        "- Kirjaa tähän kuntastrategian painopisteet, joihin järjestöyhteistyö liittyy.",
        "sv": "I kommunstrategin ses föreningarna som partner som främjar invånarnas "
        "välfärd, delaktighet och kommunens livskraft.",
    },
    "forums": {
        "fi": "Kunta kutsuu järjestöt koolle 2–3 kertaa vuodessa. Foorumeissa kuullaan "
        "järjestöjen ajankohtaiset asiat ja valmistellaan yhteisiä toimia.",
        "sv": "Kommunen sammankallar föreningarna 2–3 gånger per år.",
    },
    "partnership": {
        "fi": "Kumppanuussopimuksella sovitaan kirjallisesti yhteistyön tavoitteista, "
        "kummankin osapuolen velvoitteista ja sopimuskaudesta.",
        "sv": "I ett partnerskapsavtal avtalas skriftligt om målen, parternas skyldigheter "
        "och avtalsperioden.",
    },
    "grants": {
        "fi": "Kaikkien hallintokuntien avustukset haetaan samana hakuaikana yhden luukun "
        "kautta. Hyvinvointisuunnitelman mukaisesta toiminnasta saa lisäpisteitä.",
        "sv": "Alla förvaltningars understöd söks under samma ansökningstid via en lucka.",
    },
    "premises": {
        "fi": "Yhdistykset voivat käyttää kunnan tiloja maksutta tai alennettuun hintaan. "
        "Kirjaa tähän tilojen käyttöperiaatteet ja varaustapa.",
        "sv": "Föreningar kan använda kommunens lokaler avgiftsfritt eller till rabatterat pris.",
    },
    "wellbeing": {
        "fi": "Järjestöt osallistuvat hyvinvointikertomuksen ja -suunnitelman valmisteluun "
        "kyselyjen, yhdistysiltojen ja toimenpide-ehdotusten kautta.",
        "sv": "Föreningarna deltar i beredningen av välfärdsberättelsen och -planen.",
    },
    "communication": {
        "fi": "Järjestöjen tapahtumat julkaistaan kunnan tapahtumakalenterissa. Kunta "
        "tiedottaa järjestöjä koskevista asioista järjestöyhdyshenkilön kautta.",
        "sv": "Föreningarnas evenemang publiceras i kommunens evenemangskalender.",
    },
    "contacts": {
        "fi": "Järjestöyhdyshenkilö on järjestöjen ensisijainen yhteyshenkilö kunnassa.",
        "sv": "Föreningskontaktpersonen är föreningarnas första kontakt i kommunen.",
    },
    "annual_cycle": {
        "fi": "Vuosikello kokoaa yhteistyön toistuvat vaiheet: avustushaut, foorumit ja "
        "hyvinvointikertomuksen vaiheet.",
        "sv": "Årshjulet samlar samarbetets återkommande skeden.",
    },
}

KONTIOLAHTI_V1 = {
    "strategy": {
        "fi": "Kontiolahden kuntastrategian painopisteet ovat **hyvinvoiva kuntalainen**, "
        "vetovoimainen kunta ja vahva yhteisöllisyys. Järjestöt ovat kunnalle "
        "tärkeä kumppani kaikissa kolmessa."
    },
    "forums": {
        "fi": "Kunta järjestää järjestöille Hyvinvointihytinän kolmesti vuodessa. "
        "Maaliskuun Hyvinvointihytinään osallistui noin 40 järjestöjen edustajaa."
    },
    "grants": {
        "fi": "Kaikki kunnan järjestöavustukset haetaan helmikuussa samalla lomakkeella. "
        "Avustuskriteereissä on porkkanoita hyvinvointisuunnitelman mukaisesta toiminnasta."
    },
    "premises": {"fi": "Koulujen liikuntasalit ovat yhdistysten käytössä iltaisin maksutta."},
    "communication": {"fi": "Järjestöjen tapahtumat näkyvät kunnan verkkosivuilla."},
}
KONTIOLAHTI_V2 = {
    **KONTIOLAHTI_V1,
    "partnership": {
        "fi": "Kumppanuussopimus tehdään, kun yhdistys tuottaa kunnan kanssa sovittua "
        "toimintaa vähintään vuoden ajan.\n\n- Sopimus on julkinen.\n- Sopimuksen "
        "toteutumista arvioidaan vuosittain."
    },
    "wellbeing": {
        "fi": "Järjestöt kutsutaan hyvinvointikertomuksen valmisteluun järjestöillassa "
        "syksyisin. Järjestöjen edustaja istuu laajennetussa johtoryhmässä."
    },
}
JOUTSA = {
    "strategy": {"fi": "Joutsan strategiassa korostuvat elinvoima, kylät ja yhteisöllisyys."},
    "forums": {
        "fi": "Joutsassa kokoontuu **kumppanuuspöytä**, jossa kunta ja järjestöt "
        "suunnittelevat yhteisiä tapahtumia ja hyvinvointityötä."
    },
    "partnership": {"fi": "Kumppanuuspöytä sopii vuosittain yhteisistä painopisteistä."},
    "grants": {"fi": "Avustukset haetaan kerran vuodessa maaliskuussa."},
    "premises": {"fi": "Kylätalot ja koulut ovat yhdistysten käytössä sovittaessa."},
}
PORVOO = {
    "strategy": {
        "fi": "Porvoon strategiassa järjestöt ovat kumppaneita hyvinvoinnin edistämisessä.",
        "sv": "I Borgås strategi är föreningarna partner i främjandet av välfärd.",
    },
    "forums": {
        "fi": "Kaupunki järjestää kaksikielisen järjestöillan keväällä ja syksyllä.",
        "sv": "Staden ordnar en tvåspråkig föreningskväll på våren och hösten.",
    },
    "grants": {
        "fi": "Avustuksia voi hakea suomeksi tai ruotsiksi.",
        "sv": "Understöd kan sökas på finska eller svenska.",
    },
}
