from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("calls/", views.call_list, name="list"),
    path("calls/new/", views.call_new, name="new"),
    path("calls/<uuid:uuid>/", views.call_detail, name="call"),
    path("calls/<uuid:uuid>/edit/", views.call_edit, name="edit"),
    path("calls/<uuid:uuid>/<slug:action>/", views.call_move, name="move"),
]
