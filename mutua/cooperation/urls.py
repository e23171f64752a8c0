from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/new/", views.partnership_new, name="new"),
    path("partnerships/export/<str:table>.<str:fmt>", views.export, name="export"),
    path("partnerships/iati.xml", views.export_iati, name="iati"),
    path("partnerships/<uuid:uuid>/", views.partnership_detail, name="partnership"),
    path("partnerships/<uuid:uuid>/edit/", views.partnership_edit, name="edit"),
    path(
        "partnerships/<uuid:uuid>/participants/new/",
        views.participant_add,
        name="participant_add",
    ),
    path(
        "partnerships/<uuid:uuid>/participants/<int:pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "partnerships/<uuid:uuid>/activity/<int:pk>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/new/",
        views.record_form,
        name="record_add",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/<int:pk>/",
        views.record_form,
        name="record_edit",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/<int:pk>/delete/",
        views.record_delete,
        name="record_delete",
    ),
    path("exchange-rates/", views.exchange_rates, name="rates"),
    path("exchange-rates/<int:pk>/", views.exchange_rate_edit, name="rate_edit"),
    path(
        "exchange-rates/<int:pk>/delete/",
        views.exchange_rate_delete,
        name="rate_delete",
    ),
]
