from django.db import migrations

BATCH = 1000


def add_country_codes(apps, schema_editor):
    """Notifications written before a country's code was kept beside its English
    name get the code, so that they too name the country in the reader's language
    (`texts.sentence`). A name no country bears any more stays as it is."""
    Notification = apps.get_model("notifications", "Notification")
    Country = apps.get_model("directory", "Country")
    codes = dict(Country.objects.values_list("name", "iso3"))
    older = Notification.objects.filter(values__has_key="country").exclude(
        values__has_key="country_iso3"
    )
    pks = list(older.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        named = []
        batch = Notification.objects.filter(pk__in=pks[start : start + BATCH])
        for notification in batch:
            iso3 = codes.get(notification.values["country"])
            if iso3:
                notification.values["country_iso3"] = iso3
                named.append(notification)
        Notification.objects.bulk_update(named, ["values"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_followed_offer"),
        ("directory", "0010_names_in_every_language"),
    ]

    operations = [
        migrations.RunPython(add_country_codes, migrations.RunPython.noop),
    ]
