"""The Akwé: Kon question becomes an answer: yes, no or not known.

A request that said "yes" keeps "yes". "No" was also what every request got
when nobody answered, so it is not taken for an answer: a draft goes back to
unanswered (its author answers when submitting), and a request past the draft
says "not known" until someone who knows edits it.
"""

from django.db import migrations, models

from mutua.core.search import fts_keep_triggers


def to_answers(apps, schema_editor):
    Request = apps.get_model("exchange", "Request")
    Request.objects.filter(touches_iplc_lands_said=True).update(
        touches_iplc_lands="yes"
    )
    Request.objects.filter(touches_iplc_lands_said=False).exclude(
        status="draft"
    ).update(touches_iplc_lands="unknown")


def to_booleans(apps, schema_editor):
    Request = apps.get_model("exchange", "Request")
    Request.objects.filter(touches_iplc_lands="yes").update(
        touches_iplc_lands_said=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0003_list_order_and_indexes"),
    ]

    operations = [
        fts_keep_triggers("exchange_request"),
        migrations.RenameField(
            model_name="request",
            old_name="touches_iplc_lands",
            new_name="touches_iplc_lands_said",
        ),
        migrations.AddField(
            model_name="request",
            name="touches_iplc_lands",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
                max_length=7,
                verbose_name=(
                    "touches sacred sites or lands and waters traditionally "
                    "occupied by IPLCs"
                ),
            ),
        ),
        migrations.RunPython(to_answers, to_booleans),
        migrations.RemoveField(model_name="request", name="touches_iplc_lands_said"),
        fts_keep_triggers("exchange_request"),
    ]
