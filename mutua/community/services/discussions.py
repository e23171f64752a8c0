"""Writes of discussions: spaces, threads, posts, questions on a record,
following and reporting.

Posts are refused when empty or too long, in a locked thread, and past a
few an hour for an account less than a week old. Whoever writes in a thread
follows it; its followers, and the people behind a record its questions are
about, are told of each new post.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TooMany
from mutua.core.errors import ValidationError
from mutua.core.text import index_text
from mutua.core.text import written
from mutua.directory.models import GbfTarget
from mutua.directory.models import Region
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.matching.selectors.matches import provider_people
from mutua.matching.selectors.matches import requester_people
from mutua.notifications.models import Kind
from mutua.notifications.services import notify

from ..access import creates_space
from ..access import may_see_thread
from ..models import Follow
from ..models import Post
from ..models import Report
from ..models import Space
from ..models import Thread
from ..models.discussions import POST_LENGTH

NEW_ACCOUNT = dt.timedelta(days=7)
NEW_ACCOUNT_POSTS_AN_HOUR = 5


def _check_rate(by: User, now: dt.datetime) -> None:
    """An account less than a week old posts a few times an hour at most."""
    if by.date_joined < now - NEW_ACCOUNT:
        return
    hour_ago = now - dt.timedelta(hours=1)
    recent = list(
        Post.objects.filter(author=by, created_at__gte=hour_ago)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:NEW_ACCOUNT_POSTS_AN_HOUR]
    )
    if len(recent) >= NEW_ACCOUNT_POSTS_AN_HOUR:
        wait = recent[0] + dt.timedelta(hours=1) - now
        raise TooMany(
            {
                "text": _(
                    "A new account writes at most %(count)s posts an hour: "
                    "try again in %(minutes)s minutes."
                )
                % {
                    "count": NEW_ACCOUNT_POSTS_AN_HOUR,
                    "minutes": max(1, int(wait.total_seconds() // 60) + 1),
                }
            }
        )


@transaction.atomic
def space_create(
    *,
    by: User,
    kind: str,
    title: str,
    description: str = "",
    region: Region | None = None,
    target: GbfTarget | None = None,
) -> Space:
    if kind not in Space.Kind.values:
        raise ValidationError({"kind": _("Choose a theme or a region.")})
    if kind == Space.Kind.REGION and region is None:
        raise ValidationError({"region": _("Name the region of the space.")})
    if kind == Space.Kind.THEME:
        region = None
    else:
        target = None
    if not creates_space(by, region):
        raise PermissionDenied(
            _(
                "The secretariat, and a region's coordinators for their region, create spaces."
            )
        )
    space = Space(
        kind=kind,
        title=written(
            title, field="title", most=200, if_empty=_("Give the space a title.")
        ),
        description=(description or "").strip(),
        region=region,
        target=target,
        created_by=by,
    )
    # The one space a region may have is the database's to check, below.
    space.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            space.save()
    except IntegrityError as error:
        raise Conflict({"region": _("This region has its space already.")}) from error
    return space


def _write(thread: Thread, by: User, text: str, quoting: Post | None) -> Post:
    now = timezone.now()
    _check_rate(by, now)
    if quoting is not None and quoting.thread_id != thread.pk:
        raise ValidationError({"quoting": _("Quote a post of the same thread.")})
    first = thread.post_count == 0
    post = Post(
        thread=thread,
        author=by,
        text=written(
            text, field="text", most=POST_LENGTH, if_empty=_("Write something first.")
        ),
        quoting=quoting,
    )
    post.search_text = index_text(thread.title if first else "", post.text)
    post.save()
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=now
    )
    Follow.objects.get_or_create(user=by, thread=thread)
    return post


@transaction.atomic
def thread_start(*, space: Space, by: User, title: str, text: str) -> Thread:
    """A new thread in a space, with its first post; the space's followers are told."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to write."))
    thread = Thread.objects.create(
        space=space,
        title=written(
            title, field="title", most=200, if_empty=_("Give the thread a title.")
        ),
        started_by=by,
    )
    _write(thread, by, text, None)
    Space.objects.filter(pk=space.pk).update(thread_count=F("thread_count") + 1)
    followers = Follow.objects.filter(space=space).values_list("user", flat=True)
    notify(
        recipients=User.objects.filter(pk__in=followers),
        kind=Kind.THREAD_REPLY,
        key=f"thread:{thread.uuid}:started",
        sentence=gettext_noop("A new thread in “%(space)s”: “%(title)s”."),
        values={"space": space.title, "title": thread.title},
        url=thread_url(thread),
        but=by,
    )
    thread.refresh_from_db()
    return thread


@transaction.atomic
def post_reply(
    *, thread: Thread, by: User, text: str, quoting: Post | None = None
) -> Post:
    """A post in a thread; its followers (and a record's people) are told."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to write."))
    thread = Thread.objects.select_for_update(of=("self",)).get(pk=thread.pk)
    if not may_see_thread(by, thread):
        raise PermissionDenied(_("This thread is not open to you."))
    if thread.is_locked:
        raise Conflict({"text": _("This thread is locked: no more posts.")})
    post = _write(thread, by, text, quoting)
    _tell_of_post(thread, post)
    return post


def record_thread(record: Request | Offer) -> Thread:
    """A request's or offer's questions, the thread made when first asked."""
    field = "request" if isinstance(record, Request) else "offer"
    thread, _created = Thread.objects.get_or_create(
        **{field: record}, defaults={"title": record.title}
    )
    return thread


@transaction.atomic
def record_ask(*, record: Request | Offer, by: User, text: str) -> Post:
    """A public question (or answer) on a request or an offer."""
    return post_reply(thread=record_thread(record), by=by, text=text)


def thread_url(thread: Thread) -> str:
    return reverse("community:thread", args=[thread.uuid])


def _tell_of_post(thread: Thread, post: Post) -> None:
    followers = Follow.objects.filter(thread=thread).values_list("user", flat=True)
    recipients = set(User.objects.filter(pk__in=followers))
    if thread.request_id is not None:
        recipients |= set(requester_people(thread.request))
    elif thread.offer_id is not None:
        recipients |= set(provider_people(thread.offer))
    notify(
        recipients=recipients,
        kind=Kind.THREAD_REPLY,
        key=f"post:{post.uuid}",
        sentence=gettext_noop("A new post in “%(title)s”."),
        values={"title": thread.title},
        url=thread_url(thread) + f"#post-{post.uuid}",
        but=post.author,
    )


def follow_set(
    *, by: User, on: bool, space: Space | None = None, thread: Thread | None = None
) -> None:
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to follow."))
    what = {"space": space} if space is not None else {"thread": thread}
    if on:
        Follow.objects.get_or_create(user=by, **what)
    else:
        Follow.objects.filter(user=by, **what).delete()


@transaction.atomic
def post_report(*, post: Post, by: User, reason: str) -> Report:
    """Tell the moderators a post breaks the rules; once a person a post."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to report a post."))
    reason = written(
        reason,
        field="reason",
        most=1000,
        if_empty=_("Say what is wrong with the post."),
    )
    report, created = Report.objects.get_or_create(
        post=post, reporter=by, defaults={"reason": reason}
    )
    if not created:
        raise Conflict({"post": _("You have reported this post already.")})
    return report
