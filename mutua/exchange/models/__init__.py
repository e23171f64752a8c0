"""Needs and what can meet them: requests, offers, funding opportunities."""

from .history import Transition
from .listings import Offer, Opportunity
from .records import TEXT, Beneficiary, IplcLands, Record
from .requests import Request

__all__ = [
    "TEXT",
    "Beneficiary",
    "IplcLands",
    "Offer",
    "Opportunity",
    "Record",
    "Request",
    "Transition",
]
