"""Association categories and languages of activity (fixed vocabularies)."""

from django.db import migrations

from kumppani.associations.reference import ensure_reference_data


def forwards(apps, schema_editor):
    ensure_reference_data(
        apps.get_model("associations", "Category"), apps.get_model("associations", "ActivityLanguage")
    )


class Migration(migrations.Migration):
    dependencies = [("associations", "0002_search_index")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
