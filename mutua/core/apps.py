from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(*, using: str, **kwargs) -> None:
    """Make the database cache's table, if that cache is configured and it is missing.

    Every server process counts failed log-ins there; `mutua migrate` (and so each
    test database) makes it, whenever the cache settings change too.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "mutua.core"
    label = "core"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self)
