from .discussions import Follow
from .discussions import ModerationStep
from .discussions import Post
from .discussions import Report
from .discussions import Space
from .discussions import Thread
from .helpdesk import HelpdeskReply
from .helpdesk import HelpdeskTicket

__all__ = [
    "Follow",
    "HelpdeskReply",
    "HelpdeskTicket",
    "ModerationStep",
    "Post",
    "Report",
    "Space",
    "Thread",
]
