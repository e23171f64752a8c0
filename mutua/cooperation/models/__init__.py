"""Partnerships and what they produce: activities, technologies, publications,
policies and funding flows, whether or not the cooperation began here."""

from .activities import Activity
from .activities import Attendance
from .funding import ExchangeRate
from .funding import FundingFlow
from .partnerships import Participant
from .partnerships import Partnership
from .results import Policy
from .results import Publication
from .results import Technology

__all__ = [
    "Activity",
    "Attendance",
    "ExchangeRate",
    "FundingFlow",
    "Participant",
    "Partnership",
    "Policy",
    "Publication",
    "Technology",
]
