"""The directory in the Django admin, for the secretariat.

Reference data is edited here; organizations are saved through their service so
that their search text stays in step. Roles and tokens have their own pages too.
"""

from django.contrib import admin
from django.contrib import messages
from django.db import models
from django.http import HttpRequest

from . import access
from . import services
from .models import ApiToken
from .models import Country
from .models import GbfGoal
from .models import GbfTarget
from .models import Language
from .models import Membership
from .models import Modality
from .models import Organization
from .models import Profile
from .models import Region
from .models import ResourceType
from .models import RoleAssignment
from .models import TargetGroup


class SecretariatPermissions:
    """Open to staff accounts that hold the secretariat role."""

    def _allowed(self, request: HttpRequest) -> bool:
        return request.user.is_staff and access.is_secretariat(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class SecretariatAdmin(SecretariatPermissions, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ViewAndDeleteAdmin(SecretariatAdmin):
    """Records written only by their own pages: the admin may look and delete."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(SecretariatAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Country)
class CountryAdmin(SecretariatAdmin):
    list_display = [
        "name",
        "iso3",
        "m49",
        "region",
        "subregion",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "development_group",
        "is_party",
    ]
    list_filter = [
        "region",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_economy_in_transition",
        "development_group",
        "is_party",
    ]
    search_fields = ["name", "iso3", "iso2", "m49"]
    list_select_related = ["region", "subregion"]
    autocomplete_fields = ["region", "subregion", "intermediate_region"]


@admin.register(Modality, ResourceType, TargetGroup)
class TermAdmin(SecretariatAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Language)
class LanguageAdmin(SecretariatAdmin):
    list_display = ["name", "code"]
    search_fields = ["code", "name"]


@admin.register(GbfGoal)
class GbfGoalAdmin(SecretariatAdmin):
    list_display = ["code", "short_title"]
    search_fields = ["title", "short_title", "text"]


@admin.register(GbfTarget)
class GbfTargetAdmin(SecretariatAdmin):
    list_display = ["number", "short_title"]
    search_fields = ["title", "short_title", "text"]


class MembershipInline(SecretariatPermissions, admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Organization)
class OrganizationAdmin(SecretariatAdmin):
    list_display = ["name", "type", "country", "verified", "created_at"]
    list_filter = ["type", "verified", "country__region"]
    search_fields = ["name", "description", "country__name", "country__iso3"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    readonly_fields = ["uuid", "created_at", "updated_at", "home_instance"]
    inlines = [MembershipInline]
    actions = ["mark_verified"]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # The service keeps the search text in step and validates the whole record.
        services.organization_update(
            organization=obj,
            by=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )

    @admin.action(description="Mark as verified")
    def mark_verified(self, request, queryset):
        for organization in queryset:
            services.organization_verify(organization=organization, by=request.user)
        self.message_user(
            request, f"{queryset.count()} verified.", level=messages.SUCCESS
        )


@admin.register(Membership)
class MembershipAdmin(SecretariatAdmin):
    list_display = ["user", "organization", "is_admin", "joined_at"]
    list_filter = ["is_admin"]
    search_fields = ["user__email", "user__username", "organization__name"]
    list_select_related = ["user", "organization"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["organization"]


@admin.register(Profile)
class ProfileAdmin(SecretariatAdmin):
    list_display = ["user", "display_name"]
    search_fields = ["user__email", "display_name", "expertise"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    filter_horizontal = ["languages"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SecretariatAdmin):
    list_display = ["user", "role", "country", "region", "granted_by", "granted_at"]
    list_filter = ["role", "region"]
    search_fields = ["user__email", "user__username", "country__name", "region__name"]
    list_select_related = ["user", "country", "region", "granted_by"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["country", "region"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        obj.granted_by = obj.granted_by or request.user
        super().save_model(request, obj, form, change)
        access.forget_roles(obj.user)


@admin.register(ApiToken)
class ApiTokenAdmin(ViewAndDeleteAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    readonly_fields = ["name", "user", "prefix", "created_at", "last_used_at"]
    exclude = ["digest"]
