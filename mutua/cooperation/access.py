"""Who may change a partnership and the records under it."""

from mutua.directory import access
from mutua.directory.access import Actor

from .models import Participant
from .models import Partnership


def may_edit(user: Actor, partnership: Partnership) -> bool:
    """Its participants, the coordinators of their regions, and the secretariat.

    A participant is a member of a participating organization, or a national focal
    point of a participating organization's or participant's country.
    """
    participants = partnership.participants.select_related(
        "organization__country", "country"
    )
    return may_edit_with(user, list(participants))


def may_edit_with(user: Actor, participants: list[Participant]) -> bool:
    """Whether these participants, saved or about to be, make the user an editor."""
    if not user.is_authenticated:
        return False
    return access.is_secretariat(user) or any(
        _takes_part(user, p)
        or (p.place is not None and access.coordinates(user, p.place))
        for p in participants
    )


def _takes_part(user: Actor, participant: Participant) -> bool:
    place = participant.place
    return access.is_member(user, participant.organization) or (
        place is not None and access.is_focal_point_for(user, place)
    )
