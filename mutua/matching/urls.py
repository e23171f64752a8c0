from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("requests/<uuid:uuid>/matches/", views.request_matches, name="request"),
    path("requests/<uuid:uuid>/matches/propose/", views.match_propose, name="propose"),
    path("matches/<uuid:uuid>/answer/", views.match_answer, name="answer"),
    path("matches/waiting/", views.matches_waiting, name="waiting"),
    path("matches/escalated/", views.escalated, name="escalated"),
    path(
        "matches/escalated/<int:pk>/take-up/",
        views.escalation_take_up,
        name="take_up",
    ),
    path("offers/<uuid:uuid>/answers/", views.offer_answers, name="offer_answers"),
    path("matching/settings/", views.matching_settings, name="settings"),
    path("offers/<uuid:uuid>/fits/", views.offer_fits, name="offer"),
    path("offers/<uuid:uuid>/follow/", views.offer_follow, name="follow"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<uuid:uuid>/", views.round_detail, name="round"),
    path("rounds/<uuid:uuid>/change/", views.round_change, name="round_change"),
]
