import pytest

from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.builders import suggested_pair


@pytest.fixture
def suggested(people, reference):
    """A published request and offer, the offer suggested for the request."""
    return suggested_pair(people)


@pytest.fixture
def pair(people):
    return published_request(people), published_offer(people)
