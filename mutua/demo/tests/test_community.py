"""The demo's discussions: a space for each region with a support centre,
three theme spaces with threads, a question on a request, built once."""

import pytest
from django.contrib.auth.models import User

from mutua.community.models import Post
from mutua.community.models import Space
from mutua.community.models import Thread
from mutua.demo.calls import calls_demo_create
from mutua.demo.community import discussions_demo_create
from mutua.demo.people import PREFIX
from mutua.directory.models import Region
from mutua.testing.builders import published_request

pytestmark = pytest.mark.django_db


def test_each_centres_region_has_its_space_and_themes_have_threads(people):
    for role in ("member", "provider"):
        User.objects.create(username=f"{PREFIX}{role}", email=f"{role}@demo.example")
    calls_demo_create(seed=1, secretariat=people.secretariat)
    request = published_request(people)
    created = discussions_demo_create(secretariat=people.secretariat)
    centres = Region.objects.filter(centre__isnull=False)
    assert centres.exists()
    assert set(
        Space.objects.filter(kind="region").values_list("region", flat=True)
    ) == set(centres.values_list("pk", flat=True))
    assert Space.objects.filter(kind="theme").count() == 3
    assert created == {"spaces": centres.count() + 3, "threads": 2}
    assert Thread.objects.filter(space__isnull=False).count() == 2
    assert Post.objects.filter(thread__request=request).count() == 1
    assert discussions_demo_create(secretariat=people.secretariat) == {}
