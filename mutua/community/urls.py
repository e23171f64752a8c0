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
]
