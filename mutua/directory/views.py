"""Pages of the directory: home, countries, organizations, roles, tokens, profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django.views.i18n import set_language
from django_htmx.middleware import HtmxDetails

from mutua.core import zones
from mutua.core.forms import posted
from mutua.core.forms import run_service
from mutua.core.responses import confirm_page
from mutua.core.responses import render_page_or_partial

from . import access
from . import forms
from . import selectors
from . import services


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Countries ----------------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request")
def country_list(request: HtmxHttpRequest) -> HttpResponse:
    form = forms.CountryFilterForm(request.GET)
    regions = selectors.countries_by_region(form.filters())
    return render_page_or_partial(
        request,
        "directory/countries.html",
        "countries",
        {
            "form": form,
            "regions": regions,
            "count": sum(len(c) for _, subs in regions for _, c in subs),
        },
    )


# Organizations ------------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request")
def organization_list(request: HtmxHttpRequest) -> HttpResponse:
    form = forms.OrganizationFilterForm(request.GET)
    filters = form.filters()
    queryset = selectors.organizations(filters)
    page = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_partial(
        request,
        "directory/organizations.html",
        "results",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": selectors.organization_facets(queryset),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def organization_new(request: HttpRequest) -> HttpResponse:
    form = forms.OrganizationForm(posted(request))
    organization = run_service(
        form, lambda data: services.organization_create(by=request.user, **data)
    )
    if organization is not None:
        messages.success(request, _("The organization is registered."))
        return redirect(organization)
    return render(request, "directory/organization_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def organization_edit(request: HttpRequest, uuid) -> HttpResponse:
    organization = access.organization_for_user(request.user, uuid, write=True)
    form = forms.OrganizationForm(
        posted(request), initial=forms.OrganizationForm.initial_from(organization)
    )
    form.carry_shown_values()

    def save(_data: dict):
        fields, seen = form.edits()
        return services.organization_update(
            organization=organization, by=request.user, seen=seen, **fields
        )

    saved = run_service(form, save)
    if saved is not None:
        messages.success(request, _("The organization is saved."))
        return redirect(saved)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "organization": organization},
    )


@require_http_methods(["GET", "POST"])
@login_required
def organization_members(request: HttpRequest, uuid) -> HttpResponse:
    organization = access.organization_for_user(request.user, uuid, write=True)
    form = forms.MemberAddForm(posted(request))
    membership = run_service(
        form,
        lambda data: services.membership_add(
            organization=organization,
            user=form.user,
            by=request.user,
            is_admin=data["is_admin"],
        ),
    )
    if membership is not None:
        messages.success(
            request, _("%(email)s is a member.") % {"email": form.user.email}
        )
        return redirect("directory:organization_members", uuid=organization.uuid)
    return render(
        request,
        "directory/members.html",
        {
            "organization": organization,
            "members": selectors.members_of(organization),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_remove(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    organization = access.organization_for_user(request.user, uuid, write=True)
    membership = access.membership_for_user(request.user, organization, pk)
    return confirm_page(
        request,
        title=_("Remove a member"),
        question=_("Remove %(email)s from %(organization)s?")
        % {"email": membership.user.email, "organization": organization.name},
        button=_("Remove"),
        action=lambda: services.membership_remove(
            membership=membership, by=request.user
        ),
        done=_("The member is removed."),
        back=reverse("directory:organization_members", args=[organization.uuid]),
    )


# Roles --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    if not access.is_secretariat(request.user):
        raise PermissionDenied("Only the secretariat manages roles.")
    form = forms.RoleGrantForm(posted(request))
    granted = run_service(
        form,
        lambda data: services.role_grant(
            user=form.user,
            role=data["role"],
            country=data["country"],
            region=data["region"],
            by=request.user,
        ),
    )
    if granted is not None:
        messages.success(request, _("Granted: %(role)s.") % {"role": granted})
        return redirect("directory:roles")
    filter_form = forms.RoleFilterForm(request.GET)
    assignments = selectors.role_assignments(filter_form.filters())
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/roles.html",
        {"form": form, "filter_form": filter_form, "page": page},
    )


@require_http_methods(["GET", "POST"])
@login_required
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.role_assignment_for_user(request.user, pk)
    return confirm_page(
        request,
        title=_("Revoke a role"),
        question=_("Revoke %(role)s?") % {"role": assignment},
        button=_("Revoke"),
        action=lambda: services.role_revoke(assignment=assignment, by=request.user),
        done=_("Revoked: %(role)s.") % {"role": assignment},
        back="directory:roles",
    )


# API tokens and profile ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(posted(request))
    created = run_service(
        form, lambda data: services.api_token_create(user=request.user, **data)
    )
    token, key = created or (None, None)
    response = render(
        request,
        "directory/tokens.html",
        {
            "form": forms.TokenForm() if created else form,
            "tokens": selectors.tokens_of(request.user),
            "new_token": token,
            "new_key": key,
        },
    )
    # The key is shown once: never keep this page in a cache.
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.api_token_for_user(request.user, pk)
    return confirm_page(
        request,
        title=_("Revoke a token"),
        question=_("Revoke the token “%(name)s”? Anything that uses it stops working.")
        % {"name": token.name},
        button=_("Revoke"),
        action=lambda: services.api_token_revoke(token=token, by=request.user),
        done=_("The token is revoked."),
        back="directory:tokens",
    )


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    current = selectors.profile_of(request.user)
    initial = {
        "display_name": current.display_name,
        "expertise": current.expertise,
        "languages": selectors.languages_of(current),
        "time_zone": current.time_zone,
    }
    form = forms.ProfileForm(posted(request), initial=initial)
    saved = run_service(
        form, lambda data: services.profile_update(user=request.user, **data)
    )
    if saved is not None:
        request.session[zones.SESSION_KEY] = saved.time_zone
        messages.success(request, _("Your profile is saved."))
        return redirect("directory:profile")
    return render(
        request,
        "directory/profile.html",
        {
            "form": form,
            "organizations": selectors.organizations_of_user(request.user),
        },
    )


def language_choose(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also keeps a signed-in user's choice on the
    account, so that the e-mails come in it too."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.language_keep(
            user=request.user, language=request.POST.get("language", "")
        )
    return response
