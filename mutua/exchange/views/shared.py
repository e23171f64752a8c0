"""What the pages of the exchange share: the three kinds of record, and links."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django_htmx.middleware import HtmxDetails

from .. import access
from .. import selectors
from ..models import Offer
from ..models import Opportunity
from ..models import Request
from ..selectors import ListFilters


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass(frozen=True)
class Kind:
    """What differs between the three lists: model, selector, facets, wording."""

    name: str
    plural: str
    model: type
    public: Callable[[ListFilters], QuerySet]
    country_path: str
    facets: tuple[str, ...]
    title: str
    new_title: str
    empty: str

    @property
    def list_url(self) -> str:
        return reverse(f"exchange:{self.plural}")

    @property
    def new_url(self) -> str:
        return reverse(f"exchange:{self.name}_new")


ALL_FACETS = ("targets", "modalities", "resources", "languages", "regions")
KINDS = {
    "request": Kind(
        "request",
        "requests",
        Request,
        selectors.public_requests,
        "country",
        (*ALL_FACETS, "subregions", "groups"),
        gettext_lazy("Requests"),
        gettext_lazy("New request"),
        gettext_lazy("No published requests match"),
    ),
    "offer": Kind(
        "offer",
        "offers",
        Offer,
        selectors.public_offers,
        "country",
        (*ALL_FACETS, "subregions", "groups"),
        gettext_lazy("Offers"),
        gettext_lazy("New offer"),
        gettext_lazy("No published offers match"),
    ),
    "opportunity": Kind(
        "opportunity",
        "opportunities",
        Opportunity,
        selectors.public_opportunities,
        "organization__country",
        ("targets", "modalities", "languages", "regions", "subregions"),
        gettext_lazy("Funding opportunities"),
        gettext_lazy("New funding opportunity"),
        gettext_lazy("No published funding opportunities match"),
    ),
}


def page_links(page) -> dict:
    """The page numbers to link to, with gaps, for a page of a list."""
    return {
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "ellipsis": page.paginator.ELLIPSIS,
    }


def record_for(request: HttpRequest, kind: str, uuid):
    if kind == "request":
        return access.request_for_user(request.user, uuid)
    return access.listing_for_user(KINDS[kind].model, request.user, uuid)


def back_url(request: HttpRequest, record) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return record.get_absolute_url()
