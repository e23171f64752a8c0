from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/report/", views.report, name="report"),
    path("monitoring/trends/", views.trends, name="trends"),
    path("monitoring/time-to-help/", views.time_to_help, name="time_to_help"),
    path(
        "monitoring/time-to-help/<slug:stage>/",
        views.time_to_help_records,
        name="time_to_help_records",
    ),
    path("monitoring/export.<str:fmt>", views.export, name="export"),
    path("monitoring/indicators/<str:code>/", views.indicator, name="indicator"),
    path(
        "monitoring/indicators/<str:code>/records/",
        views.indicator_records,
        name="records",
    ),
    path("monitoring/theory-of-change/", views.theory, name="theory"),
    path("monitoring/theory-of-change/steps/", views.steps, name="steps"),
    path("monitoring/theory-of-change/steps/<int:pk>/", views.step_edit, name="step"),
    path(
        "monitoring/theory-of-change/steps/<int:pk>/delete/",
        views.step_delete,
        name="step_delete",
    ),
]
