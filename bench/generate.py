"""Generate national-scale benchmark data into the database named by DATABASE_URL.

The 308 real municipalities (``manage.py load_municipalities``) and N invented associations
(default 100,000) with Finnish and Swedish names and purpose texts, spread over municipalities by
population (Swedish-speaking and bilingual municipalities get Swedish-language associations),
with categories, languages of activity, other active municipalities and register numbers. Every
association is indexed for search through ``kumppani.associations.search.index_associations``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kumppani_bench \
        .venv/bin/python bench/generate.py
    .venv/bin/python bench/generate.py --associations 20000 --replace

Prints the timings (and writes them as JSON with ``--json FILE``). Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: --source checkouts win
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")

from vocabulary import (  # noqa: E402
    FINNISH_GENERIC,
    FINNISH_NAMES,
    FINNISH_PURPOSES,
    SWEDISH_GENERIC,
    SWEDISH_NAMES,
    SWEDISH_PURPOSES,
    SWEDISH_SHARE,
    SWEDISH_VILLAGE_ENDINGS,
    SWEDISH_VILLAGE_STEMS,
    VILLAGE_ENDINGS,
    VILLAGE_PREFIXES,
    VILLAGE_STEMS,
    finnish_genitive,
    swedish_genitive,
)

# --- generation ---------------------------------------------------------------------------------


def make_villages(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(name, genitive) of invented Finnish villages and districts."""
    villages: set[tuple[str, str]] = set()
    while len(villages) < count:
        prefix = rng.choice(VILLAGE_PREFIXES)
        stem = rng.choice(VILLAGE_STEMS)
        ending, genitive = rng.choice(VILLAGE_ENDINGS)
        villages.add((f"{prefix}{stem}{ending}", f"{prefix}{stem}{genitive}"))
    return sorted(villages)


def make_swedish_villages(rng: random.Random, count: int) -> list[tuple[str, str]]:
    villages: set[str] = set()
    while len(villages) < count:
        villages.add(rng.choice(SWEDISH_VILLAGE_STEMS) + rng.choice(SWEDISH_VILLAGE_ENDINGS))
    return [(v, swedish_genitive(v)) for v in sorted(villages)]


def _wipe() -> None:
    from django.db import connection

    from kumppani.associations.search import FTS_TABLE

    tables = [
        "associations_association_categories",
        "associations_association_languages",
        "associations_association_active_municipalities",
        "associations_representativeinvitation",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE associations_association CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("DELETE FROM accounts_roleassignment WHERE association_id IS NOT NULL")
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            cursor.execute("DELETE FROM associations_association")


def _existing() -> int:
    import django

    django.setup()
    from kumppani.associations.models import Association

    return Association.objects.count()


def generate(count: int, seed: int, replace: bool) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from kumppani.associations.models import ActivityLanguage, Association, Category
    from kumppani.associations.search import index_associations
    from kumppani.geography.models import Municipality

    timings: dict[str, Any] = {"associations": count, "vendor": connection.vendor}
    started = time.perf_counter()
    call_command("load_municipalities", verbosity=0)
    existing = Association.objects.count()
    if existing:
        if not replace:
            raise SystemExit(f"{existing} associations exist already; use --replace to regenerate.")
        _wipe()
    rng = random.Random(seed)
    categories = {c.slug: c.pk for c in Category.objects.all()}
    languages = {lang.code: lang.pk for lang in ActivityLanguage.objects.all()}
    municipalities = list(Municipality.objects.order_by("code"))
    by_region: dict[int, list[Municipality]] = {}
    for m in municipalities:
        by_region.setdefault(m.region_id, []).append(m)
    # Smaller places have more associations per resident: weight by population ** 0.8.
    weights = [max(m.population, 100) ** 0.8 for m in municipalities]
    total_weight = sum(weights)
    quotas = [max(3, round(count * w / total_weight)) for w in weights]
    while sum(quotas) > count:
        quotas[quotas.index(max(quotas))] -= 1
    while sum(quotas) < count:
        quotas[rng.randrange(len(quotas))] += 1
    finnish_villages = make_villages(rng, 1500)
    swedish_villages = make_swedish_villages(rng, 150)
    reg_numbers = rng.sample(range(100_000, 999_999), count)

    objects: list[Association] = []
    relations: list[tuple[list[int], list[int], list[int]]] = []
    for municipality, quota in zip(municipalities, quotas, strict=True):
        m_gen_fi = finnish_genitive(municipality.name_fi)
        m_gen_sv = swedish_genitive(municipality.name_sv)
        local_fi = rng.sample(finnish_villages, min(len(finnish_villages), 8 + quota // 6))
        local_sv = rng.sample(swedish_villages, min(len(swedish_villages), 4 + quota // 12))
        swedish_share = SWEDISH_SHARE.get(municipality.language_status, 0.0)
        used: set[str] = set()
        for _ in range(quota):
            swedish = rng.random() < swedish_share
            for _attempt in range(6):
                if swedish:
                    slug = rng.choice(list(SWEDISH_NAMES))
                    village, v_gen = rng.choice(local_sv)
                    name_sv = rng.choice(SWEDISH_NAMES[slug]).format(m=m_gen_sv, v=v_gen)
                    name_fi = name_sv.replace("r.f.", "ry")
                else:
                    slug = rng.choice(list(FINNISH_NAMES))
                    village, v_gen = rng.choice(local_fi)
                    name_fi = rng.choice(FINNISH_NAMES[slug]).format(m=m_gen_fi, v=v_gen)
                    name_sv = ""
                if name_fi not in used:
                    break
            else:
                name_fi = name_fi.replace(" ry", f" {len(used) % 7 + 2} ry").replace(
                    " r.f.", f" {len(used) % 7 + 2} r.f."
                )
                name_sv = name_sv and name_fi.replace(" ry", " r.f.")
            used.add(name_fi)
            if swedish:
                sentences = rng.sample(SWEDISH_PURPOSES[slug], 1) + rng.sample(
                    SWEDISH_GENERIC, rng.randint(0, 2)
                )
                sentences.append(f"Föreningen verkar i {village}.")
                purpose_fi, purpose_sv = "", " ".join(sentences)
            else:
                pool = FINNISH_PURPOSES[slug]
                sentences = rng.sample(pool, rng.randint(1, min(3, len(pool)))) + rng.sample(
                    FINNISH_GENERIC, rng.randint(0, 3)
                )
                sentences.insert(1, f"Toimimme {v_gen} alueella {m_gen_fi} kunnassa.")
                purpose_fi, purpose_sv = " ".join(sentences), ""
            number = reg_numbers[len(objects)]
            objects.append(
                Association(
                    name_fi=name_fi,
                    name_sv=name_sv,
                    registration_number=f"{number // 1000}.{number % 1000:03d}"
                    if rng.random() < 0.85
                    else "",
                    home_municipality_id=municipality.pk,
                    purpose_fi=purpose_fi,
                    purpose_sv=purpose_sv,
                    email=f"yhdistys{len(objects) + 1}@example.org" if rng.random() < 0.7 else "",
                    member_count=rng.randint(5, 900) if rng.random() < 0.8 else None,
                    uses_municipal_premises=rng.random() < 0.45,
                    is_active=rng.random() < 0.97,
                )
            )
            cats = [categories[slug]]
            if rng.random() < 0.15:
                cats.append(rng.choice(list(categories.values())))
            langs = [languages["sv"]] if swedish else [languages["fi"]]
            if (swedish and rng.random() < 0.5) or (not swedish and swedish_share > 0.1):
                langs.append(languages["fi"] if swedish else languages["sv"])
            if rng.random() < 0.06:
                langs.append(languages[rng.choice(["en", "ru", "se", "sgn", "other"])])
            active: list[int] = []
            if rng.random() < 0.08:
                neighbours = [n.pk for n in by_region[municipality.region_id] if n != municipality]
                active = rng.sample(neighbours, min(len(neighbours), rng.randint(1, 3)))
            relations.append((sorted(set(cats)), sorted(set(langs)), active))
    timings["build_objects_s"] = round(time.perf_counter() - started, 2)

    step = time.perf_counter()
    through_c = Association.categories.through
    through_l = Association.languages.through
    through_m = Association.active_municipalities.through
    with transaction.atomic():
        created = Association.objects.bulk_create(objects, batch_size=5000)
        cat_rows, lang_rows, muni_rows = [], [], []
        for association, (cats, langs, active) in zip(created, relations, strict=True):
            cat_rows += [through_c(association_id=association.pk, category_id=c) for c in cats]
            lang_rows += [
                through_l(association_id=association.pk, activitylanguage_id=lang) for lang in langs
            ]
            muni_rows += [
                through_m(association_id=association.pk, municipality_id=m) for m in active
            ]
        through_c.objects.bulk_create(cat_rows, batch_size=10000)
        through_l.objects.bulk_create(lang_rows, batch_size=10000)
        through_m.objects.bulk_create(muni_rows, batch_size=10000)
    timings["bulk_create_s"] = round(time.perf_counter() - step, 2)

    step = time.perf_counter()
    ids = [a.pk for a in created]
    for start in range(0, len(ids), 10_000):
        with transaction.atomic():
            index_associations(ids[start : start + 10_000])
    timings["index_s"] = round(time.perf_counter() - step, 2)

    step = time.perf_counter()
    with connection.cursor() as cursor:
        # The steady state autovacuum keeps in production: indexing rewrote every row once, and
        # the visibility map lets PostgreSQL answer from indexes alone.
        # (The second write left a dead copy of every row: VACUUM FULL compacts the table, as
        # if the rows had been written once.)
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM FULL associations_association")
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    timings["vacuum_analyze_s"] = round(time.perf_counter() - step, 2)
    timings["total_s"] = round(time.perf_counter() - started, 2)
    timings["category_links"] = len(cat_rows)
    timings["language_links"] = len(lang_rows)
    timings["active_municipality_links"] = len(muni_rows)
    timings["swedish_named"] = sum(1 for a in objects if a.name_sv)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--associations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replace", action="store_true", help="delete existing associations")
    parser.add_argument(
        "--ensure", action="store_true", help="do nothing if exactly N associations exist"
    )
    parser.add_argument("--json", type=Path, help="write the timings here")
    args = parser.parse_args(argv)
    if args.ensure and _existing() == args.associations:
        print(f"{args.associations} associations present; nothing to generate")
        return 0
    timings = generate(args.associations, args.seed, replace=args.replace or args.ensure)
    for key, value in timings.items():
        print(f"{key:28} {value}")
    if args.json:
        args.json.write_text(json.dumps(timings, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
