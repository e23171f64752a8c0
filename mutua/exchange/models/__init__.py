"""Needs and what can meet them: requests, offers, funding opportunities."""

from .history import Transition
from .listings import Offer
from .listings import Opportunity
from .records import TEXT
from .records import Beneficiary
from .records import IplcLands
from .records import Record
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
