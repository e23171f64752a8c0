"""Who may see and answer helpdesk questions, and who moderates discussions.

A helpdesk question is between the person who asked and the coordinators of
the country's region (and the secretariat); to anyone else it does not exist.
Discussions are public; a hidden post is seen by its author and the
moderators only.
"""

from mutua.core.access import visible_or_404
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.exchange import access as exchange

from .models import HelpdeskTicket
from .models import Post
from .models import Space
from .models import Thread


def handles(user: Actor, ticket: HelpdeskTicket) -> bool:
    """The coordinators of the ticket's country and the secretariat."""
    return directory.is_secretariat(user) or directory.coordinates(user, ticket.country)


def may_see_ticket(user: Actor, ticket: HelpdeskTicket) -> bool:
    if not user.is_authenticated:
        return False
    return ticket.asked_by_id == user.pk or handles(user, ticket)


def ticket_for_user(user: Actor, uuid) -> HelpdeskTicket:
    """The question, or 404 for one that is missing or not the user's to see."""
    tickets = HelpdeskTicket.objects.select_related(
        "country", "organization", "asked_by__profile", "request"
    )
    return visible_or_404(
        tickets, uuid, user=user, rule=may_see_ticket, missing="No such question."
    )


# Discussions ---------------------------------------------------------------------


def creates_space(user: Actor, region=None) -> bool:
    """The secretariat, any space; a coordinator, its own region's space."""
    if not user.is_authenticated:
        return False
    if directory.is_secretariat(user):
        return True
    return region is not None and region.pk in directory.coordinated_region_ids(user)


def _region_ids_of(thread: Thread) -> set[int]:
    """The regions whose coordinators moderate a thread: its space's region, or
    the regions of its request's or offer's country."""
    if thread.space_id is not None:
        region = thread.space.region_id
        return {region} if region else set()
    record = thread.request or thread.offer
    country = record.country
    return {
        r
        for r in (
            country.region_id,
            country.subregion_id,
            country.intermediate_region_id,
        )
        if r
    }


def moderates(user: Actor, thread: Thread) -> bool:
    """The secretariat everywhere; coordinators in their region's spaces and
    under the records of their region's countries."""
    if not user.is_authenticated:
        return False
    if directory.is_secretariat(user):
        return True
    return bool(_region_ids_of(thread) & directory.coordinated_region_ids(user))


def moderates_space(user: Actor, space: Space) -> bool:
    if not user.is_authenticated:
        return False
    if directory.is_secretariat(user):
        return True
    return space.region_id in directory.coordinated_region_ids(user)


def sees_post(user: Actor, post: Post) -> bool:
    """A hidden post: its author and the thread's moderators only."""
    if post.hidden_at is None:
        return True
    return (user.is_authenticated and post.author_id == user.pk) or moderates(
        user, post.thread
    )


def may_see_thread(user: Actor, thread: Thread) -> bool:
    """A record's questions are public while the record is."""
    if thread.request_id is not None:
        return exchange.may_view_request(user, thread.request)
    if thread.offer_id is not None:
        return exchange.may_view_listing(user, thread.offer)
    return True


def thread_for_user(user: Actor, uuid) -> Thread:
    threads = Thread.objects.select_related(
        "space", "request__country", "offer__country", "started_by__profile"
    )
    return visible_or_404(
        threads, uuid, user=user, rule=may_see_thread, missing="No such thread."
    )


def space_for_user(user: Actor, uuid) -> Space:
    spaces = Space.objects.select_related("region", "target")
    return visible_or_404(
        spaces, uuid, user=user, rule=lambda u, s: True, missing="No such space."
    )


def post_for_user(user: Actor, uuid) -> Post:
    posts = Post.objects.select_related(
        "thread__space", "thread__request__country", "thread__offer__country"
    )
    return visible_or_404(
        posts,
        uuid,
        user=user,
        rule=lambda u, p: may_see_thread(u, p.thread) and sees_post(u, p),
        missing="No such post.",
    )
