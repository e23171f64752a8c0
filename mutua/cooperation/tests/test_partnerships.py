"""Partnerships formed from matches: their participants and cooperation type."""

import pytest

from mutua.cooperation.models import Participant, Partnership
from mutua.cooperation.types import CooperationType
from mutua.directory.models import Country, Organization
from mutua.matching import services
from mutua.matching.tests.records import published_offer, published_request

pytestmark = pytest.mark.django_db


def formed(people) -> Partnership:
    request, offer = published_request(people), published_offer(people)
    match = services.match_propose(request=request, offer=offer, by=people.member)
    return services.match_answer(
        match=match, by=people.provider, accept=True
    ).partnership


def test_a_partnership_from_a_match_records_both_sides_and_is_south_south(
    client, people
):
    partnership = formed(people)
    roles = {
        (p.role, p.organization, p.country.iso3) for p in partnership.participants.all()
    }
    assert roles == {
        ("beneficiary", people.ngo, "MWI"),
        ("provider", people.university, "ZAF"),
    }
    assert partnership.cooperation_type == CooperationType.SOUTH_SOUTH
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Cooperation type: South-South" in body and people.university.name in body


def test_a_developed_funder_makes_it_triangular_and_an_igo_facilitates(people):
    partnership = formed(people)
    Participant.objects.create(
        partnership=partnership,
        role="funder",
        country=Country.objects.get(iso3="DEU"),
        name="A German foundation",
    )
    assert partnership.cooperation_type == CooperationType.TRIANGULAR


def test_an_intergovernmental_provider_alone_gives_no_type(people):
    unep = Organization.objects.create(
        name="UN Environment Programme",
        country=Country.objects.get(iso3="KEN"),
        type="intergovernmental",
    )
    partnership = Partnership.objects.create(
        title="Entered directly", origin="direct", started_on="2026-01-01"
    )
    Participant.objects.create(
        partnership=partnership, role="beneficiary", country=people.malawi
    )
    Participant.objects.create(
        partnership=partnership, role="provider", organization=unep
    )
    assert partnership.cooperation_type is None
