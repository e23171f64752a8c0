"""Settings of every test; the personas and reference data come from
`mutua.testing.personas`, the fixture of migrations' tests from
`mutua.testing.schema`. With `--no-migrations` (the fast suite on SQLite) the
schema is built from the models, see `mutua.testing.schema`."""

import pytest
from django.core.cache import caches
from django.utils import translation

from mutua.directory.reference import load_reference
from mutua.testing.http import forget_cached
from mutua.testing.personas import REFERENCE_DAY
from mutua.testing.personas import people
from mutua.testing.personas import reference
from mutua.testing.schema import add_search_indexes
from mutua.testing.schema import latest_schema_after

__all__ = ["latest_schema_after", "people", "reference"]


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if request.config.getvalue("nomigrations"):
            add_search_indexes()
        load_reference(today=REFERENCE_DAY)


@pytest.fixture(autouse=True)
def fast_sign_up(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNUP_ANSWER_MS = 0


@pytest.fixture(scope="session")
def uploads_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(autouse=True)
def uploads_kept_apart(settings, uploads_folder):
    """Files the tests upload go to a folder of the run, never the user's."""
    settings.MEDIA_ROOT = uploads_folder


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Each test starts with no remembered counts and, when it may use the database
    (where the default cache keeps them), no log-in attempts."""
    if request.node.get_closest_marker("django_db"):
        forget_cached()
    else:
        caches["facets"].clear()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English, whatever language an earlier page switched to."""
    translation.activate("en")
    yield
    translation.deactivate()
