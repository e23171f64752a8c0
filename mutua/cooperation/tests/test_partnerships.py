"""Partnerships: formed from matches or entered directly, their type and who edits."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from mutua.cooperation import access
from mutua.cooperation import services
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.directory.models import RoleAssignment
from mutua.matching import services as matching
from mutua.testing.builders import entered
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.personas import make_user

pytestmark = pytest.mark.django_db


def formed(people) -> Partnership:
    request, offer = published_request(people), published_offer(people)
    match = matching.match_propose(request=request, offer=offer, by=people.member)
    return matching.match_answer(
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
    partnership.refresh_from_db()
    assert partnership.cooperation_type == "south_south"
    assert partnership.country == people.malawi
    assert partnership.origin == "engine"
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Cooperation type: South-South" in body and people.university.name in body


def test_a_developed_funder_makes_it_triangular(people):
    partnership = entered(people)
    services.participant_add(
        partnership=partnership,
        by=people.member,
        role="funder",
        country=Country.objects.get(iso3="DEU"),
        name="A German foundation",
    )
    partnership.refresh_from_db()
    assert partnership.cooperation_type == "triangular"


def test_an_intergovernmental_provider_alone_gives_no_type(people):
    unep = Organization.objects.create(
        name="UN Environment Programme",
        country=Country.objects.get(iso3="KEN"),
        type="intergovernmental",
    )
    partnership = services.partnership_create(
        by=people.focal_point,
        title="Entered directly",
        started_on=dt.date(2026, 1, 1),
        participants=[
            {"role": "beneficiary", "country": people.malawi},
            {"role": "provider", "organization": unep},
        ],
    )
    assert partnership.cooperation_type == ""


def test_a_coordinating_centre_is_recorded_as_regional_coordination(people):
    centre = Organization.objects.create(
        name="Eastern Africa TSC centre",
        country=Country.objects.get(iso3="KEN"),
        type="regional_centre",
    )
    partnership = entered(
        people, {"role": "coordinating_centre", "organization": centre}
    )
    assert partnership.regionally_coordinated


def test_a_member_enters_a_partnership_directly_with_targets(people):
    target = GbfTarget.objects.get(number=20)
    partnership = entered(people, targets=[target], ended_on=dt.date(2027, 1, 1))
    assert partnership.origin == "direct"
    assert list(partnership.targets.all()) == [target]
    assert partnership.participants.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"ended_on": dt.date(2020, 1, 1)}, "ended_on"),
        ({"status": "dreaming"}, "status"),
    ],
)
def test_bad_partnership_fields_are_refused_by_name_and_nothing_is_written(
    people, change, field
):
    with pytest.raises(ValidationError) as refused:
        entered(people, **change)
    assert field in refused.value.message_dict
    assert not Partnership.objects.exists() and not Participant.objects.exists()


def test_a_partnership_needs_a_beneficiary_and_placed_participants(people):
    with pytest.raises(ValidationError) as refused:
        services.partnership_create(
            by=people.member,
            title="Alone",
            started_on=dt.date(2026, 1, 1),
            participants=[{"role": "provider", "organization": people.ngo}],
        )
    assert "beneficiary" in refused.value.message_dict["participants"][0]
    with pytest.raises(ValidationError) as refused:
        entered(people, {"role": "funder", "name": "Somebody"})
    assert "organization or a country" in refused.value.message_dict["participants"][0]
    assert not Partnership.objects.exists()


def test_an_outsider_may_not_enter_a_partnership_of_others(people):
    with pytest.raises(PermissionDenied):
        entered(people, by=people.outsider)
    assert not Partnership.objects.exists()


def test_who_may_edit_a_partnership(people):
    partnership = entered(people)
    elsewhere = make_user("elsewhere")
    RoleAssignment.objects.create(
        user=elsewhere, role="coordinator", region=Region.objects.get(code="419")
    )
    allowed = {
        name: access.may_edit(getattr(people, name), partnership)
        for name in (
            "member",
            "provider",
            "focal_point",
            "coordinator",
            "secretariat",
            "outsider",
        )
    }
    assert allowed == {
        "member": True,
        "provider": True,
        "focal_point": True,
        "coordinator": True,
        "secretariat": True,
        "outsider": False,
    }
    assert not access.may_edit(elsewhere, partnership)


def test_an_outsider_may_not_change_a_partnership_or_its_participants(people):
    partnership = entered(people)
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            partnership=partnership, by=people.outsider, title="Mine now"
        )
    with pytest.raises(PermissionDenied):
        services.participant_add(
            partnership=partnership,
            by=people.outsider,
            role="funder",
            country=people.south_africa,
        )
    partnership.refresh_from_db()
    assert partnership.title == "Wetland monitoring with drones"


def test_a_partnership_keeps_two_participants(people):
    partnership = entered(people)
    with pytest.raises(ValidationError):
        services.participant_remove(
            participant=partnership.participants.first(), by=people.member
        )
    assert partnership.participants.count() == 2
