"""Where the action proposals written in a survey go when a response is submitted.

The proposals app builds on surveys (a proposal refers to the survey it came from), so surveys
does not import it: the proposals app registers the pool in its ``AppConfig.ready()``. The pool
is required; a submitted proposal is never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.associations.models import Association
    from kumppani.geography.models import Municipality
    from kumppani.surveys.models import Survey


@dataclass(frozen=True)
class SurveyProposal:
    municipality: Municipality
    survey: Survey
    text: str
    proposer_type: str
    proposer_name: str
    together: bool
    theme: Any  # kumppani.welfare Theme or None
    association: Association | None
    created_by: User | None


ProposalPool = Callable[[SurveyProposal], int]  # returns the pooled proposal's id
_pool: list[ProposalPool] = []


def register_proposal_pool(pool: ProposalPool) -> None:
    _pool[:] = [pool]


def proposal_pool_add(proposal: SurveyProposal) -> int:
    if not _pool:
        raise ImproperlyConfigured("No proposal pool is registered (kumppani.proposals).")
    return _pool[0](proposal)
