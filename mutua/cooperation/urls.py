from django.urls import path

from .views import exports
from .views import partnerships
from .views import rates
from .views import records

app_name = "cooperation"

urlpatterns = [
    path("partnerships/", partnerships.partnership_list, name="list"),
    path("partnerships/new/", partnerships.partnership_new, name="new"),
    path("partnerships/export/<str:table>.<str:fmt>", exports.export, name="export"),
    path("partnerships/iati.xml", exports.export_iati, name="iati"),
    path(
        "partnerships/<uuid:uuid>/", partnerships.partnership_detail, name="partnership"
    ),
    path("partnerships/<uuid:uuid>/edit/", partnerships.partnership_edit, name="edit"),
    path(
        "partnerships/<uuid:uuid>/participants/new/",
        partnerships.participant_add,
        name="participant_add",
    ),
    path(
        "partnerships/<uuid:uuid>/participants/<int:pk>/remove/",
        partnerships.participant_remove,
        name="participant_remove",
    ),
    path(
        "partnerships/<uuid:uuid>/activity/<int:pk>/attendance/",
        records.attendance,
        name="attendance",
    ),
    path(
        "partnerships/<uuid:uuid>/field-report/",
        records.field_report,
        name="field_report",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/new/",
        records.record_form,
        name="record_add",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/<int:pk>/",
        records.record_form,
        name="record_edit",
    ),
    path(
        "partnerships/<uuid:uuid>/<str:kind>/<int:pk>/delete/",
        records.record_delete,
        name="record_delete",
    ),
    path("exchange-rates/", rates.exchange_rates, name="rates"),
    path("exchange-rates/<int:pk>/", rates.exchange_rate_edit, name="rate_edit"),
    path(
        "exchange-rates/<int:pk>/delete/",
        rates.exchange_rate_delete,
        name="rate_delete",
    ),
]
