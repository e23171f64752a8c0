from django.db import migrations

from mutua.core.search import fts_store_vectors


class Migration(migrations.Migration):
    dependencies = [("exchange", "0006_offer_serves_as_limit_or_preference")]

    operations = [
        fts_store_vectors("exchange_request", "exchange_offer", "exchange_opportunity")
    ]
