"""Each activity gets a uuid (those recorded before get a new one each) and the
account that recorded it."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations
from django.db import models


def give_each_a_uuid(apps, schema_editor):
    Activity = apps.get_model("cooperation", "Activity")
    for activity in Activity.objects.filter(uuid__isnull=True).only("pk"):
        Activity.objects.filter(pk=activity.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0007_attendance_reason"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_a_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="activity",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
