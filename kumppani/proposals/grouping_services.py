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

from kumppani.accounts.audit import audit_record
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.grouping import cluster_documents, label_from_keywords
from kumppani.proposals.models import GroupingJob, JobStatus, Proposal, ProposalGroup
from kumppani.proposals.tasks import regroup_task

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
    groups: int  # groups made in this run (new ones and continuing ones)
    continued: int = 0  # of them, earlier groups that continue with the same id


def match_by_overlap(clusters: dict[int, list[int]], previous: dict[int, int]) -> dict[int, int]:
    """{cluster: old group id}: each old group continues as the cluster sharing most members.

    ``previous`` maps a proposal to its old group. Greedy one-to-one by overlap (largest
    first; ties to the smaller cluster label and old id), so a group's address survives a
    re-run as long as some of its proposals stay together.
    """
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for label, pks in clusters.items():
        for pk in pks:
            if pk in previous:
                overlap[(label, previous[pk])] += 1
    matched: dict[int, int] = {}
    used: set[int] = set()
    for (label, old), _count in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if label not in matched and old not in used:
            matched[label] = old
            used.add(old)
    return matched


@transaction.atomic
def proposals_regroup(*, municipality: Municipality) -> RegroupResult:
    """Re-run the automatic grouping of one municipality's proposals, per theme.

    Groups the working group kept (locked) stay as they are. The other groups are made again;
    a new group that shares members with an old one of the theme keeps the old one's id, so
    links to it keep working.
    """
    rows = list(
        Proposal.objects.filter(municipality=municipality).values_list(
            "pk", "theme_id", "lemmas", "text", "group_locked", "group_id", "group__locked"
        )
    )
    old_groups = dict(
        ProposalGroup.objects.filter(municipality=municipality, locked=False).values_list(
            "pk", "theme_id"
        )
    )
    free: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
    previous: dict[int | None, dict[int, int]] = defaultdict(dict)  # theme → {proposal: group}
    kept = 0
    for pk, theme_id, lemmas, text, group_locked, group_id, in_locked_group in rows:
        if group_locked or in_locked_group:
            kept += 1
            continue
        free[theme_id].append((pk, lemmas or lemma_document(text)))
        if group_id in old_groups and old_groups[group_id] == theme_id:
            previous[theme_id][pk] = group_id
    plans: list[tuple[int | None, list[str], list[int], int | None]] = []
    for theme_key, items in free.items():
        clustering = cluster_documents([doc for _pk, doc in items])
        clusters: dict[int, list[int]] = defaultdict(list)
        for (pk, _doc), label in zip(items, clustering.labels, strict=True):
            clusters[int(label)].append(pk)
        matched = match_by_overlap(clusters, previous[theme_key])
        for label, words in enumerate(clustering.keywords):
            plans.append((theme_key, words, clusters.get(label, []), matched.get(label)))
    continuing = {old for *_rest, old in plans if old is not None}
    ProposalGroup.objects.filter(pk__in=set(old_groups) - continuing).delete()
    made: list[tuple[ProposalGroup, list[int]]] = []
    for theme_key, words, pks, old in plans:
        group = ProposalGroup(
            pk=old,
            municipality=municipality,
            theme_id=theme_key,
            label=label_from_keywords(words)[:200],
            keywords=" ".join(words)[:300],
        )
        made.append((group, pks))
    ProposalGroup.objects.bulk_update(
        [g for g, _pks in made if g.pk is not None], ["label", "keywords"], batch_size=CHUNK
    )
    ProposalGroup.objects.bulk_create([g for g, _pks in made if g.pk is None])
    for group, pks in made:
        for start in range(0, len(pks), CHUNK):
            Proposal.objects.filter(pk__in=pks[start : start + CHUNK]).update(group_id=group.pk)
    return RegroupResult(
        proposals=sum(len(v) for v in free.values()),
        kept=kept,
        groups=len(plans),
        continued=len(continuing),
    )


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


@transaction.atomic
def grouping_job_start(*, municipality: Municipality, actor: User | None) -> GroupingJob:
    """Queue a re-run in the background (after commit); the job's status tells when it is done."""
    job = GroupingJob.objects.create(municipality=municipality, created_by=actor)
    transaction.on_commit(lambda: regroup_task.enqueue(job.pk))
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
def groups_merge(
    *, target: ProposalGroup, sources: Iterable[ProposalGroup], actor: User | None = None
) -> ProposalGroup:
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
    merged = ", ".join(s.label for s in sources)
    audit_record(actor=actor, action="proposal_group.merge", target=target, summary=merged)
    return target


def _label_for(proposals: list[Proposal]) -> str:
    clustering = cluster_documents(
        [p.lemmas or lemma_document(p.text) for p in proposals], threshold=2.0
    )
    return label_from_keywords(clustering.keywords[0] if clustering.keywords else [])


@transaction.atomic
def group_split(
    *,
    group: ProposalGroup,
    proposals: Iterable[Proposal],
    label: str = "",
    actor: User | None = None,
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
    audit_record(actor=actor, action="proposal_group.split", target=new, summary=group.label)
    return new


@transaction.atomic
def group_rename(*, group: ProposalGroup, label: str) -> ProposalGroup:
    group.label = label.strip()
    group.locked = True
    group.full_clean()
    group.save(update_fields=["label", "locked"])
    return group
