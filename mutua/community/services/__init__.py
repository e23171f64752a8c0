"""Writes of the community: the helpdesk, discussions and their moderation."""

from .discussions import follow_set
from .discussions import post_reply
from .discussions import post_report
from .discussions import record_ask
from .discussions import space_create
from .discussions import thread_start
from .helpdesk import ticket_close
from .helpdesk import ticket_convert
from .helpdesk import ticket_open
from .helpdesk import ticket_reply
from .moderation import post_hide
from .moderation import thread_lock
from .moderation import thread_move
from .moderation import thread_pin

__all__ = [
    "follow_set",
    "post_hide",
    "post_reply",
    "post_report",
    "record_ask",
    "space_create",
    "thread_lock",
    "thread_move",
    "thread_pin",
    "thread_start",
    "ticket_close",
    "ticket_convert",
    "ticket_open",
    "ticket_reply",
]
