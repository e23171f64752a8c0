"""Reads that turn records into the engine's plain data."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from mutua.cooperation.models import Partnership
from mutua.directory.models import GROUP_MEMBERSHIP
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.models import groups_of
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..engine.data import Candidate
from ..engine.data import OfferData
from ..engine.data import RequestData
from ..engine.data import Weights
from ..engine.evaluation import Codes
from ..engine.places import Place
from ..engine.scoring import Engine
from ..models import Match
from ..models import MatchingSettings


def places() -> dict[str, Place]:
    """Every country with its M49 areas and groups, by ISO alpha-3 code."""
    areas = {
        pk: (code, name)
        for pk, code, name in Region.objects.values_list("pk", "code", "name")
    }
    membership = {field for field, _ in GROUP_MEMBERSHIP.values()}
    rows = Country.objects.values(
        "iso3",
        "name",
        "region_id",
        "subregion_id",
        "intermediate_region_id",
        *membership,
    )
    found = {}
    for row in rows:
        region, subregion, intermediate = (
            areas.get(row[key], ("", ""))
            for key in ("region_id", "subregion_id", "intermediate_region_id")
        )
        found[row["iso3"]] = Place(
            iso3=row["iso3"],
            name=row["name"],
            region=region[0],
            subregion=subregion[0],
            intermediate=intermediate[0],
            groups=frozenset(groups_of(row)),
            region_name=region[1],
            subregion_name=subregion[1],
            intermediate_name=intermediate[1],
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


def weights() -> Weights:
    """The engine's weights as the secretariat set them (the defaults otherwise)."""
    stored = MatchingSettings.objects.first()
    return Weights.from_mapping(stored.weights) if stored else Weights()


def priority() -> float:
    """The allocation rounds' priority as the secretariat set it (0.5 otherwise)."""
    stored = MatchingSettings.objects.first()
    return stored.priority if stored else 0.5


def response_windows() -> MatchingSettings:
    """The days to answer a proposal and before an unmatched request is
    escalated, as the secretariat set them (the defaults otherwise)."""
    return MatchingSettings.objects.first() or MatchingSettings()


def pair_fit(request: Request, offer: Offer) -> Candidate | None:
    """How one offer fits one request, or None when a hard constraint forbids it."""
    engine = Engine(offer_data(Offer.objects.filter(pk=offer.pk)), places(), weights())
    (data,) = request_data(Request.objects.filter(pk=request.pk))
    ranked = engine.rank(data, 1)
    return ranked[0] if ranked else None
