import pytest

from mutua.testing.builders import suggested_pair


@pytest.fixture
def suggested(people, reference):
    """A published request and offer, the offer suggested for the request."""
    return suggested_pair(people)
