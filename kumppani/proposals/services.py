"""Writes for action proposals: submission, criteria, scores.

Grouping writes live in ``grouping_services.py``, decisions in ``decisions.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.models import (
    Criterion,
    Proposal,
    ProposalGroup,
    ProposerType,
    Score,
    Source,
)

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.associations.models import Association
    from kumppani.forums.models import Forum
    from kumppani.geography.models import Municipality
    from kumppani.surveys.models import Survey
    from kumppani.welfare.models import Theme


@transaction.atomic
def proposal_create(
    *,
    municipality: Municipality,
    text: str,
    proposer_type: str,
    source: str = Source.DIRECT,
    theme: Theme | None = None,
    association: Association | None = None,
    proposer_name: str = "",
    together: bool = False,
    survey: Survey | None = None,
    forum: Forum | None = None,
    actor: User | None,
) -> Proposal:
    """Add a proposal to the municipality's pool (ungrouped until the next grouping run).

    A proposal from an anonymous survey keeps nothing that identifies who answered: no name, no
    association, no submitting person; only the kind of proposer.
    """
    text = (text or "").strip()
    proposer_name = (proposer_name or "").strip()
    anonymous = survey is not None and survey.anonymous
    if anonymous:
        proposer_name, association, actor = "", None, None
    errors: dict[str, list[str]] = {}
    if proposer_type not in ProposerType.values:
        errors["proposer_type"] = [_("Choose association, team, stakeholder or resident.")]
    if source not in Source.values:
        errors["source"] = [_("Unknown source.")]
    if theme is not None and theme.plan.municipality_id != municipality.pk:
        errors["theme"] = [_("The theme belongs to another municipality's plan.")]
    if proposer_type == ProposerType.ASSOCIATION and association is None and not anonymous:
        errors["organisation"] = [_("Choose the association that makes the proposal.")]
    if (
        proposer_type in (ProposerType.TEAM, ProposerType.STAKEHOLDER)
        and not proposer_name
        and not anonymous
    ):
        errors["proposer_name"] = [_("Give the name of the team or stakeholder.")]
    if errors:
        raise ValidationError(errors)
    proposal = Proposal(
        municipality=municipality,
        text=text,
        lemmas=lemma_document(text),
        proposer_type=proposer_type,
        proposer_name=(proposer_name or (str(association) if association else ""))[:200],
        association=association if proposer_type == ProposerType.ASSOCIATION else None,
        together=together,
        source=source,
        theme=theme,
        survey=survey,
        forum=forum,
        created_by=actor,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


# (name, score 1 means, score 5 means) in fi, sv, en; and the weight.
DefaultCriterion = tuple[tuple[str, str, str], tuple[str, str, str], tuple[str, str, str], int]
DEFAULT_CRITERIA: tuple[DefaultCriterion, ...] = (
    (
        ("Vaikuttavuus", "Verkan", "Impact"),
        ("vähäinen vaikutus", "liten verkan", "little impact"),
        ("suuri vaikutus", "stor verkan", "great impact"),
        3,
    ),
    (
        ("Tavoittavuus", "Räckvidd", "Reach"),
        ("tavoittaa harvoja", "når få", "reaches few"),
        ("tavoittaa monia", "når många", "reaches many"),
        2,
    ),
    (
        ("Kustannukset", "Kostnader", "Cost"),
        ("kallis", "dyr", "expensive"),
        ("edullinen", "billig", "cheap"),
        1,
    ),
    (
        ("Toteutettavuus", "Genomförbarhet", "Feasibility"),
        ("vaikea toteuttaa", "svår att genomföra", "hard to carry out"),
        ("helppo toteuttaa", "lätt att genomföra", "easy to carry out"),
        2,
    ),
    (
        ("Sopivuus suunnitelman tavoitteisiin", "Passar planens mål", "Fit with the plan's goals"),
        ("sopii huonosti", "passar dåligt", "fits poorly"),
        ("sopii hyvin", "passar väl", "fits well"),
        2,
    ),
)


def _languages(prefix: str, values: tuple[str, str, str]) -> dict[str, str]:
    return {
        f"{prefix}_{lang}": value for lang, value in zip(("fi", "sv", "en"), values, strict=True)
    }


@transaction.atomic
def criteria_ensure(*, municipality: Municipality) -> list[Criterion]:
    """The municipality's criteria; the five usual ones are created when it has none."""
    existing = list(Criterion.objects.filter(municipality=municipality))
    if existing:
        return existing
    return Criterion.objects.bulk_create(
        Criterion(
            municipality=municipality,
            weight=weight,
            order=i,
            **_languages("name", names),
            **_languages("low", low),
            **_languages("high", high),
        )
        for i, (names, low, high, weight) in enumerate(DEFAULT_CRITERIA)
    )


class CriterionScale(TypedDict, total=False):
    low_fi: str
    low_sv: str
    low_en: str
    high_fi: str
    high_sv: str
    high_en: str


@transaction.atomic
def criterion_save(
    *,
    municipality: Municipality,
    criterion: Criterion | None = None,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    weight: int = 1,
    order: int = 0,
    **scale: Unpack[CriterionScale],
) -> Criterion:
    """Add or change a criterion; ``scale`` says what scores 1 and 5 mean (5 is the good end)."""
    if criterion is None:
        criterion = Criterion(municipality=municipality)
    elif criterion.municipality_id != municipality.pk:
        raise ValidationError(_("The criterion belongs to another municipality."))
    criterion.name_fi, criterion.name_sv, criterion.name_en = name_fi, name_sv, name_en
    criterion.weight, criterion.order = weight, order
    for name, value in scale.items():
        setattr(criterion, name, str(value).strip())
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    criterion.delete()


@transaction.atomic
def scores_save(
    *,
    actor: User,
    values: dict[int, int],
    proposal: Proposal | None = None,
    group: ProposalGroup | None = None,
) -> list[Score]:
    """Save one member's scores ({criterion id: 1–5}) for a proposal or a group.

    Scoring a group locks it, so a re-run of the grouping keeps what was assessed.
    """
    if (proposal is None) == (group is None):
        raise ValidationError(_("Score either a proposal or a group."))
    target: Any = proposal if proposal is not None else group
    criteria = {c.pk: c for c in Criterion.objects.filter(municipality_id=target.municipality_id)}
    errors: dict[str, list[str]] = {}
    for criterion_id, value in values.items():
        if criterion_id not in criteria:
            errors[f"criterion_{criterion_id}"] = [_("Unknown criterion.")]
        elif not 1 <= int(value) <= 5:
            errors[f"criterion_{criterion_id}"] = [_("Give a score from 1 to 5.")]
    if not values:
        errors["__all__"] = [_("Give at least one score.")]
    if errors:
        raise ValidationError(errors)
    saved: list[Score] = []
    for criterion_id, value in values.items():
        score, _created = Score.objects.update_or_create(
            criterion=criteria[criterion_id],
            scorer=actor,
            proposal=proposal,
            group=group,
            defaults={"value": int(value)},
        )
        saved.append(score)
    if group is not None and not group.locked:
        group.locked = True
        group.save(update_fields=["locked"])
    given = {criteria[pk].name_fi: [None, int(value)] for pk, value in values.items()}
    audit_record(actor=actor, action="score.save", target=target, changes=given)
    return saved
