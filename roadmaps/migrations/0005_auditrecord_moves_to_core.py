# The audit trail moved to `core`; its table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("roadmaps", "0004_order_ordering"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditRecord")],
            database_operations=[],
        ),
    ]
