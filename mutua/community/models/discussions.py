"""Discussion spaces: communities of practice by theme and by region, their
threads and posts, and each request's and offer's public questions.

A thread lives in a space, or under one request or offer (its questions and
answers). Posts are Markdown (`core.markdown`). What moderators do is kept as
`ModerationStep`s, each with its reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.directory.models import GbfTarget
from mutua.directory.models import Region
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

POST_LENGTH = 10_000


class Space(PublicRecord):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        REGION = "region", _("Region")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    # A regional space's region (one each); a theme's GBF target, if any.
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        GbfTarget, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind="region"),
                name="one_space_a_region",
            ),
            models.CheckConstraint(
                name="a_region_space_has_its_region",
                condition=Q(kind="theme", region__isnull=True)
                | Q(kind="region", region__isnull=False, target__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Thread(PublicRecord):
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.PROTECT, related_name="threads"
    )
    # Or the public questions of one request or offer.
    request = models.OneToOneField(
        Request,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )
    offer = models.OneToOneField(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    # Kept by the services: the visible posts, and when the last was written.
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["space", "-is_pinned", "-last_post_at", "-id"],
                name="thread_in_space_order",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="a_thread_has_one_home",
                condition=Q(
                    space__isnull=False, request__isnull=True, offer__isnull=True
                )
                | Q(space__isnull=True, request__isnull=False, offer__isnull=True)
                | Q(space__isnull=True, request__isnull=True, offer__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Post(PublicRecord):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=POST_LENGTH)
    quoting = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="post_in_thread")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Follow(models.Model):
    """A user hears of new threads of a space, or new posts of a thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "space"], name="follow_space_once"),
            models.UniqueConstraint(
                fields=["user", "thread"], name="follow_thread_once"
            ),
            models.CheckConstraint(
                name="follow_one_thing",
                condition=Q(space__isnull=False, thread__isnull=True)
                | Q(space__isnull=True, thread__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.space_id or self.thread_id}"


class Report(models.Model):
    """A member tells the moderators that a post breaks the rules."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], name="report_a_post_once"
            )
        ]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}"


class ModerationStep(models.Model):
    """What a moderator did, to which post or thread, and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        SHOW = "show", _("Shown again")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")
        MOVE = "move", _("Moved")

    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(max_length=1000)
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="moderation"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    from_space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.thread_id} ({self.reason[:40]})"
