# The import jobs' table was made by exchange's 0008_import_job and keeps its
# name: this only tells Django that the model is now this app's.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('exchange', '0008_import_job'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('filename', models.CharField(blank=True, max_length=255)),
                        ('kind', models.CharField(blank=True, max_length=20)),
                        ('publish', models.BooleanField(default=False)),
                        ('data', models.BinaryField(blank=True)),
                        ('status', models.CharField(choices=[('queued', 'Waiting to start'), ('checking', 'Checking every row'), ('writing', 'Writing'), ('done', 'Imported'), ('failed', 'Not imported')], default='queued', max_length=10)),
                        ('rows_done', models.PositiveIntegerField(default=0)),
                        ('rows_total', models.PositiveIntegerField(default=0)),
                        ('result', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_jobs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'exchange_importjob',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
