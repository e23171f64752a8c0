"""API shapes of discussions."""

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema

from mutua.core.markdown import render_markdown
from mutua.core.schemas import StrictIn
from mutua.core.schemas import required_when
from mutua.core.schemas import said
from mutua.directory.schemas import M49

from .models import Post
from .models import Space
from .models import Thread
from .models.discussions import POST_LENGTH


class SpaceIn(StrictIn):
    kind: Literal[tuple(Space.Kind.values)]
    title: said(200)
    description: str = Field("", max_length=2000)
    region: M49 | None = Field(None, description="A region space's region.")
    target: int | None = Field(None, ge=1, le=23, description="GBF target number.")

    model_config = required_when("kind", ["region"], region={"not": {"type": "null"}})


class SpaceOut(Schema):
    uuid: UUID
    kind: str
    title: str
    description: str
    region: str | None = Field(..., description="M49 code.")
    target: int | None
    thread_count: int

    @staticmethod
    def resolve_region(obj: Space) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_target(obj: Space) -> int | None:
        return obj.target.number if obj.target_id else None


def _name(user) -> str | None:
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    return (profile and profile.display_name) or user.get_full_name() or user.username


class ThreadIn(StrictIn):
    title: said(200)
    text: said(POST_LENGTH) = Field(..., description="Markdown: the first post.")


class ThreadOut(Schema):
    uuid: UUID
    space: UUID | None
    title: str
    is_locked: bool
    is_pinned: bool
    post_count: int
    last_post_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_space(obj: Thread) -> UUID | None:
        return obj.space.uuid if obj.space_id else None


class PostIn(StrictIn):
    text: said(POST_LENGTH) = Field(..., description="Markdown.")
    quoting: UUID | None = Field(None, description="A post of the same thread.")


class PostOut(Schema):
    uuid: UUID
    author: str | None = Field(
        ..., description="The name its author posts under, shown with the post."
    )
    text: str = Field(..., description="As written (Markdown).")
    html: str = Field(..., description="As shown: Markdown made safe HTML.")
    quoting: UUID | None
    hidden: bool = Field(..., description="Seen by its author and moderators only.")
    created_at: dt.datetime

    @staticmethod
    def resolve_author(obj: Post) -> str | None:
        return _name(obj.author)

    @staticmethod
    def resolve_html(obj: Post) -> str:
        return render_markdown(obj.text)

    @staticmethod
    def resolve_quoting(obj: Post) -> UUID | None:
        return obj.quoting.uuid if obj.quoting_id else None

    @staticmethod
    def resolve_hidden(obj: Post) -> bool:
        return obj.hidden_at is not None


class ThreadPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ThreadOut]


class PostPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PostOut]
