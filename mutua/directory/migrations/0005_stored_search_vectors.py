from django.db import migrations

from mutua.core.search import fts_store_vectors


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_country_languages")]

    operations = [fts_store_vectors("directory_organization")]
