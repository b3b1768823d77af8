"""The database refuses a double booking on PostgreSQL (btree_gist exclusion constraint over the
blocks of the space tree; see ``kumppani.premises.models.booking``). SQLite serialises writes
instead (every transaction begins IMMEDIATE) and the booking service checks inside it."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "premises_no_double_booking"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE premises_bookingblock ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(space_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&, own WITH <>)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE premises_bookingblock DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("premises", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
