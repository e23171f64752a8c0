from django.db import migrations

from mutua.core.search import fts_operations


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = fts_operations("exchange_request", "exchange_offer", "exchange_opportunity")
