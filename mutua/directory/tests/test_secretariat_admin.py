"""The Django admin of the directory and the exchange: the secretariat's alone."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mutua.testing.builders import published_request

pytestmark = pytest.mark.django_db


def test_the_secretariat_searches_and_filters_every_model_in_the_admin(client, people):
    people.secretariat.is_staff = True
    people.secretariat.save()
    published_request(people)
    client.force_login(people.secretariat)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"directory", "exchange"}:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        assert client.get(url, {"q": "malawi"}).status_code == 200, url
        assert model_admin.search_fields, url
        assert model_admin.list_filter or model_admin.list_display, url


def test_staff_without_the_secretariat_role_see_no_directory_in_the_admin(
    client, people
):
    people.coordinator.is_staff = True
    people.coordinator.save()
    client.force_login(people.coordinator)
    url = reverse("admin:directory_organization_changelist")
    assert client.get(url).status_code == 403


def test_saving_an_organization_in_the_admin_refreshes_its_search_text(client, people):
    people.secretariat.is_staff = True
    people.secretariat.save()
    client.force_login(people.secretariat)
    url = reverse("admin:directory_organization_change", args=[people.ngo.pk])
    response = client.post(
        url,
        {
            "name": "Shire River Trust",
            "country": people.malawi.pk,
            "type": "ngo",
            "website": "",
            "description": "",
            "membership_set-TOTAL_FORMS": "0",
            "membership_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    people.ngo.refresh_from_db()
    assert people.ngo.search_text == "shire river trust"
