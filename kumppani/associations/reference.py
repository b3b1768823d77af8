"""Fixed vocabularies of the registry (plain data, also used by a data migration)."""

CATEGORIES: list[tuple[str, str, str, str]] = [
    ("social-health", "Sosiaali- ja terveysala", "Social- och hälsovård", "Social and health"),
    ("culture", "Kulttuuri", "Kultur", "Culture"),
    ("sports", "Liikunta ja urheilu", "Idrott och motion", "Sports and exercise"),
    (
        "residents-village",
        "Asukas- ja kyläyhdistykset",
        "Invånar- och byaföreningar",
        "Residents and villages",
    ),
    ("youth", "Nuoriso", "Ungdom", "Youth"),
    (
        "seniors",
        "Eläkeläiset ja ikäihmiset",
        "Pensionärer och äldre",
        "Pensioners and older people",
    ),
    ("families", "Perheet ja lapset", "Familjer och barn", "Families and children"),
    (
        "disability",
        "Vammais- ja potilasjärjestöt",
        "Funktionshinder och patienter",
        "Disability and patients",
    ),
    ("environment", "Ympäristö ja luonto", "Miljö och natur", "Environment and nature"),
    ("education", "Sivistys ja koulutus", "Bildning och utbildning", "Education and learning"),
    ("multicultural", "Monikulttuurisuus", "Mångkultur", "Multicultural"),
    (
        "veterans-defence",
        "Veteraani- ja maanpuolustus",
        "Veteraner och försvar",
        "Veterans and defence",
    ),
    ("hobbies", "Harrastukset", "Hobbyer", "Hobbies"),
    ("other", "Muut", "Övriga", "Other"),
]
LANGUAGES: list[str] = ["fi", "sv", "en", "se", "ru", "sgn", "other"]


def ensure_reference_data(category_model: type, language_model: type) -> None:
    """Create the categories and languages if missing (models passed in: works in migrations)."""
    for order, (slug, fi, sv, en) in enumerate(CATEGORIES):
        category_model.objects.update_or_create(  # type: ignore[attr-defined]
            slug=slug, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "order": order}
        )
    for code in LANGUAGES:
        language_model.objects.get_or_create(code=code)  # type: ignore[attr-defined]
