"""Realistic Finnish action proposals generated from templates (demo data, tests, benchmarks).

Each theme has ideas; each idea has several wordings whose key words appear in different
inflected forms ("kävelyryhmä", "kävelyryhmiä", "kävelyryhmän"). Openings, places, partners and
schedules are shared by all ideas, so they are noise the grouping must see through. The idea is
the ground-truth label for measuring grouping quality.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

THEMES: dict[str, dict[str, list[str]]] = {
    "Osallisuus ja yksinäisyyden ehkäisy": {
        "kohtaamispaikka": [
            "avoin kohtaamispaikka kylätaloon, jossa voi juoda kahvit ja jutella",
            "kohtaamispaikkatoiminnan laajentaminen iltoihin ja viikonloppuihin",
            "kohtaamispaikan aukiolo myös lauantaisin yksinäisille asukkaille",
        ],
        "ystäväpalvelu": [
            "vapaaehtoisten ystäväpalvelu yksin asuville",
            "ystävätoiminnan vapaaehtoisille koulutusta ja tukea",
            "ystäväpalveluun uusia vapaaehtoisia, jotka vierailevat yksinäisten luona",
        ],
        "kylätoiminta": [
            "kyläjuhlat ja talkoot, joihin kutsutaan uudet asukkaat",
            "kylätalon tapahtumiin kuljetus syrjäkylien asukkaille",
            "kyläiltoja, joissa uudet kyläläiset tutustuvat naapureihin",
        ],
        "maahanmuuttajat": [
            "kielikahvila maahanmuuttajille suomen kielen harjoitteluun",
            "maahanmuuttajaperheiden kotoutumista tukevat kerhot",
            "kielikahvilan ja kotoutumisen tuen järjestäminen maahan muuttaneille",
        ],
        "vaikuttaminen": [
            "asukasiltoja, joissa kuntalaiset pääsevät vaikuttamaan päätöksiin",
            "nuorisovaltuuston ja vanhusneuvoston yhteiset asukasillat",
            "kuntalaisten kuuleminen asukasilloissa ennen päätöksiä",
        ],
    },
    "Liikunta ja terveelliset elintavat": {
        "kävelyryhmä": [
            "viikoittaiset kävelyryhmät ikäihmisille",
            "kävelyryhmän perustaminen työikäisille ja eläkeläisille",
            "ohjattuja kävelylenkkejä ja kävelyryhmiä kaikenikäisille",
        ],
        "matalan kynnyksen liikunta": [
            "matalan kynnyksen liikuntavuoroja vähän liikkuville",
            "maksuttomat liikuntavuorot ja kuntosalivuorot vähävaraisille",
            "liikuntavuorojen hinnat kohtuullisiksi, jotta harrastaminen on kaikille mahdollista",
        ],
        "ulkoilureitit": [
            "ulkoilureittien ja latujen kunnossapito talkoilla",
            "latujen ja luontopolkujen kunnostus ja opasteet",
            "uusien ulkoilureittien merkitseminen ja reittikartat",
        ],
        "ravitsemus": [
            "ruokakurssit ja terveellisen ruoanlaiton illat perheille",
            "kokkikerho, jossa opetellaan terveellistä ruoanlaittoa",
            "ravitsemusneuvontaa ja ruokakursseja ikäihmisille",
        ],
        "päihteet": [
            "päihdevalistus kouluissa ja nuorten tapahtumissa",
            "päihteettömät tapahtumat nuorille viikonloppuisin",
            "päihteiden käytön ehkäisy vertaistuen ja valistuksen avulla",
        ],
    },
    "Mielen hyvinvointi": {
        "vertaistuki": [
            "vertaistukiryhmä omaishoitajille",
            "omaishoitajien vertaisryhmät ja virkistyspäivät",
            "vertaistukea ja virkistystä omaishoitajille",
        ],
        "mielenterveys": [
            "mielenterveyden ensiapukurssit yhdistysten vapaaehtoisille",
            "mielenterveyskoulutusta ja ensiapukursseja jäsenille",
            "mielen hyvinvoinnin luentoja ja mielenterveyden ensiapu -kursseja",
        ],
        "kriisiapu": [
            "kriisipuhelin ja keskusteluapu iltaisin",
            "keskusteluavun päivystys kriisissä oleville",
            "matalan kynnyksen keskusteluapua kriisitilanteisiin",
        ],
        "kulttuuri": [
            "kulttuurikaveritoiminta, jossa vapaaehtoinen lähtee mukaan konserttiin tai teatteriin",
            "kulttuurikaverit ikäihmisille ja mielenterveyskuntoutujille",
            "teatteri- ja konserttikäynnit kulttuurikaverin kanssa",
        ],
        "luonto": [
            "luontoretket ja metsäkävelyt mielen virkistykseksi",
            "ohjattuja luontoretkiä stressin lievittämiseksi",
            "metsäretkiä ja luontoliikuntaa mielen hyvinvoinnin tueksi",
        ],
    },
    "Lapset, nuoret ja perheet": {
        "harrastukset": [
            "maksuttomat harrastukset koulupäivän jälkeen",
            "harrastustoimintaa koulujen tiloissa heti koulun jälkeen",
            "koululaisten iltapäiväharrastukset yhdistysten vetäminä",
        ],
        "perhekahvila": [
            "perhekahvila pienten lasten vanhemmille",
            "perhekahvilat ja vanhempien vertaistapaamiset",
            "perhekahvilan avaaminen kirjastoon lapsiperheille",
        ],
        "nuorisotila": [
            "nuorisotilan aukiolo perjantai- ja lauantai-iltoina",
            "nuorisotalon iltojen lisääminen viikonloppuihin",
            "nuorisotiloja myös kyliin ja iltaisin auki",
        ],
        "kesätyö": [
            "kesätyöpaikkoja nuorille yhdistyksissä",
            "nuorten kesätyöseteli yhdistysten käyttöön",
            "kesätöitä ja kesätyösetelit nuorille",
        ],
        "kiusaaminen": [
            "kiusaamisen ehkäisy kouluissa ja harrastuksissa",
            "kiusaamisen vastaiset teemapäivät kouluilla",
            "harrastusten ohjaajille koulutusta kiusaamisen ehkäisyyn",
        ],
    },
    "Ikäihmisten hyvinvointi": {
        "digituki": [
            "digituki ikäihmisille kirjastossa",
            "digitukea ja tietokoneneuvontaa eläkeläisille",
            "älypuhelimen käytön opastusta ikääntyneille digitukena",
        ],
        "kuljetus": [
            "asiointikyyti haja-asutusalueen ikäihmisille",
            "asiointikyytien lisääminen syrjäkylille",
            "kutsutaksi ja asiointikyyti kauppaan ja terveysasemalle",
        ],
        "kotona asuminen": [
            "kotona asumisen tuki ja kotikäynnit yksin asuville vanhuksille",
            "vapaaehtoisten kotikäynnit vanhusten luona",
            "kotikäyntejä ja apua arkeen kotona asuville ikäihmisille",
        ],
        "muistisairaudet": [
            "muistikahvila muistisairaille ja heidän läheisilleen",
            "muistisairaiden ja omaisten muistikahvilat",
            "muistiluennot ja muistikahvilatoiminta",
        ],
        "tuolijumppa": [
            "tuolijumppa palvelutalon asukkaille",
            "tuolijumppaa ja tasapainoharjoituksia ikääntyneille",
            "kaatumisten ehkäisy tasapainoharjoittelulla ja tuolijumpalla",
        ],
    },
    "Turvallisuus ja elinympäristö": {
        "liikenneturvallisuus": [
            "koulumatkojen liikenneturvallisuuden parantaminen",
            "suojateiden ja koulureittien valaistus",
            "valaistus ja turvalliset suojatiet koulujen lähelle",
        ],
        "paloturvallisuus": [
            "paloturvallisuusillat ja palovaroittimien tarkistus kodeissa",
            "palovaroittimien testaus ja paloturvallisuusneuvonta ikäihmisille",
            "vapaaehtoisen palokunnan paloturvallisuuskoulutukset",
        ],
        "ympäristö": [
            "roskien siivoustalkoot kevätsiivouksena",
            "siivoustalkoot ja roskienkeruu rannoilla",
            "kevään siivoustalkoot kylillä ja uimarannoilla",
        ],
        "varautuminen": [
            "kotivarakurssit ja varautumisen koulutus",
            "häiriötilanteisiin varautuminen ja kotivara",
            "valmiuskoulutusta ja kotivaran neuvontaa kotitalouksille",
        ],
        "esteettömyys": [
            "esteettömyyskartoitus julkisiin rakennuksiin",
            "kirjaston ja uimahallin esteettömyyden parantaminen",
            "esteettömät reitit ja esteettömyyskävelyt keskustassa",
        ],
    },
    "Järjestöyhteistyö ja toimintaedellytykset": {
        "toimitilat": [
            "kaupungin tilojen maksuton käyttö yhdistysten kokouksiin",
            "koulujen ja kirjaston tilat yhdistysten käyttöön iltaisin maksutta",
            "yhdistyksille maksuttomat kokoustilat ja selkeä tilavaraus",
        ],
        "avustukset": [
            "avustushaun selkeyttäminen ja yhteinen hakuaika kaikille hallintokunnille",
            "toiminta-avustusten hakuaikojen yhtenäistäminen",
            "avustusten hakuohjeet ja hakuajat yhteen paikkaan",
        ],
        "järjestöfoorumi": [
            "säännöllinen järjestöfoorumi kaupungin ja yhdistysten kesken",
            "järjestöiltoja kaksi kertaa vuodessa yhteistyön suunnitteluun",
            "kaupungin ja järjestöjen yhteiset foorumit ja järjestöillat",
        ],
        "tiedotus": [
            "yhteinen tapahtumakalenteri kaupungin verkkosivuille",
            "yhdistysten tapahtumat kaupungin tapahtumakalenteriin ja somekanaviin",
            "tapahtumakalenterin ja tiedotuskanavien avaaminen yhdistyksille",
        ],
    },
}

OPENINGS_OWN = [
    "Yhdistyksemme voi järjestää {x}.",
    "Järjestämme {x}.",
    "Ehdotamme: {x}.",
    "Voimme toteuttaa {x} omin voimin.",
    "Meidän toimenpiteemme: {x}.",
    "{X}.",
]
OPENINGS_TOGETHER = [
    "Yhteistyössä muiden toimijoiden kanssa: {x}.",
    "Yhdessä kaupungin kanssa voisimme järjestää {x}.",
    "Ehdotamme yhteistä hanketta: {x}.",
    "Muiden yhdistysten kanssa toteutettuna: {x}.",
]
EXTRAS = [
    "",
    "",
    " Toiminta voisi alkaa jo ensi syksynä.",
    " Tarvitsemme tähän maksuttomat tilat.",
    " Vapaaehtoisia on valmiina.",
    " Kokoonnumme kerran viikossa.",
    " Tiedotus kaupungin kanavissa olisi tärkeää.",
    " Tähän tarvitaan pieni avustus.",
    " Toiminta olisi maksutonta.",
    " Seurakunta on lupautunut mukaan.",
    " Koulut voisivat osallistua.",
]


@dataclass(frozen=True)
class GeneratedProposal:
    theme: str
    idea: str  # ground-truth label: "<theme>/<idea>"
    text: str
    together: bool


def generate(rng: random.Random, count: int) -> list[GeneratedProposal]:
    ideas = [
        (theme, idea, forms) for theme, items in THEMES.items() for idea, forms in items.items()
    ]
    out: list[GeneratedProposal] = []
    for _ in range(count):
        theme, idea, forms = rng.choice(ideas)
        together = rng.random() < 0.5
        opening = rng.choice(OPENINGS_TOGETHER if together else OPENINGS_OWN)
        core = rng.choice(forms)
        text = opening.replace("{X}", core[0].upper() + core[1:]).replace("{x}", core)
        text += rng.choice(EXTRAS)
        out.append(GeneratedProposal(theme, f"{theme}/{idea}", text, together))
    return out
