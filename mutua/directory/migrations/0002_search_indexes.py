from django.db import migrations

from mutua.core.search import fts_operations


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = fts_operations("directory_organization")
