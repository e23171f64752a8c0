"""Reads of discussions: the spaces, a space's threads, a thread's posts as
its reader may see them, search across all of them, and moderators' work."""

from django.db.models import Q
from django.db.models import QuerySet

from mutua.core.search import search
from mutua.directory import access as directory
from mutua.directory.selectors import country_in
from mutua.exchange.lifecycle import PUBLIC_REQUEST_STATUSES
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..access import moderates
from ..models import Follow
from ..models import ModerationStep
from ..models import Post
from ..models import Report
from ..models import Space
from ..models import Thread

# Threads any visitor may read: a space's, or those of records the public sees.
PUBLIC_THREADS = (
    Q(space__isnull=False)
    | Q(request__status__in=PUBLIC_REQUEST_STATUSES)
    | ~Q(offer__status=Offer.Status.DRAFT) & Q(offer__isnull=False)
)


def spaces() -> QuerySet[Space]:
    return Space.objects.select_related("region", "target")


def threads_of(space: Space) -> QuerySet[Thread]:
    """Pinned threads first, then the latest written to."""
    return (
        Thread.objects.filter(space=space)
        .select_related("started_by__profile")
        .order_by("-is_pinned", "-last_post_at", "-id")
    )


def posts_of(thread: Thread, user) -> QuerySet[Post]:
    """The posts in order; hidden ones only for the moderators and their author."""
    posts = Post.objects.filter(thread=thread).select_related(
        "author__profile", "quoting__author__profile"
    )
    if not moderates(user, thread):
        shown = Q(hidden_at=None)
        if user.is_authenticated:
            shown |= Q(author=user)
        posts = posts.filter(shown)
    return posts.order_by("created_at", "id")


def has_hidden_posts(user, thread: Thread) -> bool:
    """Whether the user wrote posts of the thread that are hidden (it sees them)."""
    return (
        user.is_authenticated
        and thread.posts.filter(author=user, hidden_at__isnull=False).exists()
    )


def questions_of_record(record: Request | Offer) -> Thread | None:
    field = "request" if isinstance(record, Request) else "offer"
    return Thread.objects.filter(**{field: record}).first()


def search_posts(query: str) -> QuerySet[Post]:
    """Visible posts of public threads matching every word, best first."""
    threads = Thread.objects.filter(PUBLIC_THREADS).values("pk")
    posts = Post.objects.filter(hidden_at=None, thread__in=threads).select_related(
        "thread__space", "author__profile"
    )
    return search(posts, query, rank=True)


def follows(user, *, space: Space | None = None, thread: Thread | None = None) -> bool:
    if not user.is_authenticated:
        return False
    what = {"space": space} if space is not None else {"thread": thread}
    return Follow.objects.filter(user=user, **what).exists()


def open_reports(user) -> QuerySet[Report]:
    """Reports nobody has handled, of the posts the user moderates."""
    reports = Report.objects.filter(handled_at=None).select_related(
        "post__thread__space", "post__author__profile", "reporter__profile"
    )
    if directory.is_secretariat(user):
        return reports
    regions = directory.coordinated_region_ids(user)
    return reports.filter(
        Q(post__thread__space__region__in=regions)
        | country_in(regions, "post__thread__request__country")
        | country_in(regions, "post__thread__offer__country")
    )


def moderation_of(thread: Thread) -> QuerySet[ModerationStep]:
    return ModerationStep.objects.filter(thread=thread).select_related(
        "by__profile", "post", "from_space"
    )
