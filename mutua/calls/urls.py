from django.urls import path

from .views import applications
from .views import calls
from .views import panel
from .views import questions
from .views import report
from .views import selection

app_name = "calls"

urlpatterns = [
    path("calls/", calls.call_list, name="list"),
    path("calls/new/", calls.call_new, name="new"),
    path("calls/<uuid:uuid>/", calls.call_detail, name="call"),
    path("calls/<uuid:uuid>/edit/", calls.call_edit, name="edit"),
    path("calls/<uuid:uuid>/apply/", applications.apply, name="apply"),
    path(
        "calls/<uuid:uuid>/applications/",
        applications.call_applications,
        name="applications",
    ),
    path(
        "calls/<uuid:uuid>/documents/",
        applications.call_document_add,
        name="call_document_add",
    ),
    path("calls/<uuid:uuid>/questions/", questions.ask, name="ask"),
    path("calls/<uuid:uuid>/panel/", panel.panel_page, name="panel"),
    path("calls/<uuid:uuid>/report/", report.report, name="report"),
    path("calls/<uuid:uuid>/report.pdf", report.report_download, name="report_pdf"),
    path("calls/<uuid:uuid>/panel/<int:seat>/", panel.panel_leave, name="panel_leave"),
    path(
        "calls/<uuid:uuid>/assessment/close/",
        panel.assessment_close,
        name="assessment_close",
    ),
    path("calls/<uuid:uuid>/<slug:action>/", calls.call_move, name="move"),
    path("questions/<uuid:uuid>/", questions.answer, name="answer"),
    path("applications/", applications.my_applications, name="mine"),
    path("assess/", panel.my_assessments, name="assess"),
    path("applications/<uuid:uuid>/declare/", panel.declare, name="declare"),
    path("applications/<uuid:uuid>/score/", panel.score, name="score"),
    path("applications/<uuid:uuid>/select/", selection.select, name="select"),
    path("selections/<uuid:uuid>/", selection.selection_detail, name="selection"),
    path(
        "selections/<uuid:uuid>/accept/",
        selection.accept,
        name="selection_accept",
    ),
    path(
        "selections/<uuid:uuid>/decline/",
        selection.decline,
        name="selection_decline",
    ),
    path(
        "selections/<uuid:uuid>/agreement/",
        selection.agreement,
        name="selection_agreement",
    ),
    path("selections/<uuid:uuid>/pledge/", selection.pledge, name="selection_pledge"),
    path(
        "selections/<uuid:uuid>/coordinator/",
        selection.appoint,
        name="selection_appoint",
    ),
    path(
        "applications/<uuid:uuid>/",
        applications.application_detail,
        name="application",
    ),
    path(
        "applications/<uuid:uuid>/edit/",
        applications.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<uuid:uuid>/documents/",
        applications.application_document_add,
        name="application_document_add",
    ),
    path(
        "applications/<uuid:uuid>/<slug:action>/",
        applications.application_move,
        name="application_move",
    ),
    path("documents/<uuid:uuid>/", applications.document_download, name="document"),
    path(
        "documents/<uuid:uuid>/remove/",
        applications.document_remove,
        name="document_remove",
    ),
]
