"""The matching pages as a person uses them: a request's suggestions and matches,
and proposing an offer for it."""

from django.urls import reverse


def page(client, request) -> str:
    response = client.get(reverse("matching:request", args=[request.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def propose(client, request, offer_value):
    return client.post(
        reverse("matching:propose", args=[request.uuid]), {"offer": offer_value}
    )
