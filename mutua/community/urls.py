from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("helpdesk/", views.helpdesk, name="helpdesk"),
    path("helpdesk/queue/", views.queue, name="queue"),
    path("helpdesk/<uuid:uuid>/", views.ticket, name="ticket"),
    path(
        "helpdesk/<uuid:uuid>/<slug:action>/",
        views.handle,
        name="handle",
    ),
    path("discussions/", views.spaces, name="spaces"),
    path("discussions/search/", views.search, name="search"),
    path("discussions/reports/", views.reports, name="reports"),
    path("discussions/follow/", views.follow, name="follow"),
    path("discussions/<uuid:uuid>/", views.space, name="space"),
    path("discussions/threads/<uuid:uuid>/", views.thread, name="thread"),
    path("discussions/threads/<uuid:uuid>/moderate/", views.moderate, name="moderate"),
    path(
        "discussions/posts/<uuid:uuid>/<slug:action>/",
        views.post_action,
        name="post_action",
    ),
    path(
        "requests/<uuid:uuid>/questions/",
        views.record_questions,
        {"kind": "requests"},
        name="request_questions",
    ),
    path(
        "offers/<uuid:uuid>/questions/",
        views.record_questions,
        {"kind": "offers"},
        name="offer_questions",
    ),
]
