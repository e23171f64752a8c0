"""Who may see and run calls.

The secretariat runs every call; a coordinator runs the calls of the region it
coordinates and of the regions within it. A call is public once it leaves its
draft; a draft exists only for those who may run it.
"""

from mutua.core.access import visible_or_404
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import Region

from .models import Call


def _with_parents(region: Region) -> set[int]:
    ids = set()
    while region is not None:
        ids.add(region.pk)
        region = region.parent
    return ids


def runs_calls(user: Actor) -> bool:
    """The secretariat and every coordinator: they may draft calls."""
    return directory.is_secretariat(user) or bool(
        directory.coordinated_region_ids(user)
    )


def may_run_calls_for(user: Actor, region: Region | None) -> bool:
    """Create and run a call of this scope (None: a global call)."""
    if directory.is_secretariat(user):
        return True
    if region is None:
        return False
    return bool(directory.coordinated_region_ids(user) & _with_parents(region))


def may_run_call(user: Actor, call: Call) -> bool:
    return may_run_calls_for(user, call.region)


def may_see_call(user: Actor, call: Call) -> bool:
    return call.status != Call.Status.DRAFT or may_run_call(user, call)


def call_for_user(user: Actor, uuid) -> Call:
    """The call, or 404 for one that is missing or a draft not the user's to run."""
    calls = Call.objects.select_related("region__parent__parent")
    return visible_or_404(
        calls, uuid, user=user, rule=may_see_call, missing="No such call."
    )
