# The import jobs became the importing app's; their table stays as it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('exchange', '0008_import_job'),
        ('importing', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ImportJob',
                ),
            ],
            database_operations=[],
        ),
    ]
