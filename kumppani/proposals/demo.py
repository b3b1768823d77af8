"""Demo proposals: Nurmes's scale (article 003) — 833 action proposals from 28 associations,
17 municipal teams and 3 stakeholders, "three measures of your own, three jointly" per theme of
the welfare plan; grouped automatically, partly scored and decided by the wellbeing working group.

Texts are invented, generated from templates (``textgen.py``). Idempotent: once Nurmes has
proposals, nothing is added.
"""

from __future__ import annotations

import random

from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.accounts.services import role_assign, user_get_or_create
from kumppani.associations.demo import DEMO_PASSWORD
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.decisions import decision_record
from kumppani.proposals.grouping_services import proposals_regroup
from kumppani.proposals.models import Decision, Proposal, ProposalGroup, ProposerType, Source
from kumppani.proposals.selectors import proposed_measure_title
from kumppani.proposals.services import criteria_ensure, scores_save
from kumppani.proposals.textgen import generate
from kumppani.welfare.models import Goal, Theme

NURMES = "541"
TOTAL = 833
TEAMS = [
    "Varhaiskasvatuksen tiimi", "Perusopetuksen tiimi", "Lukion tiimi", "Nuorisopalvelut",
    "Liikuntapalvelut", "Kulttuuripalvelut", "Kirjasto", "Kansalaisopisto",
    "Työllisyyspalvelut", "Elinvoimapalvelut", "Tekninen toimi", "Ympäristötoimi",
    "Ruokapalvelut", "Siivouspalvelut", "Hallintopalvelut", "Talouspalvelut", "Vapaa-aikatoimi",
]  # fmt: skip
STAKEHOLDERS = [
    "Pohjois-Karjalan hyvinvointialueen Nurmeksen sote-keskus",
    "Nurmeksen seurakunta",
    "Nurmeksen poliisiasema",
]
# Template themes → the Nurmes plan's themes (welfare demo); exact names match themselves.
THEME_MAP = {
    "Mielen hyvinvointi": "Mielen hyvinvointi ja päihteettömyys",
    "Lapset, nuoret ja perheet": "Mielen hyvinvointi ja päihteettömyys",
    "Ikäihmisten hyvinvointi": "Arjen turvallisuus",
    "Turvallisuus ja elinympäristö": "Arjen turvallisuus",
}
WORKING_GROUP = [
    ("hyte.nurmes@example.org", "Hanna Hytönen"),
    ("hyte2.nurmes@example.org", "Olli Ojala"),
    ("hyte3.nurmes@example.org", "Sari Saarelainen"),
]
REASONS = {
    Decision.ADOPTED: "Vaikuttava, tavoittaa suuren joukon ja toteutettavissa nykyisin resurssein.",
    Decision.MERGED: "Sama tavoite kuin laajemmassa ehdotusryhmässä; käsitellään yhdessä.",
    Decision.FORWARDED: "Kuuluu lautakunnan päätösvaltaan; lähetetään sinne valmisteltavaksi.",
    Decision.REJECTED: "Ei tällä suunnitelmakaudella: kustannukset suuret suhteessa vaikutuksiin.",
}


def _proposers(nurmes: Municipality) -> list[tuple[str, str, Association | None]]:
    demo_rep = User.objects.filter(email="edustaja.nurmes@example.org").first()
    first = list(
        RoleAssignment.objects.filter(user=demo_rep, role=Role.REPRESENTATIVE).values_list(
            "association_id", flat=True
        )
    )
    associations = sorted(
        Association.objects.filter(home_municipality=nurmes, is_active=True).order_by("id")[:40],
        key=lambda a: (a.pk not in first, a.pk),
    )[:28]
    out: list[tuple[str, str, Association | None]] = [
        (ProposerType.ASSOCIATION, a.name_fi, a) for a in associations
    ]
    out += [(ProposerType.TEAM, name, None) for name in TEAMS]
    out += [(ProposerType.STAKEHOLDER, name, None) for name in STAKEHOLDERS]
    return out


def _themes(nurmes: Municipality) -> dict[str, Theme]:
    themes = {t.name_fi: t for t in Theme.objects.filter(plan__municipality=nurmes)}
    out: dict[str, Theme] = {}
    from kumppani.proposals.textgen import THEMES

    for name in THEMES:
        found = themes.get(name) or themes.get(THEME_MAP.get(name, ""))
        if found is not None:
            out[name] = found
    return out


def _members() -> list[User]:
    nurmes = Municipality.objects.get(code=NURMES)
    members = []
    for email, name in WORKING_GROUP:
        user = user_get_or_create(email=email, full_name=name)
        if not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save()
        role_assign(user=user, role=Role.WELLBEING_GROUP, municipality=nurmes)
        members.append(user)
    return members


def _pool(rng: random.Random, nurmes: Municipality) -> None:
    from kumppani.forums.models import Forum
    from kumppani.surveys.models import Survey

    survey = Survey.objects.filter(municipality=nurmes).order_by("id").first()
    forum = Forum.objects.filter(municipalities=nurmes).order_by("id").first()
    themes = _themes(nurmes)
    proposers = _proposers(nurmes)
    items = generate(rng, TOTAL)
    proposals = []
    for index, item in enumerate(items):
        kind, name, association = proposers[index % len(proposers)]
        roll = rng.random()
        source = Source.SURVEY if survey and roll < 0.85 else (
            Source.FORUM if forum and roll < 0.95 else Source.DIRECT
        )  # fmt: skip
        proposals.append(
            Proposal(
                municipality=nurmes,
                theme=themes.get(item.theme),
                text=item.text,
                lemmas=lemma_document(item.text),
                proposer_type=kind,
                proposer_name=name,
                association=association,
                together=item.together,
                source=source,
                survey=survey if source == Source.SURVEY else None,
                forum=forum if source == Source.FORUM else None,
            )
        )
    Proposal.objects.bulk_create(proposals)


def _assess(rng: random.Random, nurmes: Municipality, members: list[User]) -> None:
    criteria = criteria_ensure(municipality=nurmes)
    groups = sorted(
        ProposalGroup.objects.filter(municipality=nurmes).prefetch_related("proposals"),
        key=lambda g: (-len(g.proposals.all()), g.pk),
    )
    scored = groups[:24]
    for group in scored:
        base = rng.randint(2, 4)
        for member in members[: 2 + (group.pk % 2)]:
            values = {c.pk: max(1, min(5, base + rng.randint(-1, 1))) for c in criteria}
            scores_save(actor=member, values=values, group=group)
    goals = list(Goal.objects.filter(theme__plan__municipality=nurmes).select_related("theme"))
    plan_decisions = (
        [Decision.ADOPTED] * 7 + [Decision.MERGED] * 3 + [Decision.FORWARDED] * 2
        + [Decision.REJECTED] * 3
    )  # fmt: skip
    for group, decision in zip(scored, plan_decisions, strict=False):
        same_theme = [g for g in goals if g.theme_id == group.theme_id] or goals
        if decision == Decision.ADOPTED and not same_theme:
            decision = Decision.FORWARDED
        others = [g for g in scored if g.pk != group.pk and not g.decision]
        decision_record(
            actor=members[0],
            group=group,
            decision=decision,
            reason=REASONS[decision],
            goal=same_theme[0] if decision == Decision.ADOPTED else None,
            measure_title=proposed_measure_title(group),
            responsible_unit="Hyvinvointikoordinaattori",
            forwarded_to="Sivistyslautakunta" if decision == Decision.FORWARDED else "",
            merged_into_group=others[0] if decision == Decision.MERGED else None,
        )


def seed(rng: random.Random) -> dict[str, str]:
    logins = {"Wellbeing working group member (Nurmes)": WORKING_GROUP[0][0]}
    nurmes = Municipality.objects.get(code=NURMES)
    if Proposal.objects.filter(municipality=nurmes).exists():
        return logins
    members = _members()
    _pool(rng, nurmes)
    proposals_regroup(municipality=nurmes)
    _assess(rng, nurmes, members)
    return logins
