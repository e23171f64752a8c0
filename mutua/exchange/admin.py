"""Requests, offers and opportunities in the Django admin, for the secretariat.

They change only through their pages and services, which keep the lifecycle and
its transitions; here the secretariat looks them up and may delete spam.
"""

from django.contrib import admin

from mutua.directory.admin import SecretariatPermissions
from mutua.directory.admin import ViewAndDeleteAdmin

from .models import Offer
from .models import Opportunity
from .models import Request
from .models import Transition


class TransitionInline(SecretariatPermissions, admin.TabularInline):
    model = Transition
    fk_name = None
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _inline(field: str) -> type[TransitionInline]:
    return type(
        f"{field.title()}TransitionInline", (TransitionInline,), {"fk_name": field}
    )


LISTING_SEARCH = ["title", "description", "organization__name", "contact_email"]


@admin.register(Request)
class RequestAdmin(ViewAndDeleteAdmin):
    list_display = ["title", "country", "organization", "status", "published_at"]
    list_filter = [
        "status",
        "level",
        "touches_iplc_lands",
        "country__region",
        "country__is_ldc",
        "country__is_sids",
    ]
    search_fields = [
        "title",
        "challenge",
        "country__name",
        "organization__name",
        "contact_email",
    ]
    list_select_related = ["country", "organization"]
    date_hierarchy = "created_at"
    exclude = ["search_text", "possible_duplicates"]
    inlines = [_inline("request")]


@admin.register(Offer)
class OfferAdmin(ViewAndDeleteAdmin):
    list_display = ["title", "organization", "country", "status", "valid_until"]
    list_filter = ["status", "covers_operational_costs", "country__region"]
    search_fields = [*LISTING_SEARCH, "country__name"]
    list_select_related = ["organization", "country"]
    date_hierarchy = "created_at"
    exclude = ["search_text"]
    inlines = [_inline("offer")]


@admin.register(Opportunity)
class OpportunityAdmin(ViewAndDeleteAdmin):
    list_display = ["title", "organization", "status", "deadline", "amount"]
    list_filter = ["status", "organization__country__region"]
    search_fields = LISTING_SEARCH
    list_select_related = ["organization"]
    date_hierarchy = "deadline"
    exclude = ["search_text"]
    inlines = [_inline("opportunity")]


@admin.register(Transition)
class TransitionAdmin(ViewAndDeleteAdmin):
    list_display = ["at", "action", "from_status", "to_status", "by", "subject"]
    list_filter = ["action", "to_status"]
    search_fields = ["request__title", "offer__title", "opportunity__title", "reason"]
    list_select_related = ["request", "offer", "opportunity", "by"]
    date_hierarchy = "at"

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="record")
    def subject(self, transition: Transition) -> str:
        return str(transition.request or transition.offer or transition.opportunity)
