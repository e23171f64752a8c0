"""Why an offer fits a request, as (code, details) pairs the explanations word."""

from .data import OfferData
from .data import RequestData


def reasons_for(
    request: RequestData, offer: OfferData, parts: dict[str, float], places
) -> list[tuple]:
    """What made an offer fit, as (code, details) for `explain.describe`."""
    found: list[tuple] = []
    shared_languages = sorted(request.languages & offer.languages)
    if shared_languages:
        found.append(("language", shared_languages))
    place = places.get(request.country)
    provider = places.get(offer.provider_country)
    if parts.get("subregion") and provider and place:
        shared = provider.intermediate and provider.intermediate == place.intermediate
        area = provider.intermediate_name if shared else provider.subregion_name
        found.append(("subregion", area))
    elif parts.get("region") and provider:
        found.append(("region", provider.region_name))
    if parts.get("south_south"):
        found.append(("south_south",))
    elif parts.get("triangular"):
        found.append(("triangular",))
    if parts.get("serves") and place:
        found.append(("serves", place.name))
    if parts.get("worked_there", 0) >= 1 and place:
        found.append(("worked_there", place.name))
    elif parts.get("worked_there") and place:
        found.append(("worked_nearby", place.subregion_name or place.region_name))
    shared_targets = sorted(request.targets & offer.targets)
    if shared_targets:
        found.append(("targets", shared_targets))
    shared_modalities = sorted(request.modalities & offer.modalities)
    if shared_modalities:
        found.append(("modalities", shared_modalities))
    shared_resources = sorted(request.resources & offer.resources)
    if shared_resources:
        found.append(("resources", shared_resources))
    if parts.get("text", 0) >= 0.5:
        found.append(("text",))
    if offer.completed:
        found.append(("track_record", offer.completed))
    if offer.capacity is not None:
        found.append(("capacity", offer.capacity))
    return found
