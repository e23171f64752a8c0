"""Partnerships and what they produce: activities, technologies, publications,
policies and funding flows, whether or not the cooperation began here."""

from .activities import Activity, Attendance
from .funding import ExchangeRate, FundingFlow
from .partnerships import Participant, Partnership
from .results import Policy, Publication, Technology

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
