"""Forms of the exchange: requests, offers, opportunities.

Forms only check input and limit choices to what the user may submit for; the
services decide and write.
"""

from ..models import Offer
from ..models import Opportunity
from ..models import Request
from .listings import OfferForm
from .listings import OpportunityForm
from .requests import RequestForm

FORMS = {Request: RequestForm, Offer: OfferForm, Opportunity: OpportunityForm}
