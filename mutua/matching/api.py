"""API of matching: suggestions with their reasons, proposing and answering matches.

The endpoints call the same access functions and services as the pages.
"""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.errors import ValidationError
from mutua.core.schemas import ErrorsOut
from mutua.core.schemas import error_responses
from mutua.exchange import access as exchange_access
from mutua.exchange.models import Offer

from . import services
from .models import Match
from .schemas import AnswerIn
from .schemas import MatchIn
from .schemas import MatchOut
from .schemas import ResponsivenessOut
from .schemas import SuggestionOut
from .selectors.matches import matches_for
from .selectors.matches import responsiveness
from .selectors.suggestions import suggestions_for

router = Router(tags=["matching"])


@router.get(
    "/requests/{uuid}/suggestions",
    response={200: list[SuggestionOut], **error_responses()},
    **READS,
)
def list_request_suggestions(request, uuid: UUID):
    """The engine's best offers for a request, best first, each with why."""
    record = exchange_access.request_for_user(request.auth, uuid)
    return suggestions_for(record)


@router.get(
    "/requests/{uuid}/matches",
    response={200: list[MatchOut], **error_responses()},
    **READS,
)
def list_request_matches(request, uuid: UUID):
    """The matches proposed for a request, newest first."""
    record = exchange_access.request_for_user(request.auth, uuid)
    return matches_for(record)


@router.post(
    "/matches",
    response={201: MatchOut, 409: ErrorsOut, **error_responses(body=True)},
    auth=WRITE,
)
def propose_match(request, payload: MatchIn):
    """Propose a match: either side one of the suggestions, a coordinator any offer."""
    record = exchange_access.request_for_user(request.auth, payload.request)
    offer = Offer.objects.filter(uuid=payload.offer).first()
    if offer is None:
        raise ValidationError({"offer": _("No such offer.")})
    match = services.match_propose_by_person(
        request=record, offer=offer, by=request.auth
    )
    return Status(201, match)


@router.post(
    "/matches/{uuid}/answer",
    response={200: MatchOut, **error_responses(body=True)},
    auth=WRITE,
)
def answer_match(request, uuid: UUID, payload: AnswerIn):
    """Accept or decline a match for your side; a decline needs a reason."""
    match = Match.objects.select_related("request").filter(uuid=uuid).first()
    if match is None:
        raise Http404("No such match.")
    exchange_access.request_for_user(request.auth, match.request.uuid)
    return services.match_answer(
        match=match, by=request.auth, accept=payload.accept, reason=payload.reason
    )


@router.get(
    "/offers/{uuid}/responsiveness",
    response={200: ResponsivenessOut, **error_responses()},
    **READS,
)
def get_offer_responsiveness(request, uuid: UUID):
    """When the offer's provider last answered a proposal, and how many it
    answered within their windows."""
    offer = exchange_access.listing_for_user(Offer, request.auth, uuid)
    return responsiveness(offer)
