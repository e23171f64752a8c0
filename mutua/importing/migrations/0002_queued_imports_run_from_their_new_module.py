# Imports queued before bulk import became its own app name the job by the module
# it had then: they name the one it has now, so that the worker still finds it.

from django.db import migrations

OLD = "mutua.exchange.import_jobs.run_import"
NEW = "mutua.importing.jobs.run_import"


def rename(apps, schema_editor, old=OLD, new=NEW):
    jobs = apps.get_model("django_tasks_database", "DBTaskResult")
    jobs.objects.filter(task_path=old).update(task_path=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("importing", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
