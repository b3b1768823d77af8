"""Proposals pooled from anonymous surveys keep nothing that identifies who answered."""

from django.db import migrations


def forget_respondents(apps, schema_editor):  # type: ignore[no-untyped-def]
    Proposal = apps.get_model("proposals", "Proposal")
    Proposal.objects.filter(survey__anonymous=True).update(
        proposer_name="", association=None, created_by=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_criterion_scale"),
        ("surveys", "0001_initial"),
    ]

    operations = [migrations.RunPython(forget_respondents, migrations.RunPython.noop)]
