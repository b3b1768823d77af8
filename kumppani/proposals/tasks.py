"""Background work: re-running the grouping of a municipality's proposals."""

from __future__ import annotations

from django_tasks import task

from kumppani.proposals.models import GroupingJob


@task()
def regroup_task(job_id: int) -> None:
    from kumppani.proposals.grouping_services import grouping_job_run

    job = GroupingJob.objects.select_related("municipality").filter(pk=job_id).first()
    if job is not None:
        grouping_job_run(job=job)
