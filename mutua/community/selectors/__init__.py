"""Reads of the community: the helpdesk and discussions."""

from .discussions import follows
from .discussions import has_hidden_posts
from .discussions import moderation_of
from .discussions import open_reports
from .discussions import posts_of
from .discussions import questions_of_record
from .discussions import search_posts
from .discussions import spaces
from .discussions import threads_of
from .helpdesk import handled_by
from .helpdesk import open_queue
from .helpdesk import questions_of
from .helpdesk import replies_to
from .helpdesk import ticket_by_uuid

__all__ = [
    "follows",
    "handled_by",
    "has_hidden_posts",
    "moderation_of",
    "open_queue",
    "open_reports",
    "posts_of",
    "questions_of",
    "questions_of_record",
    "replies_to",
    "search_posts",
    "spaces",
    "threads_of",
    "ticket_by_uuid",
]
