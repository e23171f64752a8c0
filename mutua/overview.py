"""The pages that gather what several apps hold: the home page, and the pages of
a country and of an organization with their published records.

They sit above every app, so that `directory` imports nothing of `exchange`;
`mutua/urls.py` serves them under the directory's names.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from mutua.directory import access
from mutua.directory import selectors
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.exchange.lifecycle import PUBLIC_LISTING_STATUSES
from mutua.exchange.lifecycle import PUBLIC_REQUEST_STATUSES
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request

LISTED = 20  # records of each kind shown on a country or organization page


def published_requests() -> QuerySet[Request]:
    return Request.objects.filter(status__in=PUBLIC_REQUEST_STATUSES)


def published_offers() -> QuerySet[Offer]:
    return Offer.objects.filter(status__in=PUBLIC_LISTING_STATUSES)


def published_opportunities() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status__in=PUBLIC_LISTING_STATUSES)


def home_counts() -> dict[str, int]:
    return {
        "requests": published_requests().count(),
        "offers": published_offers().count(),
        "organizations": Organization.objects.count(),
    }


def _newest_first(records: QuerySet, *related: str) -> QuerySet:
    """Published records as lists show them: the latest published first, with the
    relations the list shows of each."""
    return records.select_related(*related).order_by("-published_at", "-pk")


def latest_requests(limit: int = 5) -> list[Request]:
    return list(_newest_first(published_requests(), "country")[:limit])


def latest_offers(limit: int = 5) -> list[Offer]:
    return list(_newest_first(published_offers(), "country", "organization")[:limit])


def requests_of_country(country: Country) -> QuerySet[Request]:
    return _newest_first(published_requests().filter(country=country), "organization")


def offers_of_country(country: Country) -> QuerySet[Offer]:
    return _newest_first(published_offers().filter(country=country), "organization")


def requests_of_organization(organization: Organization) -> QuerySet[Request]:
    return _newest_first(
        published_requests().filter(organization=organization), "country"
    )


def offers_of_organization(organization: Organization) -> QuerySet[Offer]:
    return _newest_first(
        published_offers().filter(organization=organization), "country"
    )


def opportunities_of_organization(
    organization: Organization,
) -> QuerySet[Opportunity]:
    return published_opportunities().filter(organization=organization)


# Pages ---------------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "counts": home_counts(),
            "requests": latest_requests(),
            "offers": latest_offers(),
        },
    )


@require_safe
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = selectors.country_by_iso3(iso3)
    requests = requests_of_country(country)
    offers = offers_of_country(country)
    organizations = selectors.organizations_of_country(country)
    return render(
        request,
        "directory/country.html",
        {
            "country": country,
            "requests": requests[:LISTED],
            "request_count": requests.count(),
            "offers": offers[:LISTED],
            "offer_count": offers.count(),
            "organizations": organizations[:LISTED],
            "organization_count": organizations.count(),
        },
    )


@require_safe
def organization_detail(request: HttpRequest, uuid) -> HttpResponse:
    organization = access.organization_for_user(request.user, uuid)
    is_admin = access.is_org_admin(request.user, organization)
    return render(
        request,
        "directory/organization.html",
        {
            "organization": organization,
            "is_admin": is_admin,
            "members": selectors.members_of(organization) if is_admin else None,
            "requests": requests_of_organization(organization)[:LISTED],
            "offers": offers_of_organization(organization)[:LISTED],
            "opportunities": opportunities_of_organization(organization)[:LISTED],
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("countries/<str:iso3>/", country_detail, name="country"),
    path("organizations/<uuid:uuid>/", organization_detail, name="organization"),
]
