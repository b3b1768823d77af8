from django.db import migrations, models


def titles_from_goals(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing plans get the first line of their goal as a title (cut at 80 characters)."""
    CooperationPlan = apps.get_model("forums", "CooperationPlan")
    for plan in CooperationPlan.objects.all():
        first = (plan.goal.strip().splitlines() or [""])[0]
        plan.title = (first[:77] + "…") if len(first) > 80 else (first or f"#{plan.pk}")
        plan.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [("forums", "0002_walk_ins")]

    operations = [
        migrations.AddField(
            model_name="cooperationplan",
            name="title",
            field=models.CharField(default="", max_length=200, verbose_name="title"),
            preserve_default=False,
        ),
        migrations.RunPython(titles_from_goals, migrations.RunPython.noop),
    ]
