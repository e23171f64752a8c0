"""What moderators do to posts and threads, each with its reason, logged.

The secretariat moderates everywhere; a region's coordinators moderate its
space and the questions on its countries' records (`access.moderates`).
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError

from ..access import moderates
from ..access import moderates_space
from ..models import ModerationStep
from ..models import Post
from ..models import Space
from ..models import Thread

Action = ModerationStep.Action


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason, for the record.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Keep the reason under 1,000 characters.")})
    return reason


def _locked(thread: Thread, by: User) -> Thread:
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("space", "request__country", "offer__country")
        .get(pk=thread.pk)
    )
    if not moderates(by, thread):
        raise PermissionDenied(_("Only this thread's moderators may do that."))
    return thread


@transaction.atomic
def post_hide(*, post: Post, by: User, reason: str, hidden: bool = True) -> Post:
    """Hide a post from all but its author and the moderators, or show it again."""
    reason = _reason(reason)
    thread = _locked(post.thread, by)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if (post.hidden_at is not None) == hidden:
        raise Conflict({"post": _("The post is so already.")})
    post.hidden_at = timezone.now() if hidden else None
    post.save(update_fields=["hidden_at", "updated_at"])
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + (-1 if hidden else 1)
    )
    if hidden:
        post.reports.filter(handled_at=None).update(handled_at=timezone.now())
    ModerationStep.objects.create(
        action=Action.HIDE if hidden else Action.SHOW,
        by=by,
        reason=reason,
        thread=thread,
        post=post,
    )
    return post


def _flag(thread: Thread, by: User, reason: str, field: str, on: bool, actions):
    reason = _reason(reason)
    thread = _locked(thread, by)
    if getattr(thread, field) == on:
        raise Conflict({field: _("The thread is so already.")})
    setattr(thread, field, on)
    thread.save(update_fields=[field, "updated_at"])
    ModerationStep.objects.create(
        action=actions[0] if on else actions[1], by=by, reason=reason, thread=thread
    )
    return thread


@transaction.atomic
def thread_lock(*, thread: Thread, by: User, reason: str, locked: bool = True):
    return _flag(thread, by, reason, "is_locked", locked, (Action.LOCK, Action.UNLOCK))


@transaction.atomic
def thread_pin(*, thread: Thread, by: User, reason: str, pinned: bool = True):
    return _flag(thread, by, reason, "is_pinned", pinned, (Action.PIN, Action.UNPIN))


@transaction.atomic
def thread_move(*, thread: Thread, by: User, reason: str, to: Space) -> Thread:
    """Move a space's thread to another space both ends of which `by` moderates."""
    reason = _reason(reason)
    thread = _locked(thread, by)
    if thread.space_id is None:
        raise Conflict({"space": _("A record's questions stay with the record.")})
    if not moderates_space(by, to):
        raise PermissionDenied(_("Move it to a space you moderate."))
    if to.pk == thread.space_id:
        raise Conflict({"space": _("The thread is in that space already.")})
    source = thread.space
    thread.space = to
    thread.save(update_fields=["space", "updated_at"])
    Space.objects.filter(pk=source.pk).update(thread_count=F("thread_count") - 1)
    Space.objects.filter(pk=to.pk).update(thread_count=F("thread_count") + 1)
    ModerationStep.objects.create(
        action=Action.MOVE, by=by, reason=reason, thread=thread, from_space=source
    )
    return thread
