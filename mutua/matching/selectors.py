"""Reads that turn records into the engine's plain data."""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language, get_language_info

from mutua.cooperation.models import Partnership
from mutua.directory.models import (
    Country,
    GbfTarget,
    Language,
    Modality,
    Region,
    ResourceType,
)
from mutua.exchange.models import Offer, Request

from .engine.data import Candidate, OfferData, RequestData, Weights
from .engine.evaluation import Codes
from .engine.explain import describe
from .engine.places import Place
from .engine.scoring import Engine
from .models import Match, MatchingSettings, Suggestion


def places() -> dict[str, Place]:
    """Every country with its M49 areas and groups, by ISO alpha-3 code."""
    rows = Country.objects.select_related("region", "subregion", "intermediate_region")
    found = {}
    for country in rows:
        groups = set(country.groups)
        areas = (country.region, country.subregion, country.intermediate_region)
        found[country.iso3] = Place(
            iso3=country.iso3,
            name=country.name,
            region=areas[0].code if areas[0] else "",
            subregion=areas[1].code if areas[1] else "",
            intermediate=areas[2].code if areas[2] else "",
            groups=frozenset(groups),
            region_name=areas[0].name if areas[0] else "",
            subregion_name=areas[1].name if areas[1] else "",
            intermediate_name=areas[2].name if areas[2] else "",
        )
    return found


def codes() -> Codes:
    """The codes a matching data set may use, from the reference data."""
    return Codes(
        countries=frozenset(Country.objects.values_list("iso3", flat=True)),
        areas=frozenset(Region.objects.values_list("code", flat=True)),
        targets=frozenset(GbfTarget.objects.values_list("number", flat=True)),
        modalities=frozenset(Modality.objects.values_list("code", flat=True)),
        resources=frozenset(ResourceType.objects.values_list("code", flat=True)),
        languages=frozenset(Language.objects.values_list("code", flat=True)),
    )


def _linked_codes(model, relation: str, code: str, ids) -> dict[int, set]:
    """{record key: codes} of one many-to-many relation, read in one query."""
    field = model._meta.get_field(relation)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(**{f"{source}_id__in": ids})
    found: dict[int, set] = defaultdict(set)
    for key, value in rows.values_list(f"{source}_id", f"{target}__{code}").iterator(
        chunk_size=20_000
    ):
        found[key].add(value)
    return found


def track_records() -> dict:
    """{organization key, or "offer-<key>" for a country's offer: its record}.

    Accepted counts matches the provider accepted; declined, matches either side
    declined; completed, partnerships completed.
    """
    found: dict = defaultdict(lambda: {"accepted": 0, "declined": 0, "completed": 0})

    def owner(org, offer) -> str | int:
        return org or f"offer-{offer}"

    answered = Match.objects.exclude(status=Match.Status.PROPOSED)
    for org, offer, status, provider in answered.values_list(
        "offer__organization_id", "offer_id", "status", "provider_decision"
    ):
        if status == Match.Status.DECLINED:
            found[owner(org, offer)]["declined"] += 1
        elif provider == Match.Decision.ACCEPTED:
            found[owner(org, offer)]["accepted"] += 1
    completed = Partnership.objects.filter(
        status=Partnership.Status.COMPLETED, offer__isnull=False
    )
    for org, offer in completed.values_list("offer__organization_id", "offer_id"):
        found[owner(org, offer)]["completed"] += 1
    return dict(found)


def offer_data(queryset=None) -> list[OfferData]:
    """Offers as the engine sees them (published ones unless told otherwise)."""
    if queryset is None:
        queryset = Offer.objects.filter(status=Offer.Status.PUBLISHED)
    ids = queryset.values("pk")
    linked = {
        name: _linked_codes(Offer, relation, code, ids)
        for name, relation, code in (
            ("targets", "targets", "number"),
            ("modalities", "modalities", "code"),
            ("resources", "resources", "code"),
            ("languages", "languages", "code"),
            ("regions", "serves_regions", "code"),
            ("countries", "serves_countries", "iso3"),
        )
    }
    taken = dict(
        Partnership.objects.filter(offer__in=ids, status=Partnership.Status.ACTIVE)
        .values_list("offer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    records = track_records()
    today = timezone.localdate()
    rows = queryset.values_list(
        "pk",
        "title",
        "description",
        "track_record",
        "country__iso3",
        "organization_id",
        "organization__type",
        "serves_everywhere",
        "serves_as",
        "eligibility",
        "capacity",
        "valid_until",
    )
    found = []
    for (pk, title, text, record, iso3, org, org_type, everywhere, serves_as, groups,
         capacity, valid_until) in rows.iterator(chunk_size=5_000):  # fmt: skip
        serves = linked["regions"].get(pk, set()) | linked["countries"].get(pk, set())
        found.append(
            OfferData(
                id=str(pk),
                title=title,
                description=f"{text} {record}".strip(),
                provider_country=iso3,
                provider_type=org_type or "government",
                targets=frozenset(linked["targets"].get(pk, ())),
                modalities=frozenset(linked["modalities"].get(pk, ())),
                resources=frozenset(linked["resources"].get(pk, ())),
                languages=frozenset(linked["languages"].get(pk, ())),
                serves=frozenset({"*"} if everywhere else serves),
                serves_only=serves_as == Offer.Serves.LIMIT,
                eligibility=frozenset(groups or ()),
                capacity=max(capacity - taken.get(pk, 0), 0),
                expired=valid_until < today,
                organization=str(org or ""),
                **records.get(org or f"offer-{pk}", {}),
            )
        )
    return found


def request_data(queryset) -> list[RequestData]:
    """Requests as the engine sees them."""
    ids = queryset.values("pk")
    linked = {
        name: _linked_codes(Request, name, code, ids)
        for name, code in (
            ("targets", "number"),
            ("modalities", "code"),
            ("resources", "code"),
            ("languages", "code"),
        )
    }
    rows = queryset.values_list(
        "pk",
        "title",
        "challenge",
        "assistance_sought",
        "objectives",
        "thematic_areas",
        "country__iso3",
        "organization_id",
    )
    return [
        RequestData(
            id=str(pk),
            title=title,
            description=" ".join(texts),
            country=iso3,
            targets=frozenset(linked["targets"].get(pk, ())),
            modalities=frozenset(linked["modalities"].get(pk, ())),
            resources=frozenset(linked["resources"].get(pk, ())),
            languages=frozenset(linked["languages"].get(pk, ())),
            organization=str(org or ""),
        )
        for pk, title, *texts, iso3, org in rows.iterator(chunk_size=5_000)
    ]


def _language_name(code: str, fallback: str) -> str:
    """A language's name in the reader's language, where Django knows it.

    French and Spanish write language names in lower case ("en français").
    """
    try:
        name = get_language_info(code)["name_translated"]
    except KeyError:
        return fallback
    return name if get_language() in (None, "en") else name[:1].lower() + name[1:]


def labels() -> dict[tuple[str, str], str]:
    """{(kind, code): name} for the codes explanations mention."""
    found = {}
    for kind, model in (
        ("language", Language),
        ("modality", Modality),
        ("resource", ResourceType),
    ):
        for code, name in model.objects.values_list("code", "name"):
            found[kind, code] = (
                _language_name(code, name) if kind == "language" else name
            )
    return found


def explained(suggestions: list) -> list:
    """Give each suggestion (or round pair) `.explanation`: its reasons in words."""
    names = labels()
    # Places left change as partnerships form: say how many there are now.
    left = places_left_of(s.offer_id for s in suggestions)
    for suggestion in suggestions:
        suggestion.explanation = describe(
            [
                ("capacity", left.get(suggestion.offer_id, 0))
                if r[0] == "capacity"
                else tuple(r)
                for r in suggestion.reasons
            ],
            lambda kind, code: names.get((kind, code), code),
        )
    return suggestions


def suggestions_for(request: Request) -> list[Suggestion]:
    """The stored suggestions of a request, each with `.explanation` in words."""
    found = list(
        Suggestion.objects.filter(request=request)
        .select_related("offer__organization", "offer__country")
        .order_by("rank")
    )
    return explained(found)


def _by_provider(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The first (best) suggestion of each provider: organization, or country."""
    found, seen = [], set()
    for suggestion in suggestions:
        offer = suggestion.offer
        key = offer.organization_id or f"country-{offer.country_id}"
        if key not in seen:
            seen.add(key)
            found.append(suggestion)
    return found


def providers_and_donors(
    suggestions: list[Suggestion],
) -> tuple[list[Suggestion], list[Suggestion]]:
    """The providers behind the suggestions, each by its best offer, and the donors:
    foundations and donors, or providers of an offer that brings funding."""
    funding = set(
        Offer.resources.through.objects.filter(
            offer_id__in=[s.offer_id for s in suggestions],
            resourcetype__code="funding",
        ).values_list("offer_id", flat=True)
    )
    donors = [
        s
        for s in suggestions
        if s.offer_id in funding
        or (s.offer.organization and s.offer.organization.type == "donor")
    ]
    return _by_provider(suggestions), _by_provider(donors)


def paired_offer_ids(request: Request) -> set[int]:
    """Offers already matched with a request: proposed or accepted, or in a
    partnership with it. None of them may be proposed again."""
    matched = Match.objects.filter(
        request=request,
        status__in=(Match.Status.PROPOSED, Match.Status.ACCEPTED),
    ).values_list("offer_id", flat=True)
    partners = Partnership.objects.filter(
        request=request, offer__isnull=False
    ).values_list("offer_id", flat=True)
    return set(matched) | set(partners)


def places_left_of(offer_ids) -> dict[int, int]:
    """{offer key: places not taken by an active partnership}, in one query."""
    active = Q(partnerships__status=Partnership.Status.ACTIVE)
    rows = (
        Offer.objects.filter(pk__in=set(offer_ids))
        .annotate(taken=Count("partnerships", filter=active))
        .values_list("pk", "capacity", "taken")
    )
    return {pk: max(capacity - taken, 0) for pk, capacity, taken in rows}


def matches_waiting_for_country(country_ids: set[int]) -> list[Match]:
    """Proposed matches whose side of these countries has not answered yet:
    their requests, and the offers made by the countries themselves."""
    pending = Match.Decision.PENDING
    return list(
        Match.objects.filter(status=Match.Status.PROPOSED)
        .filter(
            Q(request__country__in=country_ids, requester_decision=pending)
            | Q(
                offer__country__in=country_ids,
                offer__organization__isnull=True,
                provider_decision=pending,
            )
        )
        .select_related(
            "request__country",
            "request__organization",
            "offer__country",
            "offer__organization",
        )
        .order_by("created_at", "id")
    )


def matches_for(request: Request) -> list[Match]:
    return list(
        Match.objects.filter(request=request)
        .select_related(
            "request__country",
            "request__organization",
            "offer__organization",
            "offer__country",
            "partnership",
        )
        .order_by("-created_at")
    )


def fits_for(offer: Offer) -> list[Suggestion]:
    """The published requests whose best offers include this one, best fit first."""
    found = list(
        Suggestion.objects.filter(
            offer=offer,
            request__status__in=(Request.Status.PUBLISHED, Request.Status.MATCHED),
        )
        .select_related("request__country", "request__organization")
        .order_by("-score", "request_id")[:50]
    )
    return explained(found)


def weights() -> Weights:
    """The engine's weights as the secretariat set them (the defaults otherwise)."""
    stored = MatchingSettings.objects.first()
    return Weights.from_mapping(stored.weights) if stored else Weights()


def pair_fit(request: Request, offer: Offer) -> Candidate | None:
    """How one offer fits one request, or None when a hard constraint forbids it."""
    engine = Engine(offer_data(Offer.objects.filter(pk=offer.pk)), places(), weights())
    (data,) = request_data(Request.objects.filter(pk=request.pk))
    ranked = engine.rank(data, 1)
    return ranked[0] if ranked else None
