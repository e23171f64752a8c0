"""Every registered indicator, in the order the dashboard, the report and the API
show them."""

from .definition import Indicator
from .paragraph_38 import PARAGRAPH_38
from .partnerships_and_resources import PARTNERSHIPS_AND_RESOURCES
from .technology_and_capacity import TECHNOLOGY_AND_CAPACITY

INDICATORS: list[Indicator] = [
    *TECHNOLOGY_AND_CAPACITY,
    *PARTNERSHIPS_AND_RESOURCES,
    *PARAGRAPH_38,
]
