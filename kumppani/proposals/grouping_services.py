"""Writes for grouping: the automatic re-run and the working group's manual edits.

Manual edits (moving a proposal, merging, splitting, renaming, scoring or deciding a group) lock
what they touch: a locked group keeps its label and members, a proposal placed by hand stays
where it was put. The automatic run regroups only the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.grouping import cluster_documents, label_from_keywords
from kumppani.proposals.models import GroupingJob, JobStatus, Proposal, ProposalGroup

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.geography.models import Municipality

CHUNK = 900
# Up to this many proposals the grouping runs within the request (about a second); above it,
# in the background.
SYNC_LIMIT = 5000


@dataclass(frozen=True)
class RegroupResult:
    proposals: int  # proposals grouped automatically in this run
    kept: int  # proposals kept where the working group put them
    groups: int  # groups created in this run


@transaction.atomic
def proposals_regroup(*, municipality: Municipality) -> RegroupResult:
    """Re-run the automatic grouping of one municipality's proposals, per theme."""
    rows = list(
        Proposal.objects.filter(municipality=municipality).values_list(
            "pk", "theme_id", "lemmas", "text", "group_locked", "group__locked"
        )
    )
    free: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
    kept = 0
    for pk, theme_id, lemmas, text, group_locked, in_locked_group in rows:
        if group_locked or in_locked_group:
            kept += 1
        else:
            free[theme_id].append((pk, lemmas or lemma_document(text)))
    ProposalGroup.objects.filter(municipality=municipality, locked=False).delete()
    created = 0
    for theme_key, items in free.items():
        clustering = cluster_documents([doc for _pk, doc in items])
        groups = ProposalGroup.objects.bulk_create(
            ProposalGroup(
                municipality=municipality,
                theme_id=theme_key,
                label=label_from_keywords(words)[:200],
                keywords=" ".join(words)[:300],
            )
            for words in clustering.keywords
        )
        members: dict[int, list[int]] = defaultdict(list)
        for (pk, _doc), label in zip(items, clustering.labels, strict=True):
            members[int(label)].append(pk)
        for label, pks in members.items():
            for start in range(0, len(pks), CHUNK):
                Proposal.objects.filter(pk__in=pks[start : start + CHUNK]).update(
                    group_id=groups[label].pk
                )
        created += len(groups)
    return RegroupResult(proposals=sum(len(v) for v in free.values()), kept=kept, groups=created)


def grouping_job_run(*, job: GroupingJob) -> GroupingJob:
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    try:
        result = proposals_regroup(municipality=job.municipality)
    except Exception as error:  # recorded for the job URL, then re-raised for the worker's log
        job.status, job.error, job.finished_at = JobStatus.FAILED, str(error)[:2000], timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    job.status, job.finished_at = JobStatus.DONE, timezone.now()
    job.proposal_count, job.group_count = result.proposals + result.kept, result.groups
    job.save(update_fields=["status", "finished_at", "proposal_count", "group_count"])
    return job


def grouping_job_start(*, municipality: Municipality, actor: User | None) -> GroupingJob:
    """Queue a re-run in the background; the job's status tells when it is done."""
    from kumppani.proposals.tasks import regroup_task

    job = GroupingJob.objects.create(municipality=municipality, created_by=actor)
    regroup_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _same_municipality(group: ProposalGroup, proposals: Iterable[Proposal]) -> None:
    if any(p.municipality_id != group.municipality_id for p in proposals):
        raise ValidationError(_("Proposals and groups must belong to the same municipality."))


@transaction.atomic
def proposal_move(*, proposal: Proposal, group: ProposalGroup | None) -> Proposal:
    """Move a proposal to another group (or out of any group); it stays there on re-runs."""
    if group is not None:
        _same_municipality(group, [proposal])
        if not group.locked:
            group.locked = True
            group.save(update_fields=["locked"])
    proposal.group = group
    proposal.group_locked = True
    proposal.save(update_fields=["group", "group_locked"])
    return proposal


@transaction.atomic
def groups_merge(*, target: ProposalGroup, sources: Iterable[ProposalGroup]) -> ProposalGroup:
    """Move the members of ``sources`` into ``target``; the emptied groups are removed."""
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        raise ValidationError(_("Choose at least one other group to merge."))
    if any(s.municipality_id != target.municipality_id for s in sources):
        raise ValidationError(_("Groups of different municipalities cannot be merged."))
    if any(s.decision for s in sources):
        raise ValidationError(_("A group that has a decision cannot be merged into another."))
    source_ids = [s.pk for s in sources]
    Proposal.objects.filter(group_id__in=source_ids).update(group=target, group_locked=True)
    Proposal.objects.filter(merged_into_group_id__in=source_ids).update(merged_into_group=target)
    ProposalGroup.objects.filter(pk__in=source_ids).delete()
    target.locked = True
    target.save(update_fields=["locked"])
    return target


def _label_for(proposals: list[Proposal]) -> str:
    clustering = cluster_documents(
        [p.lemmas or lemma_document(p.text) for p in proposals], threshold=2.0
    )
    return label_from_keywords(clustering.keywords[0] if clustering.keywords else [])


@transaction.atomic
def group_split(
    *, group: ProposalGroup, proposals: Iterable[Proposal], label: str = ""
) -> ProposalGroup:
    """Take some proposals out of a group into a new group of their own."""
    chosen = [p for p in proposals if p.group_id == group.pk]
    if not chosen:
        raise ValidationError(_("Choose the proposals to move into the new group."))
    if len(chosen) == group.proposals.count():
        raise ValidationError(_("Leave at least one proposal in the original group."))
    new = ProposalGroup(
        municipality=group.municipality,
        theme=group.theme,
        label=(label.strip() or _label_for(chosen))[:200],
        locked=True,
    )
    new.full_clean()
    new.save()
    Proposal.objects.filter(pk__in=[p.pk for p in chosen]).update(group=new, group_locked=True)
    group.locked = True
    group.save(update_fields=["locked"])
    return new


@transaction.atomic
def group_rename(*, group: ProposalGroup, label: str) -> ProposalGroup:
    group.label = label.strip()
    group.locked = True
    group.full_clean()
    group.save(update_fields=["label", "locked"])
    return group
