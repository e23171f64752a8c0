from django.urls import path

from .views import editing
from .views import lists
from .views import queues
from .views import records

app_name = "exchange"

PLURALS = {"request": "requests", "offer": "offers", "opportunity": "opportunities"}


def _kind_urls(kind: str, plural: str) -> list:
    on = {"kind": kind}
    return [
        path(f"{plural}/", lists.record_list, on, name=plural),
        path(f"{plural}/new/", editing.record_new, on, name=f"{kind}_new"),
        path(f"{plural}/<uuid:uuid>/", records.record_detail, on, name=kind),
        path(
            f"{plural}/<uuid:uuid>/edit/", editing.record_edit, on, name=f"{kind}_edit"
        ),
        path(
            f"{plural}/<uuid:uuid>/act/<slug:action>/",
            records.record_act,
            on,
            name=f"{kind}_action",
        ),
        path(
            f"{plural}/<uuid:uuid>/withdraw/",
            records.record_withdraw,
            on,
            name=f"{kind}_withdraw",
        ),
    ]


urlpatterns = [
    *(url for kind, plural in PLURALS.items() for url in _kind_urls(kind, plural)),
    path(
        "requests/<uuid:uuid>/publish/",
        records.request_publish,
        name="request_publish",
    ),
    path("review/", queues.review, name="review"),
    path("endorse/", queues.endorse, name="endorse"),
    path("me/", queues.me, name="me"),
]
