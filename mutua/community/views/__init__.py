"""Pages of the community: the helpdesk and discussions."""

from .discussions import follow
from .discussions import moderate
from .discussions import post_action
from .discussions import record_questions
from .discussions import reports
from .discussions import search
from .discussions import space
from .discussions import spaces
from .discussions import thread
from .helpdesk import handle
from .helpdesk import helpdesk
from .helpdesk import queue
from .helpdesk import ticket

__all__ = [
    "follow",
    "handle",
    "helpdesk",
    "moderate",
    "post_action",
    "queue",
    "record_questions",
    "reports",
    "search",
    "space",
    "spaces",
    "thread",
    "ticket",
]
