"""Calls, their applications and their panels."""

from .applications import Answer
from .applications import Application
from .applications import Document
from .applications import Outcome
from .applications import Question
from .calls import TEXT
from .calls import Call
from .calls import CallStep
from .calls import Criterion
from .panel import Declaration
from .panel import PanelMember
from .panel import Score
from .panel import ScoreSheet
from .selection import Pledge
from .selection import Selection

__all__ = [
    "TEXT",
    "Answer",
    "Application",
    "Call",
    "CallStep",
    "Criterion",
    "Declaration",
    "Document",
    "Outcome",
    "PanelMember",
    "Pledge",
    "Question",
    "Score",
    "ScoreSheet",
    "Selection",
]
