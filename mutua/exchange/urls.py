from django.urls import path

from . import views

app_name = "exchange"

PLURALS = {"request": "requests", "offer": "offers", "opportunity": "opportunities"}


def _kind_urls(kind: str, plural: str) -> list:
    on = {"kind": kind}
    return [
        path(f"{plural}/", views.record_list, on, name=plural),
        path(f"{plural}/new/", views.record_new, on, name=f"{kind}_new"),
        path(f"{plural}/<uuid:uuid>/", views.record_detail, on, name=kind),
        path(f"{plural}/<uuid:uuid>/edit/", views.record_edit, on, name=f"{kind}_edit"),
        path(
            f"{plural}/<uuid:uuid>/act/<slug:action>/",
            views.record_act,
            on,
            name=f"{kind}_action",
        ),
        path(
            f"{plural}/<uuid:uuid>/withdraw/",
            views.record_withdraw,
            on,
            name=f"{kind}_withdraw",
        ),
    ]


urlpatterns = [
    *(url for kind, plural in PLURALS.items() for url in _kind_urls(kind, plural)),
    path(
        "requests/<uuid:uuid>/publish/",
        views.request_publish,
        name="request_publish",
    ),
    path("review/", views.review, name="review"),
    path("endorse/", views.endorse, name="endorse"),
    path("me/", views.me, name="me"),
]
