"""The demo's place names are inflected correctly and seasonal forums fall in their season."""

from __future__ import annotations

import datetime as dt

from kumppani.forums.demo import GENITIVES, next_date, town_hall


def test_place_names_use_real_genitives() -> None:
    assert town_hall("Nurmes") == "Nurmeksen kaupungintalo"
    assert town_hall("Liperi") == "Liperin kunnantalo"
    assert f"{GENITIVES['Outokumpu']} kirjasto" == "Outokummun kirjasto"
    assert town_hall("Juuka") == "Juuan kunnantalo"


def test_an_autumn_forum_is_held_in_autumn_whatever_the_day_of_seeding() -> None:
    for today in (dt.date(2026, 12, 1), dt.date(2026, 3, 1), dt.date(2026, 9, 17)):
        day = next_date(today, 9, 17)
        assert day > today and day.month == 9
        assert (day - today).days <= 366


def test_bilingual_municipalities_associations_have_finnish_and_swedish_names() -> None:
    from kumppani.associations.demo import (
        BILINGUAL_FINNISH_GENITIVES,
        SWEDISH_MUNICIPALITIES,
        SWEDISH_PATTERNS,
        SWEDISH_PATTERNS_IN_FINNISH,
    )

    assert set(BILINGUAL_FINNISH_GENITIVES) == set(SWEDISH_MUNICIPALITIES)
    assert set(SWEDISH_PATTERNS_IN_FINNISH) == set(SWEDISH_PATTERNS)
    assert all("r.f." not in name for name, _purpose in SWEDISH_PATTERNS_IN_FINNISH.values())
