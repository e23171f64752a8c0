"""Reads of applications: a person's, a call's, one application's details."""

from django.db.models import QuerySet

from mutua.cooperation.models import Partnership
from mutua.directory import access as directory

from ..models import Application
from ..models import Call


def partnerships_of(user) -> QuerySet[Partnership]:
    """Partnerships in which one of the user's organizations takes part."""
    return (
        Partnership.objects.filter(participants__organization__membership__user=user)
        .distinct()
        .order_by("-started_on", "-pk")
    )


def applications_of(user) -> QuerySet[Application]:
    """The applications of the user's organizations, newest first."""
    ids = directory.member_organization_ids(user)
    return Application.objects.filter(organization_id__in=ids).select_related(
        "call", "organization", "region"
    )


def applications_to(call: Call) -> QuerySet[Application]:
    """A call's applications but drafts, for those who run it."""
    return (
        call.applications.exclude(status=Application.Status.DRAFT)
        .select_related("organization__country", "region")
        .order_by("region__name", "organization__name")
    )


def application_details(application: Application) -> dict:
    """What an application's page shows beside it."""
    return {
        "answers": list(application.answers.select_related("criterion")),
        "documents": list(application.documents.all()),
    }
